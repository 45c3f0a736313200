"""Suggest fatality figures (low / best / high) from casualty wording.

Numbers count when they stand near a killing word (killed, dead, died, deaths, lost
their lives, bodies, slain, massacred, executed, neutralised; tués, morts, décès, ont péri,
ont perdu la vie, corps, abattus, neutralisés ...) in the same sentence, and nearer to it
than to a non-fatal word (injured, wounded, blessés, abducted, enlevés, missing, arrested).
Forms: numerals ("15", "1,200"), English and French number words up to the hundreds,
ACLED's vague words ("several"/"plusieurs" = 3, "dozens"/"des dizaines" = 12,
"hundreds"/"des centaines" = 100), French approximations ("une dizaine" = 10,
"une vingtaine" = 20 ...), "a dozen"/"une douzaine" = 12, qualifiers ("at least 15" -> 15,
"more than", "about", "up to") and ranges ("between 10 and 20" -> low 10, high 20).
A singular victim ("a soldier was killed", "un civil a été tué") counts 1.
Not counted: years, dates, times, quantities with units (vehicles, km, motos, head of
cattle, FCFA ...).  Numbers attached to the same killing word are added up ("12 soldiers
and 30 militants were killed" = 42), and so are those of separate killing words (ACLED
counts every death, attackers' included: "two soldiers were killed ... four militants were
also killed" = 6) -- unless a sentence gives a total ("the toll rose to 9") or a figure is
repeated, when the largest is kept.  Before an active killing verb with its victims after
it stands the killer ("a policeman shot and killed a farmer" = 1).
None found: 0 with ``found=False``; an explicit "no one was killed" gives 0, found=True.

ACLED's conventions over these figures (claims, "coded as N", a toll split over events)
are in :mod:`.toll_rules`.  Past 600 lines because a third of it is the word tables
(killing, blocking, unit and person words) the one reading pass needs side by side.

Pure functions, stdlib only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._text import fold_same_length, parse_number_words, sentence_bounds

__all__ = ["FatalityMention", "FatalitySuggestion", "extract_fatalities", "find_fatalities"]


@dataclass(frozen=True, slots=True)
class FatalityMention:
    low: int
    best: int
    high: int | None
    span: tuple[int, int]  # the number phrase, [start, end) in the original text
    keyword_span: tuple[int, int]  # the killing word it is attached to
    phrase: str
    qualifier: str  # exact | at least | more than | about | up to | range | vague | none


@dataclass(frozen=True, slots=True)
class FatalitySuggestion:
    low: int  # ACLED's conservative figure (lowest credible)
    best: int
    high: int | None
    span: tuple[int, int] | None  # from the first number to its killing word
    phrase: str
    found: bool
    mentions: tuple[FatalityMention, ...] = ()

    @property
    def acled(self) -> int:
        return self.low


# ----------------------------------------------------------------------------- vocabulary
_KILL = re.compile(
    r"^(?:kill|killed|kills|killing|dead|died|dies|die|death|deaths|fatalit(?:y|ies)|"
    r"bodies|corpses|slain|slay|massacred|massacre|massacring|perished|perish|executed|"
    r"beheaded|decapitated|murdered|murdering|neutrali[sz]ed|neutrali[sz]ing|toll|lives|life|"
    r"assassinated|succumbed|succumbing|lynched|"
    r"vie|tue|tues|tuee|tuees|tuant|tuer|tuent|mort|morts|morte|mortes|deces|decede|decedes|"
    r"decedee|decedees|peri|perissent|perdu|corps|cadavres|massacres|massacree|massacrees|"
    r"executes|executees|execute|egorges|egorge|decapite|decapites|abattus|abattu|abattues|neutralises|"
    r"neutralise|neutralisees|neutralisant|neutraliser|neutralisent|bilan|succombe|"
    r"succombes|succombent)$"
)
# only killing words when next to the right words ("lost their lives", "shot dead" ...)
_NEEDS_CONTEXT = {"lives", "life", "perdu", "corps", "vie"}
_CONTEXT_OK = re.compile(
    r"(?:lost\s+(?:their|his|her)\s+li(?:ves|fe)|perdu\s+la\s+vie|death\s+toll|"
    r"cout\w*\s+la\s+vie|claimed\s+the\s+li(?:ves|fe)|"
    r"toll\b|bilan|death|corps\s+sans\s+vie|(?:des|les|\d+)\s+corps|to\s+die|may\s+die)"
)
_BLOCK = re.compile(
    r"^(?:injur\w*|wound\w*|hurt|maimed|bless\w*|abduct(?!ors?$)\w*|"
    r"kidnap(?!pers?$)\w*|missing|captur\w*|"
    r"arrest\w*|detain\w*|rescu\w*|freed|releas\w*|displac\w*|fled|flee\w*|evacuat\w*|"
    r"hostages?|survi\w*|enlev\w*|disparus?|interpell\w*|arret\w*|libere\w*|deplace\w*|"
    r"otages?|enleve\w*|rapt\w*|sequestr\w*|refugi\w*|rescap\w*|hospitali\w*|soign\w*|"
    r"recovered|seized|saisi\w*|surrender\w*|rendus?|prisoners?|taken|prisonniers?|"
    r"captives?)$"
)
_UNITS = re.compile(
    r"^(?:vehicles?|cars?|trucks?|lorries|lorry|pick-?ups?|motorcycles?|motorbikes?|bikes?|"
    r"motos?|vehicules?|camions?|engins?|km|kms|kilomet\w*|miles?|metres?|meters?|m|kg|"
    r"tons?|tonnes?|years?|yrs|ans?|annees?|months?|mois|days?|jours?|weeks?|semaines?|"
    r"hours?|heures?|h|hrs?|minutes?|min|cattle|cows?|head|sheep|goats?|camels?|animals?|"
    r"livestock|betail|tetes|moutons?|chevres?|boeufs?|vaches?|chameaux?|houses?|homes?|"
    r"huts?|maisons?|cases|shops?|boutiques?|schools?|ecoles?|villages?|localities|"
    r"localites?|communes?|percent|pourcent|pour|per|cfa|fcfa|naira|dollars?|euros?|"
    r"francs?|rounds?|munitions?|cartridges?|weapons?|armes?|rifles?|guns?|fusils?|"
    r"kalachnikovs?|ak-?47s?|millions?|billions?|milliards?|bags?|sacs?|litres?|liters?|"
    r"times|fois|o'clock|am|pm|gmt|utc|th|st|nd|rd|bis|events?|locations?|incidents?|"
    r"sites?|evenements?)$"
)
_PERSON_SG = re.compile(
    r"^(?:soldier|civilian|person|man|woman|child|boy|girl|villager|resident|policeman|"
    r"policewoman|officer|gendarme|trader|farmer|herder|herdsman|pastor|priest|imam|chief|"
    r"teacher|student|pupil|worshipper|driver|militant|fighter|jihadist|terrorist|"
    r"assailant|attacker|bandit|insurgent|volunteer|member|guard|vigilante|hunter|miner|"
    r"soldat|civil|personne|homme|femme|enfant|garcon|fille|villageois|habitant|policier|"
    r"militaire|commercant|eleveur|cultivateur|agriculteur|pasteur|pretre|enseignant|"
    r"eleve|conducteur|chauffeur|terroriste|jihadiste|djihadiste|assaillant|volontaire|"
    r"vdp|membre|garde|chasseur|dozo|orpailleur|infirmier|nurse|doctor|medecin|journalist|"
    r"journaliste|elu|mayor|maire|councillor|conseiller|notable|guide|marabout|"
    r"individual|youth|brother|sister|son|daughter|father|mother|husband|wife|owner|"
    r"fisherman|vendor|merchant|griot|detainee|prisoner|commander|leader|official|"
    r"militiaman|operative|agent|contractor|apprentice|peacekeeper|shepherd|passenger|"
    r"motorist|healer|elder|councilor|abductee|victim|suspect|informant|catechist|"
    r"chairman|emir|deputy|prefect|ranger|cleric|preacher|individu|jeune|frere|fils|pere|"
    r"mere|mari|epouse|proprietaire|pecheur|vendeur|detenu|prisonnier|chef|responsable|"
    r"berger|passager|imam|motorcyclist|cyclist|lawyer|dealer|councilman|headman|associate|"
    r"aide|bodyguard|rioter|thief|robber|criminal|kidnapper|inmate|refugee|migrant|"
    r"mechanic|tailor|butcher|pharmacist|physician|engineer|contractor|customer|"
    r"worker|employee|pilgrim|catechist|pastoralist|secretary|gunman|militiaman|fighter|"
    r"councilwoman|midwife|bride|baby|toddler|infant|teenager|grandson|nephew|cousin)$"
)
_ARTICLE_ONE = {"a", "an", "un", "une", "one"}
_ORDINAL_SUFFIX = {"er", "re", "e", "eme", "st", "nd", "rd", "th"}
# person words that are also adjectives after a noun (French) or nouns used as modifiers
_ADJ_TOO = {"militaire", "civil", "volontaire", "garde", "guide", "membre", "notable",
            "terroriste", "jihadiste", "djihadiste", "policier", "chasseur"}
_GROUP_NOUN = re.compile(
    r"^(?:groups?|patrols?|posts?|outposts?|convoys?|camps?|bases?|vehicles?|units?|"
    r"gatherings?|meetings?|"
    r"positions?|checkpoints?|leaders?|commanders?|hideouts?|cells?|network|"
    r"groupes?|patrouilles?|postes?|convois?|vehicules?|unites?|cellules?|s)$"
)
_MONTH_WORDS = {
    "january", "jan", "february", "feb", "march", "mar", "april", "apr", "may", "june", "jun",
    "july", "jul", "august", "aug", "september", "sept", "sep", "october", "oct", "november",
    "nov", "december", "dec", "janvier", "janv", "fevrier", "fev", "mars", "avril", "avr",
    "mai", "juin", "juillet", "juil", "aout", "septembre", "octobre", "novembre", "decembre",
}
_VAGUE = {  # single words
    "several": 3, "plusieurs": 3, "dozens": 12, "hundreds": 100, "thousands": 1000,
    "scores": 20, "numerous": 3, "nombreux": 3, "nombreuses": 3,
}
_VAGUE2 = {  # two words
    ("a", "few"): 3, ("a", "dozen"): 12, ("une", "douzaine"): 12, ("des", "dizaines"): 12,
    ("des", "centaines"): 100, ("des", "milliers"): 1000, ("une", "dizaine"): 10,
    ("une", "quinzaine"): 15, ("une", "vingtaine"): 20, ("une", "trentaine"): 30,
    ("une", "quarantaine"): 40, ("une", "cinquantaine"): 50, ("une", "soixantaine"): 60,
    ("une", "centaine"): 100, ("quelques", "dizaines"): 12,
}
_UNKNOWN_NUMBER = {"unknown", "undisclosed", "unspecified", "unreported", "undetermined",
                   "unconfirmed", "indetermine", "inconnu"}
_APPROX = {"dizaine", "quinzaine", "vingtaine", "trentaine", "quarantaine", "cinquantaine",
           "soixantaine", "centaine", "douzaine"}
_QUALIFIERS: list[tuple[tuple[str, ...], str]] = [
    (("at", "least"), "at least"), (("au", "moins"), "at least"),
    (("no", "fewer", "than"), "at least"), (("not", "less", "than"), "at least"),
    (("a", "minimum", "of"), "at least"), (("more", "than"), "more than"),
    (("over",), "more than"), (("upwards", "of"), "more than"), (("in", "excess", "of"), "more than"),
    (("plus", "de"), "more than"), (("plus", "d"), "more than"), (("about",), "about"),
    (("around",), "about"), (("some",), "about"), (("roughly",), "about"),
    (("approximately",), "about"), (("nearly",), "about"), (("almost",), "about"),
    (("close", "to"), "about"), (("an", "estimated"), "about"), (("environ",), "about"),
    (("pres", "de"), "about"), (("pres", "d"), "about"), (("quelque",), "about"),
    (("autour", "de"), "about"), (("up", "to"), "up to"), (("as", "many", "as"), "up to"),
    (("jusqu", "a"), "up to"),
]
_NEGATION = re.compile(
    r"\b(?:no\s+(?:one|body|casualt(?:y|ies)|deaths?|fatalit(?:y|ies)|lives)\s+(?:was|were)?"
    r"|nobody\s+was\s+(?:killed|hurt)|no\s+one\s+(?:was\s+)?(?:killed|died|hurt)|"
    r"no\s+(?:casualties|deaths|fatalities)|without\s+(?:casualties|loss\s+of\s+life)|"
    r"aucune?\s+(?:victime|perte|mort|deces)|pas\s+de\s+(?:victime|mort|perte)s?|"
    r"sans\s+(?:faire\s+de\s+)?(?:victimes?|pertes?))"
)

_WORD_RE = re.compile(r"\d{1,3}(?:[, ]\d{3})+(?![\d])|\d+(?:[.,]\d+)?|[a-z]+")
# a number right after these is a subset ("including 3 children") or not a head count
_SUBSET = {"including", "includes", "among", "dont", "notamment", "parmi", "whom", "aged",
           "age", "agee", "agees", "ages", "number", "numero", "no", "route", "rn", "km",
           # labels, not head counts ("coded at geoprecision 2", "level 3", "phase 2")
           "precision", "geoprecision", "prec", "level", "phase", "grade", "category",
           "article", "section", "page", "chapter", "niveau"}


_INCLUDING = {"including", "includes", "among", "whom", "dont", "parmi", "notamment"}


@dataclass
class _Tok:
    text: str
    start: int
    end: int


@dataclass
class _Num:
    low: int
    best: int
    high: int | None
    qualifier: str
    i0: int  # first token index (qualifier included)
    i1: int  # last token index + 1


def _tokens(ftext: str, s: int, e: int) -> list[_Tok]:
    return [_Tok(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(ftext, s, e)]


def _int(tok: str) -> int | None:
    t = re.sub(r"[,\u00a0\u202f ]", "", tok)
    if not t.isdigit():
        return None
    return int(t)


def _is_time_or_date(ftext: str, toks: list[_Tok], i: int) -> bool:
    t = toks[i]
    before = ftext[max(0, t.start - 1) : t.start]
    after = ftext[t.end : t.end + 3]
    if re.match(r"[:h]\d", after) or re.match(r"[/.]\d", after) or re.match(r"\d", before):
        return True
    if before in (":", "/", "$", "#") or before.isalpha() or before == "\u20ac":
        return True
    if i > 0 and toks[i - 1].text in _SUBSET:
        return True
    j = i + 1
    if j < len(toks) and toks[j].text in _ORDINAL_SUFFIX and toks[j].start == t.end:
        j += 1  # "1er septembre", "21st October"
    if j < len(toks) and toks[j].text in _MONTH_WORDS:
        return True
    return bool(i > 0 and toks[i - 1].text in _MONTH_WORDS
                and not re.search(r"[,;:.]", ftext[toks[i - 1].end : t.start]))


def _numbers(ftext: str, toks: list[_Tok]) -> list[_Num]:
    words = [t.text for t in toks]
    n = len(words)
    out: list[_Num] = []
    i = 0
    while i < n:
        start = i
        qual = "exact"
        for q, name in _QUALIFIERS:
            if tuple(words[i : i + len(q)]) == q:
                qual = name
                i += len(q)
                break
        if i >= n:
            break
        # ranges: between A and B / entre A et B / de A a B
        if words[i] in ("between", "entre", "de", "from") and i + 1 < n:
            a = _value_at(ftext, toks, words, i + 1)
            if a is not None:
                va, la = a
                k = i + 1 + la
                if k < n and words[k] in ("and", "et", "to", "a", "au"):
                    b = _value_at(ftext, toks, words, k + 1)
                    if b is not None and b[0] > va:
                        out.append(_Num(va, va, b[0], "range", start, k + 1 + b[1]))
                        i = k + 1 + b[1]
                        continue
        # vague / approximate words ("several villages", "une vingtaine de kilometres":
        # quantities, not people)
        two = tuple(words[i : i + 2])
        if (two in _VAGUE2 or words[i] in _VAGUE) and _unit_follows(
                words, i + (2 if two in _VAGUE2 else 1)):
            i = start + 1
            continue
        if two in _VAGUE2 and _VAGUE2[two] > 0:
            v = _VAGUE2[two]
            q = "about" if two[1] in _APPROX else "vague"
            if qual != "exact":
                q = qual
            open_ended = q in ("vague", "at least", "more than")
            out.append(_Num(v, v, None if open_ended else v, q, start, i + 2))
            i += 2
            continue
        if qual != "exact" and two == ("a", "dozen"):
            out.append(_Num(12, 12, None, qual, start, i + 2))
            i += 2
            continue
        if words[i] in _UNKNOWN_NUMBER and i + 1 < n and words[i + 1] in (
                "number", "nombre", "toll", "bilan"):
            # "an unknown number of soldiers were killed": ACLED's figure for an
            # unknown toll is its figure for "several" (3)
            out.append(_Num(3, 3, None, "vague", start, i + 2))
            i += 2
            continue
        if words[i] in _VAGUE:
            v = _VAGUE[words[i]]
            out.append(_Num(v, v, None, "vague" if qual == "exact" else qual, start, i + 1))
            i += 1
            continue
        val = _value_at(ftext, toks, words, i)
        if val is None:
            i = start + 1
            continue
        v, used = val
        j = i + used
        # "10 to 20", "10-20", "10 or 12", "dix a douze"
        if j + 1 < n and words[j] in ("to", "or", "a", "ou") and qual == "exact":
            b = _value_at(ftext, toks, words, j + 1)
            if b is not None and b[0] > v:
                out.append(_Num(v, v, b[0], "range", start, j + 1 + b[1]))
                i = j + 1 + b[1]
                continue
        if j < n and ftext[toks[j - 1].end : toks[j].start] == "-" and qual == "exact":
            b = _value_at(ftext, toks, words, j)
            if b is not None and b[0] > v and words[j].isdigit():
                out.append(_Num(v, v, b[0], "range", start, j + b[1]))
                i = j + b[1]
                continue
        high = None if qual in ("at least", "more than") else v
        out.append(_Num(v, v, high, qual, start, j))
        i = j
    return out


def _unit_follows(words: list[str], j: int) -> bool:
    """A unit (km, vehicles, villages ...) at *j*, possibly after "of"/"de"/"d"."""
    if j < len(words) and words[j] in ("of", "de", "d", "des"):
        j += 1
    return j < len(words) and _UNITS.match(words[j]) is not None


def _value_at(ftext, toks, words, i) -> tuple[int, int] | None:
    """(value, tokens used) of a numeral or number words at token *i*, or None if it is
    not a head count (years, dates, times, decimals, quantities with units)."""
    if i >= len(words):
        return None
    if i > 0 and words[i - 1] in ("no", "not", "aucun", "aucune", "pas", "none", "nul"):
        return None  # "no one was killed"
    w = words[i]
    if w[0].isdigit():
        if re.search(r"[.,]\d{1,2}$", w) and _int(w) is None:
            return None  # decimal
        v = _int(w)
        if v is None or _is_time_or_date(ftext, toks, i):
            return None
        used = 1
    else:
        parsed = parse_number_words(words, i)
        if parsed is None:
            return None
        v, used = parsed
    nxt = words[i + used] if i + used < len(words) else ""
    if _UNITS.match(nxt):
        return None
    if 1900 <= v <= 2100 and w[0].isdigit() and not _PERSON_SG.match(nxt.rstrip("s")):
        return None  # a year
    return v, used


_AGENT_VERB = {"beat", "shot", "killed", "stabbed", "attacked", "opened", "fired", "hacked",
               "slit", "executed", "murdered", "strangled", "tortured", "lynched", "abducted",
               "kidnapped", "shoots", "kills", "stabs"}
_CONJ = {"while", "whereas", "but", "alors", "tandis", "mais"}
_DEFINITE = {"the", "his", "her", "their", "its", "le", "la", "son", "sa", "leur"}
_PASSIVE_AFTER = {"was", "died", "succumbed", "a", "est", "fut"}


_HEAD_OF = {"village", "district", "ward", "community", "traditional", "canton", "family",
            "household", "clan"}


def _person(words: list[str], j: int) -> bool:
    """A person noun in the singular ("soldier"; "head" after "village", "district" ...)."""
    if words[j] == "head":
        return j > 0 and words[j - 1] in _HEAD_OF
    return _PERSON_SG.match(words[j]) is not None


def _singular_victims(toks: list[_Tok], ftext: str = "") -> list[_Num]:
    out = []
    words = [t.text for t in toks]

    def joined(i: int, j: int) -> bool:  # no punctuation between tokens i..j
        return not ftext or not any(c in ftext[toks[x].end : toks[x + 1].start]
                                    for x in range(i, j) for c in ",;:.()")

    for i, w in enumerate(words):
        if w == "another" and i + 1 < len(words) and (
                _KILL.match(words[i + 1]) or words[i + 1] in ("was", "died")):
            out.append(_Num(1, 1, 1, "exact", i, i + 1))  # "one injured and another killed"
            continue
        if w in _DEFINITE:
            # "killed the imam", "the village chief was killed": one victim, but only as
            # the object of a killing verb or the subject of a passive one, or the next of
            # a list of them ("killed the village head and the imam")
            listed = bool(out) and out[-1].i1 == i - 1 and words[i - 1] in ("and", "et")
            for k in (1, 2, 3):
                if i + k < len(words) and _person(words, i + k) and \
                        words[i + k] not in _ADJ_TOO:
                    nxt = words[i + k + 1] if i + k + 1 < len(words) else ""
                    if joined(i, i + k) and (listed or
                            (i > 0 and _KILL.match(words[i - 1])) or nxt in _PASSIVE_AFTER):
                        out.append(_Num(1, 1, 1, "exact", i, i + k + 1))
                    break
            continue
        if w in ("a", "an", "un", "une") and not (i > 0 and words[i - 1] in ("as", "comme")):
            # not "a man working as a vendor": the same person
            for k in (1, 2, 3, 4):  # "a soldier", "a 15-year-old boy"
                if i + k < len(words) and _person(words, i + k):
                    nxt = words[i + k + 1] if i + k + 1 < len(words) else ""
                    if k > 1 and words[i + k] in _ADJ_TOO:
                        break  # "un poste militaire": an adjective after a noun
                    if _GROUP_NOUN.match(nxt):
                        break  # "a vigilante group", "a soldier's convoy"
                    if nxt in _AGENT_VERB and not (i > 0 and _KILL.match(words[i - 1])):
                        break  # "a soldier beat a worker to death": the killer (not
                        # "killed a farmer abducted on 10 August": the victim)
                    out.append(_Num(1, 1, 1, "exact", i, i + k + 1))
                    break
    return out


def _without_subsets(nums: list[_Num], toks: list[_Tok], blocks: list[int],
                     kills: list[int], ftext: str = "") -> list[_Num]:
    """"six people including two soldiers, the owner and a manager" is six: the figures
    after "including" (among them, dont ...) are part of the one just before it, which
    then reaches to the end of the list for its distance to the killing word ("three
    people including a man, a woman and a girl were killed")."""
    for inc, t in enumerate(toks):
        if t.text not in _INCLUDING:
            continue
        pre = [nm for nm in nums if nm.i1 <= inc and inc - nm.i1 <= 4
               and not any(nm.i1 <= b < inc for b in blocks)]
        stop = len(toks)
        if inc > 0 and "," in ftext[toks[inc - 1].end : t.start]:
            # "Eight people, including three soldiers, and 11 fighters": to the next comma
            stop = next((j for j in range(inc + 1, len(toks))
                         if "," in ftext[toks[j - 1].end : toks[j].start]), len(toks))
        sub = [nm for nm in nums if inc < nm.i0 < stop]
        if not pre or not sub:
            continue
        head = pre[-1]
        end = max(nm.i1 for nm in sub)
        nums = [nm for nm in nums if nm.i0 <= inc or nm.i0 >= stop]
        if not any(head.i1 <= k < end for k in kills):
            nums = [nm for nm in nums if nm is not head]
            nums.append(_Num(head.low, head.best, head.high, head.qualifier, head.i0, end))
        break
    return nums


def _is_kill(ftext: str, toks: list[_Tok], i: int) -> bool:
    w = toks[i].text
    if not _KILL.match(w):
        return False
    if w == "killing" and i > 0 and (toks[i - 1].text == "the" or (
            i > 1 and toks[i - 2].text == "the" and toks[i - 1].text in (
                "earlier", "recent", "previous", "alleged", "reported"))):
        return False  # "in reaction to the killing of a youth": a cause, told in passing
    if i > 1 and toks[i - 1].text == "to" and toks[i - 2].text.startswith(
            ("attempt", "tried", "try", "plot", "sought", "threat")):
        return False  # "in an attempt to kill him": no one died
    if w in _NEEDS_CONTEXT:
        window = ftext[max(0, toks[i].start - 25) : toks[i].end + 12]
        return _CONTEXT_OK.search(window) is not None
    return True


_AUX = {"were", "was", "have", "had", "has", "been", "being", "ont", "ete", "sont", "est",
        "a", "furent", "fut"}
_ADVERB = {"also", "reportedly", "seriously", "severely", "critically", "slightly", "later",
           "allegedly", "grievement", "legerement", "egalement", "aussi", "ete", "been",
           "being", "then"}
_RELATIVE = {"who", "which", "that", "whom", "qui", "que", "and", "et", "while"}
_BLOCK_NOUN = re.compile(r"^(?:hostages?|otages?|prisoners?|prisonniers?|captives?|missing|"
                         r"disparus?|rescap\w*|refugi\w*|deplace\w*)$")


def _own_verb(ftext: str, toks: list[_Tok], nm: _Num, kills: list[int],
              blocks: list[int]) -> tuple[str, int] | None:
    """The verb a figure is the subject or the object of, when grammar says so: the
    subject of the verb after it ("two were killed and six others were wounded", "2 were
    killed 13 injured": the six and the 13 are wounded), else the object right after a
    killing verb ("killed a farmer abducted on 10 August" is a death)."""
    bare = nm.i1 - nm.i0 == 1
    j = -1
    for x in range(nm.i1, min(nm.i1 + 4, len(toks)) if nm.i1 - nm.i0 <= 4 else 0):
        if any(c in ftext[toks[x - 1].end : toks[x].start] for c in ",;:()") or \
                toks[x].text in _RELATIVE:
            break  # "killed one militant, three civilians were wounded"
        if toks[x].text in _AUX:
            j = x
            break
    if j >= 0 or (bare and nm.i1 < len(toks)):
        j = j + 1 if j >= 0 else nm.i1
        while j < len(toks) and toks[j].text in _ADVERB:
            j += 1
        if j < len(toks) and not _BLOCK_NOUN.match(toks[j].text) and (
                j in blocks or j in kills):
            return ("block" if j in blocks else "kill", j)
    k = nm.i0 - 1
    if k in kills and toks[k].end + 1 >= toks[nm.i0].start:
        return ("kill", k)
    if k in kills or nm.i1 - nm.i0 > 4:
        return None
    # "2 fighters were killed and 2 security forces injured": a noun phrase and its verb
    for x in range(nm.i1, min(nm.i1 + 4, len(toks))):
        if any(c in ftext[toks[x - 1].end : toks[x].start] for c in ",;:()") or \
                toks[x].text in _RELATIVE or toks[x].text in _AUX:
            return None
        if x in blocks or x in kills:
            return None if x == nm.i1 or _BLOCK_NOUN.match(toks[x].text) else (
                "block" if x in blocks else "kill", x)
    return None


_SOURCE_WORDS = {"selon", "according", "said", "says", "told", "source", "sources", "d'apres"}


def _listed_after(ftext: str, toks: list[_Tok], prev: _Num, nm: _Num,
                  patt: tuple[str, int, float] | None, cur: tuple[str, int, float] | None,
                  kills: list[int], blocks: list[int]) -> bool:
    """*nm* follows *prev* in a list of victims after *prev*'s killing verb."""
    if patt is None or patt[0] != "kill" or patt[1] >= prev.i0 or \
            (cur is not None and cur[0] == "kill" and cur[2] <= 9) or \
            nm.i0 - prev.i1 > 4 or any(prev.i1 <= b < nm.i0 for b in blocks) or \
            any(prev.i1 <= k < nm.i0 for k in kills) or \
            not re.search(r",|\band\b|\bet\b", ftext[toks[prev.i1 - 1].end :
                                                 toks[nm.i0].start]):
        return False
    if cur is not None and cur[0] == "block" and cur[2] <= 2:
        return False  # "killed two, wounded three"
    between = [t.text for t in toks[prev.i1 : nm.i0]]
    # "killing four, and stealing two guns", "including a woman"
    return not (any(w in _CONJ or w in _INCLUDING or w in _SOURCE_WORDS
                    or w.endswith(("ing", "ed"))
                    for w in between) or any(t.text in _INCLUDING
                                             for t in toks[patt[1] : nm.i0]))


def find_fatalities(text: str, lang: str | None = None) -> list[FatalityMention]:
    """Every casualty number in *text* attached to a killing word, in text order."""
    ftext = fold_same_length(text)
    mentions: list[FatalityMention] = []
    for s, e in sentence_bounds(text):
        toks = _tokens(ftext, s, e)
        if not toks:
            continue
        kills = [i for i in range(len(toks)) if _is_kill(ftext, toks, i)]
        if not kills:
            continue
        blocks = [i for i, t in enumerate(toks) if _BLOCK.match(t.text)]
        nums = _numbers(ftext, toks)
        taken = {k for nm in nums for k in range(nm.i0, nm.i1)}
        nums += [nm for nm in _singular_victims(toks, ftext) if nm.i0 not in taken]
        nums = sorted(_without_subsets(nums, toks, blocks, kills, ftext), key=lambda nm: nm.i0)
        attached: list[tuple[str, int, float] | None] = []
        for nm in nums:
            best_kw = None
            best_d = 99.0
            for kind, idxs in (("kill", kills), ("block", blocks)):
                for k in idxs:
                    if nm.i0 <= k < nm.i1:
                        continue
                    if k >= nm.i1:
                        d = k - nm.i1 + 1
                    else:
                        # "killed 15", but not "were killed, five others were wounded"
                        # nor "two were released while three were executed"
                        between = ftext[toks[k].end : toks[nm.i0].start]
                        if any(ch in between for ch in ",;:()") or any(
                                toks[j].text in _CONJ for j in range(k + 1, nm.i0)):
                            continue
                        d = (nm.i0 - k) + 0.5
                    if d < best_d:
                        best_d, best_kw = d, (kind, k)
            own = _own_verb(ftext, toks, nm, kills, blocks)
            if own is not None:
                best_kw, best_d = own, 1.0
            attached.append(None if best_kw is None else (best_kw[0], best_kw[1], best_d))
        # a list before one killing verb ("Three soldiers, one civilian and twenty-one
        # militants were killed"): a figure too far from the verb belongs to it when the
        # next figure of the list does
        for j in range(len(nums) - 2, -1, -1):
            nm, nxt, att = nums[j], nums[j + 1], attached[j + 1]
            cur = attached[j]
            if (cur is not None and (cur[0] == "block" or cur[2] <= 9)) or att is None \
                    or att[0] != "kill" or att[1] < nxt.i1 or nxt.i0 - nm.i1 > 5 \
                    or any(nm.i1 <= b < nxt.i0 for b in blocks):
                continue
            attached[j] = ("kill", att[1], att[2])
        # a list after one killing verb ("killing two guards, three policemen, a driver
        # and two chiefs"): each figure right after the one before it belongs to its verb,
        # when the list ends on "and" ("killing 100 people, a local official said" is a
        # source, not a list)
        chain: list[int] = []
        for j in range(1, len(nums) + 1):
            ok = j < len(nums) and _listed_after(ftext, toks, nums[j - 1], nums[j],
                                                 attached[j - 1] if not chain else
                                                 attached[chain[0] - 1], attached[j],
                                                 kills, blocks)
            if ok:
                chain.append(j)
                continue
            if chain and re.search(r"\band\b|\bet\b", ftext[
                    toks[nums[chain[-1] - 1].i1 - 1].end : toks[nums[chain[-1]].i0].start]):
                head = attached[chain[0] - 1]
                for c in chain:
                    attached[c] = head
            chain = []
        for nm, att in zip(nums, attached, strict=True):
            if att is None or att[0] != "kill" or att[2] > 9:
                continue
            k = att[1]
            a, b = toks[nm.i0].start, toks[nm.i1 - 1].end
            mentions.append(FatalityMention(
                low=nm.low, best=nm.best, high=nm.high, span=(a, b),
                keyword_span=(toks[k].start, toks[k].end), phrase=text[a:b],
                qualifier=nm.qualifier,
            ))
    mentions.sort(key=lambda m: m.span[0])
    return mentions


_PASSIVE_BEFORE = re.compile(r"\b(?:were|was|been|being|ete|sont|est)\s+(?:\w+\s+)?$")
_TOLL = re.compile(r"\b(?:toll|bilan|total|in\s+all|au\s+total|bringing|portant|rose|raising)\b")


def _summed(text: str, ftext: str,
            groups: dict[tuple[int, int], list[FatalityMention]]) -> FatalitySuggestion | None:
    """ACLED counts every death of the event, attackers' included: the tolls of separate
    killing words ("two soldiers were killed ... four militants were also killed") add up.
    Not when a sentence gives a total ("the toll rose to 9"), nor a figure repeated
    (a later sentence restating the same number)."""
    if len(groups) < 2:
        return None
    for kw in groups:
        bounds = [b for b in sentence_bounds(text) if b[0] <= kw[0] < b[1]]
        if bounds and _TOLL.search(ftext, bounds[0][0], bounds[0][1]):
            return None
    seen: set[int] = set()
    low = best = 0
    high: int | None = 0
    spans = []
    for ms in sorted(groups.values(), key=lambda ms: ms[0].span[0]):
        g_best = sum(m.best for m in ms)
        if g_best in seen:
            continue
        seen.add(g_best)
        low += sum(m.low for m in ms)
        best += g_best
        if high is not None and any(m.high is not None for m in ms):
            high += sum(m.high if m.high is not None else m.best for m in ms)
        spans += [m.span for m in ms]
    if len(seen) < 2:
        return None
    high = high if high and high > best else None
    a, b = min(x for x, _ in spans), max(y for _, y in spans)
    mentions = tuple(m for ms in groups.values() for m in ms)
    return FatalitySuggestion(low, best, high, (a, b), text[a:b], True, mentions)


def extract_fatalities(text: str, lang: str | None = None) -> FatalitySuggestion:
    """low/best/high fatalities for *text* (see the module doc)."""
    mentions = find_fatalities(text, lang)
    if not mentions:
        neg = _NEGATION.search(fold_same_length(text))
        if neg:
            return FatalitySuggestion(0, 0, 0, (neg.start(), neg.end()),
                                      text[neg.start() : neg.end()], True,
                                      (FatalityMention(0, 0, 0, (neg.start(), neg.end()),
                                                       (neg.start(), neg.end()),
                                                       text[neg.start() : neg.end()], "none"),))
        return FatalitySuggestion(0, 0, None, None, "", False, ())
    groups: dict[tuple[int, int], list[FatalityMention]] = {}
    for m in mentions:
        groups.setdefault(m.keyword_span, []).append(m)
    ftext = fold_same_length(text)
    for kw, ms in list(groups.items()):
        # "a policeman shot and killed a farmer": before an active killing verb with its
        # victims after it stands the killer, not a victim
        after = [m for m in ms if m.span[0] >= kw[1]]
        before = [m for m in ms if m.span[1] <= kw[0]]
        if after and before and not _PASSIVE_BEFORE.search(ftext, max(0, kw[0] - 16), kw[0]):
            groups[kw] = [m for m in ms if m not in before]
            mentions = [m for m in mentions if m not in before]
    summed = _summed(text, ftext, groups)
    if summed is not None:
        return summed
    best_group = None
    best_key = None
    highs = []
    for kw, ms in groups.items():
        low = sum(m.low for m in ms)
        best = sum(m.best for m in ms)
        if all(m.high is None for m in ms):
            high = None
        else:
            high = sum(m.high if m.high is not None else m.best for m in ms)
            highs.append(high)
        key = (best, low)
        if best_key is None or key > best_key:
            best_key, best_group = key, (low, best, high, ms, kw)
    assert best_group is not None
    low, best, high, ms, kw = best_group
    top_high = max(highs) if highs else None
    if top_high is not None and top_high < best:
        top_high = None if high is None else high
    a = min(m.span[0] for m in [*ms])
    a = min(a, kw[0])
    b = max(max(m.span[1] for m in ms), kw[1])
    return FatalitySuggestion(low, best, top_high, (a, b), text[a:b], True, tuple(mentions))
