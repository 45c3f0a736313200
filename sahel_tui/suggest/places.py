"""Stage 2 of the coding pipeline: the place of an incident.

:func:`find_places` reads the place names of an incident's counting text (the seam where a
place matcher plugs in); :func:`pick_place` ranks them by the sentences they are read in
and codes the best one with ACLED's geo_precision."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sahel_tui.gazetteer.notes import CODER_WORDS, coded
from sahel_tui.vocab.catalog import Vocab
from sahel_tui.vocab.match import Candidate, Match
from sahel_tui.vocab.model import Place
from sahel_tui.vocab.textnorm import fold_key

from .incidents import Segment, Sent, sent_at

if TYPE_CHECKING:
    from sahel_tui.gazetteer.evidence import Theatres

_NEAR = re.compile(
    r"(?:near|outside|outskirts\s+of|close\s+to|around|vicinity\s+of|km\s+(?:\w+\s+){0,2}"
    r"(?:of|from)|kilomet\w*\s+(?:\w+\s+){0,2}(?:of|from)|north\s+of|south\s+of|east\s+of|"
    r"west\s+of|pres\s+d[e']|non\s+loin\s+d[e']|aux\s+environs\s+d[e']|environs\s+d[e']|"
    r"a\s+proximite\s+d[e']|en\s+peripherie\s+d[e']|km\s+(?:\w+\s+){0,3}d[e'u]|"
    r"kilometres?\s+(?:\w+\s+){0,3}d[e'u]|au\s+(?:nord|sud|est|ouest)\s+d[e']|"
    r"a\s+l'(?:est|ouest)\s+d[e']|dans\s+les\s+environs\s+d[e'u]|region\s+of|"
    r"area\s+of|part\s+of\s+the)\s*$"
)
_AWAY = re.compile(
    r"(?:fled\s+(?:to|toward|towards|into)|(?:toward|towards|vers|to|en\s+direction\s+d[e'u]|"
    r"from|depuis|en\s+provenance\s+d[e'u]|jusqu'a|back\s+to|taken\s+to|evacuated\s+to|"
    r"rushed\s+to|transferred\s+to|transported\s+to|sent\s+from|envoyes?\s+depuis|"
    r"refugi\w*\s+a|fui\s+vers|fui\s+a)(?:\s+(?:the|la|le|les|l'))?)\s*$"
)
# ACLED's notes name the coded place with its admin units after it: "Dagwaro (Bama LGA,
# Borno)", "the village of Sirakoro (Madougou, Koro)", "Tudun Kasa in Batsari LGA (Katsina)"; the
# units also place the names listed before it: "between Gossi and Ouinerden (...)",
# "Ngaina, between Sarafere and Koumeira (...)"; not "X near Y (...)" or "X in Y LGA (...)"
# (ACLED codes X when its own gazetteer has it, else Y: as often one as the other)
_NAME = r"[A-Z][\w'’.-]*(?:[\s-]+[A-Z][\w'’.-]*){0,3}"
_ALT = r"(?:\s*\[[^\[\]]{1,60}\])?"
_LINK = r"(?:\s*,\s*(?:and\s+|et\s+|between\s+|entre\s+)?|\s+(?:and|et|or|ou)\s+)"
_UNITS_AFTER = re.compile(
    rf"(?:{_ALT}{_LINK}{_NAME})*{_ALT}"
    r"(?i:\s*(?:village|town|community|settlement|hamlet|area|commune|camp|quarter|ward|"
    r"road|axis|highway|localit[eé]|hameau|lga|local\s+government\s+area|state|region|province|cercle|"
    r"d[eé]partement|department)s?)?\s*\(\s*([A-Z][^()]{0,118})\)")


def _named_with_units(text: str, m: Match, p: Place) -> bool:
    """*m* (read as *p*) is followed by the admin units ACLED codes it in, and *p* lies
    in them (a namesake elsewhere does not)."""
    if p.source.startswith("text:"):
        return True  # the village a parenthesis names (gazetteer.notes)
    u = _UNITS_AFTER.match(text, m.end)
    if u is None:
        return False
    from sahel_tui.gazetteer.keys import name_key
    from sahel_tui.gazetteer.notes import unit_keys

    keys = unit_keys(u.group(1))
    own = {name_key(p.admin1), name_key(p.admin2)}
    if p.kind != "place":
        own.add(name_key(p.name))
    return bool(own & keys)


# a place name that qualifies an institution or an office, not the place of the event:
# "the visit of Kaduna Governor ... sparked protests in Kakangi", "the accountant of an
# Ansongo health center ... in the village of Tacharane", "the Mubi chapter of ASUP"; a
# person's name after a title ("president Issoufou")
_INSTITUTION_AFTER = re.compile(
    r"\s+(?:state\s+)?(?:governor|governorship|chapter|polytechnic|health\s+cent(?:er|re)|"
    r"emir|emirate\s+council|local\s+government\s+chairman|branch|chairman|senator|"
    r"caucus)\b")
_TITLE_BEFORE = re.compile(r"\b(?:president|minister|governor|general|colonel|imam|emir|"
                           r"mayor|senator|chief|sultan)\s+$")
# where people come from, not where they act: "residents of Tsauni protested in Gwadabawa"
# (alone in its sentence, such a place is still the event's)
_PEOPLE_OF_BEFORE = re.compile(
    r"\b(?:residents|natives|indigenes|people|youths?|women|farmers|traders|students|"
    r"members|communit(?:y|ies))\s+of\s+(?:the\s+)?$")
_VILLAGE_BEFORE = re.compile(r"(?:village|hamlet|localite|hameau)\s+(?:of\s+|de\s+|d')?$")

# "the attack in Kirikasamma LGA": the name of a unit, not its seat -- a village of the
# sentence is the place (the unit only places it)
_UNIT_WORD_AFTER = re.compile(
    r"\s*(?:LGA|Local\s+Government\s+Area|[Cc]ercle|[Dd][eé]partement|[Dd]epartment|"
    r"[Pp]rovince|[Rr]egion|[Ss]tate)s?\b")
# two places of one incident joined as "between X and Y" (in the folded text, from X's
# end to Y's start: its units, an alternative name in brackets, "and")
_BETWEEN_BEFORE = re.compile(
    r"\b(?:between|entre)\s+(?:the\s+|les\s+)?(?:(?:villages?|towns?|localites?|"
    r"communities)\s+(?:of\s+|de\s+|d')?)?$")
_PAIR_GAP = re.compile(r"^\s*(?:\[[^\[\]]{1,60}\]\s*)?(?:\([^()]{1,120}\)\s*)?,?\s*"
                       r"(?:and|et)\s+(?:the\s+|la\s+|le\s+)?(?:(?:village|town|localite)\s+"
                       r"(?:of\s+|de\s+|d')?)?$")


def _haversine_km(a: Place, b: Place) -> float:
    if not (a.has_coordinates and b.has_coordinates):
        return math.inf
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude,
                                                b.longitude))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 6371.0 * 2 * math.asin(math.sqrt(h))


_SEATS: dict[tuple[int, int], dict[str, Place | None]] = {}


def _seat(vocab: Vocab, admin: Place) -> Place | None:
    """The town an admin1/admin2 unit is coded to: its capital or seat, the most populous
    place within 3 km of the unit's coordinates (which the gazetteer takes from it)."""
    key = (id(vocab.places), len(vocab.places))
    if key not in _SEATS and len(_SEATS) > 8:
        _SEATS.clear()
    cache = _SEATS.setdefault(key, {})
    if admin.id in cache:
        return cache[admin.id]
    best = None
    if admin.has_coordinates:
        for p in vocab.places.values():
            if p.kind != "place" or p.country != admin.country or not p.has_coordinates:
                continue
            if abs(p.latitude - admin.latitude) > 0.05 or abs(p.longitude - admin.longitude) > 0.05:
                continue
            if _haversine_km(p, admin) <= 3.0 and (best is None or p.population > best.population):
                best = p
    cache[admin.id] = best
    return best


