"""Name matcher over actors, places and countries (sahel_tui.vocab.match)."""

from __future__ import annotations

import functools

from sahel_tui.vocab import Matcher, Place, load_vocab


@functools.cache
def _vocab():
    return load_vocab()


@functools.cache
def _matcher() -> Matcher:
    return _vocab().matcher()


def find(text: str, **kw):
    return _matcher().find(text, **kw)


def ids(match) -> list[str]:
    return [c.id for c in match.candidates]


def test_index_is_large():
    m = _matcher()
    assert m.name_count >= 10_000


def test_spans_are_offsets_in_original_text():
    text = "« MÉNAKA » : l’armée malienne (FAMa) a repoussé l'attaque de l’EIGS à Aguel’hoc."
    for m in find(text):
        assert text[m.start : m.end] == m.text
    assert [m.text for m in find(text)] == ["MÉNAKA", "armée malienne", "FAMa", "EIGS",
                                           "Aguel’hoc"]


def test_accent_and_case_insensitive():
    town = next(p for p in _vocab().places_named("Ménaka", "ML") if p.kind == "place")
    for spelling in ("Ménaka", "Menaka", "MÉNAKA", "MENAKA"):
        (m,) = find(f"Attack in {spelling} yesterday")
        assert m.text == spelling
        assert m.best.id == town.id  # the town ranks before the cercle and the region
        assert {c.detail for c in m.candidates} == {"place", "admin2", "admin1"}


def test_aliases_map_to_canonical_actor():
    (m,) = find("GSIM a revendiqué l'attaque")
    assert m.best.name == "JNIM: Group for Support of Islam and Muslims"
    (m,) = find("EIGS fighters")
    assert m.best.name == "Islamic State Sahel Province"
    (m,) = find("Jama'at Nusrat al-Islam wal-Muslimin")
    assert m.best.id == "jnim"


def test_longest_match_wins_on_overlap():
    ms = find("Fighters of the Islamic State Sahel Province attacked")
    assert [m.text for m in ms] == ["Islamic State Sahel Province"]
    assert ids(ms[0]) == ["issp"]
    ms = find("the Islamic State West Africa Province (ISWAP)")
    assert [m.text for m in ms] == ["Islamic State West Africa Province", "ISWAP"]
    assert all(ids(m) == ["iswap"] for m in ms)


def test_bare_islamic_state_is_ambiguous_and_ranked_by_country_context():
    (m,) = [m for m in find("Islamic State fighters attacked Bama in Borno") if m.kind == "actor"]
    assert set(ids(m)) == {"issp", "iswap"}
    assert m.best.id == "iswap"
    (m,) = [m for m in find("Islamic State fighters attacked Ménaka, Mali") if m.kind == "actor"]
    assert m.best.id == "issp"


def test_word_boundaries():
    ms = find("Clashes in Gaoua, Burkina Faso")
    assert [m.text for m in ms] == ["Gaoua", "Burkina Faso"]
    assert all(c.name != "Gao" for c in ms[0].candidates)
    assert find("a shipment from Bolivia") == []
    (m,) = find("Boko Haram attacked Bol on Lake Chad's shore")[1:2]
    assert m.text == "Bol" and m.best.country == "TD"
    assert find("in Gaoual and Diffaa") == []


def test_apostrophe_and_hyphen_variants():
    targets = set()
    for spelling in ("Aguel'hoc", "Aguel’hoc", "Aguelhoc", "Aguel-Hoc", "AGUELHOK"):
        (m,) = find(f"near {spelling} camp")
        assert m.text == spelling
        targets.add(m.best.id)
    assert len(targets) == 1
    for spelling in ("N'Djamena", "N’Djamena", "Ndjamena", "N'DJAMENA"):
        (m,) = find(f"in {spelling} today")
        assert m.best.country == "TD"


def test_same_country_places_rank_by_population_then_context():
    (m,) = find("troops in Bama")[1:]
    assert m.text == "Bama"
    countries = [c.country for c in m.candidates]
    assert set(countries) >= {"NG", "BF"}
    assert m.best.country == "NG"  # larger
    ms = find("Bama, Burkina Faso")
    assert ms[0].best.country == "BF"  # country context wins over population
    ms = find("Bama", country_hint="BF")
    assert ms[0].best.country == "BF"


def test_generic_aliases_follow_country_context():
    ms = find("Gunmen killed villagers near Djibo, in Burkina Faso's Soum province")
    by_text = {m.text: m for m in ms}
    assert by_text["Gunmen"].best.name == "Unidentified Armed Group (Burkina Faso)"
    assert by_text["villagers"].best.name == "Civilians (Burkina Faso)"
    assert by_text["villagers"].ambiguous
    ms = find("Des soldats tchadiens ont été tués près de Ngouboua, dans la province du Lac.")
    assert ms[0].best.name == "Military Forces of Chad"


def test_acronyms_only_match_in_capitals():
    assert [m.best.id for m in find("FAN soldiers")][:1] in (["mil-ne"], ["mil-bf"])
    assert all(m.text.lower() != "fan" for m in find("a football fan was there"))
    assert find("HANI") and not find("hani")


def test_common_word_places_need_capital_and_mid_sentence():
    assert find("Say what you will.") == []
    ms = find("Residents of Say, in Tillabéri, fled.")
    assert "Say" in [m.text for m in ms]
    assert all(m.text != "to" for m in find("They went to the market"))


def test_generic_region_names_only_match_qualified():
    assert all(m.text != "Sahel" for m in find("jihadists in the Sahel are expanding"))
    (m,) = find("in the Sahel region of Burkina")[:1]
    assert m.text == "Sahel region" and m.best.id == "BF-12"
    (m,) = find("dans la région du Nord")
    assert m.best.id == "BF-10"


def test_qualified_admin_names():
    (m,) = find("attacks in Zamfara State")
    assert m.best.id == "NG-ZA" and m.text == "Zamfara State"
    (m,) = find("dans la région de Tillabéri")
    assert m.best.id == "NE-6"
    (m,) = find("in the cercle de Douentza")
    assert m.best.detail == "admin2"


def test_place_and_actor_with_same_surface():
    v = load_vocab()
    v.add_place(Place(id="user:ng:lakurawa", name="Lakurawa", kind="place", country="NG",
                      admin1="Sokoto", latitude=13.0, longitude=5.2, source="analyst"))
    (m,) = v.matcher().find("Lakurawa gunmen struck Lakurawa village")[:1]
    kinds = {c.kind for c in m.candidates}
    assert kinds == {"actor", "place"}
    assert m.best.kind == "actor"
    assert m.ambiguous


def test_complete_and_lookup():
    m = _matcher()
    names = [c.name for c in m.complete("Tillab")]
    assert "Tillabéri" in names
    assert [c.id for c in m.complete("gsi", kind="actor")] == ["jnim"]
    assert m.lookup("Bolivia") == []
    assert {c.id for c in m.lookup("aguelhoc")} == {m.lookup("Aguel'hoc")[0].id}


def test_kinds_filter():
    ms = find("JNIM attacked Djibo, Burkina Faso", kinds=["place"])
    assert [m.text for m in ms] == ["Djibo"]
