"""Running tallies: a pane beside the list (kept exact after every decision) and a full
screen where every number opens the items behind it, with the three analyst questions."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import date, timedelta

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sahel_tui.analysis import charts, questions, tallies, tally_pane
from sahel_tui.analysis.drill import DrillDown
from sahel_tui.store.query import Compiled
from sahel_tui.ui.bindings import TALLIES
from sahel_tui.ui.forms import Form


def _num(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _events(n: int) -> str:
    return f"{_num(n)} event{'' if n == 1 else 's'}"


class TalliesPane(Static):
    """Counts that move as the analyst codes: totals, top actors with weekly sparklines,
    what was triaged today. Follows the active query."""

    DEFAULT_CSS = """
    TalliesPane { width: 40; height: 1fr; border-left: vkey $foreground 20%; padding: 0 1;
                  text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.state: tally_pane.PaneState | None = None
        self._conn: sqlite3.Connection | None = None
        self._query: Compiled | None = None

    def follow(self, query: Compiled) -> None:
        """Compute the pane for ``query`` (in a thread: the first count can take a while)."""
        self._query = query
        self.update(Text("counting…", style="dim"))
        self._build(query)

    @work(thread=True, exclusive=True, group="tallies-pane")
    def _build(self, query: Compiled) -> None:
        try:
            conn = self.app.worker_connection()
            self.app.keep_connection(conn)  # lives as long as the pane, not the worker
            state = tally_pane.PaneState(conn, tallies.Scope(query))
        except sqlite3.Error as exc:
            self.app.worker_trouble(exc)
            self.app.deliver(self.update, Text(f"tallies unavailable: {exc}"))
            return
        if not self.app.deliver(self._built, query, conn, state):
            with contextlib.suppress(sqlite3.Error):  # the app may be closing too
                state.close()  # the pane was taken down meanwhile: nobody else will
            conn.close()

    def _built(self, query: Compiled, conn: sqlite3.Connection, state) -> None:
        if query is not self._query:
            state.close()
            conn.close()
            return
        self.close()
        self.state, self._conn = state, conn
        self.show(state.pane)

    def decided(self, item_ids=(), event_ids=()) -> None:
        """After a decision: only the decided items and their events are looked at."""
        if self.state is not None and self.display:
            self.show(self.state.refresh(item_ids=item_ids, event_ids=event_ids))

    def close(self) -> None:
        if self.state is not None:
            self.state.close()
            self._conn.close()
            self.state = self._conn = None

    def on_unmount(self) -> None:
        self.close()

    def show(self, pane: tallies.Pane) -> None:
        t = Text(no_wrap=True, overflow="ellipsis")
        t.append("TALLIES", style="bold dim")
        t.append("   T full screen\n", style="dim")
        t.append(_events(pane.total.events), style="bold")
        t.append(f"  {_num(pane.total.fatalities)} killed\n\n")
        t.append(f"Top actors, last {len(pane.periods)} weeks\n", style="underline")
        series = {s.label: s for s in pane.actor_series}
        for row in pane.actors.rows:
            s = series.get(row.label)
            t.append(charts.sparkline(s.counts) if s else "", style="cyan")
            t.append(f" {row.events:>5} ")
            t.append(f"{row.label}\n")
        tri = pane.triage
        t.append(f"\nTriaged today ({tri.day})\n", style="underline")
        for status in ("coded", "dismissed", "flagged"):
            t.append(f"  {status:10} {tri.counts.get(status, 0):>5}\n")
        self.update(t)


class TalliesScreen(Screen):
    """Every tally for the active query; enter on a row lands on its items."""

    BINDINGS = TALLIES
    DEFAULT_CSS = """
    TalliesScreen #tallies-head { height: auto; padding: 0 1; background: $panel; }
    TalliesScreen OptionList, TalliesScreen OptionList:focus { height: 1fr; border: none; }
    TalliesScreen #tallies-keys { height: 1; background: $panel; padding: 0 1; }
    """

    def __init__(self, query: Compiled) -> None:
        super().__init__()
        self.query_ = query
        self.unit = "week"
        self.drills: list[DrillDown | None] = []
        self.data: tallies.Screen | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("counting…", style="dim"), id="tallies-head")
        yield OptionList(id="tallies-rows")
        yield Static(Text("enter open the items behind a number · 1 rate change · 2 dyads · "
                          "3 co-location · m weeks/months · esc back", style="dim"),
                     id="tallies-keys")

    def on_mount(self) -> None:
        self._compute()
        self.query_one(OptionList).focus()

    @work(thread=True, exclusive=True, group="tallies-screen")
    def _compute(self) -> None:
        try:
            conn = self.app.worker_connection()
            try:
                data = tallies.screen(conn, tallies.Scope(self.query_))
            finally:
                self.app.release_connection(conn)
        except sqlite3.Error as exc:
            self.app.worker_trouble(exc)
            self.app.deliver(self._head, f"tallies unavailable: {exc}")
            return
        self.app.deliver(self._show, data)

    def _head(self, text: str) -> None:
        self.query_one("#tallies-head", Static).update(Text(text))

    def _show(self, data: tallies.Screen) -> None:
        self.data = data
        head = Text()
        head.append("Tallies", style="bold")
        head.append(f"  query: {self.query_.text or 'all items'}   ", style="dim")
        head.append(f"{_events(data.total.events)}, {_num(data.total.fatalities)} killed")
        self.query_one("#tallies-head", Static).update(head)
        self._render_rows()

    def _render_rows(self) -> None:
        data = self.data
        options: list[Option] = []
        self.drills = []

        def header(title: str, note: str = "") -> None:
            label = Text(title.upper(), style="bold")
            if note:
                label.append(f"   {note}", style="dim italic")
            options.append(Option(label, disabled=True))
            self.drills.append(None)

        def row(label: str, events: int, fatalities: int, biggest: int, drill: DrillDown,
                extra: str = "") -> None:
            t = Text(no_wrap=True, overflow="ellipsis")
            t.append(f"{events:>7} ", style="bold")
            t.append(f"{fatalities:>7}† ")
            t.append(charts.bar(events, biggest, 12).ljust(12), style="cyan")
            t.append(f" {extra}  " if extra else " ")
            t.append(label)
            options.append(Option(t))
            self.drills.append(drill)

        timeline = data.weeks if self.unit == "week" else data.months
        header(f"Per {self.unit}: all events and the top actors", "m switches weeks / months")
        span = f"   {timeline.periods[0]} … {timeline.periods[-1]}" if timeline.periods else ""
        top = max((sum(s.counts) for s in (timeline.total, *timeline.series)), default=1) or 1
        for s in (timeline.total, *timeline.series):
            row(s.label + span, sum(s.counts), sum(s.fatalities), top, s.drill,
                charts.sparkline(s.counts))
        for tally in (data.actors, data.types, data.subtypes, data.countries, data.admin1,
                      data.sources):
            header(tally.title, tally.note)
            top = max((r.events for r in tally.rows), default=1) or 1
            for r in tally.rows:
                row(r.label, r.events, r.fatalities, top, r.drill)
        tri = data.triage
        header(f"Triage progress today ({tri.day})")
        for status, n in tri.counts.items():
            row(status, n, 0, max(1, tri.total), tri.drills.get(status))
        lst = self.query_one(OptionList)
        lst.clear_options()
        lst.add_options(options)
        first = next((i for i, d in enumerate(self.drills) if d is not None), None)
        if first is not None:
            lst.highlighted = first

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        drill = self.drills[event.option_index]
        if drill is not None:
            self.open_drill(drill)

    def open_drill(self, drill: DrillDown) -> None:
        """Back to the list, showing the items behind the number."""
        self.dismiss(drill)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_toggle_unit(self) -> None:
        self.unit = "month" if self.unit == "week" else "week"
        if self.data is not None:
            self._render_rows()

    # -- the three analyst questions -------------------------------------------------------------

    def _ask(self, form: Form, run) -> None:
        def done(values) -> None:
            if values is None:
                return
            try:
                conn = self.app.conn
                self.app.push_screen(Answer(*run(conn, values)), self._answered)
            except ValueError as exc:
                self.notify(str(exc), severity="error", timeout=8)

        self.app.push_screen(form, done)

    def _answered(self, drill: DrillDown | None) -> None:
        if drill is not None:
            self.open_drill(drill)

    def _scope(self) -> tallies.Scope:
        return tallies.Scope(self.query_)

    def action_rate_change(self) -> None:
        def run(conn, v):
            actor = questions.resolve_actor(conn, v["actor"], self.app.vocab) if v["actor"] else None
            on, before, after = questions.parse_windows(v["when"])
            rc = questions.rate_change(conn, on, scope=self._scope(), actor=actor,
                                       event_type=v["type"] or None, admin1=v["admin1"] or None,
                                       country=v["country"] or None, before=before, after=after)
            return "Rate change", rate_text(rc), rate_rows(rc)

        self._ask(QuestionForm("rate"), run)

    def action_dyads(self) -> None:
        def run(conn, v):
            a = questions.resolve_actor(conn, v["actor"], self.app.vocab)
            b = questions.resolve_actor(conn, v["other"], self.app.vocab)
            d = questions.dyads(conn, a, b, scope=self._scope())
            t = Text()
            t.append(f"{a}\nvs {b}\n\n", style="bold")
            t.append(f"{_events(d.total)}, {d.per_quarter:.1f} a quarter\n")
            t.append(charts.sparkline(d.counts), style="cyan")
            t.append(f"  per quarter {d.quarters[0] if d.quarters else ''} … "
                     f"{d.quarters[-1] if d.quarters else ''}\n\nWhere (admin1):\n", style="dim")
            for p in d.places[:8]:
                t.append(f"  {p.events:>4}  {p.admin1}, {p.country}  (last {p.last})\n")
            t.append(f"\n{d.note}", style="dim")
            rows = [("all", d.drill), *zip(d.quarters, d.drills, strict=False)]
            return "Dyads", t, rows

        self._ask(QuestionForm("dyad"), run)

    def action_colocation(self) -> None:
        def run(conn, v):
            a = questions.resolve_actor(conn, v["actor"], self.app.vocab)
            b = questions.resolve_actor(conn, v["other"], self.app.vocab)
            hours = int(v["hours"] or 24)
            c = questions.colocated(conn, a, b, hours=hours, scope=self._scope())
            t = Text()
            t.append(f"{a}\nand {b}\nat the same place within {hours} h\n\n", style="bold")
            t.append(f"{c.total} pairs\n")
            t.append(charts.sparkline(c.counts), style="cyan")
            t.append("  per month\n\n", style="dim")
            for label, n in c.places[:8]:
                t.append(f"  {n:>4}  {label}\n")
            t.append(f"\n{c.note}", style="dim")
            rows = [("all", c.drill)]
            rows += [(f"{p.date_a} / {p.date_b}  {p.place}", p.drill) for p in c.pairs[:30]]
            return "Co-location", t, rows

        self._ask(QuestionForm("coloc"), run)


