"""The article corpus (../shared/corpus/articles) and the article-extraction benchmark's metric.

Pages are read where they are, never copied. The metric is the one of
scrapinghub/article-extraction-benchmark, written again here: the text is cut into ``\\w+``
tokens (case kept), every run of 4 tokens is a shingle, and a page's true positives, false
positives and false negatives are counted over shingles (with multiplicity) and divided by
their sum, so that a long page weighs no more than a short one. Precision and recall are
averaged over the pages; F1 is their harmonic mean.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "articles"
SETS = ("scrapinghub", "africa")

_TOKEN = re.compile(r"\w+")


@dataclass(slots=True)
class Page:
    set: str
    key: str  # the page's id in ground-truth.json
    path: Path
    truth: str
    url: str

    def html(self) -> bytes:
        data = self.path.read_bytes()
        return gzip.decompress(data) if self.path.name.endswith(".gz") else data


def pages(sets: tuple[str, ...] = SETS) -> list[Page]:
    """Every page that has a true text, in a stable order."""
    out = []
    for name in sets:
        folder = CORPUS / name
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        for key in sorted(truth):
            path = folder / key
            if not path.exists():
                path = folder / f"{key}.html.gz"
            if not path.exists():
                continue
            out.append(Page(name, key, path, truth[key].get("articleBody") or "",
                            truth[key].get("url") or ""))
    return out


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i:i + n])


def tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def scores(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Averaged precision and recall, and F1 from them, as the benchmark computes them."""

    def precision(tp, fp, fn):
        return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))

    def recall(tp, fp, fn):
        return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))

    p = statistics.mean([precision(*c) for c in counts if c[0] + c[1] > 0] or [0.0])
    r = statistics.mean([recall(*c) for c in counts if c[0] + c[2] > 0] or [0.0])
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1}
