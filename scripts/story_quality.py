"""Story grouping quality on the demo feed set, against its ground truth.

    .venv/bin/python scripts/story_quality.py [--threshold 0.6] [--misses 15] [--json FILE]

Ingests the bundled demo feeds into a temporary database (sahel_tui.demo.demo_config +
sahel_tui.ingest.sync.sync), runs ``group_story`` for every item and compares with
``ground_truth.jsonl``: two items belong together when they share an incident id (an item's
own ``incident``, or the ``incident`` of one of its events: a round-up reporting several
incidents is a member of each). Pairs are directed (item -> proposed member), so an item
that finds a partner which does not find it back counts once each way.

Prints pairwise precision and recall, the timing, and the worst misses (false members with
the highest scores, missed partners with their best score).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sahel_tui.analysis.stories import THRESHOLD, group_story
from sahel_tui.demo import demo_config, ground_truth_path
from sahel_tui.ingest.sync import sync
from sahel_tui.store import open_store


def truth_by_item(conn) -> tuple[dict[int, set[str]], dict[int, dict]]:
    """item id -> incident ids, and item id -> its ground-truth row."""
    incidents: dict[int, set[str]] = defaultdict(set)
    rows: dict[int, dict] = {}
    for line in ground_truth_path().read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        item = None
        for key in (f"g:{g['id']}", f"l:{g['link']}"):
            r = conn.execute("SELECT item_id FROM item_keys WHERE key = ?", (key,)).fetchone()
            if r:
                item = r[0]
                break
        if item is None:
            r = conn.execute("SELECT item_id FROM item_feeds WHERE link = ? UNION "
                             "SELECT id FROM items WHERE link = ?", (g["link"], g["link"])).fetchone()
            item = r[0] if r else None
        if item is None:
            raise SystemExit(f"ground truth item not found in the database: {g['id']}")
        ids = {g["incident"]} if g["incident"] else set()
        ids |= {e["incident"] for e in g["events"] if e.get("incident")}
        incidents[item] |= ids
        rows.setdefault(item, g)
    return incidents, rows


def evaluate(conn, threshold: float = THRESHOLD) -> dict:
    incidents, _rows = truth_by_item(conn)
    items = [r[0] for r in conn.execute("SELECT id FROM items ORDER BY id")]
    truth = {(i, j) for i in items for j in items
             if i != j and incidents.get(i, set()) & incidents.get(j, set())}
    predicted: set[tuple[int, int]] = set()
    scores: dict[tuple[int, int], tuple[float, tuple]] = {}
    seconds = []
    for i in items:
        story = group_story(conn, i, threshold=threshold)
        seconds.append(story.seconds)
        for c in (*story.members, *story.near):
            scores[(i, c.item_id)] = (c.score, c.reasons)
        predicted |= {(i, c.item_id) for c in story.members}
    tp = len(predicted & truth)
    precision = tp / len(predicted) if predicted else 1.0
    recall = tp / len(truth) if truth else 1.0

    def label(i):
        r = conn.execute("SELECT f.name, i.title FROM items i JOIN feeds f ON f.id = i.feed_id "
                         "WHERE i.id = ?", (i,)).fetchone()
        return f"[{r[0]}] {r[1]}"

    false_pos = sorted(predicted - truth, key=lambda p: -scores[p][0])
    missed = sorted(truth - predicted, key=lambda p: -scores.get(p, (0.0, ()))[0])
    return {
        "items": len(items), "truth_pairs": len(truth), "predicted_pairs": len(predicted),
        "true_positives": tp, "precision": round(precision, 4), "recall": round(recall, 4),
        "threshold": threshold,
        "ms_median": round(statistics.median(seconds) * 1000, 2),
        "ms_max": round(max(seconds) * 1000, 2),
        "false_positives": [
            {"item": label(i), "member": label(j), "score": scores[(i, j)][0],
             "reasons": list(scores[(i, j)][1]),
             "incidents": [sorted(incidents.get(i, ())), sorted(incidents.get(j, ()))]}
            for i, j in false_pos],
        "missed": [
            {"item": label(i), "partner": label(j), "score": scores.get((i, j), (0.0,))[0],
             "reasons": list(scores.get((i, j), (0.0, ()))[1]),
             "incidents": sorted(incidents[i] & incidents[j])}
            for i, j in missed],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--threshold", type=float, default=THRESHOLD)
    ap.add_argument("--misses", type=int, default=15, help="how many worst misses to print")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        config = demo_config(db=Path(tmp) / "demo.db")
        report = sync(config)
        if report.failed:
            raise SystemExit(f"demo ingest failed: {report.summary()}")
        conn = open_store(config.settings.database)
        out = evaluate(conn, args.threshold)
        conn.close()
    print(f"items {out['items']}, ground-truth pairs {out['truth_pairs']} (directed), "
          f"proposed {out['predicted_pairs']}, correct {out['true_positives']}")
    print(f"precision {out['precision']:.3f}   recall {out['recall']:.3f}   "
          f"(threshold {out['threshold']}; {out['ms_median']} ms median, {out['ms_max']} ms max "
          f"per item)")
    n = args.misses
    if out["false_positives"]:
        print(f"\nworst false members ({len(out['false_positives'])}):")
        for fp in out["false_positives"][:n]:
            print(f"  {fp['score']:.2f}  {fp['item']}\n        -> {fp['member']}\n"
                  f"        {'; '.join(fp['reasons'])}  {fp['incidents']}")
    if out["missed"]:
        print(f"\nworst misses ({len(out['missed'])}):")
        for m in out["missed"][:n]:
            print(f"  {m['score']:.2f}  {m['item']}\n        -> {m['partner']}\n"
                  f"        {'; '.join(m['reasons']) or 'not a candidate'}  {m['incidents']}")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
