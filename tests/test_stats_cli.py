"""`sahel-tui stats`, in process: tables, csv, json, the questions, and clean errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from test_tallies import F, I, J, build

from sahel_tui.cli import main


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no feeds.toml found here: the user config (a temp dir)
    conn, ids = build(tmp_path)
    conn.close()
    return str(tmp_path / "t.db"), ids


def run(capsys, *argv):
    code = main(["stats", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_summary_table(db, capsys):
    path, _ = db
    code, out, err = run(capsys, "--db", path)
    assert code == 0, err
    assert "Events by actor" in out and "Events by event type" in out and "Events per month" in out
    line = next(x for x in out.splitlines() if x.startswith(J[:40]))
    assert line.split()[-5:-1] == ["9", "24", "6", "3"] and "█" in line  # with a bar
    assert "triaged today: coded" in out


def test_by_actor_csv_has_drilldown_queries(db, capsys):
    path, _ = db
    code, out, _ = run(capsys, "--db", path, "--by", "actor", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["actor"] for r in rows] == [J, F, "Civilians (Mali)", I]
    assert rows[0]["events"] == "9" and rows[0]["as_actor2"] == "3"
    assert rows[0]["query"] == f'event:"actor={J}"'


def test_json_type_with_query_and_dates(db, capsys):
    path, _ = db
    code, out, _ = run(capsys, "--db", path, "--by", "type", "--format", "json",
                       "--query", "feed:Quotidien", "--since", "2026-04-01")
    assert code == 0
    data = json.loads(out)
    got = {r["event_type"]: r["events"] for r in data["rows"]}
    assert got == {"Battles": 2, "Explosions/Remote violence": 1}  # e9 e10 | e5
    assert data["rows"][0]["query"].startswith('feed:Quotidien event:"type=Battles; from=2026-04-01')


def test_weeks_and_months(db, capsys):
    path, _ = db
    code, out, _ = run(capsys, "--db", path, "--by", "month", "--since", "2026-01-01",
                       "--until", "2026-10-31", "--top", "4")
    assert code == 0
    assert ("2026-05" in out and "all events" in out and "▁" in out) or "█" in out
    code, out, _ = run(capsys, "--db", path, "--by", "week", "--format", "csv",
                       "--since", "2026-05-18", "--until", "2026-05-31")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["week"], r["events"]) for r in rows] == [("2026-05-18", "4"), ("2026-05-25", "0")]


def test_questions(db, capsys):
    path, _ids = db
    code, out, err = run(capsys, "--db", path, "--rate-change", "--actor", "jnim",
                         "--date", "2026-04-01")
    assert code == 0, err
    assert "before" in out and "after" in out and "Change: x" in out and "2026-01" in out
    code, out, err = run(capsys, "--db", path, "--rate-change", "--actor", "jnim", "--format",
                         "json", "--before", "2026-03-28..2026-03-31", "--after",
                         "2026-04-01..2026-04-04")
    assert code == 0, err
    data = json.loads(out)
    assert [(r["period"], r["days"]) for r in data[0]["rows"]] == [("before", 4), ("after", 4)]
    assert all("small sample" in r["warning"] for r in data[0]["rows"])
    assert "small sample" in data[0]["change"] and data[0]["warnings"]
    code, out, _ = run(capsys, "--db", path, "--dyad", "JNIM", "military forces of mali",
                       "--format", "json")
    data = json.loads(out)
    assert [r["events"] for r in data[0]["rows"]] == [1, 2, 1, 1]
    assert {r["admin1"]: r["events"] for r in data[1]["rows"]} == {"Mopti": 3, "Ségou": 2}
    code, out, _ = run(capsys, "--db", path, "--colocated", "jnim", "islamic state sahel",
                       "--hours", "24", "--format", "csv")
    rows = [r for r in csv.reader(io.StringIO(out)) if len(r) > 2 and r[0][:4] == "2026"]
    assert len(rows) == 1 and rows[0][2] == "Ansongo, Gao, Mali"
    code, out, _ = run(capsys, "--db", path, "--colocated", "jnim", "islamic state sahel",
                       "--hours", "0", "--km", "5")
    assert code == 0 and "1 pairs" in out and "distance" in out


@pytest.mark.parametrize("argv, message", [
    (["--query", "status:bogus"], "column 8"),
    (["--query", 'jnim event:"colour=red"'], "bad query at column"),
    (["--query", 'event:"from=soon"'], "wants a date"),
    (["--rate-change"], "--date"),
    (["--rate-change", "--after", "2026-04-01"], "FROM..TO"),
    (["--rate-change", "--date", "2026-13-45"], "date"),
    (["--dyad", "Nobody", "JNIM"], "no coded events"),
    (["--since", "yesterday"], "since"),
    (["--by", "actor", "--dyad", "a", "b"], "choose one"),
])
def test_errors_exit_2_without_traceback(db, capsys, argv, message):
    path, _ = db
    code, out, err = run(capsys, "--db", path, *argv)
    assert code == 2
    assert message in err and "Traceback" not in err and out == ""


def test_missing_database(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "--db", str(tmp_path / "none.db"))
    assert code == 2 and "no database yet" in err
    assert not (tmp_path / "none.db").exists()


def test_total_line_says_one_event_not_one_events(db, capsys):
    path, _ = db
    code, out, err = run(capsys, "--db", path, "--by", "type", "--query",
                         'feed:Quotidien event:"type=Explosions/Remote violence"',
                         "--since", "2026-04-01")
    assert code == 0, err
    total = next(x for x in out.splitlines() if "Total:" in x)
    assert "Total: 1 event," in total and "1 events" not in total
