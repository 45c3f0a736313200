"""The fast path of export: SQLite renders most of each line, Python fills in the rest.

The Python writers define the formats (acled.RowMaker with the csv module, jsonl.item_json
and event_json with the json module). Going through them costs ~40 µs per event: a dict
per row, objects per item, json/csv encoding value by value. Here one statement per
export renders, per event, the text of every column SQLite can produce exactly as Python
would (CSV quoting, JSON strings and integers, the items with their keys and feeds, the
decision history spliced verbatim), and Python adds only what needs the vocabulary or the
feeds (event_id_cnty, iso, region, interaction, source, source_scale, ...) from small
caches, and the coordinates (Python's float formatting).

Exactness:

- ``probe(conn)`` first checks that SQLite's JSON string escaping and the CSV quoting
  expression below give Python's bytes for every ASCII character (and a few others); if
  not (another SQLite or Python), the export takes the Python path.
- every row carries ``plain``: its values have the storage types the SQL rendering
  assumes (integers in integer columns, associated actors as JSON lists of strings
  without escapes, a 4-digit year, a known confidence). A row that is not plain (which
  the app never writes, but an old or hand-edited database might hold) is rendered by
  the Python path, event by event.
- orders (items by published then uid, keys by key, feeds by name then url, history by
  decision id) come from ORDER BY in subqueries under group_concat, which SQLite keeps
  (an outer aggregate other than count/min/max keeps a FROM subquery's ORDER BY).
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

from sahel_tui.store.db import connect

def py_csv_field(value) -> str:
    """One value as the csv module writes it in a row."""
    buf = io.StringIO()
    csv.writer(buf).writerow([value, ""])
    return buf.getvalue()[:-3]  # without ',' + the empty field + '\r\n'


_PROBE = "".join(chr(i) for i in range(128)) + "é\u00a0\u0085\u2028\u2029\ufeff€😀"
_probed: dict[tuple[str, str], bool] = {}


def probe(conn: sqlite3.Connection) -> bool:
    """True when this SQLite renders JSON strings as the json module does, and csv_quote
    quotes as the csv module does (checked once per SQLite and csv version)."""
    key = (sqlite3.sqlite_version, csv.__version__)
    found = _probed.get(key)
    if found is None:
        values = [_PROBE, *(f"a{c}b" for c in _PROBE), *_PROBE, "", "\x00,", '""']
        cur = conn.cursor()
        cur.row_factory = None
        marks = ", ".join(f"({i}, ?)" for i in range(len(values)))
        sql = (f"WITH v (i, value) AS (VALUES {marks}) SELECT json_quote(value), "
               "json_object('k', value, 'a', (SELECT json_group_array(value) FROM "
               "(SELECT value ORDER BY 1))) FROM v ORDER BY i")
        try:
            rows = cur.execute(sql, values).fetchall()
        except sqlite3.Error:  # no JSON functions
            rows = []
        encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        found = len(rows) == len(values) and all(
            (q, o) == (encode(v), encode({"k": v, "a": [v]}))
            for v, (q, o) in zip(values, rows, strict=True))
        found = found and all(csv_quote_bytes(v.encode("utf-8", "surrogatepass"))
                              == py_csv_field(v).encode("utf-8", "surrogatepass")
                              for v in [*values, *(f"{c}{d}" for c in _PROBE for d in ",\"\r\n")])
        _probed[key] = found
    return found


class Out:
    """The output of an events export: UTF-8 bytes into a binary file, or text into a text
    stream. SQLite's renderings arrive as bytes (its UTF-8), Python's as str."""

    def __init__(self, fh, *, binary: bool) -> None:
        self.fh, self.binary = fh, binary

    def text(self, text: str) -> None:
        self.fh.write(text.encode("utf-8") if self.binary else text)

    def data(self, data: bytes) -> None:
        self.fh.write(data if self.binary else data.decode("utf-8"))


# -- rendering in parallel ------------------------------------------------------------------
#
# SQLite does most of the work with the GIL released, so a second thread with its own
# connection renders at the same time as the caller's thread. Its connection must read the
# same snapshot: helpers begin their read transactions after the caller's, and PRAGMA
# data_version, read on a separate connection before the caller's transaction began and
# after the helpers' began, proves that nobody committed in between (else: no helpers, the
# caller's thread does it all). Work is cut into chunks of event ids (from one cursor on
# the caller's connection, so the view's query runs once), rendered by whichever thread is
# free, and written in order by the caller's thread.

HELPERS = max(0, min(3, (os.cpu_count() or 1) - 1))
AHEAD = 3  # chunks rendered ahead of the writer, per thread: bounds the memory


class Snapshot:
    """Watches for commits between the start of the caller's read transaction and of its
    helpers'. Use: s = Snapshot(conn) before conn's first read, then s.helpers(n) after."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.path = _file_of(conn)
        self.watch: sqlite3.Connection | None = None
        self.version = None
        if self.path is None or conn.in_transaction or HELPERS == 0:
            return
        try:
            self.watch = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True,
                                         isolation_level=None, check_same_thread=False)
            self.version = self._version()
        except sqlite3.Error:
            self.close()

    def _version(self):
        return self.watch.execute("PRAGMA data_version").fetchone()[0]

    def helpers(self, n: int = HELPERS) -> list[sqlite3.Connection]:
        """Connections reading exactly the caller's snapshot (none when that cannot be
        proven). The caller has read in its transaction already; close() them after use."""
        if self.watch is None or n <= 0:
            return []
        out: list[sqlite3.Connection] = []
        try:
            for _ in range(n):
                c = connect(self.path, readonly=True, check_same_thread=False)
                out.append(c)
                c.execute("BEGIN")
                c.execute("SELECT count(*) FROM sqlite_master").fetchone()  # snapshot taken
            if self._version() == self.version:
                return out
        except sqlite3.Error:
            pass
        for c in out:
            c.close()
        return []

    def close(self) -> None:
        if self.watch is not None:
            self.watch.close()
            self.watch = None


