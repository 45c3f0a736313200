"""The pre-filled coding of a news item: what the coding screen proposes.

``suggest_for_item(row, vocab)`` (a stored item) or ``suggest_coding(title, text,
published, lang, vocab=...)`` reads the item the way an analyst does and returns an
:class:`ItemCoding` holding one :class:`EventCoding` per incident it reports, main incident
first (none when nothing in it tells of violence or of a security development):

1. **Incidents.**  The title and body form one text (``title + "\n\n" + text``, as stored).
   A round-up whose body lists incidents as bullet paragraphs ("• Mali – ...") gives one
   incident per bullet; a paragraph opening with "Also:", "Separately,", "Elsewhere,",
   "In another incident,", "Par ailleurs," ... starts a further incident -- unless it tells
   of one a month or more old ("last month", "in 2023"), which is background.
2. **Which sentences describe the incident.**  The title and the lead paragraph (the first
   paragraph that tells of violence) weigh most.  A later sentence counts when it is tied to
   the incident: an attribution ("blamed", "claimed", "revendiqué", "fief du"), an anaphora
   ("the attackers", "l'attaque", "le bilan") with a number or a date.  Background ("since
   2012", "has become", "depuis 2021"), another incident told in passing ("In a separate
   incident last month, ..."), quotes, datelines ("MAIDUGURI, Oct 27 (SWS) –"), image
   captions and sign-offs do not count.  Sources are not actors ("residents said", "selon
   des habitants", "a military source", "a spokesman for the FLA said").
3. **Place** first (it fixes the country): the gazetteer place of the weightiest sentence;
   at equal weight a town before the province or region holding it, and one the body names
   before one only the headline names.  A province or region alone is coded to its capital
   with geo_precision 3; "near / outside / km from / près de / village of" gives 2.
4. **Actors**: named groups in counting sentences; generic words ("soldiers", "villagers")
   only in the title or lead paragraph.  "Gunmen", "jihadists", "terroristes", "militants"
   mean the country's Unidentified Armed Group only while the incident names no group.
   ACLED's conventions fill what the text leaves unsaid (civilians as the target of
   violence against civilians or of a one-sided bomb; protesters of a protest; an
   unidentified attacker of an unclaimed ambush) and set the roles: actor1 is the side
   that acted (subject or "by/par" agent of the lead's violent verb; the group that laid a
   mine), state partners (Africa Corps, CJTF, vigilantes) are associated actors.
5. **Event type, date, fatalities**: the keyword rules, the date and the toll extractors run
   on the title and lead first, then on the other counting sentences.  ACLED's rules then
   settle the type: the means decide (an air strike or a mine that kills civilians is
   remote violence), an "attack" between two armed sides is a clash, a clash of one armed
   side with civilians only is an attack, taking or retaking a town is a territory change
   (state or non-state by who took it).  A weekday naming the publication day is that day
   (news style).  "Neutralised" in an arrest is not a death.

Everything is stdlib and pure (no I/O, no textual).  About 2 ms per item.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sahel_tui.vocab.catalog import Vocab
from sahel_tui.vocab.match import Candidate, Match
from sahel_tui.vocab.model import Actor, Place
from sahel_tui.vocab.textnorm import fold_key

from ._text import fold_same_length, sentence_bounds
from .dates import DateSuggestion, extract_event_date
from .event_type import EventTypeCandidate, suggest_event_type
from .fatalities import FatalitySuggestion, extract_fatalities

__all__ = [
    "EventCoding",
    "ItemCoding",
    "suggest_coding",
    "suggest_for_item",
]


# ----------------------------------------------------------------------------- results
@dataclass(frozen=True, slots=True)
class EventCoding:
    """One proposed event, ready to pre-fill the coding form."""

    span: tuple[int, int]  # the incident's part of the text ([start, end) offsets)
    actor1: Actor | None
    assoc_actor_1: tuple[Actor, ...]
    actor2: Actor | None
    assoc_actor_2: tuple[Actor, ...]
    place: Place | None  # gazetteer place (a town where possible)
    geo_precision: int  # ACLED 1-3
    place_mention: str  # the words of the text the place was read from ("" when none)
    country: str | None  # ISO alpha-2 of the event (the place's, else the text's)
    event_type: str
    sub_event_type: str
    disorder_type: str
    event_types: tuple[EventTypeCandidate, ...]  # ranked alternatives, best first
    date: DateSuggestion
    fatalities: FatalitySuggestion
    civilian_targeting: bool
    actor_candidates: tuple[Candidate, ...] = ()  # every actor read in the incident, ranked
    place_candidates: tuple[Candidate, ...] = ()  # every place read in the incident, ranked

    @property
    def actors(self) -> tuple[Actor, ...]:
        """actor1, assoc_actor_1, actor2, assoc_actor_2 (the pre-filled actors), no blanks."""
        out = [a for a in (self.actor1, *self.assoc_actor_1, self.actor2, *self.assoc_actor_2)
               if a is not None]
        return tuple(out)

    @property
    def actor_names(self) -> frozenset[str]:
        return frozenset(a.name for a in self.actors)

    def as_event_fields(self, vocab: Vocab | None = None) -> dict:
        """The coding as keyword arguments for ``sahel_tui.store.events.Event``."""
        p = self.place
        country = ""
        if self.country:
            c = vocab.countries.get(self.country) if vocab is not None else None
            country = c.name if c is not None else self.country
        return {
            "event_date": self.date.date.isoformat(),
            "time_precision": self.date.time_precision,
            "disorder_type": self.disorder_type,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1.name if self.actor1 else "",
            "assoc_actor_1": [a.name for a in self.assoc_actor_1],
            "inter1": self.actor1.type if self.actor1 else "",
            "actor2": self.actor2.name if self.actor2 else "",
            "assoc_actor_2": [a.name for a in self.assoc_actor_2],
            "inter2": self.actor2.type if self.actor2 else "",
            "civilian_targeting": self.civilian_targeting,
            "country": country,
            "admin1": p.admin1 if p else "",
            "admin2": p.admin2 if p else "",
            "location": p.name if p else "",
            "place_id": p.id if p else None,
            "latitude": round(p.latitude, 4) if p and p.latitude is not None else None,
            "longitude": round(p.longitude, 4) if p and p.longitude is not None else None,
            "geo_precision": self.geo_precision,
            "fatalities": self.fatalities.low,
            "fatalities_best": self.fatalities.best if self.fatalities.found else None,
            "fatalities_high": self.fatalities.high if self.fatalities.found else None,
        }


@dataclass(frozen=True, slots=True)
class ItemCoding:
    """Every incident proposed for one item (main incident first; may be empty)."""

    text: str  # title + "\n\n" + text: the offsets of every span refer to it
    title_end: int
    events: tuple[EventCoding, ...]
    # the actor, place and country names read in the counting sentences of every incident
    # (offsets in ``text``): what the suggestion is based on, for highlighting
    matches: tuple[Match, ...] = field(default=())

    @property
    def primary(self) -> EventCoding | None:
        return self.events[0] if self.events else None


# ----------------------------------------------------------------------------- cues
# All patterns run on fold_same_length() text (lower case, no accents, same offsets).
_EVENT_CUE = re.compile(
    r"\b(?:kill\w*|dead|died|deaths?|death\s+toll|attack\w*|ambush\w*|clash\w*|fight\w*|"
    r"gunmen|gunfire|kidnap\w*|abduct\w*|explo\w*|blast\w*|strike[sd]?|airstrike\w*|"
    r"raid\w*|shot|shoot\w*|bomb\w*|massacre\w*|loot\w*|burn\w*|torch\w*|set\s+fire|"
    r"protest\w*|demonstrat\w*|riot\w*|arrest\w*|detain\w*|storm\w*|overr[au]n|seiz\w*|"
    r"captur\w*|neutrali[sz]\w*|assault\w*|insurgen\w*|militants?|jihadist\w*|bandits?|"
    r"hostages?|ied|mines?|drone\w*|shell\w*|mortar\w*|rocket\w*|opened\s+fire|"
    r"came\s+under|lying\s+in\s+wait|operation|offensive|agreement|deal|truce|ceasefire|"
    r"curfew|blockade\w*|besieg\w*|withdr[ae]w\w*|retook|recaptur\w*|took\s+control|"
    r"tue\w*|tues|mort\w*|attaqu\w*|embuscade\w*|affrontement\w*|accrochage\w*|"
    r"enlev\w*|enlevement\w*|rapt\w*|otages?|frappe\w*|incendi\w*|pill\w*|manifest\w*|"
    r"emeut\w*|interpell\w*|assaill\w*|combat\w*|explosi\w*|engin\w*|bilan|victimes?|"
    r"blesse\w*|abattu\w*|assassin\w*|executed?|execution\w*|beheaded|egorg\w*|"
    r"detrui\w*|destroy\w*|destruction|saccag\w*|empare\w*|reprise|repris|assaut\w*|"
    r"ravisseur\w*|kamikaze\w*|suicide|grenade\w*|accord|treve|negoci\w*|revendiqu\w*|"
    r"claimed|blamed|violence\w*|operation\w*|opere\w*|ratissage\w*|neutralis\w*|"
    r"sequestr\w*|disparus?|irruption|poste|camp|base|convoy|convoi\w*|patrol\w*|"
    r"patrouille\w*|checkpoint|barrage)\b"
)
# words that tell of an incident (a violent event, a demonstration or a security
# development): without one, a text reports nothing to code ("gold mine", "pay deal")
_INCIDENT_CUE = re.compile(
    r"\b(?:kill\w*|dead|died|deaths?|attack\w*|ambush\w*|clash\w*|fighting|gunmen|"
    r"gunfire|kidnap\w*|abduct\w*|explosion\w*|exploded|blast\w*|air\s*strikes?|"
    r"airstrikes?|drone\s+strikes?|raid\w*|shot|shooting|bomb\w*|massacre\w*|loot\w*|"
    r"torch\w*|set\s+fire|protest\w*|demonstrat\w*|riot\w*|arrest\w*|detain\w*|"
    r"storm\w*|overr[au]n|seiz\w*|captur\w*|neutrali[sz]\w*|assault\w*|hostages?|ied|"
    r"ieds|landmines?|explosive\s+devices?|shell(?:ed|ing|s)|mortars?|rockets?|opened\s+"
    r"fire|came\s+under|ceasefire|truce|curfew|blockade\w*|besieg\w*|retook|recaptur\w*|"
    r"took\s+(?:control|over)|executed|beheaded|tue\w*|tues|morts?|attaqu\w*|"
    r"embuscade\w*|affrontement\w*|accrochage\w*|enlev\w*|rapt\w*|otages?|frappes?|"
    r"incendi\w*|pill\w*|manifest\w*|emeut\w*|interpell\w*|assaill\w*|combats?|"
    r"explosion|engins?\s+explosifs?|mines?\s+(?:antipersonnel|artisanale?s?)|abattu\w*|"
    r"assassin\w*|egorg\w*|empare\w*|assaut\w*|ravisseur\w*|kamikaze\w*|suicide|"
    r"grenade\w*|treve|cessez-le-feu|couvre-feu|blocus|mis\s+la\s+main|sequestr\w*|"
    r"irruption|repouss\w*|repelled|reprennent|bilan|detrui\w*|destroy\w*|destruction|"
    r"sabot\w*|dynamit\w*|ransack\w*|vandali\w*|chass\w*|drove\s+\w+\s+out|"
    r"(?:back\s+)?under\s+(?:the\s+)?control|sous\s+(?:le\s+)?controle|aux\s+mains|"
    r"fell\s+to|accord\s+(?:local|de\s+paix|de\s+non-agression|de\s+cessez)|pacte|"
    r"(?:local|peace)\s+(?:agreement|deal|accord)|non-aggression|surrender\w*|"
    r"defect\w*|reddition|se\s+sont\s+rendus)\b"
)
_ATTRIB_CUE = re.compile(
    r"\b(?:blam\w*|claim\w*|attribut\w*|responsib\w*|suspected\s+of|believed\s+to\s+be|"
    r"stronghold|bastion|fief|active\s+in\s+the\s+area|operat\w*\s+in\s+the\s+area|"
    r"revendiqu\w*|attribu\w*|impute\w*|soupconn\w*|accus\w*|visait|vise\w*|targeted|"
    r"target\w*|la\s+cible|prise?\s+pour\s+cible|held\s+by|controlled\s+by|"
    r"in\s+the\s+hands\s+of|tenue?s?\s+par|controlee?s?\s+par|aux\s+mains\s+d\w*)\b"
)
_ANAPHORA = re.compile(
    r"\b(?:the\s+(?:attack\w*|assailants?|gunmen|raid\w*|ambush\w*|assault|strikes?|"
    r"blast|explosion|bombing|incident|toll|victims?|kidnappers?|abductors?|convoy|"
    r"militants|insurgents|fighters|bandits|village|town|camp|base|post|patrol|protest\w*|"
    r"demonstrat\w*|operation|clash\w*|fighting|violence|deal|agreement|vehicle|bodies|"
    r"hostages?|curfew|blockade|dead|wounded|injured|area)|"
    r"(?:l'|les\s+|le\s+|la\s+|cette\s+|ces\s+)(?:attaque\w*|assaillant\w*|embuscade|"
    r"explosion|bilan|victimes?|ravisseur\w*|otages?|convoi|village|localite|ville|camp|"
    r"poste|patrouille|operation|affrontement\w*|combat\w*|accord|vehicule|corps|"
    r"manifest\w*|zone|incident|frappe\w*|assaut|raid|terroristes|jihadistes|"
    r"blesses|morts|rescapes))\b"
)
_MONTH_NAMES = (r"january|february|march|april|may|june|july|august|september|october|"
                r"november|december|janvier|fevrier|mars|avril|mai|juin|juillet|aout|"
                r"septembre|octobre|novembre|decembre")
_BACKGROUND = re.compile(
    r"\b(?:(?:since|depuis|in|en|from|de|between|until|jusqu'en|by|after|before|avant|"
    r"apres)\s+(?:(?:early|late|mid|debut|fin|mi)[\s-]+)?(?:(?:" + _MONTH_NAMES + r")\s+)?"
    r"(?:19|20)\d\d|(?:19|20)\d\d\s*(?:-|to|and|et)\s*(?:19|20)\d\d|"
    r"since\s+(?:the\s+)?(?:start|beginning|outbreak)|depuis\s+(?:des|plusieurs|quelques)\s+"
    r"(?:annees|ans|mois)|depuis\s+le\s+debut|in\s+recent\s+(?:years|months)|over\s+the\s+past|"
    r"has\s+become|have\s+become|sont\s+devenu\w*|est\s+devenu\w*|ces\s+dernieres\s+annees|"
    r"has\s+borne|have\s+borne|the\s+brunt|est\s+la\s+plus\s+touchee|"
    r"millions?\s+of\s+people|million\s+people|millions?\s+de\s+personnes|"
    r"dataset|subscribers|methodology|read\s+our|lire\s+notre|key\s+weapon|"
    r"stepped\s+up|has\s+relied|s'appuie)\b"
)
_QUOTE_OPEN = "\"\u201c\u201d\u00ab\u2018'"
# "MAIDUGURI, Oct 27 (SWS) – ", "OUAGADOUGOU (AFP) - ", "BAMAKO, 3 mars (Reuters) — "
_DATELINE = re.compile(
    r"[ \t]*[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de'\u2019 .\-]{1,40}?"
    r"(?:(?:\s*\([^)\n]{1,40}\))?\s*,\s*[^\n\u2013\u2014()]{0,30}?(?:\s*\([^)\n]{1,40}\))?"
    r"|\s*\([^)\n]{1,40}\))\s*[\u2013\u2014-]{1,2}\s+"
)
_BOILER = re.compile(
    r"\s*(?:\[image:|reporting\s+by|editing\s+by|writing\s+by|download\b|data\s*&|"
    r"background:|contexte\s*:|merci\b|je\s+mettrai|information\s+en\s+cours|"
    r"follow\s+us|suivez|lire\s+aussi|read\s+more|related:|photo:)",
    re.IGNORECASE,
)
_BULLET = re.compile(r"[ \t]*(?:[\u2022\u25aa\u25cf\u25e6\u00b7*]|[-\u2013\u2014](?=\s))\s*")
_FURTHER = re.compile(
    r"[ \t]*(?:also|separately|elsewhere|in\s+(?:a|another)\s+(?:separate\s+)?"
    r"(?:incident|attack|development)|in\s+other\s+news|par\s+ailleurs|ailleurs|"
    r"autre\s+incident|dans\s+un\s+autre\s+incident|dans\s+une\s+autre\s+attaque)"
    r"\s*[:,\u2013\u2014-]\s*",
)
# a sentence about another incident ("In a separate incident last month, ...")
_SEPARATE = re.compile(
    r"[\s\"'\u201c\u00ab]*(?:separately|elsewhere|in\s+(?:a|another)\s+(?:separate\s+)?"
    r"(?:incident|attack|development)|in\s+a\s+separate\s+\w+|in\s+other\s+news|"
    r"par\s+ailleurs|ailleurs|dans\s+(?:un|une)\s+autre\s+(?:incident|attaque|affaire)|"
    r"autre\s+incident)\b"
)
# a time a month or more before the news: an old incident, background for this one
_PAST_PERIOD = re.compile(
    r"\b(?:last\s+(?:month|year)|earlier\s+this\s+year|(?:a|one|two|three|several|\d+)\s+"
    r"(?:months?|years?)\s+ago|in\s+(?:19|20)\d\d|le\s+mois\s+(?:dernier|passe)|"
    r"l'an\s+(?:dernier|passe)|l'annee\s+(?:derniere|passee)|en\s+(?:19|20)\d\d|"
    r"il\s+y\s+a\s+(?:\w+\s+)?(?:mois|ans)|plus\s+tot\s+cette\s+annee)\b"
)
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
_NEAR = re.compile(
    r"(?:near|outside|outskirts\s+of|close\s+to|around|vicinity\s+of|km\s+(?:\w+\s+){0,2}"
    r"(?:of|from)|kilomet\w*\s+(?:\w+\s+){0,2}(?:of|from)|north\s+of|south\s+of|east\s+of|"
    r"west\s+of|pres\s+d[e']|non\s+loin\s+d[e']|aux\s+environs\s+d[e']|environs\s+d[e']|"
    r"a\s+proximite\s+d[e']|en\s+peripherie\s+d[e']|km\s+(?:\w+\s+){0,3}d[e'u]|"
    r"kilometres?\s+(?:\w+\s+){0,3}d[e'u]|au\s+(?:nord|sud|est|ouest)\s+d[e']|"
    r"a\s+l'(?:est|ouest)\s+d[e']|dans\s+les\s+environs\s+d[e'u]|region\s+of|"
    r"area\s+of|part\s+of\s+the)\s*$"
)
_AWAY = re.compile(
    r"(?:fled\s+(?:to|toward|towards|into)|(?:toward|towards|vers|to|en\s+direction\s+d[e'u]|"
    r"from|depuis|en\s+provenance\s+d[e'u]|jusqu'a|back\s+to|taken\s+to|evacuated\s+to|"
    r"rushed\s+to|transferred\s+to|transported\s+to|sent\s+from|envoyes?\s+depuis|"
    r"refugi\w*\s+a|fui\s+vers|fui\s+a)(?:\s+(?:the|la|le|les|l'))?)\s*$"
)
_VILLAGE_BEFORE = re.compile(r"(?:village|hamlet|localite|hameau)\s+(?:of\s+|de\s+|d')?$")

_CIVILIAN_ADJ_NEXT = re.compile(r"^\s*(?:[a-z]+)")
_GENERIC_CIV_OK_NEXT = {"was", "is", "who", "had", "has", "and", "or", "killed", "died",
                        "were", "dead", "casualties", "deaths", "death", "victims", "toll",
                        "lives"}

# actor types
_STATE = "State forces"
_EXTERNAL = "External/Other forces"
_CIV = "Civilians"
_ARMED = ("Rebel group", "Political militia", "Identity militia")
_CROWD = ("Protesters", "Rioters")

_VAC = {"Attack", "Abduction/forced disappearance", "Sexual violence"}


# ----------------------------------------------------------------------------- helpers
@dataclass
class _Sent:
    start: int
    end: int
    weight: float  # 0 = does not describe the incident
    title: bool = False
    lead: bool = False
    quote: bool = False


@dataclass
class _Segment:
    start: int
    end: int
    has_title: bool
    mask: list[tuple[int, int]] = field(default_factory=list)  # datelines etc. to ignore


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for m in re.finditer(r"\n[ \t]*\n", text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _old_incident(text: str, ftext: str, s: int, e: int) -> bool:
    """A paragraph opening on another incident that is a month or more old."""
    first = sentence_bounds(text[s:e])
    fs, fe = (s + first[0][0], s + first[0][1]) if first else (s, e)
    return bool(_PAST_PERIOD.search(ftext, fs, fe))


def _segments(text: str, ftext: str, title_end: int) -> list[_Segment]:
    paras = _paragraphs(text)
    body = [(s, e) for s, e in paras if s >= title_end]
    bullets = [(s, e) for s, e in body
               if _BULLET.match(text, s) and _EVENT_CUE.search(ftext, s, e)]
    if len(bullets) >= 2:
        return [_Segment(s, e, False) for s, e in bullets]
    starts = [s for s, e in body
              if s > (body[0][0] if body else 0)
              and _FURTHER.match(ftext, s) and _EVENT_CUE.search(ftext, s, e)
              and not _old_incident(text, ftext, s, e)]
    segs = []
    first_end = starts[0] if starts else len(text)
    segs.append(_Segment(0, first_end, True))
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else len(text)
        segs.append(_Segment(s, e, False))
    return segs


def _sentences(text: str, ftext: str, seg: _Segment, title_end: int) -> list[_Sent]:
    out: list[_Sent] = []
    if seg.has_title and title_end > 0:
        out.append(_Sent(0, title_end, 3.0, title=True))
    body_start = title_end if seg.has_title else seg.start
    paras: list[tuple[int, int]] = []
    for ps, pe in _paragraphs(text[: seg.end]):
        if pe <= body_start or ps < seg.start:
            continue
        ps = max(ps, body_start)
        if _BOILER.match(text, ps):
            continue
        m = (_BULLET.match(text, ps) or _FURTHER.match(ftext, ps)) if not seg.has_title else None
        if m:
            ps = m.end()
        m = _DATELINE.match(text, ps)
        if m and m.end() < pe:
            seg.mask.append((m.start(), m.end()))
            ps = m.end()
        paras.append((ps, pe))
    # the lead: the first paragraph that tells of violence (else the first real paragraph)
    lead = next((p for p in paras if _EVENT_CUE.search(ftext, p[0], p[1])), None)
    if lead is None:
        lead = next((p for p in paras if len(sentence_bounds(text[p[0]:p[1]])) > 1
                     or p[1] - p[0] > 60), None)
    for ps, pe in paras:
        is_lead = (ps, pe) == lead
        first_cue_seen = False
        old_para = (seg.has_title and _FURTHER.match(ftext, ps) is not None
                    and _old_incident(text, ftext, ps, pe))
        for s, e in sentence_bounds(text[ps:pe]):
            s, e = ps + s, ps + e
            seg_text = ftext[s:e]
            st = seg_text.lstrip()
            quote = bool(st) and st[0] in _QUOTE_OPEN
            cue = _EVENT_CUE.search(seg_text) is not None
            attrib = _ATTRIB_CUE.search(seg_text) is not None
            background = _BACKGROUND.search(seg_text) is not None
            if quote or old_para or _SEPARATE.match(seg_text):
                w = 0.0  # a quote, or another incident told in passing
            elif is_lead and background:
                w = 0.5 if cue else 0.0  # "the deadliest attack since 2019, killing 50"
            elif is_lead:
                if not first_cue_seen and (cue or not _EVENT_CUE.search(ftext, ps, pe)):
                    w = 3.0
                    first_cue_seen = True
                else:
                    w = 2.0 if cue or attrib else 1.0
            elif background:
                w = 0.0
            elif attrib:
                w = 1.5
            elif cue and (_ANAPHORA.search(seg_text) or _has_number_or_date(seg_text)):
                w = 1.0
            elif _ANAPHORA.search(seg_text):
                w = 0.5
            else:
                w = 0.0
            out.append(_Sent(s, e, w, lead=is_lead, quote=quote))
    return out


_NUM_OR_DATE = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|dozens?|several|"
    r"un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|dizaines?|plusieurs|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|overnight|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|nuit)\b"
)


def _has_number_or_date(s: str) -> bool:
    return _NUM_OR_DATE.search(s) is not None


def _sent_at(sents: list[_Sent], pos: int) -> _Sent | None:
    for s in sents:
        if s.start <= pos < s.end:
            return s
    return None


def _masked(text: str, sents: list[_Sent], masks: list[tuple[int, int]],
            min_weight: float = 0.5) -> str:
    """*text* with everything outside the counting sentences blanked (same offsets)."""
    keep = bytearray(len(text))
    for s in sents:
        if s.weight >= min_weight:
            keep[s.start : s.end] = b"\x01" * (s.end - s.start)
    for a, b in masks:
        keep[a:b] = b"\x00" * (b - a)
    chars = list(text)
    for i, k in enumerate(keep):
        if not k and chars[i] not in "\n":
            chars[i] = " "
    # a blanked sentence must still end a sentence: keep its full stop
    for s in sents:
        if s.weight < min_weight and s.end - 1 < len(chars) and s.end > s.start:
            chars[s.end - 1] = "." if text[s.end - 1] in ".!?;" else chars[s.end - 1]
    return "".join(chars)


def _is_generic(cand: Candidate, match: Match) -> bool:
    """A word that names a kind of actor rather than one actor ("soldiers", "gunmen"):
    the matched alias belongs to several actors."""
    return len({c.id for c in match.candidates if c.kind == "actor"}) > 1


def _is_source(ftext: str, m: Match) -> bool:
    after = ftext[m.end : m.end + 60]
    before = ftext[max(0, m.start - 40) : m.start]
    return bool(_SOURCE_AFTER.match(after) or _SOURCE_BEFORE.search(before))


def _haversine_km(a: Place, b: Place) -> float:
    if not (a.has_coordinates and b.has_coordinates):
        return math.inf
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude,
                                                b.longitude))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 6371.0 * 2 * math.asin(math.sqrt(h))


_SEATS: dict[tuple[int, int], dict[str, Place | None]] = {}


def _seat(vocab: Vocab, admin: Place) -> Place | None:
    """The town an admin1/admin2 unit is coded to: its capital or seat, the most populous
    place within 3 km of the unit's coordinates (which the gazetteer takes from it)."""
    key = (id(vocab.places), len(vocab.places))
    if key not in _SEATS and len(_SEATS) > 8:
        _SEATS.clear()
    cache = _SEATS.setdefault(key, {})
    if admin.id in cache:
        return cache[admin.id]
    best = None
    if admin.has_coordinates:
        for p in vocab.places.values():
            if p.kind != "place" or p.country != admin.country or not p.has_coordinates:
                continue
            if abs(p.latitude - admin.latitude) > 0.05 or abs(p.longitude - admin.longitude) > 0.05:
                continue
            if _haversine_km(p, admin) <= 3.0 and (best is None or p.population > best.population):
                best = p
    cache[admin.id] = best
    return best


