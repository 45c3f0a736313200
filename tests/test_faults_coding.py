"""Coding while the database cannot take a write (issue #11 item 3, for coding): another
process holds the write lock, the disk is full, the file is read-only. The coding keys go
on working, the panel shows what waits, nothing is lost across a quit, and u takes back
what has not been written yet."""

from __future__ import annotations

import shutil
import sqlite3

from helpers_ui import hold_lock, record_notifications, release, until
from test_coding_ui import TITLE, ready, stored
from test_faults import _status_bar, make_readonly

from sahel_tui.demo import demo_config
from sahel_tui.store import decisions, open_store
from sahel_tui.store.pending import side_file_for
from sahel_tui.ui.app import SahelApp


def _demo_copy(demo_db, tmp_path):
    db = tmp_path / "demo.db"
    shutil.copy(demo_db, db)
    conn = open_store(db)
    item_id = conn.execute("SELECT id FROM items WHERE title LIKE ?", (TITLE,)).fetchone()[0]
    decisions.put_state(conn, query="", item=str(item_id))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db, item_id


def _status(db, item_id: int) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT status FROM items WHERE id = ?", (item_id,)).fetchone()[0]
    finally:
        conn.close()


async def _until_written(pilot, app) -> None:
    await until(pilot, lambda: not app.writes)  # the retry every second writes them


async def test_coding_keys_work_while_another_process_holds_the_lock(
        demo_db, tmp_path):
    db, item_id = _demo_copy(demo_db, tmp_path)
    app = SahelApp(demo_config(db=db), demo=True, coder="tester")
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        screen = app.screen
        holder = hold_lock(db)
        try:
            # edit a facet of the suggestion: the draft waits, the panel says so
            await pilot.press("e")
            await pilot.pause()
            second = app.screen.items[1].value
            await pilot.press("2")  # picks the second option
            await pilot.pause()
            assert app.is_running and holder.poll() is None  # still locked
            st = screen.coding
            assert st.item_id == item_id and st.current.pending
            assert "pending" in screen.panel.plain
            # accept: it waits behind the draft; the app moves on at once
            await pilot.press("enter")
            await pilot.pause()
            assert screen.items.current.id != item_id and holder.poll() is None
            # an edit on the accepted item while its storing waits goes with it
            await pilot.press("k")  # back up to it
            await pilot.pause()
            while screen.items.current.id != item_id:
                await pilot.press("k")
                await pilot.pause()
            assert screen.coding.current.pending and screen.coding is st
            await pilot.press("number_sign", *"9/11/14", "enter")
            await pilot.pause()
            assert st.current.fields["fatalities"] == 9
            # another item: dismissed, then taken back with u while still pending
            await pilot.press("j")
            await pilot.pause()
            other = screen.items.current.id
            await pilot.press("x")
            await pilot.pause()
            waiting = len(app.writes)
            await pilot.press("u")
            await pilot.pause()
            assert len(app.writes) == waiting - 1 and holder.poll() is None
            assert "pending" in _status_bar(app) and app.is_running
            assert stored(db, item_id) == []  # nothing written while the lock is held
        finally:
            release(holder)
        await _until_written(pilot, app)
        assert not app.writes and "pending" not in _status_bar(app)
        await ready(pilot)
        if screen.items.current.id == item_id:
            assert not screen.coding.waiting
    (event,) = stored(db, item_id)
    assert event.sub_event_type == second and event.fatalities == 9
    assert (event.fatalities_best, event.fatalities_high) == (11, 14)
    assert _status(db, item_id) == "coded" and _status(db, other) == "new"


async def test_u_takes_back_an_accept_still_pending_and_keeps_its_values_as_a_draft(
        demo_db, tmp_path):
    db, item_id = _demo_copy(demo_db, tmp_path)
    app = SahelApp(demo_config(db=db), demo=True, coder="tester")
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        screen = app.screen
        holder = hold_lock(db)
        try:
            await pilot.press("number_sign", *"5", "enter")  # a draft change, pending
            await pilot.press("enter")  # accept, pending
            await pilot.pause()
            assert len(app.writes) == 2
            await pilot.press("u")  # the accept is taken back; the values stay as a draft
            await pilot.pause()
            ops = [w.op for w in app.writes.waiting if w.op != "state"]
            assert len(app.writes) == 2 and ops == ["draft", "draft"]
        finally:
            release(holder)
        await _until_written(pilot, app)
        assert not app.writes
        screen.items.go_to(screen.items.rows[0])  # anywhere, then back to the item
        await ready(pilot)
    assert stored(db, item_id) == []
    conn = open_store(db)
    assert decisions_of(conn) == [] and _draft_fatalities(conn, item_id) == 5
    conn.close()


