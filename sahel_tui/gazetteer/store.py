"""The analyst's gazetteer in the database: imports, listing and search.

Places come from sources (a GeoNames file, an OSM-derived file in the same layout, an ACLED
export).  Importing a source again updates its places in place (idempotent): a place whose
row is unchanged is counted "unchanged", a changed one "merged", a new one "added"; lines
that cannot be read are reported ``file:line`` and skipped.

Admin units: GeoNames rows carry admin1/admin2 codes, named from the admin code tables when
they are imported with the dump, else from the dump's own ADM1/ADM2 rows.  A place with no
admin1 (OSM-derived data, some GeoNames rows) takes the units of the nearest place of its
country that has its own -- an imported one or a district of the bundled gazetteer -- and
``admin_from`` records which: the reference's id when both units came from it, ``a2:`` and
the id when the place has its own admin1 and only the admin2 was taken (most GeoNames
villages of Mali and Niger carry an admin1 code and no admin2).  A place's own units are
never overwritten by a neighbour's, however often the inference runs again.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from sahel_tui.vocab.textnorm import fold_key

from .geonames import GeoRow, is_admin_table, read_admin_codes, read_rows
from .keys import name_keys
from .words import is_word

__all__ = [
    "GazPlace",
    "ImportReport",
    "PlaceRecord",
    "across_border",
    "clean_admin_name",
    "import_geonames",
    "import_records",
    "own_admin1",
    "rekey",
    "search",
    "source_summary",
]

_MAX_NAME = 80


@dataclass(slots=True)
class PlaceRecord:
    """One place to store (whatever the source)."""

    id: str
    name: str
    country: str
    latitude: float | None
    longitude: float | None
    names: Sequence[str] = ()
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    feature_class: str = ""
    feature_code: str = ""
    population: int = 0
    modified: str = ""


@dataclass
class ImportReport:
    source: str
    added: int = 0
    merged: int = 0
    unchanged: int = 0
    skipped: int = 0
    inferred_admin: int = 0  # places given both units of a neighbour
    inferred_admin2: int = 0  # places with their own admin1 given a neighbour's admin2
    countries: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def lines(self, max_problems: int = 20) -> list[str]:
        cc = ", ".join(f"{c} {n:,}" for c, n in sorted(self.countries.items()))
        out = [f"{self.source}: {self.added:,} added, {self.merged:,} merged, "
               f"{self.unchanged:,} unchanged, {self.skipped:,} skipped"
               + (f" ({cc})" if cc else "")]
        if self.inferred_admin:
            out.append(f"  {self.inferred_admin:,} places had no admin units of their own: "
                       "given those of the nearest place that has them (see `gazetteer search`)")
        if self.inferred_admin2:
            out.append(f"  {self.inferred_admin2:,} places had an admin1 but no admin2: given the "
                       "admin2 of the nearest place of the same admin1 within ~55 km")
        out += [f"  {p}" for p in self.problems[:max_problems]]
        if len(self.problems) > max_problems:
            out.append(f"  ... and {len(self.problems) - max_problems} more problems")
        return out


@dataclass(frozen=True, slots=True)
class GazPlace:
    """A stored place, as search and the matcher return it."""

    id: str
    name: str
    country: str
    admin1: str
    admin2: str
    latitude: float | None
    longitude: float | None
    feature_class: str
    feature_code: str
    population: int
    source: str
    admin_from: str = ""


# ----------------------------------------------------------------------------- admin names
_ADMIN_AFFIX = re.compile(
    r"^(?:province\s+(?:du|de\s+la|de\s+l'|des|de)\s*|cercle\s+(?:de\s+|d['’]\s*)|"
    r"d[ée]partement\s+(?:de\s+|d['’]\s*|du\s+)|r[ée]gion\s+(?:de\s+|d['’]\s*|du\s+)|"
    r"commune\s+(?:de\s+|d['’]\s*)|prefecture\s+(?:de\s+|d['’]\s*))"
    r"|\s+(?:cercle|province|department|d[ée]partement|region|r[ée]gion|state|"
    r"local\s+government\s+area|lga|prefecture|district)$",
    re.IGNORECASE,
)


def clean_admin_name(name: str) -> str:
    """An admin unit as ACLED writes it: "Douentza Cercle" -> "Douentza", "Province du
    Soum" -> "Soum", "Borno State" -> "Borno"."""
    prev = None
    name = name.strip()
    while prev != name:
        prev = name
        name = _ADMIN_AFFIX.sub("", name).strip()
    return name or prev


