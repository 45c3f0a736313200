"""Stage 6 of the coding pipeline: ACLED's rules over the keyword ranking of event types
(:mod:`.event_type`, stage 5): the means decide, armed vs civilian targets, who took a
town."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .actors import ARMED, EXTERNAL, STATE, VAC, ActorScore, is_progov
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
WHY_TWO_SIDED = ("ACLED: both sides fought (a clash, an exchange of fire, an attack repelled) "
                 "-- an armed clash, whoever the sides are")
WHY_PROTEST_ARRESTS = ("ACLED: a protest with arrests is a protest (with intervention when "
                       "the demonstrators were arrested), not an arrest")
_ARRESTED_VERB = re.compile(r"\b(?:arrested|detained|interpell\w*|arrete\w*)\b")
WHY_ARMED_NO_RIOT = ("ACLED: riots are violence by demonstrators or a crowd; an armed group "
                     "that ransacks or vandalises is coded by what it did")
_DEMONSTRATION = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies)|march\w*|sit-in|strike|riot\w*|"
    r"manifest\w*|marche\w*|greve\w*)\b")
WHY_ONE_SIDED = ("ACLED: a clash needs two armed sides; one armed side firing on people or "
                 "property that did not fight back is an attack")
WHY_STATE_FOUGHT = ("ACLED: the state's forces fought the attackers -- an armed clash, not an "
                    "attack on civilians")
WHY_LOOT_IN_ATTACK = ("ACLED: looting or destruction during an attack, a clash or an abduction "
                      "is coded as that violence, not as looting")
WHY_ARMED_TAKEN = ("ACLED: soldiers or police taken captive, or captives freed by force, "
                   "is a fight between armed sides -- an armed clash")
WHY_GROUND = ("ACLED: a ground fight with air or artillery support is an armed clash; the "
              "means decide only when they are the whole of it")
WHY_ABDUCT_HARM = ("ACLED: an abduction in which the victims are killed, wounded or tortured "
                   "is an attack")

WHY_HARM_IN_QUIET = ("ACLED: weapons seized, arrests or a change of group told with people "
                     "killed or wounded -- the violence is the event")
WHY_DETAINED_BY_GROUP = ("ACLED: arrests are made by a state; an armed group that detains "
                         "people abducts them")
WHY_MOB = ("ACLED: violence by a crowd, villagers or youths (no armed group, no "
           "demonstration) is mob violence")
_MOB_SUBS = {"Attack", "Armed clash", "Looting/property destruction", "Other", "Arrests",
             "Abduction/forced disappearance"}
# an unorganised crowd as the subject of the lead's violent verb ("villagers equipped with
# sticks attacked a herder", "a crowd burned the car", "community youths clashed")
_CROWD = re.compile(
    r"\b(?:mobs?|crowds?|villagers|residents|inhabitants|locals|population|youths?|"
    r"young\s+(?:men|people)|supporters|traders|students|pupils|migrants|inmates|prisoners|"
    r"worshippers|drivers|motorcyclists|families|family\s+members|community\s+members|"
    r"members\s+of\s+(?:the\s+)?(?:\w+\s+)?community|individuals|a\s+group\s+of\s+"
    r"(?:men|people|individuals|youths?)|people|foule|habitants|villageois|jeunes)\b")
_MOB_ACT = re.compile(
    r"\b(?:attacked|assaulted|beat|lynched|clashed|fought|burned|burnt|set\s+ablaze|"
    r"set\s+fire|vandali[sz]ed|looted|ransacked|stormed|threw\s+stones|stoned|pelted|"
    r"whipped|injured|wounded|destroyed|harassed|chased|torched|"
    r"ont\s+attaque|ont\s+incendie|ont\s+saccage|ont\s+lynche)\b")
_FIRST_ACT = re.compile(_MOB_ACT.pattern[:-3] + r"|killed|executed|arrested|raided|shot|abducted|"
                        r"kidnapped|opened\s+fire|exchanged|ambushed|detained)\b")
_FIREARMS = re.compile(r"\b(?:firearms?|guns?|gunfire|gunshots?|rifles?|ak-?47s?|"
                       r"fusils?|armes\s+a\s+feu)\b")
_NOT_CROWD = re.compile(r"\b(?:unknown|unidentified|gunmen|"
                        r"armed(?!\s+with\s+(?:sticks|machetes|stones|clubs|knives|"
                        r"cutlasses|whips|rocks|cudgels))|militants?|militiam[ae]n|militias?|soldiers|"
                        r"troops|police\w*|gendarmes|hunters|dozos?|fighters|bandits|"
                        r"jihadists|terrorists|assailants|attackers|vigilantes|forces)\b")
_QUIET_SUBS = {"Disrupted weapons use", "Arrests", "Change to group/activity", "Other"}


# what demonstrators do that makes a riot (fire, stones, storming, assault), told of the
# crowd and not of the police or soldiers who faced it
_CROWD_VIOLENCE = re.compile(
    r"\b(?:set\s+(?:\w+\s+){0,4}?(?:ablaze|on\s+fire|alight)|burn(?:ed|t|ing)|torch(?:ed|ing)|"
    r"threw\s+(?:stones|rocks|projectiles)|stones?\s+(?:were\s+)?thrown|pelted|vandali[sz]\w*|"
    r"loot(?:ed|ing)|ransack\w*|pillag\w*|storm(?:ed|ing)|tried\s+to\s+storm|assaulted|"
    r"attacked|inflicted\s+damages?|damaged|destroyed|violent|"
    r"incendi\w*|saccag\w*|caillass\w*|jets?\s+de\s+pierres)\b")
_STATE_WORD = re.compile(
    r"\b(?:police\w*|security\s+forces|soldiers|troops|army|military|gendarm\w*|guards?|"
    r"units?|naf|fds|"
    r"forces\s+de\s+l'ordre|forces\s+de\s+securite|policiers|militaires)\b")


_FORCE_NOUN = re.compile(r"\s+(?:dispersal|crackdown|repression|response|arrests?)\b")
_SYMBOL = re.compile(r"\b(?:flags?|effig\w*|images?|portraits?|photos?|pictures?|"
                     r"caricatures?|drapeaux?)\b")


def crowd_violence(lead: str) -> bool:
    """Demonstrators who burn, throw stones, storm, vandalise or assault (ACLED: a violent
    demonstration), not the security forces that faced them."""
    for m in _CROWD_VIOLENCE.finditer(lead):
        if _SYMBOL.search(lead, max(0, m.start() - 40), m.end() + 40):
            continue  # flags or effigies burned: a protest's gesture, not a riot
        if m.group() == "violent" and not _FORCE_NOUN.match(lead, m.end()):
            return True  # "violent IMN members", "a violent protest"
        clause = re.split(r"[,;.]|\bwhile\b|\bwho\b",
                          lead[max(0, m.start() - 80) : m.start()])[-1]
        if not _STATE_WORD.search(clause):
            return True
    return False


def mob_acts(lead: str) -> bool:
    """The subject of the lead's first violent verb is a crowd, villagers, youths ... and
    no armed noun ("a crowd attacked the prefect's residence", "youths clashed"); not a
    passive verb ("three people were killed": the victims), not unknown individuals (an
    unidentified armed group), not a fight with firearms (ACLED: armed militias)."""
    if _FIREARMS.search(lead):
        return False
    for m in _FIRST_ACT.finditer(lead):
        if _AUX_BEFORE.search(lead, max(0, m.start() - 20), m.start()):
            continue  # passive: its subject is the victim
        if not _MOB_ACT.match(lead, m.start()):
            return False  # the first act is not one a crowd is coded for
        lo = max(lead.rfind(c, 0, m.start()) for c in ".;:\n") + 1
        subject = lead[max(lo, m.start() - 90) : m.start()]
        crowd = _CROWD.search(subject)
        return crowd is not None and _NOT_CROWD.search(subject) is None
    return False


def _detainer(chosen: list[ActorScore]) -> str | None:
    """"state" when a state force or foreign force is among the actors, "armed" when only
    non-state armed groups are, else None."""
    types = {a.actor.type for a in chosen}
    if types & {STATE, EXTERNAL} or any(is_progov(a) for a in chosen):
        return "state"
    return "armed" if types & set(ARMED) else None


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
    r"(?:attack\w*|raid\w*|stormed|invaded)\s+(?:\w+\s+){0,3}(?:villages?|hamlets?|"
    r"settlements?)|attaqu\w*\s+(?:\w+\s+){0,3}villages?|"
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
                          civ_in_lead: bool, lead: str = "",
                          armed_spans: Sequence[tuple[int, int]] = ()
                          ) -> tuple[str, str, str, str]:
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
    if et == "Riots" and any(a.actor.type in ARMED for a in chosen) and not (
            _DEMONSTRATION.search(lead) or _CROWD.search(lead)):
        # "militants ransacked the mayor's office": an armed group does not riot (ACLED's
        # riots are by demonstrators or a crowd); the next wording decides
        rest = [c for c in cands if c.event_type not in ("Riots", "Protests")]
        et, sub, dis = ((rest[0].event_type, rest[0].sub_event_type, rest[0].disorder_type)
                        if rest else ("Violence against civilians", "Attack",
                                      "Political violence"))
        why = WHY_ARMED_NO_RIOT
    if sub == "Looting/property destruction" and (_HARM.search(lead) or
                                                   _VIOLENCE.search(lead) or two_sided(lead)):
        violent = [c for c in cands if c.sub_event_type in _VIOLENT_SUBS]
        v = violent[0] if violent else None
        et, sub = ("Violence against civilians", "Attack") if v is None else \
            (v.event_type, v.sub_event_type)
        dis, why = "Political violence", WHY_LOOT_IN_ATTACK
    if sub in _QUIET_SUBS and _HARM.search(lead):
        # weapons seized, men arrested or a group's change told with people killed or
        # wounded: the violence is the event (ACLED codes the seizure or the arrests
        # made in a fight or an attack as that fight or attack)
        violent = [c for c in cands if c.sub_event_type in _VIOLENT_SUBS]
        if violent:
            et, sub = violent[0].event_type, violent[0].sub_event_type
        elif violence_target(lead, armed_spans) == "armed":
            et, sub = "Battles", "Armed clash"
        else:
            et, sub = "Violence against civilians", "Attack"
        dis, why = "Political violence", WHY_HARM_IN_QUIET
    elif sub == "Arrests" and _detainer(chosen) == "armed":
        # ACLED: arrests are made by a state; a non-state group that detains people
        # abducts them
        et, sub, dis, why = ("Violence against civilians", "Abduction/forced disappearance",
                             "Political violence", WHY_DETAINED_BY_GROUP)
    if sub == "Abduction/forced disappearance" and _armed_taken(lead):
        et, sub, dis, why = ("Battles", "Armed clash", "Political violence",
                             WHY_ARMED_TAKEN)
    elif sub == "Abduction/forced disappearance" and _HARM.search(lead):
        et, sub, dis, why = ("Violence against civilians", "Attack", "Political violence",
                             WHY_ABDUCT_HARM)
    if sub in VAC | {"Armed clash"}:
        # the means decide: an air strike, a mine or a suicide bomber that kills civilians
        # (or soldiers) is remote violence, not an attack or a clash (ACLED codebook)
        remote = [c for c in cands if c.sub_event_type in EXPLOSIONS and c.score >= 5.0]
        if remote and top.sub_event_type not in EXPLOSIONS and _GROUND.search(lead):
            remote = []  # air support of a ground fight: the fight is the event
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
    if sub == "Arrests" and "Protest with intervention" in by_sub and \
            _DEMONSTRATION.search(lead):
        # "traders marched ..., the police intervened and arrested some of them":
        # ACLED's protest with intervention, the arrests are the intervention; "protested
        # the arrest of their leader": a protest, the arrest its cause
        sub = ("Protest with intervention" if _ARRESTED_VERB.search(lead)
               else "Peaceful protest")
        return "Protests", sub, "Demonstrations", WHY_PROTEST_ARRESTS
    if et == "Protests" and crowd_violence(lead):
        return "Riots", "Violent demonstration", "Demonstrations", WHY_RIOT
    if et != "Protests" and sub in _MOB_SUBS and mob_acts(lead) and not any(
            a.actor.type in ARMED for a in chosen):
        return "Riots", "Mob violence", "Political violence", WHY_MOB
    if sub == "Arrests" and "Attack" in by_sub and by_sub["Attack"].score >= 3.5:
        return "Violence against civilians", "Attack", "Political violence", WHY_ARREST_ABUSE
    if sub in ("Attack", "Armed clash"):
        if two_sided(lead):
            if sub == "Attack":
                return "Battles", "Armed clash", "Political violence", WHY_TWO_SIDED
            return et, sub, dis, why or WHY_TWO_SIDED
        target = violence_target(lead, armed_spans)
        if target == "armed" and sub == "Attack":
            return "Battles", "Armed clash", "Political violence", WHY_CLASH
        if target == "civilians" and sub == "Armed clash":
            return "Violence against civilians", "Attack", "Political violence", WHY_CIVILIANS
        if target is not None:
            return et, sub, dis, why or (WHY_CLASH if target == "armed" else WHY_CIVILIANS)
    types = [a.actor.type for a in chosen]
    has_state = any(t in (STATE, EXTERNAL) for t in types)
    n_armed = sum(1 for t in types if t in ARMED)
    if sub == "Attack" and not civ_in_lead and ((has_state and n_armed) or n_armed >= 2):
        return "Battles", "Armed clash", "Political violence", WHY_CLASH
    state_acts = any(a.agent for a in chosen if a.actor.type in (STATE, EXTERNAL))
    if sub == "Armed clash" and civ_in_lead and (
            (not has_state and n_armed <= 1) or (n_armed == 0 and state_acts)):
        return "Violence against civilians", "Attack", "Political violence", WHY_CIVILIANS
    if sub == "Armed clash" and not has_state and n_armed == 1 and not two_sided(lead):
        # one armed side and nobody told fighting back ("gunmen opened fire on a vehicle"):
        # ACLED's clash needs two armed sides; this is an attack
        return "Violence against civilians", "Attack", "Political violence", WHY_ONE_SIDED
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

# ----------------------------------------------------------------------------- target
# Who the violence was done to decides Battles vs Violence against civilians (ACLED): read
# the objects of the lead's violent verbs ("killed two members of the Dogon community",
# "attacked an army post") and the subjects of passive ones ("three soldiers were killed").
# The first armed or unarmed noun of each settles that act; one armed target makes the
# whole a clash (the victims' side fought or was a fighting force).
_ACT = re.compile(
    r"\b(?:killed|shot(?:\s+(?:and\s+)?(?:dead|killed|wounded|injured))?|gunned\s+down|"
    r"executed|murdered|assassinated|beheaded|hacked(?:\s+to\s+death)?|"
    r"opened\s+fire\s+(?:on|at|against|upon)|fired\s+(?:(?:gun)?shots\s+)?(?:on|at|upon|"
    r"against|into)|attacked|assaulted|"
    r"ambushed|wounded|injured|raided|stormed|targeted|"
    r"ont\s+tue|a\s+tue|ont\s+abattu|a\s+abattu|ont\s+attaque|a\s+attaque|ont\s+execute|"
    r"tendu\s+une\s+embuscade\s+a|ouvert\s+le\s+feu\s+sur)\b")
_PASSIVE = re.compile(
    r"\b(?:was|were|had\s+been|have\s+been|has\s+been|ont\s+ete|a\s+ete|sont)\s+"
    r"(?:reportedly\s+|allegedly\s+)?(?:killed|shot|executed|murdered|wounded|injured|"
    r"tues?|tuees?|abattus?|blesses?|executes?)\b")
_AUX_BEFORE = re.compile(r"\b(?:was|were|been|being|sont|ete)\s+(?:\w+\s+)?$")
_CHAINED = re.compile(
    r"(?:\s*(?:,|and|et)\s+(?:\w+\s+)?(?:\w+ed|tue\w*|blesse\w*|enleve\w*|execute\w*))+"
    r"(?:\s+(?:dead|to\s+death))?\b")
_OBJ_END = re.compile(
    r"[.,;:()\[\]]|\b(?:in|near|at(?!\s+least)|between|on|around|along|while|during|as|when|after|"
    r"before|who|which|and|from|by|outside|inside|close|dans|pres|entre|lors|au|aux|sur|"
    r"par)\b")
_ARMED_NOUN = re.compile(
    r"\b(?:soldiers?|troops?|army|military|armed\s+forces|forces|police\w*|policem[ae]n|"
    r"gendarm\w*|guards?|militiam[ae]n|militias?|fighters?|combatants?|militants?|"
    r"rebels?|jihadists?|insurgents?|terrorists?|bandits?|gunmen|vdp|volunteers?|"
    r"vigilantes?|cjtf|hunters?|dozos?|self[\s-]defen[cs]e|post|base|barracks|position|"
    r"positions|patrol|convoy|checkpoint|garrison|unit|detachment|brigade|outpost|"
    r"peacekeepers?|paratroopers?|officers?|commanders?|customs|rangers?|jail|prison|"
    r"police\s+station|commissariat|soldats|militaires|policiers|gendarmes|poste|"
    r"patrouille|convoi|elements|assailants|attackers|camp\s+militaire|military\s+camp|"
    r"army\s+camp)\b")
_CIV_NOUN = re.compile(
    r"\b(?:civilians?|villagers?|residents?|inhabitants?|people|persons?|individuals?|"
    r"m[ae]n|wom[ae]n|boys?|girls?|child(?:ren)?|members?|farmers?|herders?|pastoralists?|"
    r"traders?|merchants?|drivers?|passengers?|travell?ers?|teachers?|students?|pupils?|"
    r"worshippers?|imams?|pastors?|chiefs?|notables?|officials?|councill?ors?|mayors?|"
    r"employees?|workers?|journalists?|miners?|fishermen|shepherds?|youths?|elderly|"
    r"patients?|healers?|marabouts?|family|families|relatives?|occupants?|motorists?|"
    r"village|hamlet|houses?|homes?|residence|market|mosque|church|school|vehicles?|bus|"
    r"trucks?|cars?|motorbikes?|motorcycles?|ambulance|civils|villageois|habitants|"
    r"personnes|femmes|enfants|commercants|eleveurs|agriculteurs|fideles|passagers)\b")


def _window_target(lead: str, w0: int, w1: int,
                   armed_spans: Sequence[tuple[int, int]]) -> str | None:
    window = lead[w0:w1]
    a = _ARMED_NOUN.search(window)
    at = a.start() if a else None
    c = _CIV_NOUN.search(window)
    for s0, _ in armed_spans:  # a named armed group or force ("ambushed Boko Haram"), not
        # a community's name before its people ("three Fulani civilians")
        if w0 <= s0 < w1 and (at is None or s0 - w0 < at) and (
                c is None or c.group().startswith("member")):  # "a JNIM member"
            at = s0 - w0
    if at is None:
        return "civilians" if c is not None else None
    if c is None or at < c.start():
        return "armed"
    return "civilians"


def violence_target(lead: str, armed_spans: Sequence[tuple[int, int]] = ()) -> str | None:
    """"armed", "civilians" or None: who the lead's violent acts were done to (see above);
    *armed_spans*: where the lead names armed groups or forces."""
    found: list[str] = []
    victims: list[int] = []  # before a passive verb: "three soldiers were killed"
    done = 0
    for m in _ACT.finditer(lead):
        k = m.end()
        if m.start() < done:
            continue  # a verb of the chain just read
        if _AUX_BEFORE.search(lead, max(0, m.start() - 20), m.start()):
            continue  # "were killed by X": X is the agent (see the passive below)
        ch = _CHAINED.match(lead, k)
        if ch is not None:
            k = done = ch.end()
        e = _OBJ_END.search(lead, k, k + 120)
        end = e.start() if e else min(len(lead), k + 120)
        if lead[k:end].strip():
            t = _window_target(lead, k, end, armed_spans)
            found.append(t or "civilians")  # "killed four Bozos": people, not a force
            continue
        prev = re.search(r"(\w+)\s+$", lead[max(0, m.start() - 30) : m.start()])
        if re.match(r"\s*(?:[.;,)]|$)", lead[k:]) and prev and (_ARMED_NOUN.fullmatch(prev[1]) or _CIV_NOUN.fullmatch(prev[1])):
            victims.append(m.start())  # "one GATIA officer killed."
    victims += [p.start() for p in _PASSIVE.finditer(lead)]
    for v0 in victims:
        # the clause before the verb; the one before it if that names no one ("20
        # residents of Gando, close to Bukuyum, were killed")
        hi = v0
        for _ in range(2):
            lo = max(lead.rfind(c, 0, hi) for c in ".,;:(") + 1
            words = list(re.finditer(r"\S+", lead[lo:hi]))[-8:]
            w0 = lo + words[0].start() if words else hi
            named = any(w0 <= s0 < v0 for s0, _ in armed_spans)
            if named or _ARMED_NOUN.search(lead, w0, v0):
                found.append("armed")
                break
            if _CIV_NOUN.search(lead, w0, v0):
                found.append("civilians")
                break
            if lo == 0 or lead[lo - 1] != ",":
                break
            hi = lo - 1
    if "armed" in found:
        return "armed"
    return "civilians" if found else None


# both sides fought: an armed clash whoever they are (communities, villagers who resisted);
# not a clash named as the background ("amid fighting between", "after clashing with")
_TWO_SIDED = re.compile(
    r"\b(?:clash\w*|fought|fighting|battled|gunfight\w*|firefight\w*|gun\s+battles?|"
    r"gun\s+fights?|gun\s+duels?|(?:encountered|met)\s+(?:\w+\s+)?resistance|"
    r"exchanged?\s+(?:of\s+)?(?:gun)?fire|exchanges?\s+of\s+(?:gun)?fire|"
    r"repel(?:l?ed|s|ling)?|in\s+the\s+(?:ensuing\s+)?battle|"
    r"repulsed|routed|fought\s+back|returned\s+fire|responded\s+to\s+the\s+attack|"
    r"defending|engaged|riposte\w*|in\s+each\s+camp|on\s+(?:both|either)\s+sides?|"
    r"intercommunal|inter-communal|communal\s+violence|"
    r"(?:attackers?|assailants?)(?:\s+\w+){0,2}\s+(?:were\s+|was\s+)?(?:killed|died|"
    r"neutrali\w+)|killed\s+(?:\w+\s+){0,3}(?:attackers|assailants)|affrontement\w*|"
    r"accrochage\w*|echanges?\s+de\s+tirs|combats?)\b")
_BACKGROUND = re.compile(
    r"\b(?:amid|amidst|after|following|reason|behind|victim|reprisal|retaliation|since|"
    r"because|due|recent|previous|earlier|apres|suite|depuis)\b")


def state_fought(ftext: str, sents: Sequence[Sent], chosen: Sequence[ActorScore]) -> bool:
    """The state's forces are told fighting the attackers in a counting sentence of their
    own ("Boko Haram attacked the town. Troops engaged them in a gun battle"): ACLED codes
    the fight, an armed clash, not an attack on the town's civilians."""
    for a in chosen:
        if a.implied or a.actor.type not in (STATE, EXTERNAL):
            continue
        for a0, _ in a.spans:
            s = next((s for s in sents if s.start <= a0 < s.end), None)
            if s is not None and s.weight > 0 and two_sided(ftext[s.start : s.end]):
                return True
    return False


