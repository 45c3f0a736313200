"""Nothing is cut: every picker's title, help text and choices, and the coding panel's
facets, wrap at words at 80x24 and 160x48. Each word on screen must be a whole word of what
the widget was given (a word cut mid-way, or ended with '…', is not)."""

from __future__ import annotations

import pytest
from helpers_ui import demo_app_at, ready
from textual.geometry import Region
from textual.widgets import OptionList, Static

from sahel_tui.ui.pickers import GradingPicker, Picker

# a long actor (JNIM: Group for Support of Islam and Muslims) and a long sub-event type
TITLE = "Enlèvement de 52 voyageurs%"
SIZES = [(80, 24), (160, 48)]


@pytest.fixture
def app(demo_db, tmp_path):
    return demo_app_at(demo_db, tmp_path, TITLE)


def shown(widget) -> list[str]:
    """The widget's lines as they are on screen (the visible window of a list)."""
    gutter = widget.gutter  # border and padding: not text
    region = Region(gutter.left, gutter.top, widget.content_size.width,
                    widget.content_size.height)
    return [strip.text for strip in widget.render_lines(region)]


def words(text: str) -> set[str]:
    return set(text.split())


def whole_words(app) -> list[str]:
    """Each word on screen in the picker (or the coding panel) that is not a word of what
    the widget was given: empty when nothing is cut."""
    screen = app.screen
    bad = []
    if isinstance(screen, Picker):
        given = words(screen.title_text) | words(screen.help_text) | words(
            str(screen.query_one("#picker-help", Static).content)) | {"suggested"}
        given |= {str(n) for n in range(1, 10)}
        for item in screen.items:
            given |= words(item.label) | words(item.detail)
        widgets = [*screen.query(Static), screen.query_one(OptionList)]
        assert screen.query_one(OptionList).option_count == len(screen.items)
    elif isinstance(screen, GradingPicker):
        body = screen.query_one("#grading-body", Static)
        given = words(str(body.content))
        widgets = [body]
    else:
        panel = screen.panel
        given = words(panel.plain)
        widgets = [panel]
    for widget in widgets:
        assert widget.size.width > 0
        for line in shown(widget):
            bad += [w for w in line.split() if w not in given]
    return bad


@pytest.mark.parametrize("size", SIZES)
async def test_pickers_and_panel_never_cut_a_word(app, size):
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        assert "JNIM: Group for Support of Islam and Muslims" in app.screen.panel.plain
        assert "Abduction/forced disappearance" in app.screen.panel.plain
        assert whole_words(app) == []
        seen = []
        # every facet, one after another with tab; then a typed filter, the attach picker
        await pilot.press("a")
        for _ in range(7):
            await pilot.pause()
            seen.append(type(app.screen).__name__ + ":" + getattr(app.screen, "title_text", ""))
            assert whole_words(app) == [], seen[-1]
            await pilot.press("tab")
        await pilot.pause()
        assert [s.split(":")[1] for s in seen] == [
            "Actor 1", "Actor 2", "Place", "Event type", "Event date", "Fatalities", ""]
        await pilot.press("escape")
        await pilot.press("a", *"unid nige")
        await pilot.pause()
        assert "1-9" not in str(app.screen.query_one("#picker-help", Static).content)
        assert whole_words(app) == []
        await pilot.press("escape", "l", *"ouag")
        await pilot.pause()
        assert whole_words(app) == []
        await pilot.press("escape", "enter")  # stored; on to the next item
        await ready(pilot)
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, Picker) and app.screen.items
        assert whole_words(app) == []
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("k")  # back on the stored event: the panel wraps too
        await ready(pilot)
        assert app.screen.coding.stored
        assert whole_words(app) == []
        # the header's key hints stay whole: on the header line or on their own (the
        # compact panel of a short terminal has none)
        assert size[1] < 32 or any(line.rstrip().endswith("+ add   - remove") for line in shown(app.screen.panel))
