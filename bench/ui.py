"""UI benchmark on a large database (make one with bench/make_db.py).

    .venv/bin/python bench/ui.py --db /tmp/bench500k.db [--runs 5] [--json bench/out/ui.json]

Measures, in one run:
  1. launch: whole-process time from start to the first frame written to the (headless)
     terminal that shows item list rows, against an empty Textual app's first frame, both
     taken by the same hook (App._display), alternating (target: <= 1.5x); sahel-tui's
     modules are byte-compiled first, as pip install leaves them (--launch-only: just this);
  2. keystroke-to-repaint latency through Textual's Pilot for moving and opening items
     (target: p95 <= 30 ms);
  3. search latency: query compiled and the first page of results loaded (target <= 50 ms);
  4. peak memory (max RSS) of the app process after a session (target <= 200 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Both probes print the wall-clock time of the first frame they write to the (headless)
# terminal that shows what matters: for the empty app its first frame, for sahel-tui the
# first frame in which the item list holds rows. The same hook (App._display) in both, so
# neither pays for polling; the parent subtracts the time it started the process. Shutdown
# is not part of "launch to first paint".
EMPTY_APP = """
import time
from textual.app import App
class Empty(App):
    _done = False

    def _display(self, screen, renderable):
        super()._display(screen, renderable)
        if renderable is not None and not self._done:
            self._done = True
            print(time.time(), flush=True)
            self.exit()
Empty().run(headless=True, size=(160, 48))
"""

SAHEL_APP = """
import sys
from sahel_tui.config import Config, Settings
from sahel_tui.ui.app import SahelApp
from sahel_tui.ui.item_list import ItemList

import time

class Bench(SahelApp):
    _done = False

    def _display(self, screen, renderable):
        super()._display(screen, renderable)
        if renderable is None or self._done:
            return
        lists = self.screen.query(ItemList)
        if lists and lists.first().query_ is not None and lists.first().rows:
            self._done = True
            print(time.time(), flush=True)
            self.exit()

Bench(Config(path=None, settings=Settings(database=sys.argv[1])), coder="bench").run(
    headless=True, size=(160, 48))
"""

SESSION = """
import asyncio, json, resource, statistics, sys, time
from sahel_tui.config import Config, Settings
from sahel_tui.ui.app import SahelApp
from sahel_tui.ui.item_list import ItemList

KEYS = {keys!r}
SEARCHES = {searches!r}


class Timed(SahelApp):
    # Every frame written to the (headless) terminal is time-stamped: latency is measured
    # from posting the key to the first frame after it, not by Pilot's idle detection.
    frames = []

    def _display(self, screen, renderable):
        if renderable is not None:
            self.frames.append(time.perf_counter())
        super()._display(screen, renderable)


