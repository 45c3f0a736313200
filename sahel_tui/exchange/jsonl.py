"""The exchange format: JSON Lines, one event per line, versioned.

Each line is one JSON object::

    {"format": "sahel-tui/events", "version": 1,
     "provenance": {"database": {"id", "name"}, "analyst", "exported_at", "sahel_tui",
                    "origin": {"database", "name", "analyst", "imported_at"}   # imported only
                   },
     "event":   {uid, event_date, ... every Event field but the row id ...},
     "actors":  [{name, type, country}],   # only for actors the exporting analyst added
     "items":   [{uid, keys, guid, link, canonical_link, title, author, published,
                  published_guessed, language, content_hash, text,
                  feeds: [{name, url, tags, language, reliability, link}]}],
     "history": [{at, coder, op, action, before, after}, ...]}

``history`` is the decision log of the event, oldest first (``before``/``after`` are the
event snapshots of the database that made the decision, its row ids included). Reading
checks format and version, and names the file and line of anything it cannot use.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sahel_tui import __version__
from sahel_tui.store.decisions import get_state, now_iso
from sahel_tui.store.events import Event
from sahel_tui.vocab import Actor, fold_key

from .acled import json_encoder, names

if TYPE_CHECKING:
    from .selection import EventRecord, Feed, Item

FORMAT = "sahel-tui/events"
ITEMS_FORMAT = "sahel-tui/items"
VERSION = 1

#: the event fields carried by the format (the row id and the deleted flag are local)
EVENT_FIELDS = ("uid", *(f.name for f in fields(Event) if f.name not in ("id", "uid", "deleted")))

_encode = json_encoder((",", ":"))


class ExchangeError(Exception):
    """A file that cannot be used; the message names the file (and line)."""


def provenance(conn: sqlite3.Connection, analyst: str) -> dict:
    """Who exported, from which database, when, with which sahel-tui."""
    name = ""
    for row in conn.execute("PRAGMA database_list"):
        if row[1] == "main":
            name = Path(row[2]).name if row[2] else ":memory:"
    return {"database": {"id": get_state(conn, "database_id", "") or "", "name": name},
            "analyst": analyst, "exported_at": now_iso(), "sahel_tui": __version__}


def event_json(row: dict) -> dict:
    """The exchange's event object of a row read by selection.py with full=True (its keys:
    EVENT_FIELDS in order): that row, its lists and boolean made (in place: the row is
    the writer's, read once)."""
    row["assoc_actor_1"] = names(row["assoc_actor_1"])
    row["assoc_actor_2"] = names(row["assoc_actor_2"])
    row["civilian_targeting"] = bool(row["civilian_targeting"])
    return row


def feed_objects(feeds: dict[int, Feed]) -> dict[int, dict]:
    """The exchange's feed object of each feed but its "link" (the item's): made once."""
    return {fid: {"name": f.name, "url": f.url, "tags": list(f.tags), "language": f.language,
                  "reliability": f.reliability} for fid, f in feeds.items()}


def item_json(it: Item, feeds: dict[int, dict]) -> dict:
    """The exchange's item object of an item read with full=True (Item.extra); ``feeds``:
    feed_objects."""
    guid, canonical, author, guessed, language, content_hash, text, article = it.extra
    carried = [(feeds[fid], link) for fid, link in it.feeds if fid in feeds]
    if len(carried) > 1:
        carried.sort(key=lambda fl: (fl[0]["name"], fl[0]["url"]))
    out = {"uid": it.uid, "keys": it.keys, "guid": guid, "link": it.link,
           "canonical_link": canonical, "title": it.title, "author": author,
           "published": it.published, "published_guessed": bool(guessed),
           "language": language, "content_hash": content_hash, "text": text}
    if article:  # the full article, when fetched (a reader of version 1 skips it)
        out["article"] = article
    out["feeds"] = [{**f, "link": link} for f, link in carried]
    return out


def _line_start(prov: dict, origin: tuple | None) -> str:
    head = f'{{"format":"{FORMAT}","version":{VERSION},"provenance":'
    if origin is None:
        return head + _encode(prov)
    return head + _encode({**prov, "origin": {
        "database": origin[0], "name": origin[1], "analyst": origin[2]}})


def _line(start: str, rec: EventRecord, feeds: dict[int, dict], encoded: dict[int, str],
          actors: Definitions) -> str:
    parts = []
    for it in rec.items:
        text = encoded.get(it.id)
        if text is None:
            text = encoded[it.id] = _encode(item_json(it, feeds))
        parts.append(text)
    row = rec.row
    defs = actors.of(row) if actors else ""  # (before event_json makes the lists)
    return (f'{start},"event":{_encode(event_json(row))},{defs}'
            f'"items":[{",".join(parts)}],"history":[{rec.history}]}}\n')


class Definitions:
    """The "actors" list of a line: a definition (name, type, country) of each actor the
    line names that the exporting analyst added (their actors.toml), so the receiving
    analyst's import can add it (exchange/definitions.py). Empty: no analyst actors."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self.by_key = {fold_key(n): a for a in actors if a.source == "analyst" for n in a.names}
        self.defs: dict[str, tuple[str, ...]] = {}  # a name or an assoc list -> names defined
        self.texts: dict[tuple[str, ...], str] = {}  # names defined -> the "actors" text

    def __bool__(self) -> bool:
        return bool(self.by_key)

    def _defs(self, text: str, assoc: bool) -> tuple[str, ...]:
        found = self.defs.get(text)
        if found is None:
            found = tuple(n for n in (names(text) if assoc else (text,))
                          if fold_key(n) in self.by_key)
            if len(self.defs) < 100_000:
                self.defs[text] = found
        return found

    def of(self, row: dict) -> str:
        """The ``"actors":[...],`` text of a selection row (empty: none to define); made
        once for each set of names defined (few: the analyst's own actors)."""
        get = self.defs.get  # (inline: most lines are looked up, found, and define none)
        a1, s1, a2, s2 = row["actor1"], row["assoc_actor_1"], row["actor2"], row["assoc_actor_2"]
        d1, e1, d2, e2 = get(a1), get(s1), get(a2), get(s2)
        if d1 == e1 == d2 == e2 == ():  # all four seen, none defined
            return ""
        defined = ((d1 if d1 is not None else self._defs(a1, False))
                   + (e1 if e1 is not None else self._defs(s1, True))
                   + (d2 if d2 is not None else self._defs(a2, False))
                   + (e2 if e2 is not None else self._defs(s2, True)))
        if not defined:
            return ""
        text = self.texts.get(defined)
        if text is None:
            out: list[dict] = []
            for n in defined:
                a = self.by_key[fold_key(n)]
                d = {"name": n, "type": a.type, "country": a.country}
                if d not in out:
                    out.append(d)
            text = f'"actors":{_encode(out)},'
            if len(self.texts) < 100_000:
                self.texts[defined] = text
        return text


def write_jsonl(chunks: Iterable[list[EventRecord]], fh: TextIO, prov: dict,
                feeds: dict[int, Feed], tick: Callable[[int], None],
                actors: Iterable[Actor] = ()) -> int:
    """A line per event of ``chunks`` (read with full=True); returns the number of events.
    ``actors``: the exporting analyst's vocabulary (their own actors are defined)."""
    plain = _line_start(prov, None)
    objects = feed_objects(feeds)
    defs = Definitions(actors)
    n = 0
    for chunk in chunks:
        encoded: dict[int, str] = {}  # an item reported by two events is encoded once
        fh.write("".join([_line(plain if rec.origin is None else _line_start(prov, rec.origin),
                                rec, objects, encoded, defs) for rec in chunk]))
        n += len(chunk)
        tick(n)
    return n


# -- reading ------------------------------------------------------------------------------

def read_lines(path: Path, hasher=None, start: int = 1) -> Iterator[tuple[int, dict, str]]:
    """(line number, object, text) for every non-blank line from line ``start`` on;
    ExchangeError on anything else. ``hasher`` (hashlib object) is fed every byte read."""
    try:
        fh = open(path, "rb")  # noqa: SIM115 (closed below; bytes: exact line numbers)
    except OSError as exc:
        raise ExchangeError(f"{path}: cannot read ({exc.strerror})") from None
    with fh:
        for number, raw in enumerate(fh, 1):
            if hasher is not None:
                hasher.update(raw)
            if number < start:
                continue
            found = check_line(path, number, raw)
            if found is not None:
                yield number, found[0], found[1]


def check_line(path: Path, number: int, raw: bytes) -> tuple[dict, str] | None:
    """(object, text) of one line of an export, None for a blank one; ExchangeError for
    anything else."""
    if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if not raw.strip():
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ExchangeError(f"{path}, line {number}: not UTF-8 text; expected a "
                            f"sahel-tui JSONL export") from None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExchangeError(f"{path}, line {number}: not JSON ({exc.msg} at column "
                            f"{exc.colno}); expected a sahel-tui JSONL export") from None
    return _check_format(obj, path, number), text


def _check_format(obj, path: Path, number: int) -> dict:
    where = f"{path}, line {number}"
    if not isinstance(obj, dict) or "format" not in obj:
        raise ExchangeError(f"{where}: not a sahel-tui export line (no \"format\" field)")
    if obj["format"] == ITEMS_FORMAT:
        raise ExchangeError(f"{where}: this is a reading list (sahel-tui/items), not an "
                            f"events export; export with --format jsonl without --items")
    if obj["format"] != FORMAT:
        raise ExchangeError(f"{where}: unknown format {obj['format']!r} (expected {FORMAT!r})")
    version = obj.get("version")
    if not isinstance(version, int) or version < 1:
        raise ExchangeError(f"{where}: bad version {version!r}")
    if version > VERSION:
        raise ExchangeError(f"{where}: format version {version} is newer than this sahel-tui "
                            f"reads ({VERSION}); upgrade sahel-tui")
    for key, kind in (("event", dict), ("items", list), ("history", list)):
        if not isinstance(obj.get(key), kind):
            raise ExchangeError(f"{where}: \"{key}\" is missing or not a {kind.__name__}")
    return obj
