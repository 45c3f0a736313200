"""Bottom line: triage progress of the view, the active query, the fetch state."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class StatusBar(Static):
    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; padding: 0 1; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.counts: dict[str, int] | None = None
        self.query_text = ""
        self.fetch_state = ""
        self.position: tuple[int | None, int | None] = (None, None)
        self.message = ""
        self.banner = ""  # read-only, damaged, decisions pending: shown first, in red

    MESSAGE_SECONDS = 8.0  # a message is about the last action: it does not outlive it long

    def set(self, **values) -> None:
        for key, value in values.items():
            setattr(self, key, value)
        if values.get("message"):
            timer = getattr(self, "_message_timer", None)
            if timer is not None:
                timer.stop()
            self._message_timer = self.set_timer(self.MESSAGE_SECONDS, self._expire)
        self.update(self._render_text())

    def _expire(self) -> None:
        self._message_timer = None
        self.set(message="")

    def _render_text(self) -> Text:
        t = Text(no_wrap=True, overflow="ellipsis")
        if self.banner:
            t.append(f" {self.banner} ", style="bold white on red")
            t.append("  ")
        if self.counts is not None:
            c = self.counts
            t.append(f"● {c['new']} new", style="cyan")
            t.append(f"  ✓ {c['coded']} coded", style="green")
            t.append(f"  · {c['dismissed']} dismissed", style="grey62")
            t.append(f"  ! {c['flagged']} flagged", style="red")
        else:
            t.append("counting…", style="dim")
        pos, total = self.position
        if total is not None:  # an empty view is 0/0, never 1/0
            t.append(f"   {'?' if pos is None else min(pos + 1, total)}/{total}", style="dim")
        t.append("   ")
        t.append(f"query: {self.query_text}" if self.query_text else "all items", style="bold")
        if self.message:
            t.append("   " + self.message, style="italic")
        if self.fetch_state:
            t.append("   " + self.fetch_state, style="yellow")
        return t
