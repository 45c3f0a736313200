"""The triage screen: feeds pane, item list, reader, query bar and status bar."""

from __future__ import annotations

import sqlite3

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen

from sahel_tui.ingest.sanitize import web_link
from sahel_tui.store import decisions, views
from sahel_tui.store.query import Compiled, QueryError, parse
from sahel_tui.ui.article_actions import ArticleActions
from sahel_tui.ui.bindings import APP, CODING, TRIAGE
from sahel_tui.ui.coding import CodingPanel
from sahel_tui.ui.coding_actions import CodingActions
from sahel_tui.ui.item_list import ItemList
from sahel_tui.ui.keyhints import KeyHints
from sahel_tui.ui.querybar import QueryBar
from sahel_tui.ui.reader import Reader
from sahel_tui.ui.sidebar import Sidebar
from sahel_tui.ui.statusbar import StatusBar


class TriageScreen(ArticleActions, CodingActions, Screen):
    BINDINGS = [*TRIAGE, *CODING]
    DEFAULT_CSS = """
    TriageScreen #panes { height: 1fr; }
    TriageScreen ItemList { width: 3fr; min-width: 40; }
    TriageScreen #right { width: 2fr; border-left: vkey $foreground 20%; }
    TriageScreen Reader { height: 1fr; }
    TriageScreen.-narrow #panes { layout: vertical; }
    TriageScreen.-narrow ItemList { height: 2fr; width: 1fr; }
    TriageScreen.-narrow #right { height: 3fr; width: 1fr; border-left: none;
                                  border-top: hkey $foreground 20%; }
    TriageScreen .-hidden { display: none; }
    ItemList > .item-list--cursor { background: $accent 40%; text-style: bold; }
    ItemList > .item-list--time { color: $text-muted; }
    ItemList > .item-list--source { color: $secondary; }
    ItemList > .item-list--new { color: $primary; }
    ItemList > .item-list--coded { color: $success; }
    ItemList > .item-list--dismissed { color: $text-disabled; }
    ItemList > .item-list--flagged { color: $error; text-style: bold; }
    ItemList > .item-list--coding { color: $warning; }
    ItemList > .item-list--empty { color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.query_: Compiled = parse("")
        self._pane_hidden = {"sidebar": None, "reader": None}  # None: decided by width
        self._debounced: dict = {}  # name -> Timer of a pending debounced refresh
        self._position: int | None = None  # the current item, saved when the cursor rests

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield Sidebar(id="sidebar")
            yield ItemList(lambda: self.app.conn, id="items")
            with Vertical(id="right"):
                yield Reader(id="reader")
                yield CodingPanel(id="coding")
        yield QueryBar(id="querybar")
        yield StatusBar(id="status")
        yield KeyHints([*CODING, *TRIAGE, *APP], self.app.keymap_overrides, id="keys")

    @property
    def items(self) -> ItemList:
        return self.query_one(ItemList)

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    def on_mount(self) -> None:
        conn = self.app.conn
        try:
            text = decisions.get_state(conn, "query", "") or ""
            item = decisions.get_state(conn, "item")
            try:
                self.query_ = parse(text)
            except QueryError:
                self.query_ = parse("")
            self.items.load(self.query_, int(item) if item and item.isdigit() else None)
            self._restore_layout(decisions.get_state(conn, "layout"))
        except sqlite3.DatabaseError as exc:  # a damaged file: named, the app stays up
            self.app.database_trouble(exc)
        self.status.set(query_text=self.query_.text, fetch_state=self.app.fetch_state,
                        banner=self.app.banner())
        self._apply_layout()
        self.items.focus()
        # counts come after the first frame: the list is what the analyst waits for
        self.call_after_refresh(self.recount)
        self.call_after_refresh(self.refresh_sidebar)

    def on_resize(self) -> None:
        self._apply_layout()

    def _apply_layout(self) -> None:
        width = self.size.width
        self.set_class(width < 100, "-narrow")
        sidebar_hidden = self._pane_hidden["sidebar"]
        if sidebar_hidden is None:
            sidebar_hidden = width < 120
        self.query_one(Sidebar).set_class(sidebar_hidden, "-hidden")
        reader_hidden = bool(self._pane_hidden["reader"])
        self.query_one("#right").set_class(reader_hidden, "-hidden")

    def action_toggle_pane(self, pane: str) -> None:
        widget = self.query_one(Sidebar) if pane == "sidebar" else self.query_one("#right")
        self._pane_hidden[pane] = not widget.has_class("-hidden")
        self._apply_layout()
        self._save_layout()
        if pane == "sidebar" and not self._pane_hidden[pane]:
            widget.focus()
        elif self.focused is None or self.focused.has_class("-hidden"):
            self.items.focus()

    def action_focus_next_pane(self) -> None:
        sidebar = self.query_one(Sidebar)
        panes = [(sidebar, sidebar.has_class("-hidden")), (self.items, False),
                 (self.reader, self.query_one("#right").has_class("-hidden"))]
        order = [w for w, hidden in panes if not hidden]
        if self.focused in order:
            order[(order.index(self.focused) + 1) % len(order)].focus()
        else:
            self.items.focus()

    # -- the current item --------------------------------------------------------------------

    def on_item_list_highlighted(self, event: ItemList.Highlighted) -> None:
        row = event.row
        self.start_coding(row.id if row else None)
        self._show_current()
        self.status.set(position=(self.items.position, self._total()))
        if row is not None:  # remembered once the cursor rests, not on every key
            self._position = row.id
            self._debounce("position", 0.5, self._save_position)

    def _total(self) -> int | None:
        return sum(self.status.counts.values()) if self.status.counts else None

    # -- moving --------------------------------------------------------------------------------

    def action_cursor(self, delta: int) -> None:
        self.items.move(delta)

    def action_page(self, pages: int) -> None:
        self.items.page_by(pages)

    def action_first(self) -> None:
        self.items.first()

    def action_last(self) -> None:
        self.items.last()
        total = self._total()
        if total is not None and self.items.first_index is None:
            self.items.first_index = total - len(self.items.rows)
            self.status.set(position=(self.items.position, total))

    def action_read_page(self, pages: int) -> None:
        self.reader.page(pages)

    def action_next_new(self, direction: int) -> None:
        current = self.items.current
        if current is None:
            return
        row = views.next_with_status(self.app.conn, self.query_, current.key, "new",
                                     forward=direction > 0)
        if row is None:
            self.notify("No more untriaged items in this direction.", timeout=2)
            return
        self.items.go_to(row)

    # -- decisions -----------------------------------------------------------------------------

    def _decide(self, status: str, action: str) -> None:
        row = self.items.current
        if row is None:
            return
        # the key toggles: pressing it again on a dismissed/flagged item makes it new again
        target = "new" if row.status == status else status
        label = action if target == status else f"un{action}"
        # never waits on the lock: if another process holds it, the decision is pending
        # (counted in the status bar) and written when it frees
        written = self.app.write(label, None, (row.id,), target, self.app.coder, label,
                                 op="status")
        if written is None:
            return  # refused (read-only), and said
        done = {"dismissed": "dismissed", "flagged": "flagged"}[status]
        self.status.set(message=(f"{done} (u to undo)" if target == status
                                 else f"un{done}: back to untriaged (u to undo)"))
        self.items.refresh_rows({row.id})
        if target == status and status == "dismissed":
            self.items.move(1)
        if self.items.current is not None and self.items.current.id == row.id:
            self._show_current()
        self._after_decision({row.id})

    def _show_current(self) -> None:
        row = self.items.current
        title_spans, spans = self.highlight_spans()
        detail = views.item_detail(self.app.conn, row.id) if row else None
        if detail is not None and detail.article and not self.show_article:
            spans = []  # the suggestions' offsets are into the article, not shown now
        self.reader.show(detail, self.query_.fts_words, spans, title_spans,
                         article=self.show_article, note=self.article_note(row and row.id))

    def action_dismiss_item(self) -> None:
        self._decide("dismissed", "dismiss")

    def action_flag_item(self) -> None:
        self._decide("flagged", "flag")

    def action_undo(self) -> None:
        # a change still waiting for the database is taken back first; then what was done
        # on the current item's draft; then the decision log
        if not len(self.app.writes) and self.undo_draft():
            return
        self._replay(decisions.undo, "undid")

    def action_redo(self) -> None:
        self._replay(decisions.redo, "redid")

    def _replay(self, fn, verb: str) -> None:
        if verb == "undid" and self.app.writes:
            # the last decision has not reached the database yet: it is simply dropped
            dropped = self.app.take_back_pending()
            if dropped is not None:
                self.status.set(message=f"undid {dropped.label} (it was still pending)",
                                banner=self.app.banner())
                return
        self.app.write(fn.__name__, None, self.app.coder, op=fn.__name__,
                       on_done=lambda batch: self._replayed(batch, verb))

    def _replayed(self, batch, verb: str) -> None:
        if batch is None:
            self.notify(f"Nothing to {verb[:-1]}.", timeout=2)
            return
        ids = set(batch.item_ids)
        self.items.refresh_rows(ids)
        self.refresh_coding_after_undo(ids)
        if len(ids) == 1:
            row = views.row_at(self.app.conn, self.query_, next(iter(ids)))
            if row is not None:
                self.items.go_to(row)
        current = self.items.current
        if current is not None and current.id in ids:
            self._show_current()
        n = len(ids)
        self.status.set(message=f"{verb} {batch.action} of {n} item{'s' if n != 1 else ''}")
        self._after_decision(ids if n < 500 else None)

    def action_dismiss_view(self) -> None:
        narrowed = self.query_.and_("items.status = 'new'")
        n = views.count_new(self.app.conn, self.query_)
        if n == 0:
            self.notify("No untriaged items in this view.", timeout=2)
            return
        what = f"query {self.query_.text!r}" if self.query_.text else "all items"
        question = f"Dismiss all {n} untriaged items in this view ({what})?"

        def done(yes: bool | None) -> None:
            if yes:
                try:
                    ids = [r[0] for r in self.app.conn.execute(
                        f"SELECT items.id FROM items WHERE {narrowed.where}", narrowed.params)]
                except sqlite3.Error as exc:
                    self.app.database_trouble(exc)
                    return
                if self.app.write("dismiss-all", None, tuple(ids), "dismissed",
                                  self.app.coder, "dismiss-all", op="status") is None:
                    return
                self.items.refresh_rows()
                self.status.set(message=f"dismissed {len(ids)} items (u to undo)")
                self._after_decision()

        from sahel_tui.ui.modals import Confirm  # imported when first needed

        self.app.push_screen(Confirm(question), done)

    def _tallies_pane(self):
        """The tallies pane if it is showing (it is mounted the first time t is pressed)."""
        panes = self.query("#tallies")
        pane = panes.first() if panes else None
        return pane if pane is not None and not pane.has_class("-hidden") else None

    def _after_decision(self, item_ids: set[int] | None = None) -> None:
        pane = self._tallies_pane()
        if pane is not None:
            if item_ids is not None:
                pane.decided(item_ids=item_ids)
            else:
                pane.follow(self.query_)
        # counts follow shortly after, once per burst of keys: during fast triage the
        # background recounts must not compete with the next keystroke
        self._debounce("recount", 0.25, self.recount)
        self._debounce("sidebar", 1.0, self.refresh_sidebar)

    def _save_position(self) -> None:
        if self._position is not None and not self.app.readonly:
            self.app.write("remember the item", None, {"item": str(self._position)},
                           op="state")

    def say(self, message: str) -> None:
        """The status bar's message. Workers deliver it here: the bar is looked up on the UI
        thread, never in the worker, where the screen may be coming down meanwhile."""
        for bar in self.query(StatusBar):  # none while the screen is coming down
            bar.set(message=message)

    def show_banner(self, text: str) -> None:
        for bar in self.query(StatusBar):  # none while the screen is coming down
            bar.set(banner=text)

    def pending_written(self) -> None:
        """Decisions that waited for the lock are in the database now."""
        if not self.query(ItemList):
            return  # not composed yet (written at start-up): it loads them anyway
        self.items.refresh_rows()
        self._after_decision()

    def on_unmount(self) -> None:
        self._save_position()

    def _debounce(self, name: str, delay: float, callback) -> None:
        if name in self._debounced:
            self._debounced[name].stop()

        def fire():
            self._debounced.pop(name, None)
            return callback()

        self._debounced[name] = self.set_timer(delay, fire)

    @property
    def settling(self) -> bool:
        """A refresh put off until the keys rest (counts, feeds pane, position) is still
        to come: what a test waits for, not a fixed pause a loaded machine outlasts."""
        return bool(self._debounced)

    # -- queries -------------------------------------------------------------------------------

    async def action_search(self) -> None:
        await self.query_one(QueryBar).open("")

    async def action_edit_query(self) -> None:
        await self.query_one(QueryBar).open(self.query_.text)

    def action_clear_query(self) -> None:
        bar = self.query_one(QueryBar)
        if bar.is_open:
            bar.close()
            self.items.focus()
        elif self.query_.text:
            self.set_query("")

    def on_query_bar_submitted(self, event: QueryBar.Submitted) -> None:
        self.query_one(QueryBar).close()
        self.set_query(event.text)
        self.items.focus()

    def on_query_bar_cancelled(self, event: QueryBar.Cancelled) -> None:
        self.query_one(QueryBar).close()
        self.items.focus()

    def on_sidebar_chosen(self, event: Sidebar.Chosen) -> None:
        self.set_query(event.query)
        self.items.focus()

    def set_query(self, text: str) -> bool:
        try:
            compiled = parse(text)
        except QueryError as exc:
            self.notify(str(exc), severity="error")
            return False
        self.query_ = compiled
        self.status.set(query_text=text, counts=None, message="")
        coded_only = any(t.field in ("actor", "place", "type") for t in compiled.terms)
        self.items.empty_message = (
            "No items match this query." + (" actor:, place: and type: search coded events "
                                             "only: code items first, or search the words."
                                             if coded_only else "") if text
            else "No items yet: press r to fetch the feeds.")
        self.items.load(compiled)
        self.requery_coding()
        if not self.app.readonly:
            self.app.write("remember the query", None, {"query": text}, op="state")
        pane = self._tallies_pane()
        if pane is not None:
            pane.follow(compiled)
        self.recount()
        return True

    # -- tallies and the side-by-side view ---------------------------------------------------------

    def action_toggle_tallies(self) -> None:
        from sahel_tui.ui.tallies import TalliesPane  # not at start-up: hidden until asked for

        panes = self.query("#tallies")
        if not panes:
            pane = TalliesPane(id="tallies")
            self.query_one("#panes").mount(pane, after=self.items)
            pane.follow(self.query_)
        else:
            pane = panes.first()
            showing = pane.has_class("-hidden")
            pane.set_class(not showing, "-hidden")
            if showing:
                pane.follow(self.query_)
            else:
                pane.close()
        self._save_layout()

    # -- the layout is restored on reopening, like the query and the item ------------------------

    def _layout(self) -> dict:
        panes = self.query("#tallies")
        tallies = bool(panes) and not panes.first().has_class("-hidden")
        return {**self._pane_hidden, "tallies": tallies}

    def _save_layout(self) -> None:
        import json

        self.app.write("remember the layout", None, {"layout": json.dumps(self._layout())},
                       op="state")

    def _restore_layout(self, saved: str | None) -> None:
        import json

        try:
            layout = json.loads(saved) if saved else {}
        except ValueError:
            return
        if not isinstance(layout, dict):
            return
        for pane in ("sidebar", "reader"):
            if layout.get(pane) in (True, False):
                self._pane_hidden[pane] = layout[pane]
        if layout.get("tallies") is True:
            self.call_after_refresh(self.action_toggle_tallies)

    def action_tallies(self) -> None:
        from sahel_tui.ui.tallies import TalliesScreen

        def done(drill) -> None:
            if drill is not None:
                self.set_query(drill.query)

        self.app.push_screen(TalliesScreen(self.query_), done)

    def action_story(self) -> None:
        row = self.items.current
        if row is None:
            return
        if self.app.vocab is None:
            self.app.load_vocab_now()
        from sahel_tui.ui.sidebyside import StoryScreen

        def done(item_id) -> None:
            self.items.refresh_rows()
            self._after_decision()
            if self.coding is not None and not self.coding.stored:
                # linking may have changed the suggested credibility: suggest again
                current = self.items.current
                self.start_coding(current.id if current else None)
            if item_id is None or item_id == row.id:
                return
            target = views.row_at(self.app.conn, self.query_, item_id)
            if target is None:  # not in this view: show everything, on that item
                self.set_query("")
                target = views.row_at(self.app.conn, self.query_, item_id)
            if target is not None:
                self.items.go_to(target)

        self.app.push_screen(StoryScreen(row.id), done)

    # -- export and conflicts ----------------------------------------------------------------------

    def action_export(self) -> None:
        from sahel_tui.ui.exchange import ExportForm

        def done(choice) -> None:
            if choice is not None:
                self._export(self.query_, choice)

        self.app.push_screen(ExportForm(self.query_.text), done)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, query: Compiled, choice: dict) -> None:
        from sahel_tui.exchange.export import export

        def progress(done: int, total: int) -> None:
            self.app.deliver(self.say, f"exporting {done}/{total}…")

        try:
            conn = self.app.worker_connection()
            try:
                result = export(conn, query, choice["format"], choice["path"],
                                items=choice["items"], bom=choice["bom"], progress=progress,
                                coder=self.app.coder, vocab=self.app.vocab)
            finally:
                self.app.release_connection(conn)
        except (OSError, ValueError, sqlite3.Error) as exc:
            self.app.deliver(self.notify, f"Export failed: {exc}", severity="error")
            return
        what = "items" if choice["items"] else "events"
        text = f"exported {result.count} {what} to {result.path}"
        if result.skipped:
            text += f" ({result.skipped} without coordinates left out)"
        self.app.deliver(self.say, text)
        self.app.deliver(self.notify, text, timeout=6)

    def action_conflicts(self) -> None:
        from sahel_tui.ui.exchange import ConflictsScreen

        def done(item_id) -> None:
            self.items.refresh_rows()
            self._after_decision()
            if item_id is not None:
                target = views.row_at(self.app.conn, self.query_, item_id)
                if target is None:
                    self.set_query("")
                    target = views.row_at(self.app.conn, self.query_, item_id)
                if target is not None:
                    self.items.go_to(target)

        self.app.push_screen(ConflictsScreen(), done)

    def action_open_link(self) -> None:
        row = self.items.current
        detail = views.item_detail(self.app.conn, row.id) if row else None
        if detail and detail.link:
            url = web_link(detail.link)
            if url is None:  # javascript:, data:, file:, smb: ... shown, never opened
                self.notify(f"Not opened: only http(s) links are opened. The link is {detail.link!r}",
                            severity="warning", timeout=6, markup=False)
                return
            self.app.open_url(url)
            self.notify(f"Opening {url}", timeout=2, markup=False)
        else:
            self.notify("This item has no link.", timeout=2)

    # -- counts in the background --------------------------------------------------------------

    def recount(self) -> None:
        self._count(self.query_)

    @work(thread=True, exclusive=True, group="counts")
    def _count(self, query: Compiled) -> None:
        try:
            conn = self.app.worker_connection()
            try:
                counts = views.status_counts(conn, query)
            finally:
                self.app.release_connection(conn)
        except sqlite3.Error as exc:  # busy, or interrupted because the app is closing
            self.app.deliver(self.say, f"counts unavailable: {exc}")
            self.app.worker_trouble(exc)
            return
        self.app.deliver(self._counted, query, counts)

    def _counted(self, query: Compiled, counts: dict[str, int]) -> None:
        if query is not self.query_ or self.app.closing or not self.query(ItemList):
            return  # another query since, or the screen is being taken down
        total = sum(counts.values())
        if self.items.first_index is None and not self.items.more_below:
            self.items.first_index = total - len(self.items.rows)
        self.status.set(counts=counts, position=(self.items.position, total))

    def refresh_sidebar(self) -> None:
        self._sidebar_counts(dict(self.app.config.queries))

    @work(thread=True, exclusive=True, group="sidebar")
    def _sidebar_counts(self, saved: dict[str, str]) -> None:
        try:
            conn = self.app.worker_connection()
        except sqlite3.Error:
            return
        try:
            feeds = views.feed_counts(conn)
            tags = views.tag_counts(feeds)
            everything = views.status_counts(conn, parse(""))
            view_counts = {"all": sum(everything.values()), "new": everything["new"],
                           "flagged": everything["flagged"]}
            saved_counts = {}
            for name, text in saved.items():
                try:
                    saved_counts[name] = views.count_new(conn, parse(text))
                except QueryError:
                    saved_counts[name] = None
        except sqlite3.Error as exc:  # busy, or interrupted because the app is closing
            self.app.worker_trouble(exc)
            return
        finally:
            self.app.release_connection(conn)
        self.app.deliver(self._show_sidebar, saved, feeds, tags, view_counts,
                         saved_counts)

    def _show_sidebar(self, *counts) -> None:
        for sidebar in self.query(Sidebar):  # none once the screen is coming down
            sidebar.show(*counts)

    # -- refresh ---------------------------------------------------------------------------------

    def action_refresh(self) -> None:
        self.app.start_refresh()

    def sync_progress(self, text: str) -> None:
        self.status.set(fetch_state=text)

    def sync_finished(self, text: str) -> None:
        self.status.set(fetch_state=text)
        self.items.reload()
        self.recount()
        self.refresh_sidebar()
