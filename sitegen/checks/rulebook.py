"""The rulebook: every rule a reporter's edit can break, run by `check` and by every build.

A rule looks at the loaded dataset, the model (when the site's text could be read) and the pages as
rendered in memory, and yields located problems (errors stop the build) and notes (said, not
stopping anything). The README lists each rule by its name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sitegen.checks import (
    basis,
    coverage,
    factcheck,
    figures,
    published,
    qualifiers,
    rendered,
    seals,
    sitetext,
    writing,
)
from sitegen.errors import Note, Problem
from sitegen.model import conflicts
from sitegen.model.dataset import Dataset
from sitegen.model.sitemodel import Model
from sitegen.read import period
from sitegen.urls import Urls


@dataclass(frozen=True)
class Subject:
    """What the rules look at: the project folder, its dataset and model, its rendered files."""

    root: Path
    data: Dataset
    model: Model | None = None
    files: Mapping[str, bytes] | None = None  # None: nothing was rendered (the data had problems)
    published: str | None = None  # the reference of what readers saw (None: origin/main if it resolves)
    urls: Urls = Urls()
    today: date = field(default_factory=period.today)  # Vietnam's; for the rules only: no page shows the clock


@dataclass(frozen=True)
class Rule:
    """One rule: its name (as the README lists it), what it needs, and the rule itself."""

    name: str
    needs: str  # "data", "model" or "pages"
    rule: Callable[[Subject], Iterable[Problem]]


RULES = (
    Rule("seals", "data", lambda s: seals.sealed(s.data, s.root)),
    Rule("figure-once", "data", lambda s: figures.once(s.data)),
    Rule("provinces", "data", lambda s: coverage.covered(s.data)),
    Rule("values", "data", lambda s: factcheck.values(s.data)),
    Rule("quotes", "data", lambda s: factcheck.quotes(s.data)),
    Rule("qualifiers", "data", lambda s: qualifiers.check(s.data)),
    Rule("translated", "data", lambda s: figures.translated(s.data)),
    Rule("dated-as-published", "data", lambda s: figures.dated_as_published(s.data)),
    Rule("basis", "data", lambda s: basis.recorded(s.data)),
    Rule("conflicts", "data", lambda s: (conflicts.note(c) for c in s.data.conflicts)),
    Rule("published", "data", lambda s: published.unrecorded(s.root, s.data, s.published)),
    Rule("deadlines", "data", lambda s: writing.deadlines(s.data)),
    Rule("story-dates", "model", lambda s: writing.dated([*s.model.stories, *s.model.prose], s.today)),  # type: ignore[union-attr]
    Rule("story-images", "model", lambda s: writing.images([*s.model.stories, *s.model.prose])),  # type: ignore[union-attr]
    Rule("prose-pages", "model", lambda s: sitetext.prose(s.model)),  # type: ignore[arg-type]
    Rule("downloads-described", "model", lambda s: sitetext.described(s.model)),  # type: ignore[arg-type]
    Rule("links", "pages", lambda s: rendered.links(s.model, s.files, s.urls, s.root)),  # type: ignore[arg-type]
    Rule("hidden-words", "pages", lambda s: rendered.leaks(s.model, s.files, s.root)),  # type: ignore[arg-type]
    Rule("glossary", "pages", lambda s: rendered.glossary(s.model, s.files, s.root)),  # type: ignore[arg-type]
)


def run(subject: Subject, needs: tuple[str, ...]) -> tuple[list[Problem], list[Note]]:
    """Every rule of these needs whose input is there: the errors, and the notes."""
    there = {"data": True, "model": subject.model is not None, "pages": subject.files is not None}
    found = [p for rule in RULES if rule.needs in needs and there[rule.needs] for p in rule.rule(subject)]
    return [p for p in found if not isinstance(p, Note)], [p for p in found if isinstance(p, Note)]
