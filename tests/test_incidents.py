"""One incident is one event with all its reports: link, attach, detach, undo of each,
credibility following the reports, one export row per incident."""

from __future__ import annotations

import csv
import io

import pytest
from uidata import make_db

from sahel_tui.analysis import incidents, story_outlets
from sahel_tui.store import decisions, open_store, views
from sahel_tui.store.events import Event, add_events, events_for_item, update_event
from sahel_tui.store.query import parse


@pytest.fixture
def conn(tmp_path):
    make_db(tmp_path / "i.db")
    c = open_store(tmp_path / "i.db")
    yield c
    c.close()


def _item(conn, title_start: str) -> int:
    return conn.execute("SELECT id FROM items WHERE title LIKE ?", (title_start + "%",)).fetchone()[0]


def _protest(**kw) -> Event:
    base = dict(event_date="2026-10-13", event_type="Protests", sub_event_type="Peaceful protest",
                actor1="Protesters (Nigeria)", inter1="Protesters", country="Nigeria",
                admin1="Zamfara", location="Gusau", reliability="D", credibility=3,
                confidence="moderate")
    base.update(kw)
    return Event(**base)


def status(conn, item_id: int) -> str:
    return conn.execute("SELECT status FROM items WHERE id = ?", (item_id,)).fetchone()[0]


def cred(conn, event_id: int) -> int:
    return conn.execute("SELECT credibility FROM events WHERE id = ?", (event_id,)).fetchone()[0]


def summary(conn, item_id: int) -> str:
    return views.row_at(conn, parse(""), item_id).coding


def export_rows(conn) -> list[dict]:
    from sahel_tui.exchange.export import export

    out = io.StringIO()
    export(conn, None, "csv", out, coder="ana")
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_linking_to_a_coded_report_attaches_the_other_and_follows_credibility(conn):
    a = _item(conn, "Nigerian troops rescue")  # Lake Chad Monitor
    b = _item(conn, "Gunmen kill 12")  # Sahel Wire: another outlet
    (eid,) = add_events(conn, a, [_protest()], "ana")
    assert cred(conn, eid) == 3 and status(conn, b) == "new"
    linked = incidents.link_reports(conn, [a, b], "ana")
    assert linked.host == a and linked.event_ids == (eid,) and linked.attached == (b,)
    assert status(conn, b) == "coded"
    assert [e.id for e in events_for_item(conn, b)] == [eid]
    assert summary(conn, b) == f"linked to NGA{eid}"
    assert summary(conn, a).startswith("Peaceful protest · Gusau")
    assert cred(conn, eid) == 1  # two independent outlets now: confirmed
    rows = export_rows(conn)
    assert len(rows) == 1  # one incident, one row
    assert rows[0]["x_outlets"] == "2"
    assert rows[0]["source"] == "Lake Chad Monitor; Sahel Wire"
    assert rows[0]["x_admiralty"] == "D1"
    assert len(rows[0]["x_item_links"].split("; ")) == 2
    # one undo takes it all back
    decisions.undo(conn, "ana")
    assert status(conn, b) == "new" and cred(conn, eid) == 3
    assert events_for_item(conn, b) == [] and story_outlets.story_outlets(conn, a).story_id is None
    assert len(export_rows(conn)) == 1 and export_rows(conn)[0]["x_outlets"] == "1"
    decisions.redo(conn, "ana")
    assert status(conn, b) == "coded" and cred(conn, eid) == 1


def test_a_grade_set_by_hand_is_kept(conn):
    a = _item(conn, "Nigerian troops rescue")
    b = _item(conn, "Gunmen kill 12")
    (eid,) = add_events(conn, a, [_protest(credibility=4)], "ana")  # not the suggestion (3)
    incidents.link_reports(conn, [a, b], "ana")
    assert cred(conn, eid) == 4
    assert incidents.suggested_credibility(conn, eid) == 1  # what the panel shows beside it


