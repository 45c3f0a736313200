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
import sqlite3

#: characters that make the csv module (excel dialect) quote a field
_NEEDS_QUOTES = ("','", "'\"'", "char(10)", "char(13)")


def csv_field(x: str) -> str:
    """SQL rendering ``x`` (a column or an aggregate: it is repeated) as one CSV field,
    quoted like the csv module's excel dialect; NULL gives ''."""
    test = " OR ".join(f"instr({x}, {c})" for c in _NEEDS_QUOTES)
    return (f"CASE WHEN {test} THEN '\"' || replace({x}, '\"', '\"\"') || '\"' "
            f"ELSE coalesce({x}, '') END")


def py_csv_field(value) -> str:
    """One value as the csv module writes it in a row."""
    buf = io.StringIO()
    csv.writer(buf).writerow([value, ""])
    return buf.getvalue()[:-3]  # without ',' + the empty field + '\r\n'


_PROBE = "".join(chr(i) for i in range(128)) + "é\u00a0\u0085\u2028\u2029\ufeff€😀"
_probed: dict[tuple[str, str], bool] = {}


def probe(conn: sqlite3.Connection) -> bool:
    """True when this SQLite renders JSON strings and CSV fields as Python does."""
    key = (sqlite3.sqlite_version, csv.__version__)
    found = _probed.get(key)
    if found is None:
        values = [_PROBE, *(f"a{c}b" for c in _PROBE), *_PROBE, "", "\x00,", '""']
        cur = conn.cursor()
        cur.row_factory = None
        marks = ", ".join(f"({i}, ?)" for i in range(len(values)))
        sql = (f"WITH v (i, value) AS (VALUES {marks}) SELECT json_quote(value), "
               f"json_object('k', value), {csv_field('value')} FROM v ORDER BY i")
        rows = cur.execute(sql, values).fetchall()
        # the Python side of CSV quoting (csv_quote) must agree with the csv module too
        values += [f"{c}{d}" for c in _PROBE for d in ",\"\r\n"]
        encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        found = all((q, o, c) == (encode(v), encode({"k": v}), py_csv_field(v))
                    for v, (q, o, c) in zip(values, rows, strict=False)) and all(
            csv_quote(v) == py_csv_field(v) for v in values)
        _probed[key] = found
    return found


# -- shared pieces -------------------------------------------------------------------------

def event_filter_sql(where: str) -> str:
    return (f"FROM events e LEFT JOIN event_origins o ON o.event_id = e.id "
            f"WHERE {where} ORDER BY e.id")


#: SQL true when a row's values have the types the rendering assumes
_INT_COLUMNS = ("time_precision", "geo_precision", "fatalities", "civilian_targeting")
_INT_OR_NULL = ("fatalities_best", "fatalities_high", "credibility")
PLAIN = " AND ".join([
    *(f"typeof(e.{c}) = 'integer'" for c in _INT_COLUMNS),
    *(f"typeof(e.{c}) IN ('integer', 'null')" for c in _INT_OR_NULL),
    "typeof(e.latitude) IN ('real', 'null')", "typeof(e.longitude) IN ('real', 'null')",
    "substr(e.event_date, 1, 4) GLOB '[0-9][0-9][0-9][0-9]'",
    "(e.confidence IS NULL OR e.confidence IN ('', 'low', 'moderate', 'high'))",
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


def csv_quote(text: str) -> str:
    """A str as the csv module writes it (excel dialect, QUOTE_MINIMAL)."""
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_quote_runs(text: str) -> str:
    return FS.join(US.join([csv_quote(f) for f in run.split(US)]) for run in text.split(FS))


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
                      "e.disorder_type", CSV_TEXT, "e.assoc_actor_1", "e.assoc_actor_2",
                      "e.notes", CSV_ITEMS])