def _file_of(conn: sqlite3.Connection):
    from pathlib import Path  # noqa: PLC0415

    for _, name, file in conn.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return Path(file) if file else None
    return None


PARALLEL_FROM = 5000  # events: fewer are rendered by the caller's thread alone


@contextmanager
def helpers_for(snapshot: Snapshot | None, total: int) -> Iterator[list[sqlite3.Connection]]:
    """Helper connections for an export of ``total`` events (see Snapshot), closed after."""
    conns = snapshot.helpers() if snapshot is not None and total >= PARALLEL_FROM else []
    try:
        yield conns
    finally:
        for c in conns:
            with suppress(sqlite3.Error):
                c.execute("COMMIT")
            c.close()
        if snapshot is not None:
            snapshot.close()


Render = Callable[[sqlite3.Connection, list[int]], bytes]


def run_chunks(conn: sqlite3.Connection, where: str, params: list, render: Render, out: Out,
               tick: Callable[[int], None], helpers: list[sqlite3.Connection],
               size: int) -> int:
    """Render the events matching ``where`` in chunks of ``size`` ids with
    ``render(connection, ids) -> bytes`` and write them in id order. Returns the count."""
    ids = conn.cursor()
    ids.row_factory = None
    ids.execute(f"SELECT e.id FROM events e WHERE {where} ORDER BY e.id", params)
    n = 0
    if not helpers:
        while chunk := ids.fetchmany(size):
            out.data(render(conn, [r[0] for r in chunk]))
            n += len(chunk)
            tick(n)
        return n
    cond = threading.Condition()
    todo: deque[tuple[int, list[int]]] = deque()
    done: dict[int, bytes] = {}
    state = {"stop": False, "error": None}

    def helper(c: sqlite3.Connection) -> None:
        try:
            while True:
                with cond:
                    while not todo and not state["stop"]:
                        cond.wait()
                    if state["stop"]:
                        return
                    index, chunk = todo.popleft()
                data = render(c, chunk)
                with cond:
                    done[index] = data
                    cond.notify_all()
        except BaseException as exc:  # handed to the caller's thread
            with cond:
                state["error"] = state["error"] or exc
                state["stop"] = True
                cond.notify_all()

    threads = [threading.Thread(target=helper, args=(c,), name="export-render", daemon=True)
               for c in helpers]
    for t in threads:
        t.start()
    sizes: dict[int, int] = {}
    issued = written = 0
    exhausted = False
    limit = AHEAD * (len(helpers) + 1)
    try:
        while True:
            mine = None
            with cond:
                if state["error"] is not None:
                    raise state["error"]
                while not exhausted and issued - written < limit:
                    chunk = [r[0] for r in ids.fetchmany(size)]
                    if not chunk:
                        exhausted = True
                        break
                    todo.append((issued, chunk))
                    sizes[issued] = len(chunk)
                    issued += 1
                    cond.notify()
                if exhausted and written == issued:
                    return n
                data = done.pop(written, None)
                if data is None:
                    if todo:
                        mine = todo.popleft()
                    else:
                        cond.wait()
                        continue
            if mine is not None:
                index, chunk = mine
                rendered_ = render(conn, chunk)
                with cond:
                    done[index] = rendered_
                continue
            out.data(data)
            n += sizes.pop(written)
            written += 1
            tick(n)
    finally:
        with cond:
            state["stop"] = True
            cond.notify_all()
        for t in threads:
            t.join()


