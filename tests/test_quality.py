"""Every page through axe-core (both colour schemes), the W3C Nu HTML checker, and Lighthouse.

The tools come from package.json (npm ci, run by `make test`); Chromium is Debian's.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, need_chromium

pytestmark = pytest.mark.browser  # drives Chromium or the npm tools; `make quick` leaves it out

NODE = ROOT / "node_modules"
AXE = NODE / "axe-core" / "axe.min.js"
VNU = NODE / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = NODE / ".bin" / "lighthouse"
REPORTS = Path(__file__).parent / "screenshots"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _need(path: Path) -> None:
    if not path.exists():
        message = f"{path.relative_to(ROOT)} is missing: run `make test` (npm ci) first"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_violation_on_any_page(served_site: tuple[str, Path], scheme: str) -> None:
    _need(AXE)
    need_chromium()
    from playwright.sync_api import sync_playwright

    base, site = served_site
    axe = AXE.read_text(encoding="utf-8")
    found: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        # axe is injected by the test, so the test's context lets it past the pages' own policy.
        page = browser.new_context(bypass_csp=True, color_scheme=scheme).new_page()
        for path in _pages(site):
            page.goto(base + path)
            page.add_script_tag(content=axe)
            result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
            for violation in result["violations"]:
                target = violation["nodes"][0]["target"]
                found.append(f"{path or '/'}: {violation['id']} ({violation['help']}) at {target}")
        browser.close()
    assert found == [], "\n".join(found[:40])


def test_nu_html_checker_finds_no_error(served_site: tuple[str, Path]) -> None:
    _need(VNU)
    _, site = served_site
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "gnu",
                             str(site)], capture_output=True, text=True, timeout=600)
    errors = [line.replace(str(site), "site") for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 0 and errors == [], "\n".join(errors[:40])


@pytest.mark.parametrize("path", ["", "indicators/online-dossier-rate/", "en/stories/digital-economy/"])
def test_lighthouse_scores(served_site: tuple[str, Path], path: str) -> None:
    _need(LIGHTHOUSE)
    need_chromium()
    base, _ = served_site
    REPORTS.mkdir(exist_ok=True)
    report = REPORTS / f"lighthouse-{path.strip('/').replace('/', '_') or 'home'}.json"
    flags = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
             "--disable-component-update --disable-sync --no-first-run")
    subprocess.run([str(LIGHTHOUSE), base + path, "--quiet", "--output=json", f"--output-path={report}",
                    "--only-categories=performance,accessibility,best-practices,seo", f"--chrome-flags={flags}"],
                   env={**os.environ, "CHROME_PATH": str(CHROMIUM)}, check=True, timeout=300, capture_output=True)
    scores = {k: v["score"] for k, v in json.loads(report.read_text())["categories"].items()}
    print(f"lighthouse {path or '/'}: {scores}")
    assert scores["accessibility"] == 1, scores
    assert scores["best-practices"] >= 0.95, scores
    assert scores["seo"] >= 0.95, scores
