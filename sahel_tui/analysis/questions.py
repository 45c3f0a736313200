"""The three questions analysts answer in their weekly products, each with numbers, the data
for a small chart and drill-downs to the items behind every number.

1. ``rate_change``: "group X's monthly rate of attacks nearly tripled after date D".
   Events matching the filter (actor / type / place) in a "before" and an "after" window;
   each rate is events per month of 30.44 days (events / days × 30.44) over its window;
   the ratio is after / before. Windows are inclusive. The analyst may give either window
   (``before=(from, to)``, ``after=(from, to)``; see ``parse_windows`` for the typed form
   "2026-06-01..2026-08-31 vs 2026-09-01..2026-11-30"). Defaults: after = [D, until] with
   until = the scope's until, else today; before = [since, D - 1] with since = the scope's
   since, else as many days before D as after it (two equal windows either side of D, the
   second ending today). A window of fewer than 30 days or with fewer than 5 events is a
   small sample: its rate extrapolates a few events to a month, and ``Period.warning`` (and
   the ratio's ``RateChange.warnings``) says so. A window that starts before the scope's
   first event is noted too (nothing was coded then, so its rate may be low).
   The monthly series covers the first window's start .. the last one's end (calendar
   months; the first and last may be partial: ``month_days`` says how many of their days
   are inside).

2. ``dyads``: "X and Y clashed about eight times per quarter, but not at all in region R
   since April". Events with X on one side and Y on the other (actor1/actor2, either order;
   with ``include_assoc`` also as an associated actor of a side), any event type unless
   ``event_type`` is given; per calendar quarter, zero-filled, and per admin1 with its last
   date and its own quarterly counts.

3. ``colocated``: "X and Y attacked the same place within 24 hours twice this month".
   Pairs (an event of X, a different event of Y) at the same place: the same place_id when
   both have one, else the same country + admin1 + location compared case- and
   accent-insensitively; with ``km`` also any two events whose coordinates are at most
   that far apart. ``event_date`` has day precision, so "within N hours" means
   |day difference| × 24 <= N (24 h: the same or the next day; 0: the same day). An
   event counts for X when X is actor1 or actor2 (``actor1_only``: only as actor1, "X
   attacked"). Each unordered pair counts once.
"""

from __future__ import annotations

import math
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta

from sahel_tui.analysis.drill import DrillDown, EventFilter, drill, parse_day
from sahel_tui.analysis.tallies import Scope, period_bounds, periods_between
from sahel_tui.store.db import fold

DAYS_PER_MONTH = 30.44
SMALL_DAYS = 30  # a window shorter than this, or
SMALL_EVENTS = 5  # with fewer events than this, is a small sample


# -- shared -----------------------------------------------------------------------------------

def _bounds(conn: sqlite3.Connection, scope: Scope) -> tuple[date | None, date | None]:
    """First and last event dates of the scope."""
    where, params = scope.where()
    r = conn.execute(f"SELECT min(e.event_date), max(e.event_date) FROM events e WHERE {where}",
                     params).fetchone()
    return (date.fromisoformat(r[0]) if r[0] else None, date.fromisoformat(r[1]) if r[1] else None)


def _count(conn: sqlite3.Connection, scope: Scope, filt: EventFilter) -> tuple[int, int]:
    where, params = scope.where()
    cond, p2 = filt.sql("e")
    r = conn.execute(f"SELECT count(*), coalesce(sum(e.fatalities), 0) FROM events e "
                     f"WHERE {where} AND {cond}", [*params, *p2]).fetchone()
    return r[0], r[1]


@dataclass(frozen=True)
class Period:
    start: str
    end: str  # inclusive
    days: int
    events: int
    fatalities: int
    per_month: float  # events per 30.44 days
    drill: DrillDown
    warning: str = ""  # "small sample: ..." when the rate rests on few days or events

    @property
    def small(self) -> bool:
        return bool(self.warning)


