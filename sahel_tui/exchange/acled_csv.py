"""ACLED-shaped CSV: header of COLUMNS, one row per event, spreadsheet-safe.

The csv module's default (excel) dialect gives RFC 4180 quoting: fields with commas, quotes
or line breaks are quoted, quotes doubled, lines end with CRLF. The file is UTF-8, with a
BOM on request (some spreadsheets need it to read UTF-8). Coordinates have 4 decimals.

No cell starts a formula: text that a spreadsheet would evaluate (a first character of
``= + - @``, tab or CR) is written after an apostrophe, which spreadsheets read as "this
is text" (the OWASP rule); numbers (``-6.2157``) are left alone. The reading lists
(reading_list.py) use the same rule.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TextIO

from .acled import COLUMNS, LAT, LON, RowMaker

if TYPE_CHECKING:
    from .selection import EventRecord

_FORMULA = frozenset("=+-@\t\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?").fullmatch


def safe_cell(value):
    """``value``, or text a spreadsheet would take as a formula behind an apostrophe."""
    if value.__class__ is str and value[:1] in _FORMULA and not _NUMBER(value):
        return "'" + value
    return value


def write_csv(chunks: Iterable[list[EventRecord]], fh: TextIO, rows: RowMaker,
              tick: Callable[[int], None]) -> int:
    """The header, then a row per event of ``chunks``; returns the number of events."""
    writer = csv.writer(fh)
    writer.writerow(COLUMNS)
    n = 0
    for chunk in chunks:
        out = []
        for rec in chunk:
            r = rows.row(rec)
            if r[LAT] is not None:
                r[LAT] = f"{r[LAT]:.4f}"
            if r[LON] is not None:
                r[LON] = f"{r[LON]:.4f}"
            # safe_cell inlined: a call per cell was a fifth of the export's time
            out.append([("'" + v if v.__class__ is str and v[:1] in _FORMULA
                         and not _NUMBER(v) else v) for v in r])
        writer.writerows(out)
        n += len(chunk)
        tick(n)
    return n
