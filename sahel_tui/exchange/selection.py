"""Reading the events of a view for export: streamed in chunks, lookups batched per chunk.

A query selects ITEMS (the app's query language); the export holds their live events
(deleted = 0), one record per event however many selected items report it, in event id
order. The main cursor walks the events table; each chunk of ``size`` events then costs a
fixed handful of queries (items, feed links, keys, history, origins) with ``IN (...)``
lists, never one query per event. Rows are plain tuples turned into dicts (sqlite3.Row's
lookups by name are slow), and feeds are read once per export.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from json.encoder import encode_basestring as _string

from sahel_tui.store.query import Compiled

from .jsonl import EVENT_FIELDS

CHUNK = 1000

# the event columns read: the row id, then the exchange format's fields in its order (the
# JSONL writer copies the row and drops the id), plus, for ACLED rows, one computed in SQL
EVENT_COLUMNS = ("id", *EVENT_FIELDS)
_SELECT = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
_UNIX = ", CAST(strftime('%s', e.updated_at) AS INTEGER) AS unix_updated"  # ACLED's timestamp
_ROW_KEYS = (*EVENT_COLUMNS, "unix_updated")
#: the item columns the JSONL writer needs beyond the CSV's (Item.extra)
FULL_ITEM_COLUMNS = ("guid", "canonical_link", "author", "published_guessed", "language",
                     "content_hash", "text", "article")


@dataclass(frozen=True, slots=True)
class Feed:
    id: int
    name: str
    url: str  # the config url: how the analyst's feeds.toml names it
    tags: tuple[str, ...]
    language: str | None
    reliability: str


def load_feeds(conn: sqlite3.Connection) -> dict[int, Feed]:
    return {r[0]: Feed(r[0], r[1], r[2], tuple(json.loads(r[3] or "[]")), r[4], r[5])
            for r in conn.execute(
                "SELECT id, name, config_url, tags, language, reliability FROM feeds")}


@dataclass(slots=True)
class Item:
    id: int
    uid: str
    link: str | None
    title: str
    published: str
    feeds: list[tuple[int, str | None]] = field(default_factory=list)  # (feed id, its link)
    keys: list[str] = field(default_factory=list)  # JSONL only
    extra: tuple = ()  # JSONL only: FULL_ITEM_COLUMNS


@dataclass(slots=True)
class EventRecord:
    row: dict  # EVENT_COLUMNS + unix_updated (full: EVENT_COLUMNS)
    items: list[Item]
    origin: tuple[str, str, str] | None = None  # imported: (database id, file name, analyst)
    history: str = ""  # JSON objects joined with ',' (imported history, then local)

    @property
    def feed_ids(self) -> tuple[int, ...]:
        """The distinct feeds of its items, sorted (the ACLED row's outlets)."""
        return tuple(sorted({f for it in self.items for f, _ in it.feeds}))


def event_filter(q: Compiled | None) -> tuple[str, list]:
    if q is None or q.where.strip() == "1":
        return "e.deleted = 0", []
    return ("e.deleted = 0 AND e.id IN (SELECT ei.event_id FROM event_items ei "
            f"JOIN items ON items.id = ei.item_id WHERE ({q.where}))", list(q.params))


def count_events(conn: sqlite3.Connection, q: Compiled | None) -> int:
    where, params = event_filter(q)
    return conn.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _tuples(conn: sqlite3.Connection, sql: str, params) -> sqlite3.Cursor:
    cur = conn.cursor()
    cur.row_factory = None
    return cur.execute(sql, params)


def event_chunks(conn: sqlite3.Connection, q: Compiled | None, *, full: bool = False,
                 size: int = CHUNK) -> Iterator[list[EventRecord]]:
    """Chunks of EventRecord. ``full``: item keys and text, decision history (for JSONL),
    and no ``unix_updated`` (JSONL has no ACLED timestamp)."""
    where, params = event_filter(q)
    cur = _tuples(conn, f"SELECT {_SELECT}{'' if full else _UNIX} FROM events e WHERE {where} "
                        "ORDER BY e.id", params)
    while True:
        rows = cur.fetchmany(size)
        if not rows:
            return
        yield _complete(conn, [dict(zip(_ROW_KEYS, r, strict=False)) for r in rows], full)


def _complete(conn: sqlite3.Connection, rows: list[dict], full: bool) -> list[EventRecord]:
    ids = [r["id"] for r in rows]
    marks = _marks(len(ids))
    item_cols = "i.id, i.uid, i.link, i.title, i.published"
    if full:
        item_cols += ", " + ", ".join(f"i.{c}" for c in FULL_ITEM_COLUMNS)
    links: dict[int, list[Item]] = {}  # event id -> its items
    several: list[list[Item]] = []  # the lists of more than one item, to be sorted
    items: dict[int, Item] = {}
    for r in _tuples(conn, f"SELECT ei.event_id, {item_cols} FROM event_items ei "
                           f"JOIN items i ON i.id = ei.item_id WHERE ei.event_id IN ({marks})",
                     ids):
        it = items.get(r[1])
        if it is None:
            it = items[r[1]] = Item(r[1], r[2], r[3], r[4], r[5], extra=r[6:])
        its = links.get(r[0])
        if its is None:
            links[r[0]] = [it]
        else:
            its.append(it)
            if len(its) == 2:
                several.append(its)
    for its in several:
        its.sort(key=lambda it: (it.published, it.uid))
    item_ids = list(items)
    for i in range(0, len(item_ids), 5000):
        chunk = item_ids[i:i + 5000]
        m = _marks(len(chunk))
        for item_id, feed_id, link in _tuples(
                conn, f"SELECT item_id, feed_id, link FROM item_feeds WHERE item_id IN ({m})",
                chunk):
            items[item_id].feeds.append((feed_id, link))
        if full:
            for item_id, key in _tuples(
                    conn, f"SELECT item_id, key FROM item_keys WHERE item_id IN ({m}) "
                          "ORDER BY key", chunk):
                items[item_id].keys.append(key)
    origins = {r[0]: r[1:] for r in _tuples(
        conn, "SELECT event_id, origin_database, origin_name, origin_analyst FROM event_origins "
              f"WHERE event_id IN ({marks})", ids)}
    history: dict[int, list[str]] = {}
    if full:
        for event_id, entries in _tuples(
                conn, f"SELECT event_id, entries FROM event_history WHERE event_id IN ({marks})",
                ids):
            inner = entries.strip()[1:-1].strip()
            if inner:
                history[event_id] = [inner]
        targets = [f"event:{i}" for i in ids]
        for r in _tuples(conn, "SELECT target, at, coder, op, action, before, after FROM "
                               f"decisions WHERE target IN ({marks}) ORDER BY id", targets):
            history.setdefault(int(r[0][6:]), []).append(_decision_json(r))
    return [EventRecord(r, links.get(i) or [], origins.get(i), ",".join(history.get(i, ())))
            for r, i in zip(rows, ids, strict=True)]


def _decision_json(r: tuple) -> str:
    """One decision row as a JSON object: its four text columns quoted by the json module's
    own string encoder (what its JSONEncoder calls for each string), the snapshots spliced in
    verbatim (they are JSON already), which keeps export fast."""
    return (f'{{"at":{_string(r[1])},"coder":{_string(r[2])},"op":{_string(r[3])},'
            f'"action":{_string(r[4])},"before":{r[5] or "null"},"after":{r[6] or "null"}}}')
