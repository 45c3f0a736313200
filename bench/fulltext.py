"""Full articles through sahel-tui's own fetch-and-extract path, scored against true text.

    .venv/bin/python bench/fulltext.py [--set scrapinghub|africa|all] [--repeat N]

The pages of ../shared/corpus/articles/ (read in place, never copied) are served on
127.0.0.1 as if they were the links of a feed's items: one RSS feed lists them, ``sync``
stores the items, and ``fetch_articles`` (the path of `sahel-tui fetch` and the app)
downloads, extracts, sanitises and stores every article. The stored text is then scored
with the article-extraction benchmark's metric (word 4-gram precision / recall / F1 per
page, averaged; see _articles.py) against ``ground-truth.json``.

All pages come from one loopback host, so the politeness settings are opened for the run
(``full_text_per_host = full_text_concurrency = 4``, no pause between pages, no robots.txt:
the server answers 404); the real defaults (1 page at a time per site, 1 s apart) would
measure the pause, not the pipeline. ``--repeat N`` lists every page N times under other
links (``--repeat 1`` with both sets is 202 pages) to measure throughput on more pages.

Reported: F1 of the stored text against the truth, against trafilatura called directly on
the same bytes (the floor our cleaning must not fall below by more than a point), the time
of the whole run, pages per second, and the per-page time in the pipeline.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _articles import CORPUS, SETS, pages, scores, tp_fp_fn

from sahel_tui.config import Config, FeedConfig, Settings


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


def serve(routes: dict[str, tuple[bytes, str]]) -> tuple[_Server, str]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            found = routes.get(self.path)
            body, ctype = found if found else (b"not found", "text/plain")
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = _Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def feed(base: str, links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Page {i}</title><link>{escape(base + link)}</link>"
        f"<guid>{escape(base + link)}</guid><description>Teaser.</description></item>"
        for i, link in enumerate(links))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>bench</title><link>{base}/</link>{items}</channel></rss>").encode()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", choices=[*SETS, "all"], default="all")
    ap.add_argument("--repeat", type=int, default=1, help="list every page N times")
    ap.add_argument("--ui", action="store_true",
                    help="also: key latency in the app while the articles are fetched")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found: {CORPUS} (expected ../shared/corpus/articles next to the repo)")
    sets = SETS if args.set == "all" else (args.set,)
    corpus = pages(sets)
    routes: dict[str, tuple[bytes, str]] = {}
    truth: dict[str, object] = {}
    for n in range(args.repeat):
        for i, p in enumerate(corpus):
            path = f"/a/{n}/{i}.html"
            # the benchmark reads its pages as UTF-8; the African pages name their own charset
            ctype = "text/html; charset=utf-8" if p.set == "scrapinghub" else "text/html"
            routes[path] = (p.html(), ctype)
            truth[path] = p
    httpd, base = serve(routes)
    routes["/feed.xml"] = (feed(base, [k for k in routes if k.startswith("/a/")]),
                           "application/rss+xml")

    from sahel_tui.ingest.fulltext import fetch_articles
    from sahel_tui.ingest.sync import sync
    from sahel_tui.store import connect

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(database=Path(tmp) / "bench.db", full_text_concurrency=4,
                            full_text_per_host=4, per_host=4, full_text_delay=0.0,
                            max_bytes=50_000_000)
        cfg = Config(path=None, settings=settings,
                     feeds=[FeedConfig(url=base + "/feed.xml", name="bench", full_text=True)])
        sync(cfg)
        if args.ui:
            import asyncio

            idle, busy, busy_wall = asyncio.run(_ui_latency(cfg))
        t0 = time.perf_counter()
        report = fetch_articles(cfg)
        wall = time.perf_counter() - t0
        conn = connect(settings.database)
        stored = {r[0][len(base):]: r[1] or "" for r in
                  conn.execute("SELECT link, article FROM items").fetchall()}
        conn.close()
    httpd.shutdown()

    logging.disable(logging.WARNING)
    import trafilatura

    direct, ours, direct_times = {}, {}, []
    for path, p in truth.items():
        if not path.startswith("/a/0/"):
            continue
        t = time.perf_counter()
        text = trafilatura.extract(p.html().decode("utf-8", "replace") if p.set == "scrapinghub"
                                   else p.html(), include_comments=False) or ""
        direct_times.append(time.perf_counter() - t)
        direct.setdefault(p.set, []).append(tp_fp_fn(p.truth, text))
        ours.setdefault(p.set, []).append(tp_fp_fn(p.truth, stored.get(path, "")))
    states = {s: report.count(s) for s in ("ok", "shorter", "failed")}
    times = sorted(o.seconds for o in report.outcomes)
    print(f"{len(truth)} pages ({', '.join(sets)} x{args.repeat}) on loopback; "
          f"{states['ok']} stored, {states['shorter']} shorter, {states['failed']} failed")
    for o in report.failed[:5]:
        print(f"  failed: {o.line()}")
    print(f"{'set':<13}{'pipeline P':>11}{'R':>7}{'F1':>7}{'library F1':>12}")
    rows = list(ours)
    if len(rows) > 1:
        rows.append("all")
    for name in rows:
        mine = [c for s in ours for c in ours[s]] if name == "all" else ours[name]
        lib = [c for s in direct for c in direct[s]] if name == "all" else direct[name]
        a, b = scores(mine), scores(lib)
        print(f"{name:<13}{a['precision']:>11.3f}{a['recall']:>7.3f}{a['f1']:>7.3f}{b['f1']:>12.3f}")
    load = os.getloadavg()[0]
    alone = sum(direct_times) * args.repeat
    print(f"whole run {wall:.2f} s ({len(truth) / wall:.1f} pages/s); trafilatura alone on the "
          f"same pages, one after the other in this process: {alone:.2f} s "
          f"(ratio {wall / alone:.2f}); load average {load:.1f}")
    print(f"per page, request to stored text: median {statistics.median(times) * 1e3:.0f} ms, "
          f"p95 {times[int(len(times) * 0.95)] * 1e3:.0f} ms; trafilatura alone: median "
          f"{statistics.median(direct_times) * 1e3:.1f} ms")
    if args.ui:
        print(f"app key latency (j/k, key to next frame), idle: median {_pct(idle, 50):.1f} ms, "
              f"p95 {_pct(idle, 95):.1f} ms ({len(idle)} keys); while the {len(truth)} articles "
              f"were fetched ({busy_wall:.1f} s): median {_pct(busy, 50):.1f} ms, "
              f"p95 {_pct(busy, 95):.1f} ms ({len(busy)} keys)")


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p / 100))] if values else float("nan")


async def _ui_latency(cfg) -> tuple[list[float], list[float], float]:
    """j/k in the app (Pilot, 160x48), first idle, then while the app's own worker runs
    fetch_articles over every page (extraction in worker processes). Latency: from the key
    to the first frame written after it."""
    import asyncio

    from sahel_tui.ingest.fulltext import fetch_articles
    from sahel_tui.ui.app import SahelApp

    class Timed(SahelApp):
        frames: list[float] = []

        def _display(self, screen, renderable):
            if renderable is not None:
                self.frames.append(time.perf_counter())
            super()._display(screen, renderable)

    async def keys(pilot, app, n: int, until=None) -> list[float]:
        out = []
        for i in range(n):
            if until is not None and until():
                break
            t0 = time.perf_counter()
            await pilot.press("j" if (i // 10) % 2 == 0 else "k")
            for _ in range(50):
                after = [f for f in app.frames if f > t0]
                if after:
                    out.append((after[0] - t0) * 1000)
                    break
                await asyncio.sleep(0.002)
            await asyncio.sleep(0.03)  # an analyst's pace, not a flood
        return out

    app = Timed(cfg, coder="bench")
    async with app.run_test(size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        idle = await keys(pilot, app, 100)
        print(f"idle keys measured: {len(idle)}", file=sys.__stderr__)
        done: list[float] = []
        t0 = time.perf_counter()

        def work():
            try:
                fetch_articles(cfg)
            except BaseException:
                import traceback

                traceback.print_exc(file=sys.__stderr__)
                raise
            finally:
                done.append(time.perf_counter() - t0)

        app.run_worker(work, thread=True, exit_on_error=False)
        busy = await keys(pilot, app, 100_000, until=lambda: bool(done))
        await app.workers.wait_for_complete()
    # the articles are stored now: the timed run below must fetch them again
    from sahel_tui.store import connect

    conn = connect(cfg.settings.database)
    conn.execute("UPDATE items SET article = NULL")
    conn.execute("DELETE FROM articles")
    conn.close()
    return idle, busy, done[0]


if __name__ == "__main__":
    main()