def _inside(p: Place, admin: Place) -> bool:
    if p.country != admin.country or p.id == admin.id:
        return False
    if admin.kind == "admin1":
        return p.admin1 in (admin.name, admin.admin1)
    if admin.kind == "admin2":
        return p.kind == "place" and p.admin2 in (admin.admin2, admin.name)
    return False


# ----------------------------------------------------------------------------- places
# the coder's own word on the place ("no location found, coded as Bama", "coordinates for
# Jibia used"): read even in a sentence that does not tell of the incident
_CODER_REMARK = re.compile(CODER_WORDS + r"[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*){0,3}")


def with_coder_remarks(text: str, masked: str, masks: Sequence[tuple[int, int]]) -> str:
    """*masked* (the counting text) with the coder's remarks on the place put back from
    *text*, outside *masks* (other incidents)."""
    for r in _CODER_REMARK.finditer(text):
        a, b = r.span()
        if masked[a:b] != text[a:b] and not any(x < b and a < y for x, y in masks):
            masked = masked[:a] + text[a:b] + masked[b:]
    return masked


def find_places(vocab: Vocab, text: str, matches: Sequence[Match], *,
                country_hint: str | None = None,
                groups: Theatres | None = None) -> list[Match]:
    """The place names read in one incident: *text* is the whole item with what does not
    count blanked (same offsets as the item), *matches* what the vocabulary matcher found in
    it.  Each returned :class:`Match` is a span of *text* with its candidate places ranked
    best first; ``Candidate.alias`` is the listed name that matched, ``context`` the
    country-context score: what the suggestion shows as its reason.

    This is the seam for other place matchers (an imported gazetteer): they add their
    matches here, and :func:`pick_place` ranks them all alike.  *groups*: the incident's
    named groups and their countries (:class:`~sahel_tui.gazetteer.evidence.Theatres`),
    computed once by the caller; from *matches* when not given."""
    gz = vocab.gazetteer
    if gz is not None and gz.ready:
        from sahel_tui.gazetteer.evidence import place_matches

        return place_matches(gz, text, matches, country_hint=country_hint, groups=groups)
    return [m for m in matches
            if m.best.kind == "place" and any(c.kind == "place" for c in m.candidates)
            and not _acronym(m)]


