"""Numbers, values and dates in the reader's language, through Babel (vi first, en second)."""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_compact_decimal, format_decimal

from sitegen.read.period import THIRDS, Period, parse

if TYPE_CHECKING:
    from sitegen.read.content import Formats


# d3-format has no Vietnamese locale, so charts get these explicitly (see charts.py).
D3_FORMAT_LOCALES = {
    "vi": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["$", ""]},
}

_DAY = {"vi": "'ngày' d 'tháng' M 'năm' y", "en": "d MMMM y"}
_MONTH = {"vi": "'tháng' M 'năm' y", "en": "MMMM y"}
_YEAR = {"vi": "'năm' y", "en": "y"}
_ORDINAL = {"one": "st", "two": "nd", "few": "rd", "other": "th"}
_EN_COUNT = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
             "ten", "eleven", "twelve"]
_VI_COUNT = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười",
             "mười một", "mười hai"]


def count_words(n: int, lang: str) -> str:
    """A small count as a newspaper writes it: 5 -> "năm", "five"; past twelve, digits."""
    words = _VI_COUNT if lang == "vi" else _EN_COUNT
    return words[n] if 0 <= n < len(words) else number(n, lang)


@functools.cache  # pure, and the same figures recur on many pages
def number(value: Decimal | float, lang: str) -> str:
    """127178 -> vi "127.178", en "127,178"; 56.83 -> vi "56,83", en "56.83" (no trailing zeros)."""
    exact = Decimal(str(value))
    exact = exact.quantize(Decimal(1)) if exact == exact.to_integral_value() else exact.normalize()
    return format_decimal(exact, locale=lang, decimal_quantization=False)


def value(amount: Decimal, unit: str, lang: str, formats: Formats, qualifier: str = "exact",
          rank_of: int | None = None) -> str:
    """A figure as a reader should see it: "hơn 3 triệu", "56,83%", "thứ 7/63", "7th of 63"."""
    return formats.qualifier[qualifier](lang).format(v=_bare(amount, unit, lang, formats, rank_of))


def gap_unit(unit: str) -> str:
    """The unit of a difference between two figures: percent -> percentage points, rank -> places."""
    return {"percent": "percentage-points", "rank": "places"}.get(unit, unit)


def _bare(amount: Decimal, unit: str, lang: str, formats: Formats, rank_of: int | None) -> str:
    pattern = formats.unit
    if unit == "rank":
        n = int(amount)
        nth = f"{n}{_ORDINAL[Locale('en').ordinal_form(n)]}" if lang == "en" else str(n)
        return pattern["rank" if rank_of else "rank-alone"](lang).format(n=n, nth=nth, of=rank_of)
    if unit == "vnd":
        return pattern["vnd"](lang).format(n=_compact(amount, lang, 2))
    if unit == "count" and amount >= 1_000_000 and amount % 1_000_000 == 0:
        return pattern["millions"](lang).format(n=_compact(amount, lang, 0))
    return pattern[unit](lang).format(n=number(amount, lang))


def compact(amount: Decimal | float, lang: str) -> str:
    """A large number in words for an axis: "5 tỷ", "5 billion"."""
    return _compact(amount, lang, 1)


@functools.cache
def _compact(amount: Decimal | float, lang: str, digits: int) -> str:
    return format_compact_decimal(amount, format_type="long", locale=lang, fraction_digits=digits)


@functools.cache
def day(when: date, lang: str) -> str:
    """vi "ngày 15 tháng 9 năm 2024", en "15 September 2024"."""
    return _babel_date(when, _DAY[lang], locale=lang)


@functools.cache
def period(when: Period, lang: str) -> str:
    """A reporting period in words, compactly and never more precisely than written: "9 tháng đầu
    năm 2024", "tháng 8–12/2024", "10–31/10/2024", "giữa tháng 9/2024", "năm 2024" (a year still
    running when the article was written), "từ tháng 1/2024"; "first nine months of 2024", "August–
    December 2024", "10–31 October 2024", "mid-September 2024", "2024", "since January 2024"."""
    if when.open:
        return _open(when, lang, period)
    if when.precision != "span":
        return _point(when.start, when.precision, lang)
    start, end = when.parts
    a, b = when.start, when.end
    if start == end == "month" and a.year == b.year:
        if a.month == 1:
            if lang == "vi":
                return f"{b.month} tháng đầu năm {a.year}"
            return f"first {_EN_COUNT[b.month]} months of {a.year}"
        if lang == "vi":
            return f"tháng {a.month}–{b.month}/{a.year}"
        return f"{_babel_date(a, 'MMMM', locale='en')}–{_babel_date(b, 'MMMM y', locale='en')}"
    if start == end == "year":
        return f"{a.year}–{b.year}"
    if start == end == "day" and (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day}/{b.month}/{b.year}" if lang == "vi" else \
            f"{a.day}–{_babel_date(b, 'd MMMM y', locale='en')}"
    if start == end == "day" and lang == "vi":
        first_day = f"{a.day}/{a.month}" if a.year == b.year else f"{a.day}/{a.month}/{a.year}"
        return f"{first_day}–{b.day}/{b.month}/{b.year}"
    if start == end == "month" and lang == "vi":
        return f"tháng {a.month}/{a.year}–{b.month}/{b.year}"
    if start == end == "day" and a.year == b.year:
        return f"{_babel_date(a, 'd MMMM', locale='en')} – {_babel_date(b, 'd MMMM y', locale='en')}"
    return f"{_point(a, start, lang)} – {_point(b, end, lang)}"


