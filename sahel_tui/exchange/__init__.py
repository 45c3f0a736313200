"""Export and import/merge of coded events: the exchange formats.

Library API (what the app calls)::

    from sahel_tui.exchange.export import export, ExportResult, FORMATS
    export(conn, compiled_query, fmt, out, *, items=False, bom=False, progress=None,
           coder=None, vocab=None) -> ExportResult(count, path, skipped, warnings)

    from sahel_tui.exchange.merge import import_jsonl, ImportResult
    import_jsonl(conn, path, *, coder=None, progress=None) -> ImportResult

    from sahel_tui.exchange.conflicts import list_conflicts, resolve_conflict, get_conflict
    list_conflicts(conn, *, include_resolved=False) -> list[Conflict]
    resolve_conflict(conn, conflict_id, keep, coder) -> int   # the decision batch

A copy of the whole database (`sahel-tui backup`) is the store's job: sahel_tui.store.backup.

Modules, top-down (import-linter's layers contract in pyproject.toml keeps it so): commands
(CLI) -> export, merge, conflicts -> selection (streamed reads of the events),
reading_list (--items), incoming (checking a file's lines) -> acled_csv, jsonl (the
exchange format), geojson: one writer per format, for every caller -> acled (ACLED row).
Nothing here imports textual.
"""
