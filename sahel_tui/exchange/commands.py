"""Subcommands of this package, registered into the CLI (see sahel_tui.cli.COMMAND_MODULES).

    sahel-tui export [--format csv|jsonl|geojson] [--query Q] [--out FILE] [--items] [--bom]
    sahel-tui import FILE.jsonl
    sahel-tui conflicts [list [--all]] | conflicts resolve ID --keep local|theirs|both
    sahel-tui backup FILE [--force]

Kept light at import time: the work is imported inside the handlers.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys


def register(sub, common) -> None:
    """Add this package's subcommands to ``sub`` (argparse subparsers)."""
    p = sub.add_parser("export", help="write coded events as ACLED CSV, JSONL or GeoJSON",
                       description="Export the live events of the items a query selects.")
    common(p, suppress=True)
    p.add_argument("--format", "-f", metavar="FORMAT",
                   help="csv (ACLED columns), jsonl (exchange format) or geojson; "
                        "default: from --out's extension, else csv")
    p.add_argument("--query", "-q", metavar="Q", default="",
                   help="items to export, in the app's query language (default: all)")
    p.add_argument("--out", "-o", metavar="FILE", help="output file (default: stdout)")
    p.add_argument("--items", action="store_true",
                   help="export the items (also uncoded ones) as a reading list instead")
    p.add_argument("--bom", action="store_true",
                   help="start the file with a UTF-8 BOM (for some spreadsheets)")
    p.add_argument("--coder", metavar="NAME", help="analyst named in the provenance")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("import", help="merge another analyst's JSONL export into this database")
    common(p, suppress=True)
    p.add_argument("file", metavar="FILE.jsonl")
    p.add_argument("--coder", metavar="NAME", help="analyst doing the import")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("conflicts", help="list or resolve codings that differ after an import")
    common(p, suppress=True)
    p.add_argument("--all", action="store_true", help="include resolved conflicts")
    p.set_defaults(handler=cmd_conflicts)
    csub = p.add_subparsers(dest="conflicts_command", metavar="ACTION")
    lst = csub.add_parser("list", help="open conflicts (the default)")
    lst.add_argument("--all", action="store_true", default=argparse.SUPPRESS,
                     help="include resolved conflicts")
    res = csub.add_parser("resolve", help="keep local, theirs or both (undoable)")
    res.add_argument("id", type=int, metavar="ID")
    res.add_argument("--keep", required=True, metavar="local|theirs|both")
    res.add_argument("--coder", metavar="NAME", help="analyst resolving")
    for action in (lst, res):
        common(action, suppress=True)

    p = sub.add_parser("backup", help="consistent copy of the database, even while it is in use")
    common(p, suppress=True)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p.set_defaults(handler=cmd_backup)


def _fail(message: str) -> int:
    print(f"sahel-tui: {message}", file=sys.stderr)
    return 2


def _config(args):
    from sahel_tui.config import config_for_command

    return config_for_command(args)


def _demo_hint(args) -> str:
    from sahel_tui.config import demo_hint

    return demo_hint(args)


def _open(args, must_exist: bool = True, write: bool = False):
    from sahel_tui.store.db import open_store, open_to_read

    db = _config(args).settings.database
    if must_exist and not db.exists():
        return None, f"{db}: no database yet (fetch or import first){_demo_hint(args)}"
    return (open_store(db) if write else open_to_read(db)), None


def cmd_export(args) -> int:
    from sahel_tui.exchange.export import FORMATS, export, format_for
    from sahel_tui.store.query import QueryError, parse

    fmt = (args.format or format_for(args.out)).lower()
    if fmt not in FORMATS:
        return _fail(f"export: unknown --format {args.format!r} (use csv, jsonl or geojson)")
    if args.items and fmt == "geojson":
        return _fail("export: items have no coordinates; --items exports csv or jsonl")
    try:
        q = parse(args.query)
    except QueryError as exc:
        pointer = " " * (len("  --query ") + exc.position) + "^" * exc.length
        return _fail(f"export: bad --query: {exc}\n  --query {args.query}\n{pointer}")
    conn, error = _open(args)
    if conn is None:
        return _fail(f"export: {error}")
    try:
        out = args.out if args.out and args.out != "-" else sys.stdout
        result = export(conn, q, fmt, out, items=args.items, bom=args.bom, coder=args.coder)
    except BrokenPipeError:  # `export | head`: the reader has what it wanted (cli.main)
        raise
    except OSError as exc:
        return _fail(f"export: {args.out}: {exc.strerror or exc}")
    finally:
        conn.close()
    for w in result.warnings:
        print(f"sahel-tui: warning: {w}", file=sys.stderr)
    what = "items" if args.items else "events"
    print(f"exported {result.count} {what} as {fmt}"
          + (f" to {result.path}" if result.path else ""), file=sys.stderr)
    return 0


