"""Coded events for bench/make_db.py: ACLED-shaped rows for the items marked 'coded'.

Actors, places, event types and inter types come from sahel_tui.vocab, so tallies, the
analyst questions and story grouping see the names the app itself would write:

  place     the first gazetteer place of the item's country named in its title or text
            (what an analyst would code), else a populous place of that country
  actors    a named group found in the text, else one drawn by the country's weights;
            the other side by event type: state forces (Battles, strikes), civilians
            (Violence against civilians), a rival group (a few Battles), none (IEDs that
            hit nothing named, most strategic developments), protesters / rioters
  events    1 per coded item (55 %), 2 (30 %), 3 (15 %); a follow-up event is a reprisal
            or a second attack nearby, and one in six is at the SAME place within a day by
            a DIFFERENT actor (co-located events)
  links     one event in eight is also reported by the previous coded item about the same
            country if published within three days (an incident carried by two items)

Every chunk draws from its own stream (``events:<seed>:<chunk>``), separate from the item
stream, so the items are the same as without events.
"""

from __future__ import annotations

import random
import re
import time

import _text

from sahel_tui.vocab import load_vocab

COUNTRY_OF_FOCUS = {"mali": ["ML"], "niger": ["NE"], "burkina-faso": ["BF"], "nigeria": ["NG"],
                    "lake-chad": ["TD", "NG", "NE"], "regional": ["ML", "BF", "NE"]}
COUNTRY_NAME = {"ML": "Mali", "NE": "Niger", "BF": "Burkina Faso", "NG": "Nigeria", "TD": "Chad"}
FOCUS_OF_COUNTRY = {"ML": "mali", "NE": "niger", "BF": "burkina-faso", "NG": "nigeria",
                    "TD": "lake-chad"}

# the bench text's group names -> vocab actor ids
GROUP_IDS = {"JNIM": "jnim", "Katiba Macina": "jnim", "Ansaroul Islam": "jnim",
             "Islamic State Sahel Province": "issp", "ISGS": "issp", "EIGS": "issp",
             "État islamique au Sahel": "issp", "ISWAP": "iswap", "Boko Haram": "jas",
             "JAS": "jas", "Bakura": "jas", "Ansaru": "ansaru", "Lakurawa": "lakurawa",
             "FLA": "azawad-rebels", "CSP-DPA": "azawad-rebels", "bandits": "bandits-ng"}
# (actor id, weight) of the armed groups per country, when the text names none
GROUP_WEIGHTS = {
    "ML": [("jnim", 6), ("issp", 3), ("azawad-rebels", 1)],
    "BF": [("jnim", 7), ("issp", 2)],
    "NE": [("issp", 5), ("jnim", 3), ("lakurawa", 1), ("jas", 1)],
    "NG": [("iswap", 5), ("jas", 4), ("bandits-ng", 5), ("ansaru", 1), ("lakurawa", 1)],
    "TD": [("iswap", 5), ("jas", 4)],
}
STATE = {"ML": ["mil-ml", "mil-ml", "mil-ml", "wagner"], "BF": ["mil-bf"], "NE": ["mil-ne"],
         "NG": ["mil-ng", "mil-ng", "mil-ng", "cjtf", "vigilantes-ng"], "TD": ["mil-td"]}
CIVILIANS = {cc: f"civ-{cc.lower()}" for cc in COUNTRY_NAME}
UNIDENTIFIED = {cc: f"uag-{cc.lower()}" for cc in COUNTRY_NAME}

# (weight, event type, sub-event type, who: 'state' | 'civ' | 'rival' | 'none' | 'strike'
#  | 'protest' | 'riot', median fatalities)
EVENT_MIX = [
    (30, "Battles", "Armed clash", "state", 5),
    (3, "Battles", "Armed clash", "rival", 6),
    (1, "Battles", "Non-state actor overtakes territory", "state", 3),
    (1, "Battles", "Government regains territory", "state", 4),
    (18, "Violence against civilians", "Attack", "civ", 4),
    (7, "Violence against civilians", "Abduction/forced disappearance", "civ", 0),
    (9, "Explosions/Remote violence", "Remote explosive/landmine/IED", "state", 2),
    (6, "Explosions/Remote violence", "Air/drone strike", "strike", 6),
    (1, "Explosions/Remote violence", "Suicide bomb", "civ", 8),
    (4, "Strategic developments", "Looting/property destruction", "civ", 0),
    (2, "Strategic developments", "Arrests", "none", 0),
    (1, "Strategic developments", "Headquarters or base established", "none", 0),
    (4, "Protests", "Peaceful protest", "protest", 0),
    (1, "Protests", "Protest with intervention", "protest", 0),
    (2, "Riots", "Mob violence", "riot", 1),
]