def _inside(p: Place, admin: Place) -> bool:
    if p.country != admin.country or p.id == admin.id:
        return False
    if admin.kind == "admin1":
        return p.admin1 in (admin.name, admin.admin1)
    if admin.kind == "admin2":
        return p.kind == "place" and p.admin2 in (admin.admin2, admin.name)
    return False


# ----------------------------------------------------------------------------- places
@dataclass
class _PlaceScore:
    cand: Candidate
    score: float = 0.0
    first: int = 10**9
    near: bool = False
    mention: str = ""
    strong: float = 0.0
    near_from: float = -1.0  # weight of the sentence "near" was read from (body over title)


_PRECISION_RANK = {"place": 0, "admin2": 1, "admin1": 2}


def _pick_place(vocab: Vocab, text: str, ftext: str, sents: list[_Sent],
                matches: Sequence[Match], seg: _Segment):
    scores: dict[str, _PlaceScore] = {}
    for m in matches:
        pc = [c for c in m.candidates if c.kind == "place"]
        if not pc or m.best.kind != "place":
            continue
        if any(a <= m.start < b for a, b in seg.mask):
            continue
        s = _sent_at(sents, m.start)
        if s is None or s.weight <= 0:
            continue
        before = ftext[max(0, m.start - 40) : m.start]
        near = bool(_NEAR.search(before)) or bool(_VILLAGE_BEFORE.search(before))
        factor = 0.15 if not near and _AWAY.search(before) else 1.0
        c = pc[0]
        ps = scores.get(c.id)
        if ps is None:
            ps = scores[c.id] = _PlaceScore(c, first=m.start, mention=m.text)
        ps.score += s.weight * factor
        ps.strong = max(ps.strong, s.weight * factor)
        # how near: from the weightiest body sentence naming it (the title only alone)
        rank = s.weight * factor + (0.0 if s.title else 10.0)
        if rank > ps.near_from or (rank == ps.near_from and near):
            ps.near, ps.near_from = near, rank
    if not scores:
        return None, 1, "", ()
    # strongest sentence first; at equal strength the more precise unit (a town before
    # the province or region that contains it), then one the body names (headlines name
    # the state or region by its capital's name), then the better supported, the first
    ranked = sorted(scores.values(), key=lambda p: (
        -p.strong, _PRECISION_RANK.get(p.cand.entity.kind, 3), p.near_from < 10.0,
        -p.score, p.first))
    best = ranked[0]
    place: Place = best.cand.entity  # type: ignore[assignment]
    precision = 2 if best.near else 1
    if place.kind in ("admin1", "admin2"):
        # a town (or a smaller unit) inside this unit, named with support: code to it
        inner = [p for p in ranked[1:]
                 if _PRECISION_RANK[p.cand.entity.kind] < _PRECISION_RANK[place.kind]
                 and _inside(p.cand.entity, place) and p.strong >= 1.0]
        if inner:
            best = inner[0]
            place = best.cand.entity  # type: ignore[assignment]
            precision = 2 if best.near else 1
    elif best.near_from < 10.0:
        # "Tillabéri : ..." in the title, "la région de Tillabéri" in the text: the region
        unit = next((p for p in ranked[1:] if p.near_from >= 10.0
                     and p.cand.entity.kind != "place"
                     and fold_key(p.cand.entity.name) == fold_key(place.name)), None)
        if unit is not None:
            best = unit
            place = unit.cand.entity  # type: ignore[assignment]
    if place.kind in ("admin1", "admin2"):
        # a province or region alone: its capital, geo_precision 3 -- unless the words
        # were the bare name of a unit named after its seat ("près de Karimama")
        seat = _seat(vocab, place)
        bare = best.cand.alias == place.name and (
            seat is None or fold_key(seat.name) == fold_key(place.name))
        precision = (2 if best.near else 1) if bare else 3
        if seat is not None:
            place = seat
    cands = tuple(p.cand for p in ranked)
    return place, precision, best.mention, cands


