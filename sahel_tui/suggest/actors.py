"""Stage 4 of the coding pipeline: the actors the counting sentences of an incident name.

:func:`collect_actors` scores every actor read (weight of its sentences, whether it is a
source, a subject, the agent of a state act, blamed, or an unattributed "gunmen").  The
ACLED interaction types used by the later stages live here too."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sahel_tui.vocab.catalog import Vocab
from sahel_tui.vocab.match import Candidate, Match
from sahel_tui.vocab.model import Actor, Place

from .incidents import QUOTE_OPEN, Segment, Sent, sent_at
from .militias import armed_people, militia_actor, named_militias, village_militia

# a generic person word is a source, not an actor, when it reports
_SOURCE_AFTER = re.compile(
    r"^\s+(?:[\w'-]+\s+){0,3}?(?:said|say|says|told|tell|reported|report|recounted|"
    r"added|described|confirmed|explained|recalled|contacted|reached|interviewed|quoted|"
    r"joints?|jointes?|contactes?|interroges?|cites?|temoign\w*|racont\w*|rapport\w*|"
    r"indiqu\w*|affirm\w*|declar\w*|expliqu\w*|confi\w*|estim\w*|dis(?:ent|ait)|"
    r"ont\s+(?:dit|raconte|rapporte|indique|affirme|declare|explique|confie))\b"
)
_SOURCE_BEFORE = re.compile(
    r"(?:according\s+to|selon|d'apres|told|quoted|cited|interviewed|reached|contacted|"
    r"spokes(?:man|woman|person)\s+(?:for|of)|porte-parole\s+d[eu']?|statement\s+by|"
    r"communique\s+d[eu']?)\s*(?:(?:des|les|the|some|several|local|plusieurs|a|an|one|"
    r"two|three|deux|trois|de|d'|du|la|le|l')\s*)*$"
)
_SPOKESMAN_FOR = re.compile(
    r"\b(?:spokes(?:man|woman|person)|statement|communique|porte-parole|representative|"
    r"official|leader|chef|responsable)\s+(?:for|of|from|du|de|des|d')\s*(?:the\s+|l'|la\s+|"
    r"le\s+|les\s+)?(?:\w+\s+){0,2}$")
_CLAIM = re.compile(r"\b(?:claim\w*|responsib\w*|carried\s+out|revendiqu\w*)\b")
_NOT_ACTOR_AFTER = re.compile(
    r"^\s*(?:sources?|spokes\w*|statement|officials?|official|authorities|intelligence|"
    r"analysts?|experts?|observers?|court|tribunal|vehicles?|trucks?|vehicules?|"
    r"auxiliar\w*|population|populations|rule|government|junta|leaders?|chiefs?|"
    r"administration|campaign|pressure|escort\w*|general\s+staff|"
    r"hospital|personnel)\b"
)

# "government" that is not the government acting: a Nigerian local government area, a
# side's label
_NOT_GOVERNMENT_BEFORE = re.compile(r"(?:local|pro-|anti-|state|federal|regional)\s*$")
# the government acting: a verb, a clause or the sentence's end follows it (not a noun it
# qualifies: "government forces", "Government Science School", "government warehouse")
_GOVERNMENT_ACTS_AFTER = re.compile(
    r"^(?:\s*[,.;:)]|\s*$|\s+(?:[a-z]+ed|has|had|have|was|were|is|will|would|and|of|in|on|"
    r"to|for|with|also|then|officially|formally|on\s+\w+day|a|an|ont?|avait|va|est|"
    r"declare|decide|annonce|impose|prolonge|instaure|interdit|suspend|"
    r"[a-z]+s)\b)")
_CIVILIAN_ADJ_NEXT = re.compile(r"^\s*(?:[a-z]+)")
_GENERIC_CIV_OK_NEXT = {"was", "is", "who", "had", "has", "and", "or", "killed", "died",
                        "were", "dead", "casualties", "deaths", "death", "victims", "toll",
                        "lives", "in", "at", "on", "near", "from", "of", "with", "by",
                        "while", "during", "after", "before", "as", "to", "into"}

# countries where "ISWAP" is the Islamic State's Sahel branch (see collect_actors)
_GREATER_SAHARA = frozenset({"ML", "BF"})

# actor types
STATE = "State forces"
EXTERNAL = "External/Other forces"
CIV = "Civilians"
ARMED = ("Rebel group", "Political militia", "Identity militia")
CROWD = ("Protesters", "Rioters")

VAC = {"Attack", "Abduction/forced disappearance", "Sexual violence"}

def _is_generic(cand: Candidate, match: Match) -> bool:
    """A word that names a kind of actor rather than one actor ("soldiers", "gunmen"):
    the matched alias belongs to several actors."""
    return len({c.id for c in match.candidates if c.kind == "actor"}) > 1


def _is_source(ftext: str, m: Match) -> bool:
    after = ftext[m.end : m.end + 60]
    before = ftext[max(0, m.start - 40) : m.start]
    return bool(_SOURCE_AFTER.match(after) or _SOURCE_BEFORE.search(before))

# ----------------------------------------------------------------------------- actors
_PASSIVE = re.compile(
    r"\b(?:(?:was|were|been|being)\s+(?:\w+\s+)?(?:ambushed|attacked|targeted|hit|struck|"
    r"killed|overrun|raided)|came\s+under|ont\s+ete\s+(?:attaque|vise|pris)|"
    r"a\s+ete\s+(?:attaque|vise|pris)|(?:attack|assault|ambush|raid)s?\s+on|"
    r"attaque\w*\s+(?:contre|d[eu']|visant)|embuscade\s+contre|targeting|visant)\b"
)

_BLAME = re.compile(
    r"\b(?:blam\w*|claim\w*|attribut\w*|responsib\w*|believed\s+to\s+be|suspected|"
    r"revendiqu\w*|impute\w*|soupconn\w*|presume\w*|se\s+reclamant)\b")
# where a group only holds the area, or the act is unclaimed, it is not the actor (ACLED:
# an unattributed act is the country's Unidentified Armed Group)
_AREA_ONLY = re.compile(
    r"\b(?:stronghold|bastion|fief|active\s+in\s+the\s+(?:area|region)|operat(?:es|ing)\s+in\s+the\s+"
    r"(?:area|region)|holds?\s+the\s+area|controls?\s+the\s+area|present\s+in\s+the\s+area|"
    r"not\s+(?:yet\s+|immediately\s+|been\s+)*claimed|unclaimed|"
    r"no\s+(?:group|one)\s+(?:has\s+)?(?:\w+\s+)?claimed|"
    r"not\s+(?:immediately\s+)?clear\s+who|"
    r"(?:n'a|n'avait|n'ont|n'avaient)\s+(?:toujours\s+|encore\s+)?pas\s+(?:encore\s+)?"
    r"ete\s+revendiqu\w*|aucune\s+revendication|pas\s+encore\s+revendiqu\w*|"
    r"actifs?\s+dans\s+la\s+zone|present\w*\s+dans\s+la\s+zone)")
# a positive attribution (once the area-only words are set aside): "blamed X", "claimed by",
# "suspected X", "attribuée à X", "X claimed"
_ATTRIBUTED = re.compile(
    r"\b(?:claimed|claiming|revendiqu\w*|blam\w*|attribut\w*|attribu\w*|imput\w*|"
    r"suspected|presumed|presume\w*|soupconn\w*|accus\w*|by|par|believed\s+to\s+be|"
    r"responsib\w*)\b")
_TARGETED_BEFORE = re.compile(r"\b(?:targeted|visait|vise\w*|against|contre|on)\s+\S*\s*$")
# words saying the state side acted (an operation, a strike, a raid, arrests)
_STATE_AGENT = re.compile(
    r"\b(?:operations?|offensive|air\s*strikes?|airstrikes?|drone\s+strikes?|strikes?\s+by|"
    r"raid(?:ed)?|neutrali[sz]\w*|arrested|detained|recaptured|retook|"
    r"ratissage|frappes?|interpell\w*|arret\w*|reprise|repris|reprennent|"
    r"launched|lance\w*|conducted|carried\s+out|mis\s+la\s+main|"
    r"killed\s+(?:at\s+least\s+|about\s+|some\s+)?\d+\s+"
    r"(?:fighters|militants|insurgents|terrorists|assailants|bandits|jihadists))\b"
)


@dataclass
class ActorScore:
    actor: Actor
    cand: Candidate | None
    weight: float = 0.0
    count: int = 0
    first: int = 10**9
    generic: bool = True
    lead_first: int = 10**9
    agent: bool = False  # named in a sentence where the state side acts
    implied: bool = False  # not read in the text: added by an ACLED rule
    spans: list[tuple[int, int]] = field(default_factory=list)  # mentions in the text
    blamed: bool = False  # named as the perpetrator ("blamed X", "claimed by X")
    explicit: bool = False  # an Unidentified Armed Group the text calls so ("unknown gunmen")


def _choose_candidate(m: Match, country: str | None) -> Candidate | None:
    acts = [c for c in m.candidates if c.kind == "actor"]
    if not acts:
        return None
    if country:
        for c in acts:
            if c.country == country:
                return c
        for c in acts:
            a: Actor = c.entity  # type: ignore[assignment]
            if a.country is None and country in a.area:
                return c
    elif len({c.country for c in acts if c.country}) > 1:
        # a generic word ("villagers", "soldiers") of no resolved country: no country's
        # actor, never an arbitrary one -- unless a candidate belongs to no country
        return next((c for c in acts if c.country is None), None)
    return acts[0]


# Words for an armed group that the text does not name.  Deliberately not aliases of any
# actor in the vocabulary (see actors.toml): they stand for the country's Unidentified Armed
# Group only when the incident names no group.  Plural nouns only: "militant hideouts",
# "jihadist violence" are adjectives.
_UNATTRIBUTED = re.compile(
    r"\b(?:jihadists|jihadistes|djihadistes|terrorists|terroristes|militants|insurgents|"
    r"insurges|islamists|islamistes|extremists|extremistes|groupes?\s+armes?\s+"
    r"terroristes?|hordes\s+terroristes)\b"
)
_UNATTRIBUTED_ACRONYM = re.compile(r"\bGAT\b")
# attackers the text itself calls unidentified: ACLED's Unidentified Armed Group even when
# the incident names a group (as the target: "unknown gunmen attacked a GATIA position"; or
# as a guess: "unknown gunmen (possibly ISGS militants)")
_UNIDENTIFIED = re.compile(
    r"\b(?:unknown|unidentified|non-?identifi\w*|inconnus?|hani|unidentified\s+armed\s+group)"
    r"(?:\s+[\w-]+){0,2}\s*$")
_HEDGE_AFTER = re.compile(
    r"\s*[(,]\s*(?:\w+\s+){0,2}?(?:possibly|presumably|presumed|believed|suspected|"
    r"allegedly|alleged|likely|probably|thought|reportedly|perhaps|maybe|peut-etre|"
    r"probablement|presumes?|soupconnes?|supposes?)\b[^()\n]{0,80}?(?:[),\n…]|$)")
# an active violent verb: the words before it hold its subject
_ACTIVE_VERB = re.compile(
    r"\b(?:attacked|raided|stormed|killed|shot|opened\s+fire|fired\s+on|torched|burned|"
    r"burnt|executed|abducted|kidnapped|rounded\s+up|massacred|assaulted|beat|tortured|"
    r"whipped|raped|(?:forcibly\s+)?disappeared|lynched|stabbed|hacked|mistreated|"
    r"ont\s+attaque|ont\s+fait\s+"
    r"irruption|ont\s+tue|ont\s+ouvert\s+le\s+feu|ont\s+execute|ont\s+incendie|ont\s+enleve|"
    r"ont\s+massacre|ont\s+tire|ont\s+torture|ont\s+battu|ont\s+passe\s+a\s+tabac|"
    r"ont\s+viole|ont\s+fouette|tuant|attaquant)\b"
)
# the words before a people's men that make them the attackers ("by Fulani herdsmen",
# "suspected Fulani herders", "armed Fulani men", "par des éleveurs peuls")
_ARMED_BEFORE = re.compile(
    r"\b(?:by|par|suspected|presumed|presumes?|alleged|armed|soupconnes?|"
    r"clash\w*\s+(?:with|between)|affrontements?\s+entre)\s+(?:the\s+|some\s+|a\s+group\s+of\s+|"
    r"(?:\w+\s+)?)?$")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|ete|par|by|against|contre|on|sur)\s*$")


def _is_subject(ftext: str, sent: Sent, m_start: int, m_end: int) -> bool:
    """The mention is the subject of an active violent verb that follows it."""
    before = ftext[sent.start : m_start]
    if _ACTIVE_VERB.search(before) or _PASSIVE.search(before):
        return False
    v = _ACTIVE_VERB.search(ftext, m_end, min(sent.end, m_end + 140))
    if v is None:
        return False
    return not _PASSIVE_BEFORE.search(ftext[m_end : v.start()])


def _credit(out: dict, actor, span: tuple[int, int], s: Sent, ftext: str) -> None:
    """Count a mention found by a later stage (a named militia, a people's armed men) in
    sentence ``s``, as the candidate loop of ``collect_actors`` counts a vocabulary match."""
    sc = out.get(actor.id)
    if sc is None:
        sc = out[actor.id] = ActorScore(actor, None, generic=False)
    sc.weight = max(sc.weight, s.weight)
    sc.count += 1
    sc.first = min(sc.first, span[0])
    sc.spans.append(span)
    if s.title or s.lead:
        sc.lead_first = min(sc.lead_first, span[0])
    if _STATE_AGENT.search(ftext, s.start, s.end) or (
            s.weight >= 2 and _is_subject(ftext, s, *span)):
        sc.agent = True
    if _BLAME.search(ftext, s.start, s.end):
        sc.blamed = True


def collect_actors(vocab: Vocab, text: str, ftext: str, sents: list[Sent],
                    matches: Sequence[Match], seg: Segment,
                    country: str | None, place: Place | None = None) -> dict[str, ActorScore]:
    out: dict[str, ActorScore] = {}
    uag = actor_for(vocab, country, "Political militia", "Unidentified Armed Group")
    if uag is not None:
        for s in sents:
            if s.weight <= 0:
                continue
            hits = list(_UNATTRIBUTED.finditer(ftext, s.start, s.end))
            hits += list(_UNATTRIBUTED_ACRONYM.finditer(text, s.start, s.end))
            for h in hits:
                if any(a <= h.start() < b for a, b in seg.mask):
                    continue
                if (text[h.start() - 1 : h.start()] in QUOTE_OPEN
                        and text[h.end() : h.end() + 1] in QUOTE_OPEN):
                    continue  # 'terrorists' in scare quotes: one side's label
                sc = out.get(uag.id)
                if sc is None:
                    sc = out[uag.id] = ActorScore(uag, None)
                sc.weight = max(sc.weight, s.weight)
                sc.count += 1
                sc.first = min(sc.first, h.start())
                sc.spans.append((h.start(), h.end()))
                if s.title or s.lead:
                    sc.lead_first = min(sc.lead_first, h.start())
    for m in matches:
        if not any(c.kind == "actor" for c in m.candidates):
            continue
        if any(a <= m.start < b for a, b in seg.mask):
            continue
        s = sent_at(sents, m.start)
        if s is None or s.weight <= 0:
            continue
        c = _choose_candidate(m, country)
        if c is None:
            continue
        actor: Actor = c.entity  # type: ignore[assignment]
        if actor.id == "iswap" and country in _GREATER_SAHARA:
            # the Islamic State's Sahel branch fought under the ISWAP name (2019-2022):
            # ACLED's "Islamic State (West Africa) - Greater Sahara Faction" in Mali and
            # Burkina Faso, never the Lake Chad province
            issp = vocab.actors.get("issp")
            if issp is not None:
                c = replace(c, id=issp.id, name=issp.name, entity=issp)
                actor = issp
        if actor.type == CIV and country:
            foreign = _nationality(ftext, matches, m)
            if foreign and foreign != country:
                # "Nigerien truck drivers" shot near Dori: ACLED's Civilians (Niger)
                c = next((x for x in m.candidates if x.kind == "actor"
                          and x.country == foreign and x.entity.type == CIV), c)
                actor = c.entity  # type: ignore[assignment]
        generic = _is_generic(c, m)
        after = ftext[m.end : m.end + 30]
        if actor.name.startswith("Government of ") and (
                _NOT_GOVERNMENT_BEFORE.search(ftext, max(0, m.start - 12), m.start)
                or not _GOVERNMENT_ACTS_AFTER.match(after)):
            continue  # "Kukawa Local Government Area", "government forces", "pro-government"
        if generic and _NOT_ACTOR_AFTER.match(after):
            continue  # "military sources", "civilian vehicles"
        if (actor.type == CIV or (generic and actor.type != STATE)) and _is_source(ftext, m):
            continue  # "residents said", "selon des habitants"
        if actor.type == CIV and c.alias.lower() == "civilian":
            nxt = _CIVILIAN_ADJ_NEXT.match(after)
            if nxt and nxt.group().strip() not in _GENERIC_CIV_OK_NEXT:
                continue  # "civilian trucks"
        if generic and actor.type == STATE and _is_source(ftext, m) and s.weight < 2:
            continue
        if not generic and _SPOKESMAN_FOR.search(ftext, max(0, m.start - 40), m.start) \
                and not _CLAIM.search(ftext, s.start, s.end):
            continue  # "a spokesman for the FLA said": a source, unless claiming
        sc = out.get(actor.id)
        if sc is None:
            sc = out[actor.id] = ActorScore(actor, c)
        sc.weight = max(sc.weight, s.weight)
        sc.count += 1
        sc.first = min(sc.first, m.start)
        sc.spans.append((m.start, m.end))
        sc.generic = sc.generic and generic
        if is_uag(sc) and _UNIDENTIFIED.search(ftext, max(s.start, m.start - 30), m.end):
            sc.explicit = True
        if s.title or s.lead:
            sc.lead_first = min(sc.lead_first, m.start)
        if _STATE_AGENT.search(ftext, s.start, s.end) or (
                s.weight >= 2 and _is_subject(ftext, s, m.start, m.end)):
            sc.agent = True
        if _BLAME.search(ftext, s.start, s.end) and not _TARGETED_BEFORE.search(
                ftext, max(s.start, m.start - 30), m.start):
            sc.blamed = True
    for nm, s in named_militias(vocab, text, sents, matches, seg, country):
        # "Katsina communal militia": the community's militia, not an unidentified one
        for k in [k for k, a in out.items() if k.startswith("communal-")
                  and all(nm.span[0] <= a0 < nm.span[1] for a0, _ in a.spans)]:
            del out[k]
        _credit(out, nm.actor, nm.span, s, ftext)
    for ap, s in armed_people(vocab, ftext, sents, matches, seg, country):
        # "Fulani herdsmen attacked...", "suspected Dogon hunters": the people's militia
        # when the text makes them the attackers (the herders of "killed two Fulani
        # herders" are civilians)
        if not (ap.armed or _is_subject(ftext, s, *ap.span)
                or _ARMED_BEFORE.search(ftext, max(s.start, ap.span[0] - 30), ap.span[0])):
            continue
        for k in [k for k, a in out.items() if a.actor.type == CIV
                  and all(ap.span[0] <= a0 < ap.span[1] for a0, _ in a.spans)]:
            del out[k]  # "herdsmen" read as civilians
        _credit(out, ap.actor, ap.span, s, ftext)
    for k in [k for k, a in out.items() if k.startswith("communal-") and a.generic]:
        # "village self-defense repelled the attack": the village's militia, by its name
        vm = village_militia(vocab, text, sents, seg, country)
        if vm is None and place is not None and place.kind == "place" and \
                place.country == country:
            # "local militiamen clashed with gunmen in Galadimawa": ACLED names the
            # militia after the community where it fought
            vm = militia_actor(vocab, place.name, country, False)
        if vm is not None and vm.id not in out:
            out[vm.id] = replace(out.pop(k), actor=vm, cand=None, generic=False)
    _coordinated_forces(vocab, text, sents, seg, country, out)
    _merge_alternatives(ftext, out, uag)
    _drop_hedged(ftext, out)
    _drop_area_only(ftext, sents, out)
    return out


# "French and Malian forces", "French together with Malian, Nigerien and Burkinabe
# troops": each demonym's forces, as "French forces" and "Malian forces" would be
_COORDINATED = re.compile(
    r"\b(?P<first>[A-Z][a-z\u00e0-\u00ff]+)(?P<more>(?:,\s+(?:the\s+)?[A-Z][a-z\u00e0-\u00ff]+)*),?\s+"
    r"(?:and|together\s+with|with|et|avec)\s+(?:the\s+)?(?P<last>[A-Z][a-z\u00e0-\u00ff]+)\s+"
    r"(?P<noun>forces|troops|soldiers|armies|army|military|armed\s+forces)\b")


def _coordinated_forces(vocab: Vocab, text: str, sents: list[Sent], seg: Segment,
                        country: str | None, out: dict[str, ActorScore]) -> None:
    """The forces of every demonym of a coordination whose noun only the last one carries
    ("French and Malian forces": the French forces too)."""
    matcher = vocab.matcher()
    lo = 0 if seg.has_title else seg.start
    for h in _COORDINATED.finditer(text, lo, seg.end):
        if any(a <= h.start() < b for a, b in seg.mask):
            continue
        s = sent_at(sents, h.start())
        if s is None or s.weight <= 0:
            continue
        words = [(h.start("first"), h.group("first"))]
        words += [(h.start("more") + m.start(1), m.group(1))
                  for m in re.finditer(r"([A-Z]\w+)", h.group("more"))]
        for w0, w in words:
            found = matcher.find(f"{w} {h.group('noun')}", kinds=("actor",))
            if len(found) != 1 or found[0].end - found[0].start < len(w) + 2:
                continue  # not "<demonym> forces" as one name
            c = _choose_candidate(found[0], country)
            if c is None or c.entity.type not in (STATE, EXTERNAL):  # type: ignore[union-attr]
                continue
            actor: Actor = c.entity  # type: ignore[assignment]
            sc = out.get(actor.id)
            if sc is None:
                sc = out[actor.id] = ActorScore(actor, c, generic=False)
            sc.weight = max(sc.weight, s.weight)
            sc.count += 1
            sc.first = min(sc.first, w0)
            sc.spans.append((w0, w0 + len(w)))
            if s.title or s.lead:
                sc.lead_first = min(sc.lead_first, w0)
            other = out.get(next((a.actor.id for a in out.values()
                                  if any(a0 == h.start("last") for a0, _ in a.spans)), ""))
            if other is not None:
                sc.agent = sc.agent or other.agent


def _drop_area_only(ftext: str, sents: list[Sent], out: dict[str, ActorScore]) -> None:
    """ACLED's attribution: a group is an actor only when the text attributes the act to
    it.  One named only as holding the area ("the area is a stronghold of JNIM", "un fief
    de l'EIGS") beside an unclaimed act is not; the country's Unidentified Armed Group
    is (see ``roles.implied_actors``)."""
    for k in [k for k, a in out.items()
              if a.actor.type in ARMED and not is_uag(a) and not a.generic and a.spans
              and all(_area_only_mention(ftext, sents, s0, s1) for s0, s1 in a.spans)]:
        del out[k]


def _area_only_mention(ftext: str, sents: list[Sent], pos: int, end: int) -> bool:
    s = sent_at(sents, pos)
    if s is None:
        return False
    area = list(_AREA_ONLY.finditer(ftext, s.start, s.end))
    if not area or _is_subject(ftext, s, pos, end):
        return False  # "ISSP fighters attacked ...": the act is theirs
    rest = ftext[s.start : s.end]
    for m in reversed(area):  # set the area-only words aside, keep the offsets
        a, b = m.start() - s.start, m.end() - s.start
        rest = rest[:a] + " " * (b - a) + rest[b:]
    return not _ATTRIBUTED.search(rest)


def _drop_hedged(ftext: str, out: dict[str, ActorScore]) -> None:
    """A group named only as a guess about attackers the text calls unidentified
    ("unknown gunmen (possibly ISGS militants)") is not an actor: ACLED codes the
    Unidentified Armed Group."""
    hedges = []
    for a in out.values():
        if a.explicit:
            for _, e in a.spans:
                h = _HEDGE_AFTER.match(ftext, e)
                if h:
                    hedges.append((e, h.end()))
    if not hedges:
        return
    for k in [k for k, a in out.items() if a.actor.type in ARMED and not is_uag(a)
              and a.spans and all(any(h0 <= s0 < h1 for h0, h1 in hedges)
                                  for s0, _ in a.spans)]:
        del out[k]


_ADJ_GAP = re.compile(r"\s+(?:[a-z-]+\s+)?$")


def _nationality(ftext: str, matches: Sequence[Match], m: Match) -> str | None:
    """The country of a demonym right before a victim noun ("Nigerien truck drivers", "a
    Beninese male civilian"), or None."""
    for d in matches:
        if d.end > m.start:
            break
        if d.end < m.start - 12 or not _ADJ_GAP.fullmatch(ftext, d.end, m.start):
            continue
        cs = {c.country for c in d.candidates if c.kind == "country"}
        if len(cs) == 1 and d.text[:1].isupper():
            return cs.pop()
    return None


def civilians_named(ftext: str, sents: list[Sent], matches: Sequence[Match],
                    seg: Segment) -> bool:
    """Whether the title or lead names civilians ("two villagers", "a teacher") whatever
    their country: the target decides the event type even when no country is resolved
    (and so no country's Civilians actor can be proposed)."""
    for m in matches:
        acts = [c for c in m.candidates if c.kind == "actor"]
        if not acts or any(c.entity.type != CIV for c in acts):  # type: ignore[union-attr]
            continue
        if any(a <= m.start < b for a, b in seg.mask):
            continue
        s = sent_at(sents, m.start)
        if s is None or s.weight < 2 or _is_source(ftext, m):
            continue
        if _NOT_ACTOR_AFTER.match(ftext[m.end : m.end + 30]):
            continue
        return True
    return False


_ALTERNATIVE = re.compile(
    r"(?:\s+(?:militants|fighters|elements|jihadists|militiamen|members))?"
    r"\s*(?:,\s*)?(?:and\s*/\s*or|or|/|ou|et\s*/\s*ou|or\s+possibly)\s*")


def _merge_alternatives(ftext: str, out: dict[str, ActorScore],
                        uag: Actor | None = None) -> None:
    """"JNIM or ISGS militants", "ISWAP/Boko Haram": one side whose name the source could
    not settle (ACLED's "A and/or B"), not two sides fighting -- the first named stands for
    it.  Alternatives of different kinds ("Katiba Macina militants or Fulani militiamen":
    a jihadist group or an ethnic militia) leave the attacker unidentified: the country's
    Unidentified Armed Group."""
    named = [a for a in out.values() if a.actor.type in ARMED and not is_uag(a)
             and not a.actor.id.startswith("communal-")
             and (not a.generic or a.actor.type == "Identity militia")]
    for a in named:
        for b in named:
            if a is b or a.actor.id not in out or b.actor.id not in out:
                continue
            if any(e0 <= s1 and _ALTERNATIVE.fullmatch(ftext, e0, s1)
                   for _, e0 in a.spans for s1, _ in b.spans):
                a.weight = max(a.weight, b.weight)
                a.agent, a.blamed = a.agent or b.agent, a.blamed or b.blamed
                del out[b.actor.id]
                if a.actor.type != b.actor.type and uag is not None:
                    del out[a.actor.id]
                    out[uag.id] = replace(a, actor=uag, cand=None, spans=a.spans + b.spans,
                                          explicit=True)


def actor_for(vocab: Vocab, country: str | None, typ: str, prefix: str = "") -> Actor | None:
    """The shipped per-country actor of *typ* ("Civilians (Mali)", "Protesters (Niger)")."""
    if not country:
        return None
    for a in vocab.actors.values():
        if (a.type == typ and a.country == country and a.source == "shipped"
                and a.name.startswith(prefix)):
            return a
    return None


def implied_actor(vocab: Vocab, country: str | None, typ: str, prefix: str = "") -> ActorScore | None:
    a = actor_for(vocab, country, typ, prefix)
    return ActorScore(a, None, 1.0, 0, 10**9, True, implied=True) if a else None


# militias that fight beside the state: associated actors of the state side
PROGOV = frozenset({"cjtf", "vigilantes-ng", "vdp", "koglweogo"})


def is_progov(a: ActorScore) -> bool:
    """A militia fighting beside the state (CJTF, hunters' and vigilante groups, VDP,
    Koglweogo); ethnic and communal militias are sides of their own."""
    return a.actor.id in PROGOV


def is_uag(a: ActorScore) -> bool:
    return a.actor.id.startswith("uag-") or a.actor.name.startswith("Unidentified Armed Group")


def order_actors(xs: list[ActorScore]) -> list[ActorScore]:
    return sorted(xs, key=lambda a: (a.implied, is_uag(a) and not a.explicit, -a.weight,
                                     a.lead_first, a.first))


# the main verb of an incident, active voice (English past and headline present, French
# passé composé and present)


_PEOPLE_BEFORE = re.compile(r"\b(?P<people>[A-Z][\w'\u2019-]*)\s+$")


def civilians_who_fight(vocab: Vocab, text: str, sents: list[Sent], seg: Segment,
                        country: str | None, chosen: list[ActorScore]) -> list[ActorScore]:
    """ACLED's rule for civilians who fight back (an armed clash, not an attack): they
    are a militia of their community -- their people's ethnic militia ("Dogon villagers
    exchanged fire with..."), else the militia of the village the incident names, else
    the country's Unidentified Communal Militia."""
    civ = [a for a in chosen if a.actor.type == CIV and not a.implied and a.weight >= 2]
    sides = [a for a in chosen if a.actor.type in (STATE, EXTERNAL, *ARMED)]
    if not civ or not country or len(sides) > 1 or any(
            a.actor.type in (STATE, EXTERNAL) for a in sides):
        return chosen  # the civilians are not one of the two sides that fought
    from sahel_tui.gazetteer.index import name_key, peoples_keys

    from .militias import _ethnic_actor

    a = civ[0]
    militia = None
    peoples = peoples_keys()
    for a0, _ in a.spans:
        p = _PEOPLE_BEFORE.search(text, max(0, a0 - 30), a0)
        if p and name_key(p.group("people")) in peoples:
            militia = _ethnic_actor(vocab, p.group("people"), country)
            break
    if militia is None:
        militia = village_militia(vocab, text, sents, seg, country) or actor_for(
            vocab, country, "Identity militia", "Unidentified Communal Militia")
    if militia is None or any(c.actor.id == militia.id for c in chosen):
        return [c for c in chosen if c is not a]
    return [replace(c, actor=militia, cand=None, generic=False) if c is a else c
            for c in chosen]
