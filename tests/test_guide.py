"""The reporters' guide (docs/huong-dan.md) shows what its commands really print.

Each ```console block of the guide is run on a copy of the sample project, committed once and
published as origin/main (as a reporter's clone is): every `$ ` line is a command, the lines under it
what it prints. A shown line "…" stands for lines left out. Before a block, comments set the scene:
`<!-- thử: sửa FILE | CŨ | MỚI -->` replaces text in a file, `<!-- thử: tạo FILE | NỘI DUNG -->`
creates one and `<!-- thử: thêm FILE | NỘI DUNG -->` adds to its end (\\n is a new line), `<!-- thử: đăng -->`
publishes the edits so far (a wrong figure readers saw), `<!-- thử: commit -->` commits the edits on a
branch; each block starts from the published state. Seconds, ports and commit hashes vary and are compared as such.
Every block runs with the slow tests (`make test`): each checks or builds a whole project.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import ROOT, copy_sample, free_port, with_build_script

GUIDE = ROOT / "docs" / "huong-dan.md"
_BLOCK = re.compile(r"((?:<!-- thử: .*? -->\n)*)```console\n(.*?)```", re.S)
_SCENE = re.compile(r"<!-- thử: (.*?) -->")
GIT = {"GIT_AUTHOR_NAME": "Phóng viên", "GIT_AUTHOR_EMAIL": "pv@example.org", "GIT_COMMITTER_NAME": "Phóng viên",
       "GIT_COMMITTER_EMAIL": "pv@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
       "GIT_AUTHOR_DATE": "2026-11-30T09:00:00+07:00", "GIT_COMMITTER_DATE": "2026-11-30T09:00:00+07:00"}


@dataclass
class Block:
    """One console block: the scene it needs, and each command with the lines it shows."""

    number: int
    scene: list[str]
    commands: list[tuple[str, list[str]]] = field(default_factory=list)


def blocks() -> list[Block]:
    """Every console block of the guide, in order."""
    found = []
    for number, match in enumerate(_BLOCK.finditer(GUIDE.read_text(encoding="utf-8")), 1):
        block = Block(number, _SCENE.findall(match.group(1)))
        for line in match.group(2).splitlines():
            if line.startswith("$ "):
                block.commands.append((line[2:].strip(), []))
            elif block.commands:
                block.commands[-1][1].append(line)
        found.append(block)
    return found


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=project, env={**os.environ, **GIT}, capture_output=True, check=True)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project as a reporter's clone: committed, and that commit published as origin/main."""
    project = with_build_script(copy_sample(tmp_path_factory.mktemp("guide")))
    (project / ".gitignore").write_text("site/\n.cache/\n", encoding="utf-8")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Bản đã đăng")
    git(project, "tag", "published")
    return project


def _scene(project: Path, steps: list[str]) -> None:
    """Start from the published state, then set the block's scene."""
    git(project, "checkout", "-q", "-f", "main")
    git(project, "reset", "-q", "--hard", "published")
    git(project, "update-ref", "refs/remotes/origin/main", "published")
    git(project, "clean", "-q", "-f", "-d")
    for step in steps:
        verb, _, rest = step.partition(" ")
        parts = [part.replace("\\n", "\n") for part in rest.split(" | ")]
        parts[0] = parts[0].strip()
        if verb == "sửa":
            path = project / parts[0]
            text = path.read_text(encoding="utf-8")
            assert parts[1] in text, f"{parts[0]} has no {parts[1]!r}"
            path.write_text(text.replace(parts[1], parts[2], 1), encoding="utf-8")
        elif verb == "tạo":
            (project / parts[0]).write_text(parts[1] + "\n", encoding="utf-8")
        elif verb == "thêm":
            with (project / parts[0]).open("a", encoding="utf-8") as file:
                file.write(parts[1] + "\n")
        elif verb == "đăng":  # what the scene changed so far was published: readers saw it
            git(project, "commit", "-q", "-a", "-m", "Bản đăng có lỗi")
            git(project, "update-ref", "refs/remotes/origin/main", "HEAD")
        elif verb == "commit":
            git(project, "checkout", "-q", "-B", "pv-dinh-chinh")
            git(project, "add", "-A")
            git(project, "commit", "-q", "-m", "Đính chính")
        else:
            raise AssertionError(f"unknown scene step: {step}")


