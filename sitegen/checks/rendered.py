"""Rules on the pages as rendered (in memory, so `check` and `build` see the same): every internal
link and anchor resolves, no page loads or links another host but the articles' own addresses, no
source id or file name reaches a reader, and every abbreviation a page shows is in the glossary.

A problem is put where a reporter can fix it: a story's own line when the page is a story, else the
data or content line that holds the words, else the template that makes the page.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from sitegen.errors import Problem
from sitegen.messages import say
from sitegen.model.pages import every_page, origin
from sitegen.model.sitemodel import Model
from sitegen.read.records import Record
from sitegen.urls import Urls

HIDDEN = ("script", "style", "code", "pre")  # code and pre: the embed snippet and column names
SHOWN_ATTRS = ("title", "alt", "aria-label", "placeholder")
SHARE = ("https://www.facebook.com/sharer/sharer.php?u=", "https://zalo.me/share?url=")  # links, nothing loaded
NOT_ABBREVIATIONS = {"CSV", "JSON", "UTF", "ISO", "BOM", "ID", "URL", "SVG", "PNG", "II", "III"}
_CAPS = re.compile(r"(?<![\w&-])[A-ZĐ][A-ZĐ]+(?![\w&])")


class Page:
    """One rendered page, read: its links, its ids and the text a reader sees or hears.

    Read by lexbor (selectolax), a C parser: a national site's 1,400 pages in well under a second,
    where Python's own HTML parser took seconds.
    """

    def __init__(self, html: str | bytes) -> None:
        tree = LexborHTMLParser(html)
        self.links = [v for node in tree.css("[href], [src]") for k in ("href", "src") if (v := node.attributes.get(k))]
        self.ids = {v for node in tree.css("[id]") if (v := node.attributes.get("id"))}
        shown = [v for node in tree.css(", ".join(f"[{a}]" for a in SHOWN_ATTRS))
                 for k in SHOWN_ATTRS if (v := node.attributes.get(k))]
        for node in tree.css(", ".join(HIDDEN)):
            node.decompose()
        self.visible = " ".join([tree.root.text(separator=" ") if tree.root else "", *shown])
        self._found: dict[str, list[str]] = {}

    def words(self, pattern: re.Pattern[str]) -> list[str]:
        """The distinct matches of pattern in the visible text, sorted; found once for each pattern
        (the preview reads an unchanged page again on every save)."""
        if pattern.pattern not in self._found:
            self._found[pattern.pattern] = sorted(set(pattern.findall(self.visible)))
        return self._found[pattern.pattern]


def read(files: Mapping[str, bytes | Path]) -> dict[str, Page]:
    """Every HTML page of the site, read, by its file: parsed once for all the rules of one run, and a
    page whose bytes the last run read already (the preview rebuilds few) not read again."""
    if _last["files"] is not files:
        known: dict[bytes, Page] = _last["by_body"]
        by_body = {body: known.get(body) or Page(body.decode("utf-8")) for name, body in files.items()
                   if name.endswith(".html") and isinstance(body, bytes)}
        _last.update(files=files, by_body=by_body, pages={name: by_body[body] for name, body in sorted(files.items())
                                                          if name.endswith(".html") and isinstance(body, bytes)})
    return _last["pages"]


# the site the rules last read (held, so its identity stays its own), and its pages by their bytes
_last: dict = {"files": None, "pages": {}, "by_body": {}}


def links(model: Model, files: Mapping[str, bytes | Path], urls: Urls, root: Path) -> Iterator[Problem]:
    """Every link and asset resolves inside the site (anchors included); other hosts only as an article's address."""
    allowed = {s.url for s in model.data.sources.values() if s.url} | {model.text.licence.path}
    read_pages, origins = read(files), _origins(model)
    for name, page in read_pages.items():
        here = urls.asset(name.removesuffix("index.html"))
        for link in sorted(set(page.links)):
            if link.startswith(SHARE) or link in allowed or link.startswith(("mailto:", "data:")):
                continue
            if re.match(r"^(https?:)?//", link):
                if not (urls.site and link.startswith(urls.site)):
                    yield _at(origins.get(name), root, link, say("link_other_host", link=link, page=name))
                    continue
                link = urlsplit(link).path + (f"#{urlsplit(link).fragment}" if urlsplit(link).fragment else "")
            target, _, anchor = _joined(here, link).partition("#")
            if not target.startswith(urls.base_path):
                yield _at(origins.get(name), root, link, say("link_outside", link=link, page=name))
                continue
            file = target.removeprefix(urls.base_path)
            file = file + "index.html" if not file or file.endswith("/") else file
            if file not in files:
                yield _at(origins.get(name), root, link, say("link_broken", link=link, page=name))
            elif anchor and file in read_pages and anchor not in read_pages[file].ids:
                yield _at(origins.get(name), root, link, say("anchor_broken", link=link, page=name, anchor=anchor))


