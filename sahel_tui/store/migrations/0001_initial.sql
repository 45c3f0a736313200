-- Feeds, items, the links between them, and the full-text index.

CREATE TABLE feeds (
    id             INTEGER PRIMARY KEY,
    url            TEXT NOT NULL UNIQUE,     -- where we fetch now (moves on permanent redirect)
    config_url     TEXT NOT NULL UNIQUE,     -- as written in feeds.toml: how config finds its row
    name           TEXT NOT NULL,
    title          TEXT,                     -- the feed's own title
    site_url       TEXT,
    tags           TEXT NOT NULL DEFAULT '[]',  -- JSON list
    language       TEXT,
    reliability    TEXT NOT NULL DEFAULT 'F',   -- Admiralty source reliability default
    enabled        INTEGER NOT NULL DEFAULT 1,
    etag           TEXT,                     -- validators, stored verbatim
    last_modified  TEXT,
    body_hash      TEXT,                     -- of the last body parsed: unchanged body, no parse
    last_fetch_at  TEXT,
    last_ok_at     TEXT,
    last_status    INTEGER,                  -- HTTP status, 0 for file/network errors
    last_error     TEXT,                     -- one line; NULL when the last fetch was clean
    next_due_at    TEXT,                     -- set by Retry-After / backoff
    error_count    INTEGER NOT NULL DEFAULT 0,
    dead           INTEGER NOT NULL DEFAULT 0  -- 410 Gone
);

CREATE TABLE items (
    id                INTEGER PRIMARY KEY,
    uid               TEXT NOT NULL UNIQUE,  -- stable id: g:<guid>, l:<canonical link> or h:<hash>
    feed_id           INTEGER NOT NULL REFERENCES feeds(id),  -- first feed that carried it
    guid              TEXT,
    link              TEXT,
    canonical_link    TEXT,
    title             TEXT NOT NULL DEFAULT '',
    author            TEXT,
    published         TEXT NOT NULL,         -- ISO 8601 UTC, 'YYYY-MM-DDTHH:MM:SSZ'
    published_guessed INTEGER NOT NULL DEFAULT 0,
    text              TEXT NOT NULL DEFAULT '',  -- cleaned plain text
    raw_html          TEXT,                  -- the entry's HTML as sent (bounded)
    content_hash      TEXT NOT NULL,
    language          TEXT,
    first_seen_at     TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX items_published ON items (published DESC, id DESC);
CREATE INDEX items_feed_published ON items (feed_id, published DESC, id DESC);
CREATE INDEX items_canonical_link ON items (canonical_link);

-- Every key an item is known by (GUID, canonical link): a second feed carrying the same
-- story finds the existing row through here.
CREATE TABLE item_keys (
    key     TEXT PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX item_keys_item ON item_keys (item_id);

CREATE TABLE item_feeds (
    item_id    INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    feed_id    INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    link       TEXT,
    first_seen TEXT NOT NULL,
    PRIMARY KEY (item_id, feed_id)
) WITHOUT ROWID;
CREATE INDEX item_feeds_feed ON item_feeds (feed_id, item_id);

CREATE VIRTUAL TABLE items_fts USING fts5 (
    title, text,
    content = 'items', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER items_fts_ai AFTER INSERT ON items BEGIN
    INSERT INTO items_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER items_fts_au AFTER UPDATE OF title, text ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO items_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

-- One row per fetch run: what the status bar and `sahel-tui feeds` report.
CREATE TABLE fetch_runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    feeds       INTEGER NOT NULL DEFAULT 0,
    ok          INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0,
    new_items   INTEGER NOT NULL DEFAULT 0,
    updated_items INTEGER NOT NULL DEFAULT 0
);
