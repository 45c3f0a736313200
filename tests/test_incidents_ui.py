"""Pilot tests: reports of one incident linked in the side-by-side view become one event;
attach and detach from the item; all undoable."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from helpers_ui import ready

from sahel_tui.demo import demo_config
from sahel_tui.store import decisions, open_store
from sahel_tui.ui.app import SahelApp

GUSAU = "Residents protest insecurity in Gusau"


@pytest.fixture
def gusau(demo_db, tmp_path):
    db = tmp_path / "demo.db"
    shutil.copy(demo_db, db)
    conn = open_store(db)
    ids = [r[0] for r in conn.execute("SELECT id FROM items WHERE title = ? ORDER BY id", (GUSAU,))]
    assert len(ids) == 2
    decisions.put_state(conn, query="", item=str(ids[0]))
    conn.close()
    return db, ids


def q(db, sql, *args):
    return sqlite3.connect(db).execute(sql, args).fetchall()


def status(db, item_id):
    return q(db, "SELECT status FROM items WHERE id = ?", item_id)[0][0]


async def go_to(app, pilot, item_id):
    from sahel_tui.store import views

    app.screen.items.go_to(views.row_at(app.conn, app.screen.query_, item_id))
    await ready(pilot)


async def test_linking_in_side_by_side_makes_one_incident(gusau):
    db, (first, second) = gusau
    app = SahelApp(demo_config(db=db), demo=True, coder="tester")
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        await pilot.press("enter")  # code the first report
        await ready(pilot)
        (eid,) = [r[0] for r in q(db, "SELECT event_id FROM event_items WHERE item_id = ?", first)]
        assert status(db, second) == "new"
        await go_to(app, pilot, first)
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        columns = [c.item_id for c in screen._columns()]
        assert second in columns
        while screen.focused.item_id != second:
            await pilot.press("right")
        await pilot.press("space", "L")
        await pilot.pause()
        assert status(db, second) == "coded"
        assert q(db, "SELECT event_id FROM event_items WHERE item_id = ?", second) == [(eid,)]
        text = str(screen._coding_line(second, "coded"))
        assert text.startswith("linked to NGA")  # the column says which event it belongs to
        assert q(db, "SELECT credibility FROM events WHERE id = ?", eid) == [(1,)]
        await pilot.press("u")  # undo in the view takes the link back whole
        await pilot.pause()
        assert status(db, second) == "new"
        await pilot.press("U")  # (unlink: nothing linked now)
        await pilot.press("escape")
        await ready(pilot)
        await go_to(app, pilot, second)
        assert app.screen.items.current.coding == ""


async def test_attach_from_the_item_and_detach(gusau):
    db, (first, second) = gusau
    app = SahelApp(demo_config(db=db), demo=True, coder="tester")
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await ready(pilot)
        (eid,) = [r[0] for r in q(db, "SELECT event_id FROM event_items WHERE item_id = ?", first)]
        await go_to(app, pilot, second)
        await pilot.press("A")
        await pilot.pause()
        picker = app.screen
        assert picker.items[0].value == eid  # most likely first: same place, same day
        assert "same place" in picker.items[0].detail and picker.items[0].suggested
        await pilot.press("escape")
        await pilot.pause()
        # a report about something else (a cotton harvest in Benin): events are listed
        # when near in date, but none is suggested for a date alone
        other = q(db, "SELECT id FROM items WHERE title LIKE 'Kandi : les cotonculteurs%'")[0][0]
        await go_to(app, pilot, other)
        await pilot.press("A")
        await pilot.pause()
        assert app.screen.items and not any(i.suggested for i in app.screen.items)
        await pilot.press("escape")
        await pilot.pause()
        await go_to(app, pilot, second)
        await pilot.press("A")
        await pilot.pause()
        await pilot.press("enter")
        await ready(pilot)
        assert status(db, second) == "coded"
        row = app.screen.items.current
        assert row.id == second and row.coding.startswith("linked to NGA")
        st = app.screen.coding
        assert st.stored and st.current.reports == 2
        await pilot.press("D")
        await ready(pilot)
        assert status(db, second) == "new"
        await pilot.press("u")
        await ready(pilot)
        assert status(db, second) == "coded"
        # a one-report event cannot be detached from its report
        await go_to(app, pilot, first)
        await pilot.press("u")  # back to before the attachment
        await ready(pilot)
        await go_to(app, pilot, first)
        await pilot.press("D")
        await ready(pilot)
        assert status(db, first) == "coded"
