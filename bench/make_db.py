"""Generate a realistic sahel-tui database for benchmarks.

    .venv/bin/python bench/make_db.py --items N --out PATH [--seed S] [--feeds F]
                                      [--coded-fraction X] [--jobs J] [--end YYYY-MM-DD] [--no-events]
                                      [--force]

The schema is the app's own: the file is created with sahel_tui.store.open_store (all
migrations), then filled in one transaction:

  feeds       ~120 outlets (wire agencies, national papers, local reporters, think tanks, UN
              and NGO updates) with tags, language, reliability; a few failing or dead
  items       N stories from 2020-12 to --end (denser in recent years), English and French,
              300-3000 characters, Sahel security vocabulary mixed with ordinary news
              (bench/_text.py), raw_html for about half; ids in first-seen order
  item_keys   g:<guid> and l:<canonical link> for each item (and the second feed's keys)
  item_feeds  one row per carrying feed, about 5% of items carried by two
  status      --coded-fraction (default 0.7) of the items older than 30 days are triaged
              (~75% dismissed, ~20% coded, ~5% flagged); recent items mostly 'new'
  decisions   'do' rows (coder 'bench') for a sample of the triage batches
  events      ACLED-shaped events for the coded items (about 1.6 per item: >100k for 500k
              items), with vocabulary actors, places and types, dyads and co-located
              events, linked through event_items (bench/_events.py; --no-events skips them).
              They come from a separate random stream: the items are the same either way

For speed the three items_fts_* triggers are dropped during the load and recreated from
their stored SQL afterwards, the index being built once with the FTS5 'rebuild' command;
journal_mode=MEMORY, synchronous=OFF, foreign_keys=OFF and a large cache are used while
loading, then ANALYZE, PRAGMA optimize, and the app's pragmas (WAL, NORMAL, FKs on) are
restored. PRAGMA foreign_key_check runs at the end.

Every 10,000-item chunk has its own random stream, so the file is byte-for-byte the same
for a given seed and --end, whatever --jobs is (--jobs J makes the text in J worker
processes; on 2 CPUs that is slower than the default, 0, as shipping rows costs more than
making them).

Progress goes to stderr; the last line on stdout is: items, feeds, file size, seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import multiprocessing
import random
import sqlite3
import sys
import time
from collections import deque
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _events
import _text

from sahel_tui.store import open_store

CHUNK = 10_000
START = datetime(2020, 12, 1, tzinfo=UTC)
RECENT_DAYS = 30
STATUS_MIX = (("dismissed", 0.75), ("coded", 0.20), ("flagged", 0.05))
DECISION_SAMPLE = {"dismissed": 0.25, "coded": 0.6, "flagged": 1.0}
FTS_TRIGGERS = ("items_fts_ai", "items_fts_ad", "items_fts_au")


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def iso(ts: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


# --- feeds -----------------------------------------------------------------------------------

# type: (share of feeds, volume weight, kinds {kind: weight}, share of full-text feeds, reliability)
# A full-text feed sends whole articles (~1500 characters, up to 3000), the others summaries
# (300-500 characters).
FEED_TYPES = {
    "wire": (0.10, 5.0, {"security": 50, "politics": 25, "humanitarian": 12, "general": 13},
             0.05, "BBBC"),
    "national": (0.37, 2.0, {"security": 35, "politics": 25, "humanitarian": 12, "general": 28},
                 0.08, "BCCCDD"),
    "local": (0.21, 0.7, {"security": 60, "humanitarian": 20, "politics": 10, "general": 10},
              0.15, "CDEEF"),
    "think-tank": (0.10, 0.3, {"analysis": 70, "security": 20, "politics": 10}, 0.8, "BBC"),
    "un": (0.13, 0.6, {"humanitarian": 85, "security": 15}, 0.4, "AABB"),
    "ngo": (0.09, 0.3, {"humanitarian": 75, "security": 20, "analysis": 5}, 0.3, "BBC"),
}
SUMMARY_LENGTH = (330, 0.35)  # lognormal median, sigma; clipped to 300-3000
FULL_LENGTH = (1500, 0.45)

FOCUS_WEIGHTS = {"mali": 26, "burkina-faso": 20, "niger": 18, "nigeria": 14, "lake-chad": 10,
                 "regional": 12}
FOCUS_TAGS = {"mali": ["mali"], "niger": ["niger"], "burkina-faso": ["burkina-faso"],
              "nigeria": ["nigeria"], "lake-chad": ["lake-chad", "chad"], "regional": []}
COUNTRY_EN = {"mali": "Mali", "niger": "Niger", "burkina-faso": "Burkina Faso",
              "nigeria": "Nigeria", "lake-chad": "Chad", "regional": "Sahel"}
COUNTRY_FR = {"mali": "Mali", "niger": "Niger", "burkina-faso": "Burkina", "nigeria": "Nigeria",
              "lake-chad": "Tchad", "regional": "Sahel"}
CITY = {"mali": ["Bamako", "Gao", "Mopti", "Tombouctou", "Ségou", "Ménaka", "Kidal", "Sévaré"],
        "niger": ["Niamey", "Tillabéri", "Tahoua", "Zinder", "Maradi", "Diffa", "Agadez"],
        "burkina-faso": ["Ouagadougou", "Djibo", "Dori", "Kaya", "Ouahigouya", "Fada N'Gourma",
                         "Bobo-Dioulasso"],
        "nigeria": ["Maiduguri", "Kano", "Kaduna", "Sokoto", "Gusau", "Yola", "Damaturu"],
        "lake-chad": ["N'Djamena", "Bol", "Kousseri", "Maroua", "Baga Sola", "Mao"],
        "regional": ["Sahel", "Liptako", "Gourma", "Azawad", "Kanem", "Macina"]}
FR_PAPERS = ["Le Quotidien de {c}", "L'Écho de {c}", "{c} Matin", "La Voix de {c}",
             "Le Républicain de {c}", "Le Phare de {c}", "Journal de {c}", "Radio {c} FM",
             "{c} Info", "L'Indépendant de {c}", "Le Courrier de {c}", "La Gazette de {c}"]
EN_PAPERS = ["The {c} Daily Monitor", "The {c} Herald", "{c} Express", "The {c} Post",
             "{c} Radio News", "The {c} Tribune", "{c} Today", "The {c} Observer"]
WIRES = [("fr", "Agence Sahélienne d'Information", "regional"),
         ("fr", "Agence Liptako Presse", "burkina-faso"),
         ("fr", "Agence Tchadienne de Nouvelles", "lake-chad"),
         ("fr", "Agence Malienne d'Actualités", "mali"),
         ("fr", "Agence Burkinabè des Nouvelles", "burkina-faso"),
         ("fr", "Agence Niger Dépêches", "niger"), ("fr", "Agence Kanem Presse", "lake-chad"),
         ("fr", "Agence Sahel Express", "regional"),
         ("fr", "Agence Ouest-Africaine de Presse", "regional"), ("en", "Sahel Wire", "regional"),
         ("en", "West Africa Newswire", "regional"), ("en", "Lake Chad News Agency", "lake-chad"),
         ("en", "Borno Wire Service", "nigeria"),
         ("en", "Northern Nigeria Press Agency", "nigeria"),
         ("en", "Trans-Saharan Wire", "regional")]
THINK_TANKS = [("fr", "Centre d'Études Stratégiques du Sahel"), ("fr", "Institut Liptako-Gourma"),
               ("en", "Sahel Security Observatory"), ("en", "Lake Chad Research Network"),
               ("fr", "Observatoire des Conflits au Sahel"),
               ("en", "Centre for Democracy and Security Studies"), ("en", "Sahel Policy Brief"),
               ("en", "Institute for Sahel Security Studies"),
               ("fr", "Groupe de Recherche sur la Paix et la Sécurité"),
               ("en", "West Africa Conflict Monitor"), ("fr", "Fondation Tombouctou"),
               ("en", "Borderlands Analysis Unit"), ("fr", "Cercle d'Analyse du Gourma"),
               ("en", "Armed Groups Research Project")]
UN_NAMES = ["OCHA {C} – Situation updates", "UNHCR {C} operational updates",
            "WFP {C} country brief", "UNICEF {C} humanitarian situation report",
            "IOM DTM {C}", "UN News – {C}", "FAO {C} food security bulletin"]
NGO_NAMES = ["MSF – {C}", "ICRC {C} news", "NRC {C}", "Save the Children {C}",
             "Human Rights Watch – {C}", "Amnesty International – {C}", "Oxfam {C}",
             "Action contre la Faim – {C}", "Alima – {C}"]
LOCAL_FR = ["Carnets de {a} à {c}", "Blog de {a}", "{a} (correspondant, {c})",
            "Chroniques de {c}", "Les notes de {a}", "{c} Citoyen"]
LOCAL_EN = ["{a} (reporter, {c})", "Notes from {c}", "{c} Citizen Reporter",
            "{a} – field notes", "Dispatches from {c}"]
ERRORS = [(404, "HTTP 404 Not Found"), (0, "timed out after 60 s"),
          (0, "SSL: certificate verify failed (hostname mismatch)"),
          (200, "not a feed: the server sent text/html"), (503, "HTTP 503 Service Unavailable"),
          (0, "name or service not known"), (500, "HTTP 500 Internal Server Error")]


def make_feeds(n: int, rng: random.Random, end: datetime) -> list[dict]:
    """``n`` feeds with plausible names, tags and fetch state. Deterministic for ``rng``."""
    types = list(FEED_TYPES)
    counts = {t: max(1, round(n * FEED_TYPES[t][0])) for t in types}
    while sum(counts.values()) > n and counts["national"] > 1:
        counts["national"] -= 1
    counts["national"] += n - sum(counts.values())
    foci, fw = list(FOCUS_WEIGHTS), list(FOCUS_WEIGHTS.values())
    feeds: list[dict] = []
    names: set[str] = set()
    slugs: set[str] = set()
    wires = list(WIRES)
    rng.shuffle(wires)
    tanks = list(THINK_TANKS)
    rng.shuffle(tanks)
    for ftype in types:
        for k in range(counts[ftype]):
            for attempt in range(1000):
                focus = rng.choices(foci, fw)[0]
                lang = "en" if focus in ("nigeria",) or (focus == "lake-chad" and rng.random() < 0.4) \
                    else ("fr" if rng.random() < 0.85 else "en")
                city = rng.choice(CITY[focus])
                if ftype == "wire":
                    lang, name, focus = wires[k % len(wires)]
                    if k >= len(wires):
                        name = f"{name} ({COUNTRY_FR[focus] if lang == 'fr' else COUNTRY_EN[focus]})"
                    if attempt:
                        name += f" {attempt + 1}"
                elif ftype == "national":
                    name = rng.choice(FR_PAPERS if lang == "fr" else EN_PAPERS).format(c=city)
                elif ftype == "local":
                    author = rng.choice(_text.AUTHORS[:25])
                    name = rng.choice(LOCAL_FR if lang == "fr" else LOCAL_EN).format(a=author, c=city)
                elif ftype == "think-tank":
                    lang, name = tanks[k % len(tanks)]
                    if k >= len(tanks) or attempt:
                        name += f" – {COUNTRY_EN[focus]}"
                    focus = rng.choice(["regional", "regional", focus])
                elif ftype == "un":
                    c = COUNTRY_FR[focus] if lang == "fr" else COUNTRY_EN[focus]
                    name = rng.choice(UN_NAMES).format(C=c)
                else:
                    c = COUNTRY_FR[focus] if lang == "fr" else COUNTRY_EN[focus]
                    name = rng.choice(NGO_NAMES).format(C=c)
                if name not in names:
                    break
            else:
                name = f"{name} #{k}"
            names.add(name)
            _, volume, kinds, full, rel = FEED_TYPES[ftype]
            tags = [ftype if ftype != "local" else "security"]
            if ftype in ("national", "wire") and rng.random() < 0.3:
                tags.append("security")
            tags += FOCUS_TAGS[focus]
            if focus == "regional" and rng.random() < 0.5:
                tags += rng.sample(["mali", "niger", "burkina-faso"], 2)
            tags.append(lang)
            tags = list(dict.fromkeys(tags))
            if "security" in tags and ftype in ("national", "wire"):
                kinds = {**kinds, "security": kinds["security"] * 2}
            slug = base = _text.slugify(name, 3)
            while slug in slugs:
                slug = f"{base}-{len(slugs) % 97 + 2}" if slug == base else slug + "x"
            slugs.add(slug)
            domain = f"www.{slug}.example" if rng.random() < 0.7 else f"{slug}.example"
            path = rng.choice(["/feed/", "/rss.xml", "/fr/rss", "/feeds/all.atom.xml", "/?feed=rss2"])
            url = f"https://{domain}{path}"
            config_url = url if rng.random() > 0.05 else f"http://{slug}.example{path}"
            start = START
            if rng.random() < 0.25:
                start = START + timedelta(days=rng.uniform(60, (end - START).days - 200))
            feeds.append({
                "id": len(feeds) + 1, "url": url, "config_url": config_url, "name": name,
                "title": name + (" – Actualités" if lang == "fr" else " – Latest"),
                "site_url": f"https://{domain}/", "tags": json.dumps(tags), "language": lang,
                "reliability": rng.choice(rel), "type": ftype, "focus": focus,
                "domain": domain, "volume": volume * rng.lognormvariate(0, 0.6),
                "kinds": (list(kinds), list(kinds.values())),
                "length": FULL_LENGTH if rng.random() < full else SUMMARY_LENGTH,
                "style": rng.randrange(3), "utm": rng.random() < 0.3,
                "authors": rng.random() < 0.6, "start": start.timestamp(),
                "end": end.timestamp() + 86400,
            })
    # fetch state: most fine, a few failing, one gone for good, a couple disabled
    end_ts = end.timestamp()
    for f in feeds:
        f.update(enabled=1, etag=None, last_modified=None, body_hash=None, last_status=200,
                 last_error=None, error_count=0, dead=0, next_due_at=None)
        f["last_fetch_at"] = f["last_ok_at"] = iso(end_ts - rng.uniform(60, 3600))
        if rng.random() < 0.5:
            f["etag"] = '"' + hashlib.md5(f["url"].encode()).hexdigest()[:16] + '"'
        if rng.random() < 0.4:
            f["last_modified"] = time.strftime("%a, %d %b %Y %H:%M:%S GMT",
                                               time.gmtime(end_ts - rng.uniform(600, 86400)))
        f["body_hash"] = hashlib.sha1(f["url"].encode()).hexdigest()
    pick = rng.sample(range(len(feeds)), min(len(feeds), 9))
    for j, i in enumerate(pick[:6]):  # failing now
        f = feeds[i]
        f["last_status"], f["last_error"] = ERRORS[j % len(ERRORS)]
        f["error_count"] = rng.randint(1, 40)
        f["last_ok_at"] = iso(end_ts - rng.uniform(2, 60) * 86400)
        f["next_due_at"] = iso(end_ts + rng.uniform(600, 7200))
    if len(pick) > 6:  # gone: stopped publishing long ago
        f = feeds[pick[6]]
        f.update(last_status=410, last_error="HTTP 410 Gone", dead=1, error_count=12)
        gone = end_ts - rng.uniform(200, 500) * 86400
        f["end"], f["last_ok_at"] = gone, iso(gone)
    for i in pick[7:]:
        feeds[i]["enabled"] = 0
    return feeds


# --- timestamps ------------------------------------------------------------------------------

HOUR_WEIGHTS = [1, 1, 1, 1, 2, 3, 5, 7, 9, 10, 10, 10, 9, 9, 9, 8, 8, 7, 6, 5, 4, 3, 2, 1]


def make_times(n: int, rng: random.Random, end: datetime) -> list[tuple[int, int]]:
    """(published, first_seen) epoch seconds, sorted by first_seen: the order rows get ids.
    Density grows ~3.3x from the first year to the last; more items in daytime UTC."""
    t0, span = START.timestamp(), end.timestamp() - START.timestamp()
    k = 1.2
    ek = math.expm1(k)
    hours = list(range(24))
    cum = [sum(HOUR_WEIGHTS[: i + 1]) for i in range(24)]
    out = []
    end_ts = int(end.timestamp())
    for _ in range(n):
        x = math.log1p(rng.random() * ek) / k
        day = int((t0 + x * span) // 86400)
        hour = rng.choices(hours, cum_weights=cum)[0]
        pub = min(day * 86400 + hour * 3600 + int(rng.random() * 3600), end_ts - 120)
        r = rng.random()
        if r < 0.70:
            delay = rng.uniform(120, 3600)
        elif r < 0.96:
            delay = rng.uniform(3600, 12 * 3600)
        else:
            delay = rng.uniform(86400, 20 * 86400)  # picked up late (feed added, backfill)
        out.append((pub, min(end_ts, int(pub + delay))))
    out.sort(key=lambda p: (p[1], p[0]))
    return out


# --- one chunk of items (runs in a worker) ---------------------------------------------------

_W: dict = {}


def _init_worker(feeds: list[dict], seed: int, end_ts: float, coded_fraction: float,
                 events: bool = True) -> None:
    _W["events"] = _events.EventGen() if events else None
    _W["feeds"] = feeds
    _W["seed"] = seed
    _W["end"] = end_ts
    _W["coded_fraction"] = coded_fraction
    _W["gen"] = _text.TextGen(seed)
    # active feeds and their cumulative volume, per calendar year
    years = {}
    for y in range(START.year, datetime.fromtimestamp(end_ts, UTC).year + 1):
        y0 = datetime(y, 1, 1, tzinfo=UTC).timestamp()
        y1 = datetime(y + 1, 1, 1, tzinfo=UTC).timestamp()
        act = [f for f in feeds if f["start"] < y1 and f["end"] > y0]
        cum, s = [], 0.0
        for f in act:
            s += f["volume"]
            cum.append(s)
        years[y] = (act, cum)
    _W["years"] = years


def _article_url(f: dict, item_id: int, slug: str, pub: float) -> tuple[str, str, str]:
    """(guid, link, canonical link) of an item as feed ``f`` would publish it."""
    d = f["domain"]
    if f["style"] == 0:
        canon = f"https://{d}/{time.strftime('%Y/%m/%d', time.gmtime(pub))}/{slug}-{item_id}/"
        guid = f"https://{d}/?p={item_id}"
    elif f["style"] == 1:
        section = "securite" if f["language"] == "fr" else "security"
        canon = f"https://{d}/{section}/{slug}-{item_id}.html"
        guid = canon
    else:
        canon = f"https://{d}/news/{item_id}"
        guid = canon
    link = canon + "?utm_source=rss&utm_medium=feed" if f["utm"] else canon
    return guid, link, canon


def make_chunk(task: tuple[int, int, list[tuple[int, int]]]) -> dict:
    index, first_id, times = task
    rng = random.Random(f"chunk:{_W['seed']}:{index}")
    gen: _text.TextGen = _W["gen"]
    years, end = _W["years"], _W["end"]
    coded_fraction = _W["coded_fraction"]
    recent = end - RECENT_DAYS * 86400
    statuses, status_w = [s for s, _ in STATUS_MIX], [w for _, w in STATUS_MIX]
    items, keys, links, decisions = [], [], [], []
    coded = []  # (item id, published, focus, title + text, reliability, status_at)
    batch = None  # [decision batch number (0: not logged), status, room left, at]
    nbatch = 0  # decision batches so far, numbered from 1 within the chunk
    sha1 = hashlib.sha1
    for j, (pub, seen) in enumerate(times):
        item_id = first_id + j
        act, cum = years[time.gmtime(pub).tm_year]
        f = rng.choices(act, cum_weights=cum)[0]
        lang, focus = f["language"], f["focus"]
        if focus == "regional" or rng.random() < 0.08:
            focus = rng.choice(_text.FOCI) if rng.random() < 0.5 else focus
        kind = rng.choices(*f["kinds"])[0]
        title = gen.title(rng, lang, focus, kind)
        dateline = ""
        if kind != "analysis" and f["type"] in ("wire", "national") and rng.random() < 0.5:
            place = gen.vocab[(lang, focus)].places.pick(rng)
            dateline = f"{place.upper()}, {time.strftime('%d/%m/%Y', time.gmtime(pub))} – "
        median, sigma = f["length"]
        length = min(3000, max(300, int(median * rng.lognormvariate(0, sigma))))
        text, paragraphs = gen.body(rng, lang, focus, kind, length - len(dateline),
                                    3000 - len(dateline))
        if dateline:
            text = dateline + text
            paragraphs[0] = dateline + paragraphs[0]
        raw_html = ("<p>" + "</p>\n<p>".join(paragraphs) + "</p>") if rng.random() < 0.5 else None
        slug = _text.slugify(title, 6)
        guid, link, canon = _article_url(f, item_id, slug, pub)
        guessed = 1 if rng.random() < 0.005 else 0
        published = iso(seen if guessed else pub)
        first_seen = iso(seen)
        updated = first_seen if rng.random() > 0.08 else iso(min(end, seen + rng.uniform(600, 6 * 3600)))
        author = gen.author(rng) if f["authors"] else None
        content_hash = sha1(f"{title}\x00{text}".encode()).hexdigest()
        # triage
        status, status_at = "new", None
        p = coded_fraction if pub < recent else coded_fraction * 0.5 * ((end - pub) / (end - recent)) ** 2
        if rng.random() < p:
            status = rng.choices(statuses, status_w)[0]
            if batch is None or batch[1] != status or batch[2] <= 0 or batch[3] < seen:
                room = int(rng.expovariate(1 / 8)) + 1 if status == "dismissed" else rng.randint(1, 3)
                at = min(end, seen + 300 + rng.expovariate(1 / (2 * 86400)))
                logged = rng.random() < DECISION_SAMPLE[status]
                if logged:
                    nbatch += 1
                batch = [nbatch if logged else 0, status, room, at]
            batch[2] -= 1
            status_at = iso(batch[3])
            if batch[0]:
                decisions.append((batch[0], status_at, status, item_id, json.dumps(status)))
            if status == "coded":
                coded.append((item_id, pub, focus, f"{title}\n{text}", f["reliability"], status_at))
        items.append((item_id, "g:" + guid, f["id"], guid, link, canon, title, author, published,
                      guessed, text, raw_html, content_hash, lang, first_seen, updated, status,
                      status_at))
        keys.append(("g:" + guid, item_id))
        keys.append(("l:" + canon, item_id))
        links.append((item_id, f["id"], link, first_seen))
        if rng.random() < 0.05:  # a second feed carries the same story
            for _ in range(5):
                g = rng.choices(act, cum_weights=cum)[0]
                if g["id"] != f["id"]:
                    break
            if g["id"] != f["id"]:
                guid2, link2, canon2 = _article_url(g, item_id, slug, pub)
                keys.append(("g:" + guid2, item_id))
                keys.append(("l:" + canon2, item_id))
                links.append((item_id, g["id"], link2, iso(min(end, seen + rng.uniform(60, 86400)))))
    keys.sort()
    events, event_items = ([], []) if _W["events"] is None else \
        _events.events_for_chunk(_W["events"], _W["seed"], index, coded)
    return {"index": index, "items": items, "keys": keys, "links": links,
            "decisions": decisions, "batches": nbatch, "events": events,
            "event_items": event_items}


# --- the load --------------------------------------------------------------------------------

INSERT_ITEM = """INSERT INTO items (id, uid, feed_id, guid, link, canonical_link, title, author,
    published, published_guessed, text, raw_html, content_hash, language, first_seen_at,
    updated_at, status, status_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
INSERT_KEY = "INSERT INTO item_keys (key, item_id) VALUES (?, ?)"
INSERT_LINK = "INSERT INTO item_feeds (item_id, feed_id, link, first_seen) VALUES (?, ?, ?, ?)"
INSERT_DECISION = """INSERT INTO decisions (batch, op, at, coder, action, item_id, target,
    before, after) VALUES (?, 'do', ?, 'bench', ?, ?, 'status', '"new"', ?)"""
INSERT_EVENT = (f"INSERT INTO events (id, {', '.join(_events.EVENT_COLUMNS)}) "
                f"VALUES ({', '.join('?' * (len(_events.EVENT_COLUMNS) + 1))})")
INSERT_EVENT_ITEM = "INSERT OR IGNORE INTO event_items (event_id, item_id) VALUES (?, ?)"
FEED_COLUMNS = ("id", "url", "config_url", "name", "title", "site_url", "tags", "language",
                "reliability", "enabled", "etag", "last_modified", "body_hash", "last_fetch_at",
                "last_ok_at", "last_status", "last_error", "next_due_at", "error_count", "dead")


def _chunks(n: int, times: list[tuple[int, int]]):
    for index, start in enumerate(range(0, n, CHUNK)):
        yield index, start + 1, times[start:start + CHUNK]


def _produce(tasks, jobs: int, initargs):
    """Chunks in order; with jobs > 0, made by worker processes a few chunks ahead."""
    if jobs <= 0:
        _init_worker(*initargs)
        for t in tasks:
            yield make_chunk(t)
        return
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods()
                                      else "spawn")
    with ctx.Pool(jobs, initializer=_init_worker, initargs=initargs) as pool:
        pending: deque = deque()
        tasks = iter(tasks)
        for t in tasks:
            pending.append(pool.apply_async(make_chunk, (t,)))
            if len(pending) >= 2 * jobs + 1:
                break
        while pending:
            result = pending.popleft().get()
            for t in tasks:
                pending.append(pool.apply_async(make_chunk, (t,)))
                break
            yield result


