"""Writes waiting for the database: the app's decisions never wait on the write lock.

The app writes on its own connection with a short busy timeout. When another process holds
the lock longer (a big import, a fetch of a huge feed), or the disk is full, the write is
kept here, in order, and the app goes on; ``flush`` retries (the app calls it every second)
and the writes land when the lock frees or space returns. Nothing is dropped: a write that
fails for any other reason is raised to the caller as before.

Writes named in ``DURABLE`` (plain values: the triage decisions) are also saved beside the
database if the app quits while they wait, and written at the next start.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sahel_tui.store import decisions
from sahel_tui.store.faults import fault_of

# faults a write waits out; others (read-only, damaged file, a bug) are for the caller
WAITS = ("locked", "full", "io")
# the app's connection waits this long for the lock before a write is queued instead
UI_BUSY_MS = 200


def _set_status(conn, item_ids, status, coder, action):
    return decisions.set_status(conn, list(item_ids), status, coder, action)


def _put_state(conn, values):
    decisions.put_state(conn, **values)


DURABLE: dict[str, Callable] = {"status": _set_status, "state": _put_state}


@dataclass
class Write:
    label: str  # what the analyst did, for messages: "dismiss", "code 2 events"
    fn: Callable  # fn(conn, *args) -> result
    args: tuple
    op: str | None = None  # a DURABLE name: args are plain values
    on_done: Callable | None = field(default=None, repr=False)  # on_done(result)


class WriteQueue:
    def __init__(self, conn: sqlite3.Connection, side_file: Path | None = None) -> None:
        self.conn = conn
        self.side_file = side_file
        self.waiting: list[Write] = []
        self.reason: str | None = None  # the fault kind the first waiting write met
        self._from_file = False  # writes of an earlier session wait: the file stays till written

    def __len__(self) -> int:
        """The decisions waiting (remembered view state is not counted)."""
        return sum(1 for w in self.waiting if w.op != "state")

    def __bool__(self) -> bool:
        return bool(self.waiting)

    def submit(self, label: str, fn: Callable, *args, op: str | None = None,
               on_done: Callable | None = None) -> bool:
        """Write now, or queue behind earlier waiting writes. True when written (on_done
        has been called); False when it waits."""
        write = Write(label, fn if op is None else DURABLE[op], args, op, on_done)
        if self.waiting:
            if op == "state":  # only the latest view state matters: merged, not stacked
                for w in self.waiting:
                    if w.op == "state":
                        w.args = ({**w.args[0], **args[0]},)
                        return False
            self.waiting.append(write)
            return False
        return self._try(write, queue_on_wait=True)

    def durable(self, label: str, op: str, *args, on_done: Callable | None = None) -> bool:
        return self.submit(label, DURABLE[op], *args, op=op, on_done=on_done)

    def flush(self) -> list[Write]:
        """Write what waits, in order, until one must wait again. Returns those written."""
        done = []
        while self.waiting:
            if not self._try(self.waiting[0], queue_on_wait=False):
                break
            done.append(self.waiting.pop(0))
        if not self.waiting:
            self.reason = None
            self._forget_file()
        return done

    def _forget_file(self) -> None:
        if self._from_file and self.side_file is not None:
            self.side_file.unlink(missing_ok=True)
            self._from_file = False

    def cancel_last(self) -> Write | None:
        """Undo of a decision that has not reached the database: it is simply dropped
        (remembered view positions are not decisions)."""
        decided = [i for i, w in enumerate(self.waiting) if w.op != "state"]
        write = self.waiting.pop(decided[-1]) if decided else None
        if not self.waiting:
            self.reason = None
        return write

    def _try(self, write: Write, *, queue_on_wait: bool) -> bool:
        try:
            result = write.fn(self.conn, *write.args)
        except sqlite3.Error as exc:
            kind = fault_of(exc)
            if kind not in WAITS:
                raise
            self.reason = kind
            if queue_on_wait:
                self.waiting.append(write)
            return False
        if write.on_done is not None:
            write.on_done(result)
        return True

    # -- across a restart ----------------------------------------------------------------------

    def save(self) -> tuple[int, int]:
        """Write the waiting durable writes to the side file. Returns (saved, lost): the
        others (edits made in memory only) cannot outlive the app."""
        durable = [w for w in self.waiting if w.op]
        if (durable or self._from_file) and self.side_file is not None:
            with self.side_file.open("w", encoding="utf-8") as f:
                for w in durable:
                    f.write(json.dumps({"label": w.label, "op": w.op, "args": list(w.args)},
                                       ensure_ascii=False) + "\n")
                f.flush()
            self._from_file = True  # removed once they are written after all
        return len(durable), len(self.waiting) - len(durable)

    def load(self) -> int:
        """Queue the writes a previous session left in the side file (then flush)."""
        if self.side_file is None or not self.side_file.exists():
            return 0
        n = 0
        for line in self.side_file.read_text("utf-8").splitlines():
            try:
                d = json.loads(line)
                op = d["op"]
                if op not in DURABLE:
                    continue
                args = tuple(d["args"])
            except (ValueError, KeyError, TypeError):
                continue  # a line cut short by a full disk
            self.waiting.append(Write(d.get("label", op), DURABLE[op], args, op))
            n += 1
        self._from_file = True  # removed once they are written
        return n


def side_file_for(db_path: str | Path) -> Path:
    p = Path(db_path)
    return p.with_name(p.name + ".pending.jsonl")
