"""One sync: every due feed fetched, parsed off the event loop, and stored.

The same function serves `sahel-tui fetch` (from a terminal or cron) and the refresh inside
the app. Each feed is stored in its own transaction, so one bad feed never stops or spoils
the others, and nothing already stored is touched by a failure.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import multiprocessing
import os
import signal
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from sahel_tui.config import Config
from sahel_tui.ingest.fetch import Fetched, fetch_http, is_file_url, now_iso, read_file
from sahel_tui.ingest.parse import ParsedFeed, parse_feed
from sahel_tui.store import open_store
from sahel_tui.store.db import rollback
from sahel_tui.store.faults import explain, fault_of
from sahel_tui.store.feeds import FeedRow, record_fetch, sync_feeds
from sahel_tui.store.items import store_entries

# Below this much work a process pool costs more than it saves (parse_feed takes ~0.06 s for
# 1 MB of a well-formed feed; starting workers through a fork server costs about as much).
POOL_MIN_BYTES = 1024 * 1024
BACKOFF_MAX = timedelta(hours=6)


@dataclass(slots=True)
class FeedOutcome:
    feed_id: int
    name: str
    url: str
    status: int = 0
    new: int = 0
    updated: int = 0
    entries: int = 0
    not_modified: bool = False
    unchanged: bool = False  # 200 with the same body as last time: not parsed
    skipped: str | None = None  # why it was not fetched this time
    error: str | None = None
    warning: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None and self.skipped is None

    def line(self) -> str:
        """One line for the terminal or the app's status bar."""
        if self.skipped:
            return f"{self.name}: skipped, {self.skipped}"
        if self.error:
            return f"{self.name}: {self.error} [{self.url}]"
        if self.not_modified or self.unchanged:
            return f"{self.name}: unchanged"
        text = f"{self.name}: {self.new} new, {self.updated} updated of {self.entries}"
        return text + (f" ({self.warning})" if self.warning else "")


@dataclass
class SyncReport:
    outcomes: list[FeedOutcome] = field(default_factory=list)
    started: str = ""
    finished: str = ""
    # the database could not take any more (full disk, damaged file, read-only): said once,
    # and the feeds after it are not fetched
    fault: str | None = None

    @property
    def fetched(self) -> list[FeedOutcome]:
        return [o for o in self.outcomes if o.skipped is None]

    @property
    def failed(self) -> list[FeedOutcome]:
        return [o for o in self.outcomes if o.error is not None]

    @property
    def ok(self) -> list[FeedOutcome]:
        return [o for o in self.outcomes if o.ok]

    @property
    def new_items(self) -> int:
        return sum(o.new for o in self.outcomes)

    @property
    def updated_items(self) -> int:
        return sum(o.updated for o in self.outcomes)

    @property
    def nothing_fetched(self) -> bool:
        """True when feeds were tried and every one of them failed (or none exist)."""
        return (not self.outcomes or (bool(self.fetched) and not self.ok)
                or self.fault is not None)

    def summary(self) -> str:
        skipped = len(self.outcomes) - len(self.fetched)
        parts = [f"{len(self.ok)}/{len(self.fetched)} feeds ok",
                 f"{self.new_items} new items", f"{self.updated_items} updated"]
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        if skipped:
            parts.append(f"{skipped} not due")
        return ", ".join(parts)


Progress = Callable[[FeedOutcome, int, int], None]


def sync(config: Config, *, db_path: str | Path | None = None, force: bool = False,
         only: list[str] | None = None, progress: Progress | None = None) -> SyncReport:
    """Fetch, parse and store every enabled feed that is due. Blocking; safe in a thread."""
    return asyncio.run(sync_async(config, db_path=db_path, force=force, only=only,
                                  progress=progress))


