"""Dates as the articles give them: a day, a month, a year, or a span between two of those."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .messages import say

_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period; `text` is the form written in the data ("2024-01/2024-09")."""

    end: date
    start: date
    precision: str  # day | month | year | span
    text: str

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def __str__(self) -> str:
        return self.text


def parse(value: object) -> Period:
    """Parse "2024-09-15", "2024-09", "2024" or "START/END"; raise ValueError in plain words."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(say("date_not_text", got=repr(value)))
    text = str(value).strip()
    if "/" in text:
        first, _, last = text.partition("/")
        start, end = _part(first, text), _part(last, text)
        if start[0] > end[1]:
            raise ValueError(say("period_backwards", text=text))
        return Period(end=end[1], start=start[0], precision="span", text=text)
    start, end, precision = _part(text, text)
    return Period(end=end, start=start, precision=precision, text=text)


def _part(part: str, whole: str) -> tuple[date, date, str]:
    match = _PART.match(part.strip())
    if not match:
        raise ValueError(say("date_form", text=whole))
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31), "year"
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last), "month"
        return date(year, month, day), date(year, month, day), "day"
    except ValueError:
        raise ValueError(say("date_unreal", text=whole)) from None
