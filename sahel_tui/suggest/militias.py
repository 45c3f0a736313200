"""Stage 4b of the coding pipeline: communal and ethnic militias the text names by their
community ("Katsina communal militia", "Dozo militiamen", "the self-defense committee of
Miski", "an Atyap ethnic militia").

ACLED names such a militia after the community it stands for: "<Community> Communal Militia
(<Country>)", or "<Group> Ethnic Militia (<Country>)" when the text says it is ethnic.  The
community is whatever capitalised name precedes (or follows "of/from") the militia words, so
the rule is a pattern, not a list: a name the vocabulary knows as an actor ("Fulani militia",
"Koglweogo", "Yansakai") or as a country ("Malian militia") is left to the vocabulary.  The
country is the incident's; with none resolved no militia is named (ACLED's names carry it).

A village's self-defence ("village self-defense repelled the attack", "local militiamen
intervened") is named the same way after the village it defends: "the Dogon village of X"
gives the Dogon Ethnic Militia, "the village of X" or "X village" the X Communal Militia
(:func:`village_militia`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sahel_tui.gazetteer.index import name_key, peoples_keys
from sahel_tui.vocab.catalog import Vocab
from sahel_tui.vocab.match import Match
from sahel_tui.vocab.model import Actor
from sahel_tui.vocab.textnorm import fold_key

from .incidents import Segment, Sent, sent_at

_NAME = r"((?:[A-Z][\w'\u2019]*)(?:(?:\s|-)[A-Z][\w'\u2019]*){0,2})"
_KIND = (r"(?i:(?P<ethnic>ethnic\s+)?(?:communal\s+)?(?:militia(?:s|men|man)?|"
         r"self-defen[cs]e\s+(?:group|committee|militia|force)s?|vigilance\s+groups?))")
_BEFORE = re.compile(_NAME + r"\s+" + _KIND + r"\b")
_AFTER = re.compile(r"(?i:self-defen[cs]e\s+(?:group|committee|militia)s?|"
                    r"communal\s+militias?|militias?)\s+(?i:of|from)\s+(?:the\s+)?(?:village\s+of\s+)?"
                    + _NAME + r"\b")
# capitalised words that are not a community: articles, qualifiers, sentence openers
_NOT_WORDS = (
    "The A An Local Village Armed Suspected Presumed Alleged Unidentified Unknown Ethnic "
    "Communal Rival Several Some One Two Three Many Other Another Islamist Jihadist Pro "
    "Pro-government Government State Private Civilian Youth Hunters Hunter Allied Joint "
    "On In At Around Between During From By Of And Their His Her Its This These Those "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
    "April May June July August September October November December Self-defense "
    "Self-defence Communal Militia Militias Militiamen Members Member New Former Four Five "
    "Six Seven Eight Nine Ten Dozens Hundreds Scores Numerous Suspected")
_NOT_NAME = frozenset(fold_key(w) for w in _NOT_WORDS.split(" "))


# peoples of the Sahel and the Lake Chad basin (ethnography, not actors): "<Name> Ethnic
# Group (<Country>)" when the text says the civilians were of that people
PEOPLES = {
    "Fulani": r"fulanis?|fulbe|peuls?|peulhs?|fula",
    "Dogon": r"dogons?",
    "Bambara": r"bambaras?|bamanan",
    "Tuareg": r"tuaregs?|touaregs?|tamasheq|kel\s+tamasheq",
    "Arab": r"arabs?",
    "Songhai": r"songhai|songhay|sonrai",
    "Bozo": r"bozos?",
    "Mossi": r"mossis?",
    "Dawsahak": r"dawsahak|daoussahak|idaksahak",
    "Hausa": r"hausas?|haoussas?",
    "Kanuri": r"kanuris?",
    "Tiv": r"tivs?",
    "Jukun": r"jukuns?",
    "Zaghawa": r"zaghawas?",
    "Toubou": r"toubous?|tubus?|teda",
    "Djerma": r"djermas?|zarmas?|zermas?",
    "Gourmantche": r"gourmantches?|gulmancema",
    "Bella": r"bellas?",
    "Dagara": r"dagaras?|dagaabas?",
    "Lobi": r"lobis?",
    "Samo": r"samos?",
    "Senufo": r"senufos?|senoufos?",
    "Bobo": r"bobos?",
    "Berom": r"beroms?",
    "Atyap": r"atyaps?",
    "Adara": r"adaras?",
    "Bachama": r"bachamas?",
    "Mumuye": r"mumuyes?",
    "Kel Ansar": r"kel\s+ansar",
    "Imghad": r"imghads?",
}
@dataclass(frozen=True, slots=True)
class NamedMilitia:
    actor: Actor
    span: tuple[int, int]  # the whole phrase ("Katsina communal militia")


def _community(name: str) -> tuple[str | None, bool]:
    """The community's name (hyphen-joined, as ACLED writes it) and whether the capitalised
    words already said "Ethnic" ("Zamfara Communal Militias", "Eggon Ethnic Militia")."""
    words = re.split(r"[\s-]+", name)
    while words and fold_key(words[0]) in _NOT_NAME:
        words = words[1:]
    ethnic = False
    while words and fold_key(words[-1]) in _NOT_NAME:
        ethnic = ethnic or fold_key(words[-1]) == "ethnic"
        words = words[:-1]
    if not words or any(fold_key(w) in _NOT_NAME for w in words):
        return None, False
    return "-".join(w[:1].upper() + w[1:] for w in words), ethnic


def militia_actor(vocab: Vocab, community: str, country: str, ethnic: bool) -> Actor:
    """The ACLED-named actor of a community's militia: the vocabulary's when it holds that
    name ("Fulani Ethnic Militias attacked..." is the Fulani Ethnic Militia (Nigeria) of the
    vocabulary), else one made by the convention."""
    c = vocab.countries.get(country)
    cname = c.name if c is not None else country
    kind = "Ethnic Militia" if ethnic else "Communal Militia"
    known = _vocab_actor(vocab, f"{community} {kind} ({cname})")
    if known is not None:
        return known
    return Actor(id=f"militia:{fold_key(community).replace(' ', '-')}-{kind.split()[0].lower()}"
                    f"-{country.lower()}",
                 name=f"{community} {kind} ({cname})", type="Identity militia",
                 country=country, source="pattern",
                 note="Named by ACLED's convention from the text's community name.")


def named_militias(vocab: Vocab, text: str, sents: list[Sent], matches: Sequence[Match],
                   seg: Segment, country: str | None) -> list[tuple[NamedMilitia, Sent]]:
    """Every militia named by its community in the counting sentences (see module doc)."""
    if not country:
        return []
    known = [(m.start, m.end) for m in matches
             if any(c.kind in ("actor", "country") for c in m.candidates)
             and not all(getattr(c.entity, "name", "").startswith("Unidentified Communal")
                         for c in m.candidates if c.kind == "actor")]
    out: list[tuple[NamedMilitia, Sent]] = []
    for rx in (_BEFORE, _AFTER):
        for h in rx.finditer(text, seg.start if not seg.has_title else 0, seg.end):
            n0, n1 = h.span(1)
            if any(a < n1 and n0 < b for a, b in known):
                continue  # the vocabulary knows the name ("Fulani", "Malian")
            if any(a <= h.start() < b for a, b in seg.mask):
                continue
            s = sent_at(sents, h.start())
            if s is None or s.weight <= 0:
                continue
            community, ethnic = _community(h.group(1))
            if community is None:
                continue
            ethnic = ethnic or bool(h.groupdict().get("ethnic"))
            out.append((NamedMilitia(militia_actor(vocab, community, country, ethnic),
                                     h.span()), s))
    return out


_VILLAGE = re.compile(
    r"\b(?:(?P<people>[A-Z][\w'\u2019-]*)\s+)?(?i:village|hamlet|locality|community)\s+"
    r"(?i:of\s+)?" + _NAME.replace("(", "(?P<name>", 1)
    + r"|" + _NAME.replace("(", "(?P<name2>", 1) + r"\s+(?i:village|hamlet|community)\b")
_PEOPLE_PLACE = re.compile(
    r"\b(?P<people>[A-Z][\w'\u2019-]*)\s+(?i:villages?|hamlets?|communit(?:y|ies))\b")


def village_militia(vocab: Vocab, text: str, sents: list[Sent], seg: Segment,
                    country: str | None) -> Actor | None:
    """The militia of the village the incident names (see the module doc): its people's
    ethnic militia when a people is named ("the Dogon village of X", "of the Dogon
    community"), else the village's communal militia; None when the text names no village
    or no country is resolved."""
    if not country:
        return None
    peoples = peoples_keys()
    order = sorted((s for s in sents if s.weight > 0), key=lambda s: (-s.weight, s.start))
    for s in order:
        for h in _PEOPLE_PLACE.finditer(text, s.start, s.end):
            if name_key(h.group("people")) in peoples and not _masked(seg, h.start()):
                return _ethnic_actor(vocab, h.group("people"), country)
    for s in order:
        for h in _VILLAGE.finditer(text, s.start, s.end):
            if _masked(seg, h.start()):
                continue
            people = h.group("people")
            if people and name_key(people) in peoples:
                continue  # read above
            community, _ = _community(h.group("name") or h.group("name2"))
            if community is not None:
                return militia_actor(vocab, community, country, False)
    return None


def _masked(seg: Segment, pos: int) -> bool:
    return any(a <= pos < b for a, b in seg.mask)


def _ethnic_actor(vocab: Vocab, people: str, country: str) -> Actor:
    return militia_actor(vocab, people, country, True)


def _vocab_actor(vocab: Vocab, name: str) -> Actor | None:
    want = fold_key(name)
    for a in vocab.actors.values():
        if a.type == "Identity militia" and fold_key(a.name) == want:
            return a
    return None


# a people's men in arms ("Fulani herdsmen attacked...", "suspected Dogon hunters", "des
# éleveurs peuls armés"): ACLED's "<People> Ethnic Militia (<Country>)".  Nouns that say
# arms mean it wherever they stand; the others (herders, men, youths, hunters) only when
# the text makes them the attackers (see ``actors.collect_actors``).
_PEOPLE_WORDS = "|".join(PEOPLES.values())
_ARMED_NOUN = (r"gunmen|armed\s+(?:men|individuals|elements|youths?)|fighters|assailants|"
               r"attackers|militants|elements|hommes\s+armes|assaillants|individus\s+armes")
_PEOPLE_ARMED = re.compile(
    r"\b(?P<people>" + _PEOPLE_WORDS + r")\s+(?:(?P<armed>" + _ARMED_NOUN + r")|"
    r"(?P<noun>herdsm[ae]n|herders|pastoralists|men|youths?|hunters|community\s+members))\b"
    r"|\b(?:(?P<armed2>" + _ARMED_NOUN + r")|(?P<noun2>eleveurs|bergers|chasseurs|jeunes))"
    r"\s+(?P<people2>" + _PEOPLE_WORDS + r")\b")


@dataclass(frozen=True, slots=True)
class ArmedPeople:
    actor: Actor
    span: tuple[int, int]  # the whole phrase ("Fulani herdsmen")
    armed: bool  # the noun itself says arms ("Fulani gunmen", not "Fulani herders")


def armed_people(vocab: Vocab, ftext: str, sents: list[Sent], matches: Sequence[Match],
                 seg: Segment, country: str | None) -> list[tuple[ArmedPeople, Sent]]:
    """Every "<people> <men>" phrase of the counting sentences, as the people's ethnic
    militia of the incident's country (none without a country: ACLED's name carries it).
    A phrase the vocabulary names an armed actor ("Fulani gunmen", "Imghad fighters" of
    GATIA) is left to it."""
    if not country:
        return []
    known = [(m.start, m.end) for m in matches
             if any(c.kind == "actor" and getattr(c.entity, "type", "") != "Civilians"
                    for c in m.candidates)]
    out = []
    lo = 0 if seg.has_title else seg.start
    for h in _PEOPLE_ARMED.finditer(ftext, lo, seg.end):
        if _masked(seg, h.start()) or any(a < h.end() and h.start() < b for a, b in known):
            continue
        s = sent_at(sents, h.start())
        if s is None or s.weight <= 0:
            continue
        word = h.group("people") or h.group("people2")
        people = next((n for n, rx in _PEOPLE_NAME_RX if rx.fullmatch(word)), None)
        if people is None:
            continue
        armed = bool(h.group("armed") or h.group("armed2"))
        out.append((ArmedPeople(_ethnic_actor(vocab, people, country), h.span(), armed), s))
    for h in _PEOPLES_AND.finditer(ftext, lo, seg.end):
        s = sent_at(sents, h.start())
        if _masked(seg, h.start()) or s is None or s.weight <= 0:
            continue
        last = h.group().rsplit(" and ", 1)[0] if " and " in h.group() else h.group()
        for w in _PEOPLE_WORD_RX.finditer(ftext, h.start(), h.start() + len(last)):
            people = next((n for n, rx in _PEOPLE_NAME_RX if rx.fullmatch(w.group())), None)
            if people is not None:
                out.append((ArmedPeople(_ethnic_actor(vocab, people, country), w.span(), True),
                            s))
    return out


_PEOPLE_NAME_RX = tuple((n, re.compile(w)) for n, w in PEOPLES.items())
# "Tiv and Jukun ethnic militias", "Fulani, Dogon and Bambara militiamen": every people of
# the coordination has its militia, as the last one has
_PEOPLES_AND = re.compile(
    r"\b(?P<first>" + _PEOPLE_WORDS + r")(?P<more>(?:,\s+(?:" + _PEOPLE_WORDS + r"))*),?\s+"
    r"(?:and|et)\s+(?:" + _PEOPLE_WORDS + r")\s+(?:ethnic\s+|communal\s+)?"
    r"(?:militia\w*|milices?|miliciens|" + _ARMED_NOUN + r")\b")
_PEOPLE_WORD_RX = re.compile(r"\b(?:" + _PEOPLE_WORDS + r")\b")
