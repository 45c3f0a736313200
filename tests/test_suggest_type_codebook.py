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


@pytest.mark.parametrize(
    "text",
    [
        "On 3 March, a crowd attacked the residence of the prefect in Gao and burned two cars.",
        "On 3 March, villagers armed with sticks assaulted a herder accused of theft in Kobi.",
        "On 3 March, local residents looted a food warehouse in Gao.",
        "On 3 March, rival youths clashed at the market in Gao over a woman.",
    ],
)
def test_violence_by_a_crowd_is_mob_violence(vocab, text):
    assert _types(vocab, text) == ("Riots", "Mob violence", tr.WHY_MOB)


@pytest.mark.parametrize(
    "text",
    [
        # the victims, not the crowd, are the subject of a passive verb
        "On 3 March, three villagers were attacked by gunmen in Kobi.",
        # unknown individuals are an unidentified armed group
        "On 3 March, unknown individuals assaulted a trader in Gao.",
        # a fight with firearms is one between armed sides
        "On 3 March, rival youths clashed with firearms at the market in Gao.",
        # a killing by youths is coded as an attack, not as mob violence
        "On 3 March, youths killed two herders near Kobi.",
    ],
)
def test_not_mob_violence(vocab, text):
    assert _types(vocab, text)[:2] != ("Riots", "Mob violence")