# ----------------------------------------------------------------------------- actors
_PASSIVE = re.compile(
    r"\b(?:(?:was|were|been|being)\s+(?:\w+\s+)?(?:ambushed|attacked|targeted|hit|struck|"
    r"killed|overrun|raided)|came\s+under|ont\s+ete\s+(?:attaque|vise|pris)|"
    r"a\s+ete\s+(?:attaque|vise|pris)|(?:attack|assault|ambush|raid)s?\s+on|"
    r"attaque\w*\s+(?:contre|d[eu']|visant)|embuscade\s+contre|targeting|visant)\b"
)
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
_BLAME = re.compile(
    r"\b(?:blam\w*|claim\w*|attribut\w*|responsib\w*|believed\s+to\s+be|suspected|"
    r"revendiqu\w*|impute\w*|soupconn\w*|presume\w*|se\s+reclamant|stronghold|bastion|"
    r"fief)\b")
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
class _ActorScore:
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
# an active violent verb: the words before it hold its subject
_ACTIVE_VERB = re.compile(
    r"\b(?:attacked|raided|stormed|killed|shot|opened\s+fire|fired\s+on|torched|burned|"
    r"burnt|executed|abducted|kidnapped|rounded\s+up|massacred|ont\s+attaque|ont\s+fait\s+"
    r"irruption|ont\s+tue|ont\s+ouvert\s+le\s+feu|ont\s+execute|ont\s+incendie|ont\s+enleve|"
    r"ont\s+massacre|ont\s+tire|tuant|attaquant)\b"
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|ete|par|by|against|contre|on|sur)\s*$")


