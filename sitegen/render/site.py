"""The site in memory: every page, chart, card, download, asset and feed, as bytes by path.

Rendering is a pure function of the model and the templates, but for the cache it is handed: with
one, the charts are drawn (what the cache lacks, on worker processes, while the pages are made)
and the cards and pictures to download are files the writer links, still being painted when the
pages are done (`Rendered.later`: the build finishes or closes it); without one (`check`), nothing
is drawn. Many pages are rendered on both cores when no drawing workers run (workers.on_forks).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sitegen.cache import Cache
from sitegen.config import Config
from sitegen.errors import BuildError, Problem
from sitegen.messages import say
from sitegen.model.pages import Page, every_page, origin
from sitegen.model.sitemodel import Model
from sitegen.read.locales import D3_FORMAT_LOCALES
from sitegen.render import chartviews, datapackage, downloads, environment, glossing, stories, workers
from sitegen.render.cards import cards
from sitegen.render.components import Components
from sitegen.render.feeds import discovery
from sitegen.render.memo import Memo
from sitegen.urls import LANGS

if TYPE_CHECKING:
    from sitegen.render.drawing import Drawing

FORK_FROM = 200  # pages: fewer render faster than a fork starts


@dataclass
class Rendered:
    """The site as files by path (bytes, or a cached file to link), its pages and the problems found."""

    files: dict[str, bytes | Path] = field(default_factory=dict)
    pages: list[Page] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    later: Later | None = None  # files still being painted (their names are in files, empty, meanwhile)

    def finish(self) -> None:
        """Wait for the files still being painted, and put them in."""
        if self.later is not None:
            self.files.update(self.later.files())
            self.later = None

    def close(self) -> None:
        """Stop painting what nobody will write (the build failed)."""
        if self.later is not None:
            self.later.close()
            self.later = None


def render_site(config: Config, model: Model, cache: Cache | None = None, memo: Memo | None = None) -> Rendered:
    """Render every page, chart, download and asset to bytes in memory; memo's pages are reused."""
    specs = cache.part("specs") if cache else None
    views = {(c.id, lang): chartviews.view(model.data, c, lang, model.text.formats, config.urls, specs)
             for c in model.charts.values() for lang in LANGS}
    pages = every_page(model.data, model.text, model.stories, model.prose, model.charts)
    tables = downloads.tables(model.data)
    env = environment.environment(config, model.text, {
        "data": model.data, "model": model, "tables": tables, "pages": {(p.path, p.lang) for p in pages},
        "home_charts": [c.id for c in model.charts.values() if c.home],
        "glosses": glossing.glosses(model, config.urls)}, cache)
    done = Rendered(pages=pages)
    card_svgs = _collect(done, lambda: cards(model, pages, env, memo), {})  # `check` too: card.svg is a template
    words = {lang: {k: model.text.strings[k](lang) for k in ("source", "chart_key_qualified", "chart_key_inferred")}
             for lang in LANGS}
    pictures = [v for v in views.values() if v.specs]
    drawn = [(key, spec) for key, v in views.items() for spec in v.specs] if cache else []
    # What the drawing cache lacks is drawn on worker processes meanwhile: the charts first, which
    # the pages show; then the cards and the pictures to download, painted while the pages are made
    # and, after render_site returns (`Rendered.later`), while the rules run and the index is made.
    if cache is None:
        _pages_and_files(config, model, memo, views, pages, tables, env, done, forks=True)
        done.files.update(dict.fromkeys(map(chartviews.picture_file, pictures), b""))  # linked; never written
        return done
    from sitegen.render import drawing  # vl-convert: only a build that draws loads it, never `check`

    drawings = drawing.Drawing([(spec, D3_FORMAT_LOCALES[key[1]]) for key, spec in drawn], list(card_svgs.values()),
                               cache.part("drawings"))
    try:
        by_view: dict = {}
        for (key, _), svg in zip(drawn, drawings.svgs(), strict=True):
            by_view.setdefault(key, []).append(svg)
        views = {key: replace(v, svgs=tuple(by_view.get(key, ()))) for key, v in views.items()}
        shown = {chartviews.picture_file(v): views[v.id, v.lang] for v in pictures}
        credit = _credit(config, model)
        svgs = _collect(done, lambda: {file: environment.page(env, "picture.svg", chartviews.picture(
            model.data, v, words[v.lang], credit)) for file, v in shown.items()}, {})
        pngs = drawing.pictures(list(svgs.values()), cache.part("drawings"), drawings)  # painted meanwhile
        # Pages go on both cores when no drawing workers are there (a fork would copy their threads'
        # state mid-way; and while they draw, both cores are busy anyway).
        _pages_and_files(config, model, memo, views, pages, tables, env, done, forks=not drawings.busy)
    except BaseException:
        drawings.close()
        raise
    # The cards and pictures are still being painted: the rules and the index go on meanwhile.
    done.files.update(dict.fromkeys([*svgs, *card_svgs], b""))
    done.later = Later(drawings, list(svgs), pngs, list(card_svgs))
    return done


