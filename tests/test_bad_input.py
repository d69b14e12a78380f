"""Every kind of bad input gets one clear answer: path:line:col: message, exit 1, site/ untouched;
and `check` reports exactly the problems `build` reports.

Each case is a folder under tests/fixtures/bad/ that overlays the mini project; its expected.txt
holds the exact lines the build must print to stderr. A case may hold `args.txt`, the options to
pass to both commands, and `remove.txt`, files of the mini project to delete (one per line). A
file named `<name>.prepend` is put before the start of the project's `<name>`, so a case can add
one bad line to a large file (content/site.yaml) without copying it whole.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, UPDATE, make_project, with_build_script
from sitegen import pipeline
from sitegen.config import Config

CASES = sorted(p.name for p in (FIXTURES / "bad").iterdir() if p.is_dir())
ENV = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "SITEGEN_CACHE": os.environ["SITEGEN_CACHE"],
       "SITEGEN_LANG": "en"}


@pytest.fixture(scope="module")
def good_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini project with its last good site, built once; each case works on a copy."""
    project = with_build_script(make_project(tmp_path_factory.mktemp("good")))
    pipeline.build(Config.at(project))
    return project


SETTINGS = ("expected.txt", "args.txt", "remove.txt")


def _stamp(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every file under folder by relative path, as its inode, size and last change: a file written,
    replaced or removed shows."""
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1] if path.exists() else []


def _run(project: Path, capsys: pytest.CaptureFixture, *args: str) -> subprocess.CompletedProcess:
    """The command line, run from the project folder, in this process (the imports are paid once)."""
    from sitegen import cli
    capsys.readouterr()
    here = os.getcwd()
    os.chdir(project)
    try:
        code = cli.main(list(args), project)
    finally:
        os.chdir(here)
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(["build.py", *args], code, out, err)


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_reported_and_site_kept(case: str, tmp_path: Path, good_project: Path, capsys) -> None:
    overlay = FIXTURES / "bad" / case
    project = tmp_path / "project"
    shutil.copytree(good_project, project, ignore=lambda folder, names: ["site"] if folder == str(good_project) else [])
    shutil.copytree(good_project / "site", project / "site", copy_function=os.link)  # linked: the writer never
    before = _stamp(project / "site")  # writes into a file, and a failed build must not even replace one
    for path in (p for p in overlay.rglob("*") if p.is_file() and p.name not in SETTINGS):
        target = project / path.relative_to(overlay)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.suffix == ".prepend":
            target = target.with_suffix("")
            target.write_bytes(path.read_bytes() + target.read_bytes())
        else:
            target.write_bytes(path.read_bytes())
    for name in _lines(overlay / "remove.txt"):
        (project / name).unlink()
    args = [arg for line in _lines(overlay / "args.txt") for arg in line.split()]
    built = _run(project, capsys, *args)
    expected_file = overlay / "expected.txt"
    if UPDATE:
        expected_file.write_text(built.stderr, encoding="utf-8")
    assert "Traceback" not in built.stderr, built.stderr
    assert built.returncode == 1, built.stdout + built.stderr
    assert built.stderr == expected_file.read_text(encoding="utf-8")
    assert _stamp(project / "site") == before, "a failed build changed site/"
    assert (project / "build.py").exists() and (project / "data").is_dir(), "the project was harmed"
    if case.endswith("-vi") and case.removesuffix("-vi") in CASES:
        return  # the same slip told in Vietnamese: its English twin already shows check saying what build says
    checked = _run(project, capsys, "check", *args)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr, checked.stderr
    assert checked.stderr.splitlines()[:-1] == built.stderr.splitlines()[:-1], "check and build disagree"


@pytest.mark.slow
def test_the_real_command_line_reports_without_a_traceback(tmp_path: Path, good_project: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(good_project, project)
    shutil.copytree(FIXTURES / "bad" / "several-files", project, dirs_exist_ok=True)
    for args in ([], ["check"]):
        result = subprocess.run([sys.executable, "build.py", *args], cwd=project, capture_output=True, text=True,
                                env=ENV, timeout=120)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        expected = (FIXTURES / "bad" / "several-files" / "expected.txt").read_text(encoding="utf-8")
        assert result.stderr.splitlines()[:-1] == expected.splitlines()[:-1]
