# Ported from feedparser 6: Copyright 2010-2025 Kurt McKee, 2002-2008 Mark Pilgrim; BSD 2-Clause
# licence, reproduced in LICENSE-feedparser.md beside this file.
"""feedparser's element handlers (namespaces/_base, dc, itunes, media, psc, georss),
ported one by one onto FeedState. Each keeps feedparser's name in ``STARTS`` / ``ENDS``.

Not ported, so such a feed goes to feedparser: <body>/<xhtml:body>, Creative Commons
licences, GML and <georss:where>. CDF attributes on <channel>/<item> are refused too.

Past 600 lines: one short handler per element, kept in one module so that each can be
compared with feedparser's of the same name side by side.
"""

from __future__ import annotations

from collections.abc import Callable

from sahel_tui.ingest.fastparse.dates import parse_date
from sahel_tui.ingest.fastparse.state import (
    FeedState,
    Unsupported,
    map_content_type,
    safe_absolute_uri,
    urljoin,
)

_HTML_TYPES = frozenset({"application/xhtml+xml", "text/html"})
_RSS_VERSIONS = {"0.91": "rss091u", "0.92": "rss092", "0.93": "rss093", "0.94": "rss094"}
_ATOM_VERSIONS = {"0.1": "atom01", "0.2": "atom02", "0.3": "atom03"}


def _cdf(attrs_d: dict) -> None:
    if "lastmod" in attrs_d or "href" in attrs_d:
        raise Unsupported("CDF attributes")


def _enforce_href(attrs_d: dict) -> dict:
    href = attrs_d.get("url", attrs_d.get("uri", attrs_d.get("href")))
    if href:
        attrs_d.pop("url", None)
        attrs_d.pop("uri", None)
        attrs_d["href"] = href
    return attrs_d


def _text_expected(s: FeedState):
    return s.infeed or s.inentry or s.insource


# -- feed structure ----------------------------------------------------------------------

def start_rss(s: FeedState, attrs_d: dict) -> None:
    if not s.version or not s.version.startswith("rss"):
        attr_version = attrs_d.get("version", "")
        version = _RSS_VERSIONS.get(attr_version)
        if version:
            s.version = version
        elif attr_version.startswith("2."):
            s.version = "rss20"
        else:
            s.version = "rss"


def start_channel(s: FeedState, attrs_d: dict) -> None:
    s.infeed = 1
    _cdf(attrs_d)


def start_feed(s: FeedState, attrs_d: dict) -> None:
    s.infeed = 1
    if not s.version:
        s.version = _ATOM_VERSIONS.get(attrs_d.get("version")) or "atom"


def end_channel(s: FeedState) -> None:
    s.infeed = 0


def start_image(s: FeedState, attrs_d: dict) -> None:
    context = s.context()
    if not s.inentry:
        context.setdefault("image", {})
    s.inimage = 1
    s.title_depth = -1
    s.push("image", 0)


def end_image(s: FeedState) -> None:
    s.pop("image")
    s.inimage = 0


def start_textinput(s: FeedState, attrs_d: dict) -> None:
    s.context().setdefault("textinput", {})
    s.intextinput = 1
    s.title_depth = -1
    s.push("textinput", 0)


def end_textinput(s: FeedState) -> None:
    s.pop("textinput")
    s.intextinput = 0


def start_item(s: FeedState, attrs_d: dict) -> None:
    s.entries.append({})
    s.entry_depths = {}
    s.push("item", 0)
    s.inentry = 1
    s.guidislink = 0
    s.title_depth = -1
    about = attrs_d.get(s.map_prefix("rdf:about"))
    if about:
        s.context()["id"] = about
    _cdf(attrs_d)


def end_item(s: FeedState) -> None:
    s.pop("item")
    s.inentry = 0
    s.has_content = 0


def start_source(s: FeedState, attrs_d: dict) -> None:
    if "url" in attrs_d:
        s.sourcedata["href"] = attrs_d["url"]
    s.push("source", 1)
    s.insource = 1
    s.title_depth = -1


