"""Full articles over loopback: every page ends in a stored text or a stored reason."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta

import pytest
from helpers_feeds import count, db_connect, make_config, rss
from helpers_http import Response

from sahel_tui.config import FeedConfig, parse_config
from sahel_tui.ingest.extract import NotAnArticle, extract_page
from sahel_tui.ingest.fulltext import fetch_articles
from sahel_tui.ingest.sync import sync

HTML = "text/html; charset=utf-8"


def page(title: str, paragraphs: list[str]) -> bytes:
    """A news page as sites make them: navigation, the article, related links, a footer."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | Sahel Wire</title><script>var tracking = "window.ads";</script></head>
<body><header><nav><a href="/">Home</a> <a href="/mali">Mali</a> <a href="/niger">Niger</a>
<a href="/about">About us</a></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Staff Reporter</p>
{body}
</article></main>
<aside><h2>Related</h2><ul><li><a href="/x">Another story about the market</a></li>
<li><a href="/y">Weather for the week</a></li></ul></aside>
<footer><p>Copyright Sahel Wire. All rights reserved. Subscribe to our newsletter.</p></footer>
</body></html>""".encode()


ARTICLE = [
    "Gunmen attacked the village of Koulogon in the Bankass circle on Sunday morning, "
    "residents and local officials said, in the deadliest attack in the area this year.",
    "At least twelve civilians were killed and several granaries were burned, according to "
    "the mayor, who asked that his name not be used for his safety.",
    "The army said on Monday that a patrol had reached the village and that the wounded "
    "had been taken to the health centre in Bankass for treatment.",
    "Displaced families from the surrounding hamlets have gathered near the weekly market, "
    "where a local association distributes millet and water.",
]


def feed_with(server, links: list[str], *, description: str = "<p>Teaser.</p>") -> bytes:
    items = [{"title": f"Story {i}", "link": link, "guid": link,
              "pubDate": "Mon, 02 Jun 2025 08:00:00 +0000", "description": description}
             for i, link in enumerate(links)]
    return rss(items)


def setup(tmp_path, server, routes: dict[str, Response], *, full_text=True, **settings):
    links = [server.route(path, resp) for path, resp in routes.items()]
    feed_url = server.route("/feed.xml", feed_with(server, links))
    settings.setdefault("full_text_delay", 0.0)
    cfg = make_config(tmp_path, [FeedConfig(url=feed_url, name="wire", full_text=full_text)],
                      **settings)
    sync(cfg)
    return cfg, links


def states(cfg) -> dict[str, tuple]:
    with db_connect(cfg) as conn:
        rows = conn.execute("SELECT i.link, a.state, a.error, a.attempts, i.article "
                            "FROM items i LEFT JOIN articles a ON a.item_id = i.id").fetchall()
    return {r[0]: tuple(r)[1:] for r in rows}


def ok(body: bytes = b"", **kw) -> Response:
    return Response(body=body or page("Koulogon attack", ARTICLE), content_type=HTML, **kw)


def test_each_page_ends_in_a_text_or_a_reason(tmp_path, server):
    big = page("Huge", ARTICLE * 4000)
    cfg, links = setup(tmp_path, server, {
        "/a/ok.html": ok(),
        "/a/missing.html": Response(404, b"no", content_type="text/plain"),
        "/a/moved.html": Response(301, headers={"Location": "/a/ok2.html"}),
        "/a/ok2.html": ok(),
        "/a/to-file.html": Response(302, headers={"Location": "file:///etc/passwd"}),
        "/a/big.html": Response(body=big, content_type=HTML),
        "/a/report.pdf": Response(body=b"%PDF-1.4 binary", content_type="application/pdf"),
        "/a/slow.html": ok(delay=600),  # answers only when the server closes
        "/a/loop.html": Response(302, headers={"Location": "/a/loop.html"}),
    }, full_text_max_bytes=200_000, timeout=2.0)  # 0.5 s failed good pages under load
    report = fetch_articles(cfg)
    got = states(cfg)
    ok_state = got[links[0]]
    assert ok_state[0] == "ok" and "twelve civilians were killed" in ok_state[3]
    assert "Subscribe to our newsletter" not in ok_state[3]  # the boilerplate is left out
    assert "Another story about the market" not in ok_state[3]
    assert got[links[1]][:2] == ("failed", "HTTP 404 Not Found")
    assert got[links[2]][0] == "ok"  # followed the redirect
    assert got[links[4]][0] == "failed" and "not http(s); refused" in got[links[4]][1]
    assert got[links[5]][0] == "failed" and "page larger than" in got[links[5]][1]
    assert got[links[6]][:2] == ("failed", "not a web page (application/pdf)")
    assert got[links[7]][0] == "failed" and "timed out" in got[links[7]][1]
    assert got[links[8]][:2] == ("failed", "too many redirects")
    for link in (links[4], links[5], links[6]):  # no retry can change these
        assert got[link][2] == cfg.settings.full_text_attempts
    assert got[links[1]][2] == 1 and got[links[7]][2] == 1  # these are tried again later
    assert got[links[1]][3] is None  # no article, the feed's text stays
    assert server.hits("/a/ok2.html") == 2  # the redirected page and the linked one
    assert report.count("ok") == 3 and len(report.failed) == 6
    # the feed sync is not held up or spoiled: the items are all there with their text
    assert count(cfg, "SELECT count(*) FROM items WHERE text = 'Teaser.'") == 9


def test_article_is_searchable_and_a_shorter_one_does_not_replace_the_feed_text(tmp_path, server):
    long_teaser = "<p>" + " ".join(ARTICLE * 3) + "</p>"
    links = [server.route("/s/1.html", ok()), server.route("/s/2.html", ok())]
    items = [{"title": "Short", "link": links[0], "guid": links[0], "description": "<p>Tease.</p>"},
             {"title": "Long", "link": links[1], "guid": links[1], "description": long_teaser}]
    feed = server.route("/feed.xml", rss(items))
    cfg = make_config(tmp_path, [FeedConfig(url=feed, name="w", full_text=True)],
                      full_text_delay=0.0)
    sync(cfg)
    fetch_articles(cfg)
    got = states(cfg)
    assert got[links[0]][0] == "ok"
    assert got[links[1]][0] == "shorter" and got[links[1]][3] is None
    with db_connect(cfg) as conn:
        hits = conn.execute("SELECT i.link FROM items_fts f JOIN items i ON i.id = f.rowid "
                            "WHERE items_fts MATCH 'granaries'").fetchall()
        # the query language's search finds words that only the article has
        from sahel_tui.store.query import parse

        q = parse("granaries")
        found = conn.execute(f"SELECT link FROM items WHERE {q.where}", q.params).fetchall()
    assert {r[0] for r in hits} == {links[0], links[1]}  # the long teaser has the word too
    assert {r[0] for r in found} == {links[0], links[1]}
    with db_connect(cfg) as conn:
        conn.execute("INSERT INTO items_fts(items_fts) VALUES ('integrity-check')")


def test_hostile_page_text_is_sanitised(tmp_path, server):
    evil = [p + " \x1b]52;c;ZXZpbA==\x07\x1b[2J\u202e" for p in ARTICLE]
    cfg, links = setup(tmp_path, server, {"/e.html": ok(page("Evil", evil))})
    fetch_articles(cfg)
    text = states(cfg)[links[0]][3]
    assert "Koulogon" in text
    assert not any(c in text for c in "\x1b\x07\u202e")


def test_feeds_not_opted_in_are_left_alone_unless_asked(tmp_path, server):
    cfg, _links = setup(tmp_path, server, {"/n.html": ok()}, full_text=None)
    assert fetch_articles(cfg).outcomes == []
    assert server.hits("/n.html") == 0
    report = fetch_articles(cfg, every_feed=True)  # sahel-tui fetch --full-text
    assert report.count("ok") == 1


def test_global_default_opts_every_feed_in(tmp_path, server):
    cfg, _links = setup(tmp_path, server, {"/g.html": ok()}, full_text=None)
    cfg.settings = cfg.settings.__class__(**{**cfg.settings.__dict__, "full_text": True})
    assert fetch_articles(cfg).count("ok") == 1


def test_failures_are_retried_a_limited_number_of_times(tmp_path, server):
    cfg, links = setup(tmp_path, server, {"/r.html": Response(503, b"busy", content_type=None)},
                       full_text_attempts=2)
    fetch_articles(cfg)
    assert states(cfg)[links[0]][:3] == ("failed", "HTTP 503 Service Unavailable", 1)
    assert fetch_articles(cfg).outcomes == []  # waiting for its next try
    _make_due(cfg)
    fetch_articles(cfg)
    assert states(cfg)[links[0]][2] == 2
    _make_due(cfg)
    assert fetch_articles(cfg).outcomes == []  # at the limit: not tried by a sync again
    assert server.hits("/r.html") == 2
    # the analyst's request tries it whatever the count
    server.route("/r.html", ok())
    with db_connect(cfg) as conn:
        item_id = conn.execute("SELECT id FROM items").fetchone()[0]
    assert fetch_articles(cfg, item_ids=[item_id]).count("ok") == 1
    assert states(cfg)[links[0]][:3] == ("ok", None, 0)


def _make_due(cfg) -> None:
    with db_connect(cfg) as conn:
        conn.execute("UPDATE articles SET next_try_at = '2000-01-01T00:00:00Z'")
        conn.commit()


def test_retry_after_defers_the_rest_of_the_site(tmp_path, server):
    routes = {"/t/1.html": Response(429, b"slow down", content_type="text/plain",
                                    headers={"Retry-After": "120"})}
    routes |= {f"/t/{i}.html": ok() for i in range(2, 5)}
    cfg, links = setup(tmp_path, server, routes)
    # the newest item is fetched first: make the 429 page the newest
    with db_connect(cfg) as conn:
        conn.execute("UPDATE items SET first_seen_at = '2100-01-01T00:00:00Z' WHERE link = ?",
                     (links[0],))
        conn.commit()
    report = fetch_articles(cfg)
    assert report.count("deferred") == 3
    got = states(cfg)
    assert "retry after 120 s" in got[links[0]][1]
    for link in links[1:]:
        assert got[link][0] == "failed" and got[link][2] == 0  # not counted as a try
        assert "asked to wait" in got[link][1]
    assert sum(server.hits(p) for p in routes) == 1


def test_robots_txt_is_obeyed_and_kept(tmp_path, server):
    server.route("/robots.txt", Response(body=b"User-agent: *\nDisallow: /private/\n",
                                         content_type="text/plain"))
    cfg, links = setup(tmp_path, server, {"/private/p.html": ok(), "/public/p.html": ok()})
    fetch_articles(cfg)
    got = states(cfg)
    assert got[links[0]][:3] == ("failed", "the site's robots.txt does not allow fetching "
                                 "this page", cfg.settings.full_text_attempts)
    assert got[links[1]][0] == "ok"
    assert server.hits("/private/p.html") == 0
    with db_connect(cfg) as conn:
        new = conn.execute("SELECT id FROM items WHERE link = ?", (links[1],)).fetchone()[0]
        conn.execute("DELETE FROM articles WHERE item_id = ?", (new,))
        conn.commit()
    fetch_articles(cfg)
    assert server.hits("/robots.txt") == 1  # read once a day, not at every run


def test_unreadable_robots_txt_means_wait(tmp_path, server):
    server.route("/robots.txt", Response(500, b"oops", content_type="text/plain"))
    cfg, links = setup(tmp_path, server, {"/w.html": ok()})
    fetch_articles(cfg)
    state, error, attempts, _ = states(cfg)[links[0]]
    assert state == "failed" and "robots.txt could not be read (HTTP 500" in error
    assert attempts == 1 and server.hits("/w.html") == 0


def test_one_site_gets_one_page_at_a_time_with_a_pause(tmp_path, server, monkeypatch):
    from sahel_tui.ingest import fulltext

    server.route("/robots.txt", Response(body=b"User-agent: *\nCrawl-delay: 2\n",
                                         content_type="text/plain"))
    routes = {f"/p/{i}.html": ok(delay=0.05) for i in range(5)}
    cfg, _links = setup(tmp_path, server, routes, full_text_per_host=1, full_text_delay=0.1)
    waits = []
    real_turn = fulltext._Host.turn

    async def turn(self, delay):
        waits.append(delay)
        await real_turn(self, 0.0)  # the pause itself is not waited out here

    monkeypatch.setattr(fulltext._Host, "turn", turn)
    server.max_in_flight = 0
    fetch_articles(cfg)
    assert server.max_in_flight == 1
    assert waits == [2.0] * 5  # the site's Crawl-delay, above our own 0.1


def test_pause_between_turns_of_one_site():
    import asyncio

    from sahel_tui.ingest.fulltext import _Host

    async def run():
        host = _Host("http://a.example", 1)
        loop = asyncio.get_running_loop()
        start = loop.time()
        await host.turn(0.05)
        await host.turn(0.05)
        await host.turn(0.05)
        return host.next_at - start

    # the third turn is booked 0.1 s after the first, the next one after that
    assert asyncio.run(run()) >= 0.15


def test_refetch_on_request_is_conditional(tmp_path, server):
    def conditional(req):
        if req.header("If-None-Match") == '"v1"':
            return Response(304, content_type=None)
        return ok(headers={"ETag": '"v1"'})

    cfg, links = setup(tmp_path, server, {"/c.html": conditional})
    fetch_articles(cfg)
    with db_connect(cfg) as conn:
        item_id = conn.execute("SELECT id FROM items").fetchone()[0]
    report = fetch_articles(cfg, item_ids=[item_id])
    assert report.count("unchanged") == 1
    assert states(cfg)[links[0]][0] == "ok"
    assert server.requests_for("/c.html")[-1].header("If-None-Match") == '"v1"'


def test_gzip_page_and_declared_charset(tmp_path, server):
    latin = page("Ménaka", [p.replace("village", "localité éloignée") for p in ARTICLE])
    body = latin.decode().replace('charset="utf-8"', "").encode("latin-1")
    cfg, links = setup(tmp_path, server, {
        "/z.html": Response(body=gzip.compress(page("Gz", ARTICLE)), content_type=HTML,
                            headers={"Content-Encoding": "gzip"}),
        "/l.html": Response(body=body, content_type="text/html; charset=ISO-8859-1"),
    })
    fetch_articles(cfg)
    got = states(cfg)
    assert "Koulogon" in got[links[0]][3]
    assert "localité éloignée" in got[links[1]][3]


def test_old_items_are_not_fetched_by_a_sync(tmp_path, server):
    cfg, _links = setup(tmp_path, server, {"/o.html": ok()})
    old = (datetime.now(UTC) - timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with db_connect(cfg) as conn:
        conn.execute("UPDATE items SET first_seen_at = ?", (old,))
        conn.commit()
    assert fetch_articles(cfg).outcomes == []


def test_extract_page_refuses_what_is_not_html():
    with pytest.raises(NotAnArticle):
        extract_page(b'{"a": 1}', "application/json")
    assert extract_page(b"<html><body></body></html>", "text/html") == ""
    assert "Koulogon" in extract_page(page("K", ARTICLE), None)  # sniffed


def test_config_full_text_keys(tmp_path):
    text = """
[settings]
full_text = true
full_text_delay = 2
full_text_per_host = 1

[[feeds]]
url = "https://a.example/rss"
full_text = false

[[feeds]]
url = "https://b.example/rss"
"""
    cfg = parse_config(text, tmp_path / "feeds.toml")
    assert cfg.settings.full_text and cfg.settings.full_text_delay == 2.0
    assert cfg.full_text_urls() == {"https://b.example/rss"}
    from sahel_tui.config import ConfigError

    with pytest.raises(ConfigError, match=r"feeds.toml:4: settings.full_text must be true or false"):
        parse_config("[settings]\n\n\nfull_text = 1\n", tmp_path / "feeds.toml")
    with pytest.raises(ConfigError, match=r":3: feed #1: 'full_text' must be true or false"):
        parse_config('[[feeds]]\nurl = "https://a.example/"\nfull_text = "yes"\n',
                     tmp_path / "feeds.toml")