# ----------------------------------------------------------------------------- names
def _usable(name: str) -> bool:
    """Worth indexing: Latin letters, not a code or a sentence."""
    if not name or len(name) > _MAX_NAME or name.startswith(("http", "www.")):
        return False
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and sum(c.isascii() or ord(c) < 0x250 for c in letters) >= len(
        letters) * 0.8


def _is_code(alias: str, main: str) -> bool:
    """An airport or other code among the alternate names ("GAAO", "GAO" for Gao is not)."""
    letters = alias.replace(" ", "")
    return (len(letters) <= 5 and letters.isupper() and letters.isalnum()
            and fold_key(alias) != fold_key(main))


@lru_cache(maxsize=100_000)
def _name_info(name: str) -> tuple[tuple[str, ...], int] | None:
    """The spelling keys of *name* and whether it is an ordinary word (None: unusable);
    cached, since the same names recur across thousands of villages."""
    if not _usable(name):
        return None
    return tuple(name_keys(name)), int(is_word(fold_key(name)))


def _name_rows(place_id: str, names: Sequence[str]) -> list[tuple[str, str, str, int]]:
    rows: dict[str, tuple[str, str, str, int]] = {}
    for n in names:
        info = _name_info(n)
        if info is None or (n is not names[0] and _is_code(n, names[0])):
            continue
        keys, word = info
        for key in keys:
            old = rows.get(key)
            if old is None or (old[3] and not word):
                rows[key] = (key, place_id, n, word)
    return list(rows.values())


def rekey(conn: sqlite3.Connection) -> int:
    """Compute every imported name's spelling keys again, by the current rules of
    :mod:`.keys` (a migration does it when they change: the text is keyed by the new
    rules, the stored names must be too).  Only the rows whose key changes are written.
    Runs in the caller's transaction; returns how many rows changed."""
    mains = dict(conn.execute("SELECT id, name FROM gazetteer_places"))
    old: set[tuple[str, str]] = set()
    new: dict[tuple[str, str], tuple[str, str, str, int]] = {}
    for key, pid, name, word in conn.execute(
            "SELECT key, place_id, name, word FROM gazetteer_names"):
        old.add((key, pid))
        for k in name_keys(name):
            cur = new.get((k, pid))
            # a key two names share: the place's own name, else the one that is no word
            if cur is None or (name == mains.get(pid) != cur[2]) or (cur[3] and not word):
                new[(k, pid)] = (k, pid, name, word)
    gone = old - new.keys()
    conn.executemany("DELETE FROM gazetteer_names WHERE key = ? AND place_id = ?", gone)
    conn.executemany("INSERT OR IGNORE INTO gazetteer_names (key, place_id, name, word) "
                     "VALUES (?, ?, ?, ?)", [r for k, r in new.items() if k not in old])
    return len(gone) + len(new.keys() - old)


# ----------------------------------------------------------------------------- writing
def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _source_id(conn: sqlite3.Connection, name: str, kind: str, path: str, data_date: str) -> int:
    conn.execute(
        "INSERT INTO gazetteer_sources (name, kind, path, data_date, imported_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, "
        "path = excluded.path, data_date = excluded.data_date, "
        "imported_at = excluded.imported_at",
        (name, kind, path, data_date, _now()))
    return conn.execute("SELECT id FROM gazetteer_sources WHERE name = ?", (name,)).fetchone()[0]


_PLACE_COLS = ("name", "country", "admin1", "admin2", "admin3", "latitude", "longitude",
               "feature_class", "feature_code", "population", "modified")