def end_source(s: FeedState) -> None:
    s.insource = 0
    value = s.pop("source")
    if value:
        s.sourcedata["title"] = value
    s.context()["source"] = dict(s.sourcedata)
    s.sourcedata.clear()


# -- people --------------------------------------------------------------------------------

def start_author(s: FeedState, attrs_d: dict) -> None:
    s.inauthor = 1
    s.push("author", 1)
    context = s.context()
    context.setdefault("authors", [])
    context["authors"].append({})


def end_author(s: FeedState) -> None:
    s.pop("author")
    s.inauthor = 0
    s.sync_author_detail()


def start_contributor(s: FeedState, attrs_d: dict) -> None:
    s.incontributor = 1
    context = s.context()
    context.setdefault("contributors", [])
    context["contributors"].append({})
    s.push("contributor", 0)


def end_contributor(s: FeedState) -> None:
    s.pop("contributor")
    s.incontributor = 0


def start_dc_contributor(s: FeedState, attrs_d: dict) -> None:
    s.incontributor = 1
    context = s.context()
    context.setdefault("contributors", [])
    context["contributors"].append({})
    s.push("name", 0)


def end_dc_contributor(s: FeedState) -> None:
    end_name(s)
    s.incontributor = 0


def start_name(s: FeedState, attrs_d: dict) -> None:
    s.push("name", 0)


def end_name(s: FeedState) -> None:
    value = s.pop("name")
    if s.inpublisher:
        s.save_author("name", value, "publisher")
    elif s.inauthor:
        s.save_author("name", value)
    elif s.incontributor:
        s.save_contributor("name", value)
    elif s.intextinput:
        s.context()["name"] = value


def start_email(s: FeedState, attrs_d: dict) -> None:
    s.push("email", 0)


def end_email(s: FeedState) -> None:
    value = s.pop("email")
    if s.inpublisher:
        s.save_author("email", value, "publisher")
    elif s.inauthor:
        s.save_author("email", value)
    elif s.incontributor:
        s.save_contributor("email", value)


def start_url(s: FeedState, attrs_d: dict) -> None:
    s.push("href", 1)


def end_url(s: FeedState) -> None:
    value = s.pop("href")
    if s.inauthor:
        s.save_author("href", value)
    elif s.incontributor:
        s.save_contributor("href", value)


def start_webmaster(s: FeedState, attrs_d: dict) -> None:
    s.push("publisher", 1)


def end_webmaster(s: FeedState) -> None:
    s.pop("publisher")
    s.sync_author_detail("publisher")


def start_itunes_owner(s: FeedState, attrs_d: dict) -> None:
    s.inpublisher = 1
    s.push("publisher", 0)


def end_itunes_owner(s: FeedState) -> None:
    s.pop("publisher")
    s.inpublisher = 0
    s.sync_author_detail("publisher")


# -- image sizes ----------------------------------------------------------------------------

def _start_pushing(name: str, expecting_text=1) -> Callable[[FeedState, dict], None]:
    def start(s: FeedState, attrs_d: dict) -> None:
        s.push(name, expecting_text)
    return start


def _end_size(name: str) -> Callable[[FeedState], None]:
    def end(s: FeedState) -> None:
        value = s.pop(name)
        try:
            value = int(value)
        except ValueError:
            value = 0
        if s.inimage:
            s.context()[name] = value
    return end


# -- text constructs -------------------------------------------------------------------------

def _start_content_element(name: str, default_type: str, always_text: bool):
    def start(s: FeedState, attrs_d: dict) -> None:
        s.push_content(name, attrs_d, default_type, 1 if always_text else _text_expected(s))
    return start


def _end_content_element(name: str) -> Callable[[FeedState], None]:
    def end(s: FeedState) -> None:
        s.pop_content(name)
    return end


def start_title(s: FeedState, attrs_d: dict) -> None:
    s.push_content("title", attrs_d, "text/plain", _text_expected(s))


def end_title(s: FeedState) -> None:
    value = s.pop_content("title")
    if not value:
        return
    s.title_depth = s.depth


def end_media_title(s: FeedState) -> None:
    title_depth = s.title_depth
    end_title(s)
    s.title_depth = title_depth


