"""Shared fixtures: loopback feed servers, and no test ever touching the real home."""

from __future__ import annotations

import gc
import socket
from pathlib import Path

import pytest
from helpers_http import FeedServer


def pytest_unconfigure(config):
    """At the end of a run pytest collects garbage five times over to report what failed
    in finalizers; a worker that ran a few hundred app tests holds ~750k objects and took
    ~2 s a collection on a loaded machine: past execnet's 5 s for the worker to stop, so it
    sent itself SIGINT (the 'KeyboardInterrupt in gc_callback' warning at the end of a
    run). Collected once here, with the same reporting, then frozen: the five are quick."""
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path_factory, monkeypatch):
    """The user config and data dirs point into a temporary folder for every test."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SAHEL_TUI_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("SAHEL_TUI_DATA_DIR", str(base / "data"))


@pytest.fixture
def server():
    """A feed server on 127.0.0.1, on a free port."""
    s = FeedServer("127.0.0.1")
    yield s
    s.close()


@pytest.fixture
def server2():
    """A second server on another loopback address: another host as far as the client
    (and the per-host limit) is concerned."""
    try:
        probe = socket.socket()
        probe.bind(("127.0.0.2", 0))
        probe.close()
    except OSError:
        pytest.skip("127.0.0.2 is not usable as a second loopback host here")
    s = FeedServer("127.0.0.2")
    yield s
    s.close()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The demo feed set ingested once per session; tests copy it before changing it."""
    from sahel_tui.demo import demo_config
    from sahel_tui.ingest.sync import sync

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    report = sync(demo_config(db=path))
    assert not report.failed
    return path
