"""Tallies against hand-computed answers on a small fixture; every number drills down to
exactly the events (and items) it counts; the pane stays exact after decisions."""

from __future__ import annotations

import pytest
from uidata import make_db

from sahel_tui.analysis import charts, drill, tallies, tally_pane
from sahel_tui.analysis.tallies import Scope
from sahel_tui.store import decisions, open_store
from sahel_tui.store.events import Event, add_events, remove_event
from sahel_tui.store.query import QueryError, parse

J = "JNIM: Group for Support of Islam and Muslims"
I = "Islamic State Sahel Province"  # noqa: E741
F = "Military Forces of Mali"
C = "Civilians (Mali)"
W = "Wagner Group / Africa Corps (Russia)"

# name: (item, date, type, sub-type, actor1, actor2, admin1, location, place_id, lat, lon, fatalities)
EVENTS = {
    "e1": (5, "2026-01-10", "Battles", "Armed clash", J, F, "Mopti", "Boni", "gn:boni", 15.05, -1.97, 5),
    "e2": (5, "2026-01-10", "Violence against civilians", "Attack", J, C, "Mopti", "Boni", "gn:boni",
           15.05, -1.97, 3),
    "e3": (1, "2026-02-15", "Battles", "Armed clash", I, F, "Ménaka", "Ménaka", "gn:menaka",
           15.92, 2.40, 12),
    "e4": (4, "2026-04-02", "Battles", "Armed clash", F, J, "Mopti", "Douentza", None, None, None, 2),
    "e5": (6, "2026-04-03", "Explosions/Remote violence", "Remote explosive/landmine/IED", J, F,
           "Mopti", "Douentza", None, None, None, 0),
    "e6": (3, "2026-05-20", "Battles", "Armed clash", I, J, "Gao", "Ansongo", None, 15.6597, 0.5022, 7),
    "e7": (9, "2026-05-21", "Violence against civilians", "Attack", I, C, "Gao", "ansongo", None,
           None, None, 4),
    "e8": (10, "2026-05-23", "Violence against civilians", "Attack", J, C, "Gao", "Ansongo", None,
           15.6597, 0.5022, 1),
    "e9": (7, "2026-07-01", "Battles", "Armed clash", J, F, "Ségou", "Niono", None, None, None, 0),
    "e10": (8, "2026-10-05", "Battles", "Armed clash", F, J, "Ségou", "Niono", None, None, None, 4),
    "e11": (2, "2026-10-06", "Strategic developments", "Looting/property destruction", J, C, "Ségou",
            "Niono", None, None, None, 0),  # removed: never counted
    "e12": (11, "2026-05-20", "Violence against civilians", "Attack", J, C, "Gao", "Ansongo-Nord",
            None, 15.67, 0.51, 2),
}


def build(tmp_path):
    """The fixture database: the UI test items, coded with EVENTS; item 1 is also carried by
    the Lake Chad Monitor; e11 is removed; item 12 dismissed. Returns (conn, {name: id})."""
    make_db(tmp_path / "t.db")
    conn = open_store(tmp_path / "t.db")
    conn.execute("INSERT INTO item_feeds (item_id, feed_id, link, first_seen) "
                 "VALUES (1, 3, 'https://example.org/copy/1', '2026-10-01T07:00:00Z')")
    ids = {}
    for name, (item, d, et, sub, a1, a2, adm, loc, pid, lat, lon, fat) in EVENTS.items():
        ev = Event(event_date=d, event_type=et, sub_event_type=sub, actor1=a1, actor2=a2,
                   country="Mali", admin1=adm, location=loc, place_id=pid, latitude=lat,
                   longitude=lon, fatalities=fat,
                   assoc_actor_2=[W] if name == "e3" else [])
        (ids[name],) = add_events(conn, item, [ev], "ana")
    remove_event(conn, ids["e11"], "ana")
    decisions.set_status(conn, [12], "dismissed", "ana")
    return conn, ids


@pytest.fixture
def db(tmp_path):
    conn, ids = build(tmp_path)
    yield conn, ids
    conn.close()


def rows(t):
    return {r.key: (r.events, r.fatalities) for r in t.rows}


