"""The query language of the search bar, saved queries and the CLI.

    words "a phrase" feed:NAME tag:TAG status:new|coded|dismissed|flagged
    since:2026-10-01 until:2026-10-31 since:7d   actor:X place:Y type:Z   -term (negation)

Terms are AND-ed; ``a OR b`` joins terms (OR binds tighter than the implicit AND). Free words
go to the FTS5 index (accents and case ignored, ``word*`` is a
prefix). Errors carry the position of the offending term, for an inline marker.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

STATUS_ALIASES = {"new": "new", "untriaged": "new", "coded": "coded", "dismissed": "dismissed",
                  "flagged": "flagged"}


class QueryError(Exception):
    def __init__(self, message: str, position: int = 0, length: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.length = max(1, length)

    def __str__(self) -> str:
        return f"{self.message} (at column {self.position + 1})"


@dataclass(frozen=True, slots=True)
class Term:
    field: str | None  # None: free text
    value: str
    negated: bool
    position: int  # of the term's first character in the query text
    length: int
    phrase: bool = False
    value_position: int = 0


@dataclass(frozen=True, slots=True)
class Probe:
    """A clause with two equivalent plans. ``small`` looks the matching rows up by id (best
    when few match); ``large`` walks the list's date index and tests each row (best when
    many match: a page stops after 100 rows). A capped count picks one per database."""

    small: str
    large: str
    count_sql: str
    count_params: tuple
    threshold: int


@dataclass
class Compiled:
    """A WHERE clause over ``items`` with its parameters."""

    text: str
    where: str = "1"
    params: list = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    probes: list[Probe] = field(default_factory=list)
    # the events its tallies count, when its own terms bind conditions to one event (a
    # drill-down's event: term): a condition on events aliased ``e``, with its parameters
    counted: tuple[str, list] | None = None
    _resolved: tuple | None = field(default=None, repr=False, compare=False)

    def and_(self, clause: str, params: list | None = None) -> Compiled:
        """A copy narrowed by one more clause (used by the screens: status filters etc.)."""
        return Compiled(self.text, f"({self.where}) AND ({clause})",
                        [*self.params, *(params or [])], self.terms, self.probes, self.counted)

    def for_listing(self, conn) -> Compiled:
        """This query with the faster plan for an ordered, limited listing on ``conn``."""
        if not self.probes:
            return self
        if self._resolved is not None and self._resolved[0] == id(conn):
            return self._resolved[1]
        where = self.where
        for probe in self.probes:
            n = conn.execute(f"SELECT count(*) FROM ({probe.count_sql} LIMIT {probe.threshold})",
                             probe.count_params).fetchone()[0]
            if n >= probe.threshold:
                where = where.replace(probe.small, probe.large, 1)
        resolved = Compiled(self.text, where, self.params, self.terms, counted=self.counted)
        self._resolved = (id(conn), resolved)
        return resolved

    @property
    def fts_words(self) -> list[str]:
        """The positive free words, for highlighting in the reader."""
        return [t.value for t in self.terms if t.field is None and not t.negated]


_TOKEN = re.compile(r'\s*(-?)(?:([A-Za-z_]+):)?("(?:[^"\\]|\\.)*"?|[^\s"]+|(?=\s|$))')

FieldCompiler = Callable[[Term], tuple[str, list]]
_FIELDS: dict[str, FieldCompiler] = {}
# field -> (term -> (large-set plan, capped count SQL, its params, threshold))
_LARGE: dict[str, Callable[[Term], tuple[str, str, tuple, int]]] = {}
_LATER = {"actor": "actor:", "place": "place:", "type": "type:"}


_COUNTED: list[Callable[[Compiled], tuple[str, list] | None]] = []


def register_counted(fn: Callable[[Compiled], tuple[str, list] | None]) -> None:
    """Let the analysis layer say which events a parsed query counts (Compiled.counted)."""
    _COUNTED[:] = [fn]


def register_field(name: str, compiler: FieldCompiler, large=None) -> None:
    """Let another module (the coding layer) add a field such as actor: or place:.
    ``large(term)`` may give an equivalent plan for when many rows match (see Probe)."""
    _FIELDS[name] = compiler
    if large is not None:
        _LARGE[name] = large


# control characters and lone surrogates (a paste from a binary file, a broken terminal): FTS5
# reads a NUL as the end of the string and SQLite cannot store a surrogate
_UNTYPABLE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def tokenize(text: str) -> list[Term]:
    bad = _UNTYPABLE.search(text)
    if bad:
        raise QueryError(f"the query holds an invisible character U+{ord(bad.group()):04X}: "
                         "retype that part", bad.start())
    terms: list[Term] = []
    pos = 0
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise QueryError("cannot read the query here", pos)
        neg, name, value = m.group(1), m.group(2), m.group(3)
        start = m.start(1) if neg else (m.start(2) if name else m.start(3))
        value_pos = m.start(3)
        phrase = value.startswith('"')
        if phrase:
            if len(value) < 2 or not value.endswith('"') or value.endswith('\\"'):
                raise QueryError("unclosed quote", value_pos, len(value))
            value = value[1:-1].replace('\\"', '"')
        if name is not None:
            name = name.lower()
            if not value:
                raise QueryError(f"'{name}:' needs a value", start, len(name) + 1)
        elif not value:
            if neg:
                raise QueryError("'-' needs a word or a field after it", start)
            pos = m.end()
            continue
        terms.append(Term(name, value, bool(neg), start, m.end() - start, phrase, value_pos))
        pos = m.end()
    return terms


def _groups(terms: list[Term]) -> list[list[Term]]:
    """Terms joined by OR form one group; groups are AND-ed (OR binds tighter)."""
    groups: list[list[Term]] = []
    joining = False
    for i, term in enumerate(terms):
        is_or = term.field is None and term.value == "OR" and not term.phrase and not term.negated
        if is_or:
            if not groups or joining or i == len(terms) - 1:
                raise QueryError("OR needs a term on each side", term.position, 2)
            joining = True
            continue
        if joining:
            groups[-1].append(term)
            joining = False
        else:
            groups.append([term])
    return groups


def parse(text: str, *, today: date | None = None) -> Compiled:
    """Compile a query to SQL. Raises QueryError with the position of the problem."""
    terms = tokenize(text)
    today = today or datetime.now(UTC).date()
    clauses: list[str] = []
    params: list = []
    positive_fts: list[str] = []
    probes: list[Probe] = []
    for group in _groups(terms):
        if len(group) > 1:
            if all(t.field is None and not t.negated for t in group):
                positive_fts.append("(" + " OR ".join(_fts_expr(t) for t in group) + ")")
                continue
            parts = [_compile_term(t, today) for t in group]
            clauses.append("(" + " OR ".join(sql for sql, _ in parts) + ")")
            params += [p for _, ps in parts for p in ps]
            continue
        (term,) = group
        if term.field is None and not term.negated:
            positive_fts.append(_fts_expr(term))
            continue
        sql, p = _compile_term(term, today)
        clauses.append(sql)
        params += p
        probe = _FEED_PROBES.get(term.field) if not term.negated else None
        if probe is not None:
            probes.append(Probe(sql, probe[0], probe[1], tuple(p), 5000))
        elif term.field in _LARGE and not term.negated:
            probes.append(Probe(sql, *_LARGE[term.field](term)))
    if positive_fts:
        expr = " AND ".join(positive_fts)
        clauses.insert(0, _FTS_IN)
        params.insert(0, expr)
        probes.append(Probe(_FTS_IN, "+" + _FTS_IN, "SELECT 1 FROM items_fts WHERE items_fts MATCH ?",
                            (expr,), 2000))
    out = Compiled(text, " AND ".join(clauses) or "1", params, terms, probes)
    for fn in _COUNTED:
        out.counted = fn(out)
    return out


def _compile_term(term: Term, today: date) -> tuple[str, list]:
    if term.field is None:
        op = "NOT IN" if term.negated else "IN"
        return f"items.id {op} (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)", [_fts_expr(term)]
    sql, p = _compile_field(term, today)
    return (f"NOT ({sql})" if term.negated else sql), p


_FTS_IN = "items.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)"
_TAG_FEEDS = "SELECT f.id FROM feeds f, json_each(f.tags) t WHERE t.value = ? COLLATE NOCASE"
_NAME_FEEDS = "SELECT f.id FROM feeds f WHERE f.name LIKE ? ESCAPE '\\'"
# field -> (the large-set plan, the capped count of item links it selects)
_FEED_PROBES = {
    field: (f"EXISTS (SELECT 1 FROM item_feeds x WHERE x.item_id = items.id AND x.feed_id IN ({feeds}))",
            f"SELECT 1 FROM item_feeds x WHERE x.feed_id IN ({feeds})")
    for field, feeds in (("tag", _TAG_FEEDS), ("feed", _NAME_FEEDS))
}


def _fts_expr(term: Term) -> str:
    value = term.value
    prefix = value.endswith("*") and not term.phrase
    if prefix:
        value = value.rstrip("*")
    if not value.strip():
        raise QueryError("empty search word", term.position, term.length)
    quoted = '"' + value.replace('"', '""') + '"'
    return quoted + ("*" if prefix else "")


def _compile_field(term: Term, today: date) -> tuple[str, list]:
    name, value = term.field, term.value
    if name == "feed":
        return (f"items.id IN (SELECT x.item_id FROM item_feeds x WHERE x.feed_id IN ({_NAME_FEEDS}))",
                [f"%{_like(value)}%"])
    if name == "tag":
        return (f"items.id IN (SELECT x.item_id FROM item_feeds x WHERE x.feed_id IN ({_TAG_FEEDS}))",
                [value])
    if name == "status":
        status = STATUS_ALIASES.get(value.lower())
        if status is None:
            raise QueryError(f"status must be one of new, coded, dismissed, flagged (not {value!r})",
                             term.value_position, len(value))
        return "items.status = ?", [status]
    if name in ("since", "until"):
        start, end = _date_bounds(value, today, term)
        if name == "since":
            return "items.published >= ?", [start]
        return "items.published < ?", [end]
    if name not in _FIELDS:
        # the event fields register themselves when their module is imported; import it
        # here rather than with the package, so `sahel-tui fetch` never pays for it
        import sahel_tui.store.events  # noqa: F401
    if name in _FIELDS:
        return _FIELDS[name](term)
    if name in _LATER:
        raise QueryError(f"'{name}:' searches coded events, and there are none to search yet",
                         term.position, term.length)
    known = ", ".join(sorted({"feed", "tag", "status", "since", "until", *_FIELDS, *_LATER}))
    raise QueryError(f"unknown field '{name}:' (known: {known})", term.position, len(name) + 1)


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_RELATIVE = re.compile(r"^(\d+)([hdwmy])$", re.I)


def _date_bounds(value: str, today: date, term: Term) -> tuple[str, str]:
    """(start, end) ISO strings of the period a date value names; end is exclusive."""
    v = value.lower()

    def iso(d: date) -> str:
        return f"{d.isoformat()}T00:00:00Z"

    def after(d: date, days: int = 1) -> str:
        try:
            return iso(d + timedelta(days=days))
        except OverflowError:  # past 9999-12-31: ISO's end of the day sorts after every date
            return "9999-12-31T24:00:00Z"

    if v == "today":
        return iso(today), after(today)
    if v == "yesterday":
        return iso(today - timedelta(days=1)), iso(today)
    m = _RELATIVE.match(v)
    if m:
        digits, unit = m.group(1), m.group(2).lower()
        hours = {"h": 1, "d": 24, "w": 24 * 7, "m": 24 * 30, "y": 24 * 365}[unit]
        try:  # a span longer than the calendar reaches back to its start (since: all, until: none)
            if len(digits) > 9:
                raise OverflowError
            at = (datetime.now(UTC) - timedelta(hours=int(digits) * hours)).strftime(
                "%Y-%m-%dT%H:%M:%SZ")
        except OverflowError:
            at = "0001-01-01T00:00:00Z"
        return at, at
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            d = date.fromisoformat(v)
            return iso(d), after(d)
        if re.fullmatch(r"\d{4}-\d{2}", v):
            d = date.fromisoformat(v + "-01")
            return iso(d), after(d, calendar.monthrange(d.year, d.month)[1])
        if re.fullmatch(r"\d{4}", v):
            d = date(int(v), 1, 1)
            return iso(d), after(d, 366 if calendar.isleap(d.year) else 365)
    except ValueError:
        pass
    raise QueryError(f"'{term.field}:' wants a date like 2026-10-01, 2026-10 or 7d (not {value!r})",
                     term.value_position, len(value))
