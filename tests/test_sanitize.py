"""Feed text made inert for a terminal: no escapes, no controls, no bidi tricks, bounded."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from sahel_tui.ingest.sanitize import (
    _BLANK_LINES,
    _CONTROLS,
    _ESCAPES,
    _SKIP_TAGS,
    MAX_TEXT,
    MAX_TITLE,
    _separate,
    _walk,
    clean_line,
    clean_text,
    html_to_text,
    strip_controls,
    truncate,
)

ESC = "\x1b"
DANGEROUS = (
    {chr(c) for c in range(0x20)} - {"\n", "\t"}
    | {chr(c) for c in range(0x7F, 0xA0)}
    | {chr(c) for c in range(0x202A, 0x202F)}
    | {chr(c) for c in range(0x2066, 0x206A)}
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (f"{ESC}[31mred{ESC}[0m", "red"),
        (f"a{ESC}[1;38;5;196mb{ESC}[m", "ab"),
        (f"{ESC}[2J{ESC}[Hcleared", "cleared"),
        (f"x{ESC}]0;evil title\x07y", "xy"),  # OSC ended by BEL
        (f"x{ESC}]8;;https://evil.example{ESC}\\link{ESC}]8;;{ESC}\\y", "xlinky"),  # OSC 8, ST
        (f"x{ESC}P1$q{ESC}\\y", "xy"),  # DCS
        (f"x{ESC}_app{ESC}\\y", "xy"),  # APC
        (f"a{ESC}(Bb", "ab"),  # charset designation, as tput sgr0 emits
        (f"a{ESC}cb", "ab"),  # RIS, full reset
        (f"a{ESC}7b{ESC}8", "ab"),
        (f"dangling{ESC}", "dangling"),
        ("a\x9b31mb", "ab"),  # 8-bit CSI
        ("a\x9d0;title\x9cb", "ab"),  # 8-bit OSC with 8-bit ST
        ("a\x9d0;title\x07b", "ab"),
        ("a\x00b\x07c\x08d\x7fe", "abcde"),
        ("a\x85b\x90c", "abc"),  # other C1
        ("\u202eilaM\u202c", "ilaM"),  # RLO / PDF
        ("\u2066x\u2069\u2067y\u2068", "xy"),  # isolates
        ("\ufeffBOM", "BOM"),
        ("keep\ttab\nand newline", "keep\ttab\nand newline"),
        ("Ségou – Mopti — Ménaka “ok”", "Ségou – Mopti — Ménaka “ok”"),
    ],
)
def test_strip_controls(raw, clean):
    assert strip_controls(raw) == clean


def test_no_control_character_survives_anywhere():
    for c in sorted(DANGEROUS):
        for text in (f"a{c}b", f"{c}", f"{c}[31m", f"a{c}]0;t\x07b"):
            out = clean_text(text)
            assert not (set(out) & DANGEROUS), (repr(text), repr(out))
            out = clean_line(text)
            assert not (set(out) & DANGEROUS), (repr(text), repr(out))


def test_crlf_and_whitespace_are_tidied():
    assert clean_text("a\r\nb\rc") == "a\nb\nc"
    assert clean_text("  lots   of\u00a0\u2003space  \n\n\n\n\nnext  ") == "lots of space\n\nnext"
    assert clean_line("two\nlines\n\nhere") == "two lines here"


def test_unicode_is_normalised_to_nfc():
    assert clean_text("Se\u0301gou") == "Ségou"


def test_rich_markup_is_kept_literally():
    s = "[bold red]x[/] and [link=https://evil.example]click[/link] \\[escaped]"
    assert clean_line(s) == s
    assert clean_text(s) == s
    assert html_to_text(f"<p>{s}</p>") == s


def test_sizes_are_bounded():
    title = clean_line("Kidal " * 1000)
    assert len(title) <= MAX_TITLE == 500 and title.endswith("…")
    text = clean_text("Gao Ansongo. " * 20_000)
    assert len(text) <= MAX_TEXT == 100_000 and text.endswith("…")
    assert len(html_to_text("<p>" + "Tessit " * 30_000 + "</p>")) <= MAX_TEXT
    assert clean_line("x" * 2000, 80) == "x" * 79 + "…"


def test_truncate_prefers_a_word_boundary():
    assert truncate("short", 10) == "short"
    out = truncate("word " * 100, 50)
    assert len(out) <= 50 and out.endswith("word…")
    # short limits too (names, tags): cut at a space when there is one
    assert truncate("Radio Kledu " + "x" * 300, 80) == "Radio Kledu…"
    out = truncate("a " * 200, 20)
    assert len(out) <= 20 and out.endswith("a…")


def test_html_becomes_readable_text():
    html = """
    <h2>Bilan</h2>
    <p>Un convoi a été <strong>attaqué</strong> près de <a href="https://x">Boni</a>.</p>
    <p>Deuxième&nbsp;paragraphe &amp; suite<br>nouvelle ligne</p>
    <ul><li>4 morts</li><li>axe fermé</li></ul>
    <img src="c.jpg" alt="Carte de la région">
    <blockquote>Citation</blockquote>
    """
    text = html_to_text(html)
    assert text.startswith("Bilan\n\nUn convoi a été attaqué près de Boni.\n\n")
    assert "Deuxième paragraphe & suite\nnouvelle ligne" in text
    assert "• 4 morts" in text and "• axe fermé" in text
    assert "[image: Carte de la région]" in text
    assert "Citation" in text
    assert "<" not in text and "&amp;" not in text
    assert "\n\n\n" not in text


def test_scripts_styles_and_friends_are_dropped():
    html = ("<p>avant</p><script>alert('x')</script><style>p{color:red}</style>"
            "<noscript><p>enable js</p></noscript><template><p>tpl</p></template>"
            "<iframe src='https://evil'>frame text</iframe><svg><text>svg text</text></svg>"
            "<p>après</p>")
    text = html_to_text(html)
    assert text == "avant\n\naprès"


def test_escapes_hidden_in_html_character_references():
    text = html_to_text("<p>&#27;[31mrouge&#27;[0m &#x1b;]0;titre&#7; &#155;2J fin</p>")
    assert not (set(text) & DANGEROUS)
    assert "rouge" in text and "fin" in text and "titre" not in text


def test_plain_text_and_empty_input():
    assert html_to_text("no markup here") == "no markup here"
    assert html_to_text("") == "" and html_to_text(None) == ""
    assert clean_text(None) == "" and clean_line("") == ""
    assert html_to_text("AT&T and 3 < 4") == "AT&T and 3 < 4"


def test_malformed_html_does_not_crash():
    for html in ("<p>unclosed <b>bold <i>both", "</p></div>stray closers", "<<<>>>",
                 "<p>" * 500 + "deep", "<script>never closed", "<!-- comment only -->",
                 "<table><tr><td>a<td>b</table>"):
        out = html_to_text(html)
        assert isinstance(out, str) and not (set(out) & DANGEROUS)


def _plain_clean_text(text, limit=MAX_TEXT):
    """clean_text without its shortcuts, to check they change nothing."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub("", text)
    text = unicodedata.normalize("NFC", _CONTROLS.sub("", text))
    lines = [re.sub(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ", line).strip()
             for line in text.split("\n")]
    return truncate(_BLANK_LINES.sub("\n\n", "\n".join(lines)).strip(), limit)


def _plain_html_to_text(html):
    from selectolax.lexbor import LexborHTMLParser

    if not html:
        return ""
    if "<" not in html and "&" not in html:
        return _plain_clean_text(html)
    tree = LexborHTMLParser(html)
    root = tree.body or tree.root
    if root is None:
        return _plain_clean_text(html)
    for tag in _SKIP_TAGS:
        for node in root.css(tag):
            node.decompose()
    parts: list[str] = []
    _walk(root, parts)
    return _plain_clean_text(_separate("".join(parts)))


def test_shortcuts_change_nothing():
    pieces = [" ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2003", "\u1680", "\u2028", "x", "é",
              "e\u0301", f"{ESC}[1m", "\x85", "\u202e", "<p>", "</p>", "<script>s</script>",
              "<STYLE>c</STYLE>", "<head><title>h</title></head>", "<frameset>", "&amp;",
              "<br>", "<li>", "<noscript>n</noscript>", "<svg>v</svg>", "&nbsp;", "a  b"]
    r = random.Random(7)
    for _ in range(3000):
        text = "".join(r.choice(pieces) for _ in range(r.randint(0, 12)))
        assert clean_text(text) == _plain_clean_text(text), repr(text)
        expected = _plain_clean_text(text.replace("\n", " "), MAX_TITLE).replace("\n", " ")
        assert clean_line(text) == expected, repr(text)
        assert html_to_text(text) == _plain_html_to_text(text), repr(text)
    for text in ("https://ex.example/a?b=1", " lead", "trail ", "tab\there", "x" * 600):
        assert clean_line(text) == _plain_clean_text(text, MAX_TITLE)


@pytest.mark.parametrize(("raw", "clean"), [
    ("Ménaka\x9d: 12 soldiers killed in the ambush", "Ménaka: 12 soldiers killed in the ambush"),
    ("a lone \x9d never eats\nthe lines after it", "a lone never eats\nthe lines after it"),
    ("quote\x9d then \xe2\x80\x9cnext", "quote then \xe2next"),  # mojibake quotes, not an OSC
])
def test_lone_c1_osc_removes_only_itself(raw, clean):
    assert clean_text(raw) == clean


@pytest.mark.parametrize(("raw", "clean"), [
    ("image\u200bcopyright", "imagecopyright"),
    ("JNIM\u200e claims\u200f the attack\u200d", "JNIM claims the attack"),
    ("Gao\u061c and\u2060 Ménaka", "Gao and Ménaka"),
    ("الساحل\u200fالإفريقي", "الساحل\u200fالإفريقي"),  # Arabic line: the marks order the text
    ("می\u200cخواهم", "می\u200cخواهم"),  # Persian ZWNJ shapes the word
    ("Attack in Gao\nهجوم\u200f في غاو", "Attack in Gao\nهجوم\u200f في غاو"),
    ("👨\u200d👩\u200d👧 family\u200b", "👨\u200d👩\u200d👧 family"),  # emoji ZWJ sequence kept
])
def test_invisible_marks_are_stripped_from_latin_text_only(raw, clean):
    assert clean_text(raw) == clean
    assert clean_line(raw.replace("\n", " ")) == clean.replace("\n", " ") or "\n" in raw
