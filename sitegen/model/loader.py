"""Load everything under data/ into one Dataset, reporting every problem in one run.

Loading never stops at the first problem: an invalid record, or one that points at an id that does
not exist, is reported and left out, so that the rest of the site can still be checked in the same
run. What the records say (quotes, values, seals) is judged by the rules in checks/, not here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TypeVar

from sitegen.errors import Problem, nearest
from sitegen.messages import say
from sitegen.model import conflicts
from sitegen.model.dataset import FILES, Dataset
from sitegen.read.articles import normalise
from sitegen.read.datafile import ids_in, read_records
from sitegen.read.names import Names
from sitegen.read.records import Event, IndicatorFile, Observation, Province, Quoted, Record, Source, Target

R = TypeVar("R", bound=Record)


def load(root: Path) -> tuple[Dataset, list[Problem]]:
    """Load data/ under root: the dataset of every sound record, and every problem found reading it."""
    problems: list[Problem] = []
    broken: set[str] = set()
    data = root / "data"
    provinces = read_records(data / "provinces.yaml", root, Province, problems, broken=broken)
    names = Names((p.id, (p.name.vi, p.name.en)) for p in provinces)  # "Bắc Ninh" where bac-ninh belongs
    sources = read_records(data / "sources.yaml", root, Source, problems, broken=broken, names=names)
    indicator_file = read_records(data / "indicators.yaml", root, IndicatorFile, problems, single=True)
    if not indicator_file:
        broken.update(ids_in(data / "indicators.yaml"))
    observations, broken_series = [], set()
    for path in sorted((data / "observations").glob("*.yaml")):
        before = len(problems)
        found = read_records(path, root, Observation, problems, names=names)
        if len(problems) > before:  # spare echo errors for what the file may have held
            broken_series |= _series_in(path) if found else {("*", "*")}
        observations += found
    dataset = Dataset(
        provinces=_unique(provinces, problems), sources=_unique(sources, problems),
        pillars=_unique(indicator_file[0].pillars if indicator_file else [], problems),
        indicators=_unique(indicator_file[0].indicators if indicator_file else [], problems),
        observations=observations,
        targets=_unique(read_records(data / "targets.yaml", root, Target, problems, broken=broken, names=names),
                        problems),
        events=_unique(read_records(data / "events.yaml", root, Event, problems, broken=broken, names=names),
                       problems),
        broken=broken, broken_series=broken_series)
    problems += _one_namespace(dataset.targets, dataset.events)
    problems += _references(dataset)
    dataset.observations = [o.dated(dataset.sources[o.source].published) for o in dataset.observations]
    # A withdrawn figure or goal is shown only on the corrections page, never as a current figure.
    dataset.retracted = [*(o for o in dataset.observations if o.retracted),
                         *(t for t in dataset.targets.values() if t.retracted)]
    dataset.observations = [o for o in dataset.observations if not o.retracted]
    dataset.targets = {k: t for k, t in dataset.targets.items() if not t.retracted}
    dataset.paragraphs = _archive(dataset, root, problems)
    dataset.archive = {key: " ".join(lines) for key, lines in dataset.paragraphs.items()}
    dataset.conflicts = conflicts.find(dataset.observations, dataset.indicators)
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


def _archive(data: Dataset, root: Path, problems: list[Problem]) -> dict[str, tuple[str, ...]]:
    """Each archived article's paragraphs (its non-blank lines), normalised."""
    texts = {}
    for source in data.sources.values():
        path = root / "data" / "sources" / source.file
        if not path.is_file():
            problems.append(Problem(*source.at("file"), say("archive_missing", file=source.file)))
            continue
        try:
            lines = (normalise(line) for line in path.read_bytes().decode("utf-8").splitlines())
            texts[source.id] = tuple(line for line in lines if line)
        except UnicodeDecodeError as exc:
            problems.append(Problem(*source.at("file"), say("archive_not_utf8", file=source.file, at=exc.start)))
    return texts


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
        related += [known(w, name, getattr(w, name), name) for w in indicator.basis for name in ("province", "source")]
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
