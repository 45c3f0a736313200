"""Tallies of coded events: SQL aggregates, each number with its drill-down.

Every tally follows a :class:`Scope`: the active query (a Compiled over ``items``: the
tally counts the live events of the matching items, each event once however many of its
items match) and an optional event-date window (``since``/``until``, inclusive, on
``events.event_date``: the query's own ``since:``/``until:`` are about publication).

How things are counted:

* events: distinct live events (``deleted = 0``); fatalities: the ACLED figure
  (``events.fatalities``, the lowest credible one).
* by actor: an event counts once for actor1 and once for actor2 (not twice when both are the
  same), with its full fatalities for each, so the rows add up to more than the total; the
  ``as_actor1`` / ``as_actor2`` columns say in which role. Associated actors count only with
  ``include_assoc=True`` (then an event counts once per actor on either side).
* by source: the outlet is the feed name; an event counts once for every outlet that carried
  one of its matching items (item_feeds: an item carried by two feeds counts for both).
* per week (ISO weeks, Monday first, labelled by their Monday) and per month (YYYY-MM),
  zero-filled, with one series per top-N actor (counted as in "by actor").
* triage today: items whose current status was set today (UTC), by status
  (``items.status_at``); an item dismissed and then coded today counts once, as coded.

Only aggregates are read into Python, never all the rows.
"""

from __future__ import annotations

import itertools
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cached_property, lru_cache

from sahel_tui.analysis.drill import DrillDown, EventFilter, drill, parse_day, query_events
from sahel_tui.store.query import Compiled

STATUSES = ("coded", "dismissed", "flagged")


