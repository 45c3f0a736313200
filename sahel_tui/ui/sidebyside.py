"""The side-by-side source view: the reports of one incident in columns, with the facts on
which they differ (tolls, places, dates, attribution) highlighted. Items are linked here as
reports of one event; the independent outlets drive the suggested credibility."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from sahel_tui.analysis import incidents, stories, story_outlets
from sahel_tui.store import views
from sahel_tui.store.events import event_code
from sahel_tui.ui.bindings import STORY
from sahel_tui.ui.queued import QueuedWrites

MAX_COLUMNS = 4
DIFFERS = "bold black on yellow"
AGREES = "underline"


class Column(VerticalScroll, can_focus=True):
    DEFAULT_CSS = """
    Column { width: 1fr; border: round $foreground 25%; padding: 0 1; }
    Column:focus { border: round $accent; }
    Column.-marked { border: double $success; }
    Column.-main { border-title-style: bold; }
    """

    def __init__(self, item_id: int, content: Text, **kwargs) -> None:
        super().__init__(**kwargs)
        self.item_id = item_id
        self.content = content

    def compose(self) -> ComposeResult:
        yield Static(self.content)


class StoryScreen(QueuedWrites, Screen):
    BINDINGS = STORY
    DEFAULT_CSS = """
    StoryScreen #story-head { height: auto; padding: 0 1; background: $panel; }
    StoryScreen #columns { height: 1fr; }
    StoryScreen #story-keys { height: 1; background: $panel; padding: 0 1; }
    """

    def __init__(self, item_id: int) -> None:
        super().__init__()
        self.item_id = item_id
        self.marked: set[int] = set()
        self.raw = False
        self.more = False
        self.story: stories.Story | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="story-head")
        yield Horizontal(id="columns")
        yield Static(Text("←/→ column · space mark · L link marked as one incident · U unlink · "
                          "A attach to an event · D detach · u undo · r raw · m more · "
                          "enter open · esc back", style="dim"), id="story-keys")

    def on_mount(self) -> None:
        self.load()

    # -- content ---------------------------------------------------------------------------------

    def load(self) -> None:
        conn = self.app.conn
        self.story = stories.group_story(conn, self.item_id, vocab=self.app.vocab)
        cands = list(self.story.members) + (list(self.story.near) if self.more else [])
        ids = [self.item_id, *[c.item_id for c in cands]][: MAX_COLUMNS if not self.more else 8]
        facts = stories.differing_facts(conn, ids, vocab=self.app.vocab)
        reasons = {c.item_id: c for c in cands}
        box = self.query_one("#columns", Horizontal)
        box.remove_children()
        columns = []
        for item_id in ids:
            cand = reasons.get(item_id)
            col = Column(item_id, self._content(item_id, facts.get(item_id, []), cand),
                         classes="-main" if item_id == self.item_id else "")
            col.border_title = ("this item" if item_id == self.item_id
                                else f"{cand.score:.2f} · {'linked' if cand.linked else 'candidate'}"
                                if cand else "")
            col.set_class(item_id in self.marked, "-marked")
            columns.append(col)
        box.mount_all(columns)
        if columns:
            self.call_after_refresh(columns[0].focus)
        self._head()

    def _content(self, item_id: int, facts: list, cand) -> Text:
        detail = views.item_detail(self.app.conn, item_id)
        if detail is None:
            return Text("(item not found)")
        outlets = ", ".join(f"{name} [{rel}]" for name, _, rel in detail.sources)
        t = Text()
        t.append(outlets + "\n", style="bold italic")
        t.append(detail.published.replace("T", " ").rstrip("Z") + " UTC\n", style="dim")
        t.append_text(self._coding_line(item_id, detail.status))
        if cand is not None and cand.reasons:
            t.append("why: " + "; ".join(cand.reasons) + "\n", style="dim")
        t.append("\n")
        title = Text(detail.title, style="bold")
        # the text the facts were found in: the article when there is one
        body = Text(detail.raw_html if self.raw else detail.best_text)
        if not self.raw:
            for f in facts:
                target = title if f.field == "title" else body
                target.stylize(DIFFERS if f.differs else AGREES, f.start, f.end)
        t.append_text(title)
        t.append("\n\n")
        if self.raw:
            t.append("the entry's HTML as the feed sent it (shown as text):\n", style="dim")
        t.append_text(body)
        return t

    def _coding_line(self, item_id: int, status: str) -> Text:
        """The report's current coding, and which event it belongs to."""
        rows = self.app.conn.execute(
            "SELECT e.id, e.country, e.event_date, e.sub_event_type, e.location, e.fatalities, "
            "e.reliability, e.credibility, "
            "EXISTS (SELECT 1 FROM event_attached a WHERE a.event_id = e.id AND a.item_id = ?), "
            "(SELECT count(*) FROM event_items x WHERE x.event_id = e.id) "
            "FROM event_items ei JOIN events e ON e.id = ei.event_id "
            "WHERE ei.item_id = ? AND e.deleted = 0 ORDER BY e.id", (item_id, item_id)).fetchall()
        t = Text()
        if not rows:
            t.append(f"{status}: not coded\n", style="yellow" if status == "new" else "dim")
            return t
        for eid, country, day, sub, place, dead, rel, cred, attached, reports in rows:
            code = event_code(country, eid)
            t.append("linked to " if attached else "coded ", style="green")
            t.append(code, style="bold green")
            t.append(f" {day} {sub} · {place or '—'} · {dead}† · {rel or '?'}{cred or '?'}"
                     f" · {reports} report{'s' if reports != 1 else ''}\n", style="green")
        return t

    def _head(self) -> None:
        so = story_outlets.story_outlets(self.app.conn, self.item_id)
        t = Text()
        t.append("Side by side", style="bold")
        n = len(self.story.members) if self.story else 0
        t.append(f"   {n} likely report{'s' if n != 1 else ''} of the same incident"
                 f" ({self.story.seconds * 1000:.0f} ms)" if self.story else "")
        t.append("\n")
        linked = "in a linked story" if so.story_id else "not linked yet"
        t.append(f"{linked}: {so.independent} independent outlet"
                 f"{'s' if so.independent != 1 else ''} "
                 f"({', '.join(o.feed for o in so.outlets if o.independent) or '—'}) → ")
        t.append(f"suggested credibility {so.credibility}", style="bold green")
        t.append(f"   {so.rule}", style="dim")
        t.append("\n")
        t.append("highlighted: ", style="dim")
        t.append("differs between reports", style=DIFFERS)
        t.append("  ", style="dim")
        t.append("same in all", style=AGREES)
        self.query_one("#story-head", Static).update(t)

    # -- keys ------------------------------------------------------------------------------------

    def _columns(self) -> list[Column]:
        return list(self.query(Column))

    def _focused(self) -> Column | None:
        return self.focused if isinstance(self.focused, Column) else None

    def action_focus_column(self, delta: int) -> None:
        cols = self._columns()
        if not cols:
            return
        cur = self._focused()
        i = cols.index(cur) if cur in cols else 0
        cols[(i + delta) % len(cols)].focus()

    def action_mark(self) -> None:
        col = self._focused()
        if col is None or col.item_id == self.item_id:
            return
        self.marked ^= {col.item_id}
        col.set_class(col.item_id in self.marked, "-marked")

    def action_link(self) -> None:
        ids = [self.item_id, *sorted(self.marked)]
        if len(ids) < 2:
            self.notify("Mark the other reports first (space), then L.", timeout=3)
            return
        self.marked.clear()

        def linked(linked) -> None:
            text = f"Linked {len(ids)} reports as one incident."
            if linked.event_ids:
                row = self.app.conn.execute("SELECT country FROM events WHERE id = ?",
                                            (linked.event_ids[0],)).fetchone()
                code = event_code(row[0], linked.event_ids[0])
                n = len(linked.attached)
                text += (f" {n} report{'s' if n != 1 else ''} attached to {code}." if n
                         else f" Its event: {code}.")
            else:
                text += " Coding any one of them codes the incident."
            self.notify(text, timeout=4)
            self._reload()

        self._write(f"link {len(ids)} reports", "link", ids, self.app.coder, on_done=linked)

    def _reload(self) -> None:
        if self.is_attached and self.app.screen is self:
            self.load()

    def action_attach(self) -> None:
        col = self._focused()
        target = col.item_id if col is not None else self.item_id
        detail = views.item_detail(self.app.conn, target)
        if detail is None:
            return
        from sahel_tui.ui.coding_actions import open_attach_picker

        open_attach_picker(self, target, detail.published[:10], {}, lambda _item: self.load())

    def action_detach(self) -> None:
        col = self._focused()
        target = col.item_id if col is not None else self.item_id
        own = incidents.live_events(self.app.conn, target)
        if not own:
            self.notify("That report is not part of a coded event.", timeout=2)
            return
        def detached(result) -> None:
            if isinstance(result, incidents.DetachError):
                self.notify(str(result), timeout=4)
            self._reload()

        self._write("detach the report", "detach", target, own, self.app.coder,
                    on_done=detached)

    def action_unlink(self) -> None:
        col = self._focused()
        target = col.item_id if col is not None else self.item_id
        def unlinked(batch) -> None:
            if batch is None:
                self.notify("That item is not in a linked story.", timeout=2)
            self._reload()

        self._write("unlink the report", "unlink", target, self.app.coder, on_done=unlinked)

    def action_raw(self) -> None:
        self.raw = not self.raw
        self.load()

    def action_more(self) -> None:
        self.more = not self.more
        self.load()

    def action_open(self) -> None:
        col = self._focused()
        self.dismiss(col.item_id if col is not None else None)

    def action_back(self) -> None:
        self.dismiss(None)
