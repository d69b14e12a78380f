"""The confidence flags: each state from the recorded evidence, and every page stating what the model states.

One test per state of each flag on the mini project (tests/fixtures/mini: Alpha's article defines its
online dossier rate, Beta's figure comes with no definition), then the sample site, built once: the
home page, /compare/, the indicator pages, the charts under them (in stories and embeds too) and the
social cards all show the flags the model computes.
"""

from __future__ import annotations

import dataclasses
import html
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES, SAMPLE, copy_sample
from sitegen import pipeline
from sitegen.config import Config
from sitegen.model import compare, loader
from sitegen.model.dataset import Dataset
from sitegen.read.records import Observation

MINI = FIXTURES / "mini"


def _mini(comparable: bool = True, beta_words: str | None = None, *extra: Observation) -> Dataset:
    dataset, problems = loader.load(MINI)
    assert not problems
    indicator = dataset.indicators["online-dossier-rate"]
    basis = [w if w.province != "beta" else w.model_copy(update={"words": beta_words}) for w in indicator.basis]
    indicators = {**dataset.indicators, indicator.id: indicator.model_copy(update={"comparable": comparable,
                                                                                   "basis": basis})}
    other = dataset.sources["alpha"].model_copy(update={"id": "other"})
    published = other.published
    return dataclasses.replace(dataset, indicators=indicators, sources={**dataset.sources, "other": other},
                               observations=[*dataset.observations, *(o.dated(published) for o in extra)],
                               conflicts=[])


def _compared(dataset: Dataset) -> compare.Comparison:
    from sitegen.model import conflicts
    dataset.conflicts = conflicts.find(dataset.observations, dataset.indicators)
    return compare.compare(dataset, dataset.indicators["online-dossier-rate"], ["alpha", "beta"])


def _alpha(value: str, qualifier: str = "exact") -> Observation:
    """Another article's figure for Alpha, for the first nine months of 2024 like Alpha's own."""
    return Observation(province="alpha", indicator="online-dossier-rate", value=Decimal(value), qualifier=qualifier,
                       as_of="2024-01/2024-09", source="other", quote="q")


def test_same_definition_when_every_article_behind_the_figures_defines_them() -> None:
    result = _compared(_mini(beta_words="Tỉnh Beta có tỷ lệ hồ sơ trực tuyến"))
    assert (result.definition, result.undefined, result.same_definition) == ("same", (), True)


def test_probably_the_same_when_an_article_gives_no_definition_and_says_which() -> None:
    result = _compared(_mini())
    assert result.definition == "probably-same" and result.same_definition
    assert [(o.province, o.source) for o in result.undefined] == [("beta", "alpha")]


def test_different_definitions_when_the_indicator_is_not_comparable() -> None:
    result = _compared(_mini(comparable=False))
    assert (result.definition, result.same_definition, result.leader) == ("different", False, None)


def test_no_definition_flag_for_one_province() -> None:
    dataset = _mini()
    result = compare.compare(dataset, dataset.indicators["online-dossier-rate"], ["alpha", "gamma"])
    assert result.definition is None and not result.both


def test_one_source_when_no_other_article_gives_a_figure_for_the_period() -> None:
    result = _compared(_mini())
    assert (result.sources, result.differing, result.sources_agree) == ("one", (), True)


def test_the_sources_agree_when_another_article_gives_a_figure_that_can_hold_too() -> None:
    assert _compared(_mini(True, None, _alpha("72.3"))).sources == "agree"
    assert _compared(_mini(True, None, _alpha("72", "over"))).sources == "agree"


def test_the_sources_differ_slightly_and_the_values_are_named() -> None:
    result = _compared(_mini(True, None, _alpha("73.4")))
    assert (result.sources, result.sources_agree) == ("slight", False)
    ((shown, other),) = result.differing
    assert {shown.value, other.value} == {Decimal("72.3"), Decimal("73.4")}


def test_the_sources_differ() -> None:
    result = _compared(_mini(True, None, _alpha("60")))
    assert result.sources == "differ" and len(result.differing) == 1


# --- every page states what the model states -------------------------------------------------

