"""When the generator itself fails: a bug is one line saying where to report it (--debug: the whole
traceback), and a command run outside the project's environment says how to set it up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, make_project, with_build_script
from sitegen import cli, pipeline

BUG = ("unexpected error, which is a bug in the generator, not in your edit: RuntimeError: the rule broke here. "
       "Please run the same command again with --debug and send its whole output to the developers at {where}")
BUG_VI = ("lỗi bất ngờ, đây là lỗi của chương trình chứ không phải do bạn sửa: RuntimeError: the rule broke here. "
          "Hãy chạy lại đúng lệnh đó, thêm --debug, rồi gửi toàn bộ kết quả cho nhóm phát triển qua {where}")


def _broken(*args: object, **kwargs: object) -> None:
    raise RuntimeError("the rule broke\nhere")  # two lines: the report stays one


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The mini project, outside any git checkout (the temporary folder is none)."""
    return make_project(tmp_path)


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_bug_is_one_line_with_where_to_report_it(project: Path, monkeypatch, capsys, command: str) -> None:
    monkeypatch.setattr(pipeline, "check", _broken)
    monkeypatch.setattr(pipeline, "build", _broken)
    assert cli.main([command], project) == 2
    out, err = capsys.readouterr()
    assert err == BUG.format(where="the Issues page of the code's repository on GitHub") + "\n"
    assert "Traceback" not in out + err and not (project / "site").exists()


def test_a_bug_is_reported_in_vietnamese_too(project: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(pipeline, "check", _broken)
    assert cli.main(["check", "--lang", "vi"], project) == 2
    assert capsys.readouterr().err == BUG_VI.format(where="mục Issues của kho mã trên GitHub") + "\n"


def test_the_issues_address_comes_from_the_github_remote_without_its_token(project: Path, monkeypatch,
                                                                           capsys) -> None:
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    subprocess.run(["git", "-C", str(project), "remote", "add", "origin",
                    "https://reporter:ghp_secret@github.com/newsroom/so-sanh-tinh.git"], check=True)
    monkeypatch.setattr(pipeline, "check", _broken)
    assert cli.main(["check"], project) == 2
    err = capsys.readouterr().err
    assert err == BUG.format(where="https://github.com/newsroom/so-sanh-tinh/issues") + "\n"
    assert "ghp_secret" not in err


def test_with_debug_a_bug_shows_its_whole_traceback(project: Path) -> None:
    script = ("import sys\nfrom pathlib import Path\nfrom sitegen import cli, pipeline\n"
              "def broken(*a, **k):\n    raise RuntimeError('the rule broke here')\n"
              "pipeline.check = broken\nsys.exit(cli.main(['check', '--debug'], Path.cwd()))\n")
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "SITEGEN_LANG": "en",
           "SITEGEN_CACHE": os.environ["SITEGEN_CACHE"]}
    ran = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, text=True, env=env,
                         timeout=120)
    assert ran.returncode == 1
    assert ran.stderr.startswith("Traceback (most recent call last):")
    assert ran.stderr.rstrip().endswith("RuntimeError: the rule broke here") and "unexpected error" not in ran.stderr


def test_a_library_missing_at_work_says_make_site(project: Path, monkeypatch, capsys) -> None:
    def missing(*args: object, **kwargs: object) -> None:
        raise ModuleNotFoundError("No module named 'altair'", name="altair")

    monkeypatch.setattr(pipeline, "check", missing)
    assert cli.main(["check"], project) == 1
    assert capsys.readouterr().err == (
        "the library altair is missing: this command ran outside the project's environment; run `make site` "
        "(it sets up .venv), then use `.venv/bin/python build.py`\n")
    assert cli.main(["check", "--lang", "vi"], project) == 1
    assert capsys.readouterr().err == (
        "thiếu thư viện altair: lệnh đã chạy ngoài môi trường của dự án; hãy chạy `make site` "
        "(cài môi trường .venv) rồi dùng `.venv/bin/python build.py`\n")


def test_build_py_run_without_the_libraries_says_make_site(project: Path) -> None:
    """A bare Python (-S: no site-packages, so no PyYAML) that finds the generator but not its libraries."""
    with_build_script(project)
    ran = subprocess.run([sys.executable, "-S", "build.py", "check"], cwd=project, capture_output=True, text=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=60)
    assert ran.returncode == 1 and "Traceback" not in ran.stderr
    lines = ran.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith("Thiếu thư viện ") and lines[1].startswith("Missing library ")
    assert all("`make site`" in line and "`.venv/bin/python build.py`" in line for line in lines)
