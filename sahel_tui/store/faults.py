"""What can go wrong with the database file, said in words an analyst can act on.

SQLite reports a full disk, a read-only file, a lock held by another process or a damaged
page as exceptions with a code. ``fault_of`` names the kind; ``explain`` turns it into one
message that says which file, what happened, that what was saved before is kept, and what
to do. Every command and the app use these, so the words are the same everywhere.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sahel_tui.store.db import StoreError

# primary result codes (sqlite3.h); an extended code keeps the primary one in its low byte
_KINDS = {5: "locked", 6: "locked", 8: "readonly", 10: "io", 11: "corrupt", 13: "full",
          14: "cantopen", 26: "corrupt"}
# messages that arrive without a code (raised by Python's module, or by older SQLite)
_WORDS = (("database is locked", "locked"), ("readonly database", "readonly"),
          ("read-only", "readonly"), ("disk image is malformed", "corrupt"),
          ("file is not a database", "corrupt"), ("database or disk is full", "full"),
          ("disk i/o error", "io"), ("no space left", "full"))


class StoreFault(StoreError):
    """A database the app cannot write to (or read) right now; ``kind`` says why:
    'readonly', 'full', 'locked', 'corrupt', 'io' or 'cantopen'."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


def fault_of(exc: BaseException) -> str | None:
    """The kind of trouble an exception from SQLite (or the file system) means, or None
    for an ordinary error (a bug, a constraint)."""
    if isinstance(exc, StoreFault):
        return exc.kind
    if isinstance(exc, OSError):
        import errno

        if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
            return "full"
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return "readonly"
        return None
    if not isinstance(exc, sqlite3.Error):
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and (code & 0xFF) in _KINDS:
        return _KINDS[code & 0xFF]
    text = str(exc).lower()
    for words, kind in _WORDS:
        if words in text:
            return kind
    return None


def explain(exc: BaseException, path: str | Path | None = None) -> str:
    """One message for the analyst: the file, what happened, and what to do."""
    kind = fault_of(exc)
    where = f"{path}: " if path else ""
    if isinstance(exc, StoreFault):
        return str(exc)
    if kind == "readonly":
        return (f"{where}the database is read-only (file permissions, a read-only disk or "
                f"a copy on a locked medium): nothing was changed. Reading, searching and "
                f"exports work; to make changes, fix the permissions or copy the file "
                f"somewhere writable and open it with --db")
    if kind == "full":
        return (f"{where}the disk is full: this change was not saved, everything saved "
                f"before is kept. Free some space and try again")
    if kind == "locked":
        return (f"{where}the database is busy: another sahel-tui (an import or a fetch) "
                f"has held it for more than 10 s. Nothing was lost; try again when it "
                f"finishes")
    if kind == "corrupt":
        return (f"{where}the database file is damaged ({exc}). Stop writing to it: run "
                f"`sahel-tui check` to see what is wrong and `sahel-tui check --repair` to "
                f"recover what can be recovered into a new file (the damaged one is kept)")
    if kind == "io":
        return (f"{where}the disk reported an input/output error ({exc}); the file may "
                f"be on a failing or removed disk. Copy it with `sahel-tui backup FILE` "
                f"and check the disk")
    if kind == "cantopen":
        return f"{where}the database cannot be opened ({exc}): check the folder exists and is readable"
    return f"{where}database error: {exc}"


def as_fault(exc: BaseException, path: str | Path | None = None) -> StoreFault | None:
    """A StoreFault for ``exc`` when it is one of the kinds above, else None."""
    kind = fault_of(exc)
    if kind is None:
        return None
    return exc if isinstance(exc, StoreFault) else StoreFault(explain(exc, path), kind)
