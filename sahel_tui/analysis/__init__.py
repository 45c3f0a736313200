"""Tallies, analyst questions and story grouping: SQL aggregates over coded events.

Importing the package registers the ``event:`` and ``triaged:`` query fields that the
drill-downs use (see :mod:`sahel_tui.analysis.drill`).
"""

from sahel_tui.analysis import drill as _drill  # noqa: F401  (registers the query fields)
