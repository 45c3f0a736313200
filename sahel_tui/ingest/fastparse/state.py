# Ported from feedparser 6: Copyright 2010-2025 Kurt McKee, 2002-2008 Mark Pilgrim; BSD 2-Clause
# licence, reproduced in LICENSE-feedparser.md beside this file.
"""feedparser's parsing state machine, ported for well-formed feeds driven by expat directly.

This follows feedparser 6's ``_FeedParserMixin`` and ``_StrictFeedParser`` step by step (same
element stack, depth counters, content parameters and quirks), so that for the documents it
accepts it builds the same entries. What makes feedparser slow is left out: SAX objects per
element, a FeedParserDict lookup per character callback (expat buffers text here), and work
on values nobody reads. Anything this port does not reproduce raises ``Unsupported`` and the
caller uses feedparser: inline markup inside a text construct (xhtml), base64 content, a
handler we did not port, a name that would collide with a value we read, any exception.
"""

from __future__ import annotations

import re
import urllib.parse
from contextlib import suppress
from functools import lru_cache

from sahel_tui.ingest.fastparse.tables import (
    ACCEPTABLE_ELEMENTS,
    ACCEPTABLE_URI_SCHEMES,
    CP1252,
    ENTITY_DEFS,
    HAS_CP1252,
    KEYMAP,
    MATCH_NAMESPACES,
    RELATIVE_URI_ELEMENTS,
    SENSITIVE_KEYS,
    UNPORTED_ENDS,
    UNPORTED_STARTS,
)


class Unsupported(Exception):
    """The port is not certain to match feedparser here: parse with feedparser."""


_MATHML = "http://www.w3.org/1998/Math/MathML"
_SVG = "http://www.w3.org/2000/svg"
_XLINK = "http://www.w3.org/1999/xlink"
_XHTML = "application/xhtml+xml"
_URIFIXER = re.compile("^([A-Za-z][A-Za-z0-9+-.]*://)(/*)(.*?)")
_BROKEN_ENTITY = re.compile("&([A-Za-z0-9_]+);")
_CLOSE_TAG = re.compile(r"</(\w+)>")
_ENTITY = re.compile(r"&#?\w+;")
_TAG = re.compile(r"</?(\w+)")
_NAMED_ENTITY = re.compile(r"&(\w+);")


def urljoin(base: str, uri: str) -> str:
    """urls._urljoin."""
    uri = _URIFIXER.sub(r"\1\3", uri)
    try:
        return urllib.parse.urljoin(base, uri)
    except ValueError:
        return ""


@lru_cache(maxsize=256)
def safe_absolute_uri(base: str, rel: str | None = None) -> str:
    """urls.make_safe_absolute_uri."""
    if not base:
        return rel or ""
    if not rel:
        try:
            scheme = urllib.parse.urlparse(base)[0]
        except ValueError:
            return ""
        if not scheme or scheme in ACCEPTABLE_URI_SCHEMES:
            return base
        return ""
    uri = urljoin(base, rel)
    if uri.strip().split(":", 1)[0] not in ACCEPTABLE_URI_SCHEMES:
        return ""
    return uri


@lru_cache(maxsize=256)
def _rebase(current: str, given: str) -> str:
    if current:
        return safe_absolute_uri(current, given) or current
    return urljoin(current, given)


def looks_like_html(s: str) -> bool:
    """mixin._FeedParserMixin.looks_like_html."""
    if not (_CLOSE_TAG.search(s) or _ENTITY.search(s)):
        return False
    if any(t for t in _TAG.findall(s) if t.lower() not in ACCEPTABLE_ELEMENTS):
        return False
    return not any(e for e in _NAMED_ENTITY.findall(s) if e not in ENTITY_DEFS)


def map_content_type(content_type: str) -> str:
    content_type = content_type.lower()
    if content_type in ("text", "plain"):
        return "text/plain"
    if content_type == "html":
        return "text/html"
    if content_type == "xhtml":
        return _XHTML
    return content_type


