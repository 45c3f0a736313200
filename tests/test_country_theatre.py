"""The country of an incident and the namesake coded: where the named groups operate
(actors.toml ``area``), and how many places of a name each country holds.  Villages and
texts are our own inventions."""

from __future__ import annotations

from helpers_gazetteer import gazetteer_fixtures
from test_gazetteer import geo_line

from sahel_tui.gazetteer.evidence import (
    Theatres,
    evidence,
    peoples_named,
    place_matches,
    theatres,
)
from sahel_tui.suggest import suggest_coding
from sahel_tui.suggest.country import incident_country
from sahel_tui.vocab import load_vocab

PUB = "2021-03-02T08:00:00Z"
LINES = [
    # Kelbarou: a village of Mali and a bigger one of Nigeria (no group operates in both)
    geo_line(101, "Kelbarou", "", 14.30, -2.90, a1="04", a2="77", pop=200),
    geo_line(102, "Kelbarou", "", 12.10, 8.40, cc="NG", a1="", pop=9000),
    # Ogbadeni: a village of Nigeria only
    geo_line(103, "Ogbadeni", "", 7.90, 7.10, cc="NG", a1=""),
    # Sirwanko: three villages of Mali far apart, one of Burkina Faso
    geo_line(104, "Sirwanko", "", 14.30, -3.00, a1="04", a2="77"),
    geo_line(105, "Sirwanko", "", 12.50, -7.50, a1="07", a2="88"),
    geo_line(106, "Sirwanko", "", 11.20, -5.70, a1="06", a2="55"),
    geo_line(107, "Sirwanko", "", 12.90, -0.90, cc="BF", a1="12", a2="99"),
    # Tamboulé: one village of Burkina Faso listed twice (two sources, 1 km apart), two
    # villages of Niger
    geo_line(108, "Tamboulé", "", 13.500, 0.500, cc="BF", a1="12", a2="99"),
    geo_line(109, "Tamboulé", "", 13.505, 0.505, cc="BF", a1="12", a2="99"),
    geo_line(110, "Tamboulé", "", 14.20, 1.60, cc="NE", a1="09", a2="66"),
    geo_line(111, "Tamboulé", "", 13.10, 2.40, cc="NE", a1="09", a2="66"),
    # a village of Niger whose first word is a town of Côte d'Ivoire in the vocabulary
    geo_line(112, "Tongo-Tongo", "", 14.70, 1.30, cc="NE", a1="09", a2="66"),
    geo_line(113, "Souabéré", "", 14.10, -3.30, a1="04", a2="77"),
    # a village of Mali named like a town of Nigeria in the vocabulary (Doma, Nasarawa)
    geo_line(114, "Doma", "", 14.15, -3.05, a1="04", a2="77"),
    # a village of Nigeria named like a people of Chad
    geo_line(115, "Moundang", "", 9.30, 12.10, cc="NG", a1=""),
    geo_line(116, "Dadjo", "", 8.10, 2.20, cc="BJ", a1=""),
]
ADMIN1 = ["ML.04\tMopti\tMopti\t1", "ML.07\tKoulikoro\tKoulikoro\t2",
          "ML.06\tSikasso\tSikasso\t4", "BF.12\tSahel\tSahel\t5", "NE.09\tTillaberi\tTillaberi\t6"]
ADMIN2 = ["ML.04.77\tKoro Cercle\tKoro\t1", "ML.07.88\tKati Cercle\tKati\t2",
          "BF.12.99\tProvince du Soum\tSoum\t3", "NE.09.66\tAyerou\tAyerou\t4",
          "ML.06.55\tSikasso Cercle\tSikasso\t5"]


gaz, vocab = gazetteer_fixtures(LINES, ADMIN1, ADMIN2)


def ranked(vocab, gaz, text):
    return place_matches(gaz, text, vocab.matcher().find(text))


def best(ms, word):
    return next(m for m in ms if m.text == word).best


def code(vocab, text):
    return suggest_coding("", text, PUB, vocab=vocab).events[0]


# ------------------------------------------------------------------ the groups' theatres
def test_a_named_group_says_where_it_operates(vocab):
    text = "Suspected JNIM militants and Nigerian soldiers clashed; police arrived."
    got = dict(theatres(vocab.matcher().find(text)))
    assert "ML" in got["JNIM"] and "NG" not in got["JNIM"]
    assert got["Nigerian soldiers"] == ("NG",)
    # a common noun is no group; a name every focus country shares says nothing
    assert "police" not in got
    assert theatres(vocab.matcher().find("Police said gunmen fled.")) == []
    # one line a group, whichever of its names the item uses
    got = theatres(vocab.matcher().find(
        "L'État islamique au Grand Sahara a revendiqué l'attaque ; l'EIGS a publié des photos."))
    assert [name for name, _ in got] == ["État islamique au Grand Sahara"]


