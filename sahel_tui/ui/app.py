"""The application shell: the database connection, keymap, refresh worker, palette."""

from __future__ import annotations

import contextlib
import sqlite3
from functools import partial
from pathlib import Path

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode

from sahel_tui.config import Config, no_feeds_message
from sahel_tui.store import open_store
from sahel_tui.store.db import connect
from sahel_tui.store.decisions import default_coder
from sahel_tui.store.faults import StoreFault, explain, fault_of
from sahel_tui.store.pending import UI_BUSY_MS, WriteQueue, side_file_for
from sahel_tui.ui.bindings import ALL, APP, keymap_from_config
from sahel_tui.ui.triage import TriageScreen

QUERY_HELP = """Query language (/ to search, f to edit the query, esc to clear):
  words "a phrase" word*     full-text search over titles and texts (accents ignored)
  feed:NAME  tag:TAG         items from a feed (name contains NAME) or from feeds with a tag
  status:new|coded|dismissed|flagged
  since:2026-10-01  until:2026-10  since:7d   dates, months, years, or relative (h d w m y)
  actor:X  place:Y  type:Z   coded events only (once items are coded)
  a OR b                     either term (OR binds tighter than the implicit AND)
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
        self.readonly = False
        self.damaged: str | None = None  # the message, once the file was found damaged
        try:
            self.conn = open_store(self.db_path)
        except StoreFault as exc:
            if exc.kind != "readonly":
                raise
            # reading, searching, tallies and exports work; decisions are refused
            self.conn = open_store(self.db_path, readonly=True)
            self.readonly = True
        if not self.readonly:
            # the UI thread never waits long on another process's write lock: a decision
            # that cannot be written at once waits in self.writes and is retried
            self.conn.execute(f"PRAGMA busy_timeout = {UI_BUSY_MS}")
        self.writes = WriteQueue(self.conn, side_file_for(self.db_path))
        # item id -> [its coding state as shown, writes of it waiting]: the panel shows what
        # the analyst did while the database could not take it yet
        self.pending_coding: dict[int, list] = {}
        self._quit_asked = 0.0
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
        try:
            return self._fetch_state_text()
        except sqlite3.DatabaseError as exc:  # a damaged file: said once the screen is up
            self.damaged = explain(exc, self.db_path)
            return "database damaged"

    def _fetch_state_text(self) -> str:
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
        if self.readonly:
            self.notify(f"{self.db_path} is read-only: reading, searching, tallies and exports work; "
                f"decisions are refused. To make changes, fix the file's permissions or copy "
                f"it somewhere writable and open it with --db.",
                title="Read-only database", severity="warning", timeout=20)
        if self.damaged:
            self.notify(self.damaged, title="Database damaged", severity="error", timeout=30)
        elif not self.readonly:
            self.call_after_refresh(self._load_left_writes)
        self.set_interval(1.0, self.flush_writes)
        # the check of the file and the vocabularies start once the first screen is up: a
        # thread building the matcher competes for the interpreter with the first paint,
        # and on a busy machine the check competes for its core
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        self.run_worker(self._quick_check, thread=True, group="check")
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
        try:  # the analyst's imported gazetteer, if any (about a second for 300k names)
            from sahel_tui.gazetteer.index import open_gazetteer

            vocab.gazetteer = open_gazetteer(self.db_path, vocab,
                                             self.config.settings.countries)
        except Exception as exc:  # never costs the app its start: coded without it
            problem = (problem + "\n" if problem else "") + f"Gazetteer not loaded: {exc}"
        return vocab, problem

    def _vocab_thread(self) -> None:
        vocab, problem = self._read_vocab()
        self.deliver(self._vocab_loaded, vocab, problem)

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
        conn = connect(self.db_path, check_same_thread=False, readonly=self.readonly)
        self._worker_conns.add(conn)
        return conn

    def keep_connection(self, conn) -> None:
        """A worker's connection that outlives the worker (the tallies pane's): no longer
        interrupted when the app quits; its owner closes it."""
        self._worker_conns.discard(conn)

    def release_connection(self, conn) -> None:
        self._worker_conns.discard(conn)
        conn.close()

    # -- writes that never wait on the lock ---------------------------------------------------------

    def banner(self) -> str:
        """What the status bar shows first while something is wrong with the database."""
        if self.damaged:
            return "DATABASE DAMAGED: see sahel-tui check"
        if self.readonly:
            return "READ-ONLY"
        if len(self.writes):
            why = {"locked": "database busy", "full": "disk full"}.get(self.writes.reason or "",
                                                                        "disk error")
            n = len(self.writes)
            return f"{n} decision{'s' if n != 1 else ''} pending: {why}"
        return ""

    def _show_banner(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, TriageScreen):
                screen.show_banner(self.banner())

    def write(self, label: str, fn, *args, op: str | None = None, on_done=None,
              on_cancel=None) -> bool | None:
        """A decision to the database without ever waiting on another process. True: written
        (on_done called); False: pending, written (and on_done called) when the lock frees or
        space returns, or taken back by u (on_cancel called); None: refused, with a message
        (read-only or damaged database)."""
        if self.readonly:
            self.notify(f"Not saved ({label}): the database is read-only.", severity="warning",
                        timeout=4)
            return None
        try:
            written = self.writes.submit(label, fn, *args, op=op, on_done=on_done,
                                         on_cancel=on_cancel)
        except sqlite3.Error as exc:
            self.database_trouble(exc)
            return None
        if not written:
            self._show_banner()
            # said once while decisions wait (a remembered position is not one)
            if op != "state" and len(self.writes) == 1:
                self.notify(self._waiting_message(), title="Decision pending",
                            severity="warning", timeout=8)
        return written

    def take_back_pending(self):
        """u while a decision waits: the last one is dropped before it reaches the database
        (what showed it on screen is put back). The dropped write, or None."""
        dropped = self.writes.cancel_last()
        if dropped is not None:
            if dropped.on_cancel is not None:
                dropped.on_cancel()
            self._show_banner()
        return dropped

    def _waiting_message(self) -> str:
        if self.writes.reason == "locked":
            why = "another process (an import or a fetch) holds the database"
        elif self.writes.reason == "full":
            why = "the disk is full"
        else:
            why = "the disk reported an error"
        return (f"{why}: your decisions are kept and will be written as soon as it can be "
                f"done (the status bar counts them). Keep working.")

    def flush_writes(self) -> None:
        """Every second: write what waits (without waiting on the lock)."""
        if not self.writes:
            return
        self.conn.execute("PRAGMA busy_timeout = 0")
        try:
            done = self.writes.flush()
        except sqlite3.Error as exc:
            self.database_trouble(exc)
            return
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {UI_BUSY_MS}")
        n = sum(1 for w in done if w.op != "state")
        if n:
            self.notify(f"{n} pending decision{'s' if n != 1 else ''} written"
                        + (f"; {len(self.writes)} still waiting." if len(self.writes) else "."),
                        timeout=4)
            for screen in self.screen_stack:
                if isinstance(screen, TriageScreen):
                    screen.pending_written()
        self._show_banner()

    def _load_left_writes(self) -> None:
        try:
            n = self.writes.load()
        except (OSError, ValueError) as exc:
            self.notify(f"{self.writes.side_file}: decisions left by the last session could "
                        f"not be read ({exc})", severity="error", timeout=15)
            return
        if n:
            self.notify(f"{n} decision{'s' if n != 1 else ''} left pending by the last session "
                        f"will be written now.", timeout=6)
            self.flush_writes()

    def database_trouble(self, exc: BaseException) -> None:
        """A database error met by an action: said, and the app goes on."""
        kind = fault_of(exc)
        message = explain(exc, self.db_path)
        if kind == "locked":  # a write that could not wait in the queue (a coding edit)
            message = ("Another process (an import or a fetch) is writing to the database: "
                       "this change was not saved and is still on screen. Try again in a "
                       "moment.")
        if kind == "corrupt":
            first = self.damaged is None
            self.damaged = message
            self._show_banner()
            if not first:
                return
        self.notify(message, title="Database", severity="error", timeout=15)

    def deliver(self, callback, *args, **kwargs) -> bool:
        """From a background thread: run `callback` on the UI thread, unless the app has
        begun to close by the time it runs there. Shutdown removes the screens' widgets
        first, so a result that arrives then has nowhere to go and is dropped, not raised
        (a suggestion that finished as the analyst quit once failed on a missing list).
        Likewise for a widget or screen from the moment its removal starts: its children
        go first, while it still counts as attached (Textual's own signals check the same
        flags). Whether it ran: a worker closes what a dropped result held."""
        def guarded() -> bool:
            node = getattr(callback, "__self__", None)
            if self.closing or not self.is_running:
                return False
            if isinstance(node, DOMNode) and node is not self and (
                    not node.is_attached or node._pruning or node._closing or node._closed):
                return False
            callback(*args, **kwargs)
            return True

        if self.closing:
            return False
        try:
            return self.call_from_thread(guarded)
        except RuntimeError:  # the loop has already stopped
            return False

    def worker_trouble(self, exc: BaseException) -> None:
        """From a background thread: a damaged file (or a disk error) met while counting or
        suggesting is named like any other, at the first error, not only by the check at
        start. Busy or interrupted reads stay quiet: the worker tries again later."""
        if fault_of(exc) in ("corrupt", "io") and not self.closing:
            with contextlib.suppress(RuntimeError):  # the app is already gone
                self.deliver(self.database_trouble, exc)

    async def run_action(self, action, default_namespace=None, namespaces=None) -> bool:
        # a key's action that meets a database fault says so and the app goes on (an
        # exception here would end the app's message loop)
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except sqlite3.Error as exc:
            self.database_trouble(exc)
            return True

    def _handle_exception(self, error: Exception) -> None:
        # the last net: a database fault that escaped everything ends the app with the
        # message, not a traceback
        cause = getattr(error, "error", None) or error  # WorkerFailed carries .error
        if isinstance(cause, sqlite3.Error) and fault_of(cause):
            self.closing = True
            self.exit(return_code=2, message=explain(cause, self.db_path))
            return
        super()._handle_exception(error)

    def _quick_check(self) -> None:
        """A damaged file is named at start, in the background (the first screen does not
        wait for it): PRAGMA quick_check over the whole file."""
        if self.damaged:
            return
        conn = self.worker_connection()
        try:
            rows = conn.execute("PRAGMA quick_check(3)").fetchall()
            problems = [r[0] for r in rows if r[0] != "ok"]
        except sqlite3.DatabaseError as exc:
            problems = [str(exc)]
        finally:
            self.release_connection(conn)
        # the first problem names the damage; "*** in database main ***" is a heading
        lines = [x.strip() for p in problems for x in p.splitlines() if x.strip()]
        problems = [x for x in lines if not x.startswith("***")] or lines
        if problems and not self.closing:
            more = f" (and more: {len(problems) - 1}+)" if len(problems) > 1 else ""
            self.deliver(self.database_trouble,
                         sqlite3.DatabaseError("database disk image is malformed: "
                                               + problems[0].strip() + more))

    async def action_quit(self) -> None:
        import time

        if self.writes and not self._keep_or_save_writes(time.monotonic()):
            return
        # quitting is instant: long counts running in threads are interrupted, not awaited
        self.closing = True
        for conn in list(self._worker_conns):
            conn.interrupt()
        self.exit()

    def _keep_or_save_writes(self, now: float) -> bool:
        """Quitting with decisions pending: one last try, then the triage decisions are
        saved beside the database (written at the next start). Edits that can only live in
        memory keep the app open until q is pressed again. True: quit."""
        self.conn.execute("PRAGMA busy_timeout = 1000")
        try:
            self.writes.flush()
        except sqlite3.Error as exc:
            self.database_trouble(exc)
        if not self.writes:
            return True
        try:
            _, lost = self.writes.save()
        except OSError as exc:
            lost = len(self.writes)
            self.notify(f"{self.writes.side_file}: cannot save the pending decisions "
                        f"({exc.strerror or exc})", severity="error", timeout=10)
        if not lost:
            return True  # in the side file (saved again, with the last position, on unmount)
        if now - self._quit_asked < 10:
            return True  # asked twice: the analyst chose to go
        self._quit_asked = now
        self.notify(f"{lost} change{'s' if lost != 1 else ''} not written yet "
                    f"({self._waiting_message().split(':')[0]}). Wait for the status bar to "
                    f"clear, or press q again to quit without them.",
                    title="Not saved yet", severity="error", timeout=10)
        return False

    def on_unmount(self) -> None:
        self.closing = True
        for conn in list(self._worker_conns):
            conn.interrupt()
        if self.writes:  # the screen's last position, written on its way out
            with contextlib.suppress(sqlite3.Error, OSError):
                self.writes.flush()
                self.writes.save()
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
            message = no_feeds_message(self.config)
            self.notify(message[0].upper() + message[1:] + ".", severity="warning", timeout=10)
            return
        self.syncing = True
        self._set_fetch_state(f"↻ fetching 0/{len(self.config.enabled_feeds)}")
        self.run_worker(self._sync_thread, thread=True, exclusive=True, group="sync")

    def _sync_thread(self) -> None:
        from sahel_tui.ingest.sync import sync

        def progress(outcome, done, total):
            self.deliver(self._set_fetch_state, f"↻ fetching {done}/{total}")

        try:
            report = sync(self.config, db_path=self.db_path, progress=progress)
        except Exception as exc:  # shown, never a crash: the analyst keeps working
            message = (explain(exc, self.db_path) if fault_of(exc)
                       else f"{type(exc).__name__}: {exc}")
            self.deliver(self._sync_failed, message)
            return
        articles = bool(self.config.full_text_urls())
        self.deliver(self._sync_done, report, articles)
        if articles and not self.closing:
            self._articles_after_sync(report.summary())

    def _articles_after_sync(self, synced: str) -> None:
        """The full articles of the new items (feeds with full_text), after the feeds:
        the new items are already in the list meanwhile."""
        from sahel_tui.ingest.fulltext import fetch_articles

        def progress(outcome, done, total):
            self.deliver(self._set_fetch_state, f"↻ articles {done}/{total}")

        try:
            report = fetch_articles(self.config, db_path=self.db_path, progress=progress)
            text = f"synced: {synced}; articles: {report.summary()}"
        except Exception as exc:  # shown, never a crash
            text = f"synced: {synced}; articles failed: {type(exc).__name__}: {exc}"
        self.deliver(self._articles_done, text)

    def _set_fetch_state(self, text: str) -> None:
        self.fetch_state = text
        screen = self.screen
        if isinstance(screen, TriageScreen):
            screen.sync_progress(text)

    def _sync_done(self, report, articles_follow: bool = False) -> None:
        self.syncing = articles_follow  # a second refresh waits for the articles
        if report.fault:
            self.notify(report.fault, title="Refresh stopped", severity="error", timeout=15)
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
