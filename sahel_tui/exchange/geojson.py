"""GeoJSON: a FeatureCollection, one Point per event ([lon, lat]) with the ACLED properties.

Events without coordinates cannot be placed: they are skipped and counted. Written as a
stream (one feature per line), never built in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TextIO

from .acled import COLUMNS, LAT, LON, RowMaker, json_encoder

if TYPE_CHECKING:
    from .selection import EventRecord

_encode = json_encoder((",", ":"))


def _feature(r: list) -> str:
    return _encode({"type": "Feature", "id": r[0],
                    "geometry": {"type": "Point", "coordinates": [r[LON], r[LAT]]},
                    "properties": dict(zip(COLUMNS, r, strict=True))})


def write_geojson(chunks: Iterable[list[EventRecord]], fh: TextIO, rows: RowMaker,
                  tick: Callable[[int], None]) -> tuple[int, int]:
    """Returns (features written, events skipped for want of coordinates)."""
    fh.write('{"type":"FeatureCollection","features":[')
    written = skipped = seen = 0
    for chunk in chunks:
        parts = []
        for rec in chunk:
            r = rows.row(rec)
            if r[LAT] is None or r[LON] is None:
                skipped += 1
                continue
            parts.append(_feature(r))
        if parts:
            fh.write(("\n" if not written else ",\n") + ",\n".join(parts))
            written += len(parts)
        seen += len(chunk)
        tick(seen)
    fh.write("\n]}\n")
    return written, skipped
