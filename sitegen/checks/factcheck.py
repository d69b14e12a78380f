"""The fact-check: every quote stands verbatim in its archived article and states its value,
every value makes sense for its unit, and a stated period ends by the article's publication."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from sitegen.checks import passage
from sitegen.errors import Problem
from sitegen.messages import say
from sitegen.read import locales, numbers
from sitegen.read.articles import normalise
from sitegen.read.numbers import plain
from sitegen.read.records import Event, Observation, Target

if TYPE_CHECKING:
    from sitegen.model.dataset import Dataset

# Claims articles make in words rather than digits: "đứng đầu cả nước" is rank 1, "toàn bộ" 100%.
_WORDS = {("rank", 1): {"vi": ("đứng đầu", "dẫn đầu", "cao nhất", "thứ nhất"),
                        "en": ("first", "top", "highest", "leads")},
          ("percent", 100): {"vi": ("toàn bộ", "tất cả", "hoàn thành", "mỗi", "mọi"),
                             "en": ("all", "every", "completed", "each")}}


def renderings(value: Decimal, unit: str = "", lang: str = "vi") -> list[str]:
    """The ways an article may write value: 127.178, 127178, 56,83, 02, 3 triệu, 92.24, "toàn bộ"."""
    exact = Decimal(value)
    forms = {locales.number(exact, lang)}
    if exact == exact.to_integral_value():
        whole = int(exact)
        forms.add(str(whole))
        if 0 <= whole < 10:
            forms.add(f"0{whole}")
        for scale, words in numbers.SCALES[lang]:
            if whole >= scale and whole % (scale // 10) == 0:
                forms.update(f"{locales.number(Decimal(whole) / scale, lang)} {word}" for word in words)
        forms.update(_WORDS.get((unit, whole), {}).get(lang, ()))
        forms.update(numbers.in_words(whole, lang))  # "ba trụ cột", "mười hai xã"
    else:
        forms.add(plain(exact))
    if exact == Decimal("0.5") or (exact == 50 and unit == "percent"):
        forms.update(numbers.HALF[lang])  # "một nửa số xã"
    return sorted(forms, key=lambda form: (-len(form), form))


def states(quote: str, value: Decimal, unit: str = "", lang: str = "vi") -> bool:
    """True when the quote writes value as a number of its own (not inside a longer number)."""
    text = normalise(quote)
    return any(_standalone(text, form) for form in renderings(value, unit, lang))


def _standalone(text: str, form: str) -> bool:
    """form occurs in text as a number (or words) of its own."""
    return next(places(text, form), None) is not None


def places(text: str, form: str) -> Iterator[int]:
    """Where form occurs in text with no digit, nor a digit after . or , , running into it on either side;
    a form in words stands as whole words."""
    wordy = form[:1].isalpha()
    folded, form = (text.casefold(), form.casefold()) if wordy else (text, form)
    start = folded.find(form)
    while start != -1:
        end = start + len(form)
        before, after = folded[max(0, start - 2):start], folded[end:end + 2]
        if wordy:
            if not before[-1:].isalnum() and not after[:1].isalnum() and _apart(folded, start, end, form):
                yield start
        elif not (before[-1:].isdecimal() or (before[-1:] in (".", ",") and before[:1].isdecimal())
                  or after[:1].isdecimal() or (after[:1] in (".", ",") and after[1:].isdecimal())):
            yield start
        start = folded.find(form, start + 1)


def _apart(text: str, start: int, end: int, form: str) -> bool:
    """A number in words stands apart: not part of a longer number ("hai mươi ba" is not "ba"), and not
    a word that only looks like one ("năm 2024", "mỗi năm" are years, "một số" is "some")."""
    words = form.split()
    if not words or words[0] not in numbers.NUMERALS:
        return True  # "toàn bộ", "đứng đầu"
    before, after = text[:start].split()[-1:], text[end:].split()[:1]
    before = [w.strip(".,;:()\"'“”") for w in before]
    after = [w.strip(".,;:()\"'“”") for w in after]
    if any(w in numbers.NUMERALS or w[:1].isdecimal() for w in before + after):
        return False
    not_before, not_after = numbers.NOT_A_NUMBER.get(form, ((), ()))
    return not (set(before) & set(not_before) or set(after) & set(not_after))


def separator_slip(quote: str, value: Decimal) -> str | None:
    """If value is a whole number written with a thousands dot, as Vietnamese writes it, and read as a
    decimal ("127.178", "14.000"), the whole number meant: when the quote writes it so, or when it is
    round (no one writes 14 as 14.000)."""
    written = format(value, "f")  # as data/ has it, its zeros kept (14.000 is not plain 14)
    whole, _, decimals = written.partition(".")
    if len(decimals) != 3 or not whole.isdecimal():
        return None
    grouped = rf"(?<![\d.,]){re.escape(written)}(?!\d)"
    if decimals == "000" or re.search(grouped, normalise(quote)):
        return str(int(whole + decimals))
    return None


def values(data: Dataset) -> Iterator[Problem]:
    """Values must make sense for their indicator's unit; a stated period must end by publication."""
    for obs in data.observations:
        source = data.sources.get(obs.source)
        if source and obs.as_of is not None and not obs.inferred and obs.as_of.end > source.published.end:
            yield Problem(*obs.at("as_of"), say("as_of_after_publication", as_of=obs.as_of, published=source.published))
    for record in [*data.observations, *data.targets.values()]:
        indicator = data.indicators.get(record.indicator)
        if indicator is None:
            continue
        where, value = record.at("value"), record.value
        if slip := separator_slip(record.quote, value):
            yield Problem(*where, say("value_separator", value=format(value, "f"), fix=slip))  # as written
        elif indicator.unit == "percent" and not 0 <= value <= 100 and not indicator.allow_over_100:
            yield Problem(*where, say("value_percent_range", value=plain(value), indicator=indicator.id))
        elif indicator.unit in ("count", "rank") and value != int(value):
            yield Problem(*where, say("value_whole", value=plain(value), indicator=indicator.id,
                                      unit=say(f"unit_{indicator.unit}")))
        elif indicator.unit == "rank" and indicator.rank_of and not 1 <= value <= indicator.rank_of:
            yield Problem(*where, say("value_rank_range", value=plain(value), rank_of=indicator.rank_of))


