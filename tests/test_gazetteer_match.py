"""The imported gazetteer in text: automaton matching, guards, evidence, the coding pipeline."""

from __future__ import annotations

import pytest
from helpers_gazetteer import gazetteer_fixtures
from test_gazetteer import built_gazetteer, geo_line, write_dump

from sahel_tui.gazetteer.evidence import evidence, place_matches
from sahel_tui.gazetteer.index import _AROUND_JOINED, Gazetteer, joined_keys
from sahel_tui.gazetteer.keys import name_key
from sahel_tui.gazetteer.store import import_geonames
from sahel_tui.store import open_store
from sahel_tui.suggest import suggest_coding
from sahel_tui.vocab import load_vocab

LINES = [
    # two Madinas in Mali far apart, one in Burkina Faso
    geo_line(11, "Madina", "", 14.42, -2.25, a1="04", a2="77"),
    geo_line(12, "Madina", "", 12.40, -8.00, a1="07", a2="88"),
    geo_line(13, "Madina", "", 12.00, -1.50, cc="BF", a1="12", a2="99"),
    geo_line(14, "Dinangourou", "Dinangurou", 14.40, -2.20, a1="04", a2="77", pop=800),
    geo_line(15, "Tongo-Tongo", "", 14.70, 1.30, cc="NE", a1="09", a2="66"),
    geo_line(16, "Tongo", "", 10.00, -5.00, cc="ML", a1="06", a2="55"),
    geo_line(17, "Sale", "", 14.30, -2.50, a1="04", a2="77"),  # an ordinary word
    geo_line(18, "Iyede", "", 9.0, 6.0, cc="NG", a1=""),
    geo_line(19, "Fulani", "", 10.5, 9.8, cc="NG", a1=""),
    geo_line(20, "Kobaye", "", 14.10, -3.10, a1="04", a2="77"),
    geo_line(21, "Kobaye", "", 14.20, -3.20, a1="04", a2="77", pop=5000),
    geo_line(22, "Kobaye", "", 14.21, -3.21, fc="S", code="SCH", a1="04", a2="77"),
    geo_line(23, "Diabali", "Diabaly", 14.69, -6.02, a1="05", a2="44"),
    # one spelling key ("gabu"), two villages: the text's spelling chooses
    geo_line(24, "Gabbu", "", 14.60, -5.00, a1="05", a2="44", pop=300),
    geo_line(25, "Gabou", "", 10.40, -5.60, a1="06", a2="55"),
    # two Yorros of Nigeria 2 km apart, one of Mali
    geo_line(26, "Yorro", "", 8.90, 11.40, cc="NG", a1=""),
    geo_line(27, "Yorro", "", 8.91, 11.41, cc="NG", a1=""),
    geo_line(28, "Yorro", "", 14.30, -3.40, a1="04", a2="77"),
    geo_line(29, "Kaméron", "", 12.80, 15.20, cc="TD", a1=""),  # a village named so
]
ADMIN1 = ["ML.04\tMopti\tMopti\t1", "ML.07\tKoulikoro\tKoulikoro\t2", "ML.05\tSegou\tSegou\t3",
          "ML.06\tSikasso\tSikasso\t4", "BF.12\tSahel\tSahel\t5", "NE.09\tTillaberi\tTillaberi\t6"]
ADMIN2 = ["ML.04.77\tKoro Cercle\tKoro\t1", "ML.07.88\tKati Cercle\tKati\t2",
          "BF.12.99\tProvince du Soum\tSoum\t3", "NE.09.66\tAyerou\tAyerou\t4",
          "ML.06.55\tSikasso Cercle\tSikasso\t5", "ML.05.44\tNiono Cercle\tNiono\t6"]


gaz = gazetteer_fixtures(LINES, ADMIN1, ADMIN2)[0]  # vocab: each test its own


def names(g: Gazetteer, text: str) -> list[str]:
    return [m.text for m in g.find(text)]


# ------------------------------------------------------------------------------ matching
def test_spelling_variants_and_longest_names(gaz):
    assert gaz.keys > 0 and gaz.ready
    ms = gaz.find("Gunmen attacked Diabaly and Tongo Tongo, then Dinangurou.")
    assert [m.text for m in ms] == ["Diabaly", "Tongo Tongo", "Dinangurou"]
    assert ms[0].places[0][0].name == "Diabali"
    assert ms[1].places[0][0].country == "NE"  # not "Tongo" (ML) inside it
    assert [m.text for m in gaz.find("near Tongo-Tongo")] == ["Tongo-Tongo"]


