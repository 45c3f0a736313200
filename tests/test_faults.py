"""Faults of the disk, the lock, the file and the processes: never a traceback, never a crash,
nothing committed lost (issue #11).

Each case uses the real thing where the machine allows it: subprocesses racing, a file
the OS refuses to write (chmod, or chattr +i when running as root), SQLite's own page
limit for a full disk, pages overwritten with garbage.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers_feeds import make_config, news_items, rss
from helpers_http import Response
from helpers_ui import hold_lock, release, until, workers_done

from sahel_tui import cli
from sahel_tui.config import FeedConfig
from sahel_tui.ingest.sync import sync
from sahel_tui.store import open_store
from sahel_tui.store.db import is_readonly, open_to_read
from sahel_tui.store.faults import StoreFault, explain, fault_of

EXE = [sys.executable, "-m", "sahel_tui.cli"]


def _run(args: list[str], **kw) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.run(EXE + args, capture_output=True, text=True, timeout=120, env=env, **kw)


def write_feeds_toml(tmp_path: Path, urls: list[str], db: Path) -> Path:
    lines = [f'[settings]\ndatabase = "{db}"\n']
    for i, url in enumerate(urls):
        lines.append(f'[[feeds]]\nurl = "{url}"\nname = "Feed {i}"\n')
    path = tmp_path / "feeds.toml"
    path.write_text("\n".join(lines), "utf-8")
    return path


def file_feed(tmp_path: Path, name: str, body: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(body)
    return path.as_uri()


@pytest.fixture
def fetched_db(tmp_path) -> tuple[Path, Path]:
    """A database with one feed fetched into it, and its feeds.toml."""
    db = tmp_path / "db" / "sahel.db"
    url = file_feed(tmp_path, "a.xml", rss(news_items(5)))
    cfg = write_feeds_toml(tmp_path, [url], db)
    r = _run(["fetch", "--config", str(cfg)])
    assert r.returncode == 0, r.stderr
    return db, cfg


def make_readonly(path: Path, request) -> None:
    """The OS refuses to write ``path``: chmod for a user, chattr +i for root (whom
    permissions do not stop). Skips where neither works."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        request.addfinalizer(lambda: path.chmod(0o644))
        return
    if shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: cannot make a file read-only")
    r = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
    if r.returncode != 0:
        pytest.skip(f"chattr +i refused here: {r.stderr.decode().strip()}")
    request.addfinalizer(lambda: subprocess.run(["chattr", "-i", str(path)]))


def no_traceback(r: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout, r.stderr


# -- read-only ------------------------------------------------------------------------------


def test_read_only_database_fetch_refuses_with_a_message_export_still_works(
        fetched_db, tmp_path, request):
    db, cfg = fetched_db
    for side in ("-wal", "-shm"):  # a copy as it arrives: the main file only
        Path(str(db) + side).unlink(missing_ok=True)
    make_readonly(db, request)
    r = _run(["fetch", "--config", str(cfg)])
    no_traceback(r)
    assert r.returncode == 2 and "read-only" in r.stderr
    r = _run(["export", "--items", "--config", str(cfg)])
    no_traceback(r)
    assert r.returncode == 0 and r.stdout.count("\n") == 6  # header and 5 items
    r = _run(["feeds", "--config", str(cfg)])
    no_traceback(r)
    assert r.returncode == 0 and "read-only" in r.stderr and "5 items" in r.stdout
    r = _run(["stats", "--config", str(cfg)])
    no_traceback(r)
    assert r.returncode == 0


def test_read_only_open_is_flagged(fetched_db, request):
    db, _ = fetched_db
    make_readonly(db, request)
    with pytest.raises(StoreFault) as caught:
        open_store(db)
    assert caught.value.kind == "readonly" and str(db) in str(caught.value)
    conn = open_to_read(db)
    assert is_readonly(conn)
    assert conn.execute("SELECT count(*) FROM items").fetchone()[0] == 5
    with pytest.raises(sqlite3.OperationalError) as err:
        conn.execute("UPDATE items SET status = 'flagged'")
    assert fault_of(err.value) == "readonly"
    conn.close()


# -- creation race ---------------------------------------------------------------------------


def _create(path: str, barrier, results) -> None:
    barrier.wait()
    try:
        open_store(path).close()
        results.put("ok")
    except Exception as exc:  # reported to the test
        results.put(f"{type(exc).__name__}: {exc}")


def test_two_processes_creating_the_database_at_once_both_succeed(tmp_path):
    ctx = multiprocessing.get_context("fork")
    outcomes = []
    for i in range(12):
        path = str(tmp_path / f"race{i}.db")
        barrier, results = ctx.Barrier(2), ctx.Queue()
        procs = [ctx.Process(target=_create, args=(path, barrier, results)) for _ in range(2)]
        for p in procs:
            p.start()
        outcomes += [results.get(timeout=60) for _ in procs]
        for p in procs:
            p.join(timeout=30)
    assert outcomes == ["ok"] * len(outcomes), [o for o in outcomes if o != "ok"]


# -- full disk ---------------------------------------------------------------------------------


def _limit_pages(monkeypatch, extra_pages: int) -> None:
    """Every store the sync opens can grow by ``extra_pages`` pages only: a full disk as
    SQLite sees it (SQLITE_FULL at the write that needs one more page)."""
    import sahel_tui.ingest.sync as sync_module

    real = sync_module.open_store

    def limited(path, **kw):
        conn = real(path, **kw)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + extra_pages}")
        return conn

    monkeypatch.setattr(sync_module, "open_store", limited)