def small_sample(days: int, events: int) -> str:
    """The warning for a window too short or too sparse for a monthly rate ('' if none)."""
    why = []
    if days < SMALL_DAYS:
        why.append(f"{days} day{'s' if days != 1 else ''} < {SMALL_DAYS}")
    if events < SMALL_EVENTS:
        why.append(f"{events} event{'s' if events != 1 else ''} < {SMALL_EVENTS}")
    return f"small sample ({', '.join(why)}): rate not reliable" if why else ""


# -- 1. rate change ---------------------------------------------------------------------------

@dataclass(frozen=True)
class RateChange:
    date: str
    filter: EventFilter
    before: Period
    after: Period
    ratio: float | None  # after.per_month / before.per_month; None when before is 0
    months: tuple[str, ...]  # YYYY-MM
    counts: tuple[int, ...]
    month_days: tuple[int, ...]  # days of each month inside since..until
    drills: tuple[DrillDown, ...]
    note: str
    warnings: tuple[str, ...] = ()  # small samples, windows before the data starts

    @property
    def change(self) -> str:
        """In words: 'x2.8 (nearly tripled)', 'x0.5 (halved)' ...; flagged on a small sample."""
        if self.ratio is None:
            words = "from none before" if self.after.events else "none in either period"
        else:
            words = f"x{self.ratio:.2f} ({_words(self.ratio)})"
        if self.before.small or self.after.small:
            words += " (small sample: not reliable)"
        return words


def _words(r: float) -> str:
    for lo, hi, w in ((0, 0.01, "stopped"), (0.4, 0.6, "about halved"), (0.9, 1.1, "about the same"),
                      (1.8, 2.2, "about doubled"), (2.5, 2.9, "nearly tripled"),
                      (2.9, 3.2, "about tripled"), (3.7, 4.3, "about quadrupled")):
        if lo <= r < hi:
            return w
    return "up" if r > 1 else "down"


def _window(value: tuple[str | date, str | date] | None, what: str) -> tuple[date, date] | None:
    if value is None:
        return None
    a = date.fromisoformat(parse_day(value[0], f"{what} window start"))
    b = date.fromisoformat(parse_day(value[1], f"{what} window end"))
    if b < a:
        raise ValueError(f"the {what} window ends ({b}) before it starts ({a})")
    return a, b


_WINDOW = re.compile(r"^\s*(\S+)\s*\.\.\s*(\S+)\s*$")


def parse_windows(text: str) -> tuple[str | None, tuple[str, str] | None,
                                      tuple[str, str] | None]:
    """The rate-change form's one field: ``(date, before, after)``.

    '2026-09-01' is the date (default windows); '2026-09-01..2026-11-30' is the after window
    (before: as long, just before it); 'FROM..TO vs FROM..TO' gives both windows (before
    first). ValueError with a readable message otherwise."""
    text = (text or "").strip()
    if not text:
        raise ValueError("a date is needed (or windows: 2026-06-01..2026-08-31 vs "
                         "2026-09-01..2026-11-30)")
    parts = re.split(r"\s+vs\.?\s+|\s*\|\s*", text, flags=re.I)
    if len(parts) > 2:
        raise ValueError(f"two windows at most, not {len(parts)}: {text!r}")
    windows = []
    for part in parts:
        m = _WINDOW.match(part)
        if not m:
            if len(parts) == 1 and ".." not in part:
                return parse_day(part, "date"), None, None
            raise ValueError(f"a window is FROM..TO (e.g. 2026-09-01..2026-11-30), not {part!r}")
        windows.append((parse_day(m[1], "window start"), parse_day(m[2], "window end")))
    if len(windows) == 1:
        return None, None, windows[0]
    return None, windows[0], windows[1]


def parse_window(text: str, what: str = "window") -> tuple[str, str]:
    """One window 'FROM..TO' (ValueError otherwise)."""
    m = _WINDOW.match(text or "")
    if not m:
        raise ValueError(f"the {what} window is FROM..TO (e.g. 2026-09-01..2026-11-30), "
                         f"not {text!r}")
    return parse_day(m[1], f"{what} window start"), parse_day(m[2], f"{what} window end")


