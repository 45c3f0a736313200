"""Text folding and tokenising shared by the vocabularies, the matcher and the suggesters.

Folding: NFKD, drop combining marks, casefold, and map the few letters NFKD leaves alone
(œ, æ, ø, ł, Hausa hooked letters ɓ ɗ ƙ, open vowels ɛ ɔ, ŋ ...) to plain ASCII.

Tokens are runs of letters/digits (plus any combining marks inside them).  Everything else,
including apostrophes (' ’ ‘ ʼ `) and hyphens (- ‐ – —), separates tokens, so
"Aguel'hoc", "Aguel’hoc", "Aguel-hoc" and "Aguel hoc" fold to the same token tuple.
Offsets always refer to the ORIGINAL text.

Stdlib only.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

__all__ = [
    "APOSTROPHES",
    "HYPHENS",
    "Token",
    "ascii_fold",
    "fold",
    "fold_key",
    "fold_tokens",
    "tokenize",
]

APOSTROPHES = "'\u2019\u2018\u02bc\u02bb`\u00b4\u2032"
HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2212"

# letters that NFKD does not decompose; lower-case and upper-case forms.
_SPECIAL_LOWER = {
    "œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
    "ı": "i", "ɓ": "b", "ɗ": "d", "ƙ": "k", "ƴ": "y", "ŋ": "n", "ɛ": "e",
    "ɔ": "o", "ə": "e", "ɲ": "n", "ß": "ss", "ħ": "h", "ŧ": "t",
}
_SPECIAL_UPPER = {
    "Œ": "OE", "Æ": "AE", "Ø": "O", "Ł": "L", "Đ": "D", "Ð": "D", "Þ": "TH",
    "Ɓ": "B", "Ɗ": "D", "Ƙ": "K", "Ƴ": "Y", "Ŋ": "N", "Ɛ": "E", "Ɔ": "O",
    "Ə": "E", "Ɲ": "N", "Ħ": "H", "Ŧ": "T",
}
_SPECIAL = {**_SPECIAL_LOWER, **_SPECIAL_UPPER}
_SPECIAL_TABLE = str.maketrans(_SPECIAL)
_FOLD_TABLE = str.maketrans({k: v.lower() for k, v in _SPECIAL.items()})

_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_TOKEN_RE = re.compile(rf"(?:[^\W_]|[{_COMBINING}])+")


class Token(NamedTuple):
    """A folded token and its [start, end) offsets in the original text."""

    text: str
    start: int
    end: int


def _strip_marks(s: str) -> str:
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(s: str) -> str:
    """Accent- and case-insensitive form of *s* (punctuation is kept)."""
    return _strip_marks(s).translate(_FOLD_TABLE).casefold()


def ascii_fold(s: str) -> str:
    """*s* without accents and with special letters spelled in ASCII; case is kept."""
    return _strip_marks(s).translate(_SPECIAL_TABLE)


@lru_cache(maxsize=65536)
def _fold_word(w: str) -> str:
    return w.lower() if w.isascii() else fold(w)


def tokenize(text: str) -> list[Token]:
    """Folded word tokens of *text* with offsets into *text*."""
    out: list[Token] = []
    append = out.append
    for m in _TOKEN_RE.finditer(text):
        folded = _fold_word(m.group())
        if folded:
            append(Token(folded, m.start(), m.end()))
    return out


def fold_tokens(s: str) -> tuple[str, ...]:
    """The folded token tuple of a name (the key the matcher indexes)."""
    return tuple(t.text for t in tokenize(s))


def fold_key(s: str) -> str:
    """Folded tokens joined by single spaces: a comparison key for names."""
    return " ".join(fold_tokens(s))