# -- shared pieces -------------------------------------------------------------------------

#: the FROM clause of a chunk: one parameter, the event ids as a JSON list
CHUNK_FROM = ("FROM events e LEFT JOIN event_origins o ON o.event_id = e.id "
              "WHERE e.id IN (SELECT value FROM json_each(?)) ORDER BY e.id")


#: SQL true when a row's values have the types the rendering assumes
_INT_COLUMNS = ("time_precision", "geo_precision", "fatalities", "civilian_targeting")
_INT_OR_NULL = ("fatalities_best", "fatalities_high", "credibility")
PLAIN = " AND ".join([
    *(f"typeof(e.{c}) = 'integer'" for c in _INT_COLUMNS),
    *(f"typeof(e.{c}) IN ('integer', 'null')" for c in _INT_OR_NULL),
    "typeof(e.latitude) IN ('real', 'null')", "typeof(e.longitude) IN ('real', 'null')",
    "substr(e.event_date, 1, 4) GLOB '[0-9][0-9][0-9][0-9]'",
    "(e.confidence IS NULL OR e.confidence IN ('', 'low', 'moderate', 'high'))",
    "e.notes IS NOT NULL",
])


def assoc_sql(column: str, render: str) -> str:
    """SQL: the associated actors of ``column`` (a JSON list) rendered by ``render``, an
    aggregate over json_each's ``value``; NULL (not plain) unless the list is one of
    strings without escapes, as the store writes it."""
    return (f"CASE WHEN {column} IS NULL OR {column} IN ('', '[]') THEN {{empty}} "
            f"WHEN instr({column}, '\\') = 0 AND {column} GLOB '[[]*]' AND json_valid({column}) "
            f"THEN (SELECT CASE WHEN count(*) = sum(type = 'text') THEN {render} END "
            f"FROM json_each({column})) END")


#: the items of event e, in export order (published, then uid)
ITEMS_OF_EVENT = ("FROM event_items ei JOIN items i ON i.id = ei.item_id "
                  "WHERE ei.event_id = e.id ORDER BY i.published, i.uid")


def feed_ids(key: str) -> tuple[int, ...]:
    """The sorted distinct feed ids of a key like '3,17;4' (any order, repeats)."""
    return tuple(sorted({int(f) for f in key.replace(";", ",").split(",") if f}))


# -- CSV -----------------------------------------------------------------------------------
#
# SQLite joins the raw text of the event's columns with two separator characters (FS
# between runs of columns, US between the columns of a run); Python checks the joined text
# for the four characters that need CSV quoting in one pass each (str.find speed), quotes
# field by field only when one is present, and splits the runs. A separator inside a value
# shows up as a wrong count and sends the row to the Python path.

US, FS = "\x1f", "\x1e"


def csv_quote_bytes(text: bytes) -> bytes:
    """A field as the csv module writes it (excel dialect, QUOTE_MINIMAL), in UTF-8."""
    if b"," in text or b'"' in text or b"\n" in text or b"\r" in text:
        return b'"' + text.replace(b'"', b'""') + b'"'
    return text


def csv_quote_runs_bytes(text: bytes) -> bytes:
    return b"\x1e".join(b"\x1f".join([csv_quote_bytes(f) for f in run.split(b"\x1f")])
                        for run in text.split(b"\x1e"))


def _runs(*runs: list[str]) -> str:
    return " || char(30) || ".join(" || char(31) || ".join(run) for run in runs)


