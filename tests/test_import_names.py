"""Import validation of actor and place names (#11 item 10): an unknown actor or place is
taken only when the file carries its definition, and is then added as an imported entry
(listed); an unknown name the file does not define refuses the whole file, naming file,
line and field, before anything is written (database and actors.toml unchanged)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from test_export_fixture import build, exported_lines, write_lines

from sahel_tui import cli, paths
from sahel_tui.exchange.export import export
from sahel_tui.exchange.jsonl import ExchangeError
from sahel_tui.exchange.merge import import_jsonl
from sahel_tui.gazetteer.index import Gazetteer
from sahel_tui.gazetteer.store import search
from sahel_tui.store import open_store
from sahel_tui.store.events import Event, add_events
from sahel_tui.vocab import append_actor, append_place, load_vocab


@pytest.fixture
def lines(tmp_path) -> list[dict]:
    return exported_lines(tmp_path)


def _write(tmp_path: Path, lines: list[dict], name: str = "in.jsonl") -> Path:
    return write_lines(tmp_path / name, lines)


def _state(db: Path) -> tuple:
    """The database's rows and bytes, and the analyst's actors.toml."""
    c = open_store(db)
    tables = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                      "AND name NOT LIKE 'sqlite_%'")]
    rows = {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    c.close()
    actors = paths.user_config_dir() / "actors.toml"
    return (rows, hashlib.sha256(db.read_bytes()).hexdigest(),
            actors.read_text("utf-8") if actors.exists() else None)


def _refused(tmp_path: Path, path: Path, field: str, line: int) -> str:
    db = tmp_path / "b.db"
    open_store(db).close()
    before = _state(db)
    c = open_store(db)
    with pytest.raises(ExchangeError) as exc:
        import_jsonl(c, path)
    c.close()
    assert f"{path}, line {line}: event.{field} " in str(exc.value)
    assert _state(db) == before  # row for row, byte for byte; actors.toml too
    return str(exc.value)


def test_import_refuses_unknown_actor_without_inter(lines, tmp_path):
    lines[1]["event"]["actor2"] = "Nobody Known"
    lines[1]["event"]["inter2"] = ""
    message = _refused(tmp_path, _write(tmp_path, lines), "actor2", 2)
    assert "'Nobody Known' is not an actor of the vocabulary" in message
    assert "no inter2" in message


def test_import_refuses_unknown_associated_actor_without_definition(lines, tmp_path):
    lines[2]["event"]["assoc_actor_1"] = ["Katiba Nowhere"]
    message = _refused(tmp_path, _write(tmp_path, lines), "assoc_actor_1", 3)
    assert "'Katiba Nowhere'" in message


def test_import_refuses_unknown_place_without_coordinates(lines, tmp_path):
    ev = lines[0]["event"]
    ev.update(location="Nowhereville", place_id=None, latitude=None, longitude=None)
    message = _refused(tmp_path, _write(tmp_path, lines), "location", 1)
    assert "'Nowhereville' is not a place" in message


def test_import_refuses_an_actors_definition_of_a_bad_type(lines, tmp_path):
    lines[2]["event"]["assoc_actor_1"] = ["Katiba Nowhere"]
    lines[2]["actors"] = [{"name": "Katiba Nowhere", "type": "Aliens", "country": "ML"}]
    db = tmp_path / "b.db"
    c = open_store(db)
    with pytest.raises(ExchangeError, match=r"line 3: actors\[0\]\.type 'Aliens'"):
        import_jsonl(c, _write(tmp_path, lines))
    c.close()


def test_import_adds_defined_actors_and_places_as_imported_entries(lines, tmp_path, capsys):
    ev = lines[0]["event"]
    ev.update(actor1="Katiba Nowhere", inter1="Rebel group", location="Nowhereville",
              place_id=None, latitude=15.5, longitude=1.25, admin1="Gao", admin2="Ansongo")
    lines[1]["event"]["assoc_actor_1"] = ["Katiba Nowhere"]  # defined by line 1
    lines[2]["event"]["assoc_actor_2"] = ["Youth of Nowhere"]
    lines[2]["actors"] = [{"name": "Youth of Nowhere", "type": "Identity militia",
                           "country": "ML"}]
    path = _write(tmp_path, lines, "colleague.jsonl")
    db = tmp_path / "b.db"
    assert cli.main(["--db", str(db), "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert ("; added 2 actors (Katiba Nowhere; Youth of Nowhere) and 1 place (Nowhereville)"
            in out)
    vocab = load_vocab(paths.user_config_dir())
    katiba = vocab.actor("Katiba Nowhere")
    assert (katiba.id, katiba.type, katiba.country) == ("import:katiba-nowhere",
                                                         "Rebel group", "ML")
    assert katiba.note == "imported from colleague.jsonl" and katiba.source == "analyst"
    assert vocab.actor("Youth of Nowhere").type == "Identity militia"
    c = open_store(db)
    (place, _), = search(c, "Nowhereville", ["ML"])
    assert (place.source, place.admin1, place.admin2, place.latitude) == (
        "import:colleague.jsonl", "Gao", "Ansongo", 15.5)
    c.close()
    # listed, told apart from the bundled entries
    assert cli.main(["--db", str(db), "vocab", "imported"]) == 0
    listing = capsys.readouterr().out
    assert "Katiba Nowhere  [Rebel group, ML]  imported from colleague.jsonl" in listing
    assert "Nowhereville  [Gao, ML; 15.5000, 1.2500]  from colleague.jsonl" in listing
    assert "Islamic State Sahel Province" not in listing
    # the same file again: known now, nothing added, nothing changed
    assert cli.main(["--db", str(db), "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "items: 0 added" in out and "; added " not in out
    assert load_vocab(paths.user_config_dir()).actor("Katiba Nowhere").id == (
        "import:katiba-nowhere")


def test_imported_entries_are_offered_by_the_pickers_and_the_matcher(lines, tmp_path):
    lines[0]["event"].update(actor1="Katiba Nowhere", inter1="Rebel group",
                             location="Nowhereville", place_id=None, latitude=15.5,
                             longitude=1.25)
    c = open_store(tmp_path / "b.db")
    import_jsonl(c, _write(tmp_path, lines))
    c.close()
    vocab = load_vocab(paths.user_config_dir())
    found = vocab.matcher().find("Fighters of Katiba Nowhere attacked the market.")
    assert any(cand.id == "import:katiba-nowhere" for m in found for cand in m.candidates)
    gaz = Gazetteer(tmp_path / "b.db").build()
    assert [p.name for p, _ in gaz.complete("Nowherev")] == ["Nowhereville"]
    gaz.close()


def test_a_broken_actors_file_refuses_the_import_before_anything_is_written(lines, tmp_path):
    lines[0]["event"].update(actor1="Katiba Nowhere", inter1="Rebel group")
    actors = paths.user_config_dir() / "actors.toml"
    actors.write_text(actors.read_text("utf-8") + "\n[[actors]\nbroken", "utf-8")
    db = tmp_path / "b.db"
    open_store(db).close()
    before = _state(db)
    c = open_store(db)
    with pytest.raises(ExchangeError, match=r"actors\.toml"):
        import_jsonl(c, _write(tmp_path, lines))
    c.close()
    assert _state(db) == before


def test_a_name_is_defined_by_a_later_line_of_the_file(lines, tmp_path):
    lines[0]["event"]["assoc_actor_1"] = ["Katiba Nowhere"]
    lines[0]["event"].update(location="Nowhereville", place_id=None, latitude=None,
                             longitude=None)
    lines[2]["event"].update(actor2="Katiba Nowhere", inter2="Rebel group",
                             location="Nowhereville", place_id=None, latitude=15.0,
                             longitude=1.0)
    c = open_store(tmp_path / "b.db")
    r = import_jsonl(c, _write(tmp_path, lines))
    c.close()
    assert (r.actors_added, r.places_added) == (["Katiba Nowhere"], ["Nowhereville"])


def test_dated_state_names_and_uncertain_attributions_are_known(lines, tmp_path):
    lines[0]["event"]["actor2"] = "Military Forces of Mali (2021-)"
    lines[0]["event"]["inter2"] = ""
    lines[1]["event"]["actor1"] = "JNIM: Group for Support of Islam and Muslims and/or " \
                                  "Military Forces of Mali (2021-)"
    lines[1]["event"]["inter1"] = ""
    c = open_store(tmp_path / "b.db")
    r = import_jsonl(c, _write(tmp_path, lines))
    c.close()
    assert (r.actors_added, r.places_added) == ([], [])


def test_our_export_round_trips_the_analysts_own_actors_and_places(tmp_path, monkeypatch):
    """Ana adds an actor (used only as an associated actor) and a village; Bob, with a
    vocabulary of his own, imports her export: accepted, both created."""
    build(tmp_path / "a.db")
    ana = paths.user_config_dir()
    append_actor(ana, name="Dan Na Ambassagou Youth", type="Identity militia", country="ML")
    village = append_place(ana, name="Ouro Guesse", country="ML", admin1="Mopti",
                           latitude=14.25, longitude=-3.5)
    a = open_store(tmp_path / "a.db")
    item = a.execute("SELECT id FROM items ORDER BY id LIMIT 1").fetchone()[0]
    add_events(a, item, [Event(
        uid="ev-ouro", event_date="2026-10-05", event_type="Battles",
        sub_event_type="Armed clash", actor1="Military Forces of Mali", inter1="State forces",
        actor2="Dan Na Ambassagou", inter2="Identity militia",
        assoc_actor_2=["Dan Na Ambassagou Youth"], country="Mali", admin1="Mopti",
        location="Ouro Guesse", place_id=village.id, latitude=14.25, longitude=-3.5)], "ana")
    export(a, None, "jsonl", tmp_path / "ana.jsonl", coder="ana")
    a.close()
    text = (tmp_path / "ana.jsonl").read_text("utf-8")
    assert ('"actors":[{"name":"Dan Na Ambassagou Youth","type":"Identity militia",'
            '"country":"ML"}]') in text
    monkeypatch.setenv("SAHEL_TUI_CONFIG_DIR", str(tmp_path / "bob-config"))
    c = open_store(tmp_path / "bob.db")
    r = import_jsonl(c, tmp_path / "ana.jsonl", coder="bob")
    assert "Dan Na Ambassagou Youth" in r.actors_added and "VDP, volunteers" in r.actors_added
    assert r.places_added == ["Ouro Guesse"]
    assert c.execute("SELECT count(*) FROM events WHERE uid = 'ev-ouro'").fetchone()[0] == 1
    assert [p.name for p, _ in search(c, "Ouro Guesse", ["ML"])] == ["Ouro Guesse"]
    c.close()
    bob = load_vocab(tmp_path / "bob-config")
    assert bob.actor("Dan Na Ambassagou Youth").id == "import:dan-na-ambassagou-youth"
