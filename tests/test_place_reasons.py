"""The reasons given for a place: the place picker's detail line and the coding's
evidence say distance, theatres, home region and source in the same words.  Places, groups
and texts are our own inventions (Boko Haram's home regions are data/matcher.toml's)."""

from __future__ import annotations

from sahel_tui.gazetteer.evidence import evidence
from sahel_tui.ui.coding_pickers import _place_detail
from sahel_tui.vocab.match import Candidate, Match
from sahel_tui.vocab.model import Place

KUTTARI = Place("gn:901", "Kuttari", "place", "NG", admin1="Borno", admin2="Askira-Uba",
                latitude=10.80, longitude=12.90, population=1200, source="gazetteer:NG.txt")
LASSA = Place("gn:902", "Lassa", "place", "NG", admin1="Borno", admin2="Askira-Uba",
              latitude=10.70, longitude=13.20)
GROUPS = [("Boko Haram", ("NG", "NE", "TD", "CM")), ("JNIM", ("ML", "BF", "NE")),
          ("Ansaru", ("NG",))]
WORDS = "Boko Haram attacked Kuttari and Lassa."


def cand(p: Place, context: float = 0.0) -> Candidate:
    return Candidate("place", p.id, p.name, p.country, p.kind, p.population, p.name,
                     context, p)


def test_the_picker_line_of_a_suggested_place_with_a_chosen_one():
    assert _place_detail(KUTTARI, cand(KUTTARI, 7.25), LASSA, GROUPS, WORDS) == (
        "place: Askira-Uba, Borno, NG (10.80, 12.90) · evidence 7.25 · 35 km from Lassa"
        " · Boko Haram operates in NG, NE, TD, CM · JNIM operates in ML, BF, NE, not NG"
        " · Boko Haram acts mostly in Borno · NG.txt")


def test_the_picker_line_of_other_places():
    # the chosen place itself, a bundled place and one named in the text say no source
    assert _place_detail(LASSA, None, LASSA) == "place: Askira-Uba, Borno, NG (10.70, 13.20)"
    borno = Place("ng:borno", "Borno", "admin1", "NG", latitude=11.5, longitude=13.0)
    assert _place_detail(borno, cand(borno), None, GROUPS[2:], "Boko Haram struck.") == (
        "admin1: NG (11.50, 13.00) · Ansaru operates in NG · Boko Haram acts mostly in Borno")
    named = Place("t:1", "Gadam", "place", "NG", admin1="Borno", source="text:Lassa")
    assert _place_detail(named, None, LASSA) == "place: Borno, NG (no coordinates)"


def test_the_codings_evidence_in_the_same_words():
    text = "Boko Haram and JNIM attacked Kuttari (Askira-Uba) and Lassa."
    mk = Match(text.index("Kuttari"), text.index("Kuttari") + 7, "Kuttari",
               (cand(KUTTARI),))
    ml = Match(text.index("Lassa"), text.index("Lassa") + 5, "Lassa", (cand(LASSA),))
    assert evidence(cand(KUTTARI), text, mk, [mk, ml], groups=_theatres(GROUPS)) == [
        "Askira-Uba (admin2) named", "35 km from Lassa",
        "Boko Haram operates in NG, NE, TD, CM", "JNIM operates in ML, BF, NE, not NG",
        "Ansaru operates in NG", "Boko Haram acts mostly in Borno", "pop. 1,200", "NG.txt"]
    assert evidence(cand(LASSA), text, ml, [ml]) == [
        "Askira-Uba (admin2) named", "Boko Haram acts mostly in Borno", "bundled"]
    named = Place("t:1", "Gadam", "place", "NG", source="text:Lassa")
    assert evidence(cand(named), "Gadam", ml, [ml]) == [
        "named in the text: units and coordinates of Lassa"]


def _theatres(groups):
    from sahel_tui.gazetteer.evidence import Theatres

    return Theatres(tuple((name, cs, False) for name, cs in groups))
