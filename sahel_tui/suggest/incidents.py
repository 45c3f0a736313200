"""Stage 1 of the coding pipeline: the incidents of an item and the sentences that
describe each.

:func:`segments` cuts an item (title + body) into incidents (round-up bullets, "Also:",
"Separately," paragraphs; old incidents told in passing are background);
:func:`sentences` weighs each sentence of one incident (title and lead 2+, a tied later
sentence 1, background, quotes, datelines and captions 0); :func:`masked_text` blanks
what does not count, keeping offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ._text import sentence_bounds

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
    r"patrouille\w*|checkpoint|barrage|intervened|dispers\w*|tear\s*gas|live\s+(?:ammunition|"
    r"rounds)|wounded|injured|rap(?:e|ed|ing)|robb\w*|stole|stolen|prohibit\w*|banned|"
    r"encircl\w*|barricad\w*|vandali\w*|lynch\w*|mob|tortur\w*|beat(?:en|ing)?)\b"
)
# words that tell of an incident (a violent event, a demonstration or a security
# development): without one, a text reports nothing to code ("gold mine", "pay deal")
INCIDENT_CUE = re.compile(
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
    r"defect\w*|reddition|se\s+sont\s+rendus|prohibit\w*|forb[ai]d\w*|banned|"
    r"ordered\s+(?:\w+\s+){0,3}to\s+leave|encircl\w*|sit-ins?|barricad\w*|fired\s+(?:gun)?shots|"
    r"fired\s+(?:artillery|weapons|mortars?)|stripped\s+(?:\w+\s+){0,2}of|prison\s+break|"
    r"jailbreak|robb\w*|stole|stolen|rap(?:e|ed|ing)|tortur\w*|wounded|injured|lynch\w*|"
    r"mob|intercepted|interdit\w*|burn(?:ed|t|ing|s)?|detonat\w*|explosives|"
    r"(?:forcibly|forcefully|forced|were|was)\s+disappeared|"
    r"extort\w*|exchanged\s+(?:gun)?fire|shoot-?out|fought|street[\s-]?fights?|brawl\w*|rixe|"
    r"state\s+of\s+emergency|ban\s+on\s+(?:motorbikes?|motorcycles?|movements?|"
    r"circulation)|ultimatum|roadblocks?|invaded|threatened\s+(?:\w+\s+){0,2}(?:villagers|"
    r"residents|population|farmers|herders|civilians|travell?ers)|processions?|"
    r"cleared\b(?=[^.]{0,120}\b(?:boko|haram|iswap|militants|insurgents|terrorists|"
    r"bandits|jihadists|resistance|camps?|hideouts?|enclaves?)\b)|"
    r"dismantl\w*|defus\w*|firearms|fire\s+arms|disarmament|"
    r"operations?\s+against|closed\s+down\s+(?:the\s+)?(?:\w+\s+)?(?:schools?|markets?|"
    r"mosques?|churches?)|prisoner\s+exchange|"
    r"(?:agreements?|accord|commitment)\s+(?:\w+\s+){0,6}(?:end|prevent|stop)\s+(?:the\s+)?"
    r"(?:hostilities|fighting|violence|conflicts?|clashes)|cessation\s+of\s+hostilities|"
    r"(?:general|three-day|(?:went|go|going)\s+on)\s+strike|strike\s+action|"
    r"(?:observ|began|start)\w*\s+(?:[\w-]+\s+){0,3}strike\b|"
    # the wording of event_rules.toml's types that no word above covers
    r"took\s+to\s+the\s+streets?|marched\b[^.]{0,60}?\b(?:demand\w*|against|protest\w*|"
    r"denounc\w*|call(?:ed|ing)?\s+for)|threw\s+stones|pelted|murder\w*|slaughter\w*|"
    r"stabb(?:ed|ing)|stab[\s-]?wound\w*|decapitat\w*|whipp(?:ed|ing)|flogg\w*|"
    r"skirmish\w*|gun\s*fights?|fire\s*fights?|gun\s+battles?|"
    r"engaged\s+(?:\w+\s+){0,4}in\s+(?:a\s+)?(?:gun\s+)?battle|forced\s+disappearances?|"
    # a business deal is no incident: only a pact between communities or sides
    r"signed\s+(?:\w+\s+){0,3}(?:reconciliation|peace|non-aggression|ceasefire)|"
    # wordings the type rules read that no cue above let through
    r"wounding|injuring|fired\s+(?:\w+\s+){0,2}at|ablaze|set\s+(?:\w+\s+){0,4}on\s+fire|"
    r"beat(?:en|ing)?\s+up|(?:severely|was|were)\s+beaten|"
    r"(?:took|taken|led)\s+(?:\w+\s+){0,5}to\s+an\s+unknown\s+(?:destination|location)|"
    r"encountered\s+(?:\w+\s+){0,2}(?:boko|bh|iswap|militants|insurgents|terrorists|"
    r"bandits|gunmen|militias?)|(?:installed|established|set\s+up)\s+(?:\w+\s+){0,2}base|"
    r"(?:arms|weapons)\s+cache|gathered\b[^.]{0,100}?\b(?:calling\s+for|demand\w*|"
    r"to\s+protest|to\s+denounce))\b"
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
QUOTE_OPEN = "\"\u201c\u201d\u00ab\u2018'"
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

# ----------------------------------------------------------------------------- helpers
@dataclass
class Sent:
    start: int
    end: int
    weight: float  # 0 = does not describe the incident
    title: bool = False
    lead: bool = False
    quote: bool = False


@dataclass
class Segment:
    start: int
    end: int
    has_title: bool
    mask: list[tuple[int, int]] = field(default_factory=list)  # datelines etc. to ignore
    # opens "the following day", "two days later": that many days after the incident before
    days_after: int = 0
    day_phrase: tuple[int, int] | None = None  # where it says so
    # one item of an in-sentence list of incidents ("IED attacks at A (3 Oct), on the RN18
    # (4 Oct) and near B (6 Oct)"): (list id, this item's index, number of items)
    listed: tuple[int, int, int] | None = None


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


def segments(text: str, ftext: str, title_end: int) -> list[Segment]:
    paras = _paragraphs(text)
    body = [(s, e) for s, e in paras if s >= title_end]
    bullets = [(s, e) for s, e in body
               if _BULLET.match(text, s) and _EVENT_CUE.search(ftext, s, e)]
    if len(bullets) >= 2:
        return [Segment(s, e, False) for s, e in bullets]
    starts = [s for s, e in body
              if s > (body[0][0] if body else 0)
              and _FURTHER.match(ftext, s) and _EVENT_CUE.search(ftext, s, e)
              and not _old_incident(text, ftext, s, e)]
    segs = []
    first_end = starts[0] if starts else len(text)
    segs.append(Segment(0, first_end, True))
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else len(text)
        segs.append(Segment(s, e, False))
    by_day = [part for seg in segs for part in _by_day(text, ftext, seg, title_end)]
    return [part for seg in by_day for part in _listed(text, ftext, seg, title_end)]


# an item of an in-sentence list of incidents: a place phrase with its own day in brackets
# ("at Tarkint (3 Oct)", "on the RN18 (4 October)", "near Aguelhok (23 Oct.)")
_ITEM = re.compile(
    r"\b(?:at|in|on|near|around|outside|along|between|a|au|pres\s+de|sur)\s+"
    r"[^,;:()\n]{1,60}?\s*\(\s*(?:on\s+|le\s+)?\d{1,2}(?:st|nd|rd|th|er)?\s+(?:"
    + _MONTH_NAMES + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|janv|fev|avr|juil|"
    r"sept|oct|nov|dec)\.?\s*\)")
_LIST_GLUE = re.compile(r"\s*(?:,\s*(?:and\s+|et\s+)?|\s+and\s+|\s+et\s+)$")


def _listed(text: str, ftext: str, seg: Segment, title_end: int) -> list[Segment]:
    """ACLED codes one event per place and day: a sentence listing incidents each with its
    own place and day ("IED attacks at Tarkint (3 Oct), on the RN18 (4 Oct) and at
    Aguelhok (23 Oct)") gives one incident per item, each reading the sentence with the
    other items masked."""
    lo = max(seg.start, title_end if seg.has_title else seg.start)
    for a, b in sentence_bounds(text[lo : seg.end]):
        a, b = lo + a, lo + b
        items = list(_ITEM.finditer(ftext, a, b))
        run = items[:1]
        for it in items[1:]:
            if _LIST_GLUE.fullmatch(ftext, run[-1].end(), it.start()):
                run.append(it)
            elif len(run) < 2:
                run = [it]
        days = {ftext[m.start() : m.end()].rsplit("(", 1)[1] for m in run}
        if len(run) < 2 or len(days) < 2:
            continue
        spans = [(m.start(), m.end()) for m in run]
        out = []
        for i in range(len(run)):
            mask = seg.mask + [sp for j, sp in enumerate(spans) if j != i]
            if seg.has_title:  # the headline may repeat an item: masked there too
                for j, (x, y) in enumerate(spans):
                    k = ftext.find(ftext[x:y], 0, title_end) if j != i else -1
                    if k >= 0:
                        mask.append((k, k + y - x))
            out.append(Segment(seg.start, seg.end, seg.has_title, mask, seg.days_after,
                               seg.day_phrase, (a, i, len(run))))
        return out
    return [seg]


# a sentence opening on a day: "On 4 October, ...", "Around 12 May 2020 ...", "On Tuesday
# ...", "Le 23 octobre, ...", "The following day, ...", "Two days later, ..."
_DAY_OPENING = re.compile(
    r"[\s\"'\u201c\u00ab(\[]*(?:(?:on|around|le|dans\s+la\s+nuit\s+du)\s+(?:the\s+)?"
    r"(?:(?:night\s+of\s+)?\d{1,2}(?:st|nd|rd|th|er)?\s+(?:" + _MONTH_NAMES + r"|"
    r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?|(?:" + _MONTH_NAMES + r")\s+\d{1,2}"
    r"(?:st|nd|rd|th)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|"
    r"mercredi|jeudi|vendredi|samedi|dimanche)|the\s+(?:following|next)\s+day|the\s+day\s+"
    r"after|(?:two|three|four|five|\d+)\s+days\s+later|le\s+lendemain)\b")


def _by_day(text: str, ftext: str, seg: Segment, title_end: int) -> list[Segment]:
    """ACLED codes one event per actors, place and day: a later sentence of the incident
    that opens on another day and tells of violence or a development ("On 4 October, an
    IED hit ...", "The following day, the militants returned ...") starts an incident of its
    own, up to the next such sentence."""
    lo = max(seg.start, title_end if seg.has_title else seg.start)
    cuts: list[tuple[int, int, int]] = []  # (start, days after the one before, phrase end)
    first_day: str | None = None
    for ps, pe in _paragraphs(text[: seg.end]):
        if pe <= lo:
            continue
        ps = max(ps, lo)
        for a, b in sentence_bounds(text[ps:pe]):
            a, b = ps + a, ps + b
            m = _DAY_OPENING.match(ftext, a, b)
            if m is None:
                continue
            day = " ".join(m.group().split()).strip("\"'([\u201c\u00ab ")
            if first_day is None:
                first_day = day
            elif day != first_day and INCIDENT_CUE.search(ftext, a, b) and \
                    not _PAST_PERIOD.search(ftext, a, b):
                cuts.append((a + len(m.group()) - len(m.group().lstrip()), _days_after(day),
                             m.end()))
                first_day = day
    if not cuts:
        return [seg]
    out = [Segment(seg.start, cuts[0][0], seg.has_title, seg.mask)]
    for i, (c, n, e) in enumerate(cuts):
        out.append(Segment(c, cuts[i + 1][0] if i + 1 < len(cuts) else seg.end, False,
                           days_after=n, day_phrase=(c, e) if n else None))
    return out


_NUMBER_WORD = {"two": 2, "three": 3, "four": 4, "five": 5}


def _days_after(day: str) -> int:
    """1 for "the following day", "le lendemain"; N for "N days later"; else 0."""
    if day.startswith(("the following", "the next", "the day after", "le lendemain")):
        return 1
    m = re.match(r"(\w+)\s+days\s+later", day)
    if m:
        return int(m[1]) if m[1].isdigit() else _NUMBER_WORD.get(m[1], 0)
    return 0


def sentences(text: str, ftext: str, seg: Segment, title_end: int) -> list[Sent]:
    out: list[Sent] = []
    if seg.has_title and title_end > 0:
        out.append(Sent(0, title_end, 3.0, title=True))
    body_start = title_end if seg.has_title else seg.start
    paras: list[tuple[int, int]] = []
    for ps, pe in _paragraphs(text[: seg.end]):
        if pe <= body_start or pe <= seg.start:
            continue
        ps = max(ps, body_start, seg.start)  # an incident may open mid-paragraph (by day)
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
            quote = bool(st) and st[0] in QUOTE_OPEN
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
            out.append(Sent(s, e, w, lead=is_lead, quote=quote))
    return out


_NUM_OR_DATE = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|dozens?|several|"
    r"un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|dizaines?|plusieurs|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|overnight|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|nuit)\b"
)


def _has_number_or_date(s: str) -> bool:
    return _NUM_OR_DATE.search(s) is not None


def sent_at(sents: list[Sent], pos: int) -> Sent | None:
    for s in sents:
        if s.start <= pos < s.end:
            return s
    return None


def masked_text(text: str, sents: list[Sent], masks: list[tuple[int, int]],
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
