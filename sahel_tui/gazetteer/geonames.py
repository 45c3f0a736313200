"""Reading GeoNames dumps: ``XX.txt``, ``XX.zip``, ``allCountries.zip`` and the admin code
tables ``admin1CodesASCII.txt`` / ``admin2Codes.txt``.

The layout (download.geonames.org/export/dump/readme.txt): tab-separated, 19 columns, no
header -- geonameid, name, asciiname, alternatenames (comma-separated), latitude,
longitude, feature class, feature code, country code, cc2, admin1 code, admin2 code,
admin3, admin4, population, elevation, dem, timezone, modification date.  OpenStreetMap
place points converted to the same layout read the same way (their admin codes are empty).

A line that does not fit is reported as ``file:line: what`` and skipped; the rest is read.
BOM and CRLF line ends are accepted.  Stdlib only.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["GeoRow", "is_admin_table", "read_admin_codes", "read_rows", "text_members"]

ADMIN_TABLES = ("admin1codesascii.txt", "admin2codes.txt", "admin1codes.txt")


@dataclass(slots=True)
class GeoRow:
    id: str
    name: str
    asciiname: str
    alternates: list[str]
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    country: str
    admin1: str
    admin2: str
    admin3: str
    population: int
    modified: str
    where: str  # "file:line"


def is_admin_table(path: Path | str) -> bool:
    return Path(str(path)).name.lower() in ADMIN_TABLES


def _lines(stream: io.TextIOBase) -> Iterator[tuple[int, str]]:
    for n, line in enumerate(stream, 1):
        if n == 1 and line.startswith("\ufeff"):
            line = line[1:]
        yield n, line.rstrip("\r\n")


def text_members(path: Path) -> Iterator[tuple[str, io.TextIOBase]]:
    """(display name, text stream) of a .txt file or of every data .txt inside a .zip
    (GeoNames zips also hold a readme.txt, skipped)."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                name = info.filename
                if not name.lower().endswith(".txt") or Path(name).name.lower() == "readme.txt":
                    continue
                with zf.open(info) as raw:
                    yield (f"{path.name}:{name}",
                           io.TextIOWrapper(raw, encoding="utf-8", errors="replace"))
    else:
        with open(path, encoding="utf-8", errors="replace", newline="") as fh:
            yield path.name, fh


def read_rows(path: Path, problems: list[str],
              countries: set[str] | None = None) -> Iterator[GeoRow]:
    """The rows of a GeoNames-layout file (.txt or .zip); bad lines go to *problems*.
    *countries*: keep only rows of these country codes (for allCountries.zip)."""
    for display, stream in text_members(path):
        for n, line in _lines(stream):
            if not line.strip():
                continue
            where = f"{display}:{n}"
            cols = line.split("\t")
            if len(cols) < 19:
                problems.append(f"{where}: {len(cols)} tab-separated columns, expected 19 "
                                "(GeoNames layout); line skipped")
                continue
            cc = cols[8].strip().upper()
            if countries is not None and cc not in countries:
                continue
            try:
                lat, lon = float(cols[4]), float(cols[5])
            except ValueError:
                problems.append(f"{where}: latitude/longitude {cols[4]!r}, {cols[5]!r} are not "
                                "numbers; line skipped")
                continue
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                problems.append(f"{where}: coordinates {lat}, {lon} out of range; line skipped")
                continue
            if not cols[0].strip() or not cols[1].strip() or len(cc) != 2:
                problems.append(f"{where}: no id, name or two-letter country code; line skipped")
                continue
            try:
                pop = int(cols[14] or 0)
            except ValueError:
                pop = 0
            alts = [a.strip() for a in cols[3].split(",") if a.strip()] if cols[3] else []
            yield GeoRow(cols[0].strip(), cols[1].strip(), cols[2].strip(), alts, lat, lon,
                         cols[6].strip(), cols[7].strip(), cc, cols[10].strip(),
                         cols[11].strip(), cols[12].strip(), max(pop, 0), cols[18].strip(),
                         where)


def read_admin_codes(path: Path, problems: list[str]) -> dict[str, str]:
    """``{"ML.05": "Ségou", "ML.04.7670549": "Douentza Cercle"}`` from an admin code table."""
    out: dict[str, str] = {}
    for display, stream in text_members(path):
        for n, line in _lines(stream):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 2 or "." not in cols[0] or not cols[1].strip():
                problems.append(f"{display}:{n}: expected CODE<TAB>name...; line skipped")
                continue
            out[cols[0].strip()] = cols[1].strip()
    return out