def _acronym(m: Match) -> bool:
    """"NGO" is not Ngo: a capitals-only word matches a place only written so."""
    return (len(m.text) > 1 and m.text.isupper()
            and not any(c.alias.isupper() for c in m.candidates if c.kind == "place"))


@dataclass
class _PlaceScore:
    cand: Candidate
    score: float = 0.0
    first: int = 10**9
    near: bool = False
    mention: str = ""
    strong: float = 0.0
    near_from: float = -1.0  # weight of the sentence "near" was read from (body over title)
    units: bool = False  # named with its admin units after it: "Jakana (Bama LGA, Borno)"
    unit_word: bool | None = None  # every mention names the unit: "Kirikasamma LGA"
    spans: list[tuple[int, int]] = field(default_factory=list)  # each mention's span


_PRECISION_RANK = {"place": 0, "admin2": 1, "admin1": 2}


# a place farther than this from every other place the item names is "remote" (see
# :func:`_remote`): the width of a Sahelian region, well inside one country
_FAR_KM = 300.0


def _remote(ps: _PlaceScore, ranked: Sequence[_PlaceScore], countries: set[str]) -> bool:
    """A candidate far from every other place of the item and in none of the countries
    its other names point to: "Tongo" read as Tonho (Côte d'Ivoire, 981 km away) in "Tongo
    Tongo, à 60 km à l'ouest de Ouallam", about the Nigerien army."""
    p: Place = ps.cand.entity  # type: ignore[assignment]
    if p.country in countries or not p.has_coordinates:
        return False
    others = [q.cand.entity for q in ranked if q is not ps]
    return bool(others) and all(
        _haversine_km(p, o) > _FAR_KM for o in others)  # type: ignore[arg-type]


