"""Shipped vocabularies, the loader, analyst extension files and appends."""

from __future__ import annotations

import functools
import shutil
import tomllib
from pathlib import Path

import pytest

from sahel_tui.vocab import (
    DATA_DIR,
    INTER_TYPES,
    VocabError,
    append_actor,
    append_alias,
    append_place,
    load_vocab,
)
from sahel_tui.vocab.tomlwrite import render_array_table


@functools.cache
def _vocab():
    return load_vocab()


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ shipped data
def test_event_types_in_acled_precedence_order():
    v = _vocab()
    assert [e.name for e in v.event_types] == [
        "Battles", "Protests", "Riots", "Explosions/Remote violence",
        "Violence against civilians", "Strategic developments",
    ]
    subs = [s.name for s in v.sub_event_types]
    assert len(subs) == 25
    assert subs[:3] == ["Government regains territory", "Non-state actor overtakes territory",
                        "Armed clash"]
    assert subs[-1] == "Other"
    assert [s.precedence for s in v.sub_event_types] == list(range(1, 26))
    assert v.sub_event_type("excessive force against protesters").disorder_types == (
        "Political violence", "Demonstrations")
    assert v.sub_event_type("Suicide bomb").event_type == "Explosions/Remote violence"
    assert all(s.help for s in v.sub_event_types)
    rules = " ".join(v.rules).lower()
    for phrase in ("ambush", "vehicle-borne", "one event per actors", "more than a day"):
        assert phrase in rules


def test_actors_cover_domain_table():
    v = _vocab()
    names = {a.name for a in v.actors.values()}
    for n in [
        "JNIM: Group for Support of Islam and Muslims", "Islamic State Sahel Province",
        "Islamic State (West Africa)", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
        "Ansaru", "Lakurawa", "Bandits (Nigeria)", "Military Forces of Mali",
        "Military Forces of Burkina Faso", "Military Forces of Niger", "Military Forces of Nigeria",
        "Military Forces of Chad", "Military Forces of Benin", "Military Forces of Togo",
        "Wagner Group / Africa Corps (Russia)", "Azawad rebels", "Civilian JTF", "MNJTF",
        "MINUSMA", "French forces (Barkhane)", "ECOWAS standby force",
    ]:
        assert n in names, n
    for c in ("Mali", "Burkina Faso", "Niger", "Nigeria", "Chad", "Benin", "Togo"):
        assert f"Civilians ({c})" in names
        assert f"Unidentified Armed Group ({c})" in names
        assert f"Police Forces of {c}" in names
    assert v.actor("Unidentified Armed Group (Mali)").type == "Political militia"
    assert v.actor("Wagner").type == "External/Other forces"
    assert all(a.type in INTER_TYPES for a in v.actors.values())
    assert v.actor("les FAMa").id == "mil-ml"
    assert v.actor("armée malienne").id == "mil-ml"
    assert v.actor("État islamique au Sahel").id == "issp"
    for generic in ("jihadistes", "jihadists", "terroristes"):
        assert v.actor(generic) is None


def test_countries_and_grading():
    v = _vocab()
    assert {c: v.countries[c].iso_numeric for c in ("ML", "NE", "BF", "NG", "TD")} == {
        "ML": 466, "NE": 562, "BF": 854, "NG": 566, "TD": 148}
    assert v.countries["TD"].region == "Middle Africa"
    assert v.countries["ML"].region == "Western Africa"
    assert {"GH", "CI", "BJ", "TG"} <= set(v.countries)
    g = v.grading
    assert [r.code for r in g.reliability] == list("ABCDEF")
    assert [c.code for c in g.credibility] == list("123456")
    assert g.reliability[-1].label == "Reliability cannot be judged"
    assert [c.code for c in g.confidence] == ["Low", "Moderate", "High"]
    assert [(x.low, x.high) for x in g.likelihood][:2] == [(1, 5), (5, 20)]
    assert [p.code for p in g.geo_precision] == [1, 2, 3]
    assert [p.code for p in g.time_precision] == [1, 2, 3]


def test_gazetteer_admin_units_and_places():
    v = _vocab()
    count = {}
    for p in v.places.values():
        count[(p.country, p.kind)] = count.get((p.country, p.kind), 0) + 1
    assert {cc: count[(cc, "admin1")] for cc in ("ML", "BF", "NE", "NG", "TD", "BJ", "TG")} == {
        "ML": 11, "BF": 13, "NE": 8, "NG": 37, "TD": 23, "BJ": 12, "TG": 5}
    assert v.places["ML-9"].name == "Ménaka" and v.places["ML-10"].name == "Taoudénit"
    assert count[("BF", "admin2")] == 45
    assert v.places["BF-SOM"].name == "Soum" and v.places["BF-SOM"].admin1 == "Sahel"
    assert count[("NG", "admin2")] >= 774
    assert count[("NG", "place")] > 800
    assert all(p.has_coordinates for p in v.places.values() if p.kind in ("admin1", "place"))
    djibo = next(p for p in v.places_named("Djibo", "BF") if p.kind == "place")
    assert (djibo.admin1, djibo.admin2) == ("Sahel", "Soum")
    assert "Tillaberi" in v.places["NE-6"].aliases  # ASCII-folded alias


