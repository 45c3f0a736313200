"""The fast paths of export and import (SQLite-rendered lines, helper processes, triggers set
aside) give byte for byte what the Python paths give, also on values the app never writes."""

from __future__ import annotations

import io
import re
import sqlite3

import pytest
from test_export_fixture import build

from sahel_tui.exchange import helper, merge, rendered
from sahel_tui.exchange.export import export
from sahel_tui.exchange.jsonl import ExchangeError
from sahel_tui.exchange.merge import import_jsonl
from sahel_tui.store import open_store


def _awkward(conn: sqlite3.Connection) -> None:
    """Values a hand-edited or old database might hold: each must come out as the Python
    path writes it (most through that path, event by event)."""
    e = "UPDATE events SET {} WHERE uid = ?"
    conn.execute("BEGIN")
    for sql, uid in [
        ("fatalities = 2.5, latitude = NULL", "ev-menaka-ambush"),  # a REAL in an integer column
        ("assoc_actor_1 = '[\"Katiba Macina\",\"Ansar Dine\"]'", "ev-segou-ied"),  # compact
        ("assoc_actor_2 = '[\"say \\\"no\\\"\", \"x\"]', latitude = 0.1 + 0.2, "
         "longitude = 0.00001", "ev-inekar-civilians"),  # escapes; floats SQLite writes otherwise
        ("notes = 'a' || char(31) || 'b' || char(0) || 'c' || char(30), confidence = NULL, "
         "reliability = NULL, credibility = NULL, disorder_type = ''", "ev-maiduguri-protest"),
        ("latitude = 12.5, longitude = -0.03125, tags = 'x,\"y\"' || char(13)", "ev-ndjamena-arrests"),
    ]:
        conn.execute(e.format(sql), (uid,))
    conn.execute("UPDATE items SET published_guessed = 2")
    conn.execute("UPDATE feeds SET tags = '[\"s\\u00e9curit\\u00e9\", \"wire\"]' WHERE id = 1")
    conn.execute("COMMIT")


def _python_path(monkeypatch) -> None:
    monkeypatch.setattr(rendered, "_probed", [False])


def _both(conn, fmt, monkeypatch, **kw) -> tuple[str, str]:
    fast, slow = io.StringIO(newline=""), io.StringIO(newline="")
    export(conn, None, fmt, fast, coder="ana", **kw)
    with monkeypatch.context() as m:
        _python_path(m)
        export(conn, None, fmt, slow, coder="ana", **kw)
    return fast.getvalue(), slow.getvalue()


def _same_but_exported_at(a: str, b: str, fmt: str) -> bool:
    if fmt == "jsonl":  # the two exports ran a second apart, maybe
        a, b = (re.sub(r'"exported_at":"[^"]*"', '"exported_at":""', x) for x in (a, b))
    return a == b


@pytest.fixture
def conn(tmp_path):
    build(tmp_path / "f.db")
    c = open_store(tmp_path / "f.db")
    yield c
    c.close()


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "geojson"])
def test_the_fast_path_writes_what_the_python_path_writes(conn, fmt, monkeypatch):
    fast, slow = _both(conn, fmt, monkeypatch)
    assert _same_but_exported_at(fast, slow, fmt)
    _awkward(conn)
    fast, slow = _both(conn, fmt, monkeypatch)
    assert _same_but_exported_at(fast, slow, fmt)
    assert "2.5" in slow or fmt == "geojson"  # the awkward values are there (not placed)
    assert "0.30000000000000004" in slow or fmt != "jsonl"


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_imported_events_export_alike_on_both_paths(conn, tmp_path, fmt, monkeypatch):
    export(conn, None, "jsonl", tmp_path / "a.jsonl", coder="ana")
    lines = (tmp_path / "a.jsonl").read_text("utf-8").splitlines()
    # a foreign writer: spaces around the history entries, in another order of keys
    lines[0] = lines[0].replace('"history":[', '"history":[ ').replace("}]}", "} ]}")
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    b = open_store(tmp_path / "b.db")
    import_jsonl(b, tmp_path / "a.jsonl", coder="bob")
    fast, slow = _both(b, fmt, monkeypatch)
    assert _same_but_exported_at(fast, slow, fmt)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "geojson"])