def _csv_text() -> tuple[str, int, int]:
    """(SQL of the CSV text runs, number of US, number of FS). NOT NULL columns are used
    bare: a NULL there (which the schema forbids) makes the text NULL, a row not plain."""
    runs = [
        ["e.event_date", "CAST(substr(e.event_date, 1, 4) AS INTEGER)", "e.time_precision"],
        ["e.event_type", "e.sub_event_type", "e.actor1"],
        ["e.inter1", "e.actor2"],
        ["e.inter2"],
        ["CASE WHEN e.civilian_targeting THEN 'Civilian targeting' ELSE '' END"],
        ["e.country", "e.admin1", "e.admin2", "e.admin3", "e.location"],
        ["e.geo_precision"],
        ["e.fatalities", "e.tags", "coalesce(CAST(strftime('%s', e.updated_at) AS INTEGER), '')"],
        ["CASE WHEN e.confidence = 'low' THEN 'Low' WHEN e.confidence = 'moderate' THEN "
         "'Moderate' WHEN e.confidence = 'high' THEN 'High' ELSE '' END",
         "coalesce(e.fatalities_best, '')", "coalesce(e.fatalities_high, '')"],
        ["e.coder", "e.coded_at"],
        ["e.uid", "CASE WHEN o.event_id IS NULL THEN '' "
                  "ELSE o.origin_analyst || '@' || o.origin_name END"],
    ]
    return _runs(*runs), sum(len(r) - 1 for r in runs), len(runs) - 1


CSV_TEXT, CSV_US, CSV_FS = _csv_text()

#: the items of event e: their links (non-empty, '; '), ids ('; ') and feeds ('3,17;4'),
#: joined by \x01
CSV_ITEMS = ("(SELECT coalesce(group_concat(link, '; '), '') || char(1) || "
             "coalesce(group_concat(id, '; '), '') || char(1) || coalesce(group_concat(fk, ';'), '') "
             "FROM (SELECT nullif(i.link, '') AS link, i.id AS id, (SELECT group_concat(feed_id) "
             f"FROM item_feeds x WHERE x.item_id = i.id) AS fk {ITEMS_OF_EVENT}))")


def csv_select() -> str:
    """Columns: id, plain, country, sub_event_type, inter1, inter2, latitude, longitude,
    reliability, credibility, disorder_type, the CSV text (CSV_TEXT), the two associated
    actors lists, notes, the items (CSV_ITEMS)."""
    return ", ".join(["e.id", PLAIN, "e.country", "e.sub_event_type", "e.inter1", "e.inter2",
                      "e.latitude", "e.longitude", "e.reliability", "e.credibility",
                      "e.disorder_type", *(f"CAST({x} AS BLOB)" for x in (
                          CSV_TEXT, "e.assoc_actor_1", "e.assoc_actor_2", "e.notes",
                          CSV_ITEMS))])


# -- JSONL ---------------------------------------------------------------------------------
#
# SQLite renders each line up to the history: the provenance (bound as text), the event as
# one json_object, the items with their keys and feeds. Python checks what SQLite could
# render differently from the json module: the coordinates (its %.15g against Python's
# repr, compared for every row) and the associated actors (rendered only from the store's
# own '["a", "b"]' form: plain says so), and appends the history (the imported part needs
# Python's str.strip).

#: each feed as the head of its JSON object in an item, up to '"link":'
FEED_PREFIX = (
    "WITH fp (id, name, url, prefix) AS MATERIALIZED (SELECT f.id, f.name, f.config_url, "
    "rtrim(json_object('name', f.name, 'url', f.config_url, 'tags', json((SELECT "
    "json_group_array(value) FROM json_each(coalesce(nullif(f.tags, ''), '[]')))), "
    "'language', f.language, 'reliability', f.reliability), '}') || ',\"link\":' FROM feeds f)")


def _assoc_plain(c: str) -> str:
    """SQL: the stored list of associated actors ``c`` is in the store's own form,
    '["a", "b"]' with strings without escapes (or empty)."""
    return (f"({c} IS NULL OR {c} IN ('', '[]') OR (instr({c}, '\\') = 0 "
            f"AND {c} GLOB '[[]\"*\"]' "
            f"AND instr(replace(substr({c}, 3, length({c}) - 4), '\", \"', ''), '\"') = 0))")


