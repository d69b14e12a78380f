"""What readers will see differently: both sides rendered as `check` renders them (today's templates,
nothing drawn), and the pages whose visible text changed, with the first words that differ."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from sitegen import pipeline
from sitegen.config import Config
from sitegen.newsroom import words
from sitegen.urls import LANGS, edition, split

_HIDDEN = {"script", "style", "svg", "template"}
# Pages that only repeat another page's figures (a chart's embed repeats its indicator page): not listed.
_MIRRORS = tuple(edition("embed/", lang) for lang in LANGS)


@dataclass(frozen=True)
class PageChange:
    """A page readers will see differently: its address (without the language), the editions that
    change, and the first change of its text."""

    path: str
    langs: tuple[str, ...]
    status: str  # changed | added | removed
    hunk: list[words.Segment]


def compare(before: Path, after: Path) -> list[PageChange]:
    """The pages whose text differs between the project folders before and after: the home page first,
    then the stories, then the rest by address."""
    old, new = _texts(before), _texts(after)
    by_page: dict[str, dict[str, tuple[str | None, str | None]]] = {}
    for name in sorted(old.keys() | new.keys()):
        if old.get(name) != new.get(name) and not name.startswith(_MIRRORS):
            lang, path = _address(name)
            by_page.setdefault(path, {})[lang] = (old.get(name), new.get(name))
    found = []
    for path, editions in by_page.items():
        before_text, after_text = editions.get(LANGS[0]) or next(iter(editions.values()))
        status = "added" if before_text is None else "removed" if after_text is None else "changed"
        hunk = [(kind, _short(text)) for kind, text in next(iter(words.hunks(before_text or "", after_text or "")), [])]
        found.append(PageChange(path, tuple(lang for lang in LANGS if lang in editions), status, hunk))
    return sorted(found, key=lambda p: (p.path != "/", not p.path.startswith("/stories/"), p.path))


def _short(text: str, most: int = 12) -> str:
    """At most `most` words of a change: the list says where to look, the page shows the rest."""
    found = text.split()
    return text if len(found) <= most else " ".join(found[:most - 2]) + " …"


def _texts(root: Path) -> dict[str, str]:
    """The visible text of every page's main part, by file name."""
    _, rendered, _, _ = pipeline.check(Config.at(root))
    return {name: _visible(data.decode("utf-8")) for name, data in rendered.files.items()
            if name.endswith(".html") and isinstance(data, bytes)}


def _address(name: str) -> tuple[str, str]:
    """The edition and address of a page file: "en/stories/x/index.html" -> ("en", "/stories/x/")."""
    path, lang = split(name)
    return lang, "/" + path.removesuffix("index.html")


def _visible(html: str) -> str:
    reader = _Reader()
    reader.feed(html)
    return " ".join(" ".join(reader.parts).split())


class _Reader(HTMLParser):
    """The text inside <main>, as readers see it (no scripts, styles or drawings)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.main = 0
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.main += tag == "main"
        self.hidden += tag in _HIDDEN

    def handle_endtag(self, tag: str) -> None:
        self.main -= tag == "main" and self.main > 0
        self.hidden -= tag in _HIDDEN and self.hidden > 0

    def handle_data(self, data: str) -> None:
        if self.main and not self.hidden:
            self.parts.append(data)
