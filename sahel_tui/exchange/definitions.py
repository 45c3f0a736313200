"""The actor and place names of an incoming file: known here, or defined by the file.

A name the analyst's vocabulary (shipped + their files) or imported gazetteer knows is
taken. An unknown name is taken only when the file carries its definition; it is then
added as an *imported* entry (an actor to ``actors.toml`` with the id ``import:...`` and
the note ``imported from FILE``, a place to the gazetteer under the source
``import:FILE``), listed by the import's report and by ``sahel-tui vocab imported``.
Anything else refuses the whole file, naming file, line and field, before anything is
written.

What defines a name in a sahel-tui JSONL export (the format ``sahel-tui import`` reads):

- ``actor1`` / ``actor2``: the line's ``inter1`` / ``inter2`` (the actor's type), with the
  event's country as the actor's;
- any actor of the line, associated actors too: an entry ``{"name", "type", "country"}`` of
  the line's ``"actors"`` list (sahel-tui's export writes one for each of the exporting
  analyst's own actors the line names);
- a place (``location``): the line's ``latitude`` and ``longitude`` and a country of the
  vocabulary; its admin1-3 come with it;
- a name defined on one line is defined for the whole file.

"Known": an actor whose name or alias folds the same; ACLED's dated state names ("Military
Forces of Mali (2021-)") and uncertain attributions ("A and/or B") when every part is known.
A place whose id is known, or whose name (any spelling) is a place of the event's country.
"""

from __future__ import annotations

import json
import sqlite3
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sahel_tui.gazetteer import words
from sahel_tui.gazetteer.keys import name_keys
from sahel_tui.gazetteer.store import ImportReport, PlaceRecord, import_records
from sahel_tui.vocab import INTER_TYPES, Vocab, fold_key
from sahel_tui.vocab.catalog import undated_actor_name

from .jsonl import EVENT_FIELDS, ExchangeError

IMPORTED = "import:"  # id prefix of imported actors, and of the gazetteer source of places
_POS = {k: EVENT_FIELDS.index(k) for k in (
    "actor1", "inter1", "actor2", "inter2", "assoc_actor_1", "assoc_actor_2", "country",
    "admin1", "admin2", "admin3", "location", "place_id", "latitude", "longitude",
    "geo_precision", "event_date")}
_SIDES = tuple((_POS[f"actor{s}"], _POS[f"inter{s}"], _POS[f"assoc_actor_{s}"], s)
               for s in "12")
_COUNTRY, _LOCATION = _POS["country"], _POS["location"]


@dataclass(frozen=True, slots=True)
class NewActor:
    name: str
    type: str
    country: str | None  # alpha-2
    where: str  # the line that defined it


@dataclass(frozen=True, slots=True)
class NewPlace:
    record: PlaceRecord
    where: str


