"""Actors ACLED codes that the text names only by a people, a rank or a service (issue #13,
actors' recall), on text we wrote.

ACLED's codebook: an armed group of one community is "<People> Ethnic Militia (<Country>)"
("Fulani herdsmen attacked a village" is the Fulani Ethnic Militia), while the same words
for the victims are civilians; an air force, a soldier, a policeman, customs officers and
prison or forest guards are their country's military or police forces."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sahel_tui.suggest import suggest_coding
from sahel_tui.vocab import load_vocab


@pytest.fixture(scope="module")
def vocab():
    return load_vocab()


def _code(vocab, body: str, title: str = "Security incident", when=dt.datetime(2021, 5, 2, 9)):
    ev = suggest_coding(title, body, when, "en", vocab=vocab).events
    assert ev, body
    e = ev[0]
    return (e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None, e)


@pytest.mark.parametrize("body", [
    "On Tuesday, Fulani herdsmen attacked a farming village in Kaduna State, Nigeria, "
    "killing four residents.",
    "On Tuesday, four residents were killed by Fulani herdsmen in a village of Kaduna "
    "State, Nigeria.",
    "On Tuesday, suspected Fulani herders killed four farmers in Kaduna State, Nigeria.",
])
def test_a_peoples_men_who_attack_are_its_ethnic_militia(vocab, body):
    a1, a2, e = _code(vocab, body)
    assert a1 == "Fulani Ethnic Militia (Nigeria)"
    assert a2 == "Civilians (Nigeria)"
    assert e.actor1.id == "fulani-militia-ng"  # the vocabulary's actor, not a look-alike


def test_a_peoples_herders_who_are_killed_are_civilians(vocab):
    a1, a2, e = _code(vocab, "On Tuesday, gunmen killed two Fulani herders near Mopti, Mali.")
    assert a1 == "Unidentified Armed Group (Mali)"
    assert a2 == "Civilians (Mali)"
    assert "Fulani Ethnic Militia (Mali)" not in {a.name for a in e.actors}


def test_the_text_naming_the_militia_in_acleds_words_gives_the_vocabularys_actor(vocab):
    a1, _, e = _code(vocab, "On Tuesday, Fulani Ethnic Militias attacked a village in "
                            "Kaduna State, Nigeria, and killed a farmer.")
    assert a1 == "Fulani Ethnic Militia (Nigeria)"
    assert e.actor1.id == "fulani-militia-ng"


@pytest.mark.parametrize("body,force", [
    ("On Tuesday, the Nigerian Airforce conducted air strikes on bandit camps in Zamfara "
     "State, killing several bandits.", "Military Forces of Nigeria"),
    ("On Tuesday, the Malian air force struck militants near Mopti, Mali.",
     "Military Forces of Mali"),
    ("On Tuesday, gunmen shot dead a policeman at a checkpoint in Kano, Nigeria.",
     "Police Forces of Nigeria"),
    ("On Tuesday, gunmen attacked customs officers at a post near Tillaberi, Niger, "
     "killing one.", "Police Forces of Niger"),
    ("On Tuesday, gunmen killed a soldier near Mopti, Mali.", "Military Forces of Mali"),
])
def test_a_service_or_a_rank_names_the_state_force(vocab, body, force):
    _, _, e = _code(vocab, body)
    assert force in {e.actor1 and e.actor1.name, e.actor2 and e.actor2.name}, body


def test_a_coordination_names_every_countrys_forces_and_the_foreign_one_leads(vocab):
    a1, a2, e = _code(vocab, "On Tuesday, French and Malian forces attacked JNIM militants "
                             "near Boulkessi, Mopti region, Mali, killing several.")
    assert a1 == "French forces (Barkhane)"
    assert a2 == "JNIM: Group for Support of Islam and Muslims"
    assert [a.name for a in e.assoc_actor_1] == ["Military Forces of Mali"]


def test_the_states_own_partner_does_not_lead_its_forces(vocab):
    a1, _, e = _code(vocab, "On Tuesday, Wagner fighters and Malian soldiers clashed with "
                            "JNIM militants near Boulkessi, Mopti region, Mali.")
    assert a1 == "Military Forces of Mali"
    assert "Wagner Group / Africa Corps (Russia)" in {a.name for a in e.assoc_actor_1}


@pytest.mark.parametrize("body,militia", [
    ("On Tuesday, JNIM militants exchanged gunfire with Dogon villagers near Bankass, "
     "Mopti region, Mali; two villagers were killed.", "Dogon Ethnic Militia (Mali)"),
    ("On Tuesday, JNIM militants attacked the village of Kalassa near Bankass, Mopti "
     "region, Mali. Villagers fought back and repelled the attackers in a firefight.",
     "Kalassa Communal Militia (Mali)"),
])
def test_civilians_who_fight_back_are_their_communitys_militia(vocab, body, militia):
    a1, a2, e = _code(vocab, body)
    assert e.sub_event_type == "Armed clash", body
    assert a1 == "JNIM: Group for Support of Islam and Muslims"
    assert a2 == militia


@pytest.mark.parametrize("body", [
    "On Tuesday, presumed ISWAP (Greater Sahara) militants killed a farmer near Gao, Mali.",
    "On Tuesday, ISWAP militants killed a farmer near Gao, Mali.",
])
def test_iswap_in_mali_or_burkina_faso_is_the_greater_sahara_branch(vocab, body):
    a1, _, _ = _code(vocab, body)
    assert a1 == "Islamic State Sahel Province"


def test_iswap_around_lake_chad_stays_iswap(vocab):
    a1, _, _ = _code(vocab, "On Tuesday, ISWAP militants killed a farmer near Monguno, "
                            "Borno State, Nigeria.")
    assert a1 == "Islamic State (West Africa)"


@pytest.mark.parametrize("body,title", [
    ("On Tuesday, the Nigerien government extended the state of emergency in the "
     "Tillaberi region of Niger by three months.", "State of emergency extended"),
    ("On Tuesday, the government imposed a curfew in Mopti, Mali, after an attack.",
     "Curfew in Mopti"),
])
def test_the_government_deciding_is_the_governments_actor(vocab, body, title):
    e = suggest_coding(title, body, dt.datetime(2021, 5, 2, 9), "en", vocab=vocab).events[0]
    assert e.actor1 is not None and e.actor1.name.startswith("Government of ")
    # exported with the regime period of the event date, as ACLED names it
    assert re.search(r" \(\d{4}-(?:\d{4})?\)$", vocab.dated_actor_name(e.actor1.name, "2022-06-01"))


@pytest.mark.parametrize("body", [
    "On Tuesday, gunmen killed two farmers in Kukawa Local Government Area, Borno State, "
    "Nigeria.",
    "On Tuesday, gunmen attacked a government school in Kankara, Katsina State, Nigeria, "
    "and killed two farmers.",
    "On Tuesday, students protested against the government in Kano, Nigeria; police "
    "dispersed them with tear gas.",
])
def test_government_as_a_word_of_a_place_or_a_target_is_not_an_actor(vocab, body):
    _, _, e = _code(vocab, body)
    assert not any(a.name.startswith("Government of ") for a in e.actors), body


def test_a_coordination_of_peoples_names_each_peoples_militia(vocab):
    a1, a2, e = _code(vocab, "On Tuesday, five people were killed in a clash between Tiv and "
                             "Jukun ethnic militias in Wukari, Taraba State, Nigeria.")
    assert {a1, a2} == {"Tiv Ethnic Militia (Nigeria)", "Jukun Ethnic Militia (Nigeria)"}
    assert e.sub_event_type == "Armed clash"


def test_local_militiamen_are_named_after_the_community_where_they_fought(vocab):
    a1, a2, _ = _code(vocab, "On Tuesday, unidentified gunmen clashed with local militiamen "
                             "in Sabon Birni, Sokoto State, Nigeria, killing five.")
    assert {a1, a2} == {"Unidentified Armed Group (Nigeria)",
                        "Sabon Birni Communal Militia (Nigeria)"}


def test_a_peoples_men_named_in_french_as_the_agents_are_its_militia(vocab):
    e = suggest_coding("Attaque près de Mopti", "Mardi, trois villageois ont été tués par des "
                       "éleveurs peuls près de Mopti, au Mali.", dt.datetime(2021, 5, 2, 9),
                       "fr", vocab=vocab).events[0]
    assert e.actor1 is not None and e.actor1.name == "Fulani Ethnic Militia (Mali)"
    assert e.actor2 is not None and e.actor2.name == "Civilians (Mali)"


@pytest.mark.parametrize("body", [
    "On Tuesday, an armed group attacked a village near Tahoua, Niger, and killed two "
    "farmers.",
    "On Tuesday, raiders attacked a village near Tahoua, Niger, and killed two farmers.",
])
def test_an_armed_group_the_text_does_not_name_is_the_unidentified_armed_group(vocab, body):
    a1, a2, _ = _code(vocab, body)
    assert (a1, a2) == ("Unidentified Armed Group (Niger)", "Civilians (Niger)")
