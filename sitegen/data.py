"""Load everything under data/ into one checked Dataset, reporting every problem in one run."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from . import factcheck, records, yamlfile
from .errors import BuildError, Note, Problem, one_of
from .records import (
    Event,
    Indicator,
    IndicatorFile,
    Observation,
    Pillar,
    Province,
    Record,
    Source,
    Target,
)

R = TypeVar("R", bound=Record)
K = TypeVar("K")


@dataclass(frozen=True)
class Conflict:
    """Two sources that give different values for the same province, indicator and period."""

    first: Observation
    second: Observation


@dataclass
class Dataset:
    """Everything the site is built from, cross-checked."""

    provinces: dict[str, Province]
    sources: dict[str, Source]
    pillars: dict[str, Pillar]
    indicators: dict[str, Indicator]
    observations: list[Observation]
    targets: dict[str, Target]
    events: dict[str, Event]
    texts: dict[str, str] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def series(self, province: str, indicator: str) -> list[Observation]:
        """Every observation of one province and indicator, oldest (then earliest published) first."""
        return list(self._by_series.get((province, indicator), ()))

    def of_indicator(self, indicator: str) -> list[Observation]:
        """Every observation of one indicator, in data order."""
        return list(self._by_indicator.get(indicator, ()))

    def of_source(self, source: str) -> list[Observation]:
        """Every observation taken from one source, in data order."""
        return list(self._by_source.get(source, ()))

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



def _group(observations: list[Observation], key: Callable[[Observation], K]) -> dict[K, list[Observation]]:
    """Observations by key, each group in data order."""
    groups: dict[K, list[Observation]] = {}
    for obs in observations:
        groups.setdefault(key(obs), []).append(obs)
    return groups


def _series(obs: Observation) -> tuple[str, str]:
    return obs.province, obs.indicator


def load(root: Path) -> Dataset:
    """Load and check data/ under root; raise BuildError listing every problem found."""
    problems: list[Problem] = []
    broken: set[str] = set()
    data = root / "data"
    provinces = read_records(data / "provinces.yaml", root, Province, problems, broken=broken)
    sources = read_records(data / "sources.yaml", root, Source, problems, broken=broken)
    indicator_file = read_records(data / "indicators.yaml", root, IndicatorFile, problems, single=True)
    if not indicator_file:
        broken.update(_ids_in(data / "indicators.yaml"))
    pillars = indicator_file[0].pillars if indicator_file else []
    indicators = indicator_file[0].indicators if indicator_file else []
    observations = [
        record
        for path in sorted((data / "observations").glob("*.yaml"))
        for record in read_records(path, root, Observation, problems)
    ]
    targets = read_records(data / "targets.yaml", root, Target, problems, broken=broken)
    events = read_records(data / "events.yaml", root, Event, problems, broken=broken)
    dataset = Dataset(
        provinces=_unique(provinces, problems), sources=_unique(sources, problems),
        pillars=_unique(pillars, problems), indicators=_unique(indicators, problems),
        observations=observations, targets=_unique(targets, problems), events=_unique(events, problems),
    )
    dataset.broken = broken
    dataset.observations = [o.dated(dataset.sources[o.source].published) if o.source in dataset.sources else o
                            for o in observations]
    dataset.texts = _texts(dataset, root, problems)
    problems += _references(dataset)
    problems += _values(dataset)
    problems += _quotes(dataset)
    dataset.conflicts = _conflicts(dataset.observations)
    dataset.notes = [_conflict_note(c) for c in dataset.conflicts]
    if problems:
        raise BuildError(problems)
    return dataset


def read_records(path: Path, root: Path, model: type[R], problems: list[Problem],
                 single: bool = False, broken: set[str] | None = None) -> list[R]:
    """Read one YAML file into located records; add a problem for each bad one and skip it."""
    shown = path.relative_to(root).as_posix()
    if not path.exists():
        problems.append(Problem(shown, 1, 1, "the file is missing; create it (see README: Data files)"))
        return []
    content = path.read_bytes()
    key = (str(path), model, single)
    if key in _READ and _READ[key][0] == content:
        return list(_READ[key][1])  # the same bytes read cleanly before (the preview's rebuilds)
    before = len(problems)
    out = _read(content, shown, model, problems, single, broken)
    if len(problems) == before:
        _READ[key] = (content, out)
    return out


# Records of files read cleanly, with the bytes they were read from. Records are immutable, so a
# long-running preview reuses them while a file is unchanged; a new process starts empty.
_READ: dict[tuple[str, type, bool], tuple[bytes, list]] = {}


def _read(content: bytes, shown: str, model: type[R], problems: list[Problem], single: bool,
          broken: set[str] | None) -> list[R]:
    try:
        raw, positions = yamlfile.loads(content, shown)
    except BuildError as exc:
        problems.extend(exc.problems)
        return []
    items = [raw] if single else raw
    expected = ("a mapping with 'pillars' and 'indicators'" if single
                else "a list of records (each line starting with '- ')")
    if (single and not isinstance(raw, dict)) or (not single and not isinstance(raw, list)):
        problems.append(positions.problem((), f"the file should hold {expected}"))
        return []
    out = []
    for index, item in enumerate(items):
        loc = () if single else (index,)
        try:
            record = model.model_validate(item)
        except ValidationError as exc:
            problems.extend(explain(exc, positions, loc))
            if broken is not None and isinstance(item, dict) and isinstance(item.get("id"), str):
                broken.add(item["id"])  # known, though invalid: spare the reporter echo errors
            continue
        place(record, positions, loc)
        out.append(record)
    return out


def place(record: Record, positions: yamlfile.Positions, loc: tuple) -> None:
    """Remember where each record (and nested record) was written, for later messages."""
    record._where = (positions.path, *positions.at(loc))
    record._fields = {name: positions.values[loc + (name,)] for name in type(record).model_fields
                      if loc + (name,) in positions.values}
    for name in type(record).model_fields:
        child = getattr(record, name)
        children = child if isinstance(child, list) else [child]
        for index, item in enumerate(children):
            if isinstance(item, Record):
                place(item, positions, loc + ((name, index) if isinstance(child, list) else (name,)))


def explain(exc: ValidationError, positions: yamlfile.Positions, base: tuple) -> Iterator[Problem]:
    """Turn pydantic's errors into messages a reporter can act on, at the right line."""
    for error in exc.errors(include_url=False):
        loc = base + tuple(part for part in error["loc"] if not isinstance(part, str) or not part[0].isupper())
        names = [p for p in error["loc"] if isinstance(p, str)]
        name = names[-1] if names else "record"
        kind = error["type"]
        if kind == "missing":
            yield positions.problem(loc[:-1], f"'{name}' is missing; add it (see README: Data files)")
        elif kind == "extra_forbidden":
            hint = ("; if this is part of a text, a comma split it: put the whole text in double quotes"
                    if " " in name else "")
            yield positions.problem(loc, f"unknown field '{name}'; valid fields here are: "
                                    f"{_fields_at(exc.title, error['loc'])}{hint}", key=True)
        elif kind == "literal_error":
            yield positions.problem(loc, f"'{name}' must be one of {error['ctx']['expected']}, "
                                    f"got {error['input']!r}")
        elif kind == "string_pattern_mismatch":
            yield positions.problem(loc, f"'{name}' has the wrong form: {error['input']!r}; "
                                    + _FORMS.get(name, "ids are lower-case words joined by '-', e.g. bac-ninh"))
        elif kind == "value_error":
            yield positions.problem(loc, f"'{name}' {str(error['ctx']['error'])}")
        elif kind.startswith(("date_", "datetime_")):
            yield positions.problem(loc, f"'{name}' must be a date written as YYYY-MM-DD, "
                                    f"e.g. 2024-10-15, got {error['input']!r}")
        elif kind in ("model_type", "model_attributes_type", "dict_type"):
            yield positions.problem(loc, f"'{name}' should be a mapping of fields (key: value), "
                                    f"got {error['input']!r}")
        else:
            yield positions.problem(loc, f"'{name}': {error['msg'].lower()}, got {error['input']!r}")


