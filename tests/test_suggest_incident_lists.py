"""In-sentence lists of incidents (sahel_tui.suggest.incidents._listed): separate places and
days in one sentence give separate events, the toll shared out, not repeated.  Texts
written for the tests."""

from __future__ import annotations

import datetime as dt

import pytest

from sahel_tui.suggest import suggest_coding
from sahel_tui.suggest._text import fold_same_length
from sahel_tui.suggest.incidents import segments
from sahel_tui.vocab import load_vocab


@pytest.fixture(scope="module")
def vocab():
    return load_vocab()


def _code(vocab, body: str, title: str = "Weekly Sahel brief"):
    return suggest_coding(title, body, "2025-10-28T09:00:00+00:00", vocab=vocab).events


def test_each_item_of_a_list_with_its_own_day_is_an_event(vocab):
    evs = _code(vocab, "JNIM claimed IED attacks on army convoys at Tessit (3 October), "
                       "on the RN16 (4 October) and near Menaka (23 October), killing six "
                       "soldiers.")
    assert [e.date.date for e in evs] == [dt.date(2025, 10, 3), dt.date(2025, 10, 4),
                                          dt.date(2025, 10, 23)]
    assert {e.sub_event_type for e in evs} == {"Remote explosive/landmine/IED"}
    # the toll told once for the list is shared out, not repeated
    assert [e.fatalities.low for e in evs] == [2, 2, 2]
    assert evs[2].place is not None and evs[2].place.name == "Ménaka"
    assert evs[0].place is not None and evs[0].place.name == "Tessit"


def test_a_toll_that_does_not_divide_gives_the_remainder_to_the_first_items(vocab):
    evs = _code(vocab, "Gunmen attacked villages near Gao (3 Oct) and near Ansongo (5 Oct), "
                       "killing five civilians.")
    assert [e.fatalities.low for e in evs] == [3, 2]


def test_one_day_or_no_list_stays_one_incident():
    for body in ("Militants attacked Gao (3 Oct) and Ansongo (3 Oct).",
                 "Militants attacked Gao on 3 October, killing two soldiers.",
                 "Militants attacked Gao (Gao, Gao) and Ansongo (Ansongo, Gao)."):
        full = "Brief\n\n" + body
        assert len(segments(full, fold_same_length(full), len("Brief"))) == 1
