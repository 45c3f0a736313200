"""Import and merge: round trip, idempotence, conflicts kept and resolved through the log."""

from __future__ import annotations

import json

import pytest
from test_export_fixture import base_db, battle, build, entry, fixed_clock, item_id

from sahel_tui.exchange import merge
from sahel_tui.exchange.conflicts import (
    ConflictError,
    get_conflict,
    list_conflicts,
    resolve_conflict,
)
from sahel_tui.exchange.export import export
from sahel_tui.exchange.jsonl import ExchangeError
from sahel_tui.exchange.merge import import_jsonl
from sahel_tui.store import decisions, open_store, views
from sahel_tui.store.events import add_events, events_for_item, update_event
from sahel_tui.store.items import store_entries
from sahel_tui.store.query import parse


def counts(conn) -> dict[str, int]:
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def jsonl(conn, path) -> list[dict]:
    """The export's lines without their provenance (who, where, when exported)."""
    export(conn, None, "jsonl", path, coder="ana")
    lines = [json.loads(x) for x in path.read_text("utf-8").splitlines()]
    for line in lines:
        line.pop("provenance")
    return lines


@pytest.fixture
def a(tmp_path):
    build(tmp_path / "a.db")
    conn = open_store(tmp_path / "a.db")
    yield conn
    conn.close()


def test_round_trip_through_an_empty_database(a, tmp_path):
    first = jsonl(a, tmp_path / "a.jsonl")
    b = open_store(tmp_path / "b.db")
    r = import_jsonl(b, tmp_path / "a.jsonl", coder="bob")
    assert (r.items_added, r.events_added, r.conflicts) == (4, 5, [])
    assert jsonl(b, tmp_path / "b.jsonl") == first
    # the imported items are readable offline, their feeds are known but never fetched
    assert b.execute("SELECT count(*) FROM feeds WHERE enabled = 1").fetchone()[0] == 0
    assert b.execute("SELECT count(*) FROM items WHERE text = ''").fetchone()[0] == 0
    assert {r[0] for r in b.execute("SELECT status FROM items")} == {"coded"}
    origin = b.execute("SELECT origin_analyst, origin_name FROM event_origins").fetchall()
    assert {tuple(o) for o in origin} == {("ana", "a.db")}


def test_second_import_changes_nothing(a, tmp_path):
    export(a, None, "jsonl", tmp_path / "a.jsonl", coder="ana")
    b = open_store(tmp_path / "b.db")
    import_jsonl(b, tmp_path / "a.jsonl")
    before = counts(b)
    r = import_jsonl(b, tmp_path / "a.jsonl")
    assert (r.items_added, r.items_changed, r.events_added, r.events_changed) == (0, 0, 0, 0)
    assert (r.events_unchanged, r.conflicts, r.import_id) == (5, [], None)
    assert counts(b) == before
    # and importing our own export into ourselves is a no-op too
    before = counts(a)
    assert import_jsonl(a, tmp_path / "a.jsonl").events_unchanged == 5
    assert counts(a) == before


def test_items_match_by_canonical_link_and_get_the_other_feed(a, tmp_path):
    export(a, None, "jsonl", tmp_path / "a.jsonl", coder="ana")
    b = open_store(tmp_path / "b.db")
    b.execute("INSERT INTO feeds (url, config_url, name) VALUES ('x:', 'x:', 'Other outlet')")
    b.execute("INSERT INTO items (uid, feed_id, guid, link, canonical_link, title, published, "
              "content_hash, first_seen_at, updated_at) VALUES ('g:other-guid', 1, "
              "'other-guid', 'https://news.example.org/segou-ied', "
              "'https://news.example.org/segou-ied', 'Ségou', '2026-10-02T07:30:00Z', 'h', "
              "'2026-10-07T00:00:00Z', '2026-10-07T00:00:00Z')")
    b.execute("INSERT INTO item_keys VALUES ('g:other-guid', 1), "
              "('l:https://news.example.org/segou-ied', 1)")
    b.execute("INSERT INTO item_feeds VALUES (1, 1, NULL, '2026-10-07T00:00:00Z')")
    r = import_jsonl(b, tmp_path / "a.jsonl")
    assert (r.items_added, r.items_changed) == (3, 1)
    assert [e.uid for e in events_for_item(b, 1)] == ["ev-segou-ied"]
    outlets = {x[0] for x in b.execute(
        "SELECT f.name FROM item_feeds x JOIN feeds f ON f.id = x.feed_id WHERE item_id = 1")}
    assert outlets == {"Other outlet", "Le Quotidien de Bamako"}


