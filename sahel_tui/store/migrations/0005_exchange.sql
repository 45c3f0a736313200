-- Exchange: import provenance and merge conflicts: see issue 6.
--
-- Provenance lives in side tables keyed by event id, not in columns of `events`: the undo
-- of an event edit puts the row back whole (INSERT OR REPLACE of the event columns), which
-- would reset any extra column of `events` to its default.

-- Every id this database is known by in exchange files ("provenance.database.id").
INSERT OR IGNORE INTO app_state (key, value) VALUES ('database_id', lower(hex(randomblob(16))));

-- One row per import that changed something (a re-import that changes nothing adds no row).
CREATE TABLE imports (
    id               INTEGER PRIMARY KEY,
    at               TEXT NOT NULL,
    coder            TEXT NOT NULL,              -- who imported
    file             TEXT NOT NULL,
    sha256           TEXT NOT NULL,
    format_version   INTEGER NOT NULL,
    items_added      INTEGER NOT NULL DEFAULT 0,
    items_changed    INTEGER NOT NULL DEFAULT 0,
    events_added     INTEGER NOT NULL DEFAULT 0,
    events_changed   INTEGER NOT NULL DEFAULT 0,
    events_unchanged INTEGER NOT NULL DEFAULT 0,
    conflicts        INTEGER NOT NULL DEFAULT 0
);

-- Where an imported event came from. No ON DELETE action: event rows are never deleted.
CREATE TABLE event_origins (
    event_id        INTEGER PRIMARY KEY REFERENCES events(id),
    import_id       INTEGER NOT NULL REFERENCES imports(id),
    origin_uid      TEXT NOT NULL,      -- its uid in the file (a conflicting copy gets its own)
    content_hash    TEXT NOT NULL,      -- of the coding as imported: a re-import recognises it
    origin_database TEXT NOT NULL DEFAULT '',  -- id of the database it was first coded in
    origin_name     TEXT NOT NULL DEFAULT '',  -- that database's file name
    origin_analyst  TEXT NOT NULL DEFAULT '',
    replaces        INTEGER REFERENCES events(id)  -- the local event a conflicting copy disputes
);
CREATE INDEX event_origins_uid ON event_origins (origin_uid, content_hash);

-- The decision history an imported event brought with it (the other database's log), kept
-- verbatim so the event is exported again with its whole history.
CREATE TABLE event_history (
    event_id INTEGER PRIMARY KEY REFERENCES events(id),
    entries  TEXT NOT NULL    -- JSON list of {at, coder, op, action, before, after}
);

-- Where two analysts coded one item differently. Both codings stay in `events`; the conflict
-- lists them. It is resolved by a decision batch (resolved_batch): while that batch is undone
-- (its latest op is 'undo') the conflict counts as open again.
CREATE TABLE conflicts (
    id             INTEGER PRIMARY KEY,
    import_id      INTEGER NOT NULL REFERENCES imports(id),
    item_id        INTEGER NOT NULL REFERENCES items(id),
    local_events   TEXT NOT NULL,   -- JSON list of event ids: this database's coding
    their_events   TEXT NOT NULL,   -- JSON list of event ids: the imported coding
    their_uids     TEXT NOT NULL,   -- JSON list: every event uid the import brought for the item
    created_at     TEXT NOT NULL,
    resolution     TEXT CHECK (resolution IN ('local', 'theirs', 'both')),
    resolved_batch INTEGER,
    resolved_at    TEXT,
    resolved_by    TEXT
);
CREATE INDEX conflicts_item ON conflicts (item_id);

-- Export reads the history of many events at once by target ('event:<id>').
CREATE INDEX decisions_target ON decisions (target, id);