_COMMUNE_GAP = re.compile(r"^\s*(?:,|in(?:\s+the)?(?:\s+(?:rural|urban))?|dans\s+la)\s*$")
_LISTED = re.compile(r"(?:,|\band|\bet)\s*$")
_COMMUNE_AFTER = re.compile(r"\s+(?:rural\s+|urban\s+)?commune\b")
_COMMUNE_OF = re.compile(r"^\s*(?:,\s*)?(?:in|dans)\s+(?:the\s+|la\s+)?(?:(?:rural|urban)\s+)?"
                         r"commune\s+(?:of\s+|de\s+|d')?(?:rurale\s+de\s+)?$")


def _grammar_pair(ftext: str, ranked: Sequence[_PlaceScore], a: _PlaceScore,
                  gap: re.Pattern, after: re.Pattern | None = None) -> _PlaceScore | None:
    """The place named right after *a*, joined to it by words *gap* matches (and followed
    by words *after* matches, when given)."""
    for b in ranked:
        if b is a:
            continue
        for _a0, a1 in a.spans:
            for b0, b1 in b.spans:
                if a1 <= b0 <= a1 + 160 and gap.match(ftext[a1:b0]) and (
                        after is None or after.match(ftext, b1)):
                    return b
    return None


def _by_grammar(ftext: str, ranked: list[_PlaceScore]) -> list[_PlaceScore]:
    """What the sentence says of the best-ranked place and its neighbour, when they are
    equally supported: "between X and Y" -- ACLED's notes code X, Nigeria's code Y (the
    road's far end; "X near Y (units)" is Y, the place the units locate, as ranked)."""
    if len(ranked) < 2:
        return ranked
    top = ranked[0]
    # "Soye in Madougou Commune (Koro, Mopti)": the commune (and its units) locate the
    # village, the place of the event
    for x in ranked[1:]:
        if any(_LISTED.search(ftext, max(0, a - 12), a) or _NEAR.search(ftext, max(0, a - 40), a)
               for a, _ in x.spans):
            continue  # "191 km northeast of Gao in Tarkint Commune", "X and Y in Z Commune"
        if x.strong >= top.strong and (
                _grammar_pair(ftext, ranked, x, _COMMUNE_GAP, _COMMUNE_AFTER) is top
                or _grammar_pair(ftext, ranked, x, _COMMUNE_OF) is top):
            return [x] + [p for p in ranked if p is not x]
    pair = None
    for a in ranked:
        b = _grammar_pair(ftext, ranked, a, _PAIR_GAP)
        if b is not None and top in (a, b) and any(
                _BETWEEN_BEFORE.search(ftext, max(0, s - 40), s) for s, _ in a.spans):
            pair = (a, b)
            break
    if pair is None or pair[0].strong != pair[1].strong:
        return ranked
    a, b = pair
    want = b if a.cand.entity.country == "NG" and b.cand.entity.country == "NG" else a
    if want is top or (top.units and not want.units):
        return ranked  # the units after the pair place only one of them
    return [want] + [p for p in ranked if p is not want]


# ACLED's notes on roads: "the Bama-Banki road (Bama LGA, Borno)", "along the Kayawa axis
# (Zurmi LGA, Zamfara)": the road's ends are not the place of the event
_ROAD_NAME = r"[A-Z][\w'’.]*(?: [A-Z][\w'’.]*){0,2}"
_ROAD = re.compile(rf"({_ROAD_NAME}(?:\s*[-–]\s*{_ROAD_NAME})*)\s+(?i:roads?|highways?|"
                   r"axis|expressway)\b(?:\s*\(([^()]{1,120})\))?")
# several villages listed before their unit: "raided Gidan Bako, Tsoho and Kurmi villages
# in Dandume LGA", "the Alau, Kessa and Mafiri communities (Magumeri LGA, Borno)": ACLED
# codes the unit (unless the note splits the toll over one event a village)
_LIST_UNIT_BEFORE = re.compile(
    r"(?:,|\band|\bet)\s+(?:the\s+)?[a-z][\w'’ -]{0,30}?\s+(?:villages|communities|"
    r"settlements|hamlets|towns|localites)\s+(?:(?:in|of|dans)\s+(?:the\s+|la\s+)?|\(\s*)$")