@dataclass(frozen=True)
class Scope:
    """What the tallies count: live events of the items matching ``query`` (all items when
    None or empty), with ``since <= event_date <= until`` when given (YYYY-MM-DD)."""

    query: Compiled | None = None
    since: str | None = None
    until: str | None = None
    ids_table: str | None = field(default=None, compare=False)  # materialized event ids
    items_table: str | None = field(default=None, compare=False)  # and their matching items
    source: str | None = field(default=None, compare=False)  # a compact copy of the events

    def __post_init__(self) -> None:
        object.__setattr__(self, "since", parse_day(self.since, "since"))
        object.__setattr__(self, "until", parse_day(self.until, "until"))

    @property
    def text(self) -> str:
        return self.query.text if self.query is not None else ""

    @cached_property
    def events(self) -> EventFilter | None:
        """What the query's own ``event:`` terms ask of an event (drill.query_events): only
        the events meeting it are counted, not every event of the matching items."""
        return query_events(self.query)

    def event_condition(self, e: str = "e") -> tuple[str, list]:
        """The ``event:`` terms' condition on ``events`` aliased ``e`` ('' when none)."""
        if self.events is None or self.events.empty:
            return "", []
        cond, params = self.events.sql(e)
        return f" AND {cond}", params

    @property
    def all_items(self) -> bool:
        return self.query is None or self.query.where.strip() in ("1", "")

    def where(self, e: str = "e") -> tuple[str, list]:
        """The condition on ``events`` (aliased ``e``) selecting the scope's events."""
        clauses, params = [f"{e}.deleted = 0"], []
        if self.since:
            clauses.append(f"{e}.event_date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append(f"{e}.event_date <= ?")
            params.append(self.until)
        if self.ids_table:
            clauses.append(f"{e}.id IN (SELECT id FROM temp.{self.ids_table})")
        elif not self.all_items:
            clauses.append(f"{e}.id IN (SELECT ei.event_id FROM event_items ei WHERE ei.item_id "
                           f"IN (SELECT items.id FROM items WHERE ({self.query.where})))")
            params += list(self.query.params)
        cond, cparams = self.event_condition(e)
        return " AND ".join(clauses) + cond, params + cparams

    def select(self, e: str = "e") -> tuple[str, str, list]:
        """(FROM source, WHERE condition, parameters) of the scope's events: ``events`` or,
        once materialized, the temporary copy of the scope's events (same column names)."""
        if not self.source:
            where, params = self.where(e)
            return f"events {e}", where, params
        clauses, params = [f"{e}.deleted = 0"], []
        if self.since:
            clauses.append(f"{e}.event_date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append(f"{e}.event_date <= ?")
            params.append(self.until)
        return f"temp.{self.source} {e}", " AND ".join(clauses), params

    def filter(self, **cond) -> EventFilter:
        """The scope's date window and ``event:`` conditions narrowed by more conditions
        (dates are intersected): the drill-down lists the very events counted."""
        base = self.events or EventFilter()
        return base.narrow(from_=self.since, to=self.until).merge(EventFilter().narrow(**cond))

    def drill(self, **cond) -> DrillDown:
        return drill(self.text, self.filter(**cond))

    def narrowed(self, since: str | None = None, until: str | None = None) -> Scope:
        s = max(filter(None, (self.since, parse_day(since))), default=None)
        u = min(filter(None, (self.until, parse_day(until))), default=None)
        return Scope(self.query, s, u, self.ids_table, self.items_table, self.source)

    def item_condition(self, col: str) -> tuple[str, list]:
        """``col`` (an item id column) is one of the query's items ('' for all items)."""
        if self.items_table:
            return f" AND {col} IN (SELECT id FROM temp.{self.items_table})", []
        if self.all_items:
            return "", []
        return f" AND {col} IN (SELECT items.id FROM items WHERE ({self.query.where}))", \
            list(self.query.params)


_temp_names = itertools.count(1)


def _temp_name(prefix: str) -> str:
    return f"{prefix}_{next(_temp_names)}"


# columns of the compact copy of a scope's events (what the tallies read)
_COPY = ("id", "event_date", "fatalities", "deleted", "actor1", "actor2", "assoc_actor_1",
         "assoc_actor_2", "event_type", "sub_event_type", "country", "admin1")
# terms that drive a query from an index of items (date, status): then the query is best
# evaluated first and its items' events looked up; other terms (words, feed:, tag:) are best
# tested on the items that have events
_INDEXED_FIELDS = {"since", "until", "status", "triaged"}


@contextmanager
def materialized(conn: sqlite3.Connection, scope: Scope):
    """The scope with its query evaluated once: its items that have events, and a compact
    copy of their live events (temporary tables, dropped on exit), so that the tallies of
    a screen neither evaluate the query again nor read the wide events rows."""
    if scope.all_items or scope.source:
        yield scope
        return
    items, name = _temp_name("tally_items"), _temp_name("tally_events")
    q = scope.query
    conn.execute(f"CREATE TEMP TABLE {items} (id INTEGER PRIMARY KEY)")
    try:
        if any(t.field in _INDEXED_FIELDS and not t.negated for t in q.terms):
            sql = (f"SELECT DISTINCT ei.item_id FROM event_items ei WHERE ei.item_id IN "
                   f"(SELECT items.id FROM items WHERE ({q.where}))")
        else:
            sql = (f"SELECT DISTINCT ei.item_id FROM event_items ei JOIN items "
                   f"ON items.id = ei.item_id WHERE ({q.where})")
        conn.execute(f"INSERT INTO temp.{items} (id) {sql}", q.params)
        bare = Scope(None, scope.since, scope.until)
        where, params = bare.where()
        cond, cparams = scope.event_condition("e")
        where, params = where + cond, params + cparams
        conn.execute(f"CREATE TEMP TABLE {name} AS SELECT {', '.join('e.' + c for c in _COPY)} "
                     f"FROM events e WHERE {where} AND e.id IN (SELECT ei.event_id FROM "
                     f"event_items ei WHERE ei.item_id IN (SELECT id FROM temp.{items}))", params)
        yield Scope(scope.query, scope.since, scope.until, None, items, name)
    finally:
        conn.execute(f"DROP TABLE IF EXISTS temp.{name}")
        conn.execute(f"DROP TABLE IF EXISTS temp.{items}")


@dataclass(frozen=True)
class Row:
    """One line of a tally: its key (e.g. ('Battles', 'Armed clash')), counts, drill-down."""

    key: tuple[str, ...]
    events: int
    fatalities: int
    drill: DrillDown
    detail: dict = field(default_factory=dict)  # e.g. as_actor1 / as_actor2, items

    @property
    def label(self) -> str:
        return " › ".join(k or "(none)" for k in self.key)


@dataclass(frozen=True)
class Tally:
    name: str  # actor | type | sub | country | admin1 | source
    title: str
    note: str  # how it is counted
    rows: tuple[Row, ...]
    total: Row  # distinct events and fatalities of the whole scope


@dataclass(frozen=True)
class Series:
    label: str
    counts: tuple[int, ...]
    fatalities: tuple[int, ...]
    drills: tuple[DrillDown, ...]  # one per period
    drill: DrillDown  # the whole series


@dataclass(frozen=True)
class Timeline:
    unit: str  # week | month
    periods: tuple[str, ...]  # week: its Monday (YYYY-MM-DD); month: YYYY-MM
    total: Series  # all events of the scope
    series: tuple[Series, ...]  # the top actors


@dataclass(frozen=True)
class Triage:
    day: str
    counts: dict  # status -> items whose status was set that day
    total: int
    drills: dict  # status -> DrillDown ('<query> status:X triaged:DAY')


@dataclass(frozen=True)
class Pane:
    """What the tallies pane beside the list shows; refreshed after every decision."""

    total: Row
    actors: Tally  # top actors, with a weekly series each
    actor_series: tuple[Series, ...]
    periods: tuple[str, ...]
    triage: Triage


@dataclass(frozen=True)
class Screen:
    """Every tally, for the tallies screen."""

    total: Row
    actors: Tally
    types: Tally
    subtypes: Tally
    countries: Tally
    admin1: Tally
    sources: Tally
    weeks: Timeline
    months: Timeline
    triage: Triage


# -- totals -----------------------------------------------------------------------------------

def totals(conn: sqlite3.Connection, scope: Scope) -> Row:
    """Distinct events and fatalities of the scope."""
    src, where, params = scope.select()
    n, f = conn.execute(
        f"SELECT count(*), coalesce(sum(e.fatalities), 0) FROM {src} WHERE {where}", params
    ).fetchone()
    return Row(("all events",), n, f, scope.drill())


# -- by actor ---------------------------------------------------------------------------------

_ACTOR_NOTE = ("an event counts for actor1 and for actor2 (once if both are the same), with "
               "its full fatalities for each: rows add up to more than the total")


def by_actor(conn: sqlite3.Connection, scope: Scope, limit: int | None = 20, *,
             include_assoc: bool = False, total: Row | None = None) -> Tally:
    """Events and fatalities per actor (see the module doc for how they are counted)."""
    src, where, params = scope.select()
    if include_assoc:
        sql = f"""
            SELECT actor, count(*), coalesce(sum(fat), 0), sum(role = 1), sum(role = 2) FROM (
              SELECT e.id, e.actor1 AS actor, e.fatalities AS fat, 1 AS role
                FROM {src} WHERE {where} AND e.actor1 != ''
              UNION
              SELECT e.id, j.value, e.fatalities, 1 FROM {src}, json_each(e.assoc_actor_1) j
                WHERE {where} AND j.value != e.actor1
              UNION
              SELECT e.id, e.actor2, e.fatalities, 2 FROM {src}
                WHERE {where} AND e.actor2 != '' AND e.actor2 != e.actor1
              UNION
              SELECT e.id, j.value, e.fatalities, 2 FROM {src}, json_each(e.assoc_actor_2) j
                WHERE {where} AND j.value != e.actor2 AND j.value != e.actor1
                  AND j.value NOT IN (SELECT value FROM json_each(e.assoc_actor_1))
            ) GROUP BY actor"""
        agg = {r[0]: [r[1], r[2], r[3], r[4]] for r in conn.execute(sql, params * 4)}
    else:
        agg: dict[str, list[int]] = {}
        for a, n, f in conn.execute(
                f"SELECT e.actor1, count(*), coalesce(sum(e.fatalities), 0) FROM {src} "
                f"WHERE {where} AND e.actor1 != '' GROUP BY e.actor1", params):
            agg[a] = [n, f, n, 0]
        for a, n, f in conn.execute(
                f"SELECT e.actor2, count(*), coalesce(sum(e.fatalities), 0) FROM {src} "
                f"WHERE {where} AND e.actor2 != '' AND e.actor2 != e.actor1 GROUP BY e.actor2",
                params):
            r = agg.setdefault(a, [0, 0, 0, 0])
            r[0] += n
            r[1] += f
            r[3] += n
    ranked = sorted(agg.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
    if limit is not None:
        ranked = ranked[:limit]
    rows = tuple(
        Row((a,), n, f, drill(scope.text, scope.filter(actor=a, assoc=include_assoc or None)),
            {"as_actor1": a1, "as_actor2": a2})
        for a, (n, f, a1, a2) in ranked)
    note = _ACTOR_NOTE + ("; associated actors count too" if include_assoc else
                          "; associated actors are not counted")
    return Tally("actor", "Events by actor", note, rows, total or totals(conn, scope))


# -- by one or two columns --------------------------------------------------------------------

_GROUPS = {
    "type": (("event_type",), "Events by event type", ("type",)),
    "sub": (("event_type", "sub_event_type"), "Events by sub-event type", ("type", "sub")),
    "country": (("country",), "Events by country", ("country",)),
    "admin1": (("country", "admin1"), "Events by admin1", ("country", "admin1")),
}


def by_column(conn: sqlite3.Connection, scope: Scope, name: str, limit: int | None = None, *,
              total: Row | None = None) -> Tally:
    """Events and fatalities per event type ('type'), sub-event type ('sub'), country
    ('country') or country + admin1 ('admin1'). Each event counts once."""
    cols, title, keys = _GROUPS[name]
    src, where, params = scope.select()
    sel = ", ".join(f"e.{c}" for c in cols)
    sql = (f"SELECT {sel}, count(*) AS n, coalesce(sum(e.fatalities), 0) FROM {src} "
           f"WHERE {where} GROUP BY {sel} ORDER BY n DESC, {sel}")
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    rows = []
    for r in conn.execute(sql, params):
        key = tuple(r[: len(cols)])
        rows.append(Row(key, r[len(cols)], r[len(cols) + 1],
                        drill(scope.text, scope.filter(**dict(zip(keys, key, strict=True))))))
    return Tally(name, title, "each event counts once", tuple(rows),
                 total or totals(conn, scope))


def by_type(conn, scope, *, total=None) -> Tally:
    return by_column(conn, scope, "type", total=total)


def by_sub_type(conn, scope, *, total=None) -> Tally:
    return by_column(conn, scope, "sub", total=total)


def by_country(conn, scope, *, total=None) -> Tally:
    return by_column(conn, scope, "country", total=total)


def by_admin1(conn, scope, limit: int | None = None, *, total=None) -> Tally:
    return by_column(conn, scope, "admin1", limit, total=total)


# -- by source --------------------------------------------------------------------------------

def by_source(conn: sqlite3.Connection, scope: Scope, limit: int | None = None, *,
              total: Row | None = None) -> Tally:
    """Events per outlet (feed name): an event counts once for each outlet that carried one
    of its matching items (over all items: the event_feeds table kept by triggers)."""
    src, where, params = scope.select()
    item_cond, item_params = scope.item_condition("ei.item_id")
    if scope.all_items:
        where, params = scope.where("ef")  # event_feeds carries date, fatalities, deleted
        sql = f"""
            SELECT f.name, count(*) AS n, coalesce(sum(ef.fatalities), 0)
            FROM event_feeds ef JOIN feeds f ON f.id = ef.feed_id
            WHERE {where} GROUP BY ef.feed_id ORDER BY n DESC, f.name"""
        args = params
    else:
        sql = f"""
            SELECT f.name, count(*) AS n, coalesce(sum(p.fat), 0)
            FROM (SELECT x.feed_id, e.id, e.fatalities AS fat
                  FROM event_items ei
                  JOIN {src} ON e.id = ei.event_id
                  JOIN item_feeds x ON x.item_id = ei.item_id
                  WHERE {where}{item_cond}
                  GROUP BY x.feed_id, e.id) p
            JOIN feeds f ON f.id = p.feed_id
            GROUP BY p.feed_id ORDER BY n DESC, f.name"""
        args = [*params, *item_params]
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    rows = tuple(Row((name,), n, fat, drill(scope.text, scope.filter(feed=name)))
                 for name, n, fat in conn.execute(sql, args))
    return Tally("source", "Events by source", "an event counts once for each outlet (feed) "
                 "that carried one of its items", rows, total or totals(conn, scope))


# -- over time --------------------------------------------------------------------------------

WEEK_SQL = "date({d}, '-6 days', 'weekday 1')"


def week_start(d: date) -> date:
    return d - timedelta(days=d.weekday())


@lru_cache(maxsize=8192)
def week_label(d: str) -> str:
    """The week (its Monday) of a YYYY-MM-DD date: the Python twin of WEEK_SQL."""
    return week_start(date.fromisoformat(d)).isoformat()


def period_bounds(unit: str, label: str) -> tuple[str, str]:
    """(first day, last day) of a period label."""
    if unit == "week":
        d = date.fromisoformat(label)
        return d.isoformat(), (d + timedelta(days=6)).isoformat()
    y, m = int(label[:4]), int(label[5:7])
    nxt = date(y + (m == 12), m % 12 + 1, 1)
    return f"{label}-01", (nxt - timedelta(days=1)).isoformat()


def periods_between(unit: str, first: date, last: date) -> list[str]:
    out = []
    if unit == "week":
        d = week_start(first)
        while d <= last:
            out.append(d.isoformat())
            d += timedelta(days=7)
        return out
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = y + (m == 12), m % 12 + 1
    return out


def last_event_date(conn: sqlite3.Connection, scope: Scope) -> date | None:
    src, where, params = scope.select()
    r = conn.execute(f"SELECT max(e.event_date) FROM {src} WHERE {where}", params).fetchone()
    return date.fromisoformat(r[0]) if r and r[0] else None


def timeline(conn: sqlite3.Connection, scope: Scope, unit: str = "week", *,
             periods: int | None = None, top: int = 5, actors: list[str] | None = None) -> Timeline:
    """Events per week or month, zero-filled, with a series for each of the ``top`` actors
    of the window (or the given ``actors``). The window: scope.since..scope.until when both
    are set; else the last ``periods`` periods (default 26 weeks / 24 months) up to
    scope.until or the last event date."""
    if unit not in ("week", "month"):
        raise ValueError("unit must be 'week' or 'month'")
    end = date.fromisoformat(scope.until) if scope.until else last_event_date(conn, scope)
    end = end or datetime.now(UTC).date()
    if scope.since and (scope.until or periods is None):
        first = date.fromisoformat(scope.since)
    else:
        n = periods or (26 if unit == "week" else 24)
        if unit == "week":
            first = week_start(end) - timedelta(weeks=n - 1)
        else:
            y, m = end.year, end.month - (n - 1)
            while m < 1:
                y, m = y - 1, m + 12
            first = date(y, m, 1)
        if scope.since:
            first = max(first, date.fromisoformat(scope.since))
    labels = periods_between(unit, first, end)
    window = scope.narrowed(period_bounds(unit, labels[0])[0], period_bounds(unit, labels[-1])[1])
    src, where, params = window.select()
    index = {p: i for i, p in enumerate(labels)}

    # per day in SQL (in index order: no sort, no date function per row), into periods here
    label_of = week_label if unit == "week" else (lambda d: d[:7])
    counts, fats = [0] * len(labels), [0] * len(labels)
    for d, n, f in conn.execute(
            f"SELECT e.event_date, count(*), coalesce(sum(e.fatalities), 0) FROM {src} "
            f"WHERE {where} GROUP BY e.event_date", params):
        k = index.get(label_of(d))
        if k is not None:
            counts[k] += n
            fats[k] += f

    def cells(**cond) -> tuple[DrillDown, ...]:
        return tuple(drill(scope.text, window.filter(**cond).narrow(
            from_=period_bounds(unit, p)[0], to=period_bounds(unit, p)[1])) for p in labels)

    total = Series("all events", tuple(counts), tuple(fats), cells(), drill(scope.text, window.filter()))
    if actors is None:
        actors = [r.key[0] for r in by_actor(conn, window, top, total=total_row(total)).rows] if top else []
    series = []
    if actors:
        marks = ",".join("?" * len(actors))
        per: dict[str, list[list[int]]] = {a: [[0] * len(labels), [0] * len(labels)] for a in actors}
        for col, extra in (("actor1", ""), ("actor2", " AND e.actor2 != e.actor1")):
            for a, d, n, f in conn.execute(
                    f"SELECT e.{col}, e.event_date, count(*), coalesce(sum(e.fatalities), 0) "
                    f"FROM {src} WHERE {where} AND e.{col} IN ({marks}){extra} "
                    f"GROUP BY e.{col}, e.event_date", [*params, *actors]):
                k = index.get(label_of(d))
                if k is not None:
                    per[a][0][k] += n
                    per[a][1][k] += f
        for a in actors:
            series.append(Series(a, tuple(per[a][0]), tuple(per[a][1]), cells(actor=a),
                                 drill(scope.text, window.filter(actor=a))))
    return Timeline(unit, tuple(labels), total, tuple(series))


def total_row(s: Series) -> Row:
    return Row(("all events",), sum(s.counts), sum(s.fatalities), s.drill)


# -- triage -----------------------------------------------------------------------------------

def triage_today(conn: sqlite3.Connection, query: Compiled | None = None,
                 day: date | str | None = None) -> Triage:
    """Items whose triage status was set on ``day`` (default today, UTC), by status, within
    the active query."""
    d = parse_day(day) or datetime.now(UTC).date().isoformat()
    nxt = (date.fromisoformat(d) + timedelta(days=1)).isoformat()
    where, params = ("1", []) if query is None else (query.where, list(query.params))
    counts = dict.fromkeys(STATUSES, 0)
    for status, n in conn.execute(
            f"SELECT items.status, count(*) FROM items WHERE items.status_at >= ? "
            f"AND items.status_at < ? AND items.status != 'new' AND ({where}) "
            f"GROUP BY items.status", [f"{d}T00:00:00Z", f"{nxt}T00:00:00Z", *params]):
        counts[status] = n
    base = query.text.strip() if query is not None else ""
    label = "today" if d == datetime.now(UTC).date().isoformat() else d
    drills = {s: DrillDown(" ".join(filter(None, (base, f"status:{s}", f"triaged:{label}"))), base)
              for s in STATUSES}
    return Triage(d, counts, sum(counts.values()), drills)


# -- the pane and the screen ------------------------------------------------------------------

def rollup(t: Tally, name: str, title: str, keys: tuple[str, ...], scope: Scope) -> Tally:
    """A one-column tally from a two-column one (types from sub-types, countries from
    admin1): no second query."""
    agg: dict[str, list[int]] = {}
    for r in t.rows:
        a = agg.setdefault(r.key[0], [0, 0])
        a[0] += r.events
        a[1] += r.fatalities
    ranked = sorted(agg.items(), key=lambda kv: (-kv[1][0], kv[0]))
    rows = tuple(Row((k,), n, f, drill(scope.text, scope.filter(**{keys[0]: k})))
                 for k, (n, f) in ranked)
    return Tally(name, title, t.note, rows, t.total)


def screen(conn: sqlite3.Connection, scope: Scope, *, top: int = 5, limit: int = 20) -> Screen:
    """Every tally of the tallies screen (the query is evaluated once, into a temporary
    table, when it is not empty)."""
    with materialized(conn, scope) as m:
        subtypes = by_sub_type(conn, m, total=Row(("all events",), 0, 0, m.drill()))
        # every event has one type: the totals are the sub-types' sums (no extra query)
        total = Row(("all events",), sum(r.events for r in subtypes.rows),
                    sum(r.fatalities for r in subtypes.rows), m.drill())
        subtypes = Tally(subtypes.name, subtypes.title, subtypes.note, subtypes.rows, total)
        admin1 = by_admin1(conn, m, total=total)
        actors = by_actor(conn, m, limit, total=total)
        leaders = [r.key[0] for r in actors.rows[:top]]  # the series follow the overall top
        out = Screen(
            total=total,
            actors=actors,
            types=rollup(subtypes, "type", "Events by event type", ("type",), scope),
            subtypes=subtypes,
            countries=rollup(admin1, "country", "Events by country", ("country",), scope),
            admin1=Tally(admin1.name, admin1.title, admin1.note, admin1.rows[:limit], total),
            sources=by_source(conn, m, limit, total=total),
            weeks=timeline(conn, m, "week", actors=leaders),
            months=timeline(conn, m, "month", actors=leaders),
            triage=triage_today(conn, scope.query),
        )
    return out
