"""A village's spelling variant around its unit, on the real ACLED notes (read by path).

    .venv/bin/python bench/variants.py [--every 1] [--gazetteer-db FILE] [--json bench/out/variants.json]

``gazetteer.notes.variant_in_unit`` looks, among the places within 100 km of a unit a note
names ("Yantumaki (Dan-Musa LGA, Katsina)"), for those whose spelling key written as one word
is the village's.  This script

  1. imports ../shared/gazetteer into a fresh database in a temporary folder (or, with
     --gazetteer-db, migrates a copy of that database there: the file itself is never written);
  2. codes the real notes of ../shared/realworld with that gazetteer attached, recording every
     call the coding makes to ``Gazetteer.around`` (the notes that take this path);
  3. replays those calls on a fresh gazetteer, alternately: *before*, every name within 100 km
     read into Python and then filtered by key (``around()`` without ``joined``, what
     variant_in_unit did), *after*, ``around(..., joined=key)`` (the names of that key
     looked up by key, ``gazetteer.index.joined_keys``); each call uncached, then the whole sequence with the caches the app keeps.
     The two must return the same rows in the same order, call by call (else exit 1).

Without ../shared the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

SHARED = ROOT.parent / "shared"
GAZ = SHARED / "gazetteer"
NOTES = SHARED / "realworld" / "acled_notes_dev.jsonl"
FILES = ["ML.txt", "BF.txt", "NE.txt", "BJ.txt", "TG.txt", "NG.osm2019.txt", "TD.osm2019.txt",
         "admin1CodesASCII.txt", "admin2Codes.txt"]


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p / 100))]


def rows_of(res) -> list[tuple[str, str, str]]:
    return [(k, p.id, written) for k, p, written in res]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--every", type=int, default=1, help="code every K-th real note only")
    ap.add_argument("--gazetteer-db", type=Path,
                    help="a database with the gazetteer imported (a migrated copy is used)")
    ap.add_argument("--json", type=Path, default=ROOT / "bench" / "out" / "variants.json")
    args = ap.parse_args()
    if not NOTES.exists() or (args.gazetteer_db is None and not GAZ.exists()):
        print(f"skipped: {NOTES if not NOTES.exists() else GAZ} not found "
              "(the shared data sits beside the repo)")
        return 0
    import suggest_quality_real as q

    from sahel_tui.gazetteer.index import Gazetteer
    from sahel_tui.gazetteer.store import import_geonames
    from sahel_tui.store import open_store
    from sahel_tui.suggest import suggest_coding
    from sahel_tui.vocab import load_vocab

    tmp = Path(tempfile.mkdtemp(prefix="variantsbench-"))
    try:
        db = tmp / "g.db"
        t0 = time.perf_counter()
        if args.gazetteer_db:
            shutil.copy(args.gazetteer_db, db)
            db.chmod(0o644)
            open_store(db).close()  # this version's migrations
            print(f"gazetteer: a migrated copy of {args.gazetteer_db} "
                  f"({time.perf_counter() - t0:.1f} s)")
        else:
            conn = open_store(db)
            import_geonames(conn, [GAZ / f for f in FILES])
            conn.close()
            print(f"gazetteer: ../shared/gazetteer imported in {time.perf_counter() - t0:.1f} s")

        # 2. the calls the coding of the real notes makes
        vocab = load_vocab(None)
        gz = Gazetteer(db, exclude=vocab.places).build()
        vocab.gazetteer = gz
        vocab.matcher()
        calls: list[tuple[tuple, str | None]] = []
        around = gz.around

        def recorded(country, latitude, longitude, km=100.0, *, joined=None):
            calls.append(((country, latitude, longitude, km), joined))
            return around(country, latitude, longitude, km, joined=joined)

        gz.around = recorded  # type: ignore[method-assign]
        rows = q.load_rows(NOTES, every=args.every)
        notes_with = 0
        for row in rows:
            n = len(calls)
            suggest_coding(*q.as_item(row), "en", vocab=vocab)
            notes_with += len(calls) > n
        gz.close()
        calls = [c for c in calls if c[1] is not None]
        print(f"{len(rows):,} real notes coded: {notes_with:,} take the path, "
              f"{len(calls):,} calls ({len({c for c in calls}):,} distinct)")
        if not calls:
            print("no call to time")
            return 0

        # 3. replay: each call uncached, before and after alternately
        gz = Gazetteer(db, exclude=vocab.places)
        before, after, mismatches = [], [], 0
        for (a, joined) in calls:
            gz._cache.clear()
            t0 = time.perf_counter()
            old = [r for r in gz.around(*a) if r[0].replace(" ", "") == joined]
            t1 = time.perf_counter()
            gz._cache.clear()
            t2 = time.perf_counter()
            new = gz.around(*a, joined=joined)
            t3 = time.perf_counter()
            before.append((t1 - t0) * 1000)
            after.append((t3 - t2) * 1000)
            mismatches += rows_of(old) != rows_of(new)
        gz.close()
        # the whole sequence with the app's caches (a fresh gazetteer each)
        seq = {}
        for name in ("before", "after"):
            g = Gazetteer(db, exclude=vocab.places)
            t0 = time.perf_counter()
            for a, joined in calls:
                if name == "before":
                    [r for r in g.around(*a) if r[0].replace(" ", "") == joined]
                else:
                    g.around(*a, joined=joined)
            seq[name] = time.perf_counter() - t0
            g.close()

        out = {"notes": len(rows), "notes_with_calls": notes_with, "calls": len(calls),
               "mismatches": mismatches,
               "before_ms": {"median": statistics.median(before), "p90": pct(before, 90),
                             "max": max(before)},
               "after_ms": {"median": statistics.median(after), "p90": pct(after, 90),
                            "max": max(after)},
               "ratio_median": statistics.median(before) / statistics.median(after),
               "cached_sequence_s": seq,
               "ratio_sequence": seq["before"] / seq["after"]}
        print(f"per call, uncached: before median {out['before_ms']['median']:.2f} ms, p90 "
              f"{out['before_ms']['p90']:.2f} ms, max {out['before_ms']['max']:.1f} ms; after "
              f"median {out['after_ms']['median']:.3f} ms, p90 {out['after_ms']['p90']:.3f} ms, "
              f"max {out['after_ms']['max']:.2f} ms; ratio of medians {out['ratio_median']:.0f}x")
        print(f"whole sequence with the app's caches: before {seq['before'] * 1000:.0f} ms, after "
              f"{seq['after'] * 1000:.0f} ms (ratio {out['ratio_sequence']:.1f}x)")
        print(f"results identical call by call: {'yes' if not mismatches else f'NO ({mismatches})'}")
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=2))
        return 1 if mismatches else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
