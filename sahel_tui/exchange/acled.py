"""One event as an ACLED row: the 31 columns in ACLED's order and spelling, then x_ columns.

Derived values:

- ``event_id_cnty``: the country's ISO alpha-3 code and the event's row id (``MLI1234``),
  unique and stable within one database (row ids are never reused: removal is a state).
  ``XXX`` when the country is not in the vocabulary. ``x_event_uid`` is the id that holds
  across databases.
- ``iso`` (ISO 3166-1 numeric) and ``region`` come from the country (vocabulary).
- ``actor1``, ``actor2`` and the associated actors: a state's actors carry ACLED's regime
  period of the event's date ("Military Forces of Mali (2021-)"; countries.toml
  ``regimes``), so the rows join with ACLED's; the database keeps the plain name, so the
  tallies of an actor do not split at a coup.
- ``interaction``: the two inter types, lower legacy code first, or ``X only``.
- ``source``: the outlets (feed names) of the event's items, sorted, joined with ``; ``.
- ``source_scale``: each outlet's scale comes from its feed tags (first tag found in
  SCALE_TAGS); the event's is the single scale, or ``Lower-Higher`` of the lowest and
  highest in SCALE_ORDER when its outlets differ (``Subnational-International``); empty
  when no outlet has a scale tag.
- ``disorder_type``: as coded, or (when left empty) the one the sub-event type implies.
- ``timestamp``: Unix time of ``updated_at`` (the row's last change).
- ``x_admiralty``: reliability letter + credibility digit (``B2``); a missing letter is the
  best default reliability of the event's feeds, a missing digit is 6 (cannot be judged).
- ``x_outlets``: how many distinct outlets carried the event's items.
- ``x_origin``: ``analyst@database`` for an imported event, empty for one coded here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from sahel_tui import paths
from sahel_tui.store.events import interaction
from sahel_tui.vocab import Vocab, VocabError, load_vocab
from sahel_tui.vocab.catalog import STATE_PREFIXES
from sahel_tui.vocab.model import Country

if TYPE_CHECKING:  # the records selection.py reads; this module is below it
    from .selection import EventRecord, Feed

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)
X_COLUMNS = (
    "x_admiralty", "x_confidence", "x_fatalities_best", "x_fatalities_high", "x_item_links",
    "x_outlets", "x_coder", "x_coded_at", "x_item_ids", "x_event_uid", "x_origin",
)
COLUMNS = ACLED_COLUMNS + X_COLUMNS
LAT, LON = COLUMNS.index("latitude"), COLUMNS.index("longitude")

SEP = "; "

#: feed tag -> ACLED source scale (tags compared case-insensitively)
SCALE_TAGS = {
    "international": "International", "wire": "International",
    "regional": "Regional",
    "national": "National", "national-daily": "National",
    "subnational": "Subnational", "local-news": "Subnational", "local-reporter": "Subnational",
    "local": "Local partner", "local-partner": "Local partner",
    "new-media": "New media", "social": "New media", "blog": "New media",
    "partisan-blog": "New media",
    "other": "Other", "un": "Other", "ngo": "Other", "un-ngo": "Other", "think-tank": "Other",
}
SCALE_ORDER = ("Local partner", "New media", "Other", "Subnational", "National", "Regional",
               "International")


def feed_scale(tags: list[str]) -> str | None:
    for t in tags:
        scale = SCALE_TAGS.get(t.lower())
        if scale:
            return scale
    return None


def source_scale(tag_lists: list[list[str]]) -> str:
    scales = {s for tags in tag_lists if (s := feed_scale(tags))}
    if not scales:
        return ""
    ordered = sorted(scales, key=SCALE_ORDER.index)
    return ordered[0] if len(ordered) == 1 else f"{ordered[0]}-{ordered[-1]}"


def analyst_vocab() -> Vocab:
    """The analyst's vocabulary (shipped + their countries), as the app loads it."""
    try:
        return load_vocab(paths.user_config_dir())
    except VocabError:
        return load_vocab()


