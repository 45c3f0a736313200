"""One incident is one event, with all its reports.

An event has one or more reports (items, through event_items). Linking reports in the
side-by-side view makes them one incident: the reports not coded yet are attached to the
event(s) of a coded one (and leave the untriaged queue as "coded (linked to MLI123)"); when
none is coded, coding any one attaches the rest (``attach_members``, called by the coding
step). A report can also be attached to any event by hand, and detached. Every one of these
is one undoable decision: the events' snapshots (with their reports) and the story
memberships go into the decision log together.

The suggested credibility of an event follows its reports (2+ independent outlets -> 1):
an event whose credibility is the one its reports suggested before the change is moved to
the new suggestion; a grade that differs from that suggestion was set by the analyst and is
kept (the panel shows the new suggestion beside it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sahel_tui.analysis import stories, story_outlets
from sahel_tui.store import decisions
from sahel_tui.store import events as store_events
from sahel_tui.store.db import in_transaction
from sahel_tui.store.decisions import Change, now_iso


def live_events(conn: sqlite3.Connection, item_id: int) -> list[int]:
    return [r[0] for r in conn.execute(
        "SELECT e.id FROM event_items ei JOIN events e ON e.id = ei.event_id "
        "WHERE ei.item_id = ? AND e.deleted = 0 ORDER BY e.id", (item_id,))]


def suggested_credibility(conn: sqlite3.Connection, event_id: int) -> int:
    """What the event's reports earn: independent outlets of its items (and their stories)."""
    row = conn.execute("SELECT reliability FROM events WHERE id = ?", (event_id,)).fetchone()
    return story_outlets.suggested_credibility(story_outlets.event_outlets(conn, event_id),
                                         row[0] if row else None)


class _Edit:
    """Events touched by one operation: snapshots before, suggestions before, then the
    changes to log once the operation is done."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.before: dict[int, dict] = {}
        self.suggested: dict[int, int] = {}

    def touch(self, event_ids) -> None:
        for eid in event_ids:
            if eid not in self.before:
                self.before[eid] = store_events.snapshot(self.conn, eid)
                self.suggested[eid] = suggested_credibility(self.conn, eid)

    def finish(self, items: Sequence[int]) -> list[Change]:
        conn = self.conn
        changes = []
        for eid, snap in self.before.items():
            cred = conn.execute("SELECT credibility FROM events WHERE id = ?", (eid,)).fetchone()[0]
            new = suggested_credibility(conn, eid)
            if new != self.suggested[eid] and (cred is None or cred == self.suggested[eid]):
                conn.execute("UPDATE events SET credibility = ?, updated_at = ? WHERE id = ?",
                             (new, now_iso(), eid))
            after = store_events.snapshot(conn, eid)
            if after != snap:
                home = snap["items"][0] if snap and snap["items"] else None
                changes.append(Change(home, f"event:{eid}", snap, after))
        for iid in sorted(set(items)):
            status = store_events.sync_item_status(conn, iid)
            if status:
                changes.append(status)
        return changes


def _attach(conn: sqlite3.Connection, item_id: int, event_ids: Sequence[int]) -> None:
    for eid in event_ids:
        conn.execute("INSERT OR IGNORE INTO event_items (event_id, item_id) VALUES (?, ?)",
                     (eid, item_id))
        conn.execute("INSERT OR IGNORE INTO event_attached (event_id, item_id) VALUES (?, ?)",
                     (eid, item_id))


def _attachable(conn: sqlite3.Connection, item_id: int) -> bool:
    """A report joins an incident's event when it has no event of its own and was not
    dismissed as irrelevant."""
    row = conn.execute("SELECT status FROM items WHERE id = ?", (item_id,)).fetchone()
    return row is not None and row[0] != "dismissed" and not live_events(conn, item_id)


@dataclass(frozen=True)
class Linked:
    story_id: int
    host: int | None  # the coded report whose events the others joined
    event_ids: tuple[int, ...]
    attached: tuple[int, ...]  # reports attached to those events


def link_reports(conn: sqlite3.Connection, item_ids: Sequence[int], coder: str) -> Linked:
    """Link reports as one incident (one undoable decision). ``item_ids[0]`` is the report
    the analyst started from: its events are the incident's when it is coded."""

    def work() -> Linked:
        edit = _Edit(conn)
        before_members = set(item_ids)
        for iid in list(before_members):
            _, others = stories.linked_items(conn, iid)
            before_members |= set(others)
        for iid in before_members:
            edit.touch(live_events(conn, iid))
        sid, story_changes = stories.link_changes(conn, item_ids)
        members = [r[0] for r in conn.execute(
            "SELECT s.item_id FROM story_items s JOIN items i ON i.id = s.item_id "
            "WHERE s.story_id = ? ORDER BY i.published, i.id", (sid,))]
        coded = [m for m in members if live_events(conn, m)]
        host = item_ids[0] if item_ids[0] in coded else (coded[0] if coded else None)
        targets = tuple(live_events(conn, host)) if host is not None else ()
        attached = []
        if targets:
            for m in members:
                if m != host and _attachable(conn, m):
                    _attach(conn, m, targets)
                    attached.append(m)
        changes = story_changes + edit.finish(members)
        if changes:
            decisions.record(conn, "story.link", changes, coder)
        return Linked(sid, host, targets, tuple(attached))

    return in_transaction(conn, work)


