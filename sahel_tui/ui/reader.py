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
             title_spans: list[tuple[int, int, str]] | None = None, *,
             article: bool = True, note: str | None = None) -> None:
        """Display ``item``: its full article when it has one and ``article`` is set, else the
        feed's text. ``words`` (search terms) and ``spans`` (offsets into the text shown,
        with a style) are highlighted. Nothing from the feed or the page is read as markup."""
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
            when += " (time guessed: the feed gave no believable date)"
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
        showing_article = bool(article and item.article)
        if item.article:
            other = "the feed's text" if showing_article else "the article"
            out.append("ARTICLE" if showing_article else "FEED TEXT", style="bold reverse")
            out.append(f"  w: {other}\n", style="dim")
        if note or item.article_note:
            out.append((note or item.article_note or "") + "\n", style="dim italic")
        out.append("\n")
        offset = len(out.plain)
        shown = item.article if showing_article else item.text
        out.append(shown or "(no text: the feed sent only a title; w fetches the article)")
        for start, end, style in spans or []:
            out.stylize(style, offset + start, offset + end)
        if words:
            out.highlight_words([w for w in words if len(w) > 1], "reverse", case_sensitive=False)
        same = getattr(self, "_shown_id", None) == (item.id, showing_article)
        self._shown_id = (item.id, showing_article)
        body.update(out)
        if not same:  # re-highlighting the same item keeps the reading position
            self.scroll_home(animate=False)

    def page(self, pages: int) -> None:
        if pages > 0:
            self.scroll_page_down(animate=False)
        else:
            self.scroll_page_up(animate=False)


_STATUS_STYLE = {"new": "cyan", "coded": "green", "dismissed": "grey50", "flagged": "red"}
