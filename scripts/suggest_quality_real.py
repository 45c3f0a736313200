#!/usr/bin/env python3
"""Score the pre-filled coding on real events coded by ACLED (../shared/realworld).

    .venv/bin/python scripts/suggest_quality_real.py [--limit N] [--every K [--offset I]] [--examples 2]
                                                     [--json PATH] [--vocab-dir DIR]

The sibling of ``scripts/suggest_quality.py`` (the demo set's ground truth): same
suggestions, real text.  ``--vocab-dir`` loads the analyst's vocabulary directory as the app
does (``load_vocab(DIR)``), e.g. one the shared gazetteer was imported into, so the figures
can be taken with and without it.

Each line of ``../shared/realworld/acled_notes_dev.jsonl`` (ACLED's notes paragraph with
ACLED's coding; others' data, read by path, never copied) becomes a feed item: its text is
the note; its title is the note's opening words, cut like a feed that has no headline
("Suspected militants stopped a lorry on the road and took its…"); it is published the
day after the event at 09:00 UTC.  ``sahel_tui.suggest.suggest_coding`` codes it exactly as
the coding screen would, and the first proposed event is scored against ACLED's row:

* actors: the proposed actor1/actor2 against ACLED's actor1/actor2 (``actors``), and with
  the associated actors on both sides (``actors_all``).  ACLED names are mapped to ours by
  :func:`acled_actor_ids` (the codebook's naming conventions: a regime period "(2015-)"
  and a branch after it are dropped, "A and/or B" is matched by either); an ACLED actor
  with no counterpart in the vocabulary is always a miss.  The mapping is printed.
* roles: actor1 and actor2 each in ACLED's slot.
* country, location (same name folded, or within 5 km), admin1, admin2, event type,
  sub-event type, fatalities (exact), event date (exact): precision = right / proposed,
  recall = right / events.  F1 is their harmonic mean.
* by country and by event type (ACLED's), a confusion matrix of event types, the share of
  items given no event, the time per item, and the commonest failure patterns with
  examples (pattern rules in :func:`failure_patterns`).

Without ../shared the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sahel_tui.suggest import suggest_coding  # noqa: E402
from sahel_tui.vocab import fold_key, load_vocab  # noqa: E402
from sahel_tui.vocab.catalog import Vocab  # noqa: E402

REAL_PATH = ROOT.parent / "shared" / "realworld" / "acled_notes_dev.jsonl"
DEFAULT_JSON = ROOT / "bench" / "out" / "suggest_quality_real.json"
PLACE_KM = 5.0
FACETS = ("actors", "actors_all", "roles", "country", "location", "admin1", "admin2",
          "event_type", "sub_event_type", "fatalities", "date")


# ----------------------------------------------------------------------------- items
_LEAD_DATE = re.compile(
    r"^\s*(?:on|in|between|during|around|from|le|du)?\s*(?:the\s+)?(?:night\s+of\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:(?:and|-|to)\s+\d{1,2}\s+)?[A-Za-z]+|"
    r"[A-Za-z]+\s+\d{1,2}(?:st|nd|rd|th)?)(?:,?\s+\d{4})?\s*[,.:]?\s*", re.IGNORECASE)


def headline(note: str, words: int = 12) -> str:
    """A feed's stand-in title: the note's opening words without its date clause."""
    first = re.split(r"(?<=[.!?])\s", note.strip(), maxsplit=1)[0]
    m = _LEAD_DATE.match(first)
    if m and m.end() < len(first) - 10:
        first = first[m.end():]
    toks = first.split()
    title = " ".join(toks[:words])
    if len(toks) > words:
        title = title.rstrip(",;:") + "\u2026"
    return title[:1].upper() + title[1:]


def as_item(row: dict) -> tuple[str, str, dt.datetime]:
    d = dt.date.fromisoformat(row["event_date"]) + dt.timedelta(days=1)
    published = dt.datetime(d.year, d.month, d.day, 9, 0, tzinfo=dt.UTC)
    return headline(row["notes"]), row["notes"], published


def load_rows(path: Path = REAL_PATH, *, every: int = 1, offset: int = 0,
              limit: int | None = None) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if line.strip() and i % every == offset % every:
                rows.append(json.loads(line))
                if limit is not None and len(rows) >= limit:
                    break
    return rows


# ----------------------------------------------------------------------------- actors
_PERIOD = re.compile(r"\s*\((?:\d{4})\s*-\s*(?:\d{4})?\)")


def _key(name: str) -> str:
    """An actor name without its regime period or branch ("Police Forces of Mali
    (2013-2020) Gendarmerie" -> "police forces of mali")."""
    m = _PERIOD.search(name)
    if m:
        name = name[: m.start()]
    return fold_key(name)


class ActorMap:
    """ACLED actor names -> our actor ids, by the codebook's conventions (see doc)."""

    def __init__(self, vocab: Vocab) -> None:
        self.by_key: dict[str, str] = {}
        for a in vocab.actors.values():
            self.by_key.setdefault(_key(a.name), a.id)
        for a in vocab.actors.values():
            for n in a.aliases:
                self.by_key.setdefault(_key(n), a.id)
        # ACLED's name of a group is also "Name: Long name"; our alias may be either half
        for a in vocab.actors.values():
            if ":" in a.name:
                self.by_key.setdefault(_key(a.name.split(":")[0]), a.id)
        self.seen: Counter = Counter()
        self.unmatched: Counter = Counter()
        self.mapped: dict[str, str] = {}

    def ids(self, acled_name: str) -> frozenset[str]:
        """Our ids for one ACLED actor cell (one actor, or "A and/or B")."""
        out = set()
        for alt in acled_name.split(" and/or "):
            alt = alt.strip()
            if not alt:
                continue
            self.seen[alt] += 1
            aid = self.by_key.get(_key(alt))
            if aid is None and ":" in alt:
                aid = self.by_key.get(_key(alt.split(":")[0]))
            if aid is None:
                self.unmatched[alt] += 1
                out.add("acled:" + _key(alt))
            else:
                self.mapped[alt] = aid
                out.add(aid)
        return frozenset(out)


# ----------------------------------------------------------------------------- scoring
@dataclass
class PR:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, proposed: bool, expected: bool, right: bool) -> None:
        if proposed and expected and right:
            self.tp += 1
            return
        self.fp += proposed
        self.fn += expected

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Scores:
    facets: dict[str, PR] = field(default_factory=lambda: {f: PR() for f in FACETS})
    items: int = 0
    no_event: int = 0

    def as_dict(self) -> dict:
        return {"items": self.items, "no_event": self.no_event,
                "no_event_share": round(self.no_event / self.items, 4) if self.items else 0.0,
                **{k: v.as_dict() for k, v in self.facets.items()}}


