"""Only http(s) links are ever handed to the browser: `o` on anything else shows the link."""

from __future__ import annotations

import sqlite3

import pytest
from helpers_ui import workers_done
from uidata import make_db

from sahel_tui.ingest.sanitize import web_link
from sahel_tui.ui.app import SahelApp
from sahel_tui.ui.item_list import ItemList

UNSAFE = ["javascript:alert(1)", "JavaScript:alert(1)", "  javascript:alert(1)", "\tjavascript:x",
          "java\tscript:alert(1)", "java\nscript:x", "\x01javascript:x", "vbscript:msgbox(1)",
          "data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "FILE:///etc/passwd",
          "smb://evil/share", "//example.org/x", "example.org/x", "http://", "https:///path",
          "http:/example.org", "http://exa\u200bmple.org/", "http://[::1", ""]


@pytest.mark.parametrize("url", UNSAFE)
def test_unsafe_links_are_not_web_links(url):
    assert web_link(url) is None


@pytest.mark.parametrize("url", ["https://example.org/a?b=1#c", "HTTP://Example.org", " http://x.org/ "])
def test_http_links_are_web_links(url):
    assert web_link(url) == url.strip()


@pytest.mark.parametrize("link", ["javascript:alert(document.cookie)", " JAVASCRIPT:x",
                                  "file:///etc/passwd", "smb://host/share"])
async def test_o_opens_only_http_links(tmp_path, link):
    config = make_db(tmp_path / "ui.db")
    app = SahelApp(config, coder="tester")
    opened: list[str] = []
    app.open_url = lambda url, **kw: opened.append(url)
    async with app.run_test(size=(120, 40)) as pilot:
        await workers_done(app)
        await pilot.pause()
        item = app.screen.query_one(ItemList).current.id
        with sqlite3.connect(config.settings.database) as db:
            db.execute("UPDATE items SET link = ? WHERE id = ?", (link, item))
        await pilot.press("o")
        await pilot.pause()
        assert opened == []
        shown = " ".join(str(n.message) for n in app._notifications)
        assert "only http(s) links are opened" in shown and link.strip()[:10] in shown
        with sqlite3.connect(config.settings.database) as db:
            db.execute("UPDATE items SET link = 'https://example.org/ok' WHERE id = ?", (item,))
        await pilot.press("o")
        await pilot.pause()
        assert opened == ["https://example.org/ok"]