def test_lower_case_words_and_parts_of_words_never_match(gaz):
    assert names(gaz, "the madina market") == []
    assert names(gaz, "Madinas") == []


def test_a_word_name_needs_a_place_like_context(gaz):
    assert names(gaz, "Sale of weapons rose.") == []
    assert names(gaz, "Prices of the Sale rose.") == []
    assert names(gaz, "Militants attacked a market in Sale on Monday.") == ["Sale"]
    assert names(gaz, "Militants attacked Sale (Koro, Mopti).") == ["Sale"]
    assert names(gaz, "près de Sale, au nord") == ["Sale"]
    # the place an attack struck, the coder's place, a place with its article
    assert names(gaz, "Gunmen attacked Sale and killed two.") == ["Sale"]
    assert names(gaz, "Gunmen raided Sale at dawn.") == ["Sale"]
    assert names(gaz, "an attack on Kuna (coded as Sale at geoprecision 2)") == ["Sale"]
    assert names(gaz, "Militants attacked a convoy near the Sale bridge.") == ["Sale"]
    # not the article alone, nor a verb that is no attack
    assert names(gaz, "They praised the Sale organisers.") == []
    assert names(gaz, "Officials announced Sale results.") == []


def test_acronyms_dates_peoples_and_adjectives_are_not_places(gaz):
    assert names(gaz, "An IED hit a vehicle near Madina.") == ["Madina"]  # IED ~ Iyede
    assert names(gaz, "Fulani herders were attacked.") == []
    assert names(gaz, "He attacked the Dinangourou community.") == []
    assert names(gaz, "They attacked Dinangourou community.") == ["Dinangourou"]
    assert names(gaz, "Three Dinangourou men were killed.") == []
    assert names(gaz, "Madina 2020 was a year.") == []


# ------------------------------------------------------------------------------ evidence
def ranked(gaz, text, **kw):
    vocab = load_vocab(None)
    return place_matches(gaz, text, vocab.matcher().find(text), **kw)


def best_of(ms, word):
    return next(m for m in ms if m.text == word).best


def test_admin_units_named_in_the_text_choose(gaz):
    ms = ranked(gaz, "Gunmen killed two people in Madina (Koro, Mopti).")
    assert best_of(ms, "Madina").entity.admin2 == "Koro"
    assert [m.text for m in ms] == ["Madina"]  # the parenthesis only qualifies it
    ms = ranked(gaz, "Gunmen killed two people in Madina, Kati cercle.")
    assert best_of(ms, "Madina").entity.admin2 == "Kati"


def test_the_country_named_chooses(gaz):
    ms = ranked(gaz, "In Burkina Faso, gunmen killed two people in Madina.")
    assert best_of(ms, "Madina").country == "BF"
    ms = ranked(gaz, "Gunmen killed two people in Madina.", country_hint="BF")
    assert best_of(ms, "Madina").country == "BF"


def test_a_village_of_a_country_the_item_is_not_about_is_dropped(gaz):
    # "Tongo Tongo" is a village of Niger only: in an item about Mali (an actor of Mali
    # named) it is a homonym the dump lacks, not an event in Niger
    text = "Malian soldiers clashed with militants near Tongo Tongo."
    assert [m.text for m in ranked(gaz, text)] == []
    assert [m.text for m in ranked(gaz, text.replace("Malian soldiers", "Soldiers")
                                   + " Niger said.")] == ["Tongo Tongo"]
    # another name found only in Niger vouches for it; its own country does not
    assert [m.text for m in ranked(gaz, "Militants attacked Tongo Tongo.")] == ["Tongo Tongo"]
    # a shipped town is never dropped so (the vocabulary's own)
    ms = ranked(gaz, "Malian soldiers clashed with militants near Tongo Tongo and Mopti.")
    assert [m.text for m in ms] == ["Mopti"]


def test_the_other_side_of_a_border_is_not_the_items_country(gaz):
    ms = ranked(gaz, "Militants attacked Madina near the border with Burkina Faso.")
    assert best_of(ms, "Madina").country != "BF"
    ms = ranked(gaz, "Militants attacked Madina in Burkina Faso.")
    assert best_of(ms, "Madina").country == "BF"


