"""The fast path of export: SQLite renders most of each line, Python fills in the rest.

The Python writers define the formats (acled.RowMaker with the csv module; jsonl.event_json
and item_json with the json module) and stay the reference. Going through them costs
~40 µs per event: a dict per row, objects per item, json/csv encoding value by value. Here
SQLite renders, per event, the text of every column it can produce exactly as Python would
(CSV fields, JSON strings and integers, the items with their keys and feeds, the decision
history spliced verbatim), as UTF-8 bytes that go to the file without being decoded; Python
adds only what needs the vocabulary or the feeds (event_id_cnty, iso, region, interaction,
source, ...) from small caches, and checks or formats the coordinates (Python's floats).

Exactness:

- ``probe(conn)`` checks that SQLite's JSON strings, and csv_quote_bytes, give the json and
  csv modules' bytes for every ASCII character and a few others; if not (another SQLite or
  Python), the export takes the Python path.
- every row is checked to be *plain*: values of the storage types the rendering assumes
  (integers in integer columns, associated actors in the store's '["a", "b"]' form, a
  4-digit year, a known confidence, coordinates that SQLite writes as Python does). A row
  that is not plain (which the app never writes, but an old or hand-edited database might
  hold) is rendered by the Python path, event by event.
- orders (items by published then uid, keys by key, feeds by name then url, history by
  decision id, events by id) come from ORDER BY in subqueries under group_concat or
  json_group_array, which SQLite keeps (an outer aggregate other than count/min/max keeps a
  FROM subquery's ORDER BY).

Work per chunk of events is split in two: *pieces*, one statement that renders the heavy
part of every event of the chunk (items, history, most CSV fields) into one value, and
*rows*, a light statement read row by row for what Python needs. For a big export a helper
process (helper.py) runs the pieces of the next chunks while the caller reads rows and
writes; without one, the caller runs both.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from .helper import Helper, idle_cpus

# -- checks ---------------------------------------------------------------------------------

_PROBE = "".join(chr(i) for i in range(128)) + "é\u00a0\u0085\u2028\u2029\ufeff€😀"
_probed: list[bool] = []  # the probe's answer, once per process


def py_csv_field(value) -> str:
    """One value as the csv module writes it in a row."""
    buf = io.StringIO()
    csv.writer(buf).writerow([value, ""])
    return buf.getvalue()[:-3]  # without ',' + the empty field + '\r\n'


def csv_quote_bytes(text: bytes) -> bytes:
    """A field as the csv module writes it (excel dialect, QUOTE_MINIMAL), in UTF-8."""
    if b"," in text or b'"' in text or b"\n" in text or b"\r" in text:
        return b'"' + text.replace(b'"', b'""') + b'"'
    return text


def probe(conn: sqlite3.Connection) -> bool:
    """True when this SQLite renders JSON strings as the json module does, and
    csv_quote_bytes quotes as the csv module does (checked once per process)."""
    if not _probed:
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
        fields = [*values, *(f"{c}{d}" for c in _PROBE for d in ",\"\r\n")]
        found = found and all(csv_quote_bytes(v.encode()) == py_csv_field(v).encode()
                              for v in fields)
        _probed.append(found)
    return _probed[0]


class Out:
    """The output of an events export: UTF-8 bytes into a binary file, or text into a text
    stream. SQLite's renderings arrive as bytes (its UTF-8), Python's as str."""

    def __init__(self, fh, *, binary: bool) -> None:
        self.fh, self.binary = fh, binary

    def text(self, text: str) -> None:
        self.fh.write(text.encode("utf-8") if self.binary else text)

    def data(self, data: bytes) -> None:
        self.fh.write(data if self.binary else data.decode("utf-8"))


# -- chunks, and a helper process -------------------------------------------------------------

PARALLEL_FROM = 5000  # events: fewer are rendered by the caller alone
IDLE = 0.5  # CPUs that must be idle for helpers to start


class Parallel:
    """Helper processes for an export (helper.py), if they can read the caller's snapshot.
    Make it before conn's read transaction begins; ``spawn`` once the export is big
    enough; ``helpers`` when the work is known; close() after."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.path = _file_of(conn)
        self.watch: sqlite3.Connection | None = None
        self.version = None
        self.procs: list[Helper] = []
        if self.path is None or conn.in_transaction:
            return
        try:
            self.watch = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True,
                                         isolation_level=None)
            self.version = self.watch.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            self.close()

    def spawn(self, n: int) -> None:
        """Start ``n`` helpers, if a CPU is free for them (helper.idle_cpus)."""
        if self.watch is not None and not self.procs and idle_cpus() >= IDLE:
            self.procs = [p for p in (Helper.spawn() for _ in range(n)) if p is not None]

    def helpers(self, job: dict) -> list[Helper]:
        """The spawned helpers with their ``job``, on the caller's snapshot (proven)."""
        procs, self.procs = self.procs, []
        ok = all(p.job({**job, "path": str(self.path), "share": i, "helpers": len(procs)})
                 for i, p in enumerate(procs))
        try:
            ok = ok and self.watch.execute("PRAGMA data_version").fetchone()[0] == self.version
        except sqlite3.Error:
            ok = False
        if ok and all(p.go() for p in procs):
            return procs
        for p in procs:
            p.close()
        return []

    def close(self) -> None:
        for p in self.procs:
            p.close()
        self.procs = []
        if self.watch is not None:
            self.watch.close()
            self.watch = None


