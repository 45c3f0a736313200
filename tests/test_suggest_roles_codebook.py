"""Who acted and who was targeted, by ACLED's codebook (issue #13, actors' recall and
roles), on text we wrote.

* Violence against civilians with no attacker word but the state's forces in the lead: the
  forces are the perpetrator (ACLED codes no Unidentified Armed Group for it).
* Mob violence: the crowd (Rioters) against the civilians it attacked, or against another
  crowd when two crowds fought each other."""

from __future__ import annotations

import datetime as dt

import pytest

from sahel_tui.suggest import suggest_coding
from sahel_tui.vocab import load_vocab


@pytest.fixture(scope="module")
def vocab():
    return load_vocab()


def _code(vocab, body: str, title: str = "Security incident"):
    ev = suggest_coding(title, body, dt.datetime(2021, 5, 2, 9), "en", vocab=vocab).events
    assert ev, body
    e = ev[0]
    return (e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None, e)


@pytest.mark.parametrize("body,force", [
    ("On Sunday, Chadian soldiers entered a village near Mongo, Chad, and two women were "
     "wounded in assaults.", "Military Forces of Chad"),
    ("On Sunday, a detainee died after policemen tortured him in a cell in "
     "Mongo, Chad.", "Police Forces of Chad"),
])
def test_state_forces_in_the_lead_with_no_attacker_word_are_the_perpetrator(vocab, body, force):
    a1, a2, e = _code(vocab, body)
    assert e.event_type == "Violence against civilians"
    assert (a1, a2) == (force, "Civilians (Chad)")
    assert not any(a.name.startswith("Unidentified Armed Group") for a in e.actors)


def test_unknown_gunmen_stay_the_perpetrator_beside_soldiers(vocab):
    a1, a2, _ = _code(vocab, "On Sunday, unknown gunmen killed two women near Mongo, Chad, "
                             "before soldiers arrived.")
    assert (a1, a2) == ("Unidentified Armed Group (Chad)", "Civilians (Chad)")


@pytest.mark.parametrize("body", [
    "On Sunday, a mob lynched a suspected thief to death in Kano, Nigeria.",
    "On Sunday, an angry crowd beat a man accused of theft to death in a market of Kano, "
    "Nigeria.",
])
def test_a_mob_that_attacks_people_has_civilians_as_its_target(vocab, body):
    a1, a2, e = _code(vocab, body)
    assert e.sub_event_type == "Mob violence"
    assert (a1, a2) == ("Rioters (Nigeria)", "Civilians (Nigeria)")


def test_two_crowds_that_fight_each_other_are_rioters_on_both_sides(vocab):
    a1, a2, e = _code(vocab, "On Sunday, two groups of youths clashed over a football match "
                             "in Kano, Nigeria, and two people were wounded in the street fight.")
    assert e.sub_event_type == "Mob violence"
    assert (a1, a2) == ("Rioters (Nigeria)", "Rioters (Nigeria)")


def test_rioters_who_attack_the_police_face_the_police_not_civilians(vocab):
    a1, a2, _ = _code(vocab, "On Sunday, rioters attacked a police station in Kano, Nigeria.")
    assert (a1, a2) == ("Rioters (Nigeria)", "Police Forces of Nigeria")


def test_state_forces_fighting_the_attackers_in_a_later_sentence_make_an_armed_clash(vocab):
    a1, a2, e = _code(vocab, "On Sunday, Boko Haram fighters attacked Konduga, Borno State, "
                             "Nigeria. Nigerian troops engaged them in a gun battle.")
    assert (e.event_type, e.sub_event_type) == ("Battles", "Armed clash")
    assert {a1, a2} == {"Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
                        "Military Forces of Nigeria"}
    assert "fought" in e.type_rule


def test_one_armed_side_that_nobody_fought_back_is_an_attack_not_a_clash(vocab):
    a1, a2, e = _code(vocab, "On Sunday, unknown gunmen made an incursion into a refugee site "
                             "near Diffa, Niger, and opened fire.")
    assert (e.event_type, e.sub_event_type) == ("Violence against civilians", "Attack")
    assert (a1, a2) == ("Unidentified Armed Group (Niger)", "Civilians (Niger)")


@pytest.mark.parametrize("body", [
    "On Sunday, suspected ISWAP militants seized a hundred heads of cattle near Diffa, Niger.",
    "On Sunday, suspected ISWAP militants seized an ambulance near Diffa, Niger.",
])
def test_property_and_animals_seized_without_harm_are_looting(vocab, body):
    a1, a2, e = _code(vocab, body)
    assert e.sub_event_type == "Looting/property destruction"
    assert (a1, a2) == ("Islamic State (West Africa)", "Civilians (Niger)")


def test_property_the_army_burned_belonged_to_civilians(vocab):
    a1, a2, e = _code(vocab, "On Sunday, the Malian army burned motorbikes and homes in a "
                             "village near Mopti, Mali.")
    assert e.sub_event_type == "Looting/property destruction"
    assert (a1, a2) == ("Military Forces of Mali", "Civilians (Mali)")


@pytest.mark.parametrize("body,a1,a2", [
    # Mali's Operational Coordination Mechanism (joint units of the army and the signatory
    # groups) is coded by ACLED as the Malian military
    ("On Sunday, unknown gunmen shot dead a MOC officer in Gao, Mali.",
     "Unidentified Armed Group (Mali)", "Military Forces of Mali"),
    ("On Sunday, a presidential guard shot dead a driver in N'Djamena, Chad.",
     "Military Forces of Chad", "Civilians (Chad)"),
    ("On Sunday, a nomad guard opened fire on civilians at a checkpoint near Mongo, Chad, "
     "wounding two.", "GNNT: Nomad and National Guard of Chad", "Civilians (Chad)"),
])
def test_state_forces_by_their_units(vocab, body, a1, a2):
    assert _code(vocab, body)[:2] == (a1, a2)


