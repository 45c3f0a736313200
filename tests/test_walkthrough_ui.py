"""The smaller defects of the new-user walk-through, each with its key."""

from __future__ import annotations

import shutil

from helpers_ui import ready

from sahel_tui.demo import demo_config
from sahel_tui.store import decisions, open_store
from sahel_tui.ui.app import SahelApp
from sahel_tui.ui.statusbar import StatusBar


def demo_app(demo_db, tmp_path, query="") -> SahelApp:
    db = tmp_path / "demo.db"
    shutil.copy(demo_db, db)
    conn = open_store(db)
    item = conn.execute("SELECT id FROM items WHERE title LIKE ?",
                        ("Niger : au moins 13 morts dans une embuscade%",)).fetchone()[0]
    decisions.put_state(conn, query=query, item=str(item))
    conn.close()
    return SahelApp(demo_config(db=db), demo=True, coder="tester")


async def test_empty_view_position_and_coded_only_hint(demo_db, tmp_path):
    app = demo_app(demo_db, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.screen.set_query("actor:jnim")  # nothing coded yet
        await ready(pilot)
        bar = str(app.screen.query_one(StatusBar).render())
        assert "0/0" in bar and "1/0" not in bar
        assert "coded events only" in app.screen.items.empty_message


async def test_status_message_follows_the_last_action(demo_db, tmp_path):
    app = demo_app(demo_db, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await ready(pilot)
        bar = app.screen.query_one(StatusBar)
        assert bar.message.startswith("coded 1 event")
        await pilot.press("x")
        await ready(pilot)
        assert bar.message.startswith("dismissed")
        bar._expire()  # and it goes by itself after a while
        assert bar.message == ""


async def test_list_dates_carry_the_year_when_not_this_year(demo_db, tmp_path):
    from sahel_tui.ui import item_list

    app = demo_app(demo_db, tmp_path)
    async with app.run_test(size=(90, 40)) as pilot:  # narrow: short dates
        await ready(pilot)
        lst = app.screen.items
        row = lst.rows[0]
        text = "".join(s.text for s in lst._segments(row, lst.size.width, False))
        if row.published[:4] == item_list._THIS_YEAR:
            assert row.published[5:10] in text and row.published[:4] not in text[:20]
        else:
            assert row.published[:10] in text
        old = row.__class__(row.id, "2019-03-04T10:00:00Z", row.source, row.title, row.status, "")
        text = "".join(s.text for s in lst._segments(old, lst.size.width, False))
        assert "2019-03-04" in text


async def test_reopening_restores_the_layout(demo_db, tmp_path):
    app = demo_app(demo_db, tmp_path)
    db = app.db_path
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        assert not app.screen.query_one("#sidebar").has_class("-hidden")
        await pilot.press("left_square_bracket", "t")  # feeds pane off, tallies pane on
        await ready(pilot)
        await pilot.press("q")
    app = SahelApp(demo_config(db=db), demo=True, coder="tester")
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        screen = app.screen
        assert screen.query_one("#sidebar").has_class("-hidden")
        panes = screen.query("#tallies")
        assert panes and not panes.first().has_class("-hidden")


def test_in_app_export_goes_to_the_exports_folder(tmp_path, monkeypatch):
    from sahel_tui import paths
    from sahel_tui.ui.exchange import ExportForm

    monkeypatch.setenv("SAHEL_TUI_EXPORTS_DIR", str(tmp_path / "exports"))
    form = ExportForm("")
    assert form.values["path"].startswith(str(paths.exports_dir()))


async def test_tallies_pane_border_runs_the_full_height(demo_db, tmp_path):
    app = demo_app(demo_db, tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        await pilot.press("t")
        await ready(pilot)
        pane = app.screen.query_one("#tallies")
        assert pane.size.height == app.screen.items.size.height  # not cut at its content
