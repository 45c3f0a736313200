"""One line of an exchange file, checked and normalised before it touches the database.

Every value is checked against the events table's types and CHECK constraints here, and
(VocabCheck) against the analyst's vocabulary: event and sub-event types that belong
together, the disorder type, the country, the inter types, a calendar date, no negative
fatalities. A bad file stops with ``FILE, line N: event.field ...`` before anything is
written.
Also: the coding hash that says whether two versions of an event code the same thing.
"""

from __future__ import annotations

import hashlib
import json
import operator
import re
from dataclasses import MISSING, fields
from datetime import date
from typing import NamedTuple

from sahel_tui.ingest.sanitize import clean_text
from sahel_tui.store.events import Event
from sahel_tui.vocab import INTER_TYPES, Vocab

from .acled import analyst_vocab, json_encoder
from .jsonl import EVENT_FIELDS, ExchangeError

#: what an analyst codes; two versions of an event with equal values here are the same
CODING_FIELDS = tuple(f for f in EVENT_FIELDS if f not in ("uid", "coder", "coded_at", "updated_at"))

_DEFAULTS = {f.name: (f.default if f.default is not MISSING else
                      f.default_factory() if f.default_factory is not MISSING else MISSING)
             for f in fields(Event)}
_TYPES = {f.name: str(f.type) for f in fields(Event)}
_encode = json_encoder()
_compact = json_encoder((",", ":"))
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CHOICES = {"time_precision": (1, 2, 3), "geo_precision": (1, 2, 3),
            "reliability": (None, "A", "B", "C", "D", "E", "F"),
            "credibility": (None, 1, 2, 3, 4, 5, 6),
            "confidence": (None, "low", "moderate", "high")}
_REQUIRED = ("uid", "event_date", "event_type", "sub_event_type", "coder", "coded_at",
             "updated_at")


def coding_hash(values) -> str:
    """Hash of the coding fields of an event given as a dict, a sqlite3.Row or a decision
    snapshot (associated actors as a list or as JSON text)."""
    out = []
    for k in CODING_FIELDS:
        v = values[k]
        if k in ("assoc_actor_1", "assoc_actor_2"):
            v = json.loads(v or "[]") if isinstance(v, str) else list(v or [])
        elif k == "civilian_targeting":
            v = bool(v)
        elif k in ("latitude", "longitude") and v is not None:
            v = float(v)
        out.append(v)
    return hashlib.sha1(_encode(out).encode()).hexdigest()


class Feed(NamedTuple):
    """A feed that carried an item, as the feeds table would store it."""
    url: str  # its URL, else urn:sahel-tui:feed:<name>
    name: str
    tags: str  # JSON list
    language: object
    reliability: str


class Item(NamedTuple):
    uid: str
    keys: tuple[str, ...]  # every key it is known by, its uid first
    values: tuple  # ITEM_COLUMNS
    feeds: tuple[tuple[Feed, object], ...]  # (feed, the item's link there)


#: Item.values, in this order
ITEM_COLUMNS = ("guid", "link", "canonical_link", "title", "author", "published",
                "published_guessed", "text", "content_hash", "language", "article")


class Record(NamedTuple):
    """One line, checked, in the form the tables take it."""
    row: tuple  # EVENT_FIELDS as the events table stores them (associated actors as JSON
    #             text, civilian_targeting 0/1)
    items: tuple[Item, ...]
    history: str  # JSON list of the entries
    origin: tuple[str, str, str]  # (database, name, analyst): where it was first coded
    line: int
    hash: str  # coding_hash of the event


def _bad(where: str, key: str, message: str) -> ExchangeError:
    return ExchangeError(f"{where}: {key} {message}")


def _spec():
    out = []
    for name in EVENT_FIELDS:
        kind = _TYPES[name]
        base = kind.replace(" | None", "")
        required = name in _REQUIRED or _DEFAULTS[name] is MISSING
        out.append((name, base, kind.endswith("| None"), _DEFAULTS[name], required))
    return tuple(out)


