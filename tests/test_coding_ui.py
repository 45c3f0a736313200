"""Pilot tests of coding on the demo set: keys pressed as an analyst would, then the stored
events and the decision log checked."""

from __future__ import annotations

import shutil
import sqlite3
import tomllib
from pathlib import Path

import pytest
from helpers_ui import until, workers_done

from sahel_tui import paths
from sahel_tui.demo import demo_config
from sahel_tui.store import decisions, open_store
from sahel_tui.store.events import events_for_item
from sahel_tui.ui.app import SahelApp

TITLE = "Niger : au moins 13 morts dans une embuscade%"  # a French report with a clear coding


@pytest.fixture
def app_on_item(demo_db, tmp_path):
    """An app on a fresh copy of the demo database, opened on the chosen item."""
    db = tmp_path / "demo.db"
    shutil.copy(demo_db, db)
    conn = open_store(db)
    item_id = conn.execute("SELECT id FROM items WHERE title LIKE ?", (TITLE,)).fetchone()[0]
    decisions.put_state(conn, query="", item=str(item_id))
    conn.close()
    config = demo_config(db=db)
    return SahelApp(config, demo=True, coder="tester"), db, item_id


async def ready(pilot) -> None:
    await until(pilot, lambda: pilot.app.vocab is not None)  # loaded in the background
    await workers_done(pilot.app)
    await pilot.pause()
    await workers_done(pilot.app)
    await pilot.pause()


def stored(db: Path, item_id: int):
    conn = open_store(db)
    try:
        return events_for_item(conn, item_id)
    finally:
        conn.close()


