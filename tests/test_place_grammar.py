"""Which place of a note is coded: "between X and Y", "X LGA", a village named with its
units but spelt otherwise than the gazetteer, the leanings that order namesakes.

Places and texts are ours (invented villages in real admin units)."""

from __future__ import annotations

from helpers_gazetteer import gazetteer_fixtures
from test_gazetteer import geo_line

from sahel_tui.gazetteer.notes import variant_in_unit
from sahel_tui.suggest import suggest_coding

LINES = [
    # Mali, Koro cercle (Mopti)
    geo_line(101, "Wendokoro", "", 14.20, -3.00, a1="04", a2="77"),
    geo_line(102, "Sabalorou", "", 14.10, -3.20, a1="04", a2="77"),
    geo_line(103, "Tamberigou", "", 14.15, -3.10, a1="04", a2="77"),
    geo_line(104, "Dou", "", 14.12, -3.05, a1="04", a2="77"),
    geo_line(107, "Yantalori", "", 14.18, -3.15, a1="04", a2="77"),
    # the same name in Mali (Koro) and Burkina Faso: a Dogon village is Mali's
    geo_line(105, "Kelbouni", "", 14.30, -3.30, a1="04", a2="77"),
    geo_line(1001, "Kelbouni", "", 13.30, -1.30, cc="BF", a1="12", a2="99"),
    # Nigeria, Borno: Bama and Kaga LGAs
    geo_line(201, "Kalagari", "", 11.60, 13.70, cc="NG", a1="02", a2="21"),
    geo_line(202, "Ngaskori", "", 11.80, 12.55, cc="NG", a1="02", a2="22"),
    geo_line(203, "Dusmari", "", 11.70, 12.60, cc="NG", a1="02", a2="22"),
    # a namesake in Mali and in Borno: a note about ISWAP is about Borno's
    geo_line(204, "Gwalori", "", 11.90, 13.10, cc="NG", a1="02", a2="22"),
    geo_line(1002, "Gwalori", "", 14.40, -3.40, a1="04", a2="77"),
    # Nigeria, Jigawa: a village of Kiri Kasama LGA
    geo_line(205, "Dagwaro", "", 12.55, 10.30, cc="NG", a1="03", a2="23"),
]
ADMIN1 = ["ML.04\tMopti\tMopti\t1", "BF.12\tSahel\tSahel\t5", "NG.02\tBorno\tBorno\t7",
          "NG.03\tJigawa\tJigawa\t8", "TG.05\tSavanes\tSavanes\t9"]
ADMIN2 = ["ML.04.77\tKoro Cercle\tKoro\t1", "BF.12.99\tProvince du Soum\tSoum\t3",
          "NG.02.21\tBama\tBama\t4", "NG.02.22\tKaga\tKaga\t5",
          "NG.03.23\tKiri Kasama\tKiri Kasama\t6", "TG.05.66\tTone\tTone\t7"]


gaz, vocab = gazetteer_fixtures(LINES, ADMIN1, ADMIN2)


def coded(vocab, text):
    ev = suggest_coding("", text, "2020-05-04T09:00:00Z", vocab=vocab).events[0]
    return ev.place


# ------------------------------------------------------------------ between X and Y
def test_between_two_villages_the_first_is_coded(vocab):
    # ACLED's notes code the first of "between X and Y" ...
    place = coded(vocab, "On 3 May 2020, militants ambushed a bus between Wendokoro and "
                         "Sabalorou (Koro, Mopti) and killed three civilians.")
    assert place.name == "Wendokoro"
    place = coded(vocab, "On 3 May 2020, an IED hit an army truck between Wendokoro "
                         "(Koro, Mopti) and Sabalorou (Koro, Mopti). Two soldiers died.")
    assert place.name == "Wendokoro"


def test_between_two_towns_of_nigeria_written_with_their_lgas_the_second(vocab):
    # ... Nigeria's, written "between X (LGA) and Y (LGA)", the far end of the road
    place = coded(vocab, "On 3 May 2020, ISWAP ambushed Nigerian troops on the road between "
                         "Kalagari (Bama LGA, Borno) and Ngaskori (Kaga LGA, Borno), killing "
                         "six soldiers.")
    assert place.name == "Ngaskori"


