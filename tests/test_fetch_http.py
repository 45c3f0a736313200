"""Fetching over real HTTP on loopback: validators, redirects, back-off, limits, politeness."""

from __future__ import annotations

import email.utils
import gzip
import time
from datetime import UTC, datetime, timedelta

import pytest
from helpers_feeds import feed_row, items_of, make_config, news_items, rss
from helpers_http import Response, closed_port_url

import sahel_tui.ingest.sync as sync_mod
from sahel_tui.config import DEFAULT_USER_AGENT
from sahel_tui.ingest.fetch import parse_retry_after
from sahel_tui.ingest.sync import sync

ETAG = 'W/"5f3c-1a2b3c"'  # weak, quoted: must travel back byte for byte
LAST_MOD = "Tue, 03 Jun 2025 10:15:00 GMT"
FEED = rss(news_items(3))


@pytest.fixture
def parse_calls(monkeypatch):
    """Counts calls of parse_feed made by sync (small bodies are parsed in a thread)."""
    calls = []
    real = sync_mod.parse_feed

    def counting(*args, **kwargs):
        calls.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(sync_mod, "parse_feed", counting)
    return calls


def _due(iso: str) -> float:
    return datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp()


# -- politeness ---------------------------------------------------------------------------

def test_user_agent_and_accept_are_sent(tmp_path, server):
    url = server.route("/ua.xml", FEED)
    sync(make_config(tmp_path, [url]))
    (req,) = server.requests_for("/ua.xml")
    assert req.header("User-Agent") == DEFAULT_USER_AGENT
    assert "application/rss+xml" in req.header("Accept")
    assert "gzip" in req.header("Accept-Encoding")
    # a first fetch has nothing to validate against
    assert req.header("If-None-Match") is None and req.header("If-Modified-Since") is None


def test_custom_user_agent(tmp_path, server):
    url = server.route("/ua.xml", FEED)
    sync(make_config(tmp_path, [url], user_agent="analyst-desk/2.0 (+mailto:desk@example.org)"))
    assert server.requests_for("/ua.xml")[0].header("User-Agent") == \
        "analyst-desk/2.0 (+mailto:desk@example.org)"


# -- conditional GET ----------------------------------------------------------------------

def test_conditional_get_roundtrip_and_304_costs_no_parse(tmp_path, server, parse_calls):
    def handler(req):
        if req.header("If-None-Match") == ETAG:
            return Response(304, headers={"ETag": ETAG})
        return Response(body=FEED, headers={"ETag": ETAG, "Last-Modified": LAST_MOD})

    url = server.route("/cond.xml", handler)
    cfg = make_config(tmp_path, [url])

    first = sync(cfg).outcomes[0]
    assert first.new == 3 and len(parse_calls) == 1
    row = feed_row(cfg, url)
    assert row["etag"] == ETAG and row["last_modified"] == LAST_MOD  # stored verbatim

    second = sync(cfg).outcomes[0]
    req = server.requests_for("/cond.xml")[-1]
    assert req.header("If-None-Match") == ETAG
    assert req.header("If-Modified-Since") == LAST_MOD
    assert second.not_modified and second.ok and second.status == 304
    assert len(parse_calls) == 1, "a 304 must not be parsed"
    row = feed_row(cfg, url)
    assert row["last_status"] == 304 and row["last_error"] is None
    assert row["etag"] == ETAG and row["last_modified"] == LAST_MOD
    assert len(items_of(cfg, url)) == 3


def test_each_validator_is_updated_on_its_own(tmp_path, server):
    url = server.route("/v.xml", [
        Response(body=rss(news_items(1)), headers={"ETag": '"v1"', "Last-Modified": LAST_MOD}),
        # only a new ETag: the stored Last-Modified stays
        Response(body=rss(news_items(2)), headers={"ETag": '"v2"'}),
        # only a new Last-Modified: the stored ETag stays
        Response(body=rss(news_items(3)),
                 headers={"Last-Modified": "Wed, 04 Jun 2025 09:00:00 GMT"}),
        Response(304),
    ])
    cfg = make_config(tmp_path, [url])
    sync(cfg)
    sync(cfg)
    row = feed_row(cfg, url)
    assert (row["etag"], row["last_modified"]) == ('"v2"', LAST_MOD)
    sync(cfg)
    row = feed_row(cfg, url)
    assert (row["etag"], row["last_modified"]) == ('"v2"', "Wed, 04 Jun 2025 09:00:00 GMT")
    sync(cfg)
    reqs = server.requests_for("/v.xml")
    assert reqs[1].header("If-None-Match") == '"v1"'
    assert reqs[2].header("If-None-Match") == '"v2"'
    assert reqs[2].header("If-Modified-Since") == LAST_MOD
    assert reqs[3].header("If-None-Match") == '"v2"'
    assert reqs[3].header("If-Modified-Since") == "Wed, 04 Jun 2025 09:00:00 GMT"
    assert len(items_of(cfg, url)) == 3


