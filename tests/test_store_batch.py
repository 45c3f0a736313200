"""store_entries inserts a feed's new items with one statement (the full-text index is far
cheaper that way); what it stores must be what storing entries one by one stored."""

from __future__ import annotations

import random
import sqlite3

from sahel_tui.config import FeedConfig
from sahel_tui.ingest.normalize import Entry
from sahel_tui.store import open_store
from sahel_tui.store.feeds import sync_feeds
from sahel_tui.store.items import _maybe_reassign_origin, store_entries


def _reference(conn: sqlite3.Connection, feed_id: int, entries, now: str) -> tuple[int, int]:
    """The one-entry-at-a-time algorithm store_entries replaced (kept here as the oracle)."""
    new = updated = 0
    cur = conn.cursor()
    hosts: dict = {}
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
                 e.language, now, now))
            item_id = cur.lastrowid
            new += 1
        else:
            row = cur.execute("SELECT content_hash, published_guessed FROM items WHERE id = ?",
                              (item_id,)).fetchone()
            if row[0] != e.content_hash:
                cur.execute("""UPDATE items SET title = ?, text = ?, raw_html = ?, content_hash = ?,
                                   author = coalesce(?, author), updated_at = ? WHERE id = ?""",
                            (e.title, e.text, e.raw_html, e.content_hash, e.author, now, item_id))
                updated += 1
            if row[1] and not e.published_guessed:
                cur.execute("UPDATE items SET published = ?, published_guessed = 0 WHERE id = ?",
                            (e.published, item_id))
        cur.executemany("INSERT OR IGNORE INTO item_keys (key, item_id) VALUES (?, ?)",
                        [(k, item_id) for k in e.keys if k not in found])
        cur.execute("INSERT OR IGNORE INTO item_feeds (item_id, feed_id, link, first_seen) "
                    "VALUES (?, ?, ?, ?)", (item_id, feed_id, e.link, now))
        if cur.rowcount:
            origin = cur.execute("SELECT feed_id FROM items WHERE id = ?", (item_id,)).fetchone()
            if origin[0] != feed_id:
                _maybe_reassign_origin(cur, item_id, feed_id, e.canonical_link, hosts)
    return new, updated


def _entries(rng: random.Random, n: int) -> list[Entry]:
    out = []
    for _ in range(n):
        g, lk = rng.randrange(40), rng.randrange(40)
        keys = []
        if rng.random() < 0.8:
            keys.append(f"g:https://news.example/{g}")
        if rng.random() < 0.7 or not keys:
            keys.append(f"l:https://site{lk % 3}.example/story/{lk}")
        link = keys[-1][2:] if keys[-1].startswith("l:") else None
        title = f"Story {g} v{rng.randrange(3)}"
        text = f"Attaque à Ménaka {g}, {rng.randrange(3)} morts"
        guessed = rng.random() < 0.3
        out.append(Entry(keys=keys, guid=keys[0][2:] if keys[0].startswith("g:") else None,
                         link=link, canonical_link=link, title=title,
                         author=rng.choice([None, "AFP", "Reuters"]),
                         published=f"2026-0{rng.randrange(1, 9)}-01T00:00:00Z",
                         published_guessed=guessed, text=text, raw_html=f"<p>{text}</p>",
                         content_hash=f"{title}|{text}", language="fr"))
    return out


def _dump(conn: sqlite3.Connection) -> dict:
    return {
        "items": conn.execute("SELECT * FROM items ORDER BY id").fetchall(),
        "keys": conn.execute("SELECT key, item_id FROM item_keys ORDER BY key").fetchall(),
        "feeds": conn.execute("SELECT * FROM item_feeds ORDER BY item_id, feed_id").fetchall(),
        "search": conn.execute("SELECT rowid FROM items_fts WHERE items_fts MATCH 'menaka' "
                               "ORDER BY rowid").fetchall(),
    }


def test_batched_store_equals_one_by_one(tmp_path):
    feeds = [FeedConfig(f"https://site{i}.example/feed", f"F{i}") for i in range(3)]
    for seed in range(12):
        rng = random.Random(seed)
        batches = [(rng.randrange(3), _entries(rng, rng.randrange(1, 30))) for _ in range(6)]
        dumps, counts = [], []
        for name, fn in (("ref", _reference), ("new", store_entries)):
            conn = open_store(tmp_path / f"{name}{seed}.db")
            rows = sync_feeds(conn, feeds)
            for i, row in enumerate(rows):
                conn.execute("UPDATE feeds SET site_url = ? WHERE id = ?",
                             (f"https://site{i}.example/", row.id))
            got = []
            for feed, entries in batches:
                conn.execute("BEGIN IMMEDIATE")
                got.append(fn(conn, rows[feed].id, entries, f"t{len(got)}"))
                conn.execute("COMMIT")
            dumps.append({k: [tuple(r) for r in v] for k, v in _dump(conn).items()})
            counts.append(got)
            conn.close()
        assert counts[0] == counts[1], seed
        assert dumps[0] == dumps[1], seed
