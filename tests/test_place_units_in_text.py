"""Admin units a note writes in its sentence rather than in parentheses ("X village in Y
LGA"), after a forest ("the X forest area (Y LGA, Z)"), after a direction ("northern Z"),
and the villages of one country that an OpenStreetMap extract of its neighbour also holds.

Places and texts are ours (invented villages in real admin units)."""

from __future__ import annotations

from helpers_gazetteer import gazetteer_fixtures
from test_gazetteer import geo_line

from sahel_tui.gazetteer.keys import name_key
from sahel_tui.suggest import suggest_coding

LINES = [
    # a village of Michika LGA (Adamawa), 25 km from the seat of Askira-Uba (Borno)
    geo_line(301, "Kolbara", "", 10.55, 13.30, cc="NG", a1="01", a2="41"),
    # a village of Katsina only
    geo_line(302, "Zangoro", "", 12.80, 7.30, cc="NG", a1="03", a2="42"),
    geo_line(303, "Kurmawa", "", 12.70, 7.20, cc="NG", a1="03", a2="42"),
    # Garakou of Diffa (Niger, GeoNames, its own admin1) and the same village in a
    # Nigerian extract 1 km away, with no admin codes of its own
    geo_line(401, "Garakou", "", 13.40, 12.80, cc="NE", a1="02", a2="51"),
    geo_line(402, "Garakou", "", 13.409, 12.80, cc="NG", a1=""),
    # a Nigerian village of that name 150 km away is another village
    geo_line(403, "Dalwaram", "", 13.40, 12.60, cc="NE", a1="02", a2="51"),
    geo_line(404, "Dalwaram", "", 12.10, 13.10, cc="NG", a1=""),
    # a village of Koro (Mopti) written with the number of its part
    geo_line(501, "Sogoro", "", 14.25, -3.05, a1="04", a2="77"),
]
ADMIN1 = ["NG.01\tAdamawa\tAdamawa\t1", "NG.02\tBorno\tBorno\t2", "NG.03\tKatsina\tKatsina\t3",
          "NE.02\tDiffa\tDiffa\t4", "ML.04\tMopti\tMopti\t5"]
ADMIN2 = ["NG.01.41\tMichika\tMichika\t1", "NG.03.42\tBatsari\tBatsari\t2",
          "NE.02.51\tDiffa\tDiffa\t3", "ML.04.77\tKoro Cercle\tKoro\t4"]

gaz, vocab = gazetteer_fixtures(LINES, ADMIN1, ADMIN2)


def coded(vocab, text, title=""):
    ev = suggest_coding(title, text, "2020-05-04T09:00:00Z", vocab=vocab).events[0]
    return ev.place


# ------------------------------------------------------------------ "X village in Y LGA"
def test_a_village_written_in_an_lga_is_placed_in_that_lga(vocab):
    # the only Kolbara known lies across the state line: the note's LGA places it
    place = coded(vocab, "On 3 May 2020, Boko Haram attacked Kolbara village in Askira-Uba "
                         "LGA and burned houses.")
    assert (place.name, place.admin2, place.admin1) == ("Kolbara", "Askira-Uba", "Borno")
    place = coded(vocab, "On 3 May 2020, gunmen abducted the head of Zangoro in Batsari LGA.")
    assert (place.name, place.admin1) == ("Zangoro", "Katsina")
    # without the LGA, the gazetteer's Kolbara
    assert coded(vocab, "On 3 May 2020, Boko Haram attacked Kolbara village and burned "
                        "houses.").admin1 == "Adamawa"


def test_the_last_of_a_list_of_villages_in_an_lga_codes_the_lga(vocab):
    place = coded(vocab, "On 3 May 2020, gunmen attacked Dumbari, Gaskar and Kolbara in "
                         "Askira-Uba LGA, killing four.")
    assert place.admin1 == "Borno"
    assert place.name != "Kolbara"


def test_a_landmark_in_an_lga_is_still_the_place(vocab):
    place = coded(vocab, "On 3 May 2020, the air force struck a camp 5km north of Zangoro in "
                         "Batsari LGA of Katsina State. Four militiamen were killed.")
    assert place.name == "Zangoro"


def test_a_village_of_another_state_in_a_state_sentence_codes_the_state_capital(vocab):
    # Zangoro is Katsina's: "in Borno State" is not it, and the title's mention follows
    text = ("On 3 May 2020, troops clashed with bandits in Kurmawa and Zangoro in Borno "
            "State. Three bandits were killed.")
    place = coded(vocab, text, title="Troops clashed with bandits in Kurmawa and Zangoro in…")
    assert (place.name, place.admin1) == ("Maiduguri", "Borno")


def test_a_unit_named_before_a_state_is_left_to_the_unit_rules(vocab):
    place = coded(vocab, "On 3 May 2020, a mob burned a police car in Askira-Uba LGA in Borno "
                         "state. One person was killed.")
    assert (place.admin2, place.admin1) == ("Askira-Uba", "Borno")
    assert "LGA" not in place.name


