"""Pilot tests: press keys as an analyst would, then look at the database and the screen."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers_ui import until, workers_done
from uidata import make_db

from sahel_tui.ui.app import SahelApp
from sahel_tui.ui.item_list import ItemList
from sahel_tui.ui.querybar import QueryBar
from sahel_tui.ui.statusbar import StatusBar


@pytest.fixture
def config(tmp_path: Path):
    return make_db(tmp_path / "ui.db")


def db(config) -> sqlite3.Connection:
    conn = sqlite3.connect(config.settings.database)
    conn.row_factory = sqlite3.Row
    return conn


def status_of(config, item_id: int) -> str:
    return db(config).execute("SELECT status FROM items WHERE id = ?", (item_id,)).fetchone()[0]


async def settle(pilot) -> None:
    await workers_done(pilot.app)
    await pilot.pause()


def _palette_choice(app) -> str:
    """The command palette's highlighted command, in lower case ("" if none yet)."""
    from textual.command import CommandList

    lists = app.screen.query(CommandList)
    if not lists or lists.first().highlighted is None:
        return ""
    option = lists.first().get_option_at_index(lists.first().highlighted)
    return str(getattr(option.prompt, "plain", option.prompt)).lower()


def current(app) -> int:
    return app.screen.query_one(ItemList).current.id


async def test_dismiss_moves_on_and_is_stored_at_once(config):
    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = current(app)
        await pilot.press("x")
        assert status_of(config, first) == "dismissed"  # stored now, not on quit
        assert current(app) != first  # moved on to the next item
        log = db(config).execute("SELECT op, action, coder, before, after FROM decisions").fetchall()
        assert [tuple(r) for r in log] == [("do", "dismiss", "tester", '"new"', '"dismissed"')]


async def test_flag_toggles_and_undo_redo_are_repeatable(config):
    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        a = current(app)
        await pilot.press("!")
        assert status_of(config, a) == "flagged"
        await pilot.press("j", "x")
        b = next(iter(db(config).execute("SELECT id FROM items WHERE status='dismissed'")))[0]
        await pilot.press("u")
        assert status_of(config, b) == "new"
        assert current(app) == b  # undo brings the cursor back to the item
        await pilot.press("u")
        assert status_of(config, a) == "new"
        await pilot.press("U")  # redo the flag
        assert status_of(config, a) == "flagged"
        ops = [r[0] for r in db(config).execute("SELECT op FROM decisions ORDER BY id")]
        assert ops == ["do", "do", "undo", "undo", "redo"]
        await pilot.press("u", "u", "u")  # more undos than decisions: no error
        assert status_of(config, a) == "new" and status_of(config, b) == "new"


async def test_next_untriaged_skips_triaged(config):
    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = app.screen.query_one(ItemList)
        second = lst.rows[1].id
        await pilot.press("j", "x", "g")  # dismiss the second item, back to the top
        await pilot.press("n")
        assert current(app) not in (lst.rows[0].id, second)
        assert status_of(config, current(app)) == "new"


async def test_search_narrows_the_list_and_reader_shows_item(config):
    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"menaka", "enter")
        await settle(pilot)
        lst = app.screen.query_one(ItemList)
        assert [r.title for r in lst.rows] == [
            "Gunmen kill 12 soldiers near Ménaka in ambush claimed by EIGS"]
        status = app.screen.query_one(StatusBar)
        assert status.query_text == "menaka"
        assert status.counts == {"new": 1, "coded": 0, "dismissed": 0, "flagged": 0}
        body = str(app.screen.query_one("#reader-body").render())
        assert "Sahel Wire" in body and "12 soldiers" in body
        await pilot.press("escape")  # clears the query
        await settle(pilot)
        assert len(lst.rows) == 12


async def test_query_error_is_shown_inline_and_changes_nothing(config):
    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = app.screen.query_one(ItemList)
        before = [r.id for r in lst.rows]
        await pilot.press("f", *"tag:mali status:bogus", "enter")
        await pilot.pause()
        bar = app.screen.query_one(QueryBar)
        assert bar.is_open
        error = str(app.screen.query_one("#query-error").render())
        assert "status must be one of" in error
        assert error.index("^") == 2 + len("tag:mali status:")  # marker under the value
        assert [r.id for r in lst.rows] == before
        await pilot.press("escape")
        assert not bar.is_open
        await pilot.press("f", "ctrl+u", *"tag:mali -status:dismissed", "enter")
        await settle(pilot)
        assert {r.source for r in lst.rows} == {"Sahel Wire", "Le Quotidien de Bamako"}


