"""Stage 7b of the coding pipeline: associated actors, as ACLED names them.

ACLED names who the civilians, protesters or rioters of an event were with an associated
actor of their country: "Farmers (Burkina Faso)", "Students (Chad)", "Women (Nigeria)",
"Fulani Ethnic Group (Mali)", "Government of Niger" for a local official...  They are read
from the words of the title and lead (not from an armed side's own name: the Fulani of
"Fulani militiamen" are the attackers, the Fulani of "killed two Fulani herders" the
victims), in English and French.  A Fulani ethnic militia is associated with pastoralists,
as ACLED codes it.  Names are ACLED's categories, made per country: no list of actors."""

from __future__ import annotations

import re

from sahel_tui.vocab.catalog import Vocab
from sahel_tui.vocab.model import Actor

from .actors import CIV, CROWD, ActorScore
from .incidents import Sent
from .militias import PEOPLES

# ACLED's associated-actor categories of civilians and demonstrators, and their words
# (folded text: no accents)
_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("Pastoralists", r"pastoralists?|herders?|herdsm[ae]n|shepherds?|cattle\s+breeders?|"
                     r"nomads?|eleveurs?|bergers?|transhumant\w*"),
    ("Farmers", r"farmers?|farmworkers?|agricultur(?:al)?ists?|cultivators?|peasants?|"
                r"agriculteurs?|cultivateurs?|paysans?|producteurs?"),
    ("Women", r"wom[ae]n|girls?|femmes?|filles?|wives|widows?"),
    ("Students", r"students?|pupils?|schoolchildren|schoolgirls?|schoolboys?|eleves?|"
                 r"etudiants?|ecoliers?"),
    ("Teachers", r"teachers?|educators?|headmasters?|enseignants?|instituteurs?"),
    ("Health Workers", r"health\s+workers?|nurses?|doctors?|medical\s+staff|"
                       r"infirmiers?|medecins?|agents?\s+de\s+sante"),
    ("Aid Workers", r"aid\s+workers?|ngo\s+(?:workers?|staff|employees?)|humanitarian\s+"
                    r"(?:workers?|staff)|humanitaires?"),
    ("Journalists", r"journalists?|reporters?|journalistes?"),
    # traders and unions; not "workers" (aid, health workers) nor a driver (a passenger's)
    ("Labour Group", r"traders?|merchants?|vendors?|shop\s*(?:keepers?|owners?)|"
                     r"transporters?|truckers?|trade\s+unions?|unionists?|strikers?|"
                     r"labou?r\s+unions?|commercants?|transporteurs?|syndicats?|"
                     r"syndicalistes?|grevistes?"),
    ("Fishermen", r"fisherm[ae]n|fishers?|pecheurs?"),
    ("Miners", r"miners?|gold\s+panners?|orpailleurs?"),
    ("Muslim Group", r"imams?|muezzins?|marabouts?|muslims?|koranic|mosques?|musulmans?|"
                     r"mosquees?|coraniques?"),
    ("Christian Group", r"christians?|pastors?|priests?|catechists?|church(?:es)?|"
                        r"chretiens?|pretres?|eglises?|catechistes?"),
    ("Prisoners", r"prisoners?|inmates?|detainees?|prisonniers?|detenus?"),
    ("Refugees/IDPs", r"refugees?|idps?|displaced|refugies?|deplaces?"),
)
_GOVERNMENT = re.compile(
    r"\b(?:prefects?|sub-?prefects?|governors?|mayors?|deputy\s+mayors?|councill?ors?|"
    r"local\s+government\s+(?:officials?|chairm[ae]n|secretar(?:y|ies))|civil\s+servants?|"
    r"district\s+heads?|prefets?|sous-prefets?|gouverneurs?|maires?|conseillers?\s+"
    r"municipaux|conseiller\s+municipal|fonctionnaires?)\b")
_CATEGORY_RX = tuple((name, re.compile(rf"\b(?:{words})\b")) for name, words in _CATEGORIES)

_PEOPLE_RX = tuple((name, re.compile(rf"\b(?:{words})\b")) for name, words in PEOPLES.items())
_ARMED_AFTER = re.compile(
    r"\s*(?:ethnic\s+|communal\s+)?(?:militia\w*|milice\w*|armed|fighters|gunmen|"
    r"vigilant\w*|self-defen\w*|hunters|youths?\s+(?:attacked|killed)|assailants|attackers)")


# what precedes the people a protest is about, not the protesters themselves (folded text)
_CAUSE_BEFORE = re.compile(
    r"\b(?:killings?|murders?|deaths?|massacres?|abductions?|kidnappings?|arrests?|detention|"
    r"attacks?\s+(?:on|against)|assassinat\w*|meurtres?|morts?|enlevements?|arrestations?)"
    r"\s+(?:of|des?|du|d'|among)?\s*(?:\w+\s+){0,3}$")


def _person_actor(name: str, country: str, cname: str, typ: str = CIV) -> Actor:
    key = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return Actor(id=f"assoc:{key}-{country.lower()}", name=f"{name} ({cname})", type=typ,
                 country=country, source="pattern",
                 note="ACLED's associated-actor category, read from the text.")


def associated_actors(vocab: Vocab, ftext: str, sents: list[Sent], side: ActorScore | None,
                      others: list[ActorScore], country: str | None) -> list[Actor]:
    """ACLED's associated actors of *side* (civilians, protesters or rioters, or a Fulani
    militia) read in the title and lead; *others* are the chosen actors, whose own
    mentions are not read ("Fulani militiamen")."""
    if side is None or not country:
        return []
    c = vocab.countries.get(country)
    cname = c.name if c is not None else country
    if side.actor.id.startswith("fulani-militia"):
        return [_person_actor("Pastoralists", country, cname)]
    if side.actor.type != CIV and side.actor.type not in CROWD:
        return []
    taken = [sp for a in others if a.actor.type not in (CIV, *CROWD) for sp in a.spans]
    text = " ".join(ftext[s.start : s.end] if not taken else _blank(ftext, s, taken)
                    for s in sents if (s.title or s.lead) and s.weight >= 2)
    out: list[Actor] = []
    for name, rx in _PEOPLE_RX:
        for h in rx.finditer(text):
            if not _ARMED_AFTER.match(text, h.end()):
                out.append(_person_actor(f"{name} Ethnic Group", country, cname))
                break
    crowd = side.actor.type in CROWD
    for name, rx in _CATEGORY_RX:
        # demonstrators are not the people whose killing or arrest they protest ("protest
        # against the killing of farmers"): for a crowd, such mentions say nothing of who
        # marched
        if any(not (crowd and _CAUSE_BEFORE.search(text, max(0, h.start() - 40), h.start()))
               for h in rx.finditer(text)):
            out.append(_person_actor(name, country, cname))
    if _GOVERNMENT.search(text) and side.actor.type == CIV:
        gov = f"Government of {cname}"
        out.append(Actor(id=f"assoc:government-{country.lower()}", name=gov,
                         type="State forces", country=country, source="pattern",
                         note="A local official or civil servant: ACLED's associated actor."))
    return out


def _blank(ftext: str, s: Sent, spans: list[tuple[int, int]]) -> str:
    chars = list(ftext[s.start : s.end])
    for a, b in spans:
        for k in range(max(a, s.start), min(b, s.end)):
            chars[k - s.start] = " "
    return "".join(chars)