def rate_change(conn: sqlite3.Connection, on: str | date | None = None, *,
                scope: Scope | None = None, actor: str | None = None,
                event_type: str | None = None, sub_event_type: str | None = None,
                country: str | None = None, admin1: str | None = None,
                location: str | None = None, include_assoc: bool = False,
                before: tuple[str | date, str | date] | None = None,
                after: tuple[str | date, str | date] | None = None,
                today: date | None = None) -> RateChange:
    """Monthly rate of the matching events in two windows (see the module doc)."""
    scope = scope or Scope()
    today = today or date.today()
    bw, aw = _window(before, "before"), _window(after, "after")
    if on is None and aw is None:
        raise ValueError("a date is needed, or the after window")
    if aw is not None:
        d = aw[0]
        if on is not None and date.fromisoformat(parse_day(on, "date")) != d:
            raise ValueError(f"the after window starts {d}, not on the date {on}")
    else:
        d = date.fromisoformat(parse_day(on, "date"))
        until = date.fromisoformat(scope.until) if scope.until else today
        if until < d:
            raise ValueError(f"the date {d} is after {'the scope' if scope.until else 'today'} "
                             f"({until}): nothing after it to count")
        aw = (d, until)
    if bw is None:
        end = aw[0] - timedelta(days=1)
        if scope.since and on is not None and after is None:
            start = date.fromisoformat(scope.since)
        else:
            start = end - (aw[1] - aw[0])
        if start > end:
            raise ValueError(f"no days before {d} to compare with (the scope starts {start})")
        bw = (start, end)
    if bw[1] >= aw[0] and bw[0] <= aw[1]:
        raise ValueError(f"the windows overlap ({bw[0]}..{bw[1]} and {aw[0]}..{aw[1]})")
    if bw[0] > aw[0]:
        raise ValueError(f"the before window ({bw[0]}..{bw[1]}) comes after the after window "
                         f"({aw[0]}..{aw[1]})")
    filt = EventFilter(actor=(actor,) if actor else (), assoc=include_assoc, type=event_type,
                       sub=sub_event_type, country=country, admin1=admin1, location=location)
    first, _last = _bounds(conn, scope)
    periods, warnings = [], []
    for name, (start, end) in (("before", bw), ("after", aw)):
        f = filt.narrow(from_=start.isoformat(), to=end.isoformat())
        n, fat = _count(conn, scope, f)
        days = (end - start).days + 1
        warn = small_sample(days, n)
        if warn:
            warnings.append(f"{name}: {warn}")
        if first and start < first:
            warnings.append(f"{name}: starts {start}, before the first coded event ({first}); "
                            f"nothing was coded then, so its rate may be low")
        periods.append(Period(start.isoformat(), end.isoformat(), days, n, fat,
                              round(n / days * DAYS_PER_MONTH, 3), drill(scope.text, f), warn))
    before_p, after_p = periods
    ratio = (round(after_p.per_month / before_p.per_month, 3) if before_p.per_month else None)
    since, until = bw[0], aw[1]
    months = periods_between("month", since, until)
    where, params = scope.where()
    cond, p2 = filt.narrow(from_=since.isoformat(), to=until.isoformat()).sql("e")
    got = dict(conn.execute(
        f"SELECT substr(e.event_date, 1, 7), count(*) FROM events e WHERE {where} AND {cond} "
        f"GROUP BY 1", [*params, *p2]).fetchall())
    month_days, drills = [], []
    for m in months:
        a, b = period_bounds("month", m)
        a, b = max(date.fromisoformat(a), since), min(date.fromisoformat(b), until)
        month_days.append((b - a).days + 1)
        drills.append(drill(scope.text, filt.narrow(from_=a.isoformat(), to=b.isoformat())))
    note = (f"events per {DAYS_PER_MONTH}-day month: before {bw[0]}..{bw[1]} "
            f"({before_p.days} days), after {aw[0]}..{aw[1]} ({after_p.days} days)")
    return RateChange(d.isoformat(), filt, before_p, after_p, ratio, tuple(months),
                      tuple(got.get(m, 0) for m in months), tuple(month_days), tuple(drills),
                      note, tuple(warnings))