def _km(lat1, lon1, lat2, lon2) -> float:
    if None in (lat1, lon1, lat2, lon2):
        return math.inf
    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _set_match(got: list[str], want: list[frozenset[str]], pr: PR) -> tuple[set, list]:
    """Each expected actor (a set of alternatives) found once; returns (extra, missing).
    Both are multisets: ACLED's "Rioters (Nigeria)" against "Rioters (Nigeria)" is two
    actors, and so is the same actor proposed in both slots."""
    left = list(got)
    missing = []
    for alts in want:
        hit = next((g for g in left if g in alts), None)
        if hit is None:
            missing.append(alts)
        else:
            left.remove(hit)
            pr.tp += 1
    pr.fn += len(missing)
    pr.fp += len(left)
    return set(left), missing


def _split(cell: str) -> list[str]:
    return [a.strip() for a in (cell or "").split(";") if a.strip()]


@dataclass
class Outcome:
    """What one item's first proposed event got right, for the failure patterns."""

    row: dict
    got: dict
    ok: dict
    extra: set
    missing: list


def _gid(actor, vocab: Vocab) -> str:
    """Our id of a proposed actor; one named by a pattern, not the vocabulary ("Katsina
    Communal Militia (Nigeria)"), is compared by name with ACLED's."""
    return actor.id if actor.id in vocab.actors else "acled:" + _key(actor.name)