async def sync_async(config: Config, *, db_path: str | Path | None = None, force: bool = False,
                     only: list[str] | None = None,
                     progress: Progress | None = None) -> SyncReport:
    # used by one thread at a time: this one before and after, the store thread between
    conn = open_store(db_path or config.settings.database, check_same_thread=False)
    try:
        _check_daily(conn)
        runner = _Runner(conn, config, force=force, progress=progress)
        feeds = sync_feeds(conn, config.feeds)
        feeds = [f for f in feeds if f.enabled]
        if only:
            wanted = {o.lower() for o in only}
            feeds = [f for f in feeds
                     if f.name.lower() in wanted or f.url in only or f.config_url in only]
        return await runner.run(feeds)
    finally:
        conn.close()


class _Runner:
    def __init__(self, conn: sqlite3.Connection, config: Config, *, force: bool,
                 progress: Progress | None) -> None:
        self.conn = conn
        self.settings = config.settings
        self.force = force
        self.progress = progress
        self.global_limit = asyncio.Semaphore(self.settings.concurrency)
        self.host_limits: dict[str, asyncio.Semaphore] = {}
        self.pool: Executor | None = None
        # Every database call during the sync runs on this one thread: SQLite (the full-text
        # indexing above all) works there without the GIL while the event loop downloads.
        # Its thread starts on first use, after the parse workers may have been forked.
        self.store_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sahel-store")
        self.report = SyncReport()
        self.db_path = db_path_of(conn)
        self.done = 0
        self.total = 0

    async def run(self, feeds: list[FeedRow]) -> SyncReport:
        self.report.started = now_iso()
        self.total = len(feeds)
        run_id = self.conn.execute(
            "INSERT INTO fetch_runs (started_at, feeds) VALUES (?, ?)",
            (self.report.started, len(feeds)),
        ).lastrowid
        self._start_pool_early(feeds)
        client = None
        if any(not is_file_url(f.url) for f in feeds):
            client = _make_client(self.settings)
        try:
            await asyncio.gather(*(self._one(client, f) for f in feeds))
        finally:
            if client is not None:
                await client.aclose()
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)
            self.store_thread.shutdown(wait=True)
        self.report.finished = now_iso()
        try:
            self.conn.execute(
                """UPDATE fetch_runs SET finished_at = ?, ok = ?, failed = ?, new_items = ?,
                       updated_items = ? WHERE id = ?""",
                (self.report.finished, len(self.report.ok), len(self.report.failed),
                 self.report.new_items, self.report.updated_items, run_id),
            )
        except sqlite3.Error as exc:
            if not fault_of(exc):
                raise
            self._fault(exc)
        return self.report

    def _fault(self, exc: BaseException) -> None:
        if self.report.fault is None:
            self.report.fault = explain(exc, self.db_path)

    async def _db(self, fn, *args, **kwargs):
        """``fn(*args, **kwargs)`` on the store thread, the only user of the connection."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.store_thread, partial(fn, *args, **kwargs))

    def _host_limit(self, url: str) -> asyncio.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        if host not in self.host_limits:
            self.host_limits[host] = asyncio.Semaphore(self.settings.per_host)
        return self.host_limits[host]

    async def _one(self, client, feed: FeedRow) -> None:
        out = FeedOutcome(feed.id, feed.name, feed.url)
        try:
            reason = None if self.force else _not_due(feed)
            if self.report.fault is not None:
                reason = "not fetched: the database cannot be written"
            if reason:
                out.skipped = reason
            else:
                fetched = await self._fetch(client, feed)
                await self._handle(feed, fetched, out)
        except Exception as exc:  # a bug must not stop the other feeds
            kind = fault_of(exc)
            if kind in ("full", "corrupt", "readonly", "io"):
                # nothing more can be written: stop here rather than write into a damaged
                # or full file; what was stored before stays
                out.error = f"not stored: {_FAULT_WORDS[kind]}"
                self._fault(exc)
            else:
                out.error = (f"not stored: {_FAULT_WORDS[kind]}" if kind else
                             f"internal error: {type(exc).__name__}: {exc}")
                try:
                    await self._db(self._record_failure, feed, out, Fetched())
                except sqlite3.Error as again:
                    if not fault_of(again):
                        raise
        self.report.outcomes.append(out)
        self.done += 1
        if self.progress:
            self.progress(out, self.done, self.total)

    async def _fetch(self, client, feed: FeedRow) -> Fetched:
        s = self.settings
        if is_file_url(feed.url):
            return await asyncio.to_thread(read_file, feed.url, s.max_bytes)
        # the host's slot first: a feed waiting for its busy host must not hold one of the
        # global slots that feeds on other hosts could use meanwhile
        async with self._host_limit(feed.url), self.global_limit:
            return await fetch_http(client, feed.url, etag=feed.etag,
                                    last_modified=feed.last_modified, max_bytes=s.max_bytes,
                                    deadline=s.timeout * 3)

    async def _handle(self, feed: FeedRow, fetched: Fetched, out: FeedOutcome) -> None:
        out.status = fetched.status
        out.seconds = fetched.seconds
        now = now_iso()
        if fetched.moved_to:
            await self._db(self._move, feed, fetched.moved_to, out)
        if fetched.error:
            out.error = fetched.error
            await self._db(self._record_failure, feed, out, fetched)
            return
        validators = {}
        # each validator is updated on its own: a server that sends only one keeps the other
        if fetched.etag is not None:
            validators["etag"] = fetched.etag
        if fetched.last_modified is not None:
            validators["last_modified"] = fetched.last_modified
        if fetched.not_modified:
            out.not_modified = True
            if feed.error_count and feed.last_error and 200 <= (feed.last_status or 0) < 300:
                # the body the server says is unchanged is the one that did not parse:
                # the feed stays failed until a body parses
                out.error = feed.last_error
                await self._db(self._record_failure, feed, out, fetched, **validators)
                return
            await self._db(record_fetch, self.conn, feed.id, last_fetch_at=now, last_ok_at=now,
                           last_status=fetched.status, last_error=None, error_count=0,
                           next_due_at=None, dead=0, **validators)
            return
        body = fetched.body or b""
        body_hash = hashlib.sha1(body).hexdigest()
        if body_hash == feed.body_hash and feed.error_count and feed.last_error:
            # the same bytes that failed to parse last time: same error, no parse
            out.unchanged = True
            out.error = feed.last_error
            await self._db(self._record_failure, feed, out, fetched)
            return
        if body_hash == feed.body_hash:
            out.unchanged = True
            await self._db(record_fetch, self.conn, feed.id, last_fetch_at=now, last_ok_at=now,
                           last_status=fetched.status, last_error=None, error_count=0,
                           next_due_at=None, dead=0, **validators)
            return
        parsed = await self._parse(body, feed, fetched)
        if parsed.error:
            out.error = parsed.error
            await self._db(self._record_failure, feed, out, fetched, body_hash=body_hash,
                           **validators)
            return
        if parsed.warning:  # keep a "moved permanently" note set above
            out.warning = f"{out.warning}; {parsed.warning}" if out.warning else parsed.warning
        out.entries = len(parsed.entries)
        await self._db(self._store, feed, parsed, fetched, out, now, body_hash, validators)

    def _store(self, feed: FeedRow, parsed: ParsedFeed, fetched: Fetched, out: FeedOutcome,
               now: str, body_hash: str, validators: dict) -> None:
        """One feed's entries and status in one transaction (on the store thread)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            # the feed's own site first: store_entries uses it to tell originals from copies
            record_fetch(self.conn, feed.id, title=parsed.title, site_url=parsed.site_url)
            out.new, out.updated = store_entries(self.conn, feed.id, parsed.entries, now)
            record_fetch(self.conn, feed.id, last_fetch_at=now, last_ok_at=now,
                         last_status=fetched.status, last_error=parsed.warning, error_count=0,
                         next_due_at=None, dead=0, body_hash=body_hash, title=parsed.title,
                         site_url=parsed.site_url, **validators)
            self.conn.execute("COMMIT")
        except BaseException:
            rollback(self.conn)
            raise

    async def _parse(self, body: bytes, feed: FeedRow, fetched: Fetched) -> ParsedFeed:
        loop = asyncio.get_running_loop()
        args = (body, feed.config_url)
        kwargs = dict(content_type=fetched.content_type, language=feed.language,
                      base_url=fetched.final_url or feed.url,
                      max_bytes=self.settings.max_bytes)
        with _real_stderr():  # the pool may start its helper processes here
            executor = self._executor(len(body))
            future = loop.run_in_executor(executor, _parse_call, args, kwargs)
        return await future

    def _start_pool_early(self, feeds: list[FeedRow]) -> None:
        """When many feeds have never been parsed (a first sync, a big import), fork the
        parse workers now: before any thread exists fork is safe and cheap, and the
        workers inherit the fast parser already imported (feedparser, for the few feeds it
        refuses, is imported by a worker when first needed: not on the main process's
        critical path). A routine sync starts none."""
        fresh = sum(1 for f in feeds if f.body_hash is None)
        if fresh >= 4 and threading.active_count() == 1 and (os.cpu_count() or 1) >= 2:
            import sahel_tui.ingest.fastparse  # noqa: F401  (inherited by the workers)

            self.pool = new_pool(multiprocessing.get_context("fork"))
            self.pool.submit(os.getpid)  # with fork, every worker starts on the first submit

    def _executor(self, size: int) -> Executor | None:
        """Parsing goes to the worker processes when they exist, or when the body is big
        enough to pay for starting them; small bodies otherwise parse in a thread."""
        if self.pool is not None:
            return self.pool
        if size < POOL_MIN_BYTES or (os.cpu_count() or 1) < 2:
            return None
        # fork is unsafe once other threads exist (inside the app, or after a DNS lookup)
        if threading.active_count() == 1:
            ctx = multiprocessing.get_context("fork")
        else:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["sahel_tui.ingest.parse", "sahel_tui.ingest.fastparse",
                                        "feedparser"])
        self.pool = new_pool(ctx)
        return self.pool

    def _move(self, feed: FeedRow, new_url: str, out: FeedOutcome) -> None:
        try:
            record_fetch(self.conn, feed.id, url=new_url)
            out.url = new_url
            out.warning = f"moved permanently to {new_url}"
        except sqlite3.IntegrityError:
            out.warning = f"moved permanently to {new_url}, which another feed already uses"

    def _record_failure(self, feed: FeedRow, out: FeedOutcome, fetched: Fetched,
                        **extra) -> None:
        now = datetime.now(UTC)
        fields: dict = dict(last_fetch_at=now_iso(), last_status=fetched.status,
                            last_error=out.error, error_count=_error_count(self.conn, feed.id) + 1,
                            **extra)
        if fetched.gone:
            fields["dead"] = 1
        if fetched.retry_after is not None:
            due = now + timedelta(seconds=min(fetched.retry_after, BACKOFF_MAX.total_seconds()))
            fields["next_due_at"] = due.strftime("%Y-%m-%dT%H:%M:%SZ")
        record_fetch(self.conn, feed.id, **fields)


