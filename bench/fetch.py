"""Benchmark `sahel-tui fetch` against newsboat on a real-world feed corpus, over loopback HTTP.

    .venv/bin/python bench/fetch.py [--runs N] [--json PATH]

The corpus is ../shared/corpus/feeds next to the repository (read in place, never copied).
Every file is served from its own path on 127.0.0.1 (bench/_serve.py: ETag, Last-Modified,
304s). Both tools get 8 parallel connections to that one host: sahel-tui through
concurrency = per_host = 8, newsboat through reload-threads 8.

For each of N repetitions, alternating sahel-tui (A) and newsboat (B):
  cold   fresh database / cache: all feeds downloaded, parsed and stored
  floor  feedparser alone parsing the same bytes in one Python process (cold only)
  second the same command again right after cold (newsboat 2.21 has no validators stored yet
         after its first fetch of a feed, so it downloads everything again; informational)
  warm   the same command a third time, nothing changed on the server: validators stored,
         the server answers 304 (steady state; this is the row the target applies to)
  warm floor  a Python process sending the same conditional GETs with httpx and nothing
         else: the least any warm sync built on Python + httpx can cost
Whole-process wall time (perf_counter around spawn + wait) and peak RSS (wait4's ru_maxrss:
the largest single process). One untimed warm-up round first also samples the summed PSS of
the whole process tree (sahel-tui may fork parse workers).
Targets: cold <= 1.0x newsboat, warm <= 0.5x newsboat (median of per-pair ratios).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _serve import FeedServer

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "feeds"
DEFAULT_JSON = REPO / "bench" / "out" / "fetch.json"
PARALLEL = 8
TARGETS = {"cold": 1.0, "second": None, "warm": 0.5}

# The floor: feedparser alone, sequentially, same options as sahel_tui.ingest.parse.
# Gzip files are decompressed first: that is what both tools end up parsing.
FLOOR_CODE = r"""
import sys, time, gzip
from pathlib import Path
t0 = time.perf_counter()
import feedparser
t1 = time.perf_counter()
n = 0
for p in sorted(Path(sys.argv[1]).iterdir()):
    if not p.is_file():
        continue
    b = p.read_bytes()
    if b[:2] == b"\x1f\x8b":
        try:
            b = gzip.decompress(b)
        except Exception:
            pass
    d = feedparser.parse(b, sanitize_html=False, resolve_relative_uris=True)
    n += len(d.entries)
t2 = time.perf_counter()
print(f"{n} {t1 - t0:.4f} {t2 - t1:.4f}")
"""

# The warm floor: what the stack the issue prescribes (a Python process, asyncio, httpx)
# costs to send the same 44 conditional GETs with the validators sahel-tui stored, 8 at a
# time, and do nothing else: no config, no database writes, no TLS context (plain http).
WARM_FLOOR_CODE = r"""
import sys, time
t0 = time.perf_counter()
sys.modules["httpx._main"] = None  # as sahel-tui does: httpx's CLI would import click and rich
import asyncio, sqlite3, httpx
rows = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True).execute(
    "SELECT url, etag, last_modified FROM feeds").fetchall()
t1 = time.perf_counter()

async def main():
    sem = asyncio.Semaphore(8)
    async with httpx.AsyncClient(verify=False, limits=httpx.Limits(max_connections=8)) as c:
        async def one(url, etag, modified):
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
            async with sem:
                return (await c.get(url, headers=headers)).status_code
        return await asyncio.gather(*(one(*r) for r in rows))