_FORMS = {
    "url": "a link must start with http:// or https://",
    "light": "write a colour as #RRGGBB", "dark": "write a colour as #RRGGBB",
    "file": "name a .txt file under data/sources/, e.g. bk-2025-push.txt",
}


def _fields_at(title: str, loc: tuple) -> str:
    model = getattr(records, title)
    for part in loc[:-1]:
        if isinstance(part, str):
            annotation = model.model_fields[part].annotation
            inner = getattr(annotation, "__args__", (annotation,))
            model = next((a for a in inner if isinstance(a, type) and issubclass(a, Record)), model)
    return one_of(model.model_fields)


def _unique(records: list[R], problems: list[Problem]) -> dict[str, R]:
    seen: dict[str, R] = {}
    for record in records:
        if record.id in seen:
            path, line, col = record.at("id")
            problems.append(Problem(path, line, col, f"the id '{record.id}' is used twice "
                                    f"(first on line {seen[record.id].where[1]}); ids must be unique"))
        else:
            seen[record.id] = record
    return seen


def _texts(data: Dataset, root: Path, problems: list[Problem]) -> dict[str, str]:
    texts = {}
    for source in data.sources.values():
        path = root / "data" / "sources" / source.file
        if not path.is_file():
            problems.append(Problem(*source.where, f"'file' data/sources/{source.file} does not exist; "
                                    "archive the article there as plain UTF-8 text"))
            continue
        texts[source.id] = factcheck.normalise(path.read_text(encoding="utf-8", errors="replace"))
    return texts


