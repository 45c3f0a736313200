"""The fast parser against feedparser on every file of the shared real-world corpus.

For each file, served with a Content-Type and a Content-Location (as over HTTP) and read as a
file (no headers): wherever the fast path takes it, the values we read (HTTP case) and the
ParsedFeed (both cases) must be feedparser's; wherever it does not, parse_feed's result is feedparser's anyway. The
fast path must take the large majority of the feeds by bytes, or it does not pay.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_fastparse import check_both_paths, headers_for

from sahel_tui.ingest.fastparse import parse_or_refuse
from sahel_tui.ingest.parse import maybe_decompress

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
if not (CORPUS / "feeds").is_dir():
    pytest.skip(f"the shared feed corpus is not at {CORPUS} (it lives beside the repository, "
                "in shared/corpus); these tests need it", allow_module_level=True)

FILES = sorted(p for d in ("feeds", "feedparser") for p in (CORPUS / d).iterdir() if p.is_file())


def _content_type(path: Path, body: bytes) -> str:
    """What a static server would send (as in test_corpus)."""
    head = body[:2048].lower()
    if path.suffix == ".json":
        return "application/json"
    if b"<html" in head or b"<!doctype html" in head:
        return "text/html"
    for marker, ctype in ((b"<feed", "application/atom+xml"), (b"<rdf:rdf", "application/rdf+xml"),
                          (b"<rss", "application/rss+xml")):
        if marker in head:
            return ctype
    return "application/xml"


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_both_parsers_agree(path):
    raw = path.read_bytes()
    ctype = _content_type(path, maybe_decompress(raw))
    check_both_paths(raw, ctype, f"https://corpus.example/{path.parent.name}/{path.name}")
    check_both_paths(raw, raw=False)  # the values themselves were compared above


def test_the_fast_path_takes_most_feeds(capsys):
    taken = {"feeds": [0, 0, 0, 0], "feedparser": [0, 0, 0, 0]}  # files, of files, bytes, of
    refused = []
    for path in FILES:
        body = maybe_decompress(path.read_bytes())
        outcome = parse_or_refuse(body, headers_for(_content_type(path, body)))
        counts = taken[path.parent.name]
        counts[1] += 1
        counts[3] += len(body)
        if isinstance(outcome, dict):
            counts[0] += 1
            counts[2] += len(body)
        else:
            refused.append(f"  {path.parent.name}/{path.name}: {outcome}")
    lines = [f"fast path: {d}/ {n}/{of} files, {b / 1e6:.2f} of {ob / 1e6:.2f} MB"
             for d, (n, of, b, ob) in taken.items()]
    with capsys.disabled():
        print("\n" + "\n".join([*lines, "left to feedparser:", *refused]))
    files, of_files, size, of_size = taken["feeds"]
    assert size >= 0.95 * of_size, lines
    assert files >= 0.8 * of_files, lines
