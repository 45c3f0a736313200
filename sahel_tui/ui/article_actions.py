"""The full article in the triage screen: switch between it and the feed's text (``w``),
fetch it for one item on request (``w`` when there is none yet, ``W`` to fetch it again).

The fetch runs in a worker thread through the same path as a sync (fulltext.fetch_articles:
robots.txt, size cap, sanitising); the screen is told when it is stored.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from sahel_tui.store import views


class ArticleActions:
    """Mixed into TriageScreen: needs .app (with .conn, .config, .db_path), .items,
    ._show_current() and .start_coding()."""

    show_article: bool = True  # the article when there is one; w flips it
    _fetching: set[int] | None = None

    def article_note(self, item_id: int | None) -> str | None:
        if item_id is not None and self._fetching and item_id in self._fetching:
            return "fetching the article…"
        return None

    def action_toggle_article(self) -> None:
        row = self.items.current
        if row is None:
            return
        detail = views.item_detail(self.app.conn, row.id)
        if detail is not None and detail.article:
            self.show_article = not self.show_article
            self._show_current()
            return
        self._fetch_article(row.id, detail)

    def action_fetch_article(self) -> None:
        row = self.items.current
        if row is not None:
            self._fetch_article(row.id, views.item_detail(self.app.conn, row.id))

    def _fetch_article(self, item_id: int, detail) -> None:
        link = detail.link if detail is not None else None
        if not link or urlsplit(link).scheme.lower() not in ("http", "https"):
            self.notify("This item has no web link to fetch the article from.", timeout=3)
            return
        if self._fetching is None:
            self._fetching = set()
        if item_id in self._fetching:
            self.notify("Already fetching this article.", timeout=2)
            return
        self._fetching.add(item_id)
        self._show_current()
        self.app.run_worker(lambda: self._article_thread(item_id), thread=True,
                            group="article")

    def _article_thread(self, item_id: int) -> None:
        from sahel_tui.ingest.fulltext import fetch_articles

        try:
            report = fetch_articles(self.app.config, db_path=self.app.db_path, item_ids=[item_id])
            outcome = report.outcomes[0] if report.outcomes else None
            message = None
        except Exception as exc:  # shown, never a crash
            outcome, message = None, f"{type(exc).__name__}: {exc}"
        self.app.deliver(self._article_done, item_id, outcome, message)

    def _article_done(self, item_id: int, outcome, message: str | None) -> None:
        if self._fetching is not None:
            self._fetching.discard(item_id)
        if outcome is None or outcome.state == "failed":
            reason = message or (outcome.error if outcome else "nothing fetched")
            self.notify(f"Article not fetched: {reason}", severity="warning", timeout=6)
        elif outcome.state == "shorter":
            self.notify("The article is no longer than the feed's text; the feed's text is kept.",
                        timeout=4)
        elif outcome.state in ("ok", "unchanged"):
            self.show_article = True
        self.items.refresh_rows({item_id})
        current = self.items.current
        if current is not None and current.id == item_id:
            if outcome is not None and outcome.state == "ok":
                self.start_coding(item_id)  # suggestions read the article now
            self._show_current()