def score_item(row: dict, coding, vocab: Vocab, amap: ActorMap, scores: list[Scores]) -> Outcome:
    ev = coding.events[0] if coding.events else None
    proposed = ev is not None
    a1 = amap.ids(row["actor1"]) if row["actor1"] else None
    a2 = amap.ids(row["actor2"]) if row["actor2"] else None
    assoc = [amap.ids(a) for a in _split(row["assoc_actor_1"]) + _split(row["assoc_actor_2"])]
    want = [x for x in (a1, a2) if x]
    got_main = [_gid(a, vocab) for a in (ev.actor1, ev.actor2) if a is not None] if ev else []
    got_all = [_gid(a, vocab) for a in ev.actors] if ev else []
    place = ev.place if ev else None
    cname = ""
    if ev is not None and ev.country:
        c = vocab.countries.get(ev.country)
        cname = c.name if c else ev.country
    got = {
        "actor1": _gid(ev.actor1, vocab) if ev and ev.actor1 else "",
        "actor2": _gid(ev.actor2, vocab) if ev and ev.actor2 else "",
        "country": cname,
        "location": place.name if place else "",
        "event_type": ev.event_type if ev else "",
        "sub_event_type": ev.sub_event_type if ev else "",
        "fatalities": ev.fatalities.low if ev else None,
        "date": ev.date.date.isoformat() if ev else "",
    }
    loc_ok = place is not None and (
        (fold_key(place.name) == fold_key(row["location"]) and fold_key(cname)
         == fold_key(row["country"]))
        or _km(place.latitude, place.longitude, row["latitude"], row["longitude"]) <= PLACE_KM)
    ok = {
        "country": proposed and fold_key(cname) == fold_key(row["country"]),
        "location": loc_ok,
        "admin1": place is not None and fold_key(place.admin1) == fold_key(row["admin1"]),
        "admin2": place is not None and bool(row["admin2"])
        and fold_key(place.admin2) == fold_key(row["admin2"]),
        "event_type": proposed and ev.event_type == row["event_type"],
        "sub_event_type": proposed and ev.sub_event_type == row["sub_event_type"],
        "fatalities": proposed and ev.fatalities.low == row["fatalities"],
        "date": proposed and got["date"] == row["event_date"],
        "actor1": bool(a1) and got["actor1"] in (a1 or ()),
        "actor2": bool(a2) and got["actor2"] in (a2 or ()),
    }
    extra: set = set()
    missing: list = []
    for sc in scores:
        sc.items += 1
        sc.no_event += not proposed
        f = sc.facets
        extra, missing = _set_match(got_main, want, f["actors"])
        _set_match(got_all, want + assoc, f["actors_all"])
        f["roles"].add(bool(got["actor1"]), bool(a1), ok["actor1"])
        f["roles"].add(bool(got["actor2"]), bool(a2), ok["actor2"])
        f["country"].add(bool(cname), True, ok["country"])
        f["location"].add(place is not None, True, ok["location"])
        f["admin1"].add(place is not None and bool(place.admin1), True, ok["admin1"])
        f["admin2"].add(place is not None and bool(place.admin2), bool(row["admin2"]),
                        ok["admin2"])
        f["event_type"].add(proposed, True, ok["event_type"])
        f["sub_event_type"].add(proposed, True, ok["sub_event_type"])
        f["fatalities"].add(proposed, True, ok["fatalities"])
        f["date"].add(proposed, True, ok["date"])
    return Outcome(row, got, ok, extra, missing)


# ----------------------------------------------------------------------------- patterns
_CIV_TYPES = ("Civilians",)


