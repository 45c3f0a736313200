"""Writing items: one row per story, however many feeds carry it, updated when it changes."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

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
    return new, updated
