"""Comparing the fast parser with feedparser on the values sahel-tui reads."""

from __future__ import annotations

from datetime import UTC, datetime

import feedparser

from sahel_tui.ingest.fastparse import fast_parse
from sahel_tui.ingest.fastparse.tables import KEYMAP
from sahel_tui.ingest.parse import parse_feed

NOW = datetime(2025, 6, 3, 12, 0, tzinfo=UTC)
# what normalize_entry and parse_feed read from feedparser's result
FEED_FIELDS = ("title", "link", "language", "updated_parsed", "published_parsed")
ENTRY_FIELDS = ("id", "guid", "link", "title", "summary", "author", "published_parsed",
                "updated_parsed", "created_parsed", "language")


def headers_for(content_type: str | None, base_url: str | None = None) -> dict[str, str]:
    """The response headers parse_feed hands to feedparser."""
    if not content_type:
        return {}
    return {"content-type": content_type, **({"content-location": base_url} if base_url else {})}


def reference(body: bytes, headers: dict[str, str]):
    return feedparser.parse(body, response_headers=headers, sanitize_html=False,
                            resolve_relative_uris=False)


def _get(d, key):
    if not isinstance(d, feedparser.FeedParserDict):  # FeedParserDict's aliases, for reading
        key = KEYMAP.get(key, key)
    value = d.get(key)
    if value is None and key == "updated_parsed":  # FeedParserDict's fallback
        value = d.get("published_parsed")
    return value


def raw_differences(fast: dict, ref) -> list[str]:
    """Where the fast result and feedparser's differ in a value we read."""
    out = []
    if ref.get("bozo"):
        out.append(f"feedparser flagged it: {ref.get('bozo_exception')!r}")
    if (fast["version"] or None) != (ref.get("version") or None):
        out.append(f"version {fast['version']!r} != {ref.get('version')!r}")
    for key in FEED_FIELDS:
        if _get(fast["feed"], key) != _get(ref["feed"], key):
            out.append(f"feed.{key}: {_get(fast['feed'], key)!r} != {_get(ref['feed'], key)!r}")
    if len(fast["entries"]) != len(ref["entries"]):
        out.append(f"{len(fast['entries'])} entries != {len(ref['entries'])}")
    for i, (mine, theirs) in enumerate(zip(fast["entries"], ref["entries"], strict=False)):
        for key in ENTRY_FIELDS:
            if _get(mine, key) != _get(theirs, key):
                out.append(f"entry {i} {key}: {_get(mine, key)!r} != {_get(theirs, key)!r}")
        mine_type = (mine.get("title_detail") or {}).get("type")
        their_type = (theirs.get("title_detail") or {}).get("type")
        if mine_type != their_type:
            out.append(f"entry {i} title_detail.type: {mine_type!r} != {their_type!r}")
        mine_content = [c.get("value") for c in mine.get("content") or []]
        their_content = [c.get("value") for c in theirs.get("content") or []]
        if mine_content != their_content:
            out.append(f"entry {i} content: {mine_content!r} != {their_content!r}")
    return out


def check_both_paths(body: bytes, content_type: str | None = None,
                     base_url: str | None = None, *, raw: bool = True) -> bool:
    """Both parsers on one document: the same values (unless ``raw`` is false), the same
    ParsedFeed. Returns whether the fast path accepted it."""
    headers = headers_for(content_type, base_url)
    fast = fast_parse(body, headers)
    if fast is not None and raw:
        problems = raw_differences(fast, reference(body, headers))
        assert not problems, "\n".join(problems[:20])
    kwargs = dict(content_type=content_type, base_url=base_url, now=NOW, language="en")
    slow = parse_feed(body, "feed", fast=False, **kwargs)
    assert parse_feed(body, "feed", **kwargs) == slow
    return fast is not None