def start_description(s: FeedState, attrs_d: dict) -> None:
    if "summary" in s.context() and not s.has_content:
        s.summary_key = "content"
        start_content(s, attrs_d)
    else:
        s.push_content("description", attrs_d, "text/html", _text_expected(s))


def start_abstract(s: FeedState, attrs_d: dict) -> None:
    s.push_content("description", attrs_d, "text/plain", _text_expected(s))


def end_description(s: FeedState) -> None:
    if s.summary_key == "content":
        end_content(s)
    else:
        s.pop_content("description")
    s.summary_key = None


def start_summary(s: FeedState, attrs_d: dict) -> None:
    if "summary" in s.context() and not s.has_content:
        s.summary_key = "content"
        start_content(s, attrs_d)
    else:
        s.summary_key = "summary"
        s.push_content("summary", attrs_d, "text/plain", 1)


def end_summary(s: FeedState) -> None:
    if s.summary_key == "content":
        end_content(s)
    else:
        s.pop_content(s.summary_key or "summary")
    s.summary_key = None


def start_content(s: FeedState, attrs_d: dict) -> None:
    s.has_content = 1
    s.push_content("content", attrs_d, "text/plain", 1)
    src = attrs_d.get("src")
    if src:
        s.contentparams["src"] = src
    s.push("content", 1)  # a second time, as feedparser does: one stays on the stack


def start_content_encoded(s: FeedState, attrs_d: dict) -> None:
    s.has_content = 1
    s.push_content("content", attrs_d, "text/html", 1)


def end_content(s: FeedState) -> None:
    copy_to_summary = map_content_type(s.contentparams.get("type")) in (
        {"text/plain"} | _HTML_TYPES)
    value = s.pop_content("content")
    if copy_to_summary:
        s.save("summary", value)


# -- links, ids, dates -----------------------------------------------------------------------

def start_link(s: FeedState, attrs_d: dict) -> None:
    attrs_d.setdefault("rel", "alternate")
    if attrs_d["rel"] == "self":
        attrs_d.setdefault("type", "application/atom+xml")
    else:
        attrs_d.setdefault("type", "text/html")
    context = s.context()
    attrs_d = _enforce_href(attrs_d)
    if "href" in attrs_d:
        attrs_d["href"] = urljoin(s.baseuri or "", attrs_d["href"])
    expecting_text = _text_expected(s)
    context.setdefault("links", [])
    if not (s.inentry and s.inimage):
        context["links"].append(dict(attrs_d))
    if "href" in attrs_d:
        if (attrs_d.get("rel") == "alternate"
                and map_content_type(attrs_d.get("type")) in _HTML_TYPES):
            context["link"] = attrs_d["href"]
    else:
        s.push("link", expecting_text)


def end_link(s: FeedState) -> None:
    s.pop("link")


def start_guid(s: FeedState, attrs_d: dict) -> None:
    s.guidislink = attrs_d.get("ispermalink", "true") == "true"
    s.push("id", 1)


def end_guid(s: FeedState) -> None:
    value = s.pop("id")
    s.save("guidislink", s.guidislink and "link" not in s.context())
    if s.guidislink:
        s.save("link", value)


def start_enclosure(s: FeedState, attrs_d: dict) -> None:
    attrs_d = _enforce_href(attrs_d)
    context = s.context()
    attrs_d["rel"] = "enclosure"
    context.setdefault("links", []).append(dict(attrs_d))


def _end_date(pushed: str, key: str) -> Callable[[FeedState], None]:
    def end(s: FeedState) -> None:
        s.save(key, parse_date(s.pop(pushed)), overwrite=True)
    return end


def end_newlocation(s: FeedState) -> None:
    url = s.pop("newlocation")
    context = s.context()
    if context is not s.feeddata:
        return
    context["newlocation"] = safe_absolute_uri(s.baseuri, url.strip())


def end_language(s: FeedState) -> None:
    s.lang = s.pop("language")


def end_dcterms_valid(s: FeedState) -> None:
    for detail in s.pop("validity").split(";"):
        if "=" in detail:
            key, value = detail.split("=", 1)
            if key in ("start", "end"):
                s.save(f"validity_{key}", value, overwrite=True)
                s.save(f"validity_{key}_parsed", parse_date(value), overwrite=True)


