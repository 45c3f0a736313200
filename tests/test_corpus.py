"""Every real-world feed and OPML file of the shared corpus, through the real ingest path.

Feeds are served over loopback HTTP (as a static server would: a gzip file goes out with
Content-Encoding: gzip) and read again as file:// URLs. Each must be stored, or rejected with
one clear line in feeds.last_error; the number of items stored must agree with SUMMARY.tsv's
``unique_ids`` (what feedparser alone makes of the file) or be listed below with the reason.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from helpers_feeds import db_connect, make_config
from helpers_http import Response

from sahel_tui.config import FeedConfig
from sahel_tui.ingest.sync import sync
from sahel_tui.opml import OpmlError, read_opml

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
if not (CORPUS / "SUMMARY.tsv").is_file():
    pytest.skip(f"the shared feed corpus is not at {CORPUS} (it lives beside the repository, "
                "in shared/corpus); these tests need it", allow_module_level=True)

SUMMARY = {r["file"]: r for r in csv.DictReader(
    (CORPUS / "SUMMARY.tsv").open(encoding="utf-8"), delimiter="\t")}
FEED_FILES = sorted(p for d in ("feeds", "feedparser") for p in (CORPUS / d).iterdir()
                    if p.is_file())
OPML_FILES = sorted(p for p in (CORPUS / "opml").iterdir() if p.is_file())

_GZIP = "stored {n}: a gzip file; feedparser read the compressed bytes and found nothing, " \
        "we decompress it first"
_EMPTY_ONE = "its only entry has no title, text or link (nothing to show): dropped"

# file -> (items we store, why that differs from SUMMARY.tsv's unique_ids)
EXPECTED_DIFFERENCES: dict[str, tuple[int, str]] = {
    "feeds/danmactough+node-feedparser__test__feeds__compressed.xml":
        (10, _GZIP.format(n=10)),
    "feeds/danmactough+node-feedparser__test__feeds__invalid-characters-gzipped.xml":
        (25, _GZIP.format(n=25)),
    "feeds/danmactough+node-feedparser__test__feeds__illegally-nested.xml":
        (10, "the illegal nesting makes feedparser see 20 entries, 10 of them empty; SUMMARY "
             "counts the empty ones as one id (same hash), we drop empty entries"),
    "feeds/rbren+rss-parser__test__input__incomplete-fields.atom":
        (0, "its only entry is <author></author> and nothing else: dropped"),
    "feedparser/kurtmckee+feedparser__tests__illformed__geo__georss_point_no_coords.xml":
        (0, _EMPTY_ONE),
    "feedparser/kurtmckee+feedparser__tests__illformed__geo__georss_polygon_insufficient_coords.xml":
        (0, _EMPTY_ONE),
    "feedparser/kurtmckee+feedparser__tests__illformed__geo__gml_point.xml":
        (0, _EMPTY_ONE),
    "feedparser/kurtmckee+feedparser__tests__illformed__rss_incomplete_cdata.xml":
        (0, "the file ends inside the first item's <title><![CD...: the entry is empty"),
}

DANGEROUS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def _key(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _content_type(path: Path, body: bytes) -> str:
    head = body[:2048].lower()
    if path.suffix == ".json":
        return "application/json"
    if b"<html" in head or b"<!doctype html" in head:
        return "text/html"
    if b"<feed" in head:
        return "application/atom+xml"
    if b"<rdf:rdf" in head:
        return "application/rdf+xml"
    if b"<rss" in head:
        return "application/rss+xml"
    return "application/xml"


def test_every_file_is_in_the_summary():
    assert {_key(p) for p in FEED_FILES} == set(SUMMARY)
    assert set(EXPECTED_DIFFERENCES) <= set(SUMMARY)
    for key, (ours, _) in EXPECTED_DIFFERENCES.items():  # no entry that is not a difference
        assert ours != int(SUMMARY[key]["unique_ids"]), key


def _check(cfg, by_file: dict[str, str], report) -> None:
    """Shared verdict for both transports."""
    outcomes = {o.name: o for o in report.outcomes}
    assert set(outcomes) == set(by_file)
    with db_connect(cfg) as conn:
        rows = {r["name"]: r for r in conn.execute(
            """SELECT f.name, f.last_error, f.last_status,
                      (SELECT count(*) FROM item_feeds x WHERE x.feed_id = f.id) AS n
               FROM feeds f""")}
        problems = []
        for key in by_file:
            o, row = outcomes[key], rows[key]
            err = row["last_error"]
            if err is not None and ("\n" in err or len(err) > 400 or "internal error" in err
                                    or "Traceback" in err):
                problems.append(f"{key}: unclear error {err!r}")
            if o.error and not err:
                problems.append(f"{key}: failed without a stored error")
            want = int(SUMMARY[key]["unique_ids"])
            if key in EXPECTED_DIFFERENCES:
                want = EXPECTED_DIFFERENCES[key][0]
            if row["n"] != want:
                problems.append(f"{key}: stored {row['n']} items, expected {want} "
                                f"({o.line()})")
        assert not problems, "\n".join(problems)
        # what was stored is clean, dated, and indexed
        for r in conn.execute("SELECT title, text, author, published FROM items"):
            for value in (r["title"], r["text"], r["author"] or ""):
                assert not DANGEROUS.search(value), repr(value[:200])
            assert ISO.match(r["published"]), r["published"]
            assert len(r["title"]) <= 500 and len(r["text"]) <= 100_000
        conn.execute("INSERT INTO items_fts(items_fts) VALUES ('integrity-check')")


def test_corpus_over_http(tmp_path, server):
    by_file = {}
    feeds = []
    for p in FEED_FILES:
        body = p.read_bytes()
        headers = {}
        ctype = _content_type(p, body)
        if body[:2] == b"\x1f\x8b":
            headers["Content-Encoding"] = "gzip"
            ctype = "application/rss+xml"
        url = server.route(f"/{p.parent.name}/{quote(p.name)}",
                           Response(body=body, headers=headers, content_type=ctype))
        by_file[_key(p)] = url
        feeds.append(FeedConfig(url=url, name=_key(p)))
    # one loopback host serves all: lift the per-host politeness limit for this test
    cfg = make_config(tmp_path, feeds, concurrency=16, per_host=16)
    report = sync(cfg)
    _check(cfg, by_file, report)
    assert len(server.requests) == len(FEED_FILES)
    assert len(report.ok) > 100


def test_corpus_as_files(tmp_path):
    """The same verdicts read from disk (no Content-Type, gzip undeclared), for every file
    where that could matter: all of feedparser's encoding and ill-formed cases, the gzip
    files, and the files of the table above. (The big feeds/ files are parsed once, above.)"""
    picked = [p for p in FEED_FILES if p.parent.name == "feedparser"
              or _key(p) in EXPECTED_DIFFERENCES or p.read_bytes()[:2] == b"\x1f\x8b"]
    by_file = {_key(p): p.as_uri() for p in picked}
    cfg = make_config(tmp_path, [FeedConfig(url=u, name=k) for k, u in by_file.items()])
    report = sync(cfg)
    _check(cfg, by_file, report)
    # a second sync parses nothing: every file is unchanged, and a file that failed to parse
    # still reports the same error, from the store
    again = sync(cfg)
    assert all(o.unchanged for o in again.outcomes)
    assert sum(1 for o in again.outcomes if not o.error) == len(report.ok)
    errors = {o.name: o.error for o in report.failed}
    assert {o.name: o.error for o in again.failed} == errors


def test_corpus_rejections_are_explained(tmp_path):
    """The files we refuse, refused for the right reason."""
    picks = {
        "feeds/danmactough+node-feedparser__test__feeds__notafeed.html": "not a feed",
        "feeds/rbren+rss-parser__test__input__unrecognized.rss": "not a feed",
        "feedparser/kurtmckee+feedparser__tests__json__example.json": "JSON",
        "feedparser/kurtmckee+feedparser__tests__illformed__rss_empty_document.xml": "not a feed",
        "feeds/feed-rs+feed-rs__feed-rs__fixture__rss2__rss_2.0_invalid_1.xml": "broken feed",
    }
    cfg = make_config(tmp_path, [FeedConfig((CORPUS / k).as_uri(), k) for k in picks])
    for o in sync(cfg).outcomes:
        assert o.error and picks[o.name] in o.error, (o.name, o.error)


# -- OPML -------------------------------------------------------------------------------------

def test_every_opml_file_loads_or_fails_cleanly():
    problems = []
    loaded = failed = 0
    for p in OPML_FILES:
        try:
            result = read_opml(p)
        except OpmlError as exc:
            failed += 1
            msg = str(exc)
            if not msg.startswith(str(p)) or "\n" in msg:
                problems.append(f"{p.name}: error does not name the file: {msg!r}")
            if "not valid XML" in msg and not re.match(re.escape(str(p)) + r":\d+: ", msg):
                problems.append(f"{p.name}: XML error without a line: {msg!r}")
            continue
        except Exception as exc:  # anything else is a crash
            problems.append(f"{p.name}: crashed with {type(exc).__name__}: {exc}")
            continue
        loaded += 1
        if not result.feeds and not result.warnings:
            problems.append(f"{p.name}: no feeds and no warning")
        for f in result.feeds:
            if not f.url or not f.name or DANGEROUS.search(f.name + "".join(f.tags)):
                problems.append(f"{p.name}: bad feed {f!r}")
    assert not problems, "\n".join(problems)
    # listparser's malformed lists are read leniently, with a warning (test_opml); three
    # files are no OPML list at all (no <opml>, no <body>)
    assert loaded > 80 and failed >= 3


def test_malformed_opml_cases_are_refused():
    malformed = [p for p in OPML_FILES if "__malformed__" in p.name]
    assert len(malformed) == 10
    for p in malformed:
        try:
            result = read_opml(p)
        except OpmlError as exc:
            assert str(p) in str(exc)
        else:
            assert result.warnings, f"{p.name} loaded silently"


def test_opml_spot_checks():
    def feeds(suffix):
        (p,) = [p for p in OPML_FILES if p.name.endswith(suffix)]
        return read_opml(p).feeds

    assert feeds("outline_text-overrides_title.xml")[0].name == "text"
    assert feeds("outline_title-text_missing.xml")[0].name == "feedname"
    assert feeds("outline_xmlUrl-whitespace.xml")[0].url == "http://domain/feed"
    assert set(feeds("categories__hier-4-mixed.xml")[0].tags) >= {"grouping", "tag"}
    assert feeds("categories__cats-4-bad.xml")[0].tags[0] == "root1"
    subs = feeds("Resources__Subs.opml")
    assert len(subs) == len(feeds("SubsNoTitleAttributes.opml")) > 100
    example = feeds("newsboat__test__data__example.opml")
    assert len(example) == 7
    nested = {f.name: f.tags for f in feeds("test-urls+.opml")}
    assert nested["CC Test"] == ("tag1", "tag2") and nested["One more feed"] == ("tag1", "tag3")
