"""Nothing typed is lost: values confirmed in a picker on an item not coded yet are kept as a
draft, whichever way the analyst leaves the item (j/k, n, /, q and reopen, a crash), and
tab confirms what the picker holds before it opens the next facet."""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers_ui import WAIT_SECONDS, ready

from sahel_tui.demo import demo_config
from sahel_tui.store import decisions, open_store
from sahel_tui.store import drafts as store_drafts
from sahel_tui.store.events import events_for_item
from sahel_tui.ui.app import SahelApp

TITLE = "Niger : au moins 13 morts dans une embuscade%"


@pytest.fixture
def demo_copy(demo_db, tmp_path):
    db = tmp_path / "demo.db"
    shutil.copy(demo_db, db)
    conn = open_store(db)
    item_id = conn.execute("SELECT id FROM items WHERE title LIKE ?", (TITLE,)).fetchone()[0]
    decisions.put_state(conn, query="", item=str(item_id))
    conn.close()
    return db, item_id


def new_app(db) -> SahelApp:
    return SahelApp(demo_config(db=db), demo=True, coder="tester")


def highlighted(app):
    picker = app.screen
    return picker.items[picker.query_one("OptionList").highlighted].value


async def code_every_facet(pilot, confirm: str) -> dict:
    """Set every facet, each confirmed with ``confirm`` (tab or enter). Returns the expected
    field values."""
    app = pilot.app
    expect = {}

    async def facet(open_keys, typed, key=confirm):
        if open_keys:
            await pilot.press(*open_keys)
        await pilot.press(*typed)
        await pilot.pause()
        value = highlighted(app)
        await pilot.press(key)
        await pilot.pause()
        return value

    tab = confirm == "tab"
    actor = await facet(["a"], "wagner")
    expect["actor1"] = actor.name
    if not tab:
        await pilot.press("a", "tab")  # untouched: tab moves on and changes nothing
    actor2 = await facet([], "jnim")
    expect["actor2"] = actor2.name
    place = await facet([] if tab else ["l"], "gao")
    expect["location"] = place.name
    sub = await facet([] if tab else ["e"], "abduction")
    expect["sub_event_type"] = sub
    await facet([] if tab else ["d"], "2026-11-10")
    expect["event_date"] = "2026-11-10"
    await facet([] if tab else ["number_sign"], "17/20/25")
    expect.update(fatalities=17, fatalities_best=20, fatalities_high=25)
    if not tab:
        await pilot.press("c")
    await pilot.press("a", "1", "enter")
    await pilot.pause()
    expect.update(reliability="A", credibility=1)
    assert type(app.screen).__name__ == "TriageScreen"
    return expect


def check(fields: dict, expect: dict) -> None:
    for key, value in expect.items():
        assert fields[key] == value, key


def draft_fields(app) -> dict:
    st = app.screen.coding
    assert st is not None and not st.stored
    return st.current.fields


@pytest.mark.parametrize("confirm", ["tab", "enter"])
@pytest.mark.parametrize("leave", ["jk", "n", "search"])
async def test_draft_survives_leaving_the_item(demo_copy, confirm, leave):
    db, item_id = demo_copy
    app = new_app(db)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        expect = await code_every_facet(pilot, confirm)
        check(draft_fields(app), expect)
        if leave == "jk":
            await pilot.press("j")
            await ready(pilot)
            assert app.screen.items.current.id != item_id
            await pilot.press("k")
        elif leave == "n":
            await pilot.press("n")
            await ready(pilot)
            assert app.screen.items.current.id != item_id
            await pilot.press("p")
        else:
            await pilot.press("slash", *"niger", "enter")
            await ready(pilot)
            await pilot.press("escape")  # back to every item, on the same one
            await ready(pilot)
            app.screen.items.go_to(app.screen.items.current)
            if app.screen.items.current.id != item_id:
                from sahel_tui.store import views

                app.screen.items.go_to(views.row_at(app.conn, app.screen.query_, item_id))
        await ready(pilot)
        assert app.screen.items.current.id == item_id
        assert app.screen.items.current.coding == "✎ draft"  # the list marks it
        check(draft_fields(app), expect)
        await pilot.press("enter")  # and it is what gets stored
        await ready(pilot)
    (event,) = events_for_item(open_store(db), item_id)
    check(event.__dict__, expect)


