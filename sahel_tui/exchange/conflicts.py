"""Merge conflicts: list them, resolve them through the decision log (so undo reopens them).

A conflict is an item that this database and an import coded differently; both codings are
in ``events``. Resolving keeps:

- ``local``: ours; the imported events of the conflict are removed.
- ``theirs``: the import's; a local event that theirs is a different version of takes their
  coding (the copy is then removed), and local events the import did not bring for the item
  are removed.
- ``both``: every event stays.

Each resolution is one decision batch (action ``conflict.<keep>``) made of ordinary event
changes, so ``decisions.undo`` takes it back; the conflict counts as resolved while its
batch is applied (its latest op is not 'undo').
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from sahel_tui.store import decisions
from sahel_tui.store.db import rollback
from sahel_tui.store.decisions import Change, now_iso
from sahel_tui.store.events import snapshot, sync_item_status

from .incoming import CODING_FIELDS

KEEP = ("local", "theirs", "both")


class ConflictError(ValueError):
    """No such conflict, or it is already resolved."""


@dataclass(frozen=True, slots=True)
class Coding:
    """One event of a conflict, in short form."""

    id: int
    uid: str
    short: str  # '2026-10-01 Armed clash · Ménaka · ISSP v FAMa · 12† [ana]'
    deleted: bool


@dataclass(frozen=True, slots=True)
class Conflict:
    id: int
    item_id: int
    item_title: str
    created_at: str
    origin: str  # analyst@database of the import
    local: tuple[Coding, ...]
    theirs: tuple[Coding, ...]
    resolution: str | None  # None while open

    @property
    def open(self) -> bool:
        return self.resolution is None


def short_form(e: sqlite3.Row) -> str:
    where = e["location"] or e["admin1"] or e["country"] or "?"
    actors = e["actor1"] + (f" v {e['actor2']}" if e["actor2"] else "")
    s = f"{e['event_date']} {e['sub_event_type']} · {where} · {actors or '?'} · {e['fatalities']}†"
    return s + f" [{e['coder']}]"


_SELECT = """
SELECT c.*, i.title,
       (SELECT d.op FROM decisions d WHERE d.batch = c.resolved_batch
        ORDER BY d.id DESC LIMIT 1) AS last_op,
       (SELECT o.origin_analyst || '@' || o.origin_name FROM event_origins o
        WHERE o.import_id = c.import_id LIMIT 1) AS origin
FROM conflicts c JOIN items i ON i.id = c.item_id
"""


def _is_open(row: sqlite3.Row) -> bool:
    return row["resolved_batch"] is None or row["last_op"] == "undo"


def _codings(conn: sqlite3.Connection, ids: list[int]) -> tuple[Coding, ...]:
    if not ids:
        return ()
    rows = {r["id"]: r for r in conn.execute(
        f"SELECT * FROM events WHERE id IN ({','.join('?' * len(ids))})", ids)}
    return tuple(Coding(i, rows[i]["uid"], short_form(rows[i]), bool(rows[i]["deleted"]))
                 for i in ids if i in rows)


def _conflict(conn: sqlite3.Connection, row: sqlite3.Row) -> Conflict:
    return Conflict(row["id"], row["item_id"], row["title"], row["created_at"],
                    row["origin"] or "", _codings(conn, json.loads(row["local_events"])),
                    _codings(conn, json.loads(row["their_events"])),
                    None if _is_open(row) else row["resolution"])


def list_conflicts(conn: sqlite3.Connection, *, include_resolved: bool = False) -> list[Conflict]:
    """Open conflicts (or all), oldest first, with both codings in short form."""
    rows = conn.execute(_SELECT + " ORDER BY c.id").fetchall()
    return [_conflict(conn, r) for r in rows if include_resolved or _is_open(r)]


def get_conflict(conn: sqlite3.Connection, conflict_id: int) -> Conflict | None:
    row = conn.execute(_SELECT + " WHERE c.id = ?", (conflict_id,)).fetchone()
    return _conflict(conn, row) if row else None


def resolve_conflict(conn: sqlite3.Connection, conflict_id: int, keep: str, coder: str) -> int:
    """Resolve as one undoable decision. Returns the decision batch."""
    if keep not in KEEP:
        raise ConflictError(f"keep must be one of {', '.join(KEEP)}, not {keep!r}")
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute(_SELECT + " WHERE c.id = ?", (conflict_id,)).fetchone()
        if row is None:
            raise ConflictError(f"no conflict {conflict_id}")
        if not _is_open(row):
            raise ConflictError(f"conflict {conflict_id} is already resolved "
                                f"(kept {row['resolution']}); undo that decision to reopen it")
        changes = _resolve(conn, row, keep)
        if not any(c.target.startswith("event:") for c in changes):
            # nothing to change ('both'): still one decision, so it can be undone
            status = conn.execute("SELECT status FROM items WHERE id = ?",
                                  (row["item_id"],)).fetchone()[0]
            changes.append(Change(row["item_id"], "status", status, status))
        batch = decisions.record(conn, f"conflict.{keep}", changes, coder)
        conn.execute("UPDATE conflicts SET resolution = ?, resolved_batch = ?, resolved_at = ?, "
                     "resolved_by = ? WHERE id = ?", (keep, batch, now_iso(), coder, conflict_id))
        conn.execute("COMMIT")
        return batch
    except BaseException:
        rollback(conn)
        raise


def _resolve(conn: sqlite3.Connection, row: sqlite3.Row, keep: str) -> list[Change]:
    local = json.loads(row["local_events"])
    theirs = json.loads(row["their_events"])
    their_uids = set(json.loads(row["their_uids"]))
    changes: list[Change] = []
    touched: set[int] = set()
    if keep == "local":
        for eid in theirs:
            _change(conn, eid, {"deleted": 1}, changes, touched)
    elif keep == "theirs":
        replaces = dict(conn.execute(
            f"SELECT replaces, event_id FROM event_origins WHERE event_id IN "
            f"({','.join('?' * len(theirs))}) AND replaces IS NOT NULL", theirs).fetchall())
        for eid in local:
            copy = replaces.get(eid)
            if copy is not None:
                c = conn.execute("SELECT * FROM events WHERE id = ?", (copy,)).fetchone()
                values = {k: c[k] for k in (*CODING_FIELDS, "coder", "coded_at", "updated_at")}
                _change(conn, eid, {**values, "deleted": 0}, changes, touched)
                _change(conn, copy, {"deleted": 1}, changes, touched)
            elif conn.execute("SELECT uid FROM events WHERE id = ?", (eid,)).fetchone()[0] \
                    not in their_uids:
                _change(conn, eid, {"deleted": 1}, changes, touched)
    for item_id in sorted(touched):
        status = sync_item_status(conn, item_id)
        if status:
            changes.append(status)
    return changes


def _change(conn: sqlite3.Connection, event_id: int, values: dict, changes: list[Change],
            touched: set[int]) -> None:
    before = snapshot(conn, event_id)
    if before is None or all(before[k] == v for k, v in values.items()):
        return
    values = {**values, "updated_at": values.get("updated_at") or now_iso()}
    if values.get("deleted"):
        values["updated_at"] = now_iso()
    sets = ", ".join(f"{k} = ?" for k in values)
    conn.execute(f"UPDATE events SET {sets} WHERE id = ?", [*values.values(), event_id])
    item = before["items"][0] if before["items"] else None
    changes.append(Change(item, f"event:{event_id}", before, snapshot(conn, event_id)))
    touched.update(before["items"])
