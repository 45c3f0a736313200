"""Subcommands of the gazetteer (registered into the CLI, see sahel_tui.cli.COMMAND_MODULES).

    sahel-tui gazetteer                       sources, places per country, dates
    sahel-tui gazetteer import FILE... [--countries ML,BF] [--kind geonames|osm]
    sahel-tui gazetteer download ML BF NE [--dir DIR] [--base-url URL] [--no-import]
    sahel-tui gazetteer search NAME [--countries ML,BF]
    sahel-tui vocab import-acled FILE.csv
    sahel-tui vocab imported                  actors and places imports added, with their file

Kept light at import time: the work is imported inside the handlers.
"""

from __future__ import annotations

import sys
from pathlib import Path


def register(sub, common) -> None:
    p = sub.add_parser("gazetteer", help="import, download and search village-level place names",
                       description="The analyst's gazetteer: GeoNames dumps (or OSM place "
                                   "points in the same layout) and ACLED exports.")
    common(p, suppress=True)
    p.set_defaults(handler=cmd_gazetteer, gazetteer_command=None)
    gsub = p.add_subparsers(dest="gazetteer_command", metavar="ACTION")

    lst = gsub.add_parser("list", help="sources, places per country and dates (the default)")
    imp = gsub.add_parser("import", help="import GeoNames dumps (XX.txt, XX.zip, allCountries.zip) "
                          "and admin1CodesASCII.txt / admin2Codes.txt")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--countries", metavar="CC,CC",
                     help="only these countries (needed for allCountries.zip)")
    imp.add_argument("--kind", choices=("geonames", "osm"),
                     help="what the files are (default: osm when the file name says so)")
    dl = gsub.add_parser("download", help="fetch GeoNames country dumps and import them")
    dl.add_argument("countries", nargs="+", metavar="CC")
    dl.add_argument("--dir", metavar="DIR", help="where to keep the files (default: the "
                    "user data folder's geonames/)")
    dl.add_argument("--base-url", metavar="URL", help="GeoNames dump folder "
                    "(default: the settings' gazetteer_url or GeoNames' own)")
    dl.add_argument("--no-import", action="store_true", help="only download")
    se = gsub.add_parser("search", help="every place of a name, with admin units and source")
    se.add_argument("name", metavar="NAME")
    se.add_argument("--countries", metavar="CC,CC", help="only these countries")
    se.add_argument("--limit", type=int, default=50, metavar="N")
    for action in (lst, imp, dl, se):
        common(action, suppress=True)

    v = sub.add_parser("vocab", help="extend the vocabularies from the analyst's own files")
    common(v, suppress=True)
    vsub = v.add_subparsers(dest="vocab_command", metavar="ACTION", required=True)
    ia = vsub.add_parser("import-acled", help="places and actors of an ACLED CSV export")
    ia.add_argument("file", metavar="FILE.csv")
    ia.add_argument("--places-only", action="store_true", help="do not add actors")
    common(ia, suppress=True)
    im = vsub.add_parser("imported", help="actors and places added by imports (`sahel-tui "
                         "import`, `vocab import-acled`), with the file each came from")
    common(im, suppress=True)
    v.set_defaults(handler=cmd_vocab)


def _fail(message: str) -> int:
    print(f"sahel-tui: {message}", file=sys.stderr)
    return 2


def _open(args):
    from sahel_tui.config import config_for_command
    from sahel_tui.store import open_store

    return open_store(config_for_command(args).settings.database)


