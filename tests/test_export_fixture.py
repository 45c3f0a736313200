"""The exchange fixture: a small database with every awkward value an export must survive.

Commas, quotes and newlines in notes; accents (Ménaka, Ségou, N'Djamena); a missing admin2;
uncertain attribution 'A and/or B'; several associated actors; an event without
coordinates; two events on one item; an item carried by two feeds (one with a comma in its
name); a removed event; an edited event (two history entries); an uncoded and a dismissed
item. Clock and uids are fixed, so exports can be compared with golden files.
"""

from __future__ import annotations

import contextlib
import itertools
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest import mock

from sahel_tui import paths
from sahel_tui.config import FeedConfig
from sahel_tui.ingest.normalize import Entry
from sahel_tui.store import decisions, open_store
from sahel_tui.store.events import Event, add_events, remove_event, update_event
from sahel_tui.store.feeds import sync_feeds
from sahel_tui.store.items import store_entries
from sahel_tui.vocab import append_actor, load_vocab

FEEDS = [
    FeedConfig("file:///fixtures/wire.xml", "Sahel Wire", ("wire", "mali"), "en", "B"),
    FeedConfig("file:///fixtures/quotidien.xml", "Le Quotidien de Bamako",
               ("national-daily", "mali"), "fr", "C"),
    FeedConfig("file:///fixtures/menaka.xml", "Radio Ménaka, édition locale",
               ("local-reporter", "mali"), "fr", "D"),
    FeedConfig("file:///fixtures/lakechad.xml", "Lake Chad Monitor",
               ("think-tank", "nigeria", "chad"), "en", "B"),
]

# (feeds carrying it, key, title, published)
ITEMS = [
    ((0, 2), "menaka-ambush", "Gunmen kill 12 soldiers near Ménaka in ambush claimed by EIGS",
     "2026-10-01T09:00:00Z"),
    ((1,), "segou-ied", "Ségou : un convoi des FAMa touché par un engin explosif",
     "2026-10-02T07:30:00Z"),
    ((3,), "maiduguri-protest", "Traders protest fuel prices in Maiduguri, Borno State",
     "2026-10-03T12:00:00Z"),
    ((3,), "ndjamena-arrests", "Arrests in N'Djamena after \"plot\" claims",
     "2026-10-04T16:45:00Z"),
    ((0,), "niamey-floods", "Floods displace thousands in Niamey as Niger river rises",
     "2026-10-05T08:00:00Z"),
    ((1,), "mopti-prices", "Marché de Mopti : les prix du mil en hausse",
     "2026-10-06T10:00:00Z"),
]


def entry(key: str, title: str, published: str) -> Entry:
    link = f"https://news.example.org/{key}?utm_source=rss"
    canonical = f"https://news.example.org/{key}"
    text = f"{title}. Local sources, reached by phone, described the situation as tense."
    return Entry(keys=[f"g:urn:fixture:{key}", f"l:{canonical}"], guid=f"urn:fixture:{key}",
                 link=link, canonical_link=canonical, title=title, author=None,
                 published=published, published_guessed=False, text=text,
                 raw_html=f"<p>{text}</p>", content_hash=f"h-{key}", language=None)


class Clock:
    """now_iso for the store: one minute later at every call."""

    def __init__(self, start: str = "2026-10-30T10:00:00Z") -> None:
        self.t = datetime.fromisoformat(start.replace("Z", "+00:00"))
        self.steps = itertools.count()

    def __call__(self) -> str:
        return (self.t + timedelta(minutes=next(self.steps))).astimezone(UTC).strftime(
            "%Y-%m-%dT%H:%M:%SZ")


@contextlib.contextmanager
def fixed_clock(start: str = "2026-10-30T10:00:00Z"):
    clock = Clock(start)
    with mock.patch("sahel_tui.store.decisions.now_iso", clock), \
            mock.patch("sahel_tui.store.events.now_iso", clock):
        yield clock


def base_db(path: Path, feeds=FEEDS, items=ITEMS):
    """Feeds and items, no events. Returns the open connection."""
    conn = open_store(path)
    rows = sync_feeds(conn, feeds)
    conn.execute("BEGIN")
    for fi, row in enumerate(rows):
        entries = [entry(k, t, p) for carriers, k, t, p in items if fi in carriers]
        store_entries(conn, row.id, entries, "2026-10-07T00:00:00Z")
    conn.execute("COMMIT")
    return conn


def item_id(conn, key: str) -> int:
    return conn.execute("SELECT item_id FROM item_keys WHERE key = ?",
                        (f"g:urn:fixture:{key}",)).fetchone()[0]


def battle(**kw) -> Event:
    base = dict(
        uid="ev-menaka-ambush", event_date="2026-10-01", event_type="Battles",
        sub_event_type="Armed clash", disorder_type="Political violence",
        actor1="Islamic State Sahel Province", inter1="Rebel group",
        actor2="Military Forces of Mali", inter2="State forces",
        assoc_actor_2=["Wagner Group / Africa Corps (Russia)", "VDP, volunteers"],
        country="Mali", admin1="Ménaka", location="Ménaka",
        latitude=15.91823, longitude=2.40221, fatalities=12, fatalities_best=14,
        fatalities_high=20, reliability="B", credibility=2, confidence="moderate",
        notes='ISSP militants ambushed a FAMa patrol near Ménaka, killing "at least 12" '
              'soldiers,\nincluding 2 VDP; the army said 8.',
        tags="ambush")
    base.update(kw)
    return Event(**base)


