"""The application shell."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

from sahel_tui.config import Config
from sahel_tui.store import open_store


class SahelApp(App):
    TITLE = "sahel-tui"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, config: Config, demo: bool = False) -> None:
        super().__init__()
        self.config = config
        self.demo = demo
        self.conn = open_store(config.settings.database)
        self.sub_title = "demo data" if demo else str(config.settings.database)

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("published (UTC)", "source", "title")
        rows = self.conn.execute(
            """SELECT i.published, f.name, i.title FROM items i JOIN feeds f ON f.id = i.feed_id
               ORDER BY i.published DESC, i.id DESC LIMIT 500"""
        ).fetchall()
        for r in rows:
            table.add_row(Text(r[0].replace("T", " ")[:16]), Text(r[1]), Text(r[2]))
