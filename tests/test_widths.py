"""The data-heavy pages at every width, in Chromium: no table wider than the screen, no figure broken
across lines, nothing to scroll sideways; screenshots of each at 360 and 1280 px, light and dark."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, need_chromium

pytestmark = pytest.mark.browser

playwright = pytest.importorskip("playwright.sync_api")

PAGES = {"home": "", "targets": "targets/", "province": "provinces/bac-ninh/", "compare": "compare/",
         "indicator": "indicators/online-dossier-rate/", "search": "search/", "sources": "sources/",
         "story": "stories/online-services/", "en-home": "en/", "en-targets": "en/targets/"}
WIDTHS = (360, 600, 672, 700, 800, 1024, 1280)
SHOTS = Path(__file__).parent / "screenshots"
# What a reader would notice: the page scrolling sideways, a table running past the screen's edge
# (a table inside a scroll box still counts: its box is what shows), a figure split over two lines.
MEASURE = """() => ({
  overflow: document.documentElement.scrollWidth - window.innerWidth,
  tables: [...document.querySelectorAll('main table')].filter(t => t.getClientRects().length)
    .map(t => ({right: Math.round(t.getBoundingClientRect().right), text: t.rows[0].textContent.trim().slice(0, 40)}))
    .filter(t => t.right > window.innerWidth),
  broken: [...document.querySelectorAll('main a.fig, main .nowrap')].filter(f => f.getClientRects().length > 1)
    .map(f => f.textContent.trim()),
})"""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    need_chromium()
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_no_table_wider_than_the_screen_and_no_figure_broken_across_lines(browser, served_site: tuple[str, Path],
                                                                          width: int) -> None:
    base_url, _ = served_site
    page = browser.new_page(viewport={"width": width, "height": 800})
    found = {}
    for name, path in PAGES.items():
        page.goto(base_url + path)
        page.evaluate("document.fonts.ready")
        measured = page.evaluate(MEASURE)
        if measured["overflow"] > 0 or measured["tables"] or measured["broken"]:
            found[name] = measured
    page.close()
    assert not found, (width, found)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_the_data_heavy_pages(browser, served_site: tuple[str, Path], scheme: str) -> None:
    """For a person to look at: tests/screenshots/width-<page>-<width>-<scheme>.png, the whole page."""
    base_url, _ = served_site
    SHOTS.mkdir(exist_ok=True)
    for width in (360, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        for name, path in PAGES.items():
            page.goto(base_url + path)
            page.evaluate("document.fonts.ready")
            page.screenshot(path=str(SHOTS / f"width-{name}-{width}-{scheme}.png"), full_page=True)
            assert (SHOTS / f"width-{name}-{width}-{scheme}.png").stat().st_size > 0
        context.close()


def test_the_home_pages_first_chart_is_within_two_phone_screens(browser, served_site: tuple[str, Path]) -> None:
    base_url, _ = served_site
    page = browser.new_page(viewport={"width": 360, "height": 740})
    for path in ("", "en/"):
        page.goto(base_url + path)
        page.evaluate("document.fonts.ready")
        top = page.evaluate("document.querySelector('main figure.chart').getBoundingClientRect().top")
        assert top < 2 * 740, (path, top)
    page.close()