def test_other_places_nearby_choose(gaz):
    ms = ranked(gaz, "Gunmen attacked Madina, then Dinangourou.")
    b = best_of(ms, "Madina")
    assert b.entity.latitude == 14.42
    why = evidence(b, "Gunmen attacked Madina, then Dinangourou.",
                   next(m for m in ms if m.text == "Madina"), ms)
    assert any("km from Dinangourou" in w for w in why)


def test_recently_coded_places_choose(gaz):
    ms = ranked(gaz, "Gunmen attacked Madina.", recent=[(12.40, -8.0)])
    assert best_of(ms, "Madina").entity.latitude == 12.40


def test_a_name_spelt_as_the_text_writes_it_comes_first(gaz):
    for written, gid in (("Gabou", "gn:25"), ("Gabbu", "gn:24")):
        ms = ranked(gaz, f"Gunmen attacked {written} on Monday.")
        assert best_of(ms, written).id == gid


def test_another_mention_of_the_same_name_is_not_a_place_nearby(gaz):
    # "Yorro" in the title and the text: the two Nigerian Yorros 2 km apart do not vouch
    # for each other; the item is about Malian soldiers
    ms = ranked(gaz, "Attack on Yorro. Malian soldiers were attacked in Yorro on Monday.")
    assert {best_of([m], "Yorro").id for m in ms if m.text == "Yorro"} == {"gn:28"}


def test_then_populated_and_bigger_places(gaz):
    ms = ranked(gaz, "Gunmen attacked Kobaye.")
    cands = next(m for m in ms if m.text == "Kobaye").candidates
    assert cands[0].entity.population == 5000  # a village before another, a school last
    assert cands[-1].id == "gn:22"


# ------------------------------------------------------------------------------ pipeline
def test_the_coding_pipeline_codes_an_imported_village(gaz):
    vocab = load_vocab(None)
    text = ("On 3 May 2020, suspected JNIM militants attacked the village of Dinangurou "
            "(Koro, Mopti) and killed three civilians.")
    before = suggest_coding("", text, "2020-05-04T09:00:00Z", vocab=vocab).events[0].place
    vocab.gazetteer = gaz
    ev = suggest_coding("", text, "2020-05-04T09:00:00Z", vocab=vocab).events[0]
    assert (ev.place.name, ev.place.admin2, ev.place.admin1) == ("Dinangourou", "Koro", "Mopti")
    assert ev.place.source == "gazetteer:ML.txt"
    assert before is None or before.name != "Dinangourou"


def test_the_place_picker_offers_imported_villages_with_their_units(gaz):
    from sahel_tui.ui.coding import CodingState
    from sahel_tui.ui.coding_pickers import place_items

    vocab = load_vocab(None)
    state = CodingState(0)
    assert not any(i.label.startswith("Dinangourou") for i in place_items(vocab, state, "Dinang"))
    vocab.gazetteer = gaz
    items = place_items(vocab, state, "Dinangu")  # a spelling of its alternate name
    item = next(i for i in items if i.label.startswith("Dinangourou"))
    assert "Koro, Mopti, ML" in item.detail and "ML.txt" in item.detail


def test_the_countries_setting_limits_matching(gaz, tmp_path):
    from sahel_tui.config import ConfigError, parse_config

    cfg = parse_config('[settings]\ncountries = ["ne", "BF"]\n', tmp_path / "feeds.toml")
    assert cfg.settings.countries == ("NE", "BF")
    with pytest.raises(ConfigError, match="two-letter country codes"):
        parse_config('[settings]\ncountries = ["Mali"]\n', tmp_path / "feeds.toml")
    only = Gazetteer(gaz.path, countries=cfg.settings.countries).build()
    assert names(only, "near Tongo Tongo and Dinangourou") == ["Tongo Tongo"]
    assert {p.country for p, _ in only.find("in Madina")[0].places} == {"BF"}
    only.close()
    assert set(gaz.countries) >= {"ML", "BF", "NE", "NG", "TD"}  # default: imported + focus


