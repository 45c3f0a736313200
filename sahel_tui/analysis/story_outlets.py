"""The outlets reporting an incident, and the credibility their number earns.

An incident is the item's story (the items the analyst linked, :mod:`.stories`) or the
item alone. An outlet is a feed; it is independent when it carried an item of its own
rather than a copy of another member (``story_items.copy_of``). Two or more independent
outlets suggest Admiralty credibility 1, one suggests 3 (2 when its reliability is A).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from sahel_tui.analysis.stories import linked_items


@dataclass(frozen=True)
class Outlet:
    feed: str
    reliability: str
    item_ids: tuple[int, ...]
    independent: bool  # False: it only republished another member


@dataclass(frozen=True)
class StoryOutlets:
    item_id: int
    story_id: int | None
    item_ids: tuple[int, ...]  # the story's members (the item alone when not linked)
    outlets: tuple[Outlet, ...]
    independent: int
    reliability: str | None  # the best (lowest letter) reliability among independent outlets
    credibility: int  # suggested_credibility(independent, reliability)
    rule: str


CREDIBILITY_RULE = ("2 or more independent outlets: 1 Confirmed by other sources; one outlet: "
                    "3 Possibly true, or 2 Probably true when that outlet's reliability is A; "
                    "none: 6 Truth cannot be judged")


def suggested_credibility(n_independent: int, reliability: str | None = None) -> int:
    """The Admiralty information-credibility digit earned by corroboration (see
    CREDIBILITY_RULE): >= 2 independent outlets -> 1; 1 -> 3, or 2 if its source is A."""
    if n_independent >= 2:
        return 1
    if n_independent == 1:
        return 2 if (reliability or "").upper() == "A" else 3
    return 6


def story_outlets(conn: sqlite3.Connection, item_id: int) -> StoryOutlets:
    """The outlets reporting the item's incident (its story's members, or the item alone),
    which of them are independent, and the credibility that earns."""
    story_id, others = linked_items(conn, item_id)
    members = [item_id, *others]
    marks = ",".join("?" * len(members))
    copy_of = {r[0]: r[1] for r in conn.execute(
        f"SELECT item_id, copy_of FROM story_items WHERE item_id IN ({marks})", members)}
    per_feed: dict[str, dict] = {}
    for iid, feed_id, origin_id, name, rel in conn.execute(
            f"SELECT x.item_id, x.feed_id, i.feed_id, f.name, f.reliability FROM item_feeds x "
            f"JOIN items i ON i.id = x.item_id JOIN feeds f ON f.id = x.feed_id "
            f"WHERE x.item_id IN ({marks}) ORDER BY f.name", members):
        o = per_feed.setdefault(name, {"rel": rel, "items": [], "independent": False})
        o["items"].append(iid)
        if feed_id == origin_id and copy_of.get(iid) is None:
            o["independent"] = True
    outlets = tuple(Outlet(n, o["rel"], tuple(sorted(set(o["items"]))), o["independent"])
                    for n, o in sorted(per_feed.items(), key=lambda kv: (not kv[1]["independent"], kv[0])))
    n = sum(1 for o in outlets if o.independent)
    rels = sorted(o.reliability for o in outlets if o.independent and o.reliability)
    rel = rels[0] if rels else None
    return StoryOutlets(item_id, story_id, tuple(members), outlets, n, rel,
                        suggested_credibility(n, rel), CREDIBILITY_RULE)


def event_outlets(conn: sqlite3.Connection, event_id: int) -> int:
    """Independent outlets reporting a coded event: the origin feeds of its items and of
    their stories' members, copies left out (what the event_outlets view gives for every
    event; this reads only the one event's rows)."""
    r = conn.execute(
        """WITH reach (item_id) AS (
               SELECT item_id FROM event_items WHERE event_id = :e
               UNION
               SELECT s2.item_id FROM event_items ei
               JOIN story_items s1 ON s1.item_id = ei.item_id
               JOIN story_items s2 ON s2.story_id = s1.story_id
               WHERE ei.event_id = :e)
           SELECT count(DISTINCT i.feed_id) FROM reach r JOIN items i ON i.id = r.item_id
           LEFT JOIN story_items c ON c.item_id = r.item_id WHERE c.copy_of IS NULL""",
        {"e": event_id}).fetchone()
    return r[0] if r else 0
