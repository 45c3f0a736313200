"""The bundled demo feed set: fictional outlets, readable offline, with a ground truth."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from sahel_tui import paths
from sahel_tui.config import Config, load_config


def demo_dir() -> Path:
    return Path(str(resources.files("sahel_tui.demo")))


def demo_config(db: str | Path | None = None) -> Config:
    """The demo feeds.toml, always with its own database (never the analyst's)."""
    return load_config(demo_dir() / "feeds.toml", db=db or paths.demo_db_path())


def ground_truth_path() -> Path:
    return demo_dir() / "ground_truth.jsonl"
