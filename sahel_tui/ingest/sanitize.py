"""Feed text is hostile until cleaned: no escape sequences, no control characters, bounded.

``clean_text`` is applied to every string that reaches the database from a feed, so the
screens can show stored text literally.
"""

from __future__ import annotations

import re
import unicodedata

MAX_TITLE = 500
MAX_TEXT = 100_000
MAX_RAW_HTML = 512_000
MAX_SHORT = 1_000  # author, guid, link, tags

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), DCS/PM/APC/SOS
# (ESC P/^/_/X ... ESC \), and two-character escapes. C1 controls (U+0080-U+009F) include the
# 8-bit CSI (U+009B) and OSC (U+009D) that some terminals still honour.
_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]?          # CSI
    | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?   # OSC
    | \x1b[P^_X][^\x1b]*(?:\x1b\\)?   # DCS, PM, APC, SOS
    | \x1b[ -/]*[0-~]?                # nF (ESC ( B), Fp/Fe/Fs (ESC c, ESC 7), or a lone ESC
    | \x9b[0-?]*[ -/]*[@-~]?          # 8-bit CSI
    | \x9d[ -~]{0,512}?(?:\x07|\x9c)   # 8-bit OSC: printable ASCII, and only when ended (a
                                      # lone U+009D is mojibake of a quote: removed alone)
    """,
    re.VERBOSE,
)
# Remaining C0 (but tab and newline), DEL, C1, and the bidi overrides and isolates that can
# make text display in another order than it is stored (U+202A-202E, U+2066-2069).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
# Runs of spaces become one plain space. Written to match only the runs that change (two or
# more, or one that is not a plain space): a match per word costs more than the rest.
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}"
                     r"|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_BLANK_LINES = re.compile(r"\n\s*\n\s*(?:\n\s*)+")


# Zero-width and bidi marks: invisible, and in Latin-script text they only confuse search and
# the terminal (a word split by U+200B). In Arabic, Hebrew, Persian, Indic... they shape and
# order the text: a line holding such a script keeps them. A ZWJ between emoji joins them.
_INVISIBLE = re.compile("[\u180e\u200b-\u200f\u2060\u061c]")
_MARKED_SCRIPTS = re.compile("[\u0590-\u061b\u061d-\u08ff\u0900-\u0dff\u0f00-\u109f\u1780-\u18af"
                             "\ufb1d-\ufdff\ufe70-\ufefc]")
_EMOJI_ZWJ = re.compile("(?<=[\u2600-\u27bf\ufe0f\U0001f000-\U0001faff])\u200d"
                        "(?=[\u2600-\u27bf\U0001f000-\U0001faff])")


def strip_invisible(text: str) -> str:
    """Zero-width and bidi marks removed from lines without a script that needs them."""
    if not _INVISIBLE.search(text):
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _INVISIBLE.search(line) and not _MARKED_SCRIPTS.search(line):
            line = _EMOJI_ZWJ.sub("\x00", line)  # kept through the removal
            lines[i] = _INVISIBLE.sub("", line).replace("\x00", "\u200d")
    return "\n".join(lines)


def strip_controls(text: str) -> str:
    """Remove escape sequences and control characters; keep newlines and tabs."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not _CONTROLS.search(text):  # every escape sequence starts with one of these
        return text
    text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)