class _Flags(HTMLParser):
    """Every flags paragraph of a page: indicator id -> list of {flag: state}, one per occurrence."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, list[dict[str, str]]] = {}
        self._current: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        found = dict(attrs)
        if tag == "p" and "data-flags" in found:
            self._current = {}
            self.found.setdefault(found["data-flags"], []).append(self._current)
        elif self._current is not None and "data-flag" in found:
            self._current[found["data-flag"]] = found["data-state"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._current = None


def _states(result: compare.Comparison) -> dict[str, str]:
    return {"definition": result.definition, "period": "same" if result.same_period else "different",
            "sources": result.sources}


@pytest.fixture(scope="module")
def model():
    _, found, problems = pipeline.load(Config.at(SAMPLE))
    assert found is not None and not problems
    return found


def test_every_page_states_the_flags_the_model_computes(real_site: Path, model) -> None:
    both = {i: _states(r) for i, r in model.comparisons.items() if r.both}
    assert both["online-dossier-rate"] == {"definition": "probably-same", "period": "different", "sources": "slight"}
    assert both["e-id-rate"]["definition"] == "different"
    shown: dict[str, set[str]] = {}
    for page in sorted(real_site.rglob("*.html")):
        parser = _Flags()
        parser.feed(page.read_text(encoding="utf-8"))
        for indicator, occurrences in parser.found.items():
            for states in occurrences:
                assert states == both[indicator], (page, indicator)
            shown.setdefault(indicator, set()).add(page.relative_to(real_site).as_posix())
    for indicator in both:
        for prefix in ("", "en/"):
            for name in ("index.html", "compare/index.html", f"indicators/{indicator}/index.html"):
                assert prefix + name in shown[indicator], (indicator, prefix + name)
    assert "embed/e-id/index.html" in shown["e-id-rate"]  # the e-ID pair keeps its flags when embedded


def test_the_undefined_article_is_named_and_the_slight_difference_shows_both_values(real_site: Path) -> None:
    home = (real_site / "index.html").read_text(encoding="utf-8")
    flags = re.search(r'<p class="flags" data-flags="online-dossier-rate">(.*?)</p>', home, re.S).group(1)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", flags))
    assert "bài về Bắc Ninh không định nghĩa con số" in text
    assert "Bắc Kạn 72,3% / 73,4%" in text


def test_two_province_cards_carry_the_flags(model, tmp_path: Path) -> None:
    from sitegen.model import pages
    from sitegen.render import environment
    from sitegen.render.cards import cards

    env = environment.environment(Config.at(copy_sample(tmp_path)), model.text, {"data": model.data, "model": model})
    found = pages.every_page(model.data, model.text, model.stories, model.prose, model.charts)
    drawn = cards(model, [p for p in found if "indicator" in p.context
                          and p.context["indicator"].id in ("online-dossier-rate", "e-id-rate")], env)
    for name, svg in drawn.items():
        expected = ("≈ có lẽ cùng định nghĩa", "probably the same") if "online-dossier" in name \
            else ("✗ khác định nghĩa", "different definitions")
        assert expected[0 if "/vi/" in name or name.startswith("cards/vi") else 1] in svg, name


def test_every_chart_has_a_title_and_a_comparisons_title_says_what_the_model_says(real_site: Path, model) -> None:
    """A compare chart's title is its takeaway: who leads only where the model names a leader, "cannot
    be compared" where the definitions differ, and "periods differ" exactly where they do."""
    words = {key: model.text.strings[key] for key in ("takeaway_leads", "takeaway_different", "caveat_period")}
    compared = set()
    for page in sorted(real_site.rglob("*.html")):
        lang = "en" if page.relative_to(real_site).parts[0] == "en" else "vi"
        fixed = {key: re.sub(r"\{\w+\}", "", text(lang)).strip(" ,:") for key, text in words.items()}
        lead = fixed["takeaway_leads"].split()[0]  # "dẫn", "ahead"
        found = re.findall(r'<p class="chart-title" id="chart-(.*?)-title">(.*?)</p>', page.read_text(encoding="utf-8"),
                           re.S)
        for chart_id, markup in found:
            title = html.unescape(re.sub(r"<[^>]+>", "", markup)).strip()
            assert title, (page, chart_id)
            chart = model.charts.get(chart_id)
            if chart is None or chart.kind != "compare":
                continue
            for indicator in chart.indicators:
                r = compare.compare(model.data, model.data.indicators[indicator],
                                    chart.provinces or compare.provinces_compared(model.data))
                name = {p: model.data.provinces[p].name(lang) for p in r.figures}
                if r.leader:
                    assert f"{name[r.leader]} {lead}" in title and name[r.trailer] in title, (page, title)
                else:
                    assert f" {lead} " not in title, (page, title)
                assert (fixed["takeaway_different"] in title) == (r.definition == "different"), (page, title)
                assert (fixed["caveat_period"] in title) == (r.both and r.same_definition and not r.same_period), \
                    (page, title)
                compared.add((chart_id, lang))
    assert {("online-public-services", "vi"), ("e-id", "en")} <= compared
    home = (real_site / "index.html").read_text(encoding="utf-8")
    assert ("Bắc Ninh dẫn trước Bắc Kạn gần 20 điểm phần trăm về tỷ lệ hồ sơ trực tuyến, nhưng hai con số khác "
            "thời điểm và bài về Bắc Ninh không định nghĩa con số</p>") in home
