"""Stage 3 of the coding pipeline: the country of an incident.

The place's country first; else a country the incident names unambiguously ("in Mali",
"Burkinabe"); else the country of a national actor it names ("the Chadian army", "FAMa");
else the feed's country hint.  None when nothing tells: the later stages then use no country's
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
    if cc:
        return cc[0]
    # a national actor named ("the Chadian army", "FAMa", "Nigerien soldiers"): every
    # candidate of the words belongs to one country
    for m in matches:
        acts = [c for c in m.candidates if c.kind == "actor"]
        own = {c.country for c in acts}
        if acts and len(own) == 1 and None not in own:
            return own.pop()
    return country_hint.upper() if country_hint else None
