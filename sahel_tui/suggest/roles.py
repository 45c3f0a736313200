"""Stage 7 of the coding pipeline: who is involved and in which role.

:func:`implied_actors` adds what ACLED's conventions imply but the text leaves unsaid;
:func:`assign_roles` sets actor1 (the side that acted), actor2 and associated actors."""

from __future__ import annotations

import re
from dataclasses import replace

from sahel_tui.vocab.catalog import Vocab

from ._text import fold_same_length
from .actors import (
    ARMED,
    CIV,
    CROWD,
    EXTERNAL,
    STATE,
    VAC,
    ActorScore,
    implied_actor,
    is_progov,
    is_uag,
    order_actors,
)
from .incidents import Sent
from .type_rules import EXPLOSIONS

# foreign forces that fight as the state's partners: associated actors of its forces
STATE_PARTNERS = frozenset({"wagner"})

# the state side on the offensive, and an attack on it (a defence is not an offensive)
_STATE_OFFENSIVE = re.compile(
    r"\b(?:operations?|offensive|air\s*strikes?|airstrikes?|drone\s+strikes?|raid(?:ed|s)?|"
    r"ratissage|frappes?|sweep|clearance|arrest\w*|interpell\w*|pris\s+au\s+piege)\b"
)
_ATTACK_ON_STATE = re.compile(
    r"\b(?:attacks?\s+on|ambush(?:ed|es)?|embuscade|assaut|attaque\w*\s+(?:contre|d[eu']|"
    r"visant)|repelled|repulsed|repouss\w*|failed\s+attack|attaque\s+ratee|tente\w*\s+"
    r"d'attaquer|came\s+under|overran|overrun|stormed)\b"
)

# the main verb of an incident, active voice (English past and headline present, French
# passé composé and present)
_ROLE_VERB = re.compile(
    r"\b(?:attack(?:ed|s)?|ambush(?:ed|es)?|raid(?:ed|s)?|storm(?:ed|s)?|kill(?:ed|s)?|"
    r"shot|open(?:ed|s)?\s+fire|fired\s+on|launch(?:ed|es)?|carried\s+out|conducted|"
    r"seiz(?:ed|e|es)|torch(?:ed|es)?|abduct(?:ed|s)?|kidnapp?(?:ed|s)?|clash(?:ed|es)?|"
    r"neutrali[sz](?:ed|es)|struck|hit|lying\s+in\s+wait|shell(?:ed|s)?|bomb(?:ed|s)?|"
    r"pound(?:ed|s)?|fired|"
    r"(?:ont|a)\s+(?:\w+\s+)?(?:attaque|lance|mene|tendu|tue|ouvert\s+le\s+feu|"
    r"fait\s+irruption|pris\s+d'assaut|neutralise|incendie|enleve|frappe|tire)|"
    r"attaquent|tuent|frappent|neutralisent|repoussent|prennent|lancent)\b"
)
_PASSIVE_AUX = re.compile(r"\b(?:was|were|been|being|has\s+been|ont\s+ete|a\s+ete|est|sont)\s+$")
_AGENT_BY = re.compile(
    r"\b(?:by|par)\s+(?:the\s+|l'|les\s+|la\s+|le\s+|des\s+|d'|de\s+|du\s+)*$")
_VIOLENCE_BEFORE_BY = re.compile(
    r"\b(?:attack|ambush|strike|operation|raid|assault|offensive|attaque|embuscade|frappe|"
    r"assaut|menee?s?|conducted|carried\s+out|launched|ambushed|attacked|killed|tues?|"
    r"tuees?|pris\s+au\s+piege|neutralises?|targeted|visee?s?|hit|struck)\w*")
_TARGET_PREP = re.compile(
    r"\b(?:on|against|at|contre|sur|of|de|des|du|d')\s*(?:the\s+|a\s+|an\s+|l'|les\s+|"
    r"la\s+|le\s+|un\s+|une\s+)?$")


# two crowds fighting each other ("a brawl erupted between", "supporters engaged in a
# street fight", "youths clashed")
_CROWDS_FIGHT = re.compile(
    r"\b(?:brawl\w*|street[\s-]fights?|fought\s+(?:each\s+other|one\s+another)|"
    r"clash(?:ed|es)?\s+(?:between|among|at|in|over|during)|rival\s+(?:groups|factions|camps)|"
    r"two\s+(?:groups|factions|camps)|bagarre\w*|rixe\w*|affrontements?\s+entre)\b")


def _side(a: ActorScore) -> str | None:
    if a.actor.type in (STATE, EXTERNAL) or is_progov(a):
        return "state"
    if a.actor.type in ARMED:
        return "armed"
    return None


