"""One entry as the item we store: keys, canonical links, UTC times, clean fields."""

from __future__ import annotations

import gzip
import time
from datetime import UTC, datetime

import pytest
from helpers_feeds import FIXTURES, atom, news_items, rss

from sahel_tui.ingest.normalize import canonical_url, entry_time, normalize_entry
from sahel_tui.ingest.parse import BodyTooLarge, maybe_decompress, parse_feed

NOW = datetime(2025, 6, 3, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://News.Example.COM/a/b?id=7&utm_source=rss&utm_medium=feed#top",
         "https://news.example.com/a/b?id=7"),
        ("HTTP://ex.com:80/x?fbclid=1&gclid=2&xtor=RSS-3", "http://ex.com/x"),
        ("https://ex.com:443", "https://ex.com/"),
        ("https://ex.com:8443/p?b=2&a=1", "https://ex.com:8443/p?b=2&a=1"),
        ("https://ex.com/p?ref=tw&refid=5", "https://ex.com/p?refid=5"),
        ("  https://ex.com/sp  ", "https://ex.com/sp"),
        ("mailto:desk@ex.com", "mailto:desk@ex.com"),
        ("/relative/path", "/relative/path"),
        ("http://ex.com:99999999/x", "http://ex.com:99999999/x"),  # bad port: kept, no crash
        ("http://[::1/", "http://[::1/"),
        ("", None),
        (None, None),
    ],
)
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical


def _st(s: str):
    return time.strptime(s, "%Y-%m-%d %H:%M:%S")


def test_entry_time():
    assert entry_time({"published_parsed": _st("2025-06-01 10:00:00")}, NOW, None) == \
        ("2025-06-01T10:00:00Z", False)
    # updated, then created, stand in for published
    assert entry_time({"updated_parsed": _st("2025-06-02 10:00:00")}, NOW, None) == \
        ("2025-06-02T10:00:00Z", False)
    # no date: the feed's date, else now, flagged
    assert entry_time({}, NOW, "2025-06-03T09:00:00Z") == ("2025-06-03T09:00:00Z", True)
    assert entry_time({}, NOW, None) == ("2025-06-03T12:00:00Z", True)
    # a date far in the future is not believed; a few hours ahead is (clock skew, time zones)
    assert entry_time({"published_parsed": _st("2099-01-01 00:00:00")}, NOW, None) == \
        ("2025-06-03T12:00:00Z", True)
    assert entry_time({"published_parsed": _st("2025-06-03 20:00:00")}, NOW, None) == \
        ("2025-06-03T20:00:00Z", False)
    # the far-future one falls back on a believable date further down the list
    st = {"published_parsed": _st("2099-01-01 00:00:00"),
          "updated_parsed": _st("2025-05-30 00:00:00")}
    assert entry_time(st, NOW, None) == ("2025-05-30T00:00:00Z", False)
    # nor is a date before 1990 (epoch zero from a broken CMS)
    assert entry_time({"published_parsed": _st("1970-01-01 00:00:00")}, NOW, None)[1] is True
    # nor a feed date in the future
    assert entry_time({}, NOW, "2099-01-01T00:00:00Z") == ("2025-06-03T12:00:00Z", True)


def test_timezone_offsets_become_utc():
    body = rss([
        {"title": "WAT", "guid": "https://x/1", "pubDate": "Tue, 03 Jun 2025 09:15:00 +0100"},
        {"title": "EST", "guid": "https://x/2", "pubDate": "Mon, 02 Jun 2025 23:30:00 EST"},
        {"title": "neg", "guid": "https://x/3", "pubDate": "Mon, 02 Jun 2025 20:00:00 -0430"},
    ])
    times = {e.title: e.published for e in parse_feed(body, "k", now=NOW).entries}
    assert times == {"WAT": "2025-06-03T08:15:00Z", "EST": "2025-06-03T04:30:00Z",
                     "neg": "2025-06-03T00:30:00Z"}
    body = atom([{"id": "tag:x,2025:1", "title": "a", "published": "2025-06-03T06:50:00+01:00",
                  "updated": "2025-06-03T07:05:00+01:00"}])
    (e,) = parse_feed(body, "k", now=NOW).entries
    assert (e.published, e.published_guessed) == ("2025-06-03T05:50:00Z", False)


def test_keys_global_and_feed_scoped():
    def keys(**entry):
        return normalize_entry(dict(title="t", **entry), "https://feed.example/rss", NOW,
                               None, None).keys

    assert keys(id="https://a.example/1", link="https://a.example/1?utm_source=x") == \
        ["g:https://a.example/1", "l:https://a.example/1"]
    assert keys(id="tag:a.example,2025:1") == ["g:tag:a.example,2025:1"]
    assert keys(id="urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a")[0].startswith("g:urn:")
    assert keys(id="42") == ["g:https://feed.example/rss#42"]
    assert keys(id="post-7", link="https://a/7") == ["g:https://feed.example/rss#post-7",
                                                     "l:https://a/7"]
    only_text = keys()
    assert len(only_text) == 1 and only_text[0].startswith("h:https://feed.example/rss#")


