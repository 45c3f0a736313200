"""Pilot tests: export the current view from the app; review and resolve import conflicts."""

from __future__ import annotations

import csv
import shutil
import sqlite3

from helpers_ui import workers_done
from uidata import make_db

from sahel_tui.exchange.export import export
from sahel_tui.exchange.merge import import_jsonl
from sahel_tui.store import open_store
from sahel_tui.store.events import Event, add_events, events_for_item, update_event
from sahel_tui.ui.app import SahelApp


def _battle(**kw) -> Event:
    base = dict(event_date="2026-10-01", event_type="Battles", sub_event_type="Armed clash",
                actor1="Islamic State Sahel Province", inter1="Rebel group",
                actor2="Military Forces of Mali", inter2="State forces", country="Mali",
                admin1="Ménaka", location="Ménaka", latitude=15.9182, longitude=2.4022,
                fatalities=12, reliability="B", credibility=2, confidence="moderate")
    base.update(kw)
    return Event(**base)


async def settle(pilot) -> None:
    for _ in range(2):
        await workers_done(pilot.app)
        await pilot.pause()


async def test_export_the_current_view(tmp_path):
    config = make_db(tmp_path / "a.db")
    conn = open_store(config.settings.database)
    add_events(conn, 1, [_battle(notes='said "12", incl. 2 VDP,\nper mayor')], "ana")
    add_events(conn, 2, [_battle(location="Inékar", fatalities=3)], "ana")
    conn.close()
    out = tmp_path / "view.csv"
    app = SahelApp(config, coder="ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f", *"status:coded", "enter")
        await settle(pilot)
        await pilot.press("E")
        await pilot.pause()
        await pilot.press("enter")  # format: csv
        await pilot.press("ctrl+u", *str(out), "enter", "enter", "enter")
        await settle(pilot)
        assert "exported 2 events" in app.screen.query_one("#status").message
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert sorted(r["location"] for r in rows) == ["Inékar", "Ménaka"]
    assert any("per mayor" in r["notes"] for r in rows)


async def test_conflicts_are_reviewed_and_resolved_in_the_app(tmp_path):
    config = make_db(tmp_path / "a.db")
    a = open_store(config.settings.database)
    (eid,) = add_events(a, 1, [_battle()], "ana")
    a.close()
    shutil.copy(tmp_path / "a.db", tmp_path / "b.db")
    b = open_store(tmp_path / "b.db")
    update_event(b, eid, "bob", fatalities=20, actor1="JNIM: Group for Support of Islam and Muslims")
    export(b, None, "jsonl", tmp_path / "bob.jsonl", coder="bob")
    b.close()
    a = open_store(config.settings.database)
    a.execute("UPDATE events SET fatalities = 14 WHERE id = ?", (eid,))  # ours changed too
    result = import_jsonl(a, tmp_path / "bob.jsonl", coder="ana")
    assert len(result.conflicts) == 1
    a.close()
    app = SahelApp(config, coder="ana")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "ConflictsScreen"
        assert len(screen.conflicts) == 1
        await pilot.press("t")  # keep theirs
        await pilot.pause()
        assert screen.conflicts == []
        await pilot.press("u")  # undo: the conflict is open again
        await pilot.pause()
        assert len(screen.conflicts) == 1
        await pilot.press("t", "escape")
        await settle(pilot)
    conn = open_store(config.settings.database)
    (event,) = events_for_item(conn, 1)
    assert (event.fatalities, event.actor1) == (20, "JNIM: Group for Support of Islam and Muslims")
    assert sqlite3.connect(config.settings.database).execute(
        "SELECT count(*) FROM decisions WHERE action LIKE 'conflict%'").fetchone()[0] >= 1
