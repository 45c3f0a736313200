"""Stories: the items that report one incident, found, compared and linked.

``group_story(conn, item_id)`` proposes the items that likely report the same incident as
one item, each with a score (0-1) and the reasons. Both items must read like an incident
(violence, protest, seizure, arrest or truce wording, English or French: floods, budgets
and football report none). Then, the best of:

* the same canonical link (1.0); near-identical text (a republished copy): word 3-gram
  shingles of the folded text, containment |A∩B| / min(|A|, |B|) >= 0.85 (0.9 and up);
* the same place on dates at most 2 days apart, met paragraph by paragraph: the lead
  (title + first paragraph) or a paragraph with its own date phrase (a round-up's bullet),
  never the background further down, datelines ("BAMAKO, Aug 4 (SWS) –") and bylines. This
  is how an English report meets a French one and a round-up meets its incidents: through
  what survives translation, place names (folded, with the gazetteer's aliases:
  Ménaka/Menaka; a bare "Gao" is the town, not the region), the actors' aliases (EIGS /
  Islamic State in the Greater Sahara; names listed under many actors, "soldiers", do not
  count), tolls and dates (each read in its own language, "on Wednesday" with both of its
  readings). Score: same town 0.4, same district (admin2) 0.3, same region 0.1; dates
  within a day +0.3, two days +0.1 (more: ruled out); a shared actor +0.15; the place in
  both leads +0.1; a shared toll +0.1 (looked up only when it decides); titles reporting
  different kinds of event (a protest / an attack / a seizure) -0.25; half when one of
  the two paragraphs has no incident wording. At most 0.89;
* coded events, when both items have some: an event of each at the same place (place_id,
  else country + admin1 + location folded) with a shared actor within 2 days: 0.95; coded
  events that never meet cap the score at 0.3 (the analyst's coding wins over the text);
* items the analyst linked (``link_items``): 1.0, first.

Members score >= THRESHOLD (0.6). On the demo set this gives pairwise precision 0.92 and
recall 0.89 (scripts/story_quality.py).

Candidates come from the full-text index, never a scan: the item's place names as written
(plus their canonical names, first aliases and districts) in titles within ``window_days``
(8: a weekly round-up comes up to a week after the incident), then anywhere in the text,
then the title's rarest words (copies): up to 150 matches on each side of the item in
time, the nearest ``limit`` (40) read and scored. Only the item itself goes through the
name matcher; a candidate is read with regexes of the item's own names, and its date
phrases are parsed only in the paragraphs that meet the item's places.

``differing_facts`` marks, for side-by-side reading, the spans that carry the facts the
reports may disagree on: tolls, places, dates, actors (attribution) and who says so.

Linking goes through the decision log (target ``story:<item id>``, undo/redo) and keeps
``stories.independent_outlets``: distinct origin feeds (``items.feed_id``) among the
members, a republished copy (same canonical link or near-identical text as an earlier
member, ``story_items.copy_of``) counting once; an item carried by several feeds is one
report (its first feed). :mod:`.story_outlets` turns that into the Admiralty digit.

Past 600 lines: grouping, ``differing_facts`` and linking share the reading of an item
(paragraphs, datelines, folded names, shingles for copies); split, each would import a
dozen of the others' private helpers.

The vocabulary is the shipped one unless ``vocab=`` is given (the app passes its own, with
the analyst's places and actors).
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

from sahel_tui.store import decisions
from sahel_tui.store.db import in_transaction
from sahel_tui.store.decisions import Change, now_iso
from sahel_tui.suggest import find_dates, find_fatalities
from sahel_tui.suggest._text import fold_same_length
from sahel_tui.vocab import fold_key, load_vocab
from sahel_tui.vocab.textnorm import fold_tokens

THRESHOLD = 0.6
WINDOW_DAYS = 8
MAX_CANDIDATES = 40
FTS_TERMS = 12
SCAN = 150  # full-text matches read on each side of the item, per query
DATE_CHARS = 800  # of a paragraph searched for its date
DATE_SLACK = 2  # days between two reports' event dates, at most
NEAR_IDENTICAL = 0.85  # shingle containment of a republished copy
# score parts of "same place within two days" (see the module doc)
W = {"place": 0.4, "district": 0.3, "region": 0.1, "day": 0.3, "two_days": 0.1, "undated": 0.0,
     "actor": 0.15, "leads": 0.1, "toll": 0.1, "kind": 0.25}

_INCIDENT = re.compile(
    r"\b(?:kill(?:s|ed|ing)?|dead|deaths?|died|attack(?:s|ed|ers?)?|ambush(?:ed|es)?|clash(?:es|ed)?|"
    r"raid(?:s|ed)?|bomb(?:s|ing|er|ers|ed)?|blast|explosi(?:ve|on)s?|ied|landmines?|abduct(?:s|ed|ion)?|"
    r"kidnap(?:ped|pers?|ping)?|gunm[ae]n|militants?|jihadists?|insurgents?|terroris(?:t|ts|m)|"
    r"soldiers|troops|(?:air|drone)\s+strikes?|shot|shooting|massacred?|assault|fighting|"
    r"fighters|wounded|injured|hostages?|bandits|assailants?|seiz(?:e|ed|es)|captured|overran|"
    r"protest(?:s|ed|ers)?|demonstrat(?:ion|ions|ors)|riot(?:s|ers)?|truce|ceasefire|arrested|"
    r"tu[ée]s?|tu[ée]es|morts?|attaqu[ée]e?s?|attaque|embuscades?|affrontements?|enlev[ée]e?s?|"
    r"enl[èe]vement|frappes?|combats?|soldats|militaires|bless[ée]e?s|otages?|assaillants?|"
    r"jihadistes|terroristes|explosion|engin\s+explosif|attentat|neutralis[ée]s?|"
    r"tomb[ée]e?\s+aux\s+mains|empar[ée]s?|manifestants?|manifestation|marche|[ée]meutes?|"
    r"accord\s+local|cessez-le-feu|interpell[ée]s|arr[êe]t[ée]s)\b", re.I)

# coarse families of what a title reports: two reports of one incident share one
_FAMILIES = {
    "protest": re.compile(r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies)|riot\w*|march\w*|"
                          r"manifest\w*|marche|[ée]meute\w*|sit-in)\b", re.I),
    "armed": re.compile(r"\b(?:kill\w*|attack\w*|ambush\w*|clash\w*|raid\w*|bomb\w*|blast|"
                        r"strikes?|shell\w*|ied|abduct\w*|kidnap\w*|dead|massacre\w*|fighting|"
                        r"attaqu\w*|embuscade\w*|affrontement\w*|frappe\w*|enl[èe]v\w*|morts?|"
                        r"tu[ée]\w*|attentat\w*|explosi\w*|combats?|neutralis\w*|repouss\w*)\b", re.I),
    "strategic": re.compile(r"\b(?:seiz\w*|captur\w*|overr\w*|truce|agreement|accord|arrest\w*|"
                            r"tomb\w*\s+aux\s+mains|empar\w*|contr[ôo]le|interpell\w*|arr[êe]t\w*)\b", re.I),
}


def _families(title: str) -> set[str]:
    return {name for name, rx in _FAMILIES.items() if rx.search(title)}


# -- item features ----------------------------------------------------------------------------

@dataclass
class _Seg:
    start: int
    end: int
    places: set = field(default_factory=set)  # place ids
    districts: set = field(default_factory=set)  # (country, admin1, admin2) of those places
    actors: set = field(default_factory=set)  # actor ids
    dates: list = field(default_factory=list)  # (date, precision)
    lead: bool = False
    violent: bool = False


@dataclass
class _Doc:
    id: int
    feed_id: int
    feed: str
    title: str
    text: str
    published: datetime
    link: str | None
    language: str | None
    body: str = ""  # title + "\n\n" + text
    segs: list = field(default_factory=list)
    shingles: set = field(default_factory=set)
    numbers: set = field(default_factory=set)
    main_date: date | None = None
    events: list = field(default_factory=list)  # (date, place key, place_id, {actors})
    story_id: int | None = None
    masked: list = field(default_factory=list)
    surface: dict = field(default_factory=dict)  # place id -> folded names as written


@lru_cache(maxsize=4)
def _vocab(key: str | None = None):
    return load_vocab(key)


def _matcher(vocab=None):
    return (vocab or _vocab()).matcher()


_BYLINE = re.compile(r"^(?:from|by|par|de notre correspondant|reporting by)\b[^\n]{0,80}$", re.I)
# "BAMAKO, Aug 4 (SWS) – ": where the wire's office is, not where things happened
_DATELINE = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý'’ .-]{2,40},[^–—\n]{0,40}?\s[–—-]\s")


def _paragraphs(body: str) -> list[tuple[int, int]]:
    """[start, end) of the paragraphs of title + text; the title and the first paragraph
    that is not a byline are one segment (the lead)."""
    out, start = [], 0
    for m in re.finditer(r"\n\s*\n", body):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(body):
        out.append((start, len(body)))
    if not out:
        return [(0, len(body))]
    k = 1
    while k < len(out) and _BYLINE.match(body[out[k][0]:out[k][1]]):
        k += 1
    if k < len(out):  # title (and bylines) + lead paragraph
        out[0:k + 1] = [(out[0][0], out[k][1])]
    return out


def _masked(body: str) -> list[tuple[int, int]]:
    """Spans whose place names say nothing about the incident: datelines and bylines."""
    out = []
    for m in re.finditer(r"(?:^|\n\s*\n)", body):
        start = m.end()
        line_end = body.find("\n", start)
        line = body[start: line_end if line_end >= 0 else len(body)]
        d = _DATELINE.match(line)
        if d:
            out.append((start, start + d.end()))
        elif _BYLINE.match(line):
            out.append((start, start + len(line)))
    return out


def _in(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


def _shingles(body: str, limit: int = 400, flat: str | None = None) -> set[int]:
    """Word 3-grams (hashed) of the folded text's first ``limit`` words."""
    words = (flat if flat is not None else _flat(body)).split()[:limit]
    return set(map(hash, zip(words, words[1:], words[2:], strict=False)))