def _file_of(conn: sqlite3.Connection) -> Path | None:
    for _, name, file in conn.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return Path(file) if file else None
    return None


class Renderer(Protocol):
    #: one parameter, the chunk's event ids as a JSON list; one row: the pieces of its
    #: events in id order, joined by NUL (NOT_PLAIN for an event that is not plain)
    pieces_sql: str
    #: what a helper process does (helper.py): "pieces" (the caller renders the lines
    #: from them) or complete lines
    job: dict

    def __call__(self, conn: sqlite3.Connection, ids: list[int], ids_json: str,
                 pieces: list[bytes] | None) -> bytes:
        """The chunk's lines. ``pieces`` is None when the pieces did not split into one per
        event (a NUL in the data): render it all the Python way."""


def chunk_pieces(cur: sqlite3.Cursor, sql: str, ids_json: str, ids: list[int]) -> list | None:
    """The pieces of a chunk, one per event, or None (they do not split)."""
    return split_pieces(cur.execute(sql, (ids_json,)).fetchone()[0], ids)


def split_pieces(blob: bytes | None, ids: list[int]) -> list | None:
    pieces = (blob or b"").split(b"\0")
    return pieces if len(pieces) == len(ids) else None


def run_chunks(conn: sqlite3.Connection, where: str, params: list, render: Renderer, out: Out,
               tick: Callable[[int], None], parallel: Parallel | None, size: int) -> int:
    """Write the events matching ``where`` (on events e) in id order, rendered in chunks
    of ``size``, every n-th by helper process n when there are. Returns the count."""
    ids_sql = f"SELECT e.id FROM events e WHERE {where} ORDER BY e.id"
    ids_cur = conn.cursor()
    ids_cur.row_factory = None
    ids_cur.execute(ids_sql, params)
    cur = conn.cursor()
    cur.row_factory = None
    helpers: list[Helper | None] = list(parallel.helpers(
        {**render.job, "ids_sql": ids_sql, "params": params, "size": size})) if parallel else []
    complete = render.job.get("kind") != "pieces"
    n = index = 0
    try:
        while rows := ids_cur.fetchmany(size):
            ids = [r[0] for r in rows]
            ids_json = json.dumps(ids)
            helper = helpers[index % len(helpers)] if helpers else None
            data = helper.next() if helper is not None else None
            if data is None:
                if helper is not None:  # failed: its share is the caller's now
                    helpers[index % len(helpers)] = None
                data = render(conn, ids, ids_json, chunk_pieces(cur, render.pieces_sql,
                                                                ids_json, ids))
            elif not complete:
                data = render(conn, ids, ids_json, split_pieces(data, ids))
            out.data(data)
            n += len(ids)
            index += 1
            tick(n)
        return n
    finally:
        for helper in helpers:
            if helper is not None:
                helper.close()