def rate_text(rc: questions.RateChange) -> Text:
    """The rate-change answer: both windows, their rates, and any small-sample warning beside
    the rate it concerns (a rate from a 4-day window is never shown bare)."""
    t = Text()
    adjacent = date.fromisoformat(rc.before.end) + timedelta(days=1) == date.fromisoformat(rc.date)
    t.append(f"Monthly rate before and after {rc.date}\n\n" if adjacent
             else "Monthly rate in two windows\n\n", style="bold")
    for name, p in (("before", rc.before), ("after ", rc.after)):
        t.append(f"{name}: {p.events} event{'s' if p.events != 1 else ''} in {p.days} "
                 f"day{'s' if p.days != 1 else ''} = {p.per_month:.1f} a month "
                 f"({p.start} … {p.end})\n")
        if p.warning:
            t.append(f"        ⚠ {p.warning}\n", style="bold yellow")
    t.append(f"change: {rc.change}\n", style="bold")
    for w in rc.warnings:
        if "first coded event" in w:
            t.append(f"⚠ {w}\n", style="yellow")
    t.append("\n")
    t.append(charts.sparkline(rc.counts), style="cyan")
    t.append(f"  per month, {rc.months[0] if rc.months else ''} … "
             f"{rc.months[-1] if rc.months else ''}\n", style="dim")
    t.append(f"\n{rc.note}", style="dim")
    return t


