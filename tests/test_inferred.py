"""A figure whose article gives no date says so wherever it is cited, in words a reader sees.

Over the sample site, built once: every link to such a figure (prose, tables, flags, lists, chart
tables, embeds) sits with the words "không rõ thời điểm" / "date not given" (or, in a chart, "≈ bài
đăng …" with the key that explains it); the figure headings search finds and the social cards say
the same.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import SAMPLE, copy_sample
from sitegen import pipeline
from sitegen.config import Config

MARKS = {"vi": ("không rõ thời điểm", "≈ bài đăng"), "en": ("date not given", "≈ published")}
KEYS = {"vi": "bài báo không ghi thời điểm của con số", "en": "the article gives no date for the figure"}
# Where the citation of a figure ends: its row, list item, paragraph, term, component or chart.
BOUNDARIES = {"tr", "li", "p", "dd", "figure", "article", "section", "main", "blockquote"}


class _Node:
    def __init__(self, tag: str, attrs: dict, parent: _Node | None) -> None:
        self.tag, self.attrs, self.parent, self.parts = tag, attrs, parent, []

    def text(self) -> str:
        return "".join(p if isinstance(p, str) else p.text() for p in self.parts)

    def links(self) -> list[_Node]:
        found = [self] if self.tag == "a" and self.attrs.get("class") == "fig" else []
        return found + [n for p in self.parts if isinstance(p, _Node) for n in p.links()]


class _Tree(HTMLParser):
    VOID = {"br", "img", "meta", "link", "input", "hr", "source", "path", "rect", "line", "circle"}

    def __init__(self) -> None:
        super().__init__()
        self.root = self.node = _Node("root", {}, None)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        child = _Node(tag, dict(attrs), self.node)
        self.node.parts.append(child)
        if tag not in self.VOID:
            self.node = child

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.node.parts.append(_Node(tag, dict(attrs), self.node))

    def handle_endtag(self, tag: str) -> None:
        node = self.node
        while node.parent is not None and node.tag != tag:
            node = node.parent
        if node.parent is not None:
            self.node = node.parent

    def handle_data(self, data: str) -> None:
        self.node.parts.append(data)


def _boundary(node: _Node) -> _Node:
    """The element a figure's citation lives in (a big number's period is on the line below it)."""
    while node.parent is not None:
        node = node.parent
        is_big = node.tag == "p" and "big-number" in node.attrs.get("class", "")
        if (node.tag in BOUNDARIES and not is_big) or "figure-ref" in node.attrs.get("class", "").split():
            return node
    return node


@pytest.fixture(scope="module")
def model():
    _, found, problems = pipeline.load(Config.at(SAMPLE))
    assert found is not None and not problems
    return found


def test_every_cited_figure_whose_period_is_inferred_says_so(real_site: Path, model) -> None:
    inferred = {o.id for o in model.data.observations if o.inferred}
    assert len(inferred) > 20
    cited = 0
    for page in sorted(real_site.rglob("*.html")):
        lang = "en" if page.relative_to(real_site).parts[0] == "en" else "vi"
        tree = _Tree()
        tree.feed(page.read_text(encoding="utf-8"))
        by_boundary: dict[int, tuple[_Node, int]] = {}
        for link in tree.root.links():
            if link.attrs["href"].rpartition("#")[2] in inferred:
                box = _boundary(link)
                by_boundary[id(box)] = (box, by_boundary.get(id(box), (box, 0))[1] + 1)
        for box, count in by_boundary.values():
            text = box.text()
            marks = sum(text.count(mark) for mark in MARKS[lang])
            assert marks >= count, (page, box.tag, text[:300])
            cited += count
    assert cited > 200  # tables, prose, lists, flags and charts in both editions


def test_a_chart_that_says_approximately_published_explains_it_below(real_site: Path) -> None:
    charts = re.compile(r'<figure class="chart".*?</figure>', re.S)
    for page in sorted(real_site.rglob("*.html")):
        lang = "en" if page.relative_to(real_site).parts[0] == "en" else "vi"
        for chart in charts.findall(page.read_text(encoding="utf-8")):
            if MARKS[lang][1] in chart:
                assert KEYS[lang] in chart, page


def test_prose_never_prints_an_inferred_window_as_a_period(real_site: Path) -> None:
    # the data review's example: the Bắc Ninh e-ID figure read as if measured over 10/2023–6/2024
    story = (real_site / "stories" / "e-id" / "index.html").read_text(encoding="utf-8")
    assert "(tháng 10/2023–6/2024)" not in story
    assert "không rõ thời điểm, bài đăng tháng 10/2023–6/2024" in story


def test_figure_headings_and_cards_say_so_too(model, real_site: Path, tmp_path: Path) -> None:
    from sitegen.model import pages
    from sitegen.render import environment
    from sitegen.render.cards import cards

    heading = re.compile(r'<h3 class="obs-head" id="([^"]+)">(.*?)</h3>', re.S)
    seen = 0
    for page in real_site.glob("**/indicators/*/index.html"):  # search finds a figure by its heading
        lang = "en" if page.relative_to(real_site).parts[0] == "en" else "vi"
        for anchor, text in heading.findall(page.read_text(encoding="utf-8")):
            if anchor in {o.id for o in model.data.observations if o.inferred}:
                assert MARKS[lang][0] in re.sub(r"<[^>]+>", "", text), (page, anchor)
                seen += 1
    assert seen > 20
    env = environment.environment(Config.at(copy_sample(tmp_path)), model.text, {"data": model.data, "model": model})
    found = [p for p in pages.every_page(model.data, model.text, model.stories, model.prose, model.charts)
             if "indicator" in p.context and p.context["indicator"].id == "e-id-rate"]
    for name, svg in cards(model, found, env).items():
        assert MARKS["en" if "/en/" in name else "vi"][0] in svg, name
