"""A feed body is only ever parsed as data, never taken for something else."""

from __future__ import annotations

from helpers_feeds import news_items, rss

from sahel_tui.ingest.parse import parse_feed


def test_a_body_naming_a_local_file_is_not_read(tmp_path):
    secret = tmp_path / "notes.xml"
    secret.write_bytes(rss(news_items(2)))
    for fast in (True, False):
        parsed = parse_feed(str(secret).encode(), "feed", fast=fast)
        assert parsed.entries == [], fast
        assert parsed.error, fast
