"""Importing another analyst's JSONL export: merge, never overwrite.

- Items are matched by their keys (uid, ``g:<guid>``, ``l:<canonical link>``: the
  item_keys table); unknown items are added, and unknown feeds are created *disabled* (so
  nothing is fetched from them). A known item carried by a feed it lacked gets the link.
- Events are matched by uid. Same coding: unchanged (missing item links are added). An
  older version of ours (found in our decision log): unchanged, counted as older. Any other
  difference: both are kept -- theirs is stored as a copy with uid ``<uid>~<hash>`` -- and a
  conflict is recorded. An unknown uid is added; if the item already had live events here,
  that too is a conflict (two codings of one item).
- Imported events carry their origin (event_origins) and their history (event_history).
- Every line is checked before anything is written: a bad line leaves the database as it
  was. Actor and place names unknown here must be defined by the file (definitions.py);
  those are added as imported entries (actors.toml, the gazetteer) before the events. Then the file is stored in chunks, one transaction each. A second import of the
  same file finds everything in place and changes nothing (no import_log row either).

Speed: the check reads the file once (incoming.fast_record with build=False; parse_record
for anything unusual), the store reads it again into Records that hold the rows as the
tables take them; within a chunk nothing is looked up in a table that was empty when the
import began (this import's own keys and uids are tracked here; later chunks look earlier
ones up, so memory holds one chunk); the insert triggers of FTS and event_feeds are set
aside and their work is done in one statement each per chunk (_SetAside); inserts are
batched; the WAL is copied into the database once, at the end. Most of an import's time is
then json.loads (twice), the per-line checks, and SQLite storing rows, index entries and
the FTS indexes (bench/export.py, README "Benchmarks").

Past 600 lines: the merge's state (_Merger) and the trigger handling it relies on
(_SetAside) are one step of one import, read together.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sahel_tui import paths
from sahel_tui.store.db import rollback
from sahel_tui.store.decisions import default_coder, now_iso
from sahel_tui.vocab import Vocab

from .definitions import Names, add_imported, added_line
from .incoming import (
    ITEM_COLUMNS,
    Feed,
    Item,
    Record,
    VocabCheck,
    coding_hash,
    fast_record,
    parse_record,
)
from .jsonl import EVENT_FIELDS, VERSION, ExchangeError, read_lines

CHUNK = 2000
CACHE_KIB = 24 * 1024  # page cache while importing (KiB): the indexes of big imports, within
#                       the import's memory budget (peak RSS <= 150 MB, bench/export.py)
_EVENT_COLS = ("id", *EVENT_FIELDS, "deleted")
_INSERT_EVENT = (f"INSERT INTO events ({', '.join(_EVENT_COLS)}) "
                 f"VALUES ({', '.join('?' * len(_EVENT_COLS))})")
_INSERT_ITEM = ("INSERT INTO items (id, uid, feed_id, "
                f"{', '.join(ITEM_COLUMNS)}, first_seen_at, updated_at, status_at, status) "
                f"VALUES ({', '.join('?' * (len(ITEM_COLUMNS) + 6))}, 'coded')")


@dataclass
class ImportResult:
    path: Path
    items_added: int = 0
    items_changed: int = 0  # known items that got a feed link they lacked
    events_added: int = 0
    events_changed: int = 0  # known events that got an item link they lacked
    events_unchanged: int = 0
    events_older: int = 0  # theirs is a version we had before (part of unchanged)
    events_disputed: int = 0  # copies stored because the same uid is coded differently here
    items_recoded: int = 0  # items here, not coded, that now have (imported) live events
    items_triaged: int = 0  # of which dismissed or flagged here
    conflicts: list[int] = field(default_factory=list)  # ids of the new conflicts
    actors_added: list[str] = field(default_factory=list)  # new to the vocabulary
    places_added: list[str] = field(default_factory=list)  # new to the gazetteer
    import_id: int | None = None

    @property
    def changed_anything(self) -> bool:
        return bool(self.items_added or self.items_changed or self.events_added
                    or self.events_changed or self.events_disputed or self.conflicts)

    def summary(self) -> str:
        s = (f"items: {self.items_added} added, {self.items_changed} changed; "
             f"events: {self.events_added} added, {self.events_changed} changed, "
             f"{self.events_unchanged} unchanged")
        if self.events_older:
            s += f" ({self.events_older} older than ours)"
        if self.events_disputed:
            s += f", {self.events_disputed} coded differently here (both kept)"
        s += f"; conflicts: {len(self.conflicts)}"
        if self.items_recoded:
            s += f"; {self.items_recoded} items uncoded here are now coded"
            if self.items_triaged:
                s += f" ({self.items_triaged} of them dismissed or flagged here)"
        added = added_line(self.actors_added, self.places_added)
        return f"{s}; {added}" if added else s


def import_jsonl(conn: sqlite3.Connection, path: str | Path, *, coder: str | None = None,
                 progress: Callable[[int], None] | None = None,
                 vocab: Vocab | None = None) -> ImportResult:
    """Merge a sahel-tui JSONL export into this database. Every line is checked first: a
    file with a line it cannot use raises ExchangeError (naming the file, line and field)
    and nothing is written. Then the lines are stored in chunks of CHUNK, one transaction
    each, so the write lock is never held for long and a failure (a full disk) keeps the
    chunks stored before it; importing the file again completes it. ``progress(n)``: n
    lines stored (committed) so far. ``vocab``: the analyst's (incoming.VocabCheck)."""
    path = Path(path)
    if path.is_dir():
        raise ExchangeError(f"{path}: is a folder; give the .jsonl file to import")
    if not path.is_file():
        raise ExchangeError(f"{path}: no such file")
    hasher = hashlib.sha256()
    check = VocabCheck(vocab)
    names = Names(check.vocab, conn)
    for _ in _read(path, hasher, check, build=False, names=names):  # the check, before
        pass  #                                                         anything is written
    new_actors, new_places = names.finish()
    add_imported(conn, check.vocab.user_dir or paths.user_config_dir(), path, new_actors,
                 new_places)
    merger = _Merger(conn, path, coder or default_coder(), hasher.hexdigest())
    merger.result.actors_added = [a.name for a in new_actors]
    merger.result.places_added = [p.record.name for p in new_places]
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    temp_store = conn.execute("PRAGMA temp_store").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {min(cache, -CACHE_KIB)}")  # indexes of big imports
    conn.execute("PRAGMA temp_store = MEMORY")
    # one checkpoint after the last chunk, not one per chunk: each copied the index pages
    # every chunk touches into the database again (the chunks are in the WAL, committed)
    autocheckpoint = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    # hundreds of thousands of tuples, none in a cycle: the collector would only walk them
    collecting = gc.isenabled()
    gc.disable()
    try:
        done = 0
        for batch in _read(path, None, None):  # checked: the rows only
            with _transaction(conn):
                merger.chunk(batch)
            done += len(batch)
            if progress:
                progress(done)
        with _transaction(conn):
            return merger.finish()
    finally:
        if collecting:
            gc.enable()
        conn.execute(f"PRAGMA cache_size = {cache}")
        conn.execute(f"PRAGMA temp_store = {temp_store}")
        conn.execute(f"PRAGMA wal_autocheckpoint = {autocheckpoint}")
        with contextlib.suppress(sqlite3.OperationalError):  # a full disk: a later commit
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()  # checkpoints


