"""Place names that are also ordinary words ("Dire", "Bore", "Sale", "Ago", "Man").

Such a name matches only written with a capital and in a place-like context (see
:mod:`sahel_tui.gazetteer.index`).  Which names are words is decided once, at import, from
the English and French word-frequency lists of pyspellchecker (built from subtitles: proper
nouns such as "Bamako" sit at its floor frequency, common words far above it):

* the name itself is a listed word above that floor ("dire", "sale");
* or its spelling key is the key of a common word (frequency >= 1000): "Onne" and "One"
  share a key, so "One militiaman ..." must not read as the village;
* or it has one or two letters.
"""

from __future__ import annotations

from functools import lru_cache

from .keys import token_key

__all__ = ["is_word"]

# pyspellchecker lists every name it has seen at least once with frequency 50
_FLOOR = 50
_COMMON = 1000


@lru_cache(maxsize=1)
def _lists():
    from spellchecker import SpellChecker

    return (SpellChecker(language="en", distance=1).word_frequency,
            SpellChecker(language="fr", distance=1).word_frequency)


@lru_cache(maxsize=1)
def _common_keys() -> frozenset[str]:
    from sahel_tui.vocab.textnorm import fold

    out = set()
    for wf in _lists():
        for w, n in wf.dictionary.items():
            if n >= _COMMON and w.isalpha():
                out.add(token_key(fold(w)))
    return frozenset(out)


def is_word(folded: str) -> bool:
    """True when the folded one-word name *folded* is an ordinary English/French word."""
    if " " in folded:
        return False
    if len(folded) <= 2:
        return True
    return any(wf[folded] > _FLOOR for wf in _lists()) or token_key(folded) in _common_keys()


def release() -> None:
    """Drop the word lists (about 40 MB) once the names at hand are judged: an import of an
    exchange file judges a few place names, then needs the memory for its rows."""
    _lists.cache_clear()
    _common_keys.cache_clear()