def _assoc_json(c: str) -> str:
    """SQL: a stored list of associated actors (checked by _assoc_plain) as compact JSON."""
    return (f"json(CASE WHEN {c} IS NULL OR {c} IN ('', '[]') THEN '[]' "
            f"ELSE replace({c}, '\", \"', '\",\"') END)")


def _bool(x: str) -> str:
    return f"json(CASE WHEN {x} THEN 'true' ELSE 'false' END)"


def _event_json() -> str:
    from .jsonl import EVENT_FIELDS  # noqa: PLC0415 (jsonl imports this module)

    special = {"assoc_actor_1": _assoc_json("e.assoc_actor_1"),
               "assoc_actor_2": _assoc_json("e.assoc_actor_2"),
               "civilian_targeting": _bool("e.civilian_targeting")}
    return "json_object(" + ", ".join(f"'{k}', {special.get(k, 'e.' + k)}"
                                      for k in EVENT_FIELDS) + ")"


_KEYS = ("(SELECT json_group_array(key) FROM (SELECT key FROM item_keys "
         "WHERE item_id = i.id ORDER BY key))")
_FEEDS = ("(SELECT json_group_array(json(s.prefix || json_quote(s.link) || '}')) FROM "
          "(SELECT fp.prefix, x.link FROM item_feeds x JOIN fp ON fp.id = x.feed_id "
          "WHERE x.item_id = i.id ORDER BY fp.name, fp.url) AS s)")
_ITEM = ("json_object('uid', i.uid, 'keys', " + _KEYS + ", 'guid', i.guid, 'link', i.link, "
         "'canonical_link', i.canonical_link, 'title', i.title, 'author', i.author, "
         "'published', i.published, 'published_guessed', " + _bool("i.published_guessed")
         + ", 'language', i.language, 'content_hash', i.content_hash, 'text', i.text, "
         "'feeds', " + _FEEDS + ")")
#: the items of event e as JSON objects joined by ',' ('' for none; NULL: not plain)
JSON_ITEMS = (f"(SELECT CASE WHEN count(*) = 0 THEN '' WHEN min(ok) THEN group_concat(ij, ',') "
              f"END FROM (SELECT {_ITEM} AS ij, typeof(i.published_guessed) = 'integer' AS ok "
              f"{ITEMS_OF_EVENT}))")
#: event e's decisions as history entries joined by ',' (NULL for none); the snapshots are
#: spliced verbatim (they are JSON already)
JSON_HISTORY = (
    "(SELECT group_concat(hj, ',') FROM (SELECT rtrim(json_object('at', d.at, 'coder', d.coder, "
    "'op', d.op, 'action', d.action), '}') || ',\"before\":' || coalesce(nullif(d.before, ''), "
    "'null') || ',\"after\":' || coalesce(nullif(d.after, ''), 'null') || '}' AS hj "
    "FROM decisions d WHERE d.target = 'event:' || e.id ORDER BY d.id))")


def jsonl_select() -> str:
    """Columns: id, plain (PLAIN and the associated actors in the store's form), latitude,
    longitude, both as SQLite renders them in JSON, the
    imported history (event_history.entries, str), then as UTF-8 bytes: the line up to
    '"history":[' and the local history. Two parameters come first: the line start for an
    event coded here, and the same without the provenance's closing brace."""
    line = ("CASE WHEN o.event_id IS NULL THEN ? ELSE ? || ',\"origin\":' || json_object("
            "'database', o.origin_database, 'name', o.origin_name, 'analyst', o.origin_analyst)"
            f" || '}}' END || ',\"event\":' || {_event_json()} || ',\"items\":[' || "
            f"{JSON_ITEMS} || '],\"history\":['")
    plain = " AND ".join([PLAIN, _assoc_plain("e.assoc_actor_1"), _assoc_plain("e.assoc_actor_2")])
    return ", ".join([
        "e.id", plain, "e.latitude", "e.longitude", "json_quote(e.latitude)",
        "json_quote(e.longitude)", "(SELECT entries FROM event_history h WHERE h.event_id = e.id)",
        f"CAST({line} AS BLOB)", f"CAST({JSON_HISTORY} AS BLOB)",
    ])
