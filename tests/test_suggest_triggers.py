"""Wordings of real reporting that must give an event (the incident cue and the keyword
rules of sahel_tui/vocab/data/event_rules.toml), with the sub-event type ACLED gives them."""

from __future__ import annotations

import pytest

from sahel_tui.suggest import suggest_coding
from sahel_tui.vocab import load_vocab


@pytest.fixture(scope="module")
def vocab():
    return load_vocab()


@pytest.mark.parametrize(
    "body, sub",
    [
        ("Militants burned a school in the village on Monday.",
         "Looting/property destruction"),
        ("Soldiers burnt motorbikes belonging to herders near the market on Monday.",
         "Looting/property destruction"),
        ("Militants detonated a bridge on the main road on Monday.",
         "Remote explosive/landmine/IED"),
        ("Two militias exchanged gunfire near the river on Monday; no one was hurt.",
         "Armed clash"),
        ("Militiamen fired gunshots at a hamlet on Monday night.", "Attack"),
        ("Militiamen forcefully disappeared three herders on Monday.",
         "Abduction/forced disappearance"),
        ("The army cleared four villages without resistance on Monday.",
         "Non-violent transfer of territory"),
        ("Peacekeepers dismantled an anti-tank mine near the camp on Monday.",
         "Disrupted weapons use"),
        ("Police seized more than twenty fire arms at a checkpoint on Monday.",
         "Disrupted weapons use"),
        ("The government extended the state of emergency in the region on Monday.",
         "Change to group/activity"),
        ("The governor imposed a ban on motorbikes in three districts on Monday.",
         "Change to group/activity"),
        ("Militants gave villagers an ultimatum to leave the village on Monday.", "Other"),
        ("Militants closed down the school in the village on Monday.", "Other"),
        ("Militants mounted a roadblock on the highway on Monday and searched travellers.",
         "Other"),
        ("Community leaders signed an accord to end hostilities on Monday.", "Agreement"),
        ("Teachers went on strike across the country on Monday.", "Peaceful protest"),
        ("Members of the movement staged peaceful processions in the city on Monday.",
         "Peaceful protest"),
        ("Party supporters engaged in a street fight at a polling station on Monday.",
         "Mob violence"),
        ("Nurses took to the streets of the town on Monday, demanding unpaid bonuses.",
         "Peaceful protest"),
        ("Hundreds of women marched through the town on Monday to demand clean water.",
         "Peaceful protest"),
        ("A skirmish between soldiers and militants was reported near the well on Monday.",
         "Armed clash"),
        ("The troops got engaged in a battle with the insurgents near the river on Monday.",
         "Armed clash"),
        ("The army and the militia engaged in a fire fight outside the town on Monday.",
         "Armed clash"),
        ("An unknown man stabbed a shopkeeper at the market on Monday.", "Attack"),
        ("Militants whipped several traders at the weekly market on Monday.", "Attack"),
        ("A herder was found murdered in his field on Monday.", "Attack"),
        ("The chiefs of two rival villages signed a reconciliation pact on Monday.",
         "Agreement"),
        # round 6: wordings the type rules read that no cue let through, and their types
        ("Shopkeepers in the town began observing a two-day strike on Monday over new taxes.",
         "Peaceful protest"),
        ("Thousands gathered at the main square on Monday, calling for the minister to resign.",
         "Peaceful protest"),
        ("Gunmen removed two traders from a bus and took them to an unknown destination on "
         "Monday.", "Abduction/forced disappearance"),
        ("Nigerian troops encountered Boko Haram fighters near the river on Monday.",
         "Armed clash"),
        ("Insurgents set the Bakari village on fire on Monday.", "Attack"),
        ("A trader was severely beaten by soldiers at a checkpoint on Monday.", "Attack"),
        ("The army installed a new base in the town on Monday.",
         "Headquarters or base established"),
        ("Troops discovered an arms cache near the village on Monday.",
         "Disrupted weapons use"),
        ("The two rival groups signed an accord in the town on Monday to end hostilities.",
         "Agreement"),
        ("The two movements signed agreements on the cessation of hostilities on Monday.",
         "Agreement"),
    ],
)
def test_real_wordings_give_an_event(vocab, body, sub):
    # a second sentence, as a dispatch has (background: it does not count)
    coding = suggest_coding("Report", body + " The area has been tense for months.",
                            "2025-03-04T09:00:00+00:00", vocab=vocab)
    assert coding.events, body
    assert coding.primary.sub_event_type == sub, body


@pytest.mark.parametrize("body", [
    "The ministry signed a marketing agreement with a mining company on Monday.",
    "The two unions reached an agreement on wages with the employers on Monday.",
    "Thousands of runners marched through the capital on Monday in the city marathon.",
])
def test_business_and_sport_are_no_incident(vocab, body):
    coding = suggest_coding("Report", body, "2025-03-04T09:00:00+00:00", vocab=vocab)
    assert not coding.events, body