def decisions_of(conn) -> list:
    return conn.execute("SELECT action FROM decisions WHERE target LIKE 'event%'").fetchall()


def _draft_fatalities(conn, item_id: int) -> int:
    from sahel_tui.store import drafts

    return drafts.load(conn, item_id)[0]["fatalities"]


async def test_coding_pending_at_quit_is_written_at_the_next_start(demo_db, tmp_path):
    db, item_id = _demo_copy(demo_db, tmp_path)
    app = SahelApp(demo_config(db=db), demo=True, coder="tester")
    shown = record_notifications(app)
    holder = None
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await ready(pilot)
            holder = hold_lock(db)
            await pilot.press("number_sign", *"7", "enter", "enter")  # draft, then accept
            await pilot.pause()
            assert len(app.writes) == 2
            told = [m for t, m in shown if t == "Decision pending"]
            assert len(told) == 1  # once, not again for each key or remembered position
            await pilot.press("q")  # the coding is kept beside the database; the app goes
            await pilot.pause()
    finally:
        if holder is not None:
            release(holder)
    side = side_file_for(db)
    assert side.exists() and '"code"' in side.read_text("utf-8")
    assert stored(db, item_id) == []
    app = SahelApp(demo_config(db=db), demo=True, coder="tester")
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        assert not app.writes
    (event,) = stored(db, item_id)
    assert event.fatalities == 7 and not side.exists()
    # and it is one undoable decision, like any other coding
    conn = open_store(db)
    assert decisions.undo(conn, "tester").action == "code"
    conn.close()
    assert stored(db, item_id) == []


async def test_a_full_disk_during_coding_keeps_the_coding_pending(demo_db, tmp_path):
    db, _ = _demo_copy(demo_db, tmp_path)
    app = SahelApp(demo_config(db=db), demo=True, coder="tester")
    shown = record_notifications(app)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        screen = app.screen
        pages = app.conn.execute("PRAGMA page_count").fetchone()[0]
        app.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        app.conn.execute(f"PRAGMA max_page_count = {pages}")  # not one page more
        accepted = []
        for _ in range(60):  # accept items until one needs a page the disk does not have
            await ready(pilot)
            st = screen.coding
            if st is None or not st.drafts:
                await pilot.press("j")
                continue
            accepted.append(st.item_id)
            await pilot.press("enter")
            await pilot.pause()
            if app.writes:
                break
        assert app.is_running and len(app.writes) == 1 and "disk full" in _status_bar(app)
        assert st.current.pending and stored(db, accepted[-1]) == []
        await pilot.press("j", "k")  # moving on: remembered positions wait too, unsaid
        # the position is remembered 0.5 s after the last move
        assert await until(pilot, lambda: any(w.op == "state" for w in app.writes.waiting))
        told = [m for t, m in shown if t == "Decision pending"]
        assert len(told) == 1
        app.conn.execute(f"PRAGMA max_page_count = {pages + 5000}")  # space is back
        await _until_written(pilot, app)
        assert not app.writes
    assert all(stored(db, i) for i in accepted)


async def test_coding_on_a_read_only_database_is_refused_with_a_message(
        demo_db, tmp_path, request):
    db, _ = _demo_copy(demo_db, tmp_path)
    for side in ("-wal", "-shm"):
        db.with_name(db.name + side).unlink(missing_ok=True)
    conn = sqlite3.connect(db)
    events_before = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    conn.close()
    make_readonly(db, request)
    app = SahelApp(demo_config(db=db), demo=True, coder="tester")
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        assert app.readonly
        await pilot.press("number_sign", *"7", "enter")
        await pilot.press("enter")
        await pilot.pause()
        said = " ".join(str(n.message) for n in app._notifications)
        assert app.is_running and "read-only" in said and not app.writes
    conn = open_store(db, readonly=True)
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == events_before
    conn.close()