def quotes(data: Dataset) -> Iterator[Problem]:
    """The quote is in the archived article, and it states the value."""
    for record in [*data.observations, *data.targets.values(), *data.events.values()]:
        text = data.archive.get(record.source)
        if text is None:
            continue
        quote = normalise(record.quote)
        if quote not in text:
            file = data.sources[record.source].file
            closest = passage.difference(quote, text)
            yield Problem(*record.at("quote"), say("quote_not_found_near", file=file, closest=closest) if closest
                          else say("quote_not_found", file=file))
        elif isinstance(record, Event) or record.indicator not in data.indicators:
            continue
        elif not states(quote, record.value, *_unit_lang(data, record)) and not separator_slip(quote, record.value):
            forms = _looked_for(renderings(record.value, *_unit_lang(data, record)))
            yield Problem(*record.at("quote"), say("quote_no_value", value=plain(record.value), forms=forms))


def _looked_for(forms: list[str]) -> str:
    """The forms a message names: the two shortest in digits, and the shortest in words if any."""
    digits, words = [f for f in forms if not f[:1].isalpha()], [f for f in forms if f[:1].isalpha()]
    shown = [f'"{f}"' for f in digits[-2:] + words[-1:]]
    return say("or").join([", ".join(shown[:-1]), shown[-1]] if len(shown) > 1 else shown)


def _unit_lang(data: Dataset, record: Observation | Target) -> tuple[str, str]:
    return data.indicators[record.indicator].unit, data.sources[record.source].language
