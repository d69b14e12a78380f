"""The real site, built once: every figure reaches its quote, both editions match, links resolve."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest
from markupsafe import escape

from conftest import ROOT, SAMPLE, copy_sample
from sitegen import pipeline
from sitegen.checks import rendered as pages
from sitegen.config import Config
from sitegen.model import loader
from sitegen.urls import Urls

FIG = re.compile(r'<a class="fig" href="([^"]*)#([^"]+)">')


def _pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def test_every_observation_reaches_its_indicator_page_with_its_quote(real_site: Path) -> None:
    dataset, _ = loader.load(SAMPLE)
    for prefix in ("", "en/"):
        for obs in dataset.observations:
            page = (real_site / f"{prefix}indicators/{obs.indicator}/index.html").read_text(encoding="utf-8")
            assert f'id="{obs.id}"' in page, obs.id
            assert str(escape(obs.quote)) in page, obs.id


def test_every_number_links_to_a_quote_that_exists(real_site: Path) -> None:
    pages = _pages(real_site)
    for name, html in pages.items():
        for href, anchor in FIG.findall(html):
            target = href.lstrip("/") + "index.html"
            assert target in pages, (name, href)
            assert f'id="{anchor}"' in pages[target], (name, href, anchor)


def test_both_editions_carry_the_same_figures(real_site: Path) -> None:
    pages = _pages(real_site)
    for name, html in pages.items():
        if name.startswith("en/"):
            continue
        twin = pages.get("en/" + name)
        assert twin is not None, name
        assert {a for _, a in FIG.findall(html)} == {a for _, a in FIG.findall(twin)}, name


def test_links_on_the_sample_site_resolve_and_stay_home(real_site: Path) -> None:
    """The rule `check` runs on every page (checks/pages.py), on the sample site as built: nothing to report."""
    project = real_site.parent
    _, model, _ = pipeline.load(Config.at(project))
    files = {p.relative_to(real_site).as_posix(): p.read_bytes() for p in real_site.rglob("*") if p.is_file()}
    assert list(pages.links(model, files, Urls("/"), project)) == []


def test_an_articles_recorded_address_is_linked_and_allowed(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    sources = project / "data" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace("url: null", "url: https://baobacninh.example.vn/bai-viet", 1), encoding="utf-8")
    model, rendered, problems, _ = pipeline.check(Config.at(project))
    assert not problems
    page = rendered.files["sources/index.html"].decode()
    assert '<a href="https://baobacninh.example.vn/bai-viet"' in page


@pytest.mark.slow
def test_no_broken_links_under_a_sub_path(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    (project / "build.py").write_bytes((ROOT / "build.py").read_bytes())
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "build.py", "--base-url", "https://example.org/repo/"], cwd=project, env=env,
                   check=True, capture_output=True)
    files = {p.relative_to(project / "site").as_posix(): p.read_bytes() for p in (project / "site").rglob("*")
             if p.is_file()}
    _, model, _ = pipeline.load(Config.at(project, base_url="https://example.org/repo/"))
    assert list(pages.links(model, files, Urls("/repo/", "https://example.org/repo/"), project)) == []
    sitemap = (project / "site/sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/repo/en/</loc>" in sitemap


def test_pages_have_landmarks_language_and_switch(real_site: Path) -> None:
    for name, html in _pages(real_site).items():
        lang = "en" if name.startswith("en/") else "vi"
        if name.removeprefix("en/").startswith("embed/"):
            assert f'<html lang="{lang}"' in html and '<figure class="chart' in html, name
            continue
        assert f'<html lang="{lang}">' in html, name
        assert html.count("<h1>") + html.count("<h1 ") == 1, name
        assert '<a class="skip" href="#main">' in html and '<main id="main"' in html, name
        path = name.removeprefix("en/").removesuffix("index.html")
        if not path.startswith("stories/") and path != "404.html":
            other = f'/{"" if lang == "en" else "en/"}{path}'
            assert f'<a class="lang-switch" href="{other}"' in html, name


def test_downloads_have_one_row_per_observation(real_site: Path) -> None:
    dataset, _ = loader.load(SAMPLE)
    raw = (real_site / "data/observations.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM: Excel on Windows then reads the file as UTF-8
    with (real_site / "data/observations.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(dataset.observations)
    needed = {"province_id", "indicator_id", "indicator_label_vi", "indicator_label_en", "value", "unit",
              "qualifier", "as_of", "source_id", "source_title", "quote"}
    assert needed <= set(rows[0])
    assert {r["value"] for r in rows} >= {"127178", "56.83"}
    for name in ("indicators", "targets", "events", "sources"):
        assert (real_site / f"data/{name}.csv").is_file() and (real_site / f"data/{name}.json").is_file()
    assert "\\/" not in (real_site / "data/observations.json").read_text(encoding="utf-8")  # no escaped slashes


def test_numbers_follow_each_locale(real_site: Path) -> None:
    vi = (real_site / "indicators/dossiers-processed/index.html").read_text(encoding="utf-8")
    en = (real_site / "en/indicators/dossiers-processed/index.html").read_text(encoding="utf-8")
    assert ">127.178<" in vi and ">127,178<" in en
    vi = (real_site / "indicators/digital-economy-share/index.html").read_text(encoding="utf-8")
    en = (real_site / "en/indicators/digital-economy-share/index.html").read_text(encoding="utf-8")
    assert "56,83%" in vi and "56.83%" in en


@pytest.mark.slow
def test_builds_are_byte_identical(tmp_path: Path, real_site: Path) -> None:
    """A second build, in another folder and process with another hash seed, gives the same bytes."""
    project = copy_sample(tmp_path)
    (project / "build.py").write_bytes((ROOT / "build.py").read_bytes())
    env = {"PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "12345", "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "build.py"], cwd=project, env=env, check=True, capture_output=True)
    first = {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    again = {p.relative_to(real_site): p.read_bytes() for p in real_site.rglob("*") if p.is_file()}
    assert first == again


def test_sitemap_robots_and_feeds(real_site: Path) -> None:
    from xml.etree import ElementTree

    sitemap = ElementTree.parse(real_site / "sitemap.xml").getroot()
    locs = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "/" in locs and "/en/indicators/dti-rank/" in locs and len(locs) == len(set(locs))
    assert "Sitemap: /sitemap.xml" in (real_site / "robots.txt").read_text()
    for feed in ("feed.xml", "en/feed.xml"):
        root = ElementTree.parse(real_site / feed).getroot()
        assert root.tag == "{http://www.w3.org/2005/Atom}feed"
        assert root.find("{http://www.w3.org/2005/Atom}updated") is not None


def test_every_page_has_a_social_card(real_site: Path) -> None:
    own = 0
    for name, html in _pages(real_site).items():
        if name.removeprefix("en/").startswith("embed/"):
            continue
        card = re.search(r'<meta property="og:image" content="/([^"]+)">', html)
        assert card, name
        assert (real_site / card.group(1)).read_bytes().startswith(b"\xff\xd8\xff"), name
        assert '<meta property="og:image:type" content="image/jpeg">' in html, name
        shared = not re.search(r"(^|/)(search|glossary|data|sources|corrections)/index\.html$|404\.html$", name)
        assert card.group(1).endswith("/home.jpg") or shared, name  # tools and references show the site's card
        own += card.group(1).removeprefix("cards/").removeprefix("en/").removeprefix("vi/") != "home.jpg"
    assert own and len(list((real_site / "cards").rglob("*.jpg"))) == own + 2  # no card drawn that no page shows


def test_every_chart_has_an_embed_page_and_snippet(real_site: Path) -> None:
    page = (real_site / "en/indicators/dti-rank/index.html").read_text(encoding="utf-8")
    assert '&lt;iframe src="/en/embed/indicator-dti-rank/"' in page
    embed = (real_site / "en/embed/indicator-dti-rank/index.html").read_text(encoding="utf-8")
    assert "<svg" in embed and 'name="robots" content="noindex"' in embed and "<nav" not in embed


def test_an_embed_opens_its_links_outside_the_frame_and_reports_its_height(real_site: Path) -> None:
    embed = (real_site / "en/embed/indicator-dti-rank/index.html").read_text(encoding="utf-8")
    assert '<base target="_top">' in embed and '<script src="/assets/embed.js" defer></script>' in embed
    assert "postMessage" in (real_site / "assets/embed.js").read_text(encoding="utf-8")
    light = (real_site / "en/embed/indicator-dti-rank/light/index.html").read_text(encoding="utf-8")
    assert '<html lang="en" data-theme="light">' in light and "<svg" in light
    page = (real_site / "en/indicators/dti-rank/index.html").read_text(encoding="utf-8")
    assert "e.data.sitegenEmbedHeight" in page and "<code>/en/embed/indicator-dti-rank/light/</code>" in page
    assert "e.origin" not in page  # the site's address unknown: no origin to hold the host's script to


def test_stories_and_indicators_say_how_to_cite_them_and_every_footer_gives_the_licence(real_site: Path) -> None:
    page = (real_site / "en/indicators/dti-rank/index.html").read_text(encoding="utf-8")
    assert '<p class="cite">Cite as: ' in page and "https://zalo.me" not in page  # no address known: no share
    assert 'rel="license">Creative Commons Attribution 4.0 International</a>.' in page
