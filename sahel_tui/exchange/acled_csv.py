"""ACLED-shaped CSV: header of COLUMNS, one row per event, spreadsheet-safe.

The csv module's default (excel) dialect gives RFC 4180 quoting: fields with commas, quotes
or line breaks are quoted, quotes doubled, lines end with CRLF. The file is UTF-8, with a
BOM on request (some spreadsheets need it to read UTF-8). Coordinates have 4 decimals.

Rows are rendered by SQLite where it gives the csv module's bytes (rendered.py), with the
vocabulary and feed columns from RowMaker's caches; an event whose values SQLite cannot
render exactly goes through RowMaker.row and the csv module, as do all events when the
probe fails.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Callable, Iterable

from sahel_tui.store.query import Compiled

from . import rendered
from .acled import COLUMNS, LAT, LON, RowMaker, joined
from .selection import EventRecord, event_chunks, event_filter, records

CHUNK = 2000


def _csv_row(r: list) -> list:
    if r[LAT] is not None:
        r[LAT] = f"{r[LAT]:.4f}"
    if r[LON] is not None:
        r[LON] = f"{r[LON]:.4f}"
    return r


def write_csv(conn: sqlite3.Connection, q: Compiled | None, out: rendered.Out, rows: RowMaker,
              tick: Callable[[int], None], parallel: rendered.Parallel | None = None) -> int:
    """``parallel``: a helper process that may render pieces (rendered.Parallel)."""
    buf = io.StringIO()
    csv.writer(buf).writerow(COLUMNS)
    out.text(buf.getvalue())
    if rendered.probe(conn):
        where, params = event_filter(q)
        return rendered.run_chunks(conn, where, params, _Renderer(rows), out, tick,
                                   parallel, CHUNK)
    return write_records(event_chunks(conn, q), out, rows, tick)


def _csv_text(rows: Iterable[list]) -> str:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue()


def write_records(chunks: Iterable[list[EventRecord]], out: rendered.Out, rows: RowMaker,
                  tick: Callable[[int], None]) -> int:
    """The Python path: RowMaker and the csv module."""
    n = 0
    for chunk in chunks:
        out.text(_csv_text([_csv_row(rows.row(rec)) for rec in chunk]))
        n += len(chunk)
        tick(n)
    return n


def _field(value) -> bytes:
    return b"" if value is None else rendered.csv_quote_bytes(str(value).encode("utf-8"))


class _Lookups:
    """The columns that need the vocabulary or the feeds, as CSV bytes, cached."""

    def __init__(self, rows: RowMaker) -> None:
        self.rows = rows
        self.countries: dict[str, tuple[bytes, bytes]] = {}
        self.inters: dict[tuple[str, str], bytes] = {}
        self.disorders: dict[tuple[str, str], bytes] = {}
        self.outlets: dict[bytes, tuple[bytes, str | None, int]] = {}
        self.admiralty: dict[tuple, bytes] = {}
        self.assocs: dict[bytes, bytes] = {b"[]": b""}

    def country(self, name: str) -> tuple[bytes, bytes]:
        """(alpha-3, b'iso,region')"""
        alpha3, iso, region = self.rows.country(name)
        found = self.countries[name] = (alpha3.encode("utf-8"), _field(iso) + b"," + _field(region))
        return found

    def assoc(self, json_list: bytes) -> bytes:
        found = self.assocs[json_list] = _field(
            joined(None if json_list is None else json_list.decode("utf-8")))
        return found

    def interaction(self, inter1: str, inter2: str) -> bytes:
        found = self.inters[(inter1, inter2)] = _field(self.rows.interaction(inter1, inter2))
        return found

    def disorder(self, disorder: str, sub_event_type: str) -> bytes:
        found = self.disorders[(disorder, sub_event_type)] = _field(
            disorder or self.rows.disorder(sub_event_type))
        return found

    def outlet(self, key: bytes) -> tuple[bytes, str | None, int]:
        """(b'source,source_scale', best default reliability, number of outlets)"""
        source, scale, best, n = self.rows.outlets(rendered.feed_ids(key))
        found = self.outlets[key] = (_field(source) + b"," + _field(scale), best, n)
        return found

    def admiral(self, reliability: str | None, credibility, best: str | None) -> bytes:
        reliability = reliability or best
        found = self.admiralty[(reliability, credibility)] = (
            _field(f"{reliability}{credibility or 6}") if reliability else b"")
        return found


_LINE = b"%s%d" + b",%s" * 24 + b"\r\n"


class _Renderer:
    """render(connection, ids, ids as JSON, pieces) -> the CSV lines of those events."""

    pieces_sql = rendered.CSV_PIECES
    job = {"kind": "pieces", "pieces_sql": rendered.CSV_PIECES}

    def __init__(self, rows: RowMaker) -> None:
        self.rows = rows
        self.look = _Lookups(rows)

    def __call__(self, conn: sqlite3.Connection, ids: list[int], ids_json: str,
                 pieces: list[bytes] | None) -> bytes:
        if pieces is None:
            return self.python(conn, ids)
        look = self.look
        countries, inters, disorders, outlets, admiralty, assocs = (
            look.countries, look.inters, look.disorders, look.outlets, look.admiralty,
            look.assocs)
        us, fs, n_us, n_runs = rendered.US, rendered.FS, rendered.CSV_US, rendered.CSV_RUNS
        quote_runs, not_plain, line = rendered.csv_quote_runs, rendered.NOT_PLAIN, _LINE
        cur = conn.cursor()
        cur.row_factory = None
        lines = []
        slow = []
        for (eid, plain, country, sub, i1, i2, lat, lon, rel, cred, dis, assoc1, assoc2,
             notes), piece in zip(cur.execute(rendered.CSV_ROWS, (ids_json,)), pieces,
                                  strict=True):
            if not plain or piece == not_plain or piece.count(us) != n_us:
                slow.append((len(lines), eid))
                lines.append(b"")
                continue
            if b"," in piece or b'"' in piece or b"\n" in piece or b"\r" in piece:
                piece = quote_runs(piece)
            runs = piece.replace(us, b",").split(fs)
            if len(runs) != n_runs:
                slow.append((len(lines), eid))
                lines.append(b"")
                continue
            a, b, c, d, civ, e, geo, f, g, h, i, links, item_ids, fkey = runs
            a3, iso_region = countries.get(country) or look.country(country)
            a1 = assocs.get(assoc1)
            if a1 is None:
                a1 = look.assoc(assoc1)
            a2 = assocs.get(assoc2)
            if a2 is None:
                a2 = look.assoc(assoc2)
            inter = inters.get((i1, i2))
            if inter is None:
                inter = look.interaction(i1, i2)
            disorder = disorders.get((dis, sub))
            if disorder is None:
                disorder = look.disorder(dis, sub)
            source, best, outlets_n = outlets.get(fkey) or look.outlet(fkey)
            adm = admiralty.get((rel or best, cred))
            if adm is None:
                adm = look.admiral(rel, cred, best)
            if b"," in notes or b'"' in notes or b"\n" in notes or b"\r" in notes:
                notes = b'"' + notes.replace(b'"', b'""') + b'"'
            lines.append(line % (
                a3, eid, a, disorder, b, a1, c, a2, d, inter, civ, iso_region, e,
                b"" if lat is None else b"%.4f" % round(lat, 4),
                b"" if lon is None else b"%.4f" % round(lon, 4),
                geo, source, notes, f, adm, g, links, b"%d" % outlets_n, h, item_ids, i))
        if slow:
            recs = records(conn, [eid for _, eid in slow])
            for (at, _), rec in zip(slow, recs, strict=True):
                lines[at] = _csv_text([_csv_row(self.rows.row(rec))]).encode("utf-8")
        return b"".join(lines)

    def python(self, conn: sqlite3.Connection, ids: list[int]) -> bytes:
        return _csv_text([_csv_row(self.rows.row(rec)) for rec in records(conn, ids)]).encode()