def test_unchanged_200_body_costs_no_parse(tmp_path, server, parse_calls):
    url = server.route("/same.xml", FEED)  # a server without validators
    cfg = make_config(tmp_path, [url])
    assert sync(cfg).outcomes[0].new == 3
    out = sync(cfg).outcomes[0]
    assert out.unchanged and out.ok and out.new == 0
    assert server.hits("/same.xml") == 2
    assert len(parse_calls) == 1


# -- redirects ----------------------------------------------------------------------------

@pytest.mark.parametrize("status", [301, 308])
def test_permanent_redirect_moves_the_feed(tmp_path, server, status):
    old = server.route("/old.xml", Response(status, headers={"Location": "/new.xml"}))
    new = server.route("/new.xml", FEED)
    cfg = make_config(tmp_path, [old])
    out = sync(cfg).outcomes[0]
    assert out.ok and out.new == 3
    row = feed_row(cfg, old)
    assert row["url"] == new and row["config_url"] == old
    sync(cfg)  # the next fetch goes straight to the new address
    assert server.hits("/old.xml") == 1 and server.hits("/new.xml") == 2


@pytest.mark.parametrize("status", [302, 307])
def test_temporary_redirect_keeps_the_url(tmp_path, server, status):
    old = server.route("/tmp.xml", Response(status, headers={"Location": "/elsewhere.xml"}))
    server.route("/elsewhere.xml", FEED)
    cfg = make_config(tmp_path, [old])
    assert sync(cfg).outcomes[0].new == 3
    assert feed_row(cfg, old)["url"] == old
    sync(cfg)
    assert server.hits("/tmp.xml") == 2


def test_permanent_then_temporary_redirect_is_not_a_move(tmp_path, server):
    a = server.route("/a.xml", Response(301, headers={"Location": "/b.xml"}))
    server.route("/b.xml", Response(302, headers={"Location": "/c.xml"}))
    server.route("/c.xml", FEED)
    cfg = make_config(tmp_path, [a])
    assert sync(cfg).outcomes[0].ok
    assert feed_row(cfg, a)["url"] == a


def test_redirect_loop_is_one_error(tmp_path, server):
    a = server.route("/loop.xml", Response(302, headers={"Location": "/loop.xml"}))
    cfg = make_config(tmp_path, [a])
    out = sync(cfg).outcomes[0]
    assert out.error == "too many redirects"


# -- back-off ----------------------------------------------------------------------------

@pytest.mark.parametrize("status", [429, 503])
@pytest.mark.parametrize("form", ["seconds", "http-date"])
def test_retry_after_defers_the_feed(tmp_path, server, status, form):
    wait = 1800
    if form == "seconds":
        header = str(wait)
    else:
        header = email.utils.format_datetime(datetime.now(UTC) + timedelta(seconds=wait),
                                             usegmt=True)
    url = server.route("/busy.xml", [Response(status, headers={"Retry-After": header}),
                                     Response(body=FEED)])
    cfg = make_config(tmp_path, [url])
    before = time.time()
    out = sync(cfg).outcomes[0]
    assert out.status == status and out.error.startswith(f"HTTP {status}")
    assert "retry after" in out.error
    row = feed_row(cfg, url)
    assert before + wait - 3 <= _due(row["next_due_at"]) <= time.time() + wait + 2
    assert row["error_count"] == 1 and row["last_status"] == status

    skipped = sync(cfg).outcomes[0]
    assert skipped.skipped and "wait" in skipped.skipped and skipped.error is None
    assert server.hits("/busy.xml") == 1, "a deferred feed is not fetched"

    forced = sync(cfg, force=True).outcomes[0]
    assert forced.ok and forced.new == 3
    row = feed_row(cfg, url)
    assert row["next_due_at"] is None and row["error_count"] == 0 and row["last_error"] is None
    assert sync(cfg).outcomes[0].skipped is None  # due again as usual


