"""Stage 3 of the coding pipeline: the country of an incident.

The place's country first; else a country the incident names unambiguously; else the
feed's country hint.  None when nothing tells: the later stages then use no country's
generic actors."""

from __future__ import annotations

from collections.abc import Sequence

from sahel_tui.vocab.match import Match
from sahel_tui.vocab.model import Place


def incident_country(place: Place | None, matches: Sequence[Match],
                     country_hint: str | None = None) -> str | None:
    """ISO alpha-2 of the incident's country (see the module doc)."""
    if place is not None:
        return place.country
    cc = [m.best.id for m in matches if m.best.kind == "country" and not m.ambiguous]
    return cc[0] if cc else (country_hint.upper() if country_hint else None)
