"""The loaded vocabularies: one object the app keeps and passes around."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Actor, Country, EventType, Grading, Place, SubEventType
from .textnorm import fold_key

#: ACLED's state actors, named with the regime period of the event's date
STATE_PREFIXES = ("Military Forces of ", "Police Forces of ", "Government of ")
_PERIOD = re.compile(r"\s*\((?:\d{4})?-(?:\d{4})?\)$")


def undated_actor_name(name: str) -> str:
    """The name without ACLED's regime period at its end ("Military Forces of Mali
    (2021-)" -> "Military Forces of Mali"): the inverse of ``Vocab.dated_actor_name``."""
    return _PERIOD.sub("", name)

if TYPE_CHECKING:  # pragma: no cover
    from .match import Matcher

__all__ = ["Vocab", "undated_actor_name"]


@dataclass
class Vocab:
    """Shipped vocabularies merged with the analyst's extension files.

    ``actors`` and ``places`` are keyed by id, ``countries`` by ISO alpha-2, all in file
    order.  ``sub_event_types`` is in ACLED precedence order.  ``matcher()`` builds (once)
    and returns the name matcher over actors, places and countries; ``add_actor`` /
    ``add_place`` update both the dicts and an already-built matcher.
    """

    event_types: tuple[EventType, ...]
    sub_event_types: tuple[SubEventType, ...]
    rules: tuple[str, ...]
    actors: dict[str, Actor]
    places: dict[str, Place]
    countries: dict[str, Country]
    grading: Grading
    user_dir: Path | None = None
    files: tuple[Path, ...] = ()
    _shipped: Any = field(default=None, repr=False, compare=False)
    _matcher: Matcher | None = field(default=None, repr=False, compare=False)
    #: the analyst's imported gazetteer (sahel_tui.gazetteer.index.Gazetteer), once built:
    #: the coding pipeline's place stage adds its matches to the vocabulary's
    gazetteer: Any = field(default=None, repr=False, compare=False)

    # ---- lookups -------------------------------------------------------------------
    def sub_event_type(self, name: str) -> SubEventType:
        """The sub-event type called *name* (case/accent-insensitive); KeyError if none."""
        key = fold_key(name)
        for s in self.sub_event_types:
            if fold_key(s.name) == key:
                return s
        raise KeyError(name)

    def event_type(self, name: str) -> EventType:
        key = fold_key(name)
        for e in self.event_types:
            if fold_key(e.name) == key:
                return e
        raise KeyError(name)

    def dated_actor_name(self, name: str, date: str) -> str:
        """ACLED's name of a state actor on an ISO *date*: "Military Forces of Mali" on
        2022-05-01 is "Military Forces of Mali (2021-)" (the country's regime periods, see
        countries.toml), so exported events join with ACLED's.  Other names, a name that
        already carries a period, and a date before the first period are left as they are."""
        for prefix in STATE_PREFIXES:
            if name.startswith(prefix):
                rest = name[len(prefix):]
                if "(" in rest:
                    return name  # already dated, or a branch ACLED writes otherwise
                c = self.country(rest)
                label = c.regime(date) if c is not None else None
                return f"{name} ({label})" if label else name
        return name

    def country(self, code_or_name: str | None) -> Country | None:
        """Country by alpha-2/alpha-3 code, name or alias ("Tchad", "Ivory Coast")."""
        if not code_or_name:
            return None
        up = code_or_name.strip().upper()
        if up in self.countries:
            return self.countries[up]
        key = fold_key(code_or_name)
        for c in self.countries.values():
            if c.alpha3 == up or any(fold_key(n) == key for n in c.names):
                return c
        return None

    def actor(self, id_or_name: str) -> Actor | None:
        """Actor by id, canonical name or alias (first in file order for an alias)."""
        if id_or_name in self.actors:
            return self.actors[id_or_name]
        key = fold_key(id_or_name)
        for a in self.actors.values():
            if fold_key(a.name) == key:
                return a
        for a in self.actors.values():
            if any(fold_key(n) == key for n in a.aliases):
                return a
        return None

    def place(self, place_id: str) -> Place | None:
        return self.places.get(place_id)

    def places_named(self, name: str, country: str | None = None) -> list[Place]:
        """Places whose name or an alias folds like *name* (optionally in one country)."""
        key = fold_key(name)
        return [
            p
            for p in self.places.values()
            if (country is None or p.country == country)
            and any(fold_key(n) == key for n in p.names)
        ]

    def admin1_names(self, country: str) -> list[str]:
        return [p.name for p in self.places.values() if p.kind == "admin1" and p.country == country]

    # ---- matcher -------------------------------------------------------------------
    def matcher(self) -> Matcher:
        """The name matcher over this vocabulary (built once; the shipped part is built
        once per process and copied, then the analyst's entries are added)."""
        if self._matcher is None:
            from .match import Matcher

            sh = self._shipped
            if sh is None:
                self._matcher = Matcher.from_vocab(self)
                return self._matcher
            if sh.matcher is None:
                sh.matcher = Matcher.from_parts(sh.countries.values(), sh.actors.values(),
                                                sh.places.values())
            m = sh.matcher.copy()
            for code, c in self.countries.items():
                if sh.countries.get(code) is not c:
                    m.add_country(c)
            for aid, a in self.actors.items():
                if sh.actors.get(aid) is not a:
                    m.add_actor(a)
            for pid, p in self.places.items():
                if sh.places.get(pid) is not p:
                    m.add_place(p)
            self._matcher = m
        return self._matcher

    def add_actor(self, actor: Actor) -> None:
        """Put *actor* (new or replacing the same id) into this in-memory vocabulary."""
        self.actors[actor.id] = actor
        if self._matcher is not None:
            self._matcher.add_actor(actor)

    def add_place(self, place: Place) -> None:
        self.places[place.id] = place
        if self._matcher is not None:
            self._matcher.add_place(place)