def agent_side(ftext: str, sents: list[Sent], chosen: list[ActorScore]) -> str | None:
    """Which side acted, read from the lead (then the title): the agent after "by/par"
    of an attack word, else the subject of the first active violent verb."""
    mentions = sorted((a0, a1, a) for a in chosen if not a.implied for a0, a1 in a.spans)
    order = [s for s in sents if s.lead and s.weight >= 2] + [s for s in sents if s.title]
    for s in order:
        ms = [(a0, a1, a) for a0, a1, a in mentions if s.start <= a0 < s.end and _side(a)]
        if not ms:
            continue
        # the subject of the first active violent verb ("Boko Haram attacked Mafa but was
        # repelled by the army": Boko Haram), else the agent after "by" of a violent act
        # ("soldiers were ambushed by JNIM")
        for v in _ROLE_VERB.finditer(ftext, s.start, s.end):
            if _PASSIVE_AUX.search(ftext[max(s.start, v.start() - 12) : v.start()]):
                continue
            before = [(a0, a1, a) for a0, a1, a in ms if a1 <= v.start()]
            before = [(a0, a1, a) for a0, a1, a in before
                      if not _TARGET_PREP.search(ftext[max(s.start, a0 - 14) : a0])]
            if before:
                return _side(before[-1][2])
            break  # the first verb has no subject among the actors
        for a0, _, a in ms:
            if _AGENT_BY.search(ftext, max(s.start, a0 - 14), a0) and \
                    _VIOLENCE_BEFORE_BY.search(ftext, s.start, a0):
                return _side(a)
    return None


def assign_roles(chosen: list[ActorScore], sub: str, lead_text: str,
                  agent: str | None = None):
    """(actor1, assoc1, actor2, assoc2) following ACLED's conventions."""
    state = order_actors([a for a in chosen if a.actor.type == STATE])
    ext = order_actors([a for a in chosen if a.actor.type == EXTERNAL])
    armed = order_actors([a for a in chosen if a.actor.type in ARMED])
    civ = order_actors([a for a in chosen if a.actor.type == CIV])
    crowd = order_actors([a for a in chosen if a.actor.type in CROWD])
    # pro-government militias (CJTF, hunters' groups) fight beside the state when it is there
    progov = [a for a in armed if is_progov(a)]
    # a foreign force named before the country's own leads the state side ("French and
    # Malian forces", "Barkhane supported by the Malian army": ACLED's actor1 is France,
    # Mali associated); partners of the state's own making (Wagner/Africa Corps) follow it
    lead_ext = [a for a in ext if a.actor.id not in STATE_PARTNERS]
    if state and lead_ext and (lead_ext[0].lead_first, lead_ext[0].first) < (
            state[0].lead_first, state[0].first):
        side_state = lead_ext + state + [a for a in ext if a not in lead_ext]
    else:
        side_state = state + ext
    if state:
        side_state += progov
        armed = [a for a in armed if a not in progov]

    if crowd:
        a2 = None
        if side_state and (sub in ("Protest with intervention",
                                   "Excessive force against protesters")
                           or crowd[0].actor.type == "Rioters"):
            # ACLED: the force that intervened, or that rioters fought or attacked
            a2 = side_state[0]
        elif sub == "Mob violence" and not side_state:
            # ACLED's mob violence: rioters against rioters when two crowds fought each
            # other, else against the civilians they attacked
            if _CROWDS_FIGHT.search(lead_text):
                a2 = crowd[0]
            elif civ:
                a2 = civ[0]
        return crowd[0], [], a2, []
    if sub in VAC:
        named = [a for a in armed if not is_uag(a)]
        if agent == "state" and state:
            # the lead's act is the state's ("soldiers raided the village in search of
            # Boko Haram fighters and burned it"): the group is only its quarry
            perp = side_state
        elif named:
            perp = armed
        elif state and any(a.agent for a in state):
            perp = side_state
        else:
            perp = armed or side_state
        a1 = perp[0] if perp else None
        return a1, perp[1:], (civ[0] if civ else None), []
    if side_state and armed:
        s0, r0 = side_state[0], armed[0]
        # ACLED's actor1 is the side that attacked: the subject or agent of the lead's
        # violent verb; failing that the armed group, unless the lead speaks of an
        # operation, a raid or a strike of the state side and of no attack on it
        if agent is not None:
            state_first = agent == "state"
        else:
            state_first = bool(_STATE_OFFENSIVE.search(lead_text)) and not \
                _ATTACK_ON_STATE.search(lead_text)
        if sub in ("Air/drone strike", "Arrests", "Government regains territory",
                   "Disrupted weapons use"):
            state_first = True
        if sub in ("Remote explosive/landmine/IED", "Suicide bomb", "Grenade"):
            state_first = False  # whoever hit the mine, the armed group laid it
        if sub == "Air/drone strike" and civ and civ[0].weight >= 2 and state_first:
            return s0, side_state[1:], civ[0], []  # the strike's victims, not its aim
        if sub == "Non-state actor overtakes territory":
            state_first = False
        if state_first:
            return s0, side_state[1:], r0, armed[1:]
        return r0, armed[1:], s0, side_state[1:]
    if len(armed) >= 2:
        a, b = sorted(armed[:2], key=lambda x: (not x.blamed, x.lead_first, x.first))
        return a, [], b, armed[2:]
    if armed:
        return armed[0], armed[1:], (civ[0] if civ else None), []
    if side_state:
        return side_state[0], side_state[1:], (civ[0] if civ else None), []
    return None, [], (civ[0] if civ else None), []

