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
from dataclasses import dataclass
from json.encoder import encode_basestring as _string

from sahel_tui.store.query import Compiled

from .jsonl import EVENT_FIELDS

CHUNK = 1000

# the event columns read: the exchange format's fields in its order, then the row id and,
# for ACLED rows, the Unix time of updated_at. A JSONL row (full) is made of the fields
# alone: it is the line's event object as read (jsonl.event_json)
EVENT_COLUMNS = (*EVENT_FIELDS, "id")
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


class Item:
    """An item of the export. A plain class: its __init__ costs a dataclass's half, and a
    100k-event export makes ~100k of them."""

    __slots__ = ("extra", "feeds", "id", "keys", "link", "published", "title", "uid")

    def __init__(self, id: int, uid: str, link: str | None, title: str, published: str,
                 extra: tuple = ()) -> None:
        self.id, self.uid, self.link, self.title, self.published = id, uid, link, title, published
        self.feeds: list[tuple[int, str | None]] = []  # (feed id, its link)
        self.keys: list[str] = []  # JSONL only
        self.extra = extra  # JSONL only: FULL_ITEM_COLUMNS


@dataclass(slots=True)
class EventRecord:
    row: dict  # EVENT_COLUMNS + unix_updated (full: EVENT_FIELDS)
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
        keys = EVENT_FIELDS if full else _ROW_KEYS  # (zip stops at the shorter)
        yield _complete(conn, [r[-1 if full else -2] for r in rows],
                        [dict(zip(keys, r, strict=False)) for r in rows], full)


def _complete(conn: sqlite3.Connection, ids: list[int], rows: list[dict],
              full: bool) -> list[EventRecord]:
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
            it = items[r[1]] = Item(r[1], r[2], r[3], r[4], r[5], r[6:])
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
                          "ORDER BY item_id, key", chunk):  # (the index's order: no sort)
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
        # ORDER BY target, id: the index's order (no sort); each event's decisions in order
        for r in _tuples(conn, "SELECT CAST(substr(target, 7) AS INTEGER), at, coder, op, "
                               f"action, before, after FROM decisions WHERE target IN ({marks}) "
                               "ORDER BY target, id", targets):
            history.setdefault(r[0], []).append(_decision_json(r))
    return [EventRecord(r, links.get(i) or [], origins.get(i), ",".join(history.get(i, ())))
            for r, i in zip(rows, ids, strict=True)]


def _decision_json(r: tuple) -> str:
    """One decision row as a JSON object: its four text columns quoted by the json module's
    own string encoder (what its JSONEncoder calls for each string), the snapshots spliced in
    verbatim (they are JSON already), which keeps export fast."""
    return (f'{{"at":{_string(r[1])},"coder":{_string(r[2])},"op":{_string(r[3])},'
            f'"action":{_string(r[4])},"before":{r[5] or "null"},"after":{r[6] or "null"}}}')
