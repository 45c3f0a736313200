"""Reading what ACLED's notes say of their place, beside the name.

The notes write the place coded with its admin units after it, "Dinangourou (Koro,
Mopti)"; the name the coder used in brackets after the source's, "Sirakoro [Sirakorola]"; a
village before its commune, "Soye in Madougou Commune (Koro, Mopti)"; and the coder's own
word, "Tiembale (coded as Wassakoro at geoprecision 2)".  :func:`without_qualifiers` reads
them off the place names found in a note (see its docstring): which names are the place,
which only locate it, and the villages no gazetteer holds, named as the note writes them,
in the units it gives.  :mod:`.evidence` then ranks the candidates of what is left.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from sahel_tui.vocab.match import Candidate, Match
from sahel_tui.vocab.model import Place
from sahel_tui.vocab.textnorm import fold_key

from .index import Gazetteer
from .keys import name_key

__all__ = ["CODER_WORDS", "coded", "gaz_candidate", "slot_variants", "unit_keys", "variant_in_unit",
           "without_qualifiers"]


def gaz_candidate(p: Place, written: str) -> Candidate:
    """*p* as a candidate of a name found in text, written so in the gazetteer."""
    return Candidate("place", p.id, p.name, p.country, "place", p.population, written, 0.0, p)


_HEAD_GAP = re.compile(
    r"^\s*(?:\[[^\[\]]{1,40}\]\s*)?"  # "Gadori [Gadori Bulama] (Gueskerou, Diffa)"
    r"(?:(?:village|town|community|settlement|hamlet|area|commune|market|camp|quarter|"
    r"ward|localit[eé]|hameau|forest|general)\s*){0,2}$", re.IGNORECASE)  # "Kuduru Forest area"

# several villages in one unit ("attacked Jetete, Hoyo and Fashar communities (Magumeri
# LGA, Borno)"): ACLED codes the unit
_PLURAL_GAP = re.compile(r"^\s*(?:villages|communities|settlements|hamlets|towns)\s*$",
                         re.IGNORECASE)
_HEAD_WORDS = re.compile(r"((?:[A-Z][\w'’-]*[\s-]+){0,3}[A-Z][\w'’-]*)\s*$")
_COMMUNE_BEFORE = re.compile(r"((?:[A-Z][\w'’-]*[\s-]+){0,2}[A-Z][\w'’-]*)\s+"
                             r"(?:rural\s+|urban\s+)?[Cc]ommune\s*$")
_COMMUNE_LINK = re.compile(r"^\s*(?:,|\s+in(?:\s+the)?(?:\s+(?:rural|urban))?)\s*$",
                           re.IGNORECASE)
# "Mande-Kanda and Darsalam in Ouonkoro Commune": several villages (the commune is coded);
# "191km northeast of Gao in Tarkint Commune": a landmark
_NOT_THE_VILLAGE = re.compile(
    r"(?:,|\band|\bet|(?:\d|\b)(?:km|kilomet\w*|miles?)\s+(?:\w+\s+){0,2}(?:of|from))\s*$",
    re.IGNORECASE)
_ANY_PAREN = re.compile(r"\(([^()]{1,120})\)")
# the units written in the sentence rather than in parentheses: "Lassa village in
# Askira-Uba LGA", "Labo in Batsari LGA" (read like "(Askira-Uba LGA)")
_UNITS = (r"LGA|Local\s+Government\s+Area|[Ss]tate|[Cc]ercle|[Dd][eé]partement|[Dd]epartment|"
          r"[Rr]egion|[Pp]rovince")  # a commune has its own reading (_COMMUNE_BEFORE)
_LIST_BEFORE = re.compile(r"(?:,|\band|\bet)\s*$")
_UNIT_BEFORE = re.compile(rf"\b(?:{_UNITS}|[Cc]ommune)\s*$")
_IN_UNIT = re.compile(
    rf"\s+in\s+(?:the\s+)?([A-Z][\w'’/-]*(?:[ -][A-Z][\w'’/-]*){{0,2}}\s+(?:{_UNITS}))\b"
    r"(?!\s*\()")
_CODED = re.compile(r"^\s*(?:geo[- ]?)?coded\s+(?:as|at|to|in)\b", re.IGNORECASE)
# the coder's words before the place coded: "coded as X", "coordinates for X" (not "no
# coordinates for X")
CODER_WORDS = (r"(?:\b(?:geo[- ]?)?coded\s+(?:as|at|to|in)|(?<!\bno\s)\bcoordinates\s+"
               r"(?:for|of))\s+(?:the\s+)?")
_CODED_BEFORE = re.compile(CODER_WORDS + "$", re.IGNORECASE)
# the coder could not place the name before: "Faru village (no coordinates available; in
# Maradun LGA)" -- a gazetteer's Faru elsewhere is a namesake
_NO_POINT = re.compile(r"^\s*no\s+(?:geo[- ]?)?(?:coordinates|locations?|positions?)\b",
                       re.IGNORECASE)
_UNIT_WORD = re.compile(rf"\s+(?:{_UNITS}|commune)$", re.IGNORECASE)


_UNIT_PART = re.compile(r"^[A-Z][\w'’.-]*(?:[\s/-]+[A-Z][\w'’.-]*){0,3}$")


def unit_keys(inner: str) -> set[str]:
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


def _other_admin2(c: Candidate, unit: Place, units: set[str]) -> bool:
    """*c* is a village (or the district) of another admin2 than the one the parenthesis
    names ("So" of Bankass for "Soh ... (Bandiagara, Mopti)": in Mopti, but not this one;
    Zaria LGA for "Zaria (Sabon Gari LGA, Kaduna)"); the admin2
    must be the one the parenthesis means (in its admin1 when it names one)."""
    p = c.entity
    return (unit.kind == "admin2" and isinstance(p, Place)
            and (p.kind == "place" or (p.kind == "admin2" and len(units) > 1))
            and bool(p.admin2) and name_key(p.admin2) != name_key(unit.name)
            and (len(units) < 2 or name_key(unit.admin1) in units))


def _unit_of(inner: list[Match], units: set[str]) -> Place | None:
    """The unit a parenthesis codes to: its first name, as a place of the bundled gazetteer
    (a district, or the town that names a commune) lying in the others."""
    first = name_key(inner[0].text)
    rest = units - {first}
    cands = [c for c in inner[0].candidates if isinstance(c.entity, Place)
             and not getattr(c.entity, "source", "").startswith("gazetteer:")]
    if not cands and rest:
        # a commune the bundled gazetteer lacks, an imported town of that name in the
        # other units: "Kindjandi (Gueskerou, Diffa)"
        cands = [c for c in inner[0].candidates if isinstance(c.entity, Place)
                 and {name_key(c.entity.admin1), name_key(c.entity.admin2)} & rest]
        if not cands:
            # the units spelt otherwise than the gazetteer ("Komandjari"/"Komondjari")
            cands = [c for c in inner[0].candidates if isinstance(c.entity, Place)
                     and any(_slip(name_key(a), r) for a in (c.entity.admin1, c.entity.admin2)
                             for r in rest)]

    def fit(c: Candidate) -> tuple:
        p: Place = c.entity  # type: ignore[assignment]
        return (not rest or bool({name_key(p.admin1), name_key(p.admin2)} & rest),
                p.kind == "admin2", p.kind == "place")

    best = max(cands, key=fit, default=None)
    if (best is not None and rest and not fit(best)[0]
            and all(c.entity.kind == "place" for c in cands)):  # type: ignore[union-attr]
        # the first name is a town of none of the other units, and no unit ("Bamba" of
        # Gao for "(Bamba, Koro)", a commune the gazetteer lacks): the unit after it.
        # (A unit is kept: "(Menaka, Gao)" names the region carved out of Gao.)
        outer = [c.entity for o in inner[1:] for c in o.candidates
                 if isinstance(c.entity, Place) and c.entity.kind in ("admin1", "admin2")
                 and name_key(c.entity.name) in rest]
        if outer:
            return outer[0]
    return best.entity if best is not None else None  # type: ignore[return-value]


def _slip(a: str, b: str) -> bool:
    """Two spelling keys a vowel apart: one for another, or one more ("Komandjari" and
    "Komondjari"); names of 5 letters or more."""
    a, b = a.replace(" ", ""), b.replace(" ", "")
    if min(len(a), len(b)) < 5 or a == b:
        return a == b and bool(a)
    if len(a) == len(b):
        d = [i for i in range(len(a)) if a[i] != b[i]]
        return len(d) == 1 and a[d[0]] in "aeiou" and b[d[0]] in "aeiou"
    if abs(len(a) - len(b)) != 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    return any(b[i] in "aeiou" and b[:i] + b[i + 1 :] == a for i in range(len(b)))


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
    from .evidence import km

    unit_a2 = name_key(unit.name if unit.kind == "admin2" else unit.admin2)
    best: tuple | None = None
    for _k, p, written in gz.around(unit.country, unit.latitude, unit.longitude, _VARIANT_KM,
                                    joined=joined):
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


def without_qualifiers(text: str, places: list[Match], blockers: Sequence[Match] = (),
                        gz: Gazetteer | None = None) -> tuple[list[Match], list[Match]]:
    """Read ACLED's parentheses.  "Dinangourou (Koro, Mopti)" names one place: Koro and
    Mopti say where it is (they stay evidence), and the candidates of Dinangourou outside
    them are left out.  When the gazetteer does not know the name before it ("Yobe Baranda
    village (Batsari LGA, Katsina)"), or none of its places lies in those units (a namesake
    elsewhere), it is the village the text names, in those units, at their coordinates
    (see :func:`named_village`); several villages ("... communities (Magumeri LGA, Borno)")
    are coded to the first unit.  "Tiembale (coded as Wassakoro at geoprecision 2)": the
    place coded is the one named there."""
    drop: set[int] = set()
    replace: dict[int, Match] = {}
    added: list[Match] = []
    alts: list[Match] = []
    spans = [(p.start(), p) for p in _ANY_PAREN.finditer(text)]
    spans += [(u.start(), u) for u in _IN_UNIT.finditer(text)]
    for at, paren in sorted(spans, key=lambda x: x[0]):
        is_paren = paren.re is _ANY_PAREN
        lo, hi = paren.start(1), paren.end(1)
        inner = [o for o in places if lo <= o.start and o.end <= hi]
        before = text[max(0, at - 80) : at]
        head = next((m for m in places if m.end <= at
                     and _HEAD_GAP.match(text[m.end : at])), None)
        listed = False
        if not is_paren:
            if head is None or _UNIT_BEFORE.search(before):
                continue  # only "X [village] in Y LGA", not "Y LGA in Z State"
            # the last of a list ("Tunga, Dangodo and Boleke in Maru LGA"): one of its
            # places in the unit, else the unit (ACLED codes several villages to it)
            listed = bool(_LIST_BEFORE.search(text, max(0, head.start - 40), head.start))
        commune = _COMMUNE_BEFORE.search(before) if is_paren else None
        if commune is not None:
            # "Soye in Madougou Commune (Koro, Mopti)": the units place the village
            cstart = at - len(before) + commune.start(1)
            head = next((m for m in places if m.end <= cstart
                         and _COMMUNE_LINK.match(text[m.end : cstart])
                         and not _NOT_THE_VILLAGE.search(text, max(0, m.start - 40), m.start)),
                        head)
        if (is_paren and head is not None and _NO_POINT.match(paren.group(1))
                and "coded" not in paren.group(1).lower()
                and all(isinstance(c.entity, Place) and c.entity.kind == "place"
                        for c in head.candidates)):
            drop.update(id(m) for m in places if fold_key(m.text) == fold_key(head.text))
            head = None
        if is_paren and (_CODED.match(paren.group(1)) or any(
                coded(text, o) for o in inner)):
            if head is not None and inner:
                drop.add(id(head))
            continue
        alt = _alt_name(text, paren, head, inner, blockers) if is_paren else None
        if alt is not None:
            alts.append(alt)  # "Tini (Toni)": ACLED's name for the place
            continue
        if not inner:
            continue
        units = unit_keys(paren.group(1))
        unit = _unit_of(inner, units) if _admin_paren(paren.group(1)) else None
        if unit is None:
            if head is not None:
                drop.update(id(o) for o in inner)  # "Taraterit (Taghatert)": another name
            continue
        if not is_paren and unit.kind == "admin1":
            # "Dusmari village in Borno State": ACLED codes the state capital (pick_place);
            # a namesake elsewhere ("Zandam" of Katsina) is not this village
            if head is None or any(_in_units(c, units) for c in head.candidates):
                continue
            listed = True
        same: list[Match] = []
        if head is not None and id(head) not in drop:
            # the name's earlier mentions (the title's) are this place too
            same = [m for m in places if m is not head and m.end <= head.start
                    and fold_key(m.text) == fold_key(head.text)]
            inside = tuple(c for c in head.candidates if _in_units(c, units)
                           and not _other_admin2(c, unit, units))
            if inside:
                if len(inside) < len(head.candidates):
                    for m in (head, *same):
                        replace[id(m)] = Match(m.start, m.end, m.text, inside)
                drop.update(id(o) for o in inner)
                continue
            if not any(_in_units(c, units) or c.detail != "place" for o in inner
                       for c in o.candidates):
                drop.update(id(o) for o in inner)  # "Taraterit (Taghatert)": another name
                continue
            # a namesake elsewhere: the village is not in the dumps
            drop.update(id(m) for m in (head, *same))
        drop.update(id(o) for o in inner)
        words = None
        if head is not None:
            hs = _name_start(text, head.start, [*blockers, *places])
            # "Koukou Angarana department (Kimiti, Sila)": the name without its unit word
            words = (hs, hs + len(_UNIT_WORD.sub("", text[hs : head.end])))
        elif (br := re.search(r"\[([A-Z][^\[\]]{1,40})\]\s*$", before)) is not None:
            # "Tiguila-N'Dori [Ndori] (Gourma-Rharous, Tombouctou)": the bracketed name
            start = at - len(before) + br.start(1)
            words = (start, start + len(br.group(1).rstrip()))
        elif not _PLURAL_GAP.search(before):
            gap = re.search(r"(?:\s+(?:village|town|community|settlement|hamlet|area|"
                            r"commune|market|camp|quarter|ward))?\s*$", before, re.IGNORECASE)
            w = _HEAD_WORDS.search(before[: gap.start()]) if gap else None
            if w is not None:
                start = at - len(before) + w.start(1)
                name = _UNIT_WORD.sub("", w.group(1))  # "Kurecin Atai in Danmusa LGA (...)"
                words = (start, start + len(name))
                if any(b.start < words[1] and words[0] < b.end for b in blockers) or any(
                        o.start < words[1] and words[0] < o.end for o in places):
                    words = None
        if words is None or listed:
            added.append(Match(inner[0].start, inner[0].end, inner[0].text,
                               inner[0].candidates))  # the unit itself
        else:
            name = text[words[0] : words[1]]
            v = (variant_in_unit(gz, name, unit) if gz is not None and head is None
                 else None)
            named = (Match(words[0], words[1], name, (gaz_candidate(*v),)) if v
                     else _named_village(name, unit, *words))
            added.append(named)
            for m in same:
                drop.discard(id(m))
                replace[id(m)] = Match(m.start, m.end, m.text, named.candidates)
    out = [replace.get(id(m), m) for m in places if id(m) not in drop] + added
    out.sort(key=lambda m: m.start)
    # "(no location found, coded as Igabi)", "geo coded as Kukawa", "coordinates for Jibia
    # used": the coder says which place the event is coded to
    by_coder = [m for m in out if coded(text, m)] or _coded_unknown(text, out, blockers)
    return by_coder or alts or _bracketed(text, out) or out, out


# ACLED's notes write their gazetteer's name for the place in parentheses after the
# source's: "Shawagui (Chawey)", "Djadjel (Dyaye)", "Tini (Toni)"
_ALT_NAME = re.compile(r"^([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2})$")


def _alt_name(text: str, paren: re.Match, head: Match | None, inner: list[Match],
              blockers: Sequence[Match]) -> Match | None:
    """The place a one-name parenthesis right after a place name gives as ACLED's name
    for it: the name as the gazetteer knows it (not an admin unit: "Dire (Dire)", "(Lac)"
    stay units), else named as written with the candidates of the name before it."""
    a = _ALT_NAME.match(paren.group(1).strip())
    if a is None or head is None or a.group(1).isupper() or text[head.end : paren.start()].strip():
        return None
    name = a.group(1)
    lo = paren.start(1) + paren.group(1).index(name)
    hi = lo + len(name)
    if name_key(name) == name_key(head.text) or any(
            b.start < hi and lo < b.end for b in blockers):
        return None
    if inner:
        y = inner[0]
        if len(inner) > 1 or (y.start, y.end) != (lo, hi) or any(
                isinstance(c.entity, Place) and c.entity.kind != "place" for c in y.candidates):
            return None  # a unit, or more than a name
        return y
    cands = []
    for c in head.candidates:
        p = c.entity
        if not isinstance(p, Place) or p.kind != "place":
            continue
        q = dataclasses.replace(p, id=f"text:{p.id}:{fold_key(name)}", name=name,
                                source=p.source if p.source.startswith("text:")
                                else f"text:{p.name}")
        cands.append(Candidate("place", q.id, name, q.country, "place", q.population, name,
                               c.context, q))
    return Match(lo, hi, name, tuple(cands)) if cands else None


_CODED_NAME = re.compile(
    r"\b(?:geo[- ]?)?coded\s+(?:as|at|to|in)\s+(?:the\s+)?"
    r"([A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*){0,3})(?![\w'’-])")


def _coded_unknown(text: str, places: list[Match], blockers: Sequence[Match]) -> list[Match]:
    """"Inkadewan (coded as Tinfagat at geoprecision 2)" where the matcher read no Tinfagat:
    another mention of that name in the note ("between Boni and Simby (coded as Boni)"),
    else the coder's place as named, with the candidates (country, units, point) of the
    place the note names before it, the one ACLED's coder located it by."""
    for r in _CODED_NAME.finditer(text):
        lo, hi = r.span(1)
        name = r.group(1)
        if name.isupper() or any(b.start < hi and lo < b.end for b in [*blockers, *places]):
            continue  # "(coded as UAG)": an actor
        same = [m for m in places if name_key(m.text) == name_key(name)]
        if same:
            return same[:1]  # ranked with the others as evidence (place_matches)
        ref = next((m for m in places if m.end <= lo), None)
        if ref is None:
            continue
        cands = []
        for c in ref.candidates:
            p = c.entity
            if not isinstance(p, Place) or p.kind != "place" or not p.has_coordinates:
                continue
            q = Place(id=f"text:coded:{p.id}:{fold_key(name)}", name=name, kind="place",
                      country=p.country, admin1=p.admin1, admin2=p.admin2,
                      latitude=p.latitude, longitude=p.longitude, population=p.population,
                      source=f"text:{p.name}")
            cands.append(Candidate("place", q.id, name, q.country, "place", q.population,
                                   name, 0.0, q))
        if cands:
            return [Match(lo, hi, name, tuple(cands))]
    return []