_SPEC = _spec()
_EXACT = {"str": str, "int": int, "float": float}


def _check(name: str, base: str, v, where: str):
    """The slow path: anything but a value of exactly the expected type."""
    ok = {"str": isinstance(v, str),
          "int": isinstance(v, int) and not isinstance(v, bool),
          "float": isinstance(v, int | float) and not isinstance(v, bool),
          "bool": isinstance(v, bool) or (type(v) is int and v in (0, 1)),
          "list[str]": isinstance(v, list) and all(type(x) is str for x in v)}[base]
    if not ok:
        raise _bad(where, f"event.{name}", f"must be {base}, not {json.dumps(v)[:40]}")
    return float(v) if base == "float" else bool(v) if base == "bool" else v


def _event(ev: dict, where: str) -> dict:
    out = {}
    for name, base, optional, default, required in _SPEC:
        if name not in ev:
            if required:
                raise _bad(where, f"event.{name}", "is missing")
            out[name] = default
            continue
        v = ev[name]
        if v is None:
            if not optional:
                raise _bad(where, f"event.{name}", "must not be null")
        elif not (type(v) is _EXACT.get(base) or (base == "bool" and type(v) is bool)
                  or (base == "list[str]" and type(v) is list
                      and all(type(x) is str for x in v))):
            v = _check(name, base, v, where)
        out[name] = v
    return out


def _raw_history(text: str, obj: dict) -> str | None:
    """The "history" array exactly as written, when it is the line's last key (as sahel-tui
    writes it): no need to encode it again. A '"history":' outside a string can only be a
    key (inside a string every quote is escaped), so one occurrence is the top-level one."""
    if next(reversed(obj)) != "history" or text.count('"history":') != 1:
        return None
    raw = text[text.index('"history":') + 10:].rstrip()
    if not raw.endswith("}"):
        return None
    raw = raw[:-1].rstrip()
    return raw if raw.startswith("[") and raw.endswith("]") else None


def parse_record(obj: dict, where: str, line: int, text: str = "") -> Record:
    event = _event(obj["event"], where)
    for name, allowed in _CHOICES.items():
        if event[name] not in allowed:
            raise _bad(where, f"event.{name}", f"must be one of {allowed}, not {event[name]!r}")
    if not event["uid"].strip():
        raise _bad(where, "event.uid", "is empty")
    if not _DATE.match(event["event_date"]):
        raise _bad(where, "event.event_date", f"must be YYYY-MM-DD, not {event['event_date']!r}")
    lat, lon = event["latitude"], event["longitude"]
    if (lat is not None and not -90 <= lat <= 90) or (lon is not None and not -180 <= lon <= 180):
        raise _bad(where, "event.latitude/longitude", "out of range")
    items = [_item(it, f"{where}: items[{i}]") for i, it in enumerate(obj["items"])]
    if not items:
        raise _bad(where, "items", "is empty: an event needs the item that reports it")
    for i, h in enumerate(obj["history"]):
        if type(h) is not dict:
            raise _bad(where, f"history[{i}]", "is not an object")
    history = "[]"
    if obj["history"]:
        history = _raw_history(text, obj) or _compact(obj["history"])
    return Record(_row(_GET_EVENT(event)), tuple(items), history, _origin(obj), line,
                  coding_hash(event))


def _row(values: tuple) -> tuple:
    """Event values (EVENT_FIELDS, as the format has them) as the events table stores them."""
    row = list(values)
    for i in _ASSOC:
        row[i] = _encode(row[i]) if row[i] else "[]"
    row[_CIVILIAN] = int(row[_CIVILIAN])
    return tuple(row)


def _origin(obj: dict) -> tuple[str, str, str]:
    """Who first coded the event: the provenance's origin, else the exporting database."""
    prov = obj.get("provenance") if isinstance(obj.get("provenance"), dict) else {}
    origin = prov.get("origin") if isinstance(prov.get("origin"), dict) else None
    if origin is None:
        db = prov.get("database") if isinstance(prov.get("database"), dict) else {}
        origin = {"database": db.get("id", ""), "name": db.get("name", ""),
                  "analyst": prov.get("analyst", "")}
    return (str(origin.get("database") or ""), str(origin.get("name") or ""),
            str(origin.get("analyst") or ""))


