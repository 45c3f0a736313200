"""Which extraction library: trafilatura against readability-lxml on real article pages.

    .venv/bin/python bench/extractors.py [--set scrapinghub|africa|all]

Each candidate is timed per page on the same bytes, in one process, after one untimed
warm-up pass, and scored with the benchmark's metric (see _articles.py). Rows:

- ``trafilatura``: ``trafilatura.extract(html)`` as plain text (the benchmark's own call);
- ``trafilatura+sanitise``: what sahel-tui does (its HTML output through the project's own
  sanitiser, ``html_to_text``);
- ``readability+html-text``: ``Document(html).summary()`` then ``html_text.extract_text``
  (the benchmark's own call);
- ``readability+sanitise``: the same summary through ``html_to_text``.

readability-lxml and html-text are not dependencies of sahel-tui: install them to run this
(``pip install readability-lxml html-text``); a missing one is skipped with a note.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _articles import CORPUS, SETS, pages, scores, tp_fp_fn

from sahel_tui.ingest.sanitize import html_to_text


def candidates() -> dict:
    found = {}
    import trafilatura

    found["trafilatura"] = lambda html: trafilatura.extract(html, include_comments=False) or ""

    def traf_sanitised(html):
        out = trafilatura.extract(html, include_comments=False, output_format="html")
        return html_to_text(out or "")

    found["trafilatura+sanitise"] = traf_sanitised
    try:
        import html_text
        from readability import Document
    except ImportError as exc:
        print(f"(readability rows skipped: {exc})")
        return found
    found["readability+html-text"] = lambda html: html_text.extract_text(
        Document(html).summary(html_partial=True))
    found["readability+sanitise"] = lambda html: html_to_text(
        Document(html).summary(html_partial=True))
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", choices=[*SETS, "all"], default="all")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found: {CORPUS} (expected ../shared/corpus/articles next to the repo)")
    sets = SETS if args.set == "all" else (args.set,)
    corpus = pages(sets)
    docs = [(p, p.html().decode("utf-8", "replace")) for p in corpus]
    import logging

    logging.disable(logging.WARNING)  # trafilatura and readability log every odd page
    print(f"{len(docs)} pages ({', '.join(sets)})")
    print(f"{'extractor':<24}{'set':<13}{'precision':>10}{'recall':>8}{'F1':>7}"
          f"{'median ms':>11}{'p95 ms':>8}")
    for name, fn in candidates().items():
        for _page, html in docs[:5]:
            fn(html)  # warm-up: imports, compiled expressions
        by_set: dict[str, list] = {}
        times = []
        for p, html in docs:
            t0 = time.perf_counter()
            try:
                text = fn(html)
            except Exception:  # a library failing on a page scores it as empty
                text = ""
            times.append(time.perf_counter() - t0)
            by_set.setdefault(p.set, []).append(tp_fp_fn(p.truth, text))
        rows = list(by_set.items())
        if len(rows) > 1:
            rows.append(("all", [c for _, cs in rows for c in cs]))
        times.sort()
        for set_name, counts in rows:
            s = scores(counts)
            print(f"{name:<24}{set_name:<13}{s['precision']:>10.3f}{s['recall']:>8.3f}"
                  f"{s['f1']:>7.3f}{statistics.median(times) * 1e3:>11.1f}"
                  f"{times[int(len(times) * 0.95)] * 1e3:>8.1f}")


if __name__ == "__main__":
    main()
