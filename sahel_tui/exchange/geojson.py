"""GeoJSON: a FeatureCollection, one Point per event ([lon, lat]) with the ACLED properties.

Events without coordinates cannot be placed: they are skipped and counted. Written as a
stream (one feature per line), never built in memory.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable

from sahel_tui.store.query import Compiled

from . import rendered
from .acled import COLUMNS, LAT, LON, RowMaker, joined
from .rendered import Out
from .selection import EventRecord, event_chunks, event_filter, records

CHUNK = 2000

_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def write_geojson(conn: sqlite3.Connection, q: Compiled | None, out: Out, rows: RowMaker,
                  tick: Callable[[int], None],
                  parallel: rendered.Parallel | None = None) -> tuple[int, int]:
    """Returns (features written, events skipped for want of coordinates). ``parallel``: a
    helper process that may render pieces (rendered.Parallel)."""
    if not rendered.probe(conn):
        return write_records(event_chunks(conn, q), out, rows, tick)
    out.text('{"type":"FeatureCollection","features":[')
    render = _Renderer(rows)
    where, params = event_filter(q)
    rendered.run_chunks(conn, where, params, render, _Features(out, render), tick, parallel,
                        CHUNK)
    out.text("\n]}\n")
    return render.written, render.skipped


class _Features:
    """Chunks of features (joined by ',\n') into the FeatureCollection's list."""

    def __init__(self, out: Out, render: _Renderer) -> None:
        self.out, self.render, self.first = out, render, True

    def data(self, data: bytes) -> None:
        if data:
            self.out.data((b"\n" if self.first else b",\n") + data)
            self.first = False


def _json(value) -> bytes:
    if type(value) is float and value - value == 0.0:  # finite
        return float.__repr__(value).encode()
    return _encode(value).encode("utf-8")


class _Renderer:
    """render(connection, ids, ids as JSON, pieces) -> the features of those events."""

    pieces_sql = rendered.GEO_PIECES
    job = {"kind": "pieces", "pieces_sql": rendered.GEO_PIECES}

    def __init__(self, rows: RowMaker) -> None:
        self.rows = rows
        self.written = self.skipped = 0
        # what RowMaker makes of a country, an associated actors list, an inter pair, a
        # feed key, (disorder, sub type), (reliability, credibility): as JSON, cached
        self.countries: dict = {}
        self.assocs: dict = {}
        self.inters: dict = {}
        self.outlets: dict = {}
        self.disorders: dict = {}
        self.admiralty: dict = {}

    def __call__(self, conn: sqlite3.Connection, ids: list[int], ids_json: str,
                 pieces: list[bytes] | None) -> bytes:
        if pieces is None:
            return self.python(conn, ids)
        rows = self.rows
        countries, assocs, inters = self.countries, self.assocs, self.inters
        outlets, disorders, admiralty = self.outlets, self.disorders, self.admiralty
        fs, n_runs, not_plain = rendered.FS, rendered.GEO_RUNS, rendered.NOT_PLAIN
        cur = conn.cursor()
        cur.row_factory = None
        features: list[bytes] = []
        slow = []
        for (eid, plain, country, sub, i1, i2, lat, lon, rel, cred, dis, assoc1, assoc2,
             _), piece in zip(cur.execute(rendered.CSV_ROWS, (ids_json,)), pieces, strict=True):
            if (lat is None or lon is None) and plain:
                self.skipped += 1
                continue
            runs = piece.split(fs) if plain and piece != not_plain else ()
            if len(runs) != n_runs:
                slow.append((len(features), eid))
                features.append(b"")
                continue
            a, b, c, d, civ, e, geo, f, g, h, i, links, item_ids, fkey = runs
            found = countries.get(country)
            if found is None:
                found = countries[country] = _country(rows, country)
            alpha3, iso_region = found
            a1 = assocs.get(assoc1)
            if a1 is None:
                a1 = assocs[assoc1] = _json(joined(_text(assoc1)))
            a2 = assocs.get(assoc2)
            if a2 is None:
                a2 = assocs[assoc2] = _json(joined(_text(assoc2)))
            inter = inters.get((i1, i2))
            if inter is None:
                inter = inters[(i1, i2)] = _json(rows.interaction(i1, i2))
            disorder = disorders.get((dis, sub))
            if disorder is None:
                disorder = disorders[(dis, sub)] = _json(dis or rows.disorder(sub))
            found = outlets.get(fkey)
            if found is None:
                found = outlets[fkey] = _outlets(rows, fkey)
            source, best, outlets_n = found
            rel = rel or best
            adm = admiralty.get((rel, cred))
            if adm is None:
                adm = admiralty[(rel, cred)] = _json(f"{rel}{cred or 6}" if rel else "")
            cnty = _json(f"{alpha3}{eid}")
            lat4, lon4 = _json(round(lat, 4)), _json(round(lon, 4))
            features.append(_FEATURE % (
                cnty, lon4, lat4, cnty, a, disorder, b, a1, c, a2, d, inter, civ, iso_region,
                e, lat4, lon4, geo, source, f, adm, g, links, outlets_n, h, item_ids, i))
        if slow:
            for (at, _), feature in zip(slow, self._features(conn, [eid for _, eid in slow]),
                                        strict=True):
                features[at] = feature
        self.written += sum(1 for x in features if x)
        return b",\n".join([x for x in features if x])

    def _features(self, conn: sqlite3.Connection, ids: list[int]) -> list[bytes]:
        """The Python path for some events: b"" for one without coordinates (counted)."""
        out = []
        for rec in records(conn, ids):
            r = self.rows.row(rec)
            if r[LAT] is None or r[LON] is None:
                self.skipped += 1
                out.append(b"")
            else:
                out.append(_feature(r).encode("utf-8"))
        return out

    def python(self, conn: sqlite3.Connection, ids: list[int]) -> bytes:
        features = [x for x in self._features(conn, ids) if x]
        self.written += len(features)
        return b",\n".join(features)


_FEATURE = (b'{"type":"Feature","id":%s,"geometry":{"type":"Point","coordinates":[%s,%s]},'
            b'"properties":{"event_id_cnty":%s,%s,"disorder_type":%s%s,"assoc_actor_1":%s%s,'
            b'"assoc_actor_2":%s%s,"interaction":%s%s,%s%s,"latitude":%s,"longitude":%s%s,'
            b'%s%s,"x_admiralty":%s%s,"x_item_links":%s,"x_outlets":%s%s,"x_item_ids":%s%s}}')


def _text(value: bytes | None) -> str | None:
    return None if value is None else value.decode("utf-8")


def _country(rows: RowMaker, name: str) -> tuple[str, bytes]:
    alpha3, iso, region = rows.country(name)
    return alpha3, b'"iso":' + _json(iso) + b',"region":' + _json(region)


def _outlets(rows: RowMaker, key: bytes) -> tuple[bytes, str | None, bytes]:
    source, scale, best, n = rows.outlets(rendered.feed_ids(key))
    return (b'"source":' + _json(source) + b',"source_scale":' + _json(scale), best,
            _json(n))


def _feature(r: list) -> str:
    return _encode({"type": "Feature", "id": r[0],
                    "geometry": {"type": "Point", "coordinates": [r[LON], r[LAT]]},
                    "properties": dict(zip(COLUMNS, r, strict=True))})


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
            parts.append(_feature(r))
        if parts:
            fh.text(("\n" if not written else ",\n") + ",\n".join(parts))
            written += len(parts)
        seen += len(chunk)
        tick(seen)
    fh.text("\n]}\n")
    return written, skipped
