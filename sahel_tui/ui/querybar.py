"""The query bar: edit a query, see a parse error marked at its position."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from sahel_tui.store.query import QueryError, parse

if TYPE_CHECKING:
    from textual.widgets import Input


class QueryBar(Vertical):
    DEFAULT_CSS = """
    QueryBar { height: auto; display: none; }
    QueryBar.-open { display: block; }
    QueryBar Input, QueryBar Input:focus { border: none; height: 1; padding: 0 1; }
    QueryBar #query-error { height: auto; padding: 0 1; color: $error; display: none; }
    QueryBar #query-error.-shown { display: block; }
    """

    class Submitted(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Cancelled(Message):
        pass

    def compose(self):
        return []  # the input is mounted when the bar first opens: not paid for at start-up

    async def open(self, text: str) -> None:
        from textual.widgets import Input  # imported when first needed

        if not self.query("#query-input"):
            await self.mount(
                Input(placeholder="query: words feed: tag: status: since: until: actor: place: "
                                  "type: a OR b -negate  (enter runs, esc cancels)",
                      id="query-input"),
                Static("", id="query-error"))
        self.add_class("-open")
        field = self.query_one("#query-input", Input)
        field.value = text
        field.cursor_position = len(text)
        field.focus()
        self._validate(text)

    def close(self) -> None:
        self.remove_class("-open")
        for box in self.query("#query-error"):
            box.remove_class("-shown")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def _validate(self, text: str) -> QueryError | None:
        error_box = self.query_one("#query-error", Static)
        try:
            parse(text)
        except QueryError as exc:
            marker = Text(" " * (exc.position + 2), style="")
            marker.append("^" * exc.length, style="bold")
            marker.append(f" {exc.message}")
            error_box.update(marker)
            error_box.add_class("-shown")
            return exc
        error_box.remove_class("-shown")
        return None

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._validate(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._validate(event.value) is None:
            self.post_message(self.Submitted(event.value.strip()))

    def key_escape(self) -> None:
        self.post_message(self.Cancelled())
