"""Left pane: views, saved queries, tags and feeds, each with its untriaged count."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


@dataclass(frozen=True)
class Entry:
    label: str
    query: str
    count: int | None = None
    problem: str | None = None  # a feed's last error


def _quote(value: str) -> str:
    return f'"{value}"' if any(c.isspace() for c in value) or '"' in value else value


class Sidebar(OptionList):
    DEFAULT_CSS = """
    Sidebar { width: 32; border: none; border-right: vkey $foreground 20%; padding: 0; }
    Sidebar:focus { border: none; border-right: vkey $accent; }
    """

    class Chosen(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    def show(self, saved: dict[str, str], feeds: list, tags: dict[str, int],
             view_counts: dict[str, int], saved_counts: dict[str, int]) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self._queries = {}
        sections = [
            ("Views", [Entry("All items", "", view_counts.get("all")),
                       Entry("Untriaged", "status:new", view_counts.get("new")),
                       Entry("Flagged", "status:flagged", view_counts.get("flagged"))]),
            ("Saved queries", [Entry(name, q, saved_counts.get(name)) for name, q in saved.items()]),
            ("Tags", [Entry(f"#{t}", f"tag:{_quote(t)}", n) for t, n in tags.items()]),
            ("Feeds", [Entry(f["name"], f"feed:{_quote(f['name'])}", f["untriaged"],
                             f["last_error"] if f["error_count"] else None) for f in feeds]),
        ]
        options: list[Option | None] = []
        for title, entries in sections:
            if not entries:
                continue
            options.append(Option(Text(title.upper(), style="bold dim"), disabled=True))
            for e in entries:
                options.append(Option(self._label(e), id=f"q{len(options)}"))
                self._queries[f"q{len(options) - 1}"] = e.query
        self.add_options(options)
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted

    def _label(self, e: Entry) -> Text:
        width = 26
        count = "" if e.count is None else str(e.count)
        name = e.label if len(e.label) <= width - len(count) - 2 else e.label[: width - len(count) - 3] + "…"
        text = Text(name, style="red" if e.problem else "")
        text.append(" " * max(1, width - len(name) - len(count)))
        text.append(count, style="bold" if e.count else "dim")
        return text

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._queries: dict[str, str] = {}

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        query = self._queries.get(event.option.id or "")
        if query is not None:
            self.post_message(self.Chosen(query))
