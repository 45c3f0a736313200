"""What `sahel-tui fetch` pays for before and besides its requests: TLS only when an https
URL is asked for, and none of the other commands' modules."""

from __future__ import annotations

import ssl
import subprocess
import sys

import httpx
import pytest
from helpers_feeds import items_of, make_config, news_items, rss
from helpers_http import FeedServer, Response, closed_port_url

from sahel_tui.cli import _command_word
from sahel_tui.ingest.fetch import lazy_tls_transport
from sahel_tui.ingest.sync import sync


async def test_plain_http_never_builds_the_tls_half(server):
    server.routes["/f.xml"] = Response(body=rss(news_items(1)))
    transport = lazy_tls_transport(httpx, limits=httpx.Limits(max_connections=2))
    async with httpx.AsyncClient(transport=transport) as client:
        r = await client.get(server.url("/f.xml"))
    assert r.status_code == 200
    assert transport._tls is None and transport._plain is not None


async def test_https_gets_a_verifying_context():
    """An https URL (directly or after a redirect from http) goes through a transport made
    with httpx's verified default context, never through the plain half."""
    transport = lazy_tls_transport(httpx, limits=httpx.Limits(max_connections=2))
    async with httpx.AsyncClient(transport=transport) as client:
        with pytest.raises(httpx.HTTPError):
            await client.get(closed_port_url().replace("http://", "https://"))
    assert transport._tls is not None
    ctx = transport._tls._pool._ssl_context
    assert ctx.verify_mode == ssl.CERT_REQUIRED and ctx.check_hostname


def test_sync_over_plain_http_stores_items(tmp_path, server):
    server.routes["/a.xml"] = Response(body=rss(news_items(2)))
    config = make_config(tmp_path, [server.url("/a.xml")])
    report = sync(config)
    assert len(report.ok) == 1 and report.new_items == 2
    assert len(items_of(config, server.url("/a.xml"))) == 2


@pytest.mark.parametrize(("argv", "word"), [
    (["fetch", "--quiet"], "fetch"),
    (["--db", "x.db", "fetch"], "fetch"),
    (["--config", "fetch", "feeds", "list"], "feeds"),  # an option's value is not the command
    (["--demo"], None),
    (["export", "--format", "csv"], "export"),
])
def test_command_word(argv, word):
    assert _command_word(argv) == word


def test_fetch_does_not_import_the_other_commands(tmp_path):
    code = ("import sys; from sahel_tui.cli import build_parser, _command_word;"
            "build_parser(extensions=_command_word(['fetch']) not in {'fetch', 'feeds'});"
            "print(sorted(m for m in sys.modules if m.startswith(('sahel_tui.exchange', "
            "'sahel_tui.analysis', 'sahel_tui.store.events', 'textual'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
    help_text = subprocess.run([sys.executable, "-m", "sahel_tui", "--help"], capture_output=True,
                               text=True, check=True).stdout
    assert "export" in help_text and "stats" in help_text  # the full command line is intact


def test_event_fields_need_no_import_of_their_own():
    """actor:/place:/type: register when first used, in a process that never imported
    sahel_tui.store.events (the store package no longer imports it for everybody)."""
    code = ("from sahel_tui.store.query import parse; c = parse('actor:jnim place:Gao');"
            "print(len(c.params) >= 2)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "True"


def test_a_warm_sync_reuses_its_connections(tmp_path):
    """304s are read to their end, so their connections serve the next feeds of the host."""
    body = rss(news_items(1))

    def feed(req):
        if req.header("If-None-Match") == '"v1"':
            return Response(304, b"", headers={"ETag": '"v1"'})
        return Response(body=body, headers={"ETag": '"v1"'})

    srv = FeedServer(keep_alive=True)
    try:
        urls = [srv.route(f"/f{i}.xml", feed) for i in range(12)]
        config = make_config(tmp_path, urls, concurrency=2, per_host=2)
        assert len(sync(config).ok) == 12
        srv.connections = 0
        report = sync(config)
        assert all(o.not_modified for o in report.ok) and len(report.ok) == 12
        assert srv.connections <= 2
    finally:
        srv.close()
