"""Coded events: create, edit, remove; every change goes through the decision log.

An event row is restored whole by undo (the 'event' applier puts back the row as it was).
An item is 'coded' while it has at least one live event; that status change is part of the
same batch, so one undo takes both back.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import asdict, dataclass, field, fields

from sahel_tui.store import decisions, query, views
from sahel_tui.store.db import fold, in_transaction, register_function
from sahel_tui.store.decisions import Change, now_iso


@dataclass
class Event:
    event_date: str
    event_type: str
    sub_event_type: str
    time_precision: int = 1
    disorder_type: str = ""
    actor1: str = ""
    assoc_actor_1: list[str] = field(default_factory=list)
    inter1: str = ""
    actor2: str = ""
    assoc_actor_2: list[str] = field(default_factory=list)
    inter2: str = ""
    civilian_targeting: bool = False
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    location: str = ""
    place_id: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int = 1
    fatalities: int = 0
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    reliability: str | None = None
    credibility: int | None = None
    confidence: str | None = None
    notes: str = ""
    tags: str = ""
    # set by the store
    id: int | None = None
    uid: str = ""
    coder: str = ""
    coded_at: str = ""
    updated_at: str = ""
    deleted: bool = False

    def to_row(self) -> dict:
        row = asdict(self)
        row["assoc_actor_1"] = json.dumps(self.assoc_actor_1, ensure_ascii=False)
        row["assoc_actor_2"] = json.dumps(self.assoc_actor_2, ensure_ascii=False)
        row["civilian_targeting"] = int(self.civilian_targeting)
        row["deleted"] = int(self.deleted)
        return row

    @classmethod
    def from_row(cls, row: sqlite3.Row | dict) -> Event:
        data = {k: row[k] for k in _COLUMNS}
        data["assoc_actor_1"] = json.loads(data["assoc_actor_1"] or "[]")
        data["assoc_actor_2"] = json.loads(data["assoc_actor_2"] or "[]")
        data["civilian_targeting"] = bool(data["civilian_targeting"])
        data["deleted"] = bool(data["deleted"])
        return cls(**data)

    @property
    def interaction(self) -> str:
        """ACLED's interaction: the two inter types, lower code first, or 'X only'."""
        return interaction(self.inter1, self.inter2)


INTER_ORDER = ["State forces", "Rebel group", "Political militia", "Identity militia",
               "Rioters", "Protesters", "Civilians", "External/Other forces"]


def interaction(inter1: str, inter2: str) -> str:
    if not inter1 and not inter2:
        return ""
    if not inter2 or not inter1:
        return f"{inter1 or inter2} only"
    a, b = sorted((inter1, inter2), key=lambda t: INTER_ORDER.index(t) if t in INTER_ORDER else 99)
    return f"{a}-{b}"


_COLUMNS = [f.name for f in fields(Event)]


def snapshot(conn: sqlite3.Connection, event_id: int) -> dict | None:
    row = conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        return None
    snap = {k: row[k] for k in _COLUMNS}
    snap["items"] = [r[0] for r in conn.execute(
        "SELECT item_id FROM event_items WHERE event_id = ? ORDER BY item_id", (event_id,))]
    attached = [r[0] for r in conn.execute(
        "SELECT item_id FROM event_attached WHERE event_id = ? ORDER BY item_id", (event_id,))]
    if attached:  # only then: snapshots travel in the exchange format's history
        snap["attached"] = attached
    return snap


def _apply_event(conn: sqlite3.Connection, item_id: int | None, target: str, value) -> None:
    """Put an event back exactly as ``value`` (a snapshot); None means it did not exist."""
    event_id = int(target.split(":", 1)[1])
    if value is None:
        conn.execute("UPDATE events SET deleted = 1, updated_at = ? WHERE id = ?",
                     (now_iso(), event_id))
        return
    row = {k: value[k] for k in _COLUMNS}
    cols = ", ".join(_COLUMNS)
    marks = ", ".join("?" * len(_COLUMNS))
    conn.execute(f"INSERT OR REPLACE INTO events ({cols}) VALUES ({marks})",
                 [row[k] for k in _COLUMNS])
    conn.execute("DELETE FROM event_items WHERE event_id = ?", (event_id,))
    conn.executemany("INSERT INTO event_items (event_id, item_id) VALUES (?, ?)",
                     [(event_id, i) for i in value.get("items", [])])
    conn.execute("DELETE FROM event_attached WHERE event_id = ?", (event_id,))
    conn.executemany("INSERT INTO event_attached (event_id, item_id) VALUES (?, ?)",
                     [(event_id, i) for i in value.get("attached", [])])


