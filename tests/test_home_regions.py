"""Where a named group or people mostly acts (data/matcher.toml ``home_regions``) leans the
choice among namesakes of one country, and a place read as the event's is not ranked after
a name read only weakly.  Villages and texts are our own inventions."""

from __future__ import annotations

from helpers_gazetteer import gazetteer_fixtures
from test_gazetteer import geo_line

from sahel_tui.gazetteer.evidence import evidence, home_regions_named, place_matches
from sahel_tui.suggest import suggest_coding

PUB = "2021-03-02T08:00:00Z"
LINES = [
    # Kuttari: a hamlet of Borno and a bigger village of Kebbi
    geo_line(201, "Kuttari", "", 11.80, 13.20, cc="NG", a1="02"),
    geo_line(202, "Kuttari", "", 12.50, 4.30, cc="NG", a1="40", pop=5000),
    # Wandoro: a hamlet of Mopti and a bigger village of Koulikoro
    geo_line(203, "Wandoro", "", 14.20, -3.40, a1="04"),
    geo_line(204, "Wandoro", "", 12.90, -7.60, a1="07", pop=3000),
    # Sembe, a village of Sikasso; Sembbe, one of Mopti (one spelling key)
    geo_line(205, "Sembe", "", 11.40, -5.60, a1="06", pop=50),
    geo_line(206, "Sembbe", "", 14.30, -3.30, a1="04", pop=50),
    # Abarkou: a village of Niger that is also a man's name
    geo_line(207, "Abarkou", "", 17.00, 8.00, cc="NE", a1="01"),
]
ADMIN1 = ["ML.04\tMopti\tMopti\t1", "ML.07\tKoulikoro\tKoulikoro\t2",
          "ML.06\tSikasso\tSikasso\t3", "NG.02\tBorno\tBorno\t4", "NG.40\tKebbi\tKebbi\t5",
          "NE.01\tAgadez\tAgadez\t6"]


gaz, vocab = gazetteer_fixtures(LINES, ADMIN1, [])


def code(vocab, text):
    return suggest_coding("", text, PUB, vocab=vocab).events[0]


def test_the_names_of_a_few_regions_are_read_with_their_regions():
    got = dict(home_regions_named("Boko Haram (BH) fighters and Dogon hunters clashed."))
    assert "Borno" in got["Boko Haram"] and "Borno" in got["BH"]
    assert got["Dogon"] == ("Mopti",)
    # as the vocabulary writes the group too ("l'Iswap")
    assert "Borno" in dict(home_regions_named("Attaque de l'Iswap contre le camp"))["Iswap"]
    # a word of a longer proper name is no people; a group of everywhere says nothing
    assert home_regions_named("Gunmen attacked Dogon Dawa village.") == []
    assert home_regions_named("JNIM militants and Fulani herders clashed.") == []


def test_the_groups_region_chooses_among_namesakes_of_one_country(vocab):
    assert code(vocab, "Boko Haram attacked Kuttari and killed two farmers.").place.admin1 \
        == "Borno"
    # with nothing to tell, the bigger village
    assert code(vocab, "Gunmen attacked Kuttari and killed two farmers.").place.admin1 \
        == "Kebbi"
    # a people of one region does it too
    ev = code(vocab, "Gunmen burned granaries in Wandoro, a Dogon hamlet, and killed one.")
    assert ev.place.admin1 == "Mopti"


def test_the_lean_never_prefers_a_variant_spelling(vocab):
    ev = code(vocab, "Katiba Macina militants attacked a police post in Sembe.")
    assert ev.place.name == "Sembe" and ev.place.admin1 == "Sikasso"


def test_the_picker_says_why(vocab, gaz):
    text = "Boko Haram attacked Kuttari and killed two farmers."
    ms = vocab.matcher().find(text)
    m = next(x for x in place_matches(gaz, text, ms) if x.text == "Kuttari")
    assert m.best.entity.admin1 == "Borno"
    assert "Boko Haram acts mostly in Borno" in evidence(m.best, text, m, [m], ms)
    kebbi = next(c for c in m.candidates if c.entity.admin1 == "Kebbi")
    assert not any("acts mostly" in e for e in evidence(kebbi, text, m, [m], ms))


def test_the_place_of_the_event_is_not_put_after_a_name_read_weakly(vocab):
    # "Abarkou" is read only as a man's name after a title, in Niger (named); Kidal, the
    # place of the protest, is far from it and in no country the item names
    ev = code(vocab, "Hundreds marched in Kidal on Monday, protesting against a speech by the "
                     "Nigerien president Abarkou.")
    assert ev.place.name == "Kidal"


def test_the_place_picker_says_where_the_group_mostly_acts(vocab):
    from sahel_tui.ui.coding import CodingState, Draft
    from sahel_tui.ui.coding_pickers import place_items

    coding = suggest_coding("", "Boko Haram attacked Kuttari and killed two farmers.", PUB,
                            vocab=vocab)
    ev = coding.events[0]
    state = CodingState(0, drafts=[Draft({}, None, ev)], coding=coding)
    items = [i for i in place_items(vocab, state, "") if i.label == "Kuttari"]
    assert items and "Boko Haram acts mostly in Borno" in items[0].detail
