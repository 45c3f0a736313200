"""The module fixtures of the tests that match our own invented villages in text."""

from __future__ import annotations

import pytest
from test_gazetteer import built_gazetteer

from sahel_tui.vocab import load_vocab


def gazetteer_fixtures(places, admin1, admin2):
    """``gaz`` (our dump lines imported and built, once per module) and ``vocab`` (the
    bundled vocabularies with it attached): ``gaz, vocab = gazetteer_fixtures(LINES, ADMIN1,
    ADMIN2)`` at module level; pytest knows them by those names."""

    @pytest.fixture(scope="module")
    def gaz(tmp_path_factory):
        g = built_gazetteer(tmp_path_factory.mktemp("gz"), places, admin1, admin2)
        yield g
        g.close()

    @pytest.fixture(scope="module")
    def vocab(gaz):
        v = load_vocab(None)
        v.gazetteer = gaz
        return v

    return gaz, vocab
