"""Search in a real browser: Vietnamese typed without its marks, figures as answers, both editions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, need_chromium

pytestmark = pytest.mark.browser  # drives Chromium or the npm tools; `make quick` leaves it out

playwright = pytest.importorskip("playwright.sync_api")

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# What a reader types, and what the results must then show, on each edition.
QUERIES = [("dinh danh dien tu", "định danh điện tử"), ("Bac Kan", "Bắc Kạn"),
           ("dich vu cong truc tuyen", "dịch vụ công"), ("dien tu", "điện tử")]
FIGURE = "ho so truc tuyen bac ninh"
BAC_NINH_DOSSIERS = {"": "92,24%", "en/": "92.24%"}  # the Bắc Ninh online-dossier figure, as each edition writes it


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    need_chromium()
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _watched(browser, base_url: str, problems: list[str], **options):
    page = browser.new_context(**options).new_page()
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("response", lambda r: problems.append(f"{r.status}: {r.url}") if r.status >= 400 else None)
    page.on("request", lambda r: problems.append(f"other host: {r.url}") if not r.url.startswith(base_url) else None)
    return page


def _search(page, query: str) -> str:
    """Type query into the header's box and wait for its results; the text of the list."""
    box = page.get_by_role("searchbox")
    box.fill("")
    box.press_sequentially(query, delay=10)
    page.wait_for_function("q => document.querySelector('#search-status').textContent.includes(q)", arg=query)
    return page.locator("#search-status").inner_text() + "\n" + page.locator("#search-list").inner_text()


@pytest.mark.parametrize("edition", ["", "en/"])
def test_queries_without_marks_find_the_words_with_them(browser, served_site: tuple[str, Path], edition: str) -> None:
    base_url, _ = served_site
    problems: list[str] = []
    page = _watched(browser, base_url, problems)
    page.goto(base_url + edition)
    for query, expected in QUERIES:
        found = _search(page, query)
        assert expected.lower() in found.lower(), f"{edition}: {query!r} did not show {expected!r} but:\n{found}"
        links = page.locator("#search-list a").evaluate_all("links => links.map(a => a.href)")
        assert links and all(h.startswith(base_url + edition) for h in links)  # each edition searches itself
        if edition == "":
            assert not any(h.startswith(base_url + "en/") for h in links)
    found = _search(page, FIGURE)
    first = page.locator("#search-list li").first
    assert "Bắc Ninh" in first.inner_text() and BAC_NINH_DOSSIERS[edition] in first.inner_text(), found
    page.get_by_role("searchbox").press("ArrowDown")  # the keyboard reaches the answer from the box
    assert page.evaluate("() => document.activeElement.closest('li') === document.querySelector('#search-list li')")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("() => document.activeElement.closest('li') === document.querySelector('#search-list li')")
    link = first.get_by_role("link")
    assert "/indicators/online-dossier-rate/#" in link.get_attribute("href")
    link.click()
    page.wait_for_load_state()
    page.wait_for_url("**/indicators/online-dossier-rate/#*")
    target = page.evaluate("(document.getElementById(decodeURIComponent(location.hash.slice(1))) || {}).textContent")
    assert target and BAC_NINH_DOSSIERS[edition] in target, page.url
    assert problems == []


def test_search_is_quiet_and_stays_on_the_site(browser, served_site: tuple[str, Path]) -> None:
    """No console error or warning, no failed request, nothing fetched from another host."""
    base_url, _ = served_site
    problems: list[str] = []
    page = _watched(browser, base_url, problems)
    for edition in ("", "en/", "indicators/online-dossier-rate/"):
        page.goto(base_url + edition)
        _search(page, "Bac Ninh")
    assert problems == []


def test_without_javascript_the_form_opens_the_list_of_everything(browser, served_site: tuple[str, Path]) -> None:
    base_url, _ = served_site
    page = browser.new_context(java_script_enabled=False).new_page()
    for edition, heading in (("", "Tìm kiếm"), ("en/", "Search")):
        page.goto(base_url + edition)
        page.get_by_role("searchbox").fill("bac ninh")
        page.get_by_role("searchbox").press("Enter")
        page.wait_for_load_state()
        assert page.url.startswith(f"{base_url}{edition}search/?q=bac")
        assert page.get_by_role("heading", level=1).inner_text() == heading
        assert page.locator("main table a.fig").count() > 20 and page.locator("main .story-list li").count() >= 3


def test_the_search_page_runs_the_query_it_was_given(browser, served_site: tuple[str, Path]) -> None:
    base_url, _ = served_site
    page = browser.new_context().new_page()
    page.goto(base_url + "search/?q=Bac+Kan")
    page.wait_for_function("() => document.querySelector('#search-status').textContent.includes('Bac Kan')")
    assert "Bắc Kạn" in page.locator("#search-list").inner_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_the_search_results(browser, served_site: tuple[str, Path], scheme: str) -> None:
    if not AXE.exists():
        pytest.skip("node_modules/axe-core is missing: run `make test` (npm ci) first")
    base_url, _ = served_site
    page = browser.new_context(bypass_csp=True, color_scheme=scheme).new_page()
    for edition in ("", "en/"):
        page.goto(base_url + edition)
        _search(page, FIGURE)
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        result = page.evaluate("axe.run(document, {runOnly: {type: 'tag', values: "
                               "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
        assert [f"{v['id']}: {v['nodes'][0]['target']}" for v in result["violations"]] == []
