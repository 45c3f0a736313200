"""Pilot: fetch one item's article on request, switch between it and the feed's text, find
it by a word only the article has, and code the item from the article."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from helpers_http import Response
from helpers_ui import until, workers_done
from test_coding_ui import ready, stored

from sahel_tui.demo import demo_config
from sahel_tui.store import decisions, open_store
from sahel_tui.ui.app import SahelApp
from sahel_tui.ui.item_list import ItemList

ARTICLE = [
    "Des hommes armés ont attaqué dimanche matin le marché de Djibo, dans la province du "
    "Soum, selon des sources locales jointes par téléphone.",
    "Au moins neuf civils ont été tués et plusieurs boutiques incendiées, a indiqué un élu "
    "local, qui a requis l'anonymat pour des raisons de sécurité.",
    "L'attaque a été revendiquée par le JNIM, qui multiplie les embuscades dans la région "
    "depuis le début de la saison des pluies.",
    "Les blessés ont été évacués vers le centre de santé de Djibo, où les soignants manquent "
    "de médicaments, selon une organisation humanitaire présente sur place.",
]


def page() -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE)
    return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Djibo</title>'
            f'</head><body><nav><a href="/">Accueil</a> <a href="/sahel">Sahel</a></nav>'
            f"<article><h1>Attaque au marché</h1>{paragraphs}</article>"
            f"<footer>Tous droits réservés. Abonnez-vous à notre lettre.</footer>"
            f"</body></html>").encode()


@pytest.fixture
def teaser_app(demo_db, tmp_path, server):
    """The demo set with one item turned into a teaser whose link is a loopback page."""
    db = tmp_path / "demo.db"
    shutil.copy(demo_db, db)
    link = server.route("/2026/djibo.html", Response(body=page(),
                                                     content_type="text/html; charset=utf-8"))
    conn = open_store(db)
    item_id = conn.execute("SELECT id FROM items WHERE status = 'new' ORDER BY published DESC "
                           "LIMIT 1").fetchone()[0]
    conn.execute("UPDATE items SET title = 'Burkina : une attaque dans le Nord', "
                 "text = 'Lire la suite sur notre site.', link = ? WHERE id = ?",
                 (link, item_id))
    decisions.put_state(conn, query="", item=str(item_id))
    conn.close()
    return SahelApp(demo_config(db=db), demo=True, coder="tester"), db, item_id


def reader_text(app) -> str:
    return str(app.screen.query_one("#reader-body").render())


async def test_fetch_toggle_search_and_code_from_the_article(teaser_app):
    app, db, item_id = teaser_app
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        screen = app.screen
        assert screen.items.current.id == item_id
        assert "Lire la suite" in reader_text(app)
        await pilot.press("w")  # no article yet: fetched now, in the background
        await ready(pilot)
        conn = sqlite3.connect(db)
        article = conn.execute("SELECT article FROM items WHERE id = ?", (item_id,)).fetchone()[0]
        assert "neuf civils ont été tués" in article and "Abonnez-vous" not in article
        shown = reader_text(app)
        assert "ARTICLE" in shown and "neuf civils" in shown
        assert screen.items.current.article  # the list marks it
        line = "".join(s.text for s in screen.query_one(ItemList).render_line(
            screen.query_one(ItemList).cursor - screen.query_one(ItemList).top))
        assert line.startswith("¶")

        await pilot.press("w")  # back to the feed's text
        await pilot.pause()
        shown = reader_text(app)
        assert "FEED TEXT" in shown and "Lire la suite" in shown and "neuf civils" not in shown
        await pilot.press("w")
        await pilot.pause()
        assert "neuf civils" in reader_text(app)

        # the suggestions were made again from the article: the place is in it only
        suggested = dict(screen.coding.drafts[0].fields)
        assert suggested["location"] == "Djibo"

        await pilot.press("slash")
        await pilot.press(*"incendiées")
        await pilot.press("enter")
        await ready(pilot)
        assert [r.id for r in screen.items.rows] == [item_id]  # only the article has it

        await pilot.press("enter")  # accept: coded from the article
        await ready(pilot)
        (event,) = stored(db, item_id)
        assert event.location == "Djibo"
        assert conn.execute("SELECT status FROM items WHERE id = ?",
                            (item_id,)).fetchone()[0] == "coded"


async def test_a_failed_fetch_is_told_and_stored(teaser_app, server):
    app, db, item_id = teaser_app
    server.route("/2026/djibo.html", Response(404, b"gone", content_type="text/plain"))
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        await pilot.press("w")
        await ready(pilot)
        assert "article not fetched (HTTP 404 Not Found); tried 1 time" in reader_text(app)
        state = sqlite3.connect(db).execute(
            "SELECT state, error FROM articles WHERE item_id = ?", (item_id,)).fetchone()
        assert state == ("failed", "HTTP 404 Not Found")


async def test_refresh_fetches_the_articles_after_the_feeds(tmp_path, server):
    """Enough pages for the extraction to run in worker processes, started from inside the
    app (whose stderr is Textual's: no file descriptor to hand them)."""
    from helpers_feeds import make_config, rss

    from sahel_tui.config import FeedConfig
    from sahel_tui.ingest.fulltext import POOL_MIN_PAGES

    links = [server.route(f"/a{i}.html", Response(body=page(), content_type="text/html"))
             for i in range(POOL_MIN_PAGES)]
    feed = server.route("/feed.xml", rss([{"title": f"Djibo {i}", "link": link, "guid": link,
                                           "description": "<p>Teaser.</p>"}
                                          for i, link in enumerate(links)]))
    config = make_config(tmp_path, [FeedConfig(url=feed, name="wire", full_text=True)],
                         full_text_delay=0.0)
    app = SahelApp(config, coder="tester")
    async with app.run_test(size=(120, 40)) as pilot:
        await workers_done(app)
        await pilot.press("r")
        await until(pilot, lambda: not app.syncing)  # the feeds, then the articles
        await workers_done(app)
        assert f"articles: {POOL_MIN_PAGES} articles stored" in app.fetch_state
        assert all(r.article for r in app.screen.items.rows)
    conn = sqlite3.connect(config.settings.database)
    assert all("neuf civils" in r[0] for r in conn.execute("SELECT article FROM items"))
    conn.close()
