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
    try:
        src = connect(source, readonly=True)
    except (sqlite3.Error, StoreError) as exc:
        raise BackupError(f"{source}: cannot open ({exc})") from None
    try:
        dst = sqlite3.connect(tmp, isolation_level=None)
        try:
            src.backup(dst)  # pages=-1: the whole database in one step, one snapshot
            check = dst.execute("PRAGMA quick_check").fetchone()[0]
            items = dst.execute("SELECT count(*) FROM items").fetchone()[0]
            events = _live_events(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            dst.close()
        os.replace(tmp, target)
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"{target}: backup failed ({exc})") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    return BackupResult(target, target.stat().st_size, items, events, check)


def _live_events(conn: sqlite3.Connection) -> int:
    try:
        return conn.execute("SELECT count(*) FROM events WHERE deleted = 0").fetchone()[0]
    except sqlite3.OperationalError:  # a database from before the events migration
        return 0
