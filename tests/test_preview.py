"""The reporter's loop as a reporter lives it: `build.py serve` running, a browser open, files saved."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import ROOT, make_project

CHROMIUM = Path("/usr/bin/chromium")
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

    def save(self, name: str, old: str, new: str) -> None:
        path = self.project / name
        text = path.read_text(encoding="utf-8")
        assert old in text or not old
        path.write_text(text.replace(old, new, 1) if old else text + new, encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[Served]:
    project = make_project(tmp_path)
    (project / "build.py").write_bytes((ROOT / "build.py").read_bytes())
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-u", "build.py", "serve", "--port", str(port), "--base-url", "/repo/"], cwd=project,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    run = Served(project, f"http://127.0.0.1:{port}/repo/", process)
    threading.Thread(target=lambda: run.lines.extend(iter(process.stdout.readline, "")), daemon=True).start()
    try:
        deadline = time.monotonic() + 60
        while not any(line.startswith("previewing on") for line in run.lines):
            assert process.poll() is None and time.monotonic() < deadline, "".join(run.lines)
            time.sleep(0.05)
        time.sleep(0.3)  # the watcher starts with the server's loop
        yield run
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_burst_of_saves_gives_one_rebuild_and_the_output_none(served: Served) -> None:
    served.wait_for(1)  # the first build
    served.save(STORY, "Alpha reached", "Province Alpha reached")
    served.save("content/stories/online.vi.md", "Tỉnh Alpha đạt", "Tỉnh Alpha đã đạt")
    served.save(DATA, "", "# Checked again.\n")
    served.save("templates/story.html", "</article>", "</article>\n")
    served.wait_for(2)
    time.sleep(1.5)  # long enough for a second rebuild, or one set off by writing site/, to show
    assert served.rebuilds() == 2, "".join(served.lines)
    page = (served.project / "site" / "en" / "stories" / "online" / "index.html").read_text(encoding="utf-8")
    assert "Province Alpha reached" in page


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make test installs it)")
def test_saves_reach_the_open_browser_and_errors_show_there_until_fixed(served: Served) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
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