@functools.lru_cache(maxsize=65536)
def _joined(here: str, link: str) -> str:
    """urljoin, once for each page folder and link (menus and footers repeat on every page); a link
    from the site's root is its own target unless it has dot segments."""
    if link.startswith("/") and not link.startswith("//") and "/." not in link:
        return link
    return urljoin(here, link)


def leaks(model: Model, files: Mapping[str, bytes | Path], root: Path) -> Iterator[Problem]:
    """No source id, archived file name or data key in the text a reader sees."""
    words = sorted(map(re.escape, {*model.data.sources, *_keys(Record)}), key=len, reverse=True)
    pattern = re.compile(r"\b[\w.-]+\.(?:ya?ml|txt|md|py)\b|(?<![\w/-])(?:" + "|".join(words) + r")(?![\w/-])")
    origins, seen = _origins(model), set()
    for name, page in read(files).items():
        for word in page.words(pattern):
            if (origins.get(name), word) not in seen:
                seen.add((origins.get(name), word))
                yield _at(origins.get(name), root, word, say("leak", word=word, page=name), text_only=True)


def _keys(kind: type[Record]) -> set[str]:
    """The field names with an underscore of every kind of record (quote_en, as_of): never shown to readers."""
    return {n for n in kind.model_fields if "_" in n} | {n for sub in kind.__subclasses__() for n in _keys(sub)}


def glossary(model: Model, files: Mapping[str, bytes | Path], root: Path) -> Iterator[Problem]:
    """Every all-capitals abbreviation a page shows has an entry in content/glossary.yaml; a missing one is
    put where it is first written (a story's line when a story shows it), else at the glossary."""
    known = {word.casefold() for e in model.glossary for word in re.split(r"[\s/-]+", e.term)}  # VNEID is VNeID
    origins, first = _origins(model), {}
    for name, page in read(files).items():
        for word in [w for w in page.words(_CAPS) if w not in NOT_ABBREVIATIONS and w.casefold() not in known]:
            if word not in first or _story(origins.get(first[word])) < _story(origins.get(name)):
                first[word] = name
    for word, name in sorted(first.items()):
        yield _at(origins.get(name), root, word, say("glossary_missing", word=word, page=name), text_only=True,
                  unfound="content/glossary.yaml")


def _story(origin: str | None) -> bool:
    """Whether a page is made from a story or prose page (not a template)."""
    return bool(origin) and not origin.startswith("templates/")


def _origins(model: Model) -> dict[str, str]:
    """The file each page is made from: its story, or its template."""
    if _last.get("model") is not model:
        _last.update(model=model, origins={
            p.file: origin(p) if "story" in p.context else f"templates/{p.template}"
            for p in every_page(model.data, model.text, model.stories, model.prose, model.charts)})
    return _last["origins"]


def _at(origin: str | None, root: Path, needle: str, message: str, text_only: bool = False,
        unfound: str | None = None) -> Problem:
    """A problem at the first line that writes needle: in the page's story, else in data/ or content/, else
    unfound (or the page's template) at its start."""
    places = [origin] if _story(origin) else []
    places += sorted(p.relative_to(root).as_posix() for folder in ("data", "content") if (root / folder).is_dir()
                     for p in (root / folder).rglob("*") if p.suffix in (".yaml", ".md"))
    for place in places:
        try:
            lines = (root / place).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, 1):
            shown = _CALL.sub(lambda m: " " * len(m.group()), line) if text_only else line
            found = re.search(rf"(?<![\w-]){re.escape(needle)}(?![\w-])", shown)
            if found and not (text_only and _not_text(place, line)):
                return Problem(place, number, found.start() + 1, message)
    return Problem(unfound or origin or "templates", 1, 1, message)


def _not_text(place: str, line: str) -> bool:
    """Whether a line holds no words a reader sees: a comment of a data file, or a field whose value is
    one id, date or number (`province: alpha`, `provinces: [alpha, beta]`), or a story's key or id."""
    if re.match(r"^\s*-?\s*(id|source|file|sha256|key):", line):
        return True
    return place.endswith(".yaml") and bool(_NOT_TEXT.match(line))


# a comment, or a field holding one lower-case id, date or number (an abbreviation alone, `en: DTI`, is text)
_NOT_TEXT = re.compile(r"""^\s*(#|-?\s*[\w-]+:\s*(\[[^\]]*\]|["']?[a-z0-9_./-]*["']?)\s*(#.*)?$)""")

# a story's component calls and tags, blanked (columns kept) where words a reader sees are sought:
# figure("alpha", …) names a source for the build, the reader never sees it
_CALL = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
