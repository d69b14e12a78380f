"""The whole build on one screen: load → model → render → write.

`check` is the same load and render, with nothing drawn and nothing written, so it finds every
problem a build would, at the same place, in one run.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date as Date
from pathlib import Path

from sitegen.checks import published
from sitegen.config import Config
from sitegen.errors import BuildError, Problem
from sitegen.i18n import D3_FORMAT_LOCALES, LANGS, count_words
from sitegen.messages import say
from sitegen.model import charts as chartbook
from sitegen.model import compare, corrections
from sitegen.model import dataset as data
from sitegen.model import pages as site
from sitegen.read import content
from sitegen.read.content import ChartDef, SiteText, Story
from sitegen.render import downloads, search, stories
from sitegen.render import environment as render
from sitegen.render.components import Components
from sitegen.render.extras import assets, cards, discovery
from sitegen.render.memo import STORY_TEMPLATES, Memo
from sitegen.write import sitedir as output


@dataclass(frozen=True)
class Model:
    """Everything a build needs, loaded, checked and compared before anything is rendered."""

    data: data.Dataset
    text: SiteText
    charts: dict[str, ChartDef]
    stories: list[Story]
    prose: list[Story]  # content/pages/: the method text, the about page…
    provinces: list[str]  # the provinces compared (not the national average), in data order
    comparisons: dict[str, compare.Comparison]  # by indicator id
    progress: dict[str, compare.Progress]  # by target id
    glossary: list[content.GlossaryEntry] = field(default_factory=list)  # content/glossary.yaml

    def coverage(self, pillar: str | None = None) -> compare.Coverage:
        """What each province reports and what can be compared, for a pillar or overall."""
        return compare.coverage(list(self.comparisons.values()), self.provinces, pillar)

    def updated(self, page: site.Page) -> Date | None:
        """When what a page is built from last changed, by the data's own dates (never the clock).

        A story or prose page: its date. An indicator page: the latest publication of the articles
        behind its figures, or a correction. Any other page: the latest of every article and
        correction, and, on the pages that list stories, of the stories (the pages the preview
        re-renders when a story changes).
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


def load(config: Config) -> tuple[Model | None, list[Problem]]:
    """Load and check data/ and content/; the model (None if the site text is unusable) and every problem."""
    dataset, problems = data.load(config.root)
    problems += published.unrecorded(config.root, dataset)
    text = content.load_site_text(config.root, problems)
    defs = content.load_chart_defs(config.root, problems, dataset.broken)
    stories_ = content.load_stories(config.root, problems, "stories")
    prose = content.load_stories(config.root, problems, "pages")
    glossary = content.load_glossary(config.root, problems)
    problems += _required_prose(prose)
    charts = chartbook.definitions(dataset, defs, problems)
    if text is None:
        return None, problems
    problems += _described(text)
    text = text.filled({"source_count": {lang: count_words(len(dataset.sources), lang) for lang in LANGS}})
    provinces = compare.provinces_compared(dataset)
    return Model(dataset, text, charts, stories_, prose, provinces,
                 {i.id: compare.compare(dataset, i, provinces) for i in dataset.indicators.values()},
                 {t.id: compare.progress(dataset, t) for t in dataset.targets.values()}, glossary), problems


def _required_prose(prose: list[Story]) -> list[Problem]:
    have = {(p.key, p.lang) for p in prose}
    return [Problem(f"content/pages/{key}.{lang}.md", 1, 1, say("page_missing", key=key))
            for key in site.EMBEDDED_PROSE for lang in LANGS if (key, lang) not in have]


def _described(text: SiteText) -> list[Problem]:
    """Every column of every download must be described in content/site.yaml, and only those."""
    from sitegen.render.downloads import TABLES, columns

    problems = []
    for name in (*TABLES, "charts"):
        described = text.downloads.get(name)
        missing = [c for c in columns(name) if described is None or c not in described.columns]
        extra = [c for c in (described.columns if described else ()) if c not in columns(name)]
        if missing or extra:
            problems.append(Problem(*(described or text).at("columns" if described else "downloads"),
                                    say("columns_described", table=name, missing=", ".join(missing) or "–",
                                        extra=", ".join(extra) or "–")))
    return problems