def two_sided(lead: str) -> bool:
    """The lead tells of both sides fighting (not of a fight as the background)."""
    for m in _TWO_SIDED.finditer(lead):
        before = lead[max(0, m.start() - 40) : m.start()]
        if not _BACKGROUND.search(before):
            return True
    return False


# a ground fight the strikes or bombs were part of ("combined air-ground operation",
# "followed by an armed assault", "helicopters intervened and routed the militants")
_GROUND = re.compile(
    r"\b(?:air[\s-]ground|air[\s-]supported|ground\s+(?:operation|troops|forces|assault)|"
    r"armed\s+assault|complex\s+attack|commandos?|routed|ambush\w*|clash\w*|"
    r"gun\s*battle|exchange\s+of\s+fire|raking\s+operations?|operation\s+terrestre|"
    r"appui\s+aerien)\b")
_OFF_DUTY = re.compile(r"\b(?:off[\s-]duty|former|retired|ex[\s-])")
_TAKEN = re.compile(r"\b(?:abduct\w*|kidnap\w*|captured|took\s+captive|enlev\w*)\b")
_FREED = re.compile(r"\b(?:rescu\w*|liberat\w*|freed\s+(?:the\s+)?(?:\w+\s+)?"
                    r"(?:hostages?|captives?|abductees|victims?))\b")


def _armed_taken(lead: str) -> bool:
    """Soldiers, police or militiamen abducted ("abducted six soldiers and two aid
    workers"), or captives freed by force ("troops ... rescued the kidnapped")."""
    if _FREED.search(lead):
        return True
    for m in _TAKEN.finditer(lead):
        e = _OBJ_END.search(lead, m.end(), m.end() + 80)
        end = e.start() if e else min(len(lead), m.end() + 80)
        if _window_target(lead, m.end(), end, ()) == "armed" and not _OFF_DUTY.search(
                lead, m.end(), min(len(lead), end + 30)):
            return True
    return False
