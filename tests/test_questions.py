"""The three analyst questions against hand-computed answers (fixture: test_tallies.EVENTS)."""

from __future__ import annotations

import pytest
from test_tallies import C, F, I, J, W, build

from sahel_tui.analysis import drill, questions
from sahel_tui.analysis.tallies import Scope
from sahel_tui.store.query import parse


@pytest.fixture
def db(tmp_path):
    conn, ids = build(tmp_path)
    yield conn, ids
    conn.close()


def test_rate_change(db):
    conn, _ = db
    r = questions.rate_change(conn, "2026-04-01", actor=J)
    # the data runs 2026-01-10 .. 2026-10-05: after = 04-01..10-05 (188 days); before would
    # be as long but the data starts 01-10, so 01-10..03-31 (81 days)
    assert (r.before.start, r.before.end, r.before.days) == ("2026-01-10", "2026-03-31", 81)
    assert (r.after.start, r.after.end, r.after.days) == ("2026-04-01", "2026-10-05", 188)
    assert (r.before.events, r.after.events) == (2, 7)  # e1 e2 | e4 e5 e6 e8 e9 e10 e12
    assert r.before.per_month == round(2 / 81 * 30.44, 3)
    assert r.after.per_month == round(7 / 188 * 30.44, 3)
    assert r.ratio == round(r.after.per_month / r.before.per_month, 3)
    assert r.months == tuple(f"2026-{m:02d}" for m in range(1, 11))
    assert r.counts == (2, 0, 0, 2, 3, 0, 1, 0, 0, 1)
    assert r.month_days[0] == 22 and r.month_days[1] == 28 and r.month_days[-1] == 5
    assert len(drill.events_of(conn, r.after.drill)) == 7
    assert r.after.drill.query == f'event:"actor={J}; from=2026-04-01; to=2026-10-05"'
    for d, n in zip(r.drills, r.counts, strict=True):
        assert len(drill.events_of(conn, d)) == n
    # a type and an explicit window
    b = questions.rate_change(conn, "2026-05-01", event_type="Battles",
                              scope=Scope(since="2026-01-01", until="2026-08-31"))
    assert (b.before.events, b.after.events) == (3, 2)  # e1 e3 e4 | e6 e9
    assert (b.before.days, b.after.days) == (120, 123)
    assert "about" in b.change or "down" in b.change
    none = questions.rate_change(conn, "2026-04-01", actor=I, admin1="Mopti")
    assert none.ratio is None and none.change == "none in either period"
    with pytest.raises(ValueError):
        questions.rate_change(conn, "2027-01-01", actor=J)


def test_dyads(db):
    conn, _ = db
    d = questions.dyads(conn, J, F)
    assert d.quarters == ("2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4")
    assert d.counts == (1, 2, 1, 1) and d.total == 5 and d.per_quarter == 1.25
    assert d.fatalities == (5, 2, 0, 4)
    places = {(p.admin1): (p.events, p.fatalities, p.last, p.counts) for p in d.places}
    assert places == {"Mopti": (3, 7, "2026-04-03", (1, 2, 0, 0)),
                      "Ségou": (2, 4, "2026-10-05", (0, 0, 1, 1))}
    assert len(drill.events_of(conn, d.drill)) == 5
    assert d.drill.query == f'event:"actor={J}; vs={F}"'
    # a quarter with none: still there, zero
    assert questions.dyads(conn, J, I).counts == (0, 1, 0, 0)  # e6 only
    # associated actors: Wagner is with the army in e3
    assert questions.dyads(conn, I, W).total == 0
    assert questions.dyads(conn, I, W, include_assoc=True).total == 1
    # by type, and following a query
    assert questions.dyads(conn, J, F, event_type="Battles").total == 4
    q = questions.dyads(conn, J, F, scope=Scope(parse("feed:Quotidien")))
    assert q.total == 4 and q.drill.query.startswith("feed:Quotidien event:")  # e1 e5 e9 e10


def test_colocated(db):
    conn, ids = db
    c = questions.colocated(conn, J, I, hours=24)
    # e6 (I vs J, Ansongo, 05-20) and e7 (I, 'ansongo', 05-21): one day apart, same place
    # by name (no place_id); e6 with itself does not count
    assert [(p.event_a, p.event_b) for p in c.pairs] == [(ids["e6"], ids["e7"])]
    assert c.pairs[0].hours == 24 and c.pairs[0].same_place == "name"
    assert c.pairs[0].drill.event_ids == (ids["e6"], ids["e7"])
    assert set(drill.items_of(conn, c.pairs[0].drill)) == {3, 9}
    assert c.months == ("2026-05",) and c.counts == (1,)
    # 72 hours: e8 (05-23) with e6 and e7 as well
    wide = questions.colocated(conn, J, I, hours=72)
    assert {frozenset((p.event_a, p.event_b)) for p in wide.pairs} == {
        frozenset((ids["e6"], ids["e7"])), frozenset((ids["e8"], ids["e6"])),
        frozenset((ids["e8"], ids["e7"]))}
    # same day only, but within 5 km: e12 ('Ansongo-Nord', 1.3 km away) with e6
    near = questions.colocated(conn, J, I, hours=0, km=5)
    assert [(p.event_a, p.event_b, p.same_place) for p in near.pairs] == [
        (ids["e12"], ids["e6"], "distance")]
    assert 0 < near.pairs[0].km < 5
    assert questions.colocated(conn, J, I, hours=0).total == 0
    # "X attacked": as actor1 only (e6 has JNIM as actor2, so it is only ISSP's event)
    only1 = questions.colocated(conn, J, I, hours=72, actor1_only=True)
    assert {frozenset((p.event_a, p.event_b)) for p in only1.pairs} == {
        frozenset((ids["e8"], ids["e6"])), frozenset((ids["e8"], ids["e7"]))}
    # the same place_id: e2 (JNIM, gn:boni) with e1 (the army's, gn:boni), the same day;
    # e4/e5 (Douentza, no place_id) meet by name a day apart
    pairs = {(p.event_a, p.event_b): p.same_place for p in questions.colocated(conn, J, F).pairs}
    assert pairs[(ids["e2"], ids["e1"])] == "place_id"
    assert pairs[(ids["e4"], ids["e5"])] == "name" or pairs[(ids["e5"], ids["e4"])] == "name"
    with pytest.raises(ValueError):
        questions.colocated(conn, J, I, hours=-1)


def test_resolve_actor(db):
    conn, _ = db
    assert questions.resolve_actor(conn, J) == J
    assert questions.resolve_actor(conn, "jnim") == J  # a vocabulary alias
    assert questions.resolve_actor(conn, "civilians") == C
    assert questions.resolve_actor(conn, "islamic state sahel") == I
    with pytest.raises(ValueError, match="ambiguous"):
        questions.resolve_actor(conn, "i")
    with pytest.raises(ValueError):
        questions.resolve_actor(conn, "Nobody at all")
