"""'Page last changed' is the page's last change as data/ and content/ record it, never a figure's
date, an article's publication or the clock; the newest figure's period is said apart from it."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from conftest import FIXTURES
from sitegen import pipeline
from sitegen.config import Config
from sitegen.model.pages import every_page as pages
from sitegen.read.records import Correction, Text


def _model():
    _, model, problems = pipeline.load(Config.at(FIXTURES / "mini"))
    assert model is not None and not problems
    return model


def _page(model, path: str):
    return next(p for p in pages(model.data, model.text, model.stories, model.prose, model.charts)
                if p.path == path and p.lang == "vi")


def test_a_page_of_figures_changed_when_its_article_was_added_not_when_it_was_published() -> None:
    model = _model()
    assert model.data.sources["alpha"].published.end == date(2024, 10, 31)  # when the figures were cited
    indicator = _page(model, "indicators/online-dossier-rate/")
    assert model.updated(indicator) == date(2024, 11, 5)  # the source's `added`
    assert model.updated(_page(model, "stories/online/")) == model.stories[0].date
    assert model.updated(_page(model, "")) == max(date(2024, 11, 5), *(s.date for s in model.stories))


def test_a_correction_is_a_change_of_the_pages_that_show_the_figure() -> None:
    model = _model()
    obs = next(o for o in model.data.observations if o.indicator == "online-dossier-rate" and o.province == "beta")
    fixed = obs.model_copy(update={"corrections": [Correction(date="2025-03-02", was=92,
                                                              why=Text(vi="sửa", en="fixed"))]})
    data = dataclasses.replace(model.data, observations=[fixed if o is obs else o for o in model.data.observations])
    model = dataclasses.replace(model, data=data)
    assert model.updated(_page(model, "indicators/online-dossier-rate/")) == date(2025, 3, 2)
    assert model.updated(_page(model, "provinces/beta/")) == date(2025, 3, 2)
    assert model.updated(_page(model, "provinces/alpha/")) == date(2024, 11, 5)  # alpha's figures did not change


def test_the_newest_figures_period_is_shown_apart(tmp_path: Path) -> None:
    from conftest import make_project

    model = _model()
    newest = model.newest(_page(model, "indicators/online-dossier-rate/"))
    assert newest.as_of.text == "2024-09" and model.newest(_page(model, "compare/")) is None
    project = make_project(tmp_path)
    pipeline.build(Config.at(project))
    html = (project / "site" / "indicators" / "online-dossier-rate" / "index.html").read_text(encoding="utf-8")
    assert 'Trang cập nhật lần cuối: <time datetime="2024-11-05">' in html
    assert "Số liệu mới nhất trên trang: tháng 9/2024" in html
