"""Plain data classes of the vocabularies (stdlib only, immutable)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "INTER_TYPES",
    "PLACE_KINDS",
    "Actor",
    "Country",
    "EventType",
    "Grade",
    "Grading",
    "Place",
    "SubEventType",
]

#: ACLED inter types, in the order of their legacy codes 1-8.
INTER_TYPES: tuple[str, ...] = (
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
)

PLACE_KINDS: tuple[str, ...] = ("admin1", "admin2", "place")


@dataclass(frozen=True, slots=True)
class SubEventType:
    name: str
    event_type: str
    disorder_type: str  # e.g. "Political violence; Demonstrations"
    precedence: int  # 1 = first in ACLED's order (wins ties)
    help: str = ""

    @property
    def disorder_types(self) -> tuple[str, ...]:
        return tuple(p.strip() for p in self.disorder_type.split(";"))


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    help: str
    sub_event_types: tuple[SubEventType, ...]


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    type: str  # one of INTER_TYPES
    country: str | None = None  # ISO alpha-2 of the actor's own country
    area: tuple[str, ...] = ()  # countries where active (ranking only)
    aliases: tuple[str, ...] = ()
    note: str = ""
    source: str = "shipped"  # "shipped" | "analyst"

    @property
    def inter_code(self) -> int:
        """ACLED legacy inter number (1-8)."""
        return INTER_TYPES.index(self.type) + 1

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str
    kind: str  # "admin1" | "admin2" | "place"
    country: str  # ISO alpha-2
    admin1: str = ""
    admin2: str = ""
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    aliases: tuple[str, ...] = ()
    source: str = "shipped"  # "shipped" | "analyst"

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    alpha2: str
    alpha3: str
    iso_numeric: int
    region: str
    aliases: tuple[str, ...] = ()
    # ACLED's regime periods: (first ISO date, label such as "2013-2020" or "2021-"),
    # oldest first; the state's actors carry the label of the event's date
    regimes: tuple[tuple[str, str], ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def regime(self, date: str) -> str | None:
        """The regime label of an ISO date ("2020-03-01" -> "2013-2020"), None before the
        first period listed."""
        label = None
        for start, lab in self.regimes:
            if start <= date:
                label = lab
        return label


@dataclass(frozen=True, slots=True)
class Grade:
    code: str | int
    label: str
    help: str = ""
    low: int | None = None  # likelihood bands: percent
    high: int | None = None


@dataclass(frozen=True, slots=True)
class Grading:
    reliability: tuple[Grade, ...]  # Admiralty letters A-F
    credibility: tuple[Grade, ...]  # Admiralty digits 1-6 (codes are strings)
    confidence: tuple[Grade, ...]  # Low / Moderate / High
    likelihood: tuple[Grade, ...]  # ICD 203 bands
    geo_precision: tuple[Grade, ...]  # 1-3 (codes are ints)
    time_precision: tuple[Grade, ...]  # 1-3 (codes are ints)