# -- shared SQL -----------------------------------------------------------------------------

#: the FROM clause of a chunk's statements: one parameter, the event ids as a JSON list
CHUNK_FROM = ("FROM events e LEFT JOIN event_origins o ON o.event_id = e.id "
              "LEFT JOIN event_history h ON h.event_id = e.id "
              "WHERE e.id IN (SELECT value FROM json_each(?)) ORDER BY e.id")

#: SQL, true when an event's values have the storage types the rendering assumes
PLAIN = " AND ".join([
    *(f"typeof(e.{c}) = 'integer'" for c in ("time_precision", "geo_precision", "fatalities",
                                              "civilian_targeting")),
    *(f"typeof(e.{c}) IN ('integer', 'null')" for c in ("fatalities_best", "fatalities_high",
                                                         "credibility")),
    "typeof(e.latitude) IN ('real', 'null')", "typeof(e.longitude) IN ('real', 'null')",
    "substr(e.event_date, 1, 4) GLOB '[0-9][0-9][0-9][0-9]'",
    "(e.confidence IS NULL OR e.confidence IN ('', 'low', 'moderate', 'high'))",
    "e.notes IS NOT NULL",
])

#: the items of event e, in export order (published, then uid)
ITEMS_OF_EVENT = ("FROM event_items ei JOIN items i ON i.id = ei.item_id "
                  "WHERE ei.event_id = e.id ORDER BY i.published, i.uid")

NOT_PLAIN = b"\x01"  # the piece of an event that is not plain


def pieces_sql(piece: str) -> str:
    """The statement joining ``piece`` (SQL over e, o, h; NULL: not plain) of every event
    of a chunk with NUL."""
    return (f"SELECT CAST(group_concat(p, char(0)) AS BLOB) FROM (SELECT coalesce({piece}, "
            f"char(1)) AS p {CHUNK_FROM})")


def feed_ids(key: bytes) -> tuple[int, ...]:
    """The sorted distinct feed ids of a key like b'3:17;4' (any order, repeats)."""
    return tuple(sorted({int(f) for f in key.replace(b";", b":").split(b":") if f}))


# -- CSV ------------------------------------------------------------------------------------
#
# The piece of an event is the raw text of most of its columns joined with two separator
# characters (FS between runs of columns that Python's columns interrupt, US between the
# columns of a run); Python checks it for the four characters that need CSV quoting in one
# pass each (bytes.find speed), quotes field by field only when one is present, and splits
# the runs. A separator inside a value shows up as a wrong count: the row is not plain.

US, FS = b"\x1f", b"\x1e"


def csv_quote_runs(text: bytes) -> bytes:
    return FS.join(US.join([csv_quote_bytes(f) for f in run.split(US)])
                   for run in text.split(FS))


def _csv_piece() -> tuple[str, int, int]:
    """(SQL of an event's CSV piece, number of US, number of runs). NOT NULL columns are
    used bare: a NULL there (which the schema forbids) makes the piece NULL, not plain."""
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
    # the items: their links (non-empty, '; '), ids ('; ') and feeds (b'3:17;4'), three runs
    items = ("(SELECT coalesce(group_concat(link, '; '), '') || char(30) || "
             "coalesce(group_concat(id, '; '), '') || char(30) || coalesce(group_concat(fk, ';'), '') "
             "FROM (SELECT nullif(i.link, '') AS link, i.id AS id, (SELECT group_concat(feed_id, ':') "
             f"FROM item_feeds x WHERE x.item_id = i.id) AS fk {ITEMS_OF_EVENT}))")
    text = " || char(30) || ".join(" || char(31) || ".join(run) for run in runs)
    return (f"{text} || char(30) || {items}", sum(len(r) - 1 for r in runs), len(runs) + 3)


