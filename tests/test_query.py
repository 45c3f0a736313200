"""The query language: what each term selects, and errors with their position."""

from __future__ import annotations

from datetime import date

import pytest
from uidata import make_db

from sahel_tui.store import open_store, views
from sahel_tui.store.decisions import set_status
from sahel_tui.store.query import QueryError, parse


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "q.db"
    make_db(path)
    c = open_store(path)
    ids = [r.id for r in views.page(c, parse(""))]
    set_status(c, [ids[0]], "dismissed", "t")
    set_status(c, [ids[1]], "flagged", "t")
    return c


def titles(conn, q: str) -> set[str]:
    return {r.title for r in views.page(conn, parse(q, today=date(2026, 10, 31)), limit=500)}


def test_free_words_ignore_case_and_accents(conn):
    assert titles(conn, "MENAKA") == titles(conn, "ménaka") == {
        "Gunmen kill 12 soldiers near Ménaka in ambush claimed by EIGS"}
    assert len(titles(conn, "jnim")) == 2
    assert titles(conn, '"drone strike"') == {"Drone strike kills JNIM commander near Gao"}
    assert titles(conn, "attaqu*") == {"Des jihadistes du JNIM attaquent un poste des FAMa à Boni",
                                       "Attaque contre des civils à Djibo: au moins 15 morts"}


def test_fields(conn):
    assert {r for r in titles(conn, "feed:quotidien")} == titles(conn, 'feed:"Le Quotidien"')
    assert len(titles(conn, "feed:quotidien")) == 4
    assert len(titles(conn, "tag:mali")) == 8 and len(titles(conn, "tag:MALI")) == 8
    assert len(titles(conn, "status:new")) == 10
    assert len(titles(conn, "status:flagged")) == 1
    assert len(titles(conn, "status:untriaged")) == 10
    assert len(titles(conn, "since:2026-10-10")) == 3
    assert len(titles(conn, "until:2026-10-02")) == 2  # the day given is included
    assert len(titles(conn, "since:2026-10-05 until:2026-10-06")) == 2
    assert len(titles(conn, "since:2026-10")) == 12
    assert titles(conn, "since:2027") == set()


def test_negation_and_or(conn):
    assert len(titles(conn, "-status:dismissed")) == 11
    assert titles(conn, "jnim -gao") == {"Des jihadistes du JNIM attaquent un poste des FAMa à Boni"}
    assert len(titles(conn, "tag:nigeria OR tag:national")) == 8
    assert len(titles(conn, "gao OR boni OR ménaka")) == 3
    assert len(titles(conn, "jnim tag:wire OR tag:national")) == 2  # jnim AND (wire OR national)


def test_like_wildcards_are_literal(conn):
    assert titles(conn, "feed:%") == set()
    assert titles(conn, "feed:_") == set()


@pytest.mark.parametrize(("query", "position", "message"), [
    ("status:bogus", 7, "status must be one of"),
    ("tag:mali since:last-week", 15, "wants a date"),
    ('jnim "unclosed', 5, "unclosed quote"),
    ("foo:bar", 0, "unknown field 'foo:'"),
    ("tag:", 0, "needs a value"),
    ("jnim -", 5, "'-' needs"),
    ("OR jnim", 0, "OR needs a term"),
    ("jnim OR", 5, "OR needs a term"),
    ("until:2026-13-45", 6, "wants a date"),
])
def test_errors_say_where(query, position, message):
    with pytest.raises(QueryError) as err:
        parse(query)
    assert err.value.position == position
    assert message in err.value.message


def test_event_fields_need_events_until_they_exist(conn):
    assert titles(conn, "actor:jnim") == set()  # registered by the coding layer: no events yet