# -- JSONL ---------------------------------------------------------------------------------
#
# Runs of event fields are json_object()s with their braces trimmed, spliced around what
# Python adds: the associated actors lists (from a cache of each stored list), the
# coordinates (Python's float repr) and the provenance. Items are rendered whole; the feeds
# of an item come from FEED_PREFIX, rendered once per feed (and compared with Python's
# rendering of every feed before use: jsonl.write_jsonl).

def _inner(*pairs: str) -> str:
    """SQL: 'k1':v1,'k2':v2 (a json_object without its braces)."""
    return f"ltrim(rtrim(json_object({', '.join(pairs)}), '}}'), '{{')"


def _pairs(prefix: str, *keys: str) -> str:
    return ", ".join(f"'{k}', {prefix}.{k}" for k in keys)


#: each feed as the head of its JSON object in an item, up to '"link":'
FEED_PREFIX = (
    "WITH fp (id, name, url, prefix) AS MATERIALIZED (SELECT f.id, f.name, f.config_url, "
    "rtrim(json_object('name', f.name, 'url', f.config_url, 'tags', json((SELECT "
    "json_group_array(value) FROM json_each(coalesce(nullif(f.tags, ''), '[]')))), "
    "'language', f.language, 'reliability', f.reliability), '}') || ',\"link\":' FROM feeds f)")

_KEYS = ("(SELECT '[' || group_concat(json_quote(key), ',') || ']' FROM (SELECT key FROM "
         "item_keys WHERE item_id = i.id ORDER BY key))")
_FEEDS = ("(SELECT '[' || group_concat(s.prefix || json_quote(s.link) || '}', ',') || ']' FROM "
          "(SELECT fp.prefix, x.link FROM item_feeds x JOIN fp ON fp.id = x.feed_id "
          "WHERE x.item_id = i.id ORDER BY fp.name, fp.url) AS s)")
_ITEM = ("printf('{\"uid\":%s,\"keys\":%s,%s,\"published_guessed\":%s,%s,\"feeds\":%s}', "
         f"json_quote(i.uid), coalesce({_KEYS}, '[]'), "
         f"{_inner(_pairs('i', 'guid', 'link', 'canonical_link', 'title', 'author', 'published'))}, "
         "CASE WHEN i.published_guessed THEN 'true' ELSE 'false' END, "
         f"{_inner(_pairs('i', 'language', 'content_hash', 'text'))}, coalesce({_FEEDS}, '[]'))")
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
    """Columns: id, plain, has origin, origin database, name, analyst, latitude, longitude,
    assoc_actor_1, assoc_actor_2, imported history (event_history.entries), then the JSON
    runs: uid..actor1 (open), inter1..actor2, inter2..place_id, geo_precision..updated_at
    (closed), the items, the local history."""
    return ", ".join([
        "e.id", PLAIN, "o.event_id IS NOT NULL", "o.origin_database", "o.origin_name",
        "o.origin_analyst", "e.latitude", "e.longitude", "e.assoc_actor_1", "e.assoc_actor_2",
        "(SELECT entries FROM event_history h WHERE h.event_id = e.id)",
        f"rtrim(json_object({_pairs('e', 'uid', 'event_date', 'event_type', 'sub_event_type', 'time_precision', 'disorder_type', 'actor1')}), '}}')",
        _inner(_pairs("e", "inter1", "actor2")),
        "printf('\"inter2\":%s,\"civilian_targeting\":%s,%s', json_quote(e.inter2), "
        "CASE WHEN e.civilian_targeting THEN 'true' ELSE 'false' END, "
        f"{_inner(_pairs('e', 'country', 'admin1', 'admin2', 'admin3', 'location', 'place_id'))})",
        f"ltrim(json_object({_pairs('e', 'geo_precision', 'fatalities', 'fatalities_best', 'fatalities_high', 'reliability', 'credibility', 'confidence', 'notes', 'tags', 'coder', 'coded_at', 'updated_at')}), '{{')",
        JSON_ITEMS, JSON_HISTORY,
    ])
