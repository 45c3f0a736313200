-- Coded events (ACLED-shaped), linked to the items that report them.

CREATE TABLE events (
    id                 INTEGER PRIMARY KEY,
    uid                TEXT NOT NULL UNIQUE,     -- stable across databases (exchange, merge)
    event_date         TEXT NOT NULL,            -- YYYY-MM-DD
    time_precision     INTEGER NOT NULL DEFAULT 1 CHECK (time_precision IN (1, 2, 3)),
    disorder_type      TEXT NOT NULL DEFAULT '',
    event_type         TEXT NOT NULL,
    sub_event_type     TEXT NOT NULL,
    actor1             TEXT NOT NULL DEFAULT '',
    assoc_actor_1      TEXT NOT NULL DEFAULT '[]',   -- JSON list of names
    inter1             TEXT NOT NULL DEFAULT '',     -- ACLED inter type as text
    actor2             TEXT NOT NULL DEFAULT '',
    assoc_actor_2      TEXT NOT NULL DEFAULT '[]',
    inter2             TEXT NOT NULL DEFAULT '',
    civilian_targeting INTEGER NOT NULL DEFAULT 0,
    country            TEXT NOT NULL DEFAULT '',
    admin1             TEXT NOT NULL DEFAULT '',
    admin2             TEXT NOT NULL DEFAULT '',
    admin3             TEXT NOT NULL DEFAULT '',
    location           TEXT NOT NULL DEFAULT '',
    place_id           TEXT,                         -- gazetteer id, when matched
    latitude           REAL,
    longitude          REAL,
    geo_precision      INTEGER NOT NULL DEFAULT 1 CHECK (geo_precision IN (1, 2, 3)),
    fatalities         INTEGER NOT NULL DEFAULT 0,   -- ACLED's conservative figure
    fatalities_best    INTEGER,
    fatalities_high    INTEGER,
    reliability        TEXT CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
    credibility        INTEGER CHECK (credibility BETWEEN 1 AND 6),
    confidence         TEXT CHECK (confidence IN ('low', 'moderate', 'high')),
    notes              TEXT NOT NULL DEFAULT '',
    tags               TEXT NOT NULL DEFAULT '',
    coder              TEXT NOT NULL,
    coded_at           TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deleted            INTEGER NOT NULL DEFAULT 0    -- removal is a state: the trace stays
);
CREATE INDEX events_date ON events (event_date) WHERE deleted = 0;
CREATE INDEX events_actor1 ON events (actor1, event_date) WHERE deleted = 0;
CREATE INDEX events_actor2 ON events (actor2, event_date) WHERE deleted = 0;
CREATE INDEX events_type ON events (event_type, sub_event_type, event_date) WHERE deleted = 0;
CREATE INDEX events_place ON events (country, admin1, event_date) WHERE deleted = 0;

CREATE TABLE event_items (
    event_id INTEGER NOT NULL REFERENCES events(id),
    item_id  INTEGER NOT NULL REFERENCES items(id),
    PRIMARY KEY (event_id, item_id)
) WITHOUT ROWID;
CREATE INDEX event_items_item ON event_items (item_id, event_id);
