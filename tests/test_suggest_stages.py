"""The coding pipeline stage by stage (sahel_tui.suggest: incidents, places, country,
actors, type rules, roles).  The whole pipeline is tested in test_suggest_quality."""

from __future__ import annotations

import pytest

from sahel_tui.suggest import suggest_coding
from sahel_tui.suggest._text import fold_same_length
from sahel_tui.suggest.actors import ARMED, CIV, STATE, collect_actors, is_uag
from sahel_tui.suggest.country import incident_country
from sahel_tui.suggest.event_type import EventTypeCandidate
from sahel_tui.suggest.incidents import masked_text, segments, sentences
from sahel_tui.suggest.places import find_places, pick_place
from sahel_tui.suggest.roles import assign_roles, implied_actors
from sahel_tui.suggest.type_rules import ranked_types, refine_type, territory_taker
from sahel_tui.vocab import load_vocab


@pytest.fixture(scope="module")
def vocab():
    return load_vocab()


def _front(vocab, title: str, body: str, k: int = 0):
    """Stages 1-3 over the k-th incident: what the later stages are given."""
    full = f"{title}\n\n{body}"
    ftext = fold_same_length(full)
    seg = segments(full, ftext, len(title))[k]
    sents = sentences(full, ftext, seg, len(title))
    masked = masked_text(full, sents, seg.mask)
    matches = vocab.matcher().find(masked)
    places = find_places(vocab, masked, matches)
    place, prec, mention, _ = pick_place(vocab, full, ftext, sents, places, seg, matches)
    return full, ftext, seg, sents, matches, place, prec, mention


# ------------------------------------------------------------------ incidents
def test_bullets_and_separately_paragraphs_are_incidents():
    title = "Weekly brief"
    body = ("Key incidents:\n\n• Mali – Gunmen attacked Douentza on 2 March.\n\n"
            "• Niger – Soldiers clashed with militants near Ayorou.")
    full = f"{title}\n\n{body}"
    segs = segments(full, fold_same_length(full), len(title))
    texts = [full[s.start : s.end] for s in segs]
    assert len(segs) == 2
    assert "Douentza" in texts[0] and "Ayorou" in texts[1]
    title = "Attack in Gao"
    body = ("Gunmen attacked a checkpoint in Gao on Monday.\n\n"
            "Separately, a bomb exploded in Ansongo on Tuesday.")
    full = f"{title}\n\n{body}"
    segs = segments(full, fold_same_length(full), len(title))
    assert [("Ansongo" in full[s.start : s.end]) for s in segs] == [False, True]


def test_background_and_quotes_do_not_count_and_masking_keeps_offsets():
    title = "Gunmen kill five in Djibo"
    body = ("Gunmen killed five civilians in Djibo on Monday.\n\n"
            "The region has been hit by attacks since 2015.\n\n"
            '"We are afraid," a resident said.')
    full = f"{title}\n\n{body}"
    ftext = fold_same_length(full)
    (seg,) = segments(full, ftext, len(title))
    sents = sentences(full, ftext, seg, len(title))
    weight = {full[s.start : s.end].strip(): s.weight for s in sents}
    assert weight["Gunmen killed five civilians in Djibo on Monday."] >= 2
    assert weight["The region has been hit by attacks since 2015."] == 0
    masked = masked_text(full, sents, seg.mask)
    assert len(masked) == len(full)
    assert "since 2015" not in masked and "afraid" not in masked
    assert masked.index("Djibo") == full.index("Djibo")


# ------------------------------------------------------------------ places
def test_places_are_found_with_their_reason_and_near_gives_precision_2(vocab):
    full, _, _, _, matches, place, prec, mention = _front(
        vocab, "Attack near Gwoza", "Gunmen killed seven farmers near Gwoza on Saturday.")
    assert (place.name, prec, mention) == ("Gwoza", 2, "Gwoza")
    places = find_places(vocab, full, matches)
    assert places and all(m.best.kind == "place" for m in places)
    assert places[0].best.alias  # the listed name that matched: the explanation


def test_a_region_alone_is_coded_to_its_capital_with_precision_3(vocab):
    *_, place, prec, _ = _front(
        vocab, "Attaque dans la région de Tillabéri",
        "Des hommes armés ont attaqué mardi un car dans la région de Tillabéri.")
    assert (place.name, place.kind, prec) == ("Tillabéri", "place", 3)


