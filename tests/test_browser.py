"""The real site in a real browser: Debian's Chromium driven by Playwright, served on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, need_chromium

pytestmark = pytest.mark.browser  # drives Chromium or the npm tools; `make quick` leaves it out

playwright = pytest.importorskip("playwright.sync_api")

PAGES = ["", "en/", "compare/", "en/compare/", "indicators/online-dossier-rate/", "en/indicators/dti-rank/",
         "compare/government/", "stories/online-services/", "en/stories/digital-economy/",
         "provinces/bac-ninh/", "targets/", "sources/", "data/"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}
SHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture(scope="module")
def base_url(served_site: tuple[str, Path]) -> str:
    return served_site[0]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    need_chromium()
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _all_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html"))


@pytest.mark.parametrize(("view", "scheme"), [("desktop", "light"), ("phone", "dark"),
                                              ("desktop", "dark"), ("phone", "light")])
def test_every_page_loads_cleanly_with_charts_and_no_other_hosts(browser, served_site: tuple[str, Path],
                                                                 view: str, scheme: str) -> None:
    """Every page (both viewports and schemes; the last two pairs on the key pages), JavaScript off."""
    base_url, site = served_site
    every = (view, scheme) in (("desktop", "light"), ("phone", "dark"))
    context = browser.new_context(viewport=VIEWPORTS[view], java_script_enabled=False, color_scheme=scheme)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"{page.url}: console {m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    # A request cut short by the next navigation (the favicon, typically) is not a failure of the page.
    page.on("requestfailed", lambda r: problems.append(f"{page.url}: failed: {r.url} {r.failure}")
            if "ERR_ABORTED" not in (r.failure or "") else None)
    page.on("response", lambda r: problems.append(f"{page.url}: {r.status}: {r.url}") if r.status >= 400 else None)
    page.on("request", lambda r: problems.append(f"{page.url}: other host: {r.url}")
            if not r.url.startswith(base_url) else None)
    SHOTS.mkdir(exist_ok=True)
    for path in _all_pages(site) if every else PAGES:
        page.goto(base_url + path)
        charts = page.locator(".chart-svg svg:visible")
        if path in ("", "en/") or "embed/" in path or page.locator("article.obs").count():
            assert page.locator("figure.chart").count() > 0, path
        for i in range(charts.count()):
            box = charts.nth(i).bounding_box()
            assert box and box["width"] > 100 and box["height"] > 20, (path, i)
        if view == "phone":
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (path, overflow)
        if path in PAGES:
            name = (path.strip("/").replace("/", "_") or "home")
            page.screenshot(path=str(SHOTS / f"{name}-{view}-{scheme}.png"), full_page=True)
    context.close()
    assert problems == [], "\n".join(problems[:40])


def test_language_switch_keeps_the_reader_on_the_same_page(browser, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url + "indicators/online-dossier-rate/")
    page.click("a.lang-switch")
    assert page.url == base_url + "en/indicators/online-dossier-rate/"
    assert page.locator("html").get_attribute("lang") == "en"
    page.click("a.lang-switch")
    assert page.url == base_url + "indicators/online-dossier-rate/"
    page.close()


def test_a_number_leads_to_its_quote_in_one_click(browser, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url)
    page.locator(".scorecard a.fig").first.click()
    page.wait_for_url("**/indicators/**#*")
    page.wait_for_load_state()
    target = page.evaluate("location.hash").lstrip("#")
    quote = page.locator(f".obs:has([id='{target}']) blockquote").first  # then the paragraph around it, folded
    quote.wait_for(state="visible", timeout=10_000)
    assert len(quote.inner_text()) > 10
    page.close()


CHART_PAGES = ["", "en/", "indicators/online-payment-portal-rate/", "en/indicators/dti-rank/",
               "indicators/digital-economy-share/", "stories/online-services/", "en/stories/digital-economy/"]
# For every visible chart: its box, its column's width, and each text's box and rendered size.
MEASURE = """() => [...document.querySelectorAll('.chart-svg svg')].filter(s => s.getBoundingClientRect().width > 0)
  .map(svg => { const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    return {width: box.width, column: svg.closest('figure').getBoundingClientRect().width,
      texts: [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => {
        const r = t.getBoundingClientRect();
        return {text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize) * scale,
                out: r.left < box.left - 1 || r.right > box.right + 1 ||
                     r.top < box.top - 1 || r.bottom > box.bottom + 1};
      })};
  })"""


@pytest.mark.parametrize(("view", "scheme"), [("phone", "light"), ("phone", "dark"), ("desktop", "light"),
                                              ("desktop", "dark")])
def test_charts_fill_their_column_and_no_text_is_clipped_or_tiny(browser, base_url: str, view: str,
                                                                 scheme: str) -> None:
    context = browser.new_context(viewport=VIEWPORTS[view], color_scheme=scheme)
    page = context.new_page()
    seen = 0
    for path in CHART_PAGES:
        page.goto(base_url + path)
        page.evaluate("document.fonts.ready")
        for n, chart in enumerate(page.evaluate(MEASURE)):
            seen += 1
            assert chart["width"] >= 0.9 * chart["column"], (path, n, chart["width"], chart["column"])
            outside = [t["text"] for t in chart["texts"] if t["out"]]
            assert not outside, (path, n, outside)
            tiny = [(t["text"], round(t["size"], 1)) for t in chart["texts"] if t["size"] < 10]
            assert not tiny, (path, n, tiny)
    assert seen >= len(CHART_PAGES)
    context.close()


@pytest.mark.parametrize("path", ["", "en/"])
def test_the_first_screen_of_a_phone_answers_who_leads(browser, base_url: str, path: str) -> None:
    page = browser.new_page(viewport=VIEWPORTS["phone"])
    page.goto(base_url + path)
    height = VIEWPORTS["phone"]["height"]
    figures = [a for a in page.locator("main a.fig").all()
               if (box := a.bounding_box()) and box["y"] + box["height"] <= height]
    assert len(figures) >= 2
    first_screen = page.evaluate(f"""() => [...document.querySelectorAll('main p, main li')]
        .filter(e => e.getBoundingClientRect().bottom <= {height}).map(e => e.textContent).join(' ')""")
    assert "Bắc Kạn" in first_screen and "Bắc Ninh" in first_screen
    assert page.locator("nav.menu-phone details").is_visible() and not page.locator("nav.menu-wide").is_visible()
    page.close()


def test_every_embed_fits_the_height_its_snippet_gives_at_320_and_600_px(browser, served_site) -> None:
    """The iframe height in each chart's embed snippet holds the whole embed page, credit included."""
    import re

    base_url, site = served_site
    snippets = {}
    for path in site.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        for src, height in re.findall(r'iframe src="([^"]+)" title="[^"]*" width="100%" height="(\d+)"', html):
            snippets[src] = int(height)
    assert snippets and all(src.startswith(base_url) for src in snippets)  # the absolute published URL
    short = []
    for width in (320, 600):
        page = browser.new_context(viewport={"width": width, "height": 100}, java_script_enabled=False).new_page()
        for src, height in sorted(snippets.items()):
            page.goto(src)
            needed = page.evaluate("document.documentElement.scrollHeight")
            if needed > height:
                short.append(f"{src} at {width} px: needs {needed}, snippet gives {height}")
        page.context.close()
    assert short == []


def test_print_keeps_chart_tables_and_the_address_and_hides_menus_and_embed_code(browser, base_url: str) -> None:
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(base_url + "stories/online-services/")
    page.emulate_media(media="print")
    assert page.locator(".chart details table").first.is_visible()
    assert page.locator(".print-only").first.is_visible() and base_url in page.locator(".print-only").inner_text()
    for hidden in (".embed-code", ".masthead nav", ".share"):
        assert all(not e.is_visible() for e in page.locator(hidden).all()), hidden
    page.context.close()