class RowMaker:
    """Turns EventRecords into ACLED rows (lists in COLUMNS order, typed: int, float, str,
    None for empty). Countries, inter pairs and outlet sets are looked up once each."""

    def __init__(self, feeds: dict[int, Feed], vocab: Vocab | None = None) -> None:
        self.feeds = feeds
        self.vocab = vocab or analyst_vocab()
        self._countries: dict[str, tuple[str, int | None, str]] = {}
        self._interactions: dict[tuple[str, str], str] = {}
        self._disorders: dict[str, str] = {}
        self._states: dict[str, Country | None] = {}
        self._outlets: dict[tuple[int, ...], tuple[str, str, str | None, int]] = {}

    def country(self, name: str) -> tuple[str, int | None, str]:
        """(alpha-3 or 'XXX', ISO numeric, region) of a country name."""
        found = self._countries.get(name)
        if found is None:
            c = self.vocab.country(name)
            found = (c.alpha3, c.iso_numeric, c.region) if c else ("XXX", None, "")
            self._countries[name] = found
        return found

    def outlets(self, feed_ids: tuple[int, ...]) -> tuple[str, str, str | None, int]:
        """(source, source_scale, best default reliability, number of outlets)."""
        found = self._outlets.get(feed_ids)
        if found is None:
            feeds = [self.feeds[i] for i in feed_ids if i in self.feeds]
            names = sorted({f.name for f in feeds}, key=lambda n: (n.casefold(), n))
            first = {}
            for f in feeds:
                first.setdefault(f.name, list(f.tags))
            best = min((f.reliability for f in feeds if f.reliability), default=None)
            found = (SEP.join(names), source_scale(list(first.values())), best, len(names))
            self._outlets[feed_ids] = found
        return found

    def disorder(self, sub_event_type: str) -> str:
        """The disorder type a sub-event type implies, for events coded without one."""
        found = self._disorders.get(sub_event_type)
        if found is None:
            try:
                found = self.vocab.sub_event_type(sub_event_type).disorder_type
            except KeyError:
                found = ""
            self._disorders[sub_event_type] = found
        return found

    def interaction(self, inter1: str, inter2: str) -> str:
        key = (inter1, inter2)
        found = self._interactions.get(key)
        if found is None:
            found = self._interactions[key] = interaction(inter1, inter2)
        return found

    def actor(self, name: str, date: str) -> str:
        """ACLED's name of an actor on the event's date: a state's actors carry the regime
        period ("Military Forces of Mali (2021-)", see ``Vocab.dated_actor_name``)."""
        if name not in self._states:
            c = None
            for prefix in STATE_PREFIXES:
                if name.startswith(prefix) and "(" not in name:
                    c = self.vocab.country(name[len(prefix):])
            self._states[name] = c if c is not None and c.regimes else None
        c = self._states[name]
        if c is None:
            return name
        label = c.regime(date)
        return f"{name} ({label})" if label else name

    def actors(self, json_list: str | None, date: str) -> str:
        return SEP.join([self.actor(n, date) for n in names(json_list)])

    def row(self, rec: EventRecord) -> list:
        e = rec.row
        alpha3, iso, region = self.country(e["country"])
        source, scale, best, n_outlets = self.outlets(rec.feed_ids)
        lat, lon = e["latitude"], e["longitude"]
        reliability = e["reliability"] or best
        origin = rec.origin
        date = e["event_date"]
        return [
            f"{alpha3}{e['id']}",
            e["event_date"],
            int(e["event_date"][:4]),
            e["time_precision"],
            e["disorder_type"] or self.disorder(e["sub_event_type"]),
            e["event_type"],
            e["sub_event_type"],
            self.actor(e["actor1"], date),
            self.actors(e["assoc_actor_1"], date),
            e["inter1"],
            self.actor(e["actor2"], date),
            self.actors(e["assoc_actor_2"], date),
            e["inter2"],
            self.interaction(e["inter1"], e["inter2"]),
            "Civilian targeting" if e["civilian_targeting"] else "",
            iso,
            region,
            e["country"],
            e["admin1"],
            e["admin2"],
            e["admin3"],
            e["location"],
            None if lat is None else round(lat, 4),
            None if lon is None else round(lon, 4),
            e["geo_precision"],
            source,
            scale,
            e["notes"],
            e["fatalities"],
            e["tags"],
            e["unix_updated"],
            f"{reliability}{e['credibility'] or 6}" if reliability else "",
            (e["confidence"] or "").capitalize(),
            e["fatalities_best"],
            e["fatalities_high"],
            SEP.join([it.link for it in rec.items if it.link]),
            n_outlets,
            e["coder"],
            e["coded_at"],
            SEP.join([str(it.id) for it in rec.items]),
            e["uid"],
            f"{origin[2]}@{origin[1]}" if origin else "",
        ]


def json_encoder(separators: tuple[str, str] = (", ", ": ")) -> Callable[[object], str]:
    """``json.JSONEncoder(ensure_ascii=False, separators=...).encode``, its C encoder made
    once: JSONEncoder.encode makes it again for every object (a sixth of a JSONL export's
    time went there). The same encoder, so the same text; without the C accelerator, the
    JSONEncoder itself."""
    item_sep, key_sep = separators
    enc = json.JSONEncoder(ensure_ascii=False, separators=separators, check_circular=False)
    make = json.encoder.c_make_encoder
    if make is None:  # pragma: no cover (CPython has it)
        return enc.encode
    c = make(None, enc.default, json.encoder.encode_basestring, None, key_sep, item_sep,
             False, False, True)
    join = "".join
    return lambda obj: join(c(obj, 0))


def names(json_list: str | None) -> list:
    """A stored JSON list of names (associated actors). The store writes '["a", "b"]';
    without a backslash no name holds a quote, so a split reads it (four times faster than
    json); any other spelling is read by json. The same few lists recur: each is read once
    (callers only read the list they get)."""
    if not json_list or json_list == "[]":
        return []
    found = _NAMES.get(json_list)
    if found is None:
        found = _read_names(json_list)
        if len(_NAMES) < 50_000:
            _NAMES[json_list] = found
    return found


_NAMES: dict[str, list] = {}


def _read_names(json_list: str) -> list:
    if "\\" not in json_list and json_list.startswith('["') and json_list.endswith('"]'):
        parts = json_list[2:-2].split('", "')
        if not any('"' in p for p in parts):
            return parts
    return json.loads(json_list)


def joined(json_list: str | None) -> str:
    """A stored JSON list of names joined with '; '."""
    return SEP.join(names(json_list))
