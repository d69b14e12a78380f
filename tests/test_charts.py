"""Every chart of the real site: rows and a spec built from the model, drawn offline to SVG."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from conftest import CACHE, SAMPLE
from sitegen import pipeline
from sitegen.cache import Cache
from sitegen.config import Config
from sitegen.read.locales import D3_FORMAT_LOCALES
from sitegen.render import chartviews, drawing
from sitegen.urls import LANGS


@pytest.fixture(scope="module")
def views() -> list[chartviews.ChartView]:
    _, model, problems = pipeline.load(Config.at(SAMPLE))
    assert model is not None and not problems
    found = [chartviews.view(model.data, c, lang, model.text.formats) for c in model.charts.values() for lang in LANGS]
    jobs = [(spec, D3_FORMAT_LOCALES[v.lang]) for v in found for spec in v.specs]
    with drawing.Drawing(jobs, [], Cache(CACHE).part("drawings")) as drawn:
        svgs = iter(drawn.svgs())
    return [replace(v, svgs=tuple(next(svgs) for _ in v.specs)) for v in found]


def test_every_chart_has_rows_that_trace_to_a_record(views: list[chartviews.ChartView]) -> None:
    assert len(views) > 100
    for view in views:
        assert view.rows and all(row.record.quote for row in view.rows), view.id
        assert view.single or all(spec["datasets"]["rows"] for spec in view.specs), view.id


def test_a_single_figure_is_a_big_number_not_a_one_bar_chart(views: list[chartviews.ChartView]) -> None:
    singles = [v for v in views if v.single]
    assert singles and all(not v.svgs for v in singles)
    drawn = [v for v in views if not v.single]
    assert drawn and all([size for size, _ in v.drawings] == ["narrow", "mid", "wide"] for v in drawn)


def test_every_chart_renders_offline_to_svg_with_tooltips_and_links(views: list[chartviews.ChartView]) -> None:
    for view in views:
        for svg in view.svgs:
            assert svg.startswith("<svg") and ('class="mark-rect' in svg or 'class="mark-symbol' in svg)
            assert "http" not in svg.replace("http://www.w3.org", "")
            assert "<title>" in svg and "aria-label" not in svg
            links = re.findall(r'xlink:href="([^"]*)"', svg)
            quote = re.compile(r"/(en/)?indicators/[a-z0-9-]+/#[a-z0-9-]+")
            assert links and all(quote.fullmatch(link) for link in links), links


def test_qualified_values_draw_a_lighter_tail(views: list[chartviews.ChartView]) -> None:
    qualified = [v for v in views if v.kind != "compare" and not v.single and v.unit != "rank"
                 and any(r.observation and r.observation.qualifier != "exact" for r in v.rows)]
    assert qualified and all('fill-opacity="0.35"' in v.svgs[0] or 'opacity="0.35"' in v.svgs[0] for v in qualified)


def test_shares_run_from_0_to_100_and_ranks_put_1_on_the_right(views: list[chartviews.ChartView]) -> None:
    for view in views:
        for spec in view.specs:
            x = next(layer["encoding"]["x"] for layer in spec["layer"] if "axis" in layer["encoding"].get("x", {}))
            if view.unit == "percent":
                assert x["scale"]["domain"] == [0, 100], view.id
            if view.unit == "rank":
                assert x["scale"]["domain"][1] == 1 and x["scale"]["domain"][0] <= 63, view.id


def test_axes_follow_the_locale(views: list[chartviews.ChartView]) -> None:
    payment = {v.lang: v for v in views if v.id == "online-payment"}
    assert "49,9%" in payment["vi"].svgs[0] and "49.9%" in payment["en"].svgs[0]


def test_a_broken_cache_file_is_drawn_again(tmp_path) -> None:
    spec = pipeline.load(Config.at(SAMPLE))[1]
    view = chartviews.view(spec.data, spec.charts["online-public-services"], "vi", spec.text.formats)
    job = [(view.specs[0], D3_FORMAT_LOCALES["vi"])]
    with drawing.Drawing(job, [], Cache(tmp_path)) as drawn:
        first, names = drawn.svgs(), drawn.names
    (tmp_path / names[0]).unlink()
    (tmp_path / names[0]).write_text("<svg trunc")  # an interrupted write from an old build
    with drawing.Drawing(job, [], Cache(tmp_path)) as drawn:
        again = drawn.svgs()
    assert again == first and (tmp_path / names[0]).read_text() == first[0]
    Cache(tmp_path).prune()  # a build that used none of them
    assert not list(tmp_path.iterdir())


def test_the_same_chart_twice_is_drawn_once(tmp_path) -> None:
    spec = pipeline.load(Config.at(SAMPLE))[1]
    view = chartviews.view(spec.data, spec.charts["online-public-services"], "vi", spec.text.formats)
    job = (view.specs[0], D3_FORMAT_LOCALES["vi"])
    with drawing.Drawing([job, job], [], Cache(tmp_path)) as drawn:
        assert drawn.missing[0] == [0]  # one drawing for both
        svgs = drawn.svgs()
    assert svgs[0] == svgs[1] and svgs[0].startswith("<svg")


def test_no_chart_draws_one_figure_twice(views: list[chartviews.ChartView]) -> None:
    for view in views:
        marks = [(r.observation.province, r.observation.as_of, r.observation.inferred, r.value, r.observation.qualifier)
                 for r in view.rows if r.observation]
        assert len(marks) == len(set(marks)), view.id
        for row in view.rows:  # every article citing the figure stands behind its one mark
            assert all(o.value == row.value and o.as_of == row.record.as_of for o in row.also), view.id
    dti = next(v for v in views if v.id == "indicator-dti-rank" and v.lang == "vi")
    assert [r.label for r in dti.rows] == ["Bắc Ninh · 2021", "Bắc Ninh · 2022 · 2 nguồn"]
    assert len(dti.rows[1].records) == 2 and "2 nguồn" in dti.svgs[0]


def test_differing_sources_for_one_period_are_each_named_and_agreeing_ones_share_a_mark() -> None:
    import dataclasses
    from decimal import Decimal

    from conftest import FIXTURES
    from sitegen.model import charts, loader
    from sitegen.read import content
    from sitegen.read.records import Observation

    data, problems = loader.load(FIXTURES / "mini")
    text = content.load_site_text(FIXTURES / "mini", problems)
    assert not problems and text is not None

    def other(source: str, value: str) -> Observation:
        return Observation(province="alpha", indicator="online-dossier-rate", value=Decimal(value), qualifier="exact",
                           as_of="2024-01/2024-09", source=source, quote="q")

    sources = {**data.sources, **{s: data.sources["alpha"].model_copy(update={"id": s, "outlet": None, "title": t})
                                  for s, t in (("b", "Bài B"), ("c", "Bài C"))}}
    data = dataclasses.replace(data, sources=sources, observations=[*data.observations, other("b", "75"),
                                                                    other("c", "72.3")])
    chart = next(c for c in charts.definitions(data, [], []).values() if c.id == "indicator-online-dossier-rate")
    labels = [r.label for r in charts.rows(data, chart, "vi", text.formats)]
    assert labels == ["Tỉnh Alpha · tháng 1–9/2024 · 2 nguồn", "Tỉnh Alpha · tháng 1–9/2024 · Bài B",
                      "Tỉnh Beta · 9/2024"]


def test_nearly_draws_its_lighter_end_below_the_value() -> None:
    from sitegen.read.records import Observation

    nearly = Observation(province="a", indicator="i", value=14000, qualifier="nearly", as_of="2024", source="s",
                         quote="q")
    tail = chartviews._tail(nearly, "count")
    assert tail["tail_from"] < tail["tail_to"] == 14000


def test_every_drawn_chart_has_a_picture_to_download_titled_and_credited(tmp_path) -> None:
    import struct

    from conftest import make_project

    project = make_project(tmp_path)
    pipeline.build(Config.at(project))
    site = project / "site"
    page = (site / "stories" / "online" / "index.html").read_text(encoding="utf-8")
    assert '<a href="/data/charts/online-vi.png" download>Tải biểu đồ (ảnh PNG)</a>' in page
    english = (site / "en" / "stories" / "online" / "index.html").read_text(encoding="utf-8")
    assert '<a href="/data/charts/online-en.png" download>Download the chart (PNG image)</a>' in english
    for lang in LANGS:
        image = (site / "data" / "charts" / f"online-{lang}.png").read_bytes()
        assert image.startswith(b"\x89PNG\r\n\x1a\n") and image.endswith(b"IEND\xaeB`\x82")
        width = struct.unpack(">I", image[16:20])[0]
        assert width == 2 * (720 + 32)  # the wide drawing and its margins, at twice its size
    _, model, _ = pipeline.load(Config.at(project))
    view = chartviews.view(model.data, model.charts["online"], "vi", model.text.formats)
    view = replace(view, svgs=tuple(drawing._draw(("svg", drawing.json.dumps(spec), "{}")) for spec in view.specs))
    words = {"source": "Nguồn", "chart_key_qualified": "q", "chart_key_inferred": "i"}
    shown = chartviews.picture(model.data, view, words, "CC BY 4.0")
    assert shown["title"] == view.title and shown["notes"][0].startswith("Nguồn: ")
    assert shown["notes"][-1] == "CC BY 4.0"
    assert shown["chart"] == view.svgs[-1] and shown["chart_height"] > 50
    job = ("png", view.svgs[-1], "")
    assert drawing._draw(job) == drawing._draw(job)  # the same chart, the same bytes