async def test_bulk_dismiss_asks_first_and_undoes_as_one(config):
    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f", *"tag:nigeria", "enter")
        await settle(pilot)
        await pilot.press("X")
        await pilot.pause()
        await pilot.press("n")  # answer no
        assert db(config).execute("SELECT count(*) FROM items WHERE status='dismissed'").fetchone()[0] == 0
        await pilot.press("X")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert db(config).execute("SELECT count(*) FROM items WHERE status='dismissed'").fetchone()[0] == 4
        await pilot.press("u")
        assert db(config).execute("SELECT count(*) FROM items WHERE status='dismissed'").fetchone()[0] == 0


async def test_reopening_returns_to_query_and_item(config):
    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f", *"tag:mali", "enter", "j", "j")
        await settle(pilot)
        left_on = current(app)
    app2 = SahelApp(config, coder="tester")
    async with app2.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app2.screen.query_one(StatusBar).query_text == "tag:mali"
        assert current(app2) == left_on


async def test_feed_text_is_shown_literally(tmp_path):
    config = make_db(tmp_path / "ui.db")
    conn = sqlite3.connect(config.settings.database)
    conn.execute("UPDATE items SET title = '[bold red]not markup[/] & <b>x</b>' "
                 "WHERE id = (SELECT max(id) FROM items WHERE published = (SELECT max(published) FROM items))")
    conn.commit()
    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = app.screen.query_one(ItemList)
        row = lst.rows[0]
        assert row.title.startswith("[bold red]")
        line = "".join(seg.text for seg in lst.render_line(0))
        assert "[bold red]not" in line  # brackets drawn, not interpreted
        body = app.screen.query_one("#reader-body").render()
        assert "[bold red]not markup[/] & <b>x</b>" in str(body)


async def test_refresh_runs_in_background_while_moving(tmp_path):
    feed = tmp_path / "feed.xml"
    items = "".join(
        f"<item><title>Report {i} from Tillabéri</title><guid>https://example.org/r/{i}</guid>"
        f"<link>https://example.org/r/{i}</link><pubDate>{i + 1:02d} Oct 2026 10:00:00 +0000</pubDate>"
        f"<description>Text {i}</description></item>" for i in range(30))
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>')
    config = make_db(tmp_path / "ui.db")
    from sahel_tui.config import FeedConfig

    config.feeds.append(FeedConfig(feed.as_uri(), "Tillabéri Reporter", ("niger",)))
    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        on = current(app)
        await pilot.press("r")
        for _ in range(5):  # the analyst keeps working while the refresh runs
            await pilot.press("j")
        await pilot.press("k", "k", "k", "k", "k")
        assert current(app) == on
        await settle(pilot)
        assert "synced" in app.screen.query_one(StatusBar).fetch_state
        assert current(app) == on  # the list reloaded around the same item
        n = db(config).execute("SELECT count(*) FROM items").fetchone()[0]
        assert n == 12 + 30
        await pilot.press("g")
        assert app.screen.query_one(ItemList).current.title.startswith("Report 29")


async def test_help_lists_every_binding_id(config):
    from sahel_tui.ui.bindings import ALL

    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "Help"
        ids = {row[2] for row in app.screen.rows}
        assert ids == {b.id for b in ALL}
        await pilot.press("escape")
        assert type(app.screen).__name__ == "TriageScreen"


async def test_keys_can_be_remapped_from_config(config):
    config.keys = {"triage.dismiss": "d", "nonsense.id": "z"}
    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = current(app)
        await pilot.press("d")
        assert status_of(config, first) == "dismissed"


