"""CHECK constraints ``col IN (a, b, c)`` rewritten as ``col = a OR col = b OR col = c``.

Same meaning (NULL passes both ways, same collation), but SQLite builds a temporary index
for an IN list of three or more constants each time a statement runs: once per row of a
bulk insert (executemany), which made inserting 100,000 events ~0.8 s slower. Only the
text of the constraints changes (SQLite's documented procedure for changing a CHECK:
``writable_schema``, then a new ``schema_version``); no row is touched. Where the schema
cannot be edited (an SQLite built in defensive mode), the tables are left as they were:
they work the same, only slower to fill.
"""

from __future__ import annotations

import re
import sqlite3

#: CHECK (col IN (constant, ...)) with plain numbers or quoted strings as constants
_IN_LIST = re.compile(
    r"CHECK\s*\(\s*(\w+)\s+IN\s*\(((?:\s*(?:-?\d+|'[^',()]*')\s*,)+\s*(?:-?\d+|'[^',()]*')\s*)\)\s*\)",
    re.IGNORECASE)


def _or_chain(m: re.Match) -> str:
    column, values = m.group(1), [v.strip() for v in m.group(2).split(",")]
    return "CHECK (" + " OR ".join(f"{column} = {v}" for v in values) + ")"


def rewritten(sql: str) -> str:
    return _IN_LIST.sub(_or_chain, sql)


def _compiles(conn: sqlite3.Connection, name: str, sql: str) -> bool:
    """A definition that would not compile is never written (it would make the file
    unreadable): the table keeps its old one."""
    probe = re.sub(rf"^CREATE TABLE\s+\"?{re.escape(name)}\"?", "CREATE TABLE temp._sahel_probe",
                   sql)
    if probe == sql:
        return False
    try:
        conn.execute(probe)
    except sqlite3.DatabaseError:
        return False
    conn.execute("DROP TABLE temp._sahel_probe")
    return True


def migrate(conn: sqlite3.Connection) -> None:
    tables = [(name, sql, rewritten(sql)) for name, sql in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%CHECK%'")]
    tables = [t for t in tables if t[2] != t[1] and _compiles(conn, t[0], t[2])]
    if not tables:
        return
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("SAVEPOINT check_lists")
    try:
        conn.execute("PRAGMA writable_schema = ON")
        for name, old, new in tables:
            conn.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ? "
                         "AND sql = ?", (new, name, old))
        conn.execute(f"PRAGMA schema_version = {version + 1}")
    except sqlite3.DatabaseError:  # defensive mode: the schema stays as it was
        conn.execute("ROLLBACK TO check_lists")
    finally:
        conn.execute("PRAGMA writable_schema = OFF")
        conn.execute("RELEASE check_lists")