@dataclass
class Rendered:
    """The site as bytes by path, the problems found while rendering, and the drawings it used."""

    files: dict[str, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    drawings: set[str] = field(default_factory=set)
    linked: dict[str, Path] = field(default_factory=dict)  # files already on disk (the cards, in the drawing cache)
    indexed: tuple[list, list] = ([], [])  # what the search index is made of: pages and figures


def render_site(config: Config, model: Model, memo: Memo | None = None, draw: bool = True,
                index: bool = True) -> Rendered:
    """Render every page, chart, download and asset, and the search index, to bytes in memory.

    memo's pages are reused; `index=False` leaves the index to the caller (the preview makes it later).
    """
    from sitegen.render import drawing

    views = {(c.id, lang): chartbook.view(model.data, c, lang, model.text.formats, config.base_path,
                                          config.caches / "specs")
             for c in model.charts.values() for lang in LANGS}
    pages = site.pages(model.data, model.text, model.stories, model.prose, model.charts)
    tables = downloads.tables(model.data)
    env = render.environment(config, model.text, {
        "data": model.data, "model": model, "tables": tables, "pages": {(p.path, p.lang) for p in pages},
        "home_charts": [c.id for c in model.charts.values() if c.home]})
    done = Rendered()
    card_svgs = _collect(done, lambda: cards(model, pages, env), {})  # `check` too: card.svg is a template
    drawn = [(key, spec) for key, v in views.items() for spec in v.specs] if draw else []
    # What the drawing cache lacks is drawn on worker processes meanwhile: the charts first, which
    # the pages show; the cards while the pages and downloads are made (on the main process's core).
    with drawing.Drawing([(spec, D3_FORMAT_LOCALES[key[1]]) for key, spec in drawn],
                         list(card_svgs.values()) if draw else [], config.caches / "drawings") as drawings:
        if draw:
            by_view: dict = {}
            for (key, _), svg in zip(drawn, drawings.svgs(), strict=True):
                by_view.setdefault(key, []).append(svg)
            views = {key: replace(v, svgs=tuple(by_view.get(key, ()))) for key, v in views.items()}
        _pages_and_files(config, model, memo, views, pages, tables, env, done)
        if draw:
            done.linked.update(zip(card_svgs, drawings.card_files(), strict=True))
            done.drawings = drawings.names
    # The drawing workers have stopped: the indexer, which uses every core itself, runs without them.
    if draw:  # like the drawings, the index is made only for a build that writes
        done.indexed = search.inputs(model, pages, done.files)
        if index:
            done.files.update(_collect(done, lambda: search.index(*done.indexed, config.caches / "search"), {}))
    return done


def _pages_and_files(config: Config, model: Model, memo: Memo | None, views: dict, pages: list[site.Page],
                     tables: list, env, done: Rendered) -> None:
    """Every page, download, asset and feed into done (its files and problems)."""
    parts = {lang: Components(model.data, views, lang,
                              lambda name, ctx, lang=lang: render.page(env, name, {"lang": lang, **ctx}))
             for lang in LANGS}
    bodies = stories.bodies([*model.stories, *model.prose], parts, done.problems)
    for page in pages:
        try:
            done.files[_claim(done, page.file, page)] = _page(env, page, parts[page.lang], bodies, memo)
        except BuildError as exc:
            done.problems += exc.problems
    for table in tables:
        done.files.update(table.files())
    for (chart_id, lang), view in views.items():
        if lang == LANGS[0]:
            done.files[f"data/charts/{chart_id}.csv"] = downloads.chart_csv(model.data, view)
    done.files.update(_collect(done, lambda: assets(config, env), {}))
    done.files.update(_collect(done, lambda: discovery(env, pages, model.stories), {}))
    done.files.update(_collect(done, lambda: corrections.feeds(env, model.data), {}))


def _collect(done: Rendered, make: Callable, empty: dict) -> dict:
    """make()'s files, or empty with its problems added to done's."""
    try:
        return make()
    except BuildError as exc:
        done.problems += exc.problems
        return empty


def _page(env, page: site.Page, parts: Components, bodies: dict, memo: Memo | None) -> bytes:
    kept = memo.get(page.path, page.lang, page.template) if memo else None
    if kept is None:
        context = {"page": page, "lang": page.lang, "bodies": bodies, "figure": parts.figure, "chart": parts.chart,
                   "claim": parts.claim, "target": parts.target, **page.context}
        kept = render.page(env, page.template, context).encode("utf-8")
        if memo is not None:
            memo.put(page.path, page.lang, page.template, kept)
    return kept


def _claim(done: Rendered, name: str, page: site.Page) -> str:
    """The file a page is written to, unless another page took it already."""
    if name in done.files:
        done.problems.append(Problem(site.origin(page), 1, 1, say("path_twice", path=name)))
    return name


def check(config: Config) -> tuple[Model | None, list[Problem]]:
    """Everything a build does but drawing and writing: the model and every problem, in one run."""
    model, problems = load(config)
    if model is not None:
        problems += render_site(config, model, draw=False).problems
    return model, problems


def build(config: Config, write: Callable[[Path, dict[str, bytes], dict[str, Path]], None] = output.replace_site,
          memo: Memo | None = None, index_later: Callable[[Path, list, list], None] | None = None) -> Model:
    """Build the site into config.out; on any problem raise BuildError and leave site/ as it was.

    The preview passes a memo (pages kept between builds), a writer that writes only changes, and
    index_later, which makes the search index after the pages are written, so a save shows at once.
    """
    if memo is not None:
        memo.refresh(config.root)  # before anything is read: a save during the build is seen next time
    model, problems = load(config)
    rendered = (render_site(config, model, memo, draw=not problems, index=index_later is None)
                if model is not None else Rendered())
    if problems or rendered.problems or model is None:
        raise BuildError([*problems, *rendered.problems])
    write(config.out, rendered.files, rendered.linked)
    if index_later is not None:
        index_later(config.out, *rendered.indexed)
    if config.cache is None:
        from sitegen.render import drawing
        drawing.prune(config.caches / "drawings", rendered.drawings)
    return model
