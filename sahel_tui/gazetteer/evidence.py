"""Choosing among the places one name may mean, by the evidence of the item.

"Madina" is 47 villages in Mali, "Sabon Gari" 76 in Nigeria.  Each candidate of each place
name found in an item is scored (the score becomes ``Candidate.context``, highest first),
and :func:`evidence` says why in words:

* its admin2 / admin1 named in the item (+3 / +2), again inside the parenthesis that
  follows the name, as ACLED's notes write it: "Dinangourou (Koro, Mopti)" (+2 each);
* its country named in the item -- a country, an actor of that country, a place found only
  there -- or the feed's country tag (+1.5);
* the item's other places: within 25 km of one of them +2, 75 km +1.2, 150 km +0.5;
* the analyst's own recently coded places, (latitude, longitude) pairs (+1 within ~5 km);
* leanings where the rest ties: the areas of the item's named groups (+0.5: "Baga" of
  Borno, not of Togo, in a note about ISWAP), the first home of a people of several
  countries (+0.3: a Dogon village is Mali's before Burkina Faso's), the focus countries
  (+0.2);
* then what it is: a populated place (+0.6; a capital or seat +0.4 more), a town of the
  bundled gazetteer (+0.8), population (up to ~+1).

ACLED's parentheses are read first (see :func:`_without_qualifiers`): "X (Koro, Mopti)"
keeps only the places X in those units, or codes the village X as named, in those units;
"(coded as Y)" says the place coded.  A name only the import knows, in none of the
countries the item is about, is left out (see :func:`score_candidates`).

Shipped and imported candidates of one span are ranked together; where a vocabulary match
and an imported one overlap, the longer span wins (the vocabulary's at equal length), and an
imported name never takes the words of an actor or a country.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Sequence

from sahel_tui.vocab.match import Candidate, Match
from sahel_tui.vocab.model import Place
from sahel_tui.vocab.textnorm import fold_key, tokenize

from .index import (
    FOCUS_COUNTRIES,
    Gazetteer,
    is_acronym,
    part_of_longer_name,
    people_countries,
    peoples_keys,
    used_as_adjective,
)
from .keys import name_key

__all__ = ["evidence", "km", "place_matches", "score_candidates"]

COUNTRY_FILTER = True
_KIND_RANK = {"place": 0, "admin2": 1, "admin1": 2}
_SPELT_AS_WRITTEN = 0.5  # the name as the text spells it, over a variant of its key
_PAREN = re.compile(r"^\s*\(([^()]{1,120})\)")


def km(a: Place, b: Place) -> float:
    """Great-circle distance in km (inf when one has no coordinates)."""
    if not (a.has_coordinates and b.has_coordinates):
        return math.inf
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude,
                                                b.longitude))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _gaz_candidate(p: Place, written: str) -> Candidate:
    return Candidate("place", p.id, p.name, p.country, "place", p.population, written, 0.0, p)


def _overlaps(a: Match, b: Match) -> bool:
    return a.start < b.end and b.start < a.end


def place_matches(gz: Gazetteer, text: str, matches: Sequence[Match], *,
                  country_hint: str | None = None,
                  recent: Sequence[tuple[float, float]] = ()) -> list[Match]:
    """The vocabulary's place matches merged with the gazetteer's, each with its candidates
    ranked by evidence (see the module docstring)."""
    peoples = peoples_keys()
    vocab_places = [m for m in matches
                    if m.best.kind == "place" and any(c.kind == "place" for c in m.candidates)
                    and not used_as_adjective(text, m.start, m.end)
                    and not is_acronym(text, m.start, m.end)
                    and name_key(m.text) not in peoples]
    blockers = [m for m in matches if m.best.kind != "place"]
    found = gz.find(text)
    vocab_places = _whole_names(text, vocab_places, [*matches, *found])
    merged: list[Match] = list(vocab_places)
    for g in found:
        gm = Match(g.start, g.end, g.text, tuple(_gaz_candidate(p, n) for p, n in g.places))
        if any(_overlaps(gm, b) for b in blockers):
            continue
        clash = [m for m in merged if _overlaps(gm, m)]
        if not clash:
            merged.append(gm)
            continue
        if all(len(gm.text) > len(m.text) for m in clash):
            merged = [m for m in merged if m not in clash] + [gm]
        elif len(clash) == 1 and (clash[0].start, clash[0].end) == (gm.start, gm.end):
            old = clash[0]
            have = {c.id for c in old.candidates}
            names = {(fold_key(c.name), c.country) for c in old.candidates
                     if c.kind == "place"}
            extra = tuple(c for c in gm.candidates if c.id not in have
                          and not _same_town(c, old.candidates, names))
            merged[merged.index(old)] = Match(old.start, old.end, old.text,
                                              old.candidates + extra)
    merged.sort(key=lambda m: m.start)
    merged = _without_qualifiers(text, merged, blockers, gz)
    return score_candidates(gz, text, merged, matches, country_hint=country_hint,
                            recent=recent or gz.recent)


_CITY = 100_000
_FACILITY = {
    "state", "governor", "university", "polytechnic", "college", "school", "correctional",
    "prison", "centre", "center", "junction", "road", "highway", "axis", "bridge", "airport",
    "hospital", "barracks", "market", "mosque", "church", "station", "stadium", "council",
    "emirate", "division", "command", "garrison", "camp", "lga", "local", "forest",
}


def _whole_names(text: str, places: list[Match], names: Sequence) -> list[Match]:
    """Bundled towns that are not part of a longer proper name no gazetteer holds: "Bamba"
    in "the village of Bamba Karia" is not the town of Gao (see
    :func:`~sahel_tui.gazetteer.index.part_of_longer_name`)."""
    out = []
    for m in places:
        lo = max(0, m.start - 80)
        around = text[lo : m.end + 80]  # the words either side, not the whole item
        tokens = tokenize(around)
        i = next((k for k, t in enumerate(tokens) if t.start == m.start - lo), None)
        j = next((k for k, t in enumerate(tokens) if t.end == m.end - lo), None)
        if i is None or j is None or not part_of_longer_name(around, tokens, i, j):
            out.append(m)
            continue
        # a city's quarter or a facility named after the town: "Bamako-Coura", "Maiduguri
        # University", "the Anka-Daki Takwas road"
        if max(c.population for c in m.candidates) >= _CITY or any(
                t.text in _FACILITY for t in tokens[j + 1 : j + 4]):
            out.append(m)
            continue
        # the neighbouring word is a name of its own ("Mopti Sévaré"): not a longer name
        near = [(tokens[k].start + lo, tokens[k].end + lo) for k in (i - 1, j + 1)
                if 0 <= k < len(tokens)]
        if any(n.start < b and a < n.end and not (n.start == m.start and n.end == m.end)
               for n in names for a, b in near):
            out.append(m)
    return out


_HEAD_GAP = re.compile(
    r"^\s*(?:\[[^\[\]]{1,40}\]\s*)?"  # "Kangouri [Kangouri Mamadou] (Gueskerou, Diffa)"
    r"(?:(?:village|town|community|settlement|hamlet|area|commune|market|camp|quarter|"
    r"ward|localit[eé]|hameau)\s*)?$", re.IGNORECASE)
# several villages in one unit ("attacked Jetete, Hoyo and Fashar communities (Magumeri
# LGA, Borno)"): ACLED codes the unit
_PLURAL_GAP = re.compile(r"^\s*(?:villages|communities|settlements|hamlets|towns)\s*$",
                         re.IGNORECASE)
_HEAD_WORDS = re.compile(r"((?:[A-Z][\w'’-]*[\s-]+){0,3}[A-Z][\w'’-]*)\s*$")
_ANY_PAREN = re.compile(r"\(([^()]{1,120})\)")
_CODED = re.compile(r"^\s*(?:geo[- ]?)?coded\s+(?:as|at|to|in)\b", re.IGNORECASE)
_CODED_BEFORE = re.compile(
    r"(?:\b(?:geo[- ]?)?coded\s+(?:as|at|to|in)|\bcoordinates\s+(?:for|of))\s+(?:the\s+)?$",
    re.IGNORECASE)
_UNIT_WORD = re.compile(r"\s+(?:lga|local\s+government\s+area|state|region|province|"
                        r"cercle|department|d[eé]partement|commune)$", re.IGNORECASE)


_UNIT_PART = re.compile(r"^[A-Z][\w'’.-]*(?:[\s/-]+[A-Z][\w'’.-]*){0,3}$")


def _unit_keys(inner: str) -> set[str]:
    """The admin units a parenthesis names, as spelling keys: "Gwoza LGA, Borno" ->
    {gwoza, borno}."""
    return {name_key(_UNIT_WORD.sub("", part.strip())) for part in inner.split(",")} - {""}


def _admin_paren(inner: str) -> bool:
    """A parenthesis of admin units only ("Koro, Mopti", "Gwoza LGA, Borno", "Lac"), not
    a remark ("near Bandiougou", "Police reported Akilu", "Katsina state, coordinates
    for Jibia used")."""
    parts = [_UNIT_WORD.sub("", p.strip()) for p in inner.split(",")]
    return 1 <= len(parts) <= 3 and all(_UNIT_PART.match(p) for p in parts)


def _in_units(c: Candidate, units: set[str]) -> bool:
    p = c.entity
    return isinstance(p, Place) and bool(
        {name_key(p.admin1), name_key(p.admin2)} & units
        or (p.kind != "place" and name_key(p.name) in units))


def _unit_of(inner: list[Match], units: set[str]) -> Place | None:
    """The unit a parenthesis codes to: its first name, as a place of the bundled gazetteer
    (a district, or the town that names a commune) lying in the others."""
    first = name_key(inner[0].text)
    rest = units - {first}
    cands = [c for c in inner[0].candidates if isinstance(c.entity, Place)
             and not _imported(c)]
    if not cands and rest:
        # a commune the bundled gazetteer lacks, an imported town of that name in the
        # other units: "Kindjandi (Gueskerou, Diffa)"
        cands = [c for c in inner[0].candidates if isinstance(c.entity, Place)
                 and {name_key(c.entity.admin1), name_key(c.entity.admin2)} & rest]

    def fit(c: Candidate) -> tuple:
        p: Place = c.entity  # type: ignore[assignment]
        return (not rest or bool({name_key(p.admin1), name_key(p.admin2)} & rest),
                p.kind == "admin2", p.kind == "place")

    best = max(cands, key=fit, default=None)
    return best.entity if best is not None else None  # type: ignore[return-value]


_VARIANT_KM = 100.0  # a cercle of northern Mali or an LGA of Borno is this wide


def variant_in_unit(gz: Gazetteer, name: str, unit: Place) -> tuple[Place, str] | None:
    """The imported place a village named with its units is when the note joins or splits
    its words otherwise than the gazetteer ("Yantumaki (Dan-Musa LGA, Katsina)" for Yan
    Tumaki, "In-Deliman (Ansongo, Gao)" for I-n-Déliman): among the places within ~100 km
    of the unit's point, one whose spelling key written as one word is the name's, those
    of the unit's own admin2 first, then the nearest; it takes the units the note gives
    (GeoNames puts I-n-Déliman in Ménaka).  Letters that differ are not matched: on real
    notes a letter off ("Bilbis"/"Bilbil", "Marsi"/"Mersi") was another village as often
    as the same one."""
    if not unit.has_coordinates or not unit.country:
        return None
    joined = name_key(name).replace(" ", "")
    if len(joined) < 4:
        return None
    unit_a2 = name_key(unit.name if unit.kind == "admin2" else unit.admin2)
    best: tuple | None = None
    for k, p, written in gz.around(unit.country, unit.latitude, unit.longitude, _VARIANT_KM):
        if k.replace(" ", "") != joined:
            continue
        rank = (name_key(p.admin2) != unit_a2, km(p, unit))
        if best is None or rank < best[0]:
            best = (rank, p, written)
    if best is None:
        return None
    p = best[1]
    admin1 = unit.name if unit.kind == "admin1" else unit.admin1
    admin2 = unit.name if unit.kind == "admin2" else unit.admin2
    return dataclasses.replace(p, admin1=admin1 or p.admin1, admin2=admin2 or p.admin2), best[2]


def _named_village(name: str, unit: Place, start: int, end: int) -> Match:
    """A village the text names with its admin units and the gazetteer lacks: the name as
    written, the units of the parenthesis, the unit's coordinates (geo_precision 2)."""
    admin1 = unit.name if unit.kind == "admin1" else unit.admin1
    admin2 = unit.name if unit.kind == "admin2" else unit.admin2
    p = Place(id=f"text:{unit.id}:{fold_key(name)}", name=name, kind="place",
              country=unit.country, admin1=admin1, admin2=admin2, latitude=unit.latitude,
              longitude=unit.longitude, source=f"text:{unit.name}")
    return Match(start, end, name, (Candidate("place", p.id, name, p.country, "place", 0,
                                              name, 0.0, p),))


def _without_qualifiers(text: str, places: list[Match], blockers: Sequence[Match] = (),
                        gz: Gazetteer | None = None) -> list[Match]:
    """Read ACLED's parentheses.  "Dinangourou (Koro, Mopti)" names one place: Koro and
    Mopti say where it is (they stay evidence), and the candidates of Dinangourou outside
    them are left out.  When the gazetteer does not know the name before it ("Yobe Baranda
    village (Batsari LGA, Katsina)"), or none of its places lies in those units (a namesake
    elsewhere), it is the village the text names, in those units, at their coordinates
    (see :func:`named_village`); several villages ("... communities (Magumeri LGA, Borno)")
    are coded to the first unit.  "Kassa (coded as Dinnguidanga at geoprecision 2)": the
    place coded is the one named there."""
    drop: set[int] = set()
    replace: dict[int, Match] = {}
    added: list[Match] = []
    for paren in _ANY_PAREN.finditer(text):
        lo, hi = paren.start(1), paren.end(1)
        inner = [o for o in places if lo <= o.start and o.end <= hi]
        before = text[max(0, paren.start() - 80) : paren.start()]
        head = next((m for m in places if m.end <= paren.start()
                     and _HEAD_GAP.match(text[m.end : paren.start()])), None)
        if _CODED.match(paren.group(1)) or any(
                _coded(text, o) for o in inner):
            if head is not None and inner:
                drop.add(id(head))
            continue
        if not inner:
            continue
        units = _unit_keys(paren.group(1))
        unit = _unit_of(inner, units) if _admin_paren(paren.group(1)) else None
        if unit is None:
            if head is not None:
                drop.update(id(o) for o in inner)  # "Taraterit (Taghatert)": another name
            continue
        if head is not None and id(head) not in drop:
            inside = tuple(c for c in head.candidates if _in_units(c, units))
            if inside:
                if len(inside) < len(head.candidates):
                    replace[id(head)] = Match(head.start, head.end, head.text, inside)
                drop.update(id(o) for o in inner)
                continue
            if not any(_in_units(c, units) or c.detail != "place" for o in inner
                       for c in o.candidates):
                drop.update(id(o) for o in inner)  # "Taraterit (Taghatert)": another name
                continue
            drop.add(id(head))  # a namesake elsewhere: the village is not in the dumps
        drop.update(id(o) for o in inner)
        words = None
        if head is not None:
            words = (_name_start(text, head.start, [*blockers, *places]), head.end)
        elif (br := re.search(r"\[([A-Z][^\[\]]{1,40})\]\s*$", before)) is not None:
            # "Pogol-N'Daki [Ndaki] (Gourma-Rharous, Tombouctou)": the bracketed name
            start = paren.start() - len(before) + br.start(1)
            words = (start, start + len(br.group(1).rstrip()))
        elif not _PLURAL_GAP.search(before):
            gap = re.search(r"(?:\s+(?:village|town|community|settlement|hamlet|area|"
                            r"commune|market|camp|quarter|ward))?\s*$", before, re.IGNORECASE)
            w = _HEAD_WORDS.search(before[: gap.start()]) if gap else None
            if w is not None:
                start = paren.start() - len(before) + w.start(1)
                name = _UNIT_WORD.sub("", w.group(1))  # "Kurecin Atai in Danmusa LGA (...)"
                words = (start, start + len(name))
                if any(b.start < words[1] and words[0] < b.end for b in blockers) or any(
                        o.start < words[1] and words[0] < o.end for o in places):
                    words = None
        if words is None:
            added.append(Match(inner[0].start, inner[0].end, inner[0].text,
                               inner[0].candidates))  # the unit itself
        else:
            name = text[words[0] : words[1]]
            v = (variant_in_unit(gz, name, unit) if gz is not None and head is None
                 else None)
            added.append(Match(words[0], words[1], name, (_gaz_candidate(*v),)) if v
                         else _named_village(name, unit, *words))
    out = [replace.get(id(m), m) for m in places if id(m) not in drop] + added
    out.sort(key=lambda m: m.start)
    # "(no location found, coded as Igabi)", "geo coded as Kukawa", "coordinates for Jibia
    # used": the coder says which place the event is coded to
    coded = [m for m in out if _coded(text, m)]
    return coded or _bracketed(text, out) or out


# ACLED's notes give the name of the place they coded in brackets after the name the source
# wrote: "Manougou [Madougou]", "Hassi Bakari [In Boukri]", "Kangouri [Kangouri Mamadou]"
_BRACKET = re.compile(r"([A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*){0,3})\s*\[([A-Z][^\[\]]{1,40})\]")


def _bracketed(text: str, places: list[Match]) -> list[Match]:
    """The places named in brackets after another name: the bracketed name as the gazetteer
    knows it, else the places of the name before it, under the bracketed name."""
    out: list[Match] = []
    for b in _BRACKET.finditer(text):
        lo, hi = b.start(2), b.end(2)
        inside = [m for m in places if lo <= m.start and m.end <= hi]
        if inside:
            out.extend(inside)
            continue
        head = next((m for m in places if b.start(1) <= m.start < b.end(1)), None)
        if head is None:
            continue
        name = b.group(2).strip()
        cands = []
        for c in head.candidates:
            p = c.entity
            if not isinstance(p, Place) or p.kind != "place":
                continue
            q = Place(id=f"text:{p.id}:{fold_key(name)}", name=name, kind="place",
                      country=p.country, admin1=p.admin1, admin2=p.admin2,
                      latitude=p.latitude, longitude=p.longitude, population=p.population,
                      source=p.source if p.source.startswith("text:") else f"text:{p.name}")
            cands.append(Candidate("place", q.id, name, q.country, "place", q.population,
                                   name, c.context, q))
        if cands:
            out.append(Match(lo, hi, name, tuple(cands)))
    return out


_WORD_BEFORE = re.compile(r"([A-Z][\w'’]*)[ -]$")
_NOT_NAME = {"In", "On", "At", "Near", "The", "A", "An", "And", "Or", "Of", "From", "To",
             "Le", "La", "Les", "De", "Du", "Des", "Au", "Aux", "En", "Dans", "Pres", "Près"}


def _name_start(text: str, start: int, others: Sequence[Match]) -> int:
    """Where the proper name ending with the words at *start* begins: "Karidjo Kouara", not
    "Kouara" (a village the dumps lack, whose last word names another place)."""
    for _ in range(3):
        w = _WORD_BEFORE.search(text, max(0, start - 30), start)
        if w is None or w.group(1) in _NOT_NAME or any(
                o.start < start - 1 and w.start(1) < o.end for o in others):
            break
        lead = text[: w.start(1)].rstrip(" ")
        if not lead or lead[-1] in ".!?:;\n\"“(":
            break  # the first word of a sentence
        start = w.start(1)
    return start


def _coded(text: str, m: Match) -> bool:
    """The coder's own word: "coded as *m*", "coordinates for *m*"."""
    return bool(_CODED_BEFORE.search(text[max(0, m.start - 40) : m.start]))


def _same_town(c: Candidate, shipped: Sequence[Candidate], names: set) -> bool:
    """An imported place that is a bundled one under another id (same name and country,
    within 5 km)."""
    if (fold_key(c.name), c.country) not in names:
        return False
    return any(s.kind == "place" and km(c.entity, s.entity) <= 5.0 for s in shipped)


_BORDER_BEFORE = re.compile(
    r"(?:border\s+(?:with|of)|frontier\s+with|fronti[eè]re\s+(?:avec|du|de\s+la|de\s+l['’]|"
    r"des)|bordering|from|depuis|en\s+provenance\s+(?:du|de\s+la|des))\s*(?:the\s+|le\s+|"
    r"la\s+)?$", re.IGNORECASE)


def _country_support(text: str, places: Sequence[Match], all_matches: Sequence[Match],
                     country_hint: str | None) -> tuple[Counter[str], Counter[str]]:
    """(strong, weak) country evidence of an item: strong -- the feed's country tag, a
    country named (not as the other side of a border: "near the border with Burkina
    Faso"), an actor of one country, a town or admin unit of the bundled gazetteer, a
    people of a few countries (data/matcher.toml ``people_countries``); weak --
    an imported name found in one country only."""
    strong: Counter[str] = Counter()
    weak: Counter[str] = Counter()
    if country_hint:
        strong[country_hint.upper()] += 1
    for m in all_matches:
        cs = {c.country for c in m.candidates}
        if len(cs) != 1 or None in cs:
            continue
        cc = next(iter(cs))
        if m.best.kind == "country":
            if not _BORDER_BEFORE.search(text[max(0, m.start - 40) : m.start]):
                strong[cc] += 1
        elif m.best.kind == "actor":
            # a named group ("Katiba Macina"), not a common noun ("armed bandits")
            (strong if m.text[:1].isupper() else weak)[cc] += 1
        elif m.best.kind == "place" and not used_as_adjective(text, m.start, m.end):
            # a town or unit of the bundled gazetteer -- unless part of a longer imported
            # name ("Saba" in "Boborgou Saba") or one of many places of that name
            # ("Madina": a suburb of Accra, and 47 villages of Mali)
            same = [o for o in places if _overlaps(m, o)]
            if all((o.start, o.end) == (m.start, m.end)
                   and {c.country for c in o.candidates} == {cc} for o in same):
                strong[cc] += 1
    shipped = {(m.start, m.end) for m in all_matches}
    for m in places:
        cs = {c.country for c in m.candidates}
        if len(cs) == 1 and None not in cs and (m.start, m.end) not in shipped:
            weak[next(iter(cs))] += 1
    pat, homes = people_countries()
    for hit in pat.finditer(text):  # "the Dogon village of ...": Mali or Burkina Faso
        for cc in homes.get(name_key(hit.group(0)), ()):
            strong[cc] += 1
    return strong, weak


_AREA_LEAN = 0.5  # a named group active in a few countries ("ISWAP": NG, NE, TD)
_HOME_LEAN = 0.3  # the first home of a people of several ("Dogon": Mali, then Burkina Faso)
_FOCUS_LEAN = 0.2  # the bundled focus countries over the neighbours imported for the border


def _leanings(text: str, all_matches: Sequence[Match]) -> Counter[str]:
    """Weak leanings between countries the strong evidence leaves tied: the areas of the
    named groups of the item (actors.toml ``area``), the first home of a people of several
    countries, the focus countries (ML BF NE NG TD).  They order namesakes ("Baga" of Borno,
    not of Togo, in a note about ISWAP), never outweigh a country named."""
    lean: Counter[str] = Counter({cc: _FOCUS_LEAN for cc in FOCUS_COUNTRIES})
    areas: set[str] = set()
    for m in all_matches:
        if m.best.kind == "actor" and m.text[:1].isupper():
            for c in m.candidates:
                areas.update(getattr(c.entity, "area", ()) or ())
    for cc in areas:
        lean[cc] += _AREA_LEAN
    pat, homes = people_countries()
    for hit in pat.finditer(text):
        cs = homes.get(name_key(hit.group(0)), ())
        if len(cs) > 1:
            lean[cs[0]] += _HOME_LEAN
            break
    return lean


def _imported(c: Candidate) -> bool:
    return getattr(c.entity, "source", "").startswith("gazetteer:")


def _own_support(m: Match, shipped: dict, weak: Counter) -> tuple[str, int]:
    """The country *m* adds to the item's evidence by itself, and how (1 strong, 2 weak)."""
    if (m.start, m.end) in shipped:
        return shipped[(m.start, m.end)], 1
    cs = {c.country for c in m.candidates}
    if len(cs) != 1 or None in cs:
        return "", 0
    cc = next(iter(cs))
    return (cc, 2) if weak.get(cc) else ("", 0)


def score_candidates(gz: Gazetteer | None, text: str, places: Sequence[Match],
                     all_matches: Sequence[Match], *, country_hint: str | None = None,
                     recent: Sequence[tuple[float, float]] = ()) -> list[Match]:
    """*places* with their candidates scored and ranked (see the module docstring).  A
    name only the imported gazetteer knows, in none of the countries the item is about
    (by strong evidence, or another name found in one country only), is dropped: "Pissa"
    in a note about Katiba Macina is not a village of Nigeria."""
    folded = " " + " ".join(t.text for t in tokenize(text)) + " "
    strong, weak = _country_support(text, places, all_matches, country_hint)
    lean = _leanings(text, all_matches)
    shipped: dict[tuple[int, int], str] = {}
    for m in all_matches:
        cs = {c.country for c in m.candidates}
        if m.best.kind == "place" and len(cs) == 1 and None not in cs:
            shipped[(m.start, m.end)] = next(iter(cs))
    for m in places:  # counted as strong evidence above only when one country's
        span = (m.start, m.end)
        if span in shipped and {c.country for c in m.candidates} != {shipped[span]}:
            del shipped[span]
    out = []
    for m in places:
        # a name is evidence for the item's other names, not for itself
        mine, how = _own_support(m, shipped, weak)
        own_ev = strong if how == 1 else weak
        if mine:
            own_ev[mine] -= 1
        ctx = strong + weak
        if (COUNTRY_FILTER and +strong and all(_imported(c) for c in m.candidates)
                and not _coded(text, m)
                and not any(ctx.get(c.country) for c in m.candidates)):
            if mine:
                own_ev[mine] += 1
            continue
        paren = _PAREN.match(text[m.end : m.end + 130])
        in_paren = {fold_key(x) for x in paren.group(1).split(",")} if paren else set()
        own = fold_key(m.text)
        # the item's other places; another mention of this name is not one ("Yoro" in the
        # title and the text: two Yorros of Taraba 2 km apart are no evidence for either)
        others = [o for o in places if o is not m and len(o.candidates) <= 8
                  and fold_key(o.text) != own]
        scored = []
        for c in m.candidates:
            s = _score(gz, c, own, folded, in_paren, ctx, others, recent) + lean.get(
                c.country or "", 0.0)
            scored.append(Candidate(c.kind, c.id, c.name, c.country, c.detail, c.population,
                                    c.alias, round(s, 3), c.entity))
        if mine:
            own_ev[mine] += 1
        scored.sort(key=lambda c: (-c.context, _KIND_RANK.get(c.detail, 3) if c.kind == "place"
                                   else -1, c.alias != c.name, -c.population, c.name, c.id))
        out.append(Match(m.start, m.end, m.text, tuple(scored)))
    return out


def _named(folded: str, name: str, own: str) -> bool:
    k = fold_key(name)
    if not k:
        return False
    n = folded.count(f" {k} ")
    return n >= (2 if k == own else 1)


def _score(gz, c: Candidate, own: str, folded: str, in_paren: set[str], ctx: Counter,
           others: Sequence[Match], recent) -> float:
    """*own*: the mention's folded words (an admin unit named like the place itself must
    be named a second time to count)."""
    if c.kind != "place":
        return 0.0
    p: Place = c.entity  # type: ignore[assignment]
    s = 0.0
    if p.kind == "place":
        if p.admin2 and _named(folded, p.admin2, own):
            s += 3.0
        if p.admin1 and _named(folded, p.admin1, own):
            s += 2.0
        if p.admin2 and fold_key(p.admin2) in in_paren:
            s += 2.0
        if p.admin1 and fold_key(p.admin1) in in_paren:
            s += 2.0
    if ctx.get(p.country):
        s += 1.5
    best_km = math.inf
    for o in others:
        for oc in o.candidates:
            if oc.kind == "place" and oc.id != p.id:
                best_km = min(best_km, km(p, oc.entity))  # type: ignore[arg-type]
    s += 2.0 if best_km <= 25 else 1.2 if best_km <= 75 else 0.5 if best_km <= 150 else 0.0
    if p.has_coordinates and any(abs(p.latitude - la) < 0.05 and abs(p.longitude - lo) < 0.05
                                 for la, lo in recent):
        s += 1.0
    if p.source.startswith("gazetteer:"):
        fclass, fcode = gz.feature(p.id) if gz is not None else ("", "")
        if fclass == "P":
            s += 0.6 + (0.4 if fcode.startswith(("PPLA", "PPLC")) else 0.0)
    elif p.kind == "place":
        s += 0.8
    else:  # a region, province, state or district of the bundled gazetteer by its own name
        s += 1.0 if fold_key(p.name) == own else 0.0
    s += 0.15 * math.log10(p.population + 1)
    if fold_key(c.alias or c.name) == own:
        s += _SPELT_AS_WRITTEN  # "Gabou" is the Gabou of the text before a Gabbu
    return s


def evidence(c: Candidate, text: str, m: Match, places: Sequence[Match]) -> list[str]:
    """Why *c* ranks where it does, in words (for the place picker)."""
    p = c.entity
    if not isinstance(p, Place):
        return []
    folded = " " + " ".join(t.text for t in tokenize(text)) + " "
    own = fold_key(m.text)
    out = []
    for level, name in (("admin2", p.admin2), ("admin1", p.admin1)):
        if name and _named(folded, name, own):
            out.append(f"{name} ({level}) named")
    near = [(round(km(p, oc.entity)), o.text) for o in places if o is not m
            for oc in o.candidates[:1] if oc.kind == "place"]
    near = [x for x in near if x[0] <= 150]
    if near:
        dist, what = min(near)
        out.append(f"{dist} km from {what}")
    if p.population:
        out.append(f"pop. {p.population:,}")
    if p.source.startswith("text:"):
        out.append(f"named in the text: units and coordinates of {p.source[5:]}")
    else:
        out.append(p.source.split(":", 1)[1] if p.source.startswith("gazetteer:")
                   else "bundled")
    return out