def _references(data: Dataset) -> Iterator[Problem]:
    """Every id that points elsewhere must exist."""
    tables = {"province": data.provinces, "indicator": data.indicators, "source": data.sources,
              "pillar": data.pillars}
    def check(record: Record, name: str, value: str, table: str) -> Iterator[Problem]:
        if value not in tables[table] and value not in data.broken:
            path, line, col = record.at(name)
            yield Problem(path, line, col, f"'{name}' is '{value}', which is not a known {table} id; "
                          f"valid ones are: {one_of(tables[table])}")
    for record in [*data.observations, *data.targets.values(), *data.events.values()]:
        yield from check(record, "province", record.province, "province")
        yield from check(record, "source", record.source, "source")
        if not isinstance(record, Event):
            yield from check(record, "indicator", record.indicator, "indicator")
    for indicator in data.indicators.values():
        yield from check(indicator, "pillar", indicator.pillar, "pillar")
        for related in indicator.related:
            yield from check(related, "indicator", related.indicator, "indicator")
    for source in data.sources.values():
        for province in source.provinces:
            yield from check(source, "provinces", province, "province")


def _values(data: Dataset) -> Iterator[Problem]:
    """Values must make sense for their indicator's unit; a stated period must end by publication."""
    for obs in data.observations:
        source = data.sources.get(obs.source)
        if source and obs.as_of is not None and not obs.inferred and obs.as_of.end > source.published.end:
            path, line, col = obs.at("as_of")
            yield Problem(path, line, col, f"'as_of' \"{obs.as_of}\" ends after the article was published "
                          f"(\"{source.published}\"), so the article cannot report all of it; give the part "
                          "it covers, or leave 'as_of' out if the article gives no period")
    for record in [*data.observations, *data.targets.values()]:
        indicator = data.indicators.get(record.indicator)
        if indicator is None:
            continue
        path, line, col = record.at("value")
        slip = factcheck.separator_slip(record.quote, record.value)
        if slip:
            yield Problem(path, line, col, f"'value' {record.value:g} looks like a thousands separator "
                          f"mistake: the article's \"{record.value:g}\" means {slip}; write {slip}")
        elif indicator.unit == "percent" and not 0 <= record.value <= 100 and not indicator.allow_over_100:
            yield Problem(path, line, col, f"'value' {record.value:g} is a percent outside 0–100 for "
                          f"'{indicator.id}'; check the figure, or set allow_over_100 on the indicator")
        elif indicator.unit in ("count", "rank") and record.value != int(record.value):
            yield Problem(path, line, col, f"'value' {record.value:g} must be a whole number for "
                          f"'{indicator.id}' ({indicator.unit})")
        elif indicator.unit == "rank" and indicator.rank_of and not 1 <= record.value <= indicator.rank_of:
            yield Problem(path, line, col, f"'value' {record.value:g} is not a rank between 1 and "
                          f"{indicator.rank_of}")


def _quotes(data: Dataset) -> Iterator[Problem]:
    """The fact-check: the quote is in the archived article, and it states the value."""
    for record in [*data.observations, *data.targets.values(), *data.events.values()]:
        text = data.texts.get(record.source)
        if text is None:
            continue
        path, line, col = record.at("quote")
        quote = factcheck.normalise(record.quote)
        if quote not in text:
            yield Problem(path, line, col, f"'quote' is not found in data/sources/"
                          f"{data.sources[record.source].file}; copy the words exactly from the article "
                          "(only spaces may differ)")
        elif isinstance(record, Event) or record.indicator not in data.indicators:
            continue
        elif not factcheck.states(quote, record.value, *_unit_lang(data, record)) \
                and not factcheck.separator_slip(quote, record.value):
            forms = " or ".join(f'"{f}"' for f in factcheck.renderings(record.value)[-2:])
            yield Problem(path, line, col, f"'quote' does not state the value {record.value:g} "
                          f"(looked for {forms}); quote the words that give the figure, or fix 'value'")


def _unit_lang(data: Dataset, record: Observation | Target) -> tuple[str, str]:
    return data.indicators[record.indicator].unit, data.sources[record.source].language


def _conflicts(observations: list[Observation]) -> list[Conflict]:
    """Pairs of figures for the same province, indicator and time from different sources that differ."""
    found = []
    for group in _group(observations, _series).values():
        for i, first in enumerate(group):
            found += [(first, second) for second in group[i + 1:] if first.source != second.source
                      and first.value != second.value and first.as_of.overlaps(second.as_of)]
    order = {id(obs): n for n, obs in enumerate(observations)}
    return [Conflict(a, b) for a, b in sorted(found, key=lambda pair: (order[id(pair[0])], order[id(pair[1])]))]


def _conflict_note(conflict: Conflict) -> Note:
    a, b = conflict.first, conflict.second
    return Note(*b.where, f"{b.province} {b.indicator}: {b.value:g} ({b.source}, {b.as_of}) differs "
                f"from {a.value:g} ({a.source}, {a.as_of}, {a.where[0]}:{a.where[1]}); "
                "both are kept and shown as a conflict")


def _ids_in(path: Path) -> set[str]:
    """Ids written in a file that failed validation as a whole, to avoid echo errors elsewhere."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    return set(re.findall(r"^\s*-?\s*id:\s*([a-z0-9-]+)\s*$", text, flags=re.M))