def test_a_district_whose_seat_has_another_name_is_coded_by_its_own_name(vocab):
    # Chikun LGA's seat is Kujama: ACLED's location is "Chikun"; a cercle named after its
    # town (Douentza) and a region (its capital) are coded to the town
    *_, place, prec, _ = _front(
        vocab, "Gunmen attack", "Gunmen attacked a farming community in Chikun LGA, "
                                "Kaduna State, on Monday.")
    assert (place.name, place.admin1, prec) == ("Chikun", "Kaduna", 3)
    assert place.has_coordinates
    *_, place, _, _ = _front(vocab, "Attack", "Gunmen attacked a village of the Douentza "
                                              "cercle on Monday.")
    assert (place.name, place.kind) == ("Douentza", "place")


def test_no_place_named_gives_none(vocab):
    *_, place, _prec, mention = _front(vocab, "Gunmen attack", "Gunmen attacked a village.")
    assert place is None and mention == ""


def test_a_remote_namesake_ranks_after_the_places_of_the_items_country(vocab):
    # "Tongo" is also a bundled village of Côte d'Ivoire (an alias of Tonho), ~980 km from
    # Ouallam; the item is about the Nigerien army: Ouallam first, the namesake last
    title = "Embuscade contre l'armée nigérienne"
    body = ("Une patrouille de l'armée nigérienne est tombée dans une embuscade à Tongo "
            "Tongo, à 60 km à l'ouest de Ouallam, mardi.")
    ev = suggest_coding(title, body, "2026-11-14T10:00:00Z", "fr", vocab=vocab).events[0]
    assert (ev.place.name, ev.country) == ("Ouallam", "NE")
    names = [c.name for c in ev.place_candidates]
    assert names[0] == "Ouallam" and names[-1] == "Tonho"
    # far apart but both in the country the item is about: the order of the text stays
    ev = suggest_coding("Attaque à Tessit", "Des soldats maliens ont été attaqués à Tessit "
                        "lundi ; les blessés ont été évacués vers Bamako.",
                        "2026-11-14T10:00:00Z", "fr", vocab=vocab).events[0]
    assert ev.place.name == "Tessit"


# ------------------------------------------------------------------ country
def test_country_is_the_places_else_a_named_country_else_the_hint(vocab):
    _, _, _, _, matches, place, _, _ = _front(
        vocab, "Attack in Niger", "Gunmen attacked Djibo on Monday in Niger.")
    assert incident_country(place, matches) == "BF"  # the place wins
    _, _, _, _, matches, place, _, _ = _front(
        vocab, "Attack in Mali", "Gunmen attacked a village in Mali on Monday.")
    assert place is None and incident_country(None, matches) == "ML"
    assert incident_country(None, [], "ml") == "ML"
    assert incident_country(None, []) is None


def test_admin_units_and_national_forces_outvote_a_homonym_village(vocab):
    from sahel_tui.suggest.country import country_votes
    body = ("Police raided a camp in Fasada in Dutsinma LGA (Katsina) on Monday and killed "
            "two kidnappers.")
    full, _, _, _, matches, *_ = _front(vocab, "Raid", body)
    votes = country_votes(matches, full)
    assert votes.most_common(1)[0][0] == "NG"  # Dutsinma, Katsina, LGA
    # a village of that name in another country is outvoted by the units around it
    niger_village = next(p for p in vocab.places.values() if p.country == "NE")
    assert incident_country(niger_village, matches, None, full) == "NG"
    # one name against the place: the place holds; a flight or a border names no country
    full, _, _, _, matches, place, _, _ = _front(
        vocab, "Attack", "Gunmen attacked Djibo on Monday and fled towards Mali.")
    assert incident_country(place, matches, None, full) == "BF"
    assert country_votes(matches, full).get("ML") is None


# ------------------------------------------------------------------ actors
def test_sources_are_not_actors_and_a_named_group_is_weighed(vocab):
    full, ftext, seg, sents, matches, *_ = _front(
        vocab, "JNIM attacks army post",
        "JNIM fighters attacked an army post in Douentza, killing five soldiers, "
        "residents said.")
    scores = collect_actors(vocab, full, ftext, sents, matches, seg, "ML")
    names = {a.actor.name for a in scores.values() if a.weight >= 1}
    assert any(n.startswith("JNIM") for n in names)
    assert "Military Forces of Mali" in {a.actor.name for a in scores.values()}
    assert not any(a.actor.type == CIV for a in scores.values() if a.weight >= 1)