@contextlib.contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise


def _read(path: Path, hasher, check: VocabCheck | None, build: bool = True,
          names: Names | None = None) -> Iterator[list[Record]]:
    """Batches of CHUNK Records, read and (``check``, ``names``) checked against the
    vocabulary and its names (``build``: see fast_record)."""
    batch: list[Record] = []
    for number, obj, text in read_lines(path, hasher):
        rec = (fast_record(obj, number, text, build=build)
               or parse_record(obj, f"{path}, line {number}", number, text))
        if check is not None:
            check(rec, f"{path}, line {number}")
        if names is not None:
            names.check(rec.row, obj, f"{path}, line {number}")
        batch.append(rec)
        if len(batch) >= CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _select_in(conn: sqlite3.Connection, sql: str, values: list, extra: tuple = ()) -> list:
    """Run ``sql`` (with one ``{}`` for the IN list) over ``values`` in slices."""
    out = []
    for i in range(0, len(values), 5000):
        part = values[i:i + 5000]
        out += conn.execute(sql.format(_marks(len(part))), [*part, *extra]).fetchall()
    return out


def _tuples(conn: sqlite3.Connection, sql: str, values: list) -> list[tuple]:
    return [tuple(r) for r in _select_in(conn, sql, values)]


def _words(sql: str) -> str:
    return " ".join(sql.split())


