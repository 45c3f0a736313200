"""Keyboard pickers for coding: suggestions first, digits for the first nine, type to filter.

A picker returns a Choice: the chosen value, (NEXT, value) for tab (confirm what the picker
holds, then go on to the next facet), (PREV, value) for shift+tab, or None (escape: the only
key that drops what was typed or highlighted). A picker the analyst did not touch (nothing
typed, the highlight not moved) holds nothing new: tab then returns NEXT alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

NEXT = object()
PREV = object()


@dataclass(frozen=True)
class Item:
    label: str
    value: object
    detail: str = ""
    suggested: bool = False


Source = Callable[[str], list[Item]]


class FilterInput(Input):
    """The filter field: while it is empty (and the picker is not asking for a number) it
    leaves digits 1-9 to the picker, which uses them to choose."""

    def __init__(self, digits_pick: Callable[[], bool], **kwargs) -> None:
        super().__init__(**kwargs)
        self.digits_pick = digits_pick

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if character and character in "123456789" and self.digits_pick():
            return False
        return super().check_consume_key(key, character)


class Picker(ModalScreen):
    """``options(text)`` gives the items for what has been typed (called on every key)."""

    DEFAULT_CSS = """
    Picker { align: center middle; }
    Picker > Vertical { width: 90; max-width: 95%; height: auto; max-height: 80%;
                        border: thick $accent; background: $surface; padding: 0 1; }
    Picker #picker-title { text-style: bold; }
    Picker Input, Picker Input:focus { border: none; height: 1; padding: 0 1; background: $boost; }
    Picker OptionList { height: auto; max-height: 20; border: none; }
    Picker #picker-help { color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("tab", "next_facet", "Next facet", show=False, priority=True),
        Binding("shift+tab", "prev_facet", "Previous facet", show=False, priority=True),
        Binding("down", "move(1)", show=False, priority=True),
        Binding("up", "move(-1)", show=False, priority=True),
        Binding("pagedown", "move(10)", show=False, priority=True),
        Binding("pageup", "move(-10)", show=False, priority=True),
        # digits pick before the focused filter field sees them (it would type them)
        *[Binding(str(n), f"digit({n})", show=False, priority=True) for n in range(1, 10)],
        Binding("ctrl+a", "alternate", show=False, priority=True),
    ]

    def __init__(self, title: str, options: Source, *, numeric: bool = False,
                 placeholder: str = "type to filter", help_text: str = "",
                 alternate: str | None = None) -> None:
        super().__init__()
        self.alternate = alternate  # what ctrl+a does with the highlighted option, if anything
        self.title_text = title
        self.source = options
        self.numeric = numeric  # digits are typed, not used to pick (dates, numbers)
        self.placeholder = placeholder
        self.help_text = help_text
        self.items: list[Item] = []
        self.touched = False  # something typed or the highlight moved: tab confirms it

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), id="picker-title")
            yield FilterInput(lambda: not self.numeric and not self.query_one(Input).value,
                              placeholder=self.placeholder, id="picker-input")
            yield OptionList(id="picker-options")
            yield Static(self._hint(""), id="picker-help")

    def _hint(self, text: str) -> Text:
        if self.numeric or text:  # digits are typed (into the number, or the filter)
            hint = "enter choose · tab choose, next facet · esc cancel"
        else:
            hint = "1-9 choose · enter choose highlighted · tab next facet · esc cancel"
        if self.alternate:
            hint += f" · ctrl+a {self.alternate}"
        return Text(f"{self.help_text}\n{hint}" if self.help_text else hint)

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, text: str) -> None:
        self.items = self.source(text)
        options = self.query_one(OptionList)
        options.clear_options()
        rendered = []
        for i, item in enumerate(self.items):
            label = Text()  # wraps at words, under the label: nothing is cut at any width
            digit = i < 9 and not self.numeric and not text
            label.append(item.label, style="bold" if item.suggested else "")
            if item.detail:
                label.append(f"  {item.detail}", style="dim")
            if item.suggested:
                label.append("  suggested", style="italic green")
            prompt = Table.grid(padding=(0, 1), expand=True)
            prompt.add_column(width=1, no_wrap=True)
            prompt.add_column(ratio=1)
            prompt.add_row(Text(str(i + 1) if digit else "", style="bold"), label)
            rendered.append(Option(prompt))
        options.add_options(rendered)
        if rendered:
            options.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.touched = True
        self._fill(event.value)
        self.query_one("#picker-help", Static).update(self._hint(event.value))

    def action_digit(self, n: int) -> None:
        field = self.query_one(Input)
        if self.numeric or field.value:
            field.insert_text_at_cursor(str(n))  # typing a number, or a filter with digits
        elif n - 1 < len(self.items):
            self.dismiss(self.items[n - 1].value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None and highlighted < len(self.items):
            self.dismiss(self.items[highlighted].value)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.items[event.option_index].value)

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + delta))
            self.touched = True

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_alternate(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if self.alternate and highlighted is not None and highlighted < len(self.items):
            value = self.items[highlighted].value
            if value and (not isinstance(value, (str, tuple)) or value[0] == "add-actor"):
                self.dismiss(("alternate", value))

    def _held(self):
        """What tab confirms: the highlighted value, once the analyst typed or moved."""
        highlighted = self.query_one(OptionList).highlighted
        if not self.touched or highlighted is None or highlighted >= len(self.items):
            return None
        return self.items[highlighted].value

    def action_next_facet(self) -> None:
        value = self._held()
        self.dismiss(NEXT if value is None else (NEXT, value))

    def action_prev_facet(self) -> None:
        value = self._held()
        self.dismiss(PREV if value is None else (PREV, value))


RELIABILITY = {"A": "Completely reliable", "B": "Usually reliable", "C": "Fairly reliable",
               "D": "Not usually reliable", "E": "Unreliable", "F": "Reliability cannot be judged"}
CREDIBILITY = {1: "Confirmed by other sources", 2: "Probably true", 3: "Possibly true",
               4: "Doubtful", 5: "Improbable", 6: "Truth cannot be judged"}
CONFIDENCE = {"l": "low", "m": "moderate", "h": "high"}


@dataclass
class Grading:
    reliability: str | None
    credibility: int | None
    confidence: str | None


class GradingPicker(ModalScreen):
    """Admiralty grade and analytic confidence in three keys: a letter, a digit, l/m/h."""

    DEFAULT_CSS = """
    GradingPicker { align: center middle; }
    GradingPicker > Vertical { width: 80; height: auto; border: thick $accent;
                               background: $surface; padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape", "cancel", show=False),
        Binding("enter", "done", show=False),
        Binding("tab", "next_facet", show=False, priority=True),
        Binding("shift+tab", "prev_facet", show=False, priority=True),
    ]

    def __init__(self, grading: Grading, suggested_credibility: int | None = None,
                 why: str = "") -> None:
        super().__init__()
        self.grading = Grading(grading.reliability, grading.credibility, grading.confidence)
        self.suggested = suggested_credibility
        self.why = why

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="grading-body")

    def on_mount(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        g = self.grading
        t = Text()
        t.append("Grading  ", style="bold")
        t.append(f"{g.reliability or '?'}{g.credibility or '?'}", style="bold reverse")
        t.append(f"  confidence: {g.confidence or '?'}\n\n", style="bold")
        t.append("Source reliability (the outlet): press a letter\n", style="underline")
        for k, v in RELIABILITY.items():
            t.append(f"  {k.lower()} {k} {v}\n", style="bold" if g.reliability == k else "")
        t.append("Information credibility (this report): press a digit\n", style="underline")
        for k, v in CREDIBILITY.items():
            mark = "  suggested" if k == self.suggested else ""
            t.append(f"  {k} {v}", style="bold" if g.credibility == k else "")
            t.append(f"{mark}\n", style="italic green")
        if self.why:
            t.append(f"  ({self.why})\n", style="dim")
        t.append("Analytic confidence: l low, m moderate, h high\n", style="underline")
        t.append("\nenter done · tab next facet · esc cancel", style="dim")
        self.query_one("#grading-body", Static).update(t)

    def on_key(self, event) -> None:
        char = (event.character or "").lower()
        if not char:
            return
        if char in "abcdef":
            self.grading.reliability = char.upper()
        elif char in "123456":
            self.grading.credibility = int(char)
        elif char in CONFIDENCE:
            self.grading.confidence = CONFIDENCE[char]
        else:
            return
        event.stop()
        self._redraw()

    def action_done(self) -> None:
        self.dismiss(self.grading)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_next_facet(self) -> None:
        self.dismiss((NEXT, self.grading))

    def action_prev_facet(self) -> None:
        self.dismiss((PREV, self.grading))
