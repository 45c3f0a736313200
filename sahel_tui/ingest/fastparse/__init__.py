# Ported from feedparser 6: Copyright 2010-2025 Kurt McKee, 2002-2008 Mark Pilgrim; BSD 2-Clause
# licence, reproduced in LICENSE-feedparser.md beside this file.
"""A fast path for feedparser.parse on well-formed RSS, RDF and Atom feeds.

``fast_parse`` drives the C expat parser straight into a port of feedparser's own state
machine (state.py, elements.py), skipping xml.sax and FeedParserDict, and returns the same
``feed`` / ``entries`` / ``version`` for the fields sahel-tui reads. It returns None, so the
caller uses feedparser, whenever the result could differ in any way: a document feedparser
would flag (bozo: not well-formed, a non-XML Content-Type, an encoding that does not decode),
a DOCTYPE or entity declaration, a root other than <rss>, <feed> or <rdf:RDF>, no version,
markup inside a text construct, or anything else the port does not reproduce.
"""

from __future__ import annotations

import re
from pyexpat import ParserCreate

from sahel_tui.ingest.fastparse.encoding import to_utf8
from sahel_tui.ingest.fastparse.state import FeedState, Unsupported

_ROOTS = frozenset({"rss", "feed", "rdf:rdf"})
# feedparser's sanitizer.replace_doctype looks for these before the first element
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)
_FIRST_ELEMENT = re.compile(rb"<\w")


def _refuse(*args) -> None:
    raise Unsupported("a DTD")


def fast_parse(body: bytes, headers: dict[str, str]) -> dict | None:
    """feedparser.parse(body, response_headers=headers, sanitize_html=False,
    resolve_relative_uris=False) for the fields we read, or None: use feedparser."""
    result = parse_or_refuse(body, headers)
    return result if isinstance(result, dict) else None


def parse_or_refuse(body: bytes, headers: dict[str, str]) -> dict | str:
    """The parsed feed, or why the fast path refused it."""
    if not body:
        return "empty"
    try:
        data = to_utf8(headers, body)
        if data is None:
            return "feedparser would flag the Content-Type or the encoding"
        first = _FIRST_ELEMENT.search(data)
        if first is None or _DECLARATION.search(data, 0, first.start()):
            return "a DOCTYPE or ENTITY declaration, or no element"
        # feedparser's base URI: the Content-Location it is given (only with a Content-Type)
        state = FeedState(headers.get("content-location", ""))
        parser = ParserCreate(None, " ")
        parser.namespace_prefixes = True
        parser.buffer_text = True
        parser.buffer_size = 1 << 16
        parser.StartNamespaceDeclHandler = state.start_ns
        parser.StartElementHandler = state.start
        parser.EndElementHandler = state.end
        parser.CharacterDataHandler = state.text
        parser.StartDoctypeDeclHandler = _refuse
        parser.EntityDeclHandler = _refuse
        parser.Parse(data, True)
    except Exception as exc:  # not well-formed, or beyond the port: feedparser decides
        return f"{type(exc).__name__}: {exc}"
    if state.root not in _ROOTS:
        return f"root element <{state.root}>"
    if not state.version:
        return "no feed version"
    return {"feed": state.feeddata, "entries": state.entries, "version": state.version,
            "bozo": False}


__all__ = ["fast_parse", "parse_or_refuse"]