#: insert triggers whose work is done in one statement per table at the end of an import:
#: the FTS ones by rewriting their own body (below); these by a statement that gives the
#: same rows, for their exact SQL (migration 0004; a changed trigger is simply left alone).
#: Parameters: the first item and event ids of the import (rows from there on are new).
_KNOWN = {
    "event_feeds_ev_ai": (_words("""
        CREATE TRIGGER event_feeds_ev_ai AFTER INSERT ON events BEGIN
            UPDATE event_feeds SET event_date = new.event_date, fatalities = new.fatalities,
                deleted = new.deleted WHERE event_id = new.id;
        END"""), None),  # a new event has no event_feeds row yet (its links come after it)
    "event_feeds_ei_ai": (_words("""
        CREATE TRIGGER event_feeds_ei_ai AFTER INSERT ON event_items BEGIN
            INSERT OR IGNORE INTO event_feeds (feed_id, event_id, event_date, fatalities, deleted)
                SELECT x.feed_id, e.id, e.event_date, e.fatalities, e.deleted
                FROM item_feeds x, events e WHERE x.item_id = new.item_id AND e.id = new.event_id;
        END"""), "INSERT OR IGNORE INTO event_feeds (feed_id, event_id, event_date, fatalities, "
                 "deleted) SELECT x.feed_id, e.id, e.event_date, e.fatalities, e.deleted "
                 "FROM event_items new JOIN item_feeds x ON x.item_id = new.item_id "
                 "JOIN events e ON e.id = new.event_id WHERE new.event_id >= :first_event"),
    "event_feeds_if_ai": (_words("""
        CREATE TRIGGER event_feeds_if_ai AFTER INSERT ON item_feeds BEGIN
            INSERT OR IGNORE INTO event_feeds (feed_id, event_id, event_date, fatalities, deleted)
                SELECT new.feed_id, e.id, e.event_date, e.fatalities, e.deleted
                FROM event_items ei JOIN events e ON e.id = ei.event_id WHERE ei.item_id = new.item_id;
        END"""), "INSERT OR IGNORE INTO event_feeds (feed_id, event_id, event_date, fatalities, "
                 "deleted) SELECT new.feed_id, e.id, e.event_date, e.fatalities, e.deleted "
                 "FROM item_feeds new JOIN event_items ei ON ei.item_id = new.item_id "
                 "JOIN events e ON e.id = ei.event_id WHERE new.item_id >= :first_item"),
}
#: an insert trigger that copies the new row into another table (the FTS indexes)
_COPY_TRIGGER = re.compile(
    r"CREATE TRIGGER (\w+) AFTER INSERT ON (items|events) BEGIN "
    r"(INSERT (?:OR \w+ )?INTO \w+ \([\w, ]+\)) VALUES \((.*)\); END", re.IGNORECASE)
_FIRST = {"items": "first_item", "events": "first_event"}


