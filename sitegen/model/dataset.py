"""Load everything under data/ into one checked Dataset, reporting every problem in one run.

Loading never stops at the first problem: an invalid record, or one that points at an id that does
not exist, is reported and left out, so that the rest of the site can still be checked in the same
run. `broken` remembers what was left out, so that nothing downstream reports it a second time.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from sitegen.checks import factcheck, qualifiers
from sitegen.checks import seals as archive
from sitegen.errors import Note, Problem, nearest
from sitegen.messages import say
from sitegen.model import conflicts
from sitegen.model.conflicts import Conflict
from sitegen.read.records import (
    Event,
    IndicatorFile,
    Observation,
    Province,
    Quoted,
    Record,
    Source,
    Target,
    ids_in,
    read_records,
)

R = TypeVar("R", bound=Record)
# Where the ids of each kind are written, for a reporter looking for the right one.
FILES = {"province": "data/provinces.yaml", "indicator": "data/indicators.yaml", "source": "data/sources.yaml",
         "pillar": "data/indicators.yaml", "target": "data/targets.yaml", "chart": "content/charts.yaml"}
K = TypeVar("K")


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
    broken: set[str] = field(default_factory=set)  # ids of records left out as invalid
    broken_series: set[tuple[str, str]] = field(default_factory=set)  # (province, indicator); "*": any
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def series(self, province: str, indicator: str) -> list[Observation]:
        """Every observation of one province and indicator, oldest (then earliest published) first."""
        return list(self._by_series.get((province, indicator), ()))

    def latest(self, province: str, indicator: str) -> Observation | None:
        """The most recent observation of a province and indicator (then the latest published source)."""
        found = self._by_series.get((province, indicator))
        return found[-1] if found else None

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


def load(root: Path) -> tuple[Dataset, list[Problem]]:
    """Load and check data/ under root: the dataset of every sound record, and every problem found."""
    problems: list[Problem] = []
    broken: set[str] = set()
    data = root / "data"
    provinces = read_records(data / "provinces.yaml", root, Province, problems, broken=broken)
    sources = read_records(data / "sources.yaml", root, Source, problems, broken=broken)
    indicator_file = read_records(data / "indicators.yaml", root, IndicatorFile, problems, single=True)
    if not indicator_file:
        broken.update(ids_in(data / "indicators.yaml"))
    observations, broken_series = [], set()
    for path in sorted((data / "observations").glob("*.yaml")):
        before = len(problems)
        found = read_records(path, root, Observation, problems)
        if len(problems) > before:  # spare echo errors for what the file may have held
            broken_series |= _series_in(path) if found else {("*", "*")}
        observations += found
    dataset = Dataset(
        provinces=_unique(provinces, problems), sources=_unique(sources, problems),
        pillars=_unique(indicator_file[0].pillars if indicator_file else [], problems),
        indicators=_unique(indicator_file[0].indicators if indicator_file else [], problems),
        observations=observations,
        targets=_unique(read_records(data / "targets.yaml", root, Target, problems, broken=broken), problems),
        events=_unique(read_records(data / "events.yaml", root, Event, problems, broken=broken), problems),
        broken=broken, broken_series=broken_series)
    problems += _one_namespace(dataset.targets, dataset.events)
    problems += _references(dataset)
    dataset.observations = [o.dated(dataset.sources[o.source].published) for o in dataset.observations]
    problems += _unique_observations(dataset.observations)
    dataset.archive = _archive(dataset, root, problems)
    problems += archive.sealed(dataset, root)
    problems += factcheck.values(dataset)
    problems += factcheck.quotes(dataset)
    problems += qualifiers.check(dataset)
    problems += _translated(dataset)
    dataset.conflicts = conflicts.find(dataset)
    dataset.notes = [conflicts.note(c) for c in dataset.conflicts]
    return dataset, problems


def _unique(records: list[R], problems: list[Problem]) -> dict[str, R]:
    seen: dict[str, R] = {}
    for record in records:
        if record.id in seen:
            problems.append(Problem(*record.at("id"), say("id_twice", id=record.id, line=seen[record.id].where[1])))
        else:
            seen[record.id] = record
    return seen


def _one_namespace(targets: dict[str, Target], events: dict[str, Event]) -> list[Problem]:
    """Targets and events share a province's page, so an id may name only one of them."""
    return [Problem(*events[key].at("id"), say("id_target_and_event", id=key, line=targets[key].where[1]))
            for key in sorted(set(targets) & set(events))]


