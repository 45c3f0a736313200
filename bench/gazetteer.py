"""Gazetteer benchmark on the real dumps of ../shared/gazetteer (read by path, never copied).

    .venv/bin/python bench/gazetteer.py [--runs 5] [--json bench/out/gazetteer.json]

Measures, in one run (each against a floor taken in the same run):
  1. import: every file of ../shared/gazetteer into a fresh database (places and names per
     second; floor: the same rows read and inserted into a bare table by plain Python);
  2. matcher build: the automaton over all names of ML BF NE NG TD BJ TG;
  3. per-item matching on real ACLED notes (../shared/realworld): the gazetteer's matches
     and their ranking, against the vocabulary matcher alone on the same text (ratio);
  4. picker keystrokes: the place picker's options recomputed per typed character with the
     gazetteer attached (target: every keystroke <= 30 ms);
  5. launch: first frame showing the item list of a demo database with the whole gazetteer
     imported, against an empty Textual app (target <= 1.5x; the matcher is built after the
     first frame, in the vocabulary thread);
  6. memory: peak RSS of the app once its vocabulary and gazetteer are loaded and a few
     items coded (target <= 250 MB).
Without ../shared the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SHARED = ROOT.parent / "shared" / "gazetteer"
NOTES = ROOT.parent / "shared" / "realworld" / "acled_notes_dev.jsonl"
FILES = ["ML.txt", "BF.txt", "NE.txt", "BJ.txt", "TG.txt", "NG.osm2019.txt", "TD.osm2019.txt",
         "admin1CodesASCII.txt", "admin2Codes.txt"]
WORDS = ["Dinangourou", "Boulkessi", "Tongo Tongo", "Diabaly", "Mainok", "Inates", "Pulka",
         "Madina", "Sabon Gari", "Hombori", "Djibo", "Kidal"]

MEMORY = """
import asyncio, json, sys
from sahel_tui.config import Config, Settings
from sahel_tui.ui.app import SahelApp

async def main():
    app = SahelApp(Config(path=None, settings=Settings(database=sys.argv[1])), coder="bench")
    async with app.run_test(size=(160, 48)) as pilot:
        for _ in range(200):
            await pilot.pause(0.05)
            if app.vocab is not None:
                break
        await app.workers.wait_for_complete()
        gz = app.vocab.gazetteer
        for key in ["enter", "escape", "j", "enter", "escape", "j", "enter", "escape"]:
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause(0.1)
    # VmHWM, the process's own peak: ru_maxrss would carry over the parent's (this script
    # imported the whole gazetteer before starting it), Linux keeps it across execve
    hwm = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024
    print(json.dumps({"maxrss_mb": hwm, "gazetteer_keys": gz.keys if gz else 0}))

