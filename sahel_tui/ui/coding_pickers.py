"""The pickers of the coding panel's facets: what each lists for the text typed (actors,
places with their evidence, event types, dates, tolls), how a choice changes a draft's
fields, and which picker a facet key opens.  Split from :mod:`sahel_tui.ui.coding`, which
holds the coding state and the panel that shows it."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from sahel_tui.store.db import fold
from sahel_tui.ui.coding import FACET_LABEL, GEO_PRECISION, PRECISION, CodingState

if TYPE_CHECKING:
    from sahel_tui.ui.pickers import Item


def _folded_contains(hay: str, needle: str) -> bool:
    return words_match(hay, needle)


_WORD = re.compile(r"\w+")


def words_match(hay: str, needle: str) -> bool:
    """Every typed word starts a word of ``hay``, in any order, accents and case ignored:
    "unid nige" finds "Unidentified Armed Group (Niger)"."""
    words = _WORD.findall(fold(needle) or "")
    if not words:
        return True
    hay_words = _WORD.findall(fold(hay) or "")
    return all(any(h.startswith(w) for h in hay_words) for w in words)


def actor_items(vocab, state: CodingState, text: str, allow_none: bool) -> list[Item]:
    from sahel_tui.ui.pickers import Item

    out: list[Item] = []
    seen = set()
    sug = state.current.suggestion if state.current else None
    pool = list(sug.actor_candidates) if sug is not None else []
    if not pool and state.coding is not None:
        for ev in state.coding.events:
            pool += list(ev.actor_candidates)
    for cand in pool:
        if cand.id in seen or (text and not _folded_contains(cand.name + " " + cand.alias, text)):
            continue
        seen.add(cand.id)
        out.append(Item(cand.name, cand.entity, f"{cand.detail} · read as “{cand.alias}”", True))
    if allow_none and not text:
        out.append(Item("(none: one-sided event)", "", ""))
    if text:
        for cand in vocab.matcher().complete(text, kind="actor", limit=30):
            if cand.id not in seen:
                seen.add(cand.id)
                out.append(Item(cand.name, cand.entity, cand.detail))
        # words in any order, each a prefix ("unid nige"): the whole list is a few hundred
        for actor in vocab.actors.values():
            if actor.id not in seen and words_match(
                    " ".join((actor.name, *actor.aliases)), text):
                seen.add(actor.id)
                out.append(Item(actor.name, actor, actor.type))
                if len(out) > 60:
                    break
        out.append(Item(f"+ add actor “{text}”…", ("add-actor", text),
                        "to your actors.toml (ctrl+a: as an associated actor)"))
    return out


def place_items(vocab, state: CodingState, text: str) -> list[Item]:
    from sahel_tui.ui.pickers import Item

    out: list[Item] = []
    seen = set()
    sug = state.current.suggestion if state.current else None
    pool = list(sug.place_candidates) if sug is not None else []
    chosen = sug.place if sug is not None else None
    groups = sug.theatres if sug is not None else ()
    # the incident's words: where its named groups mostly act (the lean among namesakes)
    words = (state.coding.text[sug.span[0] : sug.span[1]]
             if sug is not None and state.coding is not None else "")
    for cand in pool:
        if cand.id in seen or (text and not _folded_contains(cand.name + " " + cand.alias, text)):
            continue
        seen.add(cand.id)
        out.append(Item(cand.name, cand.entity,
                        _place_detail(cand.entity, cand, chosen, groups, words), True))
    if text:
        for cand in vocab.matcher().complete(text, kind="place", limit=30):
            if cand.id not in seen:
                seen.add(cand.id)
                out.append(Item(cand.name, cand.entity, _place_detail(cand.entity, None, chosen)))
        gz = getattr(vocab, "gazetteer", None)
        if gz is not None and gz.ready and len(text.strip()) >= 2:  # imported villages
            for place, written in gz.complete(text, limit=30):
                if place.id not in seen:
                    seen.add(place.id)
                    label = place.name if written == place.name else f"{place.name} ({written})"
                    out.append(Item(label, place, _place_detail(place, None, chosen)))
        out.append(Item(f"+ add place “{text}”…", ("add-place", text), "to your places.toml"))
    else:
        current = state.current.fields.get("geo_precision", 1) if state.current else 1
        for n, meaning in GEO_PRECISION.items():
            out.append(Item(f"geo precision {n}: {meaning}", ("geo", n), GEO_HELP[n],
                            n == current))
    return out


GEO_HELP = {1: "the report names the town or village where it happened",
            2: "near / outside / km from / près de a place, or a small area around it",
            3: "only a district or region is known: its capital or centre"}


def _place_detail(p, cand=None, chosen=None, groups=(), words: str = "") -> str:
    """Admin units, coordinates, source; for a suggested candidate its evidence score, its
    distance to the suggested place, where the item's named groups operate ("JNIM
    operates in ML, BF, NE": a namesake elsewhere ranks after) and, from the incident's
    *words*, where they mostly act ("Boko Haram acts mostly in Borno") -- in the words of
    the coding's evidence (:func:`sahel_tui.gazetteer.evidence.place_reasons`)."""
    from sahel_tui.gazetteer.evidence import km, place_reasons

    parts = [x for x in (p.admin2, p.admin1, p.country) if x and x != p.name]
    where = ", ".join(parts)
    coords = f" ({p.latitude:.2f}, {p.longitude:.2f})" if p.latitude is not None else " (no coordinates)"
    extra = []
    if cand is not None and cand.context:
        extra.append(f"evidence {cand.context:g}")
    near = None
    if (chosen is not None and chosen.id != p.id and p.latitude is not None
            and chosen.latitude is not None):
        near = (km(p, chosen), chosen.name)
    extra += place_reasons(p, near=near, groups=groups[:2], text=words)
    return f"{p.kind}: {where}{coords}" + "".join(f" · {x}" for x in extra)


