"""Drill-downs: every number of a tally leads back to the items behind it.

A :class:`DrillDown` is a query in the app's query language whose result is exactly the
items behind one number: the active query's items that carry (at least) one of the live
events the number counts. It is built from the active query's text and one ``event:`` term,
a field registered here that binds several conditions to ONE event (``actor:`` and
``type:`` of the base language each match any event of the item, not the same one)::

    event:"actor=JNIM: Group for Support of Islam and Muslims; type=Battles; from=2026-10-01; to=2026-10-31"

Keys (conditions are AND-ed; names are compared exactly as stored, which is what the
tallies write; ``;`` inside a value is written ``\\;``):

    actor=X      X is actor1 or actor2 (repeat the key: every one of them takes part)
    actor1=X     X is actor1            actor2=X   X is actor2
    vs=X         with actor=A: A and X on opposite sides, either order (a dyad)
    assoc=yes    actor= / vs= also match the associated actors of a side
    type=T       event type             sub=S      sub-event type
    country=C    admin1=R               location=L              place=ID (gazetteer id)
    from=D       event_date >= D        to=D       event_date <= D (YYYY-MM-DD, inclusive)
    feed=F       the item is carried by feed F (outlet name)
    id=1,2,3     one of these events
    any          (alone: event:any) any live event: the items that are coded

``triaged:`` (also registered here) selects items whose triage status was last set in a
period (``items.status_at``, UTC days like ``since:``): ``triaged:today status:dismissed``.

Importing :mod:`sahel_tui.analysis` registers both fields; the app does so before parsing
saved queries.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime

from sahel_tui.store import query
from sahel_tui.store.query import Compiled, QueryError, Term

_LIST_KEYS = ("actor", "vs")
_KEYS = ("actor", "actor1", "actor2", "vs", "assoc", "type", "sub", "country", "admin1",
         "location", "place", "from", "to", "feed", "id")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class EventFilter:
    """Conditions on one event (see the module doc for their meaning)."""

    actor: tuple[str, ...] = ()
    actor1: str | None = None
    actor2: str | None = None
    vs: tuple[str, ...] = ()
    assoc: bool = False
    type: str | None = None
    sub: str | None = None
    country: str | None = None
    admin1: str | None = None
    location: str | None = None
    place: str | None = None
    from_: str | None = None
    to: str | None = None
    feed: str | None = None
    id: tuple[int, ...] | None = None

    def narrow(self, **cond) -> EventFilter:
        """A copy with more conditions; dates are intersected, actors added."""
        out = self
        for k, v in cond.items():
            if v is None:
                continue
            if k in _LIST_KEYS:
                v = (v,) if isinstance(v, str) else tuple(v)
                out = replace(out, **{k: (*getattr(out, k), *v)})
            elif k in ("from_", "since"):
                out = replace(out, from_=max(filter(None, (out.from_, str(v)))))
            elif k in ("to", "until"):
                out = replace(out, to=min(filter(None, (out.to, str(v)))))
            elif k == "id":
                out = replace(out, id=tuple(int(i) for i in v))
            else:
                out = replace(out, **{k: v})
        return out

    @property
    def empty(self) -> bool:
        return self == EventFilter()

    def merge(self, other: EventFilter) -> EventFilter:
        """Both filters' conditions on the same event: actors added, dates intersected, ids
        intersected; two different values of one key match nothing (``id=`` empty)."""
        out = self
        for f in fields(other):
            v = getattr(other, f.name)
            if v is None or v == () or v is False:
                continue
            mine = getattr(out, f.name)
            if f.name in _LIST_KEYS:
                out = replace(out, **{f.name: (*mine, *(x for x in v if x not in mine))})
            elif f.name == "assoc":
                out = replace(out, assoc=True)
            elif f.name in ("from_", "to"):
                out = out.narrow(**{f.name: v})
            elif f.name == "id":
                out = replace(out, id=v if mine is None else tuple(i for i in mine if i in v))
            elif mine is None or mine == v:
                out = replace(out, **{f.name: v})
            else:
                return replace(out, id=())
        return out

    def term(self) -> str:
        """The ``event:"..."`` term of the query language (``event:any`` for no condition:
        items with at least one live event)."""
        parts = []
        for f in fields(self):
            v = getattr(self, f.name)
            key = "from" if f.name == "from_" else f.name
            if v is None or v == () or v is False:
                continue
            if f.name in _LIST_KEYS:
                parts += [f"{key}={_esc(x)}" for x in v]
            elif f.name == "assoc":
                parts.append("assoc=yes")
            elif f.name == "id":
                parts.append("id=" + ",".join(str(i) for i in v))
            else:
                parts.append(f"{key}={_esc(v)}")
        if not parts:
            return "event:any"
        return 'event:"' + "; ".join(parts).replace('"', '\\"') + '"'

    def sql(self, e: str = "e") -> tuple[str, list]:
        """A condition on the events table aliased ``e`` (live events only is the caller's)."""
        clauses: list[str] = []
        params: list = []

        def side(n: int, name: str) -> str:
            cond = f"{e}.actor{n} = ?"
            params.append(name)
            if self.assoc:
                cond = (f"({cond} OR EXISTS (SELECT 1 FROM json_each({e}.assoc_actor_{n}) j "
                        f"WHERE j.value = ?))")
                params.append(name)
            return cond

        for a in self.actor:
            if self.vs:
                continue  # handled with vs below
            clauses.append(f"({side(1, a)} OR {side(2, a)})")
        if self.vs:
            if not self.actor:
                raise ValueError("vs= needs actor=")
            for a in self.actor:
                for b in self.vs:
                    s1a, s2b = side(1, a), side(2, b)
                    s1b, s2a = side(1, b), side(2, a)
                    clauses.append(f"(({s1a} AND {s2b}) OR ({s1b} AND {s2a}))")
        for col, v in (("actor1", self.actor1), ("actor2", self.actor2), ("event_type", self.type),
                       ("sub_event_type", self.sub), ("country", self.country),
                       ("admin1", self.admin1), ("location", self.location),
                       ("place_id", self.place)):
            if v is not None:
                clauses.append(f"{e}.{col} = ?")
                params.append(v)
        if self.from_:
            clauses.append(f"{e}.event_date >= ?")
            params.append(self.from_)
        if self.to:
            clauses.append(f"{e}.event_date <= ?")
            params.append(self.to)
        if self.id is not None:
            clauses.append(f"{e}.id IN ({','.join('?' * len(self.id))})" if self.id else "0")
            params += list(self.id)
        return " AND ".join(clauses) or "1", params


def _esc(v) -> str:
    return str(v).replace(";", "\\;")


def parse_filter(text: str, position: int = 0) -> EventFilter:
    """Read the value of an ``event:`` term. Raises QueryError at the faulty part."""
    values: dict = {}
    if text.strip().lower() == "any":
        return EventFilter()
    for start, part in _split(text):
        part_pos = position + start + (len(part) - len(part.lstrip()))
        part = part.strip()
        if not part:
            continue
        key, eq, value = part.partition("=")
        key, value = key.strip().lower(), value.strip().replace("\\;", ";")
        if not eq or key not in _KEYS:
            known = ", ".join(_KEYS)
            raise QueryError(f"event: wants key=value parts separated by ';' (keys: {known}), "
                             f"not {part!r}", part_pos, len(part))
        if not value:
            raise QueryError(f"event: '{key}=' needs a value", part_pos, len(part))
        if key in ("from", "to") and not _DATE.match(value):
            raise QueryError(f"event: '{key}=' wants a date like 2026-10-01, not {value!r}",
                             part_pos, len(part))
        if key in _LIST_KEYS:
            values[key] = (*values.get(key, ()), value)
        elif key == "assoc":
            values["assoc"] = value.lower() in ("yes", "y", "1", "true", "oui")
        elif key == "id":
            try:
                values["id"] = tuple(int(x) for x in value.split(",") if x.strip())
                if any(not 0 < n < 2**63 for n in values["id"]):
                    raise ValueError
            except ValueError:
                raise QueryError(f"event: 'id=' wants event numbers like 12,40, not {value!r}",
                                 part_pos, len(part)) from None
        else:
            values["from_" if key == "from" else key] = value
    if values.get("vs") and not values.get("actor"):
        raise QueryError("event: 'vs=' needs an 'actor=' to oppose", position, len(text) or 1)
    return EventFilter(**values)


def _split(text: str):
    """(offset, part) for the parts between unescaped ';'."""
    start = 0
    i = 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            i += 2
            continue
        if text[i] == ";":
            yield start, text[start:i]
            start = i + 1
        i += 1
    yield start, text[start:]


def _compile_event(term: Term) -> tuple[str, list]:
    filt = parse_filter(term.value, term.value_position + (1 if term.phrase else 0))
    cond, params = filt.sql("e")
    sql = ("items.id IN (SELECT ei.item_id FROM event_items ei JOIN events e ON e.id = ei.event_id "
           f"WHERE e.deleted = 0 AND {cond}")
    if filt.feed is not None:
        sql += (" AND ei.item_id IN (SELECT x.item_id FROM item_feeds x JOIN feeds f "
                "ON f.id = x.feed_id WHERE f.name = ?)")
        params = [*params, filt.feed]
    return sql + ")", params


def _compile_triaged(term: Term) -> tuple[str, list]:
    start, end = query._date_bounds(term.value, datetime.now(UTC).date(), term)
    if start == end:  # a relative period (7d): from then until now
        return "items.status_at >= ?", [start]
    return "items.status_at >= ? AND items.status_at < ?", [start, end]


def query_events(q: Compiled | None) -> EventFilter | None:
    """The conditions a query's own ``event:`` terms put on ONE event, or None when it has
    none (or only inside an OR, or negated: then they say nothing about which events).

    A tally of such a query counts only the events that meet them, not every event of the
    items it lists: after a drill-down on "2 events", the tallies say 2 events again, and
    the drill-downs from them are those events (an item with 6 events, one of them matching,
    counts 1)."""
    if q is None or not q.terms:
        return None
    out = None
    for group in query._groups(list(q.terms)):
        if len(group) == 1 and group[0].field == "event" and not group[0].negated:
            t = group[0]
            f = parse_filter(t.value, t.value_position + (1 if t.phrase else 0))
            out = f if out is None else out.merge(f)
    return out


def _counted(q: Compiled) -> tuple[str, list] | None:
    f = query_events(q)
    return None if f is None else f.sql("e")


query.register_field("event", _compile_event)
query.register_counted(_counted)
query.register_field("triaged", _compile_triaged)


@dataclass(frozen=True)
class DrillDown:
    """The items behind one number.

    ``query``: the query (app language) listing them: ``parse(query)`` or :meth:`compiled`
    gives a Compiled for sahel_tui.store.views.page. ``base`` and ``filter`` are its two
    parts (the active query's text, the one-event conditions), for :func:`event_ids`.
    ``event_ids`` / ``item_ids`` are set when the question itself named them (co-location
    pairs, a story's items)."""

    query: str
    base: str = ""
    filter: EventFilter = field(default_factory=EventFilter)
    event_ids: tuple[int, ...] | None = None
    item_ids: tuple[int, ...] | None = None

    def compiled(self) -> Compiled:
        return query.parse(self.query)


def drill(base: str, filt: EventFilter, *, event_ids=None, item_ids=None) -> DrillDown:
    """A DrillDown for the base query's items carrying an event matching ``filt``."""
    base = base.strip()
    term = filt.term()
    text = " ".join(filter(None, (base, term)))
    return DrillDown(text, base, filt,
                     tuple(event_ids) if event_ids is not None else None,
                     tuple(item_ids) if item_ids is not None else None)


def items_of(conn: sqlite3.Connection, d: DrillDown, limit: int | None = None) -> list[int]:
    """The item ids behind a drill-down, newest first."""
    if d.item_ids is not None and d.filter.empty and not d.base:
        return list(d.item_ids)[:limit]
    q = d.compiled()
    sql = f"SELECT items.id FROM items WHERE ({q.where}) ORDER BY items.published DESC, items.id DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [r[0] for r in conn.execute(sql, q.params)]


def events_of(conn: sqlite3.Connection, d: DrillDown, limit: int | None = None) -> list[int]:
    """The live event ids behind a drill-down (the events the number counted)."""
    cond, params = d.filter.sql("e")
    sql = f"SELECT e.id FROM events e WHERE e.deleted = 0 AND {cond}"
    item_conds, item_params = [], []
    if d.base:
        q = query.parse(d.base)
        item_conds.append(f"({q.where})")
        item_params += q.params
    if d.filter.feed is not None:  # the same item: carried by the feed and in the base query
        item_conds.append("items.id IN (SELECT x.item_id FROM item_feeds x JOIN feeds f "
                          "ON f.id = x.feed_id WHERE f.name = ?)")
        item_params.append(d.filter.feed)
    if item_conds:
        sql += (" AND e.id IN (SELECT ei.event_id FROM event_items ei JOIN items "
                f"ON items.id = ei.item_id WHERE {' AND '.join(item_conds)})")
        params = [*params, *item_params]
    sql += " ORDER BY e.event_date DESC, e.id DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [r[0] for r in conn.execute(sql, params)]


def parse_day(value: str | date | None, what: str = "date") -> str | None:
    """'YYYY-MM-DD' from a date or a string (ValueError with a readable message)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    v = str(value).strip()
    try:
        return date.fromisoformat(v).isoformat()
    except ValueError:
        raise ValueError(f"{what} must be a date like 2026-10-01, not {value!r}") from None
