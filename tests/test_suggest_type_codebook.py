"""ACLED's codebook rules over the keyword ranking (sahel_tui.suggest.type_rules) for the
weakest types on real notes: Strategic developments and Riots.  Texts written for the
tests."""

from __future__ import annotations

import pytest

from sahel_tui.suggest import suggest_coding
from sahel_tui.suggest import type_rules as tr
from sahel_tui.vocab import load_vocab


@pytest.fixture(scope="module")
def vocab():
    return load_vocab()


def _types(vocab, text: str) -> tuple[str, str, str]:
    title = text.split(".")[0]
    ev = suggest_coding(title, text, "2025-03-04T09:00:00+00:00", vocab=vocab).primary
    assert ev is not None
    return ev.event_type, ev.sub_event_type, ev.type_rule


@pytest.mark.parametrize(
    "text, want",
    [
        # weapons seized in a fight that killed: the fight
        ("On 3 March, the Malian army killed four JNIM militants near Dogo and seized "
         "weapons and motorbikes.", ("Battles", "Armed clash")),
        # arrests in an attack that killed and wounded villagers: the attack
        ("On 3 March, soldiers killed two villagers, wounded three others and arrested "
         "five men in Kobi.", ("Violence against civilians", "Attack")),
    ],
)
def test_a_seizure_or_arrests_told_with_deaths_are_the_violence(vocab, text, want):
    et, sub, why = _types(vocab, text)
    assert (et, sub) == want
    # this rule, or the target rule it hands over to (civilians hurt: an attack)
    assert why in (tr.WHY_HARM_IN_QUIET, tr.WHY_CIVILIANS, tr.WHY_CLASH)


def test_seizures_and_arrests_without_harm_stay_strategic(vocab):
    et, sub, _ = _types(vocab, "On 3 March, the Malian army seized weapons and "
                        "ammunition in a cache near Dogo.")
    assert (et, sub) == ("Strategic developments", "Disrupted weapons use")
    et, sub, _ = _types(vocab, "On 3 March, gendarmes arrested five suspects in Gao.")
    assert (et, sub) == ("Strategic developments", "Arrests")


def test_an_armed_group_that_detains_people_abducts_them(vocab):
    et, sub, why = _types(vocab, "On 3 March, JNIM militants detained twelve men in the "
                          "village of Kobi.")
    assert (et, sub, why) == ("Violence against civilians", "Abduction/forced disappearance",
                              tr.WHY_DETAINED_BY_GROUP)
