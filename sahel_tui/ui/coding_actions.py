"""The triage screen's coding keys: accept, facet pickers, add/remove/switch events."""

from __future__ import annotations

import sqlite3

from textual import work

from sahel_tui import paths
from sahel_tui.store import drafts as store_drafts
from sahel_tui.store import events as store_events
from sahel_tui.store import views
from sahel_tui.store.events import Event
from sahel_tui.ui.coding import (
    FACETS,
    CodingPanel,
    CodingState,
    Draft,
    apply_choice,
    default_grading,
    picker_for,
    spans_for,
    state_for,
    unwrap,
)

# suggestions read the full article when there is one (the reader shows it too, by default)
_ITEM_SQL = ("SELECT title, coalesce(article, text) AS text, published, language "
             "FROM items WHERE id = ?")


class CodingActions:
    """Mixed into TriageScreen: needs .app (with .conn, .coder, .vocab), .items, .reader."""

    coding: CodingState | None = None

    @property
    def panel(self) -> CodingPanel:
        return self.query_one(CodingPanel)

    # -- suggestions, computed off the UI thread -------------------------------------------------

    def start_coding(self, item_id: int | None) -> None:
        self.coding = None
        if item_id is None:
            self.panel.show(None)
            return
        self.panel.show(CodingState(item_id), vocab_ready=self.app.vocab is not None)
        if self.app.vocab is not None:
            self._suggest(item_id)

    @work(thread=True, exclusive=True, group="suggest")
    def _suggest(self, item_id: int) -> None:
        from sahel_tui.suggest.coding import suggest_for_item

        try:
            conn = self.app.worker_connection()
        except sqlite3.Error:
            return
        try:
            row = conn.execute(_ITEM_SQL,
                               (item_id,)).fetchone()
            if row is None:
                return
            coding = suggest_for_item(row, self.app.vocab)
            state = state_for(conn, item_id, coding, self.app.vocab, self.query_.counted)
            state.matches = coding.matches or tuple(self.app.vocab.matcher().find(coding.text))
        except sqlite3.Error:
            return
        finally:
            self.app.release_connection(conn)
        if not self.app.closing:
            self.app.call_from_thread(self._suggested, state)

    def _suggested(self, state: CodingState) -> None:
        current = self.items.current
        if current is None or current.id != state.item_id:
            return  # the analyst has moved on
        if self.coding is not None and self.coding.item_id == state.item_id:
            return  # already computed on demand, and perhaps being edited: keep that
        self.coding = state
        self.panel.show(state)
        self._show_current()

    def highlight_spans(self) -> tuple[list, list]:
        """(title spans, text spans) for the reader, from the suggestion's offsets."""
        state = self.coding
        if state is None or state.coding is None:
            return [], []
        title_end = state.coding.title_end
        text_start = title_end + 2 if title_end else 0
        title, text = [], []
        for start, end, style in spans_for(state):
            if end <= title_end:
                title.append((start, end, style))
            elif start >= text_start:
                text.append((start - text_start, end - text_start, style))
        return title, text

    def _ensure_state(self) -> CodingState | None:
        """The current item's coding state, computed now if the worker has not finished."""
        row = self.items.current
        if row is None:
            return None
        if self.coding is not None and self.coding.item_id == row.id:
            return self.coding
        if self.app.vocab is None:
            self.app.load_vocab_now()
        from sahel_tui.suggest.coding import suggest_for_item

        item = self.app.conn.execute(
            _ITEM_SQL, (row.id,)).fetchone()
        coding = suggest_for_item(item, self.app.vocab)
        self.coding = state_for(self.app.conn, row.id, coding, self.app.vocab,
                                self.query_.counted)
        self.coding.matches = coding.matches or tuple(self.app.vocab.matcher().find(coding.text))
        self.panel.show(self.coding)
        return self.coding

    def _reload_state(self) -> None:
        st = self.coding
        if st is None:
            return
        fresh = state_for(self.app.conn, st.item_id, st.coding, self.app.vocab,
                          self.query_.counted)
        fresh.matches = st.matches
        if fresh.drafts and st.drafts and len(fresh.drafts) == len(st.drafts):
            for new, old in zip(fresh.drafts, st.drafts, strict=True):
                new.suggestion = old.suggestion
        fresh.index = min(st.index, max(0, len(fresh.drafts) - 1))
        self.coding = fresh
        self.panel.show(fresh)
        self.items.refresh_rows({st.item_id})

    def requery_coding(self) -> None:
        """The query changed on the same item: mark the events its number counts (a
        drill-down) and open on the first of them."""
        st, row = self.coding, self.items.current
        if st is None or not st.stored or row is None or row.id != st.item_id:
            return  # another item: its state is computed afresh, with the marks
        self._reload_state()
        first = next((i for i, d in enumerate(self.coding.drafts) if d.counted), None)
        if first is not None:
            self.coding.index = first
        self._show_current()

    # -- accept ----------------------------------------------------------------------------------

    def action_accept(self) -> None:
        st = self._ensure_state()
        if st is None:
            return
        if not st.stored:
            if not st.drafts:
                self.notify("Nothing to accept: no event is suggested for this item. "
                            "Press e to code one, or x to dismiss.", timeout=3)
                return
            from sahel_tui.analysis import incidents

            events = [Event(**d.fields) for d in st.drafts]
            conn = self.app.conn
            store_events.add_events(conn, st.item_id, events, self.app.coder,
                                    also=lambda ids: incidents.attach_members(conn, st.item_id, ids))
            n = len(events)
            joined = conn.execute(
                "SELECT count(DISTINCT item_id) FROM event_attached WHERE event_id IN "
                f"({','.join(str(e.id) for e in events)})").fetchone()[0]
            more = f", with {joined} linked report{'s' if joined > 1 else ''}" if joined else ""
            self.status.set(message=f"coded {n} event{'s' if n > 1 else ''}{more} (u to undo)")
            self._reload_state()
            self.items.refresh_rows()
            self._after_decision({st.item_id})
        self.action_next_new(1)

    # -- facets ----------------------------------------------------------------------------------

    def action_facet(self, facet: str) -> None:
        st = self._ensure_state()
        if st is None:
            return
        if not st.drafts:
            st.drafts.append(Draft(self._blank_fields(st), None, None))
            st.index = 0
            self.panel.show(st)
        published = self.items.current.published if self.items.current else ""
        picker = picker_for(self.app.vocab, st, facet, published,
                            why="corroboration by other outlets earns 1 (side-by-side view)")
        self.app.push_screen(picker, lambda result: self._picked(facet, result))

    def _blank_fields(self, st: CodingState) -> dict:
        row = self.items.current
        return default_grading({
            "event_date": (row.published[:10] if row else ""), "time_precision": 1,
            "event_type": "", "sub_event_type": "", "disorder_type": "",
        }, st.reliability)

    def _picked(self, facet: str, result) -> None:
        direction, value = unwrap(result)
        st = self.coding
        if st is None or st.current is None:
            return
        if value is not None:
            if isinstance(value, tuple) and value and value[0] in ("add-place", "add-actor"):
                self._add_entry(facet, value[0], value[1])
                return
            if isinstance(value, tuple) and value and value[0] == "alternate":
                assoc = f"assoc{facet[-1]}"  # ctrl+a in an actor picker
                chosen = value[1]
                if isinstance(chosen, tuple):  # "+ add actor": added, then associated
                    self._add_entry(assoc, chosen[0], chosen[1], reopen=facet)
                    return
                if chosen.name == st.current.fields.get(facet):
                    self.notify(f"{chosen.name} is {facet[:-1]} {facet[-1]} itself, not an "
                                "associated actor.", timeout=3)
                else:
                    self._apply(assoc, chosen)
                self.action_facet(facet)  # stay in the picker: several may be added
                return
            self._apply(facet, value)
        if direction is not None:
            from sahel_tui.ui.pickers import NEXT

            i = FACETS.index(facet) + (1 if direction is NEXT else -1)
            if 0 <= i < len(FACETS):
                self.action_facet(FACETS[i])

    def _apply(self, facet: str, value) -> None:
        st = self.coding
        draft = st.current
        changes = apply_choice(self.app.vocab, facet, draft.fields, value)
        if draft.event_id is not None:
            store_events.update_event(self.app.conn, draft.event_id, self.app.coder, **changes)
            self._reload_state()
            self._after_decision({st.item_id})
        else:
            draft.fields.update(changes)
            self._save_draft(st)
            self.panel.show(st)

    def _save_draft(self, st: CodingState) -> None:
        """Keep the values confirmed on an item not stored yet (restored when it comes back)."""
        store_drafts.save(self.app.conn, st.item_id, [d.fields for d in st.drafts])
        st.drafted = True
        self.items.refresh_rows({st.item_id})

    def undo_draft(self) -> bool:
        """On an item not stored yet, ``u`` first takes back the last value confirmed on it."""
        st = self.coding
        row = self.items.current
        if row is None or row.status == "coded" or (
                st is not None and st.item_id == row.id and st.stored):
            return False
        if not store_drafts.undo(self.app.conn, row.id):
            return False
        self.items.refresh_rows({row.id})
        if st is not None and st.item_id == row.id:
            self._reload_state()
            self._show_current()
        self.status.set(message="undid the last change to this item's draft")
        return True

    def _add_entry(self, facet: str, kind: str, text: str, reopen: str | None = None) -> None:
        from sahel_tui.ui.forms import AddActorForm, AddPlaceForm

        vocab = self.app.vocab
        form = (AddPlaceForm if kind == "add-place" else AddActorForm)(
            {"name": text}, countries=vocab.country)

        def done(data) -> None:
            if data is None:
                return
            from sahel_tui.vocab import VocabError, append_actor, append_place

            try:
                if kind == "add-place":
                    entity = append_place(paths.user_config_dir(), **data)
                    vocab.add_place(entity)
                else:
                    entity = append_actor(paths.user_config_dir(), **data)
                    vocab.add_actor(entity)
            except (VocabError, OSError) as exc:
                self.notify(str(exc), severity="error", timeout=8)
                return
            self.notify(f"Added {entity.name}: it will be recognised from now on.", timeout=3)
            self._apply(facet, entity)
            if reopen:
                self.action_facet(reopen)

        self.app.push_screen(form, done)

    def action_notes(self) -> None:
        st = self._ensure_state()
        if st is None or not st.drafts:
            self.notify("Code an event first (e), then add notes.", timeout=2)
            return
        from sahel_tui.ui.forms import NotesForm

        def done(text) -> None:
            if text is not None:
                self._apply("notes", text)

        self.app.push_screen(NotesForm({"notes": st.current.fields.get("notes", "")}), done)

    def action_civilian_targeting(self) -> None:
        st = self._ensure_state()
        if st is None or not st.drafts:
            return
        self._apply("civilian_targeting", None)

    # -- several events per item -----------------------------------------------------------------

    def action_add_event(self) -> None:
        st = self._ensure_state()
        if st is None:
            return
        base = dict(st.current.fields) if st.current else self._blank_fields(st)
        for key in ("actor1", "inter1", "actor2", "inter2"):
            base[key] = ""
        base["assoc_actor_1"], base["assoc_actor_2"] = [], []
        base["fatalities"], base["fatalities_best"], base["fatalities_high"] = 0, None, None
        if st.stored:
            store_events.add_events(self.app.conn, st.item_id, [Event(**base)], self.app.coder,
                                    action="event.add")
            self._reload_state()
            st = self.coding
            st.index = len(st.drafts) - 1
            self._after_decision({st.item_id})
        else:
            st.drafts.append(Draft(base, None, None))
            st.index = len(st.drafts) - 1
            self._save_draft(st)
        self.panel.show(st)
        self.notify("Another event: set its actors (a), place (l), type (e)…", timeout=2)

    def action_remove_event(self) -> None:
        st = self.coding
        if st is None or st.current is None:
            return
        draft = st.current
        if draft.event_id is not None:
            store_events.remove_event(self.app.conn, draft.event_id, self.app.coder)
            self._reload_state()
            self._after_decision({st.item_id})
        else:
            st.drafts.pop(st.index)
            st.index = max(0, min(st.index, len(st.drafts) - 1))
            self._save_draft(st)
            self.panel.show(st)

    def action_switch_event(self, delta: int) -> None:
        st = self.coding
        if st is None or len(st.drafts) < 2:
            return
        st.index = (st.index + delta) % len(st.drafts)
        self.panel.show(st)
        self._show_current()

    # -- reports of one incident --------------------------------------------------------------

    def action_attach(self) -> None:
        """Attach this report to an event coded earlier: a picker of events near in date and
        place, most likely first."""
        st = self._ensure_state()
        row = self.items.current
        if st is None or row is None:
            return
        fields = st.current.fields if st.current else {}
        open_attach_picker(self, row.id, fields.get("event_date") or row.published[:10], fields,
                           self._attached)

    def _attached(self, item_id: int) -> None:
        self.coding = None
        self.start_coding(item_id)
        self.items.refresh_rows()
        self._after_decision()

    def action_detach(self) -> None:
        from sahel_tui.analysis import incidents

        st = self.coding
        if st is None or st.current is None or st.current.event_id is None:
            self.notify("Nothing to detach: this item is not a report of a stored event.",
                        timeout=3)
            return
        event_id = st.current.event_id
        try:
            done = incidents.detach(self.app.conn, st.item_id, event_id, self.app.coder)
        except incidents.DetachError as exc:
            self.notify(str(exc), timeout=4)
            return
        if done is not None:
            self.status.set(message=f"detached this report from {self._code(event_id)} (u to undo)")
        self._attached(st.item_id)

    def _code(self, event_id: int) -> str:
        row = self.app.conn.execute("SELECT country FROM events WHERE id = ?",
                                    (event_id,)).fetchone()
        return store_events.event_code(row[0] if row else "", event_id)

    def refresh_coding_after_undo(self, item_ids: set[int]) -> None:
        if self.coding is not None and self.coding.item_id in item_ids:
            self._reload_state()

    def detail_for_reader(self, row):
        return views.item_detail(self.app.conn, row.id) if row else None


