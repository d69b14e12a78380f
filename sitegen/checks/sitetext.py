"""Rules on the site's own words: the prose pages it needs, and a description of every download column."""

from __future__ import annotations

from collections.abc import Iterator

from sitegen.errors import Problem
from sitegen.messages import say
from sitegen.model.pages import EMBEDDED_PROSE
from sitegen.model.sitemodel import Model
from sitegen.render.downloads import TABLES, columns
from sitegen.urls import LANGS


def prose(model: Model) -> Iterator[Problem]:
    """Every prose page another page shows (the method, on the sources page) exists in each language."""
    have = {(p.key, p.lang) for p in model.prose}
    for key in EMBEDDED_PROSE:
        for lang in LANGS:
            if (key, lang) not in have:
                yield Problem(f"content/pages/{key}.{lang}.md", 1, 1, say("page_missing", key=key))


def described(model: Model) -> Iterator[Problem]:
    """Every column of every download must be described in content/site.yaml, and only those."""
    text = model.text
    for name in (*TABLES, "charts"):
        described = text.downloads.get(name)
        missing = [c for c in columns(name) if described is None or c not in described.columns]
        extra = [c for c in (described.columns if described else ()) if c not in columns(name)]
        if missing or extra:
            yield Problem(*(described or text).at("columns" if described else "downloads"),
                          say("columns_described", table=name, missing=", ".join(missing) or "–",
                              extra=", ".join(extra) or "–"))