_FAULT_WORDS = {"full": "the disk is full", "corrupt": "the database file is damaged",
                "readonly": "the database is read-only", "io": "disk input/output error",
                "locked": "the database was locked for more than 10 s",
                "cantopen": "the database cannot be opened"}


CHECK_EVERY = timedelta(days=1)


def _check_daily(conn: sqlite3.Connection) -> None:
    """A fetch does not write into a damaged file: the whole file is checked (quick_check,
    about a second per GB) before the first fetch of each day; a damage met between
    checks stops the run at the first write that meets it."""
    from sahel_tui.store.decisions import get_state, put_state
    from sahel_tui.store.faults import StoreFault

    last = get_state(conn, "checked_at")
    now = datetime.now(UTC)
    if last and last > (now - CHECK_EVERY).strftime("%Y-%m-%dT%H:%M:%SZ"):
        return
    try:
        problems = [r[0] for r in conn.execute("PRAGMA quick_check(3)") if r[0] != "ok"]
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    if problems:
        damage = sqlite3.DatabaseError(f"database disk image is malformed: {problems[0]}")
        raise StoreFault(explain(damage, db_path_of(conn)), "corrupt")
    put_state(conn, checked_at=now.strftime("%Y-%m-%dT%H:%M:%SZ"))


def db_path_of(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("PRAGMA database_list").fetchone()
    return row[2] if row and row[2] else None


def new_pool(ctx, workers: int | None = None) -> ProcessPoolExecutor:
    """The parse workers; each ends with the process that started them."""
    return ProcessPoolExecutor(max_workers=workers or os.cpu_count(), mp_context=ctx,
                               initializer=_worker_init,
                               initargs=(os.getpid(), ctx.get_start_method() == "fork"))


def _worker_init(owner: int, forked: bool) -> None:
    """A parse worker ends when the process that started it dies, kill -9 included (it
    would otherwise live on, holding its memory). A forked worker asks Linux for the
    parent-death signal; one from the fork server (whose parent is the server, kept alive
    by its workers) watches the owner's pid from a thread."""
    if forked and sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(1, int(signal.SIGKILL), 0, 0, 0) == 0:  # PR_SET_PDEATHSIG
                if os.getppid() != owner:
                    os._exit(0)  # the owner died before the signal was armed
                return
        except (OSError, AttributeError):
            pass
    threading.Thread(target=_watch_owner, args=(owner,), daemon=True,
                     name="sahel-owner-watch").start()


def _watch_owner(pid: int) -> None:
    try:
        fd = os.pidfd_open(pid)  # Linux >= 5.3: readable when the process ends
    except ProcessLookupError:
        os._exit(0)
    except (AttributeError, OSError):
        fd = None
    if fd is not None:
        import select

        select.select([fd], [], [])
        os._exit(0)
    while True:  # elsewhere: poll
        time.sleep(1.0)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:
            pass


@contextlib.contextmanager
def _real_stderr():
    """multiprocessing hands sys.stderr's descriptor to the helper processes it starts
    (resource tracker, fork server). Inside the app sys.stderr is Textual's capture, whose
    fileno() is -1: starting them there failed with "bad value(s) in fds_to_keep"."""
    try:
        fine = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, ValueError, OSError):
        fine = False
    if fine:
        yield
        return
    saved, devnull = sys.stderr, None
    try:
        real = sys.__stderr__
        if real is None or real.fileno() < 0:
            raise ValueError
    except (AttributeError, ValueError, OSError):
        real = devnull = open(os.devnull, "w")  # noqa: SIM115 (closed below)
    sys.stderr = real
    try:
        yield
    finally:
        sys.stderr = saved
        if devnull is not None:
            devnull.close()


