"""One sync: every due feed fetched, parsed off the event loop, and stored.

The same function serves `sahel-tui fetch` (from a terminal or cron) and the refresh inside
the app. Each feed is stored in its own transaction, so one bad feed never stops or spoils
the others, and nothing already stored is touched by a failure.
"""

from __future__ import annotations

import asyncio
import hashlib
import multiprocessing
import os
import sqlite3
import threading
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
        return not self.outcomes or (bool(self.fetched) and not self.ok)

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
        self.conn.execute(
            """UPDATE fetch_runs SET finished_at = ?, ok = ?, failed = ?, new_items = ?,
                   updated_items = ? WHERE id = ?""",
            (self.report.finished, len(self.report.ok), len(self.report.failed),
             self.report.new_items, self.report.updated_items, run_id),
        )
        return self.report

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
            if reason:
                out.skipped = reason
            else:
                fetched = await self._fetch(client, feed)
                await self._handle(feed, fetched, out)
        except Exception as exc:  # a bug must not stop the other feeds
            out.error = f"internal error: {type(exc).__name__}: {exc}"
            await self._db(self._record_failure, feed, out, Fetched())
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
            self.conn.execute("ROLLBACK")
            raise

    async def _parse(self, body: bytes, feed: FeedRow, fetched: Fetched) -> ParsedFeed:
        loop = asyncio.get_running_loop()
        args = (body, feed.config_url)
        kwargs = dict(content_type=fetched.content_type, language=feed.language,
                      base_url=fetched.final_url or feed.url,
                      max_bytes=self.settings.max_bytes)
        executor = self._executor(len(body))
        return await loop.run_in_executor(executor, _parse_call, args, kwargs)

    def _start_pool_early(self, feeds: list[FeedRow]) -> None:
        """When many feeds have never been parsed (a first sync, a big import), fork the
        parse workers now: before any thread exists fork is safe and cheap, and the
        workers inherit the fast parser already imported (feedparser, for the few feeds it
        refuses, is imported by a worker when first needed: not on the main process's
        critical path). A routine sync starts none."""
        fresh = sum(1 for f in feeds if f.body_hash is None)
        if fresh >= 4 and threading.active_count() == 1 and (os.cpu_count() or 1) >= 2:
            import sahel_tui.ingest.fastparse  # noqa: F401  (inherited by the workers)

            self.pool = ProcessPoolExecutor(max_workers=os.cpu_count(),
                                            mp_context=multiprocessing.get_context("fork"))
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
        self.pool = ProcessPoolExecutor(max_workers=os.cpu_count(), mp_context=ctx)
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