def test_places_around_a_point_by_their_name_written_as_one_word(tmp_path):
    g = built_gazetteer(tmp_path, [
        geo_line(1, "Yan Talori", "Yanta-Lori", 12.95, 7.55, cc="NG", a1=""),  # north
        geo_line(2, "Yantalori", "", 12.60, 7.70, cc="NG", a1=""),  # south
        geo_line(3, "Yan Tumaki", "", 12.70, 7.60, cc="NG", a1=""),  # another name
        geo_line(4, "Yantalori", "", 9.50, 7.50, cc="NG", a1=""),  # 350 km south
        geo_line(5, "Yantalori", "", 12.80, 7.60, cc="NE", a1=""),  # the other country
        geo_line(6, "Yantalori", "", 12.75, 7.65, cc="NG", fc="A", code="ADM3", a1=""),
    ], [], [])
    point = ("NG", 12.80, 7.60, 100.0)
    every = g.around(*point)
    assert {p.id for _, p, _ in every} == {"gn:1", "gn:2", "gn:3"}  # no unit, far or foreign
    joined = name_key("Yan-Talori").replace(" ", "")
    got = g.around(*point, joined=joined)
    # south to north; every name of a place whose key is the name's written as one word
    assert [(p.id, w) for _, p, w in got] == [
        ("gn:2", "Yantalori"), ("gn:1", "Yan Talori"), ("gn:1", "Yanta-Lori"),
        ("gn:1", "Yanta-Lori")]
    assert [k for k, _, _ in got[1:]] == sorted(k for k, _, _ in got[1:])
    # the same rows in the same order as every name around filtered by hand ...
    assert got == tuple(r for r in every if r[0].replace(" ", "") == joined)
    assert [p.id for _, p, _ in g.around(*point, joined=name_key("Yantumaki"))] == ["gn:3"]
    assert g.around(*point, joined=joined[:-1]) == ()
    # ... found by key (ranges of the names' primary key), not by reading every name around
    cond, keys = joined_keys(joined)
    plan = [r[3] for r in g._conn.execute(f"EXPLAIN QUERY PLAN {_AROUND_JOINED} AND {cond}",
                                          ("NG", 12, 13, 7, 8, *keys))]
    assert "SEARCH n USING PRIMARY KEY (key=?)" in plan
    assert not any("gazetteer_places_position" in step or step.startswith("SCAN")
                   for step in plan)
    g.close()


def test_part_of_a_longer_name_is_not_the_place(gaz):
    assert names(gaz, "gunmen attacked the market of Garin Dinangourou and killed three.") == []
    assert names(gaz, "gunmen attacked the market of Dinangourou Village and killed three.") == [
        "Dinangourou"]
    assert names(gaz, "Attack In Dinangourou Kills Three Soldiers") == ["Dinangourou"]


async def test_the_app_builds_the_gazetteer_after_its_first_frame(demo_db, tmp_path):
    import shutil

    from test_coding_ui import ready

    from sahel_tui.demo import demo_config
    from sahel_tui.ui.app import SahelApp

    db = tmp_path / "demo.db"
    shutil.copy(demo_db, db)
    conn = open_store(db)
    import_geonames(conn, [write_dump(tmp_path / "ML.txt", LINES)])
    conn.close()
    app = SahelApp(demo_config(db=db), demo=True, coder="tester")
    async with app.run_test(size=(160, 48)) as pilot:
        assert app.vocab is None  # the first screen is up before vocabularies load
        await ready(pilot)
        gz = app.vocab.gazetteer
        assert gz is not None and gz.ready and gz.keys > 0
        assert [m.text for m in gz.find("an attack near Dinangurou")] == ["Dinangurou"]


# ------------------------------------------------------------------ ACLED's parentheses
def coded_place(gaz, text):
    vocab = load_vocab(None)
    vocab.gazetteer = gaz
    ev = suggest_coding("", text, "2020-05-04T09:00:00Z", vocab=vocab).events[0]
    return ev.place, ev.geo_precision


def test_a_village_the_dumps_lack_is_the_one_named_before_its_units(gaz):
    # "Kobaro Ndiaye" is in no gazetteer: the village as written, in the units of the
    # parenthesis, at their coordinates (geo_precision 2)
    place, prec = coded_place(gaz, "On 3 May 2020, gunmen attacked the village of Kobaro "
                                   "Ndiaye (Koro, Mopti) and killed three civilians.")
    assert (place.name, place.admin2, place.admin1, place.country, prec) == (
        "Kobaro Ndiaye", "Koro", "Mopti", "ML", 2)
    assert place.has_coordinates and place.source == "text:Koro"
    # "Tongo" is a village of Sikasso only: not this one
    place, prec = coded_place(gaz, "On 3 May 2020, gunmen attacked Tongo (Koro, Mopti) and "
                                   "killed three civilians.")
    assert (place.name, place.admin1, prec) == ("Tongo", "Mopti", 2)
    # a Madina of Kati: that one, with its own coordinates
    place, prec = coded_place(gaz, "On 3 May 2020, gunmen attacked Madina (Kati, "
                                   "Koulikoro) and killed three civilians.")
    assert (place.id, prec) == ("gn:12", 1)