def implied_actors(vocab: Vocab, chosen: list[ActorScore], scores: dict[str, ActorScore],
                    et: str, sub: str, country: str | None) -> list[ActorScore]:
    """Add the actors ACLED's conventions imply but the text may leave unsaid: the
    country's Unidentified Armed Group for an unattributed attack, its civilians as the
    target of violence against civilians or of a one-sided explosion or looting, its
    protesters or rioters for a demonstration."""
    chosen = list(chosen)

    def add(typ: str, prefix: str = "") -> None:
        if typ == "Political militia" and prefix.startswith("Unidentified"):
            got = scores.get(f"uag-{(country or '').lower()}")
            if got is not None and got not in chosen:
                chosen.append(got)
                return
        a = implied_actor(vocab, country, typ, prefix)
        if a is not None and all(c.actor.id != a.actor.id for c in chosen):
            chosen.append(a)

    def add_uag() -> None:
        add("Political militia", "Unidentified Armed Group")

    types = {a.actor.type for a in chosen}
    has_state = bool(types & {STATE, EXTERNAL})
    has_armed = any(a.actor.type in ARMED and not (has_state and is_progov(a)) for a in chosen)
    has_civ = CIV in types
    state_acts = any(a.agent for a in chosen if a.actor.type in (STATE, EXTERNAL))
    if et in ("Protests", "Riots"):
        typ = "Protesters" if et == "Protests" else "Rioters"
        chosen = [a for a in chosen if a.actor.type not in CROWD or a.actor.type == typ]
        # the government a crowd marches against is what it protests, not a side
        chosen = [a for a in chosen if not a.actor.name.startswith("Government of ")]
        chosen = [_as_police(vocab, a, country) for a in chosen]
        add(typ)
        if sub == "Mob violence" and not has_state:
            add(CIV)  # the mob's target (see assign_roles)
    elif sub in VAC:
        # no attacker word but the state's forces in the title or lead: theirs is the act
        # ("Chadian soldiers entered the village ... women were assaulted")
        state_leads = any(a.actor.type in (STATE, EXTERNAL) and a.weight >= 2
                          and not a.implied for a in chosen)
        if not has_armed and not (has_state and (state_acts or state_leads)):
            add_uag()
        add(CIV)
    elif sub == "Air/drone strike":
        if not has_armed and not has_civ:
            add_uag()  # strikes on "positions" of an unnamed group
    elif sub in EXPLOSIONS:
        if not has_armed:
            add_uag()
        if not has_state and not has_civ:
            add(CIV)
    elif sub == "Armed clash":
        if not has_armed and (has_state or not chosen):
            add_uag()
    elif sub == "Looting/property destruction":
        if not has_armed and not has_state:
            add_uag()
        if not has_civ and (not has_state or not has_armed):
            # the owners of what was taken or burned: civilians, whoever did it (the
            # army burning homes or motorbikes too); not when the state hit an armed group
            add(CIV)
    elif sub == "Agreement" and has_armed and not has_state and not has_civ:
        add(CIV)  # a local agreement between an armed group and a community
    return chosen


# "security forces" who face a crowd: ACLED codes the police unless the army is named
_SECURITY_FORCES = re.compile(
    r"(?:(?:defen[cs]e\s+and\s+)?security\s+forces?|(?:forces\s+de\s+)?(?:defense\s+et\s+de\s+)?"
    r"securite|forces\s+de\s+securite|fds|forces\s+de\s+defense\s+et\s+de\s+securite)",
    re.IGNORECASE)


def _as_police(vocab: Vocab, a: ActorScore, country: str | None) -> ActorScore:
    if (a.actor.type != STATE or a.cand is None or not a.actor.id.startswith("mil-")
            or not _SECURITY_FORCES.fullmatch(fold_same_length(a.cand.alias))):
        return a
    police = implied_actor(vocab, a.actor.country or country, STATE, "Police Forces")
    if police is None:
        return a
    return replace(a, actor=police.actor, cand=None)
