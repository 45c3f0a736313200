"""OPML subscription lists in and out; tags travel as OPML categories.

Import reads nested folders as tags too (a feed inside the "Mali" outline gets tag "Mali"),
as most readers export them that way.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import quoteattr

from sahel_tui.config import FeedConfig
from sahel_tui.ingest.sanitize import clean_line


class OpmlError(Exception):
    """The file is not a usable OPML list; the message says where."""


@dataclass
class OpmlResult:
    feeds: list[FeedConfig] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    title: str | None = None


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


def parse_opml(data: bytes, source: str = "<opml>") -> OpmlResult:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line, col = exc.position
        # expat's message already ends with ": line N, column M"; say it once
        reason = str(getattr(exc, "msg", None) or exc).split(": line ")[0]
        raise OpmlError(f"{source}:{line}: not valid XML ({reason}, column {col})") from None
    if root.tag.split("}")[-1].lower() != "opml":
        raise OpmlError(f"{source}: not an OPML file (the root element is <{root.tag}>, not <opml>)")
    body = next((c for c in root if c.tag.split("}")[-1].lower() == "body"), None)
    if body is None:
        raise OpmlError(f"{source}: OPML file has no <body>")
    head = next((c for c in root if c.tag.split("}")[-1].lower() == "head"), None)
    result = OpmlResult()
    if head is not None:
        title_el = next((c for c in head if c.tag.lower() == "title"), None)
        if title_el is not None and title_el.text:
            result.title = clean_line(title_el.text, 200)
    seen: set[str] = set()
    skipped = 0

    def walk(el: ET.Element, folders: list[str]) -> None:
        nonlocal skipped
        for child in el:
            if child.tag.split("}")[-1].lower() != "outline":
                continue
            url = (_attr(child, "xmlUrl") or "").strip()
            # OPML's display name is @text; @title only stands in when it is missing
            label = clean_line(_attr(child, "text") or _attr(child, "title") or "", 200)
            if url:
                if not url.lower().startswith(("http://", "https://", "file://", "/")):
                    skipped += 1
                    result.warnings.append(f"{source}: skipped feed {label or url!r}: "
                                           f"unsupported URL {url!r}")
                    continue
                if url in seen:
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