async def test_draft_survives_quit_and_reopen(demo_copy):
    db, item_id = demo_copy
    app = new_app(db)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        expect = await code_every_facet(pilot, "tab")
        await pilot.press("q")
    app = new_app(db)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        assert app.screen.items.current.id == item_id
        check(draft_fields(app), expect)
        assert "draft kept" in app.screen.panel.plain


async def test_draft_survives_a_crash(demo_copy, tmp_path):
    """kill -9: the files on disk as they are while the app still runs (no clean close, the
    WAL not checkpointed) are what the next start finds."""
    db, item_id = demo_copy
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    app = new_app(db)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        expect = await code_every_facet(pilot, "enter")
        for suffix in ("", "-wal", "-shm"):
            src = db.with_name(db.name + suffix)
            if src.exists():
                shutil.copy(src, crashed / (db.name + suffix))
    app = new_app(crashed / db.name)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        assert app.screen.items.current.id == item_id
        check(draft_fields(app), expect)


async def test_draft_survives_kill_9(demo_copy):
    """A real kill -9: the app runs in a child process; once the facets are confirmed and the
    draft is in the database, SIGKILL (no clean close, no checkpoint), then reopen."""
    db, item_id = demo_copy
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("helpers_crash.py")), str(db), "enter"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        # a hung child must not hang the suite: wait for its line at most 3 minutes
        ready_to_read, _, _ = select.select([child.stdout], [], [], 180)
        line = child.stdout.readline() if ready_to_read else ""
        if not line:
            child.kill()
            pytest.fail("the child app ended or hung before editing: "
                        + child.stderr.read()[-2000:])
        said = json.loads(line)
        assert said["item"] == item_id
        expect = said["expect"]
        # the draft is committed (a reader on another connection sees it) before the kill
        reader = sqlite3.connect(db)
        deadline = time.monotonic() + WAIT_SECONDS  # reached only if it never arrives
        while True:
            kept = store_drafts.load(reader, item_id)
            if kept and all(kept[0].get(k) == v for k, v in expect.items()):
                break
            if time.monotonic() > deadline:
                pytest.fail(f"the draft never reached the database: {kept}")
            time.sleep(0.05)
        reader.close()
        assert child.poll() is None, "the child must still be running when killed"
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert db.with_name(db.name + "-wal").exists()  # killed: nothing closed it cleanly
    app = new_app(db)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        assert app.screen.items.current.id == item_id
        assert app.screen.items.current.coding == "✎ draft"
        check(draft_fields(app), expect)
        assert "draft kept" in app.screen.panel.plain
        await pilot.press("enter")  # and it is what gets stored
        await ready(pilot)
    (event,) = events_for_item(open_store(db), item_id)
    check(event.__dict__, expect)


async def test_escape_drops_only_what_the_picker_holds(demo_copy):
    db, _item_id = demo_copy
    app = new_app(db)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        before = dict(draft_fields(app))
        await pilot.press("d", *"2026-11-10", "escape")
        await pilot.press("number_sign", *"99", "escape")
        await pilot.pause()
        assert draft_fields(app) == before
        assert app.screen.coding.drafted is False
        await pilot.press("d", *"2026-11-10", "enter")
        await pilot.press("d", *"2026-11-11", "escape")
        await pilot.pause()
        assert draft_fields(app)["event_date"] == "2026-11-10"


async def test_undo_takes_back_the_current_items_draft_first(demo_copy):
    db, item_id = demo_copy
    app = new_app(db)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        await pilot.press("x")  # a decision on another item first
        await ready(pilot)
        other = app.screen.items.current.id
        assert other != item_id
        suggested = draft_fields(app)["event_date"]
        await pilot.press("d", *"2026-11-10", "enter")
        await pilot.press("number_sign", *"17", "enter")
        await pilot.pause()
        await pilot.press("u")
        await ready(pilot)
        assert app.screen.items.current.id == other  # did not jump back
        fields = draft_fields(app)
        assert fields["event_date"] == "2026-11-10" and fields["fatalities"] != 17
        await pilot.press("u")
        await ready(pilot)
        assert draft_fields(app)["event_date"] == suggested
        assert app.screen.items.current.coding == ""
        await pilot.press("u")  # nothing left on this item: the dismissal comes back
        await ready(pilot)
        assert app.screen.items.current.id == item_id
    status = sqlite3.connect(db).execute("SELECT status FROM items WHERE id = ?", (item_id,))
    assert status.fetchone()[0] == "new"
