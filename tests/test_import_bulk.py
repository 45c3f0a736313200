"""The import's bulk paths store exactly what the general path stores: nothing looked up
where the database had nothing (items, events), any chunk size, and the CHECK constraints
of migration 0007 (same meaning, cheaper to check)."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from test_export_fixture import build, fixed_clock

from sahel_tui.exchange import merge
from sahel_tui.exchange.export import export
from sahel_tui.exchange.merge import import_jsonl
from sahel_tui.store import db as db_mod
from sahel_tui.store import open_store, views
from sahel_tui.store.events import update_event
from sahel_tui.store.query import parse


def _db_dump(c) -> dict:
    names = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                     "AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite_%'")]
    out = {n: sorted(map(repr, map(tuple, c.execute(f"SELECT * FROM {n}")))) for n in names
           if n not in ("imports", "app_state")}
    out["imports"] = [tuple(r)[3:] for r in c.execute("SELECT * FROM imports")]
    out["schema"] = sorted(map(tuple, c.execute("SELECT type, name, sql FROM sqlite_master")))
    for fts in ("items_fts", "events_fts"):
        c.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.v_{fts} USING fts5vocab(main, "
                  f"{fts}, instance)")
        out[fts] = sorted(map(tuple, c.execute(f"SELECT * FROM temp.v_{fts}")))
    return out


QUERIES = ("menaka", "actor:jnim", "place:menaka", "type:protests", "actor:chad place:ndjamena")


@pytest.fixture
def exported(tmp_path) -> Path:
    """The fixture's export, then the same events coded differently, then both again:
    duplicates and disputed copies within one file."""
    build(tmp_path / "a.db")
    a = open_store(tmp_path / "a.db")
    export(a, None, "jsonl", tmp_path / "a.jsonl", coder="ana")
    a.close()
    lines = (tmp_path / "a.jsonl").read_text("utf-8").splitlines()
    other = [x.replace('"fatalities":12,', '"fatalities":13,') for x in lines]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines + other + lines + other) + "\n", "utf-8")
    return path


def _imported(db: Path, paths: list[Path], monkeypatch, *, lookups: bool, chunk: int,
              local_edit: bool = False) -> tuple:
    """Summaries, database content and search results after importing ``paths`` in turn.
    Patches in a context of their own: undoing ``monkeypatch`` would also undo conftest's
    private config folder, and an import may add actors there."""
    with pytest.MonkeyPatch.context() as mp:
        return _imported_with(mp, db, paths, lookups=lookups, chunk=chunk,
                              local_edit=local_edit)


def _imported_with(monkeypatch, db: Path, paths: list[Path], *, lookups: bool, chunk: int,
                   local_edit: bool) -> tuple:
    monkeypatch.setattr(merge, "now_iso", lambda: "2026-11-01T00:00:00Z")
    monkeypatch.setattr(merge, "CHUNK", chunk)
    if lookups:  # as if the database had held something: every key and uid looked up
        begin = merge._Merger.begin

        def looked_up(self):
            begin(self)
            self.items_before = self.events_before = True

        monkeypatch.setattr(merge._Merger, "begin", looked_up)
    c = open_store(db)
    summaries = []
    for i, path in enumerate(paths):
        r = import_jsonl(c, path, coder="bob")
        summaries.append((r.summary(), len(r.conflicts)))
        if local_edit and i == 0:  # bob codes one event his way before the next import
            eid = c.execute("SELECT id FROM events WHERE uid = 'ev-segou-ied'").fetchone()[0]
            with fixed_clock():
                update_event(c, eid, "bob", fatalities=7)
    found = {q: [(r.id, r.title) for r in views.page(c, parse(q))] for q in QUERIES}
    dump = _db_dump(c)
    c.close()
    return summaries, dump, found


def test_an_empty_database_gets_what_the_general_path_gives(exported, tmp_path, monkeypatch):
    runs = [_imported(tmp_path / f"{lookups}-{chunk}.db", [exported], monkeypatch,
                      lookups=lookups, chunk=chunk)
            for lookups in (False, True) for chunk in (2000, 1)]
    assert all(run == runs[0] for run in runs[1:])
    summaries, dump, found = runs[0]
    assert summaries[0][0].startswith("items: 4 added")
    assert "coded differently here (both kept)" in summaries[0][0]
    assert found["menaka"] and found["actor:jnim"] and found["type:protests"]
    assert dump["items_fts"] and dump["events_fts"]  # searchable at once


def test_a_database_with_events_still_finds_conflicts(exported, tmp_path, monkeypatch):
    """Overlapping keys and uids: the lookups run, disputes and conflicts are recorded, and a
    re-import changes nothing, whatever path the first import took."""
    a_jsonl = exported.with_name("a.jsonl")
    runs = [_imported(tmp_path / f"{lookups}-{chunk}.db", [a_jsonl, exported, exported],
                      monkeypatch, lookups=lookups, chunk=chunk, local_edit=True)
            for lookups in (False, True) for chunk in (2000, 1)]
    assert all(run == runs[0] for run in runs[1:])
    (first, _), (second, conflicts), (third, again) = runs[0][0]
    assert first.startswith("items: 4 added") and "conflicts: 0" in first
    assert conflicts >= 1 and "both kept" in second
    assert again == 0 and third.startswith("items: 0 added, 0 changed; events: 0 added, 0 changed")


def test_the_same_uid_coded_twice_the_same_other_way_gives_one_copy(exported, tmp_path,
                                                                   monkeypatch):
    """v1, v2, v2 of one event in three chunks: the second v2 finds the copy of the first."""
    line = next(x for x in exported.read_text("utf-8").splitlines() if '"fatalities":12,' in x)
    path = tmp_path / "thrice.jsonl"
    path.write_text("\n".join([line, *[line.replace('"fatalities":12,', '"fatalities":13,')] * 2])
                    + "\n", "utf-8")
    for chunk in (1, 2000):
        c = open_store(tmp_path / f"{chunk}.db")
        monkeypatch.setattr(merge, "CHUNK", chunk)
        r = import_jsonl(c, path, coder="bob")
        assert (r.events_added, r.events_disputed, r.events_unchanged) == (1, 1, 1)
        assert c.execute("SELECT count(*) FROM events").fetchone()[0] == 2
        c.close()


# -- migration 0007: CHECK (x IN (...)) as OR chains --------------------------------------

BAD = [  # each must still be refused
    "INSERT INTO events (uid, event_date, event_type, sub_event_type, coder, coded_at, "
    "updated_at, time_precision) VALUES ('x', 'd', 't', 's', 'c', 'a', 'u', 4)",
    "INSERT INTO events (uid, event_date, event_type, sub_event_type, coder, coded_at, "
    "updated_at, reliability) VALUES ('x', 'd', 't', 's', 'c', 'a', 'u', 'G')",
    "INSERT INTO events (uid, event_date, event_type, sub_event_type, coder, coded_at, "
    "updated_at, confidence) VALUES ('x', 'd', 't', 's', 'c', 'a', 'u', 'High')",
    "INSERT INTO events (uid, event_date, event_type, sub_event_type, coder, coded_at, "
    "updated_at, geo_precision) VALUES ('x', 'd', 't', 's', 'c', 'a', 'u', '2.5')",
    "UPDATE items SET status = 'read'",
    "INSERT INTO decisions (batch, op, at, coder, action, target) "
    "VALUES (1, 'again', 'a', 'c', 'x', 't')",
]
GOOD = [  # and these accepted: NULL where allowed, values converted by the column's affinity
    "INSERT INTO events (uid, event_date, event_type, sub_event_type, coder, coded_at, "
    "updated_at, reliability, confidence, credibility) "
    "VALUES ('ok1', 'd', 't', 's', 'c', 'a', 'u', NULL, NULL, NULL)",
    "INSERT INTO events (uid, event_date, event_type, sub_event_type, coder, coded_at, "
    "updated_at, time_precision, geo_precision, reliability, confidence) "
    "VALUES ('ok2', 'd', 't', 's', 'c', 'a', 'u', '3', 2.0, 'F', 'moderate')",
    "UPDATE items SET status = 'flagged'",
]


def _at_version_6(path: Path, monkeypatch) -> None:
    real = db_mod._migrations()
    with pytest.MonkeyPatch.context() as mp:  # (not monkeypatch.undo(): see _imported)
        mp.setattr(db_mod, "_migrations", lambda: real[:6])
        c = open_store(path)
    c.execute("INSERT INTO feeds (url, config_url, name) VALUES ('u', 'u', 'Old feed')")
    c.execute("INSERT INTO items (uid, feed_id, published, content_hash, first_seen_at, "
              "updated_at) VALUES ('g:1', 1, 'p', 'h', 'f', 'u')")
    assert "IN ('new'" in c.execute("SELECT sql FROM sqlite_master WHERE name = 'items'"
                                    ).fetchone()[0]
    c.close()


def test_a_version_6_database_gets_the_or_chains_and_keeps_every_check(tmp_path, monkeypatch):
    _at_version_6(tmp_path / "old.db", monkeypatch)
    c = open_store(tmp_path / "old.db")
    assert c.execute("PRAGMA user_version").fetchone()[0] == db_mod.SCHEMA_VERSION
    assert c.execute("SELECT name FROM feeds").fetchone()[0] == "Old feed"
    schema = " ".join(r[0] for r in c.execute("SELECT sql FROM sqlite_master WHERE sql "
                                              "IS NOT NULL"))
    assert not re.search(r"CHECK\s*\(\s*\w+\s+IN", schema)
    assert "status = 'flagged'" in schema
    assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for sql in BAD:
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            c.execute(sql)
    for sql in GOOD:
        c.execute(sql)
    c.close()


def test_a_schema_that_cannot_be_edited_is_left_as_it_was(tmp_path, monkeypatch):
    """An SQLite that refuses schema edits (defensive mode): the upgrade still completes."""
    _at_version_6(tmp_path / "old.db", monkeypatch)
    connect = db_mod.connect

    def refusing(*args, **kw):
        # direct edits of sqlite_master (under writable_schema) are refused, as defensive
        # mode does; ordinary DDL (a later migration's ALTER TABLE) still works there
        c = connect(*args, **kw)
        writable = [False]

        def authorizer(action, arg1, arg2, *_):
            if action == sqlite3.SQLITE_PRAGMA and (arg1 or "").lower() == "writable_schema":
                writable[0] = arg2 is not None and arg2.lower() in ("1", "on", "true", "yes")
            if action == sqlite3.SQLITE_UPDATE and arg1 == "sqlite_master" and writable[0]:
                return sqlite3.SQLITE_DENY
            return sqlite3.SQLITE_OK

        c.set_authorizer(authorizer)
        return c

    monkeypatch.setattr(db_mod, "connect", refusing)
    c = open_store(tmp_path / "old.db")
    assert c.execute("PRAGMA user_version").fetchone()[0] == db_mod.SCHEMA_VERSION
    assert "IN ('new'" in c.execute("SELECT sql FROM sqlite_master WHERE name = 'items'"
                                    ).fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError):
        c.execute(BAD[-2])
    c.close()


def test_the_fast_check_gives_what_the_full_check_gives(tmp_path):
    """incoming.fast_record (lines as sahel-tui writes them) and parse_record (anything)
    make the same Record, odd values included; fast_record's check alone (build=False)
    takes the same lines."""
    from test_export_golden import awkward

    from sahel_tui.exchange.incoming import _POS, fast_record, parse_record
    from sahel_tui.exchange.jsonl import ExchangeError, read_lines

    build(tmp_path / "a.db")
    a = open_store(tmp_path / "a.db")
    awkward(a)
    export(a, None, "jsonl", tmp_path / "a.jsonl", coder="ana")
    a.close()
    lines = (tmp_path / "a.jsonl").read_text("utf-8").split("\n")[:-1]
    odd = json.loads(lines[-1])  # a feed's values no export writes, but allowed
    odd["items"][0]["feeds"][0].update(reliability=None, tags=None, language=None)
    odd["items"][0]["author"] = "ana"
    (tmp_path / "b.jsonl").write_text("\n".join([*lines, json.dumps(odd)]) + "\n", "utf-8")
    fast = refused = 0
    for number, obj, text in read_lines(tmp_path / "b.jsonl"):
        quick = fast_record(obj, number, text)
        # the check before storing (build=False) takes the same lines, with the same values
        checked = fast_record(obj, number, text, build=False)
        assert (checked is None) == (quick is None)
        assert checked is None or [checked.row[i] for i in _POS.values()] == [
            quick.row[i] for i in _POS.values()]  # what VocabCheck reads
        try:
            full = parse_record(obj, "b.jsonl", number, text)
        except ExchangeError:  # e.g. fatalities 2.5: refused, never taken by the fast check
            assert quick is None
            refused += 1
            continue
        assert quick is None or quick == full
        fast += quick is not None
    assert fast >= 4 and refused >= 1
    assert full.items[0].feeds[0][0].reliability == "F"  # the last line: the odd feed
