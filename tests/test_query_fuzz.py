"""Any text typed in the query bar gives results or a QueryError with a position inside the
text, never another exception: each query is run the way the screens run it (the list's
windows, the counts, the sidebar's new-item count and the tallies pane)."""

from __future__ import annotations

import pytest
from helpers_ui import workers_done
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_tallies import build

from sahel_tui.analysis import tallies
from sahel_tui.store import views
from sahel_tui.store.query import QueryError, parse


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    c, _ids = build(tmp_path_factory.mktemp("fuzz"))
    return c


def run_as_screens_do(conn, text: str) -> None:
    try:
        q = parse(text)
    except QueryError as exc:
        assert 0 <= exc.position <= len(text) and exc.message
        return
    rows = views.page(conn, q.for_listing(conn), limit=20)
    views.last_page(conn, q, limit=20)
    if rows:
        views.page(conn, q, after=rows[0].key, limit=5)
        views.row_at(conn, q, rows[0].id)
    views.status_counts(conn, q)
    views.count_new(conn, q)
    tallies.screen(conn, tallies.Scope(q))


_numbers = st.one_of(st.integers(0, 10**30).map(str), st.sampled_from(
    ["0", "00", "9" * 25, "9" * 5000, "-1", "1e9", "٣"]))
_dates = st.one_of(
    st.builds(lambda n, u: f"{n}{u}", _numbers, st.sampled_from("hdwmyHDx")),
    st.builds(lambda y, m, d: f"{y}-{m}-{d}", st.integers(0, 10**5), st.integers(0, 99),
              st.integers(0, 99)),
    st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(0, 10**5), st.integers(0, 99)),
    st.integers(0, 10**5).map(str),
    st.sampled_from(["today", "yesterday", "9999-12", "9999-12-31", "0001-01-01", "9999"]),
)
_words = st.one_of(st.text(max_size=12), st.sampled_from(
    ["jnim", "ménaka", "attaqu*", "*", "**", '"', '""', "\\", "\x00", "\ud800", "OR", "-", "NEAR",
     "AND", "NOT", "(", ")", "^", "'", "%", "_", "\u202e", "\u200b", "\u009d"]))
_event_parts = st.lists(st.one_of(
    st.builds(lambda k, v: f"{k}={v}", st.sampled_from(
        ["actor", "vs", "type", "sub", "place", "from", "to", "feed", "id", "assoc", "colour"]),
        st.one_of(_words, _dates, _numbers)),
    _words), max_size=4).map("; ".join)
_terms = st.one_of(
    _words,
    st.builds(lambda f, v: f"{f}:{v}", st.sampled_from(["since", "until", "triaged"]), _dates),
    st.builds(lambda f, v: f"{f}:{v}", st.sampled_from(
        ["feed", "tag", "status", "actor", "place", "type", "foo", "SINCE"]), _words),
    st.builds(lambda v: f'event:"{v}"', _event_parts),
    st.builds(lambda w: f'"{w}"', _words),
)
_queries = st.one_of(
    st.lists(st.builds(lambda neg, t: neg + t, st.sampled_from(["", "", "-"]), _terms),
             max_size=5).map(" ".join),
    st.lists(_terms, min_size=1, max_size=4).map(" OR ".join),
    st.text(max_size=40),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_queries)
def test_any_query_runs_or_says_where_it_is_wrong(conn, text):
    run_as_screens_do(conn, text)


@pytest.mark.parametrize("text", [
    "since:1000000d", "until:10000y", "since:99999999999999999999999h", "since:" + "9" * 5000 + "d",
    "a\x00b", '"\x00"', "since:9999-12", "since:9999-12-31", "until:9999", 'event:"id=99999999999999999999"',
])
def test_reported_query_crashes_are_answers_or_messages(conn, text):
    run_as_screens_do(conn, text)


def test_overflowing_periods_reach_the_start_of_the_calendar(conn):
    everything = views.status_counts(conn, parse(""))
    assert views.status_counts(conn, parse("since:1000000d")) == everything
    assert views.status_counts(conn, parse("since:99999999999999999999999h")) == everything
    assert sum(views.status_counts(conn, parse("until:10000y")).values()) == 0
    assert parse("since:9999-12").params == ["9999-12-01T00:00:00Z"]
    assert parse("until:9999-12").params == ["9999-12-31T24:00:00Z"]  # sorts after any 9999 date


def test_nul_in_a_query_is_named_at_its_column():
    with pytest.raises(QueryError) as err:
        parse("jnim\x00gao")
    assert err.value.position == 4 and "U+0000" in err.value.message


async def test_typing_an_overflowing_period_keeps_the_app(tmp_path):
    from uidata import make_db

    from sahel_tui.ui.app import SahelApp
    from sahel_tui.ui.item_list import ItemList

    app = SahelApp(make_db(tmp_path / "ui.db"), coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await workers_done(app)
        await pilot.press("slash", *"since:1000000d", "enter")  # the bar checks every keystroke
        await workers_done(app)
        await pilot.pause()
        assert app.is_running and len(app.screen.query_one(ItemList).rows) == 12
        await pilot.press("f", "ctrl+u", *"jnim\x00", "enter")
        await pilot.pause()
        assert app.is_running
