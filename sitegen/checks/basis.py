"""The recorded basis of the definition flag: where two provinces' figures of one indicator are set
side by side, each article behind them is quoted for what it counts (or recorded as not saying),
and where they are not comparable the indicator says how they differ."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.checks import passage
from sitegen.errors import Problem, one_of
from sitegen.messages import say
from sitegen.model.dataset import Dataset
from sitegen.read.articles import normalise
from sitegen.read.records import Indicator, Wording


def recorded(data: Dataset) -> Iterator[Problem]:
    """Every article behind a figure set beside another province's says, in `basis`, what it counts."""
    provinces = {p for p, found in data.provinces.items() if found.kind == "province"}
    for indicator in data.indicators.values():
        behind = list(dict.fromkeys((o.province, o.source) for o in data.of_indicator(indicator.id)
                                    if o.province in provinces))
        spared = any(data.spared(p, indicator.id) for p in provinces)  # figures left out as invalid
        for wording in indicator.basis:
            yield from _wording(data, indicator, wording, None if spared else behind)
        reported = {p for p, _ in behind}
        if len(reported) < 2 and not indicator.comparable or spared:
            continue
        written = {(w.province, w.source) for w in indicator.basis}
        for province, source in behind:
            if (province, source) not in written:
                yield Problem(*indicator.at("basis"), say("basis_missing", indicator=indicator.id,
                                                          province=province, source=source))
        if len(reported) >= 2 and not indicator.comparable and indicator.comparable_note is None:
            yield Problem(*indicator.at("comparable"), say("basis_how", indicator=indicator.id))


def _wording(data: Dataset, indicator: Indicator, wording: Wording,
             behind: list[tuple[str, str]] | None) -> Iterator[Problem]:
    """One article's words: an article behind the province's figures (None: not known), quoted
    exactly, translated."""
    if behind is not None and (wording.province, wording.source) not in behind:
        sources = [s for p, s in behind if p == wording.province]
        yield Problem(*wording.at("source"), say("basis_article" if sources else "basis_article_none",
                                                 source=wording.source, indicator=indicator.id,
                                                 province=wording.province, sources=one_of(sources)))
        return
    text, words = data.archive.get(wording.source), wording.words
    if words is None or text is None:
        return
    if normalise(words) not in text:
        closest = passage.difference(normalise(words), text)
        yield Problem(*wording.at("words"), say("basis_words_not_found", file=data.sources[wording.source].file,
                                                closest=f"; {closest}" if closest else ""))
    elif data.sources[wording.source].language != "en" and not wording.words_en:
        yield Problem(*wording.at("words"), say("basis_words_en"))