# ------------------------------------------------------------------ errors
def test_malformed_toml_reports_file_and_line(tmp_path):
    write(tmp_path / "actors.toml", '[[actors]]\nname = "Foo"\ntype = "Rebel group\n')
    with pytest.raises(VocabError) as ei:
        load_vocab(tmp_path)
    assert str(ei.value).startswith("actors.toml:3: invalid TOML")
    assert ei.value.line == 3


def test_unknown_actor_type_reports_line_and_key(tmp_path):
    write(tmp_path / "actors.toml", "\n".join([
        "# analyst actors",
        "[[actors]]",
        'name = "Katiba Serma"',
        'type = "Rebel group"',
        "",
        "[[actors]]",
        'name = "Foo"',
        'aliases = ["foo group"]',
        'type = "Rebels"',
        "",
    ]))
    with pytest.raises(VocabError) as ei:
        load_vocab(tmp_path)
    err = ei.value
    assert str(err).startswith('actors.toml:9: actor "Foo" has unknown type "Rebels" '
                               "(expected one of: State forces, Rebel group,")
    assert (err.line, err.key) == (9, "type")


def test_semantic_errors_in_places_and_unknown_keys(tmp_path):
    write(tmp_path / "places.toml", '[[places]]\nname = "X"\ncountry = "Mali"\n'
          'admin1 = "Atlantis"\nlatitude = 15.0\nlongitude = 1.0\n')
    with pytest.raises(VocabError) as ei:
        load_vocab(tmp_path)
    assert ei.value.line == 4 and ei.value.key == "admin1"
    assert 'unknown admin1 "Atlantis"' in str(ei.value)
    write(tmp_path / "places.toml", '[[places]]\nname = "X"\ncountry = "ML"\nlat = 15.0\n')
    with pytest.raises(VocabError) as ei:
        load_vocab(tmp_path)
    assert str(ei.value).startswith("places.toml:4: place has unknown key 'lat'")
    write(tmp_path / "places.toml", '[[places]]\nname = "X"\ncountry = "Atlantis"\n')
    with pytest.raises(VocabError, match=r'places.toml:3: .*unknown country "Atlantis"'):
        load_vocab(tmp_path)


