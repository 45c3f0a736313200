"""The reader: the current item's cleaned text, sources, time and link, shown literally."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from sahel_tui.store.views import ItemDetail


class Reader(VerticalScroll, can_focus=True):
    DEFAULT_CSS = """
    Reader { padding: 0 1; }
    Reader > Static { width: 1fr; }
    """

    def compose(self):
        yield Static(Text("No item selected.", style="dim"), id="reader-body")

    def show(self, item: ItemDetail | None, words: list[str] | None = None,
             spans: list[tuple[int, int, str]] | None = None,
             title_spans: list[tuple[int, int, str]] | None = None) -> None:
        """Display ``item``. ``words`` (search terms) and ``spans`` (offsets into the text,
        with a style) are highlighted. Nothing from the feed is read as markup."""
        body = self.query_one("#reader-body", Static)
        if item is None:
            body.update(Text("No item selected.", style="dim"))
            return
        out = Text()
        out.append(item.title or "(no title)", style="bold")
        for start, end, style in title_spans or []:
            out.stylize(style, start, end)
        out.append("\n")
        when = item.published.replace("T", " ").rstrip("Z") + " UTC"
        if item.published_guessed:
            when += " (time guessed: the feed gave none)"
        out.append(when, style="dim")
        out.append("   ")
        out.append(item.status, style=f"bold {_STATUS_STYLE.get(item.status, '')}")
        out.append("\n")
        for name, _link, reliability in item.sources:
            out.append(f"{name}", style="italic")
            out.append(f" [{reliability}]  ", style="dim")
        if item.author:
            out.append(f"by {item.author}", style="dim")
        out.append("\n")
        if item.link:
            out.append(item.link, style="underline dim")
            out.append("\n")
        out.append("\n")
        offset = len(out.plain)
        out.append(item.text or "(no text: the feed sent only a title)")
        for start, end, style in spans or []:
            out.stylize(style, offset + start, offset + end)
        if words:
            out.highlight_words([w for w in words if len(w) > 1], "reverse", case_sensitive=False)
        same = getattr(self, "_shown_id", None) == item.id
        self._shown_id = item.id
        body.update(out)
        if not same:  # re-highlighting the same item keeps the reading position
            self.scroll_home(animate=False)

    def page(self, pages: int) -> None:
        if pages > 0:
            self.scroll_page_down(animate=False)
        else:
            self.scroll_page_up(animate=False)


_STATUS_STYLE = {"new": "cyan", "coded": "green", "dismissed": "grey50", "flagged": "red"}
