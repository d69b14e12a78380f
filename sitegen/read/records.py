"""The typed records of data/ and content/, and the reader that makes them from YAML.

A record is what a reporter writes, validated field by field (pydantic, unknown fields refused);
`read_records` turns one YAML file into located records and explains every invalid one at its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, ValidationError

from sitegen.errors import BuildError, Problem, one_of
from sitegen.messages import say
from sitegen.read import numbers, yamlfile
from sitegen.read import period as _period
from sitegen.read.period import Period

Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
When = Annotated[Period, BeforeValidator(_period.parse)]
Unit = Literal["percent", "percentage-points", "count", "rank", "hectares", "vnd"]
Qualifier = Literal["exact", "over", "about", "at-least", "up-to"]


class Record(BaseModel):
    """Base of every record: strict about unknown fields; remembers where it was written."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)
    _where: tuple[str, int, int] = PrivateAttr(default=("", 0, 0))
    _fields: dict[str, tuple[int, int]] = PrivateAttr(default_factory=dict)

    @property
    def where(self) -> tuple[str, int, int]:
        """(file, line, column) of the record in data/."""
        return self._where

    def at(self, name: str) -> tuple[str, int, int]:
        """(file, line, column) of one field's value, or of the record if it was not written."""
        line, col = self._fields.get(name, self._where[1:])
        return (self._where[0], line, col)


class Text(Record):
    """The same text in both languages."""

    vi: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]

    def __call__(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


class Colour(Record):
    light: Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")]
    dark: Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")]


class Province(Record):
    id: Id
    name: Text
    kind: Literal["province", "national"]
    colour: Colour
    merger_note: Text | None


class TranscriptionFix(Record):
    """A mistake of our copy of an article, fixed: when, and what was changed (see sitegen/archive.py)."""

    date: When
    what: Annotated[str, Field(min_length=1)]


class Source(Record):
    id: Id
    file: Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]+\.txt$")]
    title: Annotated[str, Field(min_length=1)]
    outlet: Text | None  # the full name of the newspaper or agency, in both languages
    language: Literal["vi", "en"]
    published: When
    published_note: Text
    provinces: list[Id]
    defects: list[Text] = []
    url: Annotated[str, Field(pattern=r"^https?://")] | None = None
    title_en: str | None = None  # the site's own English gloss of the title
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None  # of the archived file, as archived
    transcription_fixes: list[TranscriptionFix] = []


class Pillar(Record):
    id: Id
    label: Text


class Related(Record):
    indicator: Id
    note: Text


class Indicator(Record):
    id: Id
    pillar: Id
    label: Text
    definition: Text
    unit: Unit
    higher_is_better: bool | None
    comparable: bool = False
    comparable_note: Text | None = None  # why the provinces' figures can or cannot be set side by side
    allow_over_100: bool = False
    rank_of: int | None = None
    related: list[Related] = []


class IndicatorFile(Record):
    pillars: list[Pillar]
    indicators: list[Indicator]


def _number(value: object) -> object:
    """Refuse text where a number belongs, with the fix for the usual Vietnamese forms."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(say("number_not", got=repr(value)))
    if isinstance(value, str):
        fix = say("number_fix", fix=fixed) if (fixed := numbers.meant(value)) is not None else ""
        raise ValueError(say("number_text", text=value, fix=fix))
    return value


Number = Annotated[float, BeforeValidator(_number)]


class Quoted(Record):
    """A record taken from an article: its province, its source, the verbatim quote and a note."""

    province: Id
    source: Id
    quote: Annotated[str, Field(min_length=1)]
    quote_en: str | None = None  # the site's own English translation of the quote
    note: Text | None = None


class Correction(Record):
    """A published value found wrong and corrected: when, what it was, and why (both languages)."""

    date: When
    was: Number
    why: Text


class Observation(Quoted):
    """One figure as an article states it. Without `as_of` the article gives no period: the figure
    is undated, and the dataset gives it the source's publication date, marked as inferred."""

    indicator: Id
    value: Number
    qualifier: Qualifier
    as_of: When | None = None
    corrections: list[Correction] = []  # oldest first; see sitegen/corrections.py
    _inferred: bool = PrivateAttr(default=False)

    @property
    def inferred(self) -> bool:
        """True when the article gives no period and `as_of` is its publication date or window."""
        return self._inferred

    def dated(self, published: Period) -> Observation:
        """This figure with `as_of` filled in from its source's publication when it has none."""
        if self.as_of is not None:
            return self
        copy = self.model_copy(update={"as_of": published})
        copy._inferred = True
        return copy

    @property
    def id(self) -> str:
        """A stable anchor for this figure, unique across the data."""
        when = "undated" if self.inferred or self.as_of is None else self.as_of.text.replace("/", "-")
        return f"{self.province}-{self.indicator}-{when}-{self.source}"


class Target(Quoted):
    """A goal an article states: a value to reach (or not pass) by a deadline."""

    id: Id
    indicator: Id
    value: Number
    direction: Literal["at-least", "at-most", "exact"]
    deadline: When
    # false when the goal is defined otherwise than its indicator's figures (another base, scope or
    # way of counting): no figure can then meet it, and the note says how the two differ
    comparable: bool = True
    corrections: list[Correction] = []