def _containment(a: set, b: set) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _parse_ts(s: str) -> datetime:
    return datetime.fromisoformat(s.replace("Z", "+00:00"))


def _doc_from_row(r) -> _Doc:
    d = _Doc(r["id"], r["feed_id"], r["feed"], r["title"] or "", r["text"] or "",
             _parse_ts(r["published"]), r["canonical_link"], r["language"])
    d.body = f"{d.title}\n\n{d.text}" if d.text else d.title
    return d


# the full article when there is one: it carries what a teaser leaves out
_ITEM_SQL = ("SELECT i.id, i.feed_id, f.name AS feed, i.title, coalesce(i.article, i.text) AS text, i.published, "
             "i.canonical_link, i.language FROM items i JOIN feeds f ON f.id = i.feed_id ")


def _analyse(doc: _Doc, vocab=None, *, full: bool = True) -> _Doc:
    """Segments with their places, actors, dates; shingles; fatality figures."""
    body = doc.body
    vocab = vocab or _vocab()
    segs = [_Seg(s, e, lead=(k == 0)) for k, (s, e) in enumerate(_paragraphs(body))]

    def seg_at(pos: int) -> _Seg:
        for s in segs:
            if s.start <= pos < s.end:
                return s
        return segs[-1]

    masked = _masked(body)
    for m in _matcher(vocab).find(body):
        if _in(masked, m.start):
            continue
        c = _finest(m)
        seg = seg_at(m.start)
        if c.kind == "place":
            seg.places.add(c.id)
            doc.surface.setdefault(c.id, set()).add(fold_tokens(m.text))
            p = c.entity
            if p.admin2 and p.kind != "admin1":
                seg.districts.add((p.country, p.admin1, p.admin2))
        elif c.kind == "actor":
            seg.actors.update(_distinctive(m))
    pub = doc.published.date()
    for ds in find_dates(body, pub, doc.language, same_day_weekday=True):
        if ds.span and ds.date <= pub and not _in(masked, ds.span[0]):
            seg_at(ds.span[0]).dates.append((ds.date, ds.time_precision, ds.score, ds.alternatives))
    best = None
    for s in segs:
        s.violent = bool(_INCIDENT.search(body[s.start:s.end]))
        s.dates.sort(key=lambda d: (-d[2], d[1]))
        if s.lead and s.dates:
            best = s.dates[0]
    if best is None:
        scored = [d for s in segs for d in s.dates]
        best = max(scored, key=lambda d: d[2]) if scored else None
    doc.main_date = best[0] if best else None
    doc.segs = segs
    if full:
        doc.shingles = _shingles(body)
        doc.numbers = {f.low for f in find_fatalities(body, doc.language) if f.low > 0}
    return doc


