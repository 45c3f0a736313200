"""Fetching the full articles of new items: politely, off the UI, each result stored.

For the items of opted-in feeds (``full_text`` in feeds.toml) first seen in the last
``WINDOW_DAYS`` days, or for items an analyst asks for, the linked page is downloaded over
the same httpx path as the feeds (``fetch_http``: size cap, deadline, Retry-After) and its
main text extracted (``extract.extract_page``). Politeness: robots.txt is read and obeyed
(kept a day per site, its Crawl-delay honoured), at most ``full_text_per_host`` pages of
one site at a time with ``full_text_delay`` seconds between them, ``full_text_concurrency``
in all, conditional requests for a page fetched before. Only http(s) links are followed; a
redirect to any other scheme is refused; redirects are capped.

Every item ends in a stored state: its text, or the reason it failed (retried on later runs,
at most ``full_text_attempts`` times, with a growing wait; never for a reason a retry cannot
change, such as robots.txt or a page that is not HTML). Nothing here blocks the feed sync:
it runs after it, on its own connection, and each result is its own short transaction.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from sahel_tui.config import Config, Settings
from sahel_tui.ingest.extract import NotAnArticle, check_html, extract_page
from sahel_tui.ingest.fetch import fetch_http, now_iso
from sahel_tui.ingest.sanitize import clean_line
from sahel_tui.ingest.sync import _real_stderr
from sahel_tui.store import articles as store
from sahel_tui.store import open_store
from sahel_tui.store.db import in_transaction

WINDOW_DAYS = 7  # items first seen longer ago are not fetched by a sync (on request, yes)
MAX_PER_RUN = 300  # newest first; the rest waits for the next run
MAX_REDIRECTS = 5
ROBOTS_TTL = timedelta(days=1)
ROBOTS_MAX_BYTES = 512 * 1024
MAX_CRAWL_DELAY = 60.0  # a robots.txt asking more is honoured up to this
RETRY_FIRST = timedelta(minutes=30)  # then doubled at each failure
USER_AGENT_TOKEN = "sahel-tui"  # the name robots.txt rules are matched against
POOL_MIN_PAGES = 4  # fewer pages are extracted in a thread: starting workers costs more


@dataclass(slots=True)
class ArticleOutcome:
    item_id: int
    url: str
    state: str  # ok, shorter, unchanged, failed, deferred
    error: str | None = None
    chars: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        if self.error:
            return f"item {self.item_id}: {self.error} [{self.url}]"
        return f"item {self.item_id}: {self.state}, {self.chars} characters"


@dataclass
class ArticleReport:
    outcomes: list[ArticleOutcome] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, state: str) -> int:
        return sum(1 for o in self.outcomes if o.state == state)

    @property
    def failed(self) -> list[ArticleOutcome]:
        return [o for o in self.outcomes if o.state == "failed"]

    def summary(self) -> str:
        if not self.outcomes:
            return "no articles to fetch"
        ok = self.count("ok")
        parts = [f"{ok} article{'' if ok == 1 else 's'} stored"]
        for state, label in (("shorter", "no longer than the feed's text"),
                             ("unchanged", "unchanged"), ("failed", "failed"),
                             ("deferred", "deferred")):
            if self.count(state):
                parts.append(f"{self.count(state)} {label}")
        return ", ".join(parts)


Progress = Callable[[ArticleOutcome, int, int], None]


def full_text_feed_ids(conn: sqlite3.Connection, config: Config, *,
                       every_feed: bool = False) -> list[int]:
    """Ids of the feeds whose articles are fetched (``every_feed``: every enabled feed)."""
    urls = ({f.url for f in config.enabled_feeds} if every_feed
            else config.full_text_urls())
    rows = conn.execute("SELECT id, config_url FROM feeds WHERE enabled = 1").fetchall()
    return [r[0] for r in rows if r[1] in urls]


def fetch_articles(config: Config, *, db_path: str | Path | None = None,
                   item_ids: list[int] | None = None, every_feed: bool = False,
                   progress: Progress | None = None) -> ArticleReport:
    """Fetch the articles due (or those of ``item_ids``). Blocking; safe in a thread."""
    return asyncio.run(fetch_articles_async(config, db_path=db_path, item_ids=item_ids,
                                            every_feed=every_feed, progress=progress))


async def fetch_articles_async(config: Config, *, db_path: str | Path | None = None,
                               item_ids: list[int] | None = None, every_feed: bool = False,
                               progress: Progress | None = None) -> ArticleReport:
    conn = open_store(db_path or config.settings.database, check_same_thread=False)
    try:
        s = config.settings
        if item_ids is not None:
            todo = store.wanted_items(conn, item_ids)
        else:
            feed_ids = full_text_feed_ids(conn, config, every_feed=every_feed)
            since = (datetime.now(UTC) - timedelta(days=WINDOW_DAYS)).strftime(
                "%Y-%m-%dT%H:%M:%SZ")
            todo = store.wanted(conn, feed_ids, since=since, now=now_iso(),
                                max_attempts=s.full_text_attempts, limit=MAX_PER_RUN)
        if not todo:
            return ArticleReport()
        return await _Runner(conn, s, progress, refetch=item_ids is not None).run(todo)
    finally:
        conn.close()


class _Host:
    """One site: its slots, the time of its next turn, robots.txt, a Retry-After wait."""

    def __init__(self, origin: str, slots: int) -> None:
        self.origin = origin
        self.slots = asyncio.Semaphore(slots)
        self.robots_lock = asyncio.Lock()
        self.robots: RobotFileParser | None = None
        self.robots_error: str | None = None  # robots.txt could not be read: wait
        self.robots_done = False
        self.next_at = 0.0
        self.blocked_until: float | None = None  # time.time() of the end of a Retry-After

    async def turn(self, delay: float) -> None:
        """Wait for this site's next turn: ``delay`` seconds after the previous request."""
        loop = asyncio.get_running_loop()
        now = loop.time()
        at = max(now, self.next_at)
        self.next_at = at + delay
        if at > now:
            await asyncio.sleep(at - now)

    def crawl_delay(self) -> float:
        if self.robots is None:
            return 0.0
        try:
            value = self.robots.crawl_delay(USER_AGENT_TOKEN)
        except (TypeError, ValueError):
            return 0.0
        return min(float(value or 0), MAX_CRAWL_DELAY)


