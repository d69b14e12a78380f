"""The whole build on one screen: load → model → render → write."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import chartbook, compare, content, data, output, render, site
from .components import Components
from .config import Config
from .errors import BuildError, Problem
from .i18n import D3_FORMAT_LOCALES, LANGS, count_words
from .memo import Memo


@dataclass
class Model:
    """Everything a build needs, loaded and checked before anything is rendered."""

    data: data.Dataset
    text: content.SiteText
    charts: dict[str, content.ChartDef]
    stories: list[content.Story]
    pages_md: list[content.Story]


def load(config: Config) -> Model:
    """Load data/ and content/, reporting every problem of both in one BuildError."""
    problems: list[Problem] = []
    try:
        dataset = data.load(config.root)
    except BuildError as exc:
        problems += exc.problems
        dataset = None
    text = content.load_site_text(config.root, problems)
    defs = content.load_chart_defs(config.root, problems)
    stories = content.load_stories(config.root, problems, "stories")
    pages_md = content.load_stories(config.root, problems, "pages")
    if dataset is not None:
        problems += content.check_chart_defs(defs, dataset)
    if problems or dataset is None or text is None:
        raise BuildError(problems)
    text = text.filled({"source_count": {lang: count_words(len(dataset.sources), lang) for lang in LANGS}})
    return Model(dataset, text, chartbook.definitions(dataset, defs), stories, pages_md)


def render_site(config: Config, model: Model, memo: Memo | None = None) -> dict[str, bytes]:
    """Render every page, chart, download and asset to bytes in memory (reusing memo's pages)."""
    from . import drawing  # vl-convert and pandas load only for a build, not for `check`
    from .downloads import chart_csv, tables

    figures = {f"{c.id}:{lang}": chartbook.figure(model.data, c, lang)
               for c in model.charts.values() for lang in LANGS}
    pages = site.pages(model.data, model.text, model.stories, model.charts)
    downloads = tables(model.data)
    env = render.environment(config, model.text, {
        "data": model.data, "cmp": compare, "sentence": chartbook.sentence, "tables": downloads,
        "home_charts": [c.id for c in model.charts.values() if c.home],
        "pages": {(p.path, p.lang) for p in pages}})
    cards = _cards(model, pages, env)
    svgs, pngs = drawing.draw([(f.spec, D3_FORMAT_LOCALES[f.lang]) for f in figures.values()],
                              list(cards.values()), config.root / ".cache" / "drawings")
    for fig, svg in zip(figures.values(), svgs, strict=True):
        fig.svg = svg
    problems: list[Problem] = []
    parts = {lang: Components(model.data, figures, lang,
                              lambda name, ctx, lang=lang: render.page(env, name, {"lang": lang, **ctx}))
             for lang in LANGS}
    prose = render.stories([*model.stories, *model.pages_md], parts, problems)
    if problems:
        raise BuildError(problems)
    files: dict[str, bytes] = {}
    if memo is not None:
        memo.refresh(config.root)
    for page in pages:
        kept = memo.get(page.path, page.lang, page.template) if memo else None
        if kept is None:
            comps = parts[page.lang]
            context = {"page": page, "lang": page.lang, "prose": prose, "figure": comps.figure,
                       "chart": comps.chart, "claim": comps.claim, **page.context}
            kept = render.page(env, page.template, context).encode("utf-8")
            if memo is not None:
                memo.put(page.path, page.lang, page.template, kept)
        files[page.file] = kept
    for table in downloads:
        files.update(table.files())
    for fig in figures.values():
        files[f"data/charts/{fig.id}.csv"] = chart_csv(fig)
    files.update(_assets(config, env))
    files.update(_discovery(env, pages, model.stories))
    files.update(zip(cards, pngs, strict=True))
    return files


def _cards(model: Model, pages: list[site.Page], env) -> dict[str, str]:
    """The social card of every page (embeds excepted), as SVG from templates/card.svg, by file."""
    colours = [p.colour.light for p in model.data.provinces.values() if p.kind == "province"]
    return {page.card: render.page(env, "card.svg", {
        "lang": page.lang, "colours": colours, "lines": textwrap.wrap(page.title, 30)[:4],
        "kicker": model.text.title(page.lang) if page.path else "",
        "footer": model.text.strings["card_footer"](page.lang)}) for page in pages if not page.embed}


def _discovery(env, pages: list[site.Page], stories: list[content.Story]) -> dict[str, bytes]:
    """sitemap.xml, robots.txt and an Atom feed of stories per language."""
    listed = [p for p in pages if not p.embed and p.path != "404.html"]
    out = {"sitemap.xml": render.page(env, "sitemap.xml", {"lang": "vi", "site_pages": listed}),
           "robots.txt": render.page(env, "robots.txt", {"lang": "vi"})}
    for lang in LANGS:
        mine = [s for s in stories if s.lang == lang]
        name = ("en/" if lang == "en" else "") + "feed.xml"
        out[name] = render.page(env, "feed.xml", {"lang": lang, "stories": mine})
    return {name: body.encode("utf-8") for name, body in out.items()}


def _assets(config: Config, env) -> dict[str, bytes]:
    out = {}
    assets = config.root / "templates" / "assets"
    for path in sorted(assets.rglob("*")):
        if path.is_file():
            name = path.relative_to(config.root / "templates").as_posix()
            out[name] = (render.page(env, name, {"lang": "vi"}).encode("utf-8") if path.suffix == ".css"
                         else path.read_bytes())
    return out


def build(config: Config, write: Callable[[Path, dict[str, bytes]], None] = output.replace_site,
          memo: Memo | None = None) -> Model:
    """Build the site into config.out; on any problem raise BuildError and leave site/ as it was.

    The preview passes a memo (pages kept between builds) and a writer that writes only changes.
    """
    model = load(config)
    files = render_site(config, model, memo)
    write(config.out, files)
    return model
