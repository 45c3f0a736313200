-- The analyst's imported gazetteer: GeoNames dumps, OSM-derived files in the same layout and
-- the places of ACLED exports.  Places keep their own admin units or, when their source has
-- none, the units of the nearest place that has them (admin_from says which).  Every
-- spelling of a name is indexed under its spelling key (sahel_tui.gazetteer.keys).

CREATE TABLE gazetteer_sources (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,        -- "ML.txt", "allCountries.zip:ML", "acled:export.csv"
    kind        TEXT NOT NULL,               -- geonames | osm | acled
    path        TEXT NOT NULL,
    data_date   TEXT NOT NULL DEFAULT '',    -- latest modification date in the data
    imported_at TEXT NOT NULL
);

CREATE TABLE gazetteer_places (
    id            TEXT PRIMARY KEY,          -- gn:2457161, osm:27565005, acled:ML:...
    source_id     INTEGER NOT NULL REFERENCES gazetteer_sources (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    country       TEXT NOT NULL,
    admin1        TEXT NOT NULL DEFAULT '',
    admin2        TEXT NOT NULL DEFAULT '',
    admin3        TEXT NOT NULL DEFAULT '',
    admin_from    TEXT NOT NULL DEFAULT '',  -- '' own units; else the place they come from
    latitude      REAL,
    longitude     REAL,
    feature_class TEXT NOT NULL DEFAULT '',
    feature_code  TEXT NOT NULL DEFAULT '',
    population    INTEGER NOT NULL DEFAULT 0,
    modified      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gazetteer_places_country ON gazetteer_places (country);
CREATE INDEX gazetteer_places_source ON gazetteer_places (source_id);

CREATE TABLE gazetteer_names (
    key      TEXT NOT NULL,                  -- spelling key
    place_id TEXT NOT NULL REFERENCES gazetteer_places (id) ON DELETE CASCADE,
    name     TEXT NOT NULL,                  -- as written in the source
    word     INTEGER NOT NULL DEFAULT 0,     -- 1: also an ordinary word (needs evidence)
    PRIMARY KEY (key, place_id)
) WITHOUT ROWID;
CREATE INDEX gazetteer_names_place ON gazetteer_names (place_id);