class _SetAside:
    """The insert triggers of the tables an import fills, dropped inside its transaction
    before the first insert into their table and put back from their own SQL at the end,
    after one statement per trigger has done their work for all the new rows (row by row,
    the FTS and event_feeds triggers make a bulk insert several times slower). Rows that
    touch what was there before the import (links of old events, feeds of old items) are
    inserted after restore(), so the triggers see them. A rollback puts the triggers back,
    and no other connection writes meanwhile (the import holds the write lock). Only
    triggers known to be equivalent to their statement are set aside."""

    def __init__(self, conn: sqlite3.Connection, first: dict[str, int]) -> None:
        self.conn, self.first = conn, first
        self.table: dict[str, list[tuple[str, str, str | None]]] = {}
        for name, table, sql in conn.execute(
                "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name IN ('items', 'events', 'item_feeds', 'event_items')"):
            bulk = self._bulk(name, table, sql)
            if bulk:  # the statement must compile here
                try:
                    conn.execute(f"EXPLAIN {bulk}", self._params(bulk)).fetchall()
                except sqlite3.Error:
                    bulk = False
            if bulk is not False:
                self.table.setdefault(table, []).append((name, sql, bulk))
        self.dropped: list[tuple[str, str, str | None]] = []

    @staticmethod
    def _bulk(name: str, table: str, sql: str):
        """The statement doing the trigger's work for the new rows; None: nothing to do;
        False: not set aside."""
        words = _words(sql)
        known = _KNOWN.get(name)
        if known is not None:
            return known[1] if words == known[0] else False
        m = _COPY_TRIGGER.fullmatch(words)
        if m is None or m.group(1) != name or m.group(2) != table or ";" in m.group(4):
            return False
        return (f"{m.group(3)} SELECT {m.group(4)} FROM {table} AS new "
                f"WHERE new.id >= :{_FIRST[table]}")

    def set_aside(self, *tables: str) -> None:
        for table in tables:
            for name, sql, bulk in self.table.pop(table, ()):
                self.conn.execute(f"DROP TRIGGER {name}")
                self.dropped.append((name, sql, bulk))

    def _params(self, bulk: str) -> dict[str, int]:
        return {k: v for k, v in self.first.items() if f":{k}" in bulk}

    def restore(self) -> None:
        for _, sql, bulk in self.dropped:
            if bulk is not None:
                self.conn.execute(bulk, self._params(bulk))
            self.conn.execute(sql)
        self.dropped = []


