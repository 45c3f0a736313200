"""What the Pilot tests on the demo share: a copy of the demo database opened on one item,
and waiting until the app has loaded its vocabularies and finished its background work."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.worker import WorkerCancelled

from sahel_tui.demo import demo_config
from sahel_tui.store import decisions, open_store
from sahel_tui.ui.app import SahelApp


def demo_app_at(demo_db: Path, tmp_path: Path, title_like: str, **kw) -> SahelApp:
    """The app on a private copy of the demo database, its cursor on the item whose title
    is LIKE ``title_like``."""
    db = tmp_path / "demo.db"
    shutil.copy(demo_db, db)
    conn = open_store(db)
    item_id = conn.execute("SELECT id FROM items WHERE title LIKE ?", (title_like,)).fetchone()[0]
    decisions.put_state(conn, query="", item=str(item_id))
    conn.close()
    return SahelApp(demo_config(db=db), demo=True, coder="tester", **kw)


async def workers_done(app) -> None:
    """Wait for the app's workers.  An exclusive worker the app replaced with a newer one
    (a refresh superseding another) ends cancelled: that is the app working, so wait again
    for what replaced it."""
    for _ in range(20):
        try:
            await app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            continue


async def ready(pilot) -> None:
    """Vocabularies loaded (in the background shortly after start) and workers done."""
    for _ in range(100):
        if pilot.app.vocab is not None:
            break
        await pilot.pause(0.05)
    for _ in range(2):
        await workers_done(pilot.app)
        await pilot.pause()
