"""The pre-filled coding of a news item: what the coding screen proposes.

``suggest_for_item(row, vocab)`` (a stored item) or ``suggest_coding(title, text,
published, lang, vocab=...)`` reads the item the way an analyst does and returns an
:class:`ItemCoding` holding one :class:`EventCoding` per incident it reports, main incident
first (none when nothing in it tells of violence or of a security development).

The pipeline, one module a stage, run in this order by :func:`_code_segment`:

=============  ====================  ==================================================
incidents      :mod:`.incidents`     segments (incidents) and the sentences that count
places         :mod:`.places`        ``find_places`` (matcher seam), ``pick_place``
country        :mod:`.country`       ``incident_country``: votes of one-country names, the place's
actors         :mod:`.actors`        ``collect_actors``: every actor read, scored
type           :mod:`.event_type`,   keyword ranking, then ACLED's rules (``refine_type``,
               :mod:`.type_rules`    ``territory_taker``)
roles          :mod:`.roles`         ``implied_actors`` (ACLED conventions), ``assign_roles``
               :mod:`.communal`      ``civilians_who_attack``: villagers who attack are a militia
associated     :mod:`.associated`    ``associated_actors``: Farmers (Mali), Fulani Ethnic Group...
date           :mod:`.dates`         ``extract_event_date``
toll           :mod:`.fatalities`,   ``extract_fatalities``, then ACLED's conventions
               :mod:`.toll_rules`    (claims, "coded as N", a toll split over events)
=============  ====================  ==================================================

What each stage does, in the analyst's terms:

1. **Incidents.**  The title and body form one text (``title + "\n\n" + text``, as stored).
   A round-up whose body lists incidents as bullet paragraphs ("• Mali – ...") gives one
   incident per bullet; a paragraph opening with "Also:", "Separately,", "Elsewhere,",
   "In another incident,", "Par ailleurs," ... starts a further incident -- unless it tells
   of one a month or more old ("last month", "in 2023"), which is background.  Within
   an incident, a sentence that opens on another day ("On 4 October, ...", "The following
   day, ...") and tells of violence starts one of its own (ACLED: one event per actors,
   place and day); "the following day" is dated from the incident before it.  A sentence
   listing incidents each with its own place and day ("IED attacks at Tarkint (3 Oct), on
   the RN18 (4 Oct) and near Aguelhok (23 Oct)") gives one incident per item, read with
   the other items masked; a toll told once for the list is shared out, not repeated.
2. **Which sentences describe the incident.**  The title and the lead paragraph (the first
   paragraph that tells of violence) weigh most.  A later sentence counts when it is tied to
   the incident: an attribution ("blamed", "claimed", "revendiqué", "fief du"), an anaphora
   ("the attackers", "l'attaque", "le bilan") with a number or a date.  Background ("since
   2012", "has become", "depuis 2021"), another incident told in passing ("In a separate
   incident last month, ..."), quotes, datelines ("MAIDUGURI, Oct 27 (SWS) –"), image
   captions and sign-offs do not count.  Sources are not actors ("residents said", "selon
   des habitants", "a military source", "a spokesman for the FLA said").
3. **Place** first (it fixes the country): the gazetteer place of the weightiest sentence;
   at equal weight a town before the province or region holding it, and one the body names
   before one only the headline names.  A province or region alone is coded to its capital
   with geo_precision 3; "near / outside / km from / près de / village of" gives 2.
4. **Actors**: named groups in counting sentences; generic words ("soldiers", "villagers")
   only in the title or lead paragraph.  "Gunmen", "jihadists", "terroristes", "militants"
   mean the country's Unidentified Armed Group only while the incident names no group;
   "unknown/unidentified gunmen" mean it whatever group is named (their target, a guess
   "(possibly ISGS)").  A group is an actor only when the text attributes the act to it
   ("blamed", "claimed", "suspected X", its subject): one named only as holding the area
   ("a stronghold of JNIM") beside an unclaimed act is not.
   ACLED's conventions fill what the text leaves unsaid (civilians as the target of
   violence against civilians or of a one-sided bomb; protesters of a protest; an
   unidentified attacker of an unclaimed ambush) and set the roles: actor1 is the side
   that acted (subject or "by/par" agent of the lead's violent verb; the group that laid a
   mine), state partners (Africa Corps, CJTF, vigilantes) are associated actors.
5. **Event type, date, fatalities**: the keyword rules, the date and the toll extractors run
   on the title and lead first, then on the other counting sentences.  ACLED's rules then
   settle the type: the means decide (an air strike or a mine that kills civilians is
   remote violence), an "attack" between two armed sides is a clash, a clash of one armed
   side with civilians only is an attack, taking or retaking a town is a territory change
   (state or non-state by who took it).  A weekday naming the publication day is that day
   (news style).  "Neutralised" in an arrest is not a death.

Everything is stdlib and pure (no I/O, no textual).  About 2 ms per item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace

from sahel_tui.gazetteer.evidence import Theatres
from sahel_tui.vocab.catalog import Vocab
from sahel_tui.vocab.match import Match
from sahel_tui.vocab.model import Actor

from ._text import fold_same_length
from .actors import (
    ARMED,
    CIV,
    EXTERNAL,
    STATE,
    ActorScore,
    civilians_named,
    civilians_who_fight,
    collect_actors,
    is_progov,
    is_uag,
)
from .associated import associated_actors
from .communal import civilians_who_attack
from .country import incident_country
from .dates import DateSuggestion, extract_event_date
from .event_type import suggest_event_type
from .fatalities import FatalitySuggestion
from .incidents import INCIDENT_CUE, Segment, Sent, masked_text, segments, sentences
from .places import find_places, pick_place, with_coder_remarks
from .result import EventCoding, ItemCoding
from .roles import agent_side, assign_roles, implied_actors
from .toll_rules import apply_conventions, extract_toll
from .type_rules import (
    TERRITORY,
    WHY_STATE_FOUGHT,
    WHY_TERRITORY,
    ranked_types,
    refine_type_explained,
    state_fought,
    territory_taker,
)

__all__ = ["EventCoding", "ItemCoding", "suggest_coding", "suggest_for_item"]


def _code_segment(vocab: Vocab, text: str, ftext: str, seg: Segment, title_end: int,
                  published: dt.date | dt.datetime, lang: str | None,
                  country_hint: str | None) -> tuple[EventCoding | None, list[Match]]:
    sents = sentences(text, ftext, seg, title_end)
    if not any(s.weight > 0 and INCIDENT_CUE.search(ftext, s.start, s.end) for s in sents):
        return None, []  # nothing in it tells of an incident
    lo = 0 if seg.has_title else seg.start
    seg_text = text[lo : seg.end]
    local_sents = [Sent(s.start - lo, s.end - lo, s.weight, s.title, s.lead, s.quote)
                   for s in sents]
    local_mask = [(a - lo, b - lo) for a, b in seg.mask]
    masked = with_coder_remarks(seg_text, masked_text(seg_text, local_sents, local_mask),
                                local_mask)
    matcher = vocab.matcher()
    matches = [Match(m.start + lo, m.end + lo, m.text, m.candidates)
               for m in matcher.find(masked, country_hint=country_hint)]

    padded = " " * lo + masked  # the counting text at the item's offsets
    # the named groups' theatres, once for the incident: the place ranking, the country
    # and the picker's evidence all weigh them
    groups = Theatres.of(matches)
    places = find_places(vocab, padded, matches, country_hint=country_hint, groups=groups)
    place, geo_prec, mention, place_cands = pick_place(vocab, text, ftext, sents, places,
                                                        seg, matches)
    country = incident_country(place, matches, country_hint, padded, places, groups=groups)

    scores = collect_actors(vocab, text, ftext, sents, matches, seg, country, place)
    named_armed = any(a.actor.type in ARMED and not is_uag(a) and not is_progov(a)
                      for a in scores.values())
    chosen: list[ActorScore] = []
    for a in scores.values():
        if is_uag(a) and named_armed and not a.explicit:
            continue  # "gunmen" who are then named (not "unknown gunmen")
        if a.weight >= (2.0 if a.generic else 1.0):
            chosen.append(a)

    # event type: the title and lead first, the other counting sentences if they say nothing
    head = masked_text(seg_text, local_sents, local_mask, min_weight=2.0)
    et_cands = suggest_event_type(head, lang) or suggest_event_type(masked, lang)
    if not et_cands:
        return None, matches  # no wording of any ACLED event type
    civ_in_lead = any(a.actor.type == CIV and a.weight >= 2 for a in chosen) or (
        country is None and civilians_named(ftext, sents, matches, seg))
    armed_spans = [(a0 - lo, a1 - lo) for a in scores.values()
                   if a.actor.type in (*ARMED, STATE, EXTERNAL) and not is_uag(a)
                   for a0, a1 in a.spans if a0 >= lo]
    et, sub, dis, why = refine_type_explained(et_cands, chosen, civ_in_lead,
                                               fold_same_length(head), armed_spans)
    if sub == "Attack" and any(a.actor.type in ARMED and not is_progov(a) for a in chosen) \
            and state_fought(ftext, sents, chosen):
        et, sub, dis, why = "Battles", "Armed clash", "Political violence", WHY_STATE_FOUGHT
    if sub in TERRITORY or sub in ("Armed clash", "Attack", ""):
        place_spans = [(m.start, m.end) for m in matches
                       if any(c.kind == "place" for c in m.candidates)]
        taker = territory_taker(ftext, sents, chosen, place_spans)
        if taker is not None:
            et, dis = "Battles", "Political violence"
            sub = ("Government regains territory" if taker == "state"
                   else "Non-state actor overtakes territory")
            why = WHY_TERRITORY

    # ACLED conventions for who is involved
    if sub == "Armed clash":
        chosen = civilians_who_fight(vocab, text, sents, seg, country, chosen)
    chosen = implied_actors(vocab, chosen, scores, et, sub, country)
    chosen = civilians_who_attack(vocab, text, ftext, sents, country, place, chosen, sub)

    lead_text = " ".join(ftext[s.start : s.end] for s in sents
                         if (s.title or s.lead) and s.weight >= 2)
    a1, as1, a2, as2 = assign_roles(chosen, sub, lead_text,
                                     agent_side(ftext, sents, chosen))
    # ACLED's associated actors of the civilians, demonstrators or militia of each side
    more1 = associated_actors(vocab, ftext, sents, a1, chosen, country)
    more2 = associated_actors(vocab, ftext, sents, a2, chosen, country)
    # ACLED: political violence whose target is civilians (attacks, abductions, and
    # bombs or strikes that hit them); not looting, agreements or demonstrations
    civ_t = a2 is not None and a2.actor.type == CIV and "Political violence" in dis

    date = extract_event_date(masked, published, lang, same_day_weekday=True)
    if date.span is not None:
        date = shift_date(date, lo)
    # the toll of the title and lead first; later sentences only if they hold it alone
    fat = extract_toll(head, lang)
    if not fat.found:
        fat = extract_toll(masked, lang)
    fat = apply_conventions(seg_text, fat)  # claims, "coded as N", a toll split
    if et == "Strategic developments" and fat.found and fat.mentions and all(
            "neutrali" in fold_same_length(masked[k0:k1])
            for k0, k1 in (m.keyword_span for m in fat.mentions)):
        # "neutralised" in an arrest or a seizure means taken out of action, not killed
        fat = FatalitySuggestion(0, 0, None, None, "", False, ())
    if fat.span is not None:
        fat = shift_toll(fat, lo)
    actor_cands = tuple(a.cand for a in sorted(scores.values(),
                                               key=lambda a: (-a.weight, a.first))
                        if a.cand is not None)
    coding = EventCoding(
        span=(seg.start, seg.end),
        actor1=a1.actor if a1 else None,
        assoc_actor_1=_with(tuple(a.actor for a in as1), more1),
        actor2=a2.actor if a2 else None,
        assoc_actor_2=_with(tuple(a.actor for a in as2), more2),
        place=place,
        geo_precision=geo_prec,
        place_mention=mention,
        country=country,
        event_type=et,
        sub_event_type=sub,
        disorder_type=dis,
        event_types=ranked_types(et_cands, et, sub, dis),
        type_rule=why,
        date=date,
        fatalities=fat,
        civilian_targeting=civ_t,
        actor_candidates=actor_cands,
        place_candidates=place_cands,
        theatres=tuple(groups.named()),
    )
    return coding, matches



def _shared_toll(events: list[EventCoding], ev: EventCoding,
                 listed: tuple[int, int, int]) -> EventCoding:
    """An item of an in-sentence list whose toll is the list's (the same figure from the
    same words as the first item's): the toll is shared out over the items, not repeated
    (ACLED splits a toll told for several events); the first items take the remainder."""
    _, i, n = listed
    first = events[-i] if 0 < i <= len(events) else None
    f = ev.fatalities
    if first is None or not f.found or f.span != first.fatalities.span or f.low < 1:
        return ev
    q, r = divmod(f.low, n)
    for k in range(i):  # the items before: item k gets q, +1 for the first r
        e = events[-i + k]
        share = q + (1 if k < r else 0)
        events[-i + k] = replace(e, fatalities=replace(e.fatalities, low=share,
                                                       best=share, high=None))
    share = q + (1 if i < r else 0)
    return replace(ev, fatalities=replace(f, low=share, best=share, high=None))


def _with(assoc: tuple[Actor, ...], more: list[Actor]) -> tuple[Actor, ...]:
    names = {a.name for a in assoc}
    return assoc + tuple(a for a in more if a.name not in names)


def shift_date(d: DateSuggestion, lo: int) -> DateSuggestion:
    if not lo or d.span is None:
        return d
    return replace(d, span=(d.span[0] + lo, d.span[1] + lo))


def shift_toll(f: FatalitySuggestion, lo: int) -> FatalitySuggestion:
    if not lo or f.span is None:
        return f
    return replace(f, span=(f.span[0] + lo, f.span[1] + lo),
                   mentions=tuple(replace(m, span=(m.span[0] + lo, m.span[1] + lo),
                                          keyword_span=(m.keyword_span[0] + lo,
                                                        m.keyword_span[1] + lo))
                                  for m in f.mentions))


def suggest_coding(
    title: str,
    text: str,
    published: dt.date | dt.datetime | str,
    lang: str | None = None,
    *,
    vocab: Vocab,
    country_hint: str | None = None,
) -> ItemCoding:
    """The pre-filled coding of one news item (see the module doc).

    *published*: the item's publication time (a datetime, a date or the store's ISO
    string); relative dates ("on Tuesday") are resolved against it.  *country_hint*: the
    feed's country, used only to rank ambiguous names.
    """
    if isinstance(published, str):
        published = dt.datetime.fromisoformat(published.replace("Z", "+00:00"))
    title = title or ""
    full = f"{title}\n\n{text}" if title else (text or "")
    title_end = len(title)
    ftext = fold_same_length(full)
    events: list[EventCoding] = []
    matches: list[Match] = []
    listed_from = -1
    for seg in segments(full, ftext, title_end):
        ev, seg_matches = _code_segment(vocab, full, ftext, seg, title_end, published, lang,
                                        country_hint)
        if ev is not None:
            if seg.days_after and events and seg.day_phrase is not None:
                # "The following day, ...": a day after the incident told before it
                a, b = seg.day_phrase
                prev = events[-1].date
                ev = replace(ev, date=DateSuggestion(
                    prev.date + dt.timedelta(days=seg.days_after), prev.time_precision,
                    (a, b), full[a:b].strip(), note="after the incident before it"))
            if seg.listed is not None and seg.listed[1] > 0 and events and \
                    listed_from == seg.listed[0]:
                ev = _shared_toll(events, ev, seg.listed)
            elif seg.listed is not None:
                listed_from = seg.listed[0]
            events.append(ev)
            matches += [m for m in seg_matches if seg.start <= m.start < seg.end
                        or (seg.has_title and m.start < seg.end)]
    return ItemCoding(text=full, title_end=title_end, events=tuple(events),
                      matches=tuple(sorted(matches, key=lambda m: m.start)))


def suggest_for_item(
    item: Mapping | Sequence,
    vocab: Vocab,
    *,
    country_hint: str | None = None,
) -> ItemCoding:
    """The pre-filled coding of a stored item: :func:`suggest_coding` over a
    ``sqlite3.Row`` / mapping with ``title``, ``text``, ``published`` (the store's ISO
    UTC string) and ``language``, or a tuple in that order (language optional)."""
    if isinstance(item, Mapping) or hasattr(item, "keys"):
        keys = set(item.keys())  # type: ignore[union-attr]
        title = item["title"]  # type: ignore[index]
        text = item["text"]  # type: ignore[index]
        published = item["published"]  # type: ignore[index]
        lang = item["language"] if "language" in keys else None  # type: ignore[index]
    else:
        title, text, published, *rest = item
        lang = rest[0] if rest else None
    return suggest_coding(title or "", text or "", published, lang, vocab=vocab,
                          country_hint=country_hint)