# -- the fast path: what sahel-tui writes, checked with fewer steps -----------------------
#
# fast_record gives the Record parse_record would give, for a line whose values all have
# exactly the expected types (every line sahel-tui writes); for anything else it returns
# None and parse_record decides (and names the problem).

_GET_EVENT = operator.itemgetter(*EVENT_FIELDS)
_ASSOC = (EVENT_FIELDS.index("assoc_actor_1"), EVENT_FIELDS.index("assoc_actor_2"))
_LAT, _LON = EVENT_FIELDS.index("latitude"), EVENT_FIELDS.index("longitude")
_CHOICE_POS = tuple((EVENT_FIELDS.index(k), frozenset(v)) for k, v in _CHOICES.items())
_UID, _DATE_POS = EVENT_FIELDS.index("uid"), EVENT_FIELDS.index("event_date")
_CIVILIAN = EVENT_FIELDS.index("civilian_targeting")
_CODING_POS = tuple(EVENT_FIELDS.index(k) for k in CODING_FIELDS)
_GET_CODING = operator.itemgetter(*_CODING_POS)
_BASE_TYPE = {"str": str, "int": int, "float": float, "bool": bool, "list[str]": list}
_good_types: set[tuple] = set()  # value types that _event takes as they are


def _types_ok(types: tuple) -> bool:
    """True when _event keeps values of these types unchanged (lists: their items apart)."""
    for (_, base, optional, _, _), t in zip(_SPEC, types, strict=True):
        if not (t is _BASE_TYPE[base] or (t is type(None) and optional)):
            return False
    return True


def _feeds(feeds: list[dict]) -> tuple[tuple[Feed, object], ...]:
    out = []
    for f in feeds:
        tags, rel, url, name, language = (f.get("tags"), f.get("reliability"), f.get("url"),
                                          f["name"], f.get("language"))
        try:  # the same few feeds on every line: made once
            key = (url, name, tuple(tags) if type(tags) is list else tags, language, rel)
            feed = _FEEDS.get(key)
        except TypeError:  # unhashable: an odd value somewhere
            key, feed = None, None
        if feed is None:
            feed = Feed(url or f"urn:sahel-tui:feed:{name}", name,
                        _encode(tags if isinstance(tags, list) else []), language,
                        rel if rel in _RELIABILITY else "F")
            if key is not None and len(_FEEDS) < 10_000:
                _FEEDS[key] = feed
        out.append((feed, f.get("link")))
    return tuple(out)


_RELIABILITY = tuple("ABCDEF")  # a tuple: a value of any JSON type can be looked up
_RELIABILITY_OK = (*_RELIABILITY, None)
_FEEDS: dict[tuple, Feed] = {}


def _make_item(it: dict, title: str, text: str, keys: list[str], feeds: list[dict]) -> Item:
    uid, canonical, get = it["uid"], it.get("canonical_link"), it.get
    all_keys = tuple(dict.fromkeys([uid, *keys, *([f"l:{canonical}"] if canonical else [])]))
    content_hash = get("content_hash") or hashlib.sha1(f"{title}\x00{text}".encode()).hexdigest()
    article = get("article")  # the full article, hostile like any page text
    return Item(uid, all_keys, (get("guid"), get("link"), canonical, title, get("author"),
                                it["published"], int(bool(get("published_guessed"))), text,
                                content_hash, get("language"),
                                clean_text(article) or None if article else None),
                _feeds(feeds))


