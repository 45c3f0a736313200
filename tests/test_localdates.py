"""Feed dates with month and day names in other languages (issue #11 item 13)."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from helpers_feeds import rss
from hypothesis import given
from hypothesis import strategies as st

from sahel_tui.ingest.localdates import parse_localized
from sahel_tui.ingest.normalize import entry_time, entry_time_checked
from sahel_tui.ingest.parse import parse_feed

NOW = datetime(2025, 12, 1, 12, 0, tzinfo=UTC)


def _utc(st_: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%d %H:%M", st_) if st_ else None


@pytest.mark.parametrize(("value", "expected"), [
    # Portuguese (the Brazilian feed of the issue), French, Spanish, German
    ("Seg, 24 Set 2018", "2018-09-24 00:00"),
    ("Dom, 09 Dez 2018 08:00:00 -0300", "2018-12-09 11:00"),
    ("segunda-feira, 24 de setembro de 2018 às 10:30", "2018-09-24 10:30"),
    ("lun., 03 nov. 2025 10:00:00 +0100", "2025-11-03 09:00"),
    ("jeudi 6 février 2025 à 08h15 WAT", "2025-02-06 07:15"),
    ("sam., 1 août 2025 12:00:00 GMT", "2025-08-01 12:00"),
    ("mar., 04 nov. 2025 10:00:00 +0100", "2025-11-04 09:00"),  # "mar." is Tuesday here
    ("Mié, 5 Mar 2025 14:00:00 GMT", "2025-03-05 14:00"),
    ("jueves, 13 de diciembre de 2018", "2018-12-13 00:00"),
    ("Mo, 03 Nov 2025 10:00:00 +0100", "2025-11-03 09:00"),
    ("Fr, 7. Mär 2025 09:00:00 MEZ", "2025-03-07 08:00"),
    ("3. Oktober 2024", "2024-10-03 00:00"),
    # Arabic: Egyptian, Levantine (two words) and Maghreb names, Arabic-Indic digits
    ("الاثنين، 24 سبتمبر 2018 - 10:00", "2018-09-24 10:00"),
    ("٢٤ كانون الأول ٢٠١٨", "2018-12-24 00:00"),
    ("الأحد 5 غشت 2018", "2018-08-05 00:00"),
    ("12 تشرين الثاني 2023 14:30 +0300", "2023-11-12 11:30"),
    # English the strict parsers refuse
    ("sept. 12, 2024 3:00 pm", "2024-09-12 15:00"),
])
def test_month_and_day_names_are_read(value, expected):
    assert _utc(parse_localized(value)) == expected


@pytest.mark.parametrize("value", [
    "", "hello", "mar 2025", "24 Set", "32 Set 2018", "31 fev 2018", "Seg, 24 Set 2018 25:00",
    "x" * 500 + " 24 Set 2018", None, 42,
])
def test_what_is_not_a_date_gives_none(value):
    assert parse_localized(value) is None


@given(st.text(max_size=80))
def test_any_string_never_raises(value):
    result = parse_localized(value)
    assert result is None or isinstance(result, time.struct_time)


@given(st.lists(st.sampled_from(["24", "2018", "Set", "sept.", "de", "10:00", "+0100", "-05:30",
                                 "lun.,", "كانون", "الثاني", "٢٠١٨", "pm", "h", "99:99", ",",
                                 "0", "00", "9999", "WAT"]), max_size=8))
def test_any_mix_of_date_parts_never_raises(parts):
    parse_localized(" ".join(parts))


def test_an_entry_with_a_portuguese_date_is_not_guessed():
    # feedparser leaves published_parsed empty for it; the raw string is read here
    assert entry_time({"published": "Seg, 24 Set 2018 10:00:00 -0300"}, NOW, None) == \
        ("2018-09-24T13:00:00Z", False)


def test_a_future_date_is_clamped_to_fetch_time_and_reported():
    far = time.strptime("2035-01-01 00:00:00", "%Y-%m-%d %H:%M:%S")
    # the fetch time, not the feed's own date, and the date replaced is given back
    assert entry_time_checked({"published_parsed": far}, NOW, "2025-11-30T00:00:00Z") == \
        ("2025-12-01T12:00:00Z", True, "2035-01-01T00:00:00Z")
    # a believable date further down wins, and nothing is reported
    ok = time.strptime("2025-11-01 00:00:00", "%Y-%m-%d %H:%M:%S")
    assert entry_time_checked({"published_parsed": far, "updated_parsed": ok}, NOW, None) == \
        ("2025-11-01T00:00:00Z", False, None)


def test_feed_with_future_and_localized_dates():
    body = rss([
        {"title": "a", "link": "https://x.example/a", "pubDate": "Mon, 01 Jan 2035 08:00:00 +0000"},
        {"title": "b", "link": "https://x.example/b", "pubDate": "Seg, 24 Set 2018 10:00:00 -0300"},
        {"title": "c", "link": "https://x.example/c", "pubDate": "Sun, 30 Nov 2025 08:00:00 +0000"},
    ])
    for fast in (True, False):
        feed = parse_feed(body, "k", now=NOW, fast=fast)
        got = {e.title: (e.published, e.published_guessed) for e in feed.entries}
        assert got == {"a": ("2025-12-01T12:00:00Z", True), "b": ("2018-09-24T13:00:00Z", False),
                       "c": ("2025-11-30T08:00:00Z", False)}
        assert "1 entry dated in the future (latest 2035-01-01) given the fetch time" in \
            feed.warning
