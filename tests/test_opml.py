"""OPML in and out: folders and categories become tags; bad files are one clear error."""

from __future__ import annotations

import xml.etree.ElementTree as ET

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
    # a podcast: URL scheme we cannot fetch, a duplicate: dropped
    assert len(result.warnings) == 1 and "unsupported URL" in result.warnings[0]


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
        (b"<opml><body><outline xmlUrl='http://a/'></body></opml>", ":1: not valid XML"),
        (b'<?xml version="1.0"?>\n<opml>\n<body>\n<outline text="&nbsp;"/></body></opml>',
         ":4: not valid XML"),
        (b"<rss><channel/></rss>", "not an OPML file"),
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
        FeedConfig("file:///srv/feeds/local.xml", "Local file", ("local",)),
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