def test_two_coded_reports_linked_keep_their_events_and_both_follow(conn):
    a = _item(conn, "Nigerian troops rescue")
    b = _item(conn, "Gunmen kill 12")
    (ea,) = add_events(conn, a, [_protest()], "ana")
    (eb,) = add_events(conn, b, [_protest()], "ana")
    incidents.link_reports(conn, [a, b], "ana")
    assert cred(conn, ea) == 1 and cred(conn, eb) == 1
    assert [e.id for e in events_for_item(conn, b)] == [eb]


def test_coding_one_report_of_a_linked_incident_attaches_the_rest(conn):
    a = _item(conn, "Nigerian troops rescue")
    b = _item(conn, "Gunmen kill 12")
    c = _item(conn, "Des jihadistes du JNIM")
    incidents.link_reports(conn, [a, b, c], "ana")
    decisions.set_status(conn, [c], "dismissed", "ana")
    assert status(conn, a) == "new" and status(conn, b) == "new"
    (eid,) = add_events(conn, b, [_protest(credibility=1)], "ana",
                        also=lambda ids: incidents.attach_members(conn, b, ids))
    assert status(conn, a) == "coded" and summary(conn, a) == f"linked to NGA{eid}"
    assert status(conn, c) == "dismissed"  # a report dismissed as irrelevant stays out
    assert len(export_rows(conn)) == 1
    decisions.undo(conn, "ana")  # the coding and the attachment, in one
    assert status(conn, a) == "new" and status(conn, b) == "new"
    assert export_rows(conn) == []


def test_attach_and_detach_by_hand(conn):
    a = _item(conn, "Nigerian troops rescue")
    b = _item(conn, "Gunmen kill 12")
    (eid,) = add_events(conn, a, [_protest()], "ana")
    near = incidents.nearby_events(conn, b, "2026-10-14", {"location": "Gusau"})
    assert near and near[0].event_id == eid and "same place" in near[0].detail
    assert incidents.nearby_events(conn, b, "2026-12-30") == []  # too far in time
    incidents.attach(conn, b, eid, "ana")
    assert status(conn, b) == "coded" and cred(conn, eid) == 1
    assert incidents.attach(conn, b, eid, "ana") is None  # already there
    assert incidents.nearby_events(conn, b, "2026-10-14") == []  # its own event is not offered
    incidents.detach(conn, b, eid, "ana")
    assert status(conn, b) == "new" and cred(conn, eid) == 3
    with pytest.raises(incidents.DetachError):
        incidents.detach(conn, a, eid, "ana")  # the only report
    decisions.undo(conn, "ana")  # the detachment
    assert status(conn, b) == "coded" and cred(conn, eid) == 1
    decisions.undo(conn, "ana")  # the attachment
    assert status(conn, b) == "new" and cred(conn, eid) == 3


def test_detaching_a_linked_report_takes_it_out_of_the_story(conn):
    a = _item(conn, "Nigerian troops rescue")
    b = _item(conn, "Gunmen kill 12")
    (eid,) = add_events(conn, a, [_protest()], "ana")
    incidents.link_reports(conn, [a, b], "ana")
    incidents.detach(conn, b, eid, "ana")
    assert story_outlets.story_outlets(conn, a).story_id is None
    assert cred(conn, eid) == 3 and export_rows(conn)[0]["x_outlets"] == "1"


def test_list_summary_shows_the_first_event_whole(conn):
    a = _item(conn, "Nigerian troops rescue")
    add_events(conn, a, [_protest(location="Gusau", fatalities=0),
                         _protest(sub_event_type="Mob violence", event_type="Riots",
                                  location="Kaura Namoda", fatalities=2)], "ana")
    assert summary(conn, a) == "Peaceful protest · Gusau +1"
    update_event(conn, events_for_item(conn, a)[0].id, "ana", fatalities=3)
    assert summary(conn, a) == "Peaceful protest · Gusau · 3† +1"
