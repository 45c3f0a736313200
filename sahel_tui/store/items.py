"""Writing items: one row per story, however many feeds carry it, updated when it changes."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from urllib.parse import urlsplit

from sahel_tui.ingest.normalize import Entry


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
    for e in entries:
        marks = ",".join("?" * len(e.keys))
        found = dict(cur.execute(f"SELECT key, item_id FROM item_keys WHERE key IN ({marks})",
                                 e.keys).fetchall())
        item_id = next((found[k] for k in e.keys if k in found), None)
        if item_id is None:
            cur.execute(
                """INSERT INTO items (uid, feed_id, guid, link, canonical_link, title, author,
                       published, published_guessed, text, raw_html, content_hash, language,
                       first_seen_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (e.uid, feed_id, e.guid, e.link, e.canonical_link, e.title, e.author,
                 e.published, int(e.published_guessed), e.text, e.raw_html, e.content_hash,
                 e.language, now, now),
            )
            item_id = cur.lastrowid
            new += 1
        else:
            row = cur.execute("SELECT content_hash, published_guessed FROM items WHERE id = ?",
                              (item_id,)).fetchone()
            if row[0] != e.content_hash:
                cur.execute(
                    """UPDATE items SET title = ?, text = ?, raw_html = ?, content_hash = ?,
                           author = coalesce(?, author), updated_at = ? WHERE id = ?""",
                    (e.title, e.text, e.raw_html, e.content_hash, e.author, now, item_id),
                )
                updated += 1
            if row[1] and not e.published_guessed:
                cur.execute("UPDATE items SET published = ?, published_guessed = 0 WHERE id = ?",
                            (e.published, item_id))
        cur.executemany("INSERT OR IGNORE INTO item_keys (key, item_id) VALUES (?, ?)",
                        [(k, item_id) for k in e.keys if k not in found])
        cur.execute(
            "INSERT OR IGNORE INTO item_feeds (item_id, feed_id, link, first_seen) VALUES (?, ?, ?, ?)",
            (item_id, feed_id, e.link, now),
        )
        if cur.rowcount and not _is_origin(cur, item_id, feed_id):  # a second carrier
            _maybe_reassign_origin(cur, item_id, feed_id, e.canonical_link, hosts)
    return new, updated


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