def test_503_without_retry_after_is_tried_next_time(tmp_path, server):
    url = server.route("/down.xml", Response(503))
    cfg = make_config(tmp_path, [url])
    sync(cfg)
    assert feed_row(cfg, url)["next_due_at"] is None
    sync(cfg)
    assert server.hits("/down.xml") == 2


def test_retry_after_is_capped(tmp_path, server):
    url = server.route("/slowdown.xml", Response(429, headers={"Retry-After": "99999999"}))
    cfg = make_config(tmp_path, [url])
    sync(cfg)
    assert _due(feed_row(cfg, url)["next_due_at"]) <= time.time() + 6 * 3600 + 5


def test_parse_retry_after_forms():
    now = 1_750_000_000.0
    assert parse_retry_after("120", now) == 120.0
    assert parse_retry_after(" 7 ", now) == 7.0
    date = email.utils.formatdate(now + 90, usegmt=True)
    assert abs(parse_retry_after(date, now) - 90) < 1.5
    assert parse_retry_after(email.utils.formatdate(now - 90, usegmt=True), now) == 0.0
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after("", now) is None and parse_retry_after(None, now) is None


def test_410_marks_the_feed_dead(tmp_path, server):
    url = server.route("/gone.xml", Response(410))
    cfg = make_config(tmp_path, [url])
    out = sync(cfg).outcomes[0]
    assert out.status == 410 and "410" in out.error
    assert feed_row(cfg, url)["dead"] == 1
    later = sync(cfg).outcomes[0]
    assert later.skipped and "410" in later.skipped
    assert server.hits("/gone.xml") == 1
    sync(cfg, force=True)
    assert server.hits("/gone.xml") == 2


def test_a_dead_feed_that_answers_again_is_revived(tmp_path, server):
    url = server.route("/back.xml", [Response(410), Response(body=FEED)])
    cfg = make_config(tmp_path, [url])
    sync(cfg)
    assert feed_row(cfg, url)["dead"] == 1
    assert sync(cfg, force=True).outcomes[0].new == 3
    assert feed_row(cfg, url)["dead"] == 0
    assert sync(cfg).outcomes[0].skipped is None  # fetched as usual again


# -- size limits ----------------------------------------------------------------------------

BIG = rss(news_items(400, words="Gao Tombouctou Ménaka " * 20))  # ~ 0.5 MB


@pytest.mark.parametrize("with_length", [True, False], ids=["content-length", "no-length"])
def test_oversize_body_is_refused_and_others_are_fine(tmp_path, server, with_length):
    assert len(BIG) > 200_000
    big = server.route("/big.xml", Response(body=BIG, content_length=with_length))
    small = server.route("/small.xml", FEED)
    cfg = make_config(tmp_path, [big, small], max_bytes=50_000)
    report = sync(cfg)
    by_url = {o.url: o for o in report.outcomes}
    assert "larger than" in by_url[big].error and "50 kB" in by_url[big].error
    assert items_of(cfg, big) == []
    assert feed_row(cfg, big)["body_hash"] is None
    assert by_url[small].ok and len(items_of(cfg, small)) == 3


def test_gzip_content_encoding_is_decoded(tmp_path, server):
    url = server.route("/gz.xml", Response(body=gzip.compress(FEED),
                                           headers={"Content-Encoding": "gzip"}))
    cfg = make_config(tmp_path, [url])
    out = sync(cfg).outcomes[0]
    assert out.ok and out.new == 3
    assert items_of(cfg, url)[0]["title"].startswith("Mopti: rapport")


def test_gzip_bomb_is_cut_off_after_decompression(tmp_path, server):
    inflated = FEED[:-20] + b" " * 3_000_000
    bomb = gzip.compress(inflated, 9)
    assert len(bomb) < 50_000 < len(inflated)
    url = server.route("/bomb.xml", Response(body=bomb, headers={"Content-Encoding": "gzip"}))
    ok = server.route("/ok.xml", FEED)
    cfg = make_config(tmp_path, [url, ok], max_bytes=50_000)
    by_url = {o.url: o for o in sync(cfg).outcomes}
    assert "larger than" in by_url[url].error
    assert items_of(cfg, url) == []
    assert by_url[ok].ok


