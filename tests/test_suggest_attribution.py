"""Actors, attribution and country of the pre-filled coding (issue #13), on text we wrote.

ACLED's codebook: attackers the report calls unknown are the country's Unidentified Armed
Group, whoever else the report names (the group they attacked, a guess about who they
were); the country of an incident is read from every name of one country, peoples and
movements of one country included."""

from __future__ import annotations

import datetime as dt

import pytest

from sahel_tui.suggest import suggest_coding
from sahel_tui.suggest.country import incident_country, people_votes
from sahel_tui.vocab import load_vocab


@pytest.fixture(scope="module")
def vocab():
    return load_vocab()


def _code(vocab, body: str, title: str = "Security incident", when=dt.datetime(2020, 5, 2, 9)):
    ev = suggest_coding(title, body, when, "en", vocab=vocab).events
    assert ev, body
    e = ev[0]
    return (e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None, e)


def test_unknown_gunmen_who_attack_a_named_group_are_the_unidentified_armed_group(vocab):
    a1, a2, _ = _code(vocab, "On Friday, unknown gunmen attacked a GATIA position near "
                             "Menaka town, in the Menaka region of Mali; two fighters died.")
    assert a1 == "Unidentified Armed Group (Mali)"
    assert a2 == "GATIA: Imghad Tuareg and Allies Self-Defense Group"


def test_a_guess_about_unknown_attackers_does_not_name_them(vocab):
    a1, a2, _ = _code(vocab, "On Friday, unidentified gunmen (presumably ISWAP fighters) "
                             "abducted two farmers near Diffa, Niger.")
    assert a1 == "Unidentified Armed Group (Niger)"
    assert a2 == "Civilians (Niger)"
    # attributed, not guessed about unknown men: the group is the actor
    a1, _, _ = _code(vocab, "On Friday, suspected ISWAP fighters abducted two farmers near "
                            "Diffa, Niger.")
    assert a1 == "Islamic State (West Africa)"


def test_gunmen_later_named_are_the_named_group(vocab):
    a1, _, _ = _code(vocab, "On Friday, gunmen abducted two farmers near Diffa, Niger. "
                            "ISWAP claimed the abduction.")
    assert a1 == "Islamic State (West Africa)"


def test_peoples_and_movements_of_one_country_give_its_country(vocab):
    assert people_votes("Koglweogo members and a Mossi chief")["BF"] > 0
    v = people_votes("the Dozo hunters")
    assert set(v) == {"ML", "BF", "CI"} and v["ML"] == v["BF"]  # split between its countries
    assert set(people_votes("the Dogon hamlet")) == {"ML"}
    assert people_votes("Katiba Macina fighters")["ML"] > 0
    assert not people_votes("Fulani herders")  # the Fulani live everywhere: no vote
    assert incident_country(None, [], None, "Katiba Macina fighters burned a Dogon "
                                            "hamlet.") == "ML"
    # and the generic actors follow that country
    _, a2, e = _code(vocab, "On Friday, Katiba Macina fighters killed two Dogon herders "
                             "in a hamlet.")
    assert e.country == "ML"
    assert a2 == "Civilians (Mali)"


@pytest.mark.parametrize("body", [
    "Gunmen killed five soldiers in an ambush near Djibo on Monday. No group immediately "
    "claimed the attack, but the area is a stronghold of JNIM.",
    "Gunmen killed five soldiers in an ambush near Djibo on Monday. JNIM is active in the "
    "area.",
    "Des hommes armés ont tué cinq soldats près de Djibo lundi. L'attaque n'a pas été "
    "revendiquée, mais la zone est un fief du JNIM.",
])
def test_a_stronghold_or_an_unclaimed_attack_gives_the_unidentified_armed_group(vocab, body):
    a1, a2, _ = _code(vocab, body)
    assert a1 == "Unidentified Armed Group (Burkina Faso)"
    assert a2 == "Military Forces of Burkina Faso"


@pytest.mark.parametrize("body", [
    "Gunmen killed five soldiers in an ambush near Djibo on Monday. No group immediately "
    "claimed the attack, but security sources attributed it to JNIM.",
    "Gunmen killed five soldiers near Djibo on Monday. Officials blamed JNIM, which is "
    "active in the area.",
    "Des hommes armés ont tué cinq soldats près de Djibo lundi. L'attaque n'a pas été "
    "revendiquée, mais des sources locales l'attribuent au JNIM.",
    # the group that acted, fighting in its own stronghold
    "JNIM fighters attacked an army post near Djibo, a stronghold of the group, on Monday.",
])
def test_an_attribution_names_the_group_even_beside_an_unclaimed_or_stronghold(vocab, body):
    a1, _, _ = _code(vocab, body)
    assert a1 == "JNIM: Group for Support of Islam and Muslims"