def test_a_place_alone_is_not_read_as_a_pair(vocab):
    place = coded(vocab, "On 3 May 2020, ISWAP attacked Kalagari (Bama LGA, Borno) and "
                         "killed two farmers.")
    assert place.name == "Kalagari"


# ------------------------------------------------------------------ "X LGA"
def test_a_unit_named_as_a_unit_gives_way_to_the_village_of_the_event(vocab):
    place = coded(vocab, "4 June 2021. After a quarrel over a grazing area in "
                         "Kirikasamma LGA, armed herders burned Dagwaro village.")
    assert place.name == "Dagwaro"
    # the unit alone is still the place
    place = coded(vocab, "4 June 2021. Armed herders attacked farmers in "
                         "Kirikasamma LGA, killing two.")
    assert place is not None and place.admin2 == "Kiri Kasama"


# ------------------------------------------------------------------ spelling in a unit
def test_a_village_named_with_its_units_is_found_written_as_one_word(gaz, vocab):
    unit = next(p for p in vocab.places.values() if p.kind == "admin2" and p.name == "Koro"
                and p.country == "ML")
    found = variant_in_unit(gaz, "Yan-Talori", unit)[0]
    assert (found.id, found.admin2) == ("gn:107", "Koro")
    assert variant_in_unit(gaz, "Tamberigu", unit)[0].id == "gn:103"  # same key
    # a letter off is another village as often as the same one: not matched
    assert variant_in_unit(gaz, "Tambergou", unit) is None
    assert variant_in_unit(gaz, "Dao", unit) is None
    assert variant_in_unit(gaz, "Ngaskori", unit) is None  # Kaga's, far away
    place = coded(vocab, "On 3 May 2020, gunmen attacked Yan Talori (Koro, Mopti) and "
                         "killed three civilians.")
    assert (place.id, place.admin2) == ("gn:107", "Koro")
    # nothing of that name near: the village as written, at the unit's point
    place = coded(vocab, "On 3 May 2020, gunmen attacked Kobaro Ndiaye (Koro, Mopti) and "
                         "killed three civilians.")
    assert (place.name, place.source) == ("Kobaro Ndiaye", "text:Koro")


# ------------------------------------------------------------------ leanings
def test_a_people_leans_to_its_first_home(vocab):
    place = coded(vocab, "On 13 March 2020, gunmen attacked the Dogon village of Kelbouni "
                         "and killed a young man.")
    assert place.country == "ML"


def test_a_named_group_leans_to_its_area(vocab):
    place = coded(vocab, "On 13 March 2020, ISWAP militants attacked Gwalori and killed "
                         "four farmers.")
    assert place.country == "NG"


# ------------------------------------------------------------------ communes, the coder's word
def test_the_village_before_its_commune_is_the_place(vocab):
    for text in ("On 3 May 2020, gunmen attacked the village of Wendokoro in Sabalorou "
                 "Commune (Koro, Mopti), and killed two people.",
                 "On 3 May 2020, gunmen attacked Wendokoro, Sabalorou Commune (Koro, Mopti), "
                 "and killed two people."):
        assert coded(vocab, text).id == "gn:101", text
    # a village the dumps lack: named as written, in the units of the parenthesis
    place = coded(vocab, "On 3 May 2020, gunmen attacked the village of Kobaro Ndiaye in "
                         "Sabalorou Commune (Koro, Mopti), and killed two people.")
    assert place.name in ("Kobaro Ndiaye", "Sabalorou")


def test_a_village_of_another_cercle_is_not_the_one_named_with_its_units(vocab):
    # Tamberigou is a village of Koro; "(Bandiagara, Mopti)" names another cercle of Mopti:
    # the village as written, in Bandiagara
    place = coded(vocab, "On 3 May 2020, gunmen attacked Tamberigou (Bandiagara, Mopti) and "
                         "killed three civilians.")
    assert (place.name, place.admin2, place.source) == ("Tamberigou", "Bandiagara",
                                                         "text:Bandiagara")


def test_the_place_the_coder_names_that_no_gazetteer_knows(vocab):
    # the coder's place is named as written, at the place the note names before it
    place = coded(vocab, "On 3 May 2020, militants attacked the village of Sabalorou (coded "
                         "as Kounkoudougou at geoprecision 2), and killed two people.")
    assert (place.name, place.country, place.admin2) == ("Kounkoudougou", "ML", "Koro")
    assert place.has_coordinates and place.source == "text:Sabalorou"
    # ... even in a sentence that tells nothing of the incident
    place = coded(vocab, "On 3 May 2020, ISWAP attacked Kalagari and Dusmari. Other villages "
                         "were spared (no location found, coded as Ngaskori).")
    assert place.name == "Ngaskori"


