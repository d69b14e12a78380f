"""Chart text reads at 12–18 px wherever a chart sits (a full page, a story column, an embed) and at
every window width, in Chromium: each chart's box picks one of its three drawings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, need_chromium

pytestmark = pytest.mark.browser

playwright = pytest.importorskip("playwright.sync_api")

PAGES = {"home": "", "indicator": "indicators/online-dossier-rate/", "story": "stories/online-services/",
         "embed": "embed/e-id/"}
WIDTHS = (360, 600, 672, 700, 800, 1024, 1280)
SHOTS = Path(__file__).parent / "screenshots"
# Each visible drawing: how many there are in its box, and every text's size as rendered (its font
# size in the drawing's units times the drawing's scale).
MEASURE = """() => [...document.querySelectorAll('.chart-svg')].map(box => {
  const shown = [...box.querySelectorAll('svg')].filter(s => s.getBoundingClientRect().width > 0);
  return {shown: shown.length, sizes: shown.flatMap(svg => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
      .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  })};
})"""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    need_chromium()
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_chart_text_reads_12_to_18_px_at_every_width(browser, served_site: tuple[str, Path], width: int) -> None:
    base_url, _ = served_site
    page = browser.new_page(viewport={"width": width, "height": 800})
    for name, path in PAGES.items():
        page.goto(base_url + path)
        page.evaluate("document.fonts.ready")
        charts = page.evaluate(MEASURE)
        assert charts, (name, width)
        for n, chart in enumerate(charts):
            assert chart["shown"] == 1, (name, width, n, chart["shown"])  # one drawing per box
            sizes = [round(s, 1) for s in chart["sizes"]]
            assert sizes and 12 <= min(sizes) and max(sizes) <= 18, (name, width, n, min(sizes), max(sizes))
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_a_story_chart_and_a_home_chart(browser, served_site: tuple[str, Path], scheme: str) -> None:
    """For a person to look at: tests/screenshots/chart-<page>-<width>-<scheme>.png."""
    base_url, _ = served_site
    SHOTS.mkdir(exist_ok=True)
    for width in (360, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        for name in ("home", "story"):
            page.goto(base_url + PAGES[name])
            page.evaluate("document.fonts.ready")
            chart = page.locator("figure.chart:not(.chart-single)").first
            chart.screenshot(path=str(SHOTS / f"chart-{name}-{width}-{scheme}.png"))
        context.close()
