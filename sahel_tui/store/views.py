"""Reads for the screens: keyset pages of items, counts, one item in full.

Lists are windows: a page is fetched relative to an anchor row (published, id), never by
OFFSET, so moving through 500k items costs the same at the end as at the start.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from sahel_tui.store.query import Compiled

ORDER_DESC = "items.published DESC, items.id DESC"
ORDER_ASC = "items.published ASC, items.id ASC"


@dataclass(frozen=True, slots=True)
class ItemRow:
    id: int
    published: str
    source: str
    title: str
    status: str
    coding: str  # a compact summary of the item's coding ('' when none)
    article: bool = False  # the full article is stored

    @property
    def key(self) -> tuple[str, int]:
        return (self.published, self.id)


# The coding summary comes from the coding layer once it exists (see set_coding_summary).
_CODING_SQL = "''"
_COUNTED_SQL = "''"


def set_coding_summary(sql_expr: str, counted_expr: str | None = None) -> None:
    """An SQL expression over ``items`` giving a short coding summary for the list; and one
    for a query that counts some events only (Compiled.counted: a drill-down), where
    ``{counted}`` stands for that condition on events aliased ``e``."""
    global _CODING_SQL, _COUNTED_SQL
    _CODING_SQL = sql_expr
    _COUNTED_SQL = counted_expr or sql_expr


def _select(q: Compiled) -> tuple[str, list]:
    """The rows' SELECT and the parameters that come before the query's own."""
    summary, params = _CODING_SQL, []
    if q.counted is not None:
        cond, cond_params = q.counted
        summary = _COUNTED_SQL.replace("{counted}", f"({cond})")
        params = cond_params * _COUNTED_SQL.count("{counted}")
    return (f"SELECT items.id, items.published, f.name, items.title, items.status, "
            f"{summary} AS coding, items.article IS NOT NULL "
            f"FROM items JOIN feeds f ON f.id = items.feed_id "
            f"WHERE ({q.where})"), params


def page(conn: sqlite3.Connection, q: Compiled, *, after: tuple[str, int] | None = None,
         before: tuple[str, int] | None = None, limit: int = 100) -> list[ItemRow]:
    """Rows in list order (newest first). ``after``: rows below the anchor; ``before``: rows
    above it (returned in list order too). Neither: the top of the list."""
    q = q.for_listing(conn)
    sql, params = _select(q)
    params += q.params
    if after is not None:
        sql += " AND (items.published, items.id) < (?, ?)"
        params += list(after)
        sql += f" ORDER BY {ORDER_DESC} LIMIT ?"
    elif before is not None:
        sql += " AND (items.published, items.id) > (?, ?)"
        params += list(before)
        sql += f" ORDER BY {ORDER_ASC} LIMIT ?"
    else:
        sql += f" ORDER BY {ORDER_DESC} LIMIT ?"
    params.append(limit)
    rows = [ItemRow(*r) for r in conn.execute(sql, params)]
    if before is not None:
        rows.reverse()
    return rows


def last_page(conn: sqlite3.Connection, q: Compiled, limit: int = 100) -> list[ItemRow]:
    """The bottom of the list (the oldest rows), in list order."""
    q = q.for_listing(conn)
    sql, params = _select(q)
    sql += f" ORDER BY {ORDER_ASC} LIMIT ?"
    rows = [ItemRow(*r) for r in conn.execute(sql, [*params, *q.params, limit])]
    rows.reverse()
    return rows


def row_at(conn: sqlite3.Connection, q: Compiled, item_id: int) -> ItemRow | None:
    """One item as a list row, if it is in the view."""
    sql, params = _select(q)
    sql += " AND items.id = ?"
    r = conn.execute(sql, [*params, *q.params, item_id]).fetchone()
    return ItemRow(*r) if r else None


def next_with_status(conn: sqlite3.Connection, q: Compiled, anchor: tuple[str, int],
                     status: str, forward: bool = True) -> ItemRow | None:
    """The next (or previous) item in the view with ``status``, from an anchor."""
    narrowed = q.and_("items.status = ?", [status])
    rows = (page(conn, narrowed, after=anchor, limit=1) if forward
            else page(conn, narrowed, before=anchor, limit=1))
    return rows[0] if rows else None


def status_counts(conn: sqlite3.Connection, q: Compiled) -> dict[str, int]:
    """Triage progress for a view: how many items are new, coded, dismissed, flagged."""
    counts = dict.fromkeys(("new", "coded", "dismissed", "flagged"), 0)
    for status, n in conn.execute(
        f"SELECT items.status, count(*) FROM items WHERE ({q.where}) GROUP BY items.status",
        q.params,
    ):
        counts[status] = n
    return counts


def feed_counts(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """Every enabled feed with its untriaged count and last error, for the side pane."""
    return conn.execute(
        """SELECT f.id, f.name, f.tags, f.last_error, f.error_count, f.dead,
                  coalesce(n.untriaged, 0) AS untriaged
           FROM feeds f
           LEFT JOIN (SELECT x.feed_id, count(*) AS untriaged FROM items i
                      JOIN item_feeds x ON x.item_id = i.id
                      WHERE i.status = 'new' GROUP BY x.feed_id) n ON n.feed_id = f.id
           WHERE f.enabled = 1
           ORDER BY f.name COLLATE NOCASE"""
    ).fetchall()


def tag_counts(feeds: list[sqlite3.Row]) -> dict[str, int]:
    """Untriaged per tag, from feed_counts (an item in two feeds of one tag counts twice:
    good enough for a side pane, and free)."""
    out: dict[str, int] = {}
    for f in feeds:
        for tag in json.loads(f["tags"] or "[]"):
            out[tag] = out.get(tag, 0) + f["untriaged"]
    return dict(sorted(out.items(), key=lambda kv: kv[0].lower()))


def count_new(conn: sqlite3.Connection, q: Compiled) -> int:
    return conn.execute(
        f"SELECT count(*) FROM items WHERE ({q.where}) AND items.status = 'new'", q.params
    ).fetchone()[0]


@dataclass(frozen=True, slots=True)
class ItemDetail:
    id: int
    title: str
    published: str
    published_guessed: bool
    link: str | None
    author: str | None
    text: str
    raw_html: str
    status: str
    sources: list[tuple[str, str | None, str]]  # (feed name, link, reliability)
    article: str | None = None  # the linked page's text, when fetched
    article_note: str | None = None  # the state of its fetch, for the reader (None: never)

    @property
    def best_text(self) -> str:
        """What suggestions read: the article when there is one, else the feed's text."""
        return self.article or self.text