CSV_PIECE, CSV_US, CSV_RUNS = _csv_piece()

#: id, plain, country, sub_event_type, inter1, inter2, latitude, longitude, reliability,
#: credibility, disorder_type, then as bytes: assoc_actor_1, assoc_actor_2, notes
CSV_ROWS = ("SELECT e.id, " + PLAIN + ", e.country, e.sub_event_type, e.inter1, e.inter2, "
            "e.latitude, e.longitude, e.reliability, e.credibility, e.disorder_type, "
            "CAST(e.assoc_actor_1 AS BLOB), CAST(e.assoc_actor_2 AS BLOB), "
            f"CAST(e.notes AS BLOB) {CHUNK_FROM}")
CSV_PIECES = pieces_sql(CSV_PIECE)


# -- JSONL ----------------------------------------------------------------------------------
#
# The row of an event renders its line up to the items: the provenance (bound as text) and
# the event as one json_object. Python compares SQLite's rendering of the coordinates
# (%.15g) with Python's repr, row by row. The associated actors are rendered only from the
# store's own '["a", "b"]' form (plain says so). The piece renders the rest: the items with
# their keys and feeds (a feed's head is rendered once, in FEEDS, and compared with Python's
# rendering of every feed before use: jsonl.write_jsonl), and the history: the imported
# entries, then the decisions spliced verbatim (they are JSON already).

