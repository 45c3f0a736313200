"""The feeds table: kept in step with feeds.toml, and the fetch state of each feed."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from sahel_tui.config import FeedConfig
from sahel_tui.store.db import rollback


@dataclass(slots=True)
class FeedRow:
    id: int
    url: str
    config_url: str
    name: str
    language: str | None
    reliability: str
    enabled: bool
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    next_due_at: str | None
    dead: bool
    last_error: str | None = None
    error_count: int = 0
    last_status: int | None = None


_FEED_COLUMNS = ("id, url, config_url, name, language, reliability, enabled, etag, "
                 "last_modified, body_hash, next_due_at, dead, last_error, error_count, last_status")


def _row(r: sqlite3.Row) -> FeedRow:
    return FeedRow(r["id"], r["url"], r["config_url"], r["name"], r["language"],
                   r["reliability"], bool(r["enabled"]), r["etag"], r["last_modified"],
                   r["body_hash"], r["next_due_at"], bool(r["dead"]), r["last_error"],
                   r["error_count"], r["last_status"])


def sync_feeds(conn: sqlite3.Connection, feeds: Iterable[FeedConfig]) -> list[FeedRow]:
    """Make the feeds table match the config; feeds dropped from it are disabled, not
    deleted (their items and the analyst's coding stay). Returns the configured feeds."""
    feeds = list(feeds)
    configured = {f.url for f in feeds}
    conn.execute("BEGIN IMMEDIATE")
    try:
        for f in feeds:
            # A feed that moved (permanent redirect) is fetched from its new address, which
            # the analyst may now write into feeds.toml: url is unique, so settle that first.
            holder = conn.execute("SELECT id, config_url FROM feeds WHERE url = ? AND "
                                  "config_url != ?", (f.url, f.url)).fetchone()
            if holder is not None:
                taken = conn.execute("SELECT 1 FROM feeds WHERE config_url = ?",
                                     (f.url,)).fetchone()
                if holder[1] not in configured and taken is None:
                    # the old entry was replaced by the new address: same feed, same row
                    conn.execute("UPDATE feeds SET config_url = ? WHERE id = ?",
                                 (f.url, holder[0]))
                else:  # both are listed: the old entry goes back to its own address
                    conn.execute("UPDATE feeds SET url = config_url WHERE id = ?", (holder[0],))
            conn.execute(
                """INSERT INTO feeds (url, config_url, name, tags, language, reliability, enabled)
                   VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (config_url) DO UPDATE SET
                     name = excluded.name, tags = excluded.tags, language = excluded.language,
                     reliability = excluded.reliability, enabled = excluded.enabled,
                     -- an analyst who edits a dead feed's entry gets a fresh start
                     dead = CASE WHEN feeds.enabled != excluded.enabled THEN 0 ELSE feeds.dead END""",
                (f.url, f.url, f.name, json.dumps(list(f.tags)), f.language, f.reliability,
                 int(f.enabled)),
            )
        urls = [f.url for f in feeds]
        marks = ",".join("?" * len(urls))
        conn.execute(
            f"UPDATE feeds SET enabled = 0 WHERE config_url NOT IN ({marks})" if urls
            else "UPDATE feeds SET enabled = 0",
            urls,
        )
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise
    if not feeds:
        return []
    rows = conn.execute(
        f"SELECT {_FEED_COLUMNS} FROM feeds WHERE config_url IN ({marks})", urls
    ).fetchall()
    order = {u: i for i, u in enumerate(urls)}
    return sorted((_row(r) for r in rows), key=lambda f: order[f.config_url])


def all_feeds(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """Every feed with its status and counts, for `sahel-tui feeds` and the side pane."""
    return conn.execute(
        """SELECT f.*, (SELECT count(*) FROM item_feeds x WHERE x.feed_id = f.id) AS items
           FROM feeds f ORDER BY f.enabled DESC, f.name COLLATE NOCASE"""
    ).fetchall()


def record_fetch(conn: sqlite3.Connection, feed_id: int, **fields) -> None:
    """Write a feed's fetch outcome (status, validators, error...) in its own transaction."""
    if not fields:
        return
    cols = ", ".join(f"{k} = ?" for k in fields)
    conn.execute(f"UPDATE feeds SET {cols} WHERE id = ?", [*fields.values(), feed_id])
