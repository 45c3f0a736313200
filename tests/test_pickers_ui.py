"""Pilot tests of the pickers: filtering, hints, geo precision, associated actors."""

from __future__ import annotations

import pytest
from helpers_ui import demo_app_at, ready

from sahel_tui.ui.coding_pickers import words_match

TITLE = "Niger : au moins 13 morts dans une embuscade%"


@pytest.fixture
def app(demo_db, tmp_path):
    return demo_app_at(demo_db, tmp_path, TITLE)


def test_words_match_in_any_order_as_prefixes():
    assert words_match("Unidentified Armed Group (Niger)", "unid nige")
    assert words_match("Unidentified Armed Group (Niger)", "niger UNID")
    assert not words_match("Unidentified Armed Group (Niger)", "unid mali")
    assert words_match("Forces armées maliennes", "armees")


async def test_filtering_ranks_names_first_and_matches_words(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("e", *"arrest")
        await pilot.pause()
        assert app.screen.items[0].value == "Arrests"
        hint = str(app.screen.query_one("#picker-help").render())
        assert "1-9" not in hint  # digits now go into the filter
        await pilot.press("escape", "a", *"unid nige")
        await pilot.pause()
        names = [getattr(i.value, "name", None) for i in app.screen.items]
        assert "Unidentified Armed Group (Niger)" in names
        await pilot.press("escape")


async def test_geo_precision_is_set_in_the_place_picker(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("l")
        await pilot.pause()
        picker = app.screen
        index = [i.value for i in picker.items].index(("geo", 2))
        await pilot.press(*["down"] * index, "enter")
        await pilot.pause()
        assert app.screen.coding.current.fields["geo_precision"] == 2
        assert "precision 2" in app.screen.panel.plain


async def test_ctrl_a_does_not_make_an_actor_its_own_associate(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        fields = app.screen.coding.current.fields
        actor1 = fields["actor1"]
        assert actor1
        await pilot.press("a", *actor1.split()[0].lower())
        await pilot.pause()
        picker = app.screen
        index = [getattr(i.value, "name", None) for i in picker.items].index(actor1)
        await pilot.press(*["down"] * index, "ctrl+a")
        await pilot.pause()
        assert actor1 not in (app.screen_stack[-2].coding.current.fields["assoc_actor_1"] or [])
        await pilot.press("escape")


async def test_the_type_picker_states_the_rule_that_settled_the_suggestion(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        sug = app.screen.coding.current.suggestion
        assert sug is not None and sug.type_rule
        await pilot.press("e")
        await pilot.pause()
        help_line = str(app.screen.query_one("#picker-help").render())
        assert f"suggested {sug.sub_event_type}: {sug.type_rule}" in help_line
        await pilot.press("escape")


async def test_choosing_the_other_sides_actor_swaps_the_sides(app):
    """Actor 2 chosen as actor 1 (or the reverse) swaps the two sides, with their associated
    actors, instead of coding 'Civilians vs Civilians'."""
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        st = app.screen.coding
        st.current.fields["assoc_actor_2"] = ["Zarma Ethnic Militia (Niger)"]
        before = dict(st.current.fields)
        assert before["actor1"] and before["actor2"] and before["actor1"] != before["actor2"]
        await pilot.press("a", *before["actor2"].split()[0].lower())
        await pilot.pause()
        names = [getattr(i.value, "name", None) for i in app.screen.items]
        await pilot.press(*["down"] * names.index(before["actor2"]), "enter")
        await pilot.pause()
        after = app.screen.coding.current.fields
        assert (after["actor1"], after["actor2"]) == (before["actor2"], before["actor1"])
        assert (after["inter1"], after["inter2"]) == (before["inter2"], before["inter1"])
        assert after["assoc_actor_1"] == ["Zarma Ethnic Militia (Niger)"]
        assert not after["assoc_actor_2"]
        await pilot.press("u")  # one draft change: undone whole
        await pilot.pause()
        again = app.screen.coding.current.fields
        assert (again["actor1"], again["actor2"]) == (before["actor1"], before["actor2"])