def import_records(conn: sqlite3.Connection, source: str, kind: str, path: str,
                   records: Iterable[PlaceRecord], report: ImportReport | None = None,
                   *, infer_admin: bool = True) -> ImportReport:
    """Store *records* as the places of *source* (one transaction).  Places with no admin1
    get those of their nearest neighbour that has one (see the module docstring)."""
    report = report or ImportReport(source)
    recs = list(records)
    data_date = max((r.modified for r in recs if r.modified), default="")
    conn.execute("BEGIN IMMEDIATE")
    try:
        sid = _source_id(conn, source, kind, path, data_date)
        ids = [r.id for r in recs]
        old: dict[str, tuple] = {}
        for k in range(0, len(ids), 500):
            chunk = ids[k : k + 500]
            q = ",".join("?" * len(chunk))
            for row in conn.execute(
                    f"SELECT id, {', '.join(_PLACE_COLS)}, admin_from FROM gazetteer_places "
                    f"WHERE id IN ({q})", chunk):
                old[row[0]] = tuple(row[1:])
        new_rows, upd_rows, name_rows, renamed = [], [], [], []
        for r in recs:
            vals = (r.name, r.country, r.admin1, r.admin2, r.admin3, r.latitude, r.longitude,
                    r.feature_class, r.feature_code, r.population, r.modified)
            prev = old.get(r.id)
            if prev is None:
                new_rows.append((r.id, sid, *vals))
                report.added += 1
            else:
                # compare with the place's own units (inferred ones are redone below)
                frm = prev[-1]
                own1 = prev[2] if own_admin1(frm) else ""
                if own1 in _CARVED_FROM.get((r.country, r.admin1), ()):
                    own1 = r.admin1  # moved to the region carved out of its own
                own2 = prev[3] if not frm else ""
                if (*prev[:2], own1, own2, *prev[4:-1]) == vals:
                    report.unchanged += 1
                    continue
                upd_rows.append((sid, *vals, r.id))
                renamed.append((r.id,))
                report.merged += 1
            report.countries[r.country] = report.countries.get(r.country, 0) + 1
            name_rows += _name_rows(r.id, [r.name, *r.names])
        cols = ", ".join(_PLACE_COLS)
        conn.executemany(
            f"INSERT INTO gazetteer_places (id, source_id, {cols}) "
            f"VALUES (?, ?, {', '.join('?' * len(_PLACE_COLS))})", new_rows)
        conn.executemany(
            "UPDATE gazetteer_places SET source_id = ?, "
            + ", ".join(f"{c} = ?" for c in _PLACE_COLS) + ", admin_from = '' WHERE id = ?",
            upd_rows)
        conn.executemany("DELETE FROM gazetteer_names WHERE place_id = ?", renamed)
        conn.executemany("INSERT OR IGNORE INTO gazetteer_names (key, place_id, name, word) "
                         "VALUES (?, ?, ?, ?)", name_rows)
        if infer_admin:
            for cc in sorted({r.country for r in recs}):
                both, only2 = _infer_admin(conn, cc)
                report.inferred_admin += both
                report.inferred_admin2 += only2
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return report


_ADMIN2_REACH = 0.5  # degrees (~55 km): a farther admin2 reference names only the admin1
# Regions carved out of another after most GeoNames rows were coded, and the region they
# came from: Mali's Ménaka region (law of 2012, in place from 2016) was the Ménaka cercle of
# Gao, and ACLED codes its events to Ménaka.  A village coded to the old region whose
# nearest district is in the new one is in the new one.
_CARVED_FROM = {("ML", "Gao"): ("Ménaka",)}


