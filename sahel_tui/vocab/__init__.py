"""Controlled vocabularies: ACLED event types, actors, places, countries, grading.

Stdlib only (never imports textual).  Typical use::

    from sahel_tui.vocab import load_vocab, append_place
    vocab = load_vocab(config_dir)            # shipped data + analyst extension files
    matches = vocab.matcher().find(text)      # spans with ranked actor/place candidates
    place = append_place(config_dir, name="Tinzaouaten", country="ML", admin1="Kidal",
                         latitude=19.96, longitude=2.97)
    vocab.add_place(place)                    # or load_vocab(config_dir) again
"""

from .catalog import Vocab
from .errors import VocabError
from .extend import append_actor, append_alias, append_place
from .loader import DATA_DIR, USER_FILES, load_vocab, read_places_tsv, slugify
from .match import Candidate, Match, Matcher
from .model import (
    INTER_TYPES,
    PLACE_KINDS,
    Actor,
    Country,
    EventType,
    Grade,
    Grading,
    Place,
    SubEventType,
)
from .textnorm import ascii_fold, fold, fold_key, tokenize

__all__ = [
    "DATA_DIR",
    "INTER_TYPES",
    "PLACE_KINDS",
    "USER_FILES",
    "Actor",
    "Candidate",
    "Country",
    "EventType",
    "Grade",
    "Grading",
    "Match",
    "Matcher",
    "Place",
    "SubEventType",
    "Vocab",
    "VocabError",
    "append_actor",
    "append_alias",
    "append_place",
    "ascii_fold",
    "fold",
    "fold_key",
    "load_vocab",
    "read_places_tsv",
    "slugify",
    "tokenize",
]