def check_drills(conn, t):
    """Every row's drill-down lists exactly the events it counts."""
    for r in t.rows:
        assert len(drill.events_of(conn, r.drill)) == r.events, (t.name, r.key, r.drill.query)


def test_totals_and_by_actor(db):
    conn, _ = db
    s = Scope()
    total = tallies.totals(conn, s)
    assert (total.events, total.fatalities) == (11, 40)
    assert total.drill.query == "event:any"  # the coded items: item 2's event was removed
    assert len(drill.events_of(conn, total.drill)) == 11
    assert set(drill.items_of(conn, total.drill)) == set(range(1, 12)) - {2}
    t = tallies.by_actor(conn, s)
    assert rows(t) == {(J,): (9, 24), (F,): (6, 23), (C,): (4, 10), (I,): (3, 23)}
    assert [r.key[0] for r in t.rows] == [J, F, C, I]  # most events first
    j = t.rows[0]
    assert j.detail == {"as_actor1": 6, "as_actor2": 3}
    check_drills(conn, t)
    # the drill-down is a query of the app's language: the items behind JNIM's 9 events
    assert j.drill.query == f'event:"actor={J}"'
    assert set(drill.items_of(conn, j.drill)) == {3, 4, 5, 6, 7, 8, 10, 11}
    assoc = rows(tallies.by_actor(conn, s, include_assoc=True))
    assert assoc[(W,)] == (1, 12) and assoc[(J,)] == (9, 24)


def test_by_type_place_source(db):
    conn, _ = db
    s = Scope()
    types = tallies.by_type(conn, s)
    assert rows(types) == {("Battles",): (6, 30), ("Violence against civilians",): (4, 10),
                           ("Explosions/Remote violence",): (1, 0)}
    subs = tallies.by_sub_type(conn, s)
    assert rows(subs)[("Explosions/Remote violence", "Remote explosive/landmine/IED")] == (1, 0)
    admin1 = tallies.by_admin1(conn, s)
    assert rows(admin1) == {("Mali", "Mopti"): (4, 10), ("Mali", "Gao"): (4, 14),
                            ("Mali", "Ménaka"): (1, 12), ("Mali", "Ségou"): (2, 4)}
    assert rows(tallies.by_country(conn, s)) == {("Mali",): (11, 40)}
    src = tallies.by_source(conn, s)
    # an event counts once per outlet carrying one of its items (e3: Wire and Lake Chad)
    assert rows(src) == {("Le Quotidien de Bamako",): (5, 12), ("Lake Chad Monitor",): (4, 19),
                         ("Sahel Wire",): (3, 21)}
    for t in (types, subs, admin1, src):
        check_drills(conn, t)


def test_active_query_and_event_dates(db):
    conn, _ = db
    q = Scope(parse("feed:Quotidien"))  # items 5-8: e1, e2, e5, e9, e10
    assert (tallies.totals(conn, q).events, tallies.totals(conn, q).fatalities) == (5, 12)
    assert rows(tallies.by_source(conn, q)) == {("Le Quotidien de Bamako",): (5, 12)}
    a = tallies.by_actor(conn, q)
    assert rows(a)[(J,)] == (5, 12)
    assert a.rows[0].drill.query == f'feed:Quotidien event:"actor={J}"'
    check_drills(conn, a)
    # event dates, not publication dates
    s = Scope(since="2026-04-01", until="2026-05-31")
    assert tallies.totals(conn, s).events == 6  # e4 e5 e6 e7 e8 e12
    t = tallies.by_actor(conn, s)
    assert rows(t)[(J,)] == (5, 12)
    assert t.rows[0].drill.query == f'event:"actor={J}; from=2026-04-01; to=2026-05-31"'
    check_drills(conn, t)
    # the same through the materialized scope the screen uses
    with tallies.materialized(conn, q) as m:
        assert rows(tallies.by_actor(conn, m)) == rows(a)
        assert rows(tallies.by_source(conn, m)) == {("Le Quotidien de Bamako",): (5, 12)}