def test_full_disk_fetch_says_so_and_keeps_what_was_stored(tmp_path, monkeypatch, capsys):
    db = tmp_path / "db" / "sahel.db"
    small = file_feed(tmp_path, "small.xml", rss(news_items(3)))
    cfg = write_feeds_toml(tmp_path, [small], db)
    assert cli.main(["fetch", "--config", str(cfg)]) == 0
    big = [file_feed(tmp_path, f"big{i}.xml",
                     rss(news_items(300, prefix=f"https://big{i}.example/")))
           for i in range(3)]
    cfg = write_feeds_toml(tmp_path, [small, *big], db)
    _limit_pages(monkeypatch, 20)
    capsys.readouterr()
    status = cli.main(["fetch", "--config", str(cfg), "--force"])
    out = capsys.readouterr()
    assert status == 1
    assert "disk is full" in out.err and "Traceback" not in out.err
    conn = open_store(db)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM items WHERE link LIKE 'https://sahelwire%'"
                        ).fetchone()[0] == 3
    conn.close()


def test_full_disk_import_says_so_and_changes_nothing(tmp_path, monkeypatch, capsys):
    from test_export_fixture import build

    build(tmp_path / "a.db")
    src = tmp_path / "export.jsonl"
    assert cli.main(["export", "--db", str(tmp_path / "a.db"), "--format", "jsonl",
                     "--out", str(src)]) == 0
    db = tmp_path / "target.db"
    open_store(db).close()
    import sahel_tui.exchange.commands as commands

    real = commands._open

    def limited(args, **kw):
        conn, error = real(args, **kw)
        conn.execute("PRAGMA max_page_count = "
                     f"{conn.execute('PRAGMA page_count').fetchone()[0]}")
        return conn, error

    monkeypatch.setattr(commands, "_open", limited)
    capsys.readouterr()
    status = cli.main(["import", "--db", str(db), str(src)])
    out = capsys.readouterr()
    assert status == 2 and "disk is full" in out.err and "Traceback" not in out.err
    conn = open_store(db)
    assert conn.execute("SELECT count(*) FROM items").fetchone()[0] == 0
    conn.close()


# -- feed status after a 304 -------------------------------------------------------------------


