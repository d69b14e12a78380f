"""The model: everything a build needs, loaded and compared before anything is rendered."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date as Date

from sitegen.model import compare
from sitegen.model.dataset import Dataset
from sitegen.model.pages import STORY_TEMPLATES, Page
from sitegen.read.content import ChartDef, GlossaryEntry, SiteText, Story
from sitegen.read.i18n import count_words
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
        """When what a page is built from last changed, by the data's own dates (never the clock).

        A story or prose page: its date. An indicator page: the latest publication of the articles
        behind its figures, or a correction. Any other page: the latest of every article and
        correction, and, on the pages that list stories, of the stories.
        """
        found = page.context.get("story")
        if found is not None:
            return found.date
        by_indicator, overall = self._latest
        indicator = page.context.get("indicator")
        if indicator is not None:
            return by_indicator.get(indicator.id)
        dates = [overall] if overall else []
        if page.template in STORY_TEMPLATES:
            dates += [s.date for s in self.stories]
        return max(dates, default=None)

    @functools.cached_property
    def _latest(self) -> tuple[dict[str, Date], Date | None]:
        """The latest article or correction behind each indicator's figures and targets, and of all."""
        data, by_indicator = self.data, {}
        for r in [*data.observations, *data.targets.values()]:
            dates = [data.sources[r.source].published.end, *(c.date.end for c in r.corrections)]
            by_indicator[r.indicator] = max([*dates, by_indicator.get(r.indicator, dates[0])])
        overall = [*by_indicator.values(), *(s.published.end for s in data.sources.values())]
        return by_indicator, max(overall, default=None)

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
