"""Backup: a consistent copy while a fetch writes; no silent overwrite."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from test_export_fixture import build

from sahel_tui.cli import main
from sahel_tui.ingest.normalize import Entry
from sahel_tui.store import connect, open_store
from sahel_tui.store.backup import BackupError, backup
from sahel_tui.store.items import store_entries


def _entries(start: int, n: int) -> list[Entry]:
    out = []
    for k in range(start, start + n):
        text = f"Convoy attacked near Tillabéri, report {k}. " * 20
        out.append(Entry(keys=[f"g:urn:load:{k}", f"l:https://load.example/{k}"],
                         guid=f"urn:load:{k}", link=f"https://load.example/{k}",
                         canonical_link=f"https://load.example/{k}", title=f"Report {k}",
                         author=None, published="2026-10-10T00:00:00Z",
                         published_guessed=False, text=text, raw_html=f"<p>{text}</p>",
                         content_hash=f"load-{k}", language="fr"))
    return out


def test_backup_while_a_fetch_writes_is_consistent(tmp_path):
    db = tmp_path / "live.db"
    build(db)
    stop = threading.Event()
    written = [0]
    errors: list[BaseException] = []

    def fetcher() -> None:
        conn = connect(db)
        try:
            k = 0
            while not stop.is_set():
                conn.execute("BEGIN IMMEDIATE")
                store_entries(conn, 1, _entries(k, 50), "2026-10-10T00:00:00Z")
                conn.execute("COMMIT")
                k += 50
                written[0] = k
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            conn.close()

    thread = threading.Thread(target=fetcher)
    thread.start()
    try:
        while written[0] < 500 and thread.is_alive():  # the fetch is well under way
            stop.wait(0.01)
        results = [backup(db, tmp_path / f"copy{i}.db") for i in range(3)]
    finally:
        stop.set()
        thread.join(30)
    assert not errors
    for r in results:
        assert r.check == "ok" and r.size > 0
        copy = sqlite3.connect(r.path)
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("PRAGMA foreign_key_check").fetchall() == []
        fts = copy.execute("SELECT count(*) FROM items_fts").fetchone()[0]
        assert fts == copy.execute("SELECT count(*) FROM items").fetchone()[0] == r.items
        copy.close()
        conn = open_store(r.path)  # opens (and migrates nothing) like a live database
        assert conn.execute("SELECT count(*) FROM events WHERE deleted = 0").fetchone()[0] == 5
        conn.close()
    assert results[0].items >= 6 + 500 - 50
    assert not list(tmp_path.glob(".*.part"))


def test_backup_refuses_to_overwrite_without_force(tmp_path):
    build(tmp_path / "a.db")
    target = tmp_path / "handover.db"
    target.write_bytes(b"precious")
    with pytest.raises(BackupError, match="--force"):
        backup(tmp_path / "a.db", target)
    assert target.read_bytes() == b"precious"
    r = backup(tmp_path / "a.db", target, force=True)
    assert (r.items, r.events, r.check) == (6, 5, "ok")
    with pytest.raises(BackupError, match="itself"):
        backup(tmp_path / "a.db", tmp_path / "a.db", force=True)
    with pytest.raises(BackupError, match="no database"):
        backup(tmp_path / "none.db", tmp_path / "x.db")


def test_backup_command_prints_size_and_counts(tmp_path, capsys):
    build(tmp_path / "a.db")
    target = tmp_path / "out.db"
    assert main(["backup", "--db", str(tmp_path / "a.db"), str(target)]) == 0
    out = capsys.readouterr().out
    assert str(target) in out and "6 items, 5 events" in out and "B" in out
    assert main(["backup", "--db", str(tmp_path / "a.db"), str(target)]) == 2
    assert "exists; use --force" in capsys.readouterr().err
    assert main(["backup", "--db", str(tmp_path / "a.db"), str(target), "--force"]) == 0