def _unique_observations(observations: list[Observation]) -> Iterator[Problem]:
    """One article may state a figure once per period; a second value for it has no place of its own."""
    seen: dict[str, Observation] = {}
    for obs in observations:
        if obs.id in seen:
            first = seen[obs.id]
            yield Problem(*obs.where, say("figure_twice", province=obs.province, indicator=obs.indicator,
                                          source=obs.source, line=first.where[1], first=f"{first.value:g}",
                                          second=f"{obs.value:g}"))
        else:
            seen[obs.id] = obs


def _archive(data: Dataset, root: Path, problems: list[Problem]) -> dict[str, str]:
    texts = {}
    for source in data.sources.values():
        path = root / "data" / "sources" / source.file
        if not path.is_file():
            problems.append(Problem(*source.at("file"), say("archive_missing", file=source.file)))
            continue
        try:
            texts[source.id] = factcheck.normalise(path.read_bytes().decode("utf-8"))
        except UnicodeDecodeError as exc:
            problems.append(Problem(*source.at("file"), say("archive_not_utf8", file=source.file, at=exc.start)))
    return texts


def _translated(data: Dataset) -> list[Problem]:
    """The English edition shows every quote from an article in another language with our translation."""
    records = [*data.observations, *data.targets.values(), *data.events.values()]
    return [Problem(*r.at("quote"), say("quote_en_missing"))
            for r in records if r.source in data.sources and data.sources[r.source].language != "en"
            and not r.quote_en]


def _references(data: Dataset) -> list[Problem]:
    """Every id that points elsewhere must exist; a record that points nowhere is reported and left out."""
    tables = {"province": data.provinces, "indicator": data.indicators, "source": data.sources,
              "pillar": data.pillars}
    problems: list[Problem] = []

    def known(record: Record, name: str, value: str, table: str) -> bool:
        if value in tables[table]:
            return True
        if value not in data.broken:
            problems.append(Problem(*record.at(name), say("unknown_id", name=name, value=value,
                                                          kind=say(f"kind_{table}"),
                                                          hint=nearest(value, tables[table], FILES[table]))))
        return False

    def sound(record: Quoted) -> bool:
        checks = [known(record, "province", record.province, "province"),
                  known(record, "source", record.source, "source")]
        if not isinstance(record, Event):
            checks.append(known(record, "indicator", record.indicator, "indicator"))
        return all(checks)

    for indicator in list(data.indicators.values()):
        related = [known(r, "indicator", r.indicator, "indicator") for r in indicator.related]
        if not known(indicator, "pillar", indicator.pillar, "pillar") or not all(related):
            del data.indicators[indicator.id]
            data.broken.add(indicator.id)
    for source in list(data.sources.values()):
        if not all([known(source, "provinces", p, "province") for p in source.provinces]):
            del data.sources[source.id]
            data.broken.add(source.id)
    kept = []
    for obs in data.observations:
        if sound(obs):
            kept.append(obs)
        else:  # a misspelt name stands for one we cannot know: spare every series it might have meant
            data.broken_series.add((obs.province if obs.province in data.provinces else "*",
                                    obs.indicator if obs.indicator in data.indicators else "*"))
    data.observations = kept
    for table in (data.targets, data.events):
        for record in list(table.values()):
            if not sound(record):
                del table[record.id]
                data.broken.add(record.id)
    return problems


def _series_in(path: Path) -> set[tuple[str, str]]:
    """(province, indicator) pairs written in an observations file that had problems; all if unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {("*", "*")}
    provinces = re.findall(r"^\s*-?\s*province:\s*([a-z0-9-]+)\s*$", text, flags=re.M)
    indicators = re.findall(r"^\s*-?\s*indicator:\s*([a-z0-9-]+)\s*$", text, flags=re.M)
    if len(provinces) != len(indicators):
        return {("*", "*")}
    return set(zip(provinces, indicators, strict=True))