def _finest(m):
    """The match's best candidate; for a place, the town rather than the region or the
    district of the same name ("attack in Gao": the town)."""
    c = m.best
    if c.kind == "place" and c.detail != "place" and fold_key(m.text) == fold_key(c.name):
        for x in m.candidates:
            if x.kind == "place" and x.detail == "place" and x.country == c.country \
                    and fold_key(x.name) == fold_key(c.name):
                return x
    return c


_GENERIC_ACTOR = re.compile(r"^(?:civ|uag|pol)-")


def _distinctive(m) -> set[str]:
    """The actors a name match points at, when it points at few (not 'soldiers', which may
    be any army) and they are not generic (civilians, unidentified gunmen)."""
    ids = {c.id for c in m.candidates if c.kind == "actor"}
    if len(ids) > 2:
        return set()
    return {i for i in ids if not _GENERIC_ACTOR.match(i)}


def _load_events(conn: sqlite3.Connection, docs: dict[int, _Doc]) -> None:
    if not docs:
        return
    ids = list(docs)
    for r in conn.execute(
            f"SELECT ei.item_id, e.event_date, e.place_id, e.country, e.admin1, e.location, "
            f"e.actor1, e.actor2 FROM event_items ei JOIN events e ON e.id = ei.event_id "
            f"WHERE e.deleted = 0 AND ei.item_id IN ({','.join('?' * len(ids))})", ids):
        key = "|".join(fold_key(x or "") for x in (r[3], r[4], r[5]))
        actors = {fold_key(a) for a in (r[6], r[7]) if a}
        docs[r[0]].events.append((date.fromisoformat(r[1]), key, r[2], actors))


# -- candidates -------------------------------------------------------------------------------

def _fts_phrase(words: Sequence[str]) -> str:
    return '"' + " ".join(w.replace('"', "") for w in words) + '"'


_KIND_ORDER = {"place": 0, "admin2": 1, "admin1": 2}


def _place_keys(seed: _Doc, vocab) -> tuple[list[tuple[str, ...]], dict[tuple[str, ...], tuple]]:
    """Folded token keys of the seed's places (names first, then aliases; towns before the
    districts and regions of the same name) and of the districts the towns are in;
    key -> ('place', id) or ('district', (cc, admin1, admin2))."""
    places = sorted({pid for s in seed.segs if _incident_seg(s) for pid in s.places},
                    key=lambda pid: (_KIND_ORDER.get(_pkind(pid, vocab), 3), pid))
    keys: dict[tuple[str, ...], tuple] = {}
    aliases: list[tuple[tuple[str, ...], tuple]] = []
    for pid in places:
        p = vocab.places.get(pid)
        if p is None:
            continue
        for j, n in enumerate(p.names):
            k = fold_tokens(n)
            if k and len(k) <= 4:
                if j == 0:
                    keys.setdefault(k, ("place", pid))
                else:
                    aliases.append((k, ("place", pid)))
        if p.admin2 and p.kind == "place":
            k = fold_tokens(p.admin2)
            if k:
                aliases.append((k, ("district", (p.country, p.admin1, p.admin2))))
    for k, ref in aliases:
        keys.setdefault(k, ref)
    # what the full-text search looks for: the names as written in the item, the canonical
    # names and the first aliases (the gazetteer's long tails of transliterations only
    # slow it down); regions only when the item names nothing finer
    fine = [pid for pid in places if _pkind(pid, vocab) != "admin1"] or places
    terms: dict[tuple[str, ...], None] = {}
    for pid in fine:
        p = vocab.places.get(pid)
        if p is None:
            continue
        names = [*sorted(seed.surface.get(pid, ())), *(fold_tokens(n) for n in p.names[:3])]
        if p.kind == "place" and p.admin2:
            names.append(fold_tokens(p.admin2))
        for k in names:
            if k and len(k) <= 4:
                terms.setdefault(k)
    return list(terms)[:FTS_TERMS], keys