# -- 2. dyads ---------------------------------------------------------------------------------

def quarter_of(d: str) -> str:
    return f"{d[:4]}-Q{(int(d[5:7]) - 1) // 3 + 1}"


def quarters_between(first: date, last: date) -> list[str]:
    out, y, q = [], first.year, (first.month - 1) // 3 + 1
    while (y, q) <= (last.year, (last.month - 1) // 3 + 1):
        out.append(f"{y}-Q{q}")
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return out


def quarter_bounds(label: str) -> tuple[str, str]:
    y, q = int(label[:4]), int(label[-1])
    start = date(y, 3 * q - 2, 1)
    end = date(y + (q == 4), (3 * q) % 12 + 1, 1) - timedelta(days=1)
    return start.isoformat(), end.isoformat()


@dataclass(frozen=True)
class DyadPlace:
    country: str
    admin1: str
    events: int
    fatalities: int
    first: str
    last: str
    counts: tuple[int, ...]  # per quarter, as Dyad.quarters
    drill: DrillDown


@dataclass(frozen=True)
class Dyad:
    actors: tuple[str, str]
    filter: EventFilter
    quarters: tuple[str, ...]  # YYYY-Qn, zero-filled
    counts: tuple[int, ...]
    fatalities: tuple[int, ...]
    drills: tuple[DrillDown, ...]
    total: int
    per_quarter: float  # mean over the quarters shown
    places: tuple[DyadPlace, ...]  # by admin1, most events first
    drill: DrillDown
    note: str


def dyads(conn: sqlite3.Connection, a: str, b: str, *, scope: Scope | None = None,
          include_assoc: bool = False, event_type: str | None = None) -> Dyad:
    """How often ``a`` and ``b`` met on opposite sides, per quarter and per admin1."""
    scope = scope or Scope()
    filt = scope.filter(actor=a, vs=b, assoc=include_assoc or None, type=event_type)
    where, params = scope.where()
    cond, p2 = filt.sql("e")
    first, last = _bounds(conn, scope)  # quarters span the data, not only the dyad's events
    first = date.fromisoformat(scope.since) if scope.since else first
    last = date.fromisoformat(scope.until) if scope.until else last
    if first is None or last is None:
        quarters: list[str] = []
    else:
        quarters = quarters_between(first, last)
    qi = {q: i for i, q in enumerate(quarters)}
    counts, fats = [0] * len(quarters), [0] * len(quarters)
    qexpr = "substr(e.event_date, 1, 4) || '-Q' || ((cast(substr(e.event_date, 6, 2) AS INTEGER) + 2) / 3)"
    for q, n, f in conn.execute(
            f"SELECT {qexpr} AS q, count(*), coalesce(sum(e.fatalities), 0) FROM events e "
            f"WHERE {where} AND {cond} GROUP BY q", [*params, *p2]):
        if q in qi:
            counts[qi[q]], fats[qi[q]] = n, f
    per_place: dict[tuple[str, str], dict] = {}
    for country, admin1, q, n, f, d1, d2 in conn.execute(
            f"SELECT e.country, e.admin1, {qexpr} AS q, count(*), coalesce(sum(e.fatalities), 0), "
            f"min(e.event_date), max(e.event_date) FROM events e WHERE {where} AND {cond} "
            f"GROUP BY e.country, e.admin1, q", [*params, *p2]):
        p = per_place.setdefault((country, admin1), {"n": 0, "f": 0, "first": d1, "last": d2,
                                                     "counts": [0] * len(quarters)})
        p["n"] += n
        p["f"] += f
        p["first"], p["last"] = min(p["first"], d1), max(p["last"], d2)
        if q in qi:
            p["counts"][qi[q]] = n
    places = tuple(
        DyadPlace(c, r, p["n"], p["f"], p["first"], p["last"], tuple(p["counts"]),
                  drill(scope.text, filt.narrow(country=c, admin1=r)))
        for (c, r), p in sorted(per_place.items(), key=lambda kv: (-kv[1]["n"], kv[0])))
    drills = tuple(drill(scope.text, filt.narrow(from_=quarter_bounds(q)[0], to=quarter_bounds(q)[1]))
                   for q in quarters)
    total = sum(counts)
    note = ("events with one actor on each side (actor1/actor2, either order"
            + ("; associated actors count" if include_assoc else "; associated actors not counted")
            + ")" + (f", {event_type} only" if event_type else ", any event type")
            + "; calendar quarters, zero-filled (the first and last may be partial)")
    return Dyad((a, b), filt, tuple(quarters), tuple(counts), tuple(fats), drills, total,
                round(total / len(quarters), 2) if quarters else 0.0, places,
                drill(scope.text, filt), note)


# -- 3. co-location ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Pair:
    event_a: int  # the event of actor a
    event_b: int
    date_a: str
    date_b: str
    place: str  # "location, admin1, country" of event_a
    hours: int  # |day difference| × 24
    km: float | None  # distance when both have coordinates
    same_place: str  # 'place_id' | 'name' | 'distance'
    drill: DrillDown


@dataclass(frozen=True)
class Colocation:
    actors: tuple[str, str]
    hours: int
    km: float | None
    pairs: tuple[Pair, ...]  # newest first
    months: tuple[str, ...]  # YYYY-MM of the later event of each pair, zero-filled
    counts: tuple[int, ...]
    places: tuple[tuple[str, int], ...]  # place label, pairs there; most first
    drill: DrillDown  # every event in a pair
    note: str

    @property
    def total(self) -> int:
        return len(self.pairs)


def _haversine(lat1, lon1, lat2, lon2) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(h)))


