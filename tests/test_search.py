"""Search in a real browser: Vietnamese typed without its marks, figures as answers, both editions,
every result on the Search page, exact marks first, and a plain line where a province has no figure."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, PREFIX, ROOT, need_chromium

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
        assert "JavaScript" in page.locator("main").inner_text()  # says why nothing was searched


def _all_results(page) -> list[str]:
    """The Search page's results, every one: "more" pressed until there is no more."""
    page.wait_for_function("() => document.querySelector('#search-page-status').textContent")
    while page.locator(".search-more").is_visible():
        before = page.locator("#search-page-list > li").count()
        page.locator(".search-more").click()
        page.wait_for_function("n => document.querySelectorAll('#search-page-list > li').length > n", arg=before)
    return page.locator("#search-page-list > li").all_inner_texts()


@pytest.mark.parametrize("edition", ["", "en/"])
def test_see_all_leads_to_every_result(browser, served_site: tuple[str, Path], edition: str) -> None:
    base_url, _ = served_site
    problems: list[str] = []
    page = _watched(browser, base_url, problems)
    page.goto(base_url + edition)
    _search(page, "bac ninh")
    see_all = page.locator("#search-list a").last
    count = int(re.sub(r"\D", "", see_all.inner_text()))
    assert count > 20 and see_all.get_attribute("href").startswith(f"{base_url}{edition}search/?q=bac")
    see_all.click()
    page.wait_for_url(f"{base_url}{edition}search/?q=*")
    assert page.locator("#search-page-q").input_value() == "bac ninh"
    results = _all_results(page)
    assert len(results) == count and len(set(results)) == count
    assert problems == []


def test_excerpts_show_neither_labels_nor_embed_code_nor_the_title_again(browser, served_site) -> None:
    base_url, _ = served_site
    page = browser.new_context().new_page()
    for query in ("bac ninh", "dinh danh", "kinh te so", "ho so truc tuyen"):
        page.goto(f"{base_url}search/?q={query}")
        _all_results(page)
        for hit in page.locator("#search-page-list > li").all():
            title = hit.locator("a").first.inner_text()
            excerpt = hit.locator(".search-excerpt").inner_text()
            assert "iframe" not in excerpt and "Định nghĩa" not in excerpt and "Đơn vị" not in excerpt, excerpt
            # the title cut short ("06 và định danh…") or said twice; a definition may begin with its words
            ends = [" ".join(title.split()[k:]) for k in range(1, len(title.split()) - 1)]
            twice = re.escape(title) + r"\W+" + re.escape(title)
            assert not any(excerpt.startswith(end) for end in ends) and not re.search(twice, excerpt), (title, excerpt)


def test_a_figure_cited_by_two_stories_is_one_result(browser, served_site: tuple[str, Path]) -> None:
    base_url, root = served_site
    twice = "Bắc Ninh: thứ 7/63 · năm 2022"  # the DTI rank two stories cite: two headings on its page
    text = re.sub(r"<[^>]+>", "", (root / "indicators" / "dti-rank" / "index.html").read_text(encoding="utf-8"))
    assert text.count(twice) == 2
    page = browser.new_context().new_page()
    page.goto(base_url)
    _search(page, "xep hang DTI")
    figures = page.locator("#search-list .search-figure").all_inner_texts()
    assert sum(twice in f for f in figures) == 1 and len(set(figures)) == len(figures), figures
    page.goto(f"{base_url}search/?q=xep hang DTI")
    assert sum(twice in r for r in _all_results(page)) == 1


def test_words_with_the_very_same_marks_come_first(browser, served_site: tuple[str, Path]) -> None:
    """"kỳ": Pagefind alone ranks pages saying only "ký" (đăng ký) first; the script puts "kỳ" first."""
    base_url, root = served_site
    page = browser.new_context().new_page()
    page.goto(base_url)
    _search(page, "kỳ")
    assert page.locator("#search-list .search-figure").count() == 0  # no figure of "đăng ký" answers "kỳ"
    pages = page.locator("#search-list li:not(.search-figure):not(.search-more-link) > a")
    links = pages.evaluate_all("a => a.map(x => x.pathname)")

    def says(path: str) -> bool:
        html = (root / path.removeprefix(f"/{PREFIX}/") / "index.html").read_text(encoding="utf-8")
        return " kỳ" in re.sub(r"<[^>]+>", " ", html.split("<main", 1)[1].split("</main>", 1)[0])

    marks = [says(path) for path in links]
    assert marks[0] and marks == sorted(marks, reverse=True), list(zip(links, marks, strict=True))
    raw_first = page.evaluate("""async () => {  // Pagefind's own order, for the query as the script sends it
      const pf = await import(new URL("pagefind/pagefind.js", location.href).href);
      return (await (await pf.search("ky")).results[0].data()).url; }""")
    assert not says(raw_first), raw_first  # so the order above is the script's doing


def test_a_province_without_figures_on_the_topic_is_said_plainly(browser, served_site: tuple[str, Path]) -> None:
    base_url, _ = served_site
    page = browser.new_context().new_page()
    page.goto(base_url)
    assert "Chưa có số liệu nào của Bắc Ninh về “phu song di dong”" in _search(page, "phu song di dong bac ninh")
    assert "Chưa có số liệu" not in _search(page, "phu song di dong bac kan")  # Bắc Kạn has such figures
    assert "Chưa có số liệu" not in _search(page, "bac ninh")  # no topic, nothing to say
    page.goto(f"{base_url}en/search/?q=5g bac ninh")
    page.wait_for_function("() => document.querySelector('#search-page-status').textContent")
    assert "There are no figures for Bắc Ninh on “5g”" in page.locator("#search-page-status").inner_text()


@pytest.mark.parametrize("javascript", [True, False])
def test_the_search_page_fits_a_phone(browser, served_site: tuple[str, Path], javascript: bool) -> None:
    base_url, _ = served_site
    page = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=javascript).new_page()
    page.goto(f"{base_url}search/?q=bac ninh")
    if javascript:
        _all_results(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert "Ctrl+F" not in page.locator("main").inner_text()


def test_the_search_page_runs_the_query_it_was_given(browser, served_site: tuple[str, Path]) -> None:
    base_url, _ = served_site
    page = browser.new_context().new_page()
    page.goto(base_url + "search/?q=Bac+Kan")
    page.wait_for_function("() => document.querySelector('#search-page-status').textContent.includes('Bac Kan')")
    assert "Bắc Kạn" in page.locator("#search-page-list").inner_text()
    assert page.locator("#search-list").is_hidden()  # the header's list stays closed


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_the_search_results(browser, served_site: tuple[str, Path], scheme: str) -> None:
    if not AXE.exists():
        pytest.skip("node_modules/axe-core is missing: run `make test` (npm ci) first")
    base_url, _ = served_site
    page = browser.new_context(bypass_csp=True, color_scheme=scheme).new_page()
    for edition in ("", "en/", "search/?q=" + FIGURE, "en/search/?q=" + FIGURE):
        page.goto(base_url + edition)
        if "?q=" in edition:  # every result listed, figures under their indicator
            _all_results(page)
        else:
            _search(page, FIGURE)
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        result = page.evaluate("axe.run(document, {runOnly: {type: 'tag', values: "
                               "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
        assert [f"{v['id']}: {v['nodes'][0]['target']}" for v in result["violations"]] == []