def test_victim_nouns_make_civilians_the_target(vocab):
    from sahel_tui.suggest import suggest_coding
    for body in ("Unknown gunmen shot and wounded the prefect of Tessit on Monday.",
                 "Suspected militants shot a male civilian in Tessit on Monday.",
                 "Gunmen abducted and killed an individual near Tessit on Monday.",
                 "Gunmen killed two journalists and a councillor in Tessit on Monday."):
        ev = suggest_coding("Attack", body, "2026-03-03T09:00:00+00:00", "en",
                            vocab=vocab).primary
        assert ev.actor2 is not None and ev.actor2.name == "Civilians (Mali)", body
        assert ev.event_type == "Violence against civilians", body


def test_associated_actors_name_who_the_civilians_and_demonstrators_were(vocab):
    from sahel_tui.suggest import suggest_coding

    def assoc(body):
        ev = suggest_coding("Attack", body, "2026-03-03T09:00:00+00:00", "en",
                            vocab=vocab).primary
        return ({a.name for a in ev.assoc_actor_1}, {a.name for a in ev.assoc_actor_2}, ev)

    as1, as2, ev = assoc("Suspected Fulani militiamen killed three Dogon farmers in Tessit "
                         "on Monday.")
    assert ev.actor1.name == "Fulani Ethnic Militia (Mali)"
    assert as1 == {"Pastoralists (Mali)"}  # ACLED: a Fulani militia with pastoralists
    assert as2 == {"Dogon Ethnic Group (Mali)", "Farmers (Mali)"}  # not the attackers' Fulani
    _, as2, _ = assoc("Gunmen abducted two teachers and a nurse near Tessit on Monday.")
    assert as2 == {"Teachers (Mali)", "Health Workers (Mali)"}
    _, as2, _ = assoc("Gunmen shot the sub-prefect of Tessit on Monday.")
    assert "Government of Mali" in as2
    # NGO or health workers are not a labour group
    _, as2, _ = assoc("Gunmen abducted three NGO workers near Tessit on Monday.")
    assert as2 == {"Aid Workers (Mali)"}
    as1, _, ev = assoc("Hundreds of students marched in Bamako on Monday to protest against "
                       "the closure of the university.")
    assert ev.actor1.name == "Protesters (Mali)" and as1 == {"Students (Mali)"}
    # the people whose killing a crowd protests are not the crowd ("protest against the
    # killing of farmers": protesters, not farmers); farmers who march still are
    as1, _, ev = assoc("Hundreds of residents marched in Bamako on Monday to protest against "
                       "the killing of three farmers.")
    assert ev.actor1.name == "Protesters (Mali)" and "Farmers (Mali)" not in as1
    as1, _, ev = assoc("Hundreds of farmers marched in Bamako on Monday to protest against "
                       "the arrest of their leader.")
    assert ev.actor1.name == "Protesters (Mali)" and "Farmers (Mali)" in as1
    # no country resolved: no country's associated actor
    as1, as2, _ = assoc("Gunmen abducted two teachers on Monday.")
    assert not as1 and not as2


# ------------------------------------------------------------------ type rules
def _cand(et: str, sub: str, dis: str = "Political violence") -> EventTypeCandidate:
    return EventTypeCandidate(et, sub, dis, 1.0, 1.0, ())


def test_an_attack_between_two_armed_sides_is_an_armed_clash(vocab):
    full, ftext, seg, sents, matches, *_ = _front(
        vocab, "JNIM attacks army post", "JNIM fighters attacked an army post in Douentza.")
    scores = collect_actors(vocab, full, ftext, sents, matches, seg, "ML")
    chosen = [a for a in scores.values() if a.weight >= 1]
    assert {a.actor.type for a in chosen} & {STATE} and any(a.actor.type in ARMED
                                                          for a in chosen)
    et, sub, _ = refine_type([_cand("Violence against civilians", "Attack")], chosen, False)
    assert (et, sub) == ("Battles", "Armed clash")
    ranked = ranked_types([_cand("Violence against civilians", "Attack")], et, sub,
                          "Political violence")
    assert ranked[0].sub_event_type == "Armed clash"


