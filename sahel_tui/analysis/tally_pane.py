"""The tallies pane, kept exact after each decision without counting everything again.

:class:`PaneState` computes the pane of :mod:`.tallies` once for a scope (SQL aggregates
into temporary tables), then :meth:`PaneState.refresh` updates it from the decided items
and their events alone (a few index lookups); :func:`pane` is the one-shot form.  The
counting rules are those of :mod:`.tallies`.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta

from sahel_tui.analysis.drill import DrillDown
from sahel_tui.analysis.tallies import (
    _ACTOR_NOTE,
    STATUSES,
    WEEK_SQL,
    Pane,
    Row,
    Scope,
    Series,
    Tally,
    Triage,
    _temp_name,
    period_bounds,
    periods_between,
    week_label,
    week_start,
)
from sahel_tui.store import query as querylang
from sahel_tui.store.query import Compiled

# Query fields whose matches a decision can change (an item's status, its events). Any field
# not listed as static is treated as dynamic (re-checked for the decided items).
STATIC_FIELDS = {None, "feed", "tag", "since", "until"}


def split_query(q: Compiled | None) -> tuple[Compiled | None, Compiled | None]:
    """(static, dynamic) parts of a query: its AND-ed groups that no decision can change
    (free words, feed:, tag:, since:, until:, and ORs of those) and the others (status:,
    triaged:, actor:, event: ...). Either is None when it has no term."""
    if q is None or not q.terms:
        return None, None
    groups = querylang._groups(list(q.terms))  # OR binds tighter; groups are AND-ed
    static = [g for g in groups if all(t.field in STATIC_FIELDS for t in g)]
    dynamic = [g for g in groups if g not in static]

    def part(gs):
        if not gs:
            return None
        return querylang.parse(" ".join(
            " OR ".join(q.text[t.position:t.position + t.length] for t in g) for g in gs))

    return part(static), part(dynamic)


class PaneState:
    """The tallies pane for one scope, computed once (SQL aggregates) and then kept exact
    after each decision by :meth:`refresh`, which looks only at the decided items and their
    events (a few index lookups) instead of counting everything again.

    Temporary tables on ``conn`` hold what the scope covers: the items matching the static
    part of the query (see :func:`split_query`), and the contribution (date, fatalities,
    actors) of every event counted. Call :meth:`close` when the pane goes away or the
    query changes (then make a new PaneState). Decisions made by other connections (another
    window, an import) are seen after :meth:`reset`.
    """

    def __init__(self, conn: sqlite3.Connection, scope: Scope, *, top: int = 5,
                 weeks: int = 12) -> None:
        self.conn, self.scope, self.top, self.weeks = conn, scope, top, weeks
        self._items = self._events = None
        self.reset()

    # -- setup
    def reset(self) -> Pane:
        """Count everything again (after changes made elsewhere, or at midnight)."""
        self.close()
        conn, scope = self.conn, self.scope
        static, self._dynamic = split_query(scope.query)
        self._items = None
        if static is not None:
            self._items = _temp_name("pane_items")
            conn.execute(f"CREATE TEMP TABLE {self._items} (id INTEGER PRIMARY KEY)")
            conn.execute(f"INSERT INTO temp.{self._items} SELECT items.id FROM items "
                         f"WHERE ({static.where})", static.params)
        self._events = _temp_name("pane_events")
        conn.execute(f"CREATE TEMP TABLE {self._events} (id INTEGER PRIMARY KEY, d TEXT, "
                     f"fat INTEGER, a1 TEXT, a2 TEXT)")
        where, params = self._event_where()
        conn.execute(f"INSERT INTO temp.{self._events} SELECT e.id, e.event_date, e.fatalities, "
                     f"e.actor1, e.actor2 FROM events e WHERE {where}", params)
        t = f"temp.{self._events}"
        n, f, last = conn.execute(f"SELECT count(*), coalesce(sum(fat), 0), max(d) FROM {t}").fetchone()
        self.n, self.fat = n, f
        end = date.fromisoformat(scope.until) if scope.until else (
            date.fromisoformat(last) if last else datetime.now(UTC).date())
        first = week_start(end) - timedelta(weeks=self.weeks - 1)
        self.periods = tuple(periods_between("week", first, end))
        self._week_index = {p: i for i, p in enumerate(self.periods)}
        self._lo, self._hi = self.periods[0], period_bounds("week", self.periods[-1])[1]
        self.actors: dict[str, list[int]] = {}
        for a, n, f in conn.execute(f"SELECT a1, count(*), sum(fat) FROM {t} WHERE a1 != '' GROUP BY a1"):
            self.actors[a] = [n, f, n, 0]
        for a, n, f in conn.execute(
                f"SELECT a2, count(*), sum(fat) FROM {t} WHERE a2 != '' AND a2 != a1 GROUP BY a2"):
            r = self.actors.setdefault(a, [0, 0, 0, 0])
            r[0] += n
            r[1] += f
            r[3] += n
        self.weekly: dict[str, list[int]] = {}
        wk = WEEK_SQL.format(d="d")
        for a, w, n in conn.execute(
                f"SELECT a, w, count(*) FROM (SELECT a1 AS a, {wk} AS w FROM {t} WHERE a1 != '' "
                f"AND d BETWEEN ? AND ? UNION ALL SELECT a2, {wk} FROM {t} WHERE a2 != '' "
                f"AND a2 != a1 AND d BETWEEN ? AND ?) GROUP BY a, w",
                (self._lo, self._hi, self._lo, self._hi)):
            if w in self._week_index:
                self.weekly.setdefault(a, [0] * len(self.periods))[self._week_index[w]] = n
        self._today = datetime.now(UTC).date().isoformat()
        self.triaged: dict[int, str] = {}
        nxt = (date.fromisoformat(self._today) + timedelta(days=1)).isoformat()
        for item_id, status in conn.execute(
                f"SELECT items.id, items.status FROM items WHERE items.status_at >= ? AND "
                f"items.status_at < ? AND items.status != 'new' AND {self._member_sql()}",
                [f"{self._today}T00:00:00Z", f"{nxt}T00:00:00Z", *self._member_params()]):
            self.triaged[item_id] = status
        return self.pane

    def _event_where(self) -> tuple[str, list]:
        s = self.scope
        clauses, params = ["e.deleted = 0"], []
        if s.since:
            clauses.append("e.event_date >= ?")
            params.append(s.since)
        if s.until:
            clauses.append("e.event_date <= ?")
            params.append(s.until)
        if self._items is not None or self._dynamic is not None:
            clauses.append("e.id IN (SELECT ei.event_id FROM event_items ei WHERE ei.item_id IN "
                           f"(SELECT items.id FROM items WHERE {self._member_sql()}))")
            params += self._member_params()
        cond, cparams = s.event_condition("e")
        return " AND ".join(clauses) + cond, params + cparams

    def _member_sql(self) -> str:
        parts = []
        if self._items is not None:
            parts.append(f"items.id IN (SELECT id FROM temp.{self._items})")
        if self._dynamic is not None:
            parts.append(f"({self._dynamic.where})")
        return " AND ".join(parts) or "1"

    def _member_params(self) -> list:
        return list(self._dynamic.params) if self._dynamic is not None else []

    def close(self) -> None:
        for name in (self._items, self._events):
            if name:
                self.conn.execute(f"DROP TABLE IF EXISTS temp.{name}")
        self._items = self._events = None

    # -- after a decision
    def refresh(self, item_ids=(), event_ids=()) -> Pane:
        """Bring the pane up to date after a decision on ``item_ids`` (and/or changes to
        ``event_ids``): only those items, their events and the events' other items are read."""
        conn = self.conn
        if datetime.now(UTC).date().isoformat() != self._today:
            return self.reset()
        items = sorted({int(i) for i in item_ids})
        events = {int(i) for i in event_ids}
        if items:
            events |= {r[0] for r in conn.execute(
                f"SELECT DISTINCT event_id FROM event_items WHERE item_id IN ({_marks(items)})", items)}
        linked: dict[int, set[int]] = {}
        if events:
            ev = sorted(events)
            for e_id, i_id in conn.execute(
                    f"SELECT event_id, item_id FROM event_items WHERE event_id IN ({_marks(ev)})", ev):
                linked.setdefault(e_id, set()).add(i_id)
        check = sorted(set(items) | set().union(*linked.values()) if linked else set(items))
        members: dict[int, tuple[str, str | None]] = {}
        if check:
            for i_id, status, at in conn.execute(
                    f"SELECT items.id, items.status, items.status_at FROM items WHERE items.id IN "
                    f"({_marks(check)}) AND {self._member_sql()}", [*check, *self._member_params()]):
                members[i_id] = (status, at)
        # triage progress of the decided items
        day = f"{self._today}T00:00:00Z"
        for i_id in items:
            m = members.get(i_id)
            if m and m[0] != "new" and m[1] and m[1] >= day:
                self.triaged[i_id] = m[0]
            else:
                self.triaged.pop(i_id, None)
        if events:
            ev = sorted(events)
            t = f"temp.{self._events}"
            old = {r[0]: tuple(r[1:]) for r in conn.execute(
                f"SELECT id, d, fat, a1, a2 FROM {t} WHERE id IN ({_marks(ev)})", ev)}
            new = {}
            cond, cparams = self.scope.event_condition("e")
            meets = {r[0] for r in conn.execute(
                f"SELECT e.id FROM events e WHERE e.id IN ({_marks(ev)}){cond}", [*ev, *cparams])}
            for r in conn.execute(
                    f"SELECT id, event_date, fatalities, actor1, actor2, deleted FROM events "
                    f"WHERE id IN ({_marks(ev)})", ev):
                s = self.scope
                live = not r[5] and (not s.since or r[1] >= s.since) and (not s.until or r[1] <= s.until)
                if live and r[0] in meets and any(i in members for i in linked.get(r[0], ())):
                    new[r[0]] = (r[1], r[2], r[3], r[4])
            for e_id in ev:
                if old.get(e_id) == new.get(e_id):
                    continue
                if e_id in old:
                    self._add(old[e_id], -1)
                    conn.execute(f"DELETE FROM {t} WHERE id = ?", (e_id,))
                if e_id in new:
                    self._add(new[e_id], +1)
                    conn.execute(f"INSERT INTO {t} (id, d, fat, a1, a2) VALUES (?, ?, ?, ?, ?)",
                                 (e_id, *new[e_id]))
        return self.pane

    def _add(self, contrib: tuple, sign: int) -> None:
        d, fat, a1, a2 = contrib
        self.n += sign
        self.fat += sign * fat
        w = week_label(d) if self._lo <= d <= self._hi else None
        for role, a in ((1, a1), (2, a2)):
            if not a or (role == 2 and a2 == a1):
                continue
            r = self.actors.setdefault(a, [0, 0, 0, 0])
            r[0] += sign
            r[1] += sign * fat
            r[1 + role] += sign
            if r[0] <= 0:
                del self.actors[a]
            if w in self._week_index:
                self.weekly.setdefault(a, [0] * len(self.periods))[self._week_index[w]] += sign

    # -- the figures
    @property
    def pane(self) -> Pane:
        s = self.scope
        total = Row(("all events",), self.n, self.fat, s.drill())
        ranked = sorted(self.actors.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))[:self.top]
        rows = tuple(Row((a,), n, f, s.drill(actor=a), {"as_actor1": a1, "as_actor2": a2})
                     for a, (n, f, a1, a2) in ranked)
        actors = Tally("actor", "Top actors", _ACTOR_NOTE, rows, total)
        series = []
        for a, *_ in ranked:
            counts = tuple(self.weekly.get(a, [0] * len(self.periods)))
            drills = tuple(s.drill(actor=a, from_=period_bounds("week", p)[0],
                                   to=period_bounds("week", p)[1]) for p in self.periods)
            series.append(Series(a, counts, (), drills,
                                 s.drill(actor=a, from_=self._lo, to=self._hi)))
        return Pane(total, actors, tuple(series), self.periods, self._triage())

    def _triage(self) -> Triage:
        counts = dict.fromkeys(STATUSES, 0)
        for status in self.triaged.values():
            counts[status] = counts.get(status, 0) + 1
        base = self.scope.text.strip()
        drills = {st: DrillDown(" ".join(filter(None, (base, f"status:{st}", "triaged:today"))), base)
                  for st in STATUSES}
        return Triage(self._today, counts, sum(counts.values()), drills)


def _marks(seq) -> str:
    return ",".join("?" * len(seq))


def pane(conn: sqlite3.Connection, scope: Scope, *, top: int = 5, weeks: int = 12) -> Pane:
    """The tallies pane once (a PaneState made and closed): totals, the top actors with a
    weekly series each over the last ``weeks`` weeks, and today's triage progress."""
    state = PaneState(conn, scope, top=top, weeks=weeks)
    try:
        return state.pane
    finally:
        state.close()
