"""Helpers shared by the suggesters: offset-preserving folding, sentences, number words."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from sahel_tui.vocab.textnorm import fold

__all__ = [
    "EN_NUMBERS",
    "FR_NUMBERS",
    "fold_same_length",
    "parse_number_words",
    "sentence_bounds",
    "sentence_of",
]


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    if c.isascii():
        return c.lower()
    if unicodedata.combining(c):
        return c
    f = fold(c)
    if not f:
        return c
    f = f[0]
    # keep apostrophe/quote/dash classes recognisable
    if c in "\u2019\u2018\u02bc":
        return "'"
    if c in "\u2010\u2011\u2012\u2013\u2014\u2212":
        return "-"
    if c in "\u00a0\u202f\u2009":
        return " "
    return f


def fold_same_length(text: str) -> str:
    """Lower-case, accent-free copy of *text* with the SAME length (offsets line up):
    each character is folded to one character ("é"->"e", "œ"->"o", "’"->"'", NBSP->" ")."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text)


_SENT_RE = re.compile(r"(?<=[.!?;])[\"'»”)\]]*\s+|\n\s*\n|\n(?=[A-Z\u00c0-\u00dd\-•*])")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence (split after . ! ? ; and at blank lines).

    A period after a month abbreviation or a single capital letter does not split."""
    bounds = []
    start = 0
    for m in _SENT_RE.finditer(text):
        prev = text[max(start, m.start() - 6) : m.start()]
        if re.search(r"(?:\b[A-Z]|\b(?:jan|feb|febr|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
                     r"janv|fev|fevr|avr|juil|no|st|dr|mr|mrs|gen|col|lt|capt|sgt|cpl))\.$",
                     prev, re.IGNORECASE):
            continue
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if e > s]


def sentence_of(bounds: list[tuple[int, int]], pos: int) -> int:
    for i, (s, e) in enumerate(bounds):
        if s <= pos < e or (pos == e and i == len(bounds) - 1):
            return i
    return len(bounds) - 1


EN_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
FR_NUMBERS = {
    "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60, "septante": 70, "huitante": 80,
    "octante": 80, "nonante": 90,
}
_HUNDRED = {"hundred", "cent", "cents"}
_THOUSAND = {"thousand", "mille"}
_CONNECT = {"and", "et"}
# words that are numbers only inside a longer number ("un"/"une"/"a" alone are articles)
_WEAK = {"un", "une"}


def parse_number_words(words: list[str], i: int) -> tuple[int, int] | None:
    """Parse English/French number words starting at ``words[i]``.

    Returns (value, number of words used) or None.  Handles "twenty-five" (tokens
    "twenty", "five"), "two hundred and fifty", "quatre-vingt-dix", "soixante et onze",
    "dix-sept", "deux cent cinquante", "cent".  A lone "un"/"une" is not a number, and
    "five six" stops after "five".
    """
    total = 0
    current = 0
    used = 0
    j = i
    n = len(words)
    while j < n:
        w = words[j]
        if w in _CONNECT and used and j + 1 < n and (
            words[j + 1] in EN_NUMBERS or words[j + 1] in FR_NUMBERS
        ):
            j += 1
            continue
        v = EN_NUMBERS.get(w, FR_NUMBERS.get(w))
        if v is not None:
            low = current % 100
            if used == 0 or low == 0:
                current += v
            elif low >= 20 and low % 10 == 0 and 1 <= v <= 9:
                current += v  # twenty five, vingt et un
            elif low in (60, 80) and 10 <= v <= 19:
                current += v  # soixante-dix, quatre-vingt-onze
            elif low == 4 and v == 20:
                current += 76  # quatre-vingt(s)
            elif low == 10 and 7 <= v <= 9:
                current += v  # dix-sept
            else:
                break
            used += 1
            j += 1
            continue
        if w in _HUNDRED and (used or w != "hundred" or (j > 0 and words[j - 1] == "a")):
            current = max(current, 1) * 100
            used += 1
            j += 1
            continue
        if w in _THOUSAND and (used or w == "mille" or (j > 0 and words[j - 1] == "a")):
            total += max(current, 1) * 1000
            current = 0
            used += 1
            j += 1
            continue
        break
    if not used:
        return None
    if used == 1 and words[i] in _WEAK:
        return None
    return total + current, j - i
