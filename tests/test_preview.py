"""The reporter's loop as a reporter lives it: `build.py serve` running, a browser open, files saved."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import CACHE, CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, make_project, need_chromium, with_build_script

pytestmark = pytest.mark.browser  # drives Chromium or the npm tools; `make quick` leaves it out

STORY = "content/stories/online.en.md"
DATA = "data/observations/alpha.yaml"


@dataclass
class Served:
    """A running preview: its project folder, address and everything it has printed so far."""

    project: Path
    url: str
    process: subprocess.Popen
    lines: list[str] = field(default_factory=list)

    def rebuilds(self) -> int:
        return sum(line.startswith("rebuilt in") or "was left unchanged" in line for line in self.lines)

    def wait_for(self, count: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while self.rebuilds() < count:
            assert time.monotonic() < deadline, f"only {self.rebuilds()} builds:\n" + "".join(self.lines)
            time.sleep(0.02)

    def settle(self, quiet: float = 0.3) -> int:
        """Wait until no build has started for `quiet` seconds; the number of builds so far."""
        seen, since = self.rebuilds(), time.monotonic()
        while time.monotonic() - since < quiet:
            time.sleep(0.02)
            if self.rebuilds() != seen:
                seen, since = self.rebuilds(), time.monotonic()
        return seen

    def arm(self, timeout: float = 30) -> int:
        """Save until a save is seen (the watcher starts with the server's loop); the builds so far."""
        before, deadline = self.settle(), time.monotonic() + timeout
        while self.rebuilds() == before:
            assert time.monotonic() < deadline, "the preview never saw a save:\n" + "".join(self.lines)
            self.save("content/stories/online.vi.md", "", "\n")
            step = time.monotonic() + 0.5
            while self.rebuilds() == before and time.monotonic() < step:
                time.sleep(0.02)
        return self.settle()

    def save(self, name: str, old: str, new: str) -> None:
        path = self.project / name
        text = path.read_text(encoding="utf-8")
        assert old in text or not old
        path.write_text(text.replace(old, new, 1) if old else text + new, encoding="utf-8")


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[Served]:
    project = with_build_script(make_project(tmp_path))
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-u", "build.py", "serve", "--port", str(port), "--base-url", "/repo/"], cwd=project,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "SITEGEN_CACHE": str(CACHE),
             "SITEGEN_LANG": "en"}, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    run = Served(project, f"http://127.0.0.1:{port}/repo/", process)
    threading.Thread(target=lambda: run.lines.extend(iter(process.stdout.readline, "")), daemon=True).start()
    try:
        deadline = time.monotonic() + 60
        while not any(line.startswith("previewing on") for line in run.lines):
            assert process.poll() is None and time.monotonic() < deadline, "".join(run.lines)
            time.sleep(0.05)
        yield run
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_burst_of_saves_gives_one_rebuild_and_the_output_none(served: Served) -> None:
    before = served.arm()
    served.save(STORY, "Alpha reached", "Province Alpha reached")
    served.save("content/stories/online.vi.md", "Tỉnh Alpha đạt", "Tỉnh Alpha đã đạt")
    served.save(DATA, "", "# Checked again.\n")
    served.save("templates/story.html", "</article>", "</article>\n")
    served.wait_for(before + 1)
    assert served.settle(quiet=1.5) == before + 1, "".join(served.lines)  # none more, not even for site/
    page = (served.project / "site" / "en" / "stories" / "online" / "index.html").read_text(encoding="utf-8")
    assert "Province Alpha reached" in page


def test_saves_reach_the_open_browser_and_errors_show_there_until_fixed(served: Served) -> None:
    need_chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    served.arm()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(served.url + "en/stories/online/")
        expect = sync_api.expect
        expect(page.locator("main")).to_contain_text("Alpha reached")

        served.save(STORY, "Alpha reached", "Alpha has now reached")  # a story edit
        expect(page.locator("main")).to_contain_text("Alpha has now reached", timeout=10_000)

        served.save(DATA, "  value: 72.3\n", '  value: "72,3%"\n')  # a broken data file
        expect(page.locator("main")).to_contain_text(
            "data/observations/alpha.yaml:3:10: 'value' must be a number", timeout=10_000)

        served.save(DATA, '  value: "72,3%"\n', "  value: 72.3\n")  # fixed
        expect(page.locator("main")).to_contain_text("Alpha has now reached", timeout=10_000)
        expect(page.locator("main")).to_contain_text("72.3%")
        browser.close()
    assert served.process.poll() is None  # nothing was restarted
