"""The toll stage's ACLED conventions (sahel_tui.suggest.toll_rules): claims left out when
the report gives its own figure, the coder's "coded as N", a toll split over events; and the
figures of sahel_tui.suggest.fatalities they rest on (labels, unknown numbers)."""

from __future__ import annotations

import pytest

from sahel_tui.suggest.fatalities import extract_fatalities
from sahel_tui.suggest.toll_rules import apply_conventions, extract_toll


def toll(text: str) -> int:
    return apply_conventions(text, extract_toll(text)).low


@pytest.mark.parametrize(
    "text, low",
    [
        # a label is not a head count
        ("Two herders were killed near Tinzar (coded to Tinzar at geoprecision 2).", 2),
        ("One soldier was killed on the road, the alert stands at level 3.", 1),
        # an unknown number is ACLED's vague figure
        ("Gunmen killed an unknown number of villagers in Dorou.", 3),
        ("Gunmen attacked Dorou and killed an undisclosed number of people.", 3),
        # a figure is the subject of the verb after it ...
        ("Three herders were killed and five others were seriously wounded.", 3),
        ("2 traders were killed 6 injured in the raid.", 2),
        ("Soldiers killed four militants and two were taken prisoner.", 4),
        # ... but not across a comma or a relative clause
        ("Troops killed one gunman, three villagers were wounded in the crossfire.", 1),
        ("Gunmen executed a herder who was abducted last week.", 1),
        # the object right after a killing verb is a victim, whatever follows it
        ("Militants killed a trader abducted on 3 May near Dorou.", 1),
        ("Hunters killed and decapitated a herder and seized his cattle.", 1),
        # a noun phrase and its own verb: "and 2 soldiers injured" are not deaths
        ("3 fighters were killed and 2 soldiers injured near Gubio.", 3),
        # a list after one killing verb counts every item ...
        ("Gunmen ambushed the convoy, killing two guards, three policemen, a driver, and "
         "two other chiefs.", 8),
        # ... but not another verb's object nor the ones after "including"
        ("Militants attacked the post, killing four, and stealing two trucks.", 4),
        ("Gunmen killed seven people, including a chief, a woman and a child.", 7),
        ("Gunmen killed one villager, while two others went missing.", 1),
        # a source after the list is not an item of it
        ("Gunmen raided the village, killing at least 100 people, a local official said.",
         100),
        ("Les assaillants ont attaqué la base, tuant au moins 40 soldats et VDP, selon "
         "plusieurs sources.", 40),
        # hostages killed are deaths
        ("Four hostages were killed by their captors.", 4),
    ],
)
def test_figures_read_by_grammar(text, low):
    assert extract_fatalities(text).low == low


@pytest.mark.parametrize(
    "text, low",
    [
        # a party's claim does not add to the toll the report gives
        ("Rebels attacked the base at Wadi Kor, four soldiers were killed. The rebels "
         "claimed to have killed 40 soldiers.", 4),
        ("Twelve militants were killed in the clash. The army said in a statement that "
         "60 fighters were neutralised, a figure that could not be independently verified.",
         12),
        # ... but stands when it is the only figure
        ("The group claimed to have killed 9 soldiers near Lere.", 9),
    ],
)
def test_claims_count_only_without_a_reported_toll(text, low):
    assert toll(text) == low


@pytest.mark.parametrize(
    "text, low",
    [
        # the coder's figure for an unknown toll, plus the deaths stated as fact
        ("Troops clashed with gunmen near Dara. Two soldiers and an unreported number of "
         "gunmen were killed. Unknown fatalities coded as 10.", 12),
        ("Jets struck a camp near Dara and several fighters were killed. Fatalities coded "
         "as 10.", 10),
        ("Gunmen killed an unknown number of people in Dara (unknown fatalities coded as "
         "3).", 3),
        ("The army claimed to have killed dozens of fighters (10 fatalities coded).", 10),
        ("The army said 14 soldiers died. Total fatalities coded as 10.", 10),
        ("A patrol was ambushed; coded as one fatality.", 1),
        # "coded as" a place is not a figure
        ("Three soldiers were killed near Dara (coded as Dara at geoprecision 2).", 3),
    ],
)
def test_the_coders_figure_wins(text, low):
    assert toll(text) == low


@pytest.mark.parametrize(
    "text, low",
    [
        ("Gunmen attacked two villages and killed 9 people. Fatalities split between the "
         "two events.", 5),  # 4.5 rounded half up
        ("Gunmen killed 25 people in the attacks. Fatalities spread over 4 locations.", 6),
        ("Bandits killed ten people. Fatalities split between both events.", 5),
        ("Militias attacked Kora, Sabo, Dutsi and Gidan Wari and killed 8 people. "
         "Fatalities split between events.", 2),  # four places listed
        ("Militias attacked Kora (Wase, Plateau) and Sabo (Kanam, Plateau) and killed 6 "
         "people. Fatalities split between events.", 3),
        # the coder's figure, then split
        ("Jets bombed camps in the forest, several fighters were killed. Unknown fatalities "
         "coded as 3 and split between three events.", 1),
        # no split told: the whole toll
        ("Gunmen attacked Kora and Sabo and killed 8 people.", 8),
    ],
)
def test_a_toll_split_over_events_gives_each_its_share(text, low):
    assert toll(text) == low


def test_split_wording_without_a_toll_changes_nothing():
    fat = extract_toll("Gunmen burned houses. Damage split between two villages.")
    assert apply_conventions("Gunmen burned houses. Damage split between two villages.",
                             fat) == fat
