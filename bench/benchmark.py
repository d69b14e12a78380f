"""Time the builds a reporter waits for, and write the table to BENCHMARKS.md.

    .venv/bin/python bench/benchmark.py [--runs N] [--no-write]

Works on a copy of the project in a temporary folder; never touches site/ or .cache/.
Speed targets live here and in BENCHMARKS.md, never in timed tests.
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
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sitegen.config import Config  # noqa: E402
from sitegen.serve import Preview  # noqa: E402

TARGETS = {"cold build, empty caches (new process)": 1.5, "no-change rebuild (new process)": 0.3,
           "no-change rebuild (preview)": 0.3, "story edit → page rebuilt (preview)": 0.5,
           "YAML edit → pages rebuilt (preview)": 1.0}


def _copy(into: Path) -> Path:
    project = into / "project"
    project.mkdir()
    for name in ("data", "content", "templates"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "build.py", project / "build.py")
    return project


def _process(project: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "build.py"], cwd=project, check=True, capture_output=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    return time.perf_counter() - started


def _in_preview(preview: Preview, path: Path | None, addition: str = "") -> float:
    """One rebuild of the running preview (the same call `serve` makes on a save)."""
    if path is not None:
        path.write_text(path.read_text(encoding="utf-8") + addition, encoding="utf-8")
    started = time.perf_counter()
    assert preview.rebuild()
    return time.perf_counter() - started


def measure(runs: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {name: [] for name in TARGETS}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            project = _copy(Path(tmp))
            results["cold build, empty caches (new process)"].append(_process(project))
            results["no-change rebuild (new process)"].append(_process(project))
            preview = Preview(Config.at(project))
            with contextlib.redirect_stdout(io.StringIO()):
                _in_preview(preview, None)  # the preview's first build
                results["no-change rebuild (preview)"].append(_in_preview(preview, None))
                results["story edit → page rebuilt (preview)"].append(_in_preview(
                    preview, project / "content" / "stories" / "e-id.en.md", "\nOne more line.\n"))
                results["YAML edit → pages rebuilt (preview)"].append(_in_preview(
                    preview, project / "data" / "observations" / "bk-2025-push.yaml", "# checked again\n"))
    return results


def lighthouse() -> list[str]:
    rows = []
    for report in sorted((ROOT / "tests" / "screenshots").glob("lighthouse-*.json")):
        data = json.loads(report.read_text())
        scores = {k: round(v["score"] * 100) for k, v in data["categories"].items()}
        page = report.stem.removeprefix("lighthouse-").replace("_", "/")
        rows.append(f"| {page} | {scores['performance']} | {scores['accessibility']} | "
                    f"{scores['best-practices']} | {scores['seo']} |")
    return rows


def table(results: dict[str, list[float]]) -> list[str]:
    lines = ["| scenario | median (s) | runs | target (s) | verdict |", "| --- | --- | --- | --- | --- |"]
    for name, times in results.items():
        median, target = statistics.median(times), TARGETS[name]
        verdict = "met" if median <= target else f"missed by {median - target:.2f} s ({median / target:.1f}×)"
        lines.append(f"| {name} | {median:.2f} | {len(times)} | {target} | {verdict} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per scenario (the median is reported)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    args = parser.parse_args()
    results = measure(args.runs)
    machine = f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    out = ["# Benchmarks", "", f"Measured by `bench/benchmark.py` on {machine}.", "",
           "## Builds of the real site", "", *table(results), ""]
    rows = lighthouse()
    if rows:
        out += ["## Lighthouse (mobile profile), from the last `make test`", "",
                "| page | performance | accessibility | best practices | SEO |", "| --- | --- | --- | --- | --- |",
                *rows, ""]
    text = "\n".join(out)
    print(text)
    if not args.no_write:
        target = ROOT / "BENCHMARKS.md"
        kept = target.read_text(encoding="utf-8").partition("\n## Why the misses")[1:] if target.exists() else ()
        target.write_text(text + "".join(kept), encoding="utf-8")


if __name__ == "__main__":
    main()
