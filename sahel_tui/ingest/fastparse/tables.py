# Ported from feedparser 6: Copyright 2010-2025 Kurt McKee, 2002-2008 Mark Pilgrim; BSD 2-Clause
# licence, reproduced in LICENSE-feedparser.md beside this file.
"""feedparser 6's constant tables, copied so the fast path need not import feedparser.

tests/test_fastparse.py compares every table here with the installed feedparser's, so an
upgrade that changes one fails the tests instead of quietly changing what we store.
"""

from __future__ import annotations

import html.entities
import re

# namespace URI (lower-cased) -> feedparser's prefix for it (mixin._FeedParserMixin.namespaces)
_NAMESPACES = {
    "": "",
    "http://backend.userland.com/rss": "",
    "http://blogs.law.harvard.edu/tech/rss": "",
    "http://purl.org/rss/1.0/": "",
    "http://my.netscape.com/rdf/simple/0.9/": "",
    "http://example.com/newformat#": "",
    "http://example.com/necho": "",
    "http://purl.org/echo/": "",
    "uri/of/echo/namespace#": "",
    "http://purl.org/pie/": "",
    "http://purl.org/atom/ns#": "",
    "http://www.w3.org/2005/Atom": "",
    "http://purl.org/rss/1.0/modules/rss091#": "",
    "http://webns.net/mvcb/": "admin",
    "http://purl.org/rss/1.0/modules/aggregation/": "ag",
    "http://purl.org/rss/1.0/modules/annotate/": "annotate",
    "http://media.tangent.org/rss/1.0/": "audio",
    "http://backend.userland.com/blogChannelModule": "blogChannel",
    "http://creativecommons.org/ns#license": "cc",
    "http://web.resource.org/cc/": "cc",
    "http://cyber.law.harvard.edu/rss/creativeCommonsRssModule.html": "creativeCommons",
    "http://backend.userland.com/creativeCommonsRssModule": "creativeCommons",
    "http://purl.org/rss/1.0/modules/company": "co",
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://my.theinfo.org/changed/1.0/rss/": "cp",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://purl.org/dc/terms/": "dcterms",
    "http://purl.org/rss/1.0/modules/email/": "email",
    "http://purl.org/rss/1.0/modules/event/": "ev",
    "http://rssnamespace.org/feedburner/ext/1.0": "feedburner",
    "http://freshmeat.net/rss/fm/": "fm",
    "http://xmlns.com/foaf/0.1/": "foaf",
    "http://www.w3.org/2003/01/geo/wgs84_pos#": "geo",
    "http://www.georss.org/georss": "georss",
    "http://www.opengis.net/gml": "gml",
    "http://postneo.com/icbm/": "icbm",
    "http://purl.org/rss/1.0/modules/image/": "image",
    "http://www.itunes.com/DTDs/PodCast-1.0.dtd": "itunes",
    "http://example.com/DTDs/PodCast-1.0.dtd": "itunes",
    "http://purl.org/rss/1.0/modules/link/": "l",
    "http://search.yahoo.com/mrss": "media",
    "http://search.yahoo.com/mrss/": "media",
    "http://madskills.com/public/xml/rss/module/pingback/": "pingback",
    "http://prismstandard.org/namespaces/1.2/basic/": "prism",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs",
    "http://purl.org/rss/1.0/modules/reference/": "ref",
    "http://purl.org/rss/1.0/modules/richequiv/": "reqv",
    "http://purl.org/rss/1.0/modules/search/": "search",
    "http://purl.org/rss/1.0/modules/slash/": "slash",
    "http://schemas.xmlsoap.org/soap/envelope/": "soap",
    "http://purl.org/rss/1.0/modules/servicestatus/": "ss",
    "http://hacks.benhammersley.com/rss/streaming/": "str",
    "http://purl.org/rss/1.0/modules/subscription/": "sub",
    "http://purl.org/rss/1.0/modules/syndication/": "sy",
    "http://schemas.pocketsoap.com/rss/myDescModule/": "szf",
    "http://purl.org/rss/1.0/modules/taxonomy/": "taxo",
    "http://purl.org/rss/1.0/modules/threading/": "thr",
    "http://purl.org/rss/1.0/modules/textinput/": "ti",
    "http://madskills.com/public/xml/rss/module/trackback/": "trackback",
    "http://wellformedweb.org/commentAPI/": "wfw",
    "http://purl.org/rss/1.0/modules/wiki/": "wiki",
    "http://www.w3.org/1999/xhtml": "xhtml",
    "http://www.w3.org/1999/xlink": "xlink",
    "http://www.w3.org/XML/1998/namespace": "xml",
    "http://podlove.org/simple-chapters": "psc",
}
MATCH_NAMESPACES = {k.lower(): v for k, v in _NAMESPACES.items()}

