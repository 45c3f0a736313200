"""Pilot tests of the tallies and the side-by-side view on the demo set."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, timedelta

import pytest
from helpers_ui import ready

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


async def _rate_answer(pilot, app, when: str) -> str:
    await pilot.press("T")
    await ready(pilot)
    await pilot.press("1")
    await ready(pilot)
    assert type(app.screen).__name__ == "QuestionForm"
    for ch in when:
        await pilot.press(ch if ch != " " else "space")
    for _ in range(5):  # through actor, type, country, admin1: enter on the last submits
        await pilot.press("enter")
    await ready(pilot)
    assert type(app.screen).__name__ == "Answer", app.screen
    return str(app.screen.body)


async def test_rate_change_chosen_windows_and_small_samples(open_on):
    app, _db, item_id = open_on(AMBUSH)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        await pilot.press("enter")  # code the ambush: one event, 2026-11-?? in the demo
        await ready(pilot)
        day = app.conn.execute("SELECT event_date FROM events WHERE deleted = 0").fetchone()[0]
        prev = (date.fromisoformat(day) - timedelta(days=1)).isoformat()
        body = await _rate_answer(pilot, app, f"{day[:8]}01..{prev} vs {day}..{day}")
        # a one-day window with one event is never a bare "30.4 a month"
        assert "after : 1 event in 1 day = 30.4 a month" in body
        assert "small sample (1 day < 30, 1 event < 5)" in body
        assert "small sample: not reliable" in body
        # enter on the "after" line lands on the one event's item
        await pilot.press("down", "enter")
        await ready(pilot)
        assert type(app.screen).__name__ == "TriageScreen"
        assert [r.id for r in app.screen.query_one(ItemList).rows] == [item_id]
        # a bad window is refused in the form, which stays open
        await pilot.press("T")
        await ready(pilot)
        await pilot.press("1")
        await ready(pilot)
        for ch in "2026-09-01..":
            await pilot.press(ch)
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert type(app.screen).__name__ == "QuestionForm"
        assert "FROM..TO" in str(app.screen.query_one("#form-error").render())


async def test_a_drill_down_lands_on_the_events_it_counted(open_on):
    """'2 events' in the tallies lands on a list whose tallies pane says 2 events again, not
    every event of the items listed (one item carries 3 events here, 2 of them battles)."""
    from sahel_tui.store.events import Event, add_events

    app, db, item_id = open_on(AMBUSH)
    conn = open_store(db)
    other = conn.execute("SELECT id FROM items WHERE title LIKE ?", (TITAO,)).fetchone()[0]
    add_events(conn, item_id, [
        Event("2026-11-10", "Battles", "Armed clash", actor1="JNIM", actor2="Military Forces of Niger",
              country="Niger", admin1="Tillaberi", location="Torodi", fatalities=13),
        Event("2026-11-11", "Battles", "Armed clash", actor1="JNIM", actor2="Military Forces of Niger",
              country="Niger", admin1="Tillaberi", location="Makalondi", fatalities=4),
        Event("2026-11-11", "Violence against civilians", "Attack", actor1="JNIM",
              actor2="Civilians (Niger)", country="Niger", admin1="Tillaberi", location="Makalondi",
              fatalities=100)], "tester")
    add_events(conn, other, [
        Event("2026-11-12", "Violence against civilians", "Attack", actor1="JNIM",
              actor2="Civilians (Burkina Faso)", country="Burkina Faso", admin1="Nord",
              location="Titao", fatalities=35)], "tester")
    conn.close()
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        await pilot.press("t")  # the tallies pane beside the list
        await ready(pilot)
        await pilot.press("T")
        await ready(pilot)
        screen = app.screen
        lst = screen.query_one("OptionList")
        labels = [str(lst.get_option_at_index(i).prompt) for i in range(len(screen.drills))]
        index = next(i for i, label in enumerate(labels)
                     if label.rstrip().endswith("Battles") and screen.drills[i])
        assert labels[index].split()[:2] == ["2", "17†"]  # 2 events, 17 killed
        lst.highlighted = index
        await pilot.press("enter")
        await ready(pilot)
        assert type(app.screen).__name__ == "TriageScreen"
        assert [r.id for r in app.screen.query_one(ItemList).rows] == [item_id]
        pane = app.screen.query_one(TalliesPane).state.pane
        assert (pane.total.events, pane.total.fatalities) == (2, 17)  # not 3 events, 117 killed
        assert "2 events" in str(pane_text(app)) and "117" not in str(pane_text(app))
        # the events behind the number are shown: the list says how many of the item's
        # events were counted, the panel marks each event counted or not
        (row,) = app.screen.query_one(ItemList).rows
        assert row.coding == "2 of 3: Armed clash · Torodi · 13†"
        panel = app.screen.panel
        assert "Event 1/3" in panel.plain and "✓ counted by the query (2 of this item's 3" in panel.plain
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert "Event 2/3" in panel.plain and "✓ counted" in panel.plain and "Makalondi" in panel.plain
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert "Event 3/3" in panel.plain and "✗ not counted by the query" in panel.plain
        assert "Attack" in panel.plain
        # without the drill, the list summary is the item's own again
        await pilot.press("escape")
        await ready(pilot)
        summary = next(r.coding for r in app.screen.query_one(ItemList).rows if r.id == item_id)
        assert summary == "Armed clash · Torodi · 13† +2"
        assert "counted" not in app.screen.panel.plain


def pane_text(app) -> str:
    return str(app.screen.query_one(TalliesPane).render())