def test_who_took_the_town_decides_the_territory_type(vocab):
    full, ftext, seg, sents, matches, *_ = _front(
        vocab, "Army retakes Tessit", "The army recaptured Tessit from militants on Monday.")
    scores = collect_actors(vocab, full, ftext, sents, matches, seg, "ML")
    chosen = [a for a in scores.values() if a.weight >= 1]
    spans = [(m.start, m.end) for m in matches if any(c.kind == "place" for c in m.candidates)]
    assert territory_taker(ftext, sents, chosen, spans) == "state"


# ------------------------------------------------------------------ roles
def test_unidentified_attackers_and_civilians_are_implied_and_roles_set(vocab):
    full, ftext, seg, sents, matches, *_ = _front(
        vocab, "Village attacked", "An attack on the village of Kossi killed five on Monday.")
    scores = collect_actors(vocab, full, ftext, sents, matches, seg, "BF")
    chosen = implied_actors(vocab, [], scores, "Violence against civilians", "Attack", "BF")
    assert any(is_uag(a) for a in chosen) and any(a.actor.type == CIV for a in chosen)
    a1, _, a2, _ = assign_roles(chosen, "Attack", fold_same_length(full), None)
    assert a1.actor.name == "Unidentified Armed Group (Burkina Faso)"
    assert a2.actor.name == "Civilians (Burkina Faso)"


def test_a_national_actor_gives_the_country_and_no_country_gives_no_generic_actor(vocab):
    _, _, _, _, matches, place, _, _ = _front(
        vocab, "Commander shot", "A Chadian army commander was shot by a sniper on Monday.")
    assert place is None and incident_country(None, matches) == "TD"
    full, ftext, seg, sents, matches, place, _, _ = _front(
        vocab, "Attack", "Gunmen killed three villagers and a teacher on Monday.")
    assert place is None and incident_country(None, matches) is None
    scores = collect_actors(vocab, full, ftext, sents, matches, seg, None)
    assert not any(a.actor.country for a in scores.values())  # never another country's
    scores = collect_actors(vocab, full, ftext, sents, matches, seg, "NE")
    assert {a.actor.name for a in scores.values()} >= {"Civilians (Niger)"}


def test_groups_named_as_alternatives_are_one_side(vocab):
    full, ftext, seg, sents, matches, *_ = _front(
        vocab, "Attack", "Suspected ISWAP/Boko Haram militants killed two farmers in Diffa.")
    scores = collect_actors(vocab, full, ftext, sents, matches, seg, "NE")
    armed = [a.actor.name for a in scores.values() if a.actor.type in ARMED and not is_uag(a)]
    assert armed == ["Islamic State (West Africa)"]
    from sahel_tui.suggest.actors import civilians_named
    assert civilians_named(ftext, sents, matches, seg)


def test_ethnic_and_named_militias_are_sides_of_their_own(vocab):
    full, ftext, seg, sents, matches, *_ = _front(
        vocab, "Clash", "Suspected Fulani militiamen attacked Dan Na Ambassagou militiamen "
                        "near Bandiagara on Monday.")
    scores = collect_actors(vocab, full, ftext, sents, matches, seg, "ML")
    names = {a.actor.name for a in scores.values() if not is_uag(a)}
    assert names >= {"Fulani Ethnic Militia (Mali)", "Dan Na Ambassagou"}
    from sahel_tui.suggest.actors import is_progov
    assert not any(is_progov(a) for a in scores.values())
    # ACLED's own names of the groups are recognised (exports join with ACLED data)
    for acled_name, ours in (("Islamic State (West Africa) - Greater Sahara Faction", "issp"),
                             ("Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad", "jas"),
                             ("CMA: Coordination of Movements of the Azawad", "azawad-rebels")):
        assert vocab.actor(acled_name).id == ours


