"""What the coding pipeline returns: one :class:`EventCoding` per incident of an item,
gathered in an :class:`ItemCoding`."""

from __future__ import annotations

from dataclasses import dataclass, field

from sahel_tui.vocab.catalog import Vocab
from sahel_tui.vocab.match import Candidate, Match
from sahel_tui.vocab.model import Actor, Place

from .dates import DateSuggestion
from .event_type import EventTypeCandidate
from .fatalities import FatalitySuggestion


# ----------------------------------------------------------------------------- results
@dataclass(frozen=True, slots=True)
class EventCoding:
    """One proposed event, ready to pre-fill the coding form."""

    span: tuple[int, int]  # the incident's part of the text ([start, end) offsets)
    actor1: Actor | None
    assoc_actor_1: tuple[Actor, ...]
    actor2: Actor | None
    assoc_actor_2: tuple[Actor, ...]
    place: Place | None  # gazetteer place (a town where possible)
    geo_precision: int  # ACLED 1-3
    place_mention: str  # the words of the text the place was read from ("" when none)
    country: str | None  # ISO alpha-2 of the event (the place's, else the text's)
    event_type: str
    sub_event_type: str
    disorder_type: str
    event_types: tuple[EventTypeCandidate, ...]  # ranked alternatives, best first
    date: DateSuggestion
    fatalities: FatalitySuggestion
    civilian_targeting: bool
    actor_candidates: tuple[Candidate, ...] = ()  # every actor read in the incident, ranked
    place_candidates: tuple[Candidate, ...] = ()  # every place read in the incident, ranked
    # the named groups of the incident and the countries they operate in (("JNIM", ("ML",
    # "BF", ...)), ...): evidence the place picker states for each namesake
    theatres: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # the rule that settled the event type (ACLED's codebook rule, or the wording alone):
    # what the picker's help text states
    type_rule: str = ""

    @property
    def actors(self) -> tuple[Actor, ...]:
        """actor1, assoc_actor_1, actor2, assoc_actor_2 (the pre-filled actors), no blanks."""
        out = [a for a in (self.actor1, *self.assoc_actor_1, self.actor2, *self.assoc_actor_2)
               if a is not None]
        return tuple(out)

    @property
    def actor_names(self) -> frozenset[str]:
        return frozenset(a.name for a in self.actors)

    def as_event_fields(self, vocab: Vocab | None = None) -> dict:
        """The coding as keyword arguments for ``sahel_tui.store.events.Event``."""
        p = self.place
        country = ""
        if self.country:
            c = vocab.countries.get(self.country) if vocab is not None else None
            country = c.name if c is not None else self.country
        return {
            "event_date": self.date.date.isoformat(),
            "time_precision": self.date.time_precision,
            "disorder_type": self.disorder_type,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1.name if self.actor1 else "",
            "assoc_actor_1": [a.name for a in self.assoc_actor_1],
            "inter1": self.actor1.type if self.actor1 else "",
            "actor2": self.actor2.name if self.actor2 else "",
            "assoc_actor_2": [a.name for a in self.assoc_actor_2],
            "inter2": self.actor2.type if self.actor2 else "",
            "civilian_targeting": self.civilian_targeting,
            "country": country,
            "admin1": p.admin1 if p else "",
            "admin2": p.admin2 if p else "",
            "location": p.name if p else "",
            "place_id": p.id if p else None,
            "latitude": round(p.latitude, 4) if p and p.latitude is not None else None,
            "longitude": round(p.longitude, 4) if p and p.longitude is not None else None,
            "geo_precision": self.geo_precision,
            "fatalities": self.fatalities.low,
            "fatalities_best": self.fatalities.best if self.fatalities.found else None,
            "fatalities_high": self.fatalities.high if self.fatalities.found else None,
        }


@dataclass(frozen=True, slots=True)
class ItemCoding:
    """Every incident proposed for one item (main incident first; may be empty)."""

    text: str  # title + "\n\n" + text: the offsets of every span refer to it
    title_end: int
    events: tuple[EventCoding, ...]
    # the actor, place and country names read in the counting sentences of every incident
    # (offsets in ``text``): what the suggestion is based on, for highlighting
    matches: tuple[Match, ...] = field(default=())

    @property
    def primary(self) -> EventCoding | None:
        return self.events[0] if self.events else None