def _item_ok(it) -> bool:
    """True when an item holds exactly what sahel-tui writes (fast_record may take it)."""
    if type(it) is not dict:
        return False
    get = it.get
    uid, published, canonical = get("uid"), get("published"), get("canonical_link")
    title, text, keys, feeds = get("title", ""), get("text", ""), get("keys", []), get("feeds", [])
    if (type(uid) is not str or not uid or type(published) is not str or not published
            or type(title) is not str or type(text) is not str or type(keys) is not list
            or type(feeds) is not list):
        return False
    for key in ("guid", "link", "author", "language", "content_hash", "article"):
        v = get(key)
        if v is not None and type(v) is not str:
            return False
    if canonical is not None and type(canonical) is not str:
        return False
    for k in keys:
        if type(k) is not str:
            return False
    for f in feeds:
        if type(f) is not dict:
            return False
        link = f.get("link")
        if link is not None and type(link) is not str:
            return False
        try:  # the same few feeds on every line: each judged once
            tags = f.get("tags")
            key = (f.get("name"), f.get("url"), f.get("language"), f.get("reliability"),
                   tuple(tags) if type(tags) is list else tags)
            if key in _GOOD_FEEDS:
                continue
        except TypeError:  # unhashable: an odd value somewhere
            key = None
        if _feed_problem(f) is not None:
            return False
        if key is not None and len(_GOOD_FEEDS) < 10_000:
            _GOOD_FEEDS.add(key)
    return True


_GOOD_FEEDS: set[tuple] = set()  # (name, url, language, reliability, tags) of good feeds


def _feed_problem(f: dict) -> str | None:
    """What is wrong with a feed of an item (field: problem), None when nothing is."""
    if type(f.get("name")) is not str or not f["name"]:
        return "name must be text"
    for key in ("url", "language", "link"):
        if f.get(key) is not None and type(f[key]) is not str:
            return f"{key} must be text or null, not {json.dumps(f[key])[:40]}"
    tags = f.get("tags")
    if tags is not None and not (type(tags) is list and all(type(t) is str for t in tags)):
        return f"tags must be a list of text, not {json.dumps(tags)[:40]}"
    if f.get("reliability") not in _RELIABILITY_OK:
        return f"reliability must be one of A-F or null, not {json.dumps(f['reliability'])[:40]}"
    return None


def fast_record(obj: dict, line: int, text: str, *, build: bool = True) -> Record | None:
    """The Record of a line (checked by jsonl._check_format) that holds exactly what
    sahel-tui writes, or None: then parse_record decides. ``build=False`` (the check of a
    file before anything is stored): the same checks, and a Record holding only the event
    values VocabCheck reads (its row), not the rows, keys and hashes the tables take."""
    ev = obj["event"]
    if type(ev) is not dict:
        return None
    try:
        values = _GET_EVENT(ev)
    except KeyError:
        return None
    types = tuple(map(type, values))
    if types not in _good_types:
        if not _types_ok(types):
            return None
        _good_types.add(types)
    for i in _ASSOC:
        for x in values[i]:
            if type(x) is not str:
                return None
    for i, allowed in _CHOICE_POS:
        if values[i] not in allowed or type(values[i]) is bool:
            return None
    lat, lon = values[_LAT], values[_LON]
    if (not values[_UID].strip() or not _DATE.match(values[_DATE_POS])
            or (lat is not None and not -90 <= lat <= 90)
            or (lon is not None and not -180 <= lon <= 180)):
        return None
    items = obj["items"]
    if not items:
        return None
    for it in items:
        if not _item_ok(it):
            return None
    for h in obj["history"]:
        if type(h) is not dict:
            return None
    if not build:
        return Record(values, (), "", ("", "", ""), line, "")
    history = "[]"
    if obj["history"]:
        history = _raw_history(text, obj) or _compact(obj["history"])
    digest = hashlib.sha1(_encode(list(_GET_CODING(values))).encode()).hexdigest()
    get = dict.get
    return Record(_row(values), tuple(_make_item(it, get(it, "title", ""), get(it, "text", ""),
                                                 get(it, "keys", []), get(it, "feeds", []))
                                      for it in items),
                  history, _origin(obj), line, digest)