def open_attach_picker(screen, item_id: int, on: str, place: dict, done) -> None:
    """The attach-to-an-event picker for ``item_id``; ``done(item_id)`` after attaching."""
    from sahel_tui.analysis import incidents
    from sahel_tui.ui.pickers import Item, Picker

    app = screen.app
    near = incidents.nearby_events(app.conn, item_id, on, place)
    if not near:
        screen.notify(f"No event is coded within 10 days of {on}: code this report instead.",
                      timeout=4)
        return

    def options(text: str) -> list[Item]:
        words = text.casefold().split()
        return [Item(n.label, n.event_id, n.detail, i == 0 and not words)
                for i, n in enumerate(near)
                if all(w in (n.label + " " + n.detail).casefold() for w in words)]

    def picked(result) -> None:
        from sahel_tui.ui.coding import unwrap

        _, event_id = unwrap(result)
        if not isinstance(event_id, int):
            return
        incidents.attach(app.conn, item_id, event_id, app.coder)
        code = next((n.code for n in near if n.event_id == event_id), str(event_id))
        screen.notify(f"Attached this report to {code} (u to undo).", timeout=3)
        done(item_id)

    app.push_screen(Picker("Attach this report to an event coded earlier", options,
                           help_text="events near in date and place, most likely first"),
                    picked)
