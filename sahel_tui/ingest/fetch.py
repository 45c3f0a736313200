"""Getting a feed's bytes: HTTP with conditional GET, limits and politeness, or a local file."""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sahel_tui.ingest.sanitize import clean_line

PERMANENT_REDIRECTS = (301, 308)


def import_httpx():
    """httpx, without its command-line module: that one imports click and rich when they
    are installed (sqlite-utils brings click), a third of httpx's import time, unused here."""
    import sys

    if "httpx" not in sys.modules:
        sys.modules.setdefault("httpx._main", None)  # makes `from ._main import main` fail fast
    import httpx

    return httpx


def lazy_tls_transport(httpx, **options):
    """httpx's transport, in two halves made on first use: plain HTTP, and TLS with the
    verified default context. Loading the CA bundle costs ~40 ms, which a sync of http://
    or file:// feeds alone (a mirror on the local network) never needs. Proxies from the
    environment still apply: the client mounts those in front of this transport."""

    class LazyTLSTransport(httpx.AsyncBaseTransport):
        def __init__(self) -> None:
            self._plain = self._tls = None

        async def handle_async_request(self, request):
            if request.url.scheme == "https":
                if self._tls is None:
                    self._tls = httpx.AsyncHTTPTransport(**options)
                return await self._tls.handle_async_request(request)
            if self._plain is None:
                # never used for TLS (plain http:// only), so no CA bundle is loaded for it
                self._plain = httpx.AsyncHTTPTransport(verify=False, **options)
            return await self._plain.handle_async_request(request)

        async def aclose(self) -> None:
            for half in (self._plain, self._tls):
                if half is not None:
                    await half.aclose()

    return LazyTLSTransport()


@dataclass(slots=True)
class Fetched:
    """What came back for one feed. ``body`` is None when there is nothing new to parse."""

    status: int = 0  # HTTP status; 0 for a file or a failure before any response
    body: bytes | None = None
    not_modified: bool = False
    etag: str | None = None  # as sent by the server this time (None: not sent)
    last_modified: str | None = None
    content_type: str | None = None
    final_url: str | None = None
    moved_to: str | None = None  # set when every redirect on the way was permanent
    retry_after: float | None = None  # seconds
    gone: bool = False
    error: str | None = None
    seconds: float = 0.0


def is_file_url(url: str) -> bool:
    return url.lower().startswith("file://")


def file_path(url: str) -> Path:
    parts = urlsplit(url)
    return Path(unquote(parts.path))


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds: either a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = now if now is not None else time.time()
    return max(0.0, when.timestamp() - now)


def human_size(n: float) -> str:
    """1234567 -> '1.2 MB', 50000 -> '50 kB': limits are often set below a megabyte."""
    if n >= 1e6:
        return f"{n / 1e6:.1f} MB".replace(".0 MB", " MB")
    if n >= 1e3:
        return f"{n / 1e3:.0f} kB"
    return f"{n:.0f} bytes"


def read_file(url: str, max_bytes: int) -> Fetched:
    started = time.perf_counter()
    path = file_path(url)
    out = Fetched(final_url=url)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            out.error = (f"file larger than the {human_size(max_bytes)} limit "
                         f"({human_size(size)}); not read")
        else:
            out.body = path.read_bytes()
    except FileNotFoundError:
        out.error = f"no such file: {path}"
    except IsADirectoryError:
        out.error = f"is a folder, not a feed file: {path}"
    except OSError as exc:
        out.error = f"cannot read {path}: {exc.strerror}"
    out.seconds = time.perf_counter() - started
    return out


async def fetch_http(client, url: str, *, etag: str | None, last_modified: str | None,
                     max_bytes: int, deadline: float) -> Fetched:
    """GET ``url`` with the stored validators. Never raises for network or HTTP trouble."""
    httpx = import_httpx()
    started = time.perf_counter()
    out = Fetched()
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        async with asyncio.timeout(deadline):
            async with client.stream("GET", url, headers=headers) as r:
                out.status = r.status_code
                out.final_url = str(r.url)
                permanent = all(h.status_code in PERMANENT_REDIRECTS for h in r.history)
                if r.history and permanent and str(r.url) != url:
                    out.moved_to = str(r.url)
                out.etag = r.headers.get("etag")
                out.last_modified = r.headers.get("last-modified")
                out.content_type = r.headers.get("content-type")
                if r.status_code == 304:
                    out.not_modified = True
                    await _drain(r)
                elif r.status_code == 200:
                    out.body = await _read_limited(r, max_bytes)
                    if out.body is None:
                        out.error = f"response larger than {human_size(max_bytes)}; cut off"
                elif r.status_code == 410:
                    await _drain(r)
                    out.gone = True
                    out.error = "HTTP 410 Gone: the feed was removed; it will not be fetched again"
                else:
                    await _drain(r)
                    if r.status_code in (429, 503):
                        out.retry_after = parse_retry_after(r.headers.get("retry-after"))
                    reason = clean_line(r.reason_phrase, 80)
                    out.error = f"HTTP {r.status_code} {reason}".rstrip()
                    if out.retry_after is not None:
                        out.error += f" (retry after {out.retry_after:.0f} s)"
    except TimeoutError:
        out.error = f"timed out after {deadline:g} s"
    except httpx.TimeoutException as exc:
        out.error = f"timed out ({type(exc).__name__})"
    except httpx.TooManyRedirects:
        out.error = "too many redirects"
    except httpx.HTTPError as exc:
        out.error = _network_error(exc)
    except (OSError, ValueError) as exc:
        out.error = clean_line(f"{type(exc).__name__}: {exc}", 300)
    out.seconds = time.perf_counter() - started
    return out


async def _drain(response) -> None:
    """Read a response we have no use for (a 304, a short error page) to its end: one left
    unread closes its connection instead of handing it back for the next request to the
    host (44 connections instead of 8 for a warm sync of one host). Trouble while reading
    it is not the feed's error."""
    with contextlib.suppress(Exception):
        await _read_limited(response, 64 * 1024)


async def _read_limited(response, max_bytes: int) -> bytes | None:
    length = response.headers.get("content-length")
    encoded = response.headers.get("content-encoding")
    if length and length.isdigit() and not encoded and int(length) > max_bytes:
        return None
    chunks, total = [], 0
    async for chunk in response.aiter_bytes():
        total += len(chunk)
        if total > max_bytes:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _network_error(exc) -> str:
    """One readable line for a connection problem (httpx wraps the OS error)."""
    cause = exc
    while cause.__cause__ is not None or cause.__context__ is not None:
        cause = cause.__cause__ or cause.__context__
    text = str(cause) or str(exc) or type(exc).__name__
    return clean_line(f"{type(exc).__name__}: {text}", 300)


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
