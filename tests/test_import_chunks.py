"""The import checks the whole file first, then stores it in chunks, one transaction each:
a bad line anywhere costs nothing, a full disk keeps what was stored, and other writers
get the lock between two chunks."""

from __future__ import annotations

import re
import sqlite3

import pytest
from test_export_fixture import build
from test_import import counts

from sahel_tui import cli
from sahel_tui.exchange import merge
from sahel_tui.exchange.export import export
from sahel_tui.exchange.jsonl import ExchangeError
from sahel_tui.exchange.merge import import_jsonl
from sahel_tui.store import decisions, open_store


@pytest.fixture
def exported(tmp_path):
    """The fixture's five events, exported, and every line again as a disputed coding:
    ten lines, five chunks of two."""
    build(tmp_path / "a.db")
    a = open_store(tmp_path / "a.db")
    export(a, None, "jsonl", tmp_path / "a.jsonl", coder="ana")
    a.close()
    lines = (tmp_path / "a.jsonl").read_text("utf-8").splitlines()
    other = [x.replace('"notes":"', '"notes":"(2) ') for x in lines]
    path = tmp_path / "ten.jsonl"
    path.write_text("\n".join(lines + other) + "\n", "utf-8")
    return path


def test_a_bad_last_line_refuses_the_file_before_the_first_chunk_is_stored(
        exported, tmp_path, monkeypatch):
    monkeypatch.setattr(merge, "CHUNK", 2)
    lines = exported.read_text("utf-8").splitlines()
    lines[-1] = lines[-1].replace('"time_precision":1', '"time_precision":7')
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", "utf-8")
    b = open_store(tmp_path / "b.db")
    before = counts(b)
    with pytest.raises(ExchangeError, match=r"bad\.jsonl, line 10: event\.time_precision"):
        import_jsonl(b, bad)
    assert counts(b) == before


def test_chunks_give_what_one_transaction_gave(exported, tmp_path, monkeypatch):
    monkeypatch.setattr(merge, "now_iso", lambda: "2026-11-01T00:00:00Z")
    results = []
    for chunk in (2, 1000):
        monkeypatch.setattr(merge, "CHUNK", chunk)
        b = open_store(tmp_path / f"{chunk}.db")
        r = import_jsonl(b, exported, coder="bob")
        tables = {k: v for k, v in counts(b).items() if "fts" not in k}  # FTS segments differ
        results.append((r.summary(), len(r.conflicts), tables, [
            tuple(x)[2:] for x in b.execute("SELECT * FROM conflicts ORDER BY item_id")], [
            tuple(x)[2:] for x in b.execute("SELECT * FROM imports")]))
        b.close()
    assert results[0] == results[1]
    assert results[0][2]["events"] == 10  # five, and five disputed copies


def test_other_writers_get_the_lock_between_chunks(exported, tmp_path, monkeypatch):
    monkeypatch.setattr(merge, "CHUNK", 2)
    b = open_store(tmp_path / "b.db")
    other = sqlite3.connect(tmp_path / "b.db", timeout=0, isolation_level=None)
    wrote = []

    def progress(done: int) -> None:  # between two chunks: a decision needs no waiting
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT OR REPLACE INTO app_state (key, value) VALUES ('x', ?)",
                      (str(done),))
        other.execute("COMMIT")
        wrote.append(done)

    r = import_jsonl(b, exported, coder="bob", progress=progress)
    assert wrote == [2, 4, 6, 8, 10]
    assert r.events_added == 5 and r.events_disputed == 5
    other.close()
    b.close()


def test_a_full_disk_keeps_the_chunks_stored_and_a_second_import_completes(
        exported, tmp_path, monkeypatch):
    monkeypatch.setattr(merge, "CHUNK", 2)
    b = open_store(tmp_path / "b.db")
    stored = []

    def progress(done: int) -> None:
        stored.append(done)
        if done == 4:  # the disk fills up after two chunks
            b.execute(f"PRAGMA max_page_count = {b.execute('PRAGMA page_count').fetchone()[0]}")

    with pytest.raises(sqlite3.OperationalError, match="full"):
        import_jsonl(b, exported, coder="bob", progress=progress)
    assert stored[:2] == [2, 4] and stored[-1] < 10  # free pages may take one more chunk
    assert b.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert b.execute("SELECT count(*) FROM events").fetchone()[0] == stored[-1]
    # the triggers set aside during a chunk are back: search finds the stored items
    assert b.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").fetchone()[0] \
        == open_store(tmp_path / "fresh.db").execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'").fetchone()[0]
    b.execute("PRAGMA max_page_count = 1073741823")
    r = import_jsonl(b, exported, coder="bob")
    assert b.execute("SELECT count(*) FROM events").fetchone()[0] == 10
    assert r.events_unchanged == stored[-1]
    # and an item can still be triaged: nothing is left locked or half-written
    decisions.set_status(b, [1], "flagged", "bob")
    b.close()


def test_the_cli_says_how_much_a_full_disk_let_it_store(exported, tmp_path, monkeypatch,
                                                        capsys):
    import sahel_tui.exchange.commands as commands

    monkeypatch.setattr(merge, "CHUNK", 2)
    db = tmp_path / "b.db"
    open_store(db).close()
    real = merge._Merger.end

    def end_then_fill(self):
        real(self)
        if self.result.events_added + self.result.events_disputed >= 4:
            c = self.conn
            c.execute(f"PRAGMA max_page_count = {c.execute('PRAGMA page_count').fetchone()[0]}")

    monkeypatch.setattr(merge._Merger, "end", end_then_fill)
    assert commands  # the command module is the one the CLI runs
    status = cli.main(["import", "--db", str(db), str(exported)])
    err = capsys.readouterr().err
    assert status == 2 and "Traceback" not in err
    assert re.search(r"import: [468] of the file's events were stored", err), err
    assert "disk is full" in err and "import " + str(exported) + " again" in err
    assert open_store(db).execute("SELECT count(*) FROM events").fetchone()[0] in (4, 6, 8)


def test_no_checkpoint_after_each_chunk(exported, tmp_path, monkeypatch):
    """No checkpoint after each chunk (each rewrote the same index pages), and the
    connection's own setting back afterwards."""
    monkeypatch.setattr(merge, "CHUNK", 2)
    b = open_store(tmp_path / "b.db")
    setting = b.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    assert setting > 0
    seen = []
    chunk = merge._Merger.chunk

    def spy(self, records):
        seen.append(self.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
        chunk(self, records)

    monkeypatch.setattr(merge._Merger, "chunk", spy)
    r = import_jsonl(b, exported, coder="bob")
    assert r.events_added == 5 and len(seen) == 5 and set(seen) == {0}
    assert b.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == setting
