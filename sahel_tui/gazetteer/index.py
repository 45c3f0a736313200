"""Finding the imported gazetteer's names in text: an Aho-Corasick automaton over spelling keys.

Every distinct spelling key of the places in the analyst's countries is added to one
pyahocorasick automaton as `` key `` (spaces around: whole tokens only).  A text is turned
into the same form -- its tokens' keys joined by single spaces, with a map back to the
original offsets -- and scanned once: the cost grows with the text, not with the 300k names.
The places behind a key are read from the database only when the key is found (a small
cache keeps the common ones), so the index holds keys, not places.

Guards, since a gazetteer of villages is full of short and ordinary names:

* the text must write the name with a capital (or in an all-capitals title), and its
  tokens may be joined only by spaces, hyphens, apostrophes or a full stop ("St. Louis");
* a name that is an ordinary English/French word (flagged at import, see :mod:`words`) also
  needs a place-like word before it ("in", "near", "village of", "à", "près de" ...) or
  ACLED's admin parenthesis after it ("Dire (Dire, Tombouctou)"), and never opens a
  sentence;
* month and weekday names, a name followed by a year or a day number, a name written in
  capitals among lower-case words (an acronym: "IED", "NGO") and a name used as an
  adjective ("the Fulani community", "a Dogon man", "the Peul village of ...") never match;
* the names of peoples (data/matcher.toml ``peoples``: "Fulani", "Dogon", "Tiv") never
  match;
* a name that is only part of a longer proper name ("Wanzam" in "Garin Wanzam") is not
  that place;
* admin areas (GeoNames class A) are left to the vocabulary's admin units.

Building takes about a second for 300k names; the app does it after its first frame.
"""

from __future__ import annotations

import math
import re
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from sahel_tui.vocab.model import Place
from sahel_tui.vocab.textnorm import APOSTROPHES, HYPHENS, tokenize

from .keys import name_key, token_key
from .store import GazPlace, across_border, places_by_key

__all__ = ["FOCUS_COUNTRIES", "GazMatch", "Gazetteer", "is_acronym", "joined_keys",
           "open_gazetteer", "people_countries", "peoples_keys", "used_as_adjective"]

#: the countries matched by default besides those imported
FOCUS_COUNTRIES = ("ML", "BF", "NE", "NG", "TD")

_JOINERS = set(" \t\u00a0.") | set(APOSTROPHES) | set(HYPHENS)
_SENTENCE_END = set(".!?:;\n\r\u2022\u2026")
_OPENERS = set(" \t\u00a0\"'«»“”‘’([{*-–—")
_CALENDAR = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet",
    "aout", "septembre", "octobre", "novembre", "decembre", "lundi", "mardi", "mercredi",
    "jeudi", "vendredi", "samedi", "dimanche",
}
# words before a place name (the lower-cased text before the name ends with them)
_PLACE_CONTEXT = re.compile(
    r"(?:\b(?:in|near|at|from|to|towards?|outside|around|between|and|of|village|town|"
    r"locality|hamlet|commune|area|district|au|aux|près\s+de|pres\s+de|vers|de|du|d|"
    r"dans|entre|et|localité|localite|hameau|sur|par|"
    # the coder's place ("coded as Sale"), a place with its article ("near the Sale
    # bridge"), the place an attack struck ("militias attacked Sale")
    r"coded\s+(?:as|at|to|in)|(?:in|near|at|around|outside)\s+the|"
    r"attacked|raided|stormed|invaded|overran|besieged)|(?<!\w)à)\s*['’]?\s*$")
# a name used as an adjective: "the Fulani community", "a Dogon man", "the Peul village of"
_ADJECTIVE_AFTER = re.compile(
    r"^[\s-]*(?:(?:communal\s+)?militia(?:s|men)?|m[ae]n|wom[ae]n|herd(?:er|sm[ae]n)s?|"
    r"farmers?|youths?|fighters?|civilians?|people|hunters?|traders?|vigilantes?|chiefs?|"
    r"leaders?|elders?|ethnic|group|members?|pastoralists?|settlers?|gunmen|speaking|"
    r"villagers|residents|marketgoers|traders|victims|soldiers|"
    r"(?:village|town|hamlet|camp)\s+(?:of|called|named)|(?:villages|towns)\b)\b",
    re.IGNORECASE)  # "Katsina Communal Militias", "Zamfara Militias" too
