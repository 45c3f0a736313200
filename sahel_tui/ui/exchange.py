"""Export of the current view (with progress), and the review of import conflicts."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sahel_tui import paths
from sahel_tui.ui.bindings import CONFLICTS
from sahel_tui.ui.forms import Form
from sahel_tui.ui.queued import QueuedWrites

FORMATS = ("csv", "jsonl", "geojson")


class ExportForm(Form):
    TITLE_TEXT = "Export the current view"
    FIELDS = [
        ("format", "Format: csv (ACLED columns), jsonl (exchange), geojson (maps)", "csv"),
        ("path", "File", ""),
        ("items", "Items instead of events, as a reading list? (y/n)", "n"),
        ("bom", "CSV with a byte order mark for spreadsheets? (y/n)", "n"),
    ]

    def __init__(self, query_text: str) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M")
        folder = paths.exports_dir()  # a documented folder, not wherever the app was started
        super().__init__({"format": "csv", "path": str(folder / f"sahel-events-{stamp}.csv"),
                          "items": "n", "bom": "n"})
        self.TITLE_TEXT = f"Export the current view ({query_text or 'all items'})"

    def validate(self, data):
        fmt = data["format"].lower() or "csv"
        if fmt not in FORMATS:
            self.error(f"Format must be one of {', '.join(FORMATS)}.")
            return None
        path = Path(data["path"]).expanduser()
        if not data["path"]:
            self.error("A file name is needed.")
            return None
        if path.suffix.lower() in (".csv", ".jsonl", ".geojson") and path.suffix[1:] != fmt:
            path = path.with_suffix(f".{fmt}")
        if path.parent == paths.exports_dir():
            path.parent.mkdir(parents=True, exist_ok=True)
        if not path.parent.exists():
            self.error(f"No such folder: {path.parent}")
            return None
        items = data["items"].lower().startswith("y")
        if items and fmt == "geojson":
            self.error("Items have no coordinates: export them as csv or jsonl.")
            return None
        return {"format": fmt, "path": path, "items": items,
                "bom": data["bom"].lower().startswith("y")}


class ConflictsScreen(QueuedWrites, Screen):
    """Items another analyst coded differently: both codings side by side, resolved here."""

    BINDINGS = CONFLICTS
    DEFAULT_CSS = """
    ConflictsScreen #conflicts-head { height: auto; padding: 0 1; background: $panel; }
    ConflictsScreen OptionList, ConflictsScreen OptionList:focus { height: 1fr; border: none; }
    ConflictsScreen #conflicts-keys { height: 1; background: $panel; padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.conflicts: list = []

    def compose(self) -> ComposeResult:
        yield Static("", id="conflicts-head")
        yield OptionList(id="conflicts")
        yield Static(Text("l keep ours · t keep theirs · b keep both · u undo · enter open the "
                          "item · esc back", style="dim"), id="conflicts-keys")

    def on_mount(self) -> None:
        self.load()
        self.query_one(OptionList).focus()

    def load(self) -> None:
        from sahel_tui.exchange.conflicts import list_conflicts

        self.conflicts = list_conflicts(self.app.conn)
        head = Text()
        head.append("Import conflicts", style="bold")
        head.append(f"   {len(self.conflicts)} open: items coded differently here and by "
                    "another analyst; both codings are kept until you choose", style="dim")
        self.query_one("#conflicts-head", Static).update(head)
        options = []
        for c in self.conflicts:
            t = Text()
            t.append(f"#{c.id} ", style="bold")
            t.append(c.item_title, style="bold")
            t.append(f"   from {c.origin}\n", style="dim")
            for label, codings in (("ours  ", c.local), ("theirs", c.theirs)):
                for coding in codings:
                    t.append(f"   {label} ", style="cyan" if label.startswith("o") else "magenta")
                    t.append(coding.short + ("  (removed)" if coding.deleted else "") + "\n")
            options.append(Option(t))
        lst = self.query_one(OptionList)
        highlighted = lst.highlighted
        lst.clear_options()
        lst.add_options(options or [Option(Text("No open conflicts.", style="dim"), disabled=True)])
        if options:
            lst.highlighted = min(highlighted or 0, len(options) - 1)

    def _current(self):
        index = self.query_one(OptionList).highlighted
        return self.conflicts[index] if index is not None and index < len(self.conflicts) else None

    def action_resolve(self, keep: str) -> None:
        from sahel_tui.exchange.conflicts import ConflictError

        conflict = self._current()
        if conflict is None:
            return

        def resolved(result) -> None:
            if isinstance(result, ConflictError):
                self.notify(str(result), severity="error")
                return
            self.notify(f"Conflict #{conflict.id}: kept {keep} (u to undo).", timeout=3)
            self._reload()

        self._write(f"keep {keep} in conflict #{conflict.id}", "resolve", conflict.id, keep,
                    self.app.coder, on_done=resolved)

    def _reload(self) -> None:
        if self.is_attached and self.app.screen is self:
            self.load()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        conflict = self._current()
        if conflict is not None:
            self.dismiss(conflict.item_id)

    def action_back(self) -> None:
        self.dismiss(None)
