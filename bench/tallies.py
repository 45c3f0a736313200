"""Tallies and story grouping benchmark on a large database (bench/make_db.py makes one).

    .venv/bin/python bench/tallies.py --db /tmp/bench500k.db [--json bench/out/tallies.json]
                                      [--decisions 20] [--stories 50] [--in-place]

Measures, for a few active queries ('' = every item, a tag, a feed, a date window, the
triage list 'status:new', a free word):

  1. pane refresh after one decision (target <= 20 ms): a PaneState is computed once (its
     cost is reported as "pane setup"), then for each of --decisions decisions (alternately
     dismissing an untriaged item and coding one with a new event, on items of the query),
     the time of PaneState.refresh(item ids) alone: the queries the pane runs after a
     decision. Median and p95 per query; PASS when every query's median is within target.
  2. the full tallies screen (target <= 200 ms): tallies.screen(), every tally (totals, by
     actor, type, sub-type, country, admin1, source, weekly and monthly series with the top
     actors, triage today), from scratch; median of 5 runs per query. PASS is judged on
     the whole-database query (''): the others are reported (a broad query costs what
     evaluating it over 500k items costs).
  3. story grouping for one item (target <= 50 ms): group_story() for --stories random
     items (fixed seed) after one warm-up call; median and p95.

The decisions change the database, so by default they are made on a copy of it (--in-place
writes to --db itself). Writes the figures to --json.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sahel_tui.analysis import stories, tallies, tally_pane
from sahel_tui.store import connect, decisions
from sahel_tui.store.events import Event, add_events
from sahel_tui.store.query import parse

QUERIES = ["", "status:new", "since:30d", "tag:mali", "feed:wire", "jnim"]
PANE_TARGET, SCREEN_TARGET, STORY_TARGET = 20.0, 200.0, 50.0
CODER = "bench-tallies"


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def p95(values: list[float]) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, max(0, round(0.95 * len(v)) - 1))]


def _event(conn, item_id: int, rng: random.Random) -> Event:
    row = conn.execute("SELECT actor1, actor2, event_type, sub_event_type, country, admin1, location, "
                       "place_id FROM events WHERE deleted = 0 AND id >= ? LIMIT 1",
                       (rng.randint(1, 100_000),)).fetchone()
    return Event(event_date=time.strftime("%Y-%m-%d"), event_type=row[2], sub_event_type=row[3],
                 actor1=row[0], actor2=row[1], country=row[4], admin1=row[5], location=row[6],
                 place_id=row[7], fatalities=rng.randint(0, 12))


def bench_pane(conn, q: str, n: int, rng: random.Random) -> dict:
    compiled = parse(q) if q else None
    scope = tallies.Scope(compiled)
    t = time.perf_counter()
    state = tally_pane.PaneState(conn, scope)
    setup = time.perf_counter() - t
    where = compiled.where if compiled else "1"
    params = compiled.params if compiled else []
    pool = [r[0] for r in conn.execute(
        f"SELECT items.id FROM items WHERE ({where}) AND items.status = 'new' "
        f"ORDER BY items.published DESC LIMIT 400", params)]
    rng.shuffle(pool)
    times = []
    before = state.pane.total.events
    for k in range(min(n, len(pool))):
        item = pool[k]
        if k % 2:
            add_events(conn, item, [_event(conn, item, rng)], CODER)
        else:
            decisions.set_status(conn, [item], "dismissed", CODER)
        t = time.perf_counter()
        pane = state.refresh([item])
        times.append(time.perf_counter() - t)
    state.close()
    # the pane kept step: a fresh count agrees
    fresh = tally_pane.PaneState(conn, scope)
    agree = fresh.pane.total.events == pane.total.events and \
        fresh.pane.triage.counts == pane.triage.counts if times else True
    fresh.close()
    return {"query": q, "setup_ms": ms(setup), "decisions": len(times),
            "refresh_median_ms": ms(statistics.median(times)) if times else None,
            "refresh_p95_ms": ms(p95(times)) if times else None,
            "events_before": before, "events_after": pane.total.events if times else before,
            "agrees_with_recount": agree}


def bench_screen(conn, q: str, runs: int = 5) -> dict:
    scope = tallies.Scope(parse(q) if q else None)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        s = tallies.screen(conn, scope)
        times.append(time.perf_counter() - t)
    return {"query": q, "median_ms": ms(statistics.median(times)), "min_ms": ms(min(times)),
            "events": s.total.events}


def bench_stories(conn, n: int, rng: random.Random) -> dict:
    top = conn.execute("SELECT max(id) FROM items").fetchone()[0]
    ids = [rng.randint(1, top) for _ in range(n)]
    stories.group_story(conn, ids[0])  # warm-up: the vocabulary and its matcher
    times, members = [], []
    for i in ids:
        t = time.perf_counter()
        s = stories.group_story(conn, i)
        times.append(time.perf_counter() - t)
        members.append(len(s.members))
    return {"items": n, "median_ms": ms(statistics.median(times)), "p95_ms": ms(p95(times)),
            "max_ms": ms(max(times)), "members_median": statistics.median(members)}


def verdict(value: float | None, target: float) -> str:
    return "PASS" if value is not None and value <= target else "MISS"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--json", default=str(Path(__file__).resolve().parent / "out" / "tallies.json"))
    ap.add_argument("--decisions", type=int, default=20)
    ap.add_argument("--stories", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--in-place", action="store_true",
                    help="make the decisions in --db itself (default: on a temporary copy)")
    args = ap.parse_args(argv)
    src = Path(args.db)
    if not src.exists():
        raise SystemExit(f"{src}: no such database (make one with bench/make_db.py)")
    rng = random.Random(args.seed)
    tmp = None
    db = src
    if not args.in_place:
        tmp = tempfile.TemporaryDirectory(prefix="bench-tallies-", dir=str(src.parent))
        db = Path(tmp.name) / src.name
        print(f"copying {src} for the decisions ...", file=sys.stderr)
        shutil.copyfile(src, db)
        wal = src.with_name(src.name + "-wal")
        if wal.exists():
            shutil.copyfile(wal, db.with_name(db.name + "-wal"))
    try:
        conn = connect(db)
        n_events = conn.execute("SELECT count(*) FROM events WHERE deleted = 0").fetchone()[0]
        n_items = conn.execute("SELECT count(*) FROM items").fetchone()[0]
        print(f"{n_items:,} items, {n_events:,} live events")
        if not n_items or not n_events:
            raise SystemExit(f"{src}: no items or no events (bench/make_db.py makes both)")
        screens = [bench_screen(conn, q) for q in QUERIES]
        panes = [bench_pane(conn, q, args.decisions, rng) for q in QUERIES]
        story = bench_stories(conn, args.stories, rng)
        conn.close()
    finally:
        if tmp is not None:
            tmp.cleanup()

    worst_pane = max((p["refresh_median_ms"] or 0) for p in panes)
    all_screen = next(s for s in screens if s["query"] == "")
    out = {
        "db": str(src), "items": n_items, "events": n_events,
        "pane": {"target_ms": PANE_TARGET, "worst_median_ms": worst_pane,
                 "verdict": verdict(worst_pane, PANE_TARGET), "by_query": panes},
        "screen": {"target_ms": SCREEN_TARGET, "all_items_median_ms": all_screen["median_ms"],
                   "verdict": verdict(all_screen["median_ms"], SCREEN_TARGET), "by_query": screens},
        "stories": {"target_ms": STORY_TARGET, **story,
                    "verdict": verdict(story["median_ms"], STORY_TARGET),
                    "p95_verdict": verdict(story["p95_ms"], STORY_TARGET)},
    }
    print("\npane refresh after one decision (target <= 20 ms; setup = first count)")
    for p in panes:
        print(f"  {p['query'] or '(all items)':14} median {p['refresh_median_ms']:7} ms  "
              f"p95 {p['refresh_p95_ms']:7} ms   setup {p['setup_ms']:8} ms   "
              f"recount agrees: {p['agrees_with_recount']}")
    print(f"  {out['pane']['verdict']}: worst median {worst_pane} ms")
    print("\nfull tallies screen (target <= 200 ms on all items)")
    for s in screens:
        print(f"  {s['query'] or '(all items)':14} median {s['median_ms']:8} ms   "
              f"({s['events']:,} events)")
    print(f"  {out['screen']['verdict']}: {all_screen['median_ms']} ms on all items")
    print(f"\nstory grouping, {story['items']} random items (target <= 50 ms)")
    print(f"  median {story['median_ms']} ms ({out['stories']['verdict']}), p95 {story['p95_ms']} ms "
          f"({out['stories']['p95_verdict']}), max {story['max_ms']} ms")
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(out, indent=2), encoding="utf-8")
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
