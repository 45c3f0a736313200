"""Writes waiting for the database: the app's decisions never wait on the write lock.

The app writes on its own connection with a short busy timeout. When another process holds
the lock longer (a big import, a fetch of a huge feed), or the disk is full, the write is
kept here, in order, and the app goes on; ``flush`` retries (the app calls it every second)
and the writes land when the lock frees or space returns. Nothing is dropped: a write that
fails for any other reason is raised to the caller as before.

Writes named in ``DURABLE`` (plain values: the triage decisions, the coding of events,
drafts, attaching and detaching reports, undo and redo) are also saved beside the database
if the app quits while they wait, and written at the next start. Their arguments are what
the analyst decided (field values, ids that exist), never objects of the running app.
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


def _code(conn, item_id, fields, coder, action, link_members):
    """Store events for an item (accept, or one more event on a coded item). The fields
    are the panel's own dicts while the write waits, so edits made meanwhile go with it."""
    from sahel_tui.store import events

    if not fields:
        return []
    also = None
    if link_members:
        from sahel_tui.analysis import incidents

        def also(ids):
            return incidents.attach_members(conn, item_id, ids)

    evs = [events.Event(**f) for f in fields]
    return events.add_events(conn, item_id, evs, coder, action=action, also=also)


def _edit(conn, event_id, coder, changes):
    from sahel_tui.store import events

    try:
        events.update_event(conn, event_id, coder, **changes)
    except KeyError:  # removed meanwhile (by an undo written before it)
        return None
    return event_id


def _remove(conn, event_id, coder):
    from sahel_tui.store import events

    events.remove_event(conn, event_id, coder)


def _draft(conn, item_id, fields):
    from sahel_tui.store import drafts

    drafts.save(conn, item_id, fields)


def _draft_undo(conn, item_id):
    from sahel_tui.store import drafts

    return drafts.undo(conn, item_id)


def _attach(conn, item_id, event_id, coder):
    from sahel_tui.analysis import incidents

    try:
        return incidents.attach(conn, item_id, event_id, coder)
    except KeyError:  # the event was removed meanwhile
        return None


def _detach(conn, item_id, event_ids, coder):
    """Detach a report from events; a refusal (its only report) is returned, not raised:
    a write that waited has no caller left to catch it."""
    from sahel_tui.analysis import incidents

    done = []
    for event_id in event_ids:
        try:
            done.append(incidents.detach(conn, item_id, event_id, coder))
        except incidents.DetachError as exc:
            return exc
    return done


def _link(conn, item_ids, coder):
    from sahel_tui.analysis import incidents

    return incidents.link_reports(conn, item_ids, coder)


def _unlink(conn, item_id, coder):
    from sahel_tui.analysis import stories

    return stories.unlink_item(conn, item_id, coder)


def _resolve(conn, conflict_id, keep, coder):
    """An import conflict settled; a refusal (already settled) is returned, not raised."""
    from sahel_tui.exchange.conflicts import ConflictError, resolve_conflict

    try:
        return resolve_conflict(conn, conflict_id, keep, coder)
    except ConflictError as exc:
        return exc


def _undo(conn, coder):
    return decisions.undo(conn, coder)


def _redo(conn, coder):
    return decisions.redo(conn, coder)


DURABLE: dict[str, Callable] = {
    "status": _set_status, "state": _put_state, "code": _code, "event.edit": _edit,
    "event.remove": _remove, "draft": _draft, "draft.undo": _draft_undo, "attach": _attach,
    "detach": _detach, "link": _link, "unlink": _unlink, "resolve": _resolve, "undo": _undo,
    "redo": _redo,
}


@dataclass
class Write:
    label: str  # what the analyst did, for messages: "dismiss", "code 2 events"
    fn: Callable  # fn(conn, *args) -> result
    args: tuple
    op: str | None = None  # a DURABLE name: args are plain values
    on_done: Callable | None = field(default=None, repr=False)  # on_done(result)
    on_cancel: Callable | None = field(default=None, repr=False)  # taken back while waiting


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
               on_done: Callable | None = None, on_cancel: Callable | None = None) -> bool:
        """Write now, or queue behind earlier waiting writes. True when written (on_done
        has been called); False when it waits."""
        write = Write(label, fn if op is None else DURABLE[op], args, op, on_done, on_cancel)
        if self.waiting:
            if op == "state":  # only the latest view state matters: merged, not stacked
                for w in self.waiting:
                    if w.op == "state":
                        w.args = ({**w.args[0], **args[0]},)
                        return False
            self.waiting.append(write)
            return False
        ok, result = self._try(write, queue_on_wait=True)
        if ok and write.on_done is not None:
            write.on_done(result)
        return ok

    def durable(self, label: str, op: str, *args, on_done: Callable | None = None) -> bool:
        return self.submit(label, DURABLE[op], *args, op=op, on_done=on_done)

    def flush(self) -> list[Write]:
        """Write what waits, in order, until one must wait again. Returns those written."""
        done = []
        while self.waiting:
            write = self.waiting[0]
            ok, result = self._try(write, queue_on_wait=False)
            if not ok:
                break
            done.append(self.waiting.pop(0))
            # after the write left the queue: a failing callback must not write it twice
            if write.on_done is not None:
                write.on_done(result)
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

    def _try(self, write: Write, *, queue_on_wait: bool) -> tuple[bool, object]:
        try:
            result = write.fn(self.conn, *write.args)
        except sqlite3.Error as exc:
            kind = fault_of(exc)
            if kind not in WAITS:
                raise
            self.reason = kind
            if queue_on_wait:
                self.waiting.append(write)
            return False, None
        return True, result

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