def test_a_militia_named_by_its_community_gets_acleds_communal_name(vocab):
    def names(body, country):
        full, ftext, seg, sents, matches, *_ = _front(vocab, "Attack", body)
        return {a.actor.name for a in collect_actors(vocab, full, ftext, sents, matches,
                                                     seg, country).values()}

    got = names("Members of a Sabon Gari communal militia killed two herders on Monday.", "NG")
    assert "Sabon-Gari Communal Militia (Nigeria)" in got
    assert "Unidentified Communal Militia (Nigeria)" not in got  # named, so not unidentified
    # capitalised as a proper name, or after "of"; ethnic when the text says so
    assert "Kebbi Communal Militia (Nigeria)" in names(
        "Troops clashed with Kebbi Communal Militias near Argungu.", "NG")
    assert "Tessit Communal Militia (Mali)" in names(
        "The self-defense committee of Tessit repelled an attack on Sunday.", "ML")
    assert "Koro Ethnic Militia (Niger)" in names(
        "A Koro ethnic militia burned a hamlet on Friday.", "NE")
    # a name the vocabulary knows stays the vocabulary's; no article, number or month
    got = names("Fulani militiamen and Dozo militiamen clashed near Djenne.", "ML")
    assert {"Fulani Ethnic Militia (Mali)", "Dozo Communal Militia (Mali)"} <= got
    assert not any(n.endswith("Communal Militia (Mali)") and "Dozo" not in n for n in got)
    got = names("The local militia and Six militiamen were killed in June. Village militias "
                "fled.", "NG")
    assert not any(n.endswith("Communal Militia (Nigeria)") and not n.startswith("Unid")
                   for n in got)
    # no country resolved: no country's name is made up
    assert not any("Communal Militia" in n for n in names(
        "A Sabon Gari communal militia killed two herders.", None))


def test_type_rules_say_which_rule_settled_the_type():
    from sahel_tui.suggest.type_rules import WHY_ARREST_ABUSE, WHY_RIOT, refine_type_explained
    protest = [EventTypeCandidate("Protests", "Protest with intervention", "Demonstrations",
                                  6.5, 0.5, ()),
               EventTypeCandidate("Riots", "Violent demonstration", "Demonstrations", 7.0,
                                  0.5, ()),
               EventTypeCandidate("Protests", "Peaceful protest", "Demonstrations", 3.0,
                                  0.2, ())]
    assert refine_type_explained(protest, [], False) == (
        "Riots", "Violent demonstration", "Demonstrations", WHY_RIOT)
    arrest = [_cand("Strategic developments", "Arrests", "Strategic developments"),
              EventTypeCandidate("Violence against civilians", "Attack", "Political violence",
                                 3.5, 0.4, ())]
    assert refine_type_explained(arrest, [], True)[1:] == ("Attack", "Political violence",
                                                           WHY_ARREST_ABUSE)


def test_the_coding_carries_the_rule_applied(vocab):
    from sahel_tui.suggest import suggest_coding
    c = suggest_coding("Students riot in N'Djamena",
                       "Students burned tires and threw stones in N'Djamena on Monday in protest "
                       "against fees; police fired tear gas.", "2025-03-04T09:00:00+00:00",
                       vocab=vocab)
    ev = c.primary
    assert (ev.event_type, ev.sub_event_type) == ("Riots", "Violent demonstration")
    from sahel_tui.suggest.type_rules import WHY_KEYWORDS, WHY_RIOT
    assert ev.type_rule in (WHY_RIOT, WHY_KEYWORDS)


def _types(vocab, title: str, body: str) -> tuple[str, str, str]:
    from sahel_tui.suggest import suggest_coding
    ev = suggest_coding(title, body, "2025-03-04T09:00:00+00:00", vocab=vocab).primary
    return ev.event_type, ev.sub_event_type, ev.type_rule


def test_looting_in_the_course_of_violence_is_that_violence(vocab):
    from sahel_tui.suggest.type_rules import WHY_LOOT_IN_ATTACK, refine_type_explained
    loot = [EventTypeCandidate("Strategic developments", "Looting/property destruction",
                               "Strategic developments", 9.5, 0.7, ()),
            _cand("Battles", "Armed clash")]
    assert refine_type_explained(loot, [], False, "gunmen looted shops and wounded a "
                                 "soldier") == ("Battles", "Armed clash", "Political violence",
                                               WHY_LOOT_IN_ATTACK)
    assert refine_type_explained(loot[:1], [], False, "des hommes armes ont pille et "
                                 "tue un commercant")[:2] == ("Violence against civilians",
                                                              "Attack")
    et, sub, _ = _types(vocab, "Cattle stolen near Koro",
                        "Gunmen stole cattle and burned granaries near Koro on Sunday, "
                        "wounding a herder.")
    assert (et, sub) == ("Violence against civilians", "Attack")
    # property only, no one harmed: looting ("no one was hurt" is no harm)
    et, sub, _ = _types(vocab, "Shops looted in Koro",
                        "Gunmen attacked and looted shops in Koro on Sunday; no one was hurt.")
    assert sub == "Looting/property destruction"
    # a reprisal for an earlier killing is not this incident's harm
    et, sub, _ = _types(vocab, "Houses burnt in Koro",
                        "Militiamen burnt houses in Koro on Sunday in reprisal for the "
                        "killing of a herder.")
    assert sub == "Looting/property destruction"