def test_the_theatres_are_computed_once_an_incident(vocab, monkeypatch):
    # the place ranking, the country and the coding's evidence share one value
    calls = []
    of = Theatres.of.__func__

    def counted(cls, all_matches):
        calls.append([m.text for m in all_matches])
        return of(cls, all_matches)

    monkeypatch.setattr(Theatres, "of", classmethod(counted))
    ev = code(vocab, "On 1 March 2021, suspected JNIM militants attacked Kelbarou.")
    assert len(calls) == 1 and "JNIM" in calls[0]
    assert ev.place is not None and ev.place.country == "ML" and ev.country == "ML"
    assert [name for name, _ in ev.theatres] == ["JNIM"]


def test_the_groups_handed_down_are_the_ones_weighed(vocab, gaz):
    # no group named: the bigger village of Nigeria; JNIM's theatre handed down: Mali's
    text = "Gunmen attacked Kelbarou."
    matches = vocab.matcher().find(text)
    jnim = Theatres.of(vocab.matcher().find("Suspected JNIM militants fled."))
    assert best(place_matches(gaz, text, matches), "Kelbarou").country == "NG"
    ms = place_matches(gaz, text, matches, groups=jnim)
    m = next(x for x in ms if x.text == "Kelbarou")
    assert m.best.country == "ML"
    assert any(w.startswith("JNIM operates in ML")
               for w in evidence(m.best, text, m, ms, matches, groups=jnim))
    assert not any("operates" in w for w in evidence(m.best, text, m, ms, matches))
    # a group of no country operating in one votes for it ("MINUSMA": Mali)
    soldiers = vocab.matcher().find("Soldiers patrolled near the border.")
    minusma = Theatres.of(vocab.matcher().find("MINUSMA peacekeepers left."))
    assert incident_country(None, soldiers) is None
    assert incident_country(None, soldiers, groups=minusma) == "ML"
    assert Theatres().countries() == frozenset() and Theatres().named() == []


def test_two_items_coded_at_once_keep_their_own_theatres(vocab):
    # the app codes in a worker thread while the place picker may ask on the UI thread
    from concurrent.futures import ThreadPoolExecutor

    texts = {"ML": "On 1 March 2021, suspected JNIM militants attacked Kelbarou.",
             "NG": "On 1 March 2021, suspected ISWAP militants attacked Kelbarou."}
    code(vocab, texts["ML"])  # the matcher built before the threads start
    jobs = [cc for _ in range(20) for cc in texts]
    with ThreadPoolExecutor(2) as pool:
        got = list(pool.map(lambda cc: code(vocab, texts[cc]), jobs))
    assert [(ev.place.country, ev.theatres[0][0]) for ev in got] == [
        (cc, "JNIM" if cc == "ML" else "ISWAP") for cc in jobs]


def test_the_theatre_chooses_among_namesakes(vocab, gaz):
    text = "Suspected JNIM militants attacked Kelbarou."
    ms = ranked(vocab, gaz, text)
    b = best(ms, "Kelbarou")
    assert b.country == "ML"  # the bigger Nigerian village is outside JNIM's theatre
    m = next(x for x in ms if x.text == "Kelbarou")
    matches = vocab.matcher().find(text)
    assert any(w.startswith("JNIM operates in ML") for w in evidence(b, text, m, ms, matches))
    other = next(c for c in m.candidates if c.country == "NG")
    assert any(w.endswith("not NG") for w in evidence(other, text, m, ms, matches))
    # the same name in a note about ISWAP is Nigeria's
    assert best(ranked(vocab, gaz, "Suspected ISWAP militants attacked Kelbarou."),
                "Kelbarou").country == "NG"
    # and with no group named, the bigger village
    assert best(ranked(vocab, gaz, "Gunmen attacked Kelbarou."), "Kelbarou").country == "NG"


def test_a_namesake_outside_every_theatre_is_kept_when_it_is_the_only_one(vocab, gaz):
    ev = code(vocab, "On 1 March 2021, suspected JNIM militants killed two farmers in "
                     "Ogbadeni.")
    assert ev.place is not None and ev.place.name == "Ogbadeni" and ev.country == "NG"


def test_the_coding_says_the_country_and_the_picker_says_why(vocab):
    from sahel_tui.ui.coding import CodingState, Draft
    from sahel_tui.ui.coding_pickers import place_items

    ev = code(vocab, "On 1 March 2021, suspected JNIM militants killed two farmers in "
                     "Kelbarou.")
    assert (ev.place.name, ev.country) == ("Kelbarou", "ML")
    assert dict(ev.theatres)["JNIM"][:3] == ("ML", "BF", "NE")
    state = CodingState(0, drafts=[Draft({}, suggestion=ev)])
    item = next(i for i in place_items(vocab, state, "") if i.label == "Kelbarou")
    assert "JNIM operates in ML, BF, NE" in item.detail


