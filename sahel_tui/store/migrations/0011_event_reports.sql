-- Reports attached to an event coded from another report of the same incident (linked in the
-- side-by-side view, or attached by hand). event_items keeps every report of an event; this
-- marks the ones that were attached, so the list can say "coded (linked to MLI123)".

CREATE TABLE event_attached (
    event_id INTEGER NOT NULL REFERENCES events(id),
    item_id  INTEGER NOT NULL REFERENCES items(id),
    PRIMARY KEY (event_id, item_id)
) WITHOUT ROWID;
CREATE INDEX event_attached_item ON event_attached (item_id, event_id);