def test_a_list_or_a_landmark_before_a_commune_is_not_the_village(vocab):
    # several villages of a commune: the commune is coded
    place = coded(vocab, "On 3 May 2020, gunmen attacked Wendokoro and Tamberigou in "
                         "Sabalorou Commune (Koro, Mopti), and killed two people.")
    assert place.id == "gn:102"
    # the coder's word naming an actor is not a place
    place = coded(vocab, "On 3 May 2020, herders killed a bandit (coded as UAG) in "
                         "Sabalorou (Koro, Mopti).")
    assert place.id == "gn:102"


def test_the_name_in_parentheses_after_a_place_is_acleds(vocab):
    # "Shawagui (Chawey)": the coder's gazetteer name, at the place named before it
    place = coded(vocab, "On 3 May 2020, bandits attacked Sabalorou (Kounkoudou) and killed "
                         "two policemen.")
    assert (place.name, place.admin2, place.source) == ("Kounkoudou", "Koro",
                                                         "text:Sabalorou")
    # a village the gazetteer knows under that name is that village
    place = coded(vocab, "On 3 May 2020, bandits attacked Kobarodou (Wendokoro) and killed "
                         "two policemen.")
    assert place.id == "gn:101"
    # a unit stays a unit, an acronym is no place
    assert coded(vocab, "On 3 May 2020, bandits attacked Sabalorou (Koro) and killed two "
                        "policemen.").id == "gn:102"
    assert coded(vocab, "On 3 May 2020, bandits attacked Sabalorou (MNLA) and killed two "
                        "policemen.").id == "gn:102"


def test_a_road_written_with_its_units_is_coded_at_the_end_in_them(vocab):
    place = coded(vocab, "On 3 May 2020, bandits attacked farmers in Konduga and travellers on "
                         "the Kalagari road (Bama LGA, Borno), killing two.")
    assert place.id == "gn:201"


# ------------------------------------------------------------------ lists and roads
def test_villages_listed_before_their_lga_code_the_lga(vocab):
    for text in ("On 3 May 2020, gunmen attacked Ngaskori, Dusmari and Gwalori villages in "
                 "Kaga LGA (Borno), killing two.",
                 "On 3 May 2020, ISWAP attacked the Ngaskori, Dusmari and Gwalori "
                 "communities (Kaga LGA, Borno), killing two."):
        place = coded(vocab, text)
        assert place.kind != "place" or place.name == "Kaga", (text, place)
        assert place.admin2 == "Kaga"
    # a toll split over one event a village: each village is an event, the first here
    place = coded(vocab, "On 3 May 2020, gunmen attacked Ngaskori, Dusmari and Gwalori "
                         "villages in Kaga LGA (Borno). Fatalities split between 3 events.")
    assert place.name == "Ngaskori"


def test_an_event_on_a_road_is_not_coded_at_the_far_end(vocab):
    # the road's end that lies in the unit the note gives
    place = coded(vocab, "On 3 May 2020, ISWAP ambushed troops on the Kalagari - Dusmari road "
                         "(Kaga LGA, Borno), killing two.")
    assert place.name == "Dusmari"
    place = coded(vocab, "On 3 May 2020, ISWAP ambushed troops on the Ngaskori - Kalagari road "
                         "(Kaga LGA, Borno), killing two.")
    assert place.name == "Ngaskori"
    # neither end in it: the unit
    place = coded(vocab, "On 3 May 2020, bandits attacked motorists along the Kalagari "
                         "axis (Kaga LGA, Borno), killing two.")
    assert place.admin2 == "Kaga" and place.name != "Kalagari"
    # a place named on the road is the place
    place = coded(vocab, "On 3 May 2020, ISWAP abducted a driver near Dusmari on the "
                         "Kalagari-Ngaskori road (Bama LGA, Borno).")
    assert place.name == "Dusmari"


