"""Tallies, analyst questions and story grouping: SQL aggregates over coded events."""