_AT_BEFORE = re.compile(r"\b(?:near|at|around|in)\s+(?:the\s+)?(?:village\s+of\s+)?$")
_ON_ROAD = re.compile(r"^\s*(?:village|town|community)?\s*,?\s*(?:on|along)\s+(?:the\s+)?$")
_AROUND_AFTER = re.compile(r"^\s*,?\s*(?:around|near)\s+(?:the\s+)?(?:village\s+of\s+)?$")
# a city of this size is the town a quarter is part of ("Kawo/Kaduna": not two
# villages, "Garno/Jakana")
_CITY = 100_000
# villages named with their state only: "clashed ... at Magira village in Zamfara State",
# "in the Kofa Area of Kaduna State": ACLED codes the state's capital (geo_precision 3)
_IN_STATE_GAP = re.compile(
    r"^(?:\s*(?:,|and)?\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}){0,4}(?:\s+(?i:village|"
    r"area|forest|community|settlement|hamlet)s?){0,2}\s+(?:in|of)\s+(?:the\s+)?$")
_STATE_WORD = re.compile(r"\b[Ss]tate\b")
_SPLIT = re.compile(r"\bsplit\b|\b(?:across|between|over)\s+(?:\w+\s+){0,2}events\b|"
                    r"\bcoded\s+as\s+(?:\w+\s+)?events\b")


def _by_list_and_road(text: str, ftext: str, ranked: list[_PlaceScore]
                      ) -> tuple[list[_PlaceScore], bool]:
    """The unit a list of villages is coded to; the place of an event on a road rather
    than the road's ends.  The second value says the unit is the place itself (not to be
    narrowed to a village inside it)."""
    if len(ranked) < 2:
        return ranked, False
    top = ranked[0]
    split = _SPLIT.search(ftext) is not None

    def first(ps: _PlaceScore) -> list[_PlaceScore]:
        return [ps] + [p for p in ranked if p is not ps]

    for u in ranked:
        if u.cand.entity.kind != "admin2" or u.strong < top.strong or split:
            continue
        if any(_LIST_UNIT_BEFORE.search(ftext, max(0, a - 120), a) for a, _ in u.spans):
            return first(u), True
    if top.cand.entity.kind == "place" and top.cand.entity.source.startswith("gazetteer:"):
        # (a town of the bundled gazetteer is one ACLED places itself: "near Gwoza in
        # Borno State")
        for u in ranked:
            if u.cand.entity.kind != "admin1" or u.strong < top.strong:
                continue
            if any(a1 < b0 <= a1 + 100 and _IN_STATE_GAP.match(text[a1:b0])
                   and _STATE_WORD.search(text, b0, b1 + 7)
                   for _a0, a1 in top.spans for b0, b1 in u.spans):
                return first(u), True
    from sahel_tui.gazetteer.keys import name_key
    from sahel_tui.gazetteer.notes import unit_keys

    for r in _ROAD.finditer(text):
        lo, hi = r.span(1)
        ends = [p for p in ranked if any(lo <= a < hi for a, _ in p.spans)]
        if top not in ends:
            continue
        near = [p for p in ranked if p not in ends and p.cand.entity.kind == "place"
                and p.strong >= top.strong and any(
                    _ON_ROAD.match(ftext[b:lo]) and _AT_BEFORE.search(ftext, max(0, a - 30), a)
                    for a, b in p.spans if b <= lo)]
        near += [p for p in ranked if p not in ends and p.cand.entity.kind == "place"
                 and p.strong >= top.strong and any(
                     r.end() <= a and _AROUND_AFTER.match(ftext[r.end() : a])
                     for a, _ in p.spans)]
        if near:
            # "near Jakana on the Damaturu-Maiduguri road", "the ... highway around Auno"
            return first(near[0]), False
        if not r.group(2):
            continue
        # the road's unit (its first name): the end it is named after, else the first end
        # lying in it, else the unit itself ("the Zaria-Funtua road (Giwa LGA)")
        lga = next(iter(unit_keys(r.group(2).split(",")[0])), "")
        named = [p for p in ends if name_key(p.mention) == lga] or sorted(
            (p for p in ends if p.cand.entity.kind == "place"
             and name_key(p.cand.entity.admin2) == lga), key=lambda p: p.first)
        if named:
            return first(named[0]), False
        if r.group(2):
            lo2, hi2 = r.span(2)
            unit = next((p for p in ranked if p.cand.entity.kind == "admin2" and any(
                lo2 <= a < hi2 for a, _ in p.spans)), None)
            if unit is not None and unit.strong >= top.strong:
                return first(unit), True
    return ranked, False