def set_key(context: dict, key: str, value) -> None:
    """FeedParserDict.__setitem__: some names are stored under another."""
    context[KEYMAP.get(key, key)] = value


_EMAIL = re.compile(r"""(([a-zA-Z0-9\_\-\.\+]+)@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([a-zA-Z0-9\-]+\.)+))([a-zA-Z]{2,4}|[0-9]{1,3})(\]?))(\?subject=\S+)?""")


class FeedState:
    """The parser state; expat's callbacks are ``start_ns``, ``start``, ``end``, ``text``."""

    def __init__(self, baseuri: str) -> None:
        from sahel_tui.ingest.fastparse.elements import ENDS, STARTS

        self.starts = STARTS
        self.ends = ENDS
        self.feeddata: dict = {}
        self.entries: list[dict] = []
        self.version = ""
        self.namespaces_in_use: dict = {}
        self.namespacemap: dict = {}
        self.infeed = self.inentry = self.incontent = self.intextinput = self.inimage = 0
        self.inauthor = self.incontributor = self.inpublisher = self.insource = 0
        self.sourcedata: dict = {}
        self.contentparams: dict = {}
        self.summary_key: str | None = None
        self.elementstack: list[list] = []
        self.basestack: list = []
        self.langstack: list = []
        self.title_depth = -1
        self.depth = 0
        self.has_content = 0
        self.entry_depths: dict = {}  # mixin.property_depth_map of the current entry
        self.guidislink = 0
        self.psc_chapters_flag = False
        self.baseuri = baseuri or ""
        self.lang: str | None = None
        self.decls: dict = {}
        self.root: str | None = None
        # expat name -> what start() / end() need, valid until a namespace mapping changes
        self.start_names: dict[str, tuple] = {}
        self.end_names: dict[str, tuple] = {}
        self.stable_base: str | None = None

    # -- expat callbacks (parsers/strict.py) --------------------------------------------

    def start_ns(self, prefix: str | None, uri: str) -> None:
        if not uri:
            return
        prefix = prefix or None
        self.track_namespace(prefix, uri)
        if prefix and uri == _XLINK:
            self.decls["xmlns:" + prefix] = uri

    def _split(self, name: str) -> tuple[str | None, str]:
        parts = name.split()
        if len(parts) == 1:
            return None, name
        if len(parts) in (2, 3):
            return parts[0], parts[1]
        raise Unsupported("odd namespace URI")

    def _start_name(self, name: str) -> tuple:
        """parsers/strict.startElementNS's name for an element; its handler's key (as
        mixin.unknown_starttag derives it), whether that has a prefix, and the handler."""
        namespace, localname = self._split(name)
        lowernamespace = (namespace or "").lower()
        if "backend.userland.com/rss" in lowernamespace:
            namespace = "http://backend.userland.com/rss"
            lowernamespace = namespace
        prefix = MATCH_NAMESPACES.get(lowernamespace)
        localname = localname.lower()
        if (localname == "math" and namespace == _MATHML) or (
                localname == "svg" and namespace == _SVG):
            raise Unsupported("MathML or SVG")
        if prefix:
            localname = prefix.lower() + ":" + localname
        elif namespace:
            localname = self._prefixed(namespace, localname)
        tag = localname.lower()
        if self.root is None:
            self.root = tag
        key, prefixed = self._key(tag)
        if key in UNPORTED_STARTS:
            raise Unsupported(f"<{tag}>")
        handler = self.starts.get(key)
        if handler is None and (key in SENSITIVE_KEYS or key.endswith(("_detail", "_parsed"))):
            # stored under its own name, it would touch a value we read or rely on
            raise Unsupported(f"an element named {key}")
        names = self.start_names[name] = (tag, key, prefixed, handler)
        return names

    def _end_name(self, name: str) -> tuple:
        """parsers/strict.endElementNS's name for an element (it differs a little), as a key,
        and its handler."""
        namespace, localname = self._split(name)
        prefix = MATCH_NAMESPACES.get((namespace or "").lower(), "")
        if prefix:
            localname = prefix + ":" + localname
        elif namespace:
            localname = self._prefixed(namespace, localname)
        key = self._key(localname.lower())[0]
        if key in UNPORTED_ENDS:
            raise Unsupported(f"</{key}>")
        names = self.end_names[name] = (key, self.ends.get(key))
        return names

    def _key(self, tag: str) -> tuple[str, bool]:
        prefix, suffix = tag.split(":", 1) if ":" in tag else ("", tag)
        prefix = self.namespacemap.get(prefix, prefix)
        return (prefix + "_" + suffix, True) if prefix else (suffix, False)

    def _prefixed(self, namespace: str, localname: str) -> str:
        for name, value in self.namespaces_in_use.items():
            if name and value == namespace:
                return name + ":" + localname
        return localname

    def start(self, name: str, attrs: dict[str, str]) -> None:
        """strict.startElementNS and mixin.unknown_starttag in one."""
        tag, key, prefixed, handler = self.start_names.get(name) or self._start_name(name)
        self.depth += 1
        if attrs or self.decls:
            attrs_d = self._attributes(attrs)
            given = attrs_d.get("xml:base", attrs_d.get("base")) or self.baseuri
            lang = attrs_d.get("xml:lang", attrs_d.get("lang"))
            if lang == "":
                lang = None
            elif lang is None:
                lang = self.lang
        else:
            attrs_d = {}
            given = self.baseuri
            lang = self.lang
        base = self.baseuri
        if given != base or base != self.stable_base:
            self.baseuri = _rebase(base, given)
            if given == base == self.baseuri:  # a fixed point: no need to join it again
                self.stable_base = base
        if lang and tag in ("feed", "rss"):
            self.feeddata["language"] = lang.replace("_", "-")
        self.lang = lang
        self.basestack.append(self.baseuri)
        self.langstack.append(lang)
        if attrs_d:
            for k, uri in attrs_d.items():
                if k.startswith("xmlns:"):
                    self.track_namespace(k[6:], uri)
                elif k == "xmlns":
                    self.track_namespace(None, uri)
        if self.incontent:
            raise Unsupported("markup inside a text construct")
        if not prefixed:
            if tag not in ("title", "link", "description", "name"):
                self.intextinput = 0
            if tag not in ("title", "link", "description", "url", "href", "width", "height"):
                self.inimage = 0
        if handler is not None:
            handler(self, attrs_d)
        elif not attrs_d:
            self.elementstack.append([key, 1, []])
        else:
            set_key(self.context(), key, attrs_d)

    def end(self, name: str) -> None:
        """strict.endElementNS and mixin.unknown_endtag in one."""
        key, handler = self.end_names.get(name) or self._end_name(name)
        if handler is not None:
            handler(self)
        else:
            self.pop_unread(key)
        if self.incontent:
            raise Unsupported("markup inside a text construct")
        basestack = self.basestack
        if basestack:
            basestack.pop()
            if basestack and basestack[-1]:
                self.baseuri = basestack[-1]
        langstack = self.langstack
        if langstack:
            langstack.pop()
            if langstack:
                self.lang = langstack[-1]
        self.depth -= 1

    def text(self, text: str) -> None:
        if self.elementstack:
            self.elementstack[-1][2].append(text)

    def _attributes(self, attrs: dict[str, str]) -> dict[str, str]:
        """An element's attributes as feedparser's handlers see them: keys with feedparser's
        prefix and with the document's, lower-cased; rel and type values lower-cased."""
        attrs_d = {k.lower(): v for k, v in self.decls.items()}
        self.decls = {}
        qnames = []
        for aname, value in attrs.items():
            parts = aname.split()
            if len(parts) == 1:
                attrs_d[aname.lower()] = value
                qnames.append((aname, value))
                continue
            if len(parts) not in (2, 3):
                raise Unsupported("odd attribute namespace")
            known = MATCH_NAMESPACES.get(parts[0].lower(), "")
            attrs_d[(known + ":" + parts[1] if known else parts[1]).lower()] = value
            qnames.append((parts[2] + ":" + parts[1] if len(parts) == 3 else parts[1], value))
        for qname, value in qnames:
            attrs_d[qname.lower()] = value
        for k in ("rel", "type"):
            if k in attrs_d:
                attrs_d[k] = attrs_d[k].lower() or attrs_d[k]
        return attrs_d

    def track_namespace(self, prefix: str | None, uri: str) -> None:
        loweruri = uri.lower()
        if not self.version:
            if (prefix, loweruri) == (None, "http://my.netscape.com/rdf/simple/0.9/"):
                self.version = "rss090"
            elif loweruri == "http://purl.org/rss/1.0/":
                self.version = "rss10"
            elif loweruri == "http://www.w3.org/2005/atom":
                self.version = "atom10"
        if "backend.userland.com/rss" in loweruri:
            uri = "http://backend.userland.com/rss"
            loweruri = uri
        known = MATCH_NAMESPACES.get(loweruri)
        if known is not None:
            self._map(self.namespacemap, prefix, known)
            self._map(self.namespaces_in_use, known, uri)
        else:
            self._map(self.namespaces_in_use, prefix or "", uri)

    def _map(self, mapping: dict, key, value) -> None:
        # feeds often declare the same namespace on every item: names resolved so far stay
        # valid unless a mapping really changes
        if key not in mapping or mapping[key] != value:
            mapping[key] = value
            self.start_names.clear()
            self.end_names.clear()

    # -- mixin.push / pop and what they store -------------------------------------------

    def push(self, element: str, expecting_text) -> None:
        self.elementstack.append([element, expecting_text, []])

    def pop(self, element: str, strip_whitespace: int = 1):
        stack = self.elementstack
        if not stack or stack[-1][0] != element:
            return None
        element, expecting_text, pieces = stack.pop()
        params = self.contentparams  # never xhtml nor base64: push_content refuses those
        output = "".join(pieces)
        if strip_whitespace:
            output = output.strip()
        if not expecting_text:
            return output
        if element in RELATIVE_URI_ELEMENTS and output and (
                element != "id" or self.guidislink):
            output = urljoin(self.baseuri or "", output)
        if (not self.version.startswith("atom") and params.get("type") == "text/plain"
                and looks_like_html(output)):
            params["type"] = "text/html"
        if not output.isascii():
            with suppress(UnicodeEncodeError, UnicodeDecodeError):
                # text that was UTF-8 read as ISO-8859-1: feedparser repairs it
                output = output.encode("iso-8859-1").decode("utf-8")
            if HAS_CP1252.search(output):
                output = output.translate(CP1252)
        if element in ("category", "tags", "itunes_keywords"):
            return output
        if element == "title" and -1 < self.title_depth <= self.depth:
            return output
        if self.inentry and not self.insource:
            entry = self.entries[-1]
            if element == "content":
                entry.setdefault("content", [])
                entry["content"].append(dict(params, value=output))
            elif element == "link":
                if not self.inimage:
                    # query strings mangled as entities (?a=1&b;=2), repaired as feedparser does
                    output = output.replace("&amp;", "&")
                    output = _BROKEN_ENTITY.sub(r"&\g<1>", output)
                    entry["link"] = output
                    if output:
                        entry["links"][-1]["href"] = output
            else:
                if element == "description":
                    element = "summary"
                old_depth = self.entry_depths.get(element)
                if old_depth is None or self.depth <= old_depth:
                    self.entry_depths[element] = self.depth
                    entry[KEYMAP.get(element, element)] = output
                if self.incontent:
                    set_key(entry, element + "_detail", dict(params, value=output))
        elif self.infeed or self.insource:
            context = self.context()
            if element == "description":
                element = "subtitle"
            set_key(context, element, output)
            if element == "link":
                output = _BROKEN_ENTITY.sub(r"&\g<1>", output)
                context["link"] = output
                context["links"][-1]["href"] = output
            elif self.incontent:
                set_key(context, element + "_detail", dict(params, value=output))
        return output

    def push_content(self, tag: str, attrs_d: dict, default_type: str, expecting_text) -> None:
        self.incontent += 1
        if self.lang:
            self.lang = self.lang.replace("_", "-")
        ctype = map_content_type(attrs_d.get("type", default_type))
        if ctype == _XHTML:
            raise Unsupported("xhtml content")
        if attrs_d.get("mode", "") == "base64" or not (
                ctype.startswith("text/") or ctype.endswith(("+xml", "/xml"))):
            raise Unsupported("base64 content")
        # feedparser's "base64" (0 here) and "mode" are dropped before anything is copied
        self.contentparams = {"type": ctype, "language": self.lang, "base": self.baseuri}
        self.push(tag, expecting_text)

    def pop_unread(self, element: str) -> None:
        """pop() for an element with no handler: its value is stored under its own name,
        which is never read (see SENSITIVE_KEYS), so it is not worked out. Outside a text
        construct the content parameters are empty, so pop would not change them either."""
        stack = self.elementstack
        if not stack or stack[-1][0] != element:
            return
        if stack.pop()[1] and not (self.inentry and not self.insource) and (
                self.infeed or self.insource):
            self.context()  # feedparser's pop looks it up, and may fail there

    def pop_content(self, tag: str):
        value = self.pop(tag)
        self.incontent -= 1
        self.contentparams.clear()
        return value

    def context(self) -> dict:
        if self.insource:
            return self.sourcedata
        if self.inimage and "image" in self.feeddata:
            return self.feeddata["image"]
        if self.intextinput:
            return self.feeddata["textinput"]
        if self.inentry:
            return self.entries[-1]
        return self.feeddata

    def save(self, key: str, value, overwrite: bool = False) -> None:
        context = self.context()
        if overwrite:
            context[key] = value
        else:
            context.setdefault(key, value)

    def map_prefix(self, name: str) -> str:
        """mixin._map_to_standard_prefix."""
        prefix, colon, suffix = name.partition(":")
        if not colon:
            return name
        return self.namespacemap.get(prefix, prefix) + ":" + suffix

    # -- authors (mixin._save_author, _sync_author_detail) ------------------------------

    def save_author(self, key: str, value, prefix: str = "author") -> None:
        context = self.context()
        context.setdefault(prefix + "_detail", {})
        context[prefix + "_detail"][key] = value
        self.sync_author_detail()
        context.setdefault("authors", [{}])
        context["authors"][-1][key] = value

    def save_contributor(self, key: str, value) -> None:
        context = self.context()
        context.setdefault("contributors", [{}])
        context["contributors"][-1][key] = value

    def sync_author_detail(self, key: str = "author") -> None:
        context = self.context()
        detail = context.get(key + "s", [{}])[-1]
        if detail:
            name = detail.get("name")
            email = detail.get("email")
            if name and email:
                context[key] = f"{name} ({email})"
            elif name:
                context[key] = name
            elif email:
                context[key] = email
            return
        author, email = context.get(key), None
        if not author:
            return
        match = _EMAIL.search(author)
        if match:
            email = match.group(0)
            author = author.replace(email, "").replace("()", "").replace("<>", "")
            author = author.replace("&lt;&gt;", "").strip()
            if author and author[0] == "(":
                author = author[1:]
            if author and author[-1] == ")":
                author = author[:-1]
            author = author.strip()
        if author or email:
            context.setdefault(key + "_detail", detail)
        if author:
            detail["name"] = author
        if email:
            detail["email"] = email

    def add_tag(self, term, scheme, label) -> None:
        """mixin._add_tag, less the tags themselves (never read): only the list it makes,
        whose absence can make a later </category> fail in feedparser."""
        self.context().setdefault("tags", [])