# -- categories and tags -------------------------------------------------------------------

def start_category(s: FeedState, attrs_d: dict) -> None:
    scheme = attrs_d.get("scheme", attrs_d.get("domain"))
    s.add_tag(attrs_d.get("term"), scheme, attrs_d.get("label"))
    s.push("category", 1)


def end_category(s: FeedState) -> None:
    value = s.pop("category")
    if not value:
        return
    s.context()["tags"]  # feedparser fills in or adds a tag there (a KeyError if none)


def start_media_category(s: FeedState, attrs_d: dict) -> None:
    attrs_d.setdefault("scheme", "http://search.yahoo.com/mrss/category_schema")
    start_category(s, attrs_d)


def start_itunes_category(s: FeedState, attrs_d: dict) -> None:
    s.add_tag(attrs_d.get("text"), "http://www.itunes.com/", None)
    s.push("category", 1)


def _end_term_list(pushed: str, keep_blank: bool):
    """</tags>, </media:keywords>, </itunes:keywords>: a tag per term (see add_tag)."""
    def end(s: FeedState) -> None:
        terms = s.pop(pushed).split(",")
        if keep_blank or any(term.strip() for term in terms):
            s.add_tag(None, None, None)
    return end


# -- small elements kept for the record -----------------------------------------------------

def start_cloud(s: FeedState, attrs_d: dict) -> None:
    s.context()["cloud"] = dict(attrs_d)


def start_generator(s: FeedState, attrs_d: dict) -> None:
    if attrs_d:
        attrs_d = _enforce_href(attrs_d)
        if "href" in attrs_d:
            attrs_d["href"] = urljoin(s.baseuri or "", attrs_d["href"])
    s.context()["generator_detail"] = dict(attrs_d)
    s.push("generator", 1)


def end_generator(s: FeedState) -> None:
    value = s.pop("generator")
    context = s.context()
    if "generator_detail" in context:
        context["generator_detail"]["name"] = value


def start_itunes_image(s: FeedState, attrs_d: dict) -> None:
    s.push("itunes_image", 0)
    if attrs_d.get("href"):
        s.context()["image"] = {"href": attrs_d.get("href")}
    elif attrs_d.get("url"):
        s.context()["image"] = {"href": attrs_d.get("url")}


def end_itunes_block(s: FeedState) -> None:
    value = s.pop("itunes_block", 0)
    s.context()["itunes_block"] = 1 if value in ("yes", "Yes") else 0


def end_itunes_explicit(s: FeedState) -> None:
    value = s.pop("itunes_explicit", 0)
    s.context()["itunes_explicit"] = (None, False, True)[
        (value == "yes" and 2) or value == "clean" or 0]


def _start_media_attrs(key: str, pushed: str | None, as_list: bool):
    """media:rating / credit / restriction / license / content: the attributes kept."""
    def start(s: FeedState, attrs_d: dict) -> None:
        context = s.context()
        if as_list:
            context.setdefault(key, [])
            if pushed:
                s.push(pushed, 1)
            context[key].append(attrs_d)
        else:
            context.setdefault(key, attrs_d)
            s.push(pushed, 1)
    return start


def _end_media_text(key: str, pushed: str, split: bool = False, last: bool = False):
    def end(s: FeedState) -> None:
        value = s.pop(pushed)
        if value is not None and value.strip():
            target = s.context()[key]
            if last:
                target = target[-1]
            target["content"] = ([cc.strip().lower() for cc in value.split(" ")]
                                 if split else value)
    return end


def end_media_thumbnail(s: FeedState) -> None:
    url = s.pop("url")
    context = s.context()
    if url is not None and url.strip() and "url" not in context["media_thumbnail"][-1]:
        context["media_thumbnail"][-1]["url"] = url


def start_media_player(s: FeedState, attrs_d: dict) -> None:
    s.push("media_player", 0)
    s.context()["media_player"] = dict(attrs_d)


