"""The application shell: the database connection, keymap, refresh worker, palette."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider

from sahel_tui.config import Config
from sahel_tui.store import open_store
from sahel_tui.store.db import connect
from sahel_tui.store.decisions import default_coder
from sahel_tui.ui.bindings import ALL, APP, keymap_from_config
from sahel_tui.ui.triage import TriageScreen

QUERY_HELP = """Query language (/ to search, f to edit the query, esc to clear):
  words "a phrase" word*     full-text search over titles and texts (accents ignored)
  feed:NAME  tag:TAG         items from a feed (name contains NAME) or from feeds with a tag
  status:new|coded|dismissed|flagged
  since:2026-10-01  until:2026-10  since:7d   dates, months, years, or relative (h d w m y)
  actor:X  place:Y  type:Z   coded events (once items are coded)
  -term                      negates any term; terms are combined with AND"""


class TriageCommands(Provider):
    """ctrl+p: every action and saved query by name."""

    def _commands(self):
        screen = self.screen  # the screen the palette was opened from
        if isinstance(screen, TriageScreen):
            for binding in [*screen.BINDINGS, *APP]:
                if binding.description and binding.id and not binding.id.startswith("app.palette"):
                    target = screen if binding in screen.BINDINGS else self.app
                    yield (binding.description, partial(target.run_action, binding.action),
                           f"key: {binding.key_display or binding.key}")
            for name, text in self.app.config.queries.items():
                yield (f"Saved query: {name}", partial(screen.set_query, text), text)
            for label, text in (("Show untriaged", "status:new"), ("Show flagged", "status:flagged"),
                                ("Show all items", "")):
                yield (label, partial(screen.set_query, text), text or "no filter")

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)


class SahelApp(App):
    TITLE = "sahel-tui"
    BINDINGS = APP
    COMMANDS = App.COMMANDS | {TriageCommands}

    def __init__(self, config: Config, demo: bool = False, coder: str | None = None) -> None:
        super().__init__()
        self.config = config
        self.demo = demo
        self.db_path: Path = config.settings.database
        self.conn = open_store(self.db_path)
        self.coder = coder or default_coder()
        self.fetch_state = self._initial_fetch_state()
        self.syncing = False
        self.sub_title = "demo data" if demo else str(self.db_path)
        self._keymap, self._keymap_problems = keymap_from_config(config.keys)
        self._worker_conns: set = set()
        self.closing = False
        self.vocab = None  # loaded in the background after the first frame

    @property
    def keymap_overrides(self) -> dict[str, str]:
        return self._keymap

    def _initial_fetch_state(self) -> str:
        row = self.conn.execute(
            "SELECT count(*), sum(error_count > 0), sum(dead) FROM feeds WHERE enabled = 1"
        ).fetchone()
        feeds, failing, dead = row[0], row[1] or 0, row[2] or 0
        if not feeds:
            return "no feeds configured"
        text = f"{feeds} feeds"
        if failing:
            text += f", {failing} failing"
        if dead:
            text += f", {dead} gone"
        return text

    def notify(self, message: str, *, title: str = "", severity="information",
               timeout: float | None = None, markup: bool = True) -> None:
        # Every notification here is plain text, and many carry feed names, URLs in brackets
        # or error messages: never read them as markup.
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def get_default_screen(self) -> TriageScreen:
        # the triage screen is the app's first screen: no blank screen painted before it
        return TriageScreen()

    def on_mount(self) -> None:
        if self._keymap:
            self.set_keymap(self._keymap)
        for problem in self._keymap_problems + list(self.config.warnings):
            self.notify(problem, severity="warning", timeout=8)
        # vocabularies load once the first screen is up: a thread building the matcher
        # competes for the interpreter with the first paint
        self.set_timer(0.25, lambda: self.run_worker(self._vocab_thread, thread=True,
                                                     group="vocab"))

    # -- vocabularies ----------------------------------------------------------------------------

    def _read_vocab(self):
        """Shipped vocabularies plus the analyst's files; a mistake in those is reported and
        the shipped ones are used meanwhile."""
        from sahel_tui import paths
        from sahel_tui.vocab import VocabError, load_vocab

        try:
            vocab = load_vocab(paths.user_config_dir())
            problem = None
        except VocabError as exc:
            vocab, problem = load_vocab(None), str(exc)
        vocab.matcher()  # built once, here, off the UI thread
        return vocab, problem

    def _vocab_thread(self) -> None:
        vocab, problem = self._read_vocab()
        if not self.closing:
            self.call_from_thread(self._vocab_loaded, vocab, problem)

    def load_vocab_now(self) -> None:
        if self.vocab is None:
            vocab, problem = self._read_vocab()
            self._vocab_loaded(vocab, problem)

    def _vocab_loaded(self, vocab, problem: str | None) -> None:
        if self.vocab is not None:
            return
        self.vocab = vocab
        if problem:
            self.notify(f"{problem}\nUsing the shipped vocabularies until it is fixed.",
                        title="Vocabulary file", severity="error", timeout=15)
        for screen in self.screen_stack:
            if isinstance(screen, TriageScreen):
                row = screen.items.current
                screen.start_coding(row.id if row else None)

    def worker_connection(self):
        """A connection for a background thread; interrupted if the app quits meanwhile."""
        conn = connect(self.db_path, check_same_thread=False)
        self._worker_conns.add(conn)
        return conn

    def keep_connection(self, conn) -> None:
        """A worker's connection that outlives the worker (the tallies pane's): no longer
        interrupted when the app quits; its owner closes it."""
        self._worker_conns.discard(conn)

    def release_connection(self, conn) -> None:
        self._worker_conns.discard(conn)
        conn.close()

    async def action_quit(self) -> None:
        # quitting is instant: long counts running in threads are interrupted, not awaited
        self.closing = True
        for conn in list(self._worker_conns):
            conn.interrupt()
        self.exit()

    def on_unmount(self) -> None:
        self.closing = True
        for conn in list(self._worker_conns):
            conn.interrupt()
        self.conn.close()

    # -- help ------------------------------------------------------------------------------------

    def action_help(self) -> None:
        rows = []
        for b in ALL:
            key = b.key_display or b.key
            if b.id in self._keymap:
                key = self._keymap[b.id]
            rows.append((key, b.description, b.id or ""))
        from sahel_tui.ui.modals import Help  # imported when first needed

        self.push_screen(Help(rows, QUERY_HELP))

    # -- refresh in the background -----------------------------------------------------------------

    def start_refresh(self) -> None:
        if self.syncing:
            self.notify("Already refreshing.", timeout=2)
            return
        if not self.config.enabled_feeds:
            self.notify("No feeds configured: add [[feeds]] to feeds.toml.", severity="warning")
            return
        self.syncing = True
        self._set_fetch_state(f"↻ fetching 0/{len(self.config.enabled_feeds)}")
        self.run_worker(self._sync_thread, thread=True, exclusive=True, group="sync")

    def _sync_thread(self) -> None:
        from sahel_tui.ingest.sync import sync

        def progress(outcome, done, total):
            self.call_from_thread(self._set_fetch_state, f"↻ fetching {done}/{total}")

        try:
            report = sync(self.config, db_path=self.db_path, progress=progress)
        except Exception as exc:  # shown, never a crash: the analyst keeps working
            self.call_from_thread(self._sync_failed, f"{type(exc).__name__}: {exc}")
            return
        articles = bool(self.config.full_text_urls())
        self.call_from_thread(self._sync_done, report, articles)
        if articles and not self.closing:
            self._articles_after_sync(report.summary())

    def _articles_after_sync(self, synced: str) -> None:
        """The full articles of the new items (feeds with full_text), after the feeds:
        the new items are already in the list meanwhile."""
        from sahel_tui.ingest.fulltext import fetch_articles

        def progress(outcome, done, total):
            self.call_from_thread(self._set_fetch_state, f"↻ articles {done}/{total}")

        try:
            report = fetch_articles(self.config, db_path=self.db_path, progress=progress)
            text = f"synced: {synced}; articles: {report.summary()}"
        except Exception as exc:  # shown, never a crash
            text = f"synced: {synced}; articles failed: {type(exc).__name__}: {exc}"
        if not self.closing:
            self.call_from_thread(self._articles_done, text)

    def _set_fetch_state(self, text: str) -> None:
        self.fetch_state = text
        screen = self.screen
        if isinstance(screen, TriageScreen):
            screen.sync_progress(text)

    def _sync_done(self, report, articles_follow: bool = False) -> None:
        self.syncing = articles_follow  # a second refresh waits for the articles
        text = f"synced: {report.summary()}"
        if articles_follow:
            text += "; ↻ articles"
        self.fetch_state = text
        for screen in self.screen_stack:
            if isinstance(screen, TriageScreen):
                screen.sync_finished(text)
        if report.failed:
            lines = "\n".join(o.line() for o in report.failed[:5])
            more = f"\n… and {len(report.failed) - 5} more" if len(report.failed) > 5 else ""
            self.notify(lines + more, title="Some feeds failed", severity="warning", timeout=10)

    def _articles_done(self, text: str) -> None:
        self.syncing = False
        self.fetch_state = text
        for screen in self.screen_stack:
            if isinstance(screen, TriageScreen):
                screen.sync_finished(text)

    def _sync_failed(self, message: str) -> None:
        self.syncing = False
        self._set_fetch_state("refresh failed")
        self.notify(message, title="Refresh failed", severity="error", timeout=10)
