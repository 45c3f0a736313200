#!/usr/bin/env python3
"""Measure the pre-filled coding against the demo set's ground truth, facet by facet.

    .venv/bin/python scripts/suggest_quality.py [--misses 8] [--json PATH] [--check]

The demo feeds are synced into a temporary database exactly as the app does
(``demo_config(db=tmp)`` then ``sync``), and every security item of the ground truth that
carries at least one event is coded by ``sahel_tui.suggest.suggest_for_item`` from the
stored row (``title + "\\n\\n" + text``, ``published``, ``language``): the same call the
coding screen makes.  Items reported by two ground-truth lines under one link are one stored
item; it is scored against the line whose title it carries.

Facets (micro-averaged over items unless said otherwise):

* actors: the pre-filled actors of every proposed event (actor1, assoc_actor_1, actor2,
  assoc_actor_2, canonical names) against the union of the ground-truth events' actor1,
  actor2 and associated actors.  precision = right / proposed, recall = found / expected.
* places: the proposed location of every proposed event against the ground-truth
  locations.  A proposal is right when its name folds like the location's and it lies in
  the same country, or when it lies within 5 km of it.  precision = right proposals /
  proposals, recall = locations found / locations.
* event type: the first proposed event's (event_type, sub_event_type) against the item's
  first ground-truth event (and event_type alone).
* date: the first proposed event's date equals the first ground-truth event_date.
* fatalities: the first proposed event's figure equals the ground truth, or is within
  +/-20 % of it (0 only matches 0).
* for information (no target): proposed events per item, actor1 and actor2 of the first
  event in their right roles, geo_precision and time_precision of the first event, and
  the share of the non-security items (economy, sport ...) given an event all the same.

Targets (``--check`` exits 1 when one is missed): actors and places recall >= 0.9 and
precision >= 0.8; event type (event_type and sub_event_type) right on >= 0.7 of items.
The figures are also written to bench/out/suggest_quality.json.
"""

from __future__ import annotations

import argparse
import json
import math
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sahel_tui.demo import demo_config, ground_truth_path  # noqa: E402
from sahel_tui.ingest.normalize import canonical_url  # noqa: E402
from sahel_tui.ingest.sync import sync  # noqa: E402
from sahel_tui.suggest import suggest_for_item  # noqa: E402
from sahel_tui.vocab import fold_key, load_vocab  # noqa: E402

TARGETS = {
    "actors.precision": 0.8,
    "actors.recall": 0.9,
    "places.precision": 0.8,
    "places.recall": 0.9,
    "event_type.accuracy": 0.7,
}
DEFAULT_JSON = ROOT / "bench" / "out" / "suggest_quality.json"
PLACE_KM = 5.0


@dataclass
class Facet:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    right: int = 0
    total: int = 0
    misses: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0


def _km(lat1, lon1, lat2, lon2) -> float:
    if None in (lat1, lon1, lat2, lon2):
        return math.inf
    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _gt_actors(ev: dict) -> set[str]:
    out = {ev["actor1"], ev["actor2"], *ev["assoc_actor_1"], *ev["assoc_actor_2"]}
    return {a for a in out if a}


def _place_ok(place, country_name: str | None, loc: dict, vocab) -> bool:
    if place is None:
        return False
    c = vocab.countries.get(place.country)
    same_country = c is not None and fold_key(c.name) == fold_key(loc["country"])
    if same_country and fold_key(place.name) == fold_key(loc["location"]):
        return True
    return _km(place.latitude, place.longitude, loc["latitude"], loc["longitude"]) <= PLACE_KM


def load_items(db: Path, *, noise: bool = False) -> list[tuple[sqlite3.Row, dict]]:
    """(stored item row, ground-truth line) for every security item with events (with
    *noise*: for every item that is not about security)."""
    gt = [json.loads(line) for line in ground_truth_path().read_text(encoding="utf-8").splitlines()
          if line.strip()]
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    keys = dict(conn.execute("SELECT key, item_id FROM item_keys").fetchall())
    by_item: dict[int, list[dict]] = {}
    for g in gt:
        iid = keys.get("l:" + (canonical_url(g["link"]) or ""))
        if iid is None:
            raise SystemExit(f"ground-truth item not found in the database: {g['title']!r}")
        by_item.setdefault(iid, []).append(g)
    out = []
    for iid, lines in sorted(by_item.items()):
        row = conn.execute(
            "SELECT id, title, text, published, language FROM items WHERE id = ?", (iid,)
        ).fetchone()
        g = next((x for x in lines if x["title"] == row["title"]), lines[0])
        if (not g["security"]) if noise else (g["security"] and g["events"]):
            out.append((row, g))
    conn.close()
    return out


