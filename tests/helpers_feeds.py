"""Synthetic feeds in the style of real ones, configs, and database look-ups for the tests."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from xml.sax.saxutils import escape

from sahel_tui.config import Config, FeedConfig, Settings

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def rss(items: list[dict], *, title: str = "Sahel Wire", link: str = "https://sahelwire.example/",
        language: str = "fr", extra_channel: str = "") -> bytes:
    """An RSS 2.0 document. Item keys: title, link, guid (permalink unless
    guid_permalink=False), description (HTML, escaped here), content (content:encoded, CDATA),
    pubDate, author (dc:creator), category (list)."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
        "<channel>",
        f"<title>{escape(title)}</title>",
        f"<link>{escape(link)}</link>",
        "<description>Dépêches du Sahel et du bassin du lac Tchad</description>",
        f"<language>{language}</language>",
        extra_channel,
    ]
    for it in items:
        parts.append("<item>")
        if "title" in it:
            parts.append(f"<title>{escape(it['title'])}</title>")
        if "link" in it:
            parts.append(f"<link>{escape(it['link'])}</link>")
        if "guid" in it:
            perma = "true" if it.get("guid_permalink", True) else "false"
            parts.append(f'<guid isPermaLink="{perma}">{escape(it["guid"])}</guid>')
        if "author" in it:
            parts.append(f"<dc:creator>{escape(it['author'])}</dc:creator>")
        for cat in it.get("category", []):
            parts.append(f"<category>{escape(cat)}</category>")
        if "pubDate" in it:
            parts.append(f"<pubDate>{it['pubDate']}</pubDate>")
        if "description" in it:
            parts.append(f"<description>{escape(it['description'])}</description>")
        if "content" in it:
            parts.append(f"<content:encoded><![CDATA[{it['content']}]]></content:encoded>")
        parts.append("</item>")
    parts += ["</channel>", "</rss>", ""]
    return "\n".join(parts).encode("utf-8")


def news_items(n: int, *, prefix: str = "https://sahelwire.example/2025/06/", start: int = 1,
               words: str = "") -> list[dict]:
    """``n`` ordinary news items with URL GUIDs and dates."""
    return [
        {
            "title": f"Mopti: rapport numéro {i}",
            "link": f"{prefix}story-{i}.html",
            "guid": f"{prefix}story-{i}.html",
            "pubDate": f"Mon, {i % 28 + 1:02d} Jun 2025 08:{i % 60:02d}:00 +0000",
            "description": f"<p>Story {i} from the Mopti region. {words}</p>",
        }
        for i in range(start, start + n)
    ]


def atom(entries: list[dict], *, title: str = "Lake Chad Monitor",
         feed_id: str = "tag:lakechad.example,2025:feed") -> bytes:
    """An Atom 1.0 document. Entry keys: id, title, link, updated, published, summary, content
    (HTML), author."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
        f"<title>{escape(title)}</title>",
        f"<id>{escape(feed_id)}</id>",
        "<updated>2025-06-03T12:00:00Z</updated>",
        '<link rel="alternate" href="https://lakechad.example/"/>',
    ]
    for e in entries:
        parts.append("<entry>")
        if "id" in e:
            parts.append(f"<id>{escape(e['id'])}</id>")
        if "title" in e:
            parts.append(f"<title>{escape(e['title'])}</title>")
        if "link" in e:
            parts.append(f'<link rel="alternate" href="{escape(e["link"])}"/>')
        if "updated" in e:
            parts.append(f"<updated>{e['updated']}</updated>")
        if "published" in e:
            parts.append(f"<published>{e['published']}</published>")
        if "author" in e:
            parts.append(f"<author><name>{escape(e['author'])}</name></author>")
        if "summary" in e:
            parts.append(f"<summary>{escape(e['summary'])}</summary>")
        if "content" in e:
            parts.append(f'<content type="html">{escape(e["content"])}</content>')
        parts.append("</entry>")
    parts += ["</feed>", ""]
    return "\n".join(parts).encode("utf-8")


TEST_TIMEOUT = 30.0  # seconds: see make_config


def make_config(tmp_path: Path, feeds: list[str | FeedConfig], **settings) -> Config:
    """A Config built directly (no feeds.toml), its database in ``tmp_path``."""
    fcs = [f if isinstance(f, FeedConfig) else FeedConfig(url=f, name=f) for f in feeds]
    settings.setdefault("database", tmp_path / "db" / "sahel.db")
    # generous: a timeout here only matters when something is broken, and a loaded CI
    # machine can keep the in-process server thread from answering for seconds. Tests of
    # timeouts set their own, against routes that never answer in time.
    settings.setdefault("timeout", TEST_TIMEOUT)
    settings.setdefault("connect_timeout", TEST_TIMEOUT)
    return Config(path=None, settings=Settings(**settings), feeds=fcs)


def db_connect(config: Config) -> closing[sqlite3.Connection]:
    """``with db_connect(cfg) as conn:`` -- closed afterwards."""
    conn = sqlite3.connect(config.settings.database)
    conn.row_factory = sqlite3.Row
    return closing(conn)


def feed_row(config: Config, config_url: str) -> sqlite3.Row:
    with db_connect(config) as conn:
        return conn.execute("SELECT * FROM feeds WHERE config_url = ?", (config_url,)).fetchone()


def items_of(config: Config, config_url: str) -> list[sqlite3.Row]:
    """The items linked to one feed (through item_feeds), oldest id first."""
    with db_connect(config) as conn:
        return conn.execute(
            """SELECT i.* FROM items i JOIN item_feeds x ON x.item_id = i.id
               JOIN feeds f ON f.id = x.feed_id WHERE f.config_url = ? ORDER BY i.id""",
            (config_url,),
        ).fetchall()


def count(config: Config, sql: str, *args) -> int:
    with db_connect(config) as conn:
        return conn.execute(sql, args).fetchone()[0]
