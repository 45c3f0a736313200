"""Items as a reading list (``--items``): every item of the view, coded or not, newest first.

CSV columns: time, outlet, title, link, status, coding, item_id (outlet: every feed that
carried the item, ``; ``; coding: the list's coding summary); no cell starts a formula
(acled_csv.safe_cell). JSONL: one item per line with
its text, ``{"format": "sahel-tui/items", "version": 1, "provenance": ..., "item": ...}``.
Walks the view with the list's own keyset pages, so the order is the app's.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Callable, Iterator
from typing import TextIO

from sahel_tui.store import views
from sahel_tui.store.query import Compiled

from .acled import json_encoder
from .acled_csv import safe_cell
from .jsonl import ITEMS_FORMAT, VERSION

CSV_COLUMNS = ("time", "outlet", "title", "link", "status", "coding", "item_id")
CHUNK = 1000

_encode = json_encoder((",", ":"))


def count_items(conn: sqlite3.Connection, q: Compiled) -> int:
    return conn.execute(f"SELECT count(*) FROM items WHERE ({q.where})", q.params).fetchone()[0]


def _pages(conn: sqlite3.Connection, q: Compiled, text: bool) -> Iterator[list[tuple]]:
    """Chunks of (ItemRow, outlets, link, author, language, uid, text, article)."""
    anchor = None
    while True:
        rows = views.page(conn, q, after=anchor, limit=CHUNK)
        if not rows:
            return
        anchor = rows[-1].key
        ids = [r.id for r in rows]
        marks = ",".join("?" * len(ids))
        outlets: dict[int, list[str]] = {}
        for item_id, name in conn.execute(
            f"SELECT x.item_id, f.name FROM item_feeds x JOIN feeds f ON f.id = x.feed_id "
            f"WHERE x.item_id IN ({marks}) ORDER BY x.first_seen, f.name", ids,
        ):
            outlets.setdefault(item_id, []).append(name)
        cols = "id, link, author, language, uid" + (", text, article" if text else ", '', NULL")
        extra = {r[0]: r[1:] for r in conn.execute(
            f"SELECT {cols} FROM items WHERE id IN ({marks})", ids)}
        yield [(r, outlets.get(r.id, [r.source]), *extra[r.id]) for r in rows]


def write_items_csv(conn: sqlite3.Connection, q: Compiled, fh: TextIO,
                    tick: Callable[[int], None]) -> int:
    writer = csv.writer(fh)
    writer.writerow(CSV_COLUMNS)
    n = 0
    for chunk in _pages(conn, q, text=False):
        writer.writerows([[safe_cell(v) for v in (r.published, "; ".join(outlets), r.title,
                                                  link or "", r.status, r.coding, r.id)]
                          for r, outlets, link, *_ in chunk])
        n += len(chunk)
        tick(n)
    return n


def _item_line(r, outlets, link, author, language, uid, text, article) -> dict:
    out = {"id": r.id, "uid": uid, "published": r.published, "outlets": outlets,
           "title": r.title, "link": link, "author": author, "language": language,
           "status": r.status, "coding": r.coding, "text": text}
    if article:  # the full article, when fetched
        out["article"] = article
    return out


def write_items_jsonl(conn: sqlite3.Connection, q: Compiled, fh: TextIO, prov: dict,
                      tick: Callable[[int], None]) -> int:
    head = (f'{{"format":"{ITEMS_FORMAT}","version":{VERSION},"provenance":'
            f'{_encode(prov)},"item":')
    n = 0
    for chunk in _pages(conn, q, text=True):
        fh.write("".join(head + _encode(_item_line(r, outlets, link, author, language, uid,
                                                   text, article)) + "}\n"
                         for r, outlets, link, author, language, uid, text, article in chunk))
        n += len(chunk)
        tick(n)
    return n
