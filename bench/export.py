"""Export and import at scale: 100k coded events to CSV and JSONL, JSONL into an empty database.

    .venv/bin/python bench/export.py [--events 100000] [--json bench/out/export.json] [--keep DIR]

- **Database:** made in a temporary folder with sahel_tui.store.open_store (all migrations),
  then filled with direct SQL inserts: ~110 feeds with scale tags; one item per event for
  most events (10% of items report two events, 5% of items are carried by two feeds), French
  and English titles and 300-600 character texts; events with accented places (Ménaka,
  Tillabéri, Fada N'Gourma), notes with commas, quotes and line breaks, 0-3 associated
  actors, 'A and/or B' attributions, 5% without coordinates; a 'code' decision (with its
  snapshot) for every event and an 'event.edit' for 10%, as the app would have logged them.
- **Timed:** each phase runs in a fresh process (so its peak RSS is its own): export of every
  event to CSV, to JSONL, to GeoJSON (information only), and the import of the JSONL into an
  empty database. Events per second from wall time around the library call.
- **Targets:** CSV and JSONL export >= 50,000 events/s each; import >= 20,000 events/s.
  Printed as PASS or MISS. The figures go to --json (default bench/out/export.json), with
  the load average before and after (other processes on the machine slow every figure).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sahel_tui.store import open_store  # noqa: E402

DEFAULT_JSON = ROOT / "bench" / "out" / "export.json"
TARGETS = {"csv": 50_000, "jsonl": 50_000, "import": 20_000}
CHUNK = 10_000

PLACES = {  # country: [(admin1, admin2, location, lat, lon)]
    "Mali": [("Ménaka", "", "Ménaka", 15.918, 2.402), ("Ménaka", "Ménaka", "Inékar", 15.95, 3.15),
             ("Ségou", "Niono", "Niono", 14.252, -5.993), ("Mopti", "Bandiagara", "Boni",
                                                           15.08, -1.83),
             ("Gao", "Ansongo", "Tessit", 15.01, 0.42), ("Kidal", "Tessalit", "Aguelhok",
                                                         19.46, 0.86),
             ("Tombouctou", "Goundam", "Léré", 15.71, -4.91)],
    "Burkina Faso": [("Sahel", "Soum", "Djibo", 14.10, -1.63),
                     ("Est", "Gourma", "Fada N'Gourma", 12.06, 0.36),
                     ("Centre-Nord", "Sanmatenga", "Kaya", 13.09, -1.08),
                     ("Boucle du Mouhoun", "Kossi", "Nouna", 12.73, -3.86)],
    "Niger": [("Tillabéri", "Téra", "Téra", 14.01, 0.75), ("Tahoua", "Tillia", "Tillia",
                                                           16.13, 4.79),
              ("Diffa", "Diffa", "Bosso", 13.70, 13.31), ("Maradi", "Guidan Roumdji",
                                                         "Guidan Roumdji", 13.66, 6.70)],
    "Nigeria": [("Borno", "Gwoza", "Gwoza", 11.08, 13.69), ("Zamfara", "Maru", "Dansadau",
                                                            11.83, 6.27),
                ("Katsina", "Faskari", "Faskari", 11.72, 7.03), ("Borno", "Monguno", "Monguno",
                                                                 12.67, 13.61)],
    "Chad": [("Lac", "Mamdi", "Bol", 13.46, 14.71), ("Lac", "Kaya", "Ngouboua", 13.58, 14.28)],
    "Benin": [("Alibori", "Karimama", "Karimama", 12.07, 3.18)],
}
COUNTRY_WEIGHTS = {"Mali": 30, "Burkina Faso": 25, "Niger": 18, "Nigeria": 18, "Chad": 6,
                   "Benin": 3}
REBELS = ["JNIM: Group for Support of Islam and Muslims", "Islamic State Sahel Province",
          "Islamic State (West Africa)", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
          "Ansaru", "Lakurawa", "Azawad rebels"]
STATE = {"Mali": "Military Forces of Mali", "Burkina Faso": "Military Forces of Burkina Faso",
         "Niger": "Military Forces of Niger", "Nigeria": "Military Forces of Nigeria",
         "Chad": "Military Forces of Chad", "Benin": "Military Forces of Benin"}
ASSOC = ["Wagner Group / Africa Corps (Russia)", "VDP: Volunteers for the Defense of the Homeland",
         "Katiba Macina", "Ansar Dine", "Civilian JTF, vigilantes", "Dozo hunters",
         "Koglweogo: Self-Defense Group", "MNJTF"]
TYPES = [  # (weight, disorder, event type, sub type, actor2 kind, civilian targeting)
    (30, "Political violence", "Battles", "Armed clash", "state", False),
    (22, "Political violence", "Violence against civilians", "Attack", "civ", True),
    (8, "Political violence", "Violence against civilians", "Abduction/forced disappearance",
     "civ", True),
    (10, "Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED",
     "state", False),
    (8, "Political violence", "Explosions/Remote violence", "Air/drone strike", "rebel", False),
    (5, "Demonstrations", "Protests", "Peaceful protest", "none", False),
    (5, "Strategic developments", "Strategic developments", "Looting/property destruction",
     "civ", False),
    (4, "Strategic developments", "Strategic developments", "Arrests", "civ", False),
    (3, "Political violence", "Battles", "Non-state actor overtakes territory", "state", False),
]
NOTES = [
    'On {d}, {a} attacked {b} near {loc} ({adm}), killing {f}; local sources said "the '
    'toll could rise".',
    "Selon des sources locales, des hommes armés ont attaqué {loc}, faisant {f} morts, "
    "dont des civils; l'armée a riposté.",
    'Around {loc}, {a} ambushed a convoy,\nburning three vehicles; "{f} killed", per a '
    "security source.",
    "Des éléments de {a} ont enlevé des habitants à {loc} ; bilan : {f}, selon un élu, qui "
    "parle d'une « situation très tendue ».",
]
TITLES_FR = ["Attaque meurtrière près de {loc}", "{loc} : des hommes armés tuent {f} civils",
             "Embuscade contre l'armée à {loc}, région de {adm}"]
TITLES_EN = ["Gunmen kill {f} near {loc}, {adm}", "Troops repel attack on {loc}",
             "Drone strike hits fighters near {loc}"]
FEED_KINDS = [("wire", "B"), ("national-daily", "C"), ("local-reporter", "D"),
              ("think-tank", "B"), ("un-ngo", "A"), ("partisan-blog", "E")]


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def build(path: Path, n_events: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    conn = open_store(path)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    feeds = []
    for i in range(110):
        kind, rel = FEED_KINDS[i % len(FEED_KINDS)]
        name = f"{['Le Quotidien', 'Radio', 'Sahel Wire', 'Observatoire', 'OCHA', 'Blog'][i % 6]}" \
               f" {['de Gao', 'Ménaka, FM', 'Niamey', 'Tillabéri', 'Borno', 'du Liptako'][i % 6]} {i}"
        tags = [kind, rng.choice(["mali", "niger", "burkina-faso", "nigeria", "chad"])]
        feeds.append((i + 1, f"https://feed{i}.example/rss", f"https://feed{i}.example/rss", name,
                      json.dumps(tags), rel))
    conn.executemany("INSERT INTO feeds (id, url, config_url, name, tags, reliability) "
                     "VALUES (?, ?, ?, ?, ?, ?)", feeds)
    countries, cweights = list(COUNTRY_WEIGHTS), list(COUNTRY_WEIGHTS.values())
    tweights = [t[0] for t in TYPES]
    start = datetime(2023, 1, 1, tzinfo=UTC)
    item_id = event_id = 0
    t0 = time.time()
    while event_id < n_events:
        items, keys, item_feeds, events, links, decisions = [], [], [], [], [], []
        upto = min(n_events, event_id + CHUNK)
        while event_id < upto:
            item_id += 1
            day = start + timedelta(days=rng.uniform(0, 1000))
            country = rng.choices(countries, cweights)[0]
            adm1, adm2, loc, lat, lon = rng.choice(PLACES[country])
            f = rng.choice([0, 0, 1, 2, 3, 5, 8, 12, 20, 35])
            fr = rng.random() < 0.55
            title = rng.choice(TITLES_FR if fr else TITLES_EN).format(loc=loc, adm=adm1, f=f)
            text = (title + ". " + rng.choice(NOTES).format(
                d=day.date(), a=rng.choice(REBELS), b=STATE[country], loc=loc, adm=adm1, f=f)
                + " " + "Les habitants fuient vers le chef-lieu. " * rng.randint(3, 8))
            feed = rng.randrange(1, 111)
            link = f"https://news{feed}.example/{day:%Y/%m}/{item_id}"
            items.append((item_id, f"g:{link}", feed, link, link, link, title, iso(day), text,
                          f"h{item_id}", iso(day), iso(day)))
            keys += [(f"g:{link}", item_id), (f"l:{link}", item_id)]
            item_feeds.append((item_id, feed, link, iso(day)))
            if rng.random() < 0.05:
                item_feeds.append((item_id, feed % 110 + 1, link, iso(day)))
            for _ in range(2 if rng.random() < 0.10 else 1):
                if event_id >= upto:
                    break
                event_id += 1
                _, disorder, etype, sub, kind2, civ = rng.choices(TYPES, tweights)[0]
                a1 = rng.choice(REBELS)
                if rng.random() < 0.08:
                    a1 = f"{a1} and/or {rng.choice(REBELS)}"
                inter1 = "Rebel group"
                a2, inter2 = {"state": (STATE[country], "State forces"),
                              "civ": (f"Civilians ({country})", "Civilians"),
                              "rebel": (rng.choice(REBELS), "Rebel group"),
                              "none": ("", "")}[kind2]
                if sub == "Air/drone strike":
                    a1, inter1 = STATE[country], "State forces"
                if sub == "Peaceful protest":
                    a1, inter1 = f"Protesters ({country})", "Protesters"
                assoc1 = rng.sample(ASSOC, rng.choice([0, 0, 0, 1, 2, 3]))
                assoc2 = rng.sample(ASSOC, rng.choice([0, 0, 1, 2]))
                has_xy = rng.random() > 0.05
                coded = day + timedelta(hours=rng.uniform(1, 72))
                row = {
                    "id": event_id, "uid": f"{rng.getrandbits(128):032x}", "event_date": day.date().isoformat(),
                    "time_precision": rng.choice([1, 1, 1, 2, 3]), "disorder_type": disorder,
                    "event_type": etype, "sub_event_type": sub, "actor1": a1,
                    "assoc_actor_1": json.dumps(assoc1, ensure_ascii=False), "inter1": inter1,
                    "actor2": a2, "assoc_actor_2": json.dumps(assoc2, ensure_ascii=False),
                    "inter2": inter2, "civilian_targeting": int(civ), "country": country,
                    "admin1": adm1, "admin2": adm2, "admin3": "", "location": loc,
                    "place_id": None,
                    "latitude": round(lat + rng.uniform(-0.05, 0.05), 5) if has_xy else None,
                    "longitude": round(lon + rng.uniform(-0.05, 0.05), 5) if has_xy else None,
                    "geo_precision": rng.choice([1, 1, 2, 3]), "fatalities": f,
                    "fatalities_best": f + rng.choice([0, 0, 2]) if f else None,
                    "fatalities_high": f * 2 if f else None,
                    "reliability": rng.choice("ABCCDF"), "credibility": rng.randint(1, 6),
                    "confidence": rng.choice(["low", "moderate", "high"]),
                    "notes": rng.choice(NOTES).format(d=day.date(), a=a1, b=a2 or "civilians",
                                                      loc=loc, adm=adm1, f=f),
                    "tags": rng.choice(["", "", "convoy", "ambush; IED", "market day"]),
                    "coder": "bench-ana", "coded_at": iso(coded), "updated_at": iso(coded),
                    "deleted": 0,
                }
                events.append(row)
                links.append((event_id, item_id))
                snap = {**row, "items": [item_id]}
                decisions.append((event_id, "do", iso(coded), "bench-ana", "code", item_id,
                                  f"event:{event_id}", None,
                                  json.dumps(snap, ensure_ascii=False, sort_keys=True)))
                if rng.random() < 0.10:
                    after = {**snap, "fatalities": f + 1}
                    decisions.append((event_id, "do", iso(coded), "bench-ana", "event.edit",
                                      item_id, f"event:{event_id}",
                                      json.dumps(snap, ensure_ascii=False, sort_keys=True),
                                      json.dumps(after, ensure_ascii=False, sort_keys=True)))
        conn.executemany(
            "INSERT INTO items (id, uid, feed_id, guid, link, canonical_link, title, published, "
            "text, content_hash, first_seen_at, updated_at, status) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'coded')", items)
        conn.executemany("INSERT INTO item_keys (key, item_id) VALUES (?, ?)", keys)
        conn.executemany("INSERT OR IGNORE INTO item_feeds (item_id, feed_id, link, first_seen) "
                         "VALUES (?, ?, ?, ?)", item_feeds)
        cols = list(events[0])
        conn.executemany(f"INSERT INTO events ({', '.join(cols)}) VALUES "
                         f"({', '.join('?' * len(cols))})", [list(e.values()) for e in events])
        conn.executemany("INSERT INTO event_items (event_id, item_id) VALUES (?, ?)", links)
        conn.executemany("INSERT INTO decisions (batch, op, at, coder, action, item_id, target, "
                         "before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", decisions)
        log(f"  {event_id:,} events, {item_id:,} items ({time.time() - t0:.1f} s)")
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()
    return {"events": event_id, "items": item_id, "seconds": round(time.time() - t0, 1)}


def run_phase(phase: str, db: Path, out: Path) -> dict:
    """One timed phase, in this process (called in a fresh subprocess by main)."""
    from sahel_tui.exchange.export import export
    from sahel_tui.exchange.merge import import_jsonl

    conn = open_store(db)
    t = time.perf_counter()
    if phase == "import":
        r = import_jsonl(conn, out, coder="bench-bob")
        count = r.events_added
    else:
        count = export(conn, None, phase, out, coder="bench-ana").count
    seconds = time.perf_counter() - t
    conn.close()
    size = (db if phase == "import" else out).stat().st_size
    return {"phase": phase, "events": count, "seconds": round(seconds, 3),
            "events_per_s": round(count / seconds), "bytes": size,
            "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--json", type=Path, default=DEFAULT_JSON, metavar="PATH")
    ap.add_argument("--keep", type=Path, metavar="DIR", help="work in DIR and keep the files")
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.phase:
        print(json.dumps(run_phase(args.phase, args.db, args.out)))
        return 0

    tmp = None
    if args.keep:
        work = args.keep
        work.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="sahel-bench-export-")
        work = Path(tmp.name)
    try:
        log(f"building {args.events:,} events in {work} ...")
        built = build(work / "source.db", args.events)
        results = {"built": built, "cpus": os.cpu_count(),
                   "load_before": [round(x, 2) for x in os.getloadavg()]}
        phases = [("csv", work / "source.db", work / "events.csv"),
                  ("jsonl", work / "source.db", work / "events.jsonl"),
                  ("geojson", work / "source.db", work / "events.geojson"),
                  ("import", work / "empty.db", work / "events.jsonl")]
        for phase, db, out in phases:
            if phase == "import":
                (work / "empty.db").unlink(missing_ok=True)
            proc = subprocess.run([sys.executable, __file__, "--phase", phase, "--db", str(db),
                                   "--out", str(out)], capture_output=True, text=True, check=False)
            if proc.returncode:
                log(proc.stderr)
                return 1
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            target = TARGETS.get(phase)
            r["target"] = target
            r["verdict"] = None if target is None else ("PASS" if r["events_per_s"] >= target
                                                        else "MISS")
            results[phase] = r
            verdict = f"  target {target:,}/s  {r['verdict']}" if target else "  (information)"
            log(f"{phase:8} {r['events']:>8,} events in {r['seconds']:6.2f} s = "
                f"{r['events_per_s']:>8,} events/s  {r['bytes'] / 1e6:7.1f} MB  "
                f"peak RSS {r['max_rss_mb']:6.1f} MB{verdict}")
        results["load_after"] = [round(x, 2) for x in os.getloadavg()]
        log(f"load average before/after: {results['load_before']} / {results['load_after']} "
            f"on {results['cpus']} CPUs (other processes slow every figure down)")
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n")
        log(f"figures written to {args.json}")
        return 0 if all(results[p]["verdict"] == "PASS" for p in TARGETS) else 1
    finally:
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    raise SystemExit(main())