class EventGen:
    """Everything the event rows need from the vocabularies, built once per process."""

    def __init__(self) -> None:
        vocab = load_vocab()
        self.vocab = vocab
        self.actors = vocab.actors
        self.disorder = {s.name: s.disorder_type for s in vocab.sub_event_types}
        # places of each country named in the bench text, resolved in the gazetteer
        self.by_name: dict[tuple[str, str], object] = {}
        names: set[str] = set()
        for focus, places in _text.PLACES.items():
            for name in places:
                for cc in COUNTRY_OF_FOCUS[focus]:
                    found = [p for p in vocab.places_named(name, cc) if p.latitude is not None]
                    if found:
                        best = max(found, key=lambda p: (p.kind == "place", p.population))
                        self.by_name[(name.lower(), cc)] = best
                        names.add(name)
        self.name_re = re.compile(
            r"\b(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b",
            re.IGNORECASE)
        # fallback places: the populous ones of each country
        self.populous: dict[str, tuple[list, list]] = {}
        for cc in COUNTRY_NAME:
            ps = sorted((p for p in vocab.places.values() if p.country == cc and p.kind == "place"
                         and p.latitude is not None and p.population > 0),
                        key=lambda p: -p.population)[:60]
            self.populous[cc] = (ps, [1 / (i + 3) for i in range(len(ps))])
        groups = sorted(GROUP_IDS, key=len, reverse=True)
        self.group_re = re.compile(r"\b(" + "|".join(re.escape(g) for g in groups) + r")\b")
        self.mix_w = [m[0] for m in EVENT_MIX]

    def place(self, rng: random.Random, text: str, cc: str):
        for m in self.name_re.finditer(text):
            p = self.by_name.get((m.group(1).lower(), cc))
            if p is not None:
                return p
        ps, w = self.populous[cc]
        return rng.choices(ps, w)[0]

    def group(self, rng: random.Random, text: str, cc: str) -> str:
        ids, w = zip(*GROUP_WEIGHTS[cc], strict=True)
        m = self.group_re.search(text)
        if m and GROUP_IDS[m.group(1)] in ids and rng.random() < 0.8:
            return GROUP_IDS[m.group(1)]
        return rng.choices(ids, w)[0]

    def name(self, actor_id: str) -> tuple[str, str]:
        a = self.actors[actor_id]
        return a.name, a.type

    def event(self, rng: random.Random, cc: str, place, day: str, actor_id: str,
              reliability: str, coded_at: str, uid: str, mix=None) -> tuple:
        """One events row (without id) in INSERT_EVENT's column order."""
        _, etype, sub, who, median = mix or rng.choices(EVENT_MIX, self.mix_w)[0]
        a1, a2 = actor_id, None
        if who == "state":
            a2 = rng.choice(STATE[cc])
            if rng.random() < 0.25:  # the state side attacked first
                a1, a2 = a2, a1
        elif who == "rival":
            others = [g for g, _ in GROUP_WEIGHTS[cc] if g != actor_id]
            a2 = rng.choice(others) if others else rng.choice(STATE[cc])
        elif who == "civ":
            a2 = CIVILIANS[cc]
            if rng.random() < 0.15:
                a1 = UNIDENTIFIED[cc]
        elif who == "strike":
            a1, a2 = rng.choice(STATE[cc]), actor_id
        elif who == "none":
            a1 = actor_id if rng.random() < 0.6 else rng.choice(STATE[cc])
        name1, inter1 = self.name(a1)
        name2, inter2 = self.name(a2) if a2 else ("", "")
        assoc1 = assoc2 = "[]"
        if who == "protest":
            name1, inter1 = f"Protesters ({COUNTRY_NAME[cc]})", "Protesters"
            name2, inter2 = ("", "") if sub == "Peaceful protest" else self.name(STATE[cc][0])
        elif who == "riot":
            name1, inter1 = f"Rioters ({COUNTRY_NAME[cc]})", "Rioters"
            name2, inter2 = self.name(CIVILIANS[cc])
        if name2 == "Military Forces of Mali" and rng.random() < 0.3:
            assoc2 = '["Wagner Group / Africa Corps (Russia)"]'
        if name1 == "Military Forces of Mali" and rng.random() < 0.3:
            assoc1 = '["Wagner Group / Africa Corps (Russia)"]'
        fatalities = 0 if median == 0 else max(0, int(median * rng.lognormvariate(0, 0.9)) - 1)
        best = fatalities + (rng.randint(0, 5) if fatalities and rng.random() < 0.3 else 0)
        geo = 1 if rng.random() < 0.7 else 2
        return (uid, day, 1 if rng.random() < 0.8 else 2, self.disorder.get(sub, "Political violence"),
                etype, sub, name1, assoc1, inter1, name2, assoc2, inter2,
                int(etype == "Violence against civilians" or name2.startswith("Civilians")),
                COUNTRY_NAME[cc], place.admin1, place.admin2, "", place.name, place.id,
                round(place.latitude, 4), round(place.longitude, 4), geo, fatalities, best, None,
                reliability, rng.choice((2, 2, 3, 3, 3, 1)), rng.choice(("low", "moderate", "moderate", "high")),
                "", "", "bench", coded_at, coded_at, 0)