def test_gzip_file_served_without_content_encoding(tmp_path, server):
    """A static server handing out feed.xml.gz as it is: we decompress it ourselves."""
    url = server.route("/feed.xml.gz", Response(body=gzip.compress(FEED),
                                                content_type="application/x-gzip"))
    cfg = make_config(tmp_path, [url])
    assert sync(cfg).outcomes[0].new == 3


def test_raw_gzip_bomb_is_bounded_by_max_bytes(tmp_path, server):
    """Same bomb without Content-Encoding: the client cannot see it, our decompression must."""
    bomb = gzip.compress(FEED[:-20] + b" " * 3_000_000, 9)
    url = server.route("/raw-bomb.gz", Response(body=bomb, content_type="application/x-gzip"))
    cfg = make_config(tmp_path, [url], max_bytes=50_000)
    out = sync(cfg).outcomes[0]
    assert "larger than" in out.error
    assert items_of(cfg, url) == []


# -- timeouts and broken servers ---------------------------------------------------------

def test_timeout_is_an_error_and_does_not_hold_up_others(tmp_path, server):
    # the slow route answers only when the server closes; 2 s is the fast route's time to
    # answer on a loaded machine (0.3 s was not always enough), and what the test lasts
    slow = server.route("/slow.xml", Response(body=FEED, delay=600))
    fast = server.route("/fast.xml", FEED)
    cfg = make_config(tmp_path, [slow, fast], timeout=2.0)
    started = time.monotonic()
    report = sync(cfg)
    elapsed = time.monotonic() - started
    by_url = {o.url: o for o in report.outcomes}
    assert "timed out" in by_url[slow].error
    assert by_url[fast].ok and by_url[fast].new == 3
    assert elapsed < 60  # gave up on the slow route (a wait for it would last 600 s)
    # both were asked at once: the fast one did not wait for the slow one's timeout
    (slow_req,), (fast_req,) = server.requests_for("/slow.xml"), server.requests_for("/fast.xml")
    assert fast_req.started < slow_req.started + 2.0
    row = feed_row(cfg, slow)
    assert "timed out" in row["last_error"] and row["error_count"] == 1


def test_connection_refused_is_one_line(tmp_path):
    url = closed_port_url()
    cfg = make_config(tmp_path, [url])
    out = sync(cfg).outcomes[0]
    assert out.error and "\n" not in out.error
    assert "refused" in out.error.lower() or "connect" in out.error.lower()
    row = feed_row(cfg, url)
    assert row["last_status"] == 0 and row["last_error"] == out.error


@pytest.mark.parametrize("status", [500, 403, 404])
def test_http_error_status_is_recorded(tmp_path, server, status):
    url = server.route("/err.xml", Response(status, b"<h1>oops</h1>", content_type="text/html"))
    cfg = make_config(tmp_path, [url])
    out = sync(cfg).outcomes[0]
    assert out.error.startswith(f"HTTP {status}")
    row = feed_row(cfg, url)
    assert row["last_status"] == status and row["last_error"] == out.error
    sync(cfg)  # errors are counted, not fatal: the feed is tried again
    assert feed_row(cfg, url)["error_count"] == 2 and server.hits("/err.xml") == 2


# -- concurrency ------------------------------------------------------------------------------

def test_at_most_two_requests_per_host_and_other_hosts_in_parallel(tmp_path, server, server2):
    delay = 0.25
    a_urls = [server.route(f"/a{i}.xml", Response(body=FEED, delay=delay)) for i in range(6)]
    b_urls = [server2.route(f"/b{i}.xml", Response(body=FEED, delay=delay)) for i in range(2)]
    # a small global limit: a feed waiting for its busy host must not take a global slot
    # from the other host
    cfg = make_config(tmp_path, a_urls + b_urls, concurrency=3, per_host=2)
    report = sync(cfg)
    assert all(o.ok for o in report.outcomes), [o.line() for o in report.outcomes]
    assert server.max_in_flight == 2  # the limit holds, and is used
    assert 1 <= server2.max_in_flight <= 2
    first_a_done = min(r.finished for r in server.requests)
    assert min(r.started for r in server2.requests) < first_a_done, \
        "the second host waited for the first"


def test_per_host_setting_is_honoured(tmp_path, server):
    urls = [server.route(f"/p{i}.xml", Response(body=FEED, delay=0.1)) for i in range(3)]
    cfg = make_config(tmp_path, urls, per_host=1)
    sync(cfg)
    assert server.max_in_flight == 1
