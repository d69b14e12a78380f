"""Messages that point at the fix: the number meant, the date meant, the nearest id, the qualifier the
quote's words give, the closest passage; and a catalogue complete in both languages."""

from __future__ import annotations

import pytest

from sitegen import messages, numbers, passage, period, qualifiers
from sitegen.errors import nearest


@pytest.fixture(autouse=True)
def english() -> None:
    before = messages.language()
    messages.use("en")
    yield
    messages.use(before)


@pytest.mark.parametrize(("text", "meant"), [
    ("72,3%", "72.3"), ("72.3%", "72.3"), ("72.3", "72.3"), ("56,83", "56.83"), ("91.985", "91985"),
    ("1.234.567", "1234567"), ("1,234,567", "1234567"), ("3 triệu", "3000000"), ("3,5 triệu", "3500000"),
    ("10 tỷ", "10000000000"), ("2.5 million", "2500000"), ("1.234,5", "1234.5"), ("hơn 70", None), ("abc", None),
])
def test_the_number_a_text_means(text: str, meant: str | None) -> None:
    assert numbers.meant(text) == meant


@pytest.mark.parametrize(("text", "iso"), [
    ("20/01/2025", "2025-01-20"), ("tháng 10/2024", "2024-10"), ("10/2024", "2024-10"), ("Q3 2024", "2024-07/2024-09"),
    ("quý IV/2024", "2024-10/2024-12"), ("9 tháng đầu năm 2024", "2024-01/2024-09"), ("2024/09/15", "2024-09-15"),
])
def test_the_date_a_text_means(text: str, iso: str) -> None:
    assert period.guess(text) == f'"{text}" is not written the way dates are here; write "{iso}"'


def test_a_date_that_could_be_either_order_says_so() -> None:
    assert period.guess("03/10/2024") == ('"03/10/2024" is not written the way dates are here; write "2024-10-03" '
                                          '(day 3, month 10, as Vietnamese articles write it), or "2024-03-10" if the '
                                          'month comes first; check the article')
    assert period.guess("someday") is None


def test_an_unknown_id_gets_the_nearest_ones_not_the_whole_list() -> None:
    ids = [f"indicator-{n}" for n in range(100)] + ["online-dossier-rate", "online-payment-rate"]
    assert nearest("online-dosier-rate", ids, "data/indicators.yaml") == \
        "did you mean online-dossier-rate or online-payment-rate?"
    assert nearest("indicator-", ids, "data/indicators.yaml") == \
        "did you mean indicator-9, indicator-8 or indicator-7?"
    assert nearest("zzz", ids, "data/indicators.yaml") == \
        "none is close to it; the 102 valid ones are in data/indicators.yaml"
    assert nearest("zzz", ["alpha", "beta"], "data/provinces.yaml") == "valid ones are: alpha, beta"


@pytest.mark.parametrize(("quote", "value", "lang", "found"), [
    ("tỷ lệ đạt trên 70%", 70, "vi", [("over", "trên 70")]),
    ("khoảng 1,2 triệu lượt", 1200000, "vi", [("about", "khoảng 1,2 triệu")]),
    ("đạt tối thiểu 95%", 95, "vi", [("at-least", "tối thiểu 95")]),
    ("nearly 40% of households", 40, "en", [("about", "nearly 40")]),
    ("at least 95% of dossiers", 95, "en", [("at-least", "at least 95")]),
    ("up to 20 stations", 20, "en", [("up-to", "up to 20")]),
    ("72,3% trên tổng số", 72.3, "vi", [(None, "72,3")]),
])
def test_the_qualifier_a_quote_gives(quote: str, value: float, lang: str, found: list) -> None:
    assert qualifiers.stated(quote, value, "percent", lang) == found


def test_the_closest_passage_names_the_first_difference() -> None:
    article = "Trong năm 2024, tỷ lệ hồ sơ phát sinh trực tuyến đạt 72,3% trên tổng số hồ sơ của tỉnh."
    assert passage.difference("tỷ lệ hồ sơ phát sinh trực tuyen đạt 72,3%", article) == (
        'the closest passage reads "…sơ phát sinh trực tuyến đạt 72,3% trên tổng…", and there the '
        'article has "tuyến" where the quote has "tuyen"')
    assert passage.difference("an unrelated sentence in English", article) is None