EVENT_COLUMNS = ("uid", "event_date", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
                 "inter2", "civilian_targeting", "country", "admin1", "admin2", "admin3",
                 "location", "place_id", "latitude", "longitude", "geo_precision", "fatalities",
                 "fatalities_best", "fatalities_high", "reliability", "credibility", "confidence",
                 "notes", "tags", "coder", "coded_at", "updated_at", "deleted")


def day_of(ts: float) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(ts))


def events_for_chunk(gen: EventGen, seed: int, index: int, coded: list[tuple]) -> tuple[list, list]:
    """(event rows, (local event index, item id) links) for one chunk's coded items.

    ``coded``: (item id, published epoch, focus, title + text, reliability, status_at)."""
    rng = random.Random(f"events:{seed}:{index}")
    rows: list[tuple] = []
    links: list[tuple[int, int]] = []
    last: dict[str, tuple[int, float, int]] = {}  # country -> (item id, published, event index)
    for item_id, pub, focus, text, reliability, coded_at in coded:
        cc = rng.choice(COUNTRY_OF_FOCUS[focus])
        n = rng.choices((1, 2, 3), (55, 30, 15))[0]
        place = gen.place(rng, text, cc)
        actor = gen.group(rng, text, cc)
        day_ts = pub - rng.choice((0, 0, 0, 86400, 86400, 2 * 86400))
        for k in range(n):
            if k:
                r = rng.random()
                if r < 0.17:  # same place within a day, another actor: co-located
                    others = [g for g, _ in GROUP_WEIGHTS[cc] if g != actor]
                    actor = rng.choice(others) if others else actor
                    day_ts += rng.choice((0, 86400))
                elif r < 0.6:  # reprisal or second attack nearby
                    place = gen.place(rng, "", cc)
                    day_ts -= rng.choice((0, 86400))
                else:  # the same group elsewhere, a few days earlier
                    place = gen.place(rng, "", cc)
                    day_ts -= rng.randint(1, 6) * 86400
            rows.append(gen.event(rng, cc, place, day_of(day_ts), actor, reliability, coded_at,
                                  f"bench-{item_id}-{k}"))
            links.append((len(rows) - 1, item_id))
        prev = last.get(cc)
        if prev and pub - prev[1] < 3 * 86400 and rng.random() < 0.125:
            links.append((len(rows) - 1, prev[0]))  # the previous item reported it too
        last[cc] = (item_id, pub, len(rows) - 1)
    return rows, links