def test_helper_processes_write_the_same_file(conn, tmp_path, fmt, monkeypatch):
    _awkward(conn)
    monkeypatch.setattr(rendered, "PARALLEL_FROM", 10**9)
    export(conn, None, fmt, tmp_path / f"alone.{fmt}", coder="ana")
    monkeypatch.setattr(rendered, "PARALLEL_FROM", 0)
    monkeypatch.setattr(rendered, "IDLE", float("-inf"))  # helpers however busy the machine is
    monkeypatch.setattr("sahel_tui.exchange.acled_csv.CHUNK", 2)
    monkeypatch.setattr("sahel_tui.exchange.jsonl.CHUNK", 2)
    monkeypatch.setattr("sahel_tui.exchange.geojson.CHUNK", 2)
    chunks = []
    next_chunk = helper.Helper.next
    monkeypatch.setattr(helper.Helper, "next",
                        lambda self: chunks.append(next_chunk(self)) or chunks[-1])
    export(conn, None, fmt, tmp_path / f"helped.{fmt}", coder="ana")
    assert chunks and all(chunks)  # the helpers rendered every chunk
    a = (tmp_path / f"alone.{fmt}").read_text("utf-8")
    b = (tmp_path / f"helped.{fmt}").read_text("utf-8")
    assert _same_but_exported_at(a, b, fmt)


def test_helpers_are_not_used_when_someone_committed_meanwhile(conn, tmp_path, monkeypatch):
    monkeypatch.setattr(rendered, "IDLE", float("-inf"))
    p = rendered.Parallel(conn)
    conn.execute("BEGIN")
    conn.execute("SELECT count(*) FROM events").fetchone()
    other = open_store(tmp_path / "f.db")
    other.execute("UPDATE events SET notes = 'changed' WHERE uid = 'ev-segou-ied'")
    other.close()
    p.spawn(1)
    assert len(p.procs) == 1
    assert p.helpers({"kind": "pieces", "pieces_sql": rendered.CSV_PIECES, "ids_sql":
                      "SELECT id FROM events", "params": [], "size": 2}) == []
    p.close()
    conn.execute("COMMIT")


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


def test_helper_processes_import_the_same(conn, tmp_path, monkeypatch):
    export(conn, None, "jsonl", tmp_path / "a.jsonl", coder="ana")
    lines = (tmp_path / "a.jsonl").read_text("utf-8").splitlines()
    other = [x.replace('"fatalities":12,', '"fatalities":13,') for x in lines]
    (tmp_path / "b.jsonl").write_bytes(("\ufeff" + "\n\n".join(lines + other + lines) + "\n")
                                       .encode("utf-8"))
    bad = [*lines[:3], lines[3].replace('"time_precision":1', '"time_precision":9'), *lines]
    (tmp_path / "bad.jsonl").write_text("\n".join(bad) + "\n", "utf-8")
    dumps, errors = [], []
    monkeypatch.setattr(rendered, "IDLE", float("-inf"))  # helpers however busy the machine is
    for parallel_bytes in (10**12, 0):
        monkeypatch.setattr(merge, "PARALLEL_BYTES", parallel_bytes)
        monkeypatch.setattr(merge, "BLOCK", 3)
        c = open_store(tmp_path / f"{parallel_bytes}.db")
        summaries = [import_jsonl(c, tmp_path / name, coder="bob").summary()
                     for name in ("b.jsonl", "b.jsonl", "a.jsonl")]
        monkeypatch.chdir(tmp_path)  # messages name the file as it was given
        with pytest.raises(ExchangeError) as exc:
            import_jsonl(c, "bad.jsonl")
        errors.append(str(exc.value))
        dumps.append((summaries, _db_dump(c)))
        c.close()
    assert dumps[0] == dumps[1]
    assert errors[0] == errors[1]
    assert errors[0].startswith("bad.jsonl, line 4: event.time_precision")