def test_broken_gazetteer_row_reports_line(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    lines = (data / "places.tsv").read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace("\t", " ", 1)
    (data / "places.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(VocabError, match=r"^places.tsv:6: expected 10"):
        load_vocab(data_dir=data)


# ------------------------------------------------------------------ analyst extensions
def test_extension_alias_is_matched(tmp_path):
    write(tmp_path / "actors.toml", "\n".join([
        "[[actors]]",
        'name = "JNIM: Group for Support of Islam and Muslims"',
        'aliases = ["Katiba Serma", "al-Qaïda au Sahel"]',
        "",
        "[[actors]]",
        'name = "Bozo Communal Militia (Mali)"',
        'type = "identity militia"',
        'country = "Mali"',
        'aliases = ["pêcheurs bozos armés", "milice bozo"]',
        "",
    ]))
    v = load_vocab(tmp_path)
    assert "Katiba Serma" in v.actors["jnim"].aliases
    bozo = v.actor("Bozo Communal Militia (Mali)")
    assert bozo.type == "Identity militia" and bozo.country == "ML" and bozo.source == "analyst"
    ms = v.matcher().find("La Katiba Serma et une milice bozo à Bandiagara")
    assert [(m.text, m.best.id) for m in ms][:2] == [("Katiba Serma", "jnim"),
                                                     ("milice bozo", bozo.id)]
    assert load_vocab().actors["jnim"].aliases.count("Katiba Serma") == 0  # no leak


def test_place_extension_adds_alias_by_name(tmp_path):
    write(tmp_path / "places.toml",
          '[[places]]\nname = "Aguelhok"\ncountry = "ML"\naliases = ["Aguel Hoq"]\n')
    v = load_vocab(tmp_path)
    (p,) = [p for p in v.places_named("Aguelhok", "ML")]
    assert "Aguel Hoq" in p.aliases
    (m,) = v.matcher().find("Attack on Aguel Hoq")
    assert m.best.id == p.id


def test_append_place_then_reload_matches_it(tmp_path):
    assert load_vocab(tmp_path).matcher().find("fighting at Tinzaouaten") == []
    p = append_place(tmp_path, name="Tinzaouaten", country="Mali", admin1="kidal",
                     admin2="Abeïbara", latitude=19.9564, longitude=2.9681,
                     aliases=["Tin Zaouatène", "Tinzawatene", 'Tin "Z" \\ test'])
    assert p.id == "user:ml:tinzaouaten" and p.admin1 == "Kidal" and p.source == "analyst"
    text = (tmp_path / "places.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text)["places"][0]["aliases"][2] == 'Tin "Z" \\ test'
    v = load_vocab(tmp_path)
    assert v.places[p.id].latitude == 19.9564
    for spelling in ("Tinzaouaten", "Tin-Zaouatene", "Tinzawatene"):
        (m,) = v.matcher().find(f"fighting at {spelling} on Sunday")
        assert m.best.id == p.id
    p2 = append_place(tmp_path, name="Tinzaouaten", country="ML", latitude=19.9, longitude=2.9)
    assert p2.id == "user:ml:tinzaouaten-2"
    assert len(load_vocab(tmp_path).places_named("Tinzaouaten", "ML")) == 2


def test_append_rejects_invalid_entries_without_writing(tmp_path):
    with pytest.raises(VocabError, match='unknown admin1 "Atlantis"'):
        append_place(tmp_path, name="X", country="ML", admin1="Atlantis")
    with pytest.raises(VocabError, match="between -90 and 90"):
        append_place(tmp_path, name="X", country="ML", latitude=123.0, longitude=1.0)
    with pytest.raises(VocabError, match="has no 'type'"):
        append_actor(tmp_path, name="Brand New Group")
    with pytest.raises(VocabError, match='unknown type "Rebels"'):
        append_actor(tmp_path, name="Brand New Group", type="Rebels")
    assert not (tmp_path / "places.toml").exists()
    assert not (tmp_path / "actors.toml").exists()


def test_append_actor_and_aliases(tmp_path):
    a = append_actor(tmp_path, name="Katiba Hanifa", type="Rebel group", country="BF",
                     aliases=["Hanifa"])
    assert a.id == "user:katiba-hanifa"
    b = append_actor(tmp_path, name="Islamic State Sahel Province", aliases=["Daech Sahel"])
    assert b.id == "issp" and "Daech Sahel" in b.aliases
    append_alias(tmp_path, "actor", "mil-bf", "Forces Combattantes")
    town = load_vocab().places_named("Djibo", "BF")[0]
    append_alias(tmp_path, "place", town.id, "Djiibo")
    v = load_vocab(tmp_path)
    got = {m.text: m.best.id for m in v.matcher().find(
        "Katiba Hanifa, Daech Sahel et les Forces Combattantes près de Djiibo")}
    assert got == {"Katiba Hanifa": a.id, "Daech Sahel": "issp",
                   "Forces Combattantes": "mil-bf", "Djiibo": town.id}
    assert len(tomllib.loads((tmp_path / "actors.toml").read_text("utf-8"))["actors"]) == 3


def test_live_vocab_add_place_updates_built_matcher(tmp_path):
    v = load_vocab(tmp_path)
    m = v.matcher()
    p = append_place(tmp_path, name="Boulkessi", country="ML", admin1="Mopti",
                     latitude=14.26, longitude=-1.53)
    assert m.find("camp of Boulkessi") == []
    v.add_place(p)
    (hit,) = m.find("camp of Boulkessi")
    assert hit.best.id == p.id


def test_render_array_table_escapes():
    block = render_array_table("places", {"name": 'A "q" \\ \t\n', "n": 3, "x": 1.5,
                                          "l": ["a", "b"], "skip": None})
    assert tomllib.loads(block) == {"places": [{"name": 'A "q" \\ \t\n', "n": 3, "x": 1.5,
                                                "l": ["a", "b"]}]}


def test_state_actors_are_named_with_acleds_regime_period():
    v = load_vocab()
    assert v.dated_actor_name("Military Forces of Mali", "2019-05-01") == \
        "Military Forces of Mali (2013-2020)"
    assert v.dated_actor_name("Military Forces of Mali", "2021-05-24") == \
        "Military Forces of Mali (2021-)"  # the coup's day opens the new period
    assert v.dated_actor_name("Police Forces of Niger", "2022-01-10") == \
        "Police Forces of Niger (2021-2023)"
    assert v.dated_actor_name("Government of Chad", "2021-06-01") == "Government of Chad (2021-)"
    # not a state actor, already dated, or before the first period: unchanged
    assert v.dated_actor_name("JNIM: Group for Support of Islam and Muslims", "2022-01-01") \
        == "JNIM: Group for Support of Islam and Muslims"
    assert v.dated_actor_name("Military Forces of Mali (2013-2020)", "2022-01-01") == \
        "Military Forces of Mali (2013-2020)"
    assert v.dated_actor_name("Military Forces of Mali", "1990-01-01") == "Military Forces of Mali"


def test_the_regime_period_comes_off_as_it_went_on():
    from sahel_tui.vocab.catalog import undated_actor_name

    v = load_vocab()
    for name, date in (("Military Forces of Mali", "2019-05-01"),
                       ("Police Forces of Niger", "2022-01-10"), ("Government of Chad", "2024-01-01")):
        assert undated_actor_name(v.dated_actor_name(name, date)) == name
    assert undated_actor_name("Civilians (Mali)") == "Civilians (Mali)"  # a country, not a period


def test_a_bad_regime_period_names_file_and_field(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    p = data / "countries.toml"
    p.write_text(p.read_text(encoding="utf-8").replace('["2021-05-24", "2021-"]',
                                                       '["2021-05-32", "2021-"]', 1),
                 encoding="utf-8")
    with pytest.raises(VocabError, match=r"countries.toml:\d+: .*regimes\[4\]"):
        load_vocab(data_dir=data)
