"""The pages of the site: which exist, at which path, with which template and context."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sitegen.model import corrections
from sitegen.model.dataset import Dataset
from sitegen.read.content import ChartDef, SiteText, Story
from sitegen.urls import LANGS, edition

EMBEDDED_PROSE = {"method": "sources/"}  # prose pages shown inside another page; the rest get <key>/
# Tools and reference pages readers do not share as such: they show the site's own (home) card.
UNSHARED_TEMPLATES = {"search.html", "404.html", "glossary.html", "data.html", "sources.html", "corrections.html"}
STORY_TEMPLATES = {"home.html", "stories.html", "story.html", "search.html"}  # the pages that list stories


@dataclass(frozen=True)
class Page:
    """One page in one language. `path` is the same in both languages ("indicators/x/")."""

    path: str
    lang: str
    template: str
    title: str
    context: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def file(self) -> str:
        """Where the page is written under site/."""
        return edition(self.path if self.path.endswith(".html") else self.path + "index.html", self.lang)

    @property
    def is_embed(self) -> bool:
        """Embed pages hold one chart for other sites' iframes; they stay out of the sitemap."""
        return self.path.startswith("embed/")

    @property
    def is_shared(self) -> bool:
        """Whether readers share this page as such, so it gets a social card of its own."""
        return not self.is_embed and self.template not in UNSHARED_TEMPLATES

    @property
    def card(self) -> str:
        """Where the page's social card (JPEG) is under site/: its own if it is shared, else its edition's home card."""
        name = self.path.strip("/").replace("/", "--").removesuffix(".html") if self.is_shared else ""
        return f"cards/{self.lang}/{name or 'home'}.jpg"


def every_page(data: Dataset, text: SiteText, stories: list[Story], prose: list[Story],
          charts: dict[str, ChartDef]) -> list[Page]:
    """Every page of the site in both languages."""
    out = []
    for lang in LANGS:
        def s(key: str, lang: str = lang) -> str:
            return text.strings[key](lang)
        mine = [st for st in stories if st.lang == lang]
        out.append(Page("", lang, "home.html", text.title(lang), {"stories": mine[:3]}))
        out.append(Page("compare/", lang, "compare-overview.html", s("compare")))
        for pillar in data.pillars.values():
            inds = [i for i in data.indicators.values() if i.pillar == pillar.id]
            out.append(Page(f"compare/{pillar.id}/", lang, "compare.html", pillar.label(lang),
                            {"pillar": pillar, "indicators": inds}))
        for province in data.provinces.values():
            if province.kind == "province":
                out.append(Page(f"provinces/{province.id}/", lang, "province.html", province.name(lang),
                                {"province": province}))
        for indicator in data.indicators.values():
            out.append(Page(f"indicators/{indicator.id}/", lang, "indicator.html", indicator.label(lang),
                            {"indicator": indicator}))
        out.append(Page("indicators/", lang, "indicators.html", s("indicators")))
        out.append(Page("targets/", lang, "targets.html", s("targets")))
        out.append(Page("timeline/", lang, "timeline.html", s("timeline")))
        out.append(Page("sources/", lang, "sources.html", s("sources")))
        out.append(Page("data/", lang, "data.html", s("data")))
        out.append(Page("glossary/", lang, "glossary.html", s("glossary")))
        out.append(Page("corrections/", lang, "corrections.html", s("corrections"),
                        {"corrections": corrections.entries(data)}))
        out.append(Page("stories/", lang, "stories.html", s("stories"), {"stories": mine}))
        for story in mine:
            out.append(Page(f"stories/{story.key}/", lang, "story.html", story.title, {"story": story}))
        for page in prose:
            if page.lang == lang and page.key not in EMBEDDED_PROSE:
                out.append(Page(f"{page.key}/", lang, "prose.html", page.title, {"story": page}))
        out.append(Page("search/", lang, "search.html", s("search"), {"stories": mine}))
        out.append(Page("404.html", lang, "404.html", s("not_found")))
        for chart in charts.values():
            out.append(Page(f"embed/{chart.id}/", lang, "embed.html", chart.title(lang), {"chart_id": chart.id}))
            out.append(Page(f"embed/{chart.id}/light/", lang, "embed.html", chart.title(lang),
                            {"chart_id": chart.id, "theme": "light"}))  # for hosts without a dark mode
    return out


def origin(page: Page) -> str:
    """What a page is made from, for a message about two things written to one path."""
    found = page.context.get("story") or page.context.get("indicator") or page.context.get("pillar") \
        or page.context.get("province")
    return getattr(found, "path", None) or (f"'{found.id}'" if found is not None else f"templates/{page.template}")
