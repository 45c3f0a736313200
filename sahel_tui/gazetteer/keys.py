"""Spelling keys: one key for the ways a Sahelian place name is written.

French, English and local transliterations of one name differ in predictable ways:
"Diabaly"/"Diabali", "Mainok"/"Mainuk", "Jibia"/"Djibia", "Tongo Tongo"/"Tongo-Tongo",
"Tessit"/"Tessitt", "Ouagadougou"/"Wagadugu".  :func:`token_key` maps one folded token to a
key that is the same for such variants; :func:`name_key` does it for a whole name (tokens
joined by one space).  The rules are deliberately few and apply to the text and the names
alike, so matching stays exact (an automaton over keys), not fuzzy.

Rules, in order, on a folded token (lower case, no accents: see :mod:`sahel_tui.vocab.textnorm`):

* ``dj`` -> ``j``, ``tch`` -> ``ch``, ``kh`` -> ``k``, ``gh`` -> ``g``, ``ph`` -> ``f``;
* ``c`` before a/o/u and ``q`` -> ``k``; ``ou`` -> ``u``; ``y`` -> ``i``;
* an ``h`` beside ``l``, ``r`` or ``m``, or after a final vowel, dropped
  ("Peulh"/"Peuhl"/"Peul", "Ahmadou"/"Amadou", "Sorih"/"Sori"; "th" stays: "They" is no "Tey");
* ``u`` before a vowel, not after one -> ``w`` ("Ouahigouya"/"Wahigouya", "Kouakourou"/"Kwakuru");
* doubled letters once ("Tessitt", "Boulkessi"/"Boulkesi");
* the Hausa word "unguwa" (a quarter or hamlet) however written ("Unguwar", "Ungwan",
  "Anguwan", "Angwan") is one token;
* a final ``e`` after a consonant or an ``i`` dropped when the token keeps 3+ letters
  ("Tillabéri" stays, "Diré"/"Dire"/"Dir" share a key, so do "Tallaboye"/"Talaboy").

The keys are stored with the imported names: a change of these rules comes with a migration
that computes them again (:func:`sahel_tui.gazetteer.store.rekey`).

Stdlib only.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sahel_tui.vocab.textnorm import fold_tokens

__all__ = ["joined_key", "name_key", "name_keys", "token_key"]

_VOWELS = "aeiou"
_DIGRAPHS = (("dj", "j"), ("tch", "ch"), ("kh", "k"), ("gh", "g"), ("ph", "f"), ("q", "k"))
_C_HARD = re.compile(r"c(?=[aou])")
_U_GLIDE = re.compile(r"(?<![aeiou])u(?=[aeio])")
_DOUBLE = re.compile(r"(.)\1+")
# Hausa "unguwa" (a quarter, a hamlet), which begins many village names of northern Nigeria
# and is written every way: "Unguwar Dantsoho", "Ungwan Dantsoho", "Angwan Dantsoho"
_UNGUWA = frozenset({"unguwa", "unguwan", "unguwar", "ungwa", "ungwan", "ungwar", "anguwa",
                     "anguwan", "anguwar", "angwa", "angwan", "angwar"})
# an "h" that is not heard: beside l, r or m ("Peulh"/"Peuhl"/"Peul", "Ahmadou"/"Amadou")
# and after a final vowel ("Sorih"/"Sori"); not after t ("They", "the": English words), nor
# beside n (a name of its own: "Dan Nha" is no "Dan Na")
_H_SILENT = re.compile(r"(?<=[lrm])h|h(?=[lrm])|(?<=[aeiou])h$")


@lru_cache(maxsize=200_000)
def token_key(tok: str) -> str:
    """The spelling key of one folded token (see the module docstring)."""
    if not tok.isalpha():
        return tok  # numbers ("Sabon Gari 2") as written
    if tok in _UNGUWA:
        return "ungwa"
    k = tok
    for a, b in _DIGRAPHS:
        if a in k:
            k = k.replace(a, b)
    k = _C_HARD.sub("k", k)
    k = k.replace("ou", "u").replace("y", "i")
    k = _H_SILENT.sub("", k)
    k = _U_GLIDE.sub("w", k)
    k = _DOUBLE.sub(r"\1", k)
    if len(k) > 3 and k.endswith("e") and (k[-2] not in _VOWELS or k[-2] == "i"):
        k = k[:-1]
    return k


def name_key(name: str) -> str:
    """The key of a whole name: its tokens' keys joined by one space."""
    return " ".join(token_key(t) for t in fold_tokens(name))


def joined_key(name: str) -> str:
    """The key of *name* written as one word ("Ti-n-Essako" as "Tinessako")."""
    return token_key("".join(fold_tokens(name)))


def name_keys(name: str) -> set[str]:
    """Every key *name* is indexed under: as tokenised and, for a name of several parts
    joined by hyphens or apostrophes, also as one word."""
    out = set()
    k = name_key(name)
    if k:
        out.add(k)
        if " " in k and re.search(r"[-'\u2019\u2010\u2011]", name):
            out.add(joined_key(name))
    return out
