"""Bytes of a feed → a ParsedFeed of normalised entries (runs in worker processes)."""

from __future__ import annotations

import codecs
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sahel_tui.ingest.fetch import human_size
from sahel_tui.ingest.normalize import Entry, _struct_to_iso, canonical_url, normalize_entry
from sahel_tui.ingest.sanitize import clean_line

MAX_ENTRIES = 5_000


@dataclass(slots=True)
class ParsedFeed:
    title: str | None = None
    site_url: str | None = None
    language: str | None = None
    version: str | None = None
    entries: list[Entry] = field(default_factory=list)
    warning: str | None = None  # the feed parsed, but not cleanly
    error: str | None = None  # nothing usable came out of it


class ParseError(Exception):
    pass


# A gzip body (served without Content-Encoding, or read from disk) is never inflated past this
# (or the caller's max_bytes): a 50 kB gzip bomb must not become gigabytes in memory.
MAX_DECOMPRESSED = 64 * 1024 * 1024


class BodyTooLarge(ValueError):
    pass


def maybe_decompress(body: bytes, limit: int = MAX_DECOMPRESSED) -> bytes:
    """A gzip body served without Content-Encoding (or read from disk), inflated to at most
    ``limit`` bytes (BodyTooLarge beyond). Not gzip, or not valid gzip: returned as it is."""
    if body[:2] != b"\x1f\x8b":
        return body
    out: list[bytes] = []
    total = 0
    data = body
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        while data:
            chunk = d.decompress(data, limit + 1 - total)
            total += len(chunk)
            if total > limit:
                raise BodyTooLarge(f"gzip body larger than {human_size(limit)} once "
                                   f"decompressed; cut off")
            out.append(chunk)
            if d.unconsumed_tail:
                data = d.unconsumed_tail
            elif d.eof and d.unused_data[:2] == b"\x1f\x8b":  # another gzip member
                data = d.unused_data
                d = zlib.decompressobj(16 + zlib.MAX_WBITS)
            else:
                break
    except zlib.error:
        return body
    return b"".join(out)