def failure_patterns(o: Outcome, vocab: Vocab, amap: ActorMap) -> list[str]:
    """Names of the failure patterns one item shows (an item may show several)."""
    row, got, ok = o.row, o.got, o.ok
    out = []
    if not got["event_type"]:
        return ["no event proposed"]
    if not got["country"]:
        out.append("no country resolved")
    elif not ok["country"]:
        out.append("wrong country")
    if not got["location"]:
        out.append("no place proposed")
    elif not ok["location"]:
        known = vocab.places_named(row["location"])
        out.append("wrong place (ACLED's is in the gazetteer)" if known
                   else "wrong place (ACLED's is not in the gazetteer)")
    if not ok["event_type"]:
        out.append(f"type {row['event_type']} -> {got['event_type']}")
    elif not ok["sub_event_type"]:
        out.append(f"sub-type {row['sub_event_type']} -> {got['sub_event_type']}")
    want_names = [row["actor1"], row["actor2"]]
    got_actors = [vocab.actors[a] for a in (got["actor1"], got["actor2"]) if a in vocab.actors]
    if any(n.startswith("Civilians") for n in want_names) and not any(
            a.type == "Civilians" for a in got_actors):
        out.append("civilians not found as the target")
    if any(n.startswith(("Military Forces", "Police Forces")) for n in want_names) and not any(
            a.type == "State forces" for a in got_actors):
        out.append("state forces missed")
    named = [n for n in want_names if n and not n.startswith(("Unidentified", "Civilians",
                                                              "Military", "Police",
                                                              "Protesters", "Rioters"))]
    if named and any(a.id.startswith("uag-") for a in got_actors) and any(
            not (amap.ids(n) & {a.id for a in got_actors}) for n in named):
        out.append("named group coded as Unidentified Armed Group")
    if any(n.startswith("Unidentified Armed Group") for n in want_names) and any(
            a.type == "Rebel group" for a in got_actors):
        out.append("group named where ACLED codes an unidentified one")
    ccode = next((c.alpha2 for c in vocab.countries.values()
                  if fold_key(c.name) == fold_key(row["country"])), None)
    if any(a.country and a.country != ccode and a.type not in ("Rebel group",
                                                               "External/Other forces")
           for a in got_actors):
        out.append("actor of the wrong country")
    if any(alts and all(x.startswith("acled:") for x in alts) for alts in o.missing):
        out.append("ACLED actor not in the vocabulary")
    if ((row["actor1"] and not ok["actor1"]) or (row["actor2"] and not ok["actor2"])) \
            and not o.missing and not o.extra:
        out.append("actors right, roles swapped")
    if not ok["fatalities"]:
        out.append("fatalities differ")
    if not ok["date"]:
        out.append("date differs")
    return out