def _is_subject(ftext: str, sent: _Sent, m_start: int, m_end: int) -> bool:
    """The mention is the subject of an active violent verb that follows it."""
    before = ftext[sent.start : m_start]
    if _ACTIVE_VERB.search(before) or _PASSIVE.search(before):
        return False
    v = _ACTIVE_VERB.search(ftext, m_end, min(sent.end, m_end + 140))
    if v is None:
        return False
    return not _PASSIVE_BEFORE.search(ftext[m_end : v.start()])


def _collect_actors(vocab: Vocab, text: str, ftext: str, sents: list[_Sent],
                    matches: Sequence[Match], seg: _Segment,
                    country: str | None) -> dict[str, _ActorScore]:
    out: dict[str, _ActorScore] = {}
    uag = _actor_for(vocab, country, "Political militia", "Unidentified Armed Group")
    if uag is not None:
        for s in sents:
            if s.weight <= 0:
                continue
            hits = list(_UNATTRIBUTED.finditer(ftext, s.start, s.end))
            hits += list(_UNATTRIBUTED_ACRONYM.finditer(text, s.start, s.end))
            for h in hits:
                if any(a <= h.start() < b for a, b in seg.mask):
                    continue
                if (text[h.start() - 1 : h.start()] in _QUOTE_OPEN
                        and text[h.end() : h.end() + 1] in _QUOTE_OPEN):
                    continue  # 'terrorists' in scare quotes: one side's label
                sc = out.get(uag.id)
                if sc is None:
                    sc = out[uag.id] = _ActorScore(uag, None)
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
        s = _sent_at(sents, m.start)
        if s is None or s.weight <= 0:
            continue
        c = _choose_candidate(m, country)
        if c is None:
            continue
        actor: Actor = c.entity  # type: ignore[assignment]
        generic = _is_generic(c, m)
        after = ftext[m.end : m.end + 30]
        if generic and _NOT_ACTOR_AFTER.match(after):
            continue  # "military sources", "civilian vehicles"
        if (actor.type == _CIV or (generic and actor.type != _STATE)) and _is_source(ftext, m):
            continue  # "residents said", "selon des habitants"
        if actor.type == _CIV and c.alias.lower() == "civilian":
            nxt = _CIVILIAN_ADJ_NEXT.match(after)
            if nxt and nxt.group().strip() not in _GENERIC_CIV_OK_NEXT:
                continue  # "civilian trucks"
        if generic and actor.type == _STATE and _is_source(ftext, m) and s.weight < 2:
            continue
        if not generic and _SPOKESMAN_FOR.search(ftext, max(0, m.start - 40), m.start) \
                and not _CLAIM.search(ftext, s.start, s.end):
            continue  # "a spokesman for the FLA said": a source, unless claiming
        sc = out.get(actor.id)
        if sc is None:
            sc = out[actor.id] = _ActorScore(actor, c)
        sc.weight = max(sc.weight, s.weight)
        sc.count += 1
        sc.first = min(sc.first, m.start)
        sc.spans.append((m.start, m.end))
        sc.generic = sc.generic and generic
        if s.title or s.lead:
            sc.lead_first = min(sc.lead_first, m.start)
        if _STATE_AGENT.search(ftext, s.start, s.end) or (
                s.weight >= 2 and _is_subject(ftext, s, m.start, m.end)):
            sc.agent = True
        if _BLAME.search(ftext, s.start, s.end) and not _TARGETED_BEFORE.search(
                ftext, max(s.start, m.start - 30), m.start):
            sc.blamed = True
    return out


