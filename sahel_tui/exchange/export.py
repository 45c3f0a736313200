"""export(): the view's events (or items) to CSV, JSONL or GeoJSON, streamed.

Reads inside one read transaction, so the file is one consistent snapshot even while a
fetch or the app writes. A file is written next to its target and renamed into place at
the end: a failed export never leaves half a file under the target name.

One writer per format, for every caller (CLI, app, cron): selection.py streams the
events in chunks, and acled_csv.py (the csv module), jsonl.py and geojson.py (the json
module) write them; reading_list.py reads and writes the items of ``--items``.
"""

from __future__ import annotations

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
from .acled import RowMaker, analyst_vocab
from .acled_csv import write_csv
from .geojson import write_geojson
from .jsonl import provenance, write_jsonl
from .selection import count_events, event_chunks, load_feeds

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
                with open(tmp, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
                    result = _write(conn, q, fmt, fh, items, tick, coder, vocab)
                os.replace(tmp, path)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
            result.path = path
        else:
            if bom:
                out.write("\ufeff")
            result = _write(conn, q, fmt, out, items, tick, coder, vocab)
        if progress and last[0] != total:
            progress(total, total)
        return result
    finally:
        if began and conn.in_transaction:
            conn.execute("COMMIT")


def _write(conn, q, fmt, fh, items, tick, coder, vocab) -> ExportResult:
    if items:
        if fmt == "csv":
            return ExportResult(reading_list.write_items_csv(conn, q, fh, tick), None)
        prov = provenance(conn, coder or default_coder())
        return ExportResult(reading_list.write_items_jsonl(conn, q, fh, prov, tick), None)
    feeds = load_feeds(conn)
    if fmt == "jsonl":
        prov = provenance(conn, coder or default_coder())
        actors = (vocab or analyst_vocab()).actors.values()
        return ExportResult(write_jsonl(event_chunks(conn, q, full=True), fh, prov, feeds,
                                        tick, actors), None)
    rows = RowMaker(feeds, vocab)
    if fmt == "csv":
        return ExportResult(write_csv(event_chunks(conn, q), fh, rows, tick), None)
    written, skipped = write_geojson(event_chunks(conn, q), fh, rows, tick)
    warnings = [f"{skipped} event{'s' if skipped != 1 else ''} without coordinates left out "
                f"of the GeoJSON"] if skipped else []
    return ExportResult(written, None, skipped, warnings)