def measure(misses: int = 8, db_dir: Path | None = None) -> dict:
    """Sync the demo into a temporary database, code every security item, score it."""
    with tempfile.TemporaryDirectory(dir=db_dir) as tmp:
        db = Path(tmp) / "demo.db"
        report = sync(demo_config(db=db), db_path=db)
        failed = [o.line() for o in report.failed]
        if failed:
            raise SystemExit("demo sync failed: " + "; ".join(failed))
        items = load_items(db)
        noise_items = load_items(db, noise=True)
    vocab = load_vocab(None)
    vocab.matcher()  # built once, not timed per item

    actors, places, etype, etype_only = Facet(), Facet(), Facet(), Facet()
    date, fat_exact, fat_20, n_events = Facet(), Facet(), Facet(), Facet()
    roles, geo_prec, time_prec = Facet(), Facet(), Facet()
    times = []
    for row, g in items:
        t0 = time.perf_counter()
        coding = suggest_for_item(row, vocab)
        times.append(time.perf_counter() - t0)
        title = row["title"]
        evs = coding.events
        gevs = g["events"]
        n_events.total += 1
        n_events.right += len(evs) == len(gevs)
        if len(evs) != len(gevs):
            n_events.misses.append((title, len(gevs), len(evs)))

        # actors: union over events
        got = set()
        for e in evs:
            # the demo's ground truth codes no associated-actor categories ("Farmers
            # (Mali)", "Fulani Ethnic Group (Mali)"): those are scored on the real notes
            # (suggest_quality_real.py, actors_all), not here
            got |= {a.name for a in e.actors if not a.id.startswith("assoc:")}
        want = set()
        for ge in gevs:
            want |= _gt_actors(ge)
        tp = len(got & want)
        actors.tp += tp
        actors.fp += len(got - want)
        actors.fn += len(want - got)
        if got != want:
            actors.misses.append((len(got ^ want), title, sorted(want - got), sorted(got - want)))

        # places: each proposal right if it matches a ground-truth location
        locs = []
        for ge in gevs:
            key = (ge["location"], ge["latitude"], ge["longitude"])
            if key not in [(x["location"], x["latitude"], x["longitude"]) for x in locs]:
                locs.append(ge)
        props = []
        for e in evs:
            if e.place is not None and e.place.id not in [p.id for p in props]:
                props.append(e.place)
        right_props = [p for p in props if any(_place_ok(p, None, loc, vocab) for loc in locs)]
        found = [loc for loc in locs if any(_place_ok(p, None, loc, vocab) for p in props)]
        places.tp += len(found)
        places.fn += len(locs) - len(found)
        places.fp += len(props) - len(right_props)
        if len(found) < len(locs) or len(right_props) < len(props):
            places.misses.append((
                (len(locs) - len(found)) + (len(props) - len(right_props)), title,
                [f"{loc['location']} ({loc['country']})" for loc in locs if loc not in found],
                [f"{p.name} ({p.country}, {p.kind})" for p in props if p not in right_props],
            ))

        first = evs[0] if evs else None
        g0 = gevs[0]
        # event type
        etype.total += 1
        etype_only.total += 1
        got_t = (first.event_type, first.sub_event_type) if first else ("", "")
        want_t = (g0["event_type"], g0["sub_event_type"])
        etype.right += got_t == want_t
        etype_only.right += got_t[0] == want_t[0]
        if got_t != want_t:
            etype.misses.append((1, title, " / ".join(want_t), " / ".join(got_t)))
        # roles (information only): actor1 and actor2 of the first event
        roles.total += 1
        got_r = ((first.actor1.name if first and first.actor1 else ""),
                 (first.actor2.name if first and first.actor2 else ""))
        want_r = (g0["actor1"], g0["actor2"])
        roles.right += got_r == want_r
        if got_r != want_r:
            roles.misses.append((1, title, " | ".join(want_r), " | ".join(got_r)))
        geo_prec.total += 1
        geo_prec.right += bool(first) and first.geo_precision == g0["geo_precision"]
        time_prec.total += 1
        time_prec.right += bool(first) and first.date.time_precision == g0["time_precision"]
        # date
        date.total += 1
        got_d = first.date.date.isoformat() if first else ""
        date.right += got_d == g0["event_date"]
        if got_d != g0["event_date"]:
            date.misses.append((1, title, g0["event_date"] + f" ({g0['date_phrase']})",
                                got_d + (f" ({first.date.phrase})" if first else "")))
        # fatalities
        fat_exact.total += 1
        fat_20.total += 1
        got_f = first.fatalities.low if first else 0
        want_f = g0["fatalities"]
        fat_exact.right += got_f == want_f
        fat_20.right += abs(got_f - want_f) <= 0.2 * want_f
        if got_f != want_f:
            fat_exact.misses.append((abs(got_f - want_f), title,
                                     f"{want_f} ({g0['fatality_phrase']})",
                                     f"{got_f} ({first.fatalities.phrase if first else ''})"))

    noise = Facet(total=len(noise_items))
    for row, _ in noise_items:
        if suggest_for_item(row, vocab).events:
            noise.right += 1
            noise.misses.append(row["title"])

    def worst(f: Facet):
        return [{"title": t, "expected": e, "got": g}
                for _, t, e, g in sorted(f.misses, key=lambda m: -m[0])[:misses]]

    result = {
        "items": len(items),
        "events_expected": sum(len(g["events"]) for _, g in items),
        "facets": {
            "actors": {"precision": actors.precision, "recall": actors.recall,
                       "tp": actors.tp, "fp": actors.fp, "fn": actors.fn},
            "places": {"precision": places.precision, "recall": places.recall,
                       "tp": places.tp, "fp": places.fp, "fn": places.fn},
            "event_type": {"accuracy": etype.accuracy, "event_type_only": etype_only.accuracy,
                           "right": etype.right, "total": etype.total},
            "date": {"accuracy": date.accuracy, "right": date.right, "total": date.total},
            "fatalities": {"exact": fat_exact.accuracy, "within_20pct": fat_20.accuracy,
                           "total": fat_exact.total},
            "events_per_item": {"accuracy": n_events.accuracy, "right": n_events.right,
                                "total": n_events.total},
            "roles": {"accuracy": roles.accuracy, "right": roles.right, "total": roles.total},
            "geo_precision": {"accuracy": geo_prec.accuracy, "total": geo_prec.total},
            "time_precision": {"accuracy": time_prec.accuracy, "total": time_prec.total},
            "noise_with_event": {"share": noise.accuracy, "items": noise.right,
                                 "total": noise.total, "titles": noise.misses},
        },
        "seconds_per_item": {
            "median": statistics.median(times) if times else 0.0,
            "p90": sorted(times)[int(0.9 * (len(times) - 1))] if times else 0.0,
            "max": max(times) if times else 0.0,
        },
        "worst_misses": {
            "actors": worst(actors),
            "places": worst(places),
            "event_type": worst(etype),
            "date": worst(date),
            "fatalities": worst(fat_exact),
            "roles": worst(roles),
            "events_per_item": [{"title": t, "expected": e, "got": g}
                                for t, e, g in n_events.misses[:misses]],
        },
    }
    result["targets"] = {k: {"target": v, "value": _get(result, k), "ok": _get(result, k) >= v}
                         for k, v in TARGETS.items()}
    return result


