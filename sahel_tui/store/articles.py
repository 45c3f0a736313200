"""Full articles: which items want their page fetched, and what came of each try.

The article text is stored on the item (``items.article``, indexed for search with the
title and the feed's text); the state of its fetch in ``articles``: ``ok``, ``failed`` (with
the reason, retried on later syncs up to a limit) or ``shorter`` (the page's text was no
longer than the feed's own, which is kept).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(slots=True)
class Wanted:
    """One item whose article is to be fetched."""

    item_id: int
    link: str
    text_chars: int  # length of the feed's own text
    etag: str | None = None  # validators of an earlier fetch of the page
    last_modified: str | None = None
    attempts: int = 0
    has_article: bool = False


@dataclass(slots=True)
class ArticleState:
    state: str  # ok, failed, shorter
    url: str
    attempts: int
    error: str | None
    chars: int | None
    fetched_at: str
    next_try_at: str | None


_WANTED = """
SELECT i.id, i.link, length(i.text), a.etag, a.last_modified, coalesce(a.attempts, 0),
       i.article IS NOT NULL
FROM items i LEFT JOIN articles a ON a.item_id = i.id
"""


def wanted(conn: sqlite3.Connection, feed_ids: Iterable[int], *, since: str, now: str,
           max_attempts: int, limit: int) -> list[Wanted]:
    """Items first seen since ``since`` in one of ``feed_ids`` that have no article yet and
    are due: never tried, or failed fewer than ``max_attempts`` times and past their wait."""
    ids = sorted(set(feed_ids))
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    sql = (_WANTED + f"""
        WHERE i.id IN (SELECT x.item_id FROM item_feeds x WHERE x.feed_id IN ({marks}))
          AND i.first_seen_at >= ?
          AND (i.link LIKE 'http://%' OR i.link LIKE 'https://%')
          AND (a.item_id IS NULL
               OR (a.state = 'failed' AND a.attempts < ?
                   AND (a.next_try_at IS NULL OR a.next_try_at <= ?)))
        ORDER BY i.first_seen_at DESC, i.id DESC LIMIT ?""")
    rows = conn.execute(sql, (*ids, since, max_attempts, now, limit)).fetchall()
    return [_wanted(r) for r in rows]


def wanted_items(conn: sqlite3.Connection, item_ids: Iterable[int]) -> list[Wanted]:
    """These items, whatever their state (an analyst's request): fetched again."""
    ids = list(item_ids)
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = conn.execute(_WANTED + f" WHERE i.id IN ({marks}) ORDER BY i.id", ids).fetchall()
    return [_wanted(r) for r in rows]


def _wanted(r) -> Wanted:
    return Wanted(r[0], r[1] or "", r[2] or 0, r[3], r[4], r[5], bool(r[6]))


def record_text(conn: sqlite3.Connection, item_id: int, *, url: str, text: str, status: int,
                etag: str | None, last_modified: str | None, now: str) -> str:
    """Store an extracted article; returns its state. A text no longer than the feed's own
    does not replace it (state ``shorter``); the feed's text is never touched."""
    feed_chars = conn.execute("SELECT length(text) FROM items WHERE id = ?",
                              (item_id,)).fetchone()
    if feed_chars is None:  # the item was deleted meanwhile
        return "gone"
    state = "ok" if len(text) > (feed_chars[0] or 0) else "shorter"
    if state == "ok":
        conn.execute("UPDATE items SET article = ? WHERE id = ?", (text, item_id))
    _upsert(conn, item_id, url=url, state=state, attempts=0, error=None, status=status,
            etag=etag, last_modified=last_modified, chars=len(text), fetched_at=now,
            next_try_at=None)
    return state


def record_unchanged(conn: sqlite3.Connection, item_id: int, *, url: str, now: str) -> None:
    """A 304 for a page fetched before: what is stored stays; the try is noted."""
    conn.execute("UPDATE articles SET fetched_at = ?, status = 304, url = ?, next_try_at = NULL "
                 "WHERE item_id = ?", (now, url, item_id))


def record_failure(conn: sqlite3.Connection, item_id: int, *, url: str, error: str,
                   status: int, now: str, next_try_at: str | None, counts: bool = True,
                   final: bool = False, max_attempts: int = 3) -> None:
    """A failed try. ``final``: trying again cannot help (robots.txt, not a web page), so it
    is not retried automatically; ``counts`` False: not tried at all (the host asked us to
    wait), so the try is not counted. An article fetched before stays."""
    row = conn.execute("SELECT attempts, state FROM articles WHERE item_id = ?",
                       (item_id,)).fetchone()
    attempts = row[0] if row is not None else 0
    if counts:
        attempts += 1
    if final:
        attempts = max(attempts, max_attempts)
    if row is not None and row[1] in ("ok", "shorter"):
        # a refetch that failed: the earlier result stands, the reason is shown beside it
        conn.execute("UPDATE articles SET error = ?, status = ?, fetched_at = ? "
                     "WHERE item_id = ?", (error, status, now, item_id))
        return
    _upsert(conn, item_id, url=url, state="failed", attempts=attempts, error=error,
            status=status, etag=None, last_modified=None, chars=None, fetched_at=now,
            next_try_at=next_try_at)


def _upsert(conn: sqlite3.Connection, item_id: int, **values) -> None:
    cols = ", ".join(values)
    marks = ", ".join("?" * len(values))
    updates = ", ".join(f"{c} = excluded.{c}" for c in values)
    conn.execute(f"INSERT INTO articles (item_id, {cols}) VALUES (?, {marks}) "
                 f"ON CONFLICT (item_id) DO UPDATE SET {updates}",
                 (item_id, *values.values()))


def article_state(conn: sqlite3.Connection, item_id: int) -> ArticleState | None:
    r = conn.execute("SELECT state, url, attempts, error, chars, fetched_at, next_try_at "
                     "FROM articles WHERE item_id = ?", (item_id,)).fetchone()
    return ArticleState(*r) if r is not None else None


def robots_get(conn: sqlite3.Connection, origin: str, fresh_since: str) -> tuple[int, str] | None:
    r = conn.execute("SELECT status, body FROM robots WHERE origin = ? AND fetched_at >= ?",
                     (origin, fresh_since)).fetchone()
    return (r[0], r[1]) if r is not None else None


def robots_put(conn: sqlite3.Connection, origin: str, status: int, body: str, now: str) -> None:
    conn.execute("INSERT OR REPLACE INTO robots (origin, status, body, fetched_at) "
                 "VALUES (?, ?, ?, ?)", (origin, status, body, now))
