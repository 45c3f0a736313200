"""Coded events: stored with their items, every change in the decision log, undo/redo whole."""

from __future__ import annotations

import json

from uidata import make_db

from sahel_tui.store import decisions, open_store, views
from sahel_tui.store.events import (
    Event,
    add_events,
    events_for_item,
    interaction,
    remove_event,
    update_event,
)
from sahel_tui.store.query import parse


def _conn(tmp_path):
    make_db(tmp_path / "e.db")
    return open_store(tmp_path / "e.db")


def _battle(**kw) -> Event:
    base = dict(event_date="2026-10-01", event_type="Battles", sub_event_type="Armed clash",
                actor1="Islamic State Sahel Province", inter1="Rebel group",
                actor2="Military Forces of Mali", inter2="State forces", country="Mali",
                admin1="Ménaka", location="Ménaka", latitude=15.9182, longitude=2.4022,
                fatalities=12, reliability="B", credibility=2, confidence="moderate")
    base.update(kw)
    return Event(**base)


def test_code_item_sets_status_and_logs_one_batch(tmp_path):
    conn = _conn(tmp_path)
    ids = add_events(conn, 1, [_battle(), _battle(location="Inékar", fatalities=3)], "ana")
    assert len(ids) == 2
    assert conn.execute("SELECT status FROM items WHERE id = 1").fetchone()[0] == "coded"
    rows = conn.execute("SELECT batch, target, before, after FROM decisions").fetchall()
    assert len({r[0] for r in rows}) == 1  # one decision
    assert {r[1] for r in rows} == {f"event:{ids[0]}", f"event:{ids[1]}", "status"}
    stored = events_for_item(conn, 1)
    assert [e.location for e in stored] == ["Ménaka", "Inékar"]
    assert stored[0].uid and stored[0].coder == "ana"


def test_undo_redo_take_events_and_status_together(tmp_path):
    conn = _conn(tmp_path)
    add_events(conn, 1, [_battle()], "ana")
    decisions.undo(conn, "ana")
    assert events_for_item(conn, 1) == []
    assert conn.execute("SELECT status FROM items WHERE id = 1").fetchone()[0] == "new"
    decisions.redo(conn, "ana")
    assert [e.fatalities for e in events_for_item(conn, 1)] == [12]
    assert conn.execute("SELECT status FROM items WHERE id = 1").fetchone()[0] == "coded"


def test_edit_and_remove_keep_a_trace(tmp_path):
    conn = _conn(tmp_path)
    (eid,) = add_events(conn, 1, [_battle()], "ana")
    update_event(conn, eid, "ana", fatalities=14, notes='said "14", incl. 2 VDP,\nper mayor')
    assert events_for_item(conn, 1)[0].fatalities == 14
    remove_event(conn, eid, "ana")
    assert events_for_item(conn, 1) == []
    assert conn.execute("SELECT status FROM items WHERE id = 1").fetchone()[0] == "new"
    # the row is still there, marked deleted; the log holds every version
    assert conn.execute("SELECT deleted FROM events WHERE id = ?", (eid,)).fetchone()[0] == 1
    log = conn.execute("SELECT action, before, after FROM decisions WHERE target = ? ORDER BY id",
                       (f"event:{eid}",)).fetchall()
    assert [r[0] for r in log] == ["code", "event.edit", "event.remove"]
    assert json.loads(log[1][1])["fatalities"] == 12 and json.loads(log[1][2])["fatalities"] == 14
    decisions.undo(conn, "ana")  # undo the removal
    decisions.undo(conn, "ana")  # undo the edit
    (ev,) = events_for_item(conn, 1)
    assert ev.fatalities == 12 and ev.notes == ""


def test_query_fields_search_coded_events(tmp_path):
    conn = _conn(tmp_path)
    add_events(conn, 1, [_battle()], "ana")
    assert [r.id for r in views.page(conn, parse('actor:"sahel province"'))] == [1]
    assert [r.id for r in views.page(conn, parse("place:MENAKA type:clash"))] == [1]
    assert 1 not in [r.id for r in views.page(conn, parse("-actor:mali"))]
    summary = views.row_at(conn, parse(""), 1).coding
    assert summary == "Armed clash · Ménaka · 12†"


def test_interaction_follows_acled_order():
    assert interaction("Rebel group", "State forces") == "State forces-Rebel group"
    assert interaction("Political militia", "") == "Political militia only"
    assert interaction("Civilians", "External/Other forces") == "Civilians-External/Other forces"


def test_event_index_follows_edits_and_undo(tmp_path):
    conn = _conn(tmp_path)
    (eid,) = add_events(conn, 1, [_battle()], "ana")
    update_event(conn, eid, "ana", location="Inékar", admin1="Ménaka")
    assert [r.id for r in views.page(conn, parse("place:inekar"))] == [1]
    decisions.undo(conn, "ana")  # the row is put back whole (INSERT OR REPLACE)
    assert [r.id for r in views.page(conn, parse("place:inekar"))] == []
    assert [r.id for r in views.page(conn, parse("place:menaka actor:mali"))] == [1]
    remove_event(conn, eid, "ana")
    assert [r.id for r in views.page(conn, parse("actor:mali"))] == []  # deleted events never match
    check = conn.execute("INSERT INTO events_fts (events_fts) VALUES ('integrity-check')")
    assert check is not None


def test_drafts_keep_versions_until_the_item_is_coded(tmp_path):
    from sahel_tui.store import drafts

    conn = _conn(tmp_path)
    item = 1
    assert drafts.load(conn, item) is None
    drafts.save(conn, item, [{"event_date": "2026-11-10"}])
    drafts.save(conn, item, [{"event_date": "2026-11-11"}])
    assert drafts.load(conn, item) == [{"event_date": "2026-11-11"}]
    assert drafts.undo(conn, item)
    assert drafts.load(conn, item) == [{"event_date": "2026-11-10"}]
    drafts.save(conn, item, [{"event_date": "2026-11-12"}])
    add_events(conn, item, [_battle()], "t")
    # coding ends the draft's history; its last version stays should the coding be undone
    assert conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 1
    assert drafts.drafted(conn, [item]) == {item}
