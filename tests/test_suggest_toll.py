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
        ("Bandits killed the brother of the imam in Djibo.", 1),
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
        ("Jihadists killed nine gendarmes and wounded others including a captain, "
         "fourteen jihadists were killed.", 23),
        # one person told twice
        ("Gunmen killed a man working as a vendor in Gao.", 1),
        # a list before one killing verb, each figure counted ("Two gendarmes, one
        # herder and nineteen assailants were killed")
        ("Two gendarmes, one herder, and nineteen assailants were reportedly killed, "
         "four gendarmes were also wounded.", 22),
        ("12 assailants, one gendarme and a village guard were killed.", 14),
        ("One civilian was injured and another killed.", 1),
        ("Two hostages were released while three were executed.", 3),
        ("Two robbers were killed and five arrested.", 2),
        # "the village head", and the next of a list of named victims
        ("Gunmen killed the village head and the imam of Bagoni.", 2),
        ("Assailants killed a retired district officer in Wukari.", 1),
        # a parenthetical subset ends at its comma
        ("Six people, including two gendarmes, and 9 attackers were killed.", 15),
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
