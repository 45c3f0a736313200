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
from typing import TextIO

from sahel_tui.store.query import Compiled

from . import rendered
from .acled import COLUMNS, LAT, LON, RowMaker, _joined
from .selection import EventRecord, event_chunks, event_filter, records

CHUNK = 2000


def _csv_row(r: list) -> list:
    if r[LAT] is not None:
        r[LAT] = f"{r[LAT]:.4f}"
    if r[LON] is not None:
        r[LON] = f"{r[LON]:.4f}"
    return r


def write_csv(conn: sqlite3.Connection, q: Compiled | None, fh: TextIO, rows: RowMaker,
              tick: Callable[[int], None]) -> int:
    writer = csv.writer(fh)
    writer.writerow(COLUMNS)
    if rendered.probe(conn):
        return _write_rendered(conn, q, fh, rows, tick)
    return write_records(event_chunks(conn, q), writer, rows, tick)


def write_records(chunks: Iterable[list[EventRecord]], writer, rows: RowMaker,
                  tick: Callable[[int], None]) -> int:
    """The Python path: RowMaker and the csv module."""
    n = 0
    for chunk in chunks:
        writer.writerows([_csv_row(rows.row(rec)) for rec in chunk])
        n += len(chunk)
        tick(n)
    return n


class _Lookups:
    """The columns that need the vocabulary or the feeds, as CSV text, cached."""

    def __init__(self, rows: RowMaker) -> None:
        self.rows = rows
        self.countries: dict[str, tuple[str, str]] = {}
        self.inters: dict[tuple[str, str], str] = {}
        self.disorders: dict[tuple[str, str], str] = {}
        self.outlets: dict[str, tuple[str, str | None, int]] = {}
        self.admiralty: dict[tuple, str] = {}
        self.assocs: dict[str, str] = {"[]": ""}

    def country(self, name: str) -> tuple[str, str]:
        """(alpha-3, 'iso,region')"""
        alpha3, iso, region = self.rows.country(name)
        found = self.countries[name] = (alpha3, f"{_field(iso)},{_field(region)}")
        return found

    def assoc(self, json_list: str) -> str:
        found = self.assocs[json_list] = _field(_joined(json_list))
        return found

    def interaction(self, inter1: str, inter2: str) -> str:
        found = self.inters[(inter1, inter2)] = _field(self.rows.interaction(inter1, inter2))
        return found

    def disorder(self, disorder: str, sub_event_type: str) -> str:
        found = self.disorders[(disorder, sub_event_type)] = _field(
            disorder or self.rows.disorder(sub_event_type))
        return found

    def outlet(self, key: str) -> tuple[str, str | None, int]:
        """('source,source_scale', best default reliability, number of outlets)"""
        source, scale, best, n = self.rows.outlets(rendered.feed_ids(key))
        found = self.outlets[key] = (f"{_field(source)},{_field(scale)}", best, n)
        return found

    def admiral(self, reliability: str | None, credibility, best: str | None) -> str:
        reliability = reliability or best
        found = self.admiralty[(reliability, credibility)] = (
            _field(f"{reliability}{credibility or 6}") if reliability else "")
        return found


def _field(value) -> str:
    return "" if value is None else rendered.csv_quote(str(value))


def _write_rendered(conn: sqlite3.Connection, q: Compiled | None, fh: TextIO, rows: RowMaker,
                    tick: Callable[[int], None]) -> int:
    where, params = event_filter(q)
    cur = conn.cursor()
    cur.row_factory = None
    cur.execute(f"SELECT {rendered.csv_select()} {rendered.event_filter_sql(where)}", params)
    look = _Lookups(rows)
    countries, inters, disorders, outlets, admiralty, assocs = (
        look.countries, look.inters, look.disorders, look.outlets, look.admiralty, look.assocs)
    us, fs, n_us, n_runs = rendered.US, rendered.FS, rendered.CSV_US, rendered.CSV_FS + 1
    quote_runs = rendered.csv_quote_runs
    n = 0
    while chunk := cur.fetchmany(CHUNK):
        lines = []
        slow = []
        for (eid, plain, country, sub, i1, i2, lat, lon, rel, cred, dis, text, assoc1, assoc2,
             notes, its) in chunk:
            if not plain or text is None or text.count(us) != n_us:
                slow.append((len(lines), eid))
                lines.append("")
                continue
            if "," in text or '"' in text or "\n" in text or "\r" in text:
                text = quote_runs(text)
            runs = text.replace(us, ",").split(fs)
            if len(runs) != n_runs:
                slow.append((len(lines), eid))
                lines.append("")
                continue
            a, b, c, d, civ, e, geo, f, g, h, i = runs
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
            links, ids, fkey = its.rsplit("\x01", 2)
            source, best, outlets_n = outlets.get(fkey) or look.outlet(fkey)
            adm = admiralty.get((rel or best, cred))
            if adm is None:
                adm = look.admiral(rel, cred, best)
            if "," in notes or '"' in notes or "\n" in notes or "\r" in notes:
                notes = '"' + notes.replace('"', '""') + '"'
            if "," in links or '"' in links or "\n" in links or "\r" in links:
                links = '"' + links.replace('"', '""') + '"'
            lines.append(
                f"{a3}{eid},{a},{disorder},{b},{a1},{c},{a2},{d},{inter},{civ},"
                f"{iso_region},{e},{'' if lat is None else f'{round(lat, 4):.4f}'},"
                f"{'' if lon is None else f'{round(lon, 4):.4f}'},{geo},{source},{notes},"
                f"{f},{adm},{g},{links},{outlets_n},{h},{ids},{i}\r\n")
        if slow:
            buf = io.StringIO()
            writer = csv.writer(buf)
            for (at, _), rec in zip(slow, records(conn, [eid for _, eid in slow]), strict=True):
                writer.writerow(_csv_row(rows.row(rec)))
                lines[at] = buf.getvalue()
                buf.seek(0)
                buf.truncate()
        fh.write("".join(lines))
        n += len(chunk)
        tick(n)
    return n