@pytest.mark.parametrize("body,sub,a2", [
    ("On Sunday, suspected JNIM militants ransacked the mayor's office in Tenenkou, Mali, and "
     "burned its archives.", "Looting/property destruction", "Civilians (Mali)"),
    ("On Sunday, ISGS fighters attacked the police station of Ayorou, Niger, and "
     "killed two policemen there.", "Armed clash", "Police Forces of Niger"),
])
def test_an_armed_group_that_ransacks_or_storms_does_not_riot(vocab, body, sub, a2):
    _, got2, e = _code(vocab, body)
    assert e.event_type != "Riots"
    assert (e.sub_event_type, got2) == (sub, a2)
    assert "riot" in e.type_rule


def test_a_crowd_that_ransacks_still_riots(vocab):
    a1, _, e = _code(vocab, "On Sunday, angry youths ransacked the mayor's office in Tenenkou, "
                            "Mali, after a disputed election.")
    assert (a1, e.sub_event_type) == ("Rioters (Mali)", "Violent demonstration")


BH = "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"


@pytest.mark.parametrize("body,a1,a2", [
    # actor1 is the subject of the lead's act, even when the other side is the agent of a
    # later "repelled by"
    ("On Sunday, Boko Haram fighters attacked Mafa, Borno State, Nigeria, but were repelled "
     "by Nigerian troops.", BH, "Military Forces of Nigeria"),
    ("On Sunday, Nigerian troops repelled an attack on Mafa, Borno State, Nigeria, by Boko "
     "Haram fighters.", "Military Forces of Nigeria", BH),
    # a passive act: its agent
    ("On Sunday, Nigerian soldiers were ambushed by Boko Haram fighters near Mafa, Borno "
     "State, Nigeria.", BH, "Military Forces of Nigeria"),
])
def test_actor1_is_the_subject_of_the_leads_act(vocab, body, a1, a2):
    assert _code(vocab, body)[:2] == (a1, a2)


def test_the_state_raiding_a_village_in_search_of_a_group_is_the_perpetrator(vocab):
    a1, a2, e = _code(vocab, "On Sunday, Nigerian soldiers raided a village near Konduga, "
                             "Borno State, Nigeria, in search of Boko Haram fighters, and "
                             "burned homes and beat residents.")
    assert e.event_type == "Violence against civilians"
    assert (a1, a2) == ("Military Forces of Nigeria", "Civilians (Nigeria)")


@pytest.mark.parametrize("body", [
    "On Sunday, Nigerian troops encountered Boko Haram fighters near Izge, Borno State, "
    "Nigeria, and killed several in a gun fight.",
    "On Sunday, Boko Haram fighters attacked Babbangida, Yobe State, Nigeria, and encountered "
    "resistance from Nigerian troops.",
])
def test_a_gun_fight_or_resistance_makes_an_armed_clash(vocab, body):
    a1, a2, e = _code(vocab, body)
    assert (e.event_type, e.sub_event_type) == ("Battles", "Armed clash")
    assert {a1, a2} == {BH, "Military Forces of Nigeria"}


@pytest.mark.parametrize("body,et,a1", [
    # the demonstrators' own violence makes a riot
    ("On Sunday, hundreds of workers staged a demonstration in Segou, Mali, over unpaid "
     "salaries. The demonstrators assaulted the factory manager.", "Riots", "Rioters (Mali)"),
    ("On Sunday, police used tear gas to disperse violent protesters in Kano, Nigeria.",
     "Riots", "Rioters (Nigeria)"),
    # the police's violence, or a flag burned, does not
    ("On Sunday, students staged a demonstration in N'Djamena, Chad; police fired tear gas "
     "and stormed the campus.", "Protests", "Protesters (Chad)"),
    ("On Sunday, residents staged a demonstration in Kidal, Mali, against France and burned "
     "French flags.", "Protests", "Protesters (Mali)"),
])
def test_a_demonstration_riots_when_the_demonstrators_use_violence(vocab, body, et, a1):
    got1, _, e = _code(vocab, body)
    assert (e.event_type, got1) == (et, a1)


@pytest.mark.parametrize("body,a1", [
    # a jihadist group or an ethnic militia: the attacker stays unidentified
    ("On Sunday, Katiba Macina fighters or Fulani militiamen, witnesses were unsure which, "
     "killed two herders outside Bankass, Mali.", "Unidentified Armed Group (Mali)"),
    # two groups of one kind: the first named stands for "A and/or B"
    ("On Sunday, suspected JNIM or ISGS militants shot dead two villagers near Bankass, Mali.",
     "JNIM: Group for Support of Islam and Muslims"),
])
def test_alternative_attackers(vocab, body, a1):
    assert _code(vocab, body)[:2] == (a1, "Civilians (Mali)")


@pytest.mark.parametrize("body,sub,a2", [
    ("On Sunday, traders in Kati, Mali, demonstrated to demand a new market hall; the "
     "security forces intervened and arrested forty of them.", "Protest with intervention",
     "Police Forces of Mali"),
    ("On Sunday, members of the movement protested the arrest of their leader in Kati, Mali.",
     "Peaceful protest", None),
])
def test_a_protest_with_arrests_is_a_protest(vocab, body, sub, a2):
    a1, got2, e = _code(vocab, body)
    assert (e.event_type, e.sub_event_type, a1, got2) == ("Protests", sub, "Protesters (Mali)",
                                                          a2)
