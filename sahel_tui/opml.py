"""OPML subscription lists in and out; tags travel as OPML categories.

Import reads nested folders as tags too (a feed inside the "Mali" outline gets tag "Mali"),
as most readers export them that way.
"""

from __future__ import annotations

import html.entities
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import quoteattr

from sahel_tui.config import FeedConfig, close_scheme, url_scheme
from sahel_tui.ingest.sanitize import clean_line, web_link


class OpmlError(Exception):
    """The file is not a usable OPML list; the message says where."""


@dataclass
class OpmlResult:
    feeds: list[FeedConfig] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    title: str | None = None


def _tag(el) -> str:
    """The local name, lower-case; "" for a comment or processing instruction (lxml)."""
    return el.tag.split("}")[-1].lower() if isinstance(el.tag, str) else ""


def _line(el) -> str:
    line = getattr(el, "sourceline", None)  # lxml only
    return f":{line}" if line else ""


def _attr(el: ET.Element, name: str) -> str | None:
    """OPML attributes are case-insensitive in the wild (xmlUrl, xmlurl, XMLURL)."""
    lowered = name.lower()
    for key, value in el.attrib.items():
        if key.lower() == lowered:
            return value
    return None


def _split_categories(value: str | None) -> list[str]:
    tags = []
    for part in (value or "").split(","):
        for piece in part.strip().strip("/").split("/"):
            piece = clean_line(piece, 80)
            if piece and piece not in tags:
                tags.append(piece)
    return tags


# A raw '&' that starts no entity (plenaryapp's lists: "xmlUrl=...?a=1&b=2"), and HTML's named
# entities (&nbsp;, &eacute;) that XML does not define: what lenient readers accept.
_RAW_AMP = re.compile(rb"&(?!(?:[A-Za-z][A-Za-z0-9]{0,31}|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});)")
_NAMED = re.compile(rb"&([A-Za-z][A-Za-z0-9]{0,31});")
_XML_NAMED = {b"amp", b"lt", b"gt", b"quot", b"apos"}


def _repair(data: bytes) -> tuple[bytes, list[str]]:
    """The document with raw '&' escaped and HTML entities made numeric, and what was done."""
    done = []
    data, n = _RAW_AMP.subn(b"&amp;", data)
    if n:
        done.append(f"{n} raw '&' escaped")
    known: list[str] = []
    unknown: list[str] = []

    def numeric(m: re.Match) -> bytes:
        name = m.group(1)
        if name in _XML_NAMED:
            return m.group()
        code = html.entities.name2codepoint.get(name.decode())
        (known if code else unknown).append(f"&{name.decode()};")
        return f"&#{code};".encode() if code else b""

    data = _NAMED.sub(numeric, data)
    for names, what in ((known, "HTML entit{} read"), (unknown, "unknown entit{} dropped")):
        if names:
            done.append(f"{len(names)} {what.format('y' if len(names) == 1 else 'ies')} "
                        f"({', '.join(sorted(set(names))[:5])})")
    return data, done


def _parse_xml(data: bytes, source: str, warnings: list[str]):
    """The root element: as the file is, else repaired, else read leniently (as far as the
    markup allows), each step said in ``warnings``. OpmlError when nothing can be read."""
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        line, col = exc.position
        # expat's message already ends with ": line N, column M"; say it once
        reason = str(getattr(exc, "msg", None) or exc).split(": line ")[0]
        first = f"{source}:{line}: not valid XML ({reason}, column {col})"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        raise OpmlError(f"{source}: not an OPML file (it is JSON; sahel-tui reads subscription "
                        "lists as OPML, which every feed reader exports)")
    repaired, done = _repair(data)
    if done:
        try:
            root = ET.fromstring(repaired)
        except ET.ParseError:
            pass
        else:
            warnings.append(f"{first}; repaired: {'; '.join(done)}")
            return root
    from lxml import etree  # a last resort: recover what the markup still allows

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True,
                             load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(repaired, parser)
    except etree.LxmlError:
        root = None
    body = None if root is None else next((c for c in root if _tag(c) == "body"), None)
    if body is None or _tag(root) != "opml" or not len(body):
        raise OpmlError(first)  # what was recovered is no list: the first error says why
    warnings.append(f"{first}; read leniently: outlines after the damage may be missing")
    return root


