"""OPML in and out: folders and categories become tags; bad files are one clear error."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers_feeds import FIXTURES

from sahel_tui.config import FeedConfig
from sahel_tui.opml import OpmlError, parse_opml, read_opml, write_opml


def test_fixture_list_with_folders_and_categories():
    result = read_opml(FIXTURES / "subscriptions.opml")
    assert result.title == "Sahel desk subscriptions"
    by_url = {f.url: f for f in result.feeds}
    assert list(by_url) == [
        "https://www.rfi.fr/fr/afrique/rss",
        "https://sahelwire.example/feed/",
        "https://lakechad.example/feed.atom",
        "https://ministere.example/rss.xml",
    ]
    rfi = by_url["https://www.rfi.fr/fr/afrique/rss"]
    assert rfi.name == "RFI Afrique" and rfi.tags == ("Wires", "international") \
        and rfi.language == "fr"
    wire = by_url["https://sahelwire.example/feed/"]
    assert wire.tags == ("Sahel", "Mali", "sahel", "mali", "security")
    assert by_url["https://lakechad.example/feed.atom"].tags == ("Lake Chad",)
    # @text is the display name; @title only when @text is missing
    assert by_url["https://ministere.example/rss.xml"].name == "Ministère (communiqués)"
    # a podcast: URL scheme we cannot fetch, a duplicate: dropped, each said
    assert len(result.warnings) == 2 and "scheme 'itpc:'" in result.warnings[0]
    assert "1 feed URL listed more than once, kept once: https://lakechad.example/feed.atom" \
        in result.warnings[1]


def test_text_overrides_title_and_title_stands_in():
    r = parse_opml(b'<opml version="2.0"><body>'
                   b'<outline text="text" title="title" xmlUrl="http://a/"/>'
                   b'<outline title="only title" xmlUrl="http://b/"/>'
                   b'<outline xmlUrl="http://c/"/></body></opml>')
    assert [f.name for f in r.feeds] == ["text", "only title", "http://c/"]


def test_attributes_are_case_insensitive_and_cleaned():
    r = parse_opml(b'<opml><body><outline TEXT="Radio \x1b[31mNi\xc3\xa9la" XMLURL=" http://a/ "'
                   b' Category="/news/ Sahel ,x"/></body></opml>'.replace(b"\x1b", b"&#x9b;"))
    (f,) = r.feeds
    assert f.url == "http://a/" and "\x9b" not in f.name and f.name.endswith("Niéla")
    assert f.tags == ("news", "Sahel", "x")


def test_no_feeds_is_a_warning():
    r = parse_opml(b'<opml version="2.0"><head><title>x</title></head><body>'
                   b'<outline text="folder"/></body></opml>')
    assert r.feeds == [] and "no feeds found" in r.warnings[0]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"<rss><channel/></rss>", "not an OPML file"),
        (b'{"feeds": [{"url": "https://a.example/rss"}]}', "not an OPML file (it is JSON"),
        (b'\n  ["https://a.example/rss"]', "not an OPML file (it is JSON"),
        (b"<opml", ":1: not valid XML"),
        (b"<opml><head/></opml>", "no <body>"),
        (b"", "not valid XML"),
    ],
)
def test_bad_files_raise_opml_error_naming_the_file(tmp_path, data, words):
    p = tmp_path / "subs.opml"
    p.write_bytes(data)
    with pytest.raises(OpmlError) as exc:
        read_opml(p)
    msg = str(exc.value)
    assert msg.startswith(str(p)) and words in msg and "\n" not in msg


def test_missing_file(tmp_path):
    with pytest.raises(OpmlError, match="cannot read"):
        read_opml(tmp_path / "none.opml")


def test_write_then_read_round_trips():
    feeds = [
        FeedConfig("https://a.example/rss?x=1&y=2", 'Le "Républicain" <Niamey> & co',
                   ("Niger", "fr", "lake chad"), "fr"),
        FeedConfig("https://b.example/atom", "Plain", ()),
    ]
    text = write_opml(feeds, title="Desk & co")
    root = ET.fromstring(text.encode())
    outlines = root.findall("./body/outline")
    assert outlines[0].get("category") == "Niger,fr,lake chad"
    assert outlines[1].get("category") is None
    back = parse_opml(text.encode())
    assert back.title == "Desk & co"
    assert [(f.url, f.name, f.tags, f.language) for f in back.feeds] == \
        [(f.url, f.name, f.tags, f.language) for f in feeds]


def test_local_files_are_not_feeds_of_a_list():
    r = parse_opml(b'<opml><body><outline text="a" xmlUrl="file:///etc/passwd"/>'
                   b'<outline text="b" xmlUrl="/home/analyst/notes.xml"/>'
                   b'<outline text="c" xmlUrl=" FILE:///x"/><outline text="d" xmlUrl="smb://h/s"/>'
                   b'<outline text="ok" xmlUrl="https://a.example/rss"/></body></opml>')
    assert [f.url for f in r.feeds] == ["https://a.example/rss"]
    assert len(r.warnings) == 4 and all("only http:// and https://" in w for w in r.warnings)


def test_raw_ampersands_and_html_entities_are_repaired_and_said():
    data = (b'<?xml version="1.0"?>\n<opml version="2.0"><head><title>Nigeria & Sahel</title></head>'
            b'<body>\n<outline text="Premium Times" xmlUrl="https://p.example/feed?a=1&b=2"/>\n'
            b'<outline text="Le R&eacute;publicain&nbsp;Niger" xmlUrl="https://r.example/rss"/>\n'
            b'<outline text="Odd &bogus; name" xmlUrl="https://o.example/rss"/></body></opml>')
    r = parse_opml(data, "lists/nigeria.opml")
    assert [f.url for f in r.feeds] == ["https://p.example/feed?a=1&b=2", "https://r.example/rss",
                                        "https://o.example/rss"]
    assert r.title == "Nigeria & Sahel" and r.feeds[1].name == "Le Républicain Niger"
    (w,) = r.warnings
    assert w.startswith("lists/nigeria.opml:2: not valid XML") and "2 raw '&' escaped" in w
    assert "2 HTML entities read (&eacute;, &nbsp;)" in w and "1 unknown entity dropped (&bogus;)" in w


def test_broken_markup_is_read_as_far_as_it_goes():
    r = parse_opml(b"<opml><body><outline text='a' xmlUrl='http://a.example/'>"
                   b"<outline text='b' xmlUrl='http://b.example/'></body></opml>", "s.opml")
    assert [f.url for f in r.feeds] == ["http://a.example/", "http://b.example/"]
    assert r.warnings[0].startswith("s.opml:1: not valid XML") and "read leniently" in r.warnings[0]


def test_hostile_entities_are_not_expanded_when_read_leniently():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
            b'<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<opml><body><outline text="&c;&x;" xmlUrl="http://a.example/"><broken></body></opml>')
    try:
        r = parse_opml(bomb)
    except OpmlError:
        return
    assert all(len(f.name) < 200 and "root:" not in f.name for f in r.feeds)


CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "opml"


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the shared OPML corpus is not at {CORPUS}")
def test_listparser_malformed_lists_are_recovered():
    recovered = {}
    for path in sorted(CORPUS.glob("kurtmckee+listparser__tests__files__malformed__*.xml")):
        try:
            r = read_opml(path)
        except OpmlError:
            continue
        assert r.warnings and str(path) in r.warnings[0]
        recovered[path.name.split("__")[-1]] = len(r.feeds)
    assert recovered["html-entity-attribute.xml"] == 2
    assert recovered["end-element-missing.xml"] == 1 and recovered["concatenated-documents.xml"] == 1
    assert len(recovered) >= 9