def _bob(tmp_path, name="b.db"):
    """Bob's database: the same items, the Ménaka item coded his own way."""
    with fixed_clock("2026-10-31T08:00:00Z"):
        b = base_db(tmp_path / name)
        add_events(b, item_id(b, "menaka-ambush"),
                   [battle(uid="bob-menaka", fatalities=8, fatalities_best=8,
                           notes="Army figure.")], "bob")
    return b


def test_two_codings_of_one_item_are_both_kept_and_resolved_undoably(a, tmp_path):
    b = _bob(tmp_path)
    export(a, None, "jsonl", tmp_path / "a.jsonl", coder="ana")
    r = import_jsonl(b, tmp_path / "a.jsonl", coder="bob")
    assert len(r.conflicts) == 1 and r.events_added == 5
    menaka = item_id(b, "menaka-ambush")
    assert {e.uid for e in events_for_item(b, menaka)} == {
        "bob-menaka", "ev-menaka-ambush", "ev-inekar-civilians"}
    (c,) = list_conflicts(b)
    assert c.item_id == menaka and c.open and c.origin == "ana@a.db"
    assert [k.uid for k in c.local] == ["bob-menaka"]
    assert [k.uid for k in c.theirs] == ["ev-menaka-ambush", "ev-inekar-civilians"]
    assert "8†" in c.local[0].short and "Ménaka" in c.local[0].short

    resolve_conflict(b, c.id, "theirs", "bob")
    assert {e.uid for e in events_for_item(b, menaka)} == {"ev-menaka-ambush",
                                                           "ev-inekar-civilians"}
    assert list_conflicts(b) == []
    assert get_conflict(b, c.id).resolution == "theirs"
    with pytest.raises(ConflictError, match="already resolved"):
        resolve_conflict(b, c.id, "local", "bob")

    decisions.undo(b, "bob")  # the resolution is an ordinary decision
    assert {e.uid for e in events_for_item(b, menaka)} == {
        "bob-menaka", "ev-menaka-ambush", "ev-inekar-civilians"}
    assert [x.id for x in list_conflicts(b)] == [c.id]
    decisions.redo(b, "bob")
    assert list_conflicts(b) == []
    decisions.undo(b, "bob")

    resolve_conflict(b, c.id, "local", "bob")
    assert [e.uid for e in events_for_item(b, menaka)] == ["bob-menaka"]
    assert b.execute("SELECT status FROM items WHERE id = ?", (menaka,)).fetchone()[0] == "coded"
    decisions.undo(b, "bob")
    resolve_conflict(b, c.id, "both", "bob")
    assert len(events_for_item(b, menaka)) == 3 and list_conflicts(b) == []
    decisions.undo(b, "bob")
    assert len(list_conflicts(b)) == 1
    # re-importing the same file neither re-adds nor re-flags anything
    before = counts(b)
    r = import_jsonl(b, tmp_path / "a.jsonl", coder="bob")
    assert (r.events_added, r.conflicts) == (0, [])
    assert counts(b) == before