def _grid(refs, cell: float) -> dict[tuple[int, int], list]:
    grid: dict[tuple[int, int], list] = {}
    for ref in refs:
        grid.setdefault((int(ref[0] // cell), int(ref[1] // cell)), []).append(ref)
    return grid


def _nearest(grid, cell: float, lat: float, lon: float, admin1: str = ""):
    """(reference, distance in degrees) nearest to lat/lon, within *admin1* if given."""
    gi, gj = int(lat // cell), int(lon // cell)
    best, best_d = None, math.inf
    coslat = math.cos(math.radians(lat))
    for radius in range(0, 24):
        for di in range(-radius, radius + 1):
            for dj in range(-radius, radius + 1):
                if max(abs(di), abs(dj)) != radius:
                    continue
                for ref in grid.get((gi + di, gj + dj), ()):
                    if admin1 and ref[2] != admin1:
                        continue
                    d = (ref[0] - lat) ** 2 + ((ref[1] - lon) * coslat) ** 2
                    if d < best_d:
                        best, best_d = ref, d
        if best is not None and math.sqrt(best_d) < radius * cell * coslat:
            break
    return best, math.sqrt(best_d)


def _infer_admin(conn: sqlite3.Connection, country: str) -> tuple[int, int]:
    """Give places of *country* without admin1 or admin2 the units of the nearest place
    with its own (imported places, then the bundled gazetteer's towns and districts): a
    place with its own admin1 keeps it and takes the admin2 of the nearest place of that
    admin1 within ~55 km; one without takes both units from a place within ~55 km that has
    both, else the admin1 alone from the nearest place that has one.  Returns how many
    places were given both units and how many only an admin2 (each counted once, however
    often the inference runs again)."""
    todo = conn.execute(
        "SELECT id, latitude, longitude, admin1, admin2, admin_from FROM gazetteer_places "
        "WHERE country = ? AND (admin1 = '' OR admin2 = '' OR admin_from != '') "
        "AND latitude IS NOT NULL AND feature_code NOT IN ('ADM1', 'PCLI')",
        (country,)).fetchall()
    if not todo:
        return 0, 0
    refs: list[tuple[float, float, str, str, str]] = [
        (r[0], r[1], r[2], r[3], r[4]) for r in conn.execute(
            "SELECT latitude, longitude, admin1, admin2, id FROM gazetteer_places "
            "WHERE country = ? AND admin1 != '' AND admin_from = '' "
            "AND latitude IS NOT NULL", (country,))]
    from sahel_tui.vocab.loader import load_vocab

    for p in load_vocab(None).places.values():
        if p.country == country and p.kind in ("admin2", "place") and p.admin1 \
                and p.has_coordinates:
            refs.append((p.latitude, p.longitude, p.admin1, p.admin2, p.id))
    if not refs:
        return 0, 0
    cell = 0.5
    grid2 = _grid([r for r in refs if r[3]], cell)
    grid1 = _grid(refs, cell)
    updates = []
    both = only2 = 0
    for pid, lat, lon, a1, a2, frm in todo:
        own_a1 = a1 if own_admin1(frm) else ""
        if own_a1 and a2 and not frm:
            continue  # its own units (selected for an empty admin1 only by the query)
        best, dist = _nearest(grid2, cell, lat, lon, own_a1)
        for carved in _CARVED_FROM.get((country, own_a1), ()):
            other, odist = _nearest(grid2, cell, lat, lon, carved)
            if other is not None and odist < dist:
                best, dist, own_a1 = other, odist, carved
        if own_a1:
            new = ((own_a1, best[3], f"a2:{best[4]}") if best is not None
                   and dist <= _ADMIN2_REACH else (own_a1, "", ""))
        elif best is not None and dist <= _ADMIN2_REACH:
            new = (best[2], best[3], best[4])
        else:
            best, _ = _nearest(grid1, cell, lat, lon)
            if best is None:
                continue
            new = (best[2], "", best[4])
        if new != (a1, a2, frm):
            updates.append((*new, pid))
            if not frm:  # first inference for this place (a re-run only corrects)
                if own_a1:
                    only2 += bool(new[2])
                else:
                    both += 1
    conn.executemany("UPDATE gazetteer_places SET admin1 = ?, admin2 = ?, admin_from = ? "
                     "WHERE id = ?", updates)
    return both, only2


# ----------------------------------------------------------------------------- GeoNames
def _kind_of(path: Path, kind: str | None) -> str:
    if kind:
        return kind
    return "osm" if "osm" in path.name.lower() else "geonames"


def import_geonames(conn: sqlite3.Connection, files: Sequence[Path | str], *,
                    countries: Iterable[str] | None = None,
                    kind: str | None = None) -> list[ImportReport]:
    """Import GeoNames-layout files (see :mod:`geonames`); admin code tables among *files*
    name the admin units.  One report per data file."""
    paths = [Path(f) for f in files]
    problems: list[str] = []
    admin_names: dict[str, str] = {}
    for p in paths:
        if is_admin_table(p):
            admin_names.update(read_admin_codes(p, problems))
    only = {c.strip().upper() for c in countries} if countries else None
    reports = []
    for p in paths:
        if is_admin_table(p):
            continue
        k = _kind_of(p, kind)
        prefix = "osm" if k == "osm" else "gn"
        report = ImportReport(p.name if only is None else f"{p.name}:{','.join(sorted(only))}")
        rows: list[GeoRow] = list(read_rows(p, report.problems, only))
        report.skipped = len(report.problems)
        names = dict(admin_names)
        for r in rows:  # the dump's own ADM1/ADM2 rows name units the tables do not
            if r.feature_code == "ADM1" and r.admin1:
                names.setdefault(f"{r.country}.{r.admin1}", r.name)
            elif r.feature_code == "ADM2" and r.admin2:
                names.setdefault(f"{r.country}.{r.admin1}.{r.admin2}", r.name)
        recs = []
        for r in rows:
            a1 = names.get(f"{r.country}.{r.admin1}", "") if r.admin1 and r.admin1 != "00" else ""
            a2 = names.get(f"{r.country}.{r.admin1}.{r.admin2}", "") if r.admin2 else ""
            recs.append(PlaceRecord(
                f"{prefix}:{r.id}", r.name, r.country, r.latitude, r.longitude,
                (r.asciiname, *r.alternates), clean_admin_name(a1), clean_admin_name(a2), "",
                r.feature_class, r.feature_code, r.population, r.modified))
        reports.append(import_records(conn, report.source, k, str(p.resolve()), recs, report))
    if problems and reports:
        reports[0].problems[:0] = problems
    return reports


# ----------------------------------------------------------------------------- reading
def source_summary(conn: sqlite3.Connection) -> list[dict]:
    """Every source with its kind, dates and place count per country."""
    out = []
    for s in conn.execute("SELECT id, name, kind, path, data_date, imported_at "
                          "FROM gazetteer_sources ORDER BY name"):
        counts = dict(conn.execute(
            "SELECT country, count(*) FROM gazetteer_places WHERE source_id = ? "
            "GROUP BY country ORDER BY country", (s[0],)).fetchall())
        names = conn.execute(
            "SELECT count(*) FROM gazetteer_names n JOIN gazetteer_places p "
            "ON p.id = n.place_id WHERE p.source_id = ?", (s[0],)).fetchone()[0]
        out.append({"name": s[1], "kind": s[2], "path": s[3], "data_date": s[4],
                    "imported_at": s[5], "countries": counts, "names": names})
    return out


_GAZ_SELECT = (
    "SELECT p.id, p.name, p.country, p.admin1, p.admin2, p.latitude, p.longitude, "
    "p.feature_class, p.feature_code, p.population, s.name, p.admin_from "
    "FROM gazetteer_places p JOIN gazetteer_sources s ON s.id = p.source_id ")


def gaz_place(row: Sequence) -> GazPlace:
    return GazPlace(*row)


def own_admin1(admin_from: str) -> bool:
    """Whether a place with this ``admin_from`` has an admin1 of its own (see the module
    docstring): none inferred, or only its admin2 (``a2:``)."""
    return not admin_from or admin_from.startswith("a2:")


_SAME_POINT_KM = 3.0


def across_border(g: GazPlace, others: Iterable[GazPlace]) -> bool:
    """*g* is another country's village under the same name: a country extract of
    OpenStreetMap holds the villages just across its border ("Gueskerou" of Diffa in
    Nigeria's, 1 km from GeoNames' Gueskérou of Niger).  A place whose units were all
    inferred (it has no admin1 of its own) within ~3 km of a place of another country
    that has its own admin1 is that place."""
    if own_admin1(g.admin_from) or g.latitude is None or g.longitude is None:
        return False
    coslat = math.cos(math.radians(g.latitude))
    for o in others:
        if (o.country == g.country or o.latitude is None or o.longitude is None
                or not own_admin1(o.admin_from)):
            continue
        d = math.hypot(o.latitude - g.latitude, (o.longitude - g.longitude) * coslat)
        if d * 111.2 <= _SAME_POINT_KM:
            return True
    return False


def places_by_key(conn: sqlite3.Connection, key: str,
                  countries: Iterable[str] | None = None) -> list[tuple[GazPlace, str, int]]:
    """(place, name as written, word flag) for every place indexed under *key*."""
    sql = _GAZ_SELECT.replace("FROM gazetteer_places p", "FROM gazetteer_names n "
                              "CROSS JOIN gazetteer_places p ON p.id = n.place_id")
    sql = sql.replace("SELECT p.id", "SELECT n.name, n.word, p.id")
    sql += "WHERE n.key = ?"
    args: list = [key]
    if countries:
        cc = sorted(set(countries))
        sql += f" AND p.country IN ({','.join('?' * len(cc))})"
        args += cc
    return [(GazPlace(*r[2:]), r[0], r[1]) for r in conn.execute(sql, args)]


def search(conn: sqlite3.Connection, name: str,
           countries: Iterable[str] | None = None) -> list[tuple[GazPlace, str]]:
    """Every stored place named *name* under any spelling (same spelling key), populated
    places first, then by population."""
    seen: dict[str, tuple[GazPlace, str]] = {}
    for key in name_keys(name):
        for p, written, _w in places_by_key(conn, key, countries):
            seen.setdefault(p.id, (p, written))
    return sorted(seen.values(), key=lambda pw: (pw[0].feature_class != "P",
                                                 -pw[0].population, pw[0].country,
                                                 pw[0].name, pw[0].id))
