"""The demo's feeds are files in the installed package: a new install location must not
turn each outlet into two feeds."""

from __future__ import annotations

import shutil
from dataclasses import replace

from sahel_tui.config import load_config
from sahel_tui.demo import adopt_moved_feeds, demo_config, demo_dir
from sahel_tui.ingest.sync import sync
from sahel_tui.store import open_store


def _counts(db) -> tuple[int, int, int]:
    conn = open_store(db)
    try:
        feeds = conn.execute("SELECT count(*) FROM feeds").fetchone()[0]
        links = conn.execute("SELECT count(*) FROM item_feeds").fetchone()[0]
        items = conn.execute("SELECT count(*) FROM items").fetchone()[0]
        return feeds, links, items
    finally:
        conn.close()


def test_a_moved_install_keeps_one_feed_per_outlet(tmp_path):
    db = tmp_path / "demo.db"
    first = demo_config(db=db)
    sync(first)
    before = _counts(db)
    moved_dir = tmp_path / "elsewhere" / "sahel_tui" / "demo"
    shutil.copytree(demo_dir(), moved_dir)
    second = load_config(moved_dir / "feeds.toml", db=db)
    assert {f.url for f in second.feeds}.isdisjoint({f.url for f in first.feeds})

    # fetched from the new place once without the fix (as an older version did) ...
    sync(second)
    assert _counts(db)[0] == 2 * before[0]
    # ... then adopted: one row per outlet again, every item linked once per outlet
    assert adopt_moved_feeds(second) == before[0]
    assert _counts(db) == before
    report = sync(second)
    assert report.new_items == 0 and len(report.ok) == before[0]
    conn = open_store(db)
    try:
        urls = {r[0] for r in conn.execute("SELECT url FROM feeds")}
        assert urls == {f.url for f in second.feeds}
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def test_adopting_is_a_no_op_where_nothing_moved(tmp_path):
    config = replace(demo_config(db=tmp_path / "demo.db"))
    sync(config)
    assert adopt_moved_feeds(config) == 0
