"""The gazetteer: spelling keys, GeoNames / OSM-layout / ACLED imports, search, download."""

from __future__ import annotations

import tomllib
import zipfile
from pathlib import Path

import pytest
from helpers_http import Response

from sahel_tui.cli import main
from sahel_tui.gazetteer.acled import import_acled
from sahel_tui.gazetteer.download import download_dumps
from sahel_tui.gazetteer.keys import name_key, name_keys
from sahel_tui.gazetteer.store import clean_admin_name, import_geonames, search, source_summary
from sahel_tui.store import open_store


def geo_line(gid, name, alts="", lat=14.0, lon=-3.0, fc="P", code="PPL", cc="ML", a1="04",
             a2="", pop=0, date="2023-01-02", ascii_name=None):
    cols = [str(gid), name, ascii_name or name, alts, str(lat), str(lon), fc, code, cc, "",
            a1, a2, "", "", str(pop), "", "300", "Africa/Bamako", date]
    return "\t".join(cols)


ML_LINES = [
    geo_line(1, "Mopti Region", fc="A", code="ADM1", a1="04", lat=14.5, lon=-4.2),
    geo_line(2, "Koro Cercle", fc="A", code="ADM2", a1="04", a2="77", lat=14.06, lon=-3.07),
    geo_line(3, "Dinangourou", "Dinangurou,Dinankourou", 14.40, -2.20, a2="77", pop=800),
    geo_line(4, "Madina", "", 14.05, -3.10, a2="77"),
    geo_line(5, "Madina", "", 12.40, -8.00, a1="07"),
    geo_line(6, "Tongo-Tongo", "", 14.08, -3.02, a2="77"),
    geo_line(7, "Diré", "Dire", 16.27, -3.40, a1="08", pop=20000),
    geo_line(8, "Sans Codes", "", 14.07, -3.06, a1=""),
]


def write_dump(path: Path, lines, *, bom=False, crlf=False) -> Path:
    text = ("\r\n" if crlf else "\n").join(lines) + ("\r\n" if crlf else "\n")
    path.write_text(("\ufeff" if bom else "") + text, encoding="utf-8", newline="")
    return path


def built_gazetteer(d: Path, places, admin1, admin2):
    """A gazetteer of our own dump lines (a country file and its admin tables) in ``d``,
    imported and built: what the matching tests search."""
    from sahel_tui.gazetteer.index import Gazetteer

    conn = open_store(d / "g.db")
    import_geonames(conn, [write_dump(d / "ML.txt", places),
                           write_dump(d / "admin1CodesASCII.txt", admin1),
                           write_dump(d / "admin2Codes.txt", admin2)])
    conn.close()
    return Gazetteer(d / "g.db").build()


@pytest.fixture
def conn(tmp_path):
    c = open_store(tmp_path / "t.db")
    yield c
    c.close()


# ------------------------------------------------------------------------------- keys
@pytest.mark.parametrize("a,b", [
    ("Diabaly", "Diabali"), ("Jibia", "Djibia"), ("Tongo Tongo", "Tongo-Tongo"),
    ("Tessit", "Tessitt"), ("Ouahigouya", "Wahigouya"), ("Diré", "Dire"),
    ("Boulkessi", "Boulkesi"), ("Ouagadougou", "Wagadugu"), ("N'Djamena", "N’Djaména"),
    ("Tillabéri", "TILLABERI"), ("Kouakourou", "Kwakuru"),
    # an h that is not heard; a final e after y ("-oye"/"-oy")
    ("Sabere-Peulh", "Sabere-Peuhl"), ("Peulh", "Peul"), ("Ahmadou", "Amadou"),
    ("Sorih", "Sori"), ("Tallaboye", "Talaboy"), ("Kireye", "Kirey"),
    # Hausa "unguwa" (a quarter) written every way
    ("Unguwar Dantsoho", "Ungwan Dantsoho"), ("Anguwan Kaje", "Angwan Kaje"),
])
def test_spelling_variants_share_a_key(a, b):
    assert name_keys(a) & name_keys(b)


@pytest.mark.parametrize("a,b", [("Gao", "Gaoua"), ("Koro", "Kara"), ("Mali", "Mole"),
                                 # English words keep their th: no village "Tey" or "Te"
                                 ("They", "Tey"), ("the", "Te"), ("Tahoua", "Taoua")])
