"""Places and actors from the analyst's own ACLED export (CSV, ACLED's column names).

Places: every distinct (country, admin1, admin2, location) becomes a gazetteer place of the
source ``acled:FILE`` with ACLED's admin units and the coordinates of its most precise row
(lowest ``geo_precision``).  Actors: ``actor1`` / ``actor2`` with their inter type
(``inter1`` / ``inter2``, as numbers 1-8 or as text) and the event's country are appended to
the analyst's ``actors.toml`` when not already known (a state actor with ACLED's regime
period, "Military Forces of Mali (2021-)", is the vocabulary's undated one); associated actors are added when
ACLED's naming says what they are ("Civilians (Mali)", "Police Forces of Niger (2021-)",
"... Ethnic Militia (Mali)"), else left out and counted.  Importing the same file again adds
nothing.  A row that cannot be read is reported ``file:line`` and skipped.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from pathlib import Path

from sahel_tui.vocab.catalog import undated_actor_name
from sahel_tui.vocab.model import INTER_TYPES
from sahel_tui.vocab.textnorm import fold_key

from .store import ImportReport, PlaceRecord, import_records

__all__ = ["AcledError", "import_acled", "read_acled"]

_NEEDED = ("country", "location", "latitude", "longitude")


class AcledError(Exception):
    """The file is not an ACLED export; the message says why."""


_ASSOC_TYPES = (
    (re.compile(r"^Civilians\b"), "Civilians"),
    (re.compile(r"^Protesters\b"), "Protesters"),
    (re.compile(r"^Rioters\b"), "Rioters"),
    (re.compile(r"^(?:Military|Police|Gendarmerie|Prison|National Guard)\b.* of "), "State forces"),
    (re.compile(r"\b(?:Ethnic|Communal) Militia\b"), "Identity militia"),
)


def _inter(value: str) -> str | None:
    v = (value or "").strip()
    if v.isdigit() and 1 <= int(v) <= len(INTER_TYPES):
        return INTER_TYPES[int(v) - 1]
    for t in INTER_TYPES:
        if fold_key(t) == fold_key(v):
            return t
    return None


def _float(v: str) -> float | None:
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def read_acled(path: Path, problems: list[str], country_code) -> tuple[list[PlaceRecord],
                                                                         dict[str, dict]]:
    """(places, actors) of an ACLED CSV.  *country_code*: name -> alpha-2 or None."""
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig", errors="replace")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    cols = {c.strip().lower() for c in reader.fieldnames or ()}
    missing = [c for c in _NEEDED if c not in cols]
    if missing:
        raise AcledError(f"{path}: not an ACLED export (no column {', '.join(missing)})")
    places: dict[str, tuple[int, PlaceRecord]] = {}
    actors: dict[str, dict] = {}
    for row in reader:
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        where = f"{path.name}:{reader.line_num}"
        cc = country_code(row.get("country", ""))
        if cc is None:
            problems.append(f"{where}: unknown country {row.get('country')!r}; row skipped")
            continue
        loc = row.get("location", "")
        lat, lon = _float(row.get("latitude", "")), _float(row.get("longitude", ""))
        if not loc or lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            problems.append(f"{where}: no location or bad coordinates "
                            f"({loc!r}, {row.get('latitude')!r}, {row.get('longitude')!r}); "
                            "row skipped")
            continue
        a1, a2, a3 = row.get("admin1", ""), row.get("admin2", ""), row.get("admin3", "")
        pid = f"acled:{cc}:{fold_key(a1)}:{fold_key(a2)}:{fold_key(loc)}"
        try:
            prec = int(row.get("geo_precision") or 3)
        except ValueError:
            prec = 3
        old = places.get(pid)
        if old is None or prec < old[0]:
            date = row.get("event_date", "")
            places[pid] = (prec, PlaceRecord(pid, loc, cc, lat, lon, (), a1, a2, a3, "P",
                                             f"ACLED{prec}", 0, date))
        for side in ("1", "2"):
            name = row.get(f"actor{side}", "")
            typ = _inter(row.get(f"inter{side}", ""))
            if name and typ:
                a = actors.setdefault(name, {"type": typ, "countries": []})
                if cc not in a["countries"]:
                    a["countries"].append(cc)
            for assoc in row.get(f"assoc_actor_{side}", "").split(";"):
                assoc = assoc.strip()
                if not assoc:
                    continue
                atyp = next((t for rx, t in _ASSOC_TYPES if rx.search(assoc)), None)
                a = actors.setdefault(assoc, {"type": atyp, "countries": []})
                if cc not in a["countries"]:
                    a["countries"].append(cc)
    return [rec for _, rec in places.values()], actors


def import_acled(conn: sqlite3.Connection, path: Path, user_dir: Path | None,
                 *, actors: bool = True) -> list[str]:
    """Import *path*'s places into the gazetteer and (when *user_dir* and *actors*) its
    actors into ``user_dir/actors.toml``.  Returns the report lines."""
    from sahel_tui.vocab import load_vocab

    vocab = load_vocab(user_dir)

    def code(name: str) -> str | None:
        c = vocab.country(name)
        return c.alpha2 if c else None

    problems: list[str] = []
    try:
        places, found = read_acled(path, problems, code)
    except (OSError, UnicodeError, csv.Error) as exc:
        raise AcledError(f"{path}: {exc}") from None
    report = ImportReport(f"acled:{path.name}", problems=problems, skipped=len(problems))
    import_records(conn, report.source, "acled", str(path.resolve()), places, report,
                   infer_admin=False)
    lines = report.lines()
    if actors and user_dir is not None:
        lines.append(_import_actors(vocab, user_dir, found))
    return lines


def _import_actors(vocab, user_dir: Path, found: dict[str, dict]) -> str:
    from sahel_tui.vocab.extend import append_actors

    known = {fold_key(n) for a in vocab.actors.values() for n in a.names}
    new, untyped = [], 0
    for name, info in sorted(found.items()):
        # "Military Forces of Mali (2021-)" is the vocabulary's Military Forces of Mali in
        # one regime period (countries.toml), not a new actor: the export dates it again
        if fold_key(name) in known or fold_key(undated_actor_name(name)) in known:
            continue
        if info["type"] is None:
            untyped += 1
            continue
        known.add(fold_key(name))
        cs = info["countries"]
        new.append({"name": name, "type": info["type"],
                    "country": cs[0] if len(cs) == 1 else None, "area": cs})
    append_actors(user_dir, new, prefix="acled:", comment="from an ACLED export")
    return (f"actors: {len(new):,} added to {user_dir / 'actors.toml'}, "
            f"{len(found) - len(new) - untyped:,} already known, {untyped:,} associated actors "
            "left out (their type is not in their name)")