# a quarter, a camp or a village named in the town the note codes: "the Farcha area of
# N'Djamena", "a base in Tessalit", "Maidawa community in Dutse", "Kawo/Kaduna"
_PART_OF = re.compile(
    r"^\s*(?:(?:area|neighbou?rhood|district|quarter|community|village|camp|base|"
    r"market|campus|ward)\s+)?(?:in|of)\s+(?:the\s+)?(?:(?:city|town)\s+of\s+)?$")
_UNIT_OR_AREA_AFTER = re.compile(
    r"\s*(?:LGA|Local\s+Government|[Cc]ommune|[Cc]ercle|[Dd][eé]partement|[Dd]epartment|"
    r"[Pp]rovince|[Rr]egion|[Ss]tate|\()")


def _by_part_of(text: str, ftext: str, ranked: list[_PlaceScore]) -> list[_PlaceScore]:
    """The town when the best place is named as a part of it."""
    if len(ranked) < 2 or ranked[0].cand.entity.kind != "place":
        return ranked
    top = ranked[0]
    for q in ranked[1:]:
        if q.cand.entity.kind != "place" or q.strong < top.strong:
            continue
        city = q.cand.entity.population >= _CITY
        if any(a1 <= b0 <= a1 + 40 and (_PART_OF.match(ftext[a1:b0]) or (
                city and ftext[a1:b0].strip() == "/"))
               and not _UNIT_OR_AREA_AFTER.match(text, b1)
               for _a0, a1 in top.spans for b0, b1 in q.spans):
            return [q] + [p for p in ranked if p is not q]
    return ranked


def _item_countries(context: Sequence[Match], text: str) -> set[str]:
    """The countries an item's names other than places point to: a country named (not the
    other side of a border), a national actor, even as a common noun ("l'armée
    nigérienne"), "LGA"."""
    from .country import country_votes

    out = set(country_votes([m for m in context if m.best.kind != "place"], text))
    for m in context:
        cs = {c.country for c in m.candidates}
        if m.best.kind == "actor" and len(cs) == 1 and None not in cs:
            out |= cs
    return out


