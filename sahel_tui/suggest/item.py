"""All suggestions for one news item in one call (what the coding screen pre-fills)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sahel_tui.vocab.catalog import Vocab
from sahel_tui.vocab.match import Candidate, Match

from .dates import DateSuggestion, extract_event_date
from .event_type import EventTypeCandidate, suggest_event_type
from .fatalities import FatalitySuggestion, extract_fatalities

__all__ = ["ItemSuggestions", "suggest_item"]


@dataclass(frozen=True, slots=True)
class ItemSuggestions:
    date: DateSuggestion
    fatalities: FatalitySuggestion
    event_types: tuple[EventTypeCandidate, ...]  # best first
    matches: tuple[Match, ...]  # every actor/place/country span (empty without a vocab)
    actors: tuple[Candidate, ...]  # best candidate of each actor span, first mention order
    places: tuple[Candidate, ...]  # best candidate of each place span, first mention order
    countries: tuple[str, ...]  # alpha-2 codes of unambiguous country mentions, in order


def _unique(cands: list[Candidate]) -> tuple[Candidate, ...]:
    seen: set[str] = set()
    out = []
    for c in cands:
        if c.id not in seen:
            seen.add(c.id)
            out.append(c)
    return tuple(out)


def suggest_item(
    text: str,
    published: dt.date | dt.datetime,
    lang: str | None = None,
    *,
    vocab: Vocab | None = None,
    country_hint: str | None = None,
) -> ItemSuggestions:
    """Date, fatalities, event-type candidates and (with *vocab*) name matches for *text*."""
    matches: tuple[Match, ...] = ()
    if vocab is not None:
        matches = tuple(vocab.matcher().find(text, country_hint=country_hint))
    actors = _unique([m.best for m in matches if m.best.kind == "actor"])
    places = _unique([m.best for m in matches if m.best.kind == "place"])
    countries: list[str] = []
    for m in matches:
        if m.best.kind == "country" and not m.ambiguous and m.best.id not in countries:
            countries.append(m.best.id)
    return ItemSuggestions(
        date=extract_event_date(text, published, lang),
        fatalities=extract_fatalities(text, lang),
        event_types=tuple(suggest_event_type(text, lang)),
        matches=matches,
        actors=actors,
        places=places,
        countries=tuple(countries),
    )