# ------------------------------------------------------------------ the country alone
def test_a_theatre_of_several_countries_never_picks_one_by_itself():
    vocab = load_vocab(None)
    ev = code(vocab, "On 1 March 2021, suspected ISWAP militants killed two herders near "
                     "their camp.")
    assert ev.country is None


def test_a_group_operating_in_one_country_says_it():
    vocab = load_vocab(None)
    ev = code(vocab, "On 1 March 2021, MINUSMA peacekeepers were attacked by gunmen, one "
                     "peacekeeper was wounded.")
    assert ev.country == "ML"


def test_a_tie_of_countries_named_goes_to_the_groups_theatre():
    vocab = load_vocab(None)
    text = ("On 1 March 2021, Malian and Nigerian officials said suspected ISWAP militants "
            "killed two herders.")
    assert code(vocab, text).country == "NG"
    # without the group, the first named
    assert code(vocab, text.replace("suspected ISWAP militants", "gunmen")).country == "ML"


# ------------------------------------------------------------------ how many namesakes
def test_the_country_holding_most_places_of_the_name_leads(vocab, gaz):
    assert best(ranked(vocab, gaz, "Gunmen attacked Sirwanko."), "Sirwanko").country == "ML"
    # one village listed twice by two sources counts once: Niger's two villages lead
    assert best(ranked(vocab, gaz, "Gunmen attacked Tamboulé."), "Tamboulé").country == "NE"
    # a country named outweighs the count
    assert best(ranked(vocab, gaz, "In Burkina Faso, gunmen attacked Sirwanko."),
                "Sirwanko").country == "BF"


# ------------------------------------------------------------------ peoples, and non-places
def test_a_dogon_militia_is_malian():
    vocab = load_vocab(None)
    ev = code(vocab, "On 1 March 2021, presumed Dogon militiamen attacked a Fulani hamlet "
                     "and killed three civilians.")
    assert ev.country == "ML"


def test_the_peoples_of_chad_are_no_places(gaz):
    # a village of Nigeria's dumps is named like the Moundang people
    text = ("On 1 March 2021, a land dispute between Moundang and Ngambaye farmers left "
            "three people dead.")
    vocab = load_vocab(None)
    vocab.gazetteer = gaz
    assert not [m for m in gaz.find(text) if m.text == "Moundang"]
    assert not gaz.find("Dadjo herders and Kibet farmers quarrelled over a well.")
    assert code(vocab, text).country != "NG"


def test_a_peoples_name_in_a_longer_proper_name_is_no_people():
    # Hausa "dogon" (tall) opens village names of Nigeria and Niger
    text = "Gunmen attacked Dogon Dawa; Mossi Koglweogo and Dogon Dozos fought back."
    assert [n for n, _ in peoples_named(text)] == ["Mossi", "Koglweogo", "Dogon", "Dozos"]


def test_a_word_of_a_longer_village_name_or_an_acronym_does_not_vote(vocab):
    ev = code(vocab, "On 1 March 2021, ISGS fighters stole two vehicles and fuel in the area of "
                     "Tongo Tongo, close to Tongo Tongo's well.")
    assert (ev.place.name, ev.country) == ("Tongo-Tongo", "NE")  # not Tongo of Côte d'Ivoire
    ev = suggest_coding("Gunmen abduct NGO staff", "On 1 March 2021, unknown gunmen "
                        "abducted three NGO staffers in the area of Souabéré.", PUB,
                        vocab=vocab).events[0]
    assert (ev.place.name, ev.country) == ("Souabéré", "ML")  # "NGO" is not Ngo, Nigeria


def test_a_town_with_namesakes_abroad_votes_for_no_country(vocab):
    # the vocabulary's Doma is Nigeria's; the note's, named with its units, is Mali's
    ev = suggest_coding("Gunmen raid Doma (Souabere, Koro)",
                        "On 1 March 2021, gunmen nobody could name raided Doma ("
                        "Souabere, Koro) and shot four residents dead.", PUB, vocab=vocab).events[0]
    assert (ev.place.name, ev.place.country, ev.country) == ("Doma", "ML", "ML")


def test_a_state_actor_named_with_its_country_votes_even_in_lower_case():
    vocab = load_vocab(None)
    ev = code(vocab, "On 21 March 2020, the government of Burkina Faso shut its land "
                     "frontiers and ordered a curfew from dusk to dawn.")
    assert ev.country == "BF"


def test_lake_chad_is_no_country():
    vocab = load_vocab(None)
    text = "On 1 March 2021, Boko Haram fighters killed two fishermen on an island of {}."
    assert code(vocab, text.format("Lake Chad")).country is None  # four countries share it
    assert code(vocab, text.format("le lac Tchad")).country is None
    assert code(vocab, text.format("the lake in Chad")).country == "TD"
