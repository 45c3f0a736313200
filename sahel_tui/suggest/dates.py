"""Suggest an event date from date phrases relative to the item's published date.

English and French: "on Tuesday", "Tuesday", "last week", "overnight", "yesterday",
"on November 26", "26 November", "Nov. 26", "mardi", "le dimanche 12 octobre", "hier",
"la semaine dernière", "dans la nuit de samedi à dimanche", "3 days ago", "il y a deux
jours", "in recent days", "ces derniers jours", "in November", "le mois dernier",
"26/11/2024" (day first).

Rules:
* a weekday means the most recent such day on or before the published date; the
  published date itself only if the text says "today"/"aujourd'hui" (otherwise a week
  earlier; the same-day reading is offered in ``alternatives``).  With
  ``same_day_weekday=True`` (news style: "on Friday" in a story filed on Friday means
  that Friday, as wire and newspaper copy write it) a bare weekday naming the
  publication day is that day, unless "last"/"dernier" precedes or follows it; the
  week-earlier reading is then the alternative;
* a night "de samedi à dimanche" / "du 12 au 13" is coded to the evening it began;
* a date without a year is the most recent such date on or before the published date;
* precision (ACLED time_precision): 1 exact day, 2 within a week (mid-point recorded:
  "last week" -> Thursday of the previous Monday-Sunday week; "in recent days" -> three
  days before publication), 3 only the month (15th);
* with several phrases, the one in a sentence about violence wins over one that follows
  "said"/"a déclaré"; then the earlier one;
* no phrase: the published date, ``fallback=True``, precision 2.

Pure functions, stdlib only.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ._text import EN_NUMBERS, FR_NUMBERS, fold_same_length, sentence_bounds, sentence_of

__all__ = ["DateSuggestion", "extract_event_date", "find_dates"]


@dataclass(frozen=True, slots=True)
class DateSuggestion:
    date: dt.date
    time_precision: int  # ACLED: 1 day, 2 week, 3 month
    span: tuple[int, int] | None  # [start, end) in the original text; None for fallback
    phrase: str  # the matched text ("" for fallback)
    fallback: bool = False  # True: no phrase found, published date used
    note: str = ""
    alternatives: tuple[dt.date, ...] = ()  # other readings (e.g. same-day weekday)
    score: float = 0.0


WEEKDAYS_EN = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_WD = {w: i for i, w in enumerate(WEEKDAYS_EN)} | {w: i for i, w in enumerate(WEEKDAYS_FR)}
_WD_EN = "|".join(WEEKDAYS_EN)
_WD_FR = "|".join(WEEKDAYS_FR)
_WD_ALL = f"{_WD_EN}|{_WD_FR}"

MONTHS_EN = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
MONTHS_FR = {
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4,
    "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9,
    "octobre": 10, "novembre": 11, "decembre": 12,
}
_MONTHS = MONTHS_EN | MONTHS_FR
_MON_EN = "|".join(sorted(MONTHS_EN, key=len, reverse=True))
_MON_FR = "|".join(sorted(MONTHS_FR, key=len, reverse=True))
_MON_ALL = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th|er)?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_YEAR = r"(?:19|20)\d{2}"
_SMALL_NUM = "|".join(sorted(
    [w for w, v in (EN_NUMBERS | FR_NUMBERS).items() if 1 <= v <= 31], key=len, reverse=True
))

_EVENT_WORDS = re.compile(
    r"\b(?:kill\w*|dead|died|death\w*|attack\w*|ambush\w*|clash\w*|fight\w*|gunmen|"
    r"kidnap\w*|abduct\w*|explo\w*|strike\w*|raid\w*|shot|bomb\w*|massacre\w*|"
    r"loot\w*|burn\w*|protest\w*|arrest\w*|tue\w*|tues|mort\w*|attaqu\w*|embuscade\w*|"
    r"affrontement\w*|accrochage\w*|enlev\w*|frappe\w*|incendi\w*|pill\w*|manifest\w*|"
    r"interpell\w*|assaill\w*|combats?|neutralis\w*|occurred|happened|took place|"
    r"s'est produit\w*|a eu lieu|perpetr\w*)\b"
)
_REPORTING = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|declared|confirmed|added|"
    r"statement|communique|published|released|dated|a declare|a annonce|a indique|"
    r"a affirme|a precise|a confirme|a rapporte|ont declare|ont indique|selon|"
    r"communique)\W+(?:\w+\W+){0,3}$"
)


def _as_date(published: dt.date | dt.datetime) -> dt.date:
    return published.date() if isinstance(published, dt.datetime) else published


def _last_weekday(pub: dt.date, wd: int, allow_same_day: bool) -> dt.date:
    back = (pub.weekday() - wd) % 7
    if back == 0 and not allow_same_day:
        back = 7
    return pub - dt.timedelta(days=back)


def _month_date(pub: dt.date, month: int, day: int, year: int | None) -> dt.date | None:
    try:
        if year is not None:
            return dt.date(year, month, day)
        d = dt.date(pub.year, month, day)
        if d > pub:
            d = dt.date(pub.year - 1, month, day)
        return d
    except ValueError:
        return None


def _mid_month(pub: dt.date, month: int, year: int | None) -> dt.date:
    y = year if year is not None else (pub.year if month <= pub.month else pub.year - 1)
    d = dt.date(y, month, 15)
    if year is None and d > pub:
        d = pub if (d.year, d.month) == (pub.year, pub.month) else d
    return d


def _year(s: str | None) -> int | None:
    if not s:
        return None
    y = int(s)
    return y + 2000 if y < 100 else y


def _day(s: str) -> int:
    return int(s.replace("er", "").replace("st", "").replace("nd", "")
               .replace("rd", "").replace("th", ""))


def _small_number(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    return EN_NUMBERS.get(s, FR_NUMBERS.get(s))


class _Ctx:
    def __init__(self, text: str, ftext: str, pub: dt.date, lang: str | None,
                 same_day_weekday: bool = False):
        self.text = text
        self.f = ftext
        self.pub = pub
        self.lang = lang
        self.says_today = re.search(r"\b(?:today|aujourd'hui)\b", ftext) is not None
        self.same_day_weekday = same_day_weekday

    def capitalised(self, pos: int) -> bool:
        return self.text[pos].isupper()


# Each handler gets (match, ctx) and returns (date, precision, note, alternatives) or None.
def _h_explicit(m: re.Match, c: _Ctx):
    mon_word = m.group("mon")
    month = _MONTHS[mon_word.rstrip(".")]
    if mon_word in MONTHS_EN and mon_word not in MONTHS_FR and not c.capitalised(m.start("mon")):
        return None  # "may", "march" as ordinary words
    d1 = _day(m.group("d1"))
    d2 = _day(m.group("d2")) if m.group("d2") else None
    year = _year(m.group("y"))
    night = m.groupdict().get("night")
    start = _month_date(c.pub, month, d1, year)
    if start is None:
        return None
    note = ""
    wd = m.groupdict().get("wd")
    if wd and _WD[wd] != start.weekday():
        note = f"weekday '{wd}' does not fall on {start.isoformat()}"
    if d2 is not None and not night:
        end = _month_date(c.pub, month, d2, year)
        if end is None or end < start:
            return start, 1, note, ()
        span = (end - start).days
        mid = start + dt.timedelta(days=span // 2)
        return mid, (1 if span == 0 else 2 if span <= 6 else 3), "date range; mid-point", (start, end)
    if night:
        note = (note + "; " if note else "") + "night: coded to the evening it began"
    return start, 1, note, ()


def _h_numeric(m: re.Match, c: _Ctx):
    try:
        d = dt.date(_year(m.group("y")) or c.pub.year, int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None
    if d > c.pub + dt.timedelta(days=1):
        return None
    return d, 1, "numeric date read day-first", ()


def _h_night_weekdays(m: re.Match, c: _Ctx):
    w1 = _WD[m.group("w1")]
    w2 = m.group("w2")
    if w2:
        end = _last_weekday(c.pub, _WD[w2], allow_same_day=True)
        start = end - dt.timedelta(days=(_WD[w2] - w1) % 7 or 7)
    else:
        start = _last_weekday(c.pub, w1, allow_same_day=c.says_today)
    return start, 1, "night: coded to the evening it began", ()


def _h_weekday(m: re.Match, c: _Ctx):
    pre = (m.group("pre") or "").strip()
    post = (m.group("post") or "").strip()
    if post in ("prochain", "next") or pre in ("next", "this coming", "coming"):
        return None
    wd = _WD[m.group("wd")]
    last = pre in ("last", "past", "this past", "dernier") or post in ("dernier", "passe")
    same_day = c.says_today or (c.same_day_weekday and not last)
    d = _last_weekday(c.pub, wd, allow_same_day=same_day)
    alts: tuple[dt.date, ...] = ()
    if wd == c.pub.weekday():
        other = c.pub - dt.timedelta(days=7) if d == c.pub else c.pub
        if not c.says_today:
            alts = (other,)
    return d, 1, "", alts


def _rel(days: int, precision: int = 1, note: str = ""):
    def h(m: re.Match, c: _Ctx):
        return c.pub - dt.timedelta(days=days), precision, note, ()
    return h


def _h_days_ago(m: re.Match, c: _Ctx):
    n = _small_number(m.group("n"))
    if n is None:
        return None
    return c.pub - dt.timedelta(days=n), (1 if n <= 6 else 2), "", ()


def _h_last_week(m: re.Match, c: _Ctx):
    monday = c.pub - dt.timedelta(days=c.pub.weekday() + 7)
    return monday + dt.timedelta(days=3), 2, "previous week: mid-point (Thursday)", ()


def _h_this_week(m: re.Match, c: _Ctx):
    monday = c.pub - dt.timedelta(days=c.pub.weekday())
    return monday + (c.pub - monday) // 2, 2, "this week: mid-point so far", ()


def _h_weekend(m: re.Match, c: _Ctx):
    sat = _last_weekday(c.pub, 5, allow_same_day=True)
    return sat, 2, "weekend: Saturday-Sunday", ()


def _h_last_month(m: re.Match, c: _Ctx):
    first = c.pub.replace(day=1) - dt.timedelta(days=1)
    return first.replace(day=15), 3, "previous month: mid-month", ()


def _h_this_month(m: re.Match, c: _Ctx):
    return min(c.pub.replace(day=15), c.pub), 3, "this month: mid-month", ()


def _h_month_only(m: re.Match, c: _Ctx):
    mon_word = m.group("mon")
    if mon_word in MONTHS_EN and mon_word not in MONTHS_FR and not c.capitalised(m.start("mon")):
        return None
    month = _MONTHS[mon_word]
    year = _year(m.group("y"))
    return _mid_month(c.pub, month, year), 3, "month only: mid-month", ()


_PATTERNS: list[tuple[re.Pattern[str], object]] = [
    # "the night of 12 to 13 October", "dans la nuit du 12 au 13 octobre"
    (re.compile(
        rf"\b(?P<night>(?:dans\s+)?la\s+nuit\s+du|(?:on\s+|in\s+)?the\s+night\s+of(?:\s+the)?)\s+"
        rf"(?P<d1>{_DAY}){_ORD}\s+(?:au|to|and|-)\s+(?P<d2>{_DAY}){_ORD}\s+(?:of\s+)?"
        rf"(?P<mon>{_MON_ALL})\.?(?:,?\s+(?P<y>{_YEAR}))?\b"), _h_explicit),
    # "(on) (Tuesday,) November 26(-27)(, 2024)", "Nov. 26"
    (re.compile(
        rf"\b(?:(?P<wd>{_WD_EN}),?\s+)?(?P<mon>{_MON_EN})\.?\s+(?P<d1>{_DAY}){_ORD}"
        rf"(?:\s*(?:-|to|and)\s*(?P<d2>{_DAY}){_ORD})?(?:,?\s+(?P<y>{_YEAR}))?(?![\d,.]\d)\b"),
     _h_explicit),
    # "26 November", "le dimanche 12 octobre", "1er mars 2024", "12-14 octobre"
    (re.compile(
        rf"\b(?:(?:le|ce|on|the)\s+)?(?:(?P<wd>{_WD_ALL}),?\s+)?(?:the\s+)?"
        rf"(?P<d1>{_DAY}){_ORD}(?:\s*(?:-|to|and|au|et)\s*(?P<d2>{_DAY}){_ORD})?\s+(?:of\s+)?"
        rf"(?P<mon>{_MON_ALL})\b\.?(?:,?\s+(?P<y>{_YEAR}))?"), _h_explicit),
    # 26/11/2024, 26.11.24 (day first)
    (re.compile(r"\b(?P<d>[0-3]?\d)[/.](?P<m>[01]?\d)[/.](?P<y>(?:19|20)?\d{2})\b"), _h_numeric),
    # nights between weekdays
    (re.compile(
        rf"\b(?:(?:dans|durant|pendant)\s+)?la\s+nuit\s+(?:de|du)\s+(?P<w1>{_WD_FR})"
        rf"(?:\s+(?:a|au)\s+(?P<w2>{_WD_FR}))?\b"), _h_night_weekdays),
    (re.compile(
        rf"\b(?:(?:on|in|during|overnight)\s+)?the\s+night\s+(?:of|from|between)\s+"
        rf"(?P<w1>{_WD_EN})(?:\s+(?:to|and|into)\s+(?P<w2>{_WD_EN}))?\b"), _h_night_weekdays),
    (re.compile(rf"\bovernight\s+(?:on\s+)?(?P<w1>{_WD_EN})(?P<w2>)\b"), _h_night_weekdays),
    # weekdays
    (re.compile(
        rf"\b(?:(?P<pre>on|last|this\s+past|past|next|this\s+coming|coming|le|ce|dernier)\s+)?"
        rf"(?P<wd>{_WD_ALL})(?:\s+(?P<post>morning|afternoon|evening|night|matin|soir|"
        rf"apres-midi|dernier|passe|prochain|next))?\b"), _h_weekday),
    # relative days
    (re.compile(r"\b(?:the\s+day\s+before\s+yesterday|avant-hier)\b"), _rel(2)),
    (re.compile(
        r"\b(?:yesterday(?:\s+(?:morning|afternoon|evening|night))?|last\s+night|"
        r"hier(?:\s+(?:matin|soir|apres-midi|nuit))?|la\s+nuit\s+derniere|cette\s+nuit|"
        r"dans\s+la\s+nuit|overnight)\b"), _rel(1)),
    (re.compile(
        r"\b(?:earlier\s+today|today|this\s+(?:morning|afternoon|evening)|tonight|"
        r"aujourd'hui|ce\s+matin|cet\s+apres-midi|ce\s+soir|ce\s+jour)\b"), _rel(0)),
    (re.compile(rf"\b(?P<n>\d{{1,2}}|{_SMALL_NUM})\s+days?\s+ago\b"), _h_days_ago),
    (re.compile(rf"\bil\s+y\s+a\s+(?P<n>\d{{1,2}}|{_SMALL_NUM})\s+jours?\b"), _h_days_ago),
    (re.compile(r"\b(?:a|one)\s+week\s+ago\b|\bil\s+y\s+a\s+une\s+semaine\b"),
     _rel(7, 2, "a week ago")),
    (re.compile(
        r"\b(?:in\s+recent\s+days|over\s+the\s+(?:past|last)\s+(?:few\s+)?days|"
        r"in\s+the\s+(?:past|last)\s+few\s+days|(?:au\s+cours\s+)?(?:de\s+)?ces\s+"
        r"derniers\s+jours|ces\s+derniers\s+jours|(?:au\s+cours\s+des|durant\s+les)\s+"
        r"derniers\s+jours)\b"), _rel(3, 2, "recent days: mid-point")),
    # weeks, weekends, months
    (re.compile(
        r"\b(?:last\s+week|the\s+previous\s+week|the\s+week\s+before|"
        r"la\s+semaine\s+(?:derniere|passee|precedente))\b"), _h_last_week),
    (re.compile(
        r"\b(?:earlier\s+this\s+week|this\s+week|cette\s+semaine|en\s+debut\s+de\s+semaine|"
        r"plus\s+tot\s+cette\s+semaine)\b"), _h_this_week),
    (re.compile(
        r"\b(?:over\s+the\s+weekend|last\s+weekend|this\s+weekend|at\s+the\s+weekend|"
        r"(?:le|ce|du|durant\s+le|pendant\s+le)\s+week-?end(?:\s+dernier)?)\b"), _h_weekend),
    (re.compile(r"\b(?:last\s+month|le\s+mois\s+(?:dernier|passe|precedent))\b"), _h_last_month),
    (re.compile(
        r"\b(?:earlier\s+this\s+month|this\s+month|ce\s+mois(?:-ci)?|en\s+debut\s+de\s+mois)\b"),
     _h_this_month),
    (re.compile(
        rf"\b(?:in|during|early|late|mid|en|courant|debut|fin|mi|au\s+mois\s+de|au\s+mois\s+d')"
        rf"[\s-]*(?P<mon>{_MON_ALL})\b(?:\s+(?P<y>{_YEAR}))?"), _h_month_only),
]


_NAMED_AFTER = re.compile(r"\b[A-Z][a-z\u00e0-\u00ff]+\s+(?:of|du|de|des)\s+(?:the\s+)?$")


def find_dates(
    text: str, published: dt.date | dt.datetime, lang: str | None = None, *,
    same_day_weekday: bool = False,
) -> list[DateSuggestion]:
    """Every date phrase in *text* resolved against *published*, in text order.

    Overlapping phrases keep the longest ("le dimanche 12 octobre", not "dimanche").
    ``score`` ranks them for :func:`extract_event_date`.
    """
    pub = _as_date(published)
    ftext = fold_same_length(text)
    ctx = _Ctx(text, ftext, pub, lang, same_day_weekday)
    found: list[tuple[int, int, tuple]] = []
    for rx, handler in _PATTERNS:
        for m in rx.finditer(ftext):
            res = handler(m, ctx)  # type: ignore[operator]
            if res is None:
                continue
            # trim a leading "on "/"le " etc. from the span? keep: it reads naturally
            found.append((m.start(), m.end(), res))
    # longest wins on overlaps
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    chosen: list[tuple[int, int, tuple]] = []
    for s, e, res in found:
        if any(s < ce and cs < e for cs, ce, _ in chosen):
            continue
        chosen.append((s, e, res))
    chosen.sort(key=lambda f: f[0])

    bounds = sentence_bounds(text)
    out = []
    for s, e, (date, prec, note, alts) in chosen:
        si = sentence_of(bounds, s)
        sent_start, sent_end = bounds[si]
        sentence = ftext[sent_start:sent_end]
        score = 0.0
        if _EVENT_WORDS.search(sentence):
            score += 2.0
        if _REPORTING.search(ftext[max(sent_start, s - 40) : s]):
            score -= 3.0
        if prec == 1:
            score += 0.5
        if date > pub:
            score -= 5.0
        if _NAMED_AFTER.search(text, max(0, s - 30), s):
            score -= 3.0  # a name, not a day: "the Movement of June 5", "Mouvement du 5 juin"
        out.append(DateSuggestion(date=date, time_precision=prec, span=(s, e),
                                  phrase=text[s:e], note=note, alternatives=tuple(alts),
                                  score=score))
    return out


def extract_event_date(
    text: str, published: dt.date | dt.datetime, lang: str | None = None, *,
    same_day_weekday: bool = False,
) -> DateSuggestion:
    """The most plausible event date in *text* (see the module doc), or the published
    date with ``fallback=True`` and precision 2 when the text has no date phrase."""
    cands = find_dates(text, published, lang, same_day_weekday=same_day_weekday)
    if not cands:
        return DateSuggestion(
            date=_as_date(published), time_precision=2, span=None, phrase="", fallback=True,
            note="no date phrase found: published date used",
        )
    best = max(cands, key=lambda c: (c.score, -c.span[0]))  # type: ignore[index]
    return best
