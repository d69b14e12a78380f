"""Rules on the records themselves: one value per article and period, every quote translated, and a
period that is only the article's publication noted."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.errors import Note, Problem
from sitegen.messages import say
from sitegen.model.dataset import Dataset
from sitegen.read.numbers import plain
from sitegen.read.records import Observation


def once(data: Dataset) -> Iterator[Problem]:
    """One article may state a figure once per period; a second value for it has no place of its own."""
    seen: dict[str, Observation] = {}
    for obs in data.observations:
        if obs.id in seen:
            first = seen[obs.id]
            yield Problem(*obs.where, say("figure_twice", province=obs.province, indicator=obs.indicator,
                                          source=obs.source, line=first.where[1], first=plain(first.value),
                                          second=plain(obs.value)))
        else:
            seen[obs.id] = obs


def translated(data: Dataset) -> Iterator[Problem]:
    """The English edition shows every quote from an article in another language with our translation."""
    for r in [*data.observations, *data.targets.values(), *data.events.values()]:
        if r.source in data.sources and data.sources[r.source].language != "en" and not r.quote_en:
            yield Problem(*r.at("quote"), say("quote_en_missing"))


def dated_as_published(data: Dataset) -> Iterator[Note]:
    """A period written that is exactly the article's publication: most often when the figure was
    reported, not the time it describes; an article that does not say leaves as_of out."""
    for obs in data.observations:
        source = data.sources.get(obs.source)
        if source is not None and not obs.inferred and obs.as_of == source.published:
            yield Note(*obs.at("as_of"), say("as_of_is_publication", published=source.published.text))
