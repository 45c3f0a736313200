"""What a feed's entry becomes as text: the longer real text of content and description,
words kept apart, HTML escaped twice read once more, images' alt text kept (issue #11 item 14)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from sahel_tui.ingest.normalize import normalize_entry
from sahel_tui.ingest.parse import parse_feed
from sahel_tui.ingest.sanitize import html_to_text

NOW = datetime(2026, 10, 3, 12, 0, tzinfo=UTC)
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
DESCRIPTION = ("Gunmen killed twelve people in an attack on a village near Gao on Sunday, local "
               "officials said. The attackers arrived on motorcycles and set fire to granaries "
               "before leaving towards the border. Residents fled to the nearby town.")
CUT_OFF_IMG = ('<p><img width="800" height="450" src="https://x.example/wp-content/uploads/2026/10/'
               'gao-attack-village-photo-with-a-very-long-file-name-1.jpg" class="attachment-full '
               'size-full wp-post-image" alt="" decoding="async" srcset="https://x.example/a-300.jpg '
               '300w, https://x.example/a-768.jpg 768w" sizes="(max-width: 800px) 100vw, 800px" /></p>')


def entry(**fields):
    return normalize_entry({"title": "t", "link": "https://x.example/a", **fields}, "k", NOW,
                           None, None)


def test_a_cut_off_image_content_does_not_beat_a_longer_description():
    assert len(CUT_OFF_IMG) > len(DESCRIPTION)  # the longer HTML, with no text
    e = entry(summary=DESCRIPTION, content=[{"value": CUT_OFF_IMG}])
    assert e.text == DESCRIPTION and e.raw_html == DESCRIPTION


def test_a_short_content_does_not_beat_a_longer_description():
    short = '<div class="td-post-content"><p>Gunmen killed twelve people near Gao.</p></div>' + " " * 80
    e = entry(summary=f"<p>{DESCRIPTION}</p>", content=[{"value": short}])
    assert e.text == DESCRIPTION


def test_the_full_content_still_wins_when_its_text_is_longer():
    e = entry(summary="<p>Gunmen killed twelve people.</p>",
              content=[{"value": f"<p>{DESCRIPTION}</p><p>More paragraphs.</p>"}])
    assert e.text == f"{DESCRIPTION}\n\nMore paragraphs."


def test_an_image_only_description_keeps_its_alt_text():
    e = entry(summary='<img src="https://x.example/b.jpg" alt="Soldiers patrol a market in Gao" />',
              content=[{"value": '<p><img src="https://x.example/b.jpg" alt=""></p>'}])
    assert e.text == "[image: Soldiers patrol a market in Gao]"


@pytest.mark.parametrize(("html", "text"), [
    ('<figure><img src="x.jpg" alt="Protesters in Niamey"><figcaption><span>image copyright</span>'
     '<span>Twitter/ @Zenaida</span></figcaption></figure>',
     "[image: Protesters in Niamey]\n\nimage copyright Twitter/ @Zenaida"),
    ('<p><a href="/mali">Mali</a><a href="/niger">Niger</a><span>.</span></p>', "Mali Niger."),
    ("<p><b>W</b><i>ord</i> stays one word</p>", "Word stays one word"),
    ('<p><img alt="Gao"><img alt="Mopti">Caption</p>', "[image: Gao] [image: Mopti] Caption"),
])
def test_adjacent_elements_do_not_run_words_together(html, text):
    assert html_to_text(html) == text


@pytest.mark.parametrize(("html", "text"), [
    ('&lt;!-- SC_OFF --&gt;&lt;div class="md"&gt;&lt;p&gt;Boko Haram attack on Gwoza&lt;/p&gt;'
     '&lt;/div&gt;&lt;!-- SC_ON --&gt;', "Boko Haram attack on Gwoza"),
    ("&lt;p&gt;Premier paragraphe.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;", "Premier paragraphe.\n\nSecond."),
    ("<p>Write &lt;p&gt; to start a paragraph</p>", "Write <p> to start a paragraph"),  # once: text
    ("<p>if a &lt;b and c&gt; d</p>", "if a <b and c> d"),
])
def test_html_escaped_twice_is_read_as_html(html, text):
    assert html_to_text(html) == text


def test_reddit_feed_shows_no_raw_tags():
    path = CORPUS / "feeds" / "rbren+rss-parser__test__input__reddit-atom.rss"
    if not path.is_file():
        pytest.skip(f"the shared feed corpus is not at {CORPUS}")
    entries = parse_feed(path.read_bytes(), "k").entries
    assert len(entries) == 24
    assert not [e.title for e in entries if "SC_OFF" in e.text or "<div" in e.text or "<p>" in e.text]
    (ama,) = [e for e in entries if "Benjamin Von Wong" in e.text]
    assert ama.text.startswith("Hey Reddit! Benjamin Von Wong here")


def test_a_few_invalid_utf8_bytes_do_not_turn_the_feed_into_mojibake():
    body = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
            '<item><title>Café à Gao</title><link>https://x.example/a</link>'
            '<description>Le café de Mopti DESC</description></item>'
            '<item><title>Ménaka</title><link>https://x.example/b</link></item></channel></rss>'
            ).encode().replace(b"DESC", b"\x93ferm\xe9\x94")  # pasted from Word, in windows-1252
    for fast in (True, False):
        feed = parse_feed(body, "k", fast=fast)
        assert [(e.title, e.text) for e in feed.entries] == [
            ("Café à Gao", "Le café de Mopti “fermé”"), ("Ménaka", "")]
        assert "3 bytes that are not UTF-8 read as windows-1252" in feed.warning


def test_a_feed_declared_in_another_encoding_is_left_to_the_parser():
    body = ('<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>T</title>'
            '<item><title>Ménaka</title><link>https://x.example/b</link></item></channel></rss>'
            ).encode("latin-1")
    feed = parse_feed(body, "k")
    assert [e.title for e in feed.entries] == ["Ménaka"] and not feed.warning
