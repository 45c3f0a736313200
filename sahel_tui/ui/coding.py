"""Coding an item: the pre-filled events and the panel that shows them.

An uncoded item shows the suggested coding (from sahel_tui.suggest); `enter` stores it and
moves on. A facet key opens a picker (:mod:`sahel_tui.ui.coding_pickers`); on a coded item
each change is stored at once through the decision log (so `u` undoes it), on a suggestion
it edits the draft until `enter`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from sahel_tui.store import drafts as store_drafts
from sahel_tui.store import events as store_events
from sahel_tui.store.events import Event

FACETS = ["actor1", "actor2", "place", "type", "date", "fatalities", "grading"]
FACET_LABEL = {"actor1": "Actor 1", "actor2": "Actor 2", "place": "Place", "type": "Event type",
               "date": "Event date", "fatalities": "Fatalities", "grading": "Grading"}
PRECISION = {1: "exact day", 2: "within a week (mid-point)", 3: "month only (mid-month)"}
GEO_PRECISION = {1: "the place itself", 2: "near the place", 3: "only the region"}
SPAN_STYLES = {"actor": "bold magenta", "place": "bold cyan", "date": "bold yellow",
               "fatalities": "bold red"}


@dataclass
class Draft:
    fields: dict
    event_id: int | None = None  # stored event; None: a suggestion not stored yet
    suggestion: object = None  # the EventCoding it came from
    reports: int = 1  # a stored event's reports (items)
    code: str = ""  # a stored event's ACLED id (MLI123)
    suggested_credibility: int | None = None  # what its reports earn now
    counted: bool | None = None  # under a drill-down: among the events the number counted
    # a write of this event waits for the database (another process holds it, or the disk
    # is full); ``into`` is the waiting write's list of events when it is not stored yet
    pending: bool = False
    into: list | None = None


@dataclass
class CodingState:
    item_id: int
    drafts: list[Draft] = field(default_factory=list)
    index: int = 0
    coding: object = None  # ItemCoding
    reliability: str | None = None  # the feed's default letter
    ready: bool = False
    matches: tuple = ()  # actor/place name matches over ItemCoding.text, for highlighting
    drafted: bool = False  # the drafts come from the store (values confirmed earlier)

    @property
    def stored(self) -> bool:
        return any(d.event_id is not None for d in self.drafts)

    @property
    def waiting(self) -> bool:
        """Some of this item's coding waits for the database."""
        return any(d.pending for d in self.drafts)

    @property
    def current(self) -> Draft | None:
        return self.drafts[self.index] if 0 <= self.index < len(self.drafts) else None


def default_grading(fields: dict, reliability: str | None, credibility: int | None = None) -> dict:
    fields.setdefault("reliability", reliability)
    if fields.get("credibility") is None:
        # from the side-by-side view's story: two or more independent outlets earn a 1;
        # one outlet alone is "possibly true" (an A source: "probably true")
        fields["credibility"] = credibility or (2 if reliability == "A" else 3)
    fields.setdefault("confidence", "moderate")
    return fields


def state_for(conn, item_id: int, coding, vocab,
              counted: tuple[str, list] | None = None) -> CodingState:
    """The coding state of an item: its stored events, else the suggested ones. ``counted``
    (Compiled.counted of the view: a drill-down) marks the stored events the view's number
    counted, and the state opens on the first of them."""
    row = conn.execute(
        "SELECT f.reliability FROM items i JOIN feeds f ON f.id = i.feed_id WHERE i.id = ?",
        (item_id,)).fetchone()
    reliability = row[0] if row else None
    state = CodingState(item_id, coding=coding, reliability=reliability, ready=True)
    stored = store_events.events_for_item(conn, item_id)
    if stored:
        from sahel_tui.analysis.incidents import suggested_credibility

        for e in stored:
            reports = conn.execute("SELECT count(*) FROM event_items WHERE event_id = ?",
                                   (e.id,)).fetchone()[0]
            state.drafts.append(Draft(_fields_of(e), e.id, reports=reports,
                                      code=store_events.event_code(e.country, e.id),
                                      suggested_credibility=suggested_credibility(conn, e.id)))
        if counted is not None:
            cond, params = counted
            ids = [e.id for e in stored]
            hits = {r[0] for r in conn.execute(
                f"SELECT e.id FROM events e WHERE e.id IN ({','.join('?' * len(ids))}) "
                f"AND {cond}", [*ids, *params])}
            for d in state.drafts:
                d.counted = d.event_id in hits
            state.index = next((i for i, d in enumerate(state.drafts) if d.counted), 0)
        return state
    saved = store_drafts.load(conn, item_id)
    suggested = list(coding.events) if coding is not None else []
    if saved is not None:
        # values confirmed earlier, kept across moving away, restarts and crashes
        state.drafted = True
        state.drafts = [Draft(fields, None, suggested[i] if i < len(suggested) else None)
                        for i, fields in enumerate(saved)]
    elif coding is not None:
        from sahel_tui.analysis.story_outlets import story_outlets

        credibility = story_outlets(conn, item_id).credibility
        for ev in coding.events:
            fields = default_grading(ev.as_event_fields(vocab), reliability, credibility)
            state.drafts.append(Draft(fields, None, ev))
    return state


