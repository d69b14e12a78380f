"""The dataset: every sound record of data/, and the questions the site asks of it.

`broken` remembers what loading left out as invalid, so that nothing downstream reports it a second time.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from sitegen.errors import Note
from sitegen.model.conflicts import Conflict
from sitegen.read.articles import normalise
from sitegen.read.records import Event, Observation, Province, Source, Target

# Where the ids of each kind are written, for a reporter looking for the right one.
FILES = {"province": "data/provinces.yaml", "indicator": "data/indicators.yaml", "source": "data/sources.yaml",
         "pillar": "data/indicators.yaml", "target": "data/targets.yaml", "chart": "content/charts.yaml"}


@dataclass
class Dataset:
    """Everything the site is built from, cross-checked."""

    provinces: dict[str, Province]
    sources: dict[str, Source]
    pillars: dict
    indicators: dict
    observations: list[Observation]
    targets: dict[str, Target]
    events: dict[str, Event]
    archive: dict[str, str] = field(default_factory=dict)  # the archived articles' text, by source id
    paragraphs: dict[str, tuple[str, ...]] = field(default_factory=dict)  # the same text, paragraph by paragraph
    broken: set[str] = field(default_factory=set)  # ids of records left out as invalid
    broken_series: set[tuple[str, str]] = field(default_factory=set)  # (province, indicator); "*": any
    retracted: list[Observation | Target] = field(default_factory=list)  # withdrawn in the open
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def series(self, province: str, indicator: str) -> list[Observation]:
        """Every observation of one province and indicator, oldest (then earliest published) first."""
        return list(self._by_series.get((province, indicator), ()))

    def latest(self, province: str, indicator: str) -> Observation | None:
        """The most recent observation of a province and indicator (then the latest published source)."""
        found = self._by_series.get((province, indicator))
        return found[-1] if found else None

    def paragraph(self, record: Observation | Target | Event) -> str | None:
        """The archived paragraph(s) a record's quote stands in, for a reader to judge its context."""
        lines, quote = self.paragraphs.get(record.source, ()), normalise(record.quote)
        at = " ".join(lines).find(quote)
        if at < 0:
            return None
        start = 0
        around = []
        for line in lines:
            if start < at + len(quote) and at < start + len(line):
                around.append(line)
            start += len(line) + 1
        return " ".join(around)

    def cited_alike(self, obs: Observation) -> list[Observation]:
        """obs and every other article's figure that is the same figure: same province, indicator,
        period, value and qualifier (one figure that several articles cite), oldest source first."""
        return [o for o in self._by_series.get(_series(obs), ()) if (o.as_of, o.inferred, o.value, o.qualifier)
                == (obs.as_of, obs.inferred, obs.value, obs.qualifier)]

    def of_indicator(self, indicator: str) -> list[Observation]:
        """Every observation of one indicator, in data order."""
        return list(self._by_indicator.get(indicator, ()))

    def of_source(self, source: str) -> list[Observation]:
        """Every observation taken from one source, in data order."""
        return list(self._by_source.get(source, ()))

    def targets_where(self, **match: str) -> list[Target]:
        """The targets whose fields equal match (province=…, indicator=…, source=…), in data order."""
        return [t for t in self.targets.values() if all(getattr(t, k) == v for k, v in match.items())]

    def events_where(self, **match: str) -> list[Event]:
        """The events whose fields equal match (province=…, source=…), oldest first."""
        found = [e for e in self.events.values() if all(getattr(e, k) == v for k, v in match.items())]
        return sorted(found, key=lambda e: (e.date.start, e.date.end, e.id))

    def conflicts_of(self, obs: Observation) -> list[Conflict]:
        """The conflicts obs takes part in."""
        return list(self._conflicts_by_id.get(obs.id, ()))

    def spared(self, province: str, indicator: str) -> bool:
        """True when figures of this series may be missing because their records were invalid."""
        patterns = {(province, indicator), (province, "*"), ("*", indicator), ("*", "*")}
        return bool(patterns & self.broken_series) or province in self.broken or indicator in self.broken

    @functools.cached_property
    def _by_indicator(self) -> dict[str, list[Observation]]:
        return _group(self.observations, lambda o: o.indicator)

    @functools.cached_property
    def _by_source(self) -> dict[str, list[Observation]]:
        return _group(self.observations, lambda o: o.source)

    @functools.cached_property
    def _by_series(self) -> dict[tuple[str, str], list[Observation]]:
        index = _group(self.observations, _series)
        for found in index.values():
            found.sort(key=lambda o: (o.as_of.end, o.as_of.start, self.sources[o.source].published.end, o.source))
        return index

    @functools.cached_property
    def _conflicts_by_id(self) -> dict[str, list[Conflict]]:
        index: dict[str, list[Conflict]] = {}
        for conflict in self.conflicts:
            index.setdefault(conflict.first.id, []).append(conflict)
            index.setdefault(conflict.second.id, []).append(conflict)
        return index


def _group(items: list, key: Callable) -> dict:
    """Items by key, each group in data order."""
    groups: dict = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


def _series(obs: Observation) -> tuple[str, str]:
    return obs.province, obs.indicator
