"""Load the shipped vocabularies and merge the analyst's extension files.

Shipped (``sahel_tui/vocab/data``): event_types.toml, grading.toml, countries.toml,
actors.toml, places.tsv.  Analyst extension directory (the app passes its config dir):
``actors.toml`` (``[[actors]]``), ``places.toml`` (``[[places]]``) and ``countries.toml``
(``[[countries]]``), same keys as the shipped files.  Event types and grading are fixed.

Merging: an analyst entry that names an existing entry (same ``id``; or, without ``id``,
the same canonical name -- for places: same name in the same country and, for places,
no coordinates given) adds its aliases to it and overrides the fields it gives; any other
entry is new.  New analyst actors/places get an id ``user:...`` when they have none.

Every problem raises :class:`VocabError` naming the file, line and key.

Past 600 lines: each file kind's reader is short, but all share the source/line tracking
and field checks at the top, which is what makes every message name file, line and key.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .catalog import Vocab
from .errors import VocabError, locate_line, toml_error
from .model import (
    INTER_TYPES,
    PLACE_KINDS,
    Actor,
    Country,
    EventType,
    Grade,
    Grading,
    Place,
    SubEventType,
)
from .textnorm import ascii_fold, fold_key

__all__ = [
    "DATA_DIR",
    "USER_FILES",
    "load_shipped_countries",
    "load_vocab",
    "places_name_index",
    "read_places_tsv",
    "slugify",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
USER_FILES = ("countries.toml", "actors.toml", "places.toml")

DISORDER_TYPES = ("Political violence", "Demonstrations", "Strategic developments")

ACTOR_KEYS = {"id", "name", "type", "country", "area", "aliases", "note"}
PLACE_KEYS = {"id", "name", "aliases", "kind", "country", "admin1", "admin2",
              "latitude", "longitude", "population", "note"}
COUNTRY_KEYS = {"name", "alpha2", "alpha3", "iso_numeric", "region", "aliases", "regimes"}
PLACES_TSV_COLUMNS = ["id", "name", "aliases", "kind", "country", "admin1", "admin2",
                      "latitude", "longitude", "population"]


def slugify(name: str) -> str:
    """ASCII lower-case slug: "Tin-Zaouatène" -> "tin-zaouatene"."""
    out = []
    for ch in ascii_fold(name).lower():
        out.append(ch if ch.isascii() and ch.isalnum() else "-")
    slug = "-".join(p for p in "".join(out).split("-") if p)
    return slug or "x"


# ----------------------------------------------------------------------------- sources
@dataclass
class _Src:
    """A parsed TOML file and its text (for finding lines)."""

    path: Path
    text: str
    data: dict[str, Any]

    def error(
        self,
        message: str,
        table: str,
        index: int | None = None,
        key: str | None = None,
        value: Any = None,
    ) -> VocabError:
        line = locate_line(
            self.text, table, index, key, value if isinstance(value, str) else None
        )
        return VocabError(message, path=self.path, line=line, key=key)

    def entries(self, table: str) -> list[dict[str, Any]]:
        raw = self.data.get(table, [])
        if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
            raise self.error(f"{table!r} must be an array of tables ([[{table}]])", table,
                             None, table)
        return raw


def _read_toml(path: Path) -> _Src:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise VocabError(f"not UTF-8 text: {exc}", path=path) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise toml_error(path, exc) from None
    return _Src(path, text, data)


# ----------------------------------------------------------------------------- helpers
def _check_keys(src: _Src, table: str, i: int, entry: dict, allowed: set[str], what: str):
    for k in entry:
        if k not in allowed:
            raise src.error(
                f"{what} has unknown key {k!r} (expected one of: {', '.join(sorted(allowed))})",
                table, i, k,
            )


def _str(src: _Src, table: str, i: int, entry: dict, key: str, what: str,
         required: bool = False) -> str | None:
    v = entry.get(key)
    if v is None:
        if required:
            raise src.error(f"{what} has no {key!r}", table, i, None)
        return None
    if not isinstance(v, str) or not v.strip():
        raise src.error(f"{what}: {key!r} must be a non-empty string", table, i, key)
    return v.strip()


def _str_list(src: _Src, table: str, i: int, entry: dict, key: str, what: str) -> list[str]:
    v = entry.get(key, [])
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise src.error(f"{what}: {key!r} must be a list of strings", table, i, key)
    return [x.strip() for x in v if x.strip()]


def _merge_aliases(name: str, *alias_lists: Iterable[str]) -> tuple[str, ...]:
    seen = {name}
    out: list[str] = []
    for lst in alias_lists:
        for a in lst:
            if a not in seen:
                seen.add(a)
                out.append(a)
    return tuple(out)


def _resolve_country(value: str, countries: dict[str, Country]) -> str | None:
    up = value.strip().upper()
    if up in countries:
        return up
    key = fold_key(value)
    for c in countries.values():
        if c.alpha3 == up or any(fold_key(n) == key for n in c.names):
            return c.alpha2
    return None


def _country_field(src, table, i, entry, key, what, countries) -> str | None:
    v = _str(src, table, i, entry, key, what)
    if v is None:
        return None
    code = _resolve_country(v, countries)
    if code is None:
        raise src.error(
            f'{what} has unknown {key} "{v}" (expected one of: {", ".join(countries)};'
            " add new countries to countries.toml)",
            table, i, key, v,
        )
    return code


# ----------------------------------------------------------------------------- fixed files
def _parse_event_types(src: _Src) -> tuple[tuple[EventType, ...], tuple[SubEventType, ...],
                                           tuple[str, ...]]:
    rules = src.data.get("rules", [])
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        raise src.error("'rules' must be a list of strings", "rules", None, "rules")
    ets: list[EventType] = []
    subs: list[SubEventType] = []
    sub_index = 0
    for i, e in enumerate(src.entries("event_types")):
        name = _str(src, "event_types", i, e, "name", "event type", required=True)
        help_ = _str(src, "event_types", i, e, "help", f'event type "{name}"') or ""
        raw_subs = e.get("sub_event_types", [])
        these: list[SubEventType] = []
        for s in raw_subs:
            what = f'sub-event type of "{name}"'
            sname = s.get("name")
            dt = s.get("disorder_type")
            if not isinstance(sname, str) or not sname:
                raise src.error(f"{what} has no 'name'", "event_types.sub_event_types",
                                sub_index, None)
            parts = [p.strip() for p in str(dt).split(";")] if isinstance(dt, str) else []
            if not parts or any(p not in DISORDER_TYPES for p in parts):
                raise src.error(
                    f'sub-event type "{sname}" has unknown disorder_type {dt!r} '
                    f"(expected one or more of: {', '.join(DISORDER_TYPES)})",
                    "event_types.sub_event_types", sub_index, "disorder_type",
                )
            sub_index += 1
            st = SubEventType(sname, name, "; ".join(parts), sub_index, str(s.get("help", "")))
            these.append(st)
        ets.append(EventType(name, help_, tuple(these)))
        subs.extend(these)
    return tuple(ets), tuple(subs), tuple(rules)


def _parse_grading(src: _Src) -> Grading:
    def grades(table: str) -> tuple[Grade, ...]:
        out = []
        for i, g in enumerate(src.entries(table)):
            code = g.get("code")
            label = g.get("label")
            if not isinstance(code, (str, int)) or not isinstance(label, str):
                raise src.error(f"{table} entry needs 'code' and 'label'", table, i, "code")
            out.append(Grade(code, label, str(g.get("help", "")), g.get("low"), g.get("high")))
        return tuple(out)

    return Grading(
        reliability=grades("reliability"),
        credibility=grades("credibility"),
        confidence=grades("confidence"),
        likelihood=grades("likelihood"),
        geo_precision=grades("geo_precision"),
        time_precision=grades("time_precision"),
    )


# ----------------------------------------------------------------------------- countries
def _parse_countries(src: _Src, countries: dict[str, Country]) -> None:
    """Add/merge the ``[[countries]]`` of *src* into *countries* (by alpha2)."""
    for i, e in enumerate(src.entries("countries")):
        _check_keys(src, "countries", i, e, COUNTRY_KEYS, "country")
        alpha2 = _str(src, "countries", i, e, "alpha2", "country", required=True)
        assert alpha2 is not None
        if len(alpha2) != 2 or not alpha2.isalpha():
            raise src.error(f'country has invalid alpha2 "{alpha2}"', "countries", i, "alpha2")
        alpha2 = alpha2.upper()
        what = f'country "{alpha2}"'
        aliases = _str_list(src, "countries", i, e, "aliases", what)
        old = countries.get(alpha2)
        name = _str(src, "countries", i, e, "name", what, required=old is None)
        iso = e.get("iso_numeric", old.iso_numeric if old else None)
        if not isinstance(iso, int) or not 0 < iso < 1000:
            raise src.error(f"{what}: 'iso_numeric' must be an integer 1-999", "countries", i,
                            "iso_numeric")
        region = _str(src, "countries", i, e, "region", what, required=old is None)
        alpha3 = _str(src, "countries", i, e, "alpha3", what)
        regimes = _regimes(src, i, e, what, old.regimes if old else ())
        if old is None:
            countries[alpha2] = Country(
                name=name or alpha2, alpha2=alpha2, alpha3=(alpha3 or "").upper(),
                iso_numeric=iso, region=region or "",
                aliases=_merge_aliases(name or alpha2, aliases), regimes=regimes,
            )
        else:
            new_name = name or old.name
            countries[alpha2] = replace(
                old, name=new_name, iso_numeric=iso, region=region or old.region,
                alpha3=(alpha3 or old.alpha3).upper(),
                aliases=_merge_aliases(new_name, old.aliases, [old.name], aliases),
                regimes=regimes,
            )


_REGIME_LABEL = re.compile(r"^\d{4}-(?:\d{4})?$")


def _regimes(src: _Src, i: int, e: dict, what: str,
             old: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """``regimes = [["2013-09-04", "2013-2020"], ...]``: ACLED's regime periods, each from
    its first day (ISO date) with its label; kept in date order."""
    if "regimes" not in e:
        return old
    raw = e["regimes"]
    out = []
    for k, r in enumerate(raw if isinstance(raw, list) else [raw]):
        ok = (isinstance(r, list) and len(r) == 2 and all(isinstance(x, str) for x in r)
              and _REGIME_LABEL.match(r[1]) is not None)
        if ok:
            try:
                dt.date.fromisoformat(r[0])
            except ValueError:
                ok = False
        if not ok:
            raise src.error(f"{what}: regimes[{k}] must be [\"YYYY-MM-DD\", \"YYYY-YYYY\" or "
                            f"\"YYYY-\"], got {r!r}", "countries", i, "regimes")
        out.append((r[0], r[1]))
    return tuple(sorted(out))


# ----------------------------------------------------------------------------- actors
def _actor_type(src: _Src, i: int, value: Any, name: str) -> str:
    if isinstance(value, str):
        for t in INTER_TYPES:
            if t.casefold() == value.strip().casefold():
                return t
    raise src.error(
        f'actor "{name}" has unknown type "{value}" (expected one of: {", ".join(INTER_TYPES)})',
        "actors", i, "type", value if isinstance(value, str) else None,
    )


def _parse_actors(src: _Src, actors: dict[str, Actor], countries: dict[str, Country],
                  analyst: bool) -> None:
    by_name = {fold_key(a.name): a.id for a in actors.values()}
    for i, e in enumerate(src.entries("actors")):
        _check_keys(src, "actors", i, e, ACTOR_KEYS, "actor")
        aid = _str(src, "actors", i, e, "id", "actor")
        name = _str(src, "actors", i, e, "name", "actor", required=aid is None)
        what = f'actor "{name or aid}"'
        aliases = _str_list(src, "actors", i, e, "aliases", what)
        area_raw = _str_list(src, "actors", i, e, "area", what)
        area = []
        for a in area_raw:
            code = _resolve_country(a, countries)
            if code is None:
                raise src.error(f'{what} has unknown country "{a}" in area', "actors", i,
                                "area", a)
            area.append(code)
        country = _country_field(src, "actors", i, e, "country", what, countries)
        note = _str(src, "actors", i, e, "note", what)

        target = None
        if aid is not None and aid in actors:
            target = actors[aid]
        elif aid is None and name is not None and fold_key(name) in by_name:
            target = actors[by_name[fold_key(name)]]
        elif not analyst and aid is None:
            raise src.error(f"{what} has no 'id'", "actors", i, None)

        if target is not None:
            if not analyst:
                raise src.error(f'duplicate actor id "{target.id}"', "actors", i, "id")
            typ = _actor_type(src, i, e["type"], target.name) if "type" in e else target.type
            extra = [name] if name and name != target.name else []
            actors[target.id] = replace(
                target,
                type=typ,
                country=country if country is not None else target.country,
                area=tuple(area) if area else target.area,
                aliases=_merge_aliases(target.name, target.aliases, extra, aliases),
                note=note if note is not None else target.note,
            )
            continue

        if name is None:
            raise src.error(f'actor id "{aid}" is not a known actor and has no \'name\'',
                            "actors", i, "id")
        if "type" not in e:
            raise src.error(
                f'new actor "{name}" has no \'type\' (expected one of: {", ".join(INTER_TYPES)})',
                "actors", i, None,
            )
        typ = _actor_type(src, i, e["type"], name)
        if aid is None:
            base = "user:" + slugify(name)
            aid, n = base, 2
            while aid in actors:
                aid, n = f"{base}-{n}", n + 1
        actors[aid] = Actor(
            id=aid, name=name, type=typ, country=country, area=tuple(area),
            aliases=_merge_aliases(name, aliases), note=note or "",
            source="analyst" if analyst else "shipped",
        )
        by_name.setdefault(fold_key(name), aid)


# ----------------------------------------------------------------------------- places
def read_places_tsv(path: Path) -> dict[str, Place]:
    """Read the generated gazetteer (see scripts/build_gazetteer.py for the columns)."""
    places: dict[str, Place] = {}
    with open(path, encoding="utf-8", newline="\n") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        if header != PLACES_TSV_COLUMNS:
            raise VocabError(
                f"unexpected header {header!r} (expected {PLACES_TSV_COLUMNS!r})",
                path=path, line=1,
            )
        for lineno, line in enumerate(fh, start=2):
            line = line.rstrip("\n")
            if not line:
                continue
            f = line.split("\t")
            if len(f) != 10:
                raise VocabError(f"expected 10 tab-separated columns, found {len(f)}",
                                 path=path, line=lineno)
            pid, name, aliases, kind, country, a1, a2, lat, lon, pop = f
            if kind not in PLACE_KINDS:
                raise VocabError(f'place "{name}" has unknown kind "{kind}"', path=path,
                                 line=lineno, key="kind")
            try:
                latitude = float(lat) if lat else None
                longitude = float(lon) if lon else None
                population = int(pop) if pop else 0
            except ValueError as exc:
                raise VocabError(f'place "{name}": {exc}', path=path, line=lineno) from None
            if pid in places:
                raise VocabError(f'duplicate place id "{pid}"', path=path, line=lineno,
                                 key="id")
            places[pid] = Place(
                id=pid, name=name, kind=kind, country=country, admin1=a1, admin2=a2,
                latitude=latitude, longitude=longitude, population=population,
                aliases=tuple(a for a in aliases.split("|") if a),
            )
    return places


def _number(src, i, e, key, what, lo, hi) -> float | None:
    v = e.get(key)
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not lo <= v <= hi:
        raise src.error(f"{what}: {key!r} must be a number between {lo} and {hi}", "places",
                        i, key)
    return round(float(v), 4)


def places_name_index(places: Iterable[Place]) -> dict[tuple[str, str], list[str]]:
    """(country, folded name) -> place ids, over names and aliases."""
    index: dict[tuple[str, str], list[str]] = {}
    for p in places:
        for n in p.names:
            lst = index.setdefault((p.country, fold_key(n)), [])
            if p.id not in lst:
                lst.append(p.id)
    return index


def _parse_user_places(src: _Src, places: dict[str, Place],
                       countries: dict[str, Country],
                       base_index: Any = None) -> None:
    """Merge the ``[[places]]`` of *src* into *places*.  *base_index* is the name
    index of *places* as given, or a function returning it (built here when None)."""
    admin1_by_country: dict[str, dict[str, str]] = {}
    overlay: dict[tuple[str, str], list[str]] = {}

    def admin1s(cc: str) -> dict[str, str]:
        if cc not in admin1_by_country:
            admin1_by_country[cc] = {
                fold_key(n): p.name
                for p in places.values() if p.kind == "admin1" and p.country == cc
                for n in p.names
            }
        return admin1_by_country[cc]

    def lookup(cc: str, name: str) -> list[str]:
        nonlocal base_index
        if base_index is None:
            base_index = places_name_index(places.values())
        elif callable(base_index):
            base_index = base_index()
        key = (cc, fold_key(name))
        out = list(base_index.get(key, ()))
        out += [i for i in overlay.get(key, ()) if i not in out]
        return out

    def remember(p: Place) -> None:
        for n in p.names:
            lst = overlay.setdefault((p.country, fold_key(n)), [])
            if p.id not in lst:
                lst.append(p.id)

    for i, e in enumerate(src.entries("places")):
        _check_keys(src, "places", i, e, PLACE_KEYS, "place")
        pid = _str(src, "places", i, e, "id", "place")
        name = _str(src, "places", i, e, "name", "place", required=pid is None)
        what = f'place "{name or pid}"'
        aliases = _str_list(src, "places", i, e, "aliases", what)
        country = _country_field(src, "places", i, e, "country", what, countries)
        kind = _str(src, "places", i, e, "kind", what)
        if kind is not None and kind not in PLACE_KINDS:
            raise src.error(f'{what} has unknown kind "{kind}" (expected one of: '
                            f'{", ".join(PLACE_KINDS)})', "places", i, "kind", kind)
        lat = _number(src, i, e, "latitude", what, -90, 90)
        lon = _number(src, i, e, "longitude", what, -180, 180)
        if (lat is None) != (lon is None):
            raise src.error(f"{what} needs both 'latitude' and 'longitude'", "places", i,
                            "latitude" if lat is None else "longitude")
        pop = e.get("population")
        if pop is not None and (isinstance(pop, bool) or not isinstance(pop, int) or pop < 0):
            raise src.error(f"{what}: 'population' must be a whole number >= 0", "places", i,
                            "population")
        admin1 = _str(src, "places", i, e, "admin1", what)
        admin2 = _str(src, "places", i, e, "admin2", what)

        target: Place | None = None
        if pid is not None and pid in places:
            target = places[pid]
        elif pid is None and lat is None and name is not None and country is not None:
            hits = lookup(country, name)
            if admin1 is not None:
                hits = [h for h in hits if fold_key(places[h].admin1) == fold_key(admin1)]
            if len(hits) > 1:
                raise src.error(
                    f'{what} matches {len(hits)} places in {country} '
                    f'({", ".join(hits[:6])}); give the "id" of the one you mean',
                    "places", i, "name", name,
                )
            if hits:
                target = places[hits[0]]

        cc = country or (target.country if target else None)
        if cc is None:
            raise src.error(f"new {what} has no 'country'", "places", i, None)
        if admin1 is not None:
            known = admin1s(cc)
            if known:
                canon = known.get(fold_key(admin1))
                if canon is None:
                    raise src.error(
                        f'{what} has unknown admin1 "{admin1}" for {cc} '
                        f'(expected one of: {", ".join(sorted(set(known.values())))})',
                        "places", i, "admin1", admin1,
                    )
                admin1 = canon

        if target is not None:
            extra = [name] if name and name != target.name else []
            places[target.id] = merged = replace(
                target,
                kind=kind or target.kind,
                country=cc,
                admin1=admin1 if admin1 is not None else target.admin1,
                admin2=admin2 if admin2 is not None else target.admin2,
                latitude=lat if lat is not None else target.latitude,
                longitude=lon if lon is not None else target.longitude,
                population=pop if pop is not None else target.population,
                aliases=_merge_aliases(target.name, target.aliases, extra, aliases),
            )
            remember(merged)
            continue

        if name is None:
            raise src.error(f'place id "{pid}" is not a known place and has no \'name\'',
                            "places", i, "id")
        if pid is None:
            base = f"user:{cc.lower()}:{slugify(name)}"
            pid, n = base, 2
            while pid in places:
                pid, n = f"{base}-{n}", n + 1
        places[pid] = new = Place(
            id=pid, name=name, kind=kind or "place", country=cc, admin1=admin1 or "",
            admin2=admin2 or "", latitude=lat, longitude=lon, population=pop or 0,
            aliases=_merge_aliases(name, aliases), source="analyst",
        )
        remember(new)


# ----------------------------------------------------------------------------- entry point
def load_shipped_countries(data_dir: Path | None = None) -> dict[str, Country]:
    countries: dict[str, Country] = {}
    _parse_countries(_read_toml(Path(data_dir or DATA_DIR) / "countries.toml"), countries)
    return countries


@dataclass
class _Shipped:
    """The parsed shipped files (cached per data dir and file mtimes)."""

    key: tuple
    event_types: tuple[EventType, ...]
    subs: tuple[SubEventType, ...]
    rules: tuple[str, ...]
    grading: Grading
    countries: dict[str, Country]
    actors: dict[str, Actor]
    places: dict[str, Place]
    files: tuple[Path, ...]
    matcher: Any = None  # the shipped-only Matcher, built on first use
    _name_index: dict[tuple[str, str], list[str]] | None = None

    def name_index(self) -> dict[tuple[str, str], list[str]]:
        """(country, folded name) -> ids of the shipped places (built once)."""
        if self._name_index is None:
            self._name_index = places_name_index(self.places.values())
        return self._name_index


_SHIPPED_FILES = ("event_types.toml", "grading.toml", "countries.toml", "actors.toml",
                  "places.tsv")
_shipped_cache: dict[Path, _Shipped] = {}


def _shipped(data: Path) -> _Shipped:
    paths = tuple(data / f for f in _SHIPPED_FILES)
    try:
        key = tuple((p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    except FileNotFoundError as exc:
        raise VocabError(f"missing vocabulary file: {exc.filename}", path=exc.filename) from None
    cached = _shipped_cache.get(data)
    if cached is not None and cached.key == key:
        return cached
    event_types, subs, rules = _parse_event_types(_read_toml(paths[0]))
    grading = _parse_grading(_read_toml(paths[1]))
    countries: dict[str, Country] = {}
    _parse_countries(_read_toml(paths[2]), countries)
    actors: dict[str, Actor] = {}
    _parse_actors(_read_toml(paths[3]), actors, countries, analyst=False)
    places = read_places_tsv(paths[4])
    sh = _Shipped(key, event_types, subs, rules, grading, countries, actors, places, paths)
    _shipped_cache[data] = sh
    return sh


def load_vocab(user_dir: str | Path | None = None, *, data_dir: str | Path | None = None) -> Vocab:
    """Load the shipped vocabularies and merge the analyst's files found in *user_dir*.

    Missing analyst files are fine (nothing to merge).  Raises :class:`VocabError`.
    The parsed shipped files are cached (re-read when they change), so reloading after
    an append is cheap.
    """
    data = (Path(data_dir) if data_dir is not None else DATA_DIR).resolve()
    sh = _shipped(data)
    files = list(sh.files)
    countries = dict(sh.countries)
    actors = dict(sh.actors)
    places = dict(sh.places)

    udir = Path(user_dir) if user_dir is not None else None
    if udir is not None:
        p = udir / "countries.toml"
        if p.exists():
            files.append(p)
            _parse_countries(_read_toml(p), countries)
        p = udir / "actors.toml"
        if p.exists():
            files.append(p)
            _parse_actors(_read_toml(p), actors, countries, analyst=True)
        p = udir / "places.toml"
        if p.exists():
            files.append(p)
            _parse_user_places(_read_toml(p), places, countries, sh.name_index)

    return Vocab(
        event_types=sh.event_types,
        sub_event_types=sh.subs,
        rules=sh.rules,
        actors=actors,
        places=places,
        countries=countries,
        grading=sh.grading,
        user_dir=udir,
        files=tuple(files),
        _shipped=sh,
    )
