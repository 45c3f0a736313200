"""Every key binding, with an id: remap any of them in feeds.toml's [keys] table, e.g.

    [keys]
    "triage.dismiss" = "d"
    "triage.down" = "j,down"

The help screen (?) is generated from these same tables.
"""

from __future__ import annotations

from textual.binding import Binding

TRIAGE = [
    Binding("j,down", "cursor(1)", "Down", id="triage.down", show=False),
    Binding("k,up", "cursor(-1)", "Up", id="triage.up", show=False),
    Binding("n", "next_new(1)", "Next new", id="triage.next_new"),
    Binding("p", "next_new(-1)", "Prev new", id="triage.prev_new", show=False),
    Binding("g,home", "first", "First", id="triage.first", show=False),
    Binding("G,end", "last", "Last", id="triage.last", show=False),
    Binding("pagedown,ctrl+d", "page(1)", "Page list down", id="triage.page_down", show=False),
    Binding("pageup,ctrl+u", "page(-1)", "Page list up", id="triage.page_up", show=False),
    Binding("space", "read_page(1)", "Page reader", id="reader.page_down", show=False),
    Binding("b", "read_page(-1)", "Reader back", id="reader.page_up", show=False),
    Binding("x", "dismiss_item", "Dismiss", id="triage.dismiss"),
    Binding("exclamation_mark", "flag_item", "Flag", id="triage.flag", key_display="!"),
    Binding("u", "undo", "Undo", id="triage.undo"),
    Binding("U,ctrl+y", "redo", "Redo", id="triage.redo", show=False),
    Binding("X", "dismiss_view", "Dismiss all new in view", id="triage.dismiss_view", show=False),
    Binding("r", "refresh", "Refresh", id="triage.refresh"),
    Binding("slash", "search", "Search", id="triage.search", key_display="/"),
    Binding("f", "edit_query", "Query", id="triage.edit_query"),
    Binding("escape", "clear_query", "Clear query", id="triage.clear_query", show=False),
    Binding("o", "open_link", "Open link", id="triage.open_link", show=False),
    Binding("w", "toggle_article", "Article / feed text (fetches the article if needed)",
            id="triage.article", show=False),
    Binding("W", "fetch_article", "Fetch the article again", id="triage.fetch_article",
            show=False),
    Binding("s", "story", "Side by side", id="triage.story"),
    Binding("t", "toggle_tallies", "Tallies pane", id="layout.tallies", show=False),
    Binding("T", "tallies", "Tallies", id="triage.tallies"),
    Binding("E", "export", "Export the view", id="triage.export", show=False),
    Binding("C", "conflicts", "Import conflicts", id="triage.conflicts", show=False),
    Binding("left_square_bracket", "toggle_pane('sidebar')", "Toggle feeds pane",
            id="layout.sidebar", key_display="[", show=False),
    Binding("right_square_bracket", "toggle_pane('reader')", "Toggle reader",
            id="layout.reader", key_display="]", show=False),
    Binding("ctrl+w", "focus_next_pane", "Next pane", id="layout.next_pane", show=False),
]

CODING = [
    Binding("enter", "accept", "Accept", id="coding.accept"),
    Binding("a", "facet('actor1')", "Actors", id="coding.actors", show=False),
    Binding("l", "facet('place')", "Place", id="coding.place", show=False),
    Binding("e", "facet('type')", "Event type", id="coding.type"),
    Binding("d", "facet('date')", "Date", id="coding.date", show=False),
    Binding("number_sign", "facet('fatalities')", "Fatalities", id="coding.fatalities",
            key_display="#", show=False),
    Binding("c", "facet('grading')", "Confidence and grading", id="coding.grading", show=False),
    Binding("N", "notes", "Notes", id="coding.notes", show=False),
    Binding("v", "civilian_targeting", "Civilian targeting on/off", id="coding.civilians",
            show=False),
    Binding("tab", "facet('actor1')", "Next facet", id="coding.next_facet", show=False),
    Binding("A", "attach", "Attach to an event coded earlier", id="coding.attach", show=False),
    Binding("D", "detach", "Detach from this event", id="coding.detach", show=False),
    Binding("plus", "add_event", "Add another event", id="coding.add_event", key_display="+",
            show=False),
    Binding("minus", "remove_event", "Remove this event", id="coding.remove_event",
            key_display="-", show=False),
    Binding("greater_than_sign", "switch_event(1)", "Next event of the item",
            id="coding.next_event", key_display=">", show=False),
    Binding("less_than_sign", "switch_event(-1)", "Previous event of the item",
            id="coding.prev_event", key_display="<", show=False),
]

APP = [
    Binding("question_mark", "help", "Help", id="app.help", key_display="?"),
    Binding("q", "quit", "Quit", id="app.quit"),
    Binding("ctrl+p", "command_palette", "Commands", id="app.palette", show=False),
]

TALLIES = [
    Binding("escape,q,T", "back", "Back", id="tallies.back"),
    Binding("1", "rate_change", "Rate change", id="tallies.rate_change"),
    Binding("2", "dyads", "Dyads", id="tallies.dyads"),
    Binding("3", "colocation", "Co-location", id="tallies.colocation"),
    Binding("m", "toggle_unit", "Weeks/months", id="tallies.unit"),
]

STORY = [
    Binding("escape,q", "back", "Back", id="story.back"),
    Binding("left,h", "focus_column(-1)", "Previous column", id="story.left"),
    Binding("right,l", "focus_column(1)", "Next column", id="story.right"),
    Binding("space", "mark", "Mark for linking", id="story.mark"),
    Binding("L", "link", "Link as one event", id="story.link"),
    Binding("U", "unlink", "Unlink this item", id="story.unlink"),
    Binding("A", "attach", "Attach to an event", id="story.attach"),
    Binding("D", "detach", "Detach from its event", id="story.detach"),
    Binding("u", "undo", "Undo", id="story.undo"),
    Binding("r", "raw", "Raw entry", id="story.raw"),
    Binding("m", "more", "More candidates", id="story.more"),
    Binding("enter", "open", "Open in the list", id="story.open"),
]

CONFLICTS = [
    Binding("escape,q", "back", "Back", id="conflicts.back"),
    Binding("l", "resolve('local')", "Keep ours", id="conflicts.keep_local"),
    Binding("t", "resolve('theirs')", "Keep theirs", id="conflicts.keep_theirs"),
    Binding("b", "resolve('both')", "Keep both", id="conflicts.keep_both"),
    Binding("u", "undo", "Undo", id="conflicts.undo"),
]

ALL = [*TRIAGE, *CODING, *TALLIES, *STORY, *CONFLICTS, *APP]
IDS = {b.id for b in ALL}


def keymap_from_config(keys: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The [keys] table as a Textual keymap; unknown ids are reported, not fatal."""
    keymap, problems = {}, []
    for binding_id, key in keys.items():
        if binding_id not in IDS:
            problems.append(f"[keys] unknown binding id {binding_id!r} "
                            f"(known ids are listed on the help screen, ?)")
            continue
        keymap[binding_id] = key
    return keymap, problems
