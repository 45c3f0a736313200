"""A consistent copy of the live database, for handover: sqlite3's online backup API.

The copy is made in one step (one read transaction on the source), so it is a snapshot even
while the app or a fetch writes: in WAL mode writers are not blocked meanwhile. It is
written next to the target and renamed into place, then checked (PRAGMA quick_check).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sahel_tui.store.db import StoreError, connect
from sahel_tui.store.faults import explain, fault_of


class BackupError(Exception):
    """The copy could not be made; the message says which file and why."""


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: Path
    size: int  # bytes
    items: int
    events: int  # live events
    check: str  # 'ok' or the first problem quick_check found


def backup(source: str | Path, target: str | Path, *, force: bool = False) -> BackupResult:
    source, target = Path(source), Path(target)
    if not source.is_file():
        raise BackupError(f"{source}: no database there to back up")
    if target.exists() and not force:
        raise BackupError(f"{target} exists; use --force to overwrite it")
    try:
        if target.resolve() == source.resolve():
            raise BackupError(f"{target} is the live database itself")
    except OSError:
        pass
    if target.exists() and target.is_dir():
        raise BackupError(f"{target} is a folder")
    tmp = target.with_name(f".{target.name}.part")
    tmp.unlink(missing_ok=True)
    if source.stat().st_size == 0:
        raise BackupError(f"{source}: the file is empty (0 bytes): not a sahel-tui database, "
                          f"nothing to back up")
    try:
        src = connect(source, readonly=True)
        _is_ours(src, source)
    except (sqlite3.Error, StoreError) as exc:
        raise BackupError(_source_problem(source, exc)) from None
    # From here an error may come from either file: reading the source or writing the copy.
    # The copy is a new file of ours, so damage or a lock is the source's; a full disk, a
    # read-only folder or a file that cannot be created is the target's.
    try:
        try:
            dst = sqlite3.connect(tmp, isolation_level=None)
            dst.execute("PRAGMA user_version = 0")  # creates the file: a target problem here
        except sqlite3.Error as exc:
            raise BackupError(_target_problem(target, exc)) from None
        try:
            src.backup(dst)  # pages=-1: the whole database in one step, one snapshot
            check = dst.execute("PRAGMA quick_check").fetchone()[0]
            items = dst.execute("SELECT count(*) FROM items").fetchone()[0]
            events = _live_events(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            dst.close()
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise BackupError(f"{target}: cannot put the copy there ({exc.strerror})") from None
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        kind = fault_of(exc)
        if kind in ("full", "readonly", "cantopen"):
            raise BackupError(_target_problem(target, exc)) from None
        if kind in ("corrupt", "locked"):
            raise BackupError(_source_problem(source, exc)) from None
        raise BackupError(f"backup of {source} to {target} failed ({exc})") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    return BackupResult(target, target.stat().st_size, items, events, check)


def _is_ours(conn: sqlite3.Connection, source: Path) -> None:
    """Refuses a file that opens but is no sahel-tui database (another app's SQLite file),
    before anything is written, naming the source (not the target)."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "items" not in tables or "feeds" not in tables:
        raise StoreError(f"{source}: not a sahel-tui database (it has no items or feeds "
                         f"table){'; it is empty' if not tables else ''}: nothing to back up")


def _source_problem(source: Path, exc: BaseException) -> str:
    if isinstance(exc, StoreError) and not fault_of(exc):
        return str(exc)
    if fault_of(exc) == "corrupt" and "not a database" in str(exc):
        return f"{source}: not a database file ({exc}): nothing to back up"
    if fault_of(exc):
        return explain(exc, source)
    return f"{source}: cannot read it to back it up ({exc})"


def _target_problem(target: Path, exc: BaseException) -> str:
    kind = fault_of(exc)
    if kind == "full":
        return f"{target}: the disk is full: no copy made (the database is unchanged)"
    if kind in ("readonly", "cantopen"):
        folder = target.parent
        why = "does not exist" if not folder.is_dir() else "cannot be written"
        return f"{target}: cannot write the copy there: the folder {folder} {why}"
    return f"{target}: cannot write the copy ({exc})"


def _live_events(conn: sqlite3.Connection) -> int:
    try:
        return conn.execute("SELECT count(*) FROM events WHERE deleted = 0").fetchone()[0]
    except sqlite3.OperationalError:  # a database from before the events migration
        return 0