# ----------------------------------------------------------------------------- run
def measure(rows: list[dict], vocab: Vocab | None = None, *, examples: int = 2) -> dict:
    vocab = vocab or load_vocab(None)
    vocab.matcher()
    amap = ActorMap(vocab)
    total = Scores()
    by_country: dict[str, Scores] = defaultdict(Scores)
    by_type: dict[str, Scores] = defaultdict(Scores)
    confusion: dict[str, Counter] = defaultdict(Counter)
    sub_confusion: Counter = Counter()
    patterns: Counter = Counter()
    pattern_examples: dict[str, list] = defaultdict(list)
    events_per_item: Counter = Counter()
    times = []
    for row in rows:
        title, text, published = as_item(row)
        t0 = time.perf_counter()
        coding = suggest_coding(title, text, published, "en", vocab=vocab)
        times.append(time.perf_counter() - t0)
        events_per_item[min(len(coding.events), 3)] += 1
        o = score_item(row, coding, vocab, amap,
                       [total, by_country[row["country"]], by_type[row["event_type"]]])
        confusion[row["event_type"]][o.got["event_type"] or "(none)"] += 1
        if o.got["sub_event_type"] != row["sub_event_type"]:
            sub_confusion[(row["sub_event_type"], o.got["sub_event_type"] or "(none)")] += 1
        for p in failure_patterns(o, vocab, amap):
            patterns[p] += 1
            if len(pattern_examples[p]) < examples:
                pattern_examples[p].append({
                    "id": row["event_id_cnty"], "notes": row["notes"][:240],
                    "acled": f"{row['actor1']} | {row['actor2']} | {row['event_type']} / "
                             f"{row['sub_event_type']} | {row['location']}, {row['country']} | "
                             f"{row['event_date']} | {row['fatalities']}",
                    "got": f"{o.got['actor1']} | {o.got['actor2']} | {o.got['event_type']} / "
                           f"{o.got['sub_event_type']} | {o.got['location']}, "
                           f"{o.got['country']} | {o.got['date']} | {o.got['fatalities']}",
                })
    per_class = {}
    types = sorted(set(confusion) | {t for c in confusion.values() for t in c} - {"(none)"})
    for t in types:
        pr = PR(tp=confusion[t][t],
                fp=sum(confusion[g][t] for g in confusion if g != t),
                fn=sum(n for p, n in confusion[t].items() if p != t))
        per_class[t] = pr.as_dict()
    seen = sum(amap.seen.values())
    unmatched = sum(amap.unmatched.values())
    return {
        "items": len(rows),
        "overall": total.as_dict(),
        "by_country": {k: v.as_dict() for k, v in sorted(by_country.items())},
        "by_event_type": {k: v.as_dict() for k, v in sorted(by_type.items())},
        "event_type_f1": per_class,
        "confusion": {k: dict(v) for k, v in sorted(confusion.items())},
        "sub_event_confusions": [{"acled": a, "got": b, "n": n}
                                 for (a, b), n in sub_confusion.most_common(15)],
        "events_per_item": {("3+" if k == 3 else str(k)): v
                            for k, v in sorted(events_per_item.items())},
        "actor_mapping": {
            "acled_names": len(amap.seen), "mentions": seen,
            "unmatched_names": len(amap.unmatched), "unmatched_mentions": unmatched,
            "mapped": dict(sorted(amap.mapped.items())),
            "top_unmatched": amap.unmatched.most_common(25),
        },
        "patterns": [{"pattern": p, "n": n, "examples": pattern_examples[p]}
                     for p, n in patterns.most_common()],
        "ms_per_item": {
            "median": round(statistics.median(times) * 1000, 2) if times else 0.0,
            "p90": round(sorted(times)[int(0.9 * (len(times) - 1))] * 1000, 2) if times else 0.0,
        },
    }


TARGETS = {"actors": 0.85, "roles": 0.75, "country": 0.95, "location": 0.80,
           "event_type": 0.85, "sub_event_type": 0.75, "fatalities": 0.90, "date": 0.95}