def end_media_player(s: FeedState) -> None:
    value = s.pop("media_player")
    s.context()["media_player"]["content"] = value


def start_psc_chapters(s: FeedState, attrs_d: dict) -> None:
    context = s.context()
    if "psc_chapters" not in context:
        s.psc_chapters_flag = True
        attrs_d["chapters"] = []
        context["psc_chapters"] = dict(attrs_d)


def end_psc_chapters(s: FeedState) -> None:
    s.psc_chapters_flag = False


def start_psc_chapter(s: FeedState, attrs_d: dict) -> None:
    if s.psc_chapters_flag:
        if not isinstance(attrs_d.get(s.map_prefix("start")), str):
            raise Unsupported("a chapter without a start")
        s.context()["psc_chapters"]["chapters"].append(dict(attrs_d))


def start_georss(s: FeedState, attrs_d: dict) -> None:
    s.push("geometry", 0)
    s.context()["where"] = {}


def end_georss(s: FeedState) -> None:
    # feedparser parses the coordinates into context["where"]; we never read them, but
    # when that context has no "where" feedparser fails, and so must we
    if s.pop("geometry") is None or "where" not in s.context():
        raise Unsupported("georss outside its context")


def _noop(s: FeedState, attrs_d: dict) -> None:
    pass


STARTS: dict[str, Callable[[FeedState, dict], None]] = {
    "rss": start_rss, "channel": start_channel, "feed": start_feed,
    "image": start_image, "textinput": start_textinput,
    "item": start_item, "entry": start_item, "source": start_source,
    "author": start_author, "managingeditor": start_author, "dc_author": start_author,
    "dc_creator": start_author, "itunes_author": start_author,
    "contributor": start_contributor, "dc_contributor": start_dc_contributor,
    "name": start_name, "itunes_name": start_name,
    "email": start_email, "itunes_email": start_email,
    "url": start_url, "homepage": start_url, "uri": start_url,
    "webmaster": start_webmaster, "dc_publisher": start_webmaster,
    "itunes_owner": start_itunes_owner,
    "width": _start_pushing("width", 0), "height": _start_pushing("height", 0),
    "title": start_title, "dc_title": start_title, "media_title": start_title,
    "subtitle": _start_content_element("subtitle", "text/plain", True),
    "tagline": _start_content_element("subtitle", "text/plain", True),
    "itunes_subtitle": _start_content_element("subtitle", "text/plain", True),
    "rights": _start_content_element("rights", "text/plain", True),
    "copyright": _start_content_element("rights", "text/plain", True),
    "dc_rights": _start_content_element("rights", "text/plain", True),
    "info": _start_content_element("info", "text/plain", True),
    "feedburner_browserfriendly": _start_content_element("info", "text/plain", True),
    "description": start_description, "dc_description": start_description,
    "media_description": start_description, "abstract": start_abstract,
    "summary": start_summary, "itunes_summary": start_summary,
    "content": start_content, "content_encoded": start_content_encoded,
    "fullitem": start_content_encoded,
    "link": start_link, "guid": start_guid, "id": start_guid, "enclosure": start_enclosure,
    "published": _start_pushing("published"), "issued": _start_pushing("published"),
    "pubdate": _start_pushing("published"), "dcterms_issued": _start_pushing("published"),
    "updated": _start_pushing("updated"), "modified": _start_pushing("updated"),
    "lastbuilddate": _start_pushing("updated"), "dc_date": _start_pushing("updated"),
    "dcterms_modified": _start_pushing("updated"),
    "created": _start_pushing("created"), "dcterms_created": _start_pushing("created"),
    "expirationdate": _start_pushing("expired"),
    "dcterms_valid": _start_pushing("validity"),
    "newlocation": _start_pushing("newlocation"),
    "language": _start_pushing("language"), "dc_language": _start_pushing("language"),
    "category": start_category, "keywords": start_category, "dc_subject": start_category,
    "media_category": start_media_category, "itunes_category": start_itunes_category,
    "tags": _start_pushing("tags"),
    "cloud": start_cloud, "generator": start_generator,
    "itunes_image": start_itunes_image, "itunes_link": start_itunes_image,
    "media_group": _noop,
    "media_rating": _start_media_attrs("media_rating", "rating", False),
    "media_credit": _start_media_attrs("media_credit", "credit", True),
    "media_restriction": _start_media_attrs("media_restriction", "restriction", False),
    "media_license": _start_media_attrs("media_license", "license", False),
    "media_content": _start_media_attrs("media_content", None, True),
    "media_thumbnail": _start_media_attrs("media_thumbnail", "url", True),
    "media_player": start_media_player,
    "psc_chapters": start_psc_chapters, "psc_chapter": start_psc_chapter,
    "georss_point": start_georss, "georss_line": start_georss,
    "georss_polygon": start_georss, "georss_box": start_georss,
}

