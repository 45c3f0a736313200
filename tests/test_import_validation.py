"""Import validation (#11 items 9 and 10): every field is checked against the vocabularies and
formats; a bad line refuses the whole file, naming file, line and field, before anything is
written; never a traceback."""

from __future__ import annotations

import json

import pytest
from test_export_fixture import exported_lines, write_lines
from test_import import counts

from sahel_tui import cli
from sahel_tui.exchange.jsonl import ExchangeError
from sahel_tui.exchange.merge import import_jsonl
from sahel_tui.store import open_store


@pytest.fixture
def lines(tmp_path) -> list[dict]:
    return exported_lines(tmp_path)


# (what, where in the line, value, the field named in the message)
BAD = [
    ("an event type outside the vocabulary", ("event", "event_type"), "Alien invasion",
     "event.event_type"),
    ("an event type in the singular", ("event", "event_type"), "Battle", "event.event_type"),
    ("a misspelt sub-event type", ("event", "sub_event_type"), "Armed klash",
     "event.sub_event_type"),
    ("a sub-event type of another event type", ("event", "sub_event_type"), "Armed clash",
     "event.sub_event_type"),
    ("a country outside the vocabulary", ("event", "country"), "Atlantis", "event.country"),
    ("a disorder type outside the vocabulary", ("event", "disorder_type"), "Chaos",
     "event.disorder_type"),
    ("an inter type outside the vocabulary", ("event", "inter1"), "Aliens", "event.inter1"),
    ("negative fatalities", ("event", "fatalities"), -5, "event.fatalities"),
    ("negative best estimate", ("event", "fatalities_best"), -1, "event.fatalities_best"),
    ("a date that is not in the calendar", ("event", "event_date"), "2026-13-45",
     "event.event_date"),
    ("a feed's language given as a list", ("items", 0, "feeds", 0, "language"), ["fr"],
     "items[0].feeds[0].language"),
    ("a feed's tags nested", ("items", 0, "feeds", 0, "tags"), [["x"]],
     "items[0].feeds[0].tags"),
    ("a feed's reliability outside A-F", ("items", 0, "feeds", 0, "reliability"), "Z",
     "items[0].feeds[0].reliability"),
]


def _set(obj, where: tuple, value) -> None:
    for key in where[:-1]:
        obj = obj[key]
    obj[where[-1]] = value


@pytest.mark.parametrize(("what", "where", "value", "field"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_value_refuses_the_file_naming_file_line_and_field(lines, tmp_path, what, where,
                                                                 value, field):
    bad = json.loads(json.dumps(lines))
    _set(bad[3], where, value)  # line 4 of 5: lines before it are good
    path = write_lines(tmp_path / "bad.jsonl", bad)
    b = open_store(tmp_path / "b.db")
    before = counts(b)
    with pytest.raises(ExchangeError) as exc:
        import_jsonl(b, path)
    assert str(exc.value).startswith(f"{path}, line 4: {field}"), exc.value
    assert counts(b) == before  # nothing written
    b.close()


def test_the_cli_names_a_feed_language_list_without_a_traceback(lines, tmp_path, capsys):
    lines[0]["items"][0]["feeds"][0]["language"] = ["fr", "en"]
    path = write_lines(tmp_path / "list.jsonl", lines)
    status = cli.main(["import", "--db", str(tmp_path / "b.db"), str(path)])
    err = capsys.readouterr().err
    assert status == 2 and "Traceback" not in err
    assert "line 1: items[0].feeds[0].language must be text or null" in err
    assert "nothing was imported" in err


def test_the_values_the_vocabulary_holds_are_taken(lines, tmp_path):
    """A disorder type left empty, no inter2, another country of the vocabulary: all fine."""
    lines[0]["event"].update(disorder_type="", inter2="", actor2="", country="Burkina Faso")
    path = write_lines(tmp_path / "ok.jsonl", lines)
    b = open_store(tmp_path / "b.db")
    assert import_jsonl(b, path).events_added == 5
    b.close()


def test_a_folder_is_named_as_a_folder(tmp_path):
    b = open_store(tmp_path / "b.db")
    with pytest.raises(ExchangeError, match="is a folder"):
        import_jsonl(b, tmp_path)
    b.close()
