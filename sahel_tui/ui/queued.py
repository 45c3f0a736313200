"""What the screens that change stored data share: writes through the app's queue (never
waiting on another process's lock) and an undo that first takes back a change still
waiting.  A screen using it defines ``_reload()``."""

from __future__ import annotations


class QueuedWrites:
    """Mixin for a Screen: ``_write`` and ``action_undo`` over ``app.write``."""

    def _write(self, label: str, op: str, *args, on_done=None) -> bool | None:
        """Through the app's write queue; a change that must wait is said, and written (with
        ``on_done`` called) when the database frees."""
        written = self.app.write(label, None, *args, op=op, on_done=on_done)
        if written is False:
            self.notify(f"{label[0].upper()}{label[1:]}: pending, written when the database "
                        f"frees (u takes it back).", timeout=4)
        return written

    def action_undo(self) -> None:
        dropped = self.app.take_back_pending() if self.app.writes else None
        if dropped is not None:
            self.notify(f"undid {dropped.label} (it was still pending)", timeout=2)
            return

        def undone(batch) -> None:
            self.notify(f"undid {batch.action}" if batch else "Nothing to undo.", timeout=2)
            self._reload()

        self._write("undo", "undo", self.app.coder, on_done=undone)