@dataclass
class Later:
    """What a build still paints when its pages are done (cards, pictures to download), as files
    the writer links: `files()` waits for them; `close()` stops the painting, wanted or not."""

    drawings: Drawing
    pictures: list[str]
    pngs: Callable[[], list[Path]]
    cards: list[str]

    def files(self) -> dict[str, Path]:
        try:
            return {**dict(zip(self.pictures, self.pngs(), strict=True)),
                    **dict(zip(self.cards, self.drawings.card_files(), strict=True))}
        finally:
            self.close()

    def close(self) -> None:
        self.drawings.close()


def _credit(config: Config, model: Model) -> str:
    """A downloaded chart's last line: the licence, and the site's address when it is known."""
    return " · ".join([model.text.licence.title, *([config.urls.site] if config.urls.site else [])])


def _pages_and_files(config: Config, model: Model, memo: Memo | None, views: dict, pages: list[Page],
                     tables: list, env, done: Rendered, forks: bool) -> None:
    """Every page, download, asset and feed into done (its files and problems)."""
    parts = {lang: Components(model.data, views, lang,
                              lambda name, ctx, lang=lang: environment.page(env, name, {"lang": lang, **ctx}))
             for lang in LANGS}
    bodies = stories.bodies([*model.stories, *model.prose], parts, done.problems, env.globals["glosses"], forks)
    for page, made in zip(pages, _made(env, pages, parts, bodies, memo, forks), strict=True):
        if isinstance(made, bytes):
            done.files[_claim(done, page.file, page)] = made
        else:
            done.problems += made
    for table in tables:
        done.files.update(table.files())
    done.files["data/datapackage.json"] = datapackage.package(model.data, model.text, tables,
                                                              list(model.charts))
    for (chart_id, lang), view in views.items():
        if lang == LANGS[0]:
            done.files[f"data/charts/{chart_id}.csv"] = downloads.chart_csv(model.data, view)
    done.files.update(_collect(done, lambda: environment.assets(config, env), {}))
    done.files.update(_collect(done, lambda: discovery(env, pages, model.stories, model.data), {}))


def _collect(done: Rendered, make: Callable, empty: dict) -> dict:
    """make()'s files, or empty with its problems added to done's."""
    try:
        return make()
    except BuildError as exc:
        done.problems += exc.problems
        return empty


def _made(env, pages: list[Page], parts: dict[str, Components], bodies: dict, memo: Memo | None,
          forks: bool) -> list[bytes | list[Problem]]:
    """Each page's HTML, or its problems: the memo's when it holds the page, else rendered (on both
    cores when there are many and they are free)."""
    kept = [memo.get(p.path, p.lang, p.template) if memo else None for p in pages]
    todo = [p for p, found in zip(pages, kept, strict=True) if found is None]

    def render(page: Page) -> bytes | list[Problem]:
        context = {"page": page, "lang": page.lang, "bodies": bodies,
                   **{n: getattr(parts[page.lang], n) for n in ("figure", "chart", "claim", "target")}, **page.context}
        try:
            return environment.page(env, page.template, context).encode("utf-8")
        except BuildError as exc:
            return exc.problems

    made = iter(workers.on_forks(render, todo, FORK_FROM) if forks else [render(page) for page in todo])
    for n, page in enumerate(pages):
        if kept[n] is None:
            kept[n] = next(made)
            if memo is not None and isinstance(kept[n], bytes):
                memo.put(page.path, page.lang, page.template, kept[n])
    return kept


def _claim(done: Rendered, name: str, page: Page) -> str:
    """The file a page is written to, unless another page took it already."""
    if name in done.files:
        done.problems.append(Problem(origin(page), 1, 1, say("path_twice", path=name)))
    return name
