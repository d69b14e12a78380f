"""Every chart of the real site: rows and a spec built from the model, drawn offline to SVG."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import CACHE, ROOT
from sitegen import chartbook, drawing, pipeline
from sitegen.config import Config
from sitegen.i18n import D3_FORMAT_LOCALES, LANGS


@pytest.fixture(scope="module")
def views() -> list[chartbook.ChartView]:
    model, problems = pipeline.load(Config.at(ROOT))
    assert model is not None and not problems
    found = [chartbook.view(model.data, c, lang, model.text.formats) for c in model.charts.values() for lang in LANGS]
    svgs, _, _ = drawing.draw([(v.spec, D3_FORMAT_LOCALES[v.lang]) for v in found], [], CACHE / "drawings")
    return [replace(v, svg=svg) for v, svg in zip(found, svgs, strict=True)]


def test_every_chart_has_rows_that_trace_to_a_record(views: list[chartbook.ChartView]) -> None:
    assert len(views) > 100
    for view in views:
        assert view.rows and view.spec["datasets"]["rows"], view.id
        assert all(row.record.quote for row in view.rows)


def test_every_chart_renders_offline_to_svg(views: list[chartbook.ChartView]) -> None:
    for view in views:
        assert view.svg.startswith("<svg") and ('class="mark-rect' in view.svg or 'class="mark-symbol' in view.svg)
        assert "http" not in view.svg.replace("http://www.w3.org", "")


def test_axes_follow_the_locale(views: list[chartbook.ChartView]) -> None:
    counts = {v.lang: v for v in views if v.id == "indicator-dossiers-processed"}
    assert "127.178" in counts["vi"].svg and "127,178" in counts["en"].svg


def test_a_broken_cache_file_is_drawn_again(tmp_path) -> None:
    spec = pipeline.load(Config.at(ROOT))[0]
    view = chartbook.view(spec.data, spec.charts["online-public-services"], "vi", spec.text.formats)
    job = [(view.spec, D3_FORMAT_LOCALES["vi"])]
    first, _, names = drawing.draw(job, [], tmp_path)
    (tmp_path / next(iter(names))).write_text("<svg trunc")  # an interrupted write from an old build
    again, _, _ = drawing.draw(job, [], tmp_path)
    assert again == first and (tmp_path / next(iter(names))).read_text() == first[0]
    drawing.prune(tmp_path, set())
    assert not list(tmp_path.iterdir())