# ------------------------------------------------------------------ parentheses
def test_a_forest_area_before_its_units_is_the_place_named_in_them(vocab):
    for text in ("On 3 May 2020, the air force struck bandits in the Zangoro Forest area "
                 "(Askira-Uba LGA, Borno), killing several.",
                 "On 3 May 2020, troops ambushed militants around the Zangoro general area "
                 "(Askira-Uba LGA, Borno), killing one."):
        place = coded(vocab, text)
        assert (place.name, place.admin1) == ("Zangoro", "Borno"), text


def test_a_town_placed_in_another_lga_of_its_state_keeps_its_name(vocab):
    # Zaria is also the name of an LGA of Kaduna; the parenthesis names another LGA of
    # Kaduna: the town is meant, not the LGA nor a town of the other LGA
    place = coded(vocab, "On 3 May 2020, soldiers and traders fought in Zaria (Sabon Gari "
                         "LGA, Kaduna) over a fine.",
                  title="Soldiers and traders fought in Zaria (Sabon Gari…")
    assert place.name == "Zaria"


def test_a_unit_word_is_not_part_of_the_village_named(vocab):
    place = coded(vocab, "On 3 May 2020, herders and farmers clashed in Kodoba village, in "
                         "Koukou Angarana department (Kimiti, Sila). Two people died.")
    assert "department" not in place.name


def test_a_hausa_lga_written_without_its_linking_n_is_the_lga(vocab):
    # "Zangon Kataf" written "Zango-Kataf", "Birnin Gwari" written "Birni Gwari"
    place = coded(vocab, "On 3 May 2020, troops clashed with a communal militia in Tafan "
                         "village (Zango-Kataf LGA, Kaduna) and arrested two men.")
    assert (place.admin2, place.admin1) == ("Zangon Kataf", "Kaduna")
    place = coded(vocab, "On 3 May 2020, gunmen abducted five farmers in Kurmin Dawa "
                         "(Birni Gwari LGA, Kaduna).")
    assert (place.admin2, place.admin1) == ("Birnin Gwari", "Kaduna")


def test_a_commune_the_gazetteer_lacks_gives_way_to_the_cercle_after_it(vocab):
    # "Bamba" is a town of Gao; "(Bamba, Koro)" is the commune of Koro cercle (Mopti)
    place = coded(vocab, "On 3 May 2020, militiamen attacked the village of Ogodengou "
                         "(Bamba, Koro) and killed three people.")
    assert (place.name, place.admin2, place.admin1) == ("Ogodengou", "Koro", "Mopti")


def test_no_coordinates_for_a_name_is_not_the_coders_place(vocab):
    # "no coordinates for X, coded as Y": Y, not X
    place = coded(vocab, "On 3 May 2020, troops encountered militias in Zangoro, Kolbara and "
                         "Dumbaru forest during an operation (no coordinates for Zangoro and "
                         "Kolbara, coded as Gusau prec3). Twelve militiamen were killed.")
    assert place.name == "Gusau"
    # "X village (no coordinates available; ...)": the gazetteer's X is a namesake
    place = coded(vocab, "On 3 May 2020, gunmen attacked Kolbara village (no coordinates "
                         "available; in Askira-Uba LGA) and killed two farmers.")
    assert place.admin1 == "Borno"


# ------------------------------------------------------------------ directions
def test_northern_state_is_the_state(vocab):
    place = coded(vocab, "On 3 May 2020, the air force destroyed a camp in Northern Borno. "
                         "Several fighters were killed.")
    assert (place.name, place.admin1) == ("Maiduguri", "Borno")


# ------------------------------------------------------------------ across a border
def test_a_neighbours_extract_does_not_double_a_village_across_the_border(gaz, vocab):
    countries = {p.country for p, _w, _f in gaz.places(name_key("Garakou"))}
    assert countries == {"NE"}
    place = coded(vocab, "On 3 May 2020, ISWAP militants abducted three women in Garakou.")
    assert (place.country, place.admin1) == ("NE", "Diffa")
    # a namesake far away stays
    assert {p.country for p, _w, _f in gaz.places(name_key("Dalwaram"))} == {"NE", "NG"}


# ------------------------------------------------------------------ the bundled gazetteer
def test_a_town_geonames_files_under_an_older_state_is_in_todays(vocab):
    # Takum, seat of Takum LGA (Taraba since 1991), is filed under Benue by GeoNames
    takum = vocab.places["gn:2322552"]
    assert (takum.admin1, takum.admin2) == ("Taraba", "Takum")
    assert vocab.places["gn:8659782"].has_coordinates  # the LGA takes its seat's point


def test_a_district_seat_is_read_before_a_bigger_namesake(vocab):
    # two Dauras in the bundled gazetteer: the seat of Daura LGA (Katsina) and a town of
    # Fune (Yobe) that GeoNames gives more people; a bare mention is the seat
    place = coded(vocab, "On 3 May 2020, students protested against the closure of a school "
                         "in Daura. Police dispersed them.")
    assert (place.name, place.admin1) == ("Daura", "Katsina")


def test_a_village_numbered_in_parts_is_not_a_date(vocab):
    for text in ("On 3 May 2020, militants attacked the Dogon village of Sogoro 2. Nine "
                 "people were killed.",
                 "On 3 May 2020, soldiers detained seven herders in Sogoro 2."):
        place = coded(vocab, text)
        assert (place.name, place.admin2) == ("Sogoro 2", "Koro"), text  # ACLED's name