def _events_of(conn, scope: Scope, actor: str, include_assoc: bool, actor1_only: bool) -> list:
    where, params = scope.where()
    if actor1_only:
        f = EventFilter(actor1=actor)
    else:
        f = EventFilter(actor=(actor,), assoc=include_assoc)
    cond, p2 = f.sql("e")
    return conn.execute(
        f"SELECT e.id, e.event_date, e.place_id, e.country, e.admin1, e.location, e.latitude, "
        f"e.longitude FROM events e WHERE {where} AND {cond}", [*params, *p2]).fetchall()


def colocated(conn: sqlite3.Connection, a: str, b: str, *, hours: int = 24,
              km: float | None = None, scope: Scope | None = None, include_assoc: bool = False,
              actor1_only: bool = False) -> Colocation:
    """Pairs of events of ``a`` and ``b`` at the same place within ``hours`` (module doc).

    Reads the two actors' events in the scope (id, date, place, coordinates), not all events."""
    if hours < 0:
        raise ValueError("hours must be >= 0")
    scope = scope or Scope()
    ev_a = _events_of(conn, scope, a, include_assoc, actor1_only)
    ev_b = _events_of(conn, scope, b, include_assoc, actor1_only)
    span = hours // 24
    by_day: dict[int, list] = {}
    for e in ev_b:
        by_day.setdefault(date.fromisoformat(e[1]).toordinal(), []).append(e)
    seen: set[frozenset] = set()
    pairs: list[Pair] = []
    for e in ev_a:
        day = date.fromisoformat(e[1]).toordinal()
        name_a = (fold(e[3] or ""), fold(e[4] or ""), fold(e[5] or ""))
        for dd in range(day - span, day + span + 1):
            for f in by_day.get(dd, ()):
                if f[0] == e[0]:
                    continue
                key = frozenset((e[0], f[0]))
                if key in seen:
                    continue
                dist = (_haversine(e[6], e[7], f[6], f[7])
                        if None not in (e[6], e[7], f[6], f[7]) else None)
                if e[2] and f[2]:
                    how = "place_id" if e[2] == f[2] else None
                else:
                    name_b = (fold(f[3] or ""), fold(f[4] or ""), fold(f[5] or ""))
                    how = "name" if name_a[2] and name_a == name_b else None
                if how is None and km is not None and dist is not None and dist <= km:
                    how = "distance"
                if how is None:
                    continue
                seen.add(key)
                label = ", ".join(x for x in (e[5], e[4], e[3]) if x)
                pairs.append(Pair(e[0], f[0], e[1], f[1], label, abs(dd - day) * 24,
                                  round(dist, 1) if dist is not None else None, how,
                                  drill(scope.text, EventFilter(id=(e[0], f[0])),
                                        event_ids=(e[0], f[0]))))
    pairs.sort(key=lambda p: (max(p.date_a, p.date_b), p.event_a, p.event_b), reverse=True)
    months: tuple[str, ...] = ()
    counts: tuple[int, ...] = ()
    if pairs:
        lo = min(min(p.date_a, p.date_b) for p in pairs)
        hi = max(max(p.date_a, p.date_b) for p in pairs)
        lo = scope.since or lo
        hi = scope.until or hi
        months = tuple(periods_between("month", date.fromisoformat(lo), date.fromisoformat(hi)))
        tally = dict.fromkeys(months, 0)
        for p in pairs:
            m = max(p.date_a, p.date_b)[:7]
            if m in tally:
                tally[m] += 1
        counts = tuple(tally[m] for m in months)
    per_place: dict[str, int] = {}
    for p in pairs:
        per_place[p.place] = per_place.get(p.place, 0) + 1
    ids = sorted({i for p in pairs for i in (p.event_a, p.event_b)})
    note = ("same place_id, else same country + admin1 + location (case and accents ignored)"
            + (f", or within {km:g} km" if km is not None else "")
            + f"; within {hours} h = |day difference| x 24 <= {hours} (event dates are days); "
            + ("as actor1 only" if actor1_only else "as actor1 or actor2")
            + ("; associated actors count" if include_assoc else ""))
    return Colocation((a, b), hours, km, tuple(pairs), months, counts,
                      tuple(sorted(per_place.items(), key=lambda kv: (-kv[1], kv[0]))),
                      drill(scope.text, EventFilter(id=tuple(ids)), event_ids=ids), note)