def log(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    return conn.execute("SELECT op, action, target FROM decisions ORDER BY id").fetchall()


async def test_accepting_the_suggestion_takes_one_key(app_on_item):
    app, db, item_id = app_on_item
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        screen = app.screen
        assert screen.items.current.id == item_id
        suggested = dict(screen.coding.drafts[0].fields)
        assert suggested["sub_event_type"] == "Armed clash"
        assert suggested["location"] and suggested["fatalities"] == 13
        await pilot.press("enter")
        await ready(pilot)
        (event,) = stored(db, item_id)
        for key in ("event_type", "sub_event_type", "actor1", "actor2", "location", "admin1",
                    "event_date", "fatalities", "latitude", "longitude"):
            assert getattr(event, key) == suggested[key], key
        assert event.reliability == "C" and event.credibility == 3  # the feed's letter, one source
        assert screen.items.current.id != item_id  # moved on to the next untriaged item
        assert screen.items.current.status == "new"
        statuses = sqlite3.connect(db).execute("SELECT status FROM items WHERE id = ?", (item_id,))
        assert statuses.fetchone()[0] == "coded"
        assert ("do", "code", "status") in log(db)


async def test_correcting_one_facet_takes_few_keys(app_on_item):
    app, db, item_id = app_on_item
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        await pilot.press("e")  # event type picker
        await pilot.pause()
        picker = app.screen
        second = picker.items[1].value
        await pilot.press("2", "enter")  # second option, then accept: 3 keys in all
        await ready(pilot)
        (event,) = stored(db, item_id)
        assert event.sub_event_type == second != "Armed clash"


async def test_tab_walks_through_the_facets(app_on_item):
    app, _db, _item_id = app_on_item
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        await pilot.press("tab")
        await pilot.pause()
        assert app.screen.title_text.startswith("Actor 1")
        await pilot.press("tab")
        await pilot.pause()
        assert app.screen.title_text.startswith("Actor 2")
        await pilot.press("tab", "tab")
        await pilot.pause()
        assert app.screen.title_text.startswith("Event type")
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "TriageScreen"


async def test_second_event_on_one_item(app_on_item):
    app, db, item_id = app_on_item
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        await pilot.press("plus", "a", *"wagner")
        await pilot.pause()
        await pilot.press("enter")  # the highlighted match
        await pilot.press("e", *"drone", "enter")
        await pilot.pause()
        state = app.screen.coding
        assert len(state.drafts) == 2 and state.index == 1
        await pilot.press("enter")
        await ready(pilot)
        events = stored(db, item_id)
        assert len(events) == 2
        assert events[1].actor1 == "Wagner Group / Africa Corps (Russia)"
        assert events[1].sub_event_type == "Air/drone strike"
        batches = sqlite3.connect(db).execute("SELECT count(DISTINCT batch) FROM decisions")
        assert batches.fetchone()[0] == 1  # one decision: undone in one go


async def test_new_place_added_from_the_flow_is_matched_afterwards(app_on_item):
    app, db, item_id = app_on_item
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        await pilot.press("l", *"Boulkessi")
        await pilot.pause()
        assert app.screen.items[-1].label.startswith("+ add place")
        await pilot.press("enter")  # nothing matches: the highlighted option adds the place
        await pilot.pause()
        assert type(app.screen).__name__ == "AddPlaceForm"
        await pilot.press("enter")  # name is filled in
        await pilot.press(*"Boulkéssi, Boulkesi", "enter")
        await pilot.press(*"ML", "enter", *"Mopti", "enter", "enter")
        await pilot.press(*"14.6139, -1.0569", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "TriageScreen"
        await pilot.press("enter")
        await ready(pilot)
        (event,) = stored(db, item_id)
        assert (event.location, event.admin1, event.country) == ("Boulkessi", "Mopti", "Mali")
        assert (event.latitude, event.longitude) == (14.6139, -1.0569)
        saved = tomllib.loads((paths.user_config_dir() / "places.toml").read_text("utf-8"))
        assert any(p["name"] == "Boulkessi" for p in saved["places"])
        found = app.vocab.matcher().find("Des hommes armés ont attaqué Boulkéssi mardi.")
        assert [m.best.name for m in found if m.best.kind == "place"] == ["Boulkessi"]
    from sahel_tui.vocab import load_vocab

    again = load_vocab(paths.user_config_dir()).matcher().find("near Boulkesi on Monday")
    assert [m.best.name for m in again if m.best.kind == "place"] == ["Boulkessi"]


async def test_undo_and_redo_coding_and_edits(app_on_item):
    app, db, item_id = app_on_item
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await ready(pilot)
        assert len(stored(db, item_id)) == 1
        await pilot.press("u")  # takes the coding back and returns to the item
        await ready(pilot)
        assert stored(db, item_id) == []
        assert app.screen.items.current.id == item_id
        await pilot.press("U")
        await ready(pilot)
        assert len(stored(db, item_id)) == 1
        # an edit to a stored event is stored at once, and undone on its own
        await pilot.press("number_sign", *"9/11/14", "enter")
        await ready(pilot)
        (event,) = stored(db, item_id)
        assert (event.fatalities, event.fatalities_best, event.fatalities_high) == (9, 11, 14)
        await pilot.press("u")
        await ready(pilot)
        assert stored(db, item_id)[0].fatalities == 13
    ops = [(op, action) for op, action, target in log(db) if target.startswith("event")]
    assert ops == [("do", "code"), ("undo", "code"), ("redo", "code"), ("do", "event.edit"),
                   ("undo", "event.edit")]


async def test_grading_in_three_keys(app_on_item):
    app, db, item_id = app_on_item
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        await pilot.press("c", "b", "2", "h", "enter", "enter")
        await ready(pilot)
        (event,) = stored(db, item_id)
        assert (event.reliability, event.credibility, event.confidence) == ("B", 2, "high")


async def test_associated_actors_notes_and_civilian_targeting(app_on_item):
    app, db, item_id = app_on_item
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        await pilot.press("a", *"wagner")
        await pilot.pause()
        await pilot.press("ctrl+a")  # Wagner as an associated actor of actor 1
        await pilot.pause()
        assert type(app.screen).__name__ == "Picker"  # still open: more can be added
        await pilot.press("escape")
        await pilot.press("v")
        await pilot.press("N", *"toll from the mayor; army says 11", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await ready(pilot)
    (event,) = stored(db, item_id)
    assert event.assoc_actor_1 == ["Wagner Group / Africa Corps (Russia)"]
    assert event.civilian_targeting is True
    assert event.notes == "toll from the mayor; army says 11"