def build(args) -> int:
    t_start = time.perf_counter()
    out = Path(args.out)
    end = datetime.fromisoformat(args.end).replace(hour=23, minute=59, second=59, tzinfo=UTC)
    if end <= START + timedelta(days=400):
        raise SystemExit(f"--end must be after {(START + timedelta(days=400)).date()}")
    sidecars = [out, out.with_name(out.name + "-wal"), out.with_name(out.name + "-shm")]
    if any(p.exists() for p in sidecars):
        if not args.force:
            raise SystemExit(f"{out} exists; pass --force to replace it")
        for p in sidecars:
            p.unlink(missing_ok=True)

    conn = open_store(out)
    try:
        n_feeds = load(conn, args, end, t_start)
    except BaseException:
        conn.close()
        for p in sidecars:
            p.unlink(missing_ok=True)
        raise
    conn.close()
    size = sum(p.stat().st_size for p in sidecars if p.exists())
    seconds = time.perf_counter() - t_start
    print(f"items={args.items} feeds={n_feeds} size={size / 1e6:.1f} MB "
          f"({size / 2**30:.2f} GiB) seconds={seconds:.1f} path={out}")
    return 0


def load(conn: sqlite3.Connection, args, end: datetime, t_start: float) -> int:
    """Fill the freshly migrated database; returns the number of feeds."""
    rng = random.Random(f"make_db:{args.seed}")
    feeds = make_feeds(args.feeds, rng, end)
    log(f"{len(feeds)} feeds; timestamps for {args.items} items ...")
    times = make_times(args.items, rng, end)

    # the triggers exactly as the migrations made them, to put back after the load
    triggers = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
        f"({','.join('?' * len(FTS_TRIGGERS))}) ORDER BY rowid", FTS_TRIGGERS).fetchall()
    triggers = [(r[0], r[1]) for r in triggers]
    if len(triggers) != len(FTS_TRIGGERS):
        log(f"warning: expected triggers {FTS_TRIGGERS}, found {[n for n, _ in triggers]}")

    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA journal_mode = MEMORY")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -2000000")  # 2 GB: the whole file stays in memory
    conn.execute("PRAGMA temp_store = MEMORY")

    conn.execute("BEGIN")
    try:
        for name, _ in triggers:
            conn.execute(f"DROP TRIGGER {name}")
        conn.executemany(
            f"INSERT INTO feeds ({', '.join(FEED_COLUMNS)}) VALUES ({', '.join('?' * len(FEED_COLUMNS))})",
            [tuple(f[c] for c in FEED_COLUMNS) for f in feeds])
        end_ts = end.timestamp()
        initargs = (feeds, args.seed, end_ts, args.coded_fraction, not args.no_events)
        batch_base = 0
        n_events = n_event_items = 0
        done = n_keys = n_links = n_dec = 0
        next_report = 0
        t_write = 0.0
        for chunk in _produce(_chunks(args.items, times), args.jobs, initargs):
            t = time.perf_counter()
            conn.executemany(INSERT_ITEM, chunk["items"])
            conn.executemany(INSERT_KEY, chunk["keys"])
            conn.executemany(INSERT_LINK, chunk["links"])
            conn.executemany(INSERT_DECISION,
                             [(b + batch_base, *rest) for b, *rest in chunk["decisions"]])
            batch_base += chunk["batches"]
            conn.executemany(INSERT_EVENT, [(n_events + k + 1, *row)
                                            for k, row in enumerate(chunk["events"])])
            conn.executemany(INSERT_EVENT_ITEM, [(n_events + k + 1, item_id)
                                                 for k, item_id in chunk["event_items"]])
            n_events += len(chunk["events"])
            n_event_items += len(chunk["event_items"])
            t_write += time.perf_counter() - t
            done += len(chunk["items"])
            n_keys += len(chunk["keys"])
            n_links += len(chunk["links"])
            n_dec += len(chunk["decisions"])
            if done >= next_report or done == args.items:
                log(f"  {done:>9,} items  {time.perf_counter() - t_start:6.1f} s")
                next_report = done + max(CHUNK, args.items // 10)
        log(f"items {done:,}, keys {n_keys:,}, feed links {n_links:,}, decisions {n_dec:,} "
            f"({batch_base:,} batches), events {n_events:,} ({n_event_items:,} item links); "
            f"{t_write:.1f} s of it writing")
        t = time.perf_counter()
        log("full-text index: rebuild ...")
        conn.execute("INSERT INTO items_fts (items_fts) VALUES ('rebuild')")
        log(f"  rebuilt in {time.perf_counter() - t:.1f} s")
        for _, sql in triggers:
            conn.execute(sql)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise

    # the triggers must be back exactly as they were
    now = dict(conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
        f"({','.join('?' * len(FTS_TRIGGERS))})", FTS_TRIGGERS).fetchall())
    if now != dict(triggers):
        raise RuntimeError("FTS triggers were not restored as they were")

    t = time.perf_counter()
    conn.execute("ANALYZE")
    conn.execute("PRAGMA optimize")
    log(f"ANALYZE + optimize in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    bad = conn.execute("PRAGMA foreign_key_check").fetchmany(5)
    if bad:
        raise RuntimeError(f"foreign key violations, e.g. {[tuple(r) for r in bad]}")
    log(f"foreign_key_check clean in {time.perf_counter() - t:.1f} s")

    # back to the app's settings (db.connect): WAL persists in the file
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA cache_size = -2000")
    conn.execute("PRAGMA temp_store = DEFAULT")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return len(feeds)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--items", type=int, required=True, help="number of items")
    ap.add_argument("--out", required=True, help="database file to create")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--feeds", type=int, default=120, help="number of feeds (default 120)")
    ap.add_argument("--coded-fraction", type=float, default=0.7,
                    help="share of items older than 30 days that are triaged: dismissed, coded "
                         "or flagged (default 0.7)")
    ap.add_argument("--end", default="2026-11-20",
                    help="date of the newest items, YYYY-MM-DD (default 2026-11-20); fixed so "
                         "that a seed always gives the same file")
    ap.add_argument("--jobs", type=int, default=0,
                    help="text-generating worker processes (default 0: generate in the writing "
                         "process, which is fastest on 2 CPUs: shipping the rows costs more than "
                         "making them)")
    ap.add_argument("--no-events", action="store_true",
                    help="leave the events table empty (by default the coded items get events)")
    ap.add_argument("--force", action="store_true", help="replace --out if it exists")
    args = ap.parse_args(argv)
    if args.items < 1 or args.feeds < len(FEED_TYPES):
        ap.error(f"--items must be >= 1 and --feeds >= {len(FEED_TYPES)} (one of each kind)")
    if not 0.0 <= args.coded_fraction <= 1.0:
        ap.error("--coded-fraction must be between 0 and 1")
    return build(args)


if __name__ == "__main__":
    sys.exit(main())
