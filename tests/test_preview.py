"""The reporter's loop as a reporter lives it: `build.py serve` running, a browser open, files saved."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
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
    printed: threading.Condition = field(default_factory=threading.Condition)

    def read(self) -> None:
        """Keep every line the preview prints, waking whoever waits for one (on a thread of its own)."""
        for line in iter(self.process.stdout.readline, ""):
            with self.printed:
                self.lines.append(line)
                self.printed.notify_all()
        self.process.wait()
        with self.printed:  # the end of the output: the process has stopped
            self.printed.notify_all()

    def rebuilds(self) -> int:
        return sum(line.startswith("rebuilt in") or "was left unchanged" in line for line in self.lines)

    def wait_for(self, count: int, timeout: float = 30) -> None:
        with self.printed:
            done = self.printed.wait_for(lambda: self.rebuilds() >= count, timeout)
        assert done, f"only {self.rebuilds()} builds:\n" + "".join(self.lines)

    def settle(self, quiet: float) -> int:
        """The number of builds once none has started for `quiet` seconds (no event says "none more")."""
        with self.printed:
            seen = self.rebuilds()
            while self.printed.wait(quiet) and self.rebuilds() != seen:
                seen = self.rebuilds()
            return self.rebuilds()

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
    threading.Thread(target=run.read, daemon=True).start()
    try:
        with run.printed:  # the first build; from this line on, saves are seen
            started = run.printed.wait_for(lambda: any(line.startswith("previewing on") for line in run.lines)
                                           or process.poll() is not None, timeout=60)
        assert started and process.poll() is None, "".join(run.lines)
        yield run
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_burst_of_saves_gives_one_rebuild_and_the_output_none(served: Served) -> None:
    before = served.rebuilds()  # saves are seen from "previewing on" on
    served.save(STORY, "Alpha reached", "Province Alpha reached")
    served.save("content/stories/online.vi.md", "Tỉnh Alpha đạt", "Tỉnh Alpha đã đạt")
    served.save(DATA, "", "# Checked again.\n")
    served.save("templates/story.html", "</article>", "</article>\n")
    served.wait_for(before + 1)
    assert served.settle(quiet=1.5) == before + 1, "".join(served.lines)  # none more, not even for site/
    page = (served.project / "site" / "en" / "stories" / "online" / "index.html").read_text(encoding="utf-8")
    assert "Province Alpha reached" in page


def test_saves_reach_the_open_browser_under_the_published_policy_and_errors_show_there_until_fixed(
        served: Served) -> None:
    need_chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    built = (served.project / "site" / "en" / "stories" / "online" / "index.html").read_text(encoding="utf-8")
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', built).group(1)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        console: list[str] = []
        page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        loads: list[str] = []
        page.on("load", lambda loaded: loads.append(loaded.url))
        page.goto(served.url + "en/stories/online/")
        expect = sync_api.expect
        expect(page.locator("main")).to_contain_text("Alpha reached")
        csp = page.locator('meta[http-equiv="Content-Security-Policy"]')
        expect(csp).to_have_count(1)
        assert csp.get_attribute("content") == policy  # the published policy, in force

        with page.expect_event("load", timeout=10_000):
            served.save(STORY, "Alpha reached", "Alpha has now reached")  # a story edit
        expect(page.locator("main")).to_contain_text("Alpha has now reached")

        with page.expect_event("load", timeout=10_000):
            served.save(DATA, "  value: 72.3\n", '  value: "72,3%"\n')  # a broken data file
        expect(page.locator("main")).to_contain_text("data/observations/alpha.yaml:3:10: 'value' must be a number")

        with page.expect_event("load", timeout=10_000):
            served.save(DATA, '  value: "72,3%"\n', "  value: 72.3\n")  # fixed
        expect(page.locator("main")).to_contain_text("Alpha has now reached")
        expect(page.locator("main")).to_contain_text("72.3%")
        assert len(loads) == 4, loads  # the first load, then one reload for each save
        browser.close()
    violations = [line for line in console if "Content Security Policy" in line or "Refused to" in line]
    assert not violations, violations
    assert served.process.poll() is None  # nothing was restarted