class Names:
    """check(row, obj, where) for every line, then finish(): the actors and places to add.
    ``row``: the event values (EVENT_FIELDS order; associated actors as lists or JSON
    text); ``obj``: the line (for its "actors" list). Each distinct name is judged once."""

    def __init__(self, vocab: Vocab, conn: sqlite3.Connection | None) -> None:
        self.vocab, self.conn = vocab, conn
        self.actor_keys = {fold_key(n) for a in vocab.actors.values() for n in a.names}
        self.place_keys = {(fold_key(n), p.country) for p in vocab.places.values()
                           for n in p.names}
        self.known: dict[str, bool] = {}  # actor name -> known here
        #: (location, alpha-2, place_id) -> False (known) or (fold key, alpha-2) (unknown)
        self.known_places: dict[tuple, tuple[str, str] | bool] = {}
        self.actors: dict[str, NewActor] = {}  # fold key -> definition
        self.places: dict[tuple[str, str], NewPlace] = {}  # (fold key, alpha-2) -> definition
        self.pending: dict[str, tuple[str, str, str]] = {}  # fold key -> (name, where, field)
        self.pending_places: dict[tuple[str, str], tuple[str, str]] = {}
        self.codes: dict[str, str | None] = {}  # country as written -> alpha-2
        self.seen: set[tuple] = set()  # entries of "actors" lists judged
        self.defined: set[str] = set()  # names defined (as written)
        self.pended: set[str] = set()  # names pending (as written)

    # -- the check of each line -----------------------------------------------------------
    def check(self, row: tuple, obj: dict, where: str) -> None:
        defs = obj.get("actors")
        if defs is not None:
            self._definitions(defs, where)
        known, cc = self.known, None
        for name_at, inter_at, assoc_at, side in _SIDES:
            name = row[name_at]
            if name and not (known.get(name) or self._known(name)):
                inter = row[inter_at]
                if inter:
                    cc = cc or self._alpha2(row[_COUNTRY])
                    self._define(name, inter, cc, where)
                else:
                    self._pend(name, where, "actor" + side)
            assoc = row[assoc_at]
            if assoc and assoc != "[]":
                for a in (json.loads(assoc) if type(assoc) is str else assoc):
                    if a and not (known.get(a) or self._known(a)):
                        self._pend(a, where, "assoc_actor_" + side)
        location = row[_LOCATION]
        if location:
            self._place(row, location, cc or self._alpha2(row[_COUNTRY]), where)

    def _alpha2(self, country: str) -> str | None:
        cc = self.codes.get(country, False)  # False: not looked up yet
        if cc is False:
            c = self.vocab.country(country)
            cc = self.codes[country] = c.alpha2 if c else None
        return cc  # type: ignore[return-value]

    def _known(self, name: str) -> bool:
        known = self.known.get(name)
        if known is None:
            keys = self.actor_keys
            key = fold_key(name)
            parts = [fold_key(undated_actor_name(x)) for x in name.split(" and/or ")]
            known = self.known[name] = key in keys or all(k in keys for k in parts)
        return known

    def _definitions(self, defs, where: str) -> None:
        if type(defs) is not list:
            raise ExchangeError(f"{where}: actors must be a list of actor definitions")
        for i, d in enumerate(defs):
            try:  # the same few definitions on many lines: each judged once
                seen = (d["name"], d["type"], d.get("country")) in self.seen
            except (KeyError, TypeError):  # not a dict, a key missing, an odd value
                seen = False
            if seen:
                continue
            at = f"{where}: actors[{i}]"
            if type(d) is not dict or type(d.get("name")) is not str or not d["name"].strip():
                raise ExchangeError(f"{at}.name must be text")
            if d.get("type") not in INTER_TYPES:
                raise ExchangeError(f"{at}.type {d.get('type')!r} is not an inter type "
                                    f"({', '.join(INTER_TYPES)})")
            country = d.get("country")
            cc = None
            if country is not None:
                cc = self._alpha2(country) if type(country) is str else None
                if cc is None:
                    raise ExchangeError(f"{at}.country {country!r} is not a country of the "
                                        "vocabulary")
            if not self._known(d["name"]):
                self._define(d["name"], d["type"], cc, where)
            self.seen.add((d["name"], d["type"], country))

    def _define(self, name: str, inter: str, cc: str | None, where: str) -> None:
        if name not in self.defined:
            self.defined.add(name)
            self.actors.setdefault(fold_key(name), NewActor(name, inter, cc, where))

    def _pend(self, name: str, where: str, field: str) -> None:
        if name not in self.pended:
            self.pended.add(name)
            self.pending.setdefault(fold_key(name), (name, where, field))

    def _place(self, row: tuple, location: str, cc: str | None, where: str) -> None:
        p = _POS
        place_id = row[p["place_id"]]
        k = (location, cc, place_id)
        key = self.known_places.get(k)
        if key is None:  # None: not judged yet; False: known; else its key here
            key = self.known_places[k] = (not self._place_known(location, cc, place_id)
                                          and (fold_key(location), cc or ""))
        if key is False or key in self.places:
            return
        lat, lon = row[p["latitude"]], row[p["longitude"]]
        if lat is None or lon is None or cc is None:
            self.pending_places.setdefault(key, (location, where))
            return
        a1, a2, a3 = row[p["admin1"]] or "", row[p["admin2"]] or "", row[p["admin3"]] or ""
        pid = f"{IMPORTED}{cc}:{fold_key(a1)}:{fold_key(a2)}:{key[0]}"
        self.places[key] = NewPlace(PlaceRecord(
            pid, location, cc, float(lat), float(lon), (), a1, a2, a3, "P",
            f"IMPORT{row[p['geo_precision']]}", 0, row[p["event_date"]]), where)

    def _place_known(self, location: str, cc: str | None, place_id) -> bool:
        if place_id and place_id in self.vocab.places:
            return True
        if cc and (fold_key(location), cc) in self.place_keys:
            return True
        if self.conn is None:
            return False
        if place_id and self.conn.execute("SELECT 1 FROM gazetteer_places WHERE id = ?",
                                          (place_id,)).fetchone():
            return True
        keys = sorted(name_keys(location))
        if not keys or not cc:
            return False
        return self.conn.execute(
            "SELECT 1 FROM gazetteer_names n JOIN gazetteer_places p ON p.id = n.place_id "
            f"WHERE n.key IN ({','.join('?' * len(keys))}) AND p.country = ? LIMIT 1",
            (*keys, cc)).fetchone() is not None

    # -- the end of the check ---------------------------------------------------------------
    def finish(self) -> tuple[list[NewActor], list[NewPlace]]:
        """The actors and places the file defines; ExchangeError for a name it uses without
        defining it (the first line that names it)."""
        for key, (name, where, field) in self.pending.items():
            if key not in self.actors:
                inter = {"actor1": "inter1", "actor2": "inter2"}.get(field)
                how = (f"the file gives no {inter} (its type) for it" if inter else
                       "the file does not define it (no actor1/actor2 with its inter type, "
                       "no entry in an \"actors\" list)")
                raise ExchangeError(f"{where}: event.{field} {name!r} is not an actor of the "
                                    f"vocabulary and {how}; add it to your actors.toml (or "
                                    "with \"+ add actor\" in the app) to import this file")
        for key, (location, where) in self.pending_places.items():
            if key not in self.places:
                raise ExchangeError(f"{where}: event.location {location!r} is not a place of "
                                    "the vocabulary or the gazetteer and the file gives no "
                                    "latitude/longitude and country to define it; add it to "
                                    "your places.toml (or with \"+ add place\") to import this "
                                    "file")
        return list(self.actors.values()), list(self.places.values())


