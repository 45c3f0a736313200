"""Render SVG screenshots of the main views from the demo data into screenshots/.

    .venv/bin/python scripts/screenshots.py

The demo feeds are ingested into a temporary database (the analyst's own data is never
touched), the app is driven with Pilot at fixed sizes, and each view is saved as an SVG.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "screenshots"


async def settle(pilot) -> None:
    for _ in range(100):  # vocabularies load in the background after start
        if pilot.app.vocab is not None:
            break
        await pilot.pause(0.05)
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.6)  # counts refresh shortly after a decision (debounced)


async def shoot(db: Path, name: str, size: tuple[int, int], keys: list[str],
                item_title: str | None = None) -> None:
    from sahel_tui.demo import demo_config
    from sahel_tui.store import decisions, open_store
    from sahel_tui.ui.app import SahelApp

    conn = open_store(db)
    item = None
    if item_title:
        row = conn.execute("SELECT id FROM items WHERE title LIKE ?", (item_title,)).fetchone()
        item = str(row[0]) if row else None
    decisions.put_state(conn, query="", item=item or "")
    conn.close()
    app = SahelApp(demo_config(db=db), demo=True, coder="analyst")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in keys:
            if key == "<settle>":
                await settle(pilot)
            else:
                await pilot.press(key)
        await settle(pilot)
        path = app.save_screenshot(filename=f"{name}.svg", path=str(OUT))
        print(f"wrote {Path(path).relative_to(ROOT)}")


VIEWS = [
    # name, size, keys, item to open on
    ("triage-160x48", (160, 48), [], "Niger : au moins 13 morts dans une embuscade%"),
    ("triage-80x24", (80, 24), [], "Niger : au moins 13 morts dans une embuscade%"),
    ("coding-type-picker", (160, 48), ["e"], "Niger : au moins 13 morts dans une embuscade%"),
    ("coding-actor-filter", (160, 48), ["a", "w", "a", "g"], "Attack near Titao%"),
    ("coding-grading", (160, 48), ["c"], "Attack near Titao%"),
    ("query-error", (120, 36), ["f", *"tag:mali since:last-week"], None),
    ("search-results", (160, 48), ["slash", *"aribinda", "enter"], None),
    ("help", (120, 48), ["question_mark"], None),
    # code a few items first, so the tallies have something to count
    ("tallies-pane", (160, 48), ["enter", "<settle>"] * 6 + ["t"], "Attack near Titao%"),
    ("tallies-screen", (160, 48), ["enter", "<settle>"] * 6 + ["T"], "Attack near Titao%"),
    ("side-by-side", (160, 48), ["s", "<settle>", "right", "space", "L"], "Attack near Titao%"),
]


def main() -> int:
    sys.path.insert(0, str(ROOT))
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SAHEL_TUI_CONFIG_DIR"] = str(Path(tmp) / "config")  # no analyst files
        os.environ["SAHEL_TUI_DATA_DIR"] = str(Path(tmp) / "data")
        from sahel_tui.demo import demo_config
        from sahel_tui.ingest.sync import sync

        base = Path(tmp) / "demo.db"
        sync(demo_config(db=base))
        for name, size, keys, title in VIEWS:
            db = Path(tmp) / f"{name}.db"
            shutil.copy(base, db)
            asyncio.run(shoot(db, name, size, keys, title))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