#: each feed as the head of its JSON object in an item, up to '"link":'
FEEDS = (
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


def _event_json(fields: tuple[str, ...]) -> str:
    special = {"assoc_actor_1": _assoc_json("e.assoc_actor_1"),
               "assoc_actor_2": _assoc_json("e.assoc_actor_2"),
               "civilian_targeting": _bool("e.civilian_targeting")}
    return "json_object(" + ", ".join(f"'{k}', {special.get(k, 'e.' + k)}" for k in fields) + ")"


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
_ITEMS = (f"(SELECT CASE WHEN count(*) = 0 THEN '' WHEN min(ok) THEN group_concat(ij, ',') "
          f"END FROM (SELECT {_ITEM} AS ij, typeof(i.published_guessed) = 'integer' AS ok "
          f"{ITEMS_OF_EVENT}))")
#: event e's decisions as history entries joined by ',' (NULL for none)
_DECISIONS = (
    "(SELECT group_concat(hj, ',') FROM (SELECT rtrim(json_object('at', d.at, 'coder', d.coder, "
    "'op', d.op, 'action', d.action), '}') || ',\"before\":' || coalesce(nullif(d.before, ''), "
    "'null') || ',\"after\":' || coalesce(nullif(d.after, ''), 'null') || '}' AS hj "
    "FROM decisions d WHERE d.target = 'event:' || e.id ORDER BY d.id))")
#: the imported history without its brackets: for the JSON array that import stores,
#: trimming JSON's whitespace is str.strip()
_INNER = "trim(substr(h.entries, 2, length(h.entries) - 2), ' ' || char(9) || char(10) || char(13))"
_HISTORY = (f"CASE WHEN h.entries IS NULL THEN coalesce({_DECISIONS}, '') "
            f"WHEN NOT h.entries GLOB '[[]*]' THEN NULL "
            f"WHEN {_INNER} = '' THEN coalesce({_DECISIONS}, '') "
            f"ELSE {_INNER} || coalesce(',' || {_DECISIONS}, '') END")
JSONL_PIECES = FEEDS + " " + pieces_sql(
    f"',\"items\":[' || {_ITEMS} || '],\"history\":[' || {_HISTORY} || ']}}' || char(10)")


def jsonl_rows(fields: tuple[str, ...]) -> str:
    """id, plain, latitude, longitude, both as SQLite renders them in JSON, and as bytes
    the line up to the items. Parameters: the line start for an event coded here, the same
    without the provenance's closing brace, the ids."""
    plain = " AND ".join([PLAIN, _assoc_plain("e.assoc_actor_1"),
                          _assoc_plain("e.assoc_actor_2")])
    head = ("CASE WHEN o.event_id IS NULL THEN ? ELSE ? || ',\"origin\":' || json_object("
            "'database', o.origin_database, 'name', o.origin_name, 'analyst', o.origin_analyst)"
            f" || '}}' END || ',\"event\":' || {_event_json(fields)}")
    return (f"SELECT e.id, {plain}, e.latitude, e.longitude, json_quote(e.latitude), "
            f"json_quote(e.longitude), CAST({head} AS BLOB) {CHUNK_FROM}")


# -- GeoJSON --------------------------------------------------------------------------------
#
# The piece of an event is its properties as '"key":value' pairs, in runs that Python's
# columns (the same as CSV's, JSON-encoded) and the coordinates interrupt, joined by FS. The
# rows are CSV_ROWS.

def _geo_piece() -> tuple[str, int]:
    """(SQL of an event's GeoJSON piece, number of runs)."""
    def pairs(*kv: tuple[str, str]) -> str:
        return " || ".join(f"'{',' if i or k != 'event_date' else ''}\"{k}\":' || {v}"
                           for i, (k, v) in enumerate(kv))

    q = "json_quote({})".format
    runs = [
        pairs(("event_date", q("e.event_date")),
              ("year", "CAST(substr(e.event_date, 1, 4) AS INTEGER)"),
              ("time_precision", "e.time_precision")),
        pairs(("event_type", q("e.event_type")), ("sub_event_type", q("e.sub_event_type")),
              ("actor1", q("e.actor1"))),
        pairs(("inter1", q("e.inter1")), ("actor2", q("e.actor2"))),
        pairs(("inter2", q("e.inter2"))),
        pairs(("civilian_targeting", "CASE WHEN e.civilian_targeting THEN "
                                     "'\"Civilian targeting\"' ELSE '\"\"' END")),
        pairs(*((k, q(f"e.{k}")) for k in ("country", "admin1", "admin2", "admin3", "location"))),
        pairs(("geo_precision", "e.geo_precision")),
        pairs(("notes", q("e.notes")), ("fatalities", "e.fatalities"), ("tags", q("e.tags")),
              ("timestamp", "coalesce(CAST(strftime('%s', e.updated_at) AS INTEGER), 'null')")),
        pairs(("x_confidence", "CASE WHEN e.confidence = 'low' THEN '\"Low\"' WHEN e.confidence "
                               "= 'moderate' THEN '\"Moderate\"' WHEN e.confidence = 'high' THEN "
                               "'\"High\"' ELSE '\"\"' END"),
              ("x_fatalities_best", "coalesce(e.fatalities_best, 'null')"),
              ("x_fatalities_high", "coalesce(e.fatalities_high, 'null')")),
        pairs(("x_coder", q("e.coder")), ("x_coded_at", q("e.coded_at"))),
        pairs(("x_event_uid", q("e.uid")),
              ("x_origin", "CASE WHEN o.event_id IS NULL THEN '\"\"' ELSE "
                           "json_quote(o.origin_analyst || '@' || o.origin_name) END")),
    ]
    # the items: their links (non-empty, '; ') and ids ('; ') as JSON strings, and feeds
    items = ("(SELECT json_quote(coalesce(group_concat(link, '; '), '')) || char(30) || "
             "json_quote(coalesce(group_concat(id, '; '), '')) || char(30) || "
             "coalesce(group_concat(fk, ';'), '') FROM (SELECT nullif(i.link, '') AS link, "
             "i.id AS id, (SELECT group_concat(feed_id, ':') FROM item_feeds x "
             f"WHERE x.item_id = i.id) AS fk {ITEMS_OF_EVENT}))")
    text = " || char(30) || ".join(runs)
    return f"{text} || char(30) || {items}", len(runs) + 3


GEO_PIECE, GEO_RUNS = _geo_piece()
GEO_PIECES = pieces_sql(GEO_PIECE)