def _fields_of(e: Event) -> dict:
    keep = {k: v for k, v in e.__dict__.items()
            if k not in ("id", "uid", "coder", "coded_at", "updated_at", "deleted")}
    return keep


def spans_for(state: CodingState | None) -> list[tuple[int, int, str]]:
    """Highlights over the suggestion text: matched actors and places, the current event's
    date phrase and death toll (offsets in ItemCoding.text)."""
    if state is None or state.coding is None:
        return []
    spans = []
    for m in state.matches or getattr(state.coding, "matches", ()) or ():
        style = SPAN_STYLES.get(m.best.kind)
        if style:
            spans.append((m.start, m.end, style))
    draft = state.current
    sug = draft.suggestion if draft else None
    if sug is None and state.coding.events:
        sug = state.coding.events[0]
    if sug is not None:
        if sug.date.span:
            spans.append((*sug.date.span, SPAN_STYLES["date"]))
        if sug.fatalities.span:
            spans.append((*sug.fatalities.span, SPAN_STYLES["fatalities"]))
    return spans


class CodingPanel(Static):
    """The current item's coding under the reader, with the key for each facet."""

    DEFAULT_CSS = """
    CodingPanel { height: auto; max-height: 22; border-top: hkey $foreground 20%;
                  padding: 0 1; }
    """

    plain = ""  # what the panel shows, as plain text (for the status line and tests)
    _shown: tuple | None = None

    def on_resize(self) -> None:
        # compact below 32 rows, labels only where there is room: decided at each size
        if self._shown is not None:
            self.show(*self._shown)

    def _set(self, *parts) -> None:
        self.plain = "\n".join(
            p.plain if isinstance(p, Text) else "\n".join(
                " ".join(c.plain for c in row) for row in p.rows_text) for p in parts)
        self.update(Group(*(p.grid if isinstance(p, _Rows) else p for p in parts)))

    def show(self, state: CodingState | None, vocab_ready: bool = True) -> None:
        self._shown = (state, vocab_ready)
        t = Text()
        if state is None:
            self._set(t)
            return
        if not vocab_ready or not state.ready:
            t.append("reading the item…", style="dim")
            self._set(t)
            return
        if not state.drafts:
            t.append("No event suggested. ", style="dim")
            t.append("e", style="bold reverse")
            t.append(" code one   ", style="dim")
            t.append("x", style="bold reverse")
            t.append(" dismiss", style="dim")
            self._set(t)
            return
        d = state.current
        f = d.fields
        if self.app.size.height < 32:
            self._set(*self._compact(state, d, f))
            return
        status = ("pending: written when the database frees" if d.pending else
                  "stored" if d.event_id is not None else
                  "draft kept: enter to store" if state.drafted else "suggested: enter to accept")
        t.append(f"Event {state.index + 1}/{len(state.drafts)} ", style="bold")
        t.append(f"({status})", style="bold red" if d.pending else
                 "green" if d.event_id else "yellow")
        if d.event_id is not None:
            t.append(f" {d.code} · {d.reports} report{'s' if d.reports != 1 else ''}",
                     style="green")
        hints = ("< > switch   " if len(state.drafts) > 1 else "") + "+ add   - remove"
        width = self.content_size.width
        # the hints on the same line when they fit, else on their own: never split
        t.append("   " if not width or t.cell_len + 3 + len(hints) <= width else "\n")
        t.append(hints, style="dim")
        if d.counted is not None:
            t.append("\n")
            t.append_text(_counted_note(state, d))
        # facets wrap, each under its own value (never under the label), and are never cut
        labels = width == 0 or width >= 46  # narrow: the keys say enough
        rows = _Rows(3 if labels else 2)

        def row(key: str, label: str, value: str, extra: str = "") -> None:
            v = Text(value or "—", style="" if value else "dim")
            if extra:
                v.append(f"  {extra}", style="dim")
            k = Text(f" {key} ", style="bold reverse")
            rows.add(k, Text(label, style="dim"), v) if labels else rows.add(k, v)

        row("e", "type", f"{f.get('event_type', '')} › {f.get('sub_event_type', '')}"
            if f.get("event_type") else "")
        a1 = f.get("actor1", "")
        assoc1 = f.get("assoc_actor_1") or []
        row("a", "actor 1", a1 + (f" + {'; '.join(assoc1)}" if assoc1 else ""), f.get("inter1", ""))
        a2 = f.get("actor2", "")
        assoc2 = f.get("assoc_actor_2") or []
        actor2 = a2 + (f" + {'; '.join(assoc2)}" if assoc2 else "")
        row(" ", "actor 2", actor2 if labels else f"vs {actor2 or '—'}", f.get("inter2", ""))
        names: list[str] = []
        for p in (f.get("location"), f.get("admin2"), f.get("admin1"), f.get("country")):
            if p and p not in names:
                names.append(p)
        place = ", ".join(names)
        coords = ""
        if f.get("latitude") is not None:
            coords = f"{f['latitude']:.4f}, {f['longitude']:.4f} · precision {f.get('geo_precision', 1)}"
        row("l", "place", place, coords)
        row("d", "date", f.get("event_date", ""),
            PRECISION.get(f.get("time_precision", 1), ""))
        fat = f.get("fatalities", 0)
        best, high = f.get("fatalities_best"), f.get("fatalities_high")
        rng = f"best {best}" + (f", high {high}" if high else "") if best is not None else ""
        row("#", "deaths", str(fat), rng)
        grade = f"{f.get('reliability') or '?'}{f.get('credibility') or '?'}"
        sug = d.suggested_credibility
        row("c", "grading", f"{grade} · confidence {f.get('confidence') or '?'}",
            f"its reports suggest credibility {sug}"
            if sug is not None and sug != f.get("credibility") else "")
        row("v", "civilians", "targeted" if f.get("civilian_targeting") else "not targeted")
        if f.get("notes"):
            row("N", "notes", f["notes"].replace("\n", " "))
        self._set(t, rows)

    @staticmethod
    def _compact(state: CodingState, d: Draft, f: dict) -> tuple:
        """Four lines for short terminals, the reader keeps the room; a long value wraps
        under itself rather than being cut."""
        t = Text()
        t.append(f"Event {state.index + 1}/{len(state.drafts)} ", style="bold")
        t.append("pending · written when the database frees" if d.pending else
                 "stored" if d.event_id is not None else
                 "draft · enter stores" if state.drafted else "suggested · enter accepts",
                 style="bold red" if d.pending else "green" if d.event_id else "yellow")
        if d.counted is not None:
            t.append("  ")
            t.append_text(_counted_note(state, d))
        rows = _Rows(2)

        def line(*parts: tuple[str, str]) -> None:
            v = Text()
            for i, (key, value) in enumerate(parts):
                if i:
                    v.append("  ")
                    v.append(key, style="bold reverse")
                    v.append(" ")
                v.append(value or "—")
            rows.add(Text(parts[0][0], style="bold reverse"), v)

        line(("e", f.get("sub_event_type", "")),
             ("d", f"{f.get('event_date', '')}/{f.get('time_precision', 1)}"))
        actors = []
        for n in (1, 2):
            a = f.get(f"actor{n}") or ""
            assoc = f.get(f"assoc_actor_{n}") or []
            if a or assoc:
                actors.append(a + (f" + {'; '.join(assoc)}" if assoc else ""))
        line(("a", " vs ".join(actors)))
        line(("l", f.get("location", "")), ("#", str(f.get("fatalities", 0))),
             ("c", f"{f.get('reliability') or '?'}{f.get('credibility') or '?'} "
                   f"{f.get('confidence') or ''}"))
        return t, rows


def _counted_note(state: CodingState, d: Draft) -> Text:
    """Under a drill-down: is this event one of those the number counted?"""
    n = sum(1 for x in state.drafts if x.counted)
    of = f" ({n} of this item's {len(state.drafts)} events)" if len(state.drafts) > 1 else ""
    if d.counted:
        return Text(f"✓ counted by the query{of}", style="bold green")
    return Text(f"✗ not counted by the query{of}", style="dim")


class _Rows:
    """A grid whose last column wraps under itself: a hanging indent for facet values."""

    def __init__(self, columns: int) -> None:
        self.grid = Table.grid(padding=(0, 1), expand=True)
        for _ in range(columns - 1):
            self.grid.add_column(no_wrap=True)
        self.grid.add_column(ratio=1, overflow="fold")
        self.rows_text: list[tuple[Text, ...]] = []

    def add(self, *cells: Text) -> None:
        self.grid.add_row(*cells)
        self.rows_text.append(cells)
