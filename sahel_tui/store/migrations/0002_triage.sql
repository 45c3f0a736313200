-- Triage state per item, the append-only decision log (undo/redo, audit), app state.

ALTER TABLE items ADD COLUMN status TEXT NOT NULL DEFAULT 'new'
    CHECK (status IN ('new', 'coded', 'dismissed', 'flagged'));
ALTER TABLE items ADD COLUMN status_at TEXT;
CREATE INDEX items_status_published ON items (status, published DESC, id DESC);

-- Every change an analyst makes is a row here; nothing is overwritten without a trace.
-- One analyst action is one batch (a bulk dismiss is one batch of many rows). Undo and redo
-- append rows with op 'undo' / 'redo' for the same batch instead of deleting anything.
CREATE TABLE decisions (
    id      INTEGER PRIMARY KEY,
    batch   INTEGER NOT NULL,
    op      TEXT NOT NULL CHECK (op IN ('do', 'undo', 'redo')),
    at      TEXT NOT NULL,
    coder   TEXT NOT NULL,
    action  TEXT NOT NULL,        -- dismiss, flag, unflag, code, event.add, event.edit, ...
    item_id INTEGER REFERENCES items(id),
    target  TEXT NOT NULL,        -- what changed: 'status', or 'event:<id>'
    before  TEXT,                 -- JSON of the value before (NULL: did not exist)
    after   TEXT                  -- JSON of the value after (NULL: removed)
);
CREATE INDEX decisions_batch ON decisions (batch, id);
CREATE INDEX decisions_item ON decisions (item_id, id);
CREATE INDEX decisions_coder ON decisions (coder, id);

-- Where the analyst was: query, current item, pane layout. Restored on the next start.
CREATE TABLE app_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