_STOP = set(["the", "and", "for", "with", "from", "that", "this", "after", "near", "over", "into", "their", "were", "have", "been", "said", "will", "about", "than", "when", "where", "which", "while", "would", "could", "there", "these", "those", "under", "since", "among", "dans", "pour", "avec", "sans", "sous", "vers", "chez", "leur", "leurs", "plus", "selon", "apres", "avant", "entre", "lors", "depuis", "des", "les", "une", "aux", "sur", "par", "qui", "que", "est", "ont", "sont", "ete", "fait"])


def _title_words(title: str) -> list[str]:
    words = [w for w in fold_tokens(title) if len(w) >= 4 and w not in _STOP and not w.isdigit()]
    return sorted(set(words), key=lambda w: (-len(w), w))[:4]


def _candidates(conn: sqlite3.Connection, seed: _Doc, terms: list, window_days: int,
                limit: int) -> list[int]:
    """Items published within ``window_days`` of the seed that name one of its places
    (those naming it in their title first) or share its title's rarest words (copies);
    nearest in time first, at most ``limit``."""
    out: list[int] = []
    if seed.link:
        out += [r[0] for r in conn.execute(
            "SELECT id FROM items WHERE canonical_link = ? AND id != ?", (seed.link, seed.id))]
    phrases = [_fts_phrase(k) for k in terms]
    tw = _title_words(seed.title)
    queries = []
    if phrases:
        queries.append(("title : (" + " OR ".join(phrases) + ")", window_days, window_days))
        queries.append((" OR ".join(phrases), window_days, window_days))
    if len(tw) >= 3:
        queries.append((" AND ".join(_fts_phrase([w]) for w in tw[:3]), window_days, window_days))
    if not queries:
        return out
    iso = "%Y-%m-%dT%H:%M:%SZ"
    lo = (seed.published - timedelta(days=window_days)).strftime(iso)
    hi = (seed.published + timedelta(days=window_days)).strftime(iso)
    rng = conn.execute("SELECT min(id), max(id) FROM items WHERE published BETWEEN ? AND ?",
                       (lo, hi)).fetchone()
    if rng[0] is None:
        return out
    sql = ("SELECT f.rowid, i.published FROM items_fts f JOIN items i ON i.id = f.rowid "
           "WHERE items_fts MATCH ? AND f.rowid BETWEEN ? AND ? AND i.published BETWEEN ? AND ? "
           "AND f.rowid {op} ? ORDER BY f.rowid {order} LIMIT ?")
    found: dict[int, tuple[int, float]] = {}
    for rank, (q, before, after) in enumerate(queries):
        qlo = (seed.published - timedelta(days=before)).strftime(iso)
        qhi = (seed.published + timedelta(days=after)).strftime(iso)
        for op, order in ((">", "ASC"), ("<", "DESC")):
            try:
                rows = conn.execute(sql.format(op=op, order=order),
                                    (q, rng[0], rng[1], qlo, qhi, seed.id, SCAN)).fetchall()
            except sqlite3.OperationalError:  # an FTS expression it cannot read: skip it
                continue
            for rid, published in rows:
                gap = abs((_parse_ts(published) - seed.published).total_seconds())
                if rid not in found or (rank, gap) < found[rid]:
                    found[rid] = (min(rank, 1), gap)
    ranked = sorted(found, key=lambda rid: found[rid])
    out += ranked[:limit]
    return list(dict.fromkeys(out))


# -- scoring ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Candidate:
    """An item that likely reports the same incident, with why."""

    item_id: int
    score: float
    reasons: tuple[str, ...]
    feed: str
    title: str
    published: str
    linked: bool = False  # linked in one story by the analyst


@dataclass(frozen=True)
class Story:
    item_id: int
    members: tuple[Candidate, ...]  # score >= threshold (or linked), best first
    near: tuple[Candidate, ...]  # scored below the threshold, best first (for "more...")
    story_id: int | None  # the analyst's story the item is in
    seconds: float

    @property
    def item_ids(self) -> tuple[int, ...]:
        return (self.item_id, *(c.item_id for c in self.members))


class _Keys:
    """The seed's place / actor names as regexes over folded text (cheap candidate reads)."""

    def __init__(self, seed: _Doc, place_keys: dict, vocab) -> None:
        self.place_kind = {" ".join(k): v for k, v in place_keys.items()}
        self.place_re = _alternation(self.place_kind)
        actors: dict[str, str] = {}
        shared = _shared_aliases(vocab)
        for s in seed.segs:
            for aid in s.actors:
                a = vocab.actors.get(aid)
                if a is None:
                    continue
                for n in a.names:
                    k = fold_key(n)
                    if k and len(k) >= 3 and k not in shared:
                        actors.setdefault(k, aid)
        self.actor_of = actors
        self.actor_re = _alternation(actors)


_shared_cache: dict[int, set[str]] = {}


def _shared_aliases(vocab) -> set[str]:
    """Folded names listed under more than two actors ('soldiers', 'gunmen'): no evidence."""
    got = _shared_cache.get(id(vocab))
    if got is None:
        count: dict[str, set[str]] = {}
        for a in vocab.actors.values():
            for n in a.names:
                count.setdefault(fold_key(n), set()).add(a.id)
        got = {k for k, ids in count.items() if len(ids) > 2}
        _shared_cache.clear()
        _shared_cache[id(vocab)] = got
    return got