def test_different_names_keep_different_keys(a, b):
    assert name_key(a) != name_key(b)


def test_a_database_keyed_by_the_old_rules_is_keyed_again_on_opening(tmp_path, monkeypatch):
    """Names imported before a change of the spelling rules are found by the new ones once
    the database is opened by this version (migration 0013); places and events are kept."""
    import sahel_tui.store.db as db_mod

    path = tmp_path / "old.db"
    real = db_mod._migrations()
    before = [m for m in real if m[0] < 13]
    monkeypatch.setattr(db_mod, "_migrations", lambda: before)
    conn = open_store(path)
    import_geonames(conn, [write_dump(tmp_path / "ML.txt", [
        geo_line(1, "Sabere-Peulh", "Sabere Peulh", 14.6, -4.9),
        geo_line(2, "Tallaboye", "", 16.1, -0.2, a1="07")])])
    # the keys the old rules gave ("h" kept, "-ie" kept)
    conn.execute("UPDATE gazetteer_names SET key = replace(replace(key, 'peul', 'peulh'), "
                 "'talaboi', 'talaboie')")
    conn.commit()
    assert not search(conn, "Sabere-Peuhl")
    conn.close()
    monkeypatch.undo()
    conn = open_store(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == real[-1][0]
        assert [p.name for p, _ in search(conn, "Sabere-Peuhl")] == ["Sabere-Peulh"]
        assert [p.name for p, _ in search(conn, "Talaboy")] == ["Tallaboye"]
        assert conn.execute("SELECT count(*) FROM gazetteer_places").fetchone()[0] == 2
    finally:
        conn.close()


def test_a_hyphenated_name_is_also_indexed_as_one_word():
    assert name_keys("Ti-n-Essako") == {"ti n esako", "tinesako"}


def test_admin_names_as_acled_writes_them():
    assert clean_admin_name("Douentza Cercle") == "Douentza"
    assert clean_admin_name("Province du Soum") == "Soum"
    assert clean_admin_name("Borno State") == "Borno"
    assert clean_admin_name("Mopti") == "Mopti"


# ------------------------------------------------------------------------------- GeoNames
def test_geonames_import_with_admin_tables_bom_crlf_and_bad_lines(conn, tmp_path):
    lines = [*ML_LINES, "not\ta\tgeonames\tline", geo_line(9, "Bad", lat="north")]
    dump = write_dump(tmp_path / "ML.txt", lines, bom=True, crlf=True)
    a1 = write_dump(tmp_path / "admin1CodesASCII.txt", ["ML.04\tMopti\tMopti\t1",
                                                        "ML.07\tKoulikoro\tKoulikoro\t9"])
    a2 = write_dump(tmp_path / "admin2Codes.txt", ["ML.04.77\tKoro Cercle\tKoro Cercle\t2"])
    (rep,) = import_geonames(conn, [dump, a1, a2])
    assert (rep.added, rep.merged, rep.skipped) == (8, 0, 2)
    assert rep.problems[0].startswith("ML.txt:9: 4 tab-separated columns")
    assert rep.problems[1].startswith("ML.txt:10: latitude/longitude")
    (p, written), = search(conn, "Dinankourou")
    assert (p.name, p.admin1, p.admin2, p.country, p.source) == (
        "Dinangourou", "Mopti", "Koro", "ML", "ML.txt")
    assert written == "Dinankourou"
    # no admin codes: the nearest place's units, and where they came from
    (p, _), = search(conn, "Sans Codes")
    assert (p.admin1, p.admin2, p.admin_from) == ("Mopti", "Koro", "gn:2")
    # idempotent
    (again,) = import_geonames(conn, [dump, a1, a2])
    assert (again.added, again.merged, again.unchanged) == (0, 0, 8)


def test_admin_names_from_the_dumps_own_rows_and_zip(conn, tmp_path):
    txt = write_dump(tmp_path / "ML.txt", ML_LINES)
    zpath = tmp_path / "ML.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.write(txt, "ML.txt")
        zf.writestr("readme.txt", "not data")
    (rep,) = import_geonames(conn, [zpath])
    assert rep.added == 8 and not rep.problems
    (p, _), = search(conn, "Dinangourou")
    assert (p.admin1, p.admin2) == ("Mopti", "Koro")  # from "Mopti Region", "Koro Cercle"
    assert {p.id for p, _ in search(conn, "Madina")} == {"gn:4", "gn:5"}
    assert search(conn, "Tongo Tongo")[0][0].id == "gn:6"


def test_all_countries_zip_needs_and_honours_countries(conn, tmp_path):
    lines = [*ML_LINES, geo_line(100, "Djibo", cc="BF", a1="12", lat=14.1, lon=-1.6)]
    txt = write_dump(tmp_path / "allCountries.txt", lines)
    zpath = tmp_path / "allCountries.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.write(txt, "allCountries.txt")
    db = tmp_path / "cli.db"
    assert main(["--db", str(db), "gazetteer", "import", str(zpath)]) == 2
    assert main(["--db", str(db), "gazetteer", "import", str(zpath), "--countries", "bf"]) == 0
    c = open_store(db)
    assert [s["countries"] for s in source_summary(c)] == [{"BF": 1}]


def test_osm_layout_without_admin_codes_takes_the_nearest_district(conn, tmp_path):
    # Maiduguri's coordinates: the bundled gazetteer's districts of Borno name its units
    dump = write_dump(tmp_path / "NG.osm2019.txt", [
        geo_line(27565005, "Mainok", "Mainuk", 11.83, 12.67, code="PPL", cc="NG", a1=""),
    ])
    (rep,) = import_geonames(conn, [dump])
    assert rep.inferred_admin == 1
    (p, _), = search(conn, "Mainuk")
    assert p.id == "osm:27565005" and p.source == "NG.osm2019.txt"
    assert p.admin1 == "Borno" and p.admin2 and p.admin_from


# ------------------------------------------------------------------------------- CLI
def test_cli_import_list_and_search(tmp_path, capsys):
    dump = write_dump(tmp_path / "ML.txt", ML_LINES)
    db = str(tmp_path / "c.db")
    assert main(["--db", db, "gazetteer"]) == 0
    assert "No gazetteer imported" in capsys.readouterr().out
    assert main(["--db", db, "gazetteer", "import", str(dump)]) == 0
    out = capsys.readouterr().out
    assert "ML.txt: 8 added, 0 merged, 0 unchanged, 0 skipped (ML 8)" in out
    assert main(["--db", db, "gazetteer", "list"]) == 0
    out = capsys.readouterr().out
    assert "ML.txt  [geonames]  data to 2023-01-02" in out and "8 places" in out
    assert main(["--db", db, "gazetteer", "search", "madina"]) == 0
    out = capsys.readouterr().out
    assert "2 place(s) named 'madina'" in out
    assert "Madina (ML) -- Koro, Mopti -- 14.0500, -3.1000 -- P.PPL -- ML.txt gn:4" in out
    assert main(["--db", db, "gazetteer", "search", "Nowhere"]) == 1
    assert main(["--db", db, "gazetteer", "import", str(tmp_path / "missing.txt")]) == 2


# ------------------------------------------------------------------------------- download
def test_download_is_atomic_resumable_and_conditional(server, tmp_path, capsys):
    body = b"x" * 200_000
    ranges = []

    def dump(req):
        rng = req.header("range")
        ranges.append(rng)
        if rng:
            start = int(rng.split("=")[1].rstrip("-"))
            return Response(206, body[start:], content_type="application/zip",
                            headers={"Content-Range": f"bytes {start}-{len(body) - 1}/{len(body)}"})
        if req.header("if-modified-since"):
            return Response(304, b"")
        return Response(200, body, content_type="application/zip")

    server.route("/dump/ML.zip", dump)
    folder = tmp_path / "geo"
    folder.mkdir()
    (folder / "ML.zip.part").write_bytes(body[:50_000])  # an interrupted download
    files = download_dumps(["ml"], folder, base_url=server.url("/dump"), admin_tables=False)
    assert files == [folder / "ML.zip"]
    assert (folder / "ML.zip").read_bytes() == body and not (folder / "ML.zip.part").exists()
    assert ranges == ["bytes=50000-"]
    download_dumps(["ML"], folder, base_url=server.url("/dump/"), admin_tables=False)
    assert ranges[-1] is None and server.requests_for("/dump/ML.zip")[-1].header(
        "if-modified-since")


def test_download_failure_is_one_message(server, tmp_path, capsys):
    db = str(tmp_path / "d.db")
    assert main(["--db", db, "gazetteer", "download", "ML", "--dir", str(tmp_path),
                 "--base-url", server.url("/none/")]) == 2
    err = capsys.readouterr().err
    assert "ML.zip: HTTP 404" in err and "Traceback" not in err
    assert not list(tmp_path.glob("ML.zip*"))


def test_download_then_import(server, tmp_path, capsys):
    txt = write_dump(tmp_path / "ML.txt", ML_LINES)
    zbytes = tmp_path / "ML.zip"
    with zipfile.ZipFile(zbytes, "w") as zf:
        zf.write(txt, "ML.txt")
    server.route("/d/ML.zip", zbytes.read_bytes(), content_type="application/zip")
    server.route("/d/admin1CodesASCII.txt", b"ML.04\tMopti\tMopti\t1\n", content_type="text/plain")
    server.route("/d/admin2Codes.txt", b"ML.04.77\tKoro Cercle\tKoro\t2\n", content_type="text/plain")
    db = str(tmp_path / "d.db")
    assert main(["--db", db, "gazetteer", "download", "ML", "--dir", str(tmp_path / "dl"),
                 "--base-url", server.url("/d/")]) == 0
    assert "ML.zip: 8 added" in capsys.readouterr().out


# ------------------------------------------------------------------------------- ACLED
ACLED_CSV = (
    "\ufeffevent_id_cnty,event_date,event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,"
    "inter2,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,notes\r\n"
    "MLI1,2020-05-03,Battles,JNIM: Group for Support of Islam and Muslims,,2,"
    "Military Forces of Mali (2021-),Civilians (Mali),1,Mali,Mopti,Koro,Dinangourou,"
    "Dinangourou,14.40,-2.20,2,\"attack, with a comma\"\r\n"
    "MLI2,2020-05-04,Riots,Rioters (Mali),,5,,,0,Mali,Mopti,Koro,Dinangourou,Dinangourou,"
    "14.41,-2.21,1,x\r\n"
    "MLI3,2020-05-05,Riots,Rioters (Mali),,5,,,0,Mali,Mopti,Koro,,,14.41,-2.21,1,no location\r\n"
    "MLI4,2020-05-05,Riots,Rioters (Mali),,Rioters,,,0,Atlantis,X,Y,,Z,1,1,1,bad country\r\n"
    "MLI5,2020-05-05,Battles,Unidentified Armed Group (Mali),Some Local Group;Civilians (Atlantis Mali),3,"
    "Police Forces of Atlantis (2021-),,1,Mali,"
    "Mopti,Bankass,,Sokoura,14.0,-3.5,1,ok\r\n"
)


def test_acled_import_places_and_actors(conn, tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text(ACLED_CSV, encoding="utf-8", newline="")
    user = tmp_path / "cfg"
    lines = import_acled(conn, path, user)
    assert lines[0].startswith("acled:acled.csv: 2 added, 0 merged, 0 unchanged, 2 skipped")
    assert any("acled.csv:4: no location" in x for x in lines)
    assert any("acled.csv:5: unknown country 'Atlantis'" in x for x in lines)
    (p, _), = search(conn, "Dinangourou")
    assert (p.admin1, p.admin2, p.latitude, p.feature_code) == ("Mopti", "Koro", 14.41, "ACLED1")
    actors = tomllib.loads((user / "actors.toml").read_text())["actors"]
    names = {a["name"]: a["type"] for a in actors}
    # a dated state name is the vocabulary's undated actor in that regime period (the
    # export dates it again), not a new actor beside it
    assert not any(n.startswith("Military Forces of Mali") for n in names)
    assert names["Police Forces of Atlantis (2021-)"] == "State forces"  # not known: added
    assert names["Civilians (Atlantis Mali)"] == "Civilians"  # the type is in the name
    assert "Some Local Group" not in names  # type unknown from the name: left out
    # again: nothing new
    again = import_acled(conn, path, user)
    assert again[0].startswith("acled:acled.csv: 0 added, 0 merged, 2 unchanged")
    assert "actors: 0 added" in again[-1]
    assert len(tomllib.loads((user / "actors.toml").read_text())["actors"]) == len(actors)


def test_acled_cli_rejects_a_file_that_is_not_an_export(tmp_path, capsys):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n")
    assert main(["--db", str(tmp_path / "v.db"), "vocab", "import-acled", str(path)]) == 2
    assert "not an ACLED export" in capsys.readouterr().err


def test_a_place_far_from_any_district_takes_only_the_admin1(conn, tmp_path):
    # in the desert of northern Mali: no place with an admin2 within ~55 km
    dump = write_dump(tmp_path / "ML.txt", [
        geo_line(500, "Puits Lointain", "", 21.5, -5.5, a1=""),
    ])
    import_geonames(conn, [dump])
    (p, _), = search(conn, "Puits Lointain")
    assert p.admin1 and p.admin2 == "" and p.admin_from


def test_own_admin1_is_kept_and_only_the_admin2_inferred_on_every_import(conn, tmp_path):
    # a Mali village with its region's code and no cercle, 20 km from a district of
    # another region: it takes the admin2 of its own region's nearest place, never the
    # other region's units -- on the first import, on a re-import and after a neighbour
    # changes; the report says which places got what
    lines = [
        *ML_LINES,
        geo_line(20, "Bord de Region", "", 14.10, -3.00, a1="07"),   # Koulikoro, no admin2
        geo_line(21, "Centre Koulikoro", "", 14.30, -3.20, a1="07", a2="88"),
        geo_line(22, "Koulikoro Cercle", fc="A", code="ADM2", a1="07", a2="88", lat=14.3,
                 lon=-3.2),
        geo_line(23, "Koulikoro Region", fc="A", code="ADM1", a1="07", lat=13.0, lon=-7.0),
        geo_line(24, "Tombouctou Region", fc="A", code="ADM1", a1="08", lat=18.0, lon=-3.0),
    ]
    dump = write_dump(tmp_path / "ML.txt", lines)
    (rep,) = import_geonames(conn, [dump])
    assert rep.inferred_admin == 1  # "Sans Codes": no admin1
    assert rep.inferred_admin2 == 3  # "Bord de Region", the Madina of Koulikoro, Diré
    text = "\n".join(rep.lines())
    assert "had no admin units of their own" in text
    assert "had an admin1 but no admin2" in text
    (p, _), = search(conn, "Bord de Region")
    assert (p.admin1, p.admin2, p.admin_from) == ("Koulikoro", "Koulikoro", "a2:gn:21")
    (again,) = import_geonames(conn, [dump])
    assert (again.added, again.merged, again.inferred_admin, again.inferred_admin2) == (
        0, 0, 0, 0)
    (p, _), = search(conn, "Bord de Region")
    assert (p.admin1, p.admin2) == ("Koulikoro", "Koulikoro")
    # the row changes (new coordinates): its own admin1 still rules
    lines[-5] = geo_line(20, "Bord de Region", "", 14.11, -3.01, a1="07")
    (third,) = import_geonames(conn, [write_dump(tmp_path / "ML.txt", lines)])
    assert third.merged == 1
    (p, _), = search(conn, "Bord de Region")
    assert (p.admin1, p.admin2, p.admin_from) == ("Koulikoro", "Koulikoro", "a2:gn:21")


def test_a_village_of_gao_near_menaka_is_in_the_menaka_region(conn, tmp_path):
    # GeoNames codes the villages of Mali's Ménaka region (carved out of Gao) to Gao: the
    # one whose nearest district is the Ménaka cercle goes to Ménaka, the others stay
    a1 = write_dump(tmp_path / "admin1CodesASCII.txt", ["ML.09\tGao\tGao\t1"])
    lines = [geo_line(700, "Pres de Menaka", "", 15.85, 2.30, a1="09"),
             geo_line(701, "Pres d'Ansongo", "", 15.60, 0.55, a1="09")]
    dump = write_dump(tmp_path / "ML.txt", lines)
    import_geonames(conn, [dump, a1])
    (p, _), = search(conn, "Pres de Menaka")
    assert (p.admin1, p.admin2) == ("Ménaka", "Ménaka")
    (p, _), = search(conn, "Pres d'Ansongo")
    assert (p.admin1, p.admin2) == ("Gao", "Ansongo")
    (again,) = import_geonames(conn, [dump, a1])
    assert (again.unchanged, again.merged) == (2, 0)
