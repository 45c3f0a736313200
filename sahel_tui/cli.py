"""Command line: `sahel-tui` opens the app; `fetch` and `feeds` work from scripts and cron.

Bad input ends with one clear message on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys
from pathlib import Path

from sahel_tui import __version__
from sahel_tui.config import Config, ConfigError, append_feeds, config_for_command, load_config
from sahel_tui.store import StoreError


def _common(p: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    p.add_argument("--config", metavar="FILE", default=default,
                   help="feeds.toml to use (default: ./feeds.toml, else the user config)")
    p.add_argument("--db", metavar="FILE", default=default,
                   help="database file (overrides the config's)")
    p.add_argument("--demo", action="store_true", default=argparse.SUPPRESS if suppress else False,
                   help="use the demo database (the bundled demo feeds, offline), apart from "
                        "your own")


def build_parser(extensions: bool = True) -> argparse.ArgumentParser:
    """The whole command line; ``extensions=False`` leaves out the feature packages'
    subcommands (for `fetch` and `feeds`, which never need their imports)."""
    parser = argparse.ArgumentParser(
        prog="sahel-tui",
        description="Keyboard-first triage and coding of Sahel / Lake Chad news feeds.",
    )
    parser.add_argument("--version", action="version", version=f"sahel-tui {__version__}")
    _common(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("fetch", help="fetch every due feed into the database")
    _common(p, suppress=True)
    p.add_argument("--quiet", "-q", action="store_true",
                   help="print nothing unless a feed fails (for cron)")
    p.add_argument("--force", action="store_true",
                   help="also fetch feeds that are waiting (Retry-After) or gone (410)")
    p.add_argument("--feed", action="append", metavar="NAME_OR_URL",
                   help="fetch only this feed (repeatable)")
    p.add_argument("--full-text", action="store_true",
                   help="also fetch the linked articles of every feed's new items "
                        "(without it: only of feeds with full_text = true)")

    p = sub.add_parser("feeds", help="list feeds and their status; import or export OPML")
    _common(p, suppress=True)
    fsub = p.add_subparsers(dest="feeds_command", metavar="ACTION")
    lst = fsub.add_parser("list", help="feeds with their last status (the default)")
    imp = fsub.add_parser("import-opml", help="add the feeds of an OPML file to feeds.toml")
    imp.add_argument("file", help="OPML file")
    imp.add_argument("--reliability", default="F",
                     help="Admiralty reliability letter for the imported feeds (default F)")
    exp = fsub.add_parser("export-opml", help="write feeds.toml's feeds as OPML")
    exp.add_argument("--out", "-o", metavar="FILE", help="output file (default: stdout)")
    for action in (lst, imp, exp):  # `feeds export-opml --config F` works as well
        _common(action, suppress=True)
    p = sub.add_parser("check", help="check the database file for damage (integrity_check); "
                                     "--repair copies what can be read into a new file")
    _common(p, suppress=True)
    p.add_argument("--repair", action="store_true",
                   help="copy every readable row into a new database; the damaged file is kept")
    p.add_argument("--out", "-o", metavar="FILE",
                   help="file for the repaired copy (default: beside it, NAME.recovered-TIME.db)")
    for module in COMMAND_MODULES if extensions else ():
        importlib.import_module(module).register(sub, _common)
    return parser


_BUILT_IN = {"fetch", "feeds", "check"}
_TAKES_VALUE = {"--config", "--db"}


def _command_word(argv: list[str]) -> str | None:
    """The subcommand named in argv (the first word that is not an option or its value)."""
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token in _TAKES_VALUE:
            skip = True
        elif not token.startswith("-"):
            return token
    return None


# Feature packages add their own subcommands: each module has register(subparsers, common)
# which adds parsers with set_defaults(handler=fn); fn(args) -> exit status. Keep these
# modules light at import time: `sahel-tui fetch` from cron pays for every import.
COMMAND_MODULES = [
    "sahel_tui.exchange.commands",  # export, import, backup
    "sahel_tui.analysis.commands",  # stats
    "sahel_tui.gazetteer.commands",  # gazetteer, vocab import-acled
]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # `sahel-tui fetch` runs from cron: it does not pay for the other commands' imports
    args = build_parser(extensions=_command_word(argv) not in _BUILT_IN).parse_args(argv)
    try:
        if getattr(args, "handler", None) is not None:
            status = args.handler(args)
        elif args.command == "fetch":
            status = cmd_fetch(args)
        elif args.command == "feeds":
            status = cmd_feeds(args)
        elif args.command == "check":
            status = cmd_check(args)
        else:
            status = cmd_app(args)
        sys.stdout.flush()  # here, not at exit: a closed pipe is caught below
        return status
    except (ConfigError, StoreError) as exc:
        print(f"sahel-tui: {exc}", file=sys.stderr)
        return 2
    except sqlite3.Error as exc:  # a full disk, a lock, a damaged file: said, not traced
        from sahel_tui.store.faults import explain

        print(f"sahel-tui: {explain(exc, _db_named(args))}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return _reader_left()
    except KeyboardInterrupt:
        return 130


def _reader_left() -> int:
    """`sahel-tui feeds | head`: the reader closed the pipe. Not an error of ours; the rest
    of the output goes nowhere (else Python complains again when it flushes at exit)."""
    import contextlib
    import os

    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _db_named(args) -> str | None:
    """The database a failed command was using, for its message."""
    if getattr(args, "db", None):
        return args.db
    try:
        return str(config_for_command(args).settings.database)
    except Exception:  # the message is still useful without the file name
        return None


def cmd_fetch(args) -> int:
    from sahel_tui.ingest.sync import sync

    config = config_for_command(args)
    if getattr(args, "demo", False):
        from sahel_tui.demo import adopt_moved_feeds

        adopt_moved_feeds(config)
    if not config.enabled_feeds:
        from sahel_tui.config import no_feeds_message

        print(f"sahel-tui: {no_feeds_message(config)}", file=sys.stderr)
        return 1
    tty = sys.stderr.isatty() and not args.quiet
    if tty:
        report = _fetch_with_bar(config, args)
    else:
        report = sync(config, force=args.force, only=args.feed)
    for o in report.failed:
        print(f"sahel-tui: {o.line()}", file=sys.stderr)
    if report.fault:
        print(f"sahel-tui: {report.fault}", file=sys.stderr)
    if not args.quiet or report.failed:
        print(f"fetched {report.summary()} -> {config.settings.database}")
    if args.full_text or config.full_text_urls():
        _fetch_articles(config, args, tty)
    return 1 if report.nothing_fetched else 0


def _fetch_articles(config: Config, args, tty: bool) -> None:
    """After the feeds: the articles of their new items (their failures are stored with
    the item, shown in the app; from cron only the summary is printed, and not with -q)."""
    from sahel_tui.ingest.fulltext import fetch_articles

    every = bool(args.full_text)
    if tty:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        with Progress(TextColumn("articles"), BarColumn(), MofNCompleteColumn(),
                      console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("", total=None)

            def progress(outcome, done, total):
                bar.update(task, completed=done, total=total)

            report = fetch_articles(config, every_feed=every, progress=progress)
    else:
        report = fetch_articles(config, every_feed=every)
    if not args.quiet:
        for o in report.failed[:20]:
            print(f"sahel-tui: article of {o.line()}", file=sys.stderr)
        print(f"articles: {report.summary()}")


def _fetch_with_bar(config: Config, args):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from sahel_tui.ingest.sync import sync

    console = Console(stderr=True)
    columns = (TextColumn("fetching"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.description}"))
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("", total=len(config.enabled_feeds))

        def progress(outcome, done, total):
            bar.update(task, completed=done, total=total, description=outcome.name[:40])

        return sync(config, force=args.force, only=args.feed, progress=progress)


def cmd_check(args) -> int:
    """integrity_check of the database; with --repair, a new file with every readable row."""
    import shutil

    from sahel_tui.store.repair import check, repair

    db = config_for_command(args).settings.database
    result = check(db)
    if result.ok:
        print(f"{db}: ok (integrity_check found no problem)"
              + ("; nothing to repair" if args.repair else ""))
        return 0
    print(f"{db}: damaged. SQLite's integrity_check says:")
    for problem in result.problems[:10]:
        print(f"  {problem}")
    if len(result.problems) > 10:
        print("  ... and more")
    if not args.repair:
        print("Stop writing to it (close the app, pause cron fetches). `sahel-tui check --repair` "
              "copies every row that can still be read into a new file and leaves this one as "
              "it is; `sahel-tui backup FILE` keeps a copy of it as it is now.")
        return 1
    r = repair(db, args.out)
    print(f"recovered into {r.target}:")
    for table, n in r.copied.items():
        k = r.damaged.get(table, 0)
        lost = f"  ({k} damaged stretch{'es' if k > 1 else ''} skipped)" if k else ""
        print(f"  {table:20} {n:8} rows{lost}")
    for table in r.unreadable:
        print(f"  {table:20} unreadable")
    print(f"The new file checks {r.check}. The damaged file {db} is unchanged. To use the "
          f"recovered one, move the damaged file aside and put {r.target.name} in its place, "
          f"or open it with --db {r.target}.")
    if shutil.which("sqlite3"):
        print(f"Rows SQLite can no longer reach may still be found with: "
              f"sqlite3 {db} .recover > recovered.sql")
    return 0 if r.check == "ok" else 1


def cmd_feeds(args) -> int:
    action = args.feeds_command or "list"
    if action == "import-opml":
        return _import_opml(args)
    config = config_for_command(args)
    if action == "export-opml":
        from sahel_tui.opml import write_opml

        text = write_opml(config.feeds)
        if args.out:
            Path(args.out).write_text(text, encoding="utf-8")
            print(f"wrote {len(config.feeds)} feeds to {args.out}", file=sys.stderr)
        else:
            sys.stdout.write(text)
        return 0
    return _list_feeds(config)


def _import_opml(args) -> int:
    from dataclasses import replace

    from sahel_tui.config import RELIABILITY, find_config
    from sahel_tui.opml import OpmlError, read_opml

    letter = args.reliability.upper()
    if len(letter) != 1 or letter not in RELIABILITY:
        print(f"sahel-tui: --reliability must be a letter A-F, not {args.reliability!r}",
              file=sys.stderr)
        return 2
    try:
        result = read_opml(args.file)
    except OpmlError as exc:
        print(f"sahel-tui: {exc}", file=sys.stderr)
        return 2
    for w in result.warnings:
        print(f"sahel-tui: warning: {w}", file=sys.stderr)
    cfg_path = find_config(args.config)
    existing = load_config(cfg_path).feeds if cfg_path.exists() else []
    known = {f.url for f in existing}
    new = [replace(f, reliability=letter) for f in result.feeds if f.url not in known]
    if new:
        append_feeds(cfg_path, new)
    print(f"imported {len(new)} feeds into {cfg_path} "
          f"({len(result.feeds) - len(new)} already there)")
    return 0


def _list_feeds(config: Config) -> int:
    from sahel_tui.store.db import is_readonly, open_to_read
    from sahel_tui.store.feeds import all_feeds, sync_feeds

    conn = open_to_read(config.settings.database)
    if is_readonly(conn):
        print(f"sahel-tui: {config.settings.database} is read-only: the list is as last "
              f"stored (feeds.toml changes not applied)", file=sys.stderr)
    else:
        sync_feeds(conn, config.feeds)
    rows = all_feeds(conn)
    for r in rows:
        state = ("disabled" if not r["enabled"] else "gone" if r["dead"]
                 else "error" if r["last_error"] and r["error_count"] else
                 "never" if not r["last_fetch_at"] else "ok")
        last = (r["last_fetch_at"] or "-").replace("T", " ").rstrip("Z")
        line = f"{state:8} {r['items']:6} items  {last:19}  {r['name']}"
        if r["last_error"]:
            line += f"  -- {r['last_error']}"
        print(line)
    conn.close()
    return 0


def cmd_app(args) -> int:
    config = config_for_command(args)
    if args.demo:
        from sahel_tui.demo import adopt_moved_feeds
        from sahel_tui.ingest.sync import sync

        adopt_moved_feeds(config)
        report = sync(config)
        if report.failed:
            for o in report.failed:
                print(f"sahel-tui: {o.line()}", file=sys.stderr)
    from sahel_tui.ui.app import SahelApp

    app = SahelApp(config, demo=args.demo)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    raise SystemExit(main())