class _Merger:
    """The state of one import across its chunks. Each chunk is its own transaction
    (chunk(): begin() ... end()); other writers may commit between two chunks, so the row
    ids, and whether the tables held anything, are read again at the start of each."""

    def __init__(self, conn: sqlite3.Connection, path: Path, coder: str, sha256: str) -> None:
        self.conn, self.path, self.coder, self.sha256 = conn, path, coder, sha256
        self.result = ImportResult(path)
        self.now = now_iso()
        self.item_ids: dict[str, int] = {}  # incoming item uid -> local id
        self.new_keys: dict[str, int] = {}  # keys added by this import
        self.new_items: set[int] = set()
        self.before: dict[int, list[int]] = {}  # item -> its live events before the import
        self.known_uids: dict[str, tuple[int, str]] = {}  # events added here: uid -> (id, hash)
        self.coded: set[int] = set()  # items that get live imported events
        self.disputes: dict[int, dict] = {}  # item -> {"theirs": [...], "replaced": [...], "uids"}
        self.item_uids: dict[int, set[str]] = {}  # item here before -> event uids brought for it
        self.conflict_of: dict[int, int] = {}  # item -> the conflict recorded for it
        self.touched: set[int] = set()  # items whose disputes this chunk changed
        self.copies: dict[tuple[str, str], int] = {}  # (uid, coding hash) -> stored copy
        # rows that must meet the triggers (links of events, and feeds of items, that were
        # here before the chunk): inserted at its end, once the triggers are back
        self.late_links: list[tuple[int, int]] = []
        self.late_feeds: list[tuple] = []
        self.import_id: int | None = None
        self.next_item = self.next_event = 0
        self.items_before = self.events_before = False

    def begin(self) -> None:
        """The start of a chunk's transaction."""
        c = self.conn
        top_item = c.execute("SELECT coalesce(max(id), 0) FROM items").fetchone()[0]
        top_event = c.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0]
        if self.import_id is None:
            # what was here before the import: nothing there, nothing to look up
            self.items_before = c.execute("SELECT EXISTS (SELECT 1 FROM item_keys)").fetchone()[0]
            self.events_before = c.execute("SELECT EXISTS (SELECT 1 FROM events)").fetchone()[0]
            self.import_id = c.execute(
                "INSERT INTO imports (at, coder, file, sha256, format_version) "
                "VALUES (?, ?, ?, ?, ?)", (self.now, self.coder, str(self.path), self.sha256,
                                           VERSION)).lastrowid
        else:  # someone else wrote since the last chunk: look their rows up from now on
            self.items_before = self.items_before or top_item >= self.next_item
            self.events_before = self.events_before or top_event >= self.next_event
        self.next_item, self.next_event = top_item + 1, top_event + 1
        # rows from these ids on are this chunk's (the import holds the write lock)
        self.first_item, self.first_event = self.next_item, self.next_event
        self.feeds: dict[str, int] = {}
        for fid, url, config_url in c.execute("SELECT id, url, config_url FROM feeds"):
            self.feeds.setdefault(config_url, fid)
            self.feeds.setdefault(url, fid)
        self.triggers = _SetAside(c, {"first_item": self.first_item,
                                      "first_event": self.first_event})

    # -- feeds and items -------------------------------------------------------------------
    def _feed_id(self, f: Feed) -> int:
        fid = self.feeds.get(f.url)
        if fid is None:
            fid = self.conn.execute(
                "INSERT INTO feeds (url, config_url, name, tags, language, reliability, enabled) "
                "VALUES (?, ?, ?, ?, ?, ?, 0)",
                (f.url, f.url, f.name, f.tags, f.language, f.reliability)).lastrowid
            self.feeds[f.url] = fid
        return fid

    def _items(self, records: list[Record]) -> None:
        item_ids = self.item_ids
        incoming: dict[str, Item] = {}
        for rec in records:
            for it in rec.items:
                if it.uid not in item_ids and it.uid not in incoming:
                    incoming[it.uid] = it
        if not incoming:
            return
        new_keys = self.new_keys
        if self.items_before:
            keys = list({k for it in incoming.values() for k in it.keys})
            found = dict(_select_in(self.conn, "SELECT key, item_id FROM item_keys "
                                               "WHERE key IN ({})", keys))
            found.update({k: v for k in keys if (v := new_keys.get(k))})
        else:  # no item was here before: only this import's keys can match
            found = new_keys
        existing: dict[int, Item] = {}
        new_rows, key_rows, feed_rows = [], [], []
        now, new_items = self.now, self.new_items
        for uid, it in incoming.items():
            local = None
            for k in it.keys:
                local = found.get(k)
                if local is not None:
                    break
            if local is None:
                local = self.next_item
                self.next_item += 1
                if it.feeds:
                    fids = [self._feed_id(f) for f, _ in it.feeds]
                    feed_rows += [(local, fid, link, now)
                                  for fid, (_, link) in zip(fids, it.feeds, strict=True)]
                else:
                    fids = [self._feed_id(Feed(f"urn:sahel-tui:import:{self.import_id}",
                                               "imported", "[]", None, "F"))]
                new_rows.append((local, uid, fids[0], *it.values, now, now, now))
                new_items.add(local)
            elif local not in new_items:
                existing[local] = it
            item_ids[uid] = local
            for k in it.keys:
                if k not in found:
                    found[k] = local
                    new_keys[k] = local
                    key_rows.append((k, local))
        self.result.items_added += len(new_rows)
        c = self.conn
        if new_rows:
            self.triggers.set_aside("items", "item_feeds")
        c.executemany(_INSERT_ITEM, new_rows)
        c.executemany("INSERT OR IGNORE INTO item_keys (key, item_id) VALUES (?, ?)", key_rows)
        if existing:
            ids = list(existing)
            for item_id, event_id in _select_in(
                c, "SELECT ei.item_id, e.id FROM event_items ei JOIN events e ON e.id = "
                   "ei.event_id WHERE e.deleted = 0 AND ei.item_id IN ({})", ids):
                self.before.setdefault(item_id, []).append(event_id)
            links = set(_tuples(c, "SELECT item_id, feed_id FROM item_feeds "
                                      "WHERE item_id IN ({})", ids))
            for item_id, it in existing.items():
                added = False
                for f, link in it.feeds:
                    fid = self._feed_id(f)
                    if (item_id, fid) not in links:
                        links.add((item_id, fid))
                        self.late_feeds.append((item_id, fid, link, now))
                        added = True
                self.result.items_changed += added
        c.executemany("INSERT OR IGNORE INTO item_feeds (item_id, feed_id, link, first_seen) "
                      "VALUES (?, ?, ?, ?)", feed_rows)

    # -- events ----------------------------------------------------------------------------
    def chunk(self, records: list[Record]) -> None:
        """Store one chunk (inside its transaction)."""
        self.begin()
        self._chunk(records)
        self.end()

    def _chunk(self, records: list[Record]) -> None:
        self._items(records)
        c, r, known, item_ids = self.conn, self.result, self.known_uids, self.item_ids
        local: dict[str, sqlite3.Row] = {}
        local_links: set[tuple[int, int]] = set()
        if self.events_before:  # else only this import's events can match (known_uids)
            uids = [u for u in {rec.row[0] for rec in records} if u not in known]
            local = {row["uid"]: row for row in _select_in(
                c, "SELECT * FROM events WHERE uid IN ({})", uids)}
            local_links = set(_tuples(c, "SELECT event_id, item_id FROM event_items "
                                         "WHERE event_id IN ({})", [x["id"] for x in local.values()]))
            self.copies.update({(u, h): eid for u, h, eid in _select_in(
                c, "SELECT origin_uid, content_hash, event_id FROM event_origins "
                   "WHERE origin_uid IN ({})", uids)})
        local_links.update(self.late_links)
        copies, new_items, coded, before = self.copies, self.new_items, self.coded, self.before
        events, origins, history, links = [], [], [], []
        pending: dict[str, tuple] = {}  # rows of this chunk, not inserted yet
        for rec in records:
            row = rec.row
            uid = row[0]
            if len(rec.items) == 1:
                ids = [item_ids[rec.items[0].uid]]
            else:
                ids = list(dict.fromkeys(item_ids[it.uid] for it in rec.items))
            for item_id in ids:
                if item_id not in new_items:
                    self.item_uids.setdefault(item_id, set()).add(uid)
            mine = local.get(uid)
            if uid in known:  # the same event twice in one file
                event_id, h = known[uid]
                if h == rec.hash:
                    r.events_unchanged += 1
                    continue
                mine = (dict(zip(_EVENT_COLS, pending[uid], strict=True)) if uid in pending
                        else c.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone())
            if mine is not None and coding_hash(mine) == rec.hash:
                missing = [i for i in ids if (mine["id"], i) not in local_links]
                if mine["id"] >= self.first_event:
                    links += [(mine["id"], i) for i in missing]
                else:
                    self.late_links += [(mine["id"], i) for i in missing]
                local_links.update((mine["id"], i) for i in missing)
                if missing and not mine["deleted"]:
                    coded.update(missing)
                if missing:
                    r.events_changed += 1
                else:
                    r.events_unchanged += 1
                continue
            if mine is not None and ((uid, rec.hash) in copies or rec.hash in self._past(mine["id"])):
                r.events_unchanged += 1
                r.events_older += (uid, rec.hash) not in copies
                continue
            event_id = self.next_event
            self.next_event += 1
            if mine is not None:  # same uid, coded differently here: keep both
                full = (event_id, f"{uid}~{rec.hash[:12]}", *row[1:], 0)
                r.events_disputed += 1
                copies[(uid, rec.hash)] = event_id
            else:
                full = (event_id, *row, 0)
                known[uid] = (event_id, rec.hash)
                pending[uid] = full
                r.events_added += 1
            events.append(full)
            o = rec.origin
            origins.append((event_id, self.import_id, uid, rec.hash, o[0], o[1], o[2],
                            mine["id"] if mine is not None else None))
            if rec.history != "[]":
                history.append((event_id, rec.history))
            if len(ids) == 1:
                links.append((event_id, ids[0]))
            else:
                links += [(event_id, i) for i in ids]
            coded.update(ids)
            for item_id in ids:
                if mine is None and item_id not in before:
                    continue  # a first coding of this item: nothing to dispute
                d = self.disputes.setdefault(item_id, {"theirs": [], "replaced": [], "uids": set()})
                self.touched.add(item_id)
                d["theirs"].append(event_id)
                if mine is not None:
                    d["replaced"].append(mine["id"])
                    d["uids"].add(uid)
        if events:
            self.triggers.set_aside("events", "event_items")
        c.executemany(_INSERT_EVENT, events)
        c.executemany("INSERT INTO event_items (event_id, item_id) VALUES (?, ?)", links)
        c.executemany("INSERT INTO event_origins (event_id, import_id, origin_uid, content_hash, "
                      "origin_database, origin_name, origin_analyst, replaces) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", origins)
        c.executemany("INSERT INTO event_history (event_id, entries) VALUES (?, ?)", history)

    def _past(self, event_id: int) -> set[str]:
        """Coding hashes of every earlier version of a local event (its decision log and the
        history it was imported with)."""
        snaps = []
        for before, after in self.conn.execute(
                "SELECT before, after FROM decisions WHERE target = ?", (f"event:{event_id}",)):
            snaps += [before, after]
        for (entries,) in self.conn.execute(
                "SELECT entries FROM event_history WHERE event_id = ?", (event_id,)):
            for h in json.loads(entries):
                if isinstance(h, dict):
                    snaps += [h.get("before"), h.get("after")]
        out = set()
        for s in snaps:
            if isinstance(s, str):
                s = json.loads(s)
            if isinstance(s, dict):
                with contextlib.suppress(KeyError, TypeError, ValueError):
                    out.add(coding_hash(s))  # a snapshot of another shape is not comparable
        return out

    # -- the end of a chunk: triggers, conflicts, item status, the import log ----------------
    def end(self) -> None:
        c, r = self.conn, self.result
        self.triggers.restore()
        c.executemany("INSERT INTO event_items (event_id, item_id) VALUES (?, ?)", self.late_links)
        c.executemany("INSERT OR IGNORE INTO item_feeds (item_id, feed_id, link, first_seen) "
                      "VALUES (?, ?, ?, ?)", self.late_feeds)
        self.late_links, self.late_feeds = [], []
        for item_id in sorted(self.touched):  # recorded now, completed by later chunks
            d = self.disputes[item_id]
            local = list(dict.fromkeys(self.before.get(item_id, []) + d["replaced"]))
            if not (d["theirs"] and local):
                continue
            uids = sorted(self.item_uids.get(item_id, set()) | d["uids"])
            values = (json.dumps(local), json.dumps(d["theirs"]), json.dumps(uids))
            if item_id in self.conflict_of:
                c.execute("UPDATE conflicts SET local_events = ?, their_events = ?, "
                          "their_uids = ? WHERE id = ?", (*values, self.conflict_of[item_id]))
            else:
                self.conflict_of[item_id] = cid = c.execute(
                    "INSERT INTO conflicts (import_id, item_id, local_events, their_events, "
                    "their_uids, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (self.import_id, item_id, *values, self.now)).lastrowid
                r.conflicts.append(cid)
        self.touched = set()
        coded = list(self.coded - self.new_items)
        r.items_triaged += sum(n for (n,) in _select_in(
            c, "SELECT count(*) FROM items WHERE id IN ({}) AND status IN ('dismissed', "
               "'flagged')", coded))
        for i in range(0, len(coded), 5000):
            part = coded[i:i + 5000]
            cur = c.execute(f"UPDATE items SET status = 'coded', status_at = ? WHERE id IN "
                            f"({_marks(len(part))}) AND status != 'coded'", [self.now, *part])
            r.items_recoded += cur.rowcount
        # items added by earlier chunks, left 'new' there, coded by this one
        earlier = [i for i in self.coded & self.new_items if i < self.first_item]
        _select_in(c, "UPDATE items SET status = 'coded' WHERE id IN ({}) AND status = 'new'",
                   earlier)
        self.coded = set()
        # added as 'coded': the few of this chunk that got no live event are 'new'
        c.execute("UPDATE items SET status = 'new' WHERE id >= ? AND NOT EXISTS (SELECT 1 "
                  "FROM event_items ei JOIN events e ON e.id = ei.event_id "
                  "WHERE ei.item_id = items.id AND e.deleted = 0)", (self.first_item,))
        self._log()
        # all of it is stored now: later chunks look it up in the tables (lookups by key
        # and uid), so memory holds no more than a chunk's worth whatever the file's size
        self.item_ids.clear()
        self.new_keys.clear()
        self.known_uids.clear()
        self.copies.clear()
        self.items_before = self.events_before = True

    def _log(self) -> None:
        r = self.result
        self.conn.execute(
            "UPDATE imports SET items_added = ?, items_changed = ?, events_added = ?, "
            "events_changed = ?, events_unchanged = ?, conflicts = ? WHERE id = ?",
            (r.items_added, r.items_changed, r.events_added + r.events_disputed,
             r.events_changed, r.events_unchanged, len(r.conflicts), self.import_id))

    def finish(self) -> ImportResult:
        """The end of the import (in a transaction of its own)."""
        r = self.result
        if self.import_id is None:  # a file without lines
            return r
        if not r.changed_anything:
            self.conn.execute("DELETE FROM imports WHERE id = ?", (self.import_id,))
            return r
        r.import_id = self.import_id
        return r
