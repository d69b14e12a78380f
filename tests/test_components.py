"""Story components render from the data, in the page's locale, linked to the quote."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import make_project
from sitegen import pipeline
from sitegen.config import Config


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("components"))
    pipeline.build(Config.at(project))
    return project / "site"


def _story(site: Path, lang: str) -> str:
    return (site / ("en/" if lang == "en" else "") / "stories/online/index.html").read_text(encoding="utf-8")


def test_figure_renders_latest_value_in_locale_with_quote_link(mini: Path) -> None:
    vi, en = _story(mini, "vi"), _story(mini, "en")
    anchor = "alpha-online-dossier-rate-2024-01-2024-09-alpha"
    link = f'<a class="fig" href="/indicators/online-dossier-rate/#{anchor}">72,3%</a>'
    assert link in vi
    assert link.replace("/indicators", "/en/indicators").replace("72,3%", "72.3%") in en
    assert "(9 tháng đầu năm 2024)" in vi and "(first nine months of 2024)" in en


def test_quote_is_one_click_from_the_figure(mini: Path) -> None:
    page = (mini / "indicators/online-dossier-rate/index.html").read_text(encoding="utf-8")
    anchor = "alpha-online-dossier-rate-2024-01-2024-09-alpha"  # on the figure's heading, where search leads
    article = re.search(rf'<article class="obs">\s*<h3 class="obs-head" id="{anchor}">(.*?)</article>', page, re.S)
    assert article and "tỷ lệ hồ sơ phát sinh trực tuyến đạt 72,3% trên tổng số hồ sơ" in article.group(1)


def test_claim_renders_a_checked_sentence(mini: Path) -> None:
    assert "Tỉnh Beta dẫn trước Tỉnh Alpha về tỷ lệ hồ sơ trực tuyến:" in _story(mini, "vi")
    assert "Alpha Province trails Beta Province on online dossier rate:" in _story(mini, "en")


def test_chart_is_an_accessible_figure_with_table_and_csv(mini: Path) -> None:
    html = _story(mini, "vi")
    figure = re.search(r'<figure class="chart" id="chart-online".*?</figure>', html, re.S).group(0)
    assert 'aria-labelledby="chart-online-title"' in figure
    assert '<p class="chart-desc" id="chart-online-desc">' in figure
    assert "Tỉnh Beta dẫn trước Tỉnh Alpha hơn 20 điểm phần trăm" in figure
    assert "<svg" in figure and "<details>" in figure and "<table>" in figure
    assert 'href="/data/charts/online.csv"' in figure
    csv = (mini / "data/charts/online.csv").read_bytes().decode("utf-8")
    assert csv.startswith("\ufeffkind,province_id,province_name_vi,")  # a BOM, so Excel reads Vietnamese
    assert "qualifier,unit" in csv.splitlines()[0] and ",92.5,exact,percent," in csv


def test_raw_html_in_stories_is_sanitised(mini: Path) -> None:
    html = _story(mini, "vi")
    assert "<script>alert" not in html and "javascript:" not in html and "onclick" not in html
