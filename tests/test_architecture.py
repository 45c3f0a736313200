"""The headless core never imports Textual: enforced with import-linter's contracts."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    result = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    # exchange/ reads top-down (no module circle): its layers contract is there and kept
    assert "Exchange reads top-down" in result.stdout


def test_core_imports_without_textual():
    """Importing every core module in a fresh interpreter must not pull in textual."""
    code = (
        "import sys, sahel_tui.cli, sahel_tui.config, sahel_tui.opml, sahel_tui.store, "
        "sahel_tui.ingest.sync, sahel_tui.store.items, sahel_tui.demo\n"
        "assert 'textual' not in sys.modules, 'textual imported by the core'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=60)


def test_ruff_is_clean():
    exe = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    result = subprocess.run([exe, "check", "--quiet", "--no-cache", "."], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
