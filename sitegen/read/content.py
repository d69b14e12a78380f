"""What reporters write besides data: site text, chart definitions, stories and prose pages (content/)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from sitegen.errors import BuildError, Problem
from sitegen.messages import say
from sitegen.read import yamlfile
from sitegen.read.datafile import ids_in, read_records, records_from
from sitegen.read.records import Id, Record, Text


class Words(Record):
    """A short pattern in both languages; it may be empty ("exact" has no qualifier word)."""

    vi: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


class Formats(Record):
    """How values read: qualifier words ("hơn {v}") and units ("{n}%", "thứ {n}/{of}")."""

    qualifier: dict[Literal["exact", "over", "about", "at-least", "up-to", "nearly"], Words]
    unit: dict[Literal["percent", "percentage-points", "count", "millions", "rank", "rank-alone", "places",
                       "hectares", "vnd"], Words]
    target: Words
    gap: Words
    axis: dict[Literal["rank", "vnd", "hectares"], Words]  # the title of a chart's value axis
    # a figure whose article gives no date: {period} is the article's publication, never a measurement
    undated: Words  # where no period is shown beside the figure
    inferred: Words  # in text: "không rõ thời điểm, bài đăng {period}"
    inferred_chart: Words  # in a chart's row names, explained by the key under the chart
    sources: Words  # one mark for a figure several articles cite: "{n} nguồn"
    no_deadline: Words  # a goal whose article gives no deadline

    def target_label(self, lang: str) -> str:
        """The word for a goal in charts: "mục tiêu", "target"."""
        return self.target(lang)


class TableText(Record):
    """What a download is, and what each of its columns means."""

    title: Text
    columns: dict[str, Text]


class Licence(Record):
    """What readers may do with the site's text and data: shown in every footer and in the data package."""

    name: Annotated[str, Field(min_length=1)]  # its SPDX id, as Frictionless expects: CC-BY-4.0
    title: Annotated[str, Field(min_length=1)]  # "Creative Commons Attribution 4.0 International"
    path: Annotated[str, Field(pattern=r"^https://\S+$")]  # where its terms are read
    terms: Text  # the footer's sentence


class SiteText(Record):
    """Titles, navigation, value formats and every label a template shows, in both languages.

    A text may name a count derived from the data, such as {source_count} (the number of archived
    articles, in words), so that adding a source never leaves the site saying "five articles".
    """

    title: Text
    tagline: Text
    formats: Formats
    downloads: dict[str, TableText]
    licence: Licence
    strings: dict[str, Text]
    messages_lang: Literal["vi", "en"] = "en"  # the generator's messages; read early by messages.choose

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
        return self.model_copy(update={"title": fill(self.title), "tagline": fill(self.tagline),
                                       "strings": {key: fill(value) for key, value in self.strings.items()}})


class ChartDef(Record):
    """A named chart a story or page can show with chart("id")."""

    id: Id
    kind: Literal["compare", "history", "target"]
    indicators: Annotated[list[Id], Field(min_length=1)]
    provinces: list[Id] = []
    order: Literal["data", "value"] = "data"
    home: bool = False
    title: Text


class FrontMatter(Record):
    """The fields between the two '---' lines at the top of a story or page."""

    title: Annotated[str, Field(min_length=1)]
    date: Date
    summary: Annotated[str, Field(min_length=1)]
    lang: Literal["vi", "en"]
    key: Id


@dataclass(frozen=True)
class Story:
    """One story (or prose page) in one language; `key` pairs it with its translation."""

    key: str
    lang: str
    title: str
    summary: str
    date: Date
    body: str
    path: str
    body_line: int
    key_at: tuple[int, int] = (2, 1)  # line and column of `key:` in the file
    date_at: tuple[int, int] = (2, 1)  # line and column of `date:` in the file


def load_site_text(root: Path, problems: list[Problem]) -> SiteText | None:
    """content/site.yaml, or None when it cannot be used."""
    found = read_records(root / "content" / "site.yaml", root, SiteText, problems, single=True)
    return found[0] if found else None


class GlossaryEntry(Record):
    """One abbreviation or term the site uses: what it stands for and what it means."""

    term: Annotated[str, Field(min_length=1)]
    expansion: Text | None = None
    definition: Text

    @property
    def anchor(self) -> str:
        """The entry's fragment on the glossary page: "PAR INDEX" -> "par-index"."""
        return re.sub(r"[\s/]+", "-", self.term.strip().lower())


def load_glossary(root: Path, problems: list[Problem]) -> list[GlossaryEntry]:
    """content/glossary.yaml in alphabetical order; none where the project has no glossary."""
    path = root / "content" / "glossary.yaml"
    found = read_records(path, root, GlossaryEntry, problems) if path.exists() else []
    return sorted(found, key=lambda e: e.term.casefold())


def load_chart_defs(root: Path, problems: list[Problem], broken: set[str]) -> list[ChartDef]:
    """content/charts.yaml; the ids of invalid charts go into broken."""
    before = len(problems)
    found = read_records(root / "content" / "charts.yaml", root, ChartDef, problems, broken=broken)
    if len(problems) > before and not found:  # unreadable: spare the stories echo errors of its charts
        broken.update(ids_in(root / "content" / "charts.yaml"))
    return found


def load_stories(root: Path, problems: list[Problem], folder: str = "stories") -> list[Story]:
    """Every Markdown file under content/<folder>/, newest first; a key is used once per language."""
    stories = [story for path in sorted((root / "content" / folder).glob("*.md"))
               if (story := _story(path, path.relative_to(root).as_posix(), problems))]
    seen: dict[tuple[str, str], Story] = {}
    for story in stories:
        if (story.key, story.lang) in seen:
            first = seen[story.key, story.lang]
            problems.append(Problem(story.path, *story.key_at, say("story_key_twice", lang=story.lang,
                                                                   key=story.key, first=first.path)))
        seen.setdefault((story.key, story.lang), story)
    return sorted(seen.values(), key=lambda s: (s.date, s.key), reverse=True)


_PRIVATE = re.compile("[\ue000-\uf8ff]")


def _story(path: Path, shown: str, problems: list[Problem]) -> Story | None:
    try:
        text = yamlfile.decode(path.read_bytes(), shown)
    except BuildError as exc:
        problems.extend(exc.problems)
        return None
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.append(Problem(shown, 1, 1, say("story_no_front_matter")))
        return None
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), None)
    if end is None:
        problems.append(Problem(shown, 1, 1, say("story_front_matter_open")))
        return None
    for number, line in enumerate(lines, 1):
        if found := _PRIVATE.search(line):
            problems.append(Problem(shown, number, found.start() + 1,
                                    say("story_private_character", code=f"U+{ord(found.group()):04X}")))
            return None
    meta = _front_matter("\n" + "\n".join(lines[1:end]), shown, problems)  # keeps line numbers true
    if meta is None:
        return None
    return Story(key=meta.key, lang=meta.lang, title=meta.title, summary=meta.summary, date=meta.date,
                 body="\n".join(lines[end + 1:]), path=shown, body_line=end + 2, key_at=meta.at("key")[1:],
                 date_at=meta.at("date")[1:])


def _front_matter(front: str, shown: str, problems: list[Problem]) -> FrontMatter | None:
    try:
        raw, positions = yamlfile.load_text(front, shown)
    except BuildError as exc:
        problems.extend(exc.problems)
        return None
    if not isinstance(raw, dict):
        problems.append(positions.problem((), say("story_front_matter_fields")))
        return None
    found = records_from(raw, positions, FrontMatter, problems, single=True)
    return found[0] if found else None