def _args(command: str) -> list[str] | None:
    """The build.py arguments a command of the guide runs (make check is build.py check); None if not ours."""
    if command.startswith("make "):
        return {"check": ["check"], "site": [], "serve": ["serve"]}.get(command.split()[1])
    found = re.match(r"^(?:\.venv[/\\](?:bin|Scripts)[/\\])?python3? build\.py ?(.*)$", command)
    return found.group(1).replace("\\", "/").split() if found else None


def _run(project: Path, command: str, capsys: pytest.CaptureFixture) -> list[str]:
    """What a command prints, as the reporter's terminal shows it (make echoes its command first)."""
    args = _args(command)
    assert args is not None, f"the guide shows a command the test cannot run: {command}"
    echo = [f".venv/bin/python build.py{' ' + ' '.join(args) if args else ''}"] if command.startswith("make") else []
    if "serve" in args:
        return echo + _serve(project, args)
    from sitegen import cli

    capsys.readouterr()
    here = os.getcwd()
    os.chdir(project)
    try:
        cli.main(list(args), project)
    finally:
        os.chdir(here)
    out, err = capsys.readouterr()
    return echo + out.splitlines() + err.splitlines()


def _serve(project: Path, args: list[str]) -> list[str]:
    """The lines `serve` prints until it says where the preview is; then it is stopped."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT)}
    env.pop("SITEGEN_LANG", None)
    process = subprocess.Popen([sys.executable, "build.py", *args, "--port", str(port)], cwd=project, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            line = process.stdout.readline()  # type: ignore[union-attr]
            if not line:
                break
            lines.append(line.rstrip("\n"))
            if "http://" in line:
                _listening(port)
                break
    finally:
        process.terminate()
        process.wait(timeout=30)
    return lines


def _listening(port: int, seconds: float = 30) -> None:
    """Wait until the preview answers on port (it says where before it listens)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _same(line: str) -> str:
    """A line as compared: seconds, ports and commit hashes vary from run to run."""
    line = re.sub(r"\d+[.,]\d+ (giây|s)\b", r"N \1", line)
    line = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", line)
    return re.sub(r"\b[0-9a-f]{12}\b", "COMMIT", line)


def _matches(shown: list[str], actual: list[str]) -> bool:
    """The shown lines are the printed ones, in order: a shown line "…" stands for any lines left out,
    and a line ending in " …" for one that starts as shown."""
    want, got = [_same(line) for line in shown], [_same(line) for line in actual]

    @functools.cache
    def fits(i: int, j: int) -> bool:
        if i == len(want):
            return j == len(got)
        if want[i].strip() == "…":
            return any(fits(i + 1, k) for k in range(j, len(got) + 1))
        same = j < len(got) and (got[j] == want[i] or want[i].endswith(" …") and got[j].startswith(want[i][:-2]))
        return same and fits(i + 1, j + 1)

    return fits(0, 0)


BLOCKS = blocks()


@pytest.mark.slow  # each block checks or builds a whole project: seconds apiece, run by `make test`
@pytest.mark.parametrize("block", [pytest.param(b, id=f"block-{b.number}") for b in BLOCKS])
def test_every_command_of_the_guide_prints_what_the_guide_shows(block: Block, published: Path, capsys,
                                                                 monkeypatch) -> None:
    monkeypatch.delenv("SITEGEN_LANG", raising=False)  # the newsroom's language, as its site.yaml sets it
    _scene(published, block.scene)
    for command, shown in block.commands:
        actual = _run(published, command, capsys)
        assert _matches(shown, actual), "\n".join([f"$ {command}", "shown:", *shown, "printed:", *actual])


def test_the_guide_is_linked_from_the_top_of_the_readme() -> None:
    top = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## ")[0]
    assert "docs/huong-dan.md" in top
    assert len(BLOCKS) >= 10 and shutil.which("git")
