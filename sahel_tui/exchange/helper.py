"""Helper processes that render chunks of an export (see rendered.py).

Two threads of one process do not render faster than one here: SQLite's allocator takes a
global mutex on every allocation (memory statistics), and two connections busy in one
process spend their time waiting for each other. Helper *processes* share nothing: each
opens the database read-only, walks the same event ids in the same chunks and renders
every n-th chunk (its share), streaming the results to the caller, which writes them in
order. The pipe is the flow control: a helper blocks when the caller has not read yet.

Snapshot: the caller reads PRAGMA data_version on a separate connection before its own
read transaction begins; each helper reports once its read transaction has begun; then
data_version is read again: unchanged, nobody committed in between and everyone reads the
same snapshot; changed, the helpers are stopped and the caller renders everything itself.

Jobs: "pieces" (the chunk's pieces statement; the caller renders the lines), "jsonl"
(complete JSONL lines, jsonl.Renderer), or "parse" (for an import: the Records of blocks
of lines of a file; no database, so no snapshot). Protocol: stdin, one JSON line with the job, then
b"go\\n"; stdout, frames of one type byte and, for C and X, an 8-byte big-endian length
and that many bytes: R ready, C the next chunk of the helper's share, E end, X an error.
"""

from __future__ import annotations

import json
import os
import sqlite3
import struct
import subprocess
import sys
import time
from pathlib import Path

_LEN = struct.Struct(">Q")


def idle_cpus(window: float = 0.05) -> float:
    """How many CPUs were idle over the last ``window`` seconds (Linux: /proc/stat;
    elsewhere an estimate from the load average; inf when unknown). Helpers pay only when
    a CPU is free: on a busy machine they take turns with each other and with the caller,
    and the caller's single process, which does less work in all, is faster."""
    try:
        before = _cpu_times()
        time.sleep(window)
        after = _cpu_times()
        return (os.cpu_count() or 1) * (after[1] - before[1]) / (after[0] - before[0])
    except (OSError, ValueError, IndexError, ZeroDivisionError):
        try:
            return (os.cpu_count() or 1) - os.getloadavg()[0]
        except (OSError, AttributeError):
            return float("inf")


def _cpu_times() -> tuple[int, int]:
    """(all, idle) jiffies of all CPUs."""
    with open("/proc/stat", "rb") as fh:
        fields = [int(x) for x in fh.readline().split()[1:9]]
    return sum(fields), fields[3] + fields[4]  # idle + iowait