def add_imported(conn: sqlite3.Connection, user_dir: Path, path: Path,
                 actors: list[NewActor], places: list[NewPlace]) -> None:
    """Add the file's new actors to ``user_dir/actors.toml`` and its new places to the
    gazetteer (source ``import:FILE``), marked as coming from ``path``."""
    if actors:
        from sahel_tui.vocab import VocabError
        from sahel_tui.vocab.extend import append_actors

        try:
            append_actors(user_dir, ({"name": a.name, "type": a.type, "country": a.country,
                                      "area": [a.country] if a.country else [],
                                      "note": f"imported from {path.name}"} for a in actors),
                          prefix=IMPORTED, comment=f"from {path.name}")
        except (VocabError, tomllib.TOMLDecodeError, OSError) as exc:  # before anything else
            raise ExchangeError(f"{user_dir / 'actors.toml'}: cannot add the file's "
                                f"{len(actors)} new actors ({exc}); fix it and import "
                                "again") from None
    if places:
        import_records(conn, IMPORTED + path.name, "import", str(path.resolve()),
                       [p.record for p in places], ImportReport(IMPORTED + path.name),
                       infer_admin=False)
        words.release()


def added_line(actors: list[str], places: list[str], most: int = 10) -> str:
    """``added 2 actors (A; B) and 1 place (C)``, names joined as ACLED joins several actors
    (a name may hold a comma); empty when nothing was added."""
    parts = []
    for names, one, many in ((actors, "actor", "actors"), (places, "place", "places")):
        if names:
            shown = "; ".join(names[:most]) + (f"; and {len(names) - most} more"
                                               if len(names) > most else "")
            parts.append(f"{len(names)} {one if len(names) == 1 else many} ({shown})")
    return "added " + " and ".join(parts) if parts else ""
