"""Glossary terms linked where a reader first meets them: in a story's body and an indicator's definition.

The first use of each term in a text becomes a link to its entry on the glossary page, its
expansion as the link's title; later uses, and uses inside headings, links, code and quotes, stay
as written. Stories are linked on their Markdown tree (a Markdown extension), short texts such as
an indicator's definition by `first_uses`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

from sitegen.urls import LANGS, Urls

if TYPE_CHECKING:
    from sitegen.model.sitemodel import Model

_SKIPPED = {"a", "abbr", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}


@dataclass(frozen=True)
class Gloss:
    """One glossary term as linked: the term as written, its entry's address and its expansion."""

    term: str
    href: str
    title: str


def glosses(model: Model, urls: Urls) -> dict[str, tuple[Gloss, ...]]:
    """Each edition's glossary terms as linked: to the entry on that edition's glossary page."""
    return {lang: tuple(Gloss(e.term, f"{urls.page('glossary/', lang)}#{e.anchor}",
                              e.expansion(lang) if e.expansion else e.definition(lang)) for e in model.glossary)
            for lang in LANGS}


def pattern(glosses: Iterable[Gloss]) -> re.Pattern[str] | None:
    """Any of the terms as a whole word, longest first ("PAR INDEX" before "PAR")."""
    terms = sorted({g.term for g in glosses}, key=lambda t: (-len(t), t))
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, terms))})(?!\w)") if terms else None


def first_uses(text: str, glosses: tuple[Gloss, ...]) -> Markup:
    """text, escaped, with the first use of each term linked to its glossary entry."""
    found, by_term, out, at = pattern(glosses), {g.term: g for g in glosses}, [], 0
    for match in _firsts(text, found, set()) if found else ():
        out += [escape(text[at:match.start()]), _link(by_term[match.group()])]
        at = match.end()
    return Markup("").join([*out, escape(text[at:])])


def _firsts(text: str, found: re.Pattern[str], used: set[str]) -> Iterator[re.Match[str]]:
    """Each use in text of a term not yet in used (adding it): a term's first use, in order."""
    for match in found.finditer(text):
        if match.group() not in used:
            used.add(match.group())
            yield match


def _link(gloss: Gloss) -> Markup:
    return Markup('<a class="gloss" href="{}" title="{}">{}</a>').format(gloss.href, gloss.title, gloss.term)


class FirstUses(Extension):
    """A Markdown extension linking the first use of each term in a document (set `glosses` before converting)."""

    def __init__(self) -> None:
        super().__init__()
        self.glosses: tuple[Gloss, ...] = ()

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        md.treeprocessors.register(_Linker(md, self), "glossary", 5)  # after inline markup made the links


class _Linker(Treeprocessor):
    def __init__(self, md: Markdown, owner: FirstUses) -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, root: ET.Element) -> None:
        found = pattern(self.owner.glosses)
        if found:
            _walk(root, found, {g.term: g for g in self.owner.glosses}, set())


def _walk(element: ET.Element, found: re.Pattern[str], by_term: dict[str, Gloss], used: set[str]) -> None:
    """Link first uses in element's own text and, in document order, in its children and their tails."""
    element.text, links = _split(element.text, found, by_term, used)
    for i, link in enumerate(links):
        element.insert(i, link)
    index = len(links)
    while index < len(element):
        child = element[index]
        if child.tag not in _SKIPPED:
            _walk(child, found, by_term, used)
        child.tail, links = _split(child.tail, found, by_term, used)
        for i, link in enumerate(links, start=index + 1):
            element.insert(i, link)
        index += 1 + len(links)


def _split(text: str | None, found: re.Pattern[str], by_term: dict[str, Gloss],
           used: set[str]) -> tuple[str | None, list[ET.Element]]:
    """text up to its first unlinked term, and the links that follow it, each carrying the text after it."""
    if not text:
        return text, []
    head, links, at = None, [], 0
    for match in _firsts(text, found, used):
        gloss = by_term[match.group()]
        if links:
            links[-1].tail = text[at:match.start()]
        else:
            head = text[:match.start()]
        link = ET.Element("a", {"class": "gloss", "href": gloss.href, "title": gloss.title})
        link.text = gloss.term
        links.append(link)
        at = match.end()
    if not links:
        return text, []
    links[-1].tail = text[at:]
    return head, links