def _alternation(keys: Iterable[str]) -> re.Pattern | None:
    keys = sorted(keys, key=len, reverse=True)
    if not keys:
        return None
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![a-z0-9])")


_NONWORD = re.compile(r"[^a-z0-9]")


def _flat(text: str) -> str:
    """Folded, with every non-alphanumeric character a space: same length as ``text``."""
    return _NONWORD.sub(" ", fold_same_length(text))


def _read_candidate(doc: _Doc, keys: _Keys) -> _Doc:
    """A candidate's segments, looking only for the seed's places and actors (no matcher)."""
    body = doc.body
    flat = _flat(body)
    doc.shingles = _shingles(body, flat=flat)
    segs = [_Seg(s, e, lead=(k == 0)) for k, (s, e) in enumerate(_paragraphs(body))]

    def seg_at(pos: int) -> _Seg:
        for s in segs:
            if s.start <= pos < s.end:
                return s
        return segs[-1]

    masked = _masked(body)
    if keys.place_re is not None:
        for m in keys.place_re.finditer(flat):
            if _in(masked, m.start()):
                continue
            kind, ref = keys.place_kind[m.group()]
            seg = seg_at(m.start())
            (seg.places if kind == "place" else seg.districts).add(ref)
    if keys.actor_re is not None:
        for m in keys.actor_re.finditer(flat):
            seg_at(m.start()).actors.add(keys.actor_of[m.group()])
    for s in segs:
        s.violent = bool(_INCIDENT.search(body[s.start:s.end]))
        s.dates = None  # read when needed (_dates_of)
    doc.masked = masked
    doc.main_date = _LAZY
    doc.segs = segs
    return doc


_LAZY = object()


def _dates_of(doc: _Doc, seg: _Seg) -> list:
    """A candidate paragraph's date phrases, read on first use (the costly part)."""
    if seg.dates is None:
        pub = doc.published.date()
        seg.dates = []
        for ds in find_dates(doc.body[seg.start:seg.end][:DATE_CHARS], pub, doc.language,
                             same_day_weekday=True):
            if ds.date <= pub and not (ds.span and _in(doc.masked, seg.start + ds.span[0])):
                seg.dates.append((ds.date, ds.time_precision, ds.score, ds.alternatives))
        seg.dates.sort(key=lambda d: (-d[2], d[1]))
    return seg.dates


def _main_date(doc: _Doc) -> date | None:
    if doc.main_date is _LAZY:
        lead = _dates_of(doc, doc.segs[0])
        doc.main_date = lead[0][0] if lead else None
    return doc.main_date


def _seg_dates(doc: _Doc, seg: _Seg) -> list[date]:
    """The dates a paragraph may mean: its best phrase with the other readings of it
    ("on Wednesday" published on a Wednesday: that day, or a week before); else the
    item's main date."""
    dates = _dates_of(doc, seg)
    if dates:
        return [dates[0][0], *dates[0][3]]
    main = _main_date(doc)
    return [main] if main else []


def _score(seed: _Doc, cand: _Doc, vocab) -> tuple[float, list[str]]:
    reasons: list[str] = []
    score = 0.0
    if seed.link and seed.link == cand.link:
        return 1.0, ["same link"]
    if not cand.shingles:
        cand.shingles = _shingles(cand.body)
    if not (_violent(seed) and _violent(cand)):
        return 0.0, []  # no incident to share (floods, budgets, football)
    c = _containment(seed.shingles, cand.shingles)
    if c >= NEAR_IDENTICAL:
        score = 0.9 + 0.1 * (c - NEAR_IDENTICAL) / (1 - NEAR_IDENTICAL)
        reasons.append(f"near-identical text ({c:.0%} shared)")
    best, best_reasons = 0.0, []
    for s in seed.segs:
        if not (s.places or s.districts) or not _incident_seg(s):
            continue
        for t in cand.segs:
            if not (t.places or t.districts) or not _incident_seg(t, cand):
                continue
            shared = s.places & t.places
            districts = (s.districts & t.districts) | (s.districts & _place_districts(t, vocab)) \
                | (t.districts & _place_districts(s, vocab))
            kinds = {_pkind(p, vocab) for p in shared}
            if "place" in kinds or "admin2" in kinds:
                v = W["place"] if "place" in kinds else W["district"]
                why = "same place: " + ", ".join(sorted(_pname(p, vocab) for p in shared))
            elif districts:
                v, why = W["district"], "same district: " + ", ".join(sorted(d[2] for d in districts))
            elif shared:
                v, why = W["region"], "same region: " + ", ".join(sorted(_pname(p, vocab) for p in shared))
            else:
                continue
            why = [why]
            ds1, ds2 = _seg_dates(seed, s), _seg_dates(cand, t)
            if ds1 and ds2:
                # the closest pair; on a tie the first readings (the ones coded), not the
                # earliest alternative ("on Friday" filed on Friday: not a week before)
                gap, _, d1, d2 = min((abs((a - b).days), i + j, a, b)
                                     for i, a in enumerate(ds1) for j, b in enumerate(ds2))
                if gap > DATE_SLACK:
                    continue
                v += W["day"] if gap <= 1 else W["two_days"]
                why.append(f"dates {d1.isoformat()} / {d2.isoformat()}")
            elif abs((seed.published - cand.published).days) <= 3:
                v += W["undated"]
                why.append("published within 3 days")
            actors = (s.actors | _lead_actors(seed)) & (t.actors | _lead_actors(cand))
            if actors:
                v += W["actor"]
                why.append("actor: " + ", ".join(sorted(_aname(a, vocab) for a in actors)))
            if s.lead and t.lead:
                v += W["leads"]
            if not (s.violent and t.violent):
                v *= 0.5
            if v > best:
                best, best_reasons = v, why
    if best:
        f1, f2 = _families(seed.title), _families(cand.title)
        if f1 and f2 and not f1 & f2:
            best -= W["kind"]
            best_reasons.append("titles report different kinds of event")
        if seed.numbers and THRESHOLD - W["toll"] <= best < THRESHOLD:  # only when it decides
            common = seed.numbers & (cand.numbers or _numbers_of(cand))
            if common:
                best += W["toll"]
                best_reasons.append("toll: " + ", ".join(str(n) for n in sorted(common)))
        if best > score:
            score = min(best, 0.89)
            reasons = best_reasons + reasons
    if seed.events and cand.events:
        meet = _events_meet(seed.events, cand.events)
        if meet:
            score = max(score, 0.95)
            reasons.insert(0, meet)
        elif score < 0.9:
            score = min(score, 0.3)
            reasons.append("coded events differ in place or date")
    return round(score, 3), reasons


