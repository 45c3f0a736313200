"""export(): the view's events (or items) to CSV, JSONL or GeoJSON, streamed.

Reads inside one read transaction, so the file is one consistent snapshot even while a
fetch or the app writes. A file is written next to its target and renamed into place at
the end: a failed export never leaves half a file under the target name.

CSV and JSONL lines are rendered mostly by SQLite (rendered.py), checked against and, for
anything unusual, done by the Python writers that define the formats (acled.py, jsonl.py);
a big export has helper processes render chunks (helper.py) on the same snapshot. Events
go to a file as the UTF-8 bytes SQLite produced; to a text stream, decoded.
"""

from __future__ import annotations

import codecs
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from sahel_tui.store.decisions import default_coder
from sahel_tui.store.query import Compiled
from sahel_tui.vocab import Vocab

from . import reading_list, rendered
from .acled import RowMaker
from .acled_csv import write_csv
from .geojson import write_geojson
from .jsonl import provenance, write_jsonl
from .rendered import Out, Parallel
from .selection import count_events, load_feeds

FORMATS = ("csv", "jsonl", "geojson")
PROGRESS_EVERY = 1000

Progress = Callable[[int, int], None]


@dataclass
class ExportResult:
    count: int  # rows written: events (or items with items=True)
    path: Path | None  # None when written to a stream
    skipped: int = 0  # GeoJSON: events without coordinates
    warnings: list[str] = field(default_factory=list)


def format_for(path: str | Path | None, default: str = "csv") -> str:
    """The format a file name asks for (.csv, .jsonl/.ndjson, .geojson/.json)."""
    suffix = Path(str(path)).suffix.lower() if path else ""
    return {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".geojson": "geojson",
            ".json": "geojson"}.get(suffix, default)


def export(conn: sqlite3.Connection, query: Compiled | None, fmt: str,
           out: str | Path | TextIO, *, items: bool = False, bom: bool = False,
           progress: Progress | None = None, coder: str | None = None,
           vocab: Vocab | None = None) -> ExportResult:
    """Write the live events of the items selected by ``query`` (None: all) to ``out``, a
    path or an open text stream. ``items=True`` writes the items themselves as a reading
    list (csv or jsonl). ``progress(done, total)`` is called every ~1000 rows."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (use {', '.join(FORMATS)})")
    if items and fmt == "geojson":
        raise ValueError("items have no coordinates: --items exports csv or jsonl")
    q = query or Compiled("")
    began = not conn.in_transaction
    # helper processes for big exports, if they can read this snapshot (rendered.py)
    parallel = Parallel(conn) if began and not items else None
    if began:
        conn.execute("BEGIN")  # one snapshot for the count and every chunk
    try:
        total = reading_list.count_items(conn, q) if items else count_events(conn, q)
        if parallel is not None and total >= rendered.PARALLEL_FROM:
            parallel.spawn(2 if fmt == "jsonl" else 1)  # start up while the export prepares
        last = [0]

        def tick(done: int) -> None:
            if progress and (done - last[0] >= PROGRESS_EVERY or done == total):
                last[0] = done
                progress(done, total)

        if isinstance(out, str | Path):
            path = Path(out)
            tmp = path.with_name(f".{path.name}.part")
            try:
                if items:
                    with open(tmp, "w", encoding="utf-8-sig" if bom else "utf-8",
                              newline="") as fh:
                        result = _write(conn, q, fmt, fh, items, tick, coder, vocab)
                else:  # events: lines rendered by SQLite are UTF-8 bytes already
                    with open(tmp, "wb") as fh:
                        if bom:
                            fh.write(codecs.BOM_UTF8)
                        result = _write(conn, q, fmt, Out(fh, binary=True), items, tick,
                                        coder, vocab, parallel)
                os.replace(tmp, path)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
            result.path = path
        else:
            if bom:
                out.write("\ufeff")
            result = _write(conn, q, fmt, out if items else Out(out, binary=False), items,
                            tick, coder, vocab, parallel)
        if progress and last[0] != total:
            progress(total, total)
        return result
    finally:
        if parallel is not None:
            parallel.close()
        if began and conn.in_transaction:
            conn.execute("COMMIT")


def _write(conn, q, fmt, fh, items, tick, coder, vocab, parallel=None) -> ExportResult:
    """``fh``: a text stream for items, an Out for events. ``parallel``: a rendered.Parallel
    (a helper process) or None."""
    if items:
        if fmt == "csv":
            return ExportResult(reading_list.write_items_csv(conn, q, fh, tick), None)
        prov = provenance(conn, coder or default_coder())
        return ExportResult(reading_list.write_items_jsonl(conn, q, fh, prov, tick), None)
    if fmt == "jsonl":
        prov = provenance(conn, coder or default_coder())
        return ExportResult(write_jsonl(conn, q, fh, prov, load_feeds(conn), tick, parallel), None)
    rows = RowMaker(load_feeds(conn), vocab)
    if fmt == "csv":
        return ExportResult(write_csv(conn, q, fh, rows, tick, parallel), None)
    written, skipped = write_geojson(conn, q, fh, rows, tick, parallel)
    warnings = [f"{skipped} event{'s' if skipped != 1 else ''} without coordinates left out "
                f"of the GeoJSON"] if skipped else []
    return ExportResult(written, None, skipped, warnings)
