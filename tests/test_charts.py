"""Every chart of the real site is a valid Vega-Lite spec and renders to an SVG with marks."""

from __future__ import annotations

import pytest

from conftest import ROOT
from sitegen import chartbook, charts, drawing, pipeline
from sitegen.config import Config
from sitegen.i18n import D3_FORMAT_LOCALES, LANGS


@pytest.fixture(scope="module")
def figures() -> list[chartbook.Figure]:
    model = pipeline.load(Config.at(ROOT))
    return [chartbook.figure(model.data, c, lang) for c in model.charts.values() for lang in LANGS]


def test_every_chart_spec_validates(figures: list[chartbook.Figure]) -> None:
    assert len(figures) > 100
    for fig in figures:
        charts.validate(fig.spec)
        assert fig.spec["datasets"]["rows"], fig.id


def _draw(figures: list[chartbook.Figure], cache) -> None:
    svgs, _ = drawing.draw([(f.spec, D3_FORMAT_LOCALES[f.lang]) for f in figures], [], cache)
    for fig, svg in zip(figures, svgs, strict=True):
        fig.svg = svg


def test_every_chart_renders_offline_to_svg(figures: list[chartbook.Figure], tmp_path) -> None:
    _draw(figures, tmp_path)
    for fig in figures:
        assert fig.svg.startswith("<svg") and ('class="mark-rect' in fig.svg or 'class="mark-symbol' in fig.svg)
        assert "http" not in fig.svg.replace("http://www.w3.org", "")


def test_axes_follow_the_locale(figures: list[chartbook.Figure], tmp_path) -> None:
    counts = [f for f in figures if f.id == "indicator-dossiers-processed"]
    _draw(counts, tmp_path)
    vi, en = (next(f for f in counts if f.lang == lang) for lang in LANGS)
    assert "127.178" in vi.svg and "127,178" in en.svg


def test_descriptions_say_who_leads(figures: list[chartbook.Figure]) -> None:
    online = {f.lang: f for f in figures if f.id == "online-public-services"}
    assert "Bắc Ninh dẫn trước Bắc Kạn" in online["vi"].description
    assert "Bắc Ninh leads Bắc Kạn" in online["en"].description