def test_an_operation_in_the_area_is_not_a_stronghold(vocab):
    _, a2, _ = _code(vocab, "On Monday, French forces conducted an operation in the area of "
                            "Menaka, Mali, and killed four ISGS militants.")
    assert a2 == "Islamic State Sahel Province"


@pytest.mark.parametrize("body, force", [
    ("Gunmen killed a gendarme at a checkpoint near Tillaberi, Niger, on Monday.",
     "Military Forces of Niger"),
    ("Gunmen killed two national guards at a checkpoint near Tillaberi, Niger, on Monday.",
     "Police Forces of Niger"),
    ("Gunmen killed a gendarme at a checkpoint near Mopti, Mali, on Monday.",
     "Police Forces of Mali"),
    ("Gunmen killed two national guards at a checkpoint near Mopti, Mali, on Monday.",
     "Military Forces of Mali"),
    ("Gunmen killed a gendarme at a checkpoint near Abeche, Chad, on Monday.",
     "Military Forces of Chad"),
])
def test_gendarmes_and_national_guards_are_the_force_acled_names_in_each_country(
        vocab, body, force):
    _, a2, _ = _code(vocab, body)
    assert a2 == force


@pytest.mark.parametrize("body, militia", [
    ("On Monday, JNIM fighters attacked the village of Wenkoro in the Mopti region of Mali; "
     "village self-defense repelled the attack.", "Wenkoro Communal Militia (Mali)"),
    ("On Monday, JNIM fighters attacked Wenkoro village in the Mopti region of Mali; local "
     "militiamen repelled the attack.", "Wenkoro Communal Militia (Mali)"),
    ("On Monday, JNIM fighters attacked the Dogon village of Wenkoro in the Mopti region of "
     "Mali; village self-defense repelled the attack.", "Dogon Ethnic Militia (Mali)"),
])
def test_a_village_self_defense_is_named_after_its_village_or_people(vocab, body, militia):
    a1, a2, _ = _code(vocab, body)
    assert a1 == "JNIM: Group for Support of Islam and Muslims"
    assert a2 == militia


def test_security_forces_facing_a_crowd_are_the_police(vocab):
    a1, a2, e = _code(vocab, "On Monday, students staged a demonstration in Niamey, Niger, "
                             "demanding better conditions. Security forces intervened and "
                             "dispersed the demonstrators with tear gas.")
    assert e.event_type == "Protests"
    assert (a1, a2) == ("Protesters (Niger)", "Police Forces of Niger")
    # the army, when named, stays the army
    _, a2, _ = _code(vocab, "On Monday, students staged a demonstration in Niamey, Niger. "
                            "Nigerien soldiers intervened and fired tear gas to break up "
                            "the march.")
    assert a2 == "Military Forces of Niger"


def test_rioters_face_the_force_they_fight_or_attack(vocab):
    a1, a2, e = _code(vocab, "On Monday, angry youths in Kano, Nigeria, burned tyres, "
                             "vandalised a police station and clashed with police officers.")
    assert e.event_type == "Riots"
    assert (a1, a2) == ("Rioters (Nigeria)", "Police Forces of Nigeria")


def test_foreign_victims_are_the_civilians_of_their_country(vocab):
    _, a2, e = _code(vocab, "On Monday, JNIM fighters shot at Nigerien truck drivers near "
                            "Dori, Burkina Faso; one driver was wounded.")
    assert e.country == "BF" and a2 == "Civilians (Niger)"
    _, a2, _ = _code(vocab, "On Monday, JNIM fighters shot at truck drivers near Dori, "
                            "Burkina Faso; one driver was wounded.")
    assert a2 == "Civilians (Burkina Faso)"


def test_state_forces_who_beat_or_torture_civilians_are_the_perpetrators(vocab):
    a1, a2, _ = _code(vocab, "On Monday, Chadian soldiers beat and tortured three herders "
                             "in a village near Abeche, Chad.")
    assert (a1, a2) == ("Military Forces of Chad", "Civilians (Chad)")
