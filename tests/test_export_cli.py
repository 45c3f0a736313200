"""The exchange subcommands, run in-process: export, import, conflicts, clear errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from test_export_fixture import base_db, battle, build, fixed_clock, item_id

from sahel_tui.cli import main
from sahel_tui.store.events import add_events


@pytest.fixture
def db(tmp_path):
    build(tmp_path / "a.db")
    return str(tmp_path / "a.db")


def test_export_csv_to_stdout(db, capsys):
    assert main(["export", "--db", db, "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert len(rows) == 5 and rows[0]["event_id_cnty"] == "MLI1"
    assert "exported 5 events as csv" in err


def test_export_to_file_takes_the_format_from_the_name(db, tmp_path, capsys):
    out = tmp_path / "lake.geojson"
    assert main(["export", "--db", db, "--query", 'feed:"Lake Chad"', "--out", str(out)]) == 0
    fc = json.loads(out.read_text("utf-8"))
    assert [f["id"] for f in fc["features"]] == ["NGA4", "TCD6"]
    assert main(["export", "--db", db, "-f", "jsonl", "--items", "-o",
                 str(tmp_path / "items.jsonl")]) == 0
    assert len((tmp_path / "items.jsonl").read_text("utf-8").splitlines()) == 6
    assert "to " + str(out) in capsys.readouterr().err


def test_export_bom_flag(db, tmp_path):
    out = tmp_path / "e.csv"
    assert main(["export", "--db", db, "--bom", "-o", str(out)]) == 0
    assert out.read_bytes()[:3] == b"\xef\xbb\xbf"


def test_bad_format_is_exit_2_with_a_clear_message(db, capsys):
    assert main(["export", "--db", db, "--format", "xlsx"]) == 2
    err = capsys.readouterr().err
    assert "unknown --format 'xlsx'" in err and "csv, jsonl or geojson" in err
    assert main(["export", "--db", db, "--format", "geojson", "--items"]) == 2
    assert "coordinates" in capsys.readouterr().err


def test_bad_query_names_the_position(db, capsys):
    assert main(["export", "--db", db, "--query", "Ménaka bogus:x"]) == 2
    err = capsys.readouterr().err
    assert "unknown field 'bogus:'" in err and "(at column 8)" in err
    assert err.splitlines()[-1].index("^") == len("  --query Ménaka ")


def test_export_of_a_missing_database_is_refused(tmp_path, capsys):
    assert main(["export", "--db", str(tmp_path / "none.db")]) == 2
    assert "no database yet" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


def test_import_twice_then_garbage(db, tmp_path, capsys):
    jsonl = tmp_path / "a.jsonl"
    assert main(["export", "--db", db, "-o", str(jsonl)]) == 0
    other = str(tmp_path / "b.db")
    assert main(["import", "--db", other, str(jsonl)]) == 0
    assert "events: 5 added" in capsys.readouterr().out
    assert main(["import", "--db", other, str(jsonl)]) == 0
    out = capsys.readouterr().out
    assert "items: 0 added, 0 changed; events: 0 added, 0 changed, 5 unchanged" in out
    assert "conflicts: 0" in out

    garbage = tmp_path / "photo.jsonl"
    garbage.write_bytes(b"\xff\xd8\xff\xe0 JFIF garbage\n")
    assert main(["import", "--db", other, str(garbage)]) == 2
    _, err = capsys.readouterr()
    assert f"{garbage}, line 1: not UTF-8" in err and "Traceback" not in err
    csv_file = tmp_path / "events.csv"
    assert main(["export", "--db", db, "-o", str(csv_file)]) == 0
    capsys.readouterr()
    assert main(["import", "--db", other, str(csv_file)]) == 2
    err = capsys.readouterr().err
    assert f"{csv_file}, line 1: not JSON" in err and "nothing was imported" in err
    assert main(["import", "--db", other, str(tmp_path / "missing.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_conflicts_list_and_resolve(db, tmp_path, capsys):
    with fixed_clock("2026-10-31T08:00:00Z"):
        b = base_db(tmp_path / "b.db")
        add_events(b, item_id(b, "menaka-ambush"), [battle(uid="bob-menaka", fatalities=8)],
                   "bob")
        b.close()
    jsonl = tmp_path / "a.jsonl"
    main(["export", "--db", db, "-o", str(jsonl), "--coder", "ana"])
    other = str(tmp_path / "b.db")
    assert main(["import", "--db", other, str(jsonl), "--coder", "bob"]) == 0
    out = capsys.readouterr().out
    assert "conflicts: 1" in out and "sahel-tui conflicts" in out
    assert main(["conflicts", "--db", other]) == 0
    out = capsys.readouterr().out
    assert "#1" in out and "Gunmen kill 12 soldiers near Ménaka" in out and "ana@a.db" in out
    assert "local   2026-10-01 Armed clash · Ménaka" in out and "8†" in out
    assert "theirs  2026-10-01 Armed clash · Ménaka" in out and "12†" in out
    assert main(["conflicts", "resolve", "1", "--keep", "theirs", "--db", other,
                 "--coder", "bob"]) == 0
    out = capsys.readouterr().out
    assert "kept theirs" in out and "(removed)" in out
    assert main(["conflicts", "--db", other]) == 0
    assert "no open conflicts" in capsys.readouterr().out
    assert main(["conflicts", "list", "--all", "--db", other]) == 0
    assert "resolved: kept theirs" in capsys.readouterr().out
    assert main(["conflicts", "resolve", "1", "--keep", "both", "--db", other]) == 2
    assert "already resolved" in capsys.readouterr().err
    assert main(["conflicts", "resolve", "1", "--keep", "mine", "--db", other]) == 2
    assert "local, theirs or both" in capsys.readouterr().err


def test_demo_works_on_every_subcommand_and_no_database_names_it(demo_db, tmp_path, capsys,
                                                                 monkeypatch):
    """After trying the demo, `export` without --demo names the file it looked for and says
    where the demo's database is; `--demo` works after the subcommand as before it."""
    import shutil

    from sahel_tui import paths

    paths.demo_db_path().parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(demo_db, paths.demo_db_path())
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / "nowhere.db"
    assert main(["export", "--db", str(missing), "--format", "csv"]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err and str(paths.demo_db_path()) in err and "--demo" in err
    for argv in (["export", "--demo", "--format", "csv"], ["--demo", "export", "--format", "csv"],
                 ["stats", "--demo", "--by", "actor"]):
        assert main(argv) == 0, argv
        capsys.readouterr()


def test_export_into_a_closed_pipe_ends_quietly(db):
    """`sahel-tui export | head`: the reader is gone; no 'Broken pipe' message, no trace."""
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys; from sahel_tui.cli import main; "
                               "sys.exit(main(sys.argv[1:]))",
         "export", "--db", str(db), "--format", "csv"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # before anything is written: every write meets a closed pipe
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    proc.stderr.close()
    assert "Broken pipe" not in err and "Traceback" not in err, err


def test_import_of_a_folder_says_so(tmp_path, capsys):
    assert main(["import", "--db", str(tmp_path / "b.db"), str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
