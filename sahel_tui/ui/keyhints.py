"""One line of key hints, drawn from the binding table (with the analyst's keymap applied).

A plain Static: Textual's Footer builds a widget per binding and costs a sixth of the
app's start-up, for a line that hardly changes.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static


class KeyHints(Static):
    DEFAULT_CSS = """
    KeyHints { height: 1; background: $footer-background; color: $footer-foreground; }
    """

    def __init__(self, bindings: list[Binding], keymap: dict[str, str], **kwargs) -> None:
        super().__init__(self._hints(bindings, keymap), **kwargs)

    @staticmethod
    def _hints(bindings: list[Binding], keymap: dict[str, str]) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for b in bindings:
            if not b.show:
                continue
            key = keymap.get(b.id or "")
            key = key.split(",")[0] if key else (b.key_display or b.key.split(",")[0])
            text.append(f" {key} ", style="bold reverse")
            text.append(f" {b.description} ")
        return text
