"""An article page's main text: trafilatura, then the same sanitising as feed text.

Chosen on figures measured on real pages (bench/extractors.py, README "Full articles"):
trafilatura scored F1 0.960 at 13 ms a page against readability-lxml's 0.955 at 23 ms. The
library's output is treated as hostile like any feed text: ``clean_text`` strips escape
sequences and control characters, tidies whitespace and bounds the size.

Runs in worker processes (``extract_page`` is a plain function of bytes), so trafilatura
is imported there, never by the app at start.
"""

from __future__ import annotations

import logging
import re

from sahel_tui.ingest.sanitize import MAX_TEXT, clean_text

HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


class NotAnArticle(ValueError):
    """The page is not something text can be taken from; the message says why."""


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def check_html(body: bytes, content_type: str | None) -> None:
    """Raise NotAnArticle unless the response is an HTML page."""
    kind = media_type(content_type)
    if kind in HTML_TYPES:
        return
    if not kind or kind in ("text/plain", "application/octet-stream"):
        head = body[:1024].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--")):
            return
    raise NotAnArticle(f"not a web page ({kind or 'no content type'})")


def decode(body: bytes, content_type: str | None) -> str | bytes:
    """Text when the server named a charset Python knows; else the bytes, for trafilatura
    to read the page's own <meta charset> (or guess)."""
    m = _CHARSET.search(content_type or "")
    if m:
        try:
            return body.decode(m.group(1), errors="replace")
        except LookupError:
            pass
    return body


def extract_page(body: bytes, content_type: str | None, url: str | None = None,
                 limit: int = MAX_TEXT) -> str:
    """The main text of an HTML page, sanitised; '' when none is found.
    Raises NotAnArticle for a response that is not HTML."""
    check_html(body, content_type)
    trafilatura = _trafilatura()
    text = trafilatura.extract(decode(body, content_type), url=url, include_comments=False)
    return clean_text(text or "", limit)


_QUIET = False


def _trafilatura():
    global _QUIET
    import trafilatura

    if not _QUIET:
        # the libraries log a warning for every odd page; from cron that would be mail
        for name in ("trafilatura", "htmldate", "courlan", "justext"):
            logging.getLogger(name).addHandler(logging.NullHandler())
            logging.getLogger(name).propagate = False
        _QUIET = True
    return trafilatura
