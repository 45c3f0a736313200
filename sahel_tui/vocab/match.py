"""Find actor, place and country names in free text.

Built once over every name and alias (>10k).  Names are indexed as tuples of folded
tokens (see :mod:`textnorm`): matching is case- and accent-insensitive, apostrophes and
hyphens are interchangeable separators, and only whole tokens match (no "Gao" inside
"Gaoua").  Where matches overlap, the longest wins ("Islamic State Sahel Province" over
"Islamic State").  Each match carries every candidate entity, ranked by the countries the
same text names (unambiguous place/actor/country matches and an optional hint), then by
kind (actor, country, place, admin2, admin1), then entities whose own name matched before
those matched through an alias ("Birnin Gwari" the town before "Sofo-Birnin-Gwari", alias
"Birnin-Gwari"), then population.

Case guards (to keep ordinary words out):
* an alias written in capitals (acronym: "JNIM", "FAN", "HANI") matches only text written
  in capitals;
* place and country names written with a capital must appear with at least one capital
  letter in the text; country demonyms listed in lower case ("malien") match as written;
* place names listed in data/matcher.toml ``common_words`` must also not open a sentence;
  ``never_alone`` names are not indexed for places at all (their longer aliases are).

Stdlib only.
"""

from __future__ import annotations

import bisect
import time
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Actor, Country, Place
from .textnorm import APOSTROPHES, HYPHENS, Token, fold_key, fold_tokens, tokenize

if TYPE_CHECKING:  # pragma: no cover
    from .catalog import Vocab

__all__ = ["MATCHER_CONFIG", "Candidate", "Match", "Matcher"]

MATCHER_CONFIG = Path(__file__).resolve().parent / "data" / "matcher.toml"

_KIND_RANK = {"actor": 0, "country": 1, "place": 2, "admin2": 3, "admin1": 4}

# flags of an indexed alias
_ACRONYM = 1  # alias in capitals: the text must be in capitals
_PROPER = 2  # proper name with a capital: the text must hold a capital
_COMMON = 4  # common word: capital and not sentence-initial

