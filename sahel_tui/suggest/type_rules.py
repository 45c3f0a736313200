"""Stage 6 of the coding pipeline: ACLED's rules over the keyword ranking of event types
(:mod:`.event_type`, stage 5): the means decide, armed vs civilian targets, who took a
town."""

from __future__ import annotations

import re

from .actors import ARMED, EXTERNAL, STATE, VAC, ActorScore
from .event_type import EventTypeCandidate
from .incidents import Sent

# ----------------------------------------------------------------------------- main
EXPLOSIONS = {"Suicide bomb", "Remote explosive/landmine/IED", "Grenade",
               "Shelling/artillery/missile attack", "Air/drone strike", "Chemical weapon"}


# taking a town: "JNIM seized Tessit", "les FAMa reprennent Tessit" (the taker comes
# before the verb) and "Tessit fell to JNIM", "Tessit sous contrôle des FAMa" (after it)
_TAKE_ACTIVE = re.compile(
    r"\b(?:took\s+(?:over|control\s+of)|taken\s+(?:over|control\s+of)|take\s+over|"
    r"seiz(?:e|ed|es|ing)|captur(?:e|ed|es|ing)|overran|retook|retaken|retake|"
    r"recaptur\w+|regain\w*\s+control\s+of|liberated|drove\s+\w+\s+(?:\w+\s+)?out\s+of|"
    r"pris\s+le\s+controle\s+d\w*|prennent\s+le\s+controle\s+d\w*|repris|reprennent|"
    r"reprend|reconquis\w*|se\s+sont\s+empares\s+d\w*|s'est\s+empare\s+d\w*|"
    r"s'emparent\s+d\w*|ont\s+libere|a\s+libere|liberent|sont\s+entres\s+dans)\b"
)
_TAKE_PASSIVE = re.compile(
    r"\b(?:fell\s+to|fell\s+into\s+the\s+hands\s+of|(?:back\s+|now\s+)?under\s+"
    r"(?:the\s+)?control\s+of|(?:de\s+nouveau\s+)?sous\s+(?:le\s+)?controle\s+d\w*|"
    r"tomb\w*\s+(?:aux|entre\s+les)\s+mains\s+d\w*|aux\s+mains\s+d\w*)\b"
)
TERRITORY = {"Government regains territory", "Non-state actor overtakes territory"}
_JUST_SPACE = re.compile(r"[\s:,\u2013\u2014-]*")
_TOWN_OF = re.compile(
    r"\s*(?:the\s+(?:town|city|village|locality|district)\s+of\s+|(?:la\s+)?"
    r"(?:ville|localite|commune|cite)\s+d[e']\s*|d[e']\s*|la\s+ville\s+d[e']\s*)?"
)


def territory_taker(ftext: str, sents: list[Sent], chosen: list[ActorScore],
                     place_spans: list[tuple[int, int]]) -> str | None:
    """"state" or "armed" when the title or lead says who took a town, else None."""
    mentions = sorted((a0, a1, a) for a in chosen for a0, a1 in a.spans)
    for s in sents:
        if not (s.title or s.lead) or s.weight < 2:
            continue
        for rx, passive in ((_TAKE_PASSIVE, True), (_TAKE_ACTIVE, False)):
            for v in rx.finditer(ftext, s.start, s.end):
                # the town is the object: right after an active verb, right before a
                # passive one ("seized Tessit", "Tessit fell to")
                if passive:
                    on_place = any(p1 <= v.start() and _JUST_SPACE.fullmatch(
                        ftext[p1 : v.start()]) for _, p1 in place_spans)
                else:
                    on_place = any(p0 >= v.end() and _TOWN_OF.fullmatch(
                        ftext[v.end() : p0]) for p0, _ in place_spans)
                if not on_place:
                    continue
                if passive:
                    who = [a for a0, _, a in mentions if v.end() <= a0 < s.end]
                else:
                    who = [a for a0, _, a in mentions if s.start <= a0 < v.start()][::-1]
                for a in who:
                    if a.actor.type in (STATE, EXTERNAL):
                        return "state"
                    if a.actor.type in ARMED:
                        return "armed"
    return None


def refine_type(cands: list[EventTypeCandidate], chosen: list[ActorScore],
                civ_in_lead: bool) -> tuple[str, str, str]:
    """(event_type, sub_event_type, disorder_type) by :func:`refine_type_explained`."""
    return refine_type_explained(cands, chosen, civ_in_lead)[:3]


# the rule that settled the type, as the picker's help text shows it
WHY_KEYWORDS = "the wording of the report"
WHY_MEANS = "ACLED: the means decide -- a strike, mine or bomb is remote violence whoever it hits"
WHY_CLASH = "ACLED: an attack between two armed, organised sides is an armed clash"
WHY_CIVILIANS = "ACLED: violence by an armed side on unarmed civilians is an attack on civilians"
WHY_RIOT = "ACLED: demonstrators who use violence (stones, fire, vandalism) make a riot"
WHY_ARREST_ABUSE = "ACLED: an arrest with torture, beating or execution is violence against civilians"
WHY_TERRITORY = "ACLED: who took the town decides -- the state regains, a non-state actor overtakes"
WHY_LOOT_IN_ATTACK = ("ACLED: looting or destruction during an attack, a clash or an abduction "
                      "is coded as that violence, not as looting")
WHY_ABDUCT_HARM = ("ACLED: an abduction in which the victims are killed, wounded or tortured "
                   "is an attack")

