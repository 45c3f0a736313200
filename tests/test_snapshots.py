"""SVG snapshots of the main screen at a small and a large terminal (Textual pinned exactly).

Update after an intended visual change: pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest
from helpers_ui import until, workers_done
from uidata import make_db

from sahel_tui.ui.app import SahelApp


async def _settle(pilot) -> None:
    await until(pilot, lambda: pilot.app.vocab is not None)  # loaded in the background
    await workers_done(pilot.app)
    # counts and the feeds pane refresh shortly after a decision (debounced)
    await until(pilot, lambda: not getattr(pilot.app.screen, "settling", False))
    await workers_done(pilot.app)
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_triage_screen(snap_compare, tmp_path, size, monkeypatch):
    from sahel_tui.ui.statusbar import StatusBar

    # the status bar's "flagged (u to undo)" is in the picture: it must not expire (8 s)
    # while a loaded machine is still settling the screen
    monkeypatch.setattr(StatusBar, "MESSAGE_SECONDS", 3600.0)
    app = SahelApp(make_db(tmp_path / "snap.db"), coder="tester")

    async def run_before(pilot):
        await _settle(pilot)
        await pilot.press("j", "x", "!")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_query_error_marker(snap_compare, tmp_path):
    app = SahelApp(make_db(tmp_path / "snap.db"), coder="tester")

    async def run_before(pilot):
        await _settle(pilot)
        await pilot.press("f", *"tag:mali since:last-week")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