def attach_members(conn: sqlite3.Connection, item_id: int, event_ids: Sequence[int]) -> list[Change]:
    """Inside the coding transaction (events.add_events(also=...)): the item's linked reports
    that are not coded join its new events. Returns the changes for the same batch."""
    _, others = stories.linked_items(conn, item_id)
    joining = [m for m in others if _attachable(conn, m)]
    if not joining or not event_ids:
        return []
    # the new events' snapshots are already logged by add_events: log only what changes now
    edit = _Edit(conn)
    edit.touch(event_ids)
    for m in joining:
        _attach(conn, m, event_ids)
    return edit.finish(joining)


def attach(conn: sqlite3.Connection, item_id: int, event_id: int, coder: str) -> int | None:
    """Add a report to an event coded earlier (one undoable decision). None: already there."""

    def work() -> int | None:
        if event_id in live_events(conn, item_id):
            return None
        if conn.execute("SELECT 1 FROM events WHERE id = ? AND deleted = 0",
                        (event_id,)).fetchone() is None:
            raise KeyError(f"no event {event_id}")
        edit = _Edit(conn)
        edit.touch([event_id])
        _attach(conn, item_id, [event_id])
        return decisions.record(conn, "event.attach", edit.finish([item_id]), coder)

    return in_transaction(conn, work)


class DetachError(ValueError):
    pass


def detach(conn: sqlite3.Connection, item_id: int, event_id: int, coder: str) -> int | None:
    """Take a report off an event (one undoable decision), and out of the linked story of
    the event's other reports. An event's last report cannot be detached: remove the event."""

    def work() -> int | None:
        reports = [r[0] for r in conn.execute(
            "SELECT item_id FROM event_items WHERE event_id = ?", (event_id,))]
        if item_id not in reports:
            return None
        if len(reports) == 1:
            raise DetachError("This is the event's only report: remove the event (-) instead.")
        edit = _Edit(conn)
        edit.touch([event_id])
        conn.execute("DELETE FROM event_items WHERE event_id = ? AND item_id = ?",
                     (event_id, item_id))
        conn.execute("DELETE FROM event_attached WHERE event_id = ? AND item_id = ?",
                     (event_id, item_id))
        story_changes = []
        sid, others = stories.linked_items(conn, item_id)
        if sid is not None and set(others) & set(reports):
            story_changes = stories.unlink_changes(conn, item_id)
        changes = story_changes + edit.finish([item_id])
        return decisions.record(conn, "event.detach", changes, coder)

    return in_transaction(conn, work)


@dataclass(frozen=True)
class Nearby:
    event_id: int
    code: str
    label: str
    detail: str
    score: float
    likely: bool = False  # a linked report, or the same place or region: worth suggesting


def nearby_events(conn: sqlite3.Connection, item_id: int, on: str, place: dict | None = None,
                  days: int = 10, limit: int = 30) -> list[Nearby]:
    """Events coded near ``on`` (YYYY-MM-DD) and the place, most likely first: reports of
    the item's linked story, then the same location, admin1, country, and the closest date."""
    try:
        day = date.fromisoformat(on[:10])
    except ValueError:
        return []
    place = place or {}
    _, linked = stories.linked_items(conn, item_id)
    own = set(live_events(conn, item_id))
    lo = date.fromordinal(day.toordinal() - days).isoformat()
    hi = date.fromordinal(day.toordinal() + days).isoformat()
    rows = conn.execute(
        "SELECT e.id, e.event_date, e.sub_event_type, e.location, e.admin1, e.country, "
        "e.fatalities, e.reliability, e.credibility, "
        "(SELECT count(*) FROM event_items ei WHERE ei.event_id = e.id) AS reports, "
        "(SELECT group_concat(ei.item_id) FROM event_items ei WHERE ei.event_id = e.id) AS items "
        "FROM events e WHERE e.deleted = 0 AND e.event_date BETWEEN ? AND ? "
        "ORDER BY e.event_date DESC LIMIT 2000", (lo, hi)).fetchall()
    out = []
    for r in rows:
        if r["id"] in own:
            continue
        items = {int(x) for x in (r["items"] or "").split(",") if x}
        score, why = 0.0, []
        if items & set(linked):
            score += 5
            why.append("a linked report")
        if _same(r, place, "location"):
            score += 3
            why.append("same place")
        elif _same(r, place, "admin1"):
            score += 2
            why.append("same region")
        elif _same(r, place, "country"):
            score += 1
        gap = abs((date.fromisoformat(r["event_date"]) - day).days)
        score += max(0.0, 2 - gap / 2)
        why.append("same day" if gap == 0 else f"{gap} day{'s' if gap > 1 else ''} apart")
        code = store_events.event_code(r["country"], r["id"])
        grade = f"{r['reliability'] or '?'}{r['credibility'] or '?'}"
        label = (f"{code}  {r['event_date']}  {r['sub_event_type']} · {r['location'] or '—'}"
                 f" · {r['fatalities']}† · {grade}")
        n = r["reports"]
        detail = f"{n} report{'s' if n != 1 else ''}; " + ", ".join(why)
        likely = bool(items & set(linked)) or _same(r, place, "location") or _same(
            r, place, "admin1")
        out.append(Nearby(r["id"], code, label, detail, score, likely))
    out.sort(key=lambda x: (-x.score, x.event_id))
    return out[:limit]


def _same(row, place: dict, key: str) -> bool:
    return bool(place.get(key)) and (row[key] or "").casefold() == place[key].casefold()
