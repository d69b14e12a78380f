"""Numbers and dates in each edition's own locale."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import SAMPLE
from sitegen.read import content, locales
from sitegen.read.period import parse

FORMATS = content.load_site_text(SAMPLE, []).formats  # the value formats of content/site.yaml


@pytest.mark.parametrize(("amount", "unit", "qualifier", "vi", "en"), [
    (56.83, "percent", "exact", "56,83%", "56.83%"),
    (127178, "count", "exact", "127.178", "127,178"),
    (3_000_000, "count", "over", "hơn 3 triệu", "over 3 million"),
    (14000, "count", "about", "khoảng 14.000", "about 14,000"),
    (14000, "count", "nearly", "gần 14.000", "nearly 14,000"),
    (10_000_000_000, "vnd", "over", "hơn 10 tỷ đồng", "over 10 billion dong"),
    (11638, "hectares", "exact", "11.638 ha", "11,638 ha"),
    (2.32, "percentage-points", "exact", "2,32 điểm phần trăm", "2.32 percentage points"),
    (19.9, "percentage-points", "nearly", "gần 19,9 điểm phần trăm", "nearly 19.9 percentage points"),
    (95, "percent", "at-least", "ít nhất 95%", "at least 95%"),
])
def test_values(amount: float, unit: str, qualifier: str, vi: str, en: str) -> None:
    assert locales.value(amount, unit, "vi", FORMATS, qualifier) == vi
    assert locales.value(amount, unit, "en", FORMATS, qualifier) == en


@pytest.mark.parametrize(("rank", "vi", "en"), [(1, "thứ 1/63", "1st of 63"), (2, "thứ 2/63", "2nd of 63"),
                                                (3, "thứ 3/63", "3rd of 63"), (7, "thứ 7/63", "7th of 63"),
                                                (11, "thứ 11/63", "11th of 63"), (22, "thứ 22/63", "22nd of 63")])
def test_ranks(rank: int, vi: str, en: str) -> None:
    assert locales.value(rank, "rank", "vi", FORMATS, rank_of=63) == vi
    assert locales.value(rank, "rank", "en", FORMATS, rank_of=63) == en


def test_dates() -> None:
    assert locales.day(date(2024, 9, 15), "vi") == "ngày 15 tháng 9 năm 2024"
    assert locales.day(date(2024, 9, 15), "en") == "15 September 2024"


@pytest.mark.parametrize(("text", "vi", "en"), [
    ("2024-01/2024-09", "9 tháng đầu năm 2024", "first nine months of 2024"),
    ("2024-09-15", "15/9/2024", "15 September 2024"),
    ("2024-12", "tháng 12/2024", "December 2024"),
    ("2024", "năm 2024", "2024"),
    ("2023-10/2024-06", "tháng 10/2023–6/2024", "October 2023 – June 2024"),
    ("2024-08/2024-12", "tháng 8–12/2024", "August–December 2024"),
    ("2024-09-26/2024-10-31", "26/9–31/10/2024", "26 September – 31 October 2024"),
    ("2024-10-10/2024-10-31", "10–31/10/2024", "10–31 October 2024"),
    # no finer than the article: "giữa tháng 9/2024" is the middle of the month, not the 15th
    ("2024-09-mid", "giữa tháng 9/2024", "mid-September 2024"),
    ("2024-09-early", "đầu tháng 9/2024", "early September 2024"),
    ("2024-06-late", "cuối tháng 6/2024", "late June 2024"),
])
def test_periods(text: str, vi: str, en: str) -> None:
    assert locales.period(parse(text), "vi") == vi
    assert locales.period(parse(text), "en") == en


def test_short_periods_for_chart_labels() -> None:
    assert locales.period_short(parse("2024-01/2024-09"), "vi") == "tháng 1–9/2024"  # not days 1 to 9
    assert locales.period_short(parse("2024-01/2024-09"), "en") == "Jan–Sep 2024"
    assert locales.period_short(parse("2024-09-15"), "vi") == "15/9/2024"
    assert locales.period_short(parse("2024-10-10/2024-10-31"), "vi") == "10–31/10/2024"
    assert locales.period_short(parse("2024-09-mid"), "en") == "mid-Sep 2024"


def test_a_part_of_a_month_sorts_near_its_middle_and_overlaps_the_month() -> None:
    mid = parse("2024-09-mid")
    assert (mid.start, mid.end) == (date(2024, 9, 11), date(2024, 9, 20))
    assert mid.overlaps(parse("2024-01/2024-09")) and not mid.overlaps(parse("2024-09-late"))
    assert parse("2024-09-10") < mid < parse("2024-09-30")
    assert parse("2024-02-late").end == date(2024, 2, 29)


def test_a_period_still_running_when_the_article_was_written_ends_with_it() -> None:
    from sitegen.read.records import Observation

    year = Observation(province="a", indicator="i", value=90, qualifier="over", as_of="2024/..", source="s", quote="q")
    dated = year.dated(parse("2024-09-26/2024-10-31"))
    assert (dated.as_of.start, dated.as_of.end) == (date(2024, 1, 1), date(2024, 10, 31))
    assert (locales.period(dated.as_of, "vi"), locales.period(dated.as_of, "en")) == ("năm 2024", "2024")  # as written
    assert not dated.inferred and dated.id == "a-i-2024-on-s"
    since = year.model_copy(update={"as_of": parse("2024-01/..")}).dated(parse("2024-12/2025-06"))
    assert dated.as_of.end < since.as_of.end == date(2025, 6, 30)
    assert (locales.period(since.as_of, "vi"), locales.period(since.as_of, "en")) == \
        ("từ tháng 1/2024", "since January 2024")


@pytest.mark.parametrize(("text", "message"), [
    ("2024-02-30", '"2024-02-30" is not a real date (check the month and day)'),
    ("15/9/2024", '"15/9/2024" is not written the way dates are here; write "2024-09-15"'),
    ("giữa tháng 9/2024", '"giữa tháng 9/2024" is not written the way dates are here; write "2024-09-mid"'),
    ("someday", '"someday" is not a date; write a day as YYYY-MM-DD, a month as YYYY-MM, a year as YYYY, '
                 'or a period as YYYY-MM/YYYY-MM (the early, mid or late part of a month as YYYY-MM-early, '
                 'YYYY-MM-mid, YYYY-MM-late; a period still running when the article was written as YYYY/.. '
                 'or YYYY-MM/..)'),
    ("2024-10/2024-01", 'the period "2024-10/2024-01" ends before it starts'),
])
def test_bad_periods(text: str, message: str) -> None:
    with pytest.raises(ValueError) as info:
        parse(text)
    assert str(info.value) == message