# characters allowed between the tokens of one multi-token name
_JOINERS = set(" \t\r\n\u00a0.") | set(APOSTROPHES) | set(HYPHENS)
_SENTENCE_END = set(".!?:;\n\r\u2022\u2026")
_SPLITTERS = set(APOSTROPHES) | set(HYPHENS)
_JOIN_TABLE = str.maketrans({ch: None for ch in _SPLITTERS})
_OPENERS = set(" \t\u00a0\"'«»“”‘’([{*-–—")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One entity a matched span may refer to."""

    kind: str  # "actor" | "place" | "country"
    id: str  # actor id, place id or country alpha-2
    name: str  # canonical name
    country: str | None  # ISO alpha-2 (actor's country, place's country, the country)
    detail: str  # actor type, place kind (admin1/admin2/place) or "country"
    population: int
    alias: str  # the listed name/alias that matched
    context: float  # country-context score used for ranking
    entity: Actor | Place | Country


@dataclass(frozen=True, slots=True)
class Match:
    """A span of the ORIGINAL text ([start, end) offsets) and its ranked candidates."""

    start: int
    end: int
    text: str
    candidates: tuple[Candidate, ...]

    @property
    def best(self) -> Candidate:
        return self.candidates[0]

    @property
    def kind(self) -> str:
        return self.candidates[0].kind

    @property
    def ambiguous(self) -> bool:
        return len({(c.kind, c.id) for c in self.candidates}) > 1

    def of_kind(self, kind: str) -> tuple[Candidate, ...]:
        return tuple(c for c in self.candidates if c.kind == kind)


class _Ref:
    """What the index points at: one entity, with what ranking needs."""

    __slots__ = ("area", "country", "detail", "entity", "id", "kind", "name", "population")

    def __init__(self, kind, id, name, country, detail, population, area, entity):
        self.kind = kind
        self.id = id
        self.name = name
        self.country = country
        self.detail = detail
        self.population = population
        self.area = area
        self.entity = entity


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters) and " " not in alias


def _variants(alias: str) -> set[tuple[str, ...]]:
    """Token keys for *alias*: as tokenised, and with the parts split by apostrophes and
    hyphens joined ("Aguel'hoc" and "Aguel-Hoc" also as "aguelhoc", "N'Djamena" as
    "ndjamena")."""
    key = fold_tokens(alias)
    out = {key} if key else set()
    if any(ch in _SPLITTERS for ch in alias):
        k2 = fold_tokens(alias.translate(_JOIN_TABLE))
        if k2:
            out.add(k2)
    return out


class Matcher:
    """Token-tuple index over names; see the module docstring."""

    def __init__(
        self,
        *,
        never_alone: Iterable[str] = (),
        common_words: Iterable[str] = (),
    ) -> None:
        self._index: dict[tuple[str, ...], list[tuple[_Ref, str, int]]] = {}
        self._maxlen: dict[str, int] = {}
        self._keys_of: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        self._never_alone = {fold_tokens(w) for w in never_alone}
        self._common = {fold_tokens(w) for w in common_words}
        self._sorted_keys: list[str] | None = None
        self.build_seconds = 0.0

    # ------------------------------------------------------------------ building
    @classmethod
    def from_vocab(cls, vocab: Vocab, config: Path | None = None) -> Matcher:
        """A matcher over every country, actor and place of *vocab* (built afresh)."""
        return cls.from_parts(vocab.countries.values(), vocab.actors.values(),
                              vocab.places.values(), config)

    @classmethod
    def from_parts(
        cls,
        countries: Iterable[Country],
        actors: Iterable[Actor],
        places: Iterable[Place],
        config: Path | None = None,
    ) -> Matcher:
        t0 = time.perf_counter()
        cfg_path = config or MATCHER_CONFIG
        cfg = tomllib.loads(cfg_path.read_text(encoding="utf-8")) if cfg_path.exists() else {}
        m = cls(never_alone=cfg.get("never_alone", ()), common_words=cfg.get("common_words", ()))
        for c in countries:
            m.add_country(c)
        for a in actors:
            m.add_actor(a)
        for p in places:
            m.add_place(p)
        m.build_seconds = time.perf_counter() - t0
        return m

    def copy(self) -> Matcher:
        """An independent matcher with the same entries (cheap: no re-folding)."""
        m = Matcher.__new__(Matcher)
        m._index = {k: list(v) for k, v in self._index.items()}
        m._maxlen = dict(self._maxlen)
        m._keys_of = {k: list(v) for k, v in self._keys_of.items()}
        m._never_alone = self._never_alone
        m._common = self._common
        m._sorted_keys = None
        m.build_seconds = self.build_seconds
        return m

    def _add(self, ref: _Ref, names: Sequence[str]) -> None:
        self.remove(ref.kind, ref.id)
        keys: list[tuple[str, ...]] = []
        is_place = ref.kind == "place"
        for alias in names:
            flags = 0
            if _is_acronym(alias):
                flags |= _ACRONYM
            elif ref.kind in ("place", "country") and any(c.isupper() for c in alias):
                flags |= _PROPER
            for key in _variants(alias):
                if is_place and key in self._never_alone:
                    continue
                f = flags
                if is_place and key in self._common:
                    f |= _COMMON | _PROPER
                bucket = self._index.setdefault(key, [])
                for j, (r, _a, old) in enumerate(bucket):
                    if r is ref:  # same entity, same key: keep the least strict alias
                        if f < old:
                            bucket[j] = (ref, alias, f)
                        break
                else:
                    bucket.append((ref, alias, f))
                    keys.append(key)
                if len(key) > self._maxlen.get(key[0], 0):
                    self._maxlen[key[0]] = len(key)
        self._keys_of[(ref.kind, ref.id)] = keys
        self._sorted_keys = None

    def add_actor(self, a: Actor) -> None:
        ref = _Ref("actor", a.id, a.name, a.country, a.type, 0, a.area, a)
        self._add(ref, a.names)

    def add_place(self, p: Place) -> None:
        ref = _Ref("place", p.id, p.name, p.country, p.kind, p.population, (), p)
        self._add(ref, p.names)

    def add_country(self, c: Country) -> None:
        ref = _Ref("country", c.alpha2, c.name, c.alpha2, "country", 0, (), c)
        self._add(ref, c.names)

    def remove(self, kind: str, entity_id: str) -> None:
        for key in self._keys_of.pop((kind, entity_id), ()):
            bucket = self._index.get(key)
            if bucket is None:
                continue
            bucket[:] = [e for e in bucket if not (e[0].kind == kind and e[0].id == entity_id)]
            if not bucket:
                del self._index[key]
        self._sorted_keys = None

    @property
    def size(self) -> int:
        """Number of distinct indexed token keys."""
        return len(self._index)

    @property
    def name_count(self) -> int:
        """Number of (key, entity) pairs indexed."""
        return sum(len(b) for b in self._index.values())

    # ------------------------------------------------------------------ matching
    @staticmethod
    def _case_ok(text: str, toks: Sequence[Token], flags: int) -> bool:
        if not flags:
            return True
        span = text[toks[0].start : toks[-1].end]
        if flags & _ACRONYM:
            letters = [c for c in span if c.isalpha()]
            return bool(letters) and all(c.isupper() for c in letters)
        if flags & _PROPER and not any(text[t.start].isupper() for t in toks):
            return False
        if flags & _COMMON:
            if not text[toks[0].start].isupper():
                return False
            k = toks[0].start - 1
            while k >= 0 and text[k] in _OPENERS:
                k -= 1
            if k < 0 or text[k] in _SENTENCE_END:
                return False
        return True

    def _raw(self, text: str, tokens: list[Token]) -> list[tuple[int, int, list]]:
        n = len(tokens)
        gap_ok = [
            all(ch in _JOINERS for ch in text[tokens[i].end : tokens[i + 1].start])
            for i in range(n - 1)
        ]
        words = [t.text for t in tokens]
        raw: list[tuple[int, int, list]] = []
        index = self._index
        for i in range(n):
            L = self._maxlen.get(words[i])
            if not L:
                continue
            L = min(L, n - i)
            # the longest run of tokens joined only by spaces/apostrophes/hyphens
            j = i
            while j - i + 1 < L and gap_ok[j]:
                j += 1
            for length in range(j - i + 1, 0, -1):
                bucket = index.get(tuple(words[i : i + length]))
                if not bucket:
                    continue
                toks = tokens[i : i + length]
                ok = [e for e in bucket if self._case_ok(text, toks, e[2])]
                if ok:
                    raw.append((i, length, ok))
        return raw

    def find(
        self,
        text: str,
        *,
        country_hint: str | Iterable[str] | None = None,
        kinds: Iterable[str] | None = None,
    ) -> list[Match]:
        """All non-overlapping name matches in *text*, in text order.

        *country_hint*: alpha-2 code(s) to favour when ranking (e.g. the feed's country).
        *kinds*: keep only candidates of these kinds ("actor", "place", "country").
        """
        tokens = tokenize(text)
        raw = self._raw(text, tokens)
        if kinds is not None:
            keep = set(kinds)
            raw = [(i, n, [e for e in es if e[0].kind in keep]) for i, n, es in raw]
            raw = [r for r in raw if r[2]]
        # longest wins: take spans by token length (then char length), skip overlaps
        raw.sort(key=lambda r: (-r[1], -(tokens[r[0] + r[1] - 1].end - tokens[r[0]].start), r[0]))
        taken = [False] * len(tokens)
        chosen = []
        for i, n, entries in raw:
            if any(taken[i : i + n]):
                continue
            for k in range(i, i + n):
                taken[k] = True
            chosen.append((i, n, entries))
        chosen.sort(key=lambda r: r[0])

        # country context: matches whose candidates all share one country
        ctx: Counter[str] = Counter()
        if country_hint:
            hints = [country_hint] if isinstance(country_hint, str) else list(country_hint)
            for h in hints:
                ctx[h.upper()] += 1
        for _, _, entries in chosen:
            cs = {e[0].country for e in entries}
            if len(cs) == 1 and None not in cs:
                ctx[next(iter(cs))] += 1

        out: list[Match] = []
        for i, n, entries in chosen:
            start, end = tokens[i].start, tokens[i + n - 1].end
            cands = []
            seen = set()
            for ref, alias, _ in entries:
                if (ref.kind, ref.id) in seen:
                    continue
                seen.add((ref.kind, ref.id))
                cands.append(self._candidate(ref, alias, ctx))
            cands.sort(key=lambda c: (
                -c.context,
                _KIND_RANK["actor" if c.kind == "actor" else
                           "country" if c.kind == "country" else c.detail],
                c.alias != c.name,  # its own name before another place's alias
                -c.population,
                c.name,
                c.id,
            ))
            out.append(Match(start, end, text[start:end], tuple(cands)))
        return out

    @staticmethod
    def _candidate(ref: _Ref, alias: str, ctx: Counter) -> Candidate:
        score = float(ctx.get(ref.country, 0)) if ref.country else 0.0
        if ref.area:
            # an actor active in several countries: full weight for its main country
            score = max(score, max(
                ctx.get(c, 0) * (1.0 if k == 0 else 0.5) for k, c in enumerate(ref.area)
            ))
        return Candidate(ref.kind, ref.id, ref.name, ref.country, ref.detail, ref.population,
                         alias, score, ref.entity)

    def lookup(self, name: str) -> list[Candidate]:
        """Entities whose name or alias folds exactly like *name* (no case guards)."""
        out, seen = [], set()
        for key in _variants(name):
            for ref, alias, _ in self._index.get(key, ()):
                if (ref.kind, ref.id) not in seen:
                    seen.add((ref.kind, ref.id))
                    out.append(self._candidate(ref, alias, Counter()))
        out.sort(key=lambda c: (-c.population, c.name, c.id))
        return out

    def complete(self, prefix: str, *, kind: str | None = None, limit: int = 20) -> list[Candidate]:
        """Entities with a name/alias starting with *prefix* (folded), for autocompletion:
        exact names first, then by population, name."""
        if self._sorted_keys is None:
            self._sorted_keys = sorted(" ".join(k) for k in self._index)
        p = fold_key(prefix)
        if not p:
            return []
        keys = self._sorted_keys
        lo = bisect.bisect_left(keys, p)
        out: dict[tuple[str, str], tuple[int, Candidate]] = {}
        for j in range(lo, len(keys)):
            k = keys[j]
            if not k.startswith(p):
                break
            for ref, alias, _ in self._index[tuple(k.split(" "))]:
                if kind is not None and ref.kind != kind:
                    continue
                rank = 0 if k == p else 1
                prev = out.get((ref.kind, ref.id))
                if prev is None or rank < prev[0]:
                    out[(ref.kind, ref.id)] = (rank, self._candidate(ref, alias, Counter()))
        ranked = sorted(out.values(), key=lambda rc: (rc[0], -rc[1].population, rc[1].name))
        return [c for _, c in ranked[:limit]]