def test_several_villages_in_one_unit_are_coded_to_the_unit(gaz):
    place, _ = coded_place(gaz, "On 3 May 2020, gunmen attacked the Kobaro, Ndiaye and "
                                "Sogou villages (Koro, Mopti) and killed three civilians.")
    assert (place.name, place.admin1) == ("Koro", "Mopti")


def test_a_remark_in_parentheses_is_not_a_unit(gaz):
    ms = ranked(gaz, "Gunmen attacked Madina (near Dinangourou) and killed three.")
    assert [m.text for m in ms] == ["Madina"]


def test_the_place_the_coder_says_it_is_coded_to(gaz):
    for text in ("Gunmen attacked the village of Kassa (coded as Dinangourou at "
                 "geoprecision 2) and killed three.",
                 "Gunmen attacked Madina village (no location found, coded as Dinangourou) "
                 "and killed three.",
                 "Gunmen attacked Madina and killed three. Geo coded as Dinangourou."):
        assert [m.text for m in ranked(gaz, text)] == ["Dinangourou"], text


def test_names_in_a_list_of_villages_and_groups_named_after_places(gaz):
    # "Madina" inside "Jan Madina" is not Madina, even in a list of capitalised names
    assert "Madina" not in names(gaz, "gunmen attacked Sogou, Kaurawa, Jan Madina and "
                                      "Lambar Kantoma on Monday.")
    # a headline in title case still matches
    assert names(gaz, "Gunmen Kill Five In Madina Village Raid") == ["Madina"]
    # "Koro Communal Militias" are a group, not the town
    place, _ = coded_place(gaz, "On 3 May 2020, Koro Communal Militias attacked Kobaro "
                                "(Kati, Koulikoro) and killed three civilians.")
    assert (place.name, place.admin1) == ("Kobaro", "Koulikoro")


def test_a_number_after_a_name_is_a_date_only_when_it_reads_as_one(gaz):
    assert names(gaz, "Militants attacked Madina, 23 soldiers were killed.") == ["Madina"]
    assert names(gaz, "It happened in Madina 12, 2020 and later.") == []
    assert names(gaz, "The raid of Madina 23.") == []


def test_a_people_of_a_few_countries_says_which(gaz):
    # "Tongo Tongo" is a village of Niger only: a Dogon village (Mali, Burkina Faso) of that
    # name is one the dumps lack; Djerma villages are in Niger
    assert [m.text for m in ranked(gaz, "Gunmen attacked the Dogon village of Tongo "
                                        "Tongo.")] == []
    assert [m.text for m in ranked(gaz, "Gunmen attacked the Djerma village of Tongo "
                                        "Tongo.")] == ["Tongo Tongo"]
    ms = ranked(gaz, "Gunmen attacked the Mossi village of Madina.")
    assert best_of(ms, "Madina").country == "BF"


def test_the_place_named_with_its_units_is_the_one_coded(gaz):
    # ACLED's notes write the coded place with its units after it; another place of the
    # sentence named first is not it
    place, _ = coded_place(gaz, "On 3 May 2020, militants who had camped at Kobaye attacked "
                                "Dinangourou (Koro, Mopti) and killed three civilians.")
    assert place.id == "gn:14"
    # the units of a list place its first name too ...
    place, _ = coded_place(gaz, "On 3 May 2020, militants ambushed a bus between Kobaye and "
                                "Dinangourou (Koro, Mopti) and killed three civilians.")
    assert place.id == "gn:21"
    # ... when it lies in them: Diabali is in Niono (Ségou), not in Kati
    for text in ("On 3 May 2020, militants who had camped at Diabali attacked Madina (Kati, "
                 "Koulikoro) and killed three civilians.",
                 "On 3 May 2020, militants ambushed a bus between Diabali and Madina (Kati, "
                 "Koulikoro) and killed three civilians."):
        place, _ = coded_place(gaz, text)
        assert place.id == "gn:12"


