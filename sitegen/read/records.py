"""The typed records of data/: what a reporter writes, validated field by field (pydantic,
unknown fields refused), each remembering where it was written (see datafile.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr

from sitegen.messages import say
from sitegen.read import numbers
from sitegen.read import period as _period
from sitegen.read.period import Period

Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
When = Annotated[Period, BeforeValidator(_period.parse)]
Unit = Literal["percent", "percentage-points", "count", "rank", "hectares", "vnd"]
Qualifier = Literal["exact", "over", "about", "nearly", "at-least", "up-to"]  # nearly: "gần", just under


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
    added: When | None = None  # the day the article and its figures were added to the site (pages' "last changed")


class Pillar(Record):
    id: Id
    label: Text


class Related(Record):
    indicator: Id
    note: Text


class Wording(Record):
    """How one article behind an indicator's figures defines them: `words`, verbatim from the
    article, name what it counts; null where the article gives the figure without saying."""

    province: Id
    source: Id
    words: Annotated[str, Field(min_length=1)] | None
    words_en: str | None = None  # the site's own English translation of the words


class Indicator(Record):
    id: Id
    pillar: Id
    label: Text
    definition: Text
    unit: Unit
    higher_is_better: bool | None
    comparable: bool = False
    comparable_note: Text | None = None  # why the provinces' figures can or cannot be set side by side
    basis: list[Wording] = []  # how each article behind the provinces' figures defines them (see compare.py)
    allow_over_100: bool = False
    rank_of: int | None = None
    related: list[Related] = []


class IndicatorFile(Record):
    pillars: list[Pillar]
    indicators: list[Indicator]


def _number(value: object) -> Decimal:
    """An exact decimal; text where a number belongs is refused with the fix for the usual Vietnamese forms."""
    if isinstance(value, str):
        fix = say("number_fix", fix=fixed) if (fixed := numbers.meant(value)) is not None else ""
        raise ValueError(say("number_text", text=value, fix=fix))
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)) or not Decimal(str(value)).is_finite():
        raise ValueError(say("number_not", got=repr(value)))
    return Decimal(str(value))


Number = Annotated[Decimal, BeforeValidator(_number)]  # exact, from the YAML on (never a binary float)


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


class Retraction(Record):
    """A published figure or goal withdrawn in the open: when, and why (both languages)."""

    date: When
    why: Text


class Observation(Quoted):
    """One figure as an article states it. Without `as_of` the article gives no period: the figure
    is undated, and the dataset gives it the source's publication date, marked as inferred."""

    indicator: Id
    value: Number
    qualifier: Qualifier
    as_of: When | None = None
    corrections: list[Correction] = []  # oldest first; see model/corrections.py
    retracted: Retraction | None = None  # withdrawn: listed on the corrections page, shown nowhere else
    _inferred: bool = PrivateAttr(default=False)

    @property
    def inferred(self) -> bool:
        """True when the article gives no period and `as_of` is its publication date or window."""
        return self._inferred

    def dated(self, published: Period) -> Observation:
        """This figure with `as_of` filled in from its source's publication when it has none, or an
        open period ("2024/..") ended when the article was published."""
        if self.as_of is not None:
            return self.model_copy(update={"as_of": self.as_of.until(published.end)}) if self.as_of.open else self
        copy = self.model_copy(update={"as_of": published})
        copy._inferred = True
        return copy

    @property
    def id(self) -> str:
        """A stable anchor for this figure, unique across the data."""
        when = "undated" if self.inferred or self.as_of is None else \
            self.as_of.text.replace("/..", "-on").replace("/", "-")
        return f"{self.province}-{self.indicator}-{when}-{self.source}"


class Target(Quoted):
    """A goal an article states: a value to reach (or not pass) by a deadline."""

    id: Id
    indicator: Id
    value: Number
    direction: Literal["at-least", "at-most", "exact"]
    deadline: When | None = None  # None: the article gives no deadline (never one of our own)
    # false when the goal is defined otherwise than its indicator's figures (another base, scope or
    # way of counting): no figure can then meet it, and the note says how the two differ
    comparable: bool = True
    corrections: list[Correction] = []
    retracted: Retraction | None = None

    @property
    def due(self) -> date:
        """When the goal falls due, for ordering: the deadline's last day; a goal with none, last."""
        return self.deadline.end if self.deadline else date.max


class Event(Quoted):
    """A dated milestone: a resolution, a launch, a conference, a goal without a number…"""

    id: Id
    date: When
    kind: Literal["resolution", "directive", "plan", "launch", "contest", "conference", "report",
                  "programme", "decision", "goal"]
    title: Text
