"""export(): the view's events (or items) to CSV, JSONL or GeoJSON, streamed.

Reads inside one read transaction, so the file is one consistent snapshot even while a
fetch or the app writes. A file is written next to its target and renamed into place at
the end: a failed export never leaves half a file under the target name.
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

from . import reading_list
from .acled import RowMaker
from .acled_csv import write_csv
from .geojson import write_geojson
from .jsonl import provenance, write_jsonl
from .rendered import Out, Snapshot, helpers_for
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
    # helper connections for csv/jsonl, proven to read this transaction's snapshot
    snapshot = Snapshot(conn) if began and not items and fmt != "geojson" else None
    if began:
        conn.execute("BEGIN")  # one snapshot for the count and every chunk
    try:
        total = reading_list.count_items(conn, q) if items else count_events(conn, q)
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
                    with open(tmp, "wb") as fh, helpers_for(snapshot, total) as helpers:
                        if bom:
                            fh.write(codecs.BOM_UTF8)
                        result = _write(conn, q, fmt, Out(fh, binary=True), items, tick,
                                        coder, vocab, helpers)
                os.replace(tmp, path)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
            result.path = path
        else:
            if bom:
                out.write("\ufeff")
            with helpers_for(snapshot, total) as helpers:
                result = _write(conn, q, fmt, out if items else Out(out, binary=False), items,
                                tick, coder, vocab, helpers)
        if progress and last[0] != total:
            progress(total, total)
        return result
    finally:
        if snapshot is not None:
            snapshot.close()
        if began and conn.in_transaction:
            conn.execute("COMMIT")


def _write(conn, q, fmt, fh, items, tick, coder, vocab, helpers=()) -> ExportResult:
    """``fh``: a text stream for items, an Out for events. ``helpers``: connections on
    conn's snapshot, for rendering threads."""
    if items:
        if fmt == "csv":
            return ExportResult(reading_list.write_items_csv(conn, q, fh, tick), None)
        prov = provenance(conn, coder or default_coder())
        return ExportResult(reading_list.write_items_jsonl(conn, q, fh, prov, tick), None)
    if fmt == "jsonl":
        prov = provenance(conn, coder or default_coder())
        return ExportResult(write_jsonl(conn, q, fh, prov, load_feeds(conn), tick, helpers), None)
    rows = RowMaker(load_feeds(conn), vocab)
    if fmt == "csv":
        return ExportResult(write_csv(conn, q, fh, rows, tick, helpers), None)
    written, skipped = write_geojson(conn, q, fh, rows, tick)
    warnings = [f"{skipped} event{'s' if skipped != 1 else ''} without coordinates left out "
                f"of the GeoJSON"] if skipped else []
    return ExportResult(written, None, skipped, warnings)
