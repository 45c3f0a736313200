"""Story grouping on the demo set (its ground truth), differing facts, linking with undo,
independent outlets and the credibility they earn."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from sahel_tui.analysis import stories, story_outlets
from sahel_tui.demo import demo_config, ground_truth_path
from sahel_tui.ingest.sync import sync
from sahel_tui.store import decisions, open_store
from sahel_tui.store.events import Event, add_events


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo feeds ingested once; (db path, incident -> item ids, item -> incidents)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    report = sync(demo_config(db=path))
    assert not report.failed
    conn = open_store(path)
    incidents: dict[str, set[int]] = defaultdict(set)
    of_item: dict[int, set[str]] = defaultdict(set)
    for line in ground_truth_path().read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        item = None
        for key in (f"g:{g['id']}", f"l:{g['link']}"):
            r = conn.execute("SELECT item_id FROM item_keys WHERE key = ?", (key,)).fetchone()
            if r:
                item = r[0]
                break
        assert item is not None, g["id"]
        ids = ({g["incident"]} if g["incident"] else set()) | {
            e["incident"] for e in g["events"] if e.get("incident")}
        for i in ids:
            incidents[i].add(item)
            of_item[item].add(i)
    conn.close()
    return path, incidents, of_item


@pytest.fixture
def conn(demo, tmp_path):
    """A private copy of the demo database (tests that link or code change it)."""
    import shutil

    src = demo[0]
    dst = tmp_path / "demo.db"
    shutil.copyfile(src, dst)
    c = open_store(dst)
    yield c
    c.close()


def _title(conn, i):
    return conn.execute("SELECT title FROM items WHERE id = ?", (i,)).fetchone()[0]


def _by_title(conn, prefix):
    """The item whose title is ``prefix`` exactly, else the one starting with it."""
    r = conn.execute("SELECT id FROM items WHERE title = ?", (prefix,)).fetchone()
    return r[0] if r else conn.execute("SELECT id FROM items WHERE title LIKE ? ORDER BY id",
                                       (prefix + "%",)).fetchone()[0]


# incidents reported by three to five outlets, English and French, with copies
SAMPLE = ["inc-001", "inc-003", "inc-004", "inc-012", "inc-022", "inc-029", "inc-035"]


@pytest.mark.parametrize("incident", SAMPLE)
def test_multi_outlet_incidents_are_grouped(demo, conn, incident):
    items = demo[1][incident]
    assert len(items) >= 3
    for i in items:
        story = stories.group_story(conn, i)
        found = {m.item_id for m in story.members}
        assert items - {i} <= found, (incident, _title(conn, i),
                                      [_title(conn, x) for x in items - {i} - found])
        assert all(m.reasons for m in story.members)


def test_precision_and_recall_on_the_demo_set(demo, conn):
    _, _, of_item = demo
    items = [r[0] for r in conn.execute("SELECT id FROM items")]
    truth = {(i, j) for i in items for j in items if i != j and of_item[i] & of_item[j]}
    proposed = {(i, m.item_id) for i in items for m in stories.group_story(conn, i).members}
    tp = len(truth & proposed)
    assert tp / len(proposed) >= 0.8 and tp / len(truth) >= 0.8


# the wire's item, also carried by the Courier under the same link (its title is the version
# fetched last: with or without " – SWS")
KONDUGA = "Suicide bombing hits mosque in Konduga"
HUB = "Flash Update No. 1: At least 11 people killed"


def _republish(conn, item_id, feed_name):
    """Another outlet republishes the item under its own link, with a line of its own."""
    from sahel_tui.ingest.normalize import Entry
    from sahel_tui.store.items import store_entries

    r = conn.execute("SELECT title, text, published FROM items WHERE id = ?", (item_id,)).fetchone()
    feed = conn.execute("SELECT id FROM feeds WHERE name = ?", (feed_name,)).fetchone()[0]
    text = "Republished with permission.\n\n" + r[1]
    link = f"https://copies.example.net/{item_id}"
    conn.execute("BEGIN")
    store_entries(conn, feed, [Entry(keys=[f"l:{link}"], guid=None, link=link, canonical_link=link,
                                     title=r[0], author=None, published=r[2], published_guessed=False,
                                     text=text, raw_html=None, content_hash=f"copy{item_id}",
                                     language="en")], "2026-11-20T00:00:00Z")
    conn.execute("COMMIT")
    return conn.execute("SELECT id FROM items WHERE canonical_link = ?", (link,)).fetchone()[0]


def test_reasons_copies_and_languages(conn):
    wire = _by_title(conn, KONDUGA)
    copy = _republish(conn, wire, "Lac Tchad Info")
    member = {m.item_id: m for m in stories.group_story(conn, wire).members}[copy]
    assert member.score >= 0.9 and any("near-identical" in r for r in member.reasons)
    # English and French meet on the place, the date and the actor
    en = _by_title(conn, "Mali: army patrol ambushed outside Menaka")
    fr = _by_title(conn, "Mali : quatre militaires tués dans une embuscade près de Ménaka")
    m = {c.item_id: c for c in stories.group_story(conn, en).members}[fr]
    assert any(r.startswith("same place: Ménaka") for r in m.reasons)
    assert any(r.startswith("dates 2026-08-03") for r in m.reasons)
    # ordinary news reports no incident
    noise = _by_title(conn, "Central bank holds benchmark rate")
    assert stories.group_story(conn, noise).members == ()
    assert stories.group_story(conn, en).seconds < 0.5


def test_coded_events_decide(conn):
    """Two reports of different incidents at Bosso two days apart look alike; once coded
    with different dates they no longer group, and coded alike they do."""
    a = _by_title(conn, "Bosso : un poste des FAN attaqué")
    b = _by_title(conn, "Attaque de l'État islamique en Afrique de l'Ouest (ISWAP) contre le camp")
    assert b in {m.item_id for m in stories.group_story(conn, a).members}

    def ev(day):
        return Event(event_date=day, event_type="Battles", sub_event_type="Armed clash",
                     actor1="Islamic State (West Africa)", actor2="Military Forces of Niger",
                     country="Niger", admin1="Diffa", location="Bosso", place_id="gn:2446613")

    add_events(conn, a, [ev("2026-10-01")], "ana")
    add_events(conn, b, [ev("2026-10-06")], "ana")
    story = stories.group_story(conn, a)
    assert b not in {m.item_id for m in story.members}
    assert any("coded events differ" in r for c in story.near if c.item_id == b for r in c.reasons)
    add_events(conn, b, [ev("2026-10-02")], "ana")
    m = {c.item_id: c for c in stories.group_story(conn, a).members}[b]
    assert m.score == 0.95 and m.reasons[0].startswith("coded events")


def test_differing_facts(conn):
    en = _by_title(conn, "Mali: army patrol ambushed outside Menaka")
    fr = _by_title(conn, "Mali : quatre militaires tués dans une embuscade près de Ménaka")
    sv = _by_title(conn, "Attaque terroriste repoussée à Ménaka")
    facts = stories.differing_facts(conn, [en, fr, sv])
    tolls = {i: {f.value for f in facts[i] if f.kind == "fatalities"} for i in facts}
    assert tolls == {en: {"12"}, fr: {"4"}, sv: {"27"}}
    assert all(f.differs for i in facts for f in facts[i] if f.kind == "fatalities")
    menaka = [f for i in facts for f in facts[i] if f.kind == "place" and f.value == "gn:2453514"]
    assert menaka and not any(f.differs for f in menaka)
    text = conn.execute("SELECT text FROM items WHERE id = ?", (en,)).fetchone()[0]
    for f in facts[en]:
        if f.field == "text":
            assert text[f.start:f.end] == f.text
    assert not any(f.kind == "place" and f.text == "BAMAKO" for f in facts[en])  # dateline
    assert {f.value for f in facts[fr] if f.kind == "attribution"} >= {"security source"}


def test_link_unlink_undo_and_outlets(conn):
    wire = _by_title(conn, KONDUGA)
    hub = _by_title(conn, HUB)
    copy = _republish(conn, wire, "Lac Tchad Info")
    # alone: the Courier carries the wire's item under the same link, one report
    alone = story_outlets.story_outlets(conn, wire)
    assert {o.feed: o.independent for o in alone.outlets} == {
        "Sahel Wire Service": True, "The Northern Courier": False}
    assert alone.independent == 1 and alone.credibility == 3  # Sahel Wire is B

    sid = stories.link_items(conn, [wire, copy], "ana")
    assert tuple(conn.execute("SELECT items, independent_outlets FROM stories WHERE id = ?",
                              (sid,)).fetchone()) == (2, 1)  # the copy counts once
    assert conn.execute("SELECT copy_of FROM story_items WHERE item_id = ?",
                        (copy,)).fetchone()[0] == wire
    assert stories.link_items(conn, [copy, hub], "ana") == sid  # joins the same story
    out = story_outlets.story_outlets(conn, hub)
    assert out.story_id == sid and set(out.item_ids) == {wire, copy, hub}
    assert out.independent == 2 and out.credibility == 1
    assert {o.feed: o.independent for o in out.outlets} == {
        "Sahel Wire Service": True, "The Northern Courier": False, "Lac Tchad Info": False,
        "Sahel Humanitarian Hub – Situation Updates": True}
    # the members come first in group_story, with the analyst's reason
    members = {m.item_id: m for m in stories.group_story(conn, wire).members}
    assert members[hub].linked and members[hub].reasons[0] == "linked by the analyst"
    # a coded event: its independent outlets are stored and queryable (event_outlets view)
    (eid,) = add_events(conn, wire, [Event(event_date="2026-08-14",
                                           event_type="Explosions/Remote violence",
                                           sub_event_type="Suicide bomb", country="Nigeria")], "ana")
    assert story_outlets.event_outlets(conn, eid) == 2
    # undo: the last link goes, the first stays; redo brings it back
    decisions.undo(conn, "ana")  # the event
    decisions.undo(conn, "ana")  # the second link
    assert story_outlets.story_outlets(conn, hub).story_id is None
    assert story_outlets.story_outlets(conn, wire).independent == 1
    decisions.redo(conn, "ana")
    assert story_outlets.story_outlets(conn, hub).independent == 2
    # unlink: the story shrinks, then dissolves when one item is left
    stories.unlink_item(conn, hub, "ana")
    assert story_outlets.story_outlets(conn, wire).independent == 1
    stories.unlink_item(conn, copy, "ana")
    assert conn.execute("SELECT count(*) FROM story_items").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM stories").fetchone()[0] == 0
    decisions.undo(conn, "ana")  # the dissolution comes back whole
    assert conn.execute("SELECT count(*) FROM story_items").fetchone()[0] == 2
    assert stories.unlink_item(conn, hub, "ana") is None  # not in a story
    with pytest.raises(ValueError):
        stories.link_items(conn, [hub], "ana")


def test_suggested_credibility():
    assert story_outlets.suggested_credibility(3) == 1
    assert story_outlets.suggested_credibility(2, "E") == 1
    assert story_outlets.suggested_credibility(1, "C") == 3
    assert story_outlets.suggested_credibility(1, "A") == 2
    assert story_outlets.suggested_credibility(0) == 6


def test_the_why_line_reads_weekdays_as_the_coding_does(conn):
    """'on Friday' in a report filed on Friday is that Friday, in the side-by-side view's
    reasons as in the suggested coding (it said a week earlier: 2026-11-06)."""
    wire = _by_title(conn, "Residents protest insecurity in Gusau")
    (m,) = [c for c in stories.group_story(conn, wire).members
            if _title(conn, c.item_id) == "Residents protest insecurity in Gusau"]
    assert "dates 2026-11-13 / 2026-11-13" in m.reasons