def test_an_abduction_whose_victims_are_killed_is_an_attack(vocab):
    from sahel_tui.suggest.type_rules import WHY_ABDUCT_HARM, refine_type_explained
    _, sub, why = _types(vocab, "Traders abducted near Djibo",
                         "Gunmen abducted four traders near Djibo on Monday and later killed "
                         "two of them.")
    assert (sub, why) == ("Attack", WHY_ABDUCT_HARM)
    _, sub, _ = _types(vocab, "Traders abducted near Djibo",
                       "Gunmen abducted four traders near Djibo on Monday.")
    assert sub == "Abduction/forced disappearance"
    abd = [_cand("Violence against civilians", "Abduction/forced disappearance",
                 "Political violence")]
    assert refine_type_explained(abd, [], True, "gunmen abducted a teacher, who was "
                                 "unharmed")[1] == "Abduction/forced disappearance"
    assert refine_type_explained(abd, [], True, "ils ont enleve et tue un enseignant")[1] == \
        "Attack"


def test_the_communal_militia_is_proposed_under_acleds_name(vocab):
    from sahel_tui.suggest import suggest_coding
    c = suggest_coding("Militia attack", "On Monday, a Sabon Gari communal militia attacked "
                       "Tudun Wada village in Katsina State and killed three residents.",
                       "2026-03-03T09:00:00+00:00", "en", vocab=vocab)
    f = c.events[0].as_event_fields(vocab)
    assert f["actor1"] == "Sabon-Gari Communal Militia (Nigeria)"
    assert f["inter1"] == "Identity militia"
    assert f["actor2"] == "Civilians (Nigeria)"


def test_the_target_of_the_violence_decides_battles_or_violence_against_civilians(vocab):
    from sahel_tui.suggest.type_rules import two_sided, violence_target
    assert violence_target("gunmen killed two members of the dogon community near koro.") \
        == "civilians"
    assert violence_target("militants attacked an army post in douentza.") == "armed"
    assert violence_target("three soldiers were killed when militants ambushed a truck.") \
        == "armed"
    assert violence_target("gunmen stormed a wedding; 12 guests and a policeman were "
                           "killed.") == "armed"  # one armed victim: both sides were hit
    assert violence_target("des hommes armes ont tue trois civils a gao.") == "civilians"
    assert violence_target("des jihadistes ont attaque un poste militaire.") == "armed"
    assert violence_target("gunmen attacked and killed at least six traders.") == "civilians"
    assert violence_target("fifteen people were killed in the market.") == "civilians"
    assert violence_target("the village chief was visited.") is None
    # a named armed group as the object, but not a community's name before its people
    lead = "soldiers ambushed boko haram near bama and killed three fulani herders."
    spans = [(lead.index("boko"), lead.index("boko") + 10),
             (lead.index("fulani"), lead.index("fulani") + 6)]
    assert violence_target(lead, spans) == "armed"
    lead = "militiamen killed three fulani herders."
    assert violence_target(lead, [(lead.index("fulani"), lead.index("fulani") + 6)]) \
        == "civilians"
    assert two_sided("herders and farmers clashed over a field near kelo.")
    assert two_sided("villagers repelled the attackers.")
    assert not two_sided("gunmen killed four farmers in a reprisal amid fighting between "
                         "the two communities.")
    for title, body, want in (
            ("Trader and teacher shot dead in Gao",
             "Gunmen shot dead a trader and a teacher in Gao on Monday.",
             ("Violence against civilians", "Attack")),
            ("Herders and farmers clash near Kelo",
             "Herders and farmers clashed near Kelo on Monday; four people were killed.",
             ("Battles", "Armed clash")),
            ("Convoy ambushed near Gao",
             "Gunmen ambushed a military convoy near Gao on Monday, killing two soldiers.",
             ("Battles", "Armed clash")),
            ("Militiamen kill herders near Bankass",
             "Militiamen killed four members of the Fulani community near Bankass on "
             "Monday.", ("Violence against civilians", "Attack"))):
        assert _types(vocab, title, body)[:2] == want, body