codes = asyncio.run(main())
print(len(codes), sum(1 for c in codes if c == 304), f"{t1 - t0:.4f}")
"""


@dataclass
class Run:
    tool: str
    phase: str
    rep: int
    seconds: float
    maxrss_mb: float
    rc: int
    http: dict[str, int] = field(default_factory=dict)  # status -> responses
    bytes_served: int = 0
    items: int | None = None
    feeds_with_items: int | None = None
    tree_pss_mb: float | None = None
    procs: int | None = None
    note: str = ""


def die(msg: str, code: int = 2) -> None:
    print(f"bench/fetch.py: {msg}", file=sys.stderr)
    sys.exit(code)


def ensure_newsboat() -> str:
    found = shutil.which("newsboat")
    if found:
        return found
    print("newsboat not on PATH; installing Debian's package (apt-get) ...", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "newsboat"], check=True, env=env)
    except (OSError, subprocess.CalledProcessError) as exc:
        die(f"could not install newsboat ({exc}); install it and run again")
    found = shutil.which("newsboat")
    if not found:
        die("newsboat still not on PATH after apt-get install")
    return found


# -- measuring one process ---------------------------------------------------------------

def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{task}/children") as fh:
                    out += [int(x) for x in fh.read().split()]
            except OSError:
                pass
    except OSError:
        pass
    return out


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeSampler(threading.Thread):
    """Peak of the summed PSS of a process and its descendants, sampled every 10 ms."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self.max_procs = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            pids, todo = [], [self.pid]
            while todo:
                p = todo.pop()
                pids.append(p)
                todo += _children(p)
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(p) for p in pids))
            self.max_procs = max(self.max_procs, len(pids))
            self.stop.wait(0.01)