decisions.register_applier("event", _apply_event)


def sync_item_status(conn: sqlite3.Connection, item_id: int) -> Change | None:
    """Keep the item's status in step with its events: coded iff it has a live event."""
    live = conn.execute(
        "SELECT count(*) FROM event_items ei JOIN events e ON e.id = ei.event_id "
        "WHERE ei.item_id = ? AND e.deleted = 0", (item_id,)).fetchone()[0]
    old = conn.execute("SELECT status FROM items WHERE id = ?", (item_id,)).fetchone()[0]
    new = "coded" if live else ("new" if old == "coded" else old)
    if new == old:
        return None
    conn.execute("UPDATE items SET status = ?, status_at = ? WHERE id = ?", (new, now_iso(), item_id))
    return Change(item_id, "status", old, new)


def _new_uid() -> str:
    import uuid  # not at import time: every start of the app would pay for it

    return uuid.uuid4().hex


def add_events(conn: sqlite3.Connection, item_id: int, events: list[Event], coder: str,
               action: str = "code", also=None) -> list[int]:
    """Code an item with one or more events, as one undoable decision. ``also(ids)``, run in
    the same transaction, returns more changes for the same batch (the incident's other
    reports attached to the new events)."""

    def work() -> list[int]:
        now = now_iso()
        changes, ids = [], []
        for ev in events:
            ev.uid = ev.uid or _new_uid()
            ev.coder, ev.coded_at, ev.updated_at, ev.deleted = coder, now, now, False
            row = ev.to_row()
            row.pop("id")
            cols = ", ".join(row)
            cur = conn.execute(f"INSERT INTO events ({cols}) VALUES ({', '.join('?' * len(row))})",
                               list(row.values()))
            ev.id = cur.lastrowid
            conn.execute("INSERT INTO event_items (event_id, item_id) VALUES (?, ?)", (ev.id, item_id))
            changes.append(Change(item_id, f"event:{ev.id}", None, snapshot(conn, ev.id)))
            ids.append(ev.id)
        status = sync_item_status(conn, item_id)
        if status:
            changes.append(status)
        if also is not None:
            changes += also(ids)
        decisions.record(conn, action, changes, coder)
        # the draft's history ends here; its last version stays, should the coding be undone
        conn.execute("DELETE FROM drafts WHERE item_id = ? AND id < "
                     "(SELECT max(id) FROM drafts WHERE item_id = ?)", (item_id, item_id))
        return ids

    return in_transaction(conn, work)


def update_event(conn: sqlite3.Connection, event_id: int, coder: str, **values) -> None:
    """Change some fields of an event, as one undoable decision."""
    unknown = set(values) - set(_COLUMNS)
    if unknown:
        raise ValueError(f"unknown event fields: {sorted(unknown)}")

    def work() -> None:
        before = snapshot(conn, event_id)
        if before is None:
            raise KeyError(f"no event {event_id}")
        ev = Event.from_row(before)
        for k, v in values.items():
            setattr(ev, k, v)
        ev.updated_at = now_iso()
        row = ev.to_row()
        sets = ", ".join(f"{k} = ?" for k in row if k != "id")
        conn.execute(f"UPDATE events SET {sets} WHERE id = ?",
                     [v for k, v in row.items() if k != "id"] + [event_id])
        item_id = before["items"][0] if before["items"] else None
        decisions.record(conn, "event.edit", [Change(item_id, f"event:{event_id}", before,
                                                     snapshot(conn, event_id))], coder)

    in_transaction(conn, work)


def remove_event(conn: sqlite3.Connection, event_id: int, coder: str) -> None:
    def work() -> None:
        before = snapshot(conn, event_id)
        if before is None or before["deleted"]:
            return
        conn.execute("UPDATE events SET deleted = 1, updated_at = ? WHERE id = ?",
                     (now_iso(), event_id))
        changes = [Change(before["items"][0] if before["items"] else None, f"event:{event_id}",
                          before, snapshot(conn, event_id))]
        for item_id in before["items"]:
            status = sync_item_status(conn, item_id)
            if status:
                changes.append(status)
        decisions.record(conn, "event.remove", changes, coder)

    in_transaction(conn, work)


def events_for_item(conn: sqlite3.Connection, item_id: int) -> list[Event]:
    rows = conn.execute(
        "SELECT e.* FROM events e JOIN event_items ei ON ei.event_id = e.id "
        "WHERE ei.item_id = ? AND e.deleted = 0 ORDER BY e.id", (item_id,)).fetchall()
    return [Event.from_row(r) for r in rows]


# -- query fields and list summary: the coding layer plugs into the query language --------