def test_sentences_opening_on_another_day_are_incidents_of_their_own(vocab):
    # ACLED: one event per actors, place and day (issue #13 item 10)
    from sahel_tui.suggest import suggest_coding
    body = ("On 3 October, an IED struck a military vehicle near Tarkint, killing two "
            "soldiers. On 4 October, gunmen ambushed a truck on the RN18 and abducted three "
            "drivers. On 23 October, a landmine exploded under a bus near Aguelhok, wounding "
            "five passengers. The area has seen many such attacks.")
    c = suggest_coding("Security round-up: Kidal region", body,
                       "2025-10-25T09:00:00+00:00", vocab=vocab)
    assert [ev.date.date.isoformat() for ev in c.events] == [
        "2025-10-03", "2025-10-04", "2025-10-23"]
    assert [ev.fatalities.low for ev in c.events] == [2, 0, 0]
    assert c.events[0].sub_event_type == "Remote explosive/landmine/IED"
    assert c.events[1].event_type == "Violence against civilians"
    assert c.events[2].sub_event_type == "Remote explosive/landmine/IED"
    # the same day told twice, or a sentence without an incident, is no new event
    body = ("On Monday, gunmen attacked a checkpoint in Gao and killed two soldiers. On "
            "Monday evening the army said reinforcements had been sent.")
    c = suggest_coding("Checkpoint attacked in Gao", body, "2025-10-28T09:00:00+00:00",
                       vocab=vocab)
    assert len(c.events) == 1
    # French: "Le lendemain, ..."
    body = ("Le 12 mars, des hommes armés ont attaqué le village de Kobou et tué trois "
            "civils. Le lendemain, ils ont incendié des greniers à Kobou.")
    c = suggest_coding("Attaque à Kobou", body, "2025-03-14T09:00:00+00:00", "fr",
                       vocab=vocab)
    assert [ev.date.date.isoformat() for ev in c.events] == ["2025-03-12", "2025-03-13"]


def test_air_support_of_a_ground_fight_and_soldiers_taken_are_armed_clashes():
    from sahel_tui.suggest.type_rules import (
        WHY_ARMED_TAKEN,
        WHY_MEANS,
        refine_type_explained,
    )
    cands = [_cand("Battles", "Armed clash"),
             EventTypeCandidate("Explosions/Remote violence", "Air/drone strike",
                                "Political violence", 5.0, 0.5, ())]
    lead = "troops and jets conducted a combined air-ground operation near the river."
    assert refine_type_explained(cands, [], False, lead)[1] == "Armed clash"
    lead = "a drone strike hit a militant camp near the river."
    assert refine_type_explained(cands, [], False, lead)[1:4:2] == ("Air/drone strike",
                                                                     WHY_MEANS)
    abd = [_cand("Violence against civilians", "Abduction/forced disappearance")]
    assert refine_type_explained(abd, [], False, "militants abducted two soldiers near "
                                 "the camp.")[1:4:2] == ("Armed clash", WHY_ARMED_TAKEN)
    assert refine_type_explained(abd, [], False, "troops rescued the kidnapped traders.")[1] \
        == "Armed clash"
    for lead in ("militants abducted an off-duty soldier at the market.",
                 "militants abducted a trader accused of being an army informant."):
        assert refine_type_explained(abd, [], False, lead)[1] == \
            "Abduction/forced disappearance", lead


def test_a_date_in_a_name_is_not_the_day_of_the_event():
    import datetime as dt

    from sahel_tui.suggest.dates import extract_event_date
    pub = dt.date(2020, 8, 12)
    d = extract_event_date("Supporters of the Movement of June 5 marched in Kayes. On 11 "
                           "August 2020, they staged a sit-in.", pub)
    assert d.date == dt.date(2020, 8, 11)
    d = extract_event_date("Les partisans du Mouvement du 5 juin ont manifesté le 11 août "
                           "2020 à Kayes.", pub, "fr")
    assert d.date == dt.date(2020, 8, 11)