def measure(cmd: list[str], env: dict, cwd: Path, sample: bool = False):
    """Wall seconds, ru_maxrss (MB), exit code, stdout, stderr, optional tree sampler."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                env=env, cwd=cwd)
        sampler = None
        if sample:
            sampler = TreeSampler(proc.pid)
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if sampler:
            sampler.stop.set()
            sampler.join()
        out.seek(0)
        err.seek(0)
        return (seconds, usage.ru_maxrss / 1024, proc.returncode,
                out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                sampler)


def count(db: Path, sql: str) -> int | None:
    if not db.exists():
        return None
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchone()[0]
    except sqlite3.Error:
        return None
    finally:
        conn.close()


# -- the bench ---------------------------------------------------------------------------

class Bench:
    def __init__(self, server: FeedServer, work: Path, sahel: str, python: str,
                 newsboat: str) -> None:
        self.server, self.work = server, work
        self.sahel, self.python, self.newsboat = sahel, python, newsboat
        names = sorted(server.docs)
        self.urls = [server.url(n) for n in names]
        self.cfg = work / "feeds.toml"
        lines = ["[settings]", f"concurrency = {PARALLEL}", f"per_host = {PARALLEL}",
                 "timeout = 10.0", "connect_timeout = 10.0", ""]
        for name, url in zip(names, self.urls, strict=True):
            lines += ["[[feeds]]", f"url = {json.dumps(url)}", f"name = {json.dumps(name)}", ""]
        self.cfg.write_text("\n".join(lines), encoding="utf-8")
        self.url_file = work / "urls"
        self.url_file.write_text("\n".join(self.urls) + "\n", encoding="utf-8")
        self.nb_conf = work / "newsboat.conf"
        self.nb_conf.write_text(
            f"reload-threads {PARALLEL}\ndownload-retries 1\ndownload-timeout 10\n",
            encoding="utf-8")
        home = work / "home"
        home.mkdir()
        self.env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        self.env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
                        XDG_DATA_HOME=str(home / ".local/share"),
                        XDG_CACHE_HOME=str(home / ".cache"),
                        NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
        self.runs: list[Run] = []
        self.stderr_seen: dict[str, str] = {}

    def _go(self, tool: str, phase: str, rep: int, cmd: list[str], cwd: Path,
            sample: bool) -> tuple[Run, str]:
        self.server.take_counts()
        seconds, rss, rc, out, err, sampler = measure(cmd, self.env, cwd, sample)
        http, sent = self.server.take_counts()
        run = Run(tool, phase, rep, seconds, rss, rc, {str(k): v for k, v in sorted(http.items())},
                  sent)
        if sampler:
            run.tree_pss_mb, run.procs = sampler.peak_kb / 1024, sampler.max_procs
        key = f"{tool} {phase}"
        if err.strip() and key not in self.stderr_seen:
            self.stderr_seen[key] = err
        return run, out

    def sahel_run(self, phase: str, rep: int, d: Path, sample: bool) -> Run:
        db = d / "fresh.db"
        cmd = [self.sahel, "fetch", "--config", str(self.cfg), "--db", str(db), "--quiet"]
        run, _ = self._go("sahel-tui", phase, rep, cmd, d, sample)
        run.items = count(db, "SELECT count(*) FROM items")
        run.feeds_with_items = count(db, "SELECT count(DISTINCT feed_id) FROM item_feeds")
        if run.rc not in (0, 1):
            die(f"sahel-tui fetch exited {run.rc}: {self.stderr_seen.get('sahel-tui ' + phase)}")
        return run

    def newsboat_run(self, phase: str, rep: int, d: Path, sample: bool) -> Run:
        cache = d / "cache.db"
        cmd = [self.newsboat, "-q", "-x", "reload", "-c", str(cache), "-u", str(self.url_file),
               "-C", str(self.nb_conf)]
        run, _ = self._go("newsboat", phase, rep, cmd, d, sample)
        run.items = count(cache, "SELECT count(*) FROM rss_item")
        run.feeds_with_items = count(cache, "SELECT count(DISTINCT feedurl) FROM rss_item")
        return run

    def floor_run(self, rep: int, d: Path, sample: bool) -> Run:
        cmd = [self.python, "-c", FLOOR_CODE, str(CORPUS)]
        run, out = self._go("floor", "cold", rep, cmd, d, sample)
        try:
            n, imp, parse = out.split()
            run.items = int(n)
            run.note = f"import {float(imp):.3f} s, parse {float(parse):.3f} s"
        except ValueError:
            die(f"the feedparser floor failed: {out} {self.stderr_seen.get('floor cold')}")
        return run

    def warm_floor_run(self, rep: int, d: Path, sahel_db: Path, sample: bool) -> Run:
        cmd = [self.python, "-c", WARM_FLOOR_CODE, str(sahel_db)]
        run, out = self._go("floor", "warm", rep, cmd, d, sample)
        try:
            n, n304, imp = out.split()
            run.note = f"{n} requests, {n304} answered 304; start-up and imports {float(imp):.3f} s"
        except ValueError:
            die(f"the warm floor failed: {out} {self.stderr_seen.get('floor warm')}")
        return run

    def rep(self, rep: int, sample: bool = False) -> list[Run]:
        d = self.work / (f"rep{rep}" if rep >= 0 else "warmup")
        da, db = d / "sahel", d / "newsboat"
        da.mkdir(parents=True)
        db.mkdir(parents=True)
        runs = [self.sahel_run("cold", rep, da, sample),
                self.newsboat_run("cold", rep, db, sample),
                self.floor_run(rep, d, sample),
                # newsboat 2.21 stores a feed's ETag / Last-Modified only from its second
                # fetch on (the first UPDATE runs before the feed's row is inserted), so its
                # second run downloads everything again. Steady state is the third run.
                self.sahel_run("second", rep, da, sample),
                self.newsboat_run("second", rep, db, sample),
                self.sahel_run("warm", rep, da, sample),
                self.newsboat_run("warm", rep, db, sample),
                self.warm_floor_run(rep, d, da / "fresh.db", sample)]
        if runs[0].items in (None, 0):
            die(f"sahel-tui stored no items: {self.stderr_seen.get('sahel-tui cold')}")
        if runs[1].items in (None, 0):
            die(f"newsboat stored no items: {self.stderr_seen.get('newsboat cold')}")
        return runs


def fast_path_share(server: FeedServer) -> dict:
    """How much of the corpus sahel-tui's fast parser takes (the rest goes to feedparser), on
    the bytes and Content-Type the server sends."""
    from sahel_tui.ingest.fastparse import parse_or_refuse

    share = {"feeds": 0, "of_feeds": len(server.docs), "mb": 0.0, "of_mb": 0.0, "refused": {}}
    for name, doc in server.docs.items():
        headers = {"content-type": doc.content_type, "content-location": server.url(name)}
        outcome = parse_or_refuse(doc.plain, headers)
        share["of_mb"] += len(doc.plain) / 1e6
        if isinstance(outcome, dict):
            share["feeds"] += 1
            share["mb"] += len(doc.plain) / 1e6
        else:
            share["refused"][name] = outcome
    return share


def med(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def summarise(runs: list[Run], warmup: list[Run]) -> dict:
    def pick(tool, phase):
        return [r for r in runs if r.tool == tool and r.phase == phase]

    def warm_of(tool, phase):
        return next((r for r in warmup if r.tool == tool and r.phase == phase), None)

    rows = {}
    for phase, tools in (("cold", ("sahel-tui", "newsboat", "floor")),
                         ("second", ("sahel-tui", "newsboat")),
                         ("warm", ("sahel-tui", "newsboat", "floor"))):
        for tool in tools:
            rs = pick(tool, phase)
            w = warm_of(tool, phase)
            rows[f"{phase}/{tool}"] = {
                "median_s": med([r.seconds for r in rs]),
                "min_s": min(r.seconds for r in rs), "max_s": max(r.seconds for r in rs),
                "maxrss_mb": med([r.maxrss_mb for r in rs]),
                "tree_pss_mb": w.tree_pss_mb if w else None,
                "procs": w.procs if w else None,
                "items": rs[-1].items, "feeds_with_items": rs[-1].feeds_with_items,
                "http": rs[-1].http, "bytes_served": rs[-1].bytes_served,
                "note": rs[-1].note,
            }
    ratios = {}
    for phase, target in TARGETS.items():
        a = {r.rep: r.seconds for r in pick("sahel-tui", phase)}
        b = {r.rep: r.seconds for r in pick("newsboat", phase)}
        per_pair = [a[k] / b[k] for k in sorted(a) if k in b]
        m = med(per_pair)
        ratios[phase] = {"median": m, "min": min(per_pair), "max": max(per_pair),
                         "per_pair": per_pair, "target": target,
                         "pass": None if target is None else m <= target}
    floor = {r.rep: r.seconds for r in pick("floor", "cold")}
    cold_a = {r.rep: r.seconds for r in pick("sahel-tui", "cold")}
    ratios["cold_vs_floor"] = {"median": med([cold_a[k] / floor[k] for k in floor if k in cold_a])}
    # what the prescribed stack alone costs against newsboat: a warm target below this
    # cannot be reached by any sahel-tui built on Python + httpx
    wfloor = {r.rep: r.seconds for r in pick("floor", "warm")}
    warm_b = {r.rep: r.seconds for r in pick("newsboat", "warm")}
    warm_a = {r.rep: r.seconds for r in pick("sahel-tui", "warm")}
    ratios["warm_floor_vs_newsboat"] = {
        "median": med([wfloor[k] / warm_b[k] for k in wfloor if k in warm_b])}
    ratios["warm_vs_floor"] = {"median": med([warm_a[k] / wfloor[k] for k in wfloor if k in warm_a])}
    return {"rows": rows, "ratios": ratios}


def fmt_http(http: dict) -> str:
    return " ".join(f"{v}x{k}" for k, v in http.items()) or "-"


def print_table(meta: dict, summary: dict) -> None:
    rows, ratios = summary["rows"], summary["ratios"]
    print()
    print(f"sahel-tui fetch vs {meta['newsboat_version']}: {meta['feeds']} feeds, "
          f"{meta['corpus_mb']:.2f} MB, all from one loopback host {meta['host']}")
    print(f"  {PARALLEL} parallel connections each: sahel-tui concurrency = per_host = "
          f"{PARALLEL}; newsboat reload-threads {PARALLEL}")
    print(f"  {meta['runs']} alternating repetitions (sahel-tui, newsboat), "
          f"{meta['cpus']} CPUs, Python {meta['python']}; wall = whole process")
    print()
    head = (f"{'phase':6} {'tool':10} {'median s':>9} {'min-max s':>13} {'maxRSS MB':>10} "
            f"{'treePSS MB':>10}  {'items':>6} {'feeds':>5}  http")
    print(head)
    print("-" * len(head) + "-" * 14)
    for key, r in rows.items():
        phase, tool = key.split("/")
        pss = f"{r['tree_pss_mb']:.1f}" if r["tree_pss_mb"] is not None else "-"
        if r["procs"] and r["procs"] > 1:
            pss += f"/{r['procs']}p"
        feeds = r["feeds_with_items"] if r["feeds_with_items"] is not None else "-"
        items = r["items"] if r["items"] is not None else "-"
        label = "floor*" if tool == "floor" else tool
        print(f"{phase:6} {label:10} {r['median_s']:9.3f} "
              f"{r['min_s']:6.3f}-{r['max_s']:<6.3f} {r['maxrss_mb']:10.1f} {pss:>10}  "
              f"{items!s:>6} {feeds!s:>5}  {fmt_http(r['http'])}")
    print()
    print("sahel-tui / newsboat (median of per-pair ratios):")
    for phase in TARGETS:
        q = ratios[phase]
        if q["target"] is None:
            tail = "(no target: newsboat re-downloads on its second run)"
        else:
            tail = f"target <= {q['target']:.1f}x   " + ("PASS" if q["pass"] else "MISS")
        print(f"  {phase:6}: {q['median']:.2f}x  (min-max {q['min']:.2f}-{q['max']:.2f}x)   "
              + tail)
    print(f"  cold sahel-tui / feedparser floor: {ratios['cold_vs_floor']['median']:.2f}x")
    print(f"  warm floor** / newsboat: {ratios['warm_floor_vs_newsboat']['median']:.2f}x; "
          f"warm sahel-tui / warm floor: {ratios['warm_vs_floor']['median']:.2f}x")
    fast = meta["fast_path"]
    print(f"  fast parser: {fast['feeds']}/{fast['of_feeds']} feeds, {fast['mb']:.2f} of "
          f"{fast['of_mb']:.2f} MB (decompressed); feedparser parses the rest")
    print()
    floor_note = rows["cold/floor"]["note"]
    print(f"* floor: one `python -c` process, feedparser.parse on each file in turn, same "
          f"options as sahel-tui ({floor_note}).")
    print("** warm floor: one `python -c` process, httpx.AsyncClient sending the same "
          "conditional GETs, 8 at a time,")
    print(f"  and nothing else ({rows['warm/floor']['note']}): the least a warm sync "
          "on Python + httpx can cost.")
    print("  maxRSS = largest single process (wait4); treePSS = peak summed PSS of the process")
    print("  tree, sampled in the untimed warm-up round (/Np = processes seen).")
    print("  second = the command run again right after cold; warm = the third run (steady "
          "state: validators stored, 304s).")
    print("  items/feeds: rows in items (sahel-tui, de-duplicated by uid) or rss_item "
          "(newsboat), and feeds with >= 1 item,")
    print("  after the last repetition; http: server responses by status during that run.")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="repetitions (default 5)")
    ap.add_argument("--json", type=Path, default=DEFAULT_JSON, metavar="PATH",
                    help=f"write figures here (default {DEFAULT_JSON.relative_to(REPO)})")
    ap.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    args = ap.parse_args(argv)
    if args.runs < 1:
        die("--runs must be at least 1")

    if not CORPUS.is_dir():
        die(f"corpus not found: {CORPUS} (expected ../shared/corpus/feeds next to the repo)")
    files = [p for p in CORPUS.iterdir() if p.is_file()]
    if not files:
        die(f"corpus folder is empty: {CORPUS}")
    venv_bin = REPO / ".venv" / "bin"
    sahel = str(venv_bin / "sahel-tui") if (venv_bin / "sahel-tui").exists() \
        else shutil.which("sahel-tui")
    if not sahel:
        die("sahel-tui not found (expected .venv/bin/sahel-tui); pip install -e . first")
    python = str(venv_bin / "python") if (venv_bin / "python").exists() else sys.executable
    newsboat = ensure_newsboat()
    nb_version = subprocess.run([newsboat, "-v"], capture_output=True, text=True)
    nb_version = (nb_version.stdout.splitlines() or ["newsboat ?"])[0].split(" - ")[0]

    # Bytecode as a regular `pip install` leaves it (as bench/ui.py does): an editable install
    # with PYTHONDONTWRITEBYTECODE set would otherwise compile sahel-tui's modules every run.
    subprocess.run([python, "-m", "compileall", "-q", str(REPO / "sahel_tui")], check=True)
    load_start = os.getloadavg()[0]
    server = FeedServer(CORPUS).start()
    work = Path(tempfile.mkdtemp(prefix="sahel-bench-fetch-"))
    started = time.perf_counter()
    try:
        bench = Bench(server, work, sahel, python, newsboat)
        print(f"serving {len(server.docs)} files from {CORPUS} on 127.0.0.1:{server.port}; "
              f"work folder {work}", file=sys.stderr)
        print("warm-up round (untimed; samples memory) ...", file=sys.stderr)
        warmup = bench.rep(-1, sample=True)
        for r in warmup:
            if r.phase == "cold":
                print(f"  {r.tool:9} cold: {r.items} items from {r.feeds_with_items} feeds "
                      f"({r.seconds:.2f} s)", file=sys.stderr)
        for key, err in bench.stderr_seen.items():
            tool, phase = key.split(" ")
            if phase != "cold" and err == bench.stderr_seen.get(f"{tool} cold"):
                print(f"  {key} stderr: the same as cold", file=sys.stderr)
                continue
            lines = err.strip().splitlines()
            print(f"  {key} stderr ({len(lines)} lines):", file=sys.stderr)
            for line in lines[:12]:
                print(f"    {line[:160]}", file=sys.stderr)
            if len(lines) > 12:
                print(f"    ... {len(lines) - 12} more", file=sys.stderr)
        runs: list[Run] = []
        for i in range(args.runs):
            rep = bench.rep(i)
            runs += rep
            print(f"rep {i + 1}/{args.runs}: " + ", ".join(
                f"{r.tool} {r.phase} {r.seconds:.2f}s" for r in rep), file=sys.stderr)
            shutil.rmtree(work / f"rep{i}", ignore_errors=True)
    finally:
        server.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    meta = {
        "newsboat_version": nb_version, "feeds": len(server.docs),
        "corpus_mb": sum(len(d.body) for d in server.docs.values()) / 1e6,
        "host": "127.0.0.1", "runs": args.runs, "cpus": os.cpu_count(),
        "python": platform.python_version(), "parallel": PARALLEL,
        "bench_seconds": time.perf_counter() - started,
        "loadavg_start": load_start, "loadavg_end": os.getloadavg()[0],
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "fast_path": fast_path_share(server),
    }
    summary = summarise(runs, warmup)
    print_table(meta, summary)
    print(f"\nbench took {meta['bench_seconds']:.0f} s; 1-min load average "
          f"{meta['loadavg_start']:.2f} at start, {meta['loadavg_end']:.2f} at end")
    if max(meta["loadavg_start"], meta["loadavg_end"]) > 0.75 * (os.cpu_count() or 1):
        print("warning: other work was running on this machine; figures are noisy "
              "(sahel-tui, which uses every core, suffers more than newsboat)")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"meta": meta, "summary": summary,
                                     "warmup": [asdict(r) for r in warmup],
                                     "runs": [asdict(r) for r in runs]}, indent=2) + "\n",
                         encoding="utf-8")
    print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
