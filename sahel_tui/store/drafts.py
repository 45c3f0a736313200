"""Drafts: what the analyst confirmed in a picker on an item that is not coded yet.

Nothing typed is lost: each confirmed value is written at once (one autocommitted INSERT,
like a decision), so moving away, searching, quitting or a crash keeps it. A draft is a
list of event field dicts; every save appends a version, so undo on the item takes back
the last change first. Accepting the coding (events.add_events) deletes the versions.
"""

from __future__ import annotations

import json
import sqlite3

from sahel_tui.store.decisions import now_iso

KEEP_VERSIONS = 50  # per item: enough undo, and the table stays small


def save(conn: sqlite3.Connection, item_id: int, events: list[dict]) -> None:
    """Append a version of the item's draft."""
    conn.execute("INSERT INTO drafts (item_id, events, at) VALUES (?, ?, ?)",
                 (item_id, json.dumps(events, ensure_ascii=False, sort_keys=True), now_iso()))
    conn.execute("DELETE FROM drafts WHERE item_id = ? AND id NOT IN "
                 "(SELECT id FROM drafts WHERE item_id = ? ORDER BY id DESC LIMIT ?)",
                 (item_id, item_id, KEEP_VERSIONS))


def load(conn: sqlite3.Connection, item_id: int) -> list[dict] | None:
    """The item's draft (its newest version), or None."""
    row = conn.execute("SELECT events FROM drafts WHERE item_id = ? ORDER BY id DESC LIMIT 1",
                       (item_id,)).fetchone()
    return json.loads(row[0]) if row else None


def undo(conn: sqlite3.Connection, item_id: int) -> bool:
    """Drop the newest version of the item's draft. False when it had none."""
    row = conn.execute("SELECT max(id) FROM drafts WHERE item_id = ?", (item_id,)).fetchone()
    if row[0] is None:
        return False
    conn.execute("DELETE FROM drafts WHERE id = ?", (row[0],))
    return True


def discard(conn: sqlite3.Connection, item_id: int) -> None:
    conn.execute("DELETE FROM drafts WHERE item_id = ?", (item_id,))


def drafted(conn: sqlite3.Connection, item_ids: list[int]) -> set[int]:
    marks = ",".join("?" * len(item_ids))
    return {r[0] for r in conn.execute(
        f"SELECT DISTINCT item_id FROM drafts WHERE item_id IN ({marks})", item_ids)}
