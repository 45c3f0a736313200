"""Where sahel-tui keeps its files when no --config / --db is given."""

from __future__ import annotations

import os
from pathlib import Path

APP = "sahel-tui"


def user_config_dir() -> Path:
    env = os.environ.get("SAHEL_TUI_CONFIG_DIR")
    if env:
        return Path(env)
    from platformdirs import user_config_dir as ucd

    return Path(ucd(APP, appauthor=False))


def user_data_dir() -> Path:
    env = os.environ.get("SAHEL_TUI_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir as udd

    return Path(udd(APP, appauthor=False))


def demo_db_path() -> Path:
    """The demo database lives apart from the analyst's own, always."""
    return user_data_dir() / "demo.db"


def exports_dir() -> Path:
    """Where in-app exports go by default (SAHEL_TUI_EXPORTS_DIR, else 'exports' in the
    user data folder); created when first used."""
    env = os.environ.get("SAHEL_TUI_EXPORTS_DIR")
    return Path(env) if env else user_data_dir() / "exports"
