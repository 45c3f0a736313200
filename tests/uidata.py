"""A small, fixed database for the UI tests: synthetic items in the style of Sahel reporting."""

from __future__ import annotations

from pathlib import Path

from sahel_tui.config import Config, FeedConfig, Settings
from sahel_tui.ingest.normalize import Entry
from sahel_tui.store import open_store
from sahel_tui.store.feeds import sync_feeds
from sahel_tui.store.items import store_entries

FEEDS = [
    FeedConfig("file:///fixtures/wire.xml", "Sahel Wire", ("wire", "mali"), "en", "B"),
    FeedConfig("file:///fixtures/quotidien.xml", "Le Quotidien de Bamako", ("national", "mali"), "fr", "C"),
    FeedConfig("file:///fixtures/lakechad.xml", "Lake Chad Monitor", ("security", "nigeria"), "en", "C"),
]

TITLES = [
    ("Gunmen kill 12 soldiers near Ménaka in ambush claimed by EIGS", 0),
    ("Des jihadistes du JNIM attaquent un poste des FAMa à Boni", 1),
    ("ISWAP fighters raid military base in Monguno, Borno State", 2),
    ("Floods displace thousands in Niamey as Niger river rises", 0),
    ("Attaque contre des civils à Djibo: au moins 15 morts", 1),
    ("Nigerian troops rescue 30 abducted villagers in Zamfara", 2),
    ("Wagner / Africa Corps convoy hit by IED near Tessalit", 0),
    ("Le gouvernement malien annonce un nouveau budget", 1),
    ("Bandits abduct worshippers in Katsina mosque attack", 2),
    ("Drone strike kills JNIM commander near Gao", 0),
    ("Marché de Mopti: les prix du mil en hausse", 1),
    ("Boko Haram attack on Gwoza leaves 8 civilians dead", 2),
]


def entries_for(feed_index: int, n_repeat: int = 1) -> list[Entry]:
    out = []
    for rep in range(n_repeat):
        for i, (title, fi) in enumerate(TITLES):
            if fi != feed_index:
                continue
            k = rep * len(TITLES) + i
            day = 1 + (k % 28)
            hour = 6 + (k % 12)
            text = (f"{title}. Local sources said the incident happened on Sunday. "
                    f"Residents described the situation as tense. Item number {k}.")
            out.append(Entry(
                keys=[f"g:https://example.org/{feed_index}/{k}"], guid=f"https://example.org/{feed_index}/{k}",
                link=f"https://example.org/{feed_index}/{k}", canonical_link=f"https://example.org/{feed_index}/{k}",
                title=title if rep == 0 else f"{title} (update {rep})", author=None,
                published=f"2026-10-{day:02d}T{hour:02d}:00:00Z", published_guessed=False,
                text=text, raw_html=f"<p>{text}</p>", content_hash=f"h{feed_index}-{k}",
                language=None,
            ))
    return out


def make_db(path: Path, n_repeat: int = 1) -> Config:
    """A database with the fixture items, and a Config pointing at it."""
    config = Config(path=None, settings=Settings(database=path), feeds=list(FEEDS),
                    queries={"Mali": "tag:mali", "Broken": "status:"}, keys={})
    conn = open_store(path)
    rows = sync_feeds(conn, FEEDS)
    conn.execute("BEGIN")
    for i, row in enumerate(rows):
        store_entries(conn, row.id, entries_for(i, n_repeat), "2026-10-30T00:00:00Z")
    conn.execute("COMMIT")
    conn.close()
    return config
