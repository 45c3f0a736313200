-- Full articles: the text of an item's linked page, fetched on request (opt-in per feed).
-- The text lives on the item, so that search finds it; the fetch's state beside it.

-- the extracted, sanitised article text; NULL: none
ALTER TABLE items ADD COLUMN article TEXT;

CREATE TABLE articles (
    item_id       INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
    url           TEXT NOT NULL,            -- the page last asked for (after redirects)
    state         TEXT NOT NULL CHECK (state = 'ok' OR state = 'failed' OR state = 'shorter'),
    attempts      INTEGER NOT NULL DEFAULT 0,  -- failed tries since the last success
    error         TEXT,                     -- one line: why the last try failed
    status        INTEGER,                  -- HTTP status of the last try, 0 for none
    etag          TEXT,                     -- validators of the page, for a later refetch
    last_modified TEXT,
    chars         INTEGER,                  -- length of the extracted text
    fetched_at    TEXT NOT NULL,            -- last try
    next_try_at   TEXT                      -- not before (Retry-After, backoff)
);
CREATE INDEX articles_retry ON articles (state, next_try_at);

-- robots.txt of each site whose pages are fetched, kept a day.
CREATE TABLE robots (
    origin     TEXT PRIMARY KEY,            -- scheme://host[:port]
    status     INTEGER NOT NULL,            -- HTTP status of /robots.txt (0: unreachable)
    body       TEXT NOT NULL DEFAULT '',
    fetched_at TEXT NOT NULL
) WITHOUT ROWID;

-- The search index gains the article: one index, so that a query's words may be found in
-- the title, the feed's text or the article alike. Rebuilt once from the table.
DROP TRIGGER items_fts_ai;
DROP TRIGGER items_fts_ad;
DROP TRIGGER items_fts_au;
DROP TABLE items_fts;
CREATE VIRTUAL TABLE items_fts USING fts5 (
    title, text, article,
    content = 'items', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER items_fts_ai AFTER INSERT ON items BEGIN
    INSERT INTO items_fts (rowid, title, text, article)
        VALUES (new.id, new.title, new.text, new.article);
END;
CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, title, text, article)
        VALUES ('delete', old.id, old.title, old.text, old.article);
END;
CREATE TRIGGER items_fts_au AFTER UPDATE OF title, text, article ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, title, text, article)
        VALUES ('delete', old.id, old.title, old.text, old.article);
    INSERT INTO items_fts (rowid, title, text, article)
        VALUES (new.id, new.title, new.text, new.article);
END;
INSERT INTO items_fts (items_fts) VALUES ('rebuild');