def test_timelines(db):
    conn, _ = db
    months = tallies.timeline(conn, Scope(since="2026-01-01", until="2026-10-31"), "month", top=2)
    assert months.periods[0] == "2026-01" and months.periods[-1] == "2026-10"
    assert months.total.counts == (2, 1, 0, 2, 4, 0, 1, 0, 0, 1)
    assert [s.label for s in months.series] == [J, F]
    assert months.series[0].counts == (2, 0, 0, 2, 3, 0, 1, 0, 0, 1)
    assert months.series[1].counts == (1, 1, 0, 2, 0, 0, 1, 0, 0, 1)
    for d, n in zip(months.total.drills, months.total.counts, strict=True):
        assert len(drill.events_of(conn, d)) == n
    weeks = tallies.timeline(conn, Scope(since="2026-05-18", until="2026-05-31"), "week", top=1)
    assert weeks.periods == ("2026-05-18", "2026-05-25")  # Mondays
    assert weeks.total.counts == (4, 0)
    assert weeks.series[0].label == J and weeks.series[0].counts == (3, 0)
    assert tallies.week_label("2026-05-24") == "2026-05-18"
    # without since/until: the last N periods up to the last event
    last = tallies.timeline(conn, Scope(), "week", periods=4)
    assert last.periods[-1] == "2026-10-05" and len(last.periods) == 4


def test_triage_today(db):
    conn, _ = db
    t = tallies.triage_today(conn)
    assert t.counts == {"coded": 10, "dismissed": 1, "flagged": 0} and t.total == 11
    assert t.drills["dismissed"].query == "status:dismissed triaged:today"
    assert drill.items_of(conn, t.drills["dismissed"]) == [12]
    assert tallies.triage_today(conn, parse("feed:Quotidien")).counts["coded"] == 4
    assert tallies.triage_today(conn, day="2020-01-01").total == 0


def test_screen_and_pane_agree(db):
    conn, _ = db
    screen = tallies.screen(conn, Scope(parse("feed:wire")))  # items 1-4: e3 e4 e6
    assert screen.total.events == 3 and rows(screen.types)[("Battles",)] == (3, 21)
    screen = tallies.screen(conn, Scope())
    assert rows(screen.countries) == {("Mali",): (11, 40)}
    assert screen.weeks.series and screen.months.periods[-1] == "2026-10"
    pane = tally_pane.pane(conn, Scope())
    assert pane.total.events == 11 and [r.key[0] for r in pane.actors.rows][:2] == [J, F]
    assert pane.triage.counts["coded"] == 10
    assert len(pane.actor_series) == 4 and len(pane.periods) == 12


def test_pane_refresh_is_exact(db):
    conn, _ids = db
    for q in ("", "status:coded", "feed:Quotidien", "jnim", "status:flagged OR feed:Quotidien",
              'event:"type=Battles"', f'event:"type=Violence against civilians" event:"actor={I}"'):
        state = tally_pane.PaneState(conn, Scope(parse(q) if q else None))
        (new,) = add_events(conn, 7, [Event(event_date="2026-10-04", event_type="Battles",
                                            sub_event_type="Armed clash", actor1=I, actor2=F,
                                            country="Mali", admin1="Ségou", location="Niono",
                                            fatalities=6)], "ana")
        got = state.refresh([7])
        fresh = tally_pane.PaneState(conn, state.scope)
        assert got.total == fresh.pane.total and got.actors.rows == fresh.pane.actors.rows, q
        assert got.actor_series == fresh.pane.actor_series, q
        fresh.close()
        remove_event(conn, new, "ana")  # undo-like: the event leaves
        decisions.set_status(conn, [4], "flagged", "ana")
        got = state.refresh([7, 4])
        fresh = tally_pane.PaneState(conn, state.scope)
        assert got.total == fresh.pane.total and got.triage.counts == fresh.pane.triage.counts, q
        fresh.close()
        decisions.undo(conn, "ana")  # the flag
        state.close()
    assert tally_pane.split_query(parse("jnim tag:mali status:new")) != (None, None)
    static, dynamic = tally_pane.split_query(parse('jnim status:new event:"type=Battles"'))
    assert static.text == "jnim" and dynamic.text == 'status:new event:"type=Battles"'
    static, dynamic = tally_pane.split_query(parse("jnim OR status:new tag:mali"))
    assert static.text == "tag:mali" and dynamic.text == "jnim OR status:new"


