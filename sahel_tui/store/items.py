"""Writing items: one row per story, however many feeds carry it, updated when it changes."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from urllib.parse import urlsplit

from sahel_tui.ingest.normalize import Entry

_ITEM_COLUMNS = ("uid", "feed_id", "guid", "link", "canonical_link", "title", "author",
                 "published", "published_guessed", "text", "raw_html", "content_hash",
                 "language", "first_seen_at", "updated_at")


def store_entries(conn: sqlite3.Connection, feed_id: int, entries: Sequence[Entry],
                  now: str) -> tuple[int, int]:
    """Insert or update ``entries`` of one feed. Runs inside the caller's transaction.

    An entry whose GUID or canonical link is already known (from this feed or another) is
    the same item: its text is refreshed if it changed, and the feed is linked to it.
    Returns (new items, updated items).
    """
    new = updated = 0
    cur = conn.cursor()
    hosts: dict[int, str | None] = {}
    fresh: list[list] = []  # rows of items new in this batch, as _ITEM_COLUMNS
    pending: dict[str, int] = {}  # key -> index in fresh, for a repeat within the batch
    # entry, item id | index in fresh, keys known before (None: its keys are stored already)
    plan: list[tuple[Entry, int | None, int | None, dict | None]] = []
    for e in entries:
        marks = ",".join("?" * len(e.keys))
        found = dict(cur.execute(f"SELECT key, item_id FROM item_keys WHERE key IN ({marks})",
                                 e.keys).fetchall())
        # the first of the entry's keys known at all decides, as it did when every item was
        # inserted at once: known in the database, or from an earlier entry of this batch
        hit = next((k for k in e.keys if k in found or k in pending), None)
        if hit in found:
            item_id = found[hit]
            updated += _refresh(cur, item_id, e, now)
            # its new keys at once (a later entry of this batch may be known by one of them),
            # but not those an earlier new entry of the batch claimed: those are its
            cur.executemany("INSERT OR IGNORE INTO item_keys (key, item_id) VALUES (?, ?)",
                            [(k, item_id) for k in e.keys if k not in found and k not in pending])
            plan.append((e, item_id, None, None))
            continue
        index = pending.get(hit) if hit is not None else None
        if index is None:
            index = len(fresh)
            fresh.append([e.uid, feed_id, e.guid, e.link, e.canonical_link, e.title, e.author,
                          e.published, int(e.published_guessed), e.text, e.raw_html,
                          e.content_hash, e.language, now, now])
            new += 1
        else:  # the same story twice in one feed: the later copy wins, as an update would
            updated += _refresh_row(fresh[index], e)
        for k in e.keys:
            pending.setdefault(k, index)
        plan.append((e, None, index, found))
    ids = _insert_items(conn, fresh)
    for e, item_id, index, found in plan:
        if item_id is None:
            item_id = ids[index]
        if found is not None:
            cur.executemany("INSERT OR IGNORE INTO item_keys (key, item_id) VALUES (?, ?)",
                            [(k, item_id) for k in e.keys if k not in found])
        cur.execute(
            "INSERT OR IGNORE INTO item_feeds (item_id, feed_id, link, first_seen) VALUES (?, ?, ?, ?)",
            (item_id, feed_id, e.link, now),
        )
        if cur.rowcount and not _is_origin(cur, item_id, feed_id):  # a second carrier
            _maybe_reassign_origin(cur, item_id, feed_id, e.canonical_link, hosts)
    return new, updated


def _refresh(cur: sqlite3.Cursor, item_id: int, e: Entry, now: str) -> int:
    """A known item seen again: new text if it changed (1), a real date for a guessed one."""
    row = cur.execute("SELECT content_hash, published_guessed FROM items WHERE id = ?",
                      (item_id,)).fetchone()
    changed = row[0] != e.content_hash
    if changed:
        cur.execute(
            """UPDATE items SET title = ?, text = ?, raw_html = ?, content_hash = ?,
                   author = coalesce(?, author), updated_at = ? WHERE id = ?""",
            (e.title, e.text, e.raw_html, e.content_hash, e.author, now, item_id),
        )
    if row[1] and not e.published_guessed:
        cur.execute("UPDATE items SET published = ?, published_guessed = 0 WHERE id = ?",
                    (e.published, item_id))
    return int(changed)


def _refresh_row(row: list, e: Entry) -> int:
    """_refresh for an item not inserted yet (its row, as _ITEM_COLUMNS)."""
    changed = row[11] != e.content_hash
    if changed:
        row[5], row[9], row[10], row[11] = e.title, e.text, e.raw_html, e.content_hash
        row[6] = e.author if e.author is not None else row[6]
    if row[8] and not e.published_guessed:
        row[7], row[8] = e.published, 0
    return int(changed)


def _insert_items(conn: sqlite3.Connection, rows: list[list]) -> list[int]:
    """Insert new item rows; their ids, in order.

    The rows go to a temporary table first, then into items with ONE statement: the
    full-text index (filled by the items trigger) flushes its pending data at the end of
    every statement, so one INSERT per row made indexing ~5x more expensive than the rest
    of storing an item."""
    if not rows:
        return []
    cols = ", ".join(_ITEM_COLUMNS)
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS new_items AS SELECT {cols} FROM items WHERE 0")
    conn.execute("DELETE FROM temp.new_items")
    conn.executemany(f"INSERT INTO temp.new_items ({cols}) VALUES "
                     f"({', '.join('?' * len(_ITEM_COLUMNS))})", rows)
    conn.execute(f"INSERT INTO main.items ({cols}) SELECT {cols} FROM temp.new_items ORDER BY rowid")
    ids = dict(conn.execute("SELECT n.uid, i.id FROM temp.new_items n "
                            "JOIN main.items i ON i.uid = n.uid"))
    conn.execute("DELETE FROM temp.new_items")
    return [ids[row[0]] for row in rows]


def _is_origin(cur: sqlite3.Cursor, item_id: int, feed_id: int) -> bool:
    """Whether ``feed_id`` is the item's origin feed."""
    row = cur.execute("SELECT feed_id FROM items WHERE id = ?", (item_id,)).fetchone()
    return row is not None and row[0] == feed_id


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host or None


def _feed_host(cur: sqlite3.Cursor, feed_id: int, hosts: dict[int, str | None]) -> str | None:
    if feed_id not in hosts:
        row = cur.execute("SELECT site_url FROM feeds WHERE id = ?", (feed_id,)).fetchone()
        hosts[feed_id] = _host(row[0]) if row else None
    return hosts[feed_id]


def _maybe_reassign_origin(cur: sqlite3.Cursor, item_id: int, feed_id: int,
                           link: str | None, hosts: dict[int, str | None]) -> None:
    """A story carried by two feeds belongs to the outlet whose own site hosts its link
    (the wire service, not the paper that republished it), whichever was fetched first."""
    link_host = _host(link)
    if not link_host or _feed_host(cur, feed_id, hosts) != link_host:
        return
    origin = cur.execute("SELECT feed_id FROM items WHERE id = ?", (item_id,)).fetchone()[0]
    if _feed_host(cur, origin, hosts) != link_host:
        cur.execute("UPDATE items SET feed_id = ? WHERE id = ?", (feed_id, item_id))