class Helper:
    """The caller's side. ``spawn`` launches the process (it starts up while the caller
    prepares); ``job`` sends the work and waits until the helper's read transaction has
    begun; ``go`` lets it run; ``next`` returns its next chunk, or None once it has failed
    or ended (the caller then renders its share itself)."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self.proc: subprocess.Popen | None = proc

    @classmethod
    def spawn(cls) -> Helper | None:
        package_root = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            [package_root, *([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])])
        try:
            return cls(subprocess.Popen(
                [sys.executable, "-c", "from sahel_tui.exchange.helper import serve; serve()"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                env=env))
        except OSError:
            return None

    def job(self, job: dict) -> bool:
        """Send the work; True once the helper's read transaction has begun."""
        try:
            line = json.dumps(job).encode() + b"\n"
        except (TypeError, ValueError):  # a query parameter JSON cannot carry
            return False
        try:
            self.proc.stdin.write(line)
            self.proc.stdin.flush()
            return self.proc.stdout.read(1) == b"R"
        except OSError:
            return False

    def go(self) -> bool:
        try:
            self.proc.stdin.write(b"go\n")
            self.proc.stdin.close()
            return True
        except OSError:
            return False

    def next(self) -> bytes | None:
        if self.proc is None:
            return None
        try:
            if self.proc.stdout.read(1) == b"C":
                (n,) = _LEN.unpack(self.proc.stdout.read(_LEN.size))
                data = self.proc.stdout.read(n)
                if len(data) == n:
                    return data
        except (OSError, struct.error):
            pass
        self.close()  # ended early or failed: the caller renders the rest itself
        return None

    def frame(self) -> tuple[bytes, bytes] | None:
        """The next frame as (type, content), None when the helper is gone."""
        if self.proc is None:
            return None
        try:
            kind = self.proc.stdout.read(1)
            if kind in (b"C", b"X"):
                (n,) = _LEN.unpack(self.proc.stdout.read(_LEN.size))
                data = self.proc.stdout.read(n)
                if len(data) == n:
                    return kind, data
            elif kind == b"H":
                return kind, self.proc.stdout.read(64)
            elif kind == b"E":
                return kind, b""
        except (OSError, struct.error):
            pass
        self.close()
        return None

    def close(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        for stream in (proc.stdin, proc.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        if proc.poll() is None:
            proc.kill()
        proc.wait()


def serve() -> None:
    """The helper process: read the job, do its share, stream. Never raises."""
    out = sys.stdout.buffer
    try:
        job = json.loads(sys.stdin.buffer.readline())
        if job["kind"] == "parse":
            if job.get("nice") and hasattr(os, "nice"):  # the importing process goes first
                os.nice(job["nice"])
            _parse(job, out)
            return
        from sahel_tui.store.db import connect

        conn = connect(job["path"], readonly=True)
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # snapshot taken
        out.write(b"R")
        out.flush()
        if sys.stdin.buffer.readline() != b"go\n":
            return
        render = _renderer(conn, job)
        ids = conn.cursor()
        ids.row_factory = None
        ids.execute(job["ids_sql"], job["params"])
        share, helpers, index = job["share"], job["helpers"], 0
        while chunk := ids.fetchmany(job["size"]):
            if index % helpers == share:
                data = render([r[0] for r in chunk])
                out.write(b"C" + _LEN.pack(len(data)))
                out.write(data)
            index += 1
        out.write(b"E")
        out.flush()
    except BrokenPipeError:  # the caller stopped reading
        pass
    except Exception as exc:
        message = f"{type(exc).__name__}: {exc}".encode()
        try:
            out.write(b"X" + _LEN.pack(len(message)) + message)
            out.flush()
        except OSError:
            pass


def _parse(job: dict, out) -> None:
    """Parse job (merge.py): the lines of every n-th block of ``block`` lines of the file,
    checked as merge.import_jsonl would, each block's Records pickled in one frame (an
    empty frame for a block without lines); X with the message at the first bad line; the
    sha256 of the whole file (share 0) in an H frame before E."""
    import gc
    import hashlib
    import pickle

    from .incoming import fast_record, parse_record
    from .jsonl import ExchangeError, check_line

    out.write(b"R")
    out.flush()
    if sys.stdin.buffer.readline() != b"go\n":
        return
    gc.disable()  # many objects, no cycles; the process ends with the job
    path, name = Path(job["path"]), Path(job["name"])  # name: as the caller gave it, for messages
    share, helpers, size = job["share"], job["helpers"], job["block"]
    hasher = hashlib.sha256() if share == 0 else None
    records: list = []
    same = _Same()
    try:
        with open(path, "rb") as fh:
            for number, raw in enumerate(fh, 1):
                if hasher is not None:
                    hasher.update(raw)
                if ((number - 1) // size) % helpers == share:
                    found = check_line(name, number, raw)
                    if found is not None:
                        obj, text = found
                        records.append(same.record(fast_record(obj, number, text) or parse_record(
                            obj, f"{name}, line {number}", number, text)))
                    if number % size == 0:
                        data = pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL)
                        out.write(b"C" + _LEN.pack(len(data)))
                        out.write(data)
                        records = []
            if ((number - 1) // size) % helpers == share and number % size:
                data = pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL)
                out.write(b"C" + _LEN.pack(len(data)))
                out.write(data)
    except (ExchangeError, OSError) as exc:
        message = str(exc).encode()
        out.write(b"X" + _LEN.pack(len(message)) + message)
        out.flush()
        return
    if hasher is not None:
        out.write(b"H" + hasher.hexdigest().encode())
    out.write(b"E")
    out.flush()


class _Same:
    """One object for equal values of the fields that repeat (types, actors, places,
    feeds, provenance) across Records, so that pickle sends a reference instead of another
    copy, and the caller unpickles fewer objects."""

    def __init__(self) -> None:
        from .incoming import ITEM_COLUMNS, Item
        from .jsonl import EVENT_FIELDS

        repeat = ("event_type", "sub_event_type", "disorder_type", "actor1", "inter1", "actor2",
                  "inter2", "country", "admin1", "admin2", "admin3", "location", "place_id",
                  "reliability", "confidence", "tags", "coder", "assoc_actor_1", "assoc_actor_2")
        self.event = tuple(EVENT_FIELDS.index(k) for k in repeat)
        self.author, self.language = ITEM_COLUMNS.index("author"), ITEM_COLUMNS.index("language")
        self.item = Item
        self.memo: dict = {}

    def record(self, rec):
        memo = self.memo
        row = list(rec.row)
        for i in self.event:
            v = row[i]
            if type(v) is str:
                row[i] = memo.setdefault(v, v)
        items = []
        for it in rec.items:
            values = list(it.values)
            for i in (self.author, self.language):
                if type(values[i]) is str:
                    values[i] = memo.setdefault(values[i], values[i])
            items.append(self.item(it.uid, it.keys, tuple(values), it.feeds))
        return rec._replace(row=tuple(row), items=tuple(items),
                            origin=memo.setdefault(rec.origin, rec.origin))


def _renderer(conn: sqlite3.Connection, job: dict):
    cur = conn.cursor()
    cur.row_factory = None
    if job["kind"] == "pieces":
        sql = job["pieces_sql"]
        return lambda ids: cur.execute(sql, (json.dumps(ids),)).fetchone()[0] or b""
    from .jsonl import Renderer
    from .rendered import chunk_pieces
    from .selection import load_feeds

    render = Renderer(job["prov"], load_feeds(conn))

    def jsonl(ids: list[int]) -> bytes:
        ids_json = json.dumps(ids)
        return render(conn, ids, ids_json, chunk_pieces(cur, render.pieces_sql, ids_json, ids))

    return jsonl