def _countries(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def cmd_gazetteer(args) -> int:
    action = args.gazetteer_command or "list"
    if action == "import":
        return _cmd_import(args)
    if action == "download":
        return _cmd_download(args)
    if action == "search":
        return _cmd_search(args)
    return _cmd_list(args)


def _cmd_list(args) -> int:
    from .store import source_summary

    conn = _open(args)
    rows = source_summary(conn)
    if not rows:
        print("No gazetteer imported: the bundled one (towns and districts) is used.\n"
              "Bring in village names with `sahel-tui gazetteer download ML BF NE` or "
              "`sahel-tui gazetteer import ML.zip`.")
        return 0
    for r in rows:
        cc = ", ".join(f"{c} {n:,}" for c, n in r["countries"].items())
        print(f"{r['name']}  [{r['kind']}]  data to {r['data_date'] or '?'}, imported "
              f"{r['imported_at']}\n  {sum(r['countries'].values()):,} places, "
              f"{r['names']:,} names: {cc}")
    return 0


def _print_reports(reports) -> None:
    for rep in reports:
        for line in rep.lines():
            print(line)


def _cmd_import(args) -> int:
    from .store import import_geonames

    files = [Path(f) for f in args.files]
    for f in files:
        if not f.is_file():
            return _fail(f"{f}: no such file")
    countries = _countries(args.countries)
    if any(f.name.lower().startswith("allcountries") for f in files) and not countries:
        return _fail("allCountries needs --countries (e.g. --countries ML,BF,NE,NG,TD)")
    conn = _open(args)
    try:
        reports = import_geonames(conn, files, countries=countries, kind=args.kind)
    except (OSError, ValueError) as exc:  # a zip that is not one, an unreadable file
        return _fail(f"{exc}")
    _print_reports(reports)
    return 0


def _cmd_download(args) -> int:
    from sahel_tui import paths

    from .download import DEFAULT_BASE_URL, DownloadError, download_dumps

    countries = [c.upper() for c in args.countries]
    folder = Path(args.dir) if args.dir else paths.user_data_dir() / "geonames"
    from sahel_tui.config import config_for_command

    base = args.base_url or config_for_command(args).settings.gazetteer_url or DEFAULT_BASE_URL
    try:
        files = download_dumps(countries, folder, base_url=base, progress=sys.stderr)
    except DownloadError as exc:
        return _fail(str(exc))
    if args.no_import:
        for f in files:
            print(f)
        return 0
    from .store import import_geonames

    conn = _open(args)
    _print_reports(import_geonames(conn, files))
    return 0


def _cmd_search(args) -> int:
    from .store import search

    conn = _open(args)
    hits = search(conn, args.name, _countries(args.countries))
    if not hits:
        print(f"No place named {args.name!r} in the imported gazetteer.")
        return 1
    print(f"{len(hits)} place(s) named {args.name!r}:")
    for p, written in hits[: args.limit]:
        admin = ", ".join(x for x in (p.admin2, p.admin1) if x) or "no admin units"
        if p.admin_from.startswith("a2:"):
            admin += f" (admin2 from nearest: {p.admin_from[3:]})"
        elif p.admin_from:
            admin += f" (from nearest: {p.admin_from})"
        coords = (f"{p.latitude:.4f}, {p.longitude:.4f}" if p.latitude is not None else "no coords")
        also = f"  as {written!r}" if written != p.name else ""
        pop = f"  pop {p.population:,}" if p.population else ""
        print(f"  {p.name} ({p.country}) -- {admin} -- {coords} -- {p.feature_class}."
              f"{p.feature_code}{pop} -- {p.source} {p.id}{also}")
    if len(hits) > args.limit:
        print(f"  ... {len(hits) - args.limit} more (--limit)")
    return 0


def cmd_vocab(args) -> int:
    if args.vocab_command == "imported":
        return _cmd_imported(args)
    from .acled import AcledError, import_acled

    path = Path(args.file)
    if not path.is_file():
        return _fail(f"{path}: no such file")
    from sahel_tui import paths

    conn = _open(args)
    try:
        lines = import_acled(conn, path, paths.user_config_dir(),
                             actors=not args.places_only)
    except AcledError as exc:
        return _fail(str(exc))
    for line in lines:
        print(line)
    return 0


def _cmd_imported(args) -> int:
    """The actors (actors.toml entries with an ``import:`` or ``acled:`` id) and the places
    (gazetteer sources of kind import; acled sources counted) that imports added."""
    from sahel_tui import paths
    from sahel_tui.vocab import VocabError, load_vocab

    try:
        vocab = load_vocab(paths.user_config_dir())
    except VocabError as exc:
        return _fail(str(exc))
    actors = [a for a in vocab.actors.values() if a.id.startswith(("import:", "acled:"))]
    print(f"{len(actors)} imported actor{'s' if len(actors) != 1 else ''} "
          f"(in {paths.user_config_dir() / 'actors.toml'})")
    for a in actors:
        print(f"  {a.name}  [{a.type}{', ' + a.country if a.country else ''}]  "
              f"{a.note or 'from an ACLED export'}  ({a.id})")
    conn = _open(args)
    try:
        rows = conn.execute(
            "SELECT s.name, s.kind, p.name, p.country, p.admin1, p.latitude, p.longitude, p.id "
            "FROM gazetteer_places p JOIN gazetteer_sources s ON s.id = p.source_id "
            "WHERE s.kind = 'import' ORDER BY s.name, p.country, p.name").fetchall()
        acled = conn.execute(
            "SELECT s.name, count(*) FROM gazetteer_places p JOIN gazetteer_sources s "
            "ON s.id = p.source_id WHERE s.kind = 'acled' GROUP BY s.name ORDER BY s.name"
        ).fetchall()
    finally:
        conn.close()
    print(f"{len(rows)} imported place{'s' if len(rows) != 1 else ''} (in the gazetteer)")
    for source, _kind, name, cc, admin1, lat, lon, pid in rows:
        where = f"{admin1}, {cc}" if admin1 else cc
        print(f"  {name}  [{where}; {lat:.4f}, {lon:.4f}]  from {source[len('import:'):]}  "
              f"({pid})")
    for source, n in acled:
        print(f"  {n:,} places from the ACLED export {source[len('acled:'):]} "
              f"(`sahel-tui gazetteer search NAME` shows them)")
    return 0
