"""Every kind of bad input gets one clear answer: path:line:col: message, exit 1, site/ untouched.

Each case is a folder under tests/fixtures/bad/ that overlays the mini project; its expected.txt
holds the exact lines the build must print to stderr.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, UPDATE, make_project
from sitegen import pipeline
from sitegen.config import Config

CASES = sorted(p.name for p in (FIXTURES / "bad").iterdir() if p.is_dir())


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    project = make_project(tmp_path_factory.mktemp("good"))
    pipeline.build(Config.at(project))
    return _tree(project / "site")


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_reported_and_site_kept(case: str, tmp_path: Path, good_site: dict) -> None:
    overlay = FIXTURES / "bad" / case
    project = make_project(tmp_path)
    pipeline.build(Config.at(project))  # the last good site
    before = _tree(project / "site")
    assert before == good_site
    for path in (p for p in overlay.rglob("*") if p.is_file() and p.name != "expected.txt"):
        target = project / path.relative_to(overlay)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    shutil_copy_build(project)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "build.py"], cwd=project, capture_output=True, text=True,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120)
    elapsed = time.perf_counter() - started
    expected_file = overlay / "expected.txt"
    if UPDATE:
        expected_file.write_text(result.stderr, encoding="utf-8")
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr == expected_file.read_text(encoding="utf-8")
    assert _tree(project / "site") == before, "a failed build changed site/"
    assert elapsed < 60


def shutil_copy_build(project: Path) -> None:
    (project / "build.py").write_bytes((ROOT / "build.py").read_bytes())