def _actor_for(vocab: Vocab, country: str | None, typ: str, prefix: str = "") -> Actor | None:
    """The shipped per-country actor of *typ* ("Civilians (Mali)", "Protesters (Niger)")."""
    if not country:
        return None
    for a in vocab.actors.values():
        if (a.type == typ and a.country == country and a.source == "shipped"
                and a.name.startswith(prefix)):
            return a
    return None


def _implied(vocab: Vocab, country: str | None, typ: str, prefix: str = "") -> _ActorScore | None:
    a = _actor_for(vocab, country, typ, prefix)
    return _ActorScore(a, None, 1.0, 0, 10**9, True, implied=True) if a else None


def _is_progov(a: _ActorScore) -> bool:
    """A militia fighting beside the state (CJTF, hunters' and vigilante groups)."""
    return a.actor.type == "Identity militia" or a.actor.id == "cjtf"


def _is_uag(a: _ActorScore) -> bool:
    return a.actor.id.startswith("uag-") or a.actor.name.startswith("Unidentified Armed Group")


def _order(xs: list[_ActorScore]) -> list[_ActorScore]:
    return sorted(xs, key=lambda a: (a.implied, _is_uag(a), -a.weight, a.lead_first, a.first))


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


def _side(a: _ActorScore) -> str | None:
    if a.actor.type in (_STATE, _EXTERNAL) or _is_progov(a):
        return "state"
    if a.actor.type in _ARMED:
        return "armed"
    return None