def test_a_feed_that_failed_to_parse_stays_failed_after_a_304(tmp_path, server):
    state = {"n": 0}

    def handler(req):
        state["n"] += 1
        if req.headers.get("if-none-match") == '"broken"':
            return Response(304, headers={"ETag": '"broken"'})
        return Response(body=b"<html>not a feed</html>", content_type="text/html",
                        headers={"ETag": '"broken"'})

    url = server.route("/feed.xml", handler)
    config = make_config(tmp_path, [FeedConfig(url=url, name="Broken")])
    first = sync(config)
    assert len(first.failed) == 1
    second = sync(config, force=True)
    assert server.requests_for("/feed.xml")[-1].headers.get("if-none-match") == '"broken"'
    assert len(second.failed) == 1 and "0/1 feeds ok" in second.summary()
    conn = open_store(config.settings.database)
    row = conn.execute("SELECT last_error, error_count FROM feeds").fetchone()
    assert row["last_error"] and row["error_count"] == 2
    conn.close()


# -- processes ---------------------------------------------------------------------------------


def test_feeds_piped_into_head_ends_without_a_traceback(tmp_path):
    db = tmp_path / "sahel.db"
    urls = [f"https://outlet{i}.example/feed.xml" for i in range(3000)]
    cfg = write_feeds_toml(tmp_path, urls, db)
    cmd = " ".join(EXE) + f" feeds --config {cfg} | head -n 2"
    r = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=120)
    assert r.stdout.count("\n") == 2
    assert "Traceback" not in r.stderr and "BrokenPipe" not in r.stderr, r.stderr