# urls.ACCEPTABLE_URI_SCHEMES
ACCEPTABLE_URI_SCHEMES = (
    "file", "ftp", "gopher", "h323", "hdl", "http", "https", "imap", "magnet",
    "mailto", "mms", "news", "nntp", "prospero", "rsync", "rtsp", "rtspu",
    "sftp", "shttp", "sip", "sips", "snews", "svn", "svn+ssh", "telnet",
    "wais",
    "aim", "callto", "cvs", "facetime", "feed", "git", "gtalk", "irc", "ircs",
    "irc6", "itms", "mms", "msnim", "skype", "ssh", "smb", "svn", "ymsg",
)

# html._cp1252: C1 code points that were meant as windows-1252
CP1252 = {
    128: "\u20ac", 130: "\u201a", 131: "\u0192", 132: "\u201e", 133: "\u2026",
    134: "\u2020", 135: "\u2021", 136: "\u02c6", 137: "\u2030", 138: "\u0160",
    139: "\u2039", 140: "\u0152", 142: "\u017d", 145: "\u2018", 146: "\u2019",
    147: "\u201c", 148: "\u201d", 149: "\u2022", 150: "\u2013", 151: "\u2014",
    152: "\u02dc", 153: "\u2122", 154: "\u0161", 155: "\u203a", 156: "\u0153",
    158: "\u017e", 159: "\u0178",
}
# str.translate with a dict is slow: only strings holding one of those characters need it
HAS_CP1252 = re.compile("[" + "".join(chr(c) for c in CP1252) + "]")

# sanitizer._HTMLSanitizer.acceptable_elements (what looks_like_html accepts as HTML tags)
ACCEPTABLE_ELEMENTS = frozenset({
    "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "big",
    "blockquote", "br", "button", "canvas", "caption", "center", "cite", "code", "col",
    "colgroup", "command", "datagrid", "datalist", "dd", "del", "details", "dfn", "dialog",
    "dir", "div", "dl", "dt", "em", "event-source", "fieldset", "figcaption", "figure",
    "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i",
    "img", "input", "ins", "kbd", "keygen", "label", "legend", "li", "m", "map", "menu",
    "meter", "multicol", "nav", "nextid", "noscript", "ol", "optgroup", "option", "output",
    "p", "pre", "progress", "q", "s", "samp", "section", "select", "small", "sound",
    "source", "spacer", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td",
    "textarea", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "video",
})
ENTITY_DEFS = html.entities.entitydefs

# util.FeedParserDict.keymap, for writes (a list means: the first name)
KEYMAP = {
    "channel": "feed",
    "items": "entries",
    "guid": "id",
    "date": "updated",
    "date_parsed": "updated_parsed",
    "description": "summary",
    "description_detail": "summary_detail",
    "url": "href",
    "modified": "updated",
    "modified_parsed": "updated_parsed",
    "issued": "published",
    "issued_parsed": "published_parsed",
    "copyright": "rights",
    "copyright_detail": "rights_detail",
    "tagline": "subtitle",
    "tagline_detail": "subtitle_detail",
}

# mixin._FeedParserMixin.can_be_relative_uri, limited to the elements whose value we read
RELATIVE_URI_ELEMENTS = frozenset({"id", "link"})

# feedparser's element handlers (the names after _start_ / _end_) that elements.py does not
# port: an element that would reach one of them goes to feedparser. (textInput is
# unreachable: feedparser lower-cases tags.) The tests check that these and the ported ones
# are exactly feedparser's handlers.
UNPORTED_STARTS = frozenset({
    "body", "xhtml_body", "cc_license", "creativeCommons_license", "creativecommons_license",
    "georss_where", "where", "georssgeom", "gml_exterior", "gml_linearring", "gml_linestring",
    "gml_point", "gml_polygon", "gml_pos", "gml_poslist", "textInput",
})
UNPORTED_ENDS = frozenset({
    "body", "xhtml_body", "creativeCommons_license", "creativecommons_license",
    "georss_where", "where", "geom", "gml_exterior", "gml_linearring", "gml_linestring",
    "gml_point", "gml_polygon", "gml_pos", "gml_poslist", "textInput",
})

# An element with no handler is stored under its own name in the current entry or feed. Under
# one of these names that would touch a value we read, or one the handlers rely on.
SENSITIVE_KEYS = frozenset({
    "title", "link", "links", "id", "guid", "summary", "description", "content", "author",
    "authors", "language", "published", "updated", "created", "modified", "issued",
    "image", "textinput", "tags", "contributors", "publisher", "publishers", "where",
    "license", "source", "guidislink", "newlocation", "category", "enclosures",
    "media_rating", "media_credit", "media_restriction", "media_license", "media_content",
    "media_thumbnail", "media_player", "psc_chapters", "chapters", "href", "url", "name",
    "email",
})