async def main():
    app = Timed(Config(path=None, settings=Settings(database=sys.argv[1])), coder="bench")
    out = {{}}
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        for name, keys in KEYS.items():
            await pilot.press("g")  # each group starts from the top of the list
            times = []
            for key in keys:
                await app.workers.wait_for_complete()
                await pilot.pause()
                t0 = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                after = [f for f in app.frames if f > t0]
                if after:
                    times.append((after[0] - t0) * 1000)
            out[name] = times
        screen = app.screen
        search = []
        for round_ in ("first", "again"):  # first: pages may still be on disk; again: cached
            for text in SEARCHES:
                await app.workers.wait_for_complete()
                t0 = time.perf_counter()
                screen.set_query(text)
                n = len(screen.query_one(ItemList).rows)  # the first page loads synchronously
                search.append(((time.perf_counter() - t0) * 1000, text, n, round_))
                await pilot.pause()
        out["search"] = search
        screen.set_query("")
        await app.workers.wait_for_complete()
        # undo the dismissals made above, so the database is left as it was
        for _ in range(KEYS_UNDO):
            await pilot.press("u")
    out["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))

KEYS_UNDO = {undo}
asyncio.run(main())
"""


def timed(cmd: list[str]) -> float:
    """Seconds from starting the process to the first painted frame it reports."""
    t0 = time.time()
    out = subprocess.run(cmd, check=True, cwd=ROOT, capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1]) - t0


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="database made by bench/make_db.py")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", default=str(ROOT / "bench" / "out" / "ui.json"))
    ap.add_argument("--launch-only", action="store_true", help="measure launch only (no JSON)")
    args = ap.parse_args()
    db = Path(args.db)
    if not db.exists():
        print(f"no database at {db}: make one with bench/make_db.py --items 500000 --out {db}")
        return 2
    py = sys.executable
    # Bytecode as a regular `pip install` leaves it (it compiles at install time); an editable
    # install does not, and some machines set PYTHONDONTWRITEBYTECODE, so without this every
    # run would compile sahel-tui's modules from source while Textual's come from .pyc files.
    subprocess.run([py, "-m", "compileall", "-q", str(ROOT / "sahel_tui")], check=True)
    # start every run on the plain list: the app reopens on the query and item it left
    conn = __import__("sqlite3").connect(db)
    conn.execute("DELETE FROM app_state")
    conn.commit()
    conn.close()
    n_items = __import__("sqlite3").connect(db).execute("SELECT count(*) FROM items").fetchone()[0]
    print(f"database: {db} ({n_items} items, {db.stat().st_size / 1e6:.0f} MB)")

    # 1. launch to first painted list, alternating with the empty app
    timed([py, "-c", EMPTY_APP]), timed([py, "-c", SAHEL_APP, str(db)])  # warm-up
    empty, sahel = [], []
    for _ in range(args.runs):
        empty.append(timed([py, "-c", EMPTY_APP]))
        sahel.append(timed([py, "-c", SAHEL_APP, str(db)]))
    ratios = [s / e for s, e in zip(sahel, empty, strict=True)]
    launch = {"sahel_s": statistics.median(sahel), "empty_s": statistics.median(empty),
              "ratio": statistics.median(ratios), "ratio_min": min(ratios), "ratio_max": max(ratios)}
    if args.launch_only:
        print(f"launch: sahel-tui {launch['sahel_s'] * 1000:.0f} ms, empty Textual app "
              f"{launch['empty_s'] * 1000:.0f} ms, ratio {launch['ratio']:.2f}x "
              f"(min {launch['ratio_min']:.2f}, max {launch['ratio_max']:.2f}); load {os.getloadavg()[0]:.2f}")
        return 0

    # 2-4. one Pilot session in a fresh process (its own max RSS)
    keys = {"move (j/k)": ["j"] * 150 + ["k"] * 50, "page (pgdn)": ["pagedown"] * 40,
            "next untriaged (n)": ["n"] * 40, "first/last (g/G)": ["G", "g"] * 10,
            "dismiss (x)": ["x"] * 20}
    searches = ["jnim", "Ménaka", "tag:mali", "status:new", "attaque since:2025-01-01",
                "wagner -status:dismissed", "feed:Sahel", "boko haram", "drone strike", "zzzznothing"]
    code = SESSION.format(keys=keys, searches=searches, undo=20)
    proc = subprocess.run([py, "-c", code, str(db)], cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        print(proc.stderr[-3000:])
        return 1
    session = json.loads(proc.stdout.strip().splitlines()[-1])

    print(f"\nlaunch to first painted list (whole process, median of {args.runs}, alternating):")
    print(f"  sahel-tui {launch['sahel_s'] * 1000:.0f} ms   empty Textual app {launch['empty_s'] * 1000:.0f} ms"
          f"   ratio {launch['ratio']:.2f}x (min {launch['ratio_min']:.2f}, max {launch['ratio_max']:.2f})"
          f"   target <= 1.5x: {'PASS' if launch['ratio'] <= 1.5 else 'MISS'}")
    print("\nkeystroke to repaint (Pilot press -> first frame written), ms:")
    all_keys = []
    rows = {}
    for name in keys:
        t = session[name]
        if not t:
            print(f"  {name:20} no frame was drawn (nothing changed)")
            continue
        all_keys += t
        rows[name] = {"median": statistics.median(t), "p95": pct(t, 95), "max": max(t)}
        print(f"  {name:20} median {rows[name]['median']:6.1f}  p95 {rows[name]['p95']:6.1f}  max {rows[name]['max']:6.1f}")
    p95 = pct(all_keys, 95)
    print(f"  {'all keys':20} p95 {p95:.1f} ms   target <= 30 ms: {'PASS' if p95 <= 30 else 'MISS'}")
    print("\nsearch (compile + first page), ms: first time / again")
    first = {t: ms for ms, t, n, r in session["search"] if r == "first"}
    again = {t: ms for ms, t, n, r in session["search"] if r == "again"}
    rows = {t: n for ms, t, n, r in session["search"]}
    for text in first:
        print(f"  {text!r:32} {first[text]:6.1f} / {again[text]:5.1f}  ({rows[text]} rows in the first window)")
    worst_first, worst_again = max(first.values()), max(again.values())
    print(f"  worst {worst_first:.1f} ms the first time (pages read from disk), {worst_again:.1f} ms "
          f"again   target <= 50 ms: {'PASS' if worst_again <= 50 else 'MISS'}"
          f"{'' if worst_first <= 50 else ' (first time: MISS)'}")
    rss = session["maxrss_mb"]
    print(f"\npeak memory of the app process: {rss:.0f} MB   target <= 200 MB: {'PASS' if rss <= 200 else 'MISS'}")
    out = {"items": n_items, "launch": launch, "keys": rows, "keys_p95_ms": p95,
           "search_ms": session["search"], "search_worst_first_ms": worst_first,
           "search_worst_again_ms": worst_again, "maxrss_mb": rss}
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(out, indent=2))
    print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TEXTUAL", "")
    sys.exit(main())
