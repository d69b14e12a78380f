"""Messages that point at the fix: the number meant, the date meant, the nearest id, the qualifier the
quote's words give, the closest passage; and a catalogue complete in both languages."""

from __future__ import annotations

import string
from decimal import Decimal

import pytest

from sitegen import messages
from sitegen.checks import passage, qualifiers
from sitegen.errors import nearest
from sitegen.read import numbers, period


@pytest.mark.parametrize(("text", "meant"), [
    ("72,3%", "72.3"), ("72.3%", "72.3"), ("72.3", "72.3"), ("56,83", "56.83"), ("91.985", "91985"),
    ("1.234.567", "1234567"), ("1,234,567", "1234567"), ("3 triệu", "3000000"), ("3,5 triệu", "3500000"),
    ("10 tỷ", "10000000000"), ("3 triệu đồng", "3000000"), ("1.292 tổ", "1292"),
    ("2.5 million", "2500000"), ("1.234,5", "1234.5"), ("hơn 70", None), ("abc", None),
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
    ("nearly 40% of households", 40, "en", [("nearly", "nearly 40")]),
    ("ghi nhận gần 14.000 người dùng", 14000, "vi", [("nearly", "gần 14.000")]),
    ("at least 95% of dossiers", 95, "en", [("at-least", "at least 95")]),
    ("up to 20 stations", 20, "en", [("up-to", "up to 20")]),
    ("72,3% trên tổng số", Decimal("72.3"), "vi", [(None, "72,3")]),
])
def test_the_qualifier_a_quote_gives(quote: str, value: Decimal, lang: str, found: list) -> None:
    assert qualifiers.stated(quote, value, "percent", lang) == found


def test_the_closest_passage_names_the_first_difference() -> None:
    article = "Trong năm 2024, tỷ lệ hồ sơ phát sinh trực tuyến đạt 72,3% trên tổng số hồ sơ của tỉnh."
    assert passage.difference("tỷ lệ hồ sơ phát sinh trực tuyen đạt 72,3%", article) == (
        'the closest passage reads "…sơ phát sinh trực tuyến đạt 72,3% trên tổng…", and there the '
        'article has "tuyến" where the quote has "tuyen"')
    assert passage.difference("an unrelated sentence in English", article) is None


def _slots(text: str | dict) -> set[str]:
    texts = text.values() if isinstance(text, dict) else [text]
    return {name for one in texts for _, name, _, _ in string.Formatter().parse(one) if name}


@pytest.mark.parametrize("key", sorted(messages.catalogue()))
def test_every_message_is_in_both_languages_with_the_same_slots(key: str) -> None:
    entry = messages.catalogue()[key]
    assert set(entry) == set(messages.LANGUAGES), key
    assert _slots(entry["vi"]) == _slots(entry["en"]), key
    assert entry["vi"] != entry["en"] or key in ("or",), key


def test_the_language_is_the_flag_else_the_environment_else_the_site_setting(tmp_path, monkeypatch) -> None:
    (tmp_path / "content").mkdir()
    monkeypatch.delenv("SITEGEN_LANG", raising=False)
    assert messages.choose(None, tmp_path) == "en"
    (tmp_path / "content" / "site.yaml").write_text("title: x\nmessages_lang: vi  # the newsroom\n", encoding="utf-8")
    assert messages.choose(None, tmp_path) == "vi"
    monkeypatch.setenv("SITEGEN_LANG", "en")
    assert messages.choose(None, tmp_path) == "en"
    assert messages.choose("vi", tmp_path) == "vi"


def test_the_real_site_speaks_vietnamese_to_its_newsroom(monkeypatch) -> None:
    from conftest import SAMPLE

    monkeypatch.delenv("SITEGEN_LANG", raising=False)
    assert messages.choose(None, SAMPLE) == "vi"


@pytest.mark.parametrize(("text", "found"), [
    ('- a: "x"\n  b: "one\n  c: "two"\n', (2, 6, 'the " opened here is never closed: b: "one; add the closing " '
                                           'where the text or list ends')),
    ('strings:\n  "yes":\n    vi: có\n    en: "yes\n  no: 1\n', (4, 9, 'the " opened here is never closed: en: "yes; '
                                                                 'add the closing " where the text or list ends')),
    ('a: |\n  "Hello" she said\nb: [x\nc: 1\n', (3, 4, 'the [ opened here is never closed: b: [x; add the closing ] '
                                                  'where the text or list ends')),
    ('a: "long\n  text"\nb: 1\n c: 2\n', (4, 1, 'this line is indented by 1 space, which lines up with no line '
                                         'above it; the fields of one record line up under each other: indent it '
                                         'like line 3 (b: 1): none, at the start of the line')),
])
def test_a_yaml_slip_is_found_where_it_was_made(text: str, found: tuple | None) -> None:
    from sitegen.read import yamlsyntax
    assert yamlsyntax.explain(text, 4, "did not find expected key") == found