def print_report(r: dict, out=sys.stdout, *, patterns: int = 15) -> None:
    w = out.write
    o = r["overall"]
    w(f"Real ACLED notes: {r['items']} events; no event proposed for "
      f"{o['no_event']} ({o['no_event_share']:.1%}, target <= 3 %)\n\n")
    w(f"{'facet':<16}{'precision':>10}{'recall':>8}{'F1':>7}   target (P and R)\n")
    w("-" * 60 + "\n")
    for f in FACETS:
        d = o[f]
        t = TARGETS.get(f)
        mark = ""
        if t is not None:
            mark = f">= {t:.2f} " + ("ok" if min(d["precision"], d["recall"]) >= t else "MISS")
        w(f"{f:<16}{d['precision']:>10.3f}{d['recall']:>8.3f}{d['f1']:>7.3f}   {mark}\n")
    for title, groups in (("by country", r["by_country"]), ("by event type", r["by_event_type"])):
        w(f"\nF1 {title}:\n{'':<28}" + "".join(f"{f[:9]:>10}" for f in FACETS) + "   items\n")
        for k, d in groups.items():
            w(f"{k[:27]:<28}" + "".join(f"{d[f]['f1']:>10.2f}" for f in FACETS)
              + f"   {d['items']}\n")
    w("\nEvent type F1 (ACLED's type as the class):\n")
    for t, d in r["event_type_f1"].items():
        w(f"  {t:<30} P {d['precision']:.2f}  R {d['recall']:.2f}  F1 {d['f1']:.2f}\n")
    cols = sorted({c for v in r["confusion"].values() for c in v})
    short = {c: c[:10] for c in cols}
    w("\nConfusion (rows ACLED, columns suggested):\n" + f"{'':<28}"
      + "".join(f"{short[c]:>11}" for c in cols) + "\n")
    for t, v in r["confusion"].items():
        w(f"{t[:27]:<28}" + "".join(f"{v.get(c, 0):>11}" for c in cols) + "\n")
    w("\nCommonest sub-event confusions:\n")
    for c in r["sub_event_confusions"][:10]:
        w(f"  {c['n']:>4}  {c['acled']} -> {c['got']}\n")
    w(f"\nEvents proposed per item: {r['events_per_item']}\n")
    am = r["actor_mapping"]
    w(f"\nACLED actor names: {am['acled_names']} distinct, {am['mentions']} mentions; "
      f"{am['acled_names'] - am['unmatched_names']} map to the vocabulary, "
      f"{am['unmatched_names']} have no counterpart ({am['unmatched_mentions']} mentions). "
      "Commonest without one:\n")
    for name, n in am["top_unmatched"][:12]:
        w(f"  {n:>5}  {name}\n")
    w(f"\nWorst failure patterns (items showing each, of {r['items']}):\n")
    for p in r["patterns"][:patterns]:
        w(f"  {p['n']:>5}  {p['pattern']}\n")
        for e in p["examples"]:
            w(f"         {e['id']}: {e['notes'][:160]}\n"
              f"           ACLED: {e['acled']}\n           got:   {e['got']}\n")
    ms = r["ms_per_item"]
    w(f"\ntime per item: median {ms['median']:.2f} ms, p90 {ms['p90']:.2f} ms\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--path", type=Path, default=REAL_PATH)
    ap.add_argument("--every", type=int, default=1, help="score every K-th line only")
    ap.add_argument("--offset", type=int, default=0,
                    help="with --every K, take lines i where i %% K == offset: '--every 2 "
                         "--offset 1' is the other half, to check that a rule found on one "
                         "half generalises")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--examples", type=int, default=2, help="examples per failure pattern")
    ap.add_argument("--patterns", type=int, default=15, help="failure patterns listed")
    ap.add_argument("--json", type=Path, default=DEFAULT_JSON)
    ap.add_argument("--vocab-dir", type=Path, default=None,
                    help="the analyst's vocabulary directory (e.g. with a gazetteer imported)")
    ap.add_argument("--gazetteer-db", type=Path, default=None,
                    help="a database with an imported gazetteer (`sahel-tui --db FILE "
                         "gazetteer import ...`), matched as the app does")
    args = ap.parse_args(argv)
    if not args.path.exists():
        print(f"skipped: {args.path} not found (the shared real-world set sits beside the repo)")
        return 0
    vocab = load_vocab(args.vocab_dir)
    if args.gazetteer_db:
        from sahel_tui.gazetteer.index import Gazetteer
        from sahel_tui.store import open_store

        open_store(args.gazetteer_db).close()  # migrated as the app opens it (keys, columns)
        vocab.gazetteer = Gazetteer(args.gazetteer_db, exclude=vocab.places).build()
    r = measure(load_rows(args.path, every=args.every, offset=args.offset, limit=args.limit),
                vocab, examples=args.examples)
    r["vocab_dir"] = str(args.vocab_dir) if args.vocab_dir else None
    r["gazetteer_db"] = str(args.gazetteer_db) if args.gazetteer_db else None
    print_report(r, patterns=args.patterns)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(r, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
