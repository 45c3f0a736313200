-- Stories (items the analyst linked as reports of one incident), independent outlets, and the
-- indexes the tallies, the analyst questions and story grouping need (sahel_tui.analysis).

-- A story: the items that report one real-world incident. Membership changes go through the
-- decision log (target 'story:<item id>'), so ids are never reused (AUTOINCREMENT): undo and
-- redo put a row back under its old id. A story whose last member leaves is deleted.
CREATE TABLE stories (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at          TEXT NOT NULL,
    items               INTEGER NOT NULL DEFAULT 0,  -- members
    independent_outlets INTEGER NOT NULL DEFAULT 0   -- distinct origin feeds of the members that
                                                     -- are not copies (see story_items.copy_of)
);

CREATE TABLE story_items (
    item_id  INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,  -- one story at most
    story_id INTEGER NOT NULL REFERENCES stories(id),
    copy_of  INTEGER REFERENCES items(id) ON DELETE SET NULL  -- the member this one republishes
                                                             -- (same canonical link or
                                                             -- near-identical text), else NULL
);
CREATE INDEX story_items_story ON story_items (story_id, item_id);

-- Independent outlets per coded event: the origin feeds (items.feed_id: the first feed that
-- carried the item; other feeds carrying the same item are republications) of the event's
-- items and of every item in the same stories, leaving out members marked as copies.
-- sahel_tui.analysis.stories.story_outlets() gives the same figure with the outlet names.
CREATE VIEW event_outlets AS
WITH reach (event_id, item_id) AS (
    SELECT ei.event_id, ei.item_id FROM event_items ei
    UNION
    SELECT ei.event_id, s2.item_id
    FROM event_items ei
    JOIN story_items s1 ON s1.item_id = ei.item_id
    JOIN story_items s2 ON s2.story_id = s1.story_id
)
SELECT r.event_id AS event_id,
       count(DISTINCT i.feed_id) AS independent_outlets,
       count(DISTINCT r.item_id) AS items
FROM reach r
JOIN items i ON i.id = r.item_id
LEFT JOIN story_items c ON c.item_id = r.item_id
WHERE c.copy_of IS NULL
GROUP BY r.event_id;

-- Tallies: covering indexes (fatalities, and deleted, which the partial index does not
-- cover by itself) so that aggregates over all live events read only the index. They replace
-- the narrower ones of 0003 (same leading columns, so every use of those still works).
DROP INDEX events_date;
CREATE INDEX events_date ON events (event_date, fatalities, deleted) WHERE deleted = 0;
DROP INDEX events_actor1;
CREATE INDEX events_actor1 ON events (actor1, event_date, fatalities, deleted) WHERE deleted = 0;
DROP INDEX events_actor2;
CREATE INDEX events_actor2 ON events (actor2, event_date, fatalities, actor1, deleted)
    WHERE deleted = 0;
DROP INDEX events_type;
CREATE INDEX events_type ON events (event_type, sub_event_type, event_date, fatalities, deleted)
    WHERE deleted = 0;
DROP INDEX events_place;
CREATE INDEX events_place ON events (country, admin1, event_date, fatalities, deleted)
    WHERE deleted = 0;
-- Which outlets (feeds) carried each event's items: (feed, event) pairs with the event's date,
-- fatalities and deleted flag, kept by triggers, so that "events by source" over all events
-- reads this one table instead of joining event_items, item_feeds and events (500k items:
-- 10 ms instead of 150). Derived data: it can be rebuilt from those tables at any time.
CREATE TABLE event_feeds (
    feed_id    INTEGER NOT NULL,
    event_id   INTEGER NOT NULL,
    event_date TEXT NOT NULL,
    fatalities INTEGER NOT NULL,
    deleted    INTEGER NOT NULL,
    PRIMARY KEY (feed_id, event_id)
) WITHOUT ROWID;
CREATE INDEX event_feeds_event ON event_feeds (event_id);
INSERT OR IGNORE INTO event_feeds (feed_id, event_id, event_date, fatalities, deleted)
    SELECT x.feed_id, e.id, e.event_date, e.fatalities, e.deleted
    FROM event_items ei JOIN item_feeds x ON x.item_id = ei.item_id JOIN events e ON e.id = ei.event_id;
CREATE TRIGGER event_feeds_ei_ai AFTER INSERT ON event_items BEGIN
    INSERT OR IGNORE INTO event_feeds (feed_id, event_id, event_date, fatalities, deleted)
        SELECT x.feed_id, e.id, e.event_date, e.fatalities, e.deleted
        FROM item_feeds x, events e WHERE x.item_id = new.item_id AND e.id = new.event_id;
END;
CREATE TRIGGER event_feeds_ei_ad AFTER DELETE ON event_items BEGIN
    DELETE FROM event_feeds WHERE event_id = old.event_id
        AND feed_id IN (SELECT x.feed_id FROM item_feeds x WHERE x.item_id = old.item_id)
        AND NOT EXISTS (SELECT 1 FROM event_items ei JOIN item_feeds x ON x.item_id = ei.item_id
                        WHERE ei.event_id = old.event_id AND x.feed_id = event_feeds.feed_id);
END;
CREATE TRIGGER event_feeds_if_ai AFTER INSERT ON item_feeds BEGIN
    INSERT OR IGNORE INTO event_feeds (feed_id, event_id, event_date, fatalities, deleted)
        SELECT new.feed_id, e.id, e.event_date, e.fatalities, e.deleted
        FROM event_items ei JOIN events e ON e.id = ei.event_id WHERE ei.item_id = new.item_id;
END;
CREATE TRIGGER event_feeds_if_ad AFTER DELETE ON item_feeds BEGIN
    DELETE FROM event_feeds WHERE feed_id = old.feed_id
        AND event_id IN (SELECT ei.event_id FROM event_items ei WHERE ei.item_id = old.item_id)
        AND NOT EXISTS (SELECT 1 FROM event_items ei JOIN item_feeds x ON x.item_id = ei.item_id
                        WHERE ei.event_id = event_feeds.event_id AND x.feed_id = old.feed_id);
END;
-- an event edited, removed, or put back whole by undo (INSERT OR REPLACE)
CREATE TRIGGER event_feeds_ev_au AFTER UPDATE OF event_date, fatalities, deleted ON events BEGIN
    UPDATE event_feeds SET event_date = new.event_date, fatalities = new.fatalities,
        deleted = new.deleted WHERE event_id = new.id;
END;
CREATE TRIGGER event_feeds_ev_ai AFTER INSERT ON events BEGIN
    UPDATE event_feeds SET event_date = new.event_date, fatalities = new.fatalities,
        deleted = new.deleted WHERE event_id = new.id;
END;

-- co-location: events at one gazetteer place
CREATE INDEX events_place_id ON events (place_id, event_date) WHERE deleted = 0;

-- triage progress for a day (items.status_at) and the 'triaged:' query field
CREATE INDEX items_status_at ON items (status_at) WHERE status_at IS NOT NULL;
