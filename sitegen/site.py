"""The pages of the site: which exist, at which path, with which template and context."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import compare
from .content import SiteText, Story
from .data import Dataset
from .i18n import LANGS


@dataclass(frozen=True)
class Page:
    """One page in one language. `path` is the same in both languages ("indicators/x/")."""

    path: str
    lang: str
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def file(self) -> str:
        """Where the page is written under site/."""
        prefix = "en/" if self.lang == "en" else ""
        return prefix + (self.path if self.path.endswith(".html") else self.path + "index.html")


def pages(data: Dataset, text: SiteText, stories: list[Story]) -> list[Page]:
    """Every page of the site in both languages."""
    out = []
    for lang in LANGS:
        s = lambda key: text.strings[key](lang)  # noqa: E731
        mine = [st for st in stories if st.lang == lang]
        out.append(Page("", lang, "home.html", text.title(lang), {"stories": mine[:3]}))
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
        out.append(Page("indicators/", lang, "indicators.html", s("indicators"), {}))
        out.append(Page("targets/", lang, "targets.html", s("targets"), {}))
        out.append(Page("timeline/", lang, "timeline.html", s("timeline"), {}))
        out.append(Page("sources/", lang, "sources.html", s("sources"), {}))
        out.append(Page("data/", lang, "data.html", s("data"), {}))
        out.append(Page("stories/", lang, "stories.html", s("stories"), {"stories": mine}))
        for story in mine:
            out.append(Page(f"stories/{story.key}/", lang, "story.html", story.title, {"story": story}))
        out.append(Page("404.html", lang, "404.html", s("not_found"), {}))
    return out


def translation(page: Page, all_pages: set[tuple[str, str]]) -> str | None:
    """The same page's path in the other language, if it exists."""
    other = "en" if page.lang == "vi" else "vi"
    return page.path if (page.path, other) in all_pages else None


def story_pairs(stories: list[Story]) -> set[tuple[str, str]]:
    return {(f"stories/{s.key}/", s.lang) for s in stories}


__all__ = ["Page", "pages", "translation", "compare"]