def _agent_side(ftext: str, sents: list[_Sent], chosen: list[_ActorScore]) -> str | None:
    """Which side acted, read from the lead (then the title): the agent after "by/par"
    of an attack word, else the subject of the first active violent verb."""
    mentions = sorted((a0, a1, a) for a in chosen if not a.implied for a0, a1 in a.spans)
    order = [s for s in sents if s.lead and s.weight >= 2] + [s for s in sents if s.title]
    for s in order:
        ms = [(a0, a1, a) for a0, a1, a in mentions if s.start <= a0 < s.end and _side(a)]
        if not ms:
            continue
        for a0, _, a in ms:
            if _AGENT_BY.search(ftext, max(s.start, a0 - 14), a0) and \
                    _VIOLENCE_BEFORE_BY.search(ftext, s.start, a0):
                return _side(a)
        for v in _ROLE_VERB.finditer(ftext, s.start, s.end):
            if _PASSIVE_AUX.search(ftext[max(s.start, v.start() - 12) : v.start()]):
                continue
            before = [(a0, a1, a) for a0, a1, a in ms if a1 <= v.start()]
            before = [(a0, a1, a) for a0, a1, a in before
                      if not _TARGET_PREP.search(ftext[max(s.start, a0 - 14) : a0])]
            if before:
                return _side(before[-1][2])
            break  # the first verb has no subject among the actors
    return None