def pick_place(vocab: Vocab, text: str, ftext: str, sents: list[Sent],
                matches: Sequence[Match], seg: Segment, context: Sequence[Match] = ()):
    """The incident's place among *matches* (:func:`find_places`), its geo_precision,
    the words it was read from, and every place read, best first.  *context* is every
    name the vocabulary matched in the incident (actors, countries, places): the country
    evidence that ranks a remote namesake last (:func:`_remote`)."""
    scores: dict[str, _PlaceScore] = {}
    for m in matches:
        pc = [c for c in m.candidates if c.kind == "place"]
        if not pc or m.best.kind != "place":
            continue
        if any(a <= m.start < b for a, b in seg.mask):
            continue
        s = sent_at(sents, m.start)
        if s is not None and s.weight <= 0 and coded(text, m):
            s = Sent(s.start, s.end, 1.0, s.title, s.lead, s.quote)  # the coder's place
        if s is None or s.weight <= 0:
            continue
        before = ftext[max(0, m.start - 40) : m.start]
        near = bool(_NEAR.search(before)) or bool(_VILLAGE_BEFORE.search(before))
        factor = 0.15 if not near and (_AWAY.search(before) or _TITLE_BEFORE.search(before)
                                       or _PEOPLE_OF_BEFORE.search(before)
                                       or _INSTITUTION_AFTER.match(ftext, m.end)) else 1.0
        c = pc[0]
        ps = scores.get(c.id)
        if ps is None:
            ps = scores[c.id] = _PlaceScore(c, first=m.start, mention=m.text)
        ps.units = ps.units or _named_with_units(text, m, c.entity)
        ps.spans.append((m.start, m.end))
        ps.unit_word = ps.unit_word is not False and bool(_UNIT_WORD_AFTER.match(text, m.end))
        ps.score += s.weight * factor
        ps.strong = max(ps.strong, s.weight * factor)
        # how near: from the weightiest body sentence naming it (the title only alone)
        rank = s.weight * factor + (0.0 if s.title else 10.0)
        if rank > ps.near_from or (rank == ps.near_from and near):
            ps.near, ps.near_from = near, rank
    if not scores:
        return None, 1, "", ()
    # named with its units first (ACLED's notes: the place coded); then the strongest
    # sentence; at equal strength the more precise unit (a town before
    # the province or region that contains it), then one the body names (headlines name
    # the state or region by its capital's name), then the better supported, the first
    ranked = sorted(scores.values(), key=lambda p: (
        not p.units, -p.strong,
        max(_PRECISION_RANK.get(p.cand.entity.kind, 3), 1 if p.unit_word else 0),
        p.near_from < 10.0, -p.score, p.first))
    ranked = _by_grammar(ftext, ranked)
    ranked, whole_unit = _by_list_and_road(text, ftext, ranked)
    ranked = _by_part_of(text, ftext, ranked)
    if len(ranked) > 1:
        countries = _item_countries(context, text)
        remote = {id(p) for p in ranked if countries and _remote(p, ranked, countries)}
        # a place read as the place of the event ("hundreds marched in Kidal") is not put
        # after a name read only weakly ("... against the Nigerien president Abarkou")
        far = {id(p) for p in ranked if id(p) in remote and any(
            id(q) not in remote and q.strong >= p.strong for q in ranked)}
        if far and len(far) < len(ranked):
            ranked = [p for p in ranked if id(p) not in far] + [
                p for p in ranked if id(p) in far]
    best = ranked[0]
    place: Place = best.cand.entity  # type: ignore[assignment]
    precision = 2 if best.near else 1
    if place.kind in ("admin1", "admin2") and not whole_unit:
        # a town (or a smaller unit) inside this unit, named with support: code to it
        inner = [p for p in ranked[1:]
                 if _PRECISION_RANK[p.cand.entity.kind] < _PRECISION_RANK[place.kind]
                 and _inside(p.cand.entity, place) and p.strong >= 1.0]
        if inner:
            best = inner[0]
            place = best.cand.entity  # type: ignore[assignment]
            precision = 2 if best.near else 1
    elif best.near_from < 10.0:
        # "Tillabéri : ..." in the title, "la région de Tillabéri" in the text: the region
        unit = next((p for p in ranked[1:] if p.near_from >= 10.0
                     and p.cand.entity.kind != "place"
                     and fold_key(p.cand.entity.name) == fold_key(place.name)), None)
        if unit is not None:
            best = unit
            place = unit.cand.entity  # type: ignore[assignment]
    if place.kind in ("admin1", "admin2"):
        # a province or region alone: its capital, geo_precision 3 -- unless the words
        # were the bare name of a unit named after its seat ("près de Karimama")
        seat = _seat(vocab, place)
        bare = best.cand.alias == place.name and (
            seat is None or fold_key(seat.name) == fold_key(place.name))
        precision = (2 if best.near else 1) if bare else 3
        # a district whose seat has another name (Chikun LGA, seat Kujama): ACLED's
        # location is the district's own name, at its point
        if seat is not None and (place.kind == "admin1"
                                 or fold_key(seat.name) == fold_key(place.name)):
            place = seat
    if place.source.startswith("text:"):
        precision = max(precision, 2)  # a village named with its units: their coordinates
    cands = tuple(p.cand for p in ranked)
    return place, precision, best.mention, cands