def rate_rows(rc: questions.RateChange) -> list[tuple[str, DrillDown]]:
    rows = [(f"before  {rc.before.start} … {rc.before.end}  ({rc.before.events})", rc.before.drill),
            (f"after   {rc.after.start} … {rc.after.end}  ({rc.after.events})", rc.after.drill)]
    rows += [(f"{m}  ({n})", d) for m, n, d in zip(rc.months, rc.counts, rc.drills, strict=True)]
    return rows


class QuestionForm(Form):
    def __init__(self, kind: str) -> None:
        self.kind = kind
        if kind == "rate":
            self.TITLE_TEXT = ("Rate change: the monthly rate in two windows. Given a date, two "
                               "equal windows either side of it, the second ending today.")
            self.FIELDS = [("when", "Date, or the windows: FROM..TO vs FROM..TO",
                            "2026-09-01  or  2026-06-01..2026-08-31 vs 2026-09-01..2026-11-30"),
                           ("actor", "Actor (name or alias), optional", "e.g. JNIM"),
                           ("type", "Event type, optional", "e.g. Battles"),
                           ("country", "Country, optional", "e.g. Mali"),
                           ("admin1", "Admin1, optional", "e.g. Ménaka")]
        elif kind == "dyad":
            self.TITLE_TEXT = "Dyads: how often two actors fought each other, per quarter"
            self.FIELDS = [("actor", "Actor", "e.g. JNIM"), ("other", "Other actor", "e.g. FAMa")]
        else:
            self.TITLE_TEXT = "Co-location: events by two actors at the same place"
            self.FIELDS = [("actor", "Actor", "e.g. JNIM"), ("other", "Other actor", "e.g. ISSP"),
                           ("hours", "Within hours", "24")]
        super().__init__()

    def validate(self, data):
        if self.kind == "rate":
            try:
                questions.parse_windows(data["when"])
            except ValueError as exc:
                self.error(str(exc)[:1].upper() + str(exc)[1:] + ".")
                return None
        if self.kind != "rate" and not (data["actor"] and data["other"]):
            self.error("Two actors are needed.")
            return None
        if self.kind == "coloc" and data["hours"] and not data["hours"].isdigit():
            self.error("Hours must be a whole number.")
            return None
        return data


class Answer(ModalScreen):
    """An analyst question's numbers and chart; enter on a line opens its items."""

    DEFAULT_CSS = """
    Answer { align: center middle; }
    Answer > Vertical { width: 100; max-width: 95%; height: auto; max-height: 90%;
                        border: thick $accent; background: $surface; padding: 0 1; }
    Answer VerticalScroll { height: auto; max-height: 20; }
    Answer OptionList { height: auto; max-height: 12; border: none; }
    """
    BINDINGS = [Binding("escape", "close", show=False)]

    def __init__(self, title: str, body: Text, rows: list[tuple[str, DrillDown]]) -> None:
        super().__init__()
        self.title_text, self.body, self.rows = title, body, rows

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text, style="bold reverse"))
            with VerticalScroll():
                yield Static(self.body)
            yield Static(Text("open the items behind:", style="dim"))
            yield OptionList(*[Option(Text(label)) for label, _ in self.rows])

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.rows[event.option_index][1])

    def action_close(self) -> None:
        self.dismiss(None)
