"""The words an article puts before a figure ("hơn", "khoảng", "at least"…), and the check that a
figure's qualifier agrees with them: a quote saying "trên 70%" is not an exact 70."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from sitegen.checks import factcheck
from sitegen.errors import Problem
from sitegen.messages import say
from sitegen.read.articles import normalise
from sitegen.read.numbers import QUALIFIER_WORDS

if TYPE_CHECKING:
    from sitegen.model.dataset import Dataset

_BEFORE = {lang: [(re.compile(rf"(?<!\w)({re.escape(word)})\s+$"), qualifier)
                  for qualifier, words in table.items() for word in words]
           for lang, table in QUALIFIER_WORDS.items()}


def stated(quote: str, value: Decimal, unit: str, lang: str) -> list[tuple[str | None, str]]:
    """Each place the quote states value: (the qualifier its words give, or None; the words as written)."""
    text = normalise(quote)
    found = []
    for form in factcheck.renderings(value, unit, lang):
        for start in factcheck.places(text, form):
            before = text[max(0, start - 20):start].casefold()
            match = next(((m, q) for pattern, q in _BEFORE[lang] if (m := pattern.search(before))), None)
            words = f"{text[start - len(before) + match[0].start(1):start]}{form}" if match else form
            found.append((match[1] if match else None, words))
    return found


def check(data: Dataset) -> Iterator[Problem]:
    """A figure's qualifier must not contradict the words its quote puts before the value."""
    for obs in data.observations:
        if obs.indicator not in data.indicators or obs.source not in data.sources:
            continue
        found = stated(obs.quote, obs.value, data.indicators[obs.indicator].unit, data.sources[obs.source].language)
        if not found or any(qualifier in (None, obs.qualifier) for qualifier, _ in found):
            continue
        qualifier, words = found[0]
        yield Problem(*obs.at("qualifier"), say("qualifier_contradicts", qualifier=obs.qualifier, words=words,
                                                fix=qualifier))
