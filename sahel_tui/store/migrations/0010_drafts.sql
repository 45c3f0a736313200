-- Drafts: facet values the analyst confirmed on an item not coded yet. Each confirmation
-- appends a version (the whole list of draft events as JSON); the newest is the draft, and
-- undo on that item drops the newest. Accepting the coding deletes the item's versions.

CREATE TABLE drafts (
    id       INTEGER PRIMARY KEY,
    item_id  INTEGER NOT NULL REFERENCES items(id),
    events   TEXT NOT NULL,               -- JSON: [{field: value, ...}, ...]
    at       TEXT NOT NULL
);
CREATE INDEX drafts_item ON drafts (item_id, id);
