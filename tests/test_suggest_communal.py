"""Villagers, farmers or herders who attack are their community's militia (ACLED's
codebook: communal militias), on text we wrote; the same nouns for victims stay civilians."""

from __future__ import annotations

import datetime as dt

import pytest

from sahel_tui.suggest import suggest_coding
from sahel_tui.vocab import load_vocab


@pytest.fixture(scope="module")
def vocab():
    return load_vocab()


def _code(vocab, body: str):
    ev = suggest_coding("Security incident", body, dt.datetime(2021, 5, 2, 9), "en",
                        vocab=vocab).events
    assert ev, body
    e = ev[0]
    return e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None


@pytest.mark.parametrize("body,militia", [
    # the community the text names: "from X", "X farmers"
    ("On Sunday, armed villagers from Tiembale shot a herder dead at Kantchari, Burkina Faso.",
     "Tiembale Communal Militia (Burkina Faso)"),
    ("On Sunday, youths with hunting rifles from the village of Dioumakoro ambushed gold "
     "diggers outside Kenieba, Mali.", "Dioumakoro Communal Militia (Mali)"),
    ("On Sunday, Zimbare farmers beat and wounded three herders outside Kaya, Burkina Faso.",
     "Zimbare Communal Militia (Burkina Faso)"),
    # a people: its ethnic militia
    ("On Sunday, Lobi farmers destroyed several houses of Mossi families near Gaoua, "
     "Burkina Faso.", "Lobi Ethnic Militia (Burkina Faso)"),
    # no name: the community where it acted
    ("On Sunday, pastoralists with clubs and knives attacked farmers in Diffa, Niger, "
     "wounding six.", "Diffa Communal Militia (Niger)"),
])
def test_a_community_that_attacks_is_its_militia(vocab, body, militia):
    a1, a2 = _code(vocab, body)
    assert a1 == militia
    assert a2 is not None and a2.startswith("Civilians")


@pytest.mark.parametrize("body", [
    "On Sunday, gunmen killed two farmers near Diffa, Niger.",
    "On Sunday, two farmers were killed near Diffa, Niger.",
    "On Sunday, unknown men attacked villagers near Diffa, Niger.",
])
def test_the_same_nouns_for_victims_stay_civilians(vocab, body):
    a1, a2 = _code(vocab, body)
    assert a1 == "Unidentified Armed Group (Niger)"
    assert a2 == "Civilians (Niger)"


def test_a_mob_stays_rioters(vocab):
    assert _code(vocab, "On Sunday, residents lynched a suspected thief to death in Kano, "
                        "Nigeria.") == ("Rioters (Nigeria)", "Civilians (Nigeria)")