def type_items(vocab, state: CodingState, text: str) -> list[Item]:
    from sahel_tui.ui.pickers import Item

    out: list[Item] = []
    seen = set()
    sug = state.current.suggestion if state.current else None
    for cand in (sug.event_types if sug is not None else ()):
        if cand.sub_event_type in seen:
            continue
        if text and not _folded_contains(f"{cand.event_type} {cand.sub_event_type}", text):
            continue
        seen.add(cand.sub_event_type)
        out.append(Item(f"{cand.event_type} › {cand.sub_event_type}", cand.sub_event_type,
                        f"{cand.share:.0%}", True))
    by_help = []
    for sub in vocab.sub_event_types:
        if sub.name in seen:
            continue
        item = Item(f"{sub.event_type} › {sub.name}", sub.name, sub.help)
        if not text or _folded_contains(f"{sub.event_type} {sub.name}", text):
            out.append(item)  # the name matches: "arrest" lists Arrests first
        elif _folded_contains(sub.help, text):
            by_help.append(item)
    return out + by_help


_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def date_items(state: CodingState, text: str, published: str) -> list[Item]:
    from sahel_tui.ui.pickers import Item

    out: list[Item] = []
    text = text.strip()
    m = _DATE.match(text)
    if m:
        try:
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return [Item(f"not a date: {text}", None, "use YYYY-MM-DD")]
        return [Item(f"{d.isoformat()} ({PRECISION[p]})", (d.isoformat(), p), "") for p in (1, 2, 3)]
    if text:
        return [Item("type a date as YYYY-MM-DD", None, "")]
    sug = state.current.suggestion if state.current else None
    if sug is not None:
        ds = sug.date
        phrase = f"from “{ds.phrase}”" if ds.phrase else "no date phrase: publication date"
        out.append(Item(f"{ds.date.isoformat()} ({PRECISION[ds.time_precision]})",
                        (ds.date.isoformat(), ds.time_precision), phrase, True))
        for alt in ds.alternatives:
            out.append(Item(f"{alt.isoformat()} ({PRECISION[1]})", (alt.isoformat(), 1), "other reading"))
    pub = published[:10]
    out.append(Item(f"{pub} ({PRECISION[1]})", (pub, 1), "publication date"))
    out.append(Item(f"{pub} ({PRECISION[2]})", (pub, 2), "publication week"))
    return out


_NUMS = re.compile(r"^(\d+)(?:\s*[/,-]\s*(\d+))?(?:\s*[/,-]\s*(\d+))?$")


def fatality_items(state: CodingState, text: str) -> list[Item]:
    from sahel_tui.ui.pickers import Item

    text = text.strip()
    if text:
        m = _NUMS.match(text)
        if not m:
            return [Item("type a number, or low/best/high like 12/15/20", None, "")]
        nums = [int(x) for x in m.groups() if x is not None]
        low = min(nums)
        best = nums[1] if len(nums) >= 2 else low
        high = max(nums) if len(nums) >= 2 else None
        return [Item(f"{low} (best {best}{f', high {high}' if high else ''})", (low, best, high), "")]
    out = []
    sug = state.current.suggestion if state.current else None
    if sug is not None and sug.fatalities.found:
        fs = sug.fatalities
        out.append(Item(f"{fs.low} (best {fs.best}{f', high {fs.high}' if fs.high else ''})",
                        (fs.low, fs.best, fs.high), f"from “{fs.phrase}”", True))
    out.append(Item("0 (none reported)", (0, None, None), ""))
    return out


