"""Child process for the kill -9 test (test_drafts_ui.py): opens the app headless on a
database, confirms every facet on the item it reopens on (as test_drafts_ui does in
process), prints the values it expects kept as one JSON line, then waits, like an analyst
who stopped typing, until the parent kills it with SIGKILL.

    python tests/helpers_crash.py DB enter|tab
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from test_drafts_ui import code_every_facet, new_app, ready


async def main(db: Path, confirm: str) -> None:
    app = new_app(db)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        expect = await code_every_facet(pilot, confirm)
        await ready(pilot)
        print(json.dumps({"item": app.screen.items.current.id, "expect": expect}), flush=True)
        await asyncio.sleep(3600)  # killed long before


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), sys.argv[2]))
