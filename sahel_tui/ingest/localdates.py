"""Feed dates written with month and day names in French, Portuguese, Spanish, German or Arabic.

feedparser reads English RFC 822 and ISO 8601 dates only, so "Seg, 24 Set 2018" or
"lun., 03 nov. 2025 10:00:00 +0100" came out as no date at all and the item was stamped with
the fetch time. This is the fallback for what feedparser could not read: find a month name
(from the tables below), a day, a four-digit year, optionally a time and a UTC offset, in any
order the languages use ("24 de setembro de 2018 às 10:30", "3. November 2025", "الاثنين، 24
سبتمبر 2018"). Day names are ignored: the date fixes the weekday. Anything else gives None;
nothing here raises.
"""

from __future__ import annotations

import datetime
import re
import time
import unicodedata

# Full month names; Latin-script ones also match by any prefix of 3+ letters that names one
# month only ("sept.", "févr.", "Okt", "dez"), so the usual abbreviations need no list.
_LATIN_MONTHS = {
    1: "january janvier janeiro enero januar janner",
    2: "february fevrier fevereiro febrero februar",
    3: "march mars marco marzo marz",
    4: "april avril abril",
    5: "may mai maio mayo",
    6: "june juin junho junio juni",
    7: "july juillet julho julio juli",
    8: "august aout agosto",
    9: "september septembre setembro septiembre setiembre",
    10: "october octobre outubro octubre oktober",
    11: "november novembre novembro noviembre",
    12: "december decembre dezembro diciembre dezember",
}
# Arabic: Egyptian/Gulf, Levantine, Moroccan and Algerian names; matched whole.
_ARABIC_MONTHS = {
    1: "يناير جانفي كانون الثاني",
    2: "فبراير فيفري شباط",
    3: "مارس آذار",
    4: "أبريل ابريل إبريل أفريل نيسان",
    5: "مايو ماي أيار",
    6: "يونيو يونيه جوان حزيران",
    7: "يوليو يوليه يوليوز جويلية تموز",
    8: "أغسطس اغسطس غشت أوت آب",
    9: "سبتمبر شتنبر أيلول",
    10: "أكتوبر اكتوبر تشرين الأول",
    11: "نوفمبر نونبر تشرين الثاني",
    12: "ديسمبر دجنبر كانون الأول",
}
# The two-word Levantine names, joined before the text is cut into words.
_ARABIC_PHRASES = ("كانون الثاني", "تشرين الأول", "تشرين الثاني", "كانون الأول")
# Zone names seen in feeds of the region besides RFC 822's (offsets in minutes).
_ZONES = {"gmt": 0, "utc": 0, "ut": 0, "z": 0, "wat": 60, "cet": 60, "mez": 60, "cest": 120,
          "mesz": 120, "eet": 120, "eest": 180, "est": -300, "edt": -240, "pst": -480,
          "pdt": -420, "cat": 120, "eat": 180}

_MAX_LEN = 200  # a date is short; anything longer is not one
_TOKEN = re.compile(r"(?P<zone>(?<![\w:])[+-]\d{2}:?\d{2}(?!\d))"
                    r"|(?P<time>(?<!\d)\d{1,2}[:h]\d{2}(?::\d{2})?(?:\.\d+)?)"
                    r"|(?P<num>\d+)"
                    r"|(?P<word>[^\W\d_]+)")
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def _fold(text: str) -> str:
    """Lower case without accents or Arabic hamza/madda marks, so "Févr", "fevr" and
    "أبريل"/"ابريل" compare equal."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("ß", "ss")


def _month_table() -> tuple[dict[str, int], dict[str, int]]:
    exact: dict[str, int] = {}
    prefixes: dict[str, int | None] = {}
    for month, names in _LATIN_MONTHS.items():
        for name in names.split():
            exact[name] = month
            for n in range(3, len(name) + 1):
                p = name[:n]
                prefixes[p] = month if prefixes.get(p, month) == month else None
    for month, names in _ARABIC_MONTHS.items():
        for name in names.split():
            exact[_fold(name)] = month
    for phrase, month in zip(_ARABIC_PHRASES, (1, 10, 11, 12), strict=True):
        exact[_fold(phrase).replace(" ", _JOIN)] = month
    return exact, {p: m for p, m in prefixes.items() if m is not None}


_JOIN = "\u0640"  # Arabic tatweel, a word character: a joined phrase stays one word
_EXACT, _PREFIX = _month_table()
_PHRASES = [(_fold(p), _fold(p).replace(" ", _JOIN)) for p in _ARABIC_PHRASES]
# weekday names that are also a month's prefix: "mar." is Tuesday in French and Spanish
_DAY_LIKE = {"mar", "mardi", "martes"}


def _month_of(word: str) -> int | None:
    return _EXACT.get(word) or (_PREFIX.get(word) if word.isascii() else None)


def parse_localized(value: object) -> time.struct_time | None:
    """A date with month names in en/fr/pt/es/de/ar as a UTC struct_time, or None."""
    if not isinstance(value, str) or not value or len(value) > _MAX_LEN:
        return None
    text = _fold(value.translate(_ARABIC_DIGITS)).replace(_JOIN, "")
    for phrase, joined in _PHRASES:
        text = text.replace(phrase, joined)
    day = None
    hms = (0, 0, 0)
    offset = None
    pm = False
    numbers: list[tuple[int, str]] = []  # (token index, digits)
    months: list[tuple[int, int, str]] = []  # (token index, month, word)
    for i, m in enumerate(_TOKEN.finditer(text)):
        kind, tok = m.lastgroup, m.group()
        if kind == "word":
            if found := _month_of(tok):
                months.append((i, found, tok))
            elif offset is None and tok in _ZONES:
                offset = _ZONES[tok]
            elif tok in ("pm", "م"):
                pm = True
        elif kind == "num":
            numbers.append((i, tok))
        elif kind == "time" and hms == (0, 0, 0):
            parts = re.split(r"[:h]", tok.split(".")[0])
            hms = (int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) > 2 else 0)
        elif kind == "zone" and offset is None:
            digits = tok[1:].replace(":", "")
            offset = (int(digits[:2]) * 60 + int(digits[2:])) * (-1 if tok[0] == "-" else 1)
    if len(months) > 1 and months[0][2] in _DAY_LIKE:
        months.pop(0)
    if not months:
        return None
    month_at, month, _ = months[0]
    if pm and hms[0] < 12:
        hms = (hms[0] + 12, *hms[1:])
    year = next((int(d) for _, d in numbers if len(d) == 4), None)
    # the day: a number of one or two digits next to the month name, before it or after it
    near = sorted((abs(i - month_at), i, d) for i, d in numbers if len(d) <= 2)
    if near and near[0][0] <= 2:
        day = int(near[0][2])
    if year is None or day is None or not 1 <= day <= 31:
        return None
    try:
        local = datetime.datetime(year, month, day, *hms)
        return (local - datetime.timedelta(minutes=offset or 0)).utctimetuple()
    except (ValueError, OverflowError):
        return None


__all__ = ["parse_localized"]