_DECLARED = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._-]+)""")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._-]+)", re.I)


def _byte_as_cp1252(exc: UnicodeDecodeError) -> tuple[str, int]:
    b = exc.object[exc.start]
    try:
        return bytes([b]).decode("cp1252"), exc.start + 1
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: a C1 control, removed later
        return chr(b), exc.start + 1


codecs.register_error("sahel-cp1252", _byte_as_cp1252)


def repair_utf8(body: bytes, content_type: str | None) -> tuple[bytes, int]:
    """A UTF-8 feed with a few invalid bytes (one item pasted from Word): each invalid byte
    read as windows-1252, the rest as UTF-8. Left alone, the parser would read the *whole*
    feed as windows-1252 and turn every accent into mojibake ("cafÃ©"). Returns the body and
    the number of bytes repaired (0: untouched)."""
    if body[:2] in (b"\xff\xfe", b"\xfe\xff") or body[:1] == b"\x00":
        return body, 0  # UTF-16/32
    declared = _DECLARED.match(body)
    charset = _CHARSET.search(content_type or "")
    for name in (declared.group(1).decode() if declared else None, charset and charset.group(1)):
        if name and _codec(name) != "utf-8":
            return body, 0  # declared in another encoding: the parser's business
    try:
        body.decode("utf-8")
        return body, 0
    except UnicodeDecodeError:
        pass
    text = body.decode("utf-8", errors="sahel-cp1252")
    return text.encode("utf-8"), len(text) - len(body.decode("utf-8", errors="ignore"))


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _describe(exc: BaseException | None) -> str:
    if exc is None:
        return "unknown problem"
    if hasattr(exc, "getLineNumber"):  # xml.sax.SAXParseException
        msg = clean_line(exc.getMessage(), 200)
        return f"XML error at line {exc.getLineNumber()}, column {exc.getColumnNumber()}: {msg}"
    text = clean_line(str(exc), 200) or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if type(exc).__name__ not in text else text


def parse_feed(body: bytes, feed_key: str, *, content_type: str | None = None,
               language: str | None = None, base_url: str | None = None,
               now: datetime | None = None, max_bytes: int | None = None,
               fast: bool = True) -> ParsedFeed:
    """Parse a feed document. Never raises for bad input: errors come back in ``error``.

    A well-formed feed takes the fast path (fastparse: feedparser's result at a fraction of
    its cost); anything else, or ``fast=False``, goes through feedparser itself."""
    now = now or datetime.now(UTC)
    try:
        body = maybe_decompress(body, max_bytes or MAX_DECOMPRESSED)
    except BodyTooLarge as exc:
        return ParsedFeed(error=str(exc))
    # Headers only for HTTP: feedparser treats headers without a content type as a bozo.
    headers = {}
    if content_type:
        headers["content-type"] = content_type
        if base_url:
            headers["content-location"] = base_url
    body, repaired = repair_utf8(body, content_type)
    d = None
    if fast:
        from sahel_tui.ingest.fastparse import fast_parse  # not imported by a sync with no parse

        d = fast_parse(body, headers)
    if d is None:
        try:
            d = _feedparser(body, headers)
        except Exception as exc:  # feedparser is robust, but not against everything
            return ParsedFeed(error=f"could not parse: {_describe(exc)}")
    feed = d.get("feed", {})
    out = ParsedFeed(
        title=clean_line(feed.get("title")) or None,
        site_url=clean_line(feed.get("link"), 1000) or None,
        language=clean_line(feed.get("language"), 20) or language,
        version=d.get("version") or None,
    )
    entries = d.get("entries", [])
    if not entries and body.lstrip()[:1] == b"{":
        out.error = "a JSON document, not an RSS or Atom feed (JSON Feed is not supported)"
        return out
    if not entries:
        if d.get("bozo"):
            what = "not a feed" if not out.version else "broken feed"
            out.error = f"{what}: {_describe(d.get('bozo_exception'))}"
        elif not out.version:
            out.error = "not a feed: no RSS or Atom structure found"
        return out
    if d.get("bozo"):
        out.warning = f"parsed with errors: {_describe(d.get('bozo_exception'))}"
    if repaired:
        out.warning = (f"{repaired} byte{'s' if repaired > 1 else ''} that are not UTF-8 read as "
                       "windows-1252; the rest of the feed as UTF-8")
    feed_time = None
    for key in ("updated_parsed", "published_parsed"):
        if feed.get(key):
            feed_time = _struct_to_iso(feed[key])
            break
    lang = language or out.language
    normalized = []
    for entry in entries[:MAX_ENTRIES]:
        try:
            item = normalize_entry(entry, feed_key, now, feed_time, lang)
        except Exception as exc:  # one bad entry never costs the others
            out.warning = f"an entry was skipped: {_describe(exc)}"
            continue
        if item is not None:
            normalized.append(item)
    future = sorted(e.future_date for e in normalized if e.future_date)
    if future:
        note = (f"{len(future)} entr{'ies' if len(future) > 1 else 'y'} dated in the future "
                f"(latest {future[-1][:10]}) given the fetch time instead")
        out.warning = f"{out.warning}; {note}" if out.warning else note
    if len(entries) > MAX_ENTRIES:
        out.warning = f"only the first {MAX_ENTRIES} of {len(entries)} entries were read"
    out.entries = _drop_shared_links(normalized)
    return out


def _feedparser(body: bytes, headers: dict[str, str]):
    import io

    import feedparser

    # A stream, not bytes: given bytes, feedparser first tries them as a local file name, so
    # a hostile server answering "/home/analyst/notes.xml" would have that file read.
    # sanitize_html=False: we keep the entry's HTML as sent for the source view, and make
    # our own plain text from it; nothing from a feed is ever rendered as markup.
    return feedparser.parse(io.BytesIO(body), response_headers=headers, sanitize_html=False,
                            resolve_relative_uris=False)


def _drop_shared_links(entries: list[Entry]) -> list[Entry]:
    """A link shared by entries with different GUIDs (a feed linking every item to its home
    page) is no identity: drop it as a key so those entries are not merged into one."""
    guid_links = Counter()
    seen_pairs = set()
    for e in entries:
        if e.guid and e.canonical_link and (e.guid, e.canonical_link) not in seen_pairs:
            seen_pairs.add((e.guid, e.canonical_link))
            guid_links[e.canonical_link] += 1
    shared = {link for link, n in guid_links.items() if n > 1}
    if shared:
        for e in entries:
            if e.guid and e.canonical_link in shared:
                e.keys = [k for k in e.keys if k != f"l:{e.canonical_link}"]
    return entries


__all__ = ["ParseError", "ParsedFeed", "canonical_url", "maybe_decompress", "parse_feed"]
