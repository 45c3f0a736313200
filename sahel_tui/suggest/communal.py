"""Stage 6b of the coding pipeline: villagers, farmers or herders who attack.

ACLED's codebook: a communal militia is an armed group organised around a community
(a village, a livelihood, an ethnic group); ordinary people who take up arms against
others of another village or livelihood are coded as that community's militia, not as an
unidentified armed group and not as civilians.  "Armed men from Tiembale shot a
herder" is the Tiembale Communal Militia; "cattle herders with clubs beat farmers in
Wassakoro" the Wassakoro Communal Militia (the community where it acted, when the text
names no other); "Lobi farmers destroyed houses" the Lobi Ethnic Militia.

The rule is applied only where the text names no attacker of its own (the perpetrator
would otherwise be the country's Unidentified Armed Group that ACLED's convention
implies) and only to nouns of a community or a livelihood, so "gunmen killed two
farmers" keeps its farmers as the civilian victims.  A crowd's violence (mob violence) is
settled earlier, by the event type, and not touched here.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sahel_tui.gazetteer.index import name_key, peoples_keys
from sahel_tui.vocab.catalog import Vocab
from sahel_tui.vocab.model import Actor, Place

from .actors import CIV, ActorScore, actor_for, is_uag
from .incidents import Sent, sent_at
from .militias import _NAME, _community, _ethnic_actor, militia_actor

# nouns of a community or a livelihood (not "men", "people": anyone)
_COMMUNITY_NOUN = re.compile(
    r"(?i:villagers?|residents?|inhabitants|locals|farmers?|herders?|herdsmen|pastoralists?|"
    r"youths?|hunters|fishermen|miners|community\s+members|members\s+of\s+the\s+community|"
    r"villageois|habitants|agriculteurs|cultivateurs|eleveurs|éleveurs|jeunes)")
# the attack the noun is the subject of ("farmers ... attacked", "... burnt down")
_ATTACK_VERB = re.compile(
    r"\b(?:attacked|raided|stormed|killed|shot|opened\s+fire|fired\s+on|torched|burned|burnt|"
    r"executed|abducted|kidnapped|massacred|assaulted|beat|tortured|lynched|stabbed|hacked|"
    r"ambushed|wounded|injured|destroyed|ont\s+attaque|ont\s+tue|ont\s+incendie|"
    r"ont\s+blesse)\b", re.IGNORECASE)
_PASSIVE_GAP = re.compile(r"\b(?:was|were|been|being|by|par|ont\s+ete|a\s+ete)\b", re.IGNORECASE)
# "... shot dead by locals", "attacked by farmers who ..."
_BY_BEFORE = re.compile(r"\b(?:by|par)\s+(?:the\s+|some\s+|armed\s+|local\s+|des\s+|les\s+)*$",
                        re.IGNORECASE)
_UNKNOWN_BEFORE = re.compile(r"\b(?:unknown|unidentified|suspected|presumed|inconnus?)\s+$",
                             re.IGNORECASE)
_FROM_AFTER = re.compile(
    r"(?:\s+[\w-]+){0,4}?\s+(?:(?i:from)\s+(?:the\s+)?|(?i:of)\s+the\s+(?=(?i:village|town|"
    r"community|hamlet|locality)))"
    r"(?:(?i:village|town|community|hamlet|locality)\s+(?:of\s+)?)?" + _NAME)
_NAME_BEFORE = re.compile(r"\b([A-Z][\w'\u2019-]*)\s+$")


def _attacker_span(ftext: str, sents: list[Sent], a0: int, a1: int) -> bool:
    """The community noun at ftext[a0:a1] is the subject or the agent of an attack."""
    text = ftext
    s = sent_at(sents, a0)
    if s is None or s.weight < 2 or not _COMMUNITY_NOUN.fullmatch(text, a0, a1):
        return False
    if _UNKNOWN_BEFORE.search(text, max(s.start, a0 - 20), a0):
        return False
    if _BY_BEFORE.search(text, max(s.start, a0 - 20), a0):
        return bool(_ATTACK_VERB.search(text, s.start, a0))
    if _ATTACK_VERB.search(text, s.start, a0):
        return False  # the noun follows the act: its object ("killed two farmers")
    v = _ATTACK_VERB.search(text, a1, min(s.end, a1 + 120))
    return v is not None and not _PASSIVE_GAP.search(text, a1, v.start())


def _militia(vocab: Vocab, text: str, a0: int, a1: int, country: str,
             place: Place | None) -> Actor | None:
    """The community's militia: of the name the text gives it ("villagers from X",
    "X farmers"; a people's ethnic militia), else of the place where it acted, else the
    country's Unidentified Communal Militia."""
    peoples = peoples_keys()
    m = _FROM_AFTER.match(text, a1)
    names = [m.group(1)] if m and not _ATTACK_VERB.search(text, a1, m.start(1)) else []
    b = _NAME_BEFORE.search(text, max(0, a0 - 30), a0)
    if b:
        names.append(b.group(1))
    for n in names:
        if name_key(n) in peoples:
            return _ethnic_actor(vocab, n, country)
        community, _ = _community(n)
        if community is not None and not fold_demonym(vocab, community):
            return militia_actor(vocab, community, country, False)
    if place is not None and place.kind == "place" and place.country == country:
        return militia_actor(vocab, place.name, country, False)
    return actor_for(vocab, country, "Identity militia", "Unidentified Communal Militia")


def fold_demonym(vocab: Vocab, word: str) -> bool:
    """The word names a country or its people ("Malian", "Nigerien"), not a community."""
    found = vocab.matcher().find(word, kinds=("country",))
    return any(f.end - f.start == len(word) for f in found)


def civilians_who_attack(vocab: Vocab, text: str, ftext: str, sents: list[Sent],
                         country: str | None,
                         place: Place | None, chosen: list[ActorScore],
                         sub: str) -> list[ActorScore]:
    """Replace the implied Unidentified Armed Group of a one-sided act by the militia of
    the community the text makes the attacker (see the module doc)."""
    if not country or sub in ("Mob violence", "Violent demonstration"):
        return chosen
    uag = [a for a in chosen if is_uag(a) and (a.implied or not a.spans)]
    if not uag or any(a.actor.type != CIV and not is_uag(a) and a.actor.type not in (
            "Protesters", "Rioters") for a in chosen):
        return chosen  # the text names an attacker (or the state) of its own
    for a in chosen:
        if a.actor.type != CIV or a.implied:
            continue
        for a0, a1 in a.spans:
            if not _attacker_span(ftext, sents, a0, a1):
                continue
            militia = _militia(vocab, text, a0, a1, country, place)
            if militia is None:
                return chosen
            rest = [sp for sp in a.spans if sp != (a0, a1)]
            out = []
            for x in chosen:
                if x is uag[0]:
                    x = replace(x, actor=militia, cand=None, generic=False, implied=False,
                                spans=[(a0, a1)], weight=max(x.weight, a.weight))
                elif x is a:  # the mention is the militia's; the civilians stay the target
                    x = replace(x, spans=rest, implied=not rest)
                out.append(x)
            return out
    return chosen