def clean_text(text: str | None, limit: int = MAX_TEXT) -> str:
    """Plain text safe for a terminal: NFC, no controls, tidy whitespace, at most ``limit``."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", strip_invisible(strip_controls(text)))
    # one pass over the whole text (no run of spaces crosses a newline), and none at all when
    # it has only single plain spaces: scanning for runs costs more than the rest
    if "  " in text or _ODD_SPACE.search(text):
        text = _SPACES.sub(" ", text)
    text = "\n".join([line.strip() for line in text.split("\n")])
    if "\n\n\n" in text:  # the lines are stripped: only a run of newlines can match
        text = _BLANK_LINES.sub("\n\n", text)
    text = text.strip()
    return truncate(text, limit)


def clean_line(text: str | None, limit: int = MAX_TITLE) -> str:
    """One line of plain text (titles, names)."""
    if not text:
        return ""
    if text.isascii() and text.isprintable() and "  " not in text and text[0] != " " != text[-1]:
        return truncate(text, limit)  # what clean_text would make of it, for the usual link or id
    return clean_text(text.replace("\n", " "), limit).replace("\n", " ")


_URL_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def web_link(url: str | None) -> str | None:
    """``url`` when it is an http(s) address a browser may be asked to open, else None.
    Browsers drop tabs, newlines and leading controls before reading the scheme, so any such
    character inside (not just around) the address makes it unsafe: "java\tscript:" is
    javascript:."""
    if not url:
        return None
    url = url.strip()
    if not url or _URL_UNSAFE.search(url):
        return None
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return url


def truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", max(0, limit - 200), limit - 1)
    return text[: cut if cut > 0 else limit - 1] + "…"


_BLOCK_TAGS = frozenset(
    ["p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote", "pre", "section", "article", "header", "footer", "figure", "figcaption", "hr", "dd", "dt", "dl", "address", "aside", "main", "nav"]
)
_SKIP_TAGS = frozenset(["script", "style", "noscript", "template", "head", "iframe", "object", "embed", "svg", "math"])


# Text-level formatting: adjacent ones are one word ("<b>W</b><i>ord</i>"); other adjacent
# elements are separate ("<span>image copyright</span><span>Twitter</span>", "<a>Gao</a><a>Mopti</a>")
_FORMAT_TAGS = frozenset(["b", "i", "em", "strong", "u", "s", "sub", "sup", "small", "mark",
                          "font", "tt", "code", "abbr", "bdi", "bdo", "wbr"])
_SEP = "\x00"  # between two adjacent elements: a space where two words would touch
# Markup left in the text of HTML: the publisher escaped its HTML twice (reddit's
# "&lt;!-- SC_OFF --&gt;&lt;div class="md"&gt;"). Two tags, or a comment, before we believe it.
_MARKUP_IN_TEXT = re.compile(
    r"<!--.*?-->|</?(?:p|div|br|a|img|span|table|tr|td|ul|ol|li|b|i|em|strong|h[1-6]|"
    r"blockquote|figure|figcaption|iframe|script|style)\b[^<>]{0,500}>", re.I | re.S)


def html_to_text(html: str | None, limit: int = MAX_TEXT) -> str:
    """Readable plain text from an entry's HTML: paragraphs kept, markup and scripts gone."""
    text = _html_to_text(html, limit)
    if "<" in text:
        found = _MARKUP_IN_TEXT.findall(text, 0, 20_000)
        if len(found) >= 2 or (found and found[0].startswith("<!--")):
            return _html_to_text(text, limit)  # once: escaped twice, not a page about HTML
    return text


def _html_to_text(html: str | None, limit: int) -> str:
    if not html:
        return ""
    if "<" not in html and "&" not in html:
        return clean_text(html, limit)
    from selectolax.lexbor import LexborHTMLParser

    if _SEP in html:  # a NUL of the feed's is nothing; ours mark where elements touch
        html = html.replace(_SEP, "")
    tree = LexborHTMLParser(html)
    body = tree.body
    root = body or tree.root
    if root is None:
        return clean_text(html, limit)
    lowered = html.lower()
    for tag in _SKIP_TAGS:
        # inside <body> an element only exists where its start tag is written (the implicit
        # <head> is outside it): no need to search for the others
        if body is not None and f"<{tag}" not in lowered:
            continue
        for node in root.css(tag):
            node.decompose()
    parts: list[str] = []
    _walk(root, parts)
    text = "".join(parts)
    if _SEP in text:
        text = _separate(text)
    return clean_text(text, limit)


def _separate(text: str) -> str:
    """Each run of separators: a space between two words (or an [image: ...]), else nothing."""
    out: list[str] = []
    for piece in text.split(_SEP):
        if not piece:
            continue
        if out and (out[-1][-1].isalnum() or out[-1][-1] == "]") and (
                piece[0].isalnum() or piece[0] == "["):
            out.append(" ")
        out.append(piece)
    return "".join(out)


def _walk(node, parts: list[str]) -> None:
    child = node.child
    previous = None  # the tag of the element just before this child, with no text between
    while child is not None:
        tag = child.tag
        if tag == "-text":
            parts.append(child.text_content or "")
            previous = None
            child = child.next
            continue
        if previous is not None and not (tag in _FORMAT_TAGS and previous in _FORMAT_TAGS):
            parts.append(_SEP)
        previous = tag if not tag.startswith("-") else None
        if tag == "img":
            alt = (child.attributes.get("alt") or "").strip()
            if alt:
                parts.append(f"{_SEP}[image: {alt}]{_SEP}")
        elif tag in _BLOCK_TAGS:
            parts.append("\n\n" if tag not in ("br", "li", "tr", "dd", "dt") else "\n")
            if tag == "li":
                parts.append("• ")
            _walk(child, parts)
            if tag not in ("br",):
                parts.append("\n")
        elif not tag.startswith("-"):
            _walk(child, parts)
        child = child.next