def test_same_event_coded_differently_keeps_both_versions(a, tmp_path):
    export(a, None, "jsonl", tmp_path / "a.jsonl", coder="ana")
    b = open_store(tmp_path / "b.db")
    import_jsonl(b, tmp_path / "a.jsonl", coder="bob")
    segou_b = b.execute("SELECT id FROM events WHERE uid = 'ev-segou-ied'").fetchone()[0]
    update_event(b, segou_b, "bob", fatalities=4, notes="Four soldiers died in hospital.")
    export(b, None, "jsonl", tmp_path / "b.jsonl", coder="bob")

    r = import_jsonl(a, tmp_path / "b.jsonl", coder="ana")
    assert (r.events_added, r.events_disputed, r.events_unchanged) == (0, 1, 4)
    (c,) = list_conflicts(a)
    assert [k.uid for k in c.local] == ["ev-segou-ied"]
    assert [k.uid for k in c.theirs] == [f"ev-segou-ied~{c.theirs[0].uid.split('~')[1]}"]
    assert sorted(e.fatalities for e in events_for_item(a, c.item_id)) == [1, 4]

    before = counts(a)
    assert import_jsonl(a, tmp_path / "b.jsonl").conflicts == []  # recognised: no new copy
    assert counts(a) == before

    resolve_conflict(a, c.id, "theirs", "ana")  # ours takes their coding, under our uid
    (ev,) = events_for_item(a, c.item_id)
    assert (ev.uid, ev.fatalities, ev.notes) == ("ev-segou-ied", 4,
                                                 "Four soldiers died in hospital.")
    # now both databases agree: exchanging again is quiet both ways
    export(a, None, "jsonl", tmp_path / "a2.jsonl")
    assert import_jsonl(b, tmp_path / "a2.jsonl").conflicts == []
    assert import_jsonl(a, tmp_path / "b.jsonl").conflicts == []
    decisions.undo(a, "ana")
    assert sorted(e.fatalities for e in events_for_item(a, c.item_id)) == [1, 4]


def test_an_older_version_of_our_event_is_not_a_conflict(a, tmp_path):
    export(a, None, "jsonl", tmp_path / "old.jsonl")
    b = open_store(tmp_path / "b.db")
    import_jsonl(b, tmp_path / "old.jsonl")
    export(b, None, "jsonl", tmp_path / "b.jsonl")
    segou = a.execute("SELECT id FROM events WHERE uid = 'ev-segou-ied'").fetchone()[0]
    update_event(a, segou, "ana", fatalities=2)
    r = import_jsonl(a, tmp_path / "b.jsonl")
    assert (r.events_older, r.conflicts) == (1, [])


def test_a_bad_line_stops_the_import_and_names_file_and_line(a, tmp_path):
    good = tmp_path / "a.jsonl"
    export(a, None, "jsonl", good)
    lines = good.read_text("utf-8").splitlines()
    b = open_store(tmp_path / "b.db")
    before = counts(b)
    cases = {
        "garbage": (b"\x89PNG\r\n\x1a\n\x00\x00binary", "line 1: not UTF-8"),
        "not json": ((lines[0] + "\n{oops\n").encode(), "line 2: not JSON"),
        "csv": (b"event_id_cnty,event_date\nMLI1,2026-10-01\n", "line 1: not JSON"),
        "other json": (b'{"type": "FeatureCollection"}\n', 'line 1: not a sahel-tui export'),
        "newer": (lines[0].replace('"version":1', '"version":9').encode(), "newer"),
        "bad value": (lines[0].replace('"time_precision":1', '"time_precision":7').encode(),
                      "line 1: event.time_precision must be one of"),
        "bad type": (lines[0].replace('"fatalities":12', '"fatalities":"twelve"').encode(),
                     "event.fatalities must be int"),
    }
    for name, (data, message) in cases.items():
        path = tmp_path / f"{name.replace(' ', '_')}.jsonl"
        path.write_bytes(data)
        with pytest.raises(ExchangeError) as exc:
            import_jsonl(b, path)
        assert str(path) in str(exc.value) and message in str(exc.value), (name, exc.value)
        assert counts(b) == before, name  # nothing written


def test_undoing_an_edit_of_an_imported_event_keeps_its_origin(a, tmp_path):
    export(a, None, "jsonl", tmp_path / "a.jsonl", coder="ana")
    b = open_store(tmp_path / "b.db")
    import_jsonl(b, tmp_path / "a.jsonl")
    eid = b.execute("SELECT id FROM events WHERE uid = 'ev-segou-ied'").fetchone()[0]
    update_event(b, eid, "bob", fatalities=9)
    decisions.undo(b, "bob")
    assert b.execute("SELECT origin_analyst FROM event_origins WHERE event_id = ?",
                     (eid,)).fetchone()[0] == "ana"
    # Bob's edit joins the imported history in his export
    export(b, None, "jsonl", tmp_path / "b.jsonl")
    line = next(json.loads(x) for x in (tmp_path / "b.jsonl").read_text("utf-8").splitlines()
                if '"ev-segou-ied"' in x)
    assert [h["op"] for h in line["history"]] == ["do", "do", "do", "undo"]
    assert line["provenance"]["origin"]["analyst"] == "ana"