# ------------------------------------------------------------------ a part of a town
def test_a_quarter_or_a_camp_named_in_its_town_codes_the_town(vocab):
    for text in ("On 3 May 2020, a mob lynched a thief in the Dusmari area of Kalagari.",
                 "On 3 May 2020, gunmen attacked Dusmari community in Kalagari, killing one.",
                 "On 3 May 2020, militants shelled the army camp Dusmari in Kalagari."):
        assert coded(vocab, text).name == "Kalagari", text
    # two villages written "X/Y" (the same place under two names): the first
    assert coded(vocab, "On 3 May 2020, ISWAP ambushed a patrol near Dusmari/Kalagari and "
                        "killed six soldiers.").name == "Dusmari"
    # the village before its unit stays the village
    assert coded(vocab, "On 3 May 2020, gunmen attacked Dusmari in Kaga LGA, killing "
                        "one.").name == "Dusmari"


# ------------------------------------------------------------------ a letter off, in a place slot
def test_a_village_spelt_a_slip_off_the_gazetteer_in_a_place_slot(gaz, vocab):
    from sahel_tui.gazetteer.keys import name_key

    assert "sabaloru" in gaz.keys_one_edit_from(name_key("Sabalarou"))  # a vowel for another
    assert "ngaskori" in gaz.keys_one_edit_from(name_key("Ngasikori"))  # a vowel added
    assert "tamberigu" in gaz.keys_one_edit_from(name_key("Tambreigou"))  # two swapped
    assert gaz.keys_one_edit_from(name_key("Mabalorou")) == []  # never the first letter
    assert gaz.keys_one_edit_from(name_key("Wendokora")) == []  # nor the last
    assert gaz.keys_one_edit_from(name_key("Sabalodou")) == []  # nor another consonant
    place = coded(vocab, "On 3 May 2020, gunmen attacked the village of Sabalarou and "
                         "killed two civilians.")
    assert place is not None and place.id == "gn:102"
    # not in a place slot, or another place named: no guess
    assert coded(vocab, "On 3 May 2020, Sabalarou residents said gunmen killed two "
                        "civilians.") is None
    assert coded(vocab, "On 3 May 2020, gunmen attacked the village of Sabalarou near "
                        "Wendokoro and killed two civilians.").id == "gn:101"


def test_a_unit_spelt_a_vowel_off_still_places_the_village_before_it(vocab):
    # "Tankoualou (Foutouri, Komandjari)": the commune is an imported town whose province
    # the gazetteer spells "Komondjari"
    place = coded(vocab, "On 3 May 2020, gunmen abducted a farmer near Kobaro Ndiaye "
                         "(Sabalorou, Moptu).")
    assert (place.name, place.admin2) == ("Kobaro Ndiaye", "Koro")


def test_a_village_named_with_its_state_only_is_coded_at_the_state_capital(vocab):
    for text in ("On 3 May 2020, troops clashed with bandits at Dusmari village in Borno "
                 "State, killing two.",
                 "On 3 May 2020, troops clashed with bandits at Dusmari and Ngaskori in "
                 "Borno State, killing two.",
                 "On 3 May 2020, the air force conducted air strikes against bandits in the "
                 "Dusmari forest area of "
                 "Borno State."):
        ev = suggest_coding("", text, "2020-05-04T09:00:00Z", vocab=vocab).events[0]
        assert (ev.place.name, ev.geo_precision) == ("Maiduguri", 3), text
    # named with its LGA, or a known town: the village
    assert coded(vocab, "On 3 May 2020, troops clashed with bandits at Dusmari village "
                        "(Kaga LGA, Borno State), killing two.").name == "Dusmari"


def test_a_place_naming_an_office_or_a_person_is_not_the_place_of_the_event(vocab):
    place = coded(vocab, "On 3 May 2020, the visit of the Kalagari Governor sparked protests "
                         "in Dusmari, where youths burned tyres.")
    assert place.name == "Dusmari"
    place = coded(vocab, "On 3 May 2020, members of the Kalagari chapter of the union staged "
                         "a protest in Dusmari.")
    assert place.name == "Dusmari"


def test_where_people_come_from_is_not_where_they_act(vocab):
    place = coded(vocab, "On 3 May 2020, residents of Kalagari protested in Dusmari against "
                         "the killings in their village.")
    assert place.name == "Dusmari"
    # alone in its sentence, it is the place
    place = coded(vocab, "On 3 May 2020, residents of Dusmari protested against the killings "
                         "in their village.")
    assert place.name == "Dusmari"