# people harmed (the result of violence), read on the folded title and lead; negated tolls
# ("no one was hurt", "without casualties") are blanked first, and "the killing of" is the
# cause of a reprisal, not this incident's harm
_HARM = re.compile(
    r"\b(?:(?<!the\s)kill\w*|shot|shoot\w*|gunned\s+down|wound\w*|injur\w*|execut\w*|behead\w*|"
    r"decapitat\w*|murder\w*|assassinat\w*|hacked|beat|beaten|tortur\w*|found\s+dead|"
    r"corpses?|bod(?:y|ies)\s+(?:of|were|was)|lynch\w*|rap(?:e|ed)|sexually|"
    r"tue|tues|tuee|tuees|tuant|abattu\w*|bless\w*|egorg\w*|assassin\w*|tortur\w*)\b")
# violence against people: harm, or the act itself (an attack, a clash, an abduction)
_VIOLENCE = re.compile(
    r"\b(?:clash\w*|ambush\w*|assault\w*|opened\s+fire|fired\s+(?:on|at|upon)|"
    r"fought|fighting|exchanged?\s+(?:of\s+)?(?:gun)?fire|abduct\w*|kidnap\w*|"
    r"embuscade\w*|affrontement\w*|accrochage\w*|enlev\w*|ouvert\s+le\s+feu)\b")
_NO_HARM = re.compile(
    r"\b(?:no(?:\s+one|body|\s+(?:casualt\w*|deaths?|fatalit\w*|injur\w*|victims?|"
    r"(?:one|people|persons?)\s+(?:was|were)))|without\s+(?:casualt\w*|injur\w*|harm\w*|"
    r"(?:any\s+)?(?:casualt\w*|victims?))|unharmed|unhurt|sans\s+(?:faire\s+de\s+)?"
    r"(?:victimes?|blesse\w*))\b[^.,;]*")
_VIOLENT_SUBS = ("Attack", "Armed clash", "Abduction/forced disappearance", "Sexual violence")


def _unnegated(lead: str) -> str:
    return _NO_HARM.sub(lambda m: " " * len(m.group()), lead)


def refine_type_explained(cands: list[EventTypeCandidate], chosen: list[ActorScore],
                          civ_in_lead: bool, lead: str = "") -> tuple[str, str, str, str]:
    """ACLED's rules over the keyword ranking, and the rule applied: an "attack" between two
    armed sides with no civilian victims is an armed clash; a "clash" of one armed side with
    civilians only is an attack on civilians; the means decide; a violent demonstration is
    a riot; arrests with abuse are violence against civilians; looting in the course of
    violence is that violence; an abduction whose victims are killed or hurt is an attack.
    *lead*: the folded title and lead the rules read (empty: the keywords alone)."""
    if not cands:
        return "", "", "", ""
    top = cands[0]
    et, sub, dis = top.event_type, top.sub_event_type, top.disorder_type
    by_sub = {c.sub_event_type: c for c in cands}
    why = ""
    lead = _unnegated(lead)
    if sub == "Looting/property destruction" and (_HARM.search(lead) or
                                                   _VIOLENCE.search(lead)):
        violent = [c for c in cands if c.sub_event_type in _VIOLENT_SUBS]
        v = violent[0] if violent else None
        et, sub = ("Violence against civilians", "Attack") if v is None else \
            (v.event_type, v.sub_event_type)
        dis, why = "Political violence", WHY_LOOT_IN_ATTACK
    if sub == "Abduction/forced disappearance" and _HARM.search(lead):
        et, sub, dis, why = ("Violence against civilians", "Attack", "Political violence",
                             WHY_ABDUCT_HARM)
    if sub in VAC | {"Armed clash"}:
        # the means decide: an air strike, a mine or a suicide bomber that kills civilians
        # (or soldiers) is remote violence, not an attack or a clash (ACLED codebook)
        remote = [c for c in cands if c.sub_event_type in EXPLOSIONS and c.score >= 5.0]
        if remote:
            r = remote[0]
            return r.event_type, r.sub_event_type, r.disorder_type, WHY_MEANS
    # the protest words give a violent demonstration 2/3 of a peaceful protest's score
    # (event_rules.toml): what is above that came from words of violence
    riot = by_sub.get("Violent demonstration")
    calm = by_sub.get("Peaceful protest")
    if et == "Protests" and riot is not None and \
            riot.score - (calm.score if calm else 0.0) * 2 / 3 >= 4.0:
        return riot.event_type, riot.sub_event_type, riot.disorder_type, WHY_RIOT
    if sub == "Arrests" and "Attack" in by_sub and by_sub["Attack"].score >= 3.5:
        return "Violence against civilians", "Attack", "Political violence", WHY_ARREST_ABUSE
    types = [a.actor.type for a in chosen]
    has_state = any(t in (STATE, EXTERNAL) for t in types)
    n_armed = sum(1 for t in types if t in ARMED)
    if sub == "Attack" and not civ_in_lead and ((has_state and n_armed) or n_armed >= 2):
        return "Battles", "Armed clash", "Political violence", WHY_CLASH
    state_acts = any(a.agent for a in chosen if a.actor.type in (STATE, EXTERNAL))
    if sub == "Armed clash" and civ_in_lead and (
            (not has_state and n_armed <= 1) or (n_armed == 0 and state_acts)):
        return "Violence against civilians", "Attack", "Political violence", WHY_CIVILIANS
    return et, sub, dis, why or WHY_KEYWORDS


def ranked_types(cands: list[EventTypeCandidate], et: str, sub: str,
                  dis: str) -> tuple[EventTypeCandidate, ...]:
    """The keyword candidates with the chosen type first (ACLED's rules may have chosen
    one the keywords ranked lower, or not at all)."""
    if not sub:
        return tuple(cands)
    chosen = next((c for c in cands if c.sub_event_type == sub), None)
    if chosen is None:
        chosen = EventTypeCandidate(et, sub, dis, 0.0, 0.0, ())
    return (chosen, *(c for c in cands if c.sub_event_type != sub))
