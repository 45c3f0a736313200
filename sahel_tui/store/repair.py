"""`sahel-tui check [--repair]`: is the database file sound, and if not, save what can be saved.

check() runs SQLite's integrity_check on a read-only connection. repair() never touches
the damaged file: it creates a new database with the current schema and copies every row
it can still read into it, table by table, in rowid order. Where a damaged page stops a
scan, the scan jumps ahead and goes on, so one bad page costs the rows on it, not the
table. The full-text indexes and the derived tables are rebuilt by the new file's own
triggers. (Rows SQLite can no longer reach through its b-trees at all can sometimes be
found by the sqlite3 shell's `.recover`; the message says so.)
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sahel_tui.store.db import SCHEMA_VERSION, StoreError, connect, open_store, rollback

BATCH = 500


@dataclass
class CheckResult:
    path: Path
    problems: list[str]  # empty when sound

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class RepairResult:
    source: Path
    target: Path
    copied: dict[str, int] = field(default_factory=dict)  # table -> rows saved
    damaged: dict[str, int] = field(default_factory=dict)  # table -> unreadable stretches
    unreadable: list[str] = field(default_factory=list)  # tables not read at all
    check: str = ""  # the new file's quick_check


def check(path: str | Path, limit: int = 20) -> CheckResult:
    """integrity_check of the file (read-only). Problems as SQLite words them, at most
    ``limit`` of them."""
    p = Path(path)
    if not p.exists():
        raise StoreError(f"{p}: no such database")
    try:
        conn = connect(p, readonly=True)
    except sqlite3.DatabaseError as exc:
        return CheckResult(p, [str(exc)])
    try:
        rows = conn.execute(f"PRAGMA integrity_check({int(limit)})").fetchall()
        problems = [r[0] for r in rows if r[0] != "ok"]
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    finally:
        conn.close()
    return CheckResult(p, problems)


def default_target(path: str | Path) -> Path:
    p = Path(path)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return p.with_name(f"{p.stem}.recovered-{stamp}{p.suffix or '.db'}")


def repair(path: str | Path, target: str | Path | None = None) -> RepairResult:
    """Copy every readable row of the database at ``path`` into a new file (``target``,
    default beside it, named .recovered-<time>). The damaged file is left as it is."""
    src_path = Path(path)
    dst_path = Path(target) if target else default_target(src_path)
    if dst_path.exists():
        raise StoreError(f"{dst_path}: already exists; name another file with --out")
    try:
        src = connect(src_path, readonly=True)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{src_path}: cannot be opened at all ({exc}); try the sqlite3 "
                         f"shell's .recover") from None
    try:
        version = _read_or(src, "PRAGMA user_version", 0)
        if version > SCHEMA_VERSION:
            raise StoreError(f"{src_path}: made by a newer sahel-tui (schema {version}); "
                             f"repair it with that version")
        tables = _tables(src)
        dst = open_store(dst_path)
        result = RepairResult(src_path, dst_path)
        try:
            dst.execute("PRAGMA foreign_keys = OFF")  # keep rows whose parent was lost
            dst_tables = set(_tables(dst))
            for name in tables:
                if name not in dst_tables:
                    continue
                common = [c for c in _columns(src, name) if c in _columns(dst, name)]
                if not common:
                    result.unreadable.append(name)
                    continue
                copied, gaps = _copy_table(src, dst, name, common)
                result.copied[name] = copied
                if gaps:
                    result.damaged[name] = gaps
            _copy_sequences(src, dst)
            result.check = dst.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            dst.close()
    finally:
        src.close()
    return result


def _read_or(conn: sqlite3.Connection, sql: str, default):
    try:
        row = conn.execute(sql).fetchone()
        return row[0] if row else default
    except sqlite3.DatabaseError:
        return default


def _tables(conn: sqlite3.Connection) -> list[str]:
    """Ordinary tables in creation order (parents before children), without the
    full-text tables and their shadows (rebuilt by triggers) or SQLite's own."""
    try:
        rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                            "ORDER BY rowid").fetchall()
    except sqlite3.DatabaseError:
        return []
    virtual = [r[0] for r in rows if (r[1] or "").upper().startswith("CREATE VIRTUAL")]
    out = []
    for name, _sql in rows:
        if name.startswith("sqlite_") or name in virtual:
            continue
        if any(name.startswith(v + "_") for v in virtual):
            continue  # fts shadow tables
        out.append(name)
    return out


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    try:
        return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
    except sqlite3.DatabaseError:
        return []


def _copy_table(src, dst, table: str, columns: list[str]) -> tuple[int, int]:
    """(rows copied, damaged stretches skipped). Reads in rowid order; a read that fails
    is retried further on, the jump doubling each time, until the end of the table."""
    cols = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    sql = _read_or(src, f"SELECT sql FROM sqlite_master WHERE name = '{table}'", "") or ""
    if "WITHOUT ROWID" in sql.upper():
        return _copy_plain(src, dst, table, cols, marks)
    insert = f'INSERT OR IGNORE INTO "{table}" (rowid, {cols}) VALUES (?, {marks})'
    select = f'SELECT rowid, {cols} FROM "{table}" WHERE rowid > ? ORDER BY rowid LIMIT {BATCH}'
    top = _read_or(src, f'SELECT max(rowid) FROM "{table}"', None)
    top = top if isinstance(top, int) else 1 << 40
    after, copied, gaps, jump = -(1 << 63), 0, 0, 1
    dst.execute("BEGIN")
    try:
        while True:
            rows: list = []
            failed = False
            try:
                for row in src.execute(select, (after,)):
                    rows.append(tuple(row))
            except sqlite3.DatabaseError:
                failed = True
            if rows:
                dst.executemany(insert, rows)
                copied += len(rows)
                after = rows[-1][0]
            if not failed:
                if len(rows) < BATCH:
                    break
                jump = 1
                continue
            if rows:
                jump = 1  # a new bad stretch starts after the last good row
            if jump == 1:
                gaps += 1
            if after >= top:
                break
            after = max(after, 0) + jump
            jump *= 2
        dst.execute("COMMIT")
    except BaseException:
        rollback(dst)
        raise
    return copied, gaps


def _copy_plain(src, dst, table: str, cols: str, marks: str) -> tuple[int, int]:
    """A table without rowids (derived ones, here): read straight through, up to the first
    damaged page."""
    copied, gaps = 0, 0
    dst.execute("BEGIN")
    try:
        try:
            batch = []
            for row in src.execute(f'SELECT {cols} FROM "{table}"'):
                batch.append(tuple(row))
                if len(batch) >= BATCH:
                    dst.executemany(f'INSERT OR IGNORE INTO "{table}" ({cols}) VALUES ({marks})',
                                    batch)
                    copied += len(batch)
                    batch = []
        except sqlite3.DatabaseError:
            gaps = 1
        dst.executemany(f'INSERT OR IGNORE INTO "{table}" ({cols}) VALUES ({marks})', batch)
        copied += len(batch)
        dst.execute("COMMIT")
    except BaseException:
        rollback(dst)
        raise
    return copied, gaps


def _copy_sequences(src, dst) -> None:
    """AUTOINCREMENT counters: ids used in the old file are never handed out again."""
    try:
        rows = src.execute("SELECT name, seq FROM sqlite_sequence").fetchall()
    except sqlite3.DatabaseError:
        return
    for name, seq in rows:
        dst.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", (seq, name))
