"""Subcommands of this package, registered into the CLI (see sahel_tui.cli.COMMAND_MODULES)."""

from __future__ import annotations


def register(sub, common) -> None:
    """Add this package's subcommands to ``sub`` (argparse subparsers)."""
