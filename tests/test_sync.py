"""A sync end to end: items stored once, updated in place, bad feeds kept apart."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from helpers_feeds import (
    FIXTURES,
    count,
    db_connect,
    feed_row,
    items_of,
    make_config,
    news_items,
    rss,
)
from helpers_http import Response, closed_port_url

from sahel_tui.config import FeedConfig, load_config
from sahel_tui.ingest.sync import sync, sync_async

SAHEL_WIRE = (FIXTURES / "sahel_wire.rss").read_bytes()


def fts(config, query: str) -> list[int]:
    with db_connect(config) as conn:
        return [r[0] for r in conn.execute(
            "SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid", (query,))]


# -- a feed that changes ------------------------------------------------------------------

def test_feed_that_changes_gives_one_new_and_one_updated(tmp_path, server):
    v1 = news_items(3)
    v2 = [dict(it) for it in v1]
    v2[1]["description"] = "<p>Story 2, corrected: the attack was near Boulkessi.</p>"
    v2.append({"title": "Tillabéri: marché rouvert", "guid": "https://sahelwire.example/t",
               "link": "https://sahelwire.example/t", "description": "<p>Le marché rouvre.</p>",
               "pubDate": "Wed, 04 Jun 2025 10:00:00 +0000"})
    url = server.route("/wire.xml", [Response(body=rss(v1)), Response(body=rss(v2))])
    cfg = make_config(tmp_path, [url])

    first = sync(cfg).outcomes[0]
    assert (first.new, first.updated, first.entries) == (3, 0, 3)
    before = {r["guid"]: r for r in items_of(cfg, url)}
    assert fts(cfg, "Boulkessi") == []

    second = sync(cfg).outcomes[0]
    assert (second.new, second.updated, second.entries) == (1, 1, 4)
    after = {r["guid"]: r for r in items_of(cfg, url)}
    edited = v1[1]["guid"]
    assert after[edited]["id"] == before[edited]["id"], "an edit keeps the row"
    assert "Boulkessi" in after[edited]["text"]
    assert after[edited]["updated_at"] >= before[edited]["updated_at"]
    assert after[edited]["first_seen_at"] == before[edited]["first_seen_at"]
    # the untouched items are not rewritten
    for g in (v1[0]["guid"], v1[2]["guid"]):
        assert after[g]["content_hash"] == before[g]["content_hash"]
    # full-text search follows: new words found, the old text gone from the index
    assert fts(cfg, "Boulkessi") == [after[edited]["id"]]
    assert fts(cfg, "Tillaberi") == [after["https://sahelwire.example/t"]["id"]]  # diacritics
    assert after[edited]["id"] not in fts(cfg, '"Story 2 from the Mopti region"')
    assert count(cfg, "SELECT count(*) FROM items") == 4


def test_guessed_date_is_replaced_by_a_real_one_later(tmp_path, server):
    undated = {"title": "Sans date", "guid": "https://x.example/1", "link": "https://x.example/1"}
    dated = dict(undated, pubDate="Mon, 02 Jun 2025 07:00:00 +0200")
    url = server.route("/d.xml", [Response(body=rss([undated])), Response(body=rss([dated]))])
    cfg = make_config(tmp_path, [url])
    sync(cfg)
    (row,) = items_of(cfg, url)
    assert row["published_guessed"] == 1
    sync(cfg)
    (row,) = items_of(cfg, url)
    assert (row["published"], row["published_guessed"]) == ("2025-06-02T05:00:00Z", 0)


# -- one story, several feeds -----------------------------------------------------------------

def test_same_url_guid_in_two_feeds_is_one_item(tmp_path, server):
    story = {"title": "Ménaka: attaque", "guid": "https://agency.example/2025/06/menaka",
             "description": "<p>Dépêche d'agence.</p>"}
    a = server.route("/a.xml", rss([dict(story, link="https://paper-a.example/menaka")]))
    b = server.route("/b.xml", rss([dict(story, link="https://paper-b.example/menaka-1")]))
    cfg = make_config(tmp_path, [a, b])
    sync(cfg)
    assert count(cfg, "SELECT count(*) FROM items") == 1
    assert count(cfg, "SELECT count(*) FROM item_feeds") == 2
    with db_connect(cfg) as conn:
        links = {r[0] for r in conn.execute("SELECT link FROM item_feeds")}
    assert links == {"https://paper-a.example/menaka", "https://paper-b.example/menaka-1"}


def test_same_canonical_link_with_tracking_params_is_one_item(tmp_path, server):
    a = server.route("/a.xml", rss([{
        "title": "Niamey: couvre-feu levé", "guid": "a-1001", "guid_permalink": False,
        "link": "https://news.example/niamey?id=7&utm_source=rss&utm_medium=feed"}]))
    b = server.route("/b.xml", rss([{
        "title": "Niamey : le couvre-feu est levé", "guid": "b-77", "guid_permalink": False,
        "link": "https://NEWS.example/niamey?id=7&utm_campaign=x&fbclid=abc#comments"}]))
    cfg = make_config(tmp_path, [a, b])
    report = sync(cfg)
    assert [o.new for o in report.outcomes].count(1) == 1
    assert count(cfg, "SELECT count(*) FROM items") == 1
    assert count(cfg, "SELECT count(*) FROM item_feeds") == 2
    (item,) = items_of(cfg, a)
    assert item["canonical_link"] == "https://news.example/niamey?id=7"


def test_non_url_guid_is_scoped_to_its_feed(tmp_path, server):
    a = server.route("/a.xml", rss([{"title": "Item A", "guid": "42", "guid_permalink": False,
                                      "link": "https://a.example/42"}]))
    b = server.route("/b.xml", rss([{"title": "Item B", "guid": "42", "guid_permalink": False,
                                      "link": "https://b.example/42"}]))
    cfg = make_config(tmp_path, [a, b])
    sync(cfg)
    assert count(cfg, "SELECT count(*) FROM items") == 2
    assert [r["title"] for r in items_of(cfg, a)] == ["Item A"]
    assert [r["title"] for r in items_of(cfg, b)] == ["Item B"]


def test_items_all_linking_to_the_home_page_stay_apart(tmp_path, server):
    items = [{"title": f"Communiqué {i}", "guid": f"cp-{i}", "guid_permalink": False,
              "link": "https://ministere.example/"} for i in range(4)]
    url = server.route("/cp.xml", rss(items))
    cfg = make_config(tmp_path, [url])
    assert sync(cfg).outcomes[0].new == 4
    assert count(cfg, "SELECT count(*) FROM items") == 4


def test_duplicate_guid_inside_one_feed_is_one_item(tmp_path, server):
    it = {"title": "Doublon", "guid": "https://dup.example/1", "link": "https://dup.example/1"}
    url = server.route("/dup.xml", rss([it, dict(it)]))
    cfg = make_config(tmp_path, [url])
    out = sync(cfg).outcomes[0]
    assert out.new == 1 and count(cfg, "SELECT count(*) FROM items") == 1


# -- bad feeds among good ones --------------------------------------------------------------

def test_bad_feeds_never_spoil_the_good_ones(tmp_path, server):
    good = server.route("/good.xml", SAHEL_WIRE)
    err500 = server.route("/500.xml", Response(500, b"Internal Server Error",
                                                content_type="text/plain"))
    html = server.route("/page.html", Response(body=(FIXTURES / "not_a_feed.html").read_bytes(),
                                               content_type="text/html; charset=utf-8"))
    refused = closed_port_url()
    good_file = (FIXTURES / "lakechad_monitor.atom").as_uri()
    missing = (tmp_path / "nowhere.xml").as_uri()
    cfg = make_config(tmp_path, [err500, refused, good, html, missing, good_file])
    report = sync(cfg)

    assert len(report.outcomes) == 6
    by_url = {o.url: o for o in report.outcomes}
    assert by_url[good].ok and by_url[good].new == 4
    assert by_url[good_file].ok and by_url[good_file].new == 2
    assert by_url[err500].error.startswith("HTTP 500")
    assert "not a feed" in by_url[html].error
    assert "no such file" in by_url[missing].error
    assert by_url[refused].error
    for url in (err500, refused, html, missing):
        row = feed_row(cfg, url)
        assert row["last_error"] == by_url[url].error
        assert "\n" not in row["last_error"] and len(row["last_error"]) < 400
        assert "Traceback" not in row["last_error"]
        assert items_of(cfg, url) == []
    # the good feed's only note: its item dated 2099 was given the fetch time
    assert feed_row(cfg, good)["last_error"] == \
        "1 entry dated in the future (latest 2099-01-01) given the fetch time instead"
    assert len(report.failed) == 4 and not report.nothing_fetched
    assert report.summary().startswith("2/6 feeds ok, 6 new items")
    line = by_url[refused].line()
    assert refused in line and "\n" not in line


def test_every_feed_failing_is_nothing_fetched(tmp_path):
    cfg = make_config(tmp_path, [closed_port_url("/a"), (tmp_path / "x.xml").as_uri()])
    report = sync(cfg)
    assert report.nothing_fetched and len(report.failed) == 2


def test_fetch_runs_and_progress(tmp_path, server):
    urls = [server.route(f"/f{i}.xml", rss(news_items(2, prefix=f"https://f{i}.example/")))
            for i in range(3)]
    cfg = make_config(tmp_path, urls)
    seen = []
    report = sync(cfg, progress=lambda o, done, total: seen.append((o.url, done, total)))
    assert [(d, t) for _, d, t in seen] == [(1, 3), (2, 3), (3, 3)]
    assert {u for u, _, _ in seen} == set(urls)
    with db_connect(cfg) as conn:
        run = conn.execute("SELECT * FROM fetch_runs").fetchone()
    assert (run["feeds"], run["ok"], run["failed"], run["new_items"]) == (3, 3, 0, 6)
    assert run["finished_at"] >= run["started_at"]
    assert report.new_items == 6


def test_only_and_disabled(tmp_path, server):
    a = server.route("/a.xml", rss(news_items(1, prefix="https://a.example/")))
    b = server.route("/b.xml", rss(news_items(1, prefix="https://b.example/")))
    c = server.route("/c.xml", rss(news_items(1, prefix="https://c.example/")))
    feeds = [FeedConfig(a, "Alpha"), FeedConfig(b, "Bravo"), FeedConfig(c, "Charlie",
                                                                        enabled=False)]
    cfg = make_config(tmp_path, feeds)
    report = sync(cfg, only=["bravo"])
    assert [o.name for o in report.outcomes] == ["Bravo"]
    report = sync(cfg)
    assert sorted(o.name for o in report.outcomes) == ["Alpha", "Bravo"]
    assert server.hits("/c.xml") == 0
    # a feed dropped from the config is disabled, its items kept
    cfg.feeds = feeds[1:2]
    sync(cfg)
    assert feed_row(cfg, a)["enabled"] == 0
    assert len(items_of(cfg, a)) == 1


async def test_sync_async_inside_a_running_loop(tmp_path, server):
    url = server.route("/async.xml", SAHEL_WIRE)
    report = await sync_async(make_config(tmp_path, [url]))
    assert report.outcomes[0].new == 4


# -- local files --------------------------------------------------------------------------

def test_file_urls_and_plain_paths_from_feeds_toml(tmp_path, monkeypatch):
    conf_dir = tmp_path / "analyst"
    (conf_dir / "my feeds").mkdir(parents=True)  # a space: %20 in the file:// URL
    shutil.copy(FIXTURES / "sahel_wire.rss", conf_dir / "my feeds" / "wire.rss")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    atom = FIXTURES / "lakechad_monitor.atom"
    (conf_dir / "feeds.toml").write_text(
        '[[feeds]]\nurl = "my feeds/wire.rss"\nname = "Wire (relative path)"\n\n'
        f'[[feeds]]\nurl = "{atom.as_uri()}"\nname = "Monitor (file URL)"\n\n'
        f'[[feeds]]\nurl = "{atom}"\nname = "Monitor (absolute path)"\n',
        encoding="utf-8")
    monkeypatch.chdir(elsewhere)  # relative paths follow feeds.toml, not the cwd
    cfg = load_config(conf_dir / "feeds.toml", db=tmp_path / "t.db")
    assert cfg.feeds[0].url == (conf_dir / "my feeds" / "wire.rss").resolve().as_uri()
    assert "%20" in cfg.feeds[0].url
    assert cfg.warnings and "listed twice" in cfg.warnings[0]  # the atom one, twice
    report = sync(cfg)
    assert sorted((o.name, o.ok, o.new) for o in report.outcomes) == [
        ("Monitor (file URL)", True, 2), ("Wire (relative path)", True, 4)]
    # unchanged file: not parsed again
    assert all(o.unchanged for o in sync(cfg).outcomes)


def test_file_over_max_bytes(tmp_path):
    big = tmp_path / "big.xml"
    big.write_bytes(rss(news_items(200, words="Kayes " * 50)))
    cfg = make_config(tmp_path, [big.as_uri()], max_bytes=50_000)
    out = sync(cfg).outcomes[0]
    assert "larger than" in out.error
    assert items_of(cfg, big.as_uri()) == []


def test_directory_is_not_a_feed(tmp_path):
    cfg = make_config(tmp_path, [tmp_path.as_uri()])
    assert "folder" in sync(cfg).outcomes[0].error


# -- what reaches the database ------------------------------------------------------------

def test_times_are_utc_and_guesses_flagged(tmp_path):
    url = (FIXTURES / "sahel_wire.rss").as_uri()
    cfg = make_config(tmp_path, [url])
    sync(cfg)
    rows = {r["title"].split(" :")[0]: r for r in items_of(cfg, url)}
    assert (rows["Mali"]["published"], rows["Mali"]["published_guessed"]) == \
        ("2025-06-03T08:15:00Z", 0)  # +0100 converted
    assert (rows["Burkina Faso"]["published"], rows["Burkina Faso"]["published_guessed"]) == \
        ("2025-06-02T18:40:00Z", 0)
    # no date: the feed's lastBuildDate stands in, flagged as a guess
    assert (rows["Niger"]["published"], rows["Niger"]["published_guessed"]) == \
        ("2025-06-03T10:30:00Z", 1)
    # a date in 2099 is not believed
    assert rows["Tchad"]["published"] < "2099"
    assert rows["Tchad"]["published_guessed"] == 1


def test_hostile_text_is_stored_inert(tmp_path):
    urls = [(FIXTURES / name).as_uri() for name in ("hostile.rss", "hostile_raw.rss")]
    cfg = make_config(tmp_path, urls)
    report = sync(cfg)
    assert all(o.ok for o in report.outcomes), [o.line() for o in report.outcomes]
    with db_connect(cfg) as conn:
        rows = conn.execute("SELECT title, text, author FROM items").fetchall()
        feed_titles = [r[0] for r in conn.execute("SELECT title FROM feeds")]
    assert len(rows) == 2
    bad = [chr(c) for c in range(0x20) if chr(c) not in "\n\t"] + \
        [chr(c) for c in range(0x7F, 0xA0)] + [chr(c) for c in range(0x202A, 0x202F)] + \
        [chr(c) for c in range(0x2066, 0x206A)]
    for value in [v for r in rows for v in r if v] + feed_titles:
        assert not any(ch in value for ch in bad), repr(value)
        assert "\x1b" not in value and "]0;" not in value and "owned" not in value
    by_title = {r["title"]: r for r in rows}
    gao = next(r for t, r in by_title.items() if t.startswith("Gao"))
    # Rich markup is text: stored exactly as written
    assert "[bold red]x[/]" in gao["title"]
    assert "[link=https://evil.example]click[/link]" in gao["title"]
    assert "[bold]markup[/bold]" in gao["text"]
    assert "document.title" not in gao["text"] and "color: red" not in gao["text"]
    assert gao["text"].startswith("First") and "\n\nSecond" in gao["text"]
    raw = next(r for t, r in by_title.items() if t.startswith("Menaka"))
    assert raw["title"] == "Menaka curfew extended"
    assert raw["text"] == "Curfew extended in Menaka."


def test_sizes_are_bounded_in_the_store(tmp_path, server):
    item = {"title": "Kidal " * 400, "guid": "https://big.example/1",
            "link": "https://big.example/1",
            "description": "<p>" + "Ansongo Ménaka Tessit " * 6000 + "</p>"}
    url = server.route("/big.xml", rss([item]))
    cfg = make_config(tmp_path, [url])
    sync(cfg)
    (row,) = items_of(cfg, url)
    assert len(row["title"]) <= 500 and row["title"].endswith("…")
    assert len(row["text"]) <= 100_000 and row["text"].endswith("…")


def test_a_feed_moved_onto_another_feeds_url_is_kept_apart(tmp_path, server):
    """Feed A redirects permanently to B's address, which B already uses: no crash, a
    warning, and both keep working."""
    b = server.route("/b.xml", rss(news_items(1)))
    a = server.route("/a.xml", Response(301, headers={"Location": "/b.xml"}))
    cfg = make_config(tmp_path, [b, a])
    report = sync(cfg)
    by_url = {o.url: o for o in report.outcomes}
    assert by_url[a].ok and "already uses" in by_url[a].warning
    assert feed_row(cfg, a)["url"] == a
    assert count(cfg, "SELECT count(*) FROM items") == 1
    # the constraint that made it necessary
    with pytest.raises(sqlite3.IntegrityError), db_connect(cfg) as conn:
        conn.execute("UPDATE feeds SET url = ? WHERE config_url = ?", (b, a))


def test_moved_feed_whose_new_address_is_written_into_feeds_toml(tmp_path, server):
    """After "moved permanently", the analyst replaces the old URL with the new one: the same
    feed row (items, state) carries on, and nothing crashes on the unique url."""
    old = server.route("/old.xml", Response(301, headers={"Location": "/new.xml"}))
    new = server.route("/new.xml", rss(news_items(2)))
    cfg = make_config(tmp_path, [FeedConfig(old, "Wire")])
    first = sync(cfg).outcomes[0]
    assert "moved permanently" in first.warning
    feed_id = feed_row(cfg, old)["id"]
    cfg.feeds = [FeedConfig(new, "Wire")]
    out = sync(cfg).outcomes[0]
    assert out.ok and out.unchanged
    row = feed_row(cfg, new)
    assert (row["id"], row["url"], row["enabled"]) == (feed_id, new, 1)
    assert len(items_of(cfg, new)) == 2
    assert count(cfg, "SELECT count(*) FROM feeds") == 1


def test_moved_feed_listed_under_both_addresses(tmp_path, server):
    old = server.route("/old.xml", Response(301, headers={"Location": "/new.xml"}))
    new = server.route("/new.xml", rss(news_items(2)))
    cfg = make_config(tmp_path, [old])
    sync(cfg)
    cfg.feeds = make_config(tmp_path, [old, new]).feeds
    report = sync(cfg)
    assert all(o.ok for o in report.outcomes), [o.line() for o in report.outcomes]
    assert feed_row(cfg, new)["url"] == new
    assert count(cfg, "SELECT count(*) FROM items") == 2
