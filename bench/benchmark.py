"""Time the builds a reporter waits for, and write the tables to BENCHMARKS.md.

    .venv/bin/python bench/benchmark.py [--runs N] [--no-scale] [--no-write]

Works on copies of the project in a temporary folder; never touches site/ or .cache/ of the
project. The scale runs build 2,000 generated stories (and the same stories with Pelican, installed
from PyPI into the benchmark's own virtualenv under .cache/bench-venv) and a generated dataset of
63 provinces × 50 indicators × 5 years. Speed targets live here and in BENCHMARKS.md, never in
timed tests.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import venv
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import synthetic  # noqa: E402

from sitegen.config import Config  # noqa: E402
from sitegen.preview.server import Preview  # noqa: E402

PELICAN = "pelican==4.12.0"
BENCH_VENV = ROOT / ".cache" / "bench-venv"
STORIES = 2000
WRITTEN_BY_HAND = ("Publishing a correction", "Why the misses")  # sections of BENCHMARKS.md kept as they are
Row = tuple[str, list[float], float | None, str]  # scenario, samples, target, unit ("s", "MB" or "files")


def _copy(into: Path) -> Path:
    project = into / "project"
    project.mkdir()
    for name in ("data", "content", "templates"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "build.py", project / "build.py")
    return project


class Peak:
    """The largest resident memory of a process and its children together, sampled every 20 ms."""

    def __init__(self, pid: int) -> None:
        self.pid, self.mb, self.done = pid, 0.0, threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, ValueError, IndexError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        tree, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo += children.get(pid, [])
        return tree

    def _sample(self) -> None:
        while not self.done.wait(0.02):
            total = 0
            for pid in self._tree():
                with contextlib.suppress(OSError):
                    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                        if line.startswith("VmRSS:"):
                            total += int(line.split()[1])
            self.mb = max(self.mb, total / 1024)

    def stop(self) -> float:
        self.done.set()
        self.thread.join()
        return self.mb


def _process(project: Path, *command: str, python: str = sys.executable) -> tuple[float, float]:
    """Run a command in project; return (seconds, peak MB of it and its children)."""
    started = time.perf_counter()
    child = subprocess.Popen([python, *command], cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             env={**os.environ, "PYTHONPATH": str(ROOT), "SITEGEN_LANG": "en"})
    peak = Peak(child.pid)
    _, err = child.communicate()
    seconds, mb = time.perf_counter() - started, peak.stop()
    if child.returncode:
        raise SystemExit(f"{' '.join(command)} failed in {project}:\n{err.decode()}")
    return seconds, mb


def _in_preview(preview: Preview, path: Path | None, addition: str = "") -> float:
    """One rebuild of the running preview (the same call `serve` makes on a save)."""
    if path is not None:
        path.write_text(path.read_text(encoding="utf-8") + addition, encoding="utf-8")
    started = time.perf_counter()
    assert preview.rebuild()
    return time.perf_counter() - started


def real_site(runs: int) -> list[Row]:
    names = ["cold build, empty caches (new process)", "no-change rebuild (new process)",
             "forced rebuild, caches filled (new process, `--force`)", "no-change rebuild (preview)",
             "story edit → page rebuilt (preview)", "YAML edit → pages rebuilt (preview)"]
    times: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            project = _copy(Path(tmp))
            times[names[0]].append(_process(project, "build.py")[0])
            times[names[1]].append(_process(project, "build.py")[0])
            times[names[2]].append(_process(project, "build.py", "--force")[0])
            preview = Preview(Config.at(project))
            with contextlib.redirect_stdout(io.StringIO()):
                _in_preview(preview, None)  # the preview's first build
                times[names[3]].append(_in_preview(preview, None))
                times[names[4]].append(_in_preview(
                    preview, project / "content" / "stories" / "e-id.en.md", "\nOne more line.\n"))
                times[names[5]].append(_in_preview(
                    preview, project / "data" / "observations" / "bk-2025-push.yaml", "# checked again\n"))
    targets = (3.0, 0.15, 0.8, 0.3, 0.5, 1.0)  # the goals of the speed issue and the preview's
    return [(name, times[name], target, "s") for name, target in zip(names, targets, strict=True)]


def save_to_browser(runs: int) -> list[Row]:
    """`build.py serve` with Chromium open on the page: from the save to the change on screen."""
    from playwright.sync_api import sync_playwright

    story_times, data_times = [], []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        project = _copy(Path(tmp))
        _process(project, "build.py")  # fill the disk caches, as a reporter's earlier builds have
        port = 8765
        server = subprocess.Popen([sys.executable, "-u", "build.py", "serve", "--port", str(port)], cwd=project,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                  env={**os.environ, "PYTHONPATH": str(ROOT), "SITEGEN_LANG": "en"})
        try:
            for line in server.stdout:
                if line.startswith("previewing on"):
                    break
            threading.Thread(target=lambda: server.stdout.read(), daemon=True).start()  # saves are seen from now
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
            page = browser.new_page(bypass_csp=True)  # the page forbids eval; the probe below is ours
            url = f"http://127.0.0.1:{port}/"
            story = project / "content" / "stories" / "e-id.en.md"
            data = project / "data" / "observations" / "bk-2025-push.yaml"
            story_text, data_text = story.read_text(encoding="utf-8"), data.read_text(encoding="utf-8")
            anchor = 'quote: "Tính đến cuối năm 2024, toàn tỉnh Bắc Kạn đã phủ sóng di động tới 97% thôn bản"\n'
            for n in range(runs):
                marker = f"Checked again, time {n}."
                note = f'  note: {{vi: "Kiểm tra lần {n}.", en: "{marker}"}}\n'
                story_times.append(_until_shown(page, f"{url}en/stories/e-id/", marker, story,
                                                story_text + f"\n{marker}\n"))
                data_times.append(_until_shown(page, f"{url}en/indicators/mobile-coverage-villages/", marker, data,
                                               data_text.replace(anchor, anchor + note, 1)))
            browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    return [("story saved → browser shows it (serve)", story_times, 0.5, "s"),
            ("YAML saved → browser shows it (serve)", data_times, 1.0, "s")]


def _until_shown(page, url: str, marker: str, path: Path, text: str) -> float:
    """Open url, save text to path, and time until the page on screen shows marker."""
    with page.expect_request(lambda request: "/__preview/epoch" in request.url):  # the page waits for a build
        page.goto(url)
    started = time.perf_counter()
    path.write_text(text, encoding="utf-8")
    page.wait_for_function(f"document.body && document.body.innerText.includes({json.dumps(marker)})",
                           polling=10, timeout=30_000)
    return time.perf_counter() - started


def _pelican() -> Path:
    python = BENCH_VENV / "bin" / "python"
    if not python.exists():
        venv.create(BENCH_VENV, with_pip=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", PELICAN, "markdown"], check=True)
    return python


def scale(runs: int) -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        ours = synthetic.with_stories(Path(tmp), STORIES)
        cold, warm, pelican = [], [], []
        for _ in range(runs):
            shutil.rmtree(ours / ".cache", ignore_errors=True)
            cold.append(_process(ours, "build.py")[0])
            warm.append(_process(ours, "build.py", "--force")[0])
        theirs = synthetic.pelican_project(Path(tmp), STORIES)
        python = _pelican()
        for _ in range(runs):
            shutil.rmtree(theirs / "output", ignore_errors=True)
            pelican.append(_process(theirs, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", "output", "-q",
                                    python=str(python))[0])
        theirs_median = statistics.median(pelican)  # cold: within twice Pelican; with caches: twice as fast
        rows += [(f"{STORIES:,} stories, Pelican 4.12 (default theme)", pelican, None, "s"),
                 (f"{STORIES:,} stories and the real site, ours, empty caches", cold, 2 * theirs_median, "s"),
                 (f"{STORIES:,} stories and the real site, ours, caches filled (`--force`)", warm,
                  0.5 * theirs_median, "s")]
        # The national site of the speed issue: 34 provinces × 30 indicators × 5 years, 5,100 figures.
        provinces = synthetic.provinces_project(Path(tmp), provinces=34, indicators=30)
        charts = 2 * (len(yaml.safe_load((provinces / "content" / "charts.yaml").read_text())) + 30)
        cold, warm, memory = [], [], []
        for _ in range(runs):
            shutil.rmtree(provinces / ".cache", ignore_errors=True)
            seconds, mb = _process(provinces, "build.py")
            cold.append(seconds)
            memory.append(mb)
            seconds, mb = _process(provinces, "build.py", "--force")
            warm.append(seconds)
            memory.append(mb)
        files = sum(1 for f in (provinces / "site").rglob("*") if f.is_file())
        name = f"34 provinces × 30 indicators × 5 years ({charts:,} charts)"
        rows += [(f"{name}, empty caches", cold, 30.0, "s"),
                 (f"{name}, caches filled (`--force`)", warm, 2.0, "s"),
                 (f"{name}, files in `site/`", [files], 6000, "files"),
                 (f"peak memory, the largest of those {len(memory)} builds (build and its workers)", [max(memory)],
                  400.0, "MB")]
    return rows


def lighthouse() -> list[str]:
    rows = []
    for report in sorted((ROOT / "tests" / "screenshots").glob("lighthouse-*.json")):
        data = json.loads(report.read_text())
        scores = {k: round(v["score"] * 100) for k, v in data["categories"].items()}
        page = report.stem.removeprefix("lighthouse-").replace("_", "/")
        rows.append(f"| {page} | {scores['performance']} | {scores['accessibility']} | "
                    f"{scores['best-practices']} | {scores['seo']} |")
    return rows


def table(rows: list[Row]) -> list[str]:
    lines = ["| scenario | median | runs | target | verdict |", "| --- | --- | --- | --- | --- |"]
    for name, samples, target, unit in rows:
        median = statistics.median(samples)
        shown = f"{median:.0f} MB" if unit == "MB" else f"{median:,.0f}" if unit == "files" else f"{median:.2f} s"
        if target is None:
            verdict, goal = "(reference)", "–"
        else:
            goal = f"{target:.0f} MB" if unit == "MB" else f"{target:,.0f}" if unit == "files" else f"{target:.2f} s"
            verdict = "met" if median <= target else (
                f"missed by {median - target:.0f} MB" if unit == "MB"
                else f"missed by {median - target:,.0f}" if unit == "files"
                else f"missed by {median - target:.2f} s ({median / target:.1f}×)")
        lines.append(f"| {name} | {shown} | {len(samples)} | {goal} | {verdict} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per scenario (the median is reported)")
    parser.add_argument("--no-scale", action="store_true", help="skip the 2,000-story and 63-province runs")
    parser.add_argument("--no-browser", action="store_true", help="skip the save-to-browser runs (needs Chromium)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    args = parser.parse_args()
    machine = f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    out = ["# Benchmarks", "", f"Measured by `bench/benchmark.py` on {machine}.", "",
           "## The real site", "", *table(real_site(args.runs)), ""]
    if not args.no_browser:
        out += ["## Save → browser, with `python build.py serve` and Chromium open on the page", "",
                *table(save_to_browser(max(args.runs, 5))), ""]
    if not args.no_scale:
        out += ["## Scale", "", *table(scale(args.runs)), ""]
    rows = lighthouse()
    if rows:
        out += ["## Lighthouse (mobile profile), from the last `make test`", "",
                "| page | performance | accessibility | best practices | SEO |", "| --- | --- | --- | --- | --- |",
                *rows, ""]
    text = "\n".join(out)
    print(text)
    if not args.no_write:
        target = ROOT / "BENCHMARKS.md"
        sections = target.read_text(encoding="utf-8").split("\n## ") if target.exists() else []
        kept = [f"\n## {section}" for section in sections if section.startswith(WRITTEN_BY_HAND)]
        target.write_text(text + "".join(kept), encoding="utf-8")


if __name__ == "__main__":
    main()