class Event(Quoted):
    """A dated milestone: a resolution, a launch, a conference, a goal without a number…"""

    id: Id
    date: When
    kind: Literal["resolution", "directive", "plan", "launch", "contest", "conference", "report",
                  "programme", "decision", "goal"]
    title: Text


R = TypeVar("R", bound=Record)

# Records of files read cleanly, with the bytes they were read from. Records are immutable, so a
# long-running preview reuses them while a file is unchanged; a new process starts empty.
_READ: dict[tuple[str, type, bool], tuple[bytes, list]] = {}


def read_records(path: Path, root: Path, model: type[R], problems: list[Problem],
                 single: bool = False, broken: set[str] | None = None) -> list[R]:
    """Read one YAML file into located records; add a problem for each bad one and skip it.

    `single`: the file holds one mapping (one record), not a list. `broken` collects the ids of
    records that failed, so that references to them give no echo errors elsewhere.
    """
    shown = path.relative_to(root).as_posix()
    if not path.exists():
        problems.append(Problem(shown, 1, 1, say("file_missing")))
        return []
    content = path.read_bytes()
    key = (str(path), model, single)
    if key in _READ and _READ[key][0] == content:
        return list(_READ[key][1])  # the same bytes read cleanly before (the preview's rebuilds)
    before = len(problems)
    try:
        raw, positions = yamlfile.loads(content, shown)
    except BuildError as exc:
        problems.extend(exc.problems)
        return []
    out = records_from(raw, positions, model, problems, single, broken)
    if len(problems) == before:
        _READ[key] = (content, out)
    return out


def records_from(raw: object, positions: yamlfile.Positions, model: type[R], problems: list[Problem],
                 single: bool = False, broken: set[str] | None = None) -> list[R]:
    """Validate loaded YAML into located records, explaining each invalid one."""
    if (single and not isinstance(raw, dict)) or (not single and not isinstance(raw, list)):
        problems.append(positions.problem((), say("file_mapping" if single else "file_list")))
        return []
    out = []
    for index, item in enumerate([raw] if single else raw):
        loc = () if single else (index,)
        try:
            record = model.model_validate(item)
        except ValidationError as exc:
            problems.extend(explain(exc, positions, loc, model))
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


def explain(exc: ValidationError, positions: yamlfile.Positions, base: tuple, model: type[Record]) -> Iterator[Problem]:
    """Turn pydantic's errors about `model` into messages a reporter can act on, at the right line."""
    for error in exc.errors(include_url=False):
        loc = base + tuple(part for part in error["loc"] if not isinstance(part, str) or not part[0].isupper())
        names = [p for p in error["loc"] if isinstance(p, str)]
        name = names[-1] if names else "record"
        kind, got = error["type"], repr(error["input"])
        if kind == "missing":
            yield positions.problem(loc[:-1], say("field_missing", name=name))
        elif kind == "extra_forbidden":
            hint = say("field_comma_split") if " " in name else ""
            yield positions.problem(loc, say("field_unknown", name=name, valid=_fields_at(model, error["loc"]),
                                             hint=hint), key=True)
        elif kind == "literal_error":
            meant = numbers.qualifier_meant(error["input"]) if isinstance(error["input"], str) else None
            hint = say("qualifier_hint", word=error["input"], fix=meant) if meant else ""
            yield positions.problem(loc, say("field_choice", name=name, expected=_choices(error["ctx"]["expected"]),
                                             got=got, hint=hint))
        elif kind == "string_pattern_mismatch":
            form = say(_FORMS.get(name, "form_id"))
            yield positions.problem(loc, say("field_form", name=name, got=got, form=form))
        elif kind == "value_error":
            yield positions.problem(loc, f"'{name}' {error['ctx']['error']}")
        elif kind.startswith(("date_", "datetime_")):
            hint = _period.guess(error["input"]) if isinstance(error["input"], str) else None
            yield positions.problem(loc, f"'{name}' {hint}" if hint else say("field_date", name=name, got=got))
        elif kind in ("model_type", "model_attributes_type", "dict_type"):
            yield positions.problem(loc, say("field_mapping", name=name, got=got))
        else:
            yield positions.problem(loc, say("field_other", name=name, reason=error["msg"].lower(), got=got))


def _choices(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" in the language of the messages."""
    names = re.findall(r"'[^']*'", expected)
    return say("or").join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else expected


_FORMS = {"url": "form_url", "light": "form_colour", "dark": "form_colour", "file": "form_file",
          "sha256": "form_sha256"}


def _fields_at(model: type[Record], loc: tuple) -> str:
    """The valid field names of the (nested) record at loc."""
    for part in loc[:-1]:
        if isinstance(part, str) and part in model.model_fields:
            model = _record_in(model.model_fields[part].annotation) or model
    return one_of(model.model_fields)


def _record_in(annotation: object) -> type[Record] | None:
    """The record type inside an annotation such as `list[Related]`, `Text | None`, `dict[str, Text]`."""
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        if found := _record_in(arg):
            return found
    return None


def ids_in(path: Path) -> set[str]:
    """Ids written in a file that failed validation as a whole, to avoid echo errors elsewhere."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    return set(re.findall(r"^\s*-?\s*id:\s*([a-z0-9-]+)\s*$", text, flags=re.M))