def test_entry_with_nothing_to_show_is_dropped():
    assert normalize_entry({}, "k", NOW, None, None) is None
    assert normalize_entry({"author": "x", "id": "1"}, "k", NOW, None, None) is None


def test_title_falls_back_to_text_then_link():
    e = normalize_entry({"summary": "<p>Premier paragraphe.</p><p>Second.</p>"}, "k", NOW,
                        None, None)
    assert e.title == "Premier paragraphe."
    e = normalize_entry({"link": "https://x.example/a"}, "k", NOW, None, None)
    assert e.title == "https://x.example/a"


def test_richest_html_is_used():
    e = normalize_entry({"title": "t", "summary": "<p>court</p>",
                         "content": [{"value": "<p>long texte complet</p>"}]}, "k", NOW,
                        None, None)
    assert e.text == "long texte complet" and e.raw_html == "<p>long texte complet</p>"


def test_fields_are_clean_and_bounded():
    e = normalize_entry({
        "title": "x\x1b[31m" + "Gao " * 300, "author": "A\u202eB\x9b2J", "id": "\x1b]0;t\x07g1",
        "link": "https://x/\x07a", "summary": "<p>" + "mot " * 40_000 + "</p>",
        "language": "fr\x1b[31m",
    }, "k", NOW, None, "en")
    assert len(e.title) <= 500 and "\x1b" not in e.title
    assert e.author == "AB" and e.guid == "g1" and e.link == "https://x/a"
    assert len(e.text) <= 100_000
    assert e.language == "fr"


def test_parse_feed_fixtures():
    wire = parse_feed((FIXTURES / "sahel_wire.rss").read_bytes(), "wire", now=NOW)
    assert wire.error is None and wire.version == "rss20"
    # its communiqué dated 2099 gets the fetch time, and the feed's status says so
    assert wire.warning == "1 entry dated in the future (latest 2099-01-01) given the fetch time instead"
    assert wire.title == "Sahel Wire – Dépêches" and wire.language == "fr-FR"
    first = wire.entries[0]
    assert first.author == "Aminata Traoré"
    assert first.canonical_link == "https://sahelwire.example/2025/06/03/mali-attaque-convoi-boni/"
    assert "trackRead" not in first.text and "<script>" in first.raw_html
    assert first.language == "fr-FR"
    monitor = parse_feed((FIXTURES / "lakechad_monitor.atom").read_bytes(), "lcm", now=NOW)
    assert monitor.version == "atom10"
    assert monitor.entries[0].title == "Boko Haram faction raids fishing camp near Baga"
    assert monitor.entries[0].language == "en"


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ((FIXTURES / "not_a_feed.html").read_bytes(), "not a feed"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', "JSON"),
        (b"", "not a feed"),
        (b"\x00\x01\x02binary junk\xff\xfe", "not a feed"),
        (b"<rss version='2.0'><channel><title>t</title>", "feed"),
    ],
)
def test_parse_feed_never_raises(body, words):
    out = parse_feed(body, "k", now=NOW)
    assert out.entries == [] and out.error and words in out.error and "\n" not in out.error


def test_entry_limit_warns():
    from sahel_tui.ingest import parse as parse_mod

    body = rss(news_items(12))
    old = parse_mod.MAX_ENTRIES
    parse_mod.MAX_ENTRIES = 5
    try:
        out = parse_feed(body, "k", now=NOW)
    finally:
        parse_mod.MAX_ENTRIES = old
    assert len(out.entries) == 5 and "first 5 of 12" in out.warning


def test_gzip_bodies():
    body = rss(news_items(2))
    assert maybe_decompress(gzip.compress(body)) == body
    assert maybe_decompress(body) is body
    assert len(parse_feed(gzip.compress(body), "k", now=NOW).entries) == 2
    # two gzip members, as `cat a.gz b.gz` makes
    assert maybe_decompress(gzip.compress(b"ab") + gzip.compress(b"cd")) == b"abcd"
    # not really gzip: left alone for the parser to judge
    assert maybe_decompress(b"\x1f\x8bnot gzip at all") == b"\x1f\x8bnot gzip at all"


def test_gzip_bomb_is_bounded():
    bomb = gzip.compress(b" " * 20_000_000, 9)
    assert len(bomb) < 50_000
    with pytest.raises(BodyTooLarge):
        maybe_decompress(bomb, 1_000_000)
    out = parse_feed(bomb, "k", now=NOW, max_bytes=1_000_000)
    assert "larger than" in out.error and "1 MB" in out.error