def item_detail(conn: sqlite3.Connection, item_id: int) -> ItemDetail | None:
    r = conn.execute(
        "SELECT id, title, published, published_guessed, link, author, text, raw_html, status, "
        "article FROM items WHERE id = ?", (item_id,)
    ).fetchone()
    if r is None:
        return None
    sources = [(s[0], s[1], s[2]) for s in conn.execute(
        "SELECT f.name, x.link, f.reliability FROM item_feeds x JOIN feeds f ON f.id = x.feed_id "
        "WHERE x.item_id = ? ORDER BY x.first_seen, f.name", (item_id,))]
    return ItemDetail(r[0], r[1], r[2], bool(r[3]), r[4], r[5], r[6], r[7] or "", r[8], sources,
                      r[9], _article_note(conn, item_id))


def _article_note(conn: sqlite3.Connection, item_id: int) -> str | None:
    """One line on the item's full-article fetch: when, or why it failed."""
    a = conn.execute("SELECT state, error, attempts, fetched_at, chars FROM articles "
                     "WHERE item_id = ?", (item_id,)).fetchone()
    if a is None:
        return None
    when = (a[3] or "").replace("T", " ").rstrip("Z")
    if a[0] == "ok":
        note = f"article fetched {when} UTC, {a[4]:,} characters"
    elif a[0] == "shorter":
        note = f"article fetched {when} UTC: no longer than the feed's text, which is kept"
    else:
        note = f"article not fetched ({a[1]}); tried {a[2]} time{'s' if a[2] != 1 else ''}"
        return note
    return note + (f"; last refetch failed: {a[1]}" if a[1] else "")