# "the Fulani community" (a people), not "in Daudawa community" (a village)
_COMMUNITY_AFTER = re.compile(r"^\s+communit(?:y|ies)\b")
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|a|an|this|that|local|la|le|les|des|une|un|cette)\s+$", re.IGNORECASE)
# "17 Dogon villagers", "three Fulani herders": people counted
_COUNT_BEFORE = re.compile(
    r"(?:\b\d+|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
    r"dozens?|several|many|some|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|plusieurs))"
    r"\s+$", re.IGNORECASE)
_ADMIN_AFTER = re.compile(r"^\s*\(")
# "Juin 2020", "Monday, 23." -- not "Dandallah, 23 soldiers were killed"
_DATE_AFTER = re.compile(
    r"^\s*,?\s*(?:(?:19|20)\d\d\b|\d{1,2}(?:st|nd|rd|th)?\s*(?:,\s*)?(?:(?:19|20)\d\d\b|"
    r"[.,;:)\]]|$))")
# "the village of Gangafani 2": a village in numbered parts, not a date
_NUMBERED = re.compile(r"^ \d(?![\d\w])(?!\s*,?\s*(?:19|20)\d\d)")
_SLOT_BEFORE = re.compile(r"\b(?:in|near|at|(?:village|hamlet|town)\s+of)\s+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def peoples_keys() -> frozenset[str]:
    """Spelling keys of the names of peoples and of countries the vocabulary does not cover
    (data/matcher.toml ``peoples``, ``foreign_countries``): never places."""
    import tomllib

    from sahel_tui.vocab.match import MATCHER_CONFIG

    cfg = tomllib.loads(MATCHER_CONFIG.read_text(encoding="utf-8"))
    return frozenset(name_key(n) for n in (*cfg.get("peoples", ()),
                                           *cfg.get("foreign_countries", ())))


def _name_table(section: str, value) -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    """A pattern finding the names of a data/matcher.toml table (a name -> a list) in text,
    longest first and not inside a longer word, and each name's list (through *value*) by
    spelling key."""
    import tomllib

    from sahel_tui.vocab.match import MATCHER_CONFIG

    cfg = tomllib.loads(MATCHER_CONFIG.read_text(encoding="utf-8"))
    table = {str(k): tuple(value(x) for x in v) for k, v in cfg.get(section, {}).items()}
    names = sorted(table, key=len, reverse=True)
    pat = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])"
                     if names else r"(?!x)x")
    return pat, {name_key(k): v for k, v in table.items()}


@lru_cache(maxsize=1)
def people_countries() -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    """A pattern finding the peoples of data/matcher.toml ``people_countries`` in text, and
    their countries by spelling key."""
    return _name_table("people_countries", lambda c: str(c).upper())


@lru_cache(maxsize=1)
def home_regions() -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    """A pattern finding the names of data/matcher.toml ``home_regions`` in text, and the
    admin1 units each mostly acts in, as written there, by spelling key of the name."""
    return _name_table("home_regions", str)


def is_acronym(text: str, start: int, end: int) -> bool:
    """The words at text[start:end] are in capitals among lower-case words ("IED", "NGO")."""
    letters = [ch for ch in text[start:end] if ch.isalpha()]
    if len(letters) < 2 or not all(ch.isupper() for ch in letters):
        return False
    near = text[max(0, start - 30) : start] + text[end : end + 30]
    return any(ch.islower() for ch in near)