def _item(it, where: str) -> Item:
    if not isinstance(it, dict):
        raise ExchangeError(f"{where} is not an object")
    for key in ("uid", "published"):
        if not isinstance(it.get(key), str) or not it[key]:
            raise ExchangeError(f"{where}.{key} is missing or not text")
    for key in ("guid", "link", "canonical_link", "author", "language", "content_hash",
                "article"):
        if it.get(key) is not None and not isinstance(it[key], str):
            raise ExchangeError(f"{where}.{key} must be text or null")
    for key in ("title", "text"):
        if not isinstance(it.get(key, ""), str):
            raise ExchangeError(f"{where}.{key} must be text")
    keys = it.get("keys", [])
    feeds = it.get("feeds", [])
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise ExchangeError(f"{where}.keys must be a list of text")
    if not isinstance(feeds, list) or not all(isinstance(f, dict) for f in feeds):
        raise ExchangeError(f"{where}.feeds must be a list of feeds")
    for j, f in enumerate(feeds):
        problem = _feed_problem(f)
        if problem is not None:
            raise ExchangeError(f"{where}.feeds[{j}].{problem}")
    return _make_item(it, it.get("title") or "", it.get("text") or "", keys, feeds)


# -- the vocabulary ----------------------------------------------------------------------------

_POS = {k: EVENT_FIELDS.index(k) for k in (
    "event_date", "event_type", "sub_event_type", "disorder_type", "inter1", "inter2",
    "country", "fatalities", "fatalities_best", "fatalities_high")}
_INTERS = frozenset(("", *INTER_TYPES))


class VocabCheck:
    """check(record, where): ExchangeError for a value outside the vocabulary (or not a
    calendar date, or negative fatalities). Each distinct combination is judged once."""

    def __init__(self, vocab: Vocab | None = None) -> None:
        self.vocab = vocab or analyst_vocab()
        self.subs = {s.name: s for s in self.vocab.sub_event_types}
        self.types = {e.name for e in self.vocab.event_types}
        self.good: set[tuple] = set()

    def __call__(self, rec: Record, where: str) -> None:
        row, p = rec.row, _POS
        try:
            date.fromisoformat(row[p["event_date"]])
        except ValueError:
            raise _bad(where, "event.event_date", "is not a calendar date: "
                       f"{row[p['event_date']]!r}") from None
        key = (row[p["event_type"]], row[p["sub_event_type"]], row[p["disorder_type"]],
               row[p["inter1"]], row[p["inter2"]], row[p["country"]])
        if key not in self.good:
            self._judge(key, where)
            self.good.add(key)
        for name in ("fatalities", "fatalities_best", "fatalities_high"):
            v = row[p[name]]
            if v is not None and v < 0:
                raise _bad(where, f"event.{name}", f"must not be negative, not {v}")

    def _judge(self, key: tuple, where: str) -> None:
        event_type, sub_type, disorder, inter1, inter2, country = key
        if event_type not in self.types:
            raise _bad(where, "event.event_type", f"{event_type!r} is not an event type of the "
                       f"vocabulary ({', '.join(sorted(self.types))})")
        sub = self.subs.get(sub_type)
        if sub is None:
            raise _bad(where, "event.sub_event_type", f"{sub_type!r} is not a sub-event type "
                       "of the vocabulary")
        if sub.event_type != event_type:
            raise _bad(where, "event.sub_event_type", f"{sub_type!r} belongs to "
                       f"{sub.event_type!r}, not to {event_type!r}")
        if disorder and disorder not in sub.disorder_types and disorder != sub.disorder_type:
            raise _bad(where, "event.disorder_type", f"{disorder!r} is not a disorder type of "
                       f"{sub_type!r} ({sub.disorder_type})")
        for name, value in (("inter1", inter1), ("inter2", inter2)):
            if value not in _INTERS:
                raise _bad(where, f"event.{name}", f"{value!r} is not an inter type "
                           f"({', '.join(INTER_TYPES)})")
        if country and self.vocab.country(country) is None:
            raise _bad(where, "event.country", f"{country!r} is not a country of the "
                       "vocabulary (add it to your countries file to import it)")
