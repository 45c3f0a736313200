"""The decision log: every analyst change, with undo and redo, appended, never rewritten.

A change is (item, target, before, after). Targets are applied by appliers registered per
kind: 'status' here; the coding layer registers 'event'. Undo applies a batch's ``before``
values and appends 'undo' rows; redo applies ``after`` again and appends 'redo' rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sahel_tui.store.db import rollback

STATUSES = ("new", "coded", "dismissed", "flagged")

Applier = Callable[[sqlite3.Connection, int | None, str, object], None]
_APPLIERS: dict[str, Applier] = {}


def register_applier(kind: str, fn: Applier) -> None:
    """``fn(conn, item_id, target, value)`` puts ``value`` back for targets 'kind[:...]'."""
    _APPLIERS[kind] = fn


def _apply(conn: sqlite3.Connection, item_id: int | None, target: str, value_json: str | None) -> None:
    kind = target.split(":", 1)[0]
    fn = _APPLIERS.get(kind)
    if fn is None:
        raise KeyError(f"no applier for decision target {target!r}")
    fn(conn, item_id, target, None if value_json is None else json.loads(value_json))


def _apply_status(conn: sqlite3.Connection, item_id: int | None, target: str, value) -> None:
    conn.execute("UPDATE items SET status = ?, status_at = ? WHERE id = ?",
                 (value or "new", now_iso(), item_id))


register_applier("status", _apply_status)


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def default_coder() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no user name in some containers
        return "analyst"


@dataclass(frozen=True, slots=True)
class Change:
    item_id: int | None
    target: str
    before: object
    after: object


@dataclass(frozen=True, slots=True)
class Batch:
    batch: int
    action: str
    op: str
    item_ids: tuple[int, ...]


def record(conn: sqlite3.Connection, action: str, changes: Iterable[Change], coder: str) -> int:
    """Append one batch of changes (already applied by the caller) inside the caller's
    transaction. Returns the batch number."""
    batch = conn.execute("SELECT coalesce(max(batch), 0) + 1 FROM decisions").fetchone()[0]
    at = now_iso()
    conn.executemany(
        """INSERT INTO decisions (batch, op, at, coder, action, item_id, target, before, after)
           VALUES (?, 'do', ?, ?, ?, ?, ?, ?, ?)""",
        [(batch, at, coder, action, c.item_id, c.target, _dump(c.before), _dump(c.after))
         for c in changes],
    )
    return batch


def _dump(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def set_status(conn: sqlite3.Connection, item_ids: list[int], status: str, coder: str,
               action: str | None = None) -> int | None:
    """Set the triage status of items as one undoable batch. Returns the batch, or None when
    nothing changed."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    conn.execute("BEGIN IMMEDIATE")
    try:
        changes = []
        for chunk in _chunks(item_ids, 500):
            marks = ",".join("?" * len(chunk))
            rows = conn.execute(
                f"SELECT id, status FROM items WHERE id IN ({marks}) AND status != ?",
                [*chunk, status],
            ).fetchall()
            changes += [Change(r[0], "status", r[1], status) for r in rows]
        if not changes:
            rollback(conn)
            return None
        at = now_iso()
        conn.executemany("UPDATE items SET status = ?, status_at = ? WHERE id = ?",
                         [(status, at, c.item_id) for c in changes])
        batch = record(conn, action or status, changes, coder)
        conn.execute("COMMIT")
        return batch
    except BaseException:
        rollback(conn)
        raise


def set_status_where(conn: sqlite3.Connection, where: str, params: list, status: str,
                     coder: str, action: str) -> tuple[int | None, int]:
    """Bulk: every item matching ``where`` (a compiled query) gets ``status``, one batch."""
    ids = [r[0] for r in conn.execute(f"SELECT items.id FROM items WHERE {where}", params)]
    batch = set_status(conn, ids, status, coder, action) if ids else None
    return batch, len(ids)


def _chunks(seq: list, n: int):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def _walk(conn: sqlite3.Connection, coder: str):
    """(batch, op, action) of each batch's latest op, newest first, lazily."""
    seen: set[int] = set()
    for row in conn.execute(
        "SELECT batch, op, action FROM decisions WHERE coder = ? ORDER BY id DESC", (coder,)
    ):
        if row[0] in seen:
            continue
        seen.add(row[0])
        yield row[0], row[1], row[2]


def undo(conn: sqlite3.Connection, coder: str) -> Batch | None:
    """Undo this coder's most recent applied batch. Repeatable."""
    target = next(((b, a) for b, op, a in _walk(conn, coder) if op in ("do", "redo")), None)
    return _replay(conn, target, "undo", coder) if target else None


def redo(conn: sqlite3.Connection, coder: str) -> Batch | None:
    """Redo the most recently undone batch, unless a new decision was made since."""
    for b, op, a in _walk(conn, coder):
        if op == "undo":
            return _replay(conn, (b, a), "redo", coder)
        if op == "do":
            return None  # a new decision clears what could be redone
    return None


def _replay(conn: sqlite3.Connection, target: tuple[int, str], op: str, coder: str) -> Batch:
    batch, action = target
    conn.execute("BEGIN IMMEDIATE")
    try:
        rows = conn.execute(
            "SELECT item_id, target, before, after FROM decisions "
            "WHERE batch = ? AND op = 'do' ORDER BY id",
            (batch,),
        ).fetchall()
        ordered = reversed(rows) if op == "undo" else rows
        at = now_iso()
        for item_id, tgt, before, after in ordered:
            _apply(conn, item_id, tgt, before if op == "undo" else after)
        conn.executemany(
            """INSERT INTO decisions (batch, op, at, coder, action, item_id, target, before, after)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [(batch, op, at, coder, action, item_id, tgt,
              after if op == "undo" else before, before if op == "undo" else after)
             for item_id, tgt, before, after in rows],
        )
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise
    return Batch(batch, action, op, tuple(r[0] for r in rows if r[0] is not None))


def history(conn: sqlite3.Connection, item_id: int) -> list[sqlite3.Row]:
    """Every decision touching an item, oldest first: the audit trail."""
    return conn.execute(
        "SELECT * FROM decisions WHERE item_id = ? ORDER BY id", (item_id,)
    ).fetchall()


def get_state(conn: sqlite3.Connection, key: str, default: str | None = None) -> str | None:
    row = conn.execute("SELECT value FROM app_state WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def put_state(conn: sqlite3.Connection, **values: str) -> None:
    conn.executemany(
        "INSERT INTO app_state (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        list(values.items()),
    )
