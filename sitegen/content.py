"""What reporters write besides data: site text, chart definitions and stories (content/)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from . import yamlfile
from .data import Dataset, explain, place, read_records
from .errors import BuildError, Problem, one_of
from .records import Id, Record, Text


class SiteText(Record):
    """Titles, navigation and every label a template shows, in both languages.

    A text may name a count derived from the data, such as {source_count} (the number of archived
    articles, in words), so that adding a source never leaves the site saying "five articles".
    """

    title: Text
    tagline: Text
    strings: dict[str, Text]

    def filled(self, counts: dict[str, dict[str, str]]) -> SiteText:
        """This text with every {name} of counts replaced, in each language."""
        def fill(text: Text) -> Text:
            out = {}
            for lang in ("vi", "en"):
                value = text(lang)
                for name, words in counts.items():
                    value = value.replace("{" + name + "}", words[lang])
                out[lang] = value
            return Text(**out)
        return SiteText(title=fill(self.title), tagline=fill(self.tagline),
                        strings={key: fill(value) for key, value in self.strings.items()})


class ChartDef(Record):
    """A named chart a story or page can show with chart("id")."""

    id: Id
    kind: Literal["compare", "history", "target"]
    indicators: Annotated[list[Id], Field(min_length=1)]
    provinces: list[Id] = []
    order: Literal["data", "value"] = "data"
    home: bool = False
    title: Text


@dataclass(frozen=True)
class Story:
    """One story in one language; `key` pairs it with its translation."""

    key: str
    lang: str
    title: str
    summary: str
    date: Date
    body: str
    path: str
    body_line: int


class FrontMatter(Record):
    title: Annotated[str, Field(min_length=1)]
    date: Date
    summary: Annotated[str, Field(min_length=1)]
    lang: Literal["vi", "en"]
    key: Id


def load_site_text(root: Path, problems: list[Problem]) -> SiteText | None:
    found = read_records(root / "content" / "site.yaml", root, SiteText, problems, single=True)
    return found[0] if found else None


def load_chart_defs(root: Path, problems: list[Problem]) -> list[ChartDef]:
    return read_records(root / "content" / "charts.yaml", root, ChartDef, problems)


def load_stories(root: Path, problems: list[Problem], folder: str = "stories") -> list[Story]:
    """Load every Markdown file under content/<folder>/, sorted newest first."""
    stories = []
    for path in sorted((root / "content" / folder).glob("*.md")):
        story = _story(path, path.relative_to(root).as_posix(), problems)
        if story:
            stories.append(story)
    seen: dict[tuple[str, str], Story] = {}
    for story in stories:
        if (story.key, story.lang) in seen:
            problems.append(Problem(story.path, 2, 1, f"another '{story.lang}' story already has the "
                                    f"key '{story.key}' ({seen[story.key, story.lang].path}); "
                                    "keys pair translations, so each language uses a key once"))
        seen[story.key, story.lang] = story
    return sorted(stories, key=lambda s: (s.date, s.key), reverse=True)


def _story(path: Path, shown: str, problems: list[Problem]) -> Story | None:
    raw = path.read_bytes()
    try:
        text = yamlfile._decode(raw, shown)
    except BuildError as exc:
        problems.extend(exc.problems)
        return None
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.append(Problem(shown, 1, 1, "a story starts with front matter: a line '---', "
                                "then title, date, summary, lang and key, then '---'"))
        return None
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), None)
    if end is None:
        problems.append(Problem(shown, 1, 1, "the front matter is not closed: add a line '---' "
                                "after its last field"))
        return None
    front = "\n" + "\n".join(lines[1:end])  # keeps line numbers true to the file
    meta = _front_matter(front, shown, problems)
    if meta is None:
        return None
    return Story(key=meta.key, lang=meta.lang, title=meta.title, summary=meta.summary, date=meta.date,
                 body="\n".join(lines[end + 1:]), path=shown, body_line=end + 2)


def _front_matter(front: str, shown: str, problems: list[Problem]) -> FrontMatter | None:
    try:
        raw, positions = yamlfile.load_text(front, shown)
    except BuildError as exc:
        problems.extend(exc.problems)
        return None
    if not isinstance(raw, dict):
        problems.append(Problem(shown, 2, 1, "the front matter should be fields (key: value)"))
        return None
    raw = {k: (Date.fromisoformat(v) if k == "date" and isinstance(v, str) and _iso(v) else v)
           for k, v in raw.items()}
    try:
        meta = FrontMatter.model_validate(raw)
    except Exception as exc:  # pydantic.ValidationError
        problems.extend(explain(exc, positions, ()))
        return None
    place(meta, positions, ())
    return meta


def _iso(text: str) -> bool:
    try:
        Date.fromisoformat(text)
        return True
    except ValueError:
        return False


def check_chart_defs(defs: list[ChartDef], data: Dataset) -> list[Problem]:
    """Every indicator and province a chart names must exist."""
    problems = []
    for chart in defs:
        for name, table, kind in [*((i, data.indicators, "indicator") for i in chart.indicators),
                                  *((p, data.provinces, "province") for p in chart.provinces)]:
            if name not in table:
                problems.append(Problem(*chart.where, f"chart '{chart.id}' names the unknown {kind} "
                                        f"'{name}'; valid ones are: {one_of(table)}"))
        if chart.kind == "target" and len(chart.provinces) != 1:
            problems.append(Problem(*chart.where, f"chart '{chart.id}' is a target chart: give exactly "
                                    "one province in 'provinces'"))
    return problems
