"""The whole build on one screen: load → check → render → write.

`check` is the same load, render and rulebook, with nothing drawn and nothing written, so it finds
every problem a build would, at the same place, in one run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from sitegen.cache import Cache
from sitegen.checks import rulebook
from sitegen.config import Config
from sitegen.errors import BuildError, Note, Problem
from sitegen.model import charts, loader
from sitegen.model.dataset import Dataset
from sitegen.model.sitemodel import Model, make
from sitegen.read import content
from sitegen.render import search
from sitegen.render.memo import Memo
from sitegen.render.site import Rendered, render_site
from sitegen.write.sitedir import replace_site

Writer = Callable[[Path, Mapping[str, bytes | Path]], None]


def load(config: Config) -> tuple[Dataset, Model | None, list[Problem]]:
    """Read data/ and content/: the dataset, the model (None if the site text is unusable), the problems."""
    dataset, problems = loader.load(config.root)
    text = content.load_site_text(config.root, problems)
    defs = content.load_chart_defs(config.root, problems, dataset.broken)
    stories = content.load_stories(config.root, problems, "stories")
    prose = content.load_stories(config.root, problems, "pages")
    glossary = content.load_glossary(config.root, problems)
    chart_defs = charts.definitions(dataset, defs, problems)
    model = make(dataset, text, chart_defs, stories, prose, glossary) if text is not None else None
    return dataset, model, problems


def check(config: Config, cache: Cache | None = None, memo: Memo | None = None) \
        -> tuple[Model | None, Rendered, list[Problem], list[Note]]:
    """Load, render (drawing only with a cache) and run every rule: the model, the site, the problems, the notes."""
    dataset, model, problems = load(config)
    errors, notes = rulebook.run(rulebook.Subject(config.root, dataset, published=config.published), ("data",))
    problems += errors
    rendered = render_site(config, model, cache if not problems else None, memo) if model else Rendered()
    # The pages' rules need every page: after a problem in the data some are missing, and their links would echo it.
    whole = model is not None and not problems and not rendered.problems
    errors, more = rulebook.run(rulebook.Subject(config.root, dataset, model, rendered.files if whole else None,
                                                 urls=config.urls), ("model", "pages"))
    return model, rendered, [*problems, *rendered.problems, *errors], [*notes, *more]


def build(config: Config, write: Writer = replace_site, memo: Memo | None = None,
          index_later: Callable[[Path, list], None] | None = None, notes: list[Note] | None = None) -> Model:
    """Build the site into config.out; on any problem raise BuildError and leave site/ as it was.

    The preview passes a memo (pages kept between builds), a writer that writes only changes, and
    index_later, which makes the search index after the pages are written, so a save shows at once.
    notes, when given, receives the rulebook's notes.
    """
    if memo is not None:
        memo.refresh(config.root)  # before anything is read: a save during the build is seen next time
    cache = Cache(config.caches)
    model, rendered, problems, found = check(config, cache, memo)
    if notes is not None:
        notes.extend(found)
    try:  # the cards and pictures are painted while the rules run and the index is made
        if problems or model is None:
            raise BuildError(problems)
        indexed = search.inputs(rendered.pages, rendered.files)
        if index_later is None:
            rendered.files.update(search.index(indexed, cache.part("search")))
        rendered.finish()
    finally:
        rendered.close()
    write(config.out, rendered.files)
    if index_later is not None:
        index_later(config.out, indexed)
    if config.cache is None and memo is None:  # a shared cache (the tests') keeps what other builds drew;
        # the preview leaves the pruning to the next build (it would read the whole cache on every save)
        cache.part("drawings").prune()
    return model
