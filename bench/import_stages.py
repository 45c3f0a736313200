"""Where an import's time goes, stage by stage, against the store floor of bench/export.py.

    .venv/bin/python bench/export.py --keep DIR --phases jsonl      # once: the 100k file
    .venv/bin/python bench/import_stages.py DIR [--repeat N]

Imports DIR/events.jsonl (written by bench/export.py from DIR/source.db) into an empty
database in DIR, as ``sahel-tui import`` does, and prints CPU seconds (user + system, of this
process: less sensitive to other load than wall time) of:

- reading the file's bytes, and ``json.loads`` of every line (what any parse costs);
- the check pass import_jsonl makes before writing anything (issue #11: parse every line,
  check values, vocabulary and names); then the second read (parse again, make the rows);
- the whole import, its SQL statements timed by kind (a Connection subclass around
  execute/executemany; "insert events" includes the indexes; the FTS and event_feeds bulk
  statements replay the triggers the import sets aside), the rest being its Python;
- the store floor of bench/export.py (the same rows, prepared beforehand, stored).

Each stage runs ``--repeat`` times (default 1) and the smallest figure is kept.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


SQL: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])


def _kind(sql: str) -> str:
    words = sql.replace("(", " ").split()
    head = words[0].upper()
    if head == "INSERT":
        table = words[words.index("INTO") + 1]
        return f"insert {table}" + (" (bulk: set-aside triggers)" if "SELECT" in words else "")
    if head == "SELECT" and "FROM" in words:
        return f"look up {words[words.index('FROM') + 1]}"
    if head == "PRAGMA":
        return "checkpoint" if "wal_checkpoint" in sql else "pragma"
    return head.lower() if head in ("COMMIT", "BEGIN") else f"other ({head.lower()})"


class TimedConnection(sqlite3.Connection):
    def execute(self, sql, *args):
        t = cpu()
        try:
            return super().execute(sql, *args)
        finally:
            s = SQL[_kind(sql)]
            s[0] += 1
            s[1] += cpu() - t

    def executemany(self, sql, *args):
        t = cpu()
        try:
            return super().executemany(sql, *args)
        finally:
            s = SQL[_kind(sql)]
            s[0] += 1
            s[1] += cpu() - t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    path, source = args.dir / "events.jsonl", args.dir / "source.db"
    if not path.is_file() or not source.is_file():
        ap.error(f"{args.dir}: no events.jsonl and source.db (run bench/export.py --keep first)")
    bob = args.dir / "config-bob-stages"
    os.environ["SAHEL_TUI_CONFIG_DIR"] = str(bob)  # a new analyst: the file's names are new

    connect = sqlite3.connect  # the store's connections, timed
    sqlite3.connect = lambda *a, **k: connect(*a, factory=TimedConnection, **k)
    from export import store_floor  # bench/export.py

    from sahel_tui.exchange import incoming, merge
    from sahel_tui.exchange.definitions import Names
    from sahel_tui.store import open_store

    db = args.dir / "stages.db"

    def fresh() -> sqlite3.Connection:
        shutil.rmtree(bob, ignore_errors=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        return open_store(db)

    def read_bytes() -> None:
        with open(path, "rb") as fh:
            for _ in fh:
                pass

    def parse() -> None:
        with open(path, "rb") as fh:
            for raw in fh:
                json.loads(raw)

    checking = fresh()

    def check_pass() -> None:
        check = incoming.VocabCheck(None)
        names = Names(check.vocab, checking)
        for _ in merge._read(path, hashlib.sha256(), check, build=False, names=names):
            pass

    def second_read() -> None:
        for _ in merge._read(path, None, None):
            pass

    rows: dict[str, float] = {}
    events = 0

    def stage(name: str, fn) -> None:
        best = None
        for _ in range(args.repeat):
            t = cpu()
            fn()
            best = min(best or 1e9, cpu() - t)
        rows[name] = best

    stage("read the file's bytes", read_bytes)
    stage("json.loads of every line", parse)
    stage("check pass (parse, check, names)", check_pass)
    stage("second read (parse, make rows)", second_read)
    best_sql: dict[str, list[float]] = {}
    whole = None
    for _ in range(args.repeat):
        conn = fresh()
        SQL.clear()
        t = cpu()
        events = merge.import_jsonl(conn, path, coder="bench-bob").events_added
        took = cpu() - t
        conn.close()
        if whole is None or took < whole:
            whole, best_sql = took, {k: list(v) for k, v in SQL.items()}
    checking.close()
    floor = min(store_floor(sqlite3.connect(source), args.dir / "floor.db")["cpu_s"]
                for _ in range(args.repeat))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
        Path(f"{args.dir / 'floor.db'}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(bob, ignore_errors=True)

    sql_total = sum(v[1] for v in best_sql.values())
    print(f"{events:,} events, {path.stat().st_size / 1e6:.0f} MB; CPU s (user+sys), best of "
          f"{args.repeat}; load {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'stage':44} {'CPU s':>7} {'x floor':>8}")
    for name, s in rows.items():
        print(f"{name:44} {s:7.2f} {s / floor:8.2f}")
    print(f"{'whole import':44} {whole:7.2f} {whole / floor:8.2f}")
    for kind, (n, s) in sorted(best_sql.items(), key=lambda kv: -kv[1][1]):
        if s >= 0.01:
            print(f"  {'SQL: ' + kind + f' ({n}x)':42} {s:7.2f} {s / floor:8.2f}")
    print(f"  {'SQL, all':42} {sql_total:7.2f} {sql_total / floor:8.2f}")
    print(f"  {'Python (reads, checks, merge)':42} {whole - sql_total:7.2f} "
          f"{(whole - sql_total) / floor:8.2f}")
    print(f"{'store floor (bench/export.py)':44} {floor:7.2f} {1:8.2f}")
    print(f"import = {floor / whole:.2f} x the store floor (target 0.8)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
