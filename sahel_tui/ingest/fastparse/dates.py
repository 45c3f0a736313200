# Ported from feedparser 6: Copyright 2010-2025 Kurt McKee, 2002-2008 Mark Pilgrim; BSD 2-Clause
# licence, reproduced in LICENSE-feedparser.md beside this file.
"""feedparser's date parsing, without importing feedparser for the usual formats.

feedparser tries its date handlers in a fixed order and keeps the first answer: W3DTF, then
RFC 822, then a tail of rarer ones (ISO 8601 variants, asctime, Perforce, Greek, Hungarian,
Korean). The first two are ported here line for line; any string they cannot read goes to
feedparser's own ``_parse_date``, which tries the whole chain again and so gives exactly
feedparser's answer. tests/test_fastparse.py checks the ports against feedparser.
"""

from __future__ import annotations

import datetime
import time

# the exceptions feedparser's _parse_date swallows from a handler before trying the next
_SKIP = (KeyError, OverflowError, ValueError, AttributeError)

_W3DTF_ZONES = {
    "ut": 0, "gmt": 0, "z": 0,
    "adt": -3, "ast": -4, "at": -4,
    "edt": -4, "est": -5, "et": -5,
    "cdt": -5, "cst": -6, "ct": -6,
    "mdt": -6, "mst": -7, "mt": -7,
    "pdt": -7, "pst": -8, "pt": -8,
    "a": -1, "n": 1,
    "m": -12, "y": 12,
}
_RFC822_ZONES = {**_W3DTF_ZONES, "met": 1, "mest": 2}
_DAY_NAMES = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
           "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}


def parse_date(value: str | None) -> time.struct_time | None:
    """A date string as a UTC struct_time, exactly as feedparser's _parse_date reads it."""
    if not value:
        return None
    for handler in (_w3dtf, _rfc822):
        try:
            parsed = handler(value)
        except _SKIP:
            continue
        if parsed and len(parsed) == 9:
            return parsed
    from feedparser.datetimes import _parse_date  # the rare formats: feedparser's own chain

    return _parse_date(value)


def _utc(year: int, month: int, day: int, hour: int, minute: int, second: int,
         tz_hours: int, tz_minutes: int) -> time.struct_time | None:
    try:
        stamp = datetime.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    delta = datetime.timedelta(0, 0, 0, 0, tz_minutes, tz_hours)
    try:
        return (stamp - delta).utctimetuple()
    except (OverflowError, ValueError):
        return None


def _w3dtf(datestr: str) -> time.struct_time | None:
    """feedparser.datetimes.w3dtf._parse_date_w3dtf."""
    if not datestr.strip():
        return None
    parts = datestr.lower().split("t")
    if len(parts) == 1:
        parts = parts[0].split()
        if len(parts) == 1:
            parts.append("00:00:00z")
    elif len(parts) > 2:
        return None
    date = parts[0].split("-", 2)
    if not date or len(date[0]) != 4:
        return None
    date.extend(["1"] * (3 - len(date)))
    try:
        year, month, day = (int(i) for i in date)
    except ValueError:
        return None
    if parts[1].endswith("z"):
        parts[1] = parts[1][:-1]
        parts.append("z")
    loc = parts[1].find("-") + 1 or parts[1].find("+") + 1 or len(parts[1]) + 1
    loc = loc - 1
    parts.append(parts[1][loc:])
    parts[1] = parts[1][:loc]
    hms = parts[1].split(":", 2)
    hms.extend(["0"] * (3 - len(hms)))
    if parts[2][:1] in ("-", "+"):
        try:
            tzhour = int(parts[2][1:3])
            tzmin = int(parts[2][4:])
        except ValueError:
            return None
        if parts[2].startswith("-"):
            tzhour = tzhour * -1
            tzmin = tzmin * -1
    else:
        tzhour = _W3DTF_ZONES.get(parts[2], 0)
        tzmin = 0
    try:
        hour, minute, second = (int(float(i)) for i in hms)
    except ValueError:
        return None
    return _utc(year, month, day, hour, minute, second, tzhour, tzmin)


def _rfc822(date: str) -> time.struct_time | None:
    """feedparser.datetimes.rfc822._parse_date_rfc822."""
    parts = date.lower().split()
    if len(parts) < 5:
        parts.extend(("00:00:00", "0000"))
    if parts[0][:3] in _DAY_NAMES:
        parts = parts[1:]
    if len(parts) < 5:
        return None
    month = _MONTHS.get(parts[1][:3])
    try:
        day = int(parts[0])
    except ValueError:
        if _MONTHS.get(parts[0][:3]):
            try:
                day = int(parts[1])
            except ValueError:
                return None
            month = _MONTHS.get(parts[0][:3])
        else:
            return None
    if not month:
        return None
    try:
        year = int(parts[2])
    except ValueError:
        return None
    if len(parts[2]) <= 2:
        year += (1900, 2000)[year < 90]
    time_parts = parts[3].split(":")
    time_parts.extend(("0",) * (3 - len(time_parts)))
    try:
        (hour, minute, second) = (int(i) for i in time_parts)
    except ValueError:
        return None
    if parts[4].startswith("etc/"):
        parts[4] = parts[4][4:]
    if parts[4].startswith("gmt"):
        parts[4] = "".join(parts[4][3:].split(":")) or "gmt"
    if parts[4] and parts[4][0] in ("-", "+"):
        try:
            if ":" in parts[4]:
                tz_hours = int(parts[4][1:3])
                tz_minutes = int(parts[4][4:])
            else:
                tz_hours = int(parts[4][1:3])
                tz_minutes = int(parts[4][3:])
        except ValueError:
            return None
        if parts[4].startswith("-"):
            tz_hours *= -1
            tz_minutes *= -1
    else:
        tz_hours = _RFC822_ZONES.get(parts[4], 0)
        tz_minutes = 0
    return _utc(year, month, day, hour, minute, second, tz_hours, tz_minutes)
