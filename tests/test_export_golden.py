"""Golden files for the cases the fixture's own goldens (test_export.py) leave out.

- awkward values a hand-edited or old database may hold: a REAL in an integer column,
  associated actors in another JSON spelling and with escaped quotes, floats that are not
  short decimals, control characters (US, RS, NUL, CR) in text, NULL grades, a feed's tags
  with escapes, a published_guessed of 2;
- imported events: origin, history as another writer spaced it;
- the items reading list as JSONL;
- a BOM and CRLF in files written to a path (the same bytes as the stream, after the BOM).

Regenerate after a deliberate format change with
``SAHEL_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_export_golden.py`` and review
the diff.
"""

from __future__ import annotations

import io
import json
import sqlite3
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

import pytest
from test_export import _golden
from test_export_fixture import Clock, build

from sahel_tui.exchange.export import export
from sahel_tui.exchange.merge import import_jsonl
from sahel_tui.store import open_store


def awkward(conn: sqlite3.Connection) -> None:
    """Values the app never writes but an old or hand-edited database may hold."""
    e = "UPDATE events SET {} WHERE uid = ?"
    conn.execute("BEGIN")
    for sql, uid in [
        ("fatalities = 2.5, latitude = NULL", "ev-menaka-ambush"),  # a REAL in an integer column
        ("assoc_actor_1 = '[\"Katiba Macina\",\"Ansar Dine\"]'", "ev-segou-ied"),  # compact
        ("assoc_actor_2 = '[\"say \\\"no\\\"\", \"x\"]', latitude = 0.1 + 0.2, "
         "longitude = 0.00001", "ev-inekar-civilians"),  # escapes; floats SQLite writes otherwise
        ("notes = 'a' || char(31) || 'b' || char(0) || 'c' || char(30), confidence = NULL, "
         "reliability = NULL, credibility = NULL, disorder_type = ''", "ev-maiduguri-protest"),
        ("latitude = 12.5, longitude = -0.03125, tags = 'x,\"y\"' || char(13), "
         "actor2 = 'Civilians (Chad) ' || char(8232) || ' 😀 \t€'", "ev-ndjamena-arrests"),
    ]:
        conn.execute(e.format(sql), (uid,))
    conn.execute("UPDATE items SET published_guessed = 2")
    conn.execute("UPDATE feeds SET tags = '[\"s\\u00e9curit\\u00e9\", \"wire\"]' WHERE id = 1")
    conn.execute("COMMIT")


def _export(conn, fmt, **kw) -> str:
    buf = io.StringIO(newline="")
    export(conn, None, fmt, buf, coder="ana", **kw)
    return buf.getvalue()


def _normalise(text: str) -> str:
    """As test_export.normalise_jsonl (volatile provenance replaced by placeholders), and the
    exporting database's id in an imported event's origin. Lines split at "\n" only: a
    U+2028 in a value is not a line end."""
    lines = []
    for line in text.split("\n")[:-1]:
        obj = json.loads(line)
        obj["provenance"]["exported_at"] = "<exported_at>"
        obj["provenance"]["database"]["id"] = "<database id>"
        obj["provenance"]["sahel_tui"] = "<version>"
        if "origin" in obj["provenance"]:
            obj["provenance"]["origin"]["database"] = "<origin database id>"
        lines.append(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
    return "\n".join(lines) + "\n"


@pytest.fixture
def awkward_conn(tmp_path):
    build(tmp_path / "fixture.db")
    c = open_store(tmp_path / "fixture.db")
    awkward(c)
    yield c
    c.close()


@pytest.fixture
def imported_conn(tmp_path):
    """The fixture's events exported by ana and imported by bob into an empty database."""
    build(tmp_path / "fixture.db")
    a = open_store(tmp_path / "fixture.db")
    with ExitStack() as stack:
        clock = Clock("2026-11-02T08:00:00Z")
        for target in ("sahel_tui.exchange.jsonl.now_iso", "sahel_tui.exchange.merge.now_iso"):
            stack.enter_context(mock.patch(target, clock))
        export(a, None, "jsonl", tmp_path / "ana.jsonl", coder="ana")
        a.close()
        lines = (tmp_path / "ana.jsonl").read_text("utf-8").splitlines()
        # a foreign writer: spaces around the history entries
        lines[0] = lines[0].replace('"history":[', '"history":[ ').replace("}]}", "} ]}")
        (tmp_path / "ana.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
        b = open_store(tmp_path / "bob.db")
        import_jsonl(b, tmp_path / "ana.jsonl", coder="bob")
    yield b
    b.close()


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "geojson"])
def test_awkward_values_match_golden(awkward_conn, fmt):
    text = _export(awkward_conn, fmt)
    _golden(f"awkward.{fmt}", _normalise(text) if fmt == "jsonl" else text)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "geojson"])
def test_imported_events_match_golden(imported_conn, fmt):
    text = _export(imported_conn, fmt)
    _golden(f"imported.{fmt}", _normalise(text) if fmt == "jsonl" else text)


def test_items_reading_list_jsonl_matches_golden(awkward_conn):
    _golden("items.jsonl", _normalise(_export(awkward_conn, "jsonl", items=True)))


@pytest.mark.parametrize(("fmt", "items"), [("csv", False), ("csv", True), ("geojson", False),
                                            ("jsonl", False)])
def test_a_file_holds_the_streams_bytes_after_the_bom(awkward_conn, tmp_path: Path, fmt, items):
    """The path and the stream are one writer: the same bytes, CRLF kept, BOM first."""
    out = tmp_path / f"out.{fmt}"
    export(awkward_conn, None, fmt, out, coder="ana", bom=True, items=items)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    stream = _export(awkward_conn, fmt, items=items)
    if fmt == "jsonl":
        assert _normalise(raw[3:].decode("utf-8")) == _normalise(stream)
    else:
        assert raw[3:] == stream.encode("utf-8")
    if fmt == "csv":
        assert raw.endswith(b"\r\n")
