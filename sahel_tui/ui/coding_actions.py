"""The triage screen's coding keys: accept, facet pickers, add/remove/switch events.

Every coding change goes through the app's write queue (``app.write``), as triage decisions
do: when another process holds the database (a long import) or the disk is full, the change
waits, the panel shows it as pending, and it is written, in order, when the database frees;
``u`` takes it back while it waits, and a quit keeps it in the pending file beside the
database. The UI thread never waits on the lock.
"""

from __future__ import annotations

import copy
import sqlite3

from textual import work

from sahel_tui import paths
from sahel_tui.store import drafts as store_drafts
from sahel_tui.store import events as store_events
from sahel_tui.store import views
from sahel_tui.ui.coding import (
    FACETS,
    CodingPanel,
    CodingState,
    Draft,
    default_grading,
    spans_for,
    state_for,
)
from sahel_tui.ui.coding_pickers import apply_choice, picker_for, unwrap

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
        waiting = self.app.pending_coding.get(item_id)
        if waiting is not None and waiting[0] is not None:
            self.coding = waiting[0]  # what the analyst did, not yet in the database
            self.panel.show(self.coding)
            return
        self.panel.show(CodingState(item_id), vocab_ready=self.app.vocab is not None)
        if self.app.vocab is not None:
            self._suggest(item_id)

    @work(thread=True, exclusive=True, group="suggest")
    def _suggest(self, item_id: int) -> None:
        from sahel_tui.suggest.coding import suggest_for_item

        try:
            conn = self.app.worker_connection()
        except sqlite3.Error as exc:
            self.app.worker_trouble(exc)
            return
        try:
            row = conn.execute(_ITEM_SQL,
                               (item_id,)).fetchone()
            if row is None:
                return
            coding = suggest_for_item(row, self.app.vocab)
            state = state_for(conn, item_id, coding, self.app.vocab, self.query_.counted)
            state.matches = coding.matches or tuple(self.app.vocab.matcher().find(coding.text))
        except sqlite3.Error as exc:
            self.app.worker_trouble(exc)
            return
        finally:
            self.app.release_connection(conn)
        self.app.deliver(self._suggested, state)

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
        if st.item_id in self.app.pending_coding:  # the database does not have it yet
            self.panel.show(st)
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

    # -- writes that never wait on the lock --------------------------------------------------------

    def _write(self, st: CodingState | None, item_id: int, label: str, op: str, *args,
               on_done=None, on_cancel=None, reload: bool = True) -> bool | None:
        """A coding change for ``item_id`` through the app's write queue. True: written (the
        panel reloaded from the database); False: pending (counted against the item until
        written or taken back); None: refused with a message (read-only, damaged)."""
        waiting = self.app.pending_coding
        queued = False

        def settle() -> None:
            entry = waiting.get(item_id)
            if entry is None:
                return
            entry[1] -= 1
            if entry[1] <= 0:
                del waiting[item_id]
                for d in entry[0].drafts if entry[0] is not None else ():
                    d.pending, d.into = False, None

        def done(result) -> None:
            if queued:
                settle()
            if on_done is not None:
                on_done(result)
            if queued or reload:
                self._refresh_item(item_id, show=queued)

        def cancel() -> None:
            settle()
            if on_cancel is not None:
                on_cancel()
            self._refresh_item(item_id, show=True)

        written = self.app.write(label, None, *args, op=op, on_done=done, on_cancel=cancel)
        if written is False:
            queued = True
            entry = waiting.setdefault(item_id, [st, 0])
            entry[0] = st if st is not None else entry[0]
            entry[1] += 1
            self.status.set(message=f"{label}: pending, written when the database frees "
                                    f"(u takes it back)")
        return written

    def _refresh_item(self, item_id: int, show: bool = False) -> None:
        """After a coding write landed or was taken back: the panel and the list row (and
        the reader, when it happened later than the key)."""
        if not self.is_attached:
            return
        if self.coding is not None and self.coding.item_id == item_id:
            self._reload_state()
            if show and self.items.current is not None and self.items.current.id == item_id:
                self._show_current()
        self.items.refresh_rows({item_id})
        self._after_decision({item_id})

    # -- accept ----------------------------------------------------------------------------------

    def action_accept(self) -> None:
        st = self._ensure_state()
        if st is None:
            return
        accepted = any(d.into is not None for d in st.drafts)  # already, still pending
        if not st.stored and not accepted:
            if not st.drafts:
                self.notify("Nothing to accept: no event is suggested for this item. "
                            "Press e to code one, or x to dismiss.", timeout=3)
                return
            n = len(st.drafts)
            # the drafts' own dicts: an edit made while the write waits goes with it
            fields = [d.fields for d in st.drafts]

            def coded(ids) -> None:
                joined = self.app.conn.execute(
                    "SELECT count(DISTINCT item_id) FROM event_attached WHERE event_id IN "
                    f"({','.join(str(int(i)) for i in ids) or 'NULL'})").fetchone()[0]
                more = f", with {joined} linked report{'s' if joined > 1 else ''}" if joined else ""
                k = len(ids)
                self.status.set(message=f"coded {k} event{'s' if k != 1 else ''}{more} (u to undo)")
                self.items.refresh_rows()

            def taken_back() -> None:
                for d in st.drafts:
                    d.pending, d.into = False, None
                self._save_draft(st)  # what was set on it stays, as the item's draft

            label = f"code {n} event{'s' if n > 1 else ''}"
            written = self._write(st, st.item_id, label, "code", st.item_id, fields,
                                  self.app.coder, "code", True, on_done=coded,
                                  on_cancel=taken_back)
            if written is None:
                return
            if written is False:
                for d in st.drafts:
                    d.pending, d.into = True, fields
                self.panel.show(st)
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
        if draft.into is not None:  # its storing waits: the change goes with it
            draft.fields.update(changes)
            self.panel.show(st)
        elif draft.event_id is not None:
            before = {k: copy.deepcopy(draft.fields.get(k)) for k in changes}

            def taken_back() -> None:
                draft.fields.update(before)

            written = self._write(st, st.item_id, f"change the {facet}", "event.edit",
                                  draft.event_id, self.app.coder, changes,
                                  on_cancel=taken_back)
            if written is False:
                draft.fields.update(changes)
                draft.pending = True
                self.panel.show(st)
        else:
            draft.fields.update(changes)
            self._save_draft(st)
            self.panel.show(st)

    def _save_draft(self, st: CodingState) -> None:
        """Keep the values confirmed on an item not stored yet (restored when it comes back)."""
        fields = copy.deepcopy([d.fields for d in st.drafts])  # this version, not later ones
        written = self._write(st, st.item_id, "keep the draft", "draft", st.item_id, fields,
                              reload=False)
        if written is None:
            return
        st.drafted = True
        if written is False:
            for d in st.drafts:
                d.pending = True
        self.items.refresh_rows({st.item_id})

    def undo_draft(self) -> bool:
        """On an item not stored yet, ``u`` first takes back the last value confirmed on it."""
        st = self.coding
        row = self.items.current
        if row is None or row.status == "coded" or (
                st is not None and st.item_id == row.id and st.stored):
            return False
        if not store_drafts.load(self.app.conn, row.id):
            return False
        state = st if st is not None and st.item_id == row.id else None
        written = self._write(state, row.id, "undo the draft's last change", "draft.undo",
                              row.id)
        if written:
            self.status.set(message="undid the last change to this item's draft")
        elif written is False and state is not None:
            for d in state.drafts:
                d.pending = True
            self.panel.show(state)
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
        into = next((d.into for d in st.drafts if d.into is not None and d.event_id is None),
                    None)
        if into is not None:  # an accept waiting for the database: one more event in it
            into.append(base)
            st.drafts.append(Draft(base, None, None, pending=True, into=into))
            st.index = len(st.drafts) - 1
        elif st.stored:
            fields = [base]
            written = self._write(st, st.item_id, "add an event", "code", st.item_id, fields,
                                  self.app.coder, "event.add", False)
            if written is None:
                return
            if written is False:
                st.drafts.append(Draft(base, None, None, pending=True, into=fields))
            st = self.coding
            st.index = len(st.drafts) - 1
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
        if draft.into is not None:  # not stored yet, its storing waits: it leaves that write
            for i, f in enumerate(draft.into):
                if f is draft.fields:
                    del draft.into[i]
                    break
            st.drafts.pop(st.index)
            st.index = max(0, min(st.index, len(st.drafts) - 1))
            self.panel.show(st)
        elif draft.event_id is not None:
            at = st.index

            def taken_back() -> None:
                st.drafts.insert(at, draft)

            written = self._write(st, st.item_id, "remove the event", "event.remove",
                                  draft.event_id, self.app.coder, on_cancel=taken_back)
            if written is False:
                st.drafts.pop(at)
                st.index = max(0, min(at, len(st.drafts) - 1))
                for d in st.drafts:
                    d.pending = True
                self.panel.show(st)
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
        item_id = st.item_id
        if self.app.conn.execute("SELECT count(*) FROM event_items WHERE event_id = ?",
                                 (event_id,)).fetchone()[0] == 1:
            self.notify(str(incidents.DetachError(
                "This is the event's only report: remove the event (-) instead.")), timeout=4)
            return
        code = self._code(event_id)

        def detached(result) -> None:
            if isinstance(result, incidents.DetachError):
                self.notify(str(result), timeout=4)
                return
            if result and result[0] is not None:
                self.status.set(message=f"detached this report from {code} (u to undo)")
            if self.is_attached and self.coding is not None and self.coding.item_id == item_id:
                self._attached(item_id)

        written = self._write(None, item_id, f"detach from {code}", "detach", item_id,
                              [event_id], self.app.coder, on_done=detached)
        if written is False:
            st.current.pending = True
            self.panel.show(st)

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
        # only an event with evidence is marked suggested: a date alone is no reason
        return [Item(n.label, n.event_id, n.detail, i == 0 and n.likely and not words)
                for i, n in enumerate(near)
                if all(w in (n.label + " " + n.detail).casefold() for w in words)]

    def picked(result) -> None:
        from sahel_tui.ui.coding_pickers import unwrap

        _, event_id = unwrap(result)
        if not isinstance(event_id, int):
            return
        code = next((n.code for n in near if n.event_id == event_id), str(event_id))

        def attached(_batch) -> None:
            screen.notify(f"Attached this report to {code} (u to undo).", timeout=3)
            if screen.is_attached:
                done(item_id)

        written = app.write(f"attach to {code}", None, item_id, event_id, app.coder,
                            op="attach", on_done=attached)
        if written is False:
            screen.notify(f"Attaching to {code} is pending: written when the database frees "
                          f"(u takes it back).", timeout=4)

    app.push_screen(Picker("Attach this report to an event coded earlier", options,
                           help_text="events near in date and place, most likely first"),
                    picked)