def test_a_village_named_with_an_imported_commune_takes_the_communes_units(gaz):
    # the bundled gazetteer lacks the commune "Dinangourou"; the imported town of that name
    # lies in Mopti, the other unit named: the village as written, at the town, in its units
    place, prec = coded_place(gaz, "On 3 May 2020, gunmen attacked Kobaro Ndiaye "
                                   "(Dinangourou, Mopti) and killed three civilians.")
    assert (place.name, place.admin2, place.admin1, prec) == ("Kobaro Ndiaye", "Koro",
                                                              "Mopti", 2)
    assert (place.latitude, place.longitude) == (14.40, -2.20)


def test_the_name_in_brackets_is_the_place_coded(gaz):
    # ACLED's notes give the name of the place they coded in brackets after the source's
    place, _ = coded_place(gaz, "On 3 May 2020, militants who had camped at Kobaye attacked "
                                "Sogou [Dinangurou] and killed three civilians.")
    assert place.id == "gn:14"
    # a name the gazetteer lacks: the place of the name before it, under the bracketed name
    place, _ = coded_place(gaz, "On 3 May 2020, gunmen attacked Dinangourou [Dinangourou "
                                "Sare] (Koro, Mopti) and killed three civilians.")
    assert (place.name, place.admin2, place.latitude) == ("Dinangourou Sare", "Koro", 14.40)
    # neither known: the bracketed name in the units of the parenthesis
    place, prec = coded_place(gaz, "On 3 May 2020, gunmen attacked Pogol [Ndaki Sare] (Koro, "
                                   "Mopti) and killed three civilians.")
    assert (place.name, place.admin2, place.admin1, prec) == ("Ndaki Sare", "Koro", "Mopti", 2)


def test_a_word_of_the_bracketed_name_is_not_the_bracketed_name():
    from sahel_tui.gazetteer.notes import _bracketed
    from sahel_tui.vocab.match import Candidate, Match
    from sahel_tui.vocab.model import Place

    def match(text, word, place):
        a = text.index(word)
        return Match(a, a + len(word), word, (Candidate("place", place.id, place.name,
                                                        place.country, "place", 0, word, 0.0,
                                                        place),))

    text = "militants abducted a man in Kori [Kori N'Dalla] (Diffa, Diffa)."
    kori = Place("gn:1", "Kori", "place", "NE", "Diffa", "Diffa", 13.3, 12.6)
    dalla = Place("gn:2", "Dalla", "place", "BF", "Est", "Gnagna", 12.9, 0.2)
    out = _bracketed(text, [match(text, "Kori", kori), match(text, "Dalla", dalla)])
    # the bracketed name as written, with the units and point of the name before it
    assert [(m.text, m.best.entity.admin1) for m in out] == [("Kori N'Dalla", "Diffa")]


def test_a_bundled_town_inside_a_longer_village_name_is_not_that_town(gaz):
    # "Bamba Karia" is a village the dumps lack, not Bamba of Gao
    assert [m.text for m in ranked(gaz, "Gunmen attacked the village of Bamba Karia on "
                                        "Monday, killing two.")] == []
    # a facility or a road named after the town is still the town
    for text in ("Gunmen attacked the Bamba Junction checkpoint on Monday.",
                 "Gunmen attacked a bus on the Bamba-Bourem road on Monday."):
        assert "Bamba" in [m.text for m in ranked(gaz, text)]


def test_a_village_the_dumps_lack_keeps_its_whole_name(gaz):
    # "Sare Kobaye" ends with the name of villages of Koro; in Kati it is a village the
    # dumps lack, named as the text writes it -- not "Kobaye"
    place, prec = coded_place(gaz, "On 3 May 2020, gunmen attacked the village of Sare Kobaye "
                                   "(Kati, Koulikoro) and killed three civilians.")
    assert (place.name, place.admin2, prec) == ("Sare Kobaye", "Kati", 2)
    # not over the first word of a sentence
    place, _ = coded_place(gaz, "On 3 May 2020, three civilians were killed. Kobaye (Kati, "
                                "Koulikoro) was attacked by gunmen.")
    assert place.name == "Kobaye"


def test_a_country_the_vocabulary_lacks_is_not_a_village(gaz):
    # "Cameroon" keys like the Chadian village Kaméron: in reporting it names the country
    assert [m.text for m in ranked(gaz, "Chadian soldiers pursued the militants into "
                                        "Cameroon on Monday.")] == []
