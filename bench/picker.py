"""Picker filtering speed: the place and actor pickers' option lists, recomputed per keystroke.

    .venv/bin/python bench/picker.py

Types real names one character at a time (as an analyst would) into the place and actor
pickers' sources, over the full shipped gazetteer, and reports per-keystroke time
(target: every keystroke within 30 ms; the floor for comparison is a plain substring scan
of all names in Python).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = ["Ménaka", "Tillabéri", "Ouagadougou", "Maiduguri", "Fada N'Gourma", "Tessalit", "Kaya",
         "Boulkessi", "Diffa", "Gwoza", "Djibo", "Aguelhok", "Tombouctou", "Sokoto", "Bol"]
ACTORS = ["JNIM", "Islamic State", "Wagner", "Military Forces of Niger", "bandits", "ISWAP"]


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))]


def main() -> int:
    from sahel_tui.ui.coding import CodingState
    from sahel_tui.ui.coding_pickers import actor_items, place_items
    from sahel_tui.vocab import load_vocab

    t0 = time.perf_counter()
    vocab = load_vocab(None)
    matcher = vocab.matcher()
    build = time.perf_counter() - t0
    names = [p.name for p in vocab.places.values()]
    state = CodingState(0)
    place_items(vocab, state, "x")  # the sorted name index is built on first use
    out = {}
    for label, words, fn in (("place", WORDS, lambda t: place_items(vocab, state, t)),
                             ("actor", ACTORS, lambda t: actor_items(vocab, state, t, True))):
        times, floor = [], []
        for word in words:
            for i in range(1, len(word) + 1):
                prefix = word[:i]
                t = time.perf_counter()
                fn(prefix)
                times.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                low = prefix.lower()
                [n for n in names if low in n.lower()]
                floor.append((time.perf_counter() - t) * 1000)
        out[label] = {"keystrokes": len(times), "median_ms": statistics.median(times),
                      "p95_ms": pct(times, 95), "max_ms": max(times),
                      "floor_median_ms": statistics.median(floor)}
        print(f"{label} picker: {len(times)} keystrokes, median {out[label]['median_ms']:.2f} ms, "
              f"p95 {out[label]['p95_ms']:.2f} ms, max {out[label]['max_ms']:.2f} ms "
              f"(plain substring scan of {len(names)} place names: median "
              f"{out[label]['floor_median_ms']:.2f} ms)   target <= 30 ms: "
              f"{'PASS' if out[label]['max_ms'] <= 30 else 'MISS'}")
    print(f"vocabulary load + matcher build: {build * 1000:.0f} ms, {matcher.name_count} names "
          f"({len(vocab.places)} places, {len(vocab.actors)} actors), in a background thread at start")
    dest = ROOT / "bench" / "out" / "picker.json"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
