"""Stage 3 of the coding pipeline: the country of an incident.

Every name of the incident's counting text that belongs to one country only votes for it:
a town or admin unit of the bundled vocabulary ("Borno", "Mopti", "Tillabéri region"), a
country named ("in Mali", "Burkinabe"; not the other side of a border), a national actor
("the Chadian army", "FAMa", "Nigerien soldiers"), and "LGA" (a Local Government Area is
Nigeria's).  The chosen place votes too, with a vote and a half: a place of one country
named beside the admin units of another ("Fasada in Dutsinma LGA (Katsina)" read as a
village of Niger) is a homonym, and the admin units win.  With no vote, the feed's country
hint.  Peoples and movements of few countries (data/matcher.toml ``people_countries``:
"Dogon", "Mossi", "Katiba Macina", "Koglweogo") vote too, split between their countries.
A named group of no country operating in one country only (actors.toml ``area``:
"MINUSMA") votes for it; where the votes tie, the one country of them the item's named
groups operate in wins ("ISWAP" between Nigeria and Mali: Nigeria).  A theatre of several
countries never picks one by itself.  None when nothing tells: the later stages then use
no country's generic actors."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from sahel_tui.gazetteer.evidence import Theatres, peoples_named, written_as_acronym
from sahel_tui.gazetteer.index import name_key
from sahel_tui.vocab.match import Match
from sahel_tui.vocab.model import Place

_PLACE_VOTE = 1.5
# a people or movement of one country ("Mossi", "Katiba Macina") weighs more than the
# place: an imported village's homonym in another country must not outvote it
PEOPLE_VOTE = 2.0
_LGA = re.compile(r"\b(?:LGAs?|Local\s+Government\s+Areas?)\b")
_BORDER_BEFORE = re.compile(
    r"(?:border\s+(?:with|of)|frontier\s+with|fronti[eè]re\s+(?:avec|du|de\s+la|de\s+l['’]|"
    r"des)|bordering|from|depuis|en\s+provenance\s+(?:du|de\s+la|des)|into|to|towards?|"
    r"vers|\blake|\blac(?:\s+du)?)\s*(?:the\s+|le\s+|la\s+)?$", re.IGNORECASE)


def _not_a_place(m: Match, places: Sequence[Match]) -> bool:
    """A name of the vocabulary's places that tells no country here: a word of a longer
    imported name ("Tongo" of Côte d'Ivoire in "Tongo Tongo", a village of Niger), an
    acronym ("NGO" is not Ngo), or a name the imported gazetteer gives namesakes in other
    countries ("Doma", a town of Nasarawa and four villages of Mali) -- or whose units,
    named after it, place it in another ("Doma (Madougou, Koro)")."""
    for p in places:
        if p.start <= m.start and m.end <= p.end:
            if p.end - p.start > m.end - m.start:
                return True
            if {c.country for c in p.candidates if c.kind == "place"} != {
                    c.country for c in m.candidates}:
                return True  # namesakes elsewhere, or the units named place another
    return written_as_acronym(m)


def country_votes(matches: Sequence[Match], text: str = "",
                  places: Sequence[Match] = ()) -> Counter[str]:
    """Votes of the names of one country (see the module doc); *text* is the item's text
    the matches' offsets refer to ("" to skip the border and LGA readings), *places* the
    place names read in it (:func:`~.places.find_places`)."""
    votes: Counter[str] = Counter()
    for m in matches:
        cs = {c.country for c in m.candidates}
        if len(cs) != 1 or None in cs:
            continue
        kinds = {c.kind for c in m.candidates}
        if kinds == {"place"} and _not_a_place(m, places):
            continue
        if kinds == {"country"} and text and _BORDER_BEFORE.search(
                text[max(0, m.start - 40) : m.start]):
            continue  # "fled to Niger", "the border with Burkina Faso", "Lake Chad"
        if kinds == {"actor"} and m.text.islower():
            continue  # a common noun of one country's actor: weak ("the government of
            # Burkina Faso" names it)
        votes[cs.pop()] += 1
    if text and _LGA.search(text):
        votes["NG"] += 1
    return votes


def people_votes(text: str) -> Counter[str]:
    """Votes of the peoples and movements of a few countries (data/matcher.toml
    ``people_countries``): "the Dogon village of ...", "Katiba Macina", "Koglweogo".  A
    people of several countries splits its vote."""
    votes: Counter[str] = Counter()
    if not text:
        return votes
    seen = set()
    for name, ccs in peoples_named(text):
        k = name_key(name)
        if k in seen:
            continue
        seen.add(k)
        for cc in ccs:
            votes[cc] += PEOPLE_VOTE / len(ccs)
    return votes



def incident_country(place: Place | None, matches: Sequence[Match],
                     country_hint: str | None = None, text: str = "",
                     places: Sequence[Match] = (), *,
                     groups: Theatres | None = None) -> str | None:
    """ISO alpha-2 of the incident's country (see the module doc); *places*: the place
    names read (a word of a longer one does not vote); *groups*: the incident's
    :class:`Theatres` when already computed from *matches*."""
    votes: Counter[str] = Counter()
    for cc, n in country_votes(matches, text, places).items():
        votes[cc] += n
    for cc, n in people_votes(text).items():
        votes[cc] += n
    # a group of no country operating in one ("MINUSMA": Mali); a national force's
    # country has voted above
    if groups is None:
        groups = Theatres.of(matches)
    lone = groups.countries(groups_only=True)
    if len(lone) == 1:
        votes[next(iter(lone))] += 1
    theatre = groups.countries()
    if place is not None:
        votes[place.country] += _PLACE_VOTE
    if votes:
        best = max(votes.values())
        top = [cc for cc, n in votes.items() if n == best]
        if place is not None and place.country in top:
            return place.country
        if len(top) == 1:
            return top[0]
        # a tie: the one country of them where the item's named groups operate
        inside = [cc for cc in top if cc in theatre]
        if len(inside) == 1:
            return inside[0]
        # a tie of names alone: the first named of them
        for m in matches:
            cs = {c.country for c in m.candidates}
            if len(cs) == 1 and (cc := next(iter(cs))) in top:
                return cc
    return country_hint.upper() if country_hint else None
