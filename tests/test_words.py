"""The words readers see: no source id, file name or data key leaks into the built real site."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import yaml
from markupsafe import escape

from conftest import SAMPLE

HIDDEN = {"script", "style", "code", "pre"}  # code and pre: the embed snippet and column names
SHOWN_ATTRS = {"title", "alt", "aria-label", "placeholder"}


class _Visible(HTMLParser):
    """The text a reader sees or hears: text nodes and a few attributes, not code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self.hidden += 1
        self.parts += [v for k, v in attrs if k in SHOWN_ATTRS and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """Everything a reader of the page sees, as one string."""
    parser = _Visible()
    parser.feed(html)
    return " ".join(parser.parts)


def _keys(node: object) -> set[str]:
    if isinstance(node, dict):
        return {str(k) for k in node} | {k for v in node.values() for k in _keys(v)}
    if isinstance(node, list):
        return {k for v in node for k in _keys(v)}
    return set()


def leak_patterns() -> re.Pattern[str]:
    """Source ids, file names and the data's snake_case keys, as whole words."""
    sources = [s["id"] for s in yaml.safe_load((SAMPLE / "data" / "sources.yaml").read_text(encoding="utf-8"))]
    keys: set[str] = set()
    for path in [*(SAMPLE / "data").rglob("*.yaml"), *(SAMPLE / "content").glob("*.yaml")]:
        keys |= {k for k in _keys(yaml.safe_load(path.read_text(encoding="utf-8"))) if "_" in k}
    words = sorted(map(re.escape, {*sources, *keys}), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])|\b[\w-]+\.(?:ya?ml|txt)\b")


def leaks(site: Path) -> list[str]:
    """Every page and the leaked words in its visible text."""
    pattern, found = leak_patterns(), []
    for page in sorted(site.rglob("*.html")):
        hits = sorted(set(pattern.findall(visible_text(page.read_text(encoding="utf-8")))))
        if hits:
            found.append(f"{page.relative_to(site).as_posix()}: {', '.join(hits)}")
    return found


def test_no_source_id_file_name_or_key_in_visible_text(real_site: Path) -> None:
    assert leaks(real_site) == []


def test_every_quote_from_a_vietnamese_article_has_our_english_translation() -> None:
    from sitegen.model import loader
    dataset, problems = loader.load(SAMPLE)
    assert problems == []
    records = [*dataset.observations, *dataset.targets.values(), *dataset.events.values()]
    untranslated = [f"{r.at('quote')[0]}:{r.at('quote')[1]}" for r in records
                    if dataset.sources[r.source].language != "en" and not r.quote_en]
    assert untranslated == []


NOT_ABBREVIATIONS = {"CSV", "JSON", "UTF", "ISO", "BOM", "ID", "URL", "SVG", "PNG", "II", "III"}
CAPS = re.compile(r"(?<![\w&-])[A-ZĐ][A-ZĐ]+(?![\w&])")


def abbreviations_missing(site: Path) -> list[str]:
    """Every page and the all-capitals abbreviations it shows that the glossary does not define."""
    entries = yaml.safe_load((SAMPLE / "content" / "glossary.yaml").read_text(encoding="utf-8"))
    known = {word.casefold() for e in entries for word in re.split(r"[\s/-]+", e["term"])}  # VNEID is VNeID
    found = []
    for page in sorted(site.rglob("*.html")):
        shown = set(CAPS.findall(visible_text(page.read_text(encoding="utf-8")))) - NOT_ABBREVIATIONS
        missing = {word for word in shown if word.casefold() not in known}
        if missing:
            found.append(f"{page.relative_to(site).as_posix()}: {', '.join(sorted(missing))}")
    return found


def test_every_abbreviation_a_page_shows_is_in_the_glossary(real_site: Path) -> None:
    assert abbreviations_missing(real_site) == []


def test_the_glossary_page_defines_every_entry_in_both_languages(real_site: Path) -> None:
    entries = yaml.safe_load((SAMPLE / "content" / "glossary.yaml").read_text(encoding="utf-8"))
    for prefix in ("", "en/"):
        page = (real_site / prefix / "glossary" / "index.html").read_text(encoding="utf-8")
        assert page.count("<dt ") == len(entries)
        assert all(f"<dfn>{escape(e['term'])}</dfn>" in page for e in entries)


def test_card_titles_wrap_by_estimated_width_and_stop_at_the_line_limit() -> None:
    from sitegen.render.environment import lines

    title = "Lượt khai thác Cơ sở dữ liệu dân cư thành công trong tổng số lượt tra cứu " * 3
    split = lines(title, 1040, 64)
    assert len(split) == 4 and split[-1].endswith("…")
    assert all(len(line) <= 34 for line in split)
    assert lines("Total clinics", 1040, 64) == ["Total clinics"]


def test_every_page_says_when_its_data_last_changed(real_site: Path) -> None:
    from sitegen.read import content
    story = next(s for s in content.load_stories(SAMPLE, [], "stories") if s.lang == "vi")
    for page in sorted(real_site.rglob("*.html")):
        if "embed" not in page.parts:
            assert '<time datetime="' in page.read_text(encoding="utf-8"), page
    html = (real_site / "stories" / story.key / "index.html").read_text(encoding="utf-8")
    assert f'<time datetime="{story.date.isoformat()}">' in html
