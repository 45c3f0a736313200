"""The bundled demo feed set: fictional outlets, readable offline, with a ground truth."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sahel_tui import paths
from sahel_tui.config import Config, load_config


def demo_dir() -> Path:
    return Path(str(resources.files("sahel_tui.demo")))


def demo_config(db: str | Path | None = None) -> Config:
    """The demo feeds.toml, always with its own database (never the analyst's)."""
    return load_config(demo_dir() / "feeds.toml", db=db or paths.demo_db_path())


def ground_truth_path() -> Path:
    return demo_dir() / "ground_truth.jsonl"


def adopt_moved_feeds(config: Config) -> int:
    """The demo's feeds are files inside the installed package, so another install location
    (a second checkout, a new virtual environment) gives them new file:// URLs. Rows of an
    earlier location are moved to the current one: each outlet stays one feed, with its
    items and the coding done on them, instead of two (which would show every source twice
    and make one outlet look like two independent ones). Returns how many feeds moved."""
    from sahel_tui.store import open_store
    from sahel_tui.store.db import in_transaction

    def file_name(url: str) -> str:
        return Path(unquote(urlsplit(url).path)).name

    current = {file_name(f.url): f.url for f in config.feeds}

    def move(conn) -> int:
        moved = 0
        for fid, url in conn.execute("SELECT id, config_url FROM feeds").fetchall():
            target = current.get(file_name(url))
            if target is None or url == target or not url.startswith("file:") \
                    or "/demo/feeds/" not in url:
                continue
            dup = conn.execute("SELECT id FROM feeds WHERE config_url = ?", (target,)).fetchone()
            if dup is not None:  # already fetched from the new place: fold it in
                # insert + delete (not update) so the event_feeds triggers follow
                conn.execute("INSERT OR IGNORE INTO item_feeds (item_id, feed_id, link, "
                             "first_seen) SELECT item_id, ?, link, first_seen FROM item_feeds "
                             "WHERE feed_id = ?", (fid, dup[0]))
                conn.execute("DELETE FROM item_feeds WHERE feed_id = ?", (dup[0],))
                conn.execute("UPDATE items SET feed_id = ? WHERE feed_id = ?", (fid, dup[0]))
                conn.execute("DELETE FROM feeds WHERE id = ?", (dup[0],))
            conn.execute("UPDATE feeds SET url = ?, config_url = ? WHERE id = ?",
                         (target, target, fid))
            moved += 1
        return moved

    conn = open_store(config.settings.database)
    try:
        return in_transaction(conn, lambda: move(conn))
    finally:
        conn.close()