class _Runner:
    def __init__(self, conn: sqlite3.Connection, settings: Settings,
                 progress: Progress | None, *, refetch: bool) -> None:
        self.conn = conn
        self.s = settings
        self.progress = progress
        self.refetch = refetch  # an analyst's request: validators sent, retries ignored
        self.limit = asyncio.Semaphore(settings.full_text_concurrency)
        self.hosts: dict[str, _Host] = {}
        self.store_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sahel-articles")
        self.pool: Executor | None = None
        self.report = ArticleReport()
        self.done = 0
        self.total = 0

    async def run(self, todo: list[store.Wanted]) -> ArticleReport:
        started = time.perf_counter()
        self.total = len(todo)
        if len(todo) >= POOL_MIN_PAGES and (os.cpu_count() or 1) >= 2:
            with _real_stderr():  # the pool's semaphores start the resource tracker now
                self.pool = _process_pool()
        client = _make_client(self.s)
        try:
            await asyncio.gather(*(self._one(client, w) for w in todo))
        finally:
            await client.aclose()
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)
            self.store_thread.shutdown(wait=True)
        self.report.seconds = time.perf_counter() - started
        return self.report

    async def _db(self, fn, *args, **kwargs):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.store_thread, partial(fn, *args, **kwargs))

    def _host(self, url: str) -> _Host:
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        if origin not in self.hosts:
            slots = max(1, min(self.s.full_text_per_host, self.s.per_host))
            self.hosts[origin] = _Host(origin, slots)
        return self.hosts[origin]

    async def _one(self, client, w: store.Wanted) -> None:
        try:
            out = await self._fetch_one(client, w)
        except Exception as exc:  # a bug must not stop the other items
            out = ArticleOutcome(w.item_id, w.link, "failed",
                                 clean_line(f"internal error: {type(exc).__name__}: {exc}", 300))
            await self._fail(w, out, status=0)
        self.report.outcomes.append(out)
        self.done += 1
        if self.progress:
            self.progress(out, self.done, self.total)

    async def _fetch_one(self, client, w: store.Wanted) -> ArticleOutcome:
        """The outcome's ``seconds`` run from the request (after any wait for the site's
        turn) to the stored result."""
        t = [0.0]  # set when the request starts
        out = await self._attempt(client, w, t)
        if t[0]:
            out.seconds = time.perf_counter() - t[0]
        return out

    async def _attempt(self, client, w: store.Wanted, t: list[float]) -> ArticleOutcome:
        url = w.link
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            out = ArticleOutcome(w.item_id, url, "failed", "not an http(s) link; not followed")
            await self._fail(w, out, status=0, final=True)
            return out
        host = self._host(url)
        async with host.slots:
            if host.blocked_until is not None and host.blocked_until > time.time():
                return await self._defer(w, host)
            refusal = await self._robots(client, host, url)
            if refusal is not None:
                out = ArticleOutcome(w.item_id, url, "failed", refusal[0])
                await self._fail(w, out, status=0, final=refusal[1])
                return out
            await host.turn(max(self.s.full_text_delay, host.crawl_delay()))
            async with self.limit:
                t[0] = time.perf_counter()
                etag = w.etag if (w.has_article and self.refetch) else None
                last_modified = w.last_modified if (w.has_article and self.refetch) else None
                fetched = await fetch_http(client, url, etag=etag, last_modified=last_modified,
                                           max_bytes=self.s.full_text_max_bytes,
                                           deadline=self.s.timeout * 2)
        page = fetched.final_url or url
        if fetched.retry_after is not None:
            host.blocked_until = time.time() + fetched.retry_after
        if fetched.error:
            error, final = _explain(fetched.error)
            out = ArticleOutcome(w.item_id, page, "failed", error)
            await self._fail(w, out, status=fetched.status, final=final,
                             retry_after=fetched.retry_after)
            return out
        if fetched.not_modified:
            await self._db(store.record_unchanged, self.conn, w.item_id, url=page, now=now_iso())
            return ArticleOutcome(w.item_id, page, "unchanged")
        body = fetched.body or b""
        try:
            check_html(body, fetched.content_type)
            text = await self._extract(body, fetched.content_type, page)
        except NotAnArticle as exc:
            out = ArticleOutcome(w.item_id, page, "failed", str(exc))
            await self._fail(w, out, status=fetched.status, final=True)
            return out
        except Exception as exc:  # the library failing on one page
            out = ArticleOutcome(w.item_id, page, "failed",
                                 clean_line(f"extraction failed: {type(exc).__name__}: {exc}", 300))
            await self._fail(w, out, status=fetched.status, final=True)
            return out
        if not text:
            out = ArticleOutcome(w.item_id, page, "failed", "no article text found on the page")
            await self._fail(w, out, status=fetched.status, final=True)
            return out
        state = await self._db(self._store_text, w.item_id, page, text, fetched)
        return ArticleOutcome(w.item_id, page, state, chars=len(text))

    def _store_text(self, item_id: int, url: str, text: str, fetched) -> str:
        return in_transaction(self.conn, lambda: store.record_text(
            self.conn, item_id, url=url, text=text, status=fetched.status, etag=fetched.etag,
            last_modified=fetched.last_modified, now=now_iso()))

    async def _extract(self, body: bytes, content_type: str | None, url: str) -> str:
        if self.pool is not None:
            loop = asyncio.get_running_loop()
            with _real_stderr():  # the pool starts its processes on the first submit
                future = loop.run_in_executor(self.pool, extract_page, body, content_type, url)
            return await future
        return await asyncio.to_thread(extract_page, body, content_type, url)

    async def _defer(self, w: store.Wanted, host: _Host) -> ArticleOutcome:
        until = _iso(host.blocked_until or time.time())
        out = ArticleOutcome(w.item_id, w.link, "deferred",
                             f"not tried: the site asked to wait until {until.replace('T', ' ')}")
        await self._db(store.record_failure, self.conn, w.item_id, url=w.link, error=out.error,
                       status=0, now=now_iso(), next_try_at=until, counts=False,
                       max_attempts=self.s.full_text_attempts)
        return out

    async def _fail(self, w: store.Wanted, out: ArticleOutcome, *, status: int,
                    final: bool = False, retry_after: float | None = None) -> None:
        if retry_after is not None:
            wait = timedelta(seconds=min(retry_after, 6 * 3600))
        else:
            wait = RETRY_FIRST * (2 ** min(w.attempts, 8))
        next_try = _iso(time.time() + wait.total_seconds())
        await self._db(store.record_failure, self.conn, w.item_id, url=out.url,
                       error=out.error or "failed", status=status, now=now_iso(),
                       next_try_at=next_try, final=final,
                       max_attempts=self.s.full_text_attempts)

    async def _robots(self, client, host: _Host, url: str) -> tuple[str, bool] | None:
        """None when robots.txt lets us fetch ``url``; else (reason, final)."""
        async with host.robots_lock:
            if not host.robots_done:
                await self._load_robots(client, host)
                host.robots_done = True
        if host.robots_error:
            return host.robots_error, False
        if host.robots is not None and not host.robots.can_fetch(USER_AGENT_TOKEN, url):
            return "the site's robots.txt does not allow fetching this page", True
        return None

    async def _load_robots(self, client, host: _Host) -> None:
        """RFC 9309: a robots.txt that is missing (4xx) allows everything; one that cannot
        be read (5xx, network) allows nothing for now."""
        fresh_since = (datetime.now(UTC) - ROBOTS_TTL).strftime("%Y-%m-%dT%H:%M:%SZ")
        cached = await self._db(store.robots_get, self.conn, host.origin, fresh_since)
        if cached is None:
            fetched = await fetch_http(client, host.origin + "/robots.txt", etag=None,
                                       last_modified=None, max_bytes=ROBOTS_MAX_BYTES,
                                       deadline=self.s.timeout)
            status = fetched.status
            if fetched.body is not None and status == 200:
                body = fetched.body.decode("utf-8", "replace")
            elif 400 <= status < 500:
                body = ""
            else:
                reason = fetched.error or f"HTTP {status}"
                host.robots_error = clean_line(f"robots.txt could not be read ({reason}); "
                                               "the site is tried again later", 300)
                return
            await self._db(store.robots_put, self.conn, host.origin, status, body, now_iso())
        else:
            status, body = cached
        if status == 200 and body.strip():
            parser = RobotFileParser()
            parser.parse(body.splitlines())
            host.robots = parser