def _violent(doc: _Doc) -> bool:
    return any(s.violent for s in doc.segs)


def _incident_seg(seg: _Seg, doc: _Doc | None = None) -> bool:
    """A paragraph that can carry an incident: the lead, or one with its own date phrase
    (a round-up's bullet); not the background paragraphs further down."""
    if seg.lead:
        return True
    return bool(seg.dates if doc is None else _dates_of(doc, seg))


def _numbers_of(doc: _Doc) -> set[int]:
    doc.numbers = {f.low for f in find_fatalities(doc.body, doc.language) if f.low > 0}
    return doc.numbers


def _lead_actors(doc: _Doc) -> set:
    return doc.segs[0].actors if doc.segs else set()


def _place_districts(seg: _Seg, vocab) -> set:
    out = set()
    for pid in seg.places:
        p = vocab.places.get(pid)
        if p is not None and p.admin2:
            out.add((p.country, p.admin1, p.admin2))
    return out


def _pkind(pid: str, vocab) -> str:
    p = vocab.places.get(pid)
    return p.kind if p else "place"


def _pname(pid: str, vocab) -> str:
    p = vocab.places.get(pid)
    return p.name if p else pid


def _aname(aid: str, vocab) -> str:
    a = vocab.actors.get(aid)
    return a.name if a else aid


def _events_meet(a: list, b: list) -> str | None:
    for d1, k1, p1, x1 in a:
        for d2, k2, p2, x2 in b:
            same_place = (p1 and p1 == p2) or (k1 == k2 and k1.strip("|"))
            if same_place and abs((d1 - d2).days) <= DATE_SLACK and x1 & x2:
                return f"coded events: same place, actor and dates ({d1} / {d2})"
    return None


def group_story(conn: sqlite3.Connection, item_id: int, *, threshold: float = THRESHOLD,
                window_days: int = WINDOW_DAYS, limit: int = MAX_CANDIDATES,
                vocab=None) -> Story:
    """The items that likely report the same incident as ``item_id`` (see the module doc)."""
    t0 = time.perf_counter()
    vocab = vocab or _vocab()
    row = conn.execute(_ITEM_SQL + "WHERE i.id = ?", (item_id,)).fetchone()
    if row is None:
        raise KeyError(f"no item {item_id}")
    seed = _analyse(_doc_from_row(row), vocab)
    place_keys = _place_keys(seed, vocab)
    keys = _Keys(seed, place_keys[1], vocab)
    ids = _candidates(conn, seed, place_keys[0], window_days, limit)
    story_id, linked = linked_items(conn, item_id)
    ids = list(dict.fromkeys([*ids, *linked]))
    docs: dict[int, _Doc] = {}
    if ids:
        for r in conn.execute(_ITEM_SQL + f"WHERE i.id IN ({','.join('?' * len(ids))})", ids):
            docs[r["id"]] = _read_candidate(_doc_from_row(r), keys)
    _load_events(conn, {item_id: seed, **docs})
    scored = []
    for cid, doc in docs.items():
        s, why = _score(seed, doc, vocab)
        is_linked = cid in linked
        if is_linked:
            s, why = 1.0, ["linked by the analyst", *why]
        scored.append(Candidate(cid, s, tuple(why), doc.feed, doc.title,
                                doc.published.strftime("%Y-%m-%dT%H:%M:%SZ"), is_linked))
    scored.sort(key=lambda c: (-c.score, c.published, c.item_id))
    members = tuple(c for c in scored if c.score >= threshold or c.linked)
    near = tuple(c for c in scored if c not in members and c.score > 0)
    return Story(item_id, members, near, story_id, time.perf_counter() - t0)


# -- differing facts --------------------------------------------------------------------------

@dataclass(frozen=True)
class Fact:
    """A span of ``field`` ('title' or 'text') carrying one fact, normalised in ``value``;
    ``differs`` when not every compared item states the same value of this kind."""

    kind: str  # fatalities | place | date | actor | attribution
    field: str
    start: int
    end: int
    text: str
    value: str
    differs: bool = False


