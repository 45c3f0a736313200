"""The toll stage (sahel_tui.suggest.fatalities): the rules added for real reporting --
one named victim, subsets after "including", killings told as a cause or an attempt."""

from __future__ import annotations

import pytest

from sahel_tui.suggest.fatalities import extract_fatalities


@pytest.mark.parametrize(
    "text, low",
    [
        # one victim named with "the", "his", "her": the object of a killing verb or the
        # subject of a passive one
        ("Gunmen killed the son of the village chief in Koro.", 1),
        ("The imam was killed near the mosque.", 1),
        ("Militants assassinated a forest guard near Gossi.", 1),
        ("A man succumbed to injuries sustained in the attack.", 1),
        ("Soldiers beat a detainee to death near the camp.", 1),
        ("Des hommes armés ont tué le chef du village.", 1),
        # figures after "including" are part of the one before it
        ("Gunmen killed six people including two policemen, the owner and a waiter.", 6),
        ("At least ten fighters were killed including seven commanders.", 10),
        ("Three people including a man, a woman and a girl were killed.", 3),
        ("Seize personnes ont été tuées, dont quatre militaires.", 16),
        # ... but not a list of the wounded before a separate toll
        ("Militants killed eleven soldiers and wounded others including officers, "
         "twenty militants were killed.", 31),
        # one person told twice
        ("Gunmen killed a man working as a vendor in Gao.", 1),
        # a list before one killing verb, each figure counted ("Three soldiers, one
        # civilian and twenty-one militants were killed")
        ("Three soldiers, one civilian, and twenty-one militants were reportedly killed, "
         "three soldiers were also wounded.", 25),
        ("15 militants, one soldier and a local militia member were killed.", 17),
        ("One civilian was injured and another killed.", 1),
        ("Two hostages were released while three were executed.", 3),
        ("Three kidnappers were killed and four arrested.", 3),
        # "the village head", and the next of a list of named victims
        ("Gunmen killed the village head and the imam of Bagoni.", 2),
        ("Militants killed a former local government secretary in Takum.", 1),
        # a parenthetical subset ends at its comma
        ("Eight people, including three soldiers, and 11 fighters were killed.", 19),
        # the killer is not a victim; the wounded are not the dead
        ("A soldier beat a refinery worker to death.", 1),
        ("Gunmen wounded two youths near the well, one succumbed to his wounds.", 1),
    ],
)
def test_tolls_of_real_reporting(text, low):
    assert extract_fatalities(text).low == low


@pytest.mark.parametrize(
    "text",
    [
        "Youths burned the town hall in reaction to the killing of a trader.",
        "Gunmen opened fire on an officer in an attempt to kill him; he escaped unharmed.",
        "The teacher said the school was closed.",
    ],
)
def test_no_toll_from_a_cause_an_attempt_or_a_mere_mention(text):
    assert extract_fatalities(text).low == 0