_ORPHAN_SCRIPT = """
import multiprocessing, os, sys, time
from sahel_tui.ingest.sync import new_pool
pool = new_pool(multiprocessing.get_context(sys.argv[1]), workers=2)
futures = [pool.submit(time.sleep, 120) for _ in range(2)]
time.sleep(0.5)
print(" ".join(str(p) for p in pool._processes), flush=True)
time.sleep(120)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux")
@pytest.mark.parametrize("method", ["fork", "forkserver"])
def test_parse_workers_die_with_a_killed_fetch(method):
    proc = subprocess.Popen([sys.executable, "-c", _ORPHAN_SCRIPT, method],
                            stdout=subprocess.PIPE, text=True)
    try:
        pids = [int(p) for p in proc.stdout.readline().split()]
        assert len(pids) == 2
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + 10
    alive = pids
    while alive and time.monotonic() < deadline:
        alive = [p for p in pids if _alive(p)]
        time.sleep(0.05)
    for p in alive:  # do not leave them behind if the test fails
        os.kill(p, signal.SIGKILL)
    assert not alive


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ", 1)[1][0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


# -- messages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("message,kind,words", [
    ("database or disk is full", "full", "disk is full"),
    ("attempt to write a readonly database", "readonly", "read-only"),
    ("database is locked", "locked", "busy"),
    ("database disk image is malformed", "corrupt", "sahel-tui check --repair"),
])
def test_each_fault_is_explained(message, kind, words):
    exc = sqlite3.OperationalError(message)
    assert fault_of(exc) == kind
    text = explain(exc, "/data/sahel.db")
    assert words in text and text.startswith("/data/sahel.db: ")


# -- the app ---------------------------------------------------------------------------------


def _ui_config(tmp_path):
    from uidata import make_db

    return make_db(tmp_path / "ui.db")


async def _settle(pilot) -> None:
    await workers_done(pilot.app)
    await pilot.pause()


def _status_bar(app) -> str:
    from sahel_tui.ui.statusbar import StatusBar

    return app.screen.query_one(StatusBar)._render_text().plain


def _statuses(config) -> dict[int, str]:
    conn = sqlite3.connect(config.settings.database)
    try:
        return dict(conn.execute("SELECT id, status FROM items"))
    finally:
        conn.close()


async def test_app_on_a_read_only_database_reads_and_refuses_decisions(tmp_path, request):
    from sahel_tui.ui.app import SahelApp
    from sahel_tui.ui.item_list import ItemList

    config = _ui_config(tmp_path)
    db = config.settings.database
    before = _statuses(config)
    for side in ("-wal", "-shm"):
        Path(str(db) + side).unlink(missing_ok=True)
    make_readonly(db, request)
    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        assert app.readonly and "READ-ONLY" in _status_bar(app)
        assert app.screen.query_one(ItemList).current is not None  # reading works
        await pilot.press("x", "!", "u")
        await pilot.press("slash", *"mali", "enter")  # searching works
        await _settle(pilot)
        app.flush_writes()  # the retry tick, run here rather than waited for: nothing
        await pilot.pause()  # queued, nothing raised
        assert app.is_running and not app.writes
    assert app.return_code in (0, None)
    assert _statuses(config) == before


async def test_decisions_made_while_another_process_holds_the_lock_are_written_after(tmp_path):
    from sahel_tui.ui.app import SahelApp
    from sahel_tui.ui.item_list import ItemList

    config = _ui_config(tmp_path)
    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        holder = hold_lock(config.settings.database)
        try:
            dismissed = []
            for _ in range(4):  # keys pressed across several retry ticks while it is held
                dismissed.append(app.screen.query_one(ItemList).current.id)
                await pilot.press("x")
                await pilot.pause(2.5)
                assert app.is_running
            assert len(app.writes) == 4 and "4 decisions pending" in _status_bar(app)
            await pilot.press("u")  # takes back the last one, still pending
            assert len(app.writes) == 3
            assert all(s == "new" for s in _statuses(config).values())
        finally:
            release(holder)
        assert await until(pilot, lambda: not app.writes)  # the retry every second
        await pilot.pause()
        assert "pending:" not in _status_bar(app)
    statuses = _statuses(config)
    assert [statuses[i] for i in dismissed] == ["dismissed"] * 3 + ["new"]


async def test_a_full_disk_keeps_the_decision_pending_until_space_returns(tmp_path):
    from sahel_tui.ui.app import SahelApp
    from sahel_tui.ui.item_list import ItemList

    config = _ui_config(tmp_path)
    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        pages = app.conn.execute("PRAGMA page_count").fetchone()[0]
        app.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        app.conn.execute(f"PRAGMA max_page_count = {pages}")
        ids = []
        for _ in range(200):  # until one needs a new page
            ids.append(app.screen.query_one(ItemList).current.id)
            await pilot.press("x")
            if len(app.writes):
                break
        assert len(app.writes) == 1 and "disk full" in _status_bar(app) and app.is_running
        app.conn.execute(f"PRAGMA max_page_count = {pages + 1000}")  # space is back
        await until(pilot, lambda: not app.writes)  # the retry every second
        assert not app.writes, (app.writes.waiting, app.writes.reason)
    statuses = _statuses(config)
    assert all(statuses[i] == "dismissed" for i in ids)


async def test_pending_decisions_outlive_a_quit_and_are_written_at_the_next_start(tmp_path):
    from sahel_tui.store.pending import side_file_for
    from sahel_tui.ui.app import SahelApp
    from sahel_tui.ui.item_list import ItemList

    config = _ui_config(tmp_path)
    holder = None
    app = SahelApp(config, coder="tester")
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await _settle(pilot)
            holder = hold_lock(config.settings.database)
            target = app.screen.query_one(ItemList).current.id
            await pilot.press("x")
            assert len(app.writes) == 1
            await pilot.press("q")
    finally:
        if holder is not None:
            release(holder)
    side = side_file_for(config.settings.database)
    assert side.exists() and _statuses(config)[target] == "new", side.read_text()
    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        assert not app.writes
    assert _statuses(config)[target] == "dismissed" and not side.exists(), app.writes.waiting


def damage(path: Path, offset_pages: int = 2, size: int = 8192) -> None:
    """Overwrite ``size`` bytes from page ``offset_pages`` with garbage (not the header)."""
    page = sqlite3.connect(path).execute("PRAGMA page_size").fetchone()[0]
    with open(path, "r+b") as f:
        f.seek(page * offset_pages)
        f.write(bytes((i * 37 + 11) % 256 for i in range(size)))


def _checkpointed(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()


async def test_app_on_a_damaged_database_names_it_and_stays_up(tmp_path):
    from sahel_tui.ui.app import SahelApp

    config = _ui_config(tmp_path)
    db = config.settings.database
    _checkpointed(db)
    damage(db)
    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await pilot.press("j", "x", "slash", *"mali", "enter", "t")
        await _settle(pilot)
        assert app.is_running and app.damaged and "DAMAGED" in _status_bar(app)


# -- damaged pages: check and repair ---------------------------------------------------------


@pytest.fixture
def damaged_db(tmp_path) -> tuple[Path, Path, int]:
    """A fetched database of 600 items with one of the items table's leaf pages (in the
    middle) overwritten with garbage. Returns (db, feeds.toml, items before)."""
    db = tmp_path / "db" / "sahel.db"
    url = file_feed(tmp_path, "a.xml", rss(news_items(600)))
    cfg = write_feeds_toml(tmp_path, [url], db)
    config = make_config(tmp_path, [FeedConfig(url=url, name="Feed 0")], database=db)
    assert not sync(config).failed
    _checkpointed(db)
    conn = sqlite3.connect(db)
    try:
        leaves = [r[0] for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'items' AND pagetype = 'leaf' "
            "ORDER BY pageno")]
        page = conn.execute("PRAGMA page_size").fetchone()[0]
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table to find the items' pages")
    finally:
        conn.close()
    assert len(leaves) > 10
    with open(db, "r+b") as f:
        f.seek((leaves[len(leaves) // 2] - 1) * page + 8)  # the cells, past the page header
        f.write(bytes((i * 37 + 11) % 256 for i in range(page - 16)))
    return db, cfg, 600


def test_check_names_the_damage_and_repair_saves_the_rest_into_a_new_file(damaged_db, tmp_path):
    import hashlib

    db, cfg, total = damaged_db
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    r = _run(["check", "--config", str(cfg)])
    no_traceback(r)
    assert r.returncode == 1 and "damaged" in r.stdout and "--repair" in r.stdout
    out = tmp_path / "saved.db"
    r = _run(["check", "--repair", "--out", str(out), "--config", str(cfg)])
    no_traceback(r)
    assert r.returncode == 0, r.stdout + r.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before  # the damaged file is kept
    conn = open_store(out)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    saved = conn.execute("SELECT count(*) FROM items").fetchone()[0]
    assert total * 0.9 < saved < total  # one page's rows lost, the rest saved
    # the full-text index was rebuilt for what was saved
    assert conn.execute("SELECT count(*) FROM items_fts").fetchone()[0] == saved
    assert conn.execute("SELECT count(*) FROM feeds").fetchone()[0] == 1
    conn.close()
    r = _run(["check", "--db", str(out)])
    assert r.returncode == 0 and "ok" in r.stdout


def test_commands_on_a_damaged_database_say_so_without_a_traceback(damaged_db, tmp_path):
    _, cfg, _ = damaged_db
    for args in (["export", "--items"],
                 ["backup", str(tmp_path / "copy.db")]):
        r = _run([*args, "--config", str(cfg)])
        no_traceback(r)
        assert r.returncode != 0, args
        assert "damaged" in r.stderr + r.stdout and "sahel-tui check" in r.stderr + r.stdout, args


def test_fetch_stops_writing_into_a_damaged_database(damaged_db, tmp_path):
    """The whole file is checked before the first fetch of a day (here: the last check
    was two days ago)."""
    db, _, _ = damaged_db
    conn = sqlite3.connect(db)
    conn.execute("UPDATE app_state SET value = '2000-01-01T00:00:00Z' WHERE key = 'checked_at'")
    conn.commit()
    conn.close()
    more = file_feed(tmp_path, "b.xml", rss(news_items(50, prefix="https://other.example/")))
    urls = [(tmp_path / "a.xml").as_uri(), more]
    cfg = write_feeds_toml(tmp_path, urls, db)
    r = _run(["fetch", "--force", "--config", str(cfg)])
    no_traceback(r)
    assert r.returncode != 0 and "damaged" in r.stderr and "sahel-tui check" in r.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM feeds").fetchone()[0] == 1  # nothing written
    conn.close()


# -- in-app refresh of a big feed -----------------------------------------------------------------


async def test_r_in_the_app_stores_a_feed_of_more_than_a_megabyte(tmp_path):
    """A body of >= 1 MB is parsed in worker processes; started from inside the app they
    failed with 'bad value(s) in fds_to_keep' (Textual's stderr has no descriptor)."""
    from sahel_tui.ingest.sync import POOL_MIN_BYTES
    from sahel_tui.ui.app import SahelApp

    body = rss(news_items(700, words="Gao Tombouctou Ménaka Kidal Mopti " * 40))
    assert len(body) > POOL_MIN_BYTES
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: big feeds are parsed in a thread, no worker is started")
    url = file_feed(tmp_path, "big.xml", body)
    config = _ui_config(tmp_path)
    config.feeds.append(FeedConfig(url, "Big Feed"))
    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await pilot.press("r")
        await until(pilot, lambda: not app.syncing)
        await _settle(pilot)
        assert "internal error" not in app.fetch_state and "1 failed" not in app.fetch_state
        assert "700 new" in app.fetch_state or "2/2 feeds ok" in app.fetch_state, app.fetch_state
    conn = sqlite3.connect(config.settings.database)
    n = conn.execute("SELECT count(*) FROM items WHERE link LIKE 'https://sahelwire%'"
                     ).fetchone()[0]
    conn.close()
    assert n == 700


# -- a real small disk -----------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path, request) -> Path:
    """A 2 MB file system (tmpfs), where the machine lets us mount one (root with the
    capability); else the test is skipped and the max_page_count tests above stand in."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small file system needs root on Linux")
    mnt = tmp_path / "disk"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mnt)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.strip()}")
    request.addfinalizer(lambda: subprocess.run(["umount", "-l", str(mnt)]))
    return mnt


def test_fetch_onto_a_full_file_system_says_so_and_keeps_what_was_stored(small_disk, tmp_path):
    db = small_disk / "sahel.db"
    small = file_feed(tmp_path, "small.xml", rss(news_items(3)))
    cfg = write_feeds_toml(tmp_path, [small], db)
    assert _run(["fetch", "--config", str(cfg)]).returncode == 0
    free = os.statvfs(small_disk)
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * max(0, free.f_bavail * free.f_frsize - 48 * 1024))
    big = file_feed(tmp_path, "big.xml", rss(news_items(600, prefix="https://big.example/")))
    cfg = write_feeds_toml(tmp_path, [small, big], db)
    r = _run(["fetch", "--force", "--config", str(cfg)])
    no_traceback(r)
    assert r.returncode != 0 and "disk is full" in r.stderr, r.stderr
    filler.unlink()
    r = _run(["check", "--db", str(db)])
    assert r.returncode == 0, r.stdout
    conn = open_store(db)
    assert conn.execute("SELECT count(*) FROM items WHERE link LIKE 'https://sahelwire%'"
                        ).fetchone()[0] == 3
    conn.close()


async def test_a_list_on_damaged_pages_says_so_instead_of_no_items(damaged_db):
    from sahel_tui.config import load_config
    from sahel_tui.ui.app import SahelApp
    from sahel_tui.ui.item_list import ItemList

    _, cfg, _ = damaged_db
    app = SahelApp(load_config(cfg), coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        items = app.screen.query_one(ItemList)
        assert "damaged" in items.empty_message and "No items" not in items.empty_message
        await pilot.press("slash", *"report", "enter", "j", "x")
        await _settle(pilot)
        assert app.is_running and app.damaged and "DAMAGED" in _status_bar(app)
        assert "*** in database main" not in app.damaged  # the first problem, not a heading


async def test_damage_met_by_a_background_reader_is_named_at_the_first_error(tmp_path):
    """Not only the check at start: a worker (counts, suggestions, tallies) that meets a
    damaged page names the file at once; a busy read stays quiet."""
    import asyncio

    from sahel_tui.ui.app import SahelApp

    config = _ui_config(tmp_path)
    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        assert not app.damaged
        loop = asyncio.get_running_loop()  # from a thread, as a worker would
        await loop.run_in_executor(None, app.worker_trouble,
                                   sqlite3.OperationalError("database is locked"))
        await pilot.pause()
        assert not app.damaged
        await loop.run_in_executor(None, app.worker_trouble,
                                   sqlite3.DatabaseError("database disk image is malformed"))
        await pilot.pause()
        assert app.damaged and "sahel-tui check --repair" in app.damaged
        assert "DAMAGED" in _status_bar(app) and app.is_running
