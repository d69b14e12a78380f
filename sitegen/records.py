"""The typed records of data/: what a reporter writes, validated field by field."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr

from . import period as _period
from .period import Period

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


class Source(Record):
    id: Id
    file: Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]+\.txt$")]
    title: Annotated[str, Field(min_length=1)]
    outlet: str | None
    language: Literal["vi", "en"]
    published: When
    published_note: Text
    provinces: list[Id]
    defects: list[Text] = []
    url: Annotated[str, Field(pattern=r"^https?://")] | None = None


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
    allow_over_100: bool = False
    rank_of: int | None = None
    related: list[Related] = []


class IndicatorFile(Record):
    pillars: list[Pillar]
    indicators: list[Indicator]


def _number(value: object) -> object:
    """Refuse text where a number belongs, with the fix for the usual Vietnamese forms."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"must be a number, got {value!r}")
    if isinstance(value, str):
        plain = value.strip().rstrip("%").strip()
        hint = plain.replace(".", "").replace(",", ".") if "," in plain else plain.replace(".", "")
        try:
            float(hint)
            fix = f" — write {hint}"
        except ValueError:
            fix = ""
        raise ValueError(f"must be a number, got the text \"{value}\"{fix}")
    return value


Number = Annotated[float, BeforeValidator(_number)]


class Observation(Record):
    province: Id
    indicator: Id
    value: Number
    qualifier: Qualifier
    as_of: When
    source: Id
    quote: Annotated[str, Field(min_length=1)]
    note: Text | None = None

    @property
    def id(self) -> str:
        """A stable anchor for this figure, unique across the data."""
        return f"{self.province}-{self.indicator}-{self.as_of.text.replace('/', '-')}-{self.source}"


class Target(Record):
    id: Id
    province: Id
    indicator: Id
    value: Number
    direction: Literal["at-least", "at-most", "exact"]
    deadline: When
    source: Id
    quote: Annotated[str, Field(min_length=1)]
    note: Text | None = None


class Event(Record):
    id: Id
    province: Id
    date: When
    kind: Literal["resolution", "directive", "plan", "launch", "contest", "conference", "report",
                  "programme"]
    title: Text
    source: Id
    quote: Annotated[str, Field(min_length=1)]
    note: Text | None = None
