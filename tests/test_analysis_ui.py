"""Pilot tests of the tallies and the side-by-side view on the demo set."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from sahel_tui.demo import demo_config
from sahel_tui.store import decisions, open_store
from sahel_tui.ui.app import SahelApp
from sahel_tui.ui.item_list import ItemList
from sahel_tui.ui.tallies import TalliesPane

AMBUSH = "Niger : au moins 13 morts dans une embuscade%"
TITAO = "Attack near Titao leaves 35 villagers dead"


@pytest.fixture
def open_on(demo_db, tmp_path):
    def make(title: str):
        db = tmp_path / "demo.db"
        shutil.copy(demo_db, db)
        conn = open_store(db)
        item_id = conn.execute("SELECT id FROM items WHERE title LIKE ?", (title,)).fetchone()[0]
        decisions.put_state(conn, query="", item=str(item_id))
        conn.close()
        return SahelApp(demo_config(db=db), demo=True, coder="tester"), db, item_id
    return make


async def ready(pilot) -> None:
    for _ in range(100):
        if pilot.app.vocab is not None:
            break
        await pilot.pause(0.05)
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def test_coding_an_item_moves_the_tallies_pane(open_on):
    app, _db, _item_id = open_on(AMBUSH)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        await pilot.press("t")
        await ready(pilot)
        pane = app.screen.query_one(TalliesPane)
        assert pane.state.pane.total.events == 0
        await pilot.press("enter")  # accept the suggested coding
        await ready(pilot)
        after = pane.state.pane
        assert (after.total.events, after.total.fatalities) == (1, 13)
        assert after.triage.counts.get("coded") == 1
        assert {r.label for r in after.actors.rows} >= {"Military Forces of Niger"}
        assert "1 events" in str(pane.render()) or "1 event" in str(pane.render())
        await pilot.press("u")
        await ready(pilot)
        assert pane.state.pane.total.events == 0


async def test_a_tally_number_opens_its_items(open_on):
    app, _db, item_id = open_on(AMBUSH)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await ready(pilot)
        await pilot.press("T")
        await ready(pilot)
        screen = app.screen
        assert type(screen).__name__ == "TalliesScreen"
        # the row of the actor "Military Forces of Niger" in the by-actor tally
        labels = [str(screen.query_one("OptionList").get_option_at_index(i).prompt)
                  for i in range(len(screen.drills))]
        index = next(i for i, label in enumerate(labels)
                     if label.rstrip().endswith("Military Forces of Niger") and screen.drills[i])
        screen.query_one("OptionList").highlighted = index
        await pilot.press("enter")
        await ready(pilot)
        assert type(app.screen).__name__ == "TriageScreen"
        rows = app.screen.query_one(ItemList).rows
        assert [r.id for r in rows] == [item_id]
        assert "event:" in app.screen.query_.text


async def test_linking_reports_changes_the_suggested_credibility(open_on):
    app, db, _item_id = open_on(TITAO)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        assert app.screen.coding.drafts[0].fields["credibility"] == 3  # one outlet
        await pilot.press("s")
        await ready(pilot)
        story = app.screen
        assert type(story).__name__ == "StoryScreen"
        assert story.story.members, "the round-up reporting the same attack is a candidate"
        head = str(story.query_one("#story-head").render())
        assert "1 independent outlet" in head and "suggested credibility 3" in head
        await pilot.press("right", "space", "L")
        await ready(pilot)
        head = str(story.query_one("#story-head").render())
        assert "2 independent outlets" in head and "suggested credibility 1" in head
        await pilot.press("escape")
        await ready(pilot)
        assert app.screen.coding.drafts[0].fields["credibility"] == 1
        await pilot.press("enter")
        await ready(pilot)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT credibility FROM events").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM story_items").fetchone()[0] == 2
