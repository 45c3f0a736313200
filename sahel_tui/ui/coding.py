"""Coding an item: the pre-filled events, the panel that shows them, the facet pickers.

An uncoded item shows the suggested coding (from sahel_tui.suggest); `enter` stores it and
moves on. A facet key opens a picker; on a coded item each change is stored at once through
the decision log (so `u` undoes it), on a suggestion it edits the draft until `enter`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from sahel_tui.store import drafts as store_drafts
from sahel_tui.store import events as store_events
from sahel_tui.store.db import fold
from sahel_tui.store.events import Event

# Pickers are imported when a facet key is first pressed, not at start-up.
if TYPE_CHECKING:
    from sahel_tui.ui.pickers import Item

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


# -- picker sources ---------------------------------------------------------------------------

def _folded_contains(hay: str, needle: str) -> bool:
    return words_match(hay, needle)


_WORD = re.compile(r"\w+")


def words_match(hay: str, needle: str) -> bool:
    """Every typed word starts a word of ``hay``, in any order, accents and case ignored:
    "unid nige" finds "Unidentified Armed Group (Niger)"."""
    words = _WORD.findall(fold(needle) or "")
    if not words:
        return True
    hay_words = _WORD.findall(fold(hay) or "")
    return all(any(h.startswith(w) for h in hay_words) for w in words)


def actor_items(vocab, state: CodingState, text: str, allow_none: bool) -> list[Item]:
    from sahel_tui.ui.pickers import Item

    out: list[Item] = []
    seen = set()
    sug = state.current.suggestion if state.current else None
    pool = list(sug.actor_candidates) if sug is not None else []
    if not pool and state.coding is not None:
        for ev in state.coding.events:
            pool += list(ev.actor_candidates)
    for cand in pool:
        if cand.id in seen or (text and not _folded_contains(cand.name + " " + cand.alias, text)):
            continue
        seen.add(cand.id)
        out.append(Item(cand.name, cand.entity, f"{cand.detail} · read as “{cand.alias}”", True))
    if allow_none and not text:
        out.append(Item("(none: one-sided event)", "", ""))
    if text:
        for cand in vocab.matcher().complete(text, kind="actor", limit=30):
            if cand.id not in seen:
                seen.add(cand.id)
                out.append(Item(cand.name, cand.entity, cand.detail))
        # words in any order, each a prefix ("unid nige"): the whole list is a few hundred
        for actor in vocab.actors.values():
            if actor.id not in seen and words_match(
                    " ".join((actor.name, *actor.aliases)), text):
                seen.add(actor.id)
                out.append(Item(actor.name, actor, actor.type))
                if len(out) > 60:
                    break
        out.append(Item(f"+ add actor “{text}”…", ("add-actor", text),
                        "to your actors.toml (ctrl+a: as an associated actor)"))
    return out


def place_items(vocab, state: CodingState, text: str) -> list[Item]:
    from sahel_tui.ui.pickers import Item

    out: list[Item] = []
    seen = set()
    sug = state.current.suggestion if state.current else None
    pool = list(sug.place_candidates) if sug is not None else []
    chosen = sug.place if sug is not None else None
    groups = sug.theatres if sug is not None else ()
    # the incident's words: where its named groups mostly act (the lean among namesakes)
    words = (state.coding.text[sug.span[0] : sug.span[1]]
             if sug is not None and state.coding is not None else "")
    for cand in pool:
        if cand.id in seen or (text and not _folded_contains(cand.name + " " + cand.alias, text)):
            continue
        seen.add(cand.id)
        out.append(Item(cand.name, cand.entity,
                        _place_detail(cand.entity, cand, chosen, groups, words), True))
    if text:
        for cand in vocab.matcher().complete(text, kind="place", limit=30):
            if cand.id not in seen:
                seen.add(cand.id)
                out.append(Item(cand.name, cand.entity, _place_detail(cand.entity, None, chosen)))
        gz = getattr(vocab, "gazetteer", None)
        if gz is not None and gz.ready and len(text.strip()) >= 2:  # imported villages
            for place, written in gz.complete(text, limit=30):
                if place.id not in seen:
                    seen.add(place.id)
                    label = place.name if written == place.name else f"{place.name} ({written})"
                    out.append(Item(label, place, _place_detail(place, None, chosen)))
        out.append(Item(f"+ add place “{text}”…", ("add-place", text), "to your places.toml"))
    else:
        current = state.current.fields.get("geo_precision", 1) if state.current else 1
        for n, meaning in GEO_PRECISION.items():
            out.append(Item(f"geo precision {n}: {meaning}", ("geo", n), GEO_HELP[n],
                            n == current))
    return out


GEO_HELP = {1: "the report names the town or village where it happened",
            2: "near / outside / km from / près de a place, or a small area around it",
            3: "only a district or region is known: its capital or centre"}


def _place_detail(p, cand=None, chosen=None, groups=(), words: str = "") -> str:
    """Admin units, coordinates, source; for a suggested candidate its evidence score, its
    distance to the suggested place, where the item's named groups operate ("JNIM
    operates in ML, BF, NE": a namesake elsewhere ranks after) and, from the incident's
    *words*, where they mostly act ("Boko Haram acts mostly in Borno")."""
    parts = [x for x in (p.admin2, p.admin1, p.country) if x and x != p.name]
    where = ", ".join(parts)
    coords = f" ({p.latitude:.2f}, {p.longitude:.2f})" if p.latitude is not None else " (no coordinates)"
    extra = []
    if cand is not None and cand.context:
        extra.append(f"evidence {cand.context:g}")
    if (chosen is not None and chosen.id != p.id and p.latitude is not None
            and chosen.latitude is not None):
        from sahel_tui.gazetteer.evidence import km

        extra.append(f"{km(p, chosen):.0f} km from {chosen.name}")
    if groups:
        from sahel_tui.gazetteer.evidence import theatre_note

        extra += [theatre_note(name, countries, p.country) for name, countries in groups[:2]]
    if words:
        from sahel_tui.gazetteer.evidence import home_region_note

        if (note := home_region_note(p, words)):
            extra.append(note)
    if p.source.startswith("gazetteer:"):
        extra.append(p.source.split(":", 1)[1])
    return f"{p.kind}: {where}{coords}" + "".join(f" · {x}" for x in extra)


def type_items(vocab, state: CodingState, text: str) -> list[Item]:
    from sahel_tui.ui.pickers import Item

    out: list[Item] = []
    seen = set()
    sug = state.current.suggestion if state.current else None
    for cand in (sug.event_types if sug is not None else ()):
        if cand.sub_event_type in seen:
            continue
        if text and not _folded_contains(f"{cand.event_type} {cand.sub_event_type}", text):
            continue
        seen.add(cand.sub_event_type)
        out.append(Item(f"{cand.event_type} › {cand.sub_event_type}", cand.sub_event_type,
                        f"{cand.share:.0%}", True))
    by_help = []
    for sub in vocab.sub_event_types:
        if sub.name in seen:
            continue
        item = Item(f"{sub.event_type} › {sub.name}", sub.name, sub.help)
        if not text or _folded_contains(f"{sub.event_type} {sub.name}", text):
            out.append(item)  # the name matches: "arrest" lists Arrests first
        elif _folded_contains(sub.help, text):
            by_help.append(item)
    return out + by_help


_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def date_items(state: CodingState, text: str, published: str) -> list[Item]:
    from sahel_tui.ui.pickers import Item

    out: list[Item] = []
    text = text.strip()
    m = _DATE.match(text)
    if m:
        try:
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return [Item(f"not a date: {text}", None, "use YYYY-MM-DD")]
        return [Item(f"{d.isoformat()} ({PRECISION[p]})", (d.isoformat(), p), "") for p in (1, 2, 3)]
    if text:
        return [Item("type a date as YYYY-MM-DD", None, "")]
    sug = state.current.suggestion if state.current else None
    if sug is not None:
        ds = sug.date
        phrase = f"from “{ds.phrase}”" if ds.phrase else "no date phrase: publication date"
        out.append(Item(f"{ds.date.isoformat()} ({PRECISION[ds.time_precision]})",
                        (ds.date.isoformat(), ds.time_precision), phrase, True))
        for alt in ds.alternatives:
            out.append(Item(f"{alt.isoformat()} ({PRECISION[1]})", (alt.isoformat(), 1), "other reading"))
    pub = published[:10]
    out.append(Item(f"{pub} ({PRECISION[1]})", (pub, 1), "publication date"))
    out.append(Item(f"{pub} ({PRECISION[2]})", (pub, 2), "publication week"))
    return out


_NUMS = re.compile(r"^(\d+)(?:\s*[/,-]\s*(\d+))?(?:\s*[/,-]\s*(\d+))?$")


def fatality_items(state: CodingState, text: str) -> list[Item]:
    from sahel_tui.ui.pickers import Item

    text = text.strip()
    if text:
        m = _NUMS.match(text)
        if not m:
            return [Item("type a number, or low/best/high like 12/15/20", None, "")]
        nums = [int(x) for x in m.groups() if x is not None]
        low = min(nums)
        best = nums[1] if len(nums) >= 2 else low
        high = max(nums) if len(nums) >= 2 else None
        return [Item(f"{low} (best {best}{f', high {high}' if high else ''})", (low, best, high), "")]
    out = []
    sug = state.current.suggestion if state.current else None
    if sug is not None and sug.fatalities.found:
        fs = sug.fatalities
        out.append(Item(f"{fs.low} (best {fs.best}{f', high {fs.high}' if fs.high else ''})",
                        (fs.low, fs.best, fs.high), f"from “{fs.phrase}”", True))
    out.append(Item("0 (none reported)", (0, None, None), ""))
    return out


def apply_choice(vocab, facet: str, fields: dict, value) -> dict:
    """The field changes a picked value makes."""
    if facet in ("assoc1", "assoc2"):
        key = f"assoc_actor_{facet[-1]}"
        current = list(fields.get(key) or [])
        if value.name in current:
            current.remove(value.name)
        else:
            current.append(value.name)
        return {key: current}
    if facet == "notes":
        return {"notes": value}
    if facet == "civilian_targeting":
        return {"civilian_targeting": not fields.get("civilian_targeting")}
    if facet in ("actor1", "actor2"):
        n = facet[-1]
        if value == "":
            return {f"actor{n}": "", f"inter{n}": ""}
        changes = {f"actor{n}": value.name, f"inter{n}": value.type}
        o = "2" if n == "1" else "1"
        if value.name == fields.get(f"actor{o}") and fields.get(f"actor{n}"):
            # the other side's actor chosen for this side: the two sides swap, each with its
            # associated actors (not "Civilians vs Civilians")
            changes.update({f"actor{o}": fields[f"actor{n}"], f"inter{o}": fields.get(f"inter{n}", ""),
                            f"assoc_actor_{n}": list(fields.get(f"assoc_actor_{o}") or []),
                            f"assoc_actor_{o}": list(fields.get(f"assoc_actor_{n}") or [])})
        return changes
    if facet == "place" and isinstance(value, tuple) and value[0] == "geo":
        return {"geo_precision": value[1]}
    if facet == "place":
        country = vocab.country(value.country)
        precision = 1 if value.kind == "place" else 3
        if value.kind == "place" and value.id == fields.get("place_id"):
            precision = fields.get("geo_precision") or 1  # the same place: "near" stays
        return {"location": value.name, "admin1": value.admin1 or "", "admin2": value.admin2 or "",
                "country": country.name if country else value.country, "place_id": value.id,
                "latitude": round(value.latitude, 4) if value.latitude is not None else None,
                "longitude": round(value.longitude, 4) if value.longitude is not None else None,
                "geo_precision": precision}
    if facet == "type":
        sub = vocab.sub_event_type(value)
        changes = {"event_type": sub.event_type, "sub_event_type": sub.name,
                   "disorder_type": sub.disorder_type}
        if sub.event_type == "Violence against civilians":
            changes["civilian_targeting"] = True
        return changes
    if facet == "date":
        return {"event_date": value[0], "time_precision": value[1]}
    if facet == "fatalities":
        low, best, high = value
        return {"fatalities": low, "fatalities_best": best, "fatalities_high": high}
    if facet == "grading":
        return {"reliability": value.reliability, "credibility": value.credibility,
                "confidence": value.confidence}
    raise ValueError(facet)


def picker_for(vocab, state: CodingState, facet: str, published: str, why: str = ""):
    from sahel_tui.ui.pickers import Grading, GradingPicker, Picker

    label = FACET_LABEL[facet]
    if facet in ("actor1", "actor2"):
        return Picker(f"{label}: who", lambda t: actor_items(vocab, state, t, facet == "actor2"),
                      alternate=f"add or remove as associated actor of {label.lower()}")
    if facet == "place":
        return Picker(f"{label}: where, and how precisely", lambda t: place_items(vocab, state, t),
                      help_text="geo precision (ACLED): 1 the place itself · 2 near it · "
                                "3 only the region (listed below the places)")
    if facet == "type":
        # the rule that settled the suggested type, in the analyst's words (ACLED's codebook)
        sug = state.current.suggestion if state.current else None
        rule = (f"suggested {sug.sub_event_type}: {sug.type_rule}"
                if sug is not None and sug.sub_event_type and sug.type_rule else "")
        return Picker(f"{label}: what (ACLED)", lambda t: type_items(vocab, state, t),
                      help_text=rule)
    if facet == "date":
        return Picker(f"{label}", lambda t: date_items(state, t, published), numeric=True,
                      placeholder="YYYY-MM-DD, or enter for the highlighted")
    if facet == "fatalities":
        return Picker(f"{label}: killed (ACLED keeps the lowest credible figure)",
                      lambda t: fatality_items(state, t), numeric=True,
                      placeholder="a number, or low/best/high e.g. 12/15/20")
    f = state.current.fields if state.current else {}
    return GradingPicker(Grading(f.get("reliability"), f.get("credibility"), f.get("confidence")),
                         None, why)


def unwrap(result):
    """(direction, value) from a picker's result: direction NEXT/PREV/None."""
    from sahel_tui.ui.pickers import NEXT, PREV

    if result is NEXT or result is PREV:
        return result, None
    if isinstance(result, tuple) and len(result) == 2 and result[0] in (NEXT, PREV):
        return result[0], result[1]
    return None, result