def used_as_adjective(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] qualifies a people or a group ("Fulani
    militiamen", "the Dogon community", "Katsina Communal Militias") rather than a place."""
    after = text[end : end + 40]
    if _ADJECTIVE_AFTER.match(after) or _COUNT_BEFORE.search(text[max(0, start - 12) : start]):
        return True
    return bool(_COMMUNITY_AFTER.match(after)
                and _DETERMINER_BEFORE.search(text[max(0, start - 12) : start]))


# capitalised words that may stand next to a place name without being part of it
_GENERIC = {
    "region", "province", "state", "lga", "commune", "cercle", "district", "department",
    "departement", "village", "town", "city", "forest", "camp", "market", "road", "ward",
    "area", "local", "government", "prefecture", "sub", "axis", "river",
    "lake", "island", "islands", "mountains", "hills", "quarter", "neighbourhood",
    "neighborhood", "airport", "base", "the", "on", "in", "at", "near", "and", "or", "of",
    "le", "la", "les", "de", "du", "des", "a", "en", "dans", "pres", "vers", "north", "south",
    "east", "west", "nord", "sud", "est", "ouest", "central", "centre", "upper", "lower",
    "northern", "southern", "eastern", "western", "northeast", "northwest", "southeast",
    "southwest", "northeastern", "northwestern", "southeastern", "southwestern",
}


def part_of_longer_name(text: str, tokens, i: int, j: int) -> bool:
    """A name that is only part of a longer proper name ("Wanzam" in "Garin Wanzam",
    "Koïra" in "Koira Beri"): a capitalised word joined to it by a space or a hyphen that
    no place name covers -- unless the text around is in title case (a headline)."""
    # a headline in title case capitalises every word; a list of villages in a sentence
    # ("attacked Danhayi, Gidan Guge, Kaurawa and Jan Bago") has lower-case words near it
    around = tokens[max(0, i - 6) : j + 7]
    if len(around) >= 5 and not any(
            text[t.start].islower() and len(t.text) >= 3 for t in around):
        return False
    for k, gap in ((i - 1, (tokens[i - 1].end, tokens[i].start) if i > 0 else None),
                   (j + 1, (tokens[j].end, tokens[j + 1].start) if j + 1 < len(tokens)
                    else None)):
        if gap is None:
            continue
        between = text[gap[0] : gap[1]]
        if between not in (" ", "-") or not text[tokens[k].start].isupper():
            continue
        word = tokens[k].text
        if word in _GENERIC or word in _CALENDAR or word.isdigit() or len(word) == 1:
            continue
        return True
    return False


@dataclass(frozen=True, slots=True)
class GazMatch:
    """A span of the text and the imported places its words may name."""

    start: int
    end: int
    text: str
    key: str
    places: tuple[tuple[Place, str], ...]  # (place, the name as the gazetteer writes it)


_AROUND = (
    "SELECT n.key, n.name, p.id, p.name, p.country, p.admin1, p.admin2, p.latitude, "
    "p.longitude, p.feature_class, p.feature_code, p.population, s.name, p.admin_from "
    "FROM gazetteer_places p JOIN gazetteer_sources s ON s.id = p.source_id "
    "JOIN gazetteer_names n ON n.place_id = p.id "
    "WHERE p.country = ? AND p.latitude BETWEEN ? AND ? AND p.longitude BETWEEN ? AND ? "
    "AND p.feature_class != 'A'")
# the names of one joined key first (CROSS JOIN keeps that order: left alone, SQLite scans
# the position index and reads every name around)
_AROUND_JOINED = _AROUND.replace(
    "FROM gazetteer_places p JOIN gazetteer_sources s ON s.id = p.source_id "
    "JOIN gazetteer_names n ON n.place_id = p.id ",
    "FROM gazetteer_names n CROSS JOIN gazetteer_places p ON p.id = n.place_id "
    "JOIN gazetteer_sources s ON s.id = p.source_id ")
_AROUND_ORDER = " ORDER BY p.latitude, p.rowid, n.key"  # the position index's own order


def joined_keys(joined: str) -> tuple[str, tuple[str, ...]]:
    """The SQL condition (on ``n.key``) and its arguments for the spelling keys that are
    *joined* once their spaces are removed: *joined* itself, or a key whose first word is a
    beginning of it ("ian talori", "ianta lori" for "iantalori") -- one range of the names'
    primary key per beginning, a few dozen keys read in all -- then the spaces removed."""
    ors, args = ["n.key = ?"], [joined]
    for i in range(1, len(joined)):
        ors.append("n.key BETWEEN ? AND ?")
        args += [joined[:i] + " ", joined[:i] + " \uffff"]
    return f"({' OR '.join(ors)}) AND replace(n.key, ' ', '') = ?", (*args, joined)


def _place(g: GazPlace) -> Place:
    return Place(id=g.id, name=g.name, kind="place", country=g.country, admin1=g.admin1,
                 admin2=g.admin2, latitude=g.latitude, longitude=g.longitude,
                 population=g.population, source=f"gazetteer:{g.source}")


class Gazetteer:
    """The imported gazetteer of one database, limited to *countries*, matched in text.

    *exclude*: place ids already in the vocabulary (the bundled gazetteer holds GeoNames
    places under the same ids), left to the vocabulary's matcher."""

    def __init__(self, db_path: str | Path, *, countries: Iterable[str] | None = None,
                 exclude: Iterable[str] = ()) -> None:
        from sahel_tui.store import connect

        self.path = Path(db_path)
        self._conn = connect(self.path, readonly=True, check_same_thread=False)
        self._lock = threading.Lock()
        imported = [r[0] for r in self._conn.execute(
            "SELECT DISTINCT country FROM gazetteer_places")]
        self.countries = sorted({c.upper() for c in countries} if countries
                                else {*imported, *FOCUS_COUNTRIES})
        self._exclude = frozenset(exclude)
        self._peoples = peoples_keys()
        self._automaton = None
        self._cache: OrderedDict[str, tuple] = OrderedDict()
        self._features: dict[str, tuple[str, str]] = {}
        self.keys = 0
        self.build_seconds = 0.0
        #: (latitude, longitude) of the analyst's recently coded events (evidence)
        self.recent: tuple[tuple[float, float], ...] = ()

    # ------------------------------------------------------------------ building
    @staticmethod
    def present(conn: sqlite3.Connection) -> bool:
        """Whether the database holds an imported gazetteer (without building anything)."""
        try:
            return conn.execute("SELECT 1 FROM gazetteer_places LIMIT 1").fetchone() is not None
        except sqlite3.OperationalError:
            return False

    def build(self) -> Gazetteer:
        """Build the automaton (once; about a second for 300k names)."""
        import ahocorasick

        t0 = time.perf_counter()
        a = ahocorasick.Automaton()
        q = ",".join("?" * len(self.countries))
        n = 0
        with self._lock:
            rows = self._conn.execute(
                "SELECT DISTINCT n.key FROM gazetteer_names n JOIN gazetteer_places p "
                f"ON p.id = n.place_id WHERE p.country IN ({q}) AND p.feature_class != 'A'",
                self.countries)
            for (key,) in rows:
                a.add_word(f" {key} ", len(key) + 2)
                n += 1
        a.make_automaton()
        self._automaton = a
        self.keys = n
        self.build_seconds = time.perf_counter() - t0
        return self

    def load_recent(self, limit: int = 300) -> None:
        """Remember where the analyst's last *limit* coded events happened."""
        with self._lock:
            try:
                rows = self._conn.execute(
                    "SELECT latitude, longitude FROM events WHERE deleted = 0 AND latitude IS NOT NULL "
                    "AND longitude IS NOT NULL ORDER BY coded_at DESC LIMIT ?", (limit,))
                self.recent = tuple((r[0], r[1]) for r in rows)
            except sqlite3.OperationalError:  # a database without events
                self.recent = ()

    @property
    def ready(self) -> bool:
        return self._automaton is not None

    def close(self) -> None:
        self._conn.close()

    # ------------------------------------------------------------------ lookups
    def places(self, key: str) -> tuple[tuple[Place, str, int], ...]:
        """(place, name as written, word flag) of every place under *key*."""
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        with self._lock:
            rows = places_by_key(self._conn, key, self.countries)
        out = []
        kept = [g for g, _w, _f in rows]
        for g, written, word in rows:
            if g.id in self._exclude or g.feature_class == "A":
                continue  # the vocabulary's; admin areas are the vocabulary's units
            if across_border(g, kept):
                continue
            self._features[g.id] = (g.feature_class, g.feature_code)
            out.append((_place(g), written, word))
        res = tuple(out)
        self._cache[key] = res
        if len(self._cache) > 20_000:
            self._cache.popitem(last=False)
        return res

    def keys_one_edit_from(self, key: str) -> list[str]:
        """The indexed keys one slip of the pen from *key*: a vowel for another, a vowel, an
        "h", an "n" or a space dropped or added, two letters swapped ("Dustin"/"Dutsin",
        "Talataye"/"Telatai", "Kersigane"/"Kersignane", "Babbangida"/"Babban Gida").
        Never the first letter, nor the last one dropped or changed: on real notes those
        were another village ("Mandoli"/"Dandoli", "Kologon"/"Kologo", "Banguiti"/
        "Banguita") more often than not."""
        a = self._automaton
        if a is None or not key:
            return []
        vowels, soft = "aeiou", "aeiouhn "
        n = len(key)
        edits = [key[:i] + key[i + 1 :] for i in range(1, n - 1) if key[i] in soft]
        edits += [key[:i] + key[i + 1] + key[i] + key[i + 2 :] for i in range(1, n - 1)]
        edits += [key[:i] + c + key[i + 1 :] for i in range(1, n - 1) if key[i] in vowels
                  for c in vowels if c != key[i]]
        edits += [key[:i] + c + key[i:] for i in range(1, n + 1) for c in soft]
        seen: set[str] = {key}
        out = []
        for k in edits:
            k = " ".join(k.split())
            if k not in seen:
                seen.add(k)
                if a.exists(f" {k} "):
                    out.append(k)
        return out

    def complete(self, prefix: str, limit: int = 30) -> list[tuple[Place, str]]:
        """Places with a name starting like *prefix* under the spelling keys (for the place
        picker: one indexed range scan, a few ms over 300k names), populated and bigger
        places first."""
        p = name_key(prefix)
        if not p or self._conn is None:
            return []
        q = ",".join("?" * len(self.countries))
        with self._lock:
            rows = self._conn.execute(
                "SELECT n.name, p.id, p.name, p.country, p.admin1, p.admin2, p.latitude, "
                "p.longitude, p.feature_class, p.feature_code, p.population, s.name, "
                "p.admin_from FROM gazetteer_names n CROSS JOIN gazetteer_places p ON p.id = n.place_id "
                "JOIN gazetteer_sources s ON s.id = p.source_id "
                f"WHERE n.key >= ? AND n.key < ? AND p.country IN ({q}) "
                "AND p.feature_class != 'A' LIMIT ?",
                (p, p + "\uffff", *self.countries, 60 if len(p) < 3 else 200)).fetchall()
        seen: dict[str, tuple[GazPlace, str]] = {}
        for r in rows:
            g = GazPlace(*r[1:])
            if g.id not in self._exclude:
                seen.setdefault(g.id, (g, r[0]))
        best = sorted(seen.values(), key=lambda gw: (gw[0].feature_class != "P",
                                                    -gw[0].population, gw[0].name))
        return [(_place(g), w) for g, w in best[:limit]]

    def around(self, country: str, latitude: float, longitude: float, km: float = 100.0,
               *, joined: str | None = None) -> tuple[tuple[str, Place, str], ...]:
        """(spelling key, place, name as written) of every imported place of *country*
        within about *km* of a point (a box: one range scan of the position index), for
        the spelling variants of a village named with its units (see
        :func:`~sahel_tui.gazetteer.notes.variant_in_unit`), south to north.  *joined*:
        only the names whose key written as one word (spaces removed) is this, looked up
        by key (:func:`joined_keys`) rather than by reading every name around: a few rows
        instead of thousands in Borno or Mopti.  Cached per point (and key)."""
        ck = ("@", country, round(latitude, 3), round(longitude, 3), km, joined)
        hit = self._cache.get(ck)  # type: ignore[arg-type]
        if hit is not None:
            return hit
        dlat = km / 111.0
        dlon = km / (111.0 * max(0.2, math.cos(math.radians(latitude))))
        args: tuple = (country, latitude - dlat, latitude + dlat, longitude - dlon,
                       longitude + dlon)
        sql = _AROUND
        if joined is not None:
            cond, keys = joined_keys(joined)
            sql, args = f"{_AROUND_JOINED} AND {cond}", (*args, *keys)
        sql += _AROUND_ORDER
        with self._lock:
            rows = self._conn.execute(sql, args).fetchall()
        out = []
        for r in rows:
            g = GazPlace(*r[2:])
            if g.id not in self._exclude:
                self._features[g.id] = (g.feature_class, g.feature_code)
                out.append((r[0], _place(g), r[1]))
        res = tuple(out)
        self._cache[ck] = res  # type: ignore[index]
        if len(self._cache) > 20_000:
            self._cache.popitem(last=False)
        return res

    def feature(self, place_id: str) -> tuple[str, str]:
        """GeoNames feature class and code of a place this index returned ("P", "PPLA")."""
        return self._features.get(place_id, ("", ""))

    # ------------------------------------------------------------------ matching
    def find(self, text: str) -> list[GazMatch]:
        """Every span of *text* naming imported places (longest first where spans overlap,
        in text order), with the guards of the module docstring."""
        if self._automaton is None or not text:
            return []
        tokens = tokenize(text)
        if not tokens:
            return []
        parts, starts = [" "], {}
        pos = 1
        for i, t in enumerate(tokens):
            k = token_key(t.text)
            starts[pos] = i
            parts.append(k)
            parts.append(" ")
            pos += len(k) + 1
        norm = "".join(parts)
        ends = {}  # position of the space after token i -> i
        p = 1
        for i, t in enumerate(tokens):
            p += len(token_key(t.text))
            ends[p] = i
            p += 1
        raw = []
        for end, length in self._automaton.iter(norm):
            s = end - length + 1  # the space before the first token
            i = starts.get(s + 1)
            j = ends.get(end)
            if i is None or j is None:
                continue
            raw.append((i, j, None))
        raw.extend(self._joined(text, tokens))
        if not raw:
            return []
        # longest first (in tokens, then characters), no overlaps
        raw.sort(key=lambda r: (-(r[1] - r[0]), -(tokens[r[1]].end - tokens[r[0]].start), r[0]))
        taken = [False] * len(tokens)
        out = []
        for i, j, key in raw:
            if any(taken[i : j + 1]):
                continue
            m = self._accept(text, tokens, i, j, key)
            if m is None:
                continue
            for k in range(i, j + 1):
                taken[k] = True
            out.append(m)
        out.sort(key=lambda m: m.start)
        return out

    def _joined(self, text: str, tokens) -> list[tuple[int, int, str]]:
        """Names of 2-3 capitalised words the gazetteer writes as one ("Yan Tumaki" for
        Yantumaki, "In-Deliman" for I-n-Déliman: both keyed "indeliman", see
        :func:`~sahel_tui.gazetteer.keys.name_keys`): (first, last token, key)."""
        out = []
        a = self._automaton
        for i in range(len(tokens) - 1):
            if not text[tokens[i].start].isupper():
                continue
            for j in range(i + 1, min(i + 3, len(tokens))):
                gap = text[tokens[j - 1].end : tokens[j].start]
                if len(gap) > 1 or (gap and gap not in _JOINERS):
                    break
                if not (text[tokens[j].start].isupper() or gap in HYPHENS or gap == "-"):
                    break
                key = token_key("".join(t.text for t in tokens[i : j + 1]))
                if a.exists(f" {key} "):
                    out.append((i, j, key))
        return out

    def _accept(self, text: str, tokens, i: int, j: int,
                key: str | None = None) -> GazMatch | None:
        start, end = tokens[i].start, tokens[j].end
        for k in range(i, j):  # tokens joined only by spaces, hyphens, apostrophes
            if not all(ch in _JOINERS for ch in text[tokens[k].end : tokens[k + 1].start]):
                return None
        first = text[start]
        if not first.isupper():
            return None
        if is_acronym(text, start, end):
            return None
        if i == j and tokens[i].text in _CALENDAR:
            return None
        key = key or " ".join(token_key(t.text) for t in tokens[i : j + 1])
        if key in self._peoples:
            return None
        cands = self.places(key)
        if not cands:
            return None
        after = text[end : end + 40]
        numbered = (_NUMBERED.match(after)
                    if _SLOT_BEFORE.search(text, max(0, start - 20), start) else None)
        if (_DATE_AFTER.match(after) and not numbered) or used_as_adjective(text, start, end):
            return None
        if part_of_longer_name(text, tokens, i, j):
            return None
        if all(w for _p, _n, w in cands):
            # an ordinary word: a place-like word before it or ACLED's admin parenthesis
            # after it, and not the first word of a sentence
            k = start - 1
            while k >= 0 and text[k] in _OPENERS:
                k -= 1
            if k < 0 or text[k] in _SENTENCE_END:
                return None
            before = text[max(0, start - 20) : start].lower()
            if not (_PLACE_CONTEXT.search(before) or _ADMIN_AFTER.match(after)):
                return None
        if numbered:
            # ACLED names the part as written ("Gangafani 2"), at the village's point
            end += numbered.end()
            part = text[start:end]
            return GazMatch(start, end, part, key, tuple(
                (replace(p, id=f"text:{p.id}:{part}", name=part, source=f"text:{p.name}"), n)
                for p, n, _w in cands))
        return GazMatch(start, end, text[start:end], key,
                        tuple((p, n) for p, n, _w in cands))


def open_gazetteer(db_path: str | Path, vocab=None, countries: Iterable[str] = ()
                   ) -> Gazetteer | None:
    """The built gazetteer of the database at *db_path* (None when nothing is imported),
    leaving to *vocab* the places it already holds, with the analyst's recent places
    loaded.  *countries*: the ``countries`` setting (empty: imported plus focus ones)."""
    from sahel_tui.store import connect

    path = Path(db_path)
    if not path.exists():
        return None
    conn = connect(path, readonly=True)
    try:
        if not Gazetteer.present(conn):
            return None
    finally:
        conn.close()
    g = Gazetteer(path, countries=tuple(countries) or None,
                  exclude=vocab.places if vocab is not None else ())
    g.build()
    g.load_recent()
    return g
