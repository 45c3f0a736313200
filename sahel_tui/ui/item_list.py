"""The item list: a window of rows over an SQL query, drawn line by line.

Only a few hundred rows are ever in memory. Moving near the window's edge fetches the next
page by keyset (published, id) from the store; rows far behind are dropped.
"""

from __future__ import annotations

import datetime
import sqlite3
from collections.abc import Callable

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from sahel_tui.store import views
from sahel_tui.store.faults import fault_of
from sahel_tui.store.query import Compiled
from sahel_tui.store.views import ItemRow

PAGE = 120  # rows fetched at once
KEEP = 480  # rows kept in memory at most
MARGIN = 20  # fetch more when the cursor is this close to the window's edge

_THIS_YEAR = str(datetime.date.today().year)

STATUS_MARK = {"new": "●", "coded": "✓", "dismissed": "·", "flagged": "!"}


class ItemList(Widget, can_focus=True):
    """Virtual list of items; posts Highlighted when the cursor lands on another item."""

    DEFAULT_CSS = """
    ItemList { height: 1fr; }
    """
    COMPONENT_CLASSES = {
        "item-list--cursor", "item-list--time", "item-list--source", "item-list--new",
        "item-list--coded", "item-list--dismissed", "item-list--flagged", "item-list--coding",
        "item-list--empty",
    }

    class Highlighted(Message):
        def __init__(self, row: ItemRow | None) -> None:
            super().__init__()
            self.row = row

    def __init__(self, conn_factory: Callable[[], sqlite3.Connection], **kwargs) -> None:
        super().__init__(**kwargs)
        self._conn = conn_factory
        self.query_: Compiled | None = None
        self.rows: list[ItemRow] = []
        self.cursor = 0
        self.top = 0
        self.more_above = False
        self.more_below = False
        self.first_index: int | None = 0  # absolute index of rows[0] in the view, if known
        self.empty_message = "No items."
        self._last_posted: int | None = None
        # rendered lines by (row, width, selected): a frame redraws every line, but between
        # two frames only the lines whose row or cursor changed need drawing again
        self._lines: LRUCache[tuple, Strip] = LRUCache(2048)
        self._styles: dict[str, Style] | None = None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        self._lines.clear()

    def _style(self, name: str) -> Style:
        if self._styles is None:
            self._styles = {c: self.get_component_rich_style(c) for c in self.COMPONENT_CLASSES}
            self._styles["-base"] = self.rich_style
        return self._styles[name]

    # -- loading ---------------------------------------------------------------------------

    @property
    def conn(self) -> sqlite3.Connection:
        return self._conn()

    def load(self, query: Compiled, item_id: int | None = None) -> None:
        """Show ``query``'s rows, with the cursor on ``item_id`` if it is in the view."""
        self.query_ = query
        try:
            self._load(query, item_id)
        except sqlite3.DatabaseError as exc:
            if fault_of(exc) != "corrupt":
                raise
            # said here, not "No items.": the rows are there, the file cannot give them
            self.rows, self.cursor, self.top, self.first_index = [], 0, 0, 0
            self.more_above = self.more_below = False
            self.empty_message = "Cannot read this list: the database file is damaged."
            self._changed()
            raise

    def _load(self, query: Compiled, item_id: int | None) -> None:
        row = views.row_at(self.conn, query, item_id) if item_id is not None else None
        if row is None:
            self.rows = views.page(self.conn, query, limit=PAGE)
            self.more_above, self.more_below = False, len(self.rows) == PAGE
            self.cursor = self.top = 0
            self.first_index = 0
        else:
            self._center_on(row)
        self._changed()

    def _center_on(self, row: ItemRow) -> None:
        q = self.query_
        above = views.page(self.conn, q, before=row.key, limit=PAGE // 2)
        below = views.page(self.conn, q, after=row.key, limit=PAGE // 2)
        self.rows = [*above, row, *below]
        self.more_above = len(above) == PAGE // 2
        self.more_below = len(below) == PAGE // 2
        self.cursor = len(above)
        self.first_index = None if self.more_above else 0
        self.top = max(0, self.cursor - self.size.height // 2)

    def reload(self) -> None:
        """Re-run the query (new items from a refresh), keeping the current item."""
        if self.query_ is not None:
            current = self.current
            self.load(self.query_, current.id if current else None)

    def _extend_below(self) -> None:
        if not self.more_below or not self.rows:
            return
        more = views.page(self.conn, self.query_, after=self.rows[-1].key, limit=PAGE)
        self.more_below = len(more) == PAGE
        self.rows.extend(more)
        if len(self.rows) > KEEP:
            drop = len(self.rows) - KEEP
            drop = min(drop, self.top)  # never drop what is on screen
            if drop > 0:
                del self.rows[:drop]
                self.cursor -= drop
                self.top -= drop
                self.more_above = True
                if self.first_index is not None:
                    self.first_index += drop

    def _extend_above(self) -> None:
        if not self.more_above or not self.rows:
            return
        more = views.page(self.conn, self.query_, before=self.rows[0].key, limit=PAGE)
        self.more_above = len(more) == PAGE
        self.rows[:0] = more
        self.cursor += len(more)
        self.top += len(more)
        if self.first_index is not None:
            self.first_index -= len(more)
        elif not self.more_above:
            self.first_index = 0
        if len(self.rows) > KEEP:
            keep_to = max(KEEP, self.top + self.size.height + 1)
            if keep_to < len(self.rows):
                del self.rows[keep_to:]
                self.more_below = True

    # -- moving ----------------------------------------------------------------------------

    @property
    def current(self) -> ItemRow | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    @property
    def position(self) -> int | None:
        """The cursor's absolute index in the view, when known."""
        return None if self.first_index is None else self.first_index + self.cursor

    def move(self, delta: int) -> None:
        if not self.rows:
            return
        target = self.cursor + delta
        # fetching shifts indices (rows dropped above, or prepended): follow the cursor
        while target > len(self.rows) - 1 - MARGIN and self.more_below:
            size, old = len(self.rows), self.cursor
            self._extend_below()
            target += self.cursor - old
            if len(self.rows) == size and self.cursor == old:
                break
        while target < MARGIN and self.more_above:
            old = self.cursor
            self._extend_above()
            target += self.cursor - old
            if self.cursor == old:
                break
        self.cursor = max(0, min(target, len(self.rows) - 1))
        self._changed()

    def first(self) -> None:
        if self.query_ is not None:
            self.load(self.query_)

    def last(self) -> None:
        if self.query_ is None:
            return
        self.rows = views.last_page(self.conn, self.query_, limit=PAGE)
        self.more_above, self.more_below = len(self.rows) == PAGE, False
        self.first_index = None if self.more_above else 0
        self.cursor = len(self.rows) - 1
        self.top = max(0, self.cursor - self.size.height + 1)
        self._changed()

    def go_to(self, row: ItemRow) -> None:
        """Put the cursor on ``row`` (fetched from the store), loading around it if needed."""
        for i, r in enumerate(self.rows):
            if r.id == row.id:
                self.cursor = i
                self._changed()
                return
        self._center_on(row)
        self._changed()

    def page_by(self, pages: int) -> None:
        self.move(pages * max(1, self.size.height - 1))

    def refresh_rows(self, item_ids: set[int] | None = None) -> None:
        """Re-read rows whose status or coding changed, in place."""
        if self.query_ is None:
            return
        for i, r in enumerate(self.rows):
            if item_ids is None or r.id in item_ids:
                updated = views.row_at(self.conn, self.query_, r.id)
                if updated is not None:
                    self.rows[i] = updated
                    continue
                # left the view (e.g. dismissed under status:new): keep it, with its status
                fresh = self.conn.execute(
                    "SELECT status FROM items WHERE id = ?", (r.id,)).fetchone()
                if fresh is not None:
                    self.rows[i] = ItemRow(r.id, r.published, r.source, r.title, fresh[0], r.coding,
                                           r.article)
        self.refresh()

    def _changed(self) -> None:
        height = max(1, self.size.height)
        scrolloff = 2 if height > 6 else 0
        if self.cursor < self.top + scrolloff:
            self.top = max(0, self.cursor - scrolloff)
        elif self.cursor >= self.top + height - scrolloff:
            self.top = self.cursor - height + 1 + scrolloff
        self.top = max(0, min(self.top, max(0, len(self.rows) - height)))
        self.refresh()
        current = self.current
        ident = current.id if current else None
        if ident != self._last_posted:
            self._last_posted = ident
            self.post_message(self.Highlighted(current))

    def on_resize(self) -> None:
        self._changed()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.rows))

    # -- drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        index = self.top + y
        if not self.rows:
            if y == 0:
                style = self._style("item-list--empty")
                return Strip([Segment(set_cell_size(" " + self.empty_message, width), style)], width)
            return Strip.blank(width, self.rich_style)
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        row = self.rows[index]
        selected = index == self.cursor
        key = (row, width, selected)
        strip = self._lines.get(key)
        if strip is None:
            strip = Strip(self._segments(row, width, selected), width)
            self._lines[key] = strip
        return strip

    def _segments(self, row: ItemRow, width: int, selected: bool) -> list[Segment]:
        base = self._style("-base")
        cursor = self._style("item-list--cursor") if selected else Style()
        wide = width >= 110
        if wide:
            when = row.published[:16].replace("T", " ")
        elif row.published[:4] != _THIS_YEAR:  # another year: the year, not the time
            when = row.published[:10] + " "
        else:
            when = row.published[5:16].replace("T", " ")
        src_w = 18 if wide else 10
        coding_w = min(28, max(0, width // 5)) if row.coding else 0
        status_style = self._style(f"item-list--{row.status}")
        parts = [
            # ¶ before the status: the full article is stored (offline reading)
            (("¶" if row.article else " ") + STATUS_MARK.get(row.status, "?") + " ", status_style),
            (when + "  ", self._style("item-list--time")),
            (set_cell_size(row.source, src_w) + "  ", self._style("item-list--source")),
        ]
        used = sum(cell_len(t) for t, _ in parts)
        title_w = max(0, width - used - (coding_w + 1 if coding_w else 0))
        title_style = status_style if row.status in ("dismissed",) else Style()
        parts.append((set_cell_size(row.title, title_w), title_style))
        if coding_w:
            parts.append((" " + set_cell_size(row.coding, coding_w),
                          self._style("item-list--coding")))
        return [Segment(text, base + style + cursor) for text, style in parts]