def test_a_drilled_number_is_the_number_again(db):
    """Drill on "N events": the tallies of the query landed on count those N events, not
    every event of the items listed (item 5 carries a battle e1 and an attack e2)."""
    conn, ids = db
    types = tallies.by_type(conn, Scope())
    battles = next(r for r in types.rows if r.key == ("Battles",))
    assert battles.events == 6  # e1 e3 e4 e6 e9 e10
    landed = Scope(parse(battles.drill.query))
    # the items listed carry 8 live events in all (e2 on item 5, e12 on item 11 ...)
    items = drill.items_of(conn, battles.drill)
    carried = {r[0] for r in conn.execute(
        f"SELECT ei.event_id FROM event_items ei JOIN events e ON e.id = ei.event_id "
        f"WHERE e.deleted = 0 AND ei.item_id IN ({','.join('?' * len(items))})", items)}
    assert ids["e2"] in carried and len(carried) > battles.events
    total = tallies.totals(conn, landed)
    assert (total.events, total.fatalities) == (battles.events, battles.fatalities)
    assert rows(tallies.by_type(conn, landed)) == {("Battles",): (battles.events, battles.fatalities)}
    assert tally_pane.pane(conn, landed).total.events == battles.events
    with tallies.materialized(conn, landed) as m:
        assert tallies.totals(conn, m).events == battles.events
        for t in (tallies.by_actor(conn, m), tallies.by_admin1(conn, m), tallies.by_source(conn, m)):
            check_drills(conn, t)
    # a second drill from the landed tallies keeps both conditions on the same event
    actors = tallies.by_actor(conn, landed)
    jnim = next(r for r in actors.rows if r.key == (J,))
    assert jnim.events == 5  # battles with JNIM: e1 e4 e6 e9 e10
    again = Scope(parse(jnim.drill.query))
    assert tallies.totals(conn, again).events == 5 == len(drill.events_of(conn, jnim.drill))
    # an event: term inside an OR, or negated, does not restrict the events counted
    assert Scope(parse('event:"type=Battles" OR jnim')).events is None
    assert Scope(parse('-event:"type=Battles"')).events is None
    # conflicting conditions on one event match none
    both = Scope(parse('event:"type=Battles" event:"type=Riots"'))
    assert tallies.totals(conn, both).events == 0


def test_event_field_and_errors(db):
    conn, ids = db
    q = parse(f'event:"actor={J}; vs={F}; from=2026-04-01"')
    got = {r[0] for r in conn.execute(f"SELECT items.id FROM items WHERE {q.where}", q.params)}
    assert got == {4, 6, 7, 8}  # e4 e5 e9 e10
    q = parse(f'event:"id={ids["e6"]},{ids["e7"]}"')
    assert {r[0] for r in conn.execute(f"SELECT items.id FROM items WHERE {q.where}", q.params)} == {3, 9}
    q = parse("triaged:today status:dismissed")
    assert [r[0] for r in conn.execute(f"SELECT items.id FROM items WHERE {q.where}", q.params)] == [12]
    with pytest.raises(QueryError) as err:
        parse('jnim event:"actor=X; colour=red"')
    assert err.value.position == len('jnim event:"actor=X; ')
    with pytest.raises(QueryError):
        parse('event:"from=October"')
    with pytest.raises(QueryError):
        parse('event:"vs=X"')
    # a name with ';' and '"' survives the round trip
    f = drill.EventFilter(actor=('Odd; "name"',))
    assert drill.parse_filter(parse(f.term()).terms[0].value) == f


def test_charts():
    assert charts.sparkline([0, 1, 2, 4]) == " ▃▅█"  # blank for zero, scaled to the top
    assert charts.sparkline([]) == ""
    assert charts.bar(5, 10, 4) == "██  "
    assert charts.bar(0, 10, 3) == "   " and charts.bar(1, 1000, 3).strip() == "▏"
    assert [len(b) for b in charts.bars([3, 1, 0], 6)] == [6, 6, 6]


def test_one_event_is_singular():
    from sahel_tui.ui.tallies import _events

    assert (_events(1), _events(0), _events(1200)) == ("1 event", "0 events", "1 200 events")