def parse_opml(data: bytes, source: str = "<opml>") -> OpmlResult:
    warnings: list[str] = []
    root = _parse_xml(data, source, warnings)
    if _tag(root) != "opml":
        raise OpmlError(f"{source}: not an OPML file (the root element is <{root.tag}>, not <opml>)")
    body = next((c for c in root if _tag(c) == "body"), None)
    if body is None:
        raise OpmlError(f"{source}: OPML file has no <body>")
    head = next((c for c in root if _tag(c) == "head"), None)
    result = OpmlResult(warnings=warnings)
    if head is not None:
        title_el = next((c for c in head if _tag(c) == "title"), None)
        if title_el is not None and title_el.text:
            result.title = clean_line(title_el.text, 200)
    seen: set[str] = set()
    duplicates: list[str] = []
    skipped = 0
    searched_from: dict[str, int] = {}
    newline = b"\n"

    def line_of(el: ET.Element, url: str) -> str:
        """':N' for the outline; expat gives no line numbers, so the URL is looked for in
        the file as written (raw, or with & escaped), after its previous occurrence."""
        if _line(el):
            return _line(el)
        for written in (url, url.replace("&", "&amp;")):
            at = data.find(written.encode("utf-8", "replace"), searched_from.get(url, 0))
            if at >= 0:
                searched_from[url] = at + 1
                return f":{data.count(newline, 0, at) + 1}"
        return ""

    def walk(el: ET.Element, folders: list[str]) -> None:
        nonlocal skipped
        for child in el:
            if _tag(child) != "outline":
                continue
            url = (_attr(child, "xmlUrl") or "").strip()
            # OPML's display name is @text; @title only stands in when it is missing
            label = clean_line(_attr(child, "text") or _attr(child, "title") or "", 200)
            if url:
                if not web_link(url):  # file:///etc/passwd, a path, a podcast: scheme
                    skipped += 1
                    scheme = url_scheme(url)
                    what = (f"has the scheme '{scheme}:'" if scheme
                            else "is a path, not a web address")
                    typo = close_scheme(scheme) if scheme else None
                    result.warnings.append(
                        f"{source}{line_of(child, url)}: skipped feed {label or url!r}: xmlUrl "
                        f"{url!r} {what} (only http:// and https:// feeds are read from a list"
                        f"{f'; did you mean {typo}://?' if typo else ''})")
                    continue
                if url in seen:
                    duplicates.append(url)
                    continue
                seen.add(url)
                tags = list(folders)
                for t in _split_categories(_attr(child, "category")):
                    if t not in tags:
                        tags.append(t)
                lang = _attr(child, "language")
                result.feeds.append(FeedConfig(
                    url=url, name=label or url, tags=tuple(tags),
                    language=clean_line(lang, 20) or None if lang else None,
                ))
                walk(child, folders)  # some lists nest outlines under feeds; keep them
            else:
                walk(child, folders + ([label] if label else []))

    walk(body, [])
    if duplicates:
        result.warnings.append(
            f"{source}: {len(duplicates)} feed URL{'s' if len(duplicates) > 1 else ''} listed more "
            f"than once, kept once: {', '.join(duplicates[:3])}{' ...' if len(duplicates) > 3 else ''}")
    if not result.feeds and not skipped:
        result.warnings.append(f"{source}: no feeds found (no <outline> with an xmlUrl)")
    return result


def read_opml(path: str | Path) -> OpmlResult:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise OpmlError(f"{p}: cannot read ({exc.strerror})") from None
    return parse_opml(data, str(p))


def write_opml(feeds: list[FeedConfig], title: str = "sahel-tui feeds") -> str:
    """OPML 2.0 with one outline per feed; tags as a comma-separated category attribute."""
    now = datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{_text(title)}</title>",
        f"    <dateCreated>{now}</dateCreated>",
        "  </head>",
        "  <body>",
    ]
    for f in feeds:
        attrs = [("type", "rss"), ("text", f.name), ("title", f.name), ("xmlUrl", f.url)]
        if f.tags:
            attrs.append(("category", ",".join(f.tags)))
        if f.language:
            attrs.append(("language", f.language))
        rendered = " ".join(f"{k}={quoteattr(v)}" for k, v in attrs)
        lines.append(f"    <outline {rendered}/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
