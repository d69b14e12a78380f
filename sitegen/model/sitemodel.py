"""The model: everything a build needs, loaded and compared before anything is rendered."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date

from sitegen.model import compare
from sitegen.model.dataset import Dataset
from sitegen.model.pages import STORY_TEMPLATES, Page
from sitegen.read.content import ChartDef, GlossaryEntry, SiteText, Story
from sitegen.read.locales import count_words
from sitegen.read.records import Observation, Target
from sitegen.urls import LANGS


@dataclass(frozen=True)
class Model:
    """The dataset, the site's words, its charts and stories, and what the comparisons found."""

    data: Dataset
    text: SiteText
    charts: dict[str, ChartDef]
    stories: list[Story]
    prose: list[Story]  # content/pages/: the method text, the about page…
    provinces: list[str]  # the provinces compared (not the national average), in data order
    comparisons: dict[str, compare.Comparison]  # by indicator id
    progress: dict[str, compare.Progress]  # by target id
    glossary: list[GlossaryEntry] = field(default_factory=list)  # content/glossary.yaml

    def coverage(self, pillar: str | None = None) -> compare.Coverage:
        """What each province reports and what can be compared, for a pillar or overall."""
        return compare.coverage(list(self.comparisons.values()), self.provinces, pillar)

    def updated(self, page: Page) -> Date | None:
        """When a page last changed, by the dates data/ and content/ record (never the clock, nor an
        article's publication, which is when a figure was cited, not when the page changed).

        A story or prose page: its date. A page of figures: the latest day an article behind them was
        added to the site (its `added`), one of them was corrected, or its article's copy was fixed;
        the pages that list stories, or show the method, also the latest of those.
        """
        found = page.context.get("story")
        if found is not None:
            return found.date
        dates = [day for r in self._records(page) for day in self._changes(r.source, r.corrections)]
        if page.template in STORY_TEMPLATES:
            dates += [s.date for s in self.stories]
        if page.template == "sources.html":
            dates += [p.date for p in self.prose if p.key == "method" and p.lang == page.lang]
        return max(dates, default=None)

    def newest(self, page: Page) -> Observation | None:
        """The figure of an indicator or province page that describes the latest period, if any."""
        if "indicator" not in page.context and "province" not in page.context:
            return None
        found = [r for r in self._records(page) if isinstance(r, Observation)]
        return max(found, key=lambda o: (o.as_of.end, o.as_of.start), default=None)

    def _records(self, page: Page) -> list[Observation | Target]:
        """The figures and goals a page shows: its indicator's, its province's, or all of them."""
        data, records = self.data, [*self.data.observations, *self.data.targets.values()]
        if (indicator := page.context.get("indicator")) is not None:
            return [r for r in records if r.indicator == indicator.id]
        if (province := page.context.get("province")) is not None:
            return [r for r in records if r.province == province.id and r.indicator in data.indicators]
        return records

    def _changes(self, source: str, corrections: list) -> list[Date]:
        """The days a record changed: its article was added or its copy fixed, the record corrected."""
        found = self.data.sources[source]
        return [*([found.added.start] if found.added else []), *(f.date.start for f in found.transcription_fixes),
                *(c.date.start for c in corrections)]

    def leads(self) -> dict[str, int]:
        """How many indicators measured the same way each province leads on."""
        found = [c.leader for c in self.comparisons.values() if c.both and c.same_definition and c.leader]
        return {p: found.count(p) for p in self.provinces if p in found}


def make(data: Dataset, text: SiteText, charts: dict[str, ChartDef], stories: list[Story], prose: list[Story],
         glossary: list[GlossaryEntry]) -> Model:
    """The model of a loaded dataset and content: counts filled into the site text, comparisons made."""
    text = text.filled({"source_count": {lang: count_words(len(data.sources), lang) for lang in LANGS}})
    provinces = compare.provinces_compared(data)
    return Model(data, text, charts, stories, prose, provinces,
                 {i.id: compare.compare(data, i, provinces) for i in data.indicators.values()},
                 {t.id: compare.progress(data, t) for t in data.targets.values()}, glossary)