asyncio.run(main())
"""


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[max(0, min(len(xs) - 1, round(p / 100 * (len(xs) - 1))))]


def floor_import(db: Path) -> float:
    """Plain Python: read every data row and insert id, name and names into bare tables."""
    t0 = time.perf_counter()
    c = sqlite3.connect(db)
    c.execute("CREATE TABLE p (id TEXT PRIMARY KEY, name TEXT, lat REAL, lon REAL)")
    c.execute("CREATE TABLE n (key TEXT, id TEXT, PRIMARY KEY (key, id)) WITHOUT ROWID")
    for f in FILES[:7]:
        rows, names = [], []
        with open(SHARED / f, encoding="utf-8") as fh:
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 19:
                    continue
                rows.append((cols[0], cols[1], float(cols[4]), float(cols[5])))
                for n in {cols[1], cols[2], *cols[3].split(",")}:
                    if n:
                        names.append((n.lower(), cols[0]))
        c.executemany("INSERT OR REPLACE INTO p VALUES (?, ?, ?, ?)", rows)
        c.executemany("INSERT OR IGNORE INTO n VALUES (?, ?)", names)
    c.commit()
    c.close()
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="launch runs")
    ap.add_argument("--notes", type=int, default=400, help="real notes matched")
    ap.add_argument("--json", type=Path, default=ROOT / "bench" / "out" / "gazetteer.json")
    args = ap.parse_args()
    if not SHARED.exists():
        print(f"skipped: {SHARED} not found (the shared gazetteer sits beside the repo)")
        return 0
    from sahel_tui.gazetteer.evidence import place_matches
    from sahel_tui.gazetteer.index import open_gazetteer
    from sahel_tui.gazetteer.store import import_geonames
    from sahel_tui.store import open_store
    from sahel_tui.vocab import load_vocab

    out: dict = {}
    tmp = Path(tempfile.mkdtemp(prefix="gazbench-"))
    try:
        # 1. import
        db = tmp / "g.db"
        conn = open_store(db)
        t0 = time.perf_counter()
        reports = import_geonames(conn, [SHARED / f for f in FILES])
        imp = time.perf_counter() - t0
        places = conn.execute("SELECT count(*) FROM gazetteer_places").fetchone()[0]
        names = conn.execute("SELECT count(*) FROM gazetteer_names").fetchone()[0]
        conn.close()
        floor = floor_import(tmp / "floor.db")
        out["import"] = {"seconds": imp, "places": places, "names": names,
                         "places_per_s": places / imp, "floor_seconds": floor,
                         "ratio": imp / floor, "inferred_admin": sum(r.inferred_admin
                                                                    for r in reports)}
        print(f"import: {places:,} places, {names:,} names in {imp:.1f} s "
              f"({places / imp:,.0f} places/s); floor (plain read + insert) {floor:.1f} s, "
              f"ratio {imp / floor:.1f}x")

        # 2. build
        vocab = load_vocab(None)
        vocab.matcher()
        gz = open_gazetteer(db, vocab)
        out["build"] = {"seconds": gz.build_seconds, "keys": gz.keys,
                        "countries": gz.countries}
        print(f"matcher build: {gz.keys:,} spelling keys ({', '.join(gz.countries)}) in "
              f"{gz.build_seconds:.2f} s")

        # 3. per-item matching
        texts = []
        if NOTES.exists():
            with open(NOTES, encoding="utf-8") as fh:
                for i, line in enumerate(fh):
                    if i % 10 == 0:
                        texts.append(json.loads(line)["notes"])
                    if len(texts) >= args.notes:
                        break
        vt, gt = [], []
        m = vocab.matcher()
        for t in texts:
            t0 = time.perf_counter()
            ms = m.find(t)
            t1 = time.perf_counter()
            place_matches(gz, t, ms)
            t2 = time.perf_counter()
            vt.append((t1 - t0) * 1000)
            gt.append((t2 - t1) * 1000)
        if texts:
            out["match"] = {"items": len(texts), "median_ms": statistics.median(gt),
                            "p95_ms": pct(gt, 95), "floor_median_ms": statistics.median(vt),
                            "ratio": statistics.median(gt) / statistics.median(vt)}
            print(f"per item: gazetteer matches and ranking median {statistics.median(gt):.2f} ms, "
                  f"p95 {pct(gt, 95):.2f} ms over {len(texts)} real notes; vocabulary matcher "
                  f"alone {statistics.median(vt):.2f} ms (ratio {out['match']['ratio']:.1f}x)")

        # 4. picker keystrokes
        from sahel_tui.ui.coding import CodingState
        from sahel_tui.ui.coding_pickers import place_items

        vocab.gazetteer = gz
        state = CodingState(0)
        place_items(vocab, state, "x")
        times = []
        for word in WORDS:
            for i in range(1, len(word) + 1):
                t0 = time.perf_counter()
                place_items(vocab, state, word[:i])
                times.append((time.perf_counter() - t0) * 1000)
        out["picker"] = {"keystrokes": len(times), "median_ms": statistics.median(times),
                         "p95_ms": pct(times, 95), "max_ms": max(times)}
        print(f"picker: {len(times)} keystrokes, median {statistics.median(times):.2f} ms, "
              f"p95 {pct(times, 95):.2f} ms, max {max(times):.2f} ms   target <= 30 ms: "
              f"{'PASS' if max(times) <= 30 else 'MISS'}")
        gz.close()

        # 5. launch, with a demo database that holds the whole gazetteer
        from ui import EMPTY_APP, SAHEL_APP, timed

        from sahel_tui.demo import demo_config
        from sahel_tui.ingest.sync import sync

        app_db = tmp / "app.db"
        sync(demo_config(db=app_db))
        shutil.copy(db, tmp / "gz-only.db")
        c = open_store(app_db)
        import_geonames(c, [SHARED / f for f in FILES])
        c.close()
        py = sys.executable
        subprocess.run([py, "-m", "compileall", "-q", str(ROOT / "sahel_tui")], check=True)
        timed([py, "-c", EMPTY_APP]), timed([py, "-c", SAHEL_APP, str(app_db)])
        empty, sahel = [], []
        for _ in range(args.runs):
            empty.append(timed([py, "-c", EMPTY_APP]))
            sahel.append(timed([py, "-c", SAHEL_APP, str(app_db)]))
        ratios = [s / e for s, e in zip(sahel, empty, strict=True)]
        out["launch"] = {"sahel_s": statistics.median(sahel), "empty_s": statistics.median(empty),
                         "ratio": statistics.median(ratios)}
        print(f"launch with the gazetteer imported: {statistics.median(sahel) * 1000:.0f} ms, "
              f"empty Textual app {statistics.median(empty) * 1000:.0f} ms, ratio "
              f"{statistics.median(ratios):.2f}x   target <= 1.5x: "
              f"{'PASS' if statistics.median(ratios) <= 1.5 else 'MISS'}")

        # 6. memory of the app with the gazetteer loaded
        proc = subprocess.run([py, "-c", MEMORY, str(app_db)], cwd=ROOT, capture_output=True,
                              text=True, check=False)
        if proc.returncode == 0:
            mem = json.loads(proc.stdout.strip().splitlines()[-1])
            out["memory"] = mem
            print(f"memory: app peak RSS {mem['maxrss_mb']:.0f} MB with {mem['gazetteer_keys']:,} "
                  f"keys loaded   target <= 250 MB: "
                  f"{'PASS' if mem['maxrss_mb'] <= 250 else 'MISS'}")
        else:
            print(proc.stderr[-2000:])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