_TOKEN = re.compile(r"\w+", re.UNICODE)


def _event_match(column: str, term: query.Term) -> str:
    words = _TOKEN.findall(term.value)
    if not words:
        raise query.QueryError(f"'{term.field}:' needs a word", term.value_position,
                               max(1, len(term.value)))
    return f"{{{column}}} : (" + " AND ".join(f'"{w}"*' for w in words) + ")"


_EVENT_ITEMS = ("items.id IN (SELECT ei.item_id FROM event_items ei JOIN events e "
                "ON e.id = ei.event_id WHERE e.deleted = 0 AND e.id IN "
                "(SELECT rowid FROM events_fts WHERE events_fts MATCH ?))")


def _event_field(column: str):
    """actor:, place:, type: search the events' full-text index (migration 0006): every
    word of the value must start a word of the column, accents and case ignored, so
    actor:jnim, place:menaka and type:"armed clash" all match."""

    def compile_term(term: query.Term) -> tuple[str, list]:
        return _EVENT_ITEMS, [_event_match(column, term)]

    def large(term: query.Term) -> tuple[str, str, tuple, int]:
        # many matching events: walk the list in date order and test membership
        return ("+" + _EVENT_ITEMS, "SELECT 1 FROM events_fts WHERE events_fts MATCH ?",
                (_event_match(column, term),), 2000)

    return compile_term, large


for _name, _column in (("actor", "actors"), ("place", "place"), ("type", "type")):
    query.register_field(_name, *_event_field(_column))

_COUNTRY_CODES: dict[str, str] | None = None


def event_code(country: str | None, event_id: int | None) -> str:
    """ACLED's event_id_cnty as the export writes it (MLI123; XXX for an unknown country)."""
    global _COUNTRY_CODES
    if _COUNTRY_CODES is None:
        import tomllib
        from pathlib import Path

        path = Path(__file__).resolve().parent.parent / "vocab" / "data" / "countries.toml"
        codes: dict[str, str] = {}
        try:
            for c in tomllib.loads(path.read_text("utf-8")).get("countries", []):
                for name in [c.get("name", ""), *c.get("aliases", [])]:
                    codes[fold(name)] = c.get("alpha3", "XXX")
        except (OSError, tomllib.TOMLDecodeError):
            pass
        _COUNTRY_CODES = codes
    return f"{_COUNTRY_CODES.get(fold(country or ''), 'XXX')}{event_id}"


register_function("event_code", 2, event_code)

# The list's summary of an item's coding: its first event (type, place and toll of that one
# event), "+N" more; "linked to MLI123" for a report attached to an event coded from another
# report; "✎ draft" for values kept on an item not coded yet. Under a drill-down (a query
# counting some events only) the first COUNTED event, after "2 of 3:" when the item carries
# others that were not counted.
def _coding_summary(counted: str | None) -> str:
    only = f" AND {counted}" if counted else ""
    first = ("(SELECT min(e.id) FROM event_items ei JOIN events e ON e.id = ei.event_id "
             f"WHERE ei.item_id = items.id AND e.deleted = 0{only})")
    live = ("(SELECT count(*) FROM event_items ei JOIN events e ON e.id = ei.event_id "
            "WHERE ei.item_id = items.id AND e.deleted = 0")
    if counted:
        more = (f"CASE WHEN {live}{only}) < {live}) "
                f"THEN {live}{only}) || ' of ' || {live}) || ': ' ELSE '' END || ")
        tail = "''"
    else:
        more = ""
        tail = ("coalesce((SELECT ' +' || (count(*) - 1) FROM event_items ei JOIN events e "
                "ON e.id = ei.event_id WHERE ei.item_id = items.id AND e.deleted = 0 "
                "HAVING count(*) > 1), '')")
    return (
        "(SELECT CASE WHEN f.id IS NULL THEN "
        "  CASE WHEN EXISTS (SELECT 1 FROM drafts d WHERE d.item_id = items.id) "
        "  THEN '✎ draft' ELSE '' END "
        f" ELSE {more}CASE WHEN EXISTS (SELECT 1 FROM event_attached a WHERE a.event_id = f.id "
        "   AND a.item_id = items.id) THEN 'linked to ' || event_code(f.country, f.id) "
        "  ELSE f.sub_event_type || ' · ' || f.location || "
        "   CASE WHEN f.fatalities > 0 THEN ' · ' || f.fatalities || '†' ELSE '' END END || "
        f"  {tail} END "
        f" FROM (SELECT {first} AS first) x LEFT JOIN events f ON f.id = x.first)")


views.set_coding_summary(_coding_summary(None), _coding_summary("{counted}"))