async def test_long_list_pages_by_keyset(tmp_path):
    config = make_db(tmp_path / "big.db", n_repeat=60)  # 720 items: several windows
    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        lst = app.screen.query_one(ItemList)
        seen = [lst.current.id]
        for _ in range(719):
            lst.move(1)
            seen.append(lst.current.id)
        assert len(set(seen)) == 720  # every item once, in order, none skipped
        assert len(lst.rows) <= 480 + 120  # never all rows in memory
        await pilot.press("g")
        assert lst.current.id == seen[0]
        await pilot.press("G")
        assert lst.current.id == seen[-1]
        assert lst.position == 719


async def test_command_palette_runs_actions_by_name(config):
    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = current(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"dismiss")
        # the palette searches in a worker: enter once it offers the action (a fixed 0.3 s
        # pause could end before the search did)
        assert await until(pilot, lambda: "dismiss" in _palette_choice(app))
        await workers_done(app)
        assert _palette_choice(app).startswith("dismiss")
        await pilot.press("enter")
        await settle(pilot)
        assert status_of(config, first) == "dismissed"


async def test_notifications_and_help_show_brackets_literally(config):
    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        app.screen.notify("feed failed [http://example.org/rss] [bold]x[/bold]")
        await pilot.pause()
        (note,) = list(app._notifications)
        assert note.message == "feed failed [http://example.org/rss] [bold]x[/bold]"
        assert note.markup is False  # shown literally
        await pilot.press("question_mark")
        await pilot.pause()
        assert "feeds.toml&#160;[keys]" in app.export_screenshot()


async def test_a_result_arriving_as_the_app_closes_is_dropped(config) -> None:
    """A background result (a suggestion, counts) that reaches the UI thread once shutdown
    has begun, or after its widget is gone, is dropped: shutdown removes the list first,
    and a suggestion that finished then once failed the app on the missing list."""
    import asyncio

    from textual.widgets import Static

    calls: list[str] = []

    class Pane(Static):
        def take(self, what: str) -> None:
            calls.append(what)

    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        gone = Pane("gone")
        await app.screen.mount(gone)
        await gone.remove()
        assert not await asyncio.to_thread(app.deliver, gone.take, "removed widget")
        app._running = False  # what App._shutdown sets before it removes the screens
        try:
            await asyncio.to_thread(app.deliver, lambda: calls.append("closing app"))
        finally:
            app._running = True
        assert await asyncio.to_thread(app.deliver, lambda: calls.append("running app"))
    assert calls == ["running app"]


async def test_a_result_for_a_screen_being_taken_down_is_dropped(config) -> None:
    """A screen's children go first when it is popped (or the app shuts down) while the
    screen still counts as attached: a result for it that arrives then would find its
    widgets gone (NoMatches), so it is dropped from the moment the removal starts."""
    import asyncio

    from textual.containers import Vertical
    from textual.screen import Screen
    from textual.widgets import Static

    calls: list[str] = []

    class Shown(Screen):
        def compose(self):
            with Vertical():
                yield Static("body", id="body")

        def take(self, what: str) -> None:
            self.query_one("#body", Static).update(what)  # NoMatches once the body is gone
            calls.append(what)

    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(Shown())
        await pilot.pause()
        shown = app.screen
        assert await asyncio.to_thread(app.deliver, shown.take, "while shown")
        done = app.pop_screen()  # the removal starts now and finishes over the next turns
        taken, _ = await asyncio.gather(
            asyncio.to_thread(app.deliver, shown.take, "while popping"), done)
        assert not taken  # told: a worker closes what the result held
        assert not await asyncio.to_thread(app.deliver, shown.take, "after")
        await pilot.pause()
        assert app.is_running and type(app.screen).__name__ == "TriageScreen"
    assert calls == ["while shown"]


async def test_a_worker_never_looks_up_widgets_itself(config, monkeypatch) -> None:
    """A worker's message for the status bar is delivered to the screen, which finds the bar
    on the UI thread: looked up in the worker (as the counts and the export did), a bar the
    screen had already taken down raised NoMatches there and the failed worker ended the app."""
    from sahel_tui.ui.statusbar import StatusBar

    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await screen.query_one(StatusBar).remove()  # as when the screen comes down

        def busy():
            raise sqlite3.OperationalError("database is locked")

        monkeypatch.setattr(app, "worker_connection", busy)
        screen.recount()
        await settle(pilot)
        assert app.is_running and app.return_code is None
