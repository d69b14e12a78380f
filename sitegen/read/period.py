"""Dates as the articles give them: a day, a part of a month, a month, a year, a span between two
of those, or a period still running when the article was written.

Written as ISO dates (EDTF-like): "2024-09-15", "2024-09", "2024", "2024-01/2024-09"; a part of a
month as the article names it, "2024-09-early" (đầu tháng, days 1–10), "2024-09-mid" (giữa tháng,
11–20) or "2024-09-late" (cuối tháng, 21 to the end); and an open end, "2024/.." ("Năm 2024" in an
article written during 2024) or "2024-01/.." ("từ đầu năm 2024"), which runs until the article
was published (see records.Observation.dated). A period is never shown more precisely than written.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone

from sitegen.messages import say

VIETNAM = timezone(timedelta(hours=7), "ICT")  # the newsroom's clock: UTC+7 all year, no summer time


def today() -> date:
    """Today's date in Vietnam, wherever the build runs (a CI runner keeps UTC, a laptop abroad its own)."""
    return datetime.now(VIETNAM).date()


_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}|early|mid|late))?)?$")
THIRDS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}  # the parts of a month an article names
OPEN = ".."  # an end that runs until the article was published
# Other ways a date is written, each with the ISO form it most likely means (Vietnamese: day first).
_DAY = re.compile(r"^(?:ngày\s*)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$")
_DAY_WORDS = re.compile(r"^(?:ngày\s*)?(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|,)?\s*(\d{4})$")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_EN_DAY = re.compile(r"^(?:(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)|([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?),?\s+(\d{4})$")
_DAY_BACKWARDS = re.compile(r"^(\d{4})\s*[/.]\s*(\d{1,2})\s*[/.]\s*(\d{1,2})$")
_MONTH = re.compile(r"^(?:tháng\s*)?(\d{1,2})\s*(?:[/.-]|\s+năm)\s*(\d{4})$")
_YEAR = re.compile(r"^(?:năm|year)\s+(\d{4})$")
_QUARTER = re.compile(r"^(?:q|quý\s*|quarter\s*)(\d|i{1,3}|iv)\s*(?:[/-]|\s+năm|\s+of)?\s*(\d{4})$")
_FIRST_MONTHS = re.compile(r"^(\d{1,2})\s*tháng\s+đầu\s+năm\s+(\d{4})$")
_THIRD = re.compile(r"^(đầu|giữa|cuối|early|mid|late)[\s-]*(?:tháng\s*)?(\d{1,2})\s*[/.-]\s*(\d{4})$")
_THIRD_WORDS = {"đầu": "early", "giữa": "mid", "cuối": "late", "early": "early", "mid": "mid", "late": "late"}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period; `text` is the form written in the data ("2024-01/2024-09")."""

    end: date
    start: date
    precision: str  # day | early | mid | late | month | year | span
    text: str
    parts: tuple[str, str] = ("day", "day")  # the precision of its first and last day as written
    open: bool = False  # "X/..": it runs until the article was published

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def until(self, end: date) -> Period:
        """An open period ended when its article was published."""
        return replace(self, end=max(self.start, end))

    def __str__(self) -> str:
        return self.text


def parse(value: object) -> Period:
    """Parse "2024-09-15", "2024-09", "2024" or "START/END"; raise ValueError in plain words."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(say("date_not_text", got=repr(value)))
    text = str(value).strip()
    if "/" in text:
        first, _, last = text.partition("/")
        start = _part(first, text)
        if last.strip() == OPEN:
            return Period(end=start[1], start=start[0], precision="span", text=text, parts=(start[2], "open"),
                          open=True)
        end = _part(last, text)
        if start[0] > end[1]:
            raise ValueError(say("period_backwards", text=text))
        return Period(end=end[1], start=start[0], precision="span", text=text, parts=(start[2], end[2]))
    start, end, precision = _part(text, text)
    return Period(end=end, start=start, precision=precision, text=text, parts=(precision, precision))


def _part(part: str, whole: str) -> tuple[date, date, str]:
    match = _PART.match(part.strip())
    if not match:
        raise ValueError(guess(whole) or say("date_form", text=whole))
    year, month, day = (int(g) if g and g.isdecimal() else g for g in match.groups())
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31), "year"
        last = calendar.monthrange(year, month)[1]
        if day is None:
            return date(year, month, 1), date(year, month, last), "month"
        if day in THIRDS:
            first, final = THIRDS[day]
            return date(year, month, first), date(year, month, min(final, last)), day
        return date(year, month, day), date(year, month, day), "day"
    except ValueError:
        raise ValueError(say("date_unreal", text=whole)) from None


def guess(text: str) -> str | None:
    """What to write for a date in another form ("03/10/2024", "tháng 10/2024", "Q3 2024"), or None."""
    plain = " ".join(text.casefold().split())
    if match := _DAY.match(plain):
        day, month, year = (int(g) for g in match.groups())
        return _day(text, year, month, day, ambiguous=day <= 12 and month <= 12 and day != month)
    if match := _DAY_WORDS.match(plain):  # "ngày 30 tháng 11 năm 2026"
        day, month, year = (int(g) for g in match.groups())
        return _day(text, year, month, day, ambiguous=False)
    if (match := _EN_DAY.match(plain)) and (month := _month(match.group(2) or match.group(3))):
        day = int(match.group(1) or match.group(4))  # "30 November 2026", "Nov 30, 2026"
        return _day(text, int(match.group(5)), month, day, ambiguous=False)
    if match := _DAY_BACKWARDS.match(plain):
        year, month, day = (int(g) for g in match.groups())
        return _day(text, year, month, day, ambiguous=False)
    if (match := _MONTH.match(plain)) and 1 <= int(match.group(1)) <= 12:
        return say("date_guess", text=text, iso=f"{match.group(2)}-{int(match.group(1)):02d}")
    if match := _YEAR.match(plain):
        return say("date_guess", text=text, iso=match.group(1))
    if match := _QUARTER.match(plain):
        quarter = _ROMAN.get(match.group(1)) or int(match.group(1))
        if 1 <= quarter <= 4:
            year = match.group(2)
            return say("date_guess", text=text, iso=f"{year}-{quarter * 3 - 2:02d}/{year}-{quarter * 3:02d}")
    if (match := _THIRD.match(plain)) and 1 <= int(match.group(2)) <= 12:
        return say("date_guess", text=text, iso=f"{match.group(3)}-{int(match.group(2)):02d}-"
                                                f"{_THIRD_WORDS[match.group(1)]}")
    if (match := _FIRST_MONTHS.match(plain)) and 1 <= int(match.group(1)) <= 12:
        return say("date_guess", text=text, iso=f"{match.group(2)}-01/{match.group(2)}-{int(match.group(1)):02d}")
    return None


def _month(name: str) -> int | None:
    """The month an English name or its first three letters give: "nov" -> 11."""
    return next((n for n, month in enumerate(_MONTHS, 1) if len(name) >= 3 and month.startswith(name)), None)


def _day(text: str, year: int, month: int, day: int, ambiguous: bool) -> str | None:
    try:
        date(year, month, day)
    except ValueError:
        return say("date_unreal", text=text)
    iso = f"{year}-{month:02d}-{day:02d}"
    if ambiguous:
        return say("date_ambiguous", text=text, iso=iso, day=day, month=month,
                   other=f"{year}-{day:02d}-{month:02d}")
    return say("date_guess", text=text, iso=iso)
