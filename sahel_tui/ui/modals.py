"""Modal screens: confirmation for bulk actions, and the help screen."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class Confirm(ModalScreen[bool]):
    DEFAULT_CSS = """
    Confirm { align: center middle; }
    Confirm > Vertical { width: 64; height: auto; border: thick $warning; padding: 1 2;
                         background: $surface; }
    """
    BINDINGS = [Binding("y,enter", "answer(True)", "Yes"), Binding("n,escape", "answer(False)", "No")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question))
            yield Static(Text("\n[y]es / [n]o  (undo with u afterwards)", style="dim"))

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class Help(ModalScreen[None]):
    DEFAULT_CSS = """
    Help { align: center middle; }
    Help > VerticalScroll { width: 90; max-height: 90%; border: thick $accent; padding: 0 1;
                            background: $surface; }
    """
    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, bindings: list[tuple[str, str, str]], query_help: str) -> None:
        super().__init__()
        self.rows = bindings
        self.query_help = query_help

    def compose(self) -> ComposeResult:
        table = Table(title=Text("Keys (remap any id in feeds.toml [keys])"), expand=True, box=None)
        table.add_column("key", style="bold", no_wrap=True)
        table.add_column("action")
        table.add_column("id", style="dim", no_wrap=True)
        for key, desc, ident in self.rows:
            table.add_row(key, desc, ident)
        with VerticalScroll():
            yield Static(table)
            yield Static(Text("\n" + self.query_help))

    def action_close(self) -> None:
        self.dismiss(None)