def _schema(conn) -> list[tuple]:
    return sorted(tuple(r) for r in conn.execute("SELECT type, name, sql FROM sqlite_master"))


def test_imported_items_are_searchable_and_the_schema_is_unchanged(a, tmp_path, monkeypatch):
    export(a, None, "jsonl", tmp_path / "a.jsonl", coder="ana")
    b = open_store(tmp_path / "b.db")
    schema = _schema(b)
    import_jsonl(b, tmp_path / "a.jsonl")
    assert _schema(b) == schema  # the FTS trigger set aside for the bulk load is back
    q = parse("menaka")  # accents and case ignored, as for fetched items
    assert [r.title for r in views.page(b, q)] == [
        "Gunmen kill 12 soldiers near Ménaka in ambush claimed by EIGS"]
    # items added later by a fetch are indexed by the trigger again
    b.execute("BEGIN")
    store_entries(b, 1, [entry("later", "Attaque à Ménaka, suite", "2026-10-09T00:00:00Z")],
                  "2026-10-09T00:00:00Z")
    b.execute("COMMIT")
    assert len(views.page(b, q)) == 2
    # a failed import (after a first chunk with a new item went in) leaves it as it was too
    bad = tmp_path / "bad.jsonl"
    bad.write_text(export_line(a).replace("segou-ied", "segou-new") + "{broken\n", "utf-8")
    before = counts(b)
    monkeypatch.setattr(merge, "CHUNK", 1)
    with pytest.raises(ExchangeError, match="line 2"):
        import_jsonl(b, bad)
    assert _schema(b) == schema and counts(b) == before


def export_line(conn) -> str:
    import io

    buf = io.StringIO()
    export(conn, parse("Ségou"), "jsonl", buf)
    return buf.getvalue()


def test_one_event_twice_in_a_file_with_two_codings(a, tmp_path):
    line = export_line(a)
    other = line.replace('"fatalities":1,', '"fatalities":3,', 1)
    assert other != line
    path = tmp_path / "twice.jsonl"
    path.write_text(line + line + other, "utf-8")
    b = open_store(tmp_path / "b.db")
    r = import_jsonl(b, path)
    assert (r.events_added, r.events_unchanged, r.events_disputed) == (1, 1, 1)
    assert len(r.conflicts) == 1
    before = counts(b)
    import_jsonl(b, path)
    assert counts(b) == before


def test_full_article_travels_with_its_item(a, tmp_path):
    """The exchange carries an item's full article (sanitised again on the way in)."""
    target = a.execute("SELECT i.id FROM items i JOIN event_items ei ON ei.item_id = i.id "
                       "LIMIT 1").fetchone()[0]
    a.execute("UPDATE items SET article = ? WHERE id = ?",
              ("The whole article, with a word only it has: granaries.", target))
    lines = jsonl(a, tmp_path / "a.jsonl")
    carried = [it for line in lines for it in line["items"] if "article" in it]
    assert carried and carried[0]["article"].endswith("granaries.")
    raw = (tmp_path / "a.jsonl").read_text("utf-8").replace(
        "granaries.", "granaries.\\u001b[2J")  # hostile bytes in a file from elsewhere
    (tmp_path / "evil.jsonl").write_text(raw, "utf-8")
    b = open_store(tmp_path / "b.db")
    import_jsonl(b, tmp_path / "evil.jsonl", coder="bob")
    (article,) = b.execute("SELECT article FROM items WHERE article IS NOT NULL").fetchone()
    assert article == "The whole article, with a word only it has: granaries."
    assert b.execute("SELECT count(*) FROM items_fts WHERE items_fts MATCH 'granaries'"
                     ).fetchone()[0] == 1
    assert b.execute("SELECT count(*) FROM items WHERE article IS NULL").fetchone()[0] == 3
    # the reading list carries it too
    export(a, None, "jsonl", tmp_path / "items.jsonl", items=True, coder="ana")
    listed = [json.loads(x)["item"] for x in (tmp_path / "items.jsonl").read_text().splitlines()]
    assert [it["id"] for it in listed if "article" in it] == [target]