def _explain(error: str) -> tuple[str, bool]:
    """A fetch error as the analyst reads it, and whether a retry could change it."""
    if error.startswith("UnsupportedProtocol"):
        return "redirected to an address that is not http(s); refused", True
    if error.startswith("response larger than"):
        return error.replace("response larger", "page larger"), True
    return error, False


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _process_pool() -> ProcessPoolExecutor:
    """Workers for extraction (CPU work off the event loop and off the app's thread).
    fork is unsafe once other threads exist (inside the app, after a DNS lookup)."""
    if threading.active_count() == 1:
        ctx = multiprocessing.get_context("fork")
    else:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["sahel_tui.ingest.extract", "trafilatura"])
    return ProcessPoolExecutor(max_workers=min(4, os.cpu_count() or 1), mp_context=ctx)


def _make_client(settings: Settings):
    from sahel_tui.ingest.fetch import import_httpx, lazy_tls_transport

    httpx = import_httpx()
    n = settings.full_text_concurrency
    limits = httpx.Limits(max_connections=n, max_keepalive_connections=n)
    timeout = httpx.Timeout(settings.timeout, connect=settings.connect_timeout)
    return httpx.AsyncClient(
        follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=timeout,
        transport=lazy_tls_transport(httpx, limits=limits),
        headers={"User-Agent": settings.user_agent,
                 "Accept": "text/html, application/xhtml+xml;q=0.9, */*;q=0.5",
                 "Accept-Encoding": "gzip, deflate"},
    )
