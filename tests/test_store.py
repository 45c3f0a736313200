"""The database: schema by migrations, WAL, upgrades, refusal of newer files, atomic feeds."""

from __future__ import annotations

import sqlite3
import sys
import types

import pytest
from helpers_feeds import count, db_connect, feed_row, items_of, make_config, news_items, rss
from helpers_http import Response

import sahel_tui.ingest.sync as sync_mod
from sahel_tui.ingest.normalize import Entry
from sahel_tui.ingest.sync import sync
from sahel_tui.store import SCHEMA_VERSION, StoreError, connect, open_store
from sahel_tui.store import db as db_mod
from sahel_tui.store.feeds import sync_feeds
from sahel_tui.store.items import store_entries

TABLES = {"feeds", "items", "item_keys", "item_feeds", "items_fts", "fetch_runs"}


def _names(conn, kind: str) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,))}


def test_new_database_gets_the_schema_and_wal(tmp_path):
    path = tmp_path / "sub" / "dir" / "sahel.db"  # folders are created
    conn = open_store(path)
    try:
        assert _names(conn, "table") >= TABLES
        assert {"items_fts_ai", "items_fts_ad", "items_fts_au"} <= _names(conn, "trigger")
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    finally:
        conn.close()
    # another connection sees WAL too (it is a property of the file)
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_migrates_nothing(tmp_path):
    path = tmp_path / "s.db"
    open_store(path).close()
    conn = connect(path)
    try:
        assert db_mod.migrate(conn) == []
    finally:
        conn.close()


def test_readonly_connection(tmp_path):
    path = tmp_path / "s.db"
    open_store(path).close()
    ro = connect(path, readonly=True)
    try:
        with pytest.raises(sqlite3.OperationalError):
            ro.execute("INSERT INTO fetch_runs (started_at) VALUES ('x')")
    finally:
        ro.close()