def cmd_import(args) -> int:
    from pathlib import Path

    from sahel_tui.exchange.jsonl import ExchangeError
    from sahel_tui.exchange.merge import import_jsonl

    path = Path(args.file)
    if path.is_dir():
        return _fail(f"import: {path}: is a folder; give the .jsonl file to import")
    if not path.is_file():
        return _fail(f"import: {path}: no such file")
    conn, _ = _open(args, must_exist=False, write=True)
    stored = [0]
    try:
        result = import_jsonl(conn, path, coder=args.coder,
                              progress=lambda n: stored.__setitem__(0, n))
    except ExchangeError as exc:
        return _fail(f"import: {exc}; nothing was imported")
    except sqlite3.Error:  # a full disk, a damaged file: main() names it; say what is kept
        if stored[0]:
            print(f"import: {stored[0]} of the file's events were stored before it stopped; "
                  f"import {path} again once that is fixed: what was stored is found, the "
                  f"rest added", file=sys.stderr)
        raise
    finally:
        conn.close()
    print(f"imported {path}: {result.summary()}")
    if result.conflicts:
        print(f"{len(result.conflicts)} items are coded differently here and in {path.name}; "
              f"both codings are kept: see `sahel-tui conflicts`")
    return 0


def cmd_conflicts(args) -> int:
    from sahel_tui.exchange.conflicts import (
        KEEP,
        ConflictError,
        get_conflict,
        list_conflicts,
        resolve_conflict,
    )
    from sahel_tui.store.decisions import default_coder

    args.conflicts_command = args.conflicts_command or "list"
    if args.conflicts_command == "resolve" and args.keep not in KEEP:
        return _fail(f"conflicts resolve: --keep must be local, theirs or both (not {args.keep!r})")
    conn, error = _open(args, write=args.conflicts_command == "resolve")
    if conn is None:
        return _fail(f"conflicts: {error}")
    try:
        if args.conflicts_command == "resolve":
            try:
                batch = resolve_conflict(conn, args.id, args.keep, args.coder or default_coder())
            except ConflictError as exc:
                return _fail(f"conflicts resolve: {exc}")
            print(f"conflict {args.id}: kept {args.keep} (decision {batch}; undo in the app "
                  f"takes it back)")
            c = get_conflict(conn, args.id)
            _print_conflict(c)
            return 0
        conflicts = list_conflicts(conn, include_resolved=args.all)
        if not conflicts:
            print("no open conflicts" if not args.all else "no conflicts")
            return 0
        for c in conflicts:
            _print_conflict(c)
        return 0
    finally:
        conn.close()


def _print_conflict(c) -> None:
    state = "open" if c.open else f"resolved: kept {c.resolution}"
    print(f"#{c.id}  item {c.item_id}  {c.item_title!r}  (from {c.origin or '?'}; {state})")
    for label, codings in (("local ", c.local), ("theirs", c.theirs)):
        for k in codings:
            print(f"    {label}  {k.short}{'  (removed)' if k.deleted else ''}")


def cmd_backup(args) -> int:
    from sahel_tui.ingest.fetch import human_size
    from sahel_tui.store.backup import BackupError, backup

    db = _config(args).settings.database
    try:
        r = backup(db, args.file, force=args.force)
    except BackupError as exc:
        return _fail(f"backup: {exc}")
    if r.check != "ok":
        lines = [x for x in r.check.splitlines() if x.strip() and not x.startswith("***")]
        first = lines[0] if lines else "?"  # "*** in database main ***" is only a heading
        return _fail(f"backup: {db} is damaged ({first}); {r.path} is a copy of it as it is, "
                     f"damaged the same way. Run `sahel-tui check --repair` to recover what "
                     f"can be read into a new file")
    print(f"backed up {db} to {r.path}: {human_size(r.size)}, {r.items} items, "
          f"{r.events} events (check: ok)")
    return 0
