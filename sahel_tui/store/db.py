"""Opening the database: WAL, busy timeout, numbered migrations.

Migrations are files in ``migrations/`` named ``NNNN_what.sql`` (or ``.py`` with a
``migrate(conn)`` function), applied in order inside one transaction each, and recorded in
``PRAGMA user_version``. A database made by an older version is upgraded when opened; one
made by a newer version is refused rather than damaged.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import sqlite3
import time
import unicodedata
from pathlib import Path

BUSY_TIMEOUT_MS = 10_000
# Plain files beside this module (importlib.resources costs ~3 ms of imports at start-up).
_MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_MIGRATION_RE = re.compile(r"^(\d{4})_[a-z0-9_]+\.(sql|py)$")


_FUNCTIONS: dict[str, tuple[int, object]] = {}


def register_function(name: str, n_args: int, fn) -> None:
    """An SQL function every connection gets (deterministic), e.g. the events' codes."""
    _FUNCTIONS[name] = (n_args, fn)


class StoreError(Exception):
    """The database cannot be opened or used; the message says which file and why."""


def _migrations() -> list[tuple[int, str, str]]:
    """(number, file name, kind) for every migration shipped in the package, in order."""
    found = []
    for entry in _MIGRATIONS_DIR.iterdir():
        m = _MIGRATION_RE.match(entry.name)
        if m:
            found.append((int(m.group(1)), entry.name, m.group(2)))
    found.sort()
    numbers = [n for n, _, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise StoreError(f"migrations are not numbered 1..N without gaps: {numbers}")
    return found


SCHEMA_VERSION = len(_migrations())


def connect(path: str | Path, *, readonly: bool = False, check_same_thread: bool = True,
            set_wal: bool = False) -> sqlite3.Connection:
    """A connection with the pragmas every part of sahel-tui relies on. No migration.

    WAL mode is a property of the file, set once by open_store; switching it needs a lock,
    so ordinary connections (background readers) do not ask for it again."""
    path = str(path)
    if readonly:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=check_same_thread,
                               isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc):  # another process writes: wait for it, not around it
                conn.close()
                raise
            # a WAL file in a folder we cannot write (no -shm to create): read it as it is
            conn.close()
            conn = sqlite3.connect(uri + "&immutable=1", uri=True,
                                   check_same_thread=check_same_thread, isolation_level=None)
    else:
        conn = sqlite3.connect(path, check_same_thread=check_same_thread, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.create_function("fold", 1, fold, deterministic=True)
    for name, (n_args, fn) in _FUNCTIONS.items():
        conn.create_function(name, n_args, fn, deterministic=True)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if readonly:
        conn.execute("PRAGMA query_only = 1")  # tells is_readonly(); refuses writes at once
    else:
        if set_wal:
            _set_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def _set_wal(conn: sqlite3.Connection) -> None:
    """Switch a new file to WAL. Two processes creating the database at once both get here;
    changing the journal mode does not wait on the busy timeout, so the loser is retried
    for as long as a busy write would wait."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.002
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.05)


def writable(path: str | Path) -> bool:
    """False when the file exists and cannot be opened for writing (permissions, an
    immutable file, a read-only mount): SQLite would open it read-only and fail later."""
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    os.close(fd)
    return True


def rollback(conn: sqlite3.Connection) -> None:
    """Roll back whatever is open. After a full disk or an I/O error SQLite may already
    have rolled back on its own; a second ROLLBACK would hide the real error."""
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


def fold(text: str | None) -> str | None:
    """Lower case without accents, for matching: fold('Ménaka') == fold('MENAKA')."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def open_store(path: str | Path, *, check_same_thread: bool = True,
               readonly: bool = False) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the database at ``path``.

    A file that cannot be written raises a StoreFault of kind 'readonly' (so a command
    that writes says so before it starts); ``readonly=True`` opens it for reading."""
    from sahel_tui.store.faults import StoreFault, as_fault, explain

    p = Path(path)
    if readonly:
        return _open_readonly(p, check_same_thread)
    if str(path) != ":memory:":
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{p.parent}: cannot create the database folder ({exc.strerror})") from None
        if not writable(p):
            raise StoreFault(explain(sqlite3.OperationalError("read-only"), p), "readonly")
    conn = None
    try:
        conn = connect(path, check_same_thread=check_same_thread, set_wal=True)
        migrate(conn)
    except (sqlite3.DatabaseError, StoreError) as exc:
        if conn is not None:
            conn.close()  # a refused database is not left open
        fault = as_fault(exc, p)
        if fault is not None:
            raise fault from None
        raise StoreError(f"{p}: {exc}") from None  # the message names the file
    return conn


def open_to_read(path: str | Path, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """open_store for commands that only read (export, stats, the feed list): a read-only
    file is opened read-only instead of refused. ``conn.readonly`` tells which it got."""
    from sahel_tui.store.faults import StoreFault

    try:
        return open_store(path, check_same_thread=check_same_thread)
    except StoreFault as exc:
        if exc.kind != "readonly":
            raise
    return open_store(path, check_same_thread=check_same_thread, readonly=True)


def is_readonly(conn: sqlite3.Connection) -> bool:
    """True for a connection that cannot write (opened read-only: query_only is set)."""
    return bool(conn.execute("PRAGMA query_only").fetchone()[0])


def _open_readonly(p: Path, check_same_thread: bool) -> sqlite3.Connection:
    from sahel_tui.store.faults import as_fault

    if not p.exists():
        raise StoreError(f"{p}: no database yet (fetch or import first)")
    conn = None
    try:
        conn = connect(p, readonly=True, check_same_thread=check_same_thread)
        version = schema_version(conn)
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        raise (as_fault(exc, p) or StoreError(f"{p}: {exc}")) from None
    if version != SCHEMA_VERSION:
        conn.close()
        raise StoreError(f"{p}: the database is read-only and at schema version {version}, "
                         f"this sahel-tui needs {SCHEMA_VERSION}; it cannot be upgraded in "
                         f"place: copy it somewhere writable and open the copy")
    return conn


def in_transaction(conn: sqlite3.Connection, work):
    """Run ``work()`` inside one write transaction (taken at once: BEGIN IMMEDIATE, so two
    writers never deadlock upgrading a read lock); rolled back whole if anything fails."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        result = work()
    except BaseException:
        rollback(conn)
        raise
    conn.execute("COMMIT")
    return result


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply every migration newer than the database. Returns the names applied."""
    current = schema_version(conn)
    migrations = _migrations()
    if current > len(migrations):
        raise StoreError(
            f"the database is at schema version {current}, newer than this sahel-tui "
            f"({len(migrations)}); upgrade sahel-tui to open it"
        )
    applied = []
    for number, name, kind in migrations:
        if number <= current:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # re-check inside the write lock: another process may have migrated meanwhile
            if schema_version(conn) >= number:
                conn.execute("ROLLBACK")
                continue
            if kind == "sql":
                sql = (_MIGRATIONS_DIR / name).read_text("utf-8")
                for statement in _split_sql(sql):
                    conn.execute(statement)
            else:
                module = importlib.import_module(f"sahel_tui.store.migrations.{name[:-3]}")
                module.migrate(conn)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except Exception:
            rollback(conn)
            raise
        applied.append(name)
    return applied


def _split_sql(sql: str) -> list[str]:
    """Split a migration into statements (executescript would commit our transaction)."""
    statements, buf = [], []
    for line in sql.splitlines():
        stripped = line.strip()
        if not buf and (not stripped or stripped.startswith("--")):
            continue
        buf.append(line)
        candidate = "\n".join(buf)
        if stripped.endswith(";") and sqlite3.complete_statement(candidate):
            statements.append(candidate)
            buf = []
    if "".join(buf).strip():
        statements.append("\n".join(buf))
    return statements


def as_sqlite_utils(conn: sqlite3.Connection):
    """The same connection as a sqlite_utils.Database, for introspection and bulk tools."""
    import sqlite_utils

    return sqlite_utils.Database(conn)