def test_database_at_version_1_is_upgraded(tmp_path, monkeypatch):
    """A file made when only migration 1 existed opens, keeps its rows, and is brought up to
    date."""
    if SCHEMA_VERSION < 2:
        pytest.skip("only one migration ships; see test_upgrade_runs_a_python_migration")
    path = tmp_path / "old.db"
    real = db_mod._migrations()
    monkeypatch.setattr(db_mod, "_migrations", lambda: real[:1])
    conn = open_store(path)
    conn.execute("INSERT INTO feeds (url, config_url, name) VALUES ('u', 'u', 'Old feed')")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
    monkeypatch.undo()
    conn = open_store(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("SELECT name FROM feeds").fetchone()[0] == "Old feed"
    finally:
        conn.close()


def test_upgrade_runs_a_python_migration(tmp_path, monkeypatch):
    """A database at the current version meets a newer sahel-tui with one more migration
    (a .py one here): it is applied once, in a transaction, and recorded."""
    path = tmp_path / "s.db"
    conn = open_store(path)
    conn.execute("INSERT INTO feeds (url, config_url, name) VALUES ('u', 'u', 'Kept')")
    conn.close()
    nxt = SCHEMA_VERSION + 1
    name = f"{nxt:04d}_add_note"
    module = types.ModuleType(f"sahel_tui.store.migrations.{name}")
    calls = []

    def migrate(c):
        calls.append(1)
        c.execute("ALTER TABLE feeds ADD COLUMN note TEXT")
        c.execute("UPDATE feeds SET note = 'migrated'")

    module.migrate = migrate
    monkeypatch.setitem(sys.modules, module.__name__, module)
    real = db_mod._migrations()
    monkeypatch.setattr(db_mod, "_migrations", lambda: [*real, (nxt, f"{name}.py", "py")])
    conn = open_store(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == nxt
        assert conn.execute("SELECT name, note FROM feeds").fetchone()[:] == ("Kept", "migrated")
    finally:
        conn.close()
    open_store(path).close()
    assert calls == [1]


def test_failed_migration_rolls_back(tmp_path, monkeypatch):
    path = tmp_path / "s.db"
    open_store(path).close()
    nxt = SCHEMA_VERSION + 1
    name = f"{nxt:04d}_broken"
    module = types.ModuleType(f"sahel_tui.store.migrations.{name}")

    def migrate(c):
        c.execute("ALTER TABLE feeds ADD COLUMN half TEXT")
        c.execute("THIS IS NOT SQL")

    module.migrate = migrate
    monkeypatch.setitem(sys.modules, module.__name__, module)
    real = db_mod._migrations()
    monkeypatch.setattr(db_mod, "_migrations", lambda: [*real, (nxt, f"{name}.py", "py")])
    with pytest.raises(StoreError):
        open_store(path)
    monkeypatch.undo()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        cols = {r[1] for r in raw.execute("PRAGMA table_info(feeds)")}
    assert "half" not in cols


def test_newer_database_is_refused_untouched(tmp_path):
    path = tmp_path / "future.db"
    open_store(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    with pytest.raises(StoreError) as exc:
        open_store(path)
    msg = str(exc.value)
    assert str(path) in msg and "newer" in msg and str(SCHEMA_VERSION + 5) in msg
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 5


def test_not_a_database_is_a_store_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not SQLite " * 100)
    with pytest.raises(StoreError) as exc:
        open_store(path)
    assert str(path) in str(exc.value)


def test_unwritable_folder_is_a_store_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError):
        open_store(blocker / "db" / "sahel.db")


# -- writing items --------------------------------------------------------------------------

def _entry(keys, title="T", text="body", published="2025-06-01T00:00:00Z", guessed=False):
    return Entry(keys=keys, guid=None, link=None, canonical_link=None, title=title,
                 author=None, published=published, published_guessed=guessed, text=text,
                 raw_html="", content_hash=str(hash((title, text))), language=None)


def test_store_entries_counts_and_links(tmp_path):
    from sahel_tui.config import FeedConfig

    conn = open_store(tmp_path / "s.db")
    try:
        fa, fb = sync_feeds(conn, [FeedConfig("https://a/", "A"), FeedConfig("https://b/", "B")])
        conn.execute("BEGIN")
        assert store_entries(conn, fa.id, [_entry(["g:x", "l:y"]), _entry(["g:z"])], "t1") == (2, 0)
        conn.execute("COMMIT")
        conn.execute("BEGIN")
        # feed B knows the first item by its link only, with other text
        assert store_entries(conn, fb.id, [_entry(["g:b#1", "l:y"], text="other")], "t2") == (0, 1)
        conn.execute("COMMIT")
        assert conn.execute("SELECT count(*) FROM items").fetchone()[0] == 2
        assert conn.execute("SELECT count(*) FROM item_feeds").fetchone()[0] == 3
        # the new key is learnt: B's own GUID now finds the item too
        keys = {r[0] for r in conn.execute("SELECT key FROM item_keys")}
        assert keys == {"g:x", "l:y", "g:z", "g:b#1"}
    finally:
        conn.close()


def test_crash_mid_feed_leaves_earlier_items_and_no_partial_rows(tmp_path, server, monkeypatch):
    v1 = news_items(2)
    v2 = news_items(5)  # 3 new items, the first 2 unchanged
    url = server.route("/f.xml", [Response(body=rss(v1)), Response(body=rss(v2))])
    other = server.route("/other.xml", rss(news_items(2, prefix="https://other.example/")))
    cfg = make_config(tmp_path, [url])
    sync(cfg)
    before = [tuple(r) for r in items_of(cfg, url)]
    hash_before = feed_row(cfg, url)["body_hash"]
    assert len(before) == 2

    real = sync_mod.store_entries

    def crashing(conn, feed_id, entries, now):
        if feed_id == feed_row(cfg, url)["id"]:
            real(conn, feed_id, entries[:4], now)  # two updates/no-ops and two inserts...
            raise RuntimeError("disk on fire")  # ...then the crash
        return real(conn, feed_id, entries, now)

    monkeypatch.setattr(sync_mod, "store_entries", crashing)
    cfg.feeds.append(make_config(tmp_path, [other]).feeds[0])
    report = sync(cfg)
    by_url = {o.url: o for o in report.outcomes}
    assert "internal error" in by_url[url].error and "disk on fire" in by_url[url].error
    assert by_url[other].ok and by_url[other].new == 2  # other feeds unaffected

    assert [tuple(r) for r in items_of(cfg, url)] == before
    assert count(cfg, "SELECT count(*) FROM items WHERE feed_id = (SELECT id FROM feeds "
                      "WHERE config_url = ?)", url) == 2
    assert count(cfg, "SELECT count(*) FROM item_keys WHERE item_id NOT IN "
                      "(SELECT id FROM items)") == 0
    row = feed_row(cfg, url)
    assert row["body_hash"] == hash_before  # so the next sync parses it again
    assert "disk on fire" in row["last_error"] and row["error_count"] == 1
    # the FTS index matches the table (no half-indexed rows)
    with db_connect(cfg) as conn:
        conn.execute("INSERT INTO items_fts(items_fts) VALUES ('integrity-check')")

    monkeypatch.setattr(sync_mod, "store_entries", real)
    again = sync(cfg, only=[url])
    assert again.outcomes[0].new == 3
    assert len(items_of(cfg, url)) == 5
