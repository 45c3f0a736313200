"""What the Pilot tests on the demo share: a copy of the demo database opened on one item,
and waiting until the app has loaded its vocabularies and finished its background work."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Callable
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


# How long a test waits for the app to get somewhere before it gives up. Reached only
# when something is broken: a loaded CI machine makes the app slow, never a test fail
# (a count of short pauses, 5 s in all, ran out while the vocabularies were loading).
WAIT_SECONDS = 120.0


async def until(pilot, condition: Callable[[], object], seconds: float = WAIT_SECONDS,
                step: float = 0.05) -> bool:
    """Let the app run until ``condition()`` holds (checked every ``step`` s) or ``seconds``
    have passed; whether it holds. The caller asserts what it expects afterwards."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        await pilot.pause(step)
    return True


def record_notifications(app) -> list:
    """Every notification the app shows from now on, as (title, message): a test that
    counts them reads this, not app._notifications, from which Textual drops each one
    once its timeout has passed (on a loaded machine, before the test looked)."""
    shown: list = []
    notify = app.notify

    def recording(message, *args, title: str = "", **kwargs):
        shown.append((title, message))
        return notify(message, *args, title=title, **kwargs)

    app.notify = recording
    return shown


async def ready(pilot) -> None:
    """Vocabularies loaded (in the background shortly after start) and workers done."""
    await until(pilot, lambda: pilot.app.vocab is not None)
    for _ in range(2):
        await workers_done(pilot.app)
        await pilot.pause()


_HOLD_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE app_state SET value = value")
print("locked", flush=True)
sys.stdin.read()  # until the test closes our stdin (or kills us)
conn.execute("COMMIT")
"""


def hold_lock(db: Path) -> subprocess.Popen:
    """Another process holding the database's write lock until ``release``: never for a
    fixed time, which a loaded machine outlasted before the test had pressed its keys."""
    holder = subprocess.Popen([sys.executable, "-c", _HOLD_LOCK, str(db)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    line = holder.stdout.readline().strip()
    if line != "locked":
        holder.kill()
        holder.wait()
        raise AssertionError(f"the lock holder did not take the lock: {line!r}")
    return holder


def release(holder: subprocess.Popen) -> None:
    """The holder commits and ends (killed if it does not within WAIT_SECONDS)."""
    try:
        if holder.stdin and not holder.stdin.closed:
            holder.stdin.close()
        holder.wait(timeout=WAIT_SECONDS)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        if holder.stdout:
            holder.stdout.close()