ENDS: dict[str, Callable[[FeedState], None]] = {
    "channel": end_channel, "feed": end_channel,
    "image": end_image, "textinput": end_textinput,
    "item": end_item, "entry": end_item, "source": end_source,
    "author": end_author, "managingeditor": end_author, "dc_author": end_author,
    "dc_creator": end_author, "itunes_author": end_author,
    "contributor": end_contributor, "dc_contributor": end_dc_contributor,
    "name": end_name, "itunes_name": end_name,
    "email": end_email, "itunes_email": end_email,
    "url": end_url, "homepage": end_url, "uri": end_url,
    "webmaster": end_webmaster, "dc_publisher": end_webmaster,
    "itunes_owner": end_itunes_owner,
    "width": _end_size("width"), "height": _end_size("height"),
    "title": end_title, "dc_title": end_title, "media_title": end_media_title,
    "subtitle": _end_content_element("subtitle"), "tagline": _end_content_element("subtitle"),
    "itunes_subtitle": _end_content_element("subtitle"),
    "rights": _end_content_element("rights"), "copyright": _end_content_element("rights"),
    "dc_rights": _end_content_element("rights"),
    "info": _end_content_element("info"),
    "feedburner_browserfriendly": _end_content_element("info"),
    "description": end_description, "dc_description": end_description,
    "media_description": end_description, "abstract": end_description,
    "summary": end_summary, "itunes_summary": end_summary,
    "content": end_content, "content_encoded": end_content, "fullitem": end_content,
    "link": end_link, "guid": end_guid, "id": end_guid,
    "published": _end_date("published", "published_parsed"),
    "issued": _end_date("published", "published_parsed"),
    "pubdate": _end_date("published", "published_parsed"),
    "dcterms_issued": _end_date("published", "published_parsed"),
    "updated": _end_date("updated", "updated_parsed"),
    "modified": _end_date("updated", "updated_parsed"),
    "lastbuilddate": _end_date("updated", "updated_parsed"),
    "dc_date": _end_date("updated", "updated_parsed"),
    "dcterms_modified": _end_date("updated", "updated_parsed"),
    "created": _end_date("created", "created_parsed"),
    "dcterms_created": _end_date("created", "created_parsed"),
    "expirationdate": _end_date("expired", "expired_parsed"),
    "dcterms_valid": end_dcterms_valid,
    "newlocation": end_newlocation,
    "language": end_language, "dc_language": end_language,
    "category": end_category, "keywords": end_category, "dc_subject": end_category,
    "media_category": end_category, "itunes_category": end_category,
    "tags": _end_term_list("tags", True),
    "media_keywords": _end_term_list("media_keywords", False),
    "itunes_keywords": _end_term_list("itunes_keywords", False),
    "generator": end_generator,
    "itunes_block": end_itunes_block, "itunes_explicit": end_itunes_explicit,
    "media_rating": _end_media_text("media_rating", "rating"),
    "media_credit": _end_media_text("media_credit", "credit", last=True),
    "media_restriction": _end_media_text("media_restriction", "restriction", split=True),
    "media_license": _end_media_text("media_license", "license"),
    "media_thumbnail": end_media_thumbnail,
    "media_player": end_media_player,
    "psc_chapters": end_psc_chapters,
    "georss_point": end_georss, "georss_line": end_georss,
    "georss_polygon": end_georss, "georss_box": end_georss,
}
