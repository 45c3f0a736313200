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
* the countries the item's named groups operate in (actors.toml ``area``, see
  :func:`theatres`): a namesake outside all of them ranks after those inside (-2: "Dala"
  in a note about JNIM is Mali's or Burkina Faso's, not Kano's), unless no namesake is
  inside;
* leanings where the rest ties: the first home of a people of several countries (+0.3: a
  Dozo militia is Mali's before Burkina Faso's), the focus countries (+0.2);
* then what it is: a populated place (+0.6; a capital or seat +0.4 more), a town of the
  bundled gazetteer (+0.8), population (up to ~+1), and the country holding most places
  of that name (+0.6 times its share: "Douna", ten villages of Mali and one of Burkina
  Faso, is Mali's when nothing else tells).

ACLED's parentheses are read first (see :func:`.notes.without_qualifiers`): "X (Koro, Mopti)"
keeps only the places X in those units, or codes the village X as named, in those units;
"(coded as Y)" says the place coded.  A name only the import knows, in none of the
countries the item is about, is left out (see :func:`score_candidates`).

Shipped and imported candidates of one span are ranked together; where a vocabulary match
and an imported one overlap, the longer span wins (the vocabulary's at equal length), and an
imported name never takes the words of an actor or a country.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sahel_tui.vocab.match import Candidate, Match
from sahel_tui.vocab.model import Place
from sahel_tui.vocab.textnorm import fold_key, tokenize

from .index import (
    FOCUS_COUNTRIES,
    Gazetteer,
    home_regions,
    is_acronym,
    part_of_longer_name,
    people_countries,
    peoples_keys,
    used_as_adjective,
)
from .keys import name_key
from .notes import coded, gaz_candidate, slot_variants, without_qualifiers

__all__ = [
    "Theatres",
    "evidence",
    "home_regions_named",
    "km",
    "peoples_named",
    "place_matches",
    "place_reasons",
    "score_candidates",
    "theatre_countries",
    "theatres",
    "written_as_acronym",
]

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


def _overlaps(a: Match, b: Match) -> bool:
    return a.start < b.end and b.start < a.end


def place_matches(gz: Gazetteer, text: str, matches: Sequence[Match], *,
                  country_hint: str | None = None,
                  recent: Sequence[tuple[float, float]] = (),
                  groups: Theatres | None = None) -> list[Match]:
    """The vocabulary's place matches merged with the gazetteer's, each with its candidates
    ranked by evidence (see the module docstring); *groups*: the incident's
    :class:`Theatres` when already computed from *matches*."""
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
        gm = Match(g.start, g.end, g.text, tuple(gaz_candidate(p, n) for p, n in g.places))
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
    if not merged:
        merged = slot_variants(gz, text, matches)  # "the village of Kersigane" (Kersignane)
    merged.sort(key=lambda m: m.start)
    chosen, context = without_qualifiers(text, merged, blockers, gz)
    # the coder's or the bracketed place is ranked with the note's other places as evidence
    keys = {(m.start, m.end, m.text) for m in chosen}
    pool = [*context, *(m for m in chosen if m not in context)]
    pool.sort(key=lambda m: m.start)
    scored = score_candidates(gz, text, pool, matches, country_hint=country_hint,
                              recent=recent or gz.recent, groups=groups)
    return [m for m in scored if (m.start, m.end, m.text) in keys]


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


def _same_town(c: Candidate, shipped: Sequence[Candidate], names: set) -> bool:
    """An imported place that is a bundled one under another id (same name and country,
    within 5 km)."""
    if (fold_key(c.name), c.country) not in names:
        return False
    return any(s.kind == "place" and km(c.entity, s.entity) <= 5.0 for s in shipped)


def written_as_acronym(m: Match) -> bool:
    """A place name of the vocabulary written in capitals that none of its places writes
    so: "NGO" is not Ngo (Nigeria), "IED" no place."""
    return (len(m.text) > 1 and m.text.isupper()
            and not any(c.alias.isupper() for c in m.candidates if c.kind == "place"))


_BORDER_BEFORE = re.compile(
    r"(?:border\s+(?:with|of)|frontier\s+with|fronti[eè]re\s+(?:avec|du|de\s+la|de\s+l['’]|"
    r"des)|bordering|from|depuis|en\s+provenance\s+(?:du|de\s+la|des)|\blake|\blac(?:\s+du)?)"
    r"\s*(?:the\s+|le\s+|"
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
        elif (m.best.kind == "place" and not used_as_adjective(text, m.start, m.end)
              and not written_as_acronym(m)):
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
    for _name, ccs in peoples_named(text):  # "the Mossi village of ...": Burkina Faso
        for cc in ccs:
            strong[cc] += 1
    return strong, weak


_OUTSIDE_THEATRE = 2.0  # a namesake where none of the item's named groups operates
# a namesake in a region where a group or people the item names mostly acts: below a
# place within 25 km or an admin unit named, above population and feature class
_HOME_REGION = 1.0
_NAMESAKES = 0.6  # the country holding most of the places of that name, by its share
_HOME_LEAN = 0.3  # the first home of a people of several ("Dozo": Mali, then Burkina Faso)
_FOCUS_LEAN = 0.2  # the bundled focus countries over the neighbours imported for the border


_FOCUS = frozenset(FOCUS_COUNTRIES)


@dataclass(frozen=True, slots=True)
class Theatres:
    """The named groups and forces of one incident with the countries they operate in
    (see :func:`theatres`).  Computed once per incident from its matches
    (:meth:`of`) and handed to each stage that weighs them (country, place ranking, the
    coding's evidence), so that no stage recomputes them or depends on a cache shared
    between threads; each entry is (name as written, countries, whether it is a national
    force)."""

    entries: tuple[tuple[str, tuple[str, ...], bool], ...] = ()

    @classmethod
    def of(cls, all_matches: Sequence[Match]) -> Theatres:
        out = []
        seen: set[str] = set()
        for m in all_matches:
            if m.best.kind != "actor" or not m.text[:1].isupper():
                continue
            cs: list[str] = []
            national = False
            for c in m.candidates:
                if c.kind != "actor":
                    continue
                national = national or bool(c.country)
                for cc in getattr(c.entity, "area", ()) or ((c.country,) if c.country else ()):
                    if cc not in cs:
                        cs.append(cc)
            if not cs or _FOCUS.issubset(cs):
                continue
            # one entry a group, however many of its names the item uses ("EIGS", "État
            # islamique au Grand Sahara"): the first name written stands for it
            k = "|".join(sorted(c.id for c in m.candidates if c.kind == "actor"))
            if k in seen:
                continue
            seen.add(k)
            out.append((m.text, tuple(cs), national))
        return cls(tuple(out))

    def named(self) -> list[tuple[str, tuple[str, ...]]]:
        """(name as written, countries) of each group, in the vocabulary's order."""
        return [(name, cs) for name, cs, _national in self.entries]

    def countries(self, *, groups_only: bool = False) -> frozenset[str]:
        """Every country one of the groups operates in; *groups_only*: leave out the
        national forces (their country votes by itself)."""
        return frozenset(cc for _name, cs, national in self.entries
                         if not (groups_only and national) for cc in cs)


def theatres(all_matches: Sequence[Match]) -> list[tuple[str, tuple[str, ...]]]:
    """The named groups and forces of an item with the countries they operate in, as
    written and in the vocabulary's order: (``"JNIM"``, ``("ML", "BF", "NE", ...)``).
    A group's countries are its ``area`` in actors.toml (the analyst extends them like the
    rest of the vocabulary), else its own country ("CJTF": Nigeria); a name that may mean
    several actors operates where any of them does.  Only names written with a capital
    count ("soldiers" is no group), and only those of a few countries: a name every focus
    country shares ("Police", "Fulani militiamen") says nothing."""
    return Theatres.of(all_matches).named()


def theatre_countries(all_matches: Sequence[Match], *, groups_only: bool = False,
                      groups: Theatres | None = None) -> frozenset[str]:
    """Every country one of the item's named groups operates in (see :func:`theatres`);
    empty when the item names none.  *groups_only*: leave out the national forces (their
    country votes by itself).  *groups*: the incident's :class:`Theatres` when already
    computed (else from *all_matches*)."""
    return (groups if groups is not None else Theatres.of(all_matches)).countries(
        groups_only=groups_only)


_NEXT_NAME = re.compile(r"[ \t]+([A-Z][\w'’-]*)")


def _names_in(text: str, table: tuple[re.Pattern, dict[str, tuple[str, ...]]]
              ) -> list[tuple[str, tuple[str, ...]]]:
    """The names of a matcher.toml table (:func:`~.index.people_countries`,
    :func:`~.index.home_regions`) *text* uses, with their lists, in text order -- not a word
    of a longer proper name: "Dogon" is Hausa for "tall", and "Dogon Dawa" a village of
    Katsina ("Dogon Dozos", two peoples, are Dogon)."""
    pat, lists = table
    peoples = peoples_keys()
    out = []
    for hit in pat.finditer(text):
        nxt = _NEXT_NAME.match(text, hit.end())
        if nxt is not None and name_key(nxt.group(1)) not in peoples:
            continue
        out.append((hit.group(0), lists.get(name_key(hit.group(0)), ())))
    return out


def peoples_named(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The peoples and movements of data/matcher.toml ``people_countries`` the text names,
    with their countries (see :func:`_names_in`)."""
    return _names_in(text, people_countries())


def home_regions_named(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The groups, forces and peoples of data/matcher.toml ``home_regions`` the text names,
    with the admin1 units they mostly act in (see :func:`_names_in`)."""
    return _names_in(text, home_regions())


def _regions(text: str) -> dict[str, str]:
    """Spelling key of each home region of the names *text* uses -> the first such name."""
    return {name_key(r): name for name, rs in reversed(home_regions_named(text)) for r in rs}


def _home_region(p: Place, regions: dict[str, str]) -> str:
    """The name of the item that has *p*'s admin1 among its home regions ("" if none)."""
    unit = p.name if p.kind == "admin1" else p.admin1
    return regions.get(name_key(unit), "") if unit else ""


def _as_written(c: Candidate, own: str) -> int:
    """How *c* matches the text's words *own*: 2 by its own name, 1 by another of its names
    spelt so, 0 by a spelling variant."""
    return 2 if fold_key(c.name) == own else 1 if fold_key(c.alias or c.name) == own else 0


def _leanings(text: str) -> Counter[str]:
    """Weak leanings between countries the strong evidence leaves tied: the first home of
    a people of several countries, the focus countries (ML BF NE NG TD).  They order
    namesakes, never outweigh a country named."""
    lean: Counter[str] = Counter({cc: _FOCUS_LEAN for cc in FOCUS_COUNTRIES})
    for _name, cs in peoples_named(text):
        if len(cs) > 1:
            lean[cs[0]] += _HOME_LEAN
            break
    return lean


def _namesake_shares(m: Match) -> dict[str, float]:
    """Each country's share of the places *m* may name, one per ~5 km square (GeoNames and
    OpenStreetMap list one village twice): with nothing else to tell, "Douna", ten villages
    of Mali and one of Burkina Faso, is more likely Mali's."""
    cells: set[tuple] = set()
    for c in m.candidates:
        if c.kind != "place":
            continue
        p = c.entity
        if getattr(p, "has_coordinates", False):
            cells.add((c.country, round(p.latitude / 0.05), round(p.longitude / 0.05)))
        else:
            cells.add((c.country, c.id))
    if not cells:
        return {}
    n = Counter(cell[0] for cell in cells)
    return {cc: k / len(cells) for cc, k in n.items()}


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
                     recent: Sequence[tuple[float, float]] = (),
                     groups: Theatres | None = None) -> list[Match]:
    """*places* with their candidates scored and ranked (see the module docstring).  A
    name only the imported gazetteer knows, in none of the countries the item is about
    (by strong evidence, or another name found in one country only), is dropped: "Pissa"
    in a note about Katiba Macina is not a village of Nigeria.  *groups*: the item's
    :class:`Theatres` when already computed from *all_matches*."""
    folded = " " + " ".join(t.text for t in tokenize(text)) + " "
    strong, weak = _country_support(text, places, all_matches, country_hint)
    lean = _leanings(text)
    regions = _regions(text)
    theatre = theatre_countries(all_matches, groups=groups)
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
                and not coded(text, m)
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
        # the named groups' countries restrict the namesakes: "Dala" in a note about JNIM
        # is one of Mali's or Burkina Faso's, not Kano's (unless no namesake is theirs)
        restrict = bool(theatre) and any(c.country in theatre for c in m.candidates
                                        if c.kind == "place")
        shares = _namesake_shares(m)
        # the lean never prefers a place under another spelling or another of its names to
        # one whose own name is the text's ("Kati": the town, not a village that also goes by its name)
        best_q = max((_as_written(c, own) for c in m.candidates), default=0)
        scored = []
        for c in m.candidates:
            s = _score(gz, c, own, folded, in_paren, ctx, others, recent) + lean.get(
                c.country or "", 0.0) + _NAMESAKES * shares.get(c.country or "", 0.0)
            if (c.kind == "place" and _as_written(c, own) == best_q
                    and _home_region(c.entity, regions)):  # type: ignore[arg-type]
                s += _HOME_REGION
            if restrict and c.country not in theatre:
                s -= _OUTSIDE_THEATRE
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
        # a town that names its district is its seat, as GeoNames' PPLA* above
        s += 0.8 + (0.4 if p.admin2 and fold_key(p.admin2) == fold_key(p.name) else 0.0)
    else:  # a region, province, state or district of the bundled gazetteer by its own name
        s += 1.0 if fold_key(p.name) == own else 0.0
    s += 0.15 * math.log10(p.population + 1)
    if fold_key(c.alias or c.name) == own:
        s += _SPELT_AS_WRITTEN  # "Gabou" is the Gabou of the text before a Gabbu
    return s


def evidence(c: Candidate, text: str, m: Match, places: Sequence[Match],
             all_matches: Sequence[Match] = (), *,
             groups: Theatres | None = None) -> list[str]:
    """Why *c* ranks where it does, in words (for the place picker); *all_matches*: every
    name of the item, for where its named groups operate (or *groups*, already computed
    from them)."""
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
    named = (groups if groups is not None else Theatres.of(all_matches)).named()
    return out + place_reasons(p, near=min((x for x in near if x[0] <= 150), default=None),
                               groups=named, text=text, full=True)


def place_reasons(p: Place, *, near: tuple[float, str] | None = None,
                  groups: Sequence[tuple[str, Sequence[str]]] = (), text: str = "",
                  full: bool = False) -> list[str]:
    """The reasons the coding's :func:`evidence` and the place picker both give for *p*:
    its distance to another place (*near*: km, name), where the item's named *groups*
    operate ("JNIM operates in ML, BF, NE", ", not NG" for a namesake outside them), where
    a group or people the *text* names mostly acts ("Boko Haram acts mostly in Borno"),
    and the gazetteer file it comes from; *full* (the evidence): its population too, and
    the source of a bundled place or of one named in the text."""
    out = [f"{near[0]:.0f} km from {near[1]}"] if near is not None else []
    out += [f"{name} operates in {', '.join(cs)}" + ("" if p.country in cs
                                                     else f", not {p.country}")
            for name, cs in groups]
    if (who := _home_region(p, _regions(text))):
        out.append(f"{who} acts mostly in {p.name if p.kind == 'admin1' else p.admin1}")
    if full and p.population:
        out.append(f"pop. {p.population:,}")
    if p.source.startswith("gazetteer:"):
        out.append(p.source.split(":", 1)[1])
    elif full:
        out.append(f"named in the text: units and coordinates of {p.source[5:]}"
                   if p.source.startswith("text:") else "bundled")
    return out