def _get(result: dict, dotted: str) -> float:
    facet, key = dotted.split(".")
    return result["facets"][facet][key]


def print_report(r: dict, out=sys.stdout) -> None:
    f = r["facets"]
    w = out.write
    w(f"Suggested coding vs ground truth: {r['items']} security items with "
      f"{r['events_expected']} events\n\n")
    w(f"{'facet':<12} {'metric':<24} {'value':>7}  target\n")
    w("-" * 56 + "\n")

    def line(facet, metric, value, target=None):
        t = "" if target is None else (f">= {target:.2f} " + ("ok" if value >= target else "MISS"))
        w(f"{facet:<12} {metric:<24} {value:>7.3f}  {t}\n")

    line("actors", "precision", f["actors"]["precision"], TARGETS["actors.precision"])
    line("", "recall", f["actors"]["recall"], TARGETS["actors.recall"])
    line("places", "precision", f["places"]["precision"], TARGETS["places.precision"])
    line("", "recall", f["places"]["recall"], TARGETS["places.recall"])
    line("event type", "type + sub-type", f["event_type"]["accuracy"],
         TARGETS["event_type.accuracy"])
    line("", "type only", f["event_type"]["event_type_only"])
    line("date", "exact", f["date"]["accuracy"])
    line("fatalities", "exact", f["fatalities"]["exact"])
    line("", "within 20 %", f["fatalities"]["within_20pct"])
    line("events", "right count per item", f["events_per_item"]["accuracy"])
    line("roles", "actor1 + actor2 right", f["roles"]["accuracy"])
    line("precision", "geo_precision right", f["geo_precision"]["accuracy"])
    line("", "time_precision right", f["time_precision"]["accuracy"])
    line("noise items", "given an event (lower=ok)", f["noise_with_event"]["share"])
    s = r["seconds_per_item"]
    w(f"\ntime per item: median {s['median'] * 1000:.1f} ms, p90 {s['p90'] * 1000:.1f} ms, "
      f"max {s['max'] * 1000:.1f} ms\n")
    for facet, rows in r["worst_misses"].items():
        if not rows:
            continue
        w(f"\nworst misses: {facet}\n")
        for m in rows:
            w(f"  - {m['title'][:78]}\n      expected: {m['expected']}\n      got:      {m['got']}\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--misses", type=int, default=8, help="worst misses listed per facet")
    ap.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write the figures")
    ap.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = ap.parse_args(argv)
    r = measure(misses=args.misses)
    print_report(r)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(r, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    missed = [k for k, v in r["targets"].items() if not v["ok"]]
    if missed:
        print(f"\ntargets missed: {', '.join(missed)}")
    else:
        print("\nall targets met")
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    raise SystemExit(main())
