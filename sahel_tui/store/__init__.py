"""SQLite storage: connection, migrations, writes and reads. Never imports the UI."""

from sahel_tui.store.db import SCHEMA_VERSION, StoreError, connect, open_store

__all__ = ["SCHEMA_VERSION", "StoreError", "connect", "open_store"]
