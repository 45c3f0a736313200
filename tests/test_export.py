"""Export: ACLED CSV, JSONL exchange format, GeoJSON, reading lists; golden files.

Regenerate the golden files after a deliberate format change with
``SAHEL_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_export.py`` and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from test_export_fixture import build

from sahel_tui.exchange.acled import ACLED_COLUMNS, source_scale
from sahel_tui.exchange.export import export
from sahel_tui.store import open_store
from sahel_tui.store.events import INTER_ORDER
from sahel_tui.store.query import parse
from sahel_tui.vocab import INTER_TYPES, load_vocab

GOLDEN = Path(__file__).parent / "golden"

ACLED_31 = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]


@pytest.fixture
def conn(tmp_path):
    build(tmp_path / "fixture.db")
    c = open_store(tmp_path / "fixture.db")
    yield c
    c.close()


def _export(conn, fmt, query=None, **kw) -> str:
    buf = io.StringIO(newline="")
    export(conn, parse(query) if query else None, fmt, buf, coder="ana", **kw)
    return buf.getvalue()


def normalise_jsonl(text: str) -> str:
    """Volatile provenance (exported_at, database id, version) replaced by placeholders."""
    lines = []
    for line in text.splitlines():
        obj = json.loads(line)
        obj["provenance"]["exported_at"] = "<exported_at>"
        obj["provenance"]["database"]["id"] = "<database id>"
        obj["provenance"]["sahel_tui"] = "<version>"
        lines.append(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
    return "\n".join(lines) + "\n"


def _golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("SAHEL_UPDATE_GOLDEN"):
        path.write_bytes(actual.encode("utf-8"))
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"{name} differs from the golden file"


def test_csv_matches_golden(conn):
    _golden("events.csv", _export(conn, "csv"))


def test_jsonl_matches_golden(conn):
    _golden("events.jsonl", normalise_jsonl(_export(conn, "jsonl")))


def test_geojson_matches_golden(conn):
    _golden("events.geojson", _export(conn, "geojson"))


def test_items_reading_list_matches_golden(conn):
    _golden("items.csv", _export(conn, "csv", items=True))


def test_csv_header_is_acled_then_x_columns(conn):
    header = next(csv.reader(io.StringIO(_export(conn, "csv"))))
    assert header[:31] == ACLED_31 == list(ACLED_COLUMNS)
    assert all(h.startswith("x_") for h in header[31:])
    assert {"x_admiralty", "x_confidence", "x_fatalities_best", "x_fatalities_high",
            "x_item_links", "x_outlets", "x_coder", "x_coded_at", "x_item_ids",
            "x_event_uid"} <= set(header[31:])


def test_vocabulary_columns_hold_vocabulary_values(conn):
    vocab = load_vocab()
    subs = {s.name: s for s in vocab.sub_event_types}
    countries = {c.name: c for c in vocab.countries.values()}
    rows = list(csv.DictReader(io.StringIO(_export(conn, "csv"))))
    assert len(rows) == 5
    for r in rows:
        sub = subs[r["sub_event_type"]]
        assert r["event_type"] == sub.event_type
        assert r["event_type"] in {e.name for e in vocab.event_types}
        assert r["disorder_type"] in sub.disorder_types or r["disorder_type"] == sub.disorder_type
        for col in ("inter1", "inter2"):
            assert r[col] in (*INTER_TYPES, "")
        inter = r["interaction"]
        parts = [inter[: -len(" only")]] if inter.endswith(" only") else inter.split("-", 1)
        assert all(p in INTER_TYPES for p in parts), r["interaction"]
        if len(parts) == 2:  # lower legacy code first
            assert INTER_ORDER.index(parts[0]) <= INTER_ORDER.index(parts[1])
        assert r["civilian_targeting"] in ("Civilian targeting", "")
        country = countries[r["country"]]
        assert r["iso"] == str(country.iso_numeric)
        assert r["region"] == country.region
        assert r["region"] in ("Western Africa", "Middle Africa")
        assert r["event_id_cnty"].startswith(country.alpha3)
        assert r["time_precision"] in ("1", "2", "3")
        assert r["geo_precision"] in ("1", "2", "3")
        if r["latitude"]:
            assert len(r["latitude"].split(".")[1]) == 4
            assert len(r["longitude"].split(".")[1]) == 4
    chad = next(r for r in rows if r["country"] == "Chad")
    assert (chad["iso"], chad["region"]) == ("148", "Middle Africa")


def test_csv_survives_a_spreadsheet_round_trip(conn, tmp_path):
    out = tmp_path / "e.csv"
    result = export(conn, None, "csv", out, bom=True)
    assert (result.count, result.path) == (5, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") >= 6  # CRLF line ends (and one inside a quoted note)
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    ambush = rows[0]
    assert ambush["notes"] == ('ISSP militants ambushed a FAMa patrol near Ménaka, killing '
                               '"at least 12" soldiers,\nincluding 2 VDP; the army said 8.')
    assert ambush["assoc_actor_2"] == "Wagner Group / Africa Corps (Russia); VDP, volunteers"
    assert ambush["source"] == "Radio Ménaka, édition locale; Sahel Wire"
    assert ambush["admin2"] == ""
    assert ambush["interaction"] == "State forces-Rebel group"
    assert ambush["x_admiralty"] == "B2" and ambush["x_outlets"] == "2"
    assert rows[1]["actor1"].endswith("and/or Islamic State Sahel Province")
    assert rows[1]["civilian_targeting"] == "Civilian targeting"
    # two events on one item: one row each, the same item
    assert rows[0]["x_item_ids"] == rows[1]["x_item_ids"]
    assert "ev-removed" not in raw.decode("utf-8-sig")
    assert not list(tmp_path.glob(".*.part"))


def test_query_selects_items_and_exports_their_events(conn):
    rows = list(csv.DictReader(io.StringIO(_export(conn, "csv", 'feed:"Lake Chad"'))))
    assert [r["country"] for r in rows] == ["Nigeria", "Chad"]
    rows = list(csv.DictReader(io.StringIO(_export(conn, "csv", "Ménaka"))))
    assert [r["x_event_uid"] for r in rows] == ["ev-menaka-ambush", "ev-inekar-civilians"]
    assert _export(conn, "csv", "status:dismissed").count("\r\n") == 1  # header only


def test_geojson_skips_events_without_coordinates(conn):
    buf = io.StringIO()
    result = export(conn, None, "geojson", buf)
    assert (result.count, result.skipped) == (4, 1)
    assert "without coordinates" in result.warnings[0]
    fc = json.loads(buf.getvalue())
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 4
    segou = next(f for f in fc["features"] if f["properties"]["location"] == "Ségou")
    assert segou["geometry"] == {"type": "Point", "coordinates": [-6.2157, 13.4317]}
    assert segou["properties"]["assoc_actor_1"] == "Katiba Macina; Ansar Dine"


def test_jsonl_lines_carry_items_history_and_provenance(conn):
    lines = [json.loads(x) for x in _export(conn, "jsonl").splitlines()]
    assert len(lines) == 5
    assert {(x["format"], x["version"]) for x in lines} == {("sahel-tui/events", 1)}
    segou = next(x for x in lines if x["event"]["uid"] == "ev-segou-ied")
    assert [h["action"] for h in segou["history"]] == ["code", "event.edit"]
    assert segou["history"][1]["before"]["fatalities"] == 0
    assert segou["history"][1]["after"]["fatalities"] == 1
    ambush = lines[0]
    assert [f["name"] for f in ambush["items"][0]["feeds"]] == [
        "Radio Ménaka, édition locale", "Sahel Wire"]
    assert ambush["provenance"]["analyst"] == "ana"
    assert ambush["provenance"]["database"]["name"] == "fixture.db"
    assert set(ambush["provenance"]) >= {"exported_at", "sahel_tui"}


def test_items_export_includes_uncoded_items(conn):
    rows = list(csv.DictReader(io.StringIO(_export(conn, "csv", items=True))))
    assert len(rows) == 6
    assert {r["status"] for r in rows} == {"new", "coded", "dismissed"}
    lines = [json.loads(x) for x in _export(conn, "jsonl", items=True).splitlines()]
    assert lines[0]["format"] == "sahel-tui/items"
    assert all(x["item"]["text"] for x in lines)
    with pytest.raises(ValueError, match="coordinates"):
        export(conn, None, "geojson", io.StringIO(), items=True)


def test_progress_is_reported(conn):
    seen = []
    export(conn, None, "csv", io.StringIO(), progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (5, 5)


def test_source_scale_rule():
    assert source_scale([["wire"]]) == "International"
    assert source_scale([["national-daily", "mali"], ["local-reporter"]]) == "Subnational-National"
    assert source_scale([["mali"]]) == ""
    assert source_scale([["partisan-blog"], ["un-ngo"], ["Regional"]]) == "New media-Regional"


def test_missing_disorder_type_comes_from_the_sub_event_type(conn):
    conn.execute("UPDATE events SET disorder_type = '' WHERE uid = 'ev-maiduguri-protest'")
    rows = list(csv.DictReader(io.StringIO(_export(conn, "csv", 'feed:"Lake Chad"'))))
    assert rows[0]["disorder_type"] == "Demonstrations"


FORMULAS = ("=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "-2+3",
            "@SUM(1+1)", "\t=1", "\r=1")


def _formula_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(cell)]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_reading_list_csv_titles_never_start_a_formula(conn):
    ids = [r[0] for r in conn.execute("SELECT id FROM items ORDER BY id")]
    for item_id, title in zip(ids, FORMULAS, strict=False):
        conn.execute("UPDATE items SET title = ? WHERE id = ?", (title, item_id))
    text = _export(conn, "csv", items=True)
    assert _formula_cells(text) == []
    titles = [r["title"] for r in csv.DictReader(io.StringIO(text))]
    for f in FORMULAS:
        assert "'" + f in titles  # kept, readable, as text


def test_events_csv_cells_never_start_a_formula(conn):
    conn.execute("UPDATE events SET notes = ?, actor2 = ?, tags = ?, location = ? "
                 "WHERE uid = 'ev-segou-ied'", FORMULAS[:4])
    conn.execute("UPDATE feeds SET name = ? WHERE name = 'Sahel Wire'", (FORMULAS[4],))
    text = _export(conn, "csv")
    assert _formula_cells(text) == []
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["x_event_uid"] == "ev-segou-ied")
    assert (row["notes"], row["actor2"], row["tags"], row["location"]) == tuple(
        "'" + f for f in FORMULAS[:4])
    assert row["longitude"] == "-6.2157"  # a number stays a number