def _assign_roles(chosen: list[_ActorScore], sub: str, lead_text: str,
                  agent: str | None = None):
    """(actor1, assoc1, actor2, assoc2) following ACLED's conventions."""
    state = _order([a for a in chosen if a.actor.type == _STATE])
    ext = _order([a for a in chosen if a.actor.type == _EXTERNAL])
    armed = _order([a for a in chosen if a.actor.type in _ARMED])
    civ = _order([a for a in chosen if a.actor.type == _CIV])
    crowd = _order([a for a in chosen if a.actor.type in _CROWD])
    # pro-government militias (CJTF, hunters' groups) fight beside the state when it is there
    progov = [a for a in armed if _is_progov(a)]
    side_state = state + ext
    if state:
        side_state += progov
        armed = [a for a in armed if a not in progov]

    if crowd:
        a2 = None
        if side_state and sub in ("Protest with intervention",
                                  "Excessive force against protesters"):
            a2 = side_state[0]
        return crowd[0], [], a2, []
    if sub in _VAC:
        named = [a for a in armed if not _is_uag(a)]
        if named:
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


# ----------------------------------------------------------------------------- main
_EXPLOSIONS = {"Suicide bomb", "Remote explosive/landmine/IED", "Grenade",
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
_TERRITORY = {"Government regains territory", "Non-state actor overtakes territory"}
_JUST_SPACE = re.compile(r"[\s:,\u2013\u2014-]*")
_TOWN_OF = re.compile(
    r"\s*(?:the\s+(?:town|city|village|locality|district)\s+of\s+|(?:la\s+)?"
    r"(?:ville|localite|commune|cite)\s+d[e']\s*|d[e']\s*|la\s+ville\s+d[e']\s*)?"
)


def _territory_taker(ftext: str, sents: list[_Sent], chosen: list[_ActorScore],
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
                    if a.actor.type in (_STATE, _EXTERNAL):
                        return "state"
                    if a.actor.type in _ARMED:
                        return "armed"
    return None


def _refine_type(cands: list[EventTypeCandidate], chosen: list[_ActorScore],
                 civ_in_lead: bool) -> tuple[str, str, str]:
    """ACLED's rules over the keyword ranking: an "attack" between two armed sides with no
    civilian victims is an armed clash; a "clash" of one armed side with civilians only
    is an attack on civilians."""
    if not cands:
        return "", "", ""
    top = cands[0]
    et, sub, dis = top.event_type, top.sub_event_type, top.disorder_type
    if sub in _VAC | {"Armed clash"}:
        # the means decide: an air strike, a mine or a suicide bomber that kills civilians
        # (or soldiers) is remote violence, not an attack or a clash (ACLED codebook)
        remote = [c for c in cands if c.sub_event_type in _EXPLOSIONS and c.score >= 5.0]
        if remote:
            r = remote[0]
            return r.event_type, r.sub_event_type, r.disorder_type
    types = [a.actor.type for a in chosen]
    has_state = any(t in (_STATE, _EXTERNAL) for t in types)
    n_armed = sum(1 for t in types if t in _ARMED)
    if sub == "Attack" and not civ_in_lead and ((has_state and n_armed) or n_armed >= 2):
        return "Battles", "Armed clash", "Political violence"
    state_acts = any(a.agent for a in chosen if a.actor.type in (_STATE, _EXTERNAL))
    if sub == "Armed clash" and civ_in_lead and (
            (not has_state and n_armed <= 1) or (n_armed == 0 and state_acts)):
        return "Violence against civilians", "Attack", "Political violence"
    return et, sub, dis


def _implied_actors(vocab: Vocab, chosen: list[_ActorScore], scores: dict[str, _ActorScore],
                    et: str, sub: str, country: str | None) -> list[_ActorScore]:
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
        a = _implied(vocab, country, typ, prefix)
        if a is not None and all(c.actor.id != a.actor.id for c in chosen):
            chosen.append(a)

    def add_uag() -> None:
        add("Political militia", "Unidentified Armed Group")

    types = {a.actor.type for a in chosen}
    has_state = bool(types & {_STATE, _EXTERNAL})
    has_armed = any(a.actor.type in _ARMED and not (has_state and _is_progov(a)) for a in chosen)
    has_civ = _CIV in types
    state_acts = any(a.agent for a in chosen if a.actor.type in (_STATE, _EXTERNAL))
    if et in ("Protests", "Riots"):
        typ = "Protesters" if et == "Protests" else "Rioters"
        chosen = [a for a in chosen if a.actor.type not in _CROWD or a.actor.type == typ]
        add(typ)
    elif sub in _VAC:
        if not has_armed and not (has_state and state_acts):
            add_uag()
        add(_CIV)
    elif sub == "Air/drone strike":
        if not has_armed and not has_civ:
            add_uag()  # strikes on "positions" of an unnamed group
    elif sub in _EXPLOSIONS:
        if not has_armed:
            add_uag()
        if not has_state and not has_civ:
            add(_CIV)
    elif sub == "Armed clash":
        if not has_armed and (has_state or not chosen):
            add_uag()
    elif sub == "Looting/property destruction":
        if not has_armed and not has_state:
            add_uag()
        if not has_state and not has_civ:
            add(_CIV)
    elif sub == "Agreement" and has_armed and not has_state and not has_civ:
        add(_CIV)  # a local agreement between an armed group and a community
    return chosen


def _code_segment(vocab: Vocab, text: str, ftext: str, seg: _Segment, title_end: int,
                  published: dt.date | dt.datetime, lang: str | None,
                  country_hint: str | None) -> tuple[EventCoding | None, list[Match]]:
    sents = _sentences(text, ftext, seg, title_end)
    if not any(s.weight > 0 and _INCIDENT_CUE.search(ftext, s.start, s.end) for s in sents):
        return None, []  # nothing in it tells of an incident
    lo = 0 if seg.has_title else seg.start
    seg_text = text[lo : seg.end]
    local_sents = [_Sent(s.start - lo, s.end - lo, s.weight, s.title, s.lead, s.quote)
                   for s in sents]
    local_mask = [(a - lo, b - lo) for a, b in seg.mask]
    masked = _masked(seg_text, local_sents, local_mask)
    matcher = vocab.matcher()
    matches = [Match(m.start + lo, m.end + lo, m.text, m.candidates)
               for m in matcher.find(masked, country_hint=country_hint)]

    place, geo_prec, mention, place_cands = _pick_place(vocab, text, ftext, sents, matches,
                                                        seg)
    country = place.country if place is not None else None
    if country is None:
        cc = [m.best.id for m in matches if m.best.kind == "country" and not m.ambiguous]
        country = cc[0] if cc else (country_hint.upper() if country_hint else None)

    scores = _collect_actors(vocab, text, ftext, sents, matches, seg, country)
    named_armed = any(a.actor.type in _ARMED and not _is_uag(a) and not _is_progov(a)
                      for a in scores.values())
    chosen: list[_ActorScore] = []
    for a in scores.values():
        if _is_uag(a) and named_armed:
            continue  # "gunmen" who are then named
        if a.weight >= (2.0 if a.generic else 1.0):
            chosen.append(a)

    # event type: the title and lead first, the other counting sentences if they say nothing
    head = _masked(seg_text, local_sents, local_mask, min_weight=2.0)
    et_cands = suggest_event_type(head, lang) or suggest_event_type(masked, lang)
    if not et_cands:
        return None, matches  # no wording of any ACLED event type
    civ_in_lead = any(a.actor.type == _CIV and a.weight >= 2 for a in chosen)
    et, sub, dis = _refine_type(et_cands, chosen, civ_in_lead)
    if sub in _TERRITORY or sub in ("Armed clash", "Attack", ""):
        place_spans = [(m.start, m.end) for m in matches
                       if any(c.kind == "place" for c in m.candidates)]
        taker = _territory_taker(ftext, sents, chosen, place_spans)
        if taker is not None:
            et, dis = "Battles", "Political violence"
            sub = ("Government regains territory" if taker == "state"
                   else "Non-state actor overtakes territory")

    # ACLED conventions for who is involved
    chosen = _implied_actors(vocab, chosen, scores, et, sub, country)

    lead_text = " ".join(ftext[s.start : s.end] for s in sents
                         if (s.title or s.lead) and s.weight >= 2)
    a1, as1, a2, as2 = _assign_roles(chosen, sub, lead_text,
                                     _agent_side(ftext, sents, chosen))
    # ACLED: political violence whose target is civilians (attacks, abductions, and
    # bombs or strikes that hit them); not looting, agreements or demonstrations
    civ_t = a2 is not None and a2.actor.type == _CIV and "Political violence" in dis

    date = extract_event_date(masked, published, lang, same_day_weekday=True)
    if date.span is not None:
        date = _shift(date, lo)
    # the toll of the title and lead first; later sentences only if they hold it alone
    fat = extract_fatalities(head, lang)
    if not fat.found:
        fat = extract_fatalities(masked, lang)
    if et == "Strategic developments" and fat.found and fat.mentions and all(
            "neutrali" in fold_same_length(masked[k0:k1])
            for k0, k1 in (m.keyword_span for m in fat.mentions)):
        # "neutralised" in an arrest or a seizure means taken out of action, not killed
        fat = FatalitySuggestion(0, 0, None, None, "", False, ())
    if fat.span is not None:
        fat = _shift_fat(fat, lo)
    actor_cands = tuple(a.cand for a in sorted(scores.values(),
                                               key=lambda a: (-a.weight, a.first))
                        if a.cand is not None)
    coding = EventCoding(
        span=(seg.start, seg.end),
        actor1=a1.actor if a1 else None,
        assoc_actor_1=tuple(a.actor for a in as1),
        actor2=a2.actor if a2 else None,
        assoc_actor_2=tuple(a.actor for a in as2),
        place=place,
        geo_precision=geo_prec,
        place_mention=mention,
        country=country,
        event_type=et,
        sub_event_type=sub,
        disorder_type=dis,
        event_types=_ranked_types(et_cands, et, sub, dis),
        date=date,
        fatalities=fat,
        civilian_targeting=civ_t,
        actor_candidates=actor_cands,
        place_candidates=place_cands,
    )
    return coding, matches


def _ranked_types(cands: list[EventTypeCandidate], et: str, sub: str,
                  dis: str) -> tuple[EventTypeCandidate, ...]:
    """The keyword candidates with the chosen type first (ACLED's rules may have chosen
    one the keywords ranked lower, or not at all)."""
    if not sub:
        return tuple(cands)
    chosen = next((c for c in cands if c.sub_event_type == sub), None)
    if chosen is None:
        chosen = EventTypeCandidate(et, sub, dis, 0.0, 0.0, ())
    return (chosen, *(c for c in cands if c.sub_event_type != sub))


def _shift(d: DateSuggestion, lo: int) -> DateSuggestion:
    if not lo or d.span is None:
        return d
    from dataclasses import replace

    return replace(d, span=(d.span[0] + lo, d.span[1] + lo))


def _shift_fat(f: FatalitySuggestion, lo: int) -> FatalitySuggestion:
    if not lo or f.span is None:
        return f
    from dataclasses import replace

    return replace(f, span=(f.span[0] + lo, f.span[1] + lo),
                   mentions=tuple(replace(m, span=(m.span[0] + lo, m.span[1] + lo),
                                          keyword_span=(m.keyword_span[0] + lo,
                                                        m.keyword_span[1] + lo))
                                  for m in f.mentions))


def suggest_coding(
    title: str,
    text: str,
    published: dt.date | dt.datetime | str,
    lang: str | None = None,
    *,
    vocab: Vocab,
    country_hint: str | None = None,
) -> ItemCoding:
    """The pre-filled coding of one news item (see the module doc).

    *published*: the item's publication time (a datetime, a date or the store's ISO
    string); relative dates ("on Tuesday") are resolved against it.  *country_hint*: the
    feed's country, used only to rank ambiguous names.
    """
    if isinstance(published, str):
        published = dt.datetime.fromisoformat(published.replace("Z", "+00:00"))
    title = title or ""
    full = f"{title}\n\n{text}" if title else (text or "")
    title_end = len(title)
    ftext = fold_same_length(full)
    events = []
    matches: list[Match] = []
    for seg in _segments(full, ftext, title_end):
        ev, seg_matches = _code_segment(vocab, full, ftext, seg, title_end, published, lang,
                                        country_hint)
        if ev is not None:
            events.append(ev)
            matches += [m for m in seg_matches if seg.start <= m.start < seg.end
                        or (seg.has_title and m.start < seg.end)]
    return ItemCoding(text=full, title_end=title_end, events=tuple(events),
                      matches=tuple(sorted(matches, key=lambda m: m.start)))


def suggest_for_item(
    item: Mapping | Sequence,
    vocab: Vocab,
    *,
    country_hint: str | None = None,
) -> ItemCoding:
    """The pre-filled coding of a stored item: :func:`suggest_coding` over a
    ``sqlite3.Row`` / mapping with ``title``, ``text``, ``published`` (the store's ISO
    UTC string) and ``language``, or a tuple in that order (language optional)."""
    if isinstance(item, Mapping) or hasattr(item, "keys"):
        keys = set(item.keys())  # type: ignore[union-attr]
        title = item["title"]  # type: ignore[index]
        text = item["text"]  # type: ignore[index]
        published = item["published"]  # type: ignore[index]
        lang = item["language"] if "language" in keys else None  # type: ignore[index]
    else:
        title, text, published, *rest = item
        lang = rest[0] if rest else None
    return suggest_coding(title or "", text or "", published, lang, vocab=vocab,
                          country_hint=country_hint)

