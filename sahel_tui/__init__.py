"""sahel-tui: keyboard-first triage and coding of Sahel / Lake Chad news feeds."""

__version__ = "0.1.0"
