"""Place names that are also ordinary words ("Dire", "Bore", "Sale", "Ago", "Man").

Such a name matches only written with a capital and in a place-like context (see
:mod:`sahel_tui.gazetteer.index`).  Which names are words is decided once, at import, from
the English and French word-frequency lists of pyspellchecker (built from subtitles: proper
nouns such as "Bamako" sit at its floor frequency, common words far above it) plus names of
one or two letters, which collide with abbreviations and particles.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["is_word"]

# pyspellchecker lists every name it has seen at least once with frequency 50
_FLOOR = 50


@lru_cache(maxsize=1)
def _lists():
    from spellchecker import SpellChecker

    return (SpellChecker(language="en", distance=1).word_frequency,
            SpellChecker(language="fr", distance=1).word_frequency)


def is_word(folded: str) -> bool:
    """True when the folded one-word name *folded* is an ordinary English/French word."""
    if " " in folded:
        return False
    if len(folded) <= 2:
        return True
    return any(wf[folded] > _FLOOR for wf in _lists())