# ACLED's notes give the name of the place they coded in brackets after the name the source
# wrote: "Sirakoro [Sirakorola]", "Hassi Tilemsi [In Tadera]", "Kangouri [Kangouri Mamadou]"
_BRACKET = re.compile(r"([A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*){0,3})\s*\[([A-Z][^\[\]]{1,40})\]")


def _bracketed(text: str, places: list[Match]) -> list[Match]:
    """The places named in brackets after another name: the bracketed name as the gazetteer
    knows it, else the places of the name before it, under the bracketed name."""
    out: list[Match] = []
    for b in _BRACKET.finditer(text):
        lo, hi = b.start(2), b.end(2)
        # the bracketed name itself, not a word of it ("Kori [Kori N'Dalla]": no "Dalla")
        inside = [m for m in places if m.start <= lo and hi <= m.end]
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


def coded(text: str, m: Match) -> bool:
    """The coder's own word: "coded as *m*", "coordinates for *m*"."""
    return bool(_CODED_BEFORE.search(text[max(0, m.start - 40) : m.start]))


# a place slot: "in X", "near X", "the village of X", "à X", "près de X"
_SLOT = re.compile(
    r"(?:\b(?:in|near|at|outside|around|village\s+of|town\s+of|hamlet\s+of|localit[eé]\s+de|"
    r"village\s+de|pr[eè]s\s+de)|(?<!\w)[àa])\s+(?:the\s+)?"
    r"([A-Z][\w'’]+(?:[ -][A-Z][\w'’]+)?)(?![\w'’-])")
_VARIANT_MIN = 6  # letters of a name a letter off can still be told from another name


def slot_variants(gz: Gazetteer, text: str, taken: Sequence[Match]) -> list[Match]:
    """The imported places a name in a place slot is when the note spells it a letter off
    the gazetteer ("the village of Kersigane" for Kersignane, "Dustin-Ma" for Dutsin Ma):
    for an item where nothing else names a place.  A name with a place of its own, an
    actor's words, and short names (a letter off another village as often as the same)
    are left alone; every place under the nearby spellings is a candidate, ranked by the
    item's evidence like any other."""
    out = []
    for m in _SLOT.finditer(text):
        lo, hi = m.span(1)
        if any(t.start < hi and lo < t.end for t in taken):
            continue
        key = name_key(m.group(1))
        if len(key.replace(" ", "")) < _VARIANT_MIN or gz.places(key):
            continue
        cands = [gaz_candidate(p, written) for k in gz.keys_one_edit_from(key)
                 for p, written, word in gz.places(k) if not word]
        if cands:
            out.append(Match(lo, hi, m.group(1), tuple(cands)))
    return out