_ATTRIBUTION = re.compile(
    r"(?:according to|said|told|claimed|selon|a declare|ont declare|a indique|affirme|"
    r"a affirme|revendique)\b[^.;\n]{0,60}?"
    r"\b(?:local sources?|security sources?|military sources?|sources? securitaire|"
    r"sources? locales?|residents?|habitants?|witness(?:es)?|temoins?|officials?|"
    r"l armee|the army|army|military|humanitarian|volunteers?|local official|elu local|"
    r"responsable|ministry|ministere|police|gendarmerie|communique|statement)\b", re.I)
_ATTR_CLASSES = [
    ("security source", r"security source|military source|source securitaire|l armee|the army|army|military|gendarm|police|communique|statement|ministry|ministere"),
    ("local sources", r"local source|sources? locale|resident|habitant|witness|temoin|volunteer"),
    ("official", r"official|elu local|responsable"),
    ("humanitarian", r"humanitarian"),
]


def differing_facts(conn: sqlite3.Connection, item_ids: Sequence[int], vocab=None) -> dict[int, list[Fact]]:
    """For each item, the spans stating tolls, places, dates, actors and attribution, with
    ``differs`` set where the items do not all agree (what the side-by-side view
    highlights). Offsets are into the item's ``title`` or ``text``."""
    vocab = vocab or _vocab()
    matcher = _matcher(vocab)
    ids = list(dict.fromkeys(int(i) for i in item_ids))
    rows = {r["id"]: r for r in conn.execute(
        _ITEM_SQL + f"WHERE i.id IN ({','.join('?' * len(ids))})", ids)} if ids else {}
    facts: dict[int, list[Fact]] = {}
    for iid in ids:
        r = rows.get(iid)
        if r is None:
            continue
        pub = _parse_ts(r["published"]).date()
        out: list[Fact] = []
        for fld in ("title", "text"):
            text = r[fld] or ""
            masked = _masked(text) if fld == "text" else []  # datelines, bylines
            for f in find_fatalities(text, r["language"]):
                out.append(Fact("fatalities", fld, f.span[0], f.span[1], text[f.span[0]:f.span[1]],
                                str(f.low)))
            for m in matcher.find(text, kinds=("actor", "place")):
                if _in(masked, m.start):
                    continue
                c = _finest(m)
                if c.kind == "place":
                    out.append(Fact("place", fld, m.start, m.end, m.text, c.id))
                elif c.kind == "actor":
                    out.append(Fact("actor", fld, m.start, m.end, m.text, c.id))
            for ds in find_dates(text, pub, r["language"], same_day_weekday=True):
                if ds.span and not _in(masked, ds.span[0]):
                    out.append(Fact("date", fld, ds.span[0], ds.span[1], ds.phrase,
                                    ds.date.isoformat()))
            flat = _flat(text)
            for m in _ATTRIBUTION.finditer(flat):
                cls = next((name for name, rx in _ATTR_CLASSES if re.search(rx, m.group())), "other")
                out.append(Fact("attribution", fld, m.start(), m.end(), text[m.start():m.end()], cls))
        facts[iid] = out
    # a value differs when some compared item does not state it (among items stating the kind)
    kinds = {"fatalities", "place", "date", "actor", "attribution"}
    for kind in kinds:
        stating = [i for i in facts if any(f.kind == kind for f in facts[i])]
        if len(stating) < 2:
            continue
        values = {i: {f.value for f in facts[i] if f.kind == kind} for i in stating}
        common = set.intersection(*values.values())
        for i in stating:
            facts[i] = [Fact(f.kind, f.field, f.start, f.end, f.text, f.value,
                             f.value not in common) if f.kind == kind else f for f in facts[i]]
    for i in facts:
        facts[i].sort(key=lambda f: (f.field != "title", f.start))
    return facts


# -- linking ----------------------------------------------------------------------------------

def linked_items(conn: sqlite3.Connection, item_id: int) -> tuple[int | None, list[int]]:
    """(the item's story, the other items linked with it); (None, []) when in none."""
    r = conn.execute("SELECT story_id FROM story_items WHERE item_id = ?", (item_id,)).fetchone()
    if r is None:
        return None, []
    return r[0], [x[0] for x in conn.execute(
        "SELECT item_id FROM story_items WHERE story_id = ? AND item_id != ? ORDER BY item_id",
        (r[0], item_id))]


def _refresh_story(conn: sqlite3.Connection, story_id: int | None) -> None:
    if story_id is None:
        return
    conn.execute(
        "UPDATE stories SET items = (SELECT count(*) FROM story_items WHERE story_id = :s), "
        "independent_outlets = (SELECT count(DISTINCT i.feed_id) FROM story_items x "
        "JOIN items i ON i.id = x.item_id WHERE x.story_id = :s AND x.copy_of IS NULL) "
        "WHERE id = :s", {"s": story_id})
    conn.execute("DELETE FROM stories WHERE id = ? AND items = 0", (story_id,))


def _apply_story(conn: sqlite3.Connection, item_id: int | None, target: str, value) -> None:
    """Put an item's story membership back as ``value`` ({story, copy_of}; None: none)."""
    iid = int(target.split(":", 1)[1])
    old = conn.execute("SELECT story_id FROM story_items WHERE item_id = ?", (iid,)).fetchone()
    if value is None:
        conn.execute("DELETE FROM story_items WHERE item_id = ?", (iid,))
    else:
        conn.execute("INSERT OR IGNORE INTO stories (id, created_at) VALUES (?, ?)",
                     (value["story"], now_iso()))
        conn.execute("INSERT OR REPLACE INTO story_items (item_id, story_id, copy_of) "
                     "VALUES (?, ?, ?)", (iid, value["story"], value.get("copy_of")))
        _refresh_story(conn, value["story"])
    if old is not None and (value is None or old[0] != value["story"]):
        _refresh_story(conn, old[0])


