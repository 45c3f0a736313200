"""ACLED's conventions for the toll of one event, on top of the figures read by
:mod:`.fatalities` (the toll stage, second half).

1. **Claims are not tolls while the report gives its own.**  A sentence that tells a party's
   claim ("IS claimed to have killed 70 soldiers", "the army said 30 militants were
   neutralised", "... could not be independently verified") counts only when nothing
   else in the incident gives a figure (ACLED: the lowest credible figure).
2. **A coder's figure wins.**  "Unknown fatalities coded as 10", "(10 fatalities coded)",
   "coded as one fatality": the figure the note says was coded.  It stands for the vague
   or claimed part ("several", "an unknown number", a claim); figures the report states
   as fact are added to it ("two soldiers and an unreported number of vigilantes were
   killed ... unknown fatalities coded as 10" = 12) unless it is the total ("total
   fatalities coded as 10").
3. **A toll shared over several events.**  ACLED codes one event per place and day and
   splits a toll told for several ("fatalities split between the two events",
   "spread across four events", "split between both locations"): each event gets its
   share, rounded half up.  Without a number ("split between events"), the number of
   places listed together in the incident ("attacked Kirsa, Sunke, Doka and Mutu") is
   the number of events.

Pure functions, stdlib only.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ._text import EN_NUMBERS, fold_same_length, sentence_bounds
from .fatalities import FatalitySuggestion, extract_fatalities

__all__ = ["apply_conventions", "extract_toll"]

_NUMS = r"\d{1,4}|" + "|".join(sorted((w for w in EN_NUMBERS if w.isalpha()),
                                      key=len, reverse=True))
_NUM = r"(" + _NUMS + r")\b"

# a party's claim of a toll, told as such
_CLAIM = re.compile(
    r"\b(?:claim(?:ed|s|ing)?\s+(?:to\s+have|that|it\s+had|having)|"
    r"claims?\s+of\s+responsibility\s+(?:to\s+have|that)|"
    r"(?:said|stated|announced)\s+in\s+a\s+(?:statement|claim|report|communique)|"
    r"(?:could\s+not|cannot|can\s*not)\s+be\s+(?:independently\s+)?(?:verified|confirmed)|"
    r"unconfirmed|alleged\s+losses|affirme\s+avoir|revendique\s+avoir)"
)

# "unknown fatalities coded as 10", "(10 fatalities coded)", "coded as one fatality"
_CODED = re.compile(
    r"\b(?:(?P<what>[a-z]+\s+)?(?:fatalities|deaths|toll)\s+(?:\w+\s+){0,6}?)?"
    r"(?:re)?coded\s+(?:as\s+|at\s+)?" + _NUM + r"(?!\s*(?:km|events?))"
    r"(?:\s+(?:fatalit(?:y|ies)|deaths?))?(?:\s+plus\s+" + _NUM + r")?"
    r"|\(\s*" + _NUM + r"\s+fatalit(?:y|ies)\s+coded\s*\)"
)
_UNKNOWN = re.compile(r"\b(?:unknown|unspecified|unreported|undisclosed|several|many)\b")
_TOTAL = re.compile(r"\btotal\b")

# "fatalities split between the two events", "spread over 4 locations", "split between
# both events", "split between events"
_SPLIT = re.compile(
    r"\b(?:split|spread|distributed|divided|shared|spilt)\s+(?:equally\s+)?"
    r"(?:between|across|over|among|into)\s+(?:the\s+)?(?:(?P<n>" + _NUMS +
    r"|both)\s+)?(?:\(\s*(?P<n2>\d)\s*\)\s+)?"
    r"(?P<what>events?|locations?|places?|dates?|villages?|attacks?|incidents?|days?|"
    r"communities|towns?|sites?|areas?)\b"
)
# a list of places told together: "attacked Kirsa, Sunke, Doka and Mutu" (capitalised
# names, each with its "(admin, admin)" or "[alias]")
_NAME = (r"[A-Z][\w'\-/]*(?:[ \-][A-Z][\w'\-/]*){0,3}"
         r"(?:\s*(?:\([^()]{0,60}\)|\[[^\[\]]{0,40}\]))?")
_LIST = re.compile(r"\b(?:in|at|of|on|near|around|attacked|stormed|raided|bombed|invaded|"
                   r"cleared|targeted)\s+(" + _NAME + r"(?:\s*,\s*" + _NAME + r")*"
                   r",?\s+and\s+(?:in\s+)?" + _NAME + ")")
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")

def _value(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    if w == "both":
        return 2
    return EN_NUMBERS.get(w)


def _claim_blanked(text: str, ftext: str) -> str | None:
    """*text* with its claim sentences blanked (same length), or None if it has none."""
    spans = [(s, e) for s, e in sentence_bounds(text) if _CLAIM.search(ftext, s, e)]
    if not spans:
        return None
    chars = list(text)
    for s, e in spans:
        chars[s:e] = " " * (e - s)
    return "".join(chars)


def extract_toll(text: str, lang: str | None = None) -> FatalitySuggestion:
    """:func:`extract_fatalities`, leaving out the figures of claim sentences when the
    rest of *text* gives a toll (rule 1 of the module doc)."""
    fat = extract_fatalities(text, lang)
    if not fat.found:
        return fat
    ftext = fold_same_length(text)
    blanked = _claim_blanked(text, ftext)
    if blanked is None:
        return fat
    own = extract_fatalities(blanked, lang)
    return own if own.found and own.mentions and own.low > 0 else fat


def _coded(text: str, ftext: str, fat: FatalitySuggestion) -> FatalitySuggestion | None:
    low = ftext.lower()
    for m in _CODED.finditer(low):
        nums = [g for g in m.groups()[1:] if g]
        vals = [_value(g) for g in nums]
        if not vals or vals[0] is None:
            continue
        coded = sum(v for v in vals if v is not None)
        what = m.group("what") or ""
        s0 = max((a for a, b in sentence_bounds(text) if a <= m.start()), default=0)
        clause = low[s0 : m.end()]
        stated = 0
        if (_UNKNOWN.search(what) or _UNKNOWN.search(clause)) and not _TOTAL.search(clause):
            # the coder's figure stands for the unknown part; figures stated as fact add
            for mm in fat.mentions:
                if mm.qualifier not in ("vague", "none") and not (
                        m.start() <= mm.span[0] < m.end()) and not _claimed(text, ftext, mm.span[0]):
                    stated += mm.low
        total = coded + stated
        return FatalitySuggestion(total, total, None, (m.start(), m.end()),
                                  text[m.start() : m.end()], True, fat.mentions)
    return None


def _claimed(text: str, ftext: str, pos: int) -> bool:
    for s, e in sentence_bounds(text):
        if s <= pos < e:
            return _CLAIM.search(ftext, s, e) is not None
    return False


def _events_listed(text: str, before: int) -> int:
    """The longest list of capitalised names joined by commas and "and" before *before*."""
    best = 0
    for m in _LIST.finditer(text, 0, before):
        items = [x for x in re.split(r",\s*(?:and\s+)?|\s+and\s+",
                                     _BRACKETS.sub("", m.group(1))) if x.strip()]
        best = max(best, len(items))
    return best


def apply_conventions(text: str, fat: FatalitySuggestion) -> FatalitySuggestion:
    """The toll of the first event of *text* (an incident's whole text) after ACLED's
    conventions 2 and 3 of the module doc."""
    ftext = fold_same_length(text)
    coded = _coded(text, ftext, fat)
    if coded is not None:
        fat = coded
    if not fat.found or fat.low <= 0:
        return fat
    m = _SPLIT.search(ftext.lower())
    if m is None:
        return fat
    n = _value(m.group("n") or m.group("n2") or "")
    if n is None and not m.group("what").endswith("s"):
        return fat  # "split between event" is not English; leave it
    if n is None:
        n = _events_listed(text, m.start())
    if n < 2:
        return fat
    share = (2 * fat.low + n) // (2 * n)  # rounded half up
    best = (2 * fat.best + n) // (2 * n)
    return replace(fat, low=share, best=max(best, share), high=None)