# -- names ------------------------------------------------------------------------------------

def actor_names(conn: sqlite3.Connection) -> list[str]:
    """Every actor name in live events (actor1, actor2), sorted."""
    rows = conn.execute("SELECT actor1 FROM events WHERE deleted = 0 AND actor1 != '' "
                        "UNION SELECT actor2 FROM events WHERE deleted = 0 AND actor2 != ''")
    return sorted(r[0] for r in rows)


def resolve_actor(conn: sqlite3.Connection, name: str, vocab=None) -> str:
    """The stored actor name meant by ``name``: itself, the canonical name of a vocabulary
    alias ('JNIM'), or the one stored name containing it (case and accents ignored).
    ValueError names the candidates when it is ambiguous or unknown."""
    names = actor_names(conn)
    if name in names:
        return name
    key = fold(name).strip()
    exact = [n for n in names if fold(n) == key]
    if len(exact) == 1:
        return exact[0]
    try:
        if vocab is None:
            from sahel_tui.vocab import load_vocab

            vocab = load_vocab()
        actor = vocab.actor(name)
    except Exception:  # a broken analyst vocabulary must not stop a tally
        actor = None
    if actor is not None and (actor.name in names or not names):
        return actor.name
    partial = [n for n in names if key in fold(n)]
    if len(partial) == 1:
        return partial[0]
    if partial:
        raise ValueError(f"actor {name!r} is ambiguous: " + "; ".join(partial[:8]))
    if actor is not None:
        return actor.name
    raise ValueError(f"no coded events with an actor like {name!r}")
