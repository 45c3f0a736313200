"""The three analyst questions against hand-computed answers (fixture: test_tallies.EVENTS)."""

from __future__ import annotations

from datetime import date

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


TODAY = date(2026, 10, 5)  # the fixture's last event


def test_rate_change(db):
    conn, _ = db
    r = questions.rate_change(conn, "2026-04-01", actor=J, today=TODAY)
    # default: two equal windows either side of the date, the second ending today
    assert (r.after.start, r.after.end, r.after.days) == ("2026-04-01", "2026-10-05", 188)
    assert (r.before.start, r.before.end, r.before.days) == ("2025-09-25", "2026-03-31", 188)
    assert (r.before.events, r.after.events) == (2, 7)  # e1 e2 | e4 e5 e6 e8 e9 e10 e12
    assert r.before.per_month == round(2 / 188 * 30.44, 3)
    assert r.after.per_month == round(7 / 188 * 30.44, 3)
    assert r.ratio == round(r.after.per_month / r.before.per_month, 3)
    # the before window starts before the data does (2026-01-10): said, and 2 events is small
    assert r.before.small and not r.after.small
    assert any("before the first coded event (2026-01-10)" in w for w in r.warnings)
    assert "small sample" in r.change
    assert r.months == (*(f"2025-{m:02d}" for m in range(9, 13)),
                        *(f"2026-{m:02d}" for m in range(1, 11)))
    assert r.counts == (0, 0, 0, 0, 2, 0, 0, 2, 3, 0, 1, 0, 0, 1)
    assert r.month_days[0] == 6 and r.month_days[4] == 31 and r.month_days[-1] == 5
    assert len(drill.events_of(conn, r.after.drill)) == 7
    assert r.after.drill.query == f'event:"actor={J}; from=2026-04-01; to=2026-10-05"'
    for d, n in zip(r.drills, r.counts, strict=True):
        assert len(drill.events_of(conn, d)) == n
    # the second window ends today, whatever the last event's date
    later = questions.rate_change(conn, "2026-04-01", actor=J, today=date(2026, 12, 7))
    assert (later.after.end, later.after.days, later.before.days) == ("2026-12-07", 251, 251)
    # a type and the scope's window
    b = questions.rate_change(conn, "2026-05-01", event_type="Battles", today=TODAY,
                              scope=Scope(since="2026-01-01", until="2026-08-31"))
    assert (b.before.events, b.after.events) == (3, 2)  # e1 e3 e4 | e6 e9
    assert (b.before.days, b.after.days) == (120, 123)
    assert "about" in b.change or "down" in b.change
    none = questions.rate_change(conn, "2026-04-01", actor=I, admin1="Mopti", today=TODAY)
    assert none.ratio is None and none.change.startswith("none in either period")
    with pytest.raises(ValueError, match="after today"):
        questions.rate_change(conn, "2027-01-01", actor=J, today=TODAY)


def test_rate_change_chosen_windows(db):
    conn, _ = db
    # both windows chosen: not adjacent, not equal
    r = questions.rate_change(conn, actor=J, before=("2026-01-01", "2026-03-31"),
                              after=("2026-05-01", "2026-10-31"), today=TODAY)
    assert (r.date, r.before.days, r.after.days) == ("2026-05-01", 90, 184)
    assert (r.before.events, r.after.events) == (2, 5)  # months from May: 3 + 1 + 1
    assert r.before.per_month == round(2 / 90 * 30.44, 3)
    assert len(drill.events_of(conn, r.before.drill)) == 2
    # the after window alone: the before window is as long, just before it
    a = questions.rate_change(conn, actor=J, after=("2026-04-01", "2026-04-30"), today=TODAY)
    assert (a.before.start, a.before.end) == ("2026-03-02", "2026-03-31")
    # a 4-day window is never a bare "15.2 a month"
    short = questions.rate_change(conn, actor=J, before=("2026-03-28", "2026-03-31"),
                                  after=("2026-04-01", "2026-04-04"), today=TODAY)
    assert short.before.days == 4 and short.before.small
    assert "4 days < 30" in short.before.warning and "small sample" in short.change
    assert any(w.startswith("after: small sample") for w in short.warnings)
    with pytest.raises(ValueError, match="overlap"):
        questions.rate_change(conn, before=("2026-03-01", "2026-04-10"),
                              after=("2026-04-01", "2026-04-30"), today=TODAY)
    with pytest.raises(ValueError, match="ends"):
        questions.rate_change(conn, after=("2026-04-30", "2026-04-01"), today=TODAY)


def test_small_sample_thresholds():
    assert questions.small_sample(30, 5) == ""
    assert "29 days < 30" in questions.small_sample(29, 50)
    assert "4 events < 5" in questions.small_sample(365, 4)
    assert "1 day < 30" in questions.small_sample(1, 1) and "1 event < 5" in questions.small_sample(1, 1)


@pytest.mark.parametrize("text, expected", [
    ("2026-09-01", ("2026-09-01", None, None)),
    ("2026-09-01..2026-11-30", (None, None, ("2026-09-01", "2026-11-30"))),
    ("2026-06-01..2026-08-31 vs 2026-09-01 .. 2026-11-30",
     (None, ("2026-06-01", "2026-08-31"), ("2026-09-01", "2026-11-30"))),
    ("2026-06-01..2026-08-31 | 2026-09-01..2026-11-30",
     (None, ("2026-06-01", "2026-08-31"), ("2026-09-01", "2026-11-30"))),
])
def test_parse_windows(text, expected):
    assert questions.parse_windows(text) == expected


@pytest.mark.parametrize("text, message", [
    ("", "a date is needed"), ("soon", "must be a date"), ("2026-09-01..", "FROM..TO"),
    ("2026-01-01..2026-01-31 vs 2026-02-01..2026-02-28 vs 2026-03-01..2026-03-31", "two windows"),
    ("2026-02-30..2026-03-01", "must be a date"),
])
def test_parse_windows_errors(text, message):
    with pytest.raises(ValueError, match=message):
        questions.parse_windows(text)


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