decisions.register_applier("story", _apply_story)


def _copies(conn: sqlite3.Connection, item_ids: list[int]) -> dict[int, int | None]:
    """copy_of for each member: the earliest member it republishes (same canonical link or
    near-identical text), else None."""
    if not item_ids:
        return {}
    rows = conn.execute(
        f"SELECT id, title, coalesce(article, text) AS text, canonical_link, published "
        f"FROM items WHERE id IN "
        f"({','.join('?' * len(item_ids))}) ORDER BY published, id", item_ids).fetchall()
    originals: list[tuple[int, str | None, set]] = []
    out: dict[int, int | None] = {}
    for r in rows:
        sh = _shingles(f"{r['title']}\n\n{r['text']}")
        orig = None
        for oid, link, osh in originals:
            if (link and link == r["canonical_link"]) or _containment(sh, osh) >= NEAR_IDENTICAL:
                orig = oid
                break
        out[r["id"]] = orig
        if orig is None:
            originals.append((r["id"], r["canonical_link"], sh))
    return out


def _membership(conn: sqlite3.Connection, item_id: int) -> dict | None:
    r = conn.execute("SELECT story_id, copy_of FROM story_items WHERE item_id = ?",
                     (item_id,)).fetchone()
    return None if r is None else {"story": r[0], "copy_of": r[1]}


def _changes(conn: sqlite3.Connection, target: dict[int, dict | None]) -> list[Change]:
    """Apply membership changes {item: new membership}; the changes to log."""
    changes = []
    for iid, new in sorted(target.items()):
        old = _membership(conn, iid)
        if old == new:
            continue
        _apply_story(conn, iid, f"story:{iid}", new)
        changes.append(Change(iid, f"story:{iid}", old, new))
    return changes


def _commit(conn: sqlite3.Connection, action: str, coder: str, target: dict[int, dict | None]) -> int | None:
    """Apply and log membership changes {item: new membership} as one batch."""
    changes = _changes(conn, target)
    if not changes:
        return None
    return decisions.record(conn, action, changes, coder)


def link_items(conn: sqlite3.Connection, item_ids: Sequence[int], coder: str) -> int:
    """Record that the items report one incident: they (and the members of any story they
    are already in) become one story, as one undoable decision. Returns the story id.
    (sahel_tui.analysis.incidents.link_reports also joins their coded events.)"""

    def work() -> int:
        sid, changes = link_changes(conn, item_ids)
        if changes:
            decisions.record(conn, "story.link", changes, coder)
        return sid

    return in_transaction(conn, work)


def link_changes(conn: sqlite3.Connection, item_ids: Sequence[int]) -> tuple[int, list[Change]]:
    """Inside the caller's transaction: make the items one story; (story id, changes)."""
    ids = sorted({int(i) for i in item_ids})
    if len(ids) < 2 and not (ids and _membership(conn, ids[0])):
        raise ValueError("link at least two items")
    found = conn.execute(f"SELECT count(*) FROM items WHERE id IN ({','.join('?' * len(ids))})",
                         ids).fetchone()[0]
    if found != len(ids):
        raise KeyError("unknown item in " + repr(ids))
    stories = sorted({r[0] for r in conn.execute(
        f"SELECT story_id FROM story_items WHERE item_id IN ({','.join('?' * len(ids))})", ids)})
    if stories:
        sid = stories[0]
    else:
        sid = conn.execute("INSERT INTO stories (created_at) VALUES (?)", (now_iso(),)).lastrowid
    members = set(ids)
    if stories:
        members |= {r[0] for r in conn.execute(
            f"SELECT item_id FROM story_items WHERE story_id IN ({','.join('?' * len(stories))})",
            stories)}
    copies = _copies(conn, sorted(members))
    changes = _changes(conn, {i: {"story": sid, "copy_of": copies[i]} for i in members})
    _refresh_story(conn, sid)
    return sid, changes


def unlink_changes(conn: sqlite3.Connection, item_id: int) -> list[Change]:
    """Inside the caller's transaction: take the item out of its story; the changes."""
    target = _unlink_target(conn, item_id)
    return [] if target is None else _changes(conn, target)


def _unlink_target(conn: sqlite3.Connection, item_id: int) -> dict[int, dict | None] | None:
    """The memberships after taking the item out of its story (None: it is in none); a
    story left with one item is dissolved."""
    m = _membership(conn, item_id)
    if m is None:
        return None
    rest = [r[0] for r in conn.execute(
        "SELECT item_id FROM story_items WHERE story_id = ? AND item_id != ?",
        (m["story"], item_id))]
    target: dict[int, dict | None] = {item_id: None}
    if len(rest) <= 1:
        target.update({i: None for i in rest})
    else:
        copies = _copies(conn, rest)
        target.update({i: {"story": m["story"], "copy_of": copies[i]} for i in rest})
    return target


def unlink_item(conn: sqlite3.Connection, item_id: int, coder: str) -> int | None:
    """Take an item out of its story (one undoable decision); a story left with one item is
    dissolved. Returns the decision batch, or None when the item was in no story."""

    def work() -> int | None:
        target = _unlink_target(conn, item_id)
        return None if target is None else _commit(conn, "story.unlink", coder, target)

    return in_transaction(conn, work)