def _open(when: Period, lang: str, form) -> str:
    """A period still running when its article was written: the year itself while it lasts
    ("năm 2024"), else since when ("từ tháng 1/2024")."""
    first = parse(when.text.partition("/")[0])
    if when.parts[0] == "year" and when.end.year == when.start.year:
        return form(first, lang)
    return "từ " + period(first, lang) if lang == "vi" else "since " + form(first, lang)


_THIRD_WORDS = {"vi": {"early": "đầu", "mid": "giữa", "late": "cuối"},
                "en": {"early": "early {}", "mid": "mid-{}", "late": "late {}"}}


def when(as_of: Period, inferred: bool, lang: str, formats: Formats, short: bool = False) -> str:
    """A figure's period as readers see it; an article's publication, where the article gives no
    date, in the words that say so: "không rõ thời điểm, bài đăng tháng 8–12/2024" (in a chart's
    row names, short: "≈ bài đăng 8–12/2024")."""
    shown = (period_short if short else period)(as_of, lang)
    if not inferred:
        return shown
    return (formats.inferred_chart if short else formats.inferred)(lang).format(period=shown)


def _point(when: date, precision: str, lang: str) -> str:
    if precision in THIRDS:  # the part of a month an article names: "giữa tháng 9/2024", "mid-September 2024"
        if lang == "vi":
            return f"{_THIRD_WORDS['vi'][precision]} tháng {when.month}/{when.year}"
        return _THIRD_WORDS["en"][precision].format(_babel_date(when, "MMMM y", locale="en"))
    if lang == "vi" and precision in ("day", "month"):  # as Vietnamese papers write dates: 10/10/2024, tháng 9/2024
        return f"{when.day}/{when.month}/{when.year}" if precision == "day" else f"tháng {when.month}/{when.year}"
    pattern = {"day": _DAY, "month": _MONTH, "year": _YEAR}[precision][lang]
    return _babel_date(when, pattern, locale=lang)


_SHORT_DAY = {"vi": "d/M/y", "en": "d MMM y"}
_SHORT_MONTH = {"vi": "M/y", "en": "MMM y"}


@functools.cache
def period_short(when: Period, lang: str) -> str:
    """A compact period for chart labels: "15/9/2024", "tháng 1–9/2024", "giữa tháng 9/2024";
    "15 Sep 2024", "Jan–Sep 2024", "mid-Sep 2024"."""
    def one(day: date, precision: str) -> str:
        if precision == "year":
            return str(day.year)
        if precision in THIRDS:
            return _point(day, precision, lang) if lang == "vi" else \
                _THIRD_WORDS["en"][precision].format(_babel_date(day, "MMM y", locale="en"))
        pattern = (_SHORT_DAY if precision == "day" else _SHORT_MONTH)[lang]
        return _babel_date(day, pattern, locale=lang)
    if when.open:
        return _open(when, lang, period_short)
    if when.precision != "span":
        return one(when.start, when.precision)
    start, end = when.parts
    if start == end == "month" and when.start.year == when.end.year:
        if lang == "vi":  # "1–9/2024" would read as days 1 to 9
            return f"tháng {when.start.month}–{when.end.month}/{when.end.year}"
        return f"{_babel_date(when.start, 'MMM', locale='en')}–{one(when.end, 'month')}"
    a, b = when.start, when.end
    if start == end == "day" and a.year == b.year:  # "10–31/10/2024", "26/9–31/10/2024"; "10–31 Oct 2024"
        if lang == "vi":
            return f"{a.day}{'' if a.month == b.month else f'/{a.month}'}–{one(b, 'day')}"
        return f"{a.day if a.month == b.month else _babel_date(a, 'd MMM', locale='en')}–{one(b, 'day')}"
    return f"{one(a, start)}–{one(b, end)}"