def analyst_actors() -> None:
    """The actor the fixture's analyst added to their vocabulary (actors.toml in the test's
    config folder): an associated actor of the ambush, defined in the JSONL export."""
    if load_vocab(paths.user_config_dir()).actor("VDP, volunteers") is None:
        append_actor(paths.user_config_dir(), name="VDP, volunteers", type="Political militia",
                     country="BF")


def build(path: Path, coder: str = "ana") -> dict[str, int]:
    """The fixture database at ``path``. Returns item ids by key (and 'removed': an event)."""
    analyst_actors()
    with fixed_clock():
        conn = base_db(path)
        ids = {k: item_id(conn, k) for _, k, _, _ in ITEMS}
        add_events(conn, ids["menaka-ambush"], [
            battle(),
            Event(uid="ev-inekar-civilians", event_date="2026-10-01",
                  event_type="Violence against civilians", sub_event_type="Attack",
                  disorder_type="Political violence",
                  actor1="JNIM: Group for Support of Islam and Muslims and/or Islamic State "
                         "Sahel Province",
                  inter1="Rebel group", actor2="Civilians (Mali)", inter2="Civilians",
                  civilian_targeting=True, country="Mali", admin1="Ménaka", admin2="Ménaka",
                  location="Inékar", geo_precision=2, fatalities=3, reliability=None,
                  credibility=3, confidence="low",
                  notes="Three herders killed near Inékar; attribution unclear."),
        ], coder)
        (ied,) = add_events(conn, ids["segou-ied"], [Event(
            uid="ev-segou-ied", event_date="2026-10-02", time_precision=2,
            event_type="Explosions/Remote violence",
            sub_event_type="Remote explosive/landmine/IED", disorder_type="Political violence",
            actor1="JNIM: Group for Support of Islam and Muslims", inter1="Rebel group",
            assoc_actor_1=["Katiba Macina", "Ansar Dine"], actor2="Military Forces of Mali",
            inter2="State forces", country="Mali", admin1="Ségou", admin2="Ségou",
            location="Ségou", latitude=13.4317, longitude=-6.2157, geo_precision=2,
            fatalities=0, reliability="C", credibility=3, confidence="low",
            notes="Convoi touché à 40 km de Ségou ; « pas de victimes », selon l'armée.",
            tags="convoy; IED")], coder)
        update_event(conn, ied, coder, fatalities=1, fatalities_best=1, fatalities_high=2)
        add_events(conn, ids["maiduguri-protest"], [Event(
            uid="ev-maiduguri-protest", event_date="2026-10-03", event_type="Protests",
            sub_event_type="Peaceful protest", disorder_type="Demonstrations",
            actor1="Protesters (Nigeria)", inter1="Protesters", country="Nigeria",
            admin1="Borno", admin2="Maiduguri", location="Maiduguri", latitude=11.8333,
            longitude=13.15, fatalities=0, reliability="B", credibility=1,
            confidence="high", notes="Traders marched against fuel prices.")], coder)
        (removed,) = add_events(conn, ids["ndjamena-arrests"], [Event(
            uid="ev-removed", event_date="2026-10-04", event_type="Strategic developments",
            sub_event_type="Other", country="Chad", location="N'Djamena")], coder)
        remove_event(conn, removed, coder)
        add_events(conn, ids["ndjamena-arrests"], [Event(
            uid="ev-ndjamena-arrests", event_date="2026-10-04",
            event_type="Strategic developments", sub_event_type="Arrests",
            disorder_type="Strategic developments", actor1="Military Forces of Chad",
            inter1="State forces", actor2="Civilians (Chad)", inter2="Civilians",
            country="Chad", admin1="N'Djamena", location="N'Djamena", latitude=12.1067,
            longitude=15.0444, geo_precision=1, fatalities=0, reliability="C",
            credibility=2, confidence="moderate",
            notes='Police arrested 5 people over an alleged "plot"; one said: ""we are '
                  'traders"".')], coder)
        decisions.set_status(conn, [ids["mopti-prices"]], "dismissed", coder)
    conn.close()
    ids["removed"] = removed
    return ids


def exported_lines(folder: Path) -> list[dict]:
    """The fixture built in ``folder/a.db`` and exported by ana as JSONL, one dict a line."""
    from sahel_tui.exchange.export import export

    build(folder / "a.db")
    a = open_store(folder / "a.db")
    export(a, None, "jsonl", folder / "a.jsonl", coder="ana")
    a.close()
    return [json.loads(x) for x in (folder / "a.jsonl").read_text("utf-8").splitlines()]


def write_lines(path: Path, lines: list[dict]) -> Path:
    """``lines`` as a JSONL file at ``path``."""
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    return path


def test_fixture_builds_with_the_awkward_cases(tmp_path):
    ids = build(tmp_path / "f.db")
    conn = open_store(tmp_path / "f.db")
    live = conn.execute("SELECT count(*) FROM events WHERE deleted = 0").fetchone()[0]
    assert live == 5
    assert conn.execute("SELECT count(*) FROM item_feeds WHERE item_id = ?",
                        (ids["menaka-ambush"],)).fetchone()[0] == 2
    assert conn.execute("SELECT deleted FROM events WHERE id = ?",
                        (ids["removed"],)).fetchone()[0] == 1


def test_fixture_is_deterministic(tmp_path):
    build(tmp_path / "a.db")
    build(tmp_path / "b.db")
    dump = []
    for name in ("a.db", "b.db"):
        conn = open_store(tmp_path / name)
        dump.append([tuple(r) for r in conn.execute(
            "SELECT uid, coded_at, updated_at FROM events ORDER BY id")])
        dump[-1] += [tuple(r) for r in conn.execute("SELECT at, before, after FROM decisions")]
        conn.close()
    assert dump[0] == dump[1]