def _parse_call(args, kwargs) -> ParsedFeed:
    return parse_feed(*args, **kwargs)


def _error_count(conn: sqlite3.Connection, feed_id: int) -> int:
    return conn.execute("SELECT error_count FROM feeds WHERE id = ?", (feed_id,)).fetchone()[0]


def _not_due(feed: FeedRow) -> str | None:
    if feed.dead:
        return "gone (HTTP 410); edit or re-enable it in feeds.toml, or fetch with --force"
    if feed.next_due_at and feed.next_due_at > now_iso():
        return f"server asked to wait until {feed.next_due_at.replace('T', ' ')}"
    return None


def _make_client(settings):
    from sahel_tui.ingest.fetch import import_httpx, lazy_tls_transport

    httpx = import_httpx()

    limits = httpx.Limits(max_connections=settings.concurrency,
                          max_keepalive_connections=settings.concurrency)
    timeout = httpx.Timeout(settings.timeout, connect=settings.connect_timeout)
    return httpx.AsyncClient(
        follow_redirects=True, max_redirects=8, timeout=timeout,
        transport=lazy_tls_transport(httpx, limits=limits),
        headers={"User-Agent": settings.user_agent,
                 "Accept": "application/rss+xml, application/atom+xml, application/rdf+xml, "
                           "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
                 "Accept-Encoding": "gzip, deflate"},
    )