def apply_choice(vocab, facet: str, fields: dict, value) -> dict:
    """The field changes a picked value makes."""
    if facet in ("assoc1", "assoc2"):
        key = f"assoc_actor_{facet[-1]}"
        current = list(fields.get(key) or [])
        if value.name in current:
            current.remove(value.name)
        else:
            current.append(value.name)
        return {key: current}
    if facet == "notes":
        return {"notes": value}
    if facet == "civilian_targeting":
        return {"civilian_targeting": not fields.get("civilian_targeting")}
    if facet in ("actor1", "actor2"):
        n = facet[-1]
        if value == "":
            return {f"actor{n}": "", f"inter{n}": ""}
        changes = {f"actor{n}": value.name, f"inter{n}": value.type}
        o = "2" if n == "1" else "1"
        if value.name == fields.get(f"actor{o}") and fields.get(f"actor{n}"):
            # the other side's actor chosen for this side: the two sides swap, each with its
            # associated actors (not "Civilians vs Civilians")
            changes.update({f"actor{o}": fields[f"actor{n}"], f"inter{o}": fields.get(f"inter{n}", ""),
                            f"assoc_actor_{n}": list(fields.get(f"assoc_actor_{o}") or []),
                            f"assoc_actor_{o}": list(fields.get(f"assoc_actor_{n}") or [])})
        return changes
    if facet == "place" and isinstance(value, tuple) and value[0] == "geo":
        return {"geo_precision": value[1]}
    if facet == "place":
        country = vocab.country(value.country)
        precision = 1 if value.kind == "place" else 3
        if value.kind == "place" and value.id == fields.get("place_id"):
            precision = fields.get("geo_precision") or 1  # the same place: "near" stays
        return {"location": value.name, "admin1": value.admin1 or "", "admin2": value.admin2 or "",
                "country": country.name if country else value.country, "place_id": value.id,
                "latitude": round(value.latitude, 4) if value.latitude is not None else None,
                "longitude": round(value.longitude, 4) if value.longitude is not None else None,
                "geo_precision": precision}
    if facet == "type":
        sub = vocab.sub_event_type(value)
        changes = {"event_type": sub.event_type, "sub_event_type": sub.name,
                   "disorder_type": sub.disorder_type}
        if sub.event_type == "Violence against civilians":
            changes["civilian_targeting"] = True
        return changes
    if facet == "date":
        return {"event_date": value[0], "time_precision": value[1]}
    if facet == "fatalities":
        low, best, high = value
        return {"fatalities": low, "fatalities_best": best, "fatalities_high": high}
    if facet == "grading":
        return {"reliability": value.reliability, "credibility": value.credibility,
                "confidence": value.confidence}
    raise ValueError(facet)


def picker_for(vocab, state: CodingState, facet: str, published: str, why: str = ""):
    from sahel_tui.ui.pickers import Grading, GradingPicker, Picker

    label = FACET_LABEL[facet]
    if facet in ("actor1", "actor2"):
        return Picker(f"{label}: who", lambda t: actor_items(vocab, state, t, facet == "actor2"),
                      alternate=f"add or remove as associated actor of {label.lower()}")
    if facet == "place":
        return Picker(f"{label}: where, and how precisely", lambda t: place_items(vocab, state, t),
                      help_text="geo precision (ACLED): 1 the place itself · 2 near it · "
                                "3 only the region (listed below the places)")
    if facet == "type":
        # the rule that settled the suggested type, in the analyst's words (ACLED's codebook)
        sug = state.current.suggestion if state.current else None
        rule = (f"suggested {sug.sub_event_type}: {sug.type_rule}"
                if sug is not None and sug.sub_event_type and sug.type_rule else "")
        return Picker(f"{label}: what (ACLED)", lambda t: type_items(vocab, state, t),
                      help_text=rule)
    if facet == "date":
        return Picker(f"{label}", lambda t: date_items(state, t, published), numeric=True,
                      placeholder="YYYY-MM-DD, or enter for the highlighted")
    if facet == "fatalities":
        return Picker(f"{label}: killed (ACLED keeps the lowest credible figure)",
                      lambda t: fatality_items(state, t), numeric=True,
                      placeholder="a number, or low/best/high e.g. 12/15/20")
    f = state.current.fields if state.current else {}
    return GradingPicker(Grading(f.get("reliability"), f.get("credibility"), f.get("confidence")),
                         None, why)


def unwrap(result):
    """(direction, value) from a picker's result: direction NEXT/PREV/None."""
    from sahel_tui.ui.pickers import NEXT, PREV

    if result is NEXT or result is PREV:
        return result, None
    if isinstance(result, tuple) and len(result) == 2 and result[0] in (NEXT, PREV):
        return result[0], result[1]
    return None, result
