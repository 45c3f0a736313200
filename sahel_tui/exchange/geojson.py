"""GeoJSON: a FeatureCollection, one Point per event ([lon, lat]) with the ACLED properties.

Events without coordinates cannot be placed: they are skipped and counted. Written as a
stream (one feature per line), never built in memory.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable

from sahel_tui.store.query import Compiled

from .acled import COLUMNS, LAT, LON, RowMaker
from .rendered import Out
from .selection import EventRecord, event_chunks

_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def write_geojson(conn: sqlite3.Connection, q: Compiled | None, out: Out, rows: RowMaker,
                  tick: Callable[[int], None]) -> tuple[int, int]:
    """Returns (features written, events skipped for want of coordinates)."""
    return write_records(event_chunks(conn, q), out, rows, tick)


def write_records(chunks: Iterable[list[EventRecord]], out: Out, rows: RowMaker,
                  tick: Callable[[int], None]) -> tuple[int, int]:
    """The Python path: RowMaker and the json module."""
    fh = out
    fh.text('{"type":"FeatureCollection","features":[')
    written = skipped = seen = 0
    for chunk in chunks:
        parts = []
        for rec in chunk:
            r = rows.row(rec)
            if r[LAT] is None or r[LON] is None:
                skipped += 1
                continue
            parts.append(_encode({
                "type": "Feature",
                "id": r[0],
                "geometry": {"type": "Point", "coordinates": [r[LON], r[LAT]]},
                "properties": dict(zip(COLUMNS, r, strict=True)),
            }))
        if parts:
            fh.text(("\n" if not written else ",\n") + ",\n".join(parts))
            written += len(parts)
        seen += len(chunk)
        tick(seen)
    fh.text("\n]}\n")
    return written, skipped
