"""Turning one feedparser entry into the item we store: ids, links, times, clean text."""

from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sahel_tui.ingest.localdates import parse_localized
from sahel_tui.ingest.sanitize import (
    MAX_RAW_HTML,
    MAX_SHORT,
    clean_line,
    html_to_text,
    strip_controls,
    truncate,
)

# Tracking parameters that make one article look like many.
_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|at_medium|at_campaign|xtor|ref|cmpid)$", re.I)
# A GUID that is not a URL, URN or tag URI and is short or all digits is only unique within
# its own feed ("42", "post-7"), so it is scoped to the feed to avoid false merges.
_GLOBAL_GUID = re.compile(r"^(https?://|urn:|tag:|[0-9a-f]{8}-[0-9a-f]{4}-)", re.I)


@dataclass(slots=True)
class Entry:
    """A normalised entry, ready for the store. Plain data: it crosses process boundaries."""

    keys: list[str]  # every key this item is known by, the primary (uid) first
    guid: str | None
    link: str | None
    canonical_link: str | None
    title: str
    author: str | None
    published: str  # ISO UTC
    published_guessed: bool
    text: str
    raw_html: str
    content_hash: str
    language: str | None
    future_date: str | None = None  # the far-future date the feed gave, replaced by the fetch time

    @property
    def uid(self) -> str:
        return self.keys[0]


def canonical_url(url: str | None) -> str | None:
    """Lower-case scheme and host, no fragment, no tracking parameters, no default port."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for a port that is not a number or too big
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return url
    host = (parts.hostname or "").lower()
    if port and not (scheme == "http" and port == 80) and not (scheme == "https" and port == 443):
        host = f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not _TRACKING.match(k)])
    path = parts.path or "/"
    return urlunsplit((scheme, host, path, query, ""))


def iso_utc(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _struct_to_iso(st) -> str | None:
    try:
        return iso_utc(datetime.fromtimestamp(calendar.timegm(st), UTC))
    except (OverflowError, ValueError, TypeError, OSError):
        return None


def entry_time(entry, now: datetime, feed_time: str | None) -> tuple[str, bool]:
    """Published time in UTC, and whether it was guessed (see entry_time_checked)."""
    published, guessed, _ = entry_time_checked(entry, now, feed_time)
    return published, guessed


def entry_time_checked(entry, now: datetime, feed_time: str | None,
                       ) -> tuple[str, bool, str | None]:
    """Published time in UTC, whether it was guessed, and the future date it replaced.

    Uses published, then updated, then created; a date feedparser could not read is tried
    with month names in other languages ("Seg, 24 Set 2018"). A time more than a day in the
    future is not believed: with no believable date besides, the item gets the fetch time,
    flagged as guessed, and the future date is returned so the feed's status can say so.
    With no date at all, the feed's own date or the fetch time stands in, flagged.
    """
    limit = iso_utc(now + timedelta(days=1))
    future = None
    for key in ("published", "updated", "created"):
        st = entry.get(f"{key}_parsed") or parse_localized(entry.get(key))
        if st:
            iso = _struct_to_iso(st)
            if iso and iso > limit:
                future = future or iso
            elif iso and iso >= "1990-01-01":
                return iso, False, None
    if future:
        return iso_utc(now), True, future
    if feed_time and feed_time <= limit:
        return feed_time, True, None
    return iso_utc(now), True, None


def _html_and_text(entry) -> tuple[str, str]:
    """The entry's HTML and its plain text: of the full contents and the summary, the one
    with the longest *text* (a content that is only a cut-off <img> must not beat a
    300-character description); the first on a tie, so the content over its summary."""
    candidates = [c.get("value") or "" for c in entry.get("content") or []]
    candidates.append(entry.get("summary") or "")
    best_html = best_text = ""
    for html in candidates:
        # the text is never longer than its HTML: a summary no longer than the text in hand
        # (the usual excerpt of the content) is not worth reading
        if not html or html is best_html or (best_html and len(html) <= len(best_text)):
            continue
        text = html_to_text(html)
        if not best_html or len(text) > len(best_text):
            best_html, best_text = html, text
    return best_html, best_text


def _title_of(entry) -> str:
    title = entry.get("title") or ""
    detail = entry.get("title_detail") or {}
    if "html" in (detail.get("type") or "") or "<" in title:
        return clean_line(html_to_text(title))
    return clean_line(title)


def normalize_entry(entry, feed_key: str, now: datetime, feed_time: str | None,
                    language: str | None) -> Entry | None:
    """One feedparser entry as an Entry; None for an entry with nothing to show."""
    html, text = _html_and_text(entry)
    title = _title_of(entry)
    link = clean_line(entry.get("link"), MAX_SHORT) or None
    guid = clean_line(entry.get("id") or entry.get("guid"), MAX_SHORT) or None
    if not (title or text or link):
        return None
    canonical = canonical_url(link)
    content_hash = hashlib.sha1(f"{title}\x00{text}".encode()).hexdigest()
    keys: list[str] = []
    if guid:
        keys.append(f"g:{guid}" if _GLOBAL_GUID.match(guid) else f"g:{feed_key}#{guid}")
    if canonical:
        keys.append(f"l:{canonical}")
    if not keys:
        keys.append(f"h:{feed_key}#{content_hash}")
    published, guessed, future = entry_time_checked(entry, now, feed_time)
    author = clean_line(entry.get("author"), MAX_SHORT) or None
    raw = truncate(strip_controls(html), MAX_RAW_HTML) if html else ""
    return Entry(
        keys=keys,
        guid=guid,
        link=link,
        canonical_link=canonical,
        title=title or truncate(text.split("\n", 1)[0], 120) or (link or ""),
        author=author,
        published=published,
        published_guessed=guessed,
        text=text,
        raw_html=raw,
        content_hash=content_hash,
        language=(clean_line(entry.get("language"), 20) or language or None),
        future_date=future,
    )
