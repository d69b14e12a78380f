"""The archive is sealed by SHA-256 in data/sources.yaml; `build.py add-source` scaffolds a new article's entry."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import make_project
from sitegen import cli, messages

ARTICLE = "Tỉnh Gamma: chuyển đổi số năm 2024\nTỷ lệ hồ sơ trực tuyến đạt 81,5% trong năm 2024.\n"


@pytest.fixture(autouse=True)
def english():
    messages.use("en")
    yield
    messages.use("en")


def run(project: Path, capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main(list(args), project)
    out, err = capsys.readouterr()
    return code, out, err


def fill(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def test_add_source_then_fill_it_in_as_the_readme_says(tmp_path: Path, capsys) -> None:
    project = make_project(tmp_path)
    article = project / "data" / "sources" / "gamma-2024.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    before = (project / "data" / "sources.yaml").read_text(encoding="utf-8")
    code, out, _ = run(project, capsys, "add-source", "data/sources/gamma-2024.txt")
    assert code == 0 and "added gamma-2024 to data/sources.yaml" in out
    after = (project / "data" / "sources.yaml").read_text(encoding="utf-8")
    assert after.startswith(before), "add-source changes no line that was there"
    assert f"  sha256: {hashlib.sha256(article.read_bytes()).hexdigest()}" in after
    observations = project / "data" / "observations" / "gamma-2024.yaml"
    assert observations.read_text(encoding="utf-8").endswith("[]\n")

    code, _, err = run(project, capsys, "check")  # the TODOs stop the check, each at its line
    assert code == 1 and "'published'" in err and "'provinces'" in err
    fill(project / "data" / "sources.yaml", ('published: "TODO"', 'published: "2024-12"'),
         ("provinces: [TODO]", "provinces: [alpha]"))
    code, _, err = run(project, capsys, "check")
    assert code == 1
    assert err.count("still says TODO") == 3, err  # title, title_en, published_note
    fill(project / "data" / "sources.yaml", ('title: "TODO"', 'title: "Tỉnh Gamma: chuyển đổi số năm 2024"'),
         ('title_en: "TODO"', 'title_en: "Gamma province: digital transformation in 2024"'),
         ('vi: "TODO"', 'vi: "Bài nêu số liệu cả năm 2024."'), ('en: "TODO"', 'en: "It gives figures for 2024."'))
    fill(observations, ("[]\n", '- province: alpha\n  indicator: online-dossier-rate\n  value: 81.5\n'
                                '  qualifier: exact\n  as_of: "2024"\n  source: gamma-2024\n'
                                '  quote: "Tỷ lệ hồ sơ trực tuyến đạt 81,5% trong năm 2024"\n'
                                '  quote_en: "The share of applications filed online reached 81.5% in 2024"\n'))
    code, _, err = run(project, capsys, "check")  # set beside Beta's: the article's own words are asked for
    assert code == 1 and "from gamma-2024 have no entry" in err
    fill(project / "data" / "indicators.yaml", ("        words: null\n", "        words: null\n"
                                                "      - province: alpha\n        source: gamma-2024\n"
                                                '        words: "Tỷ lệ hồ sơ trực tuyến"\n'
                                                '        words_en: "The online dossier rate"\n'))
    code, out, err = run(project, capsys, "check")
    assert code == 0, err
    assert "from 2 sources" in out


def test_add_source_refuses_what_it_cannot_scaffold(tmp_path: Path, capsys) -> None:
    project = make_project(tmp_path)
    (project / "elsewhere.txt").write_text(ARTICLE, encoding="utf-8")
    (project / "data" / "sources" / "Bad_Name.txt").write_text(ARTICLE, encoding="utf-8")
    cases = {("add-source",): "add-source needs the archived article",
             ("add-source", "elsewhere.txt"): "directly under data/sources/",
             ("add-source", "data/sources/none.txt"): "no such file",
             ("add-source", "data/sources/Bad_Name.txt"): "'Bad_Name' cannot be an id",
             ("add-source", "data/sources/alpha.txt"): "data/sources.yaml:1:1: alpha.txt is listed here already"}
    before = (project / "data" / "sources.yaml").read_bytes()
    for args, expected in cases.items():
        code, _, err = run(project, capsys, *args)
        assert code == 1 and expected in err, (args, err)
    assert (project / "data" / "sources.yaml").read_bytes() == before


def test_a_changed_article_needs_a_recorded_fix_and_its_new_hash(tmp_path: Path, capsys) -> None:
    project = make_project(tmp_path)
    article = project / "data" / "sources" / "alpha.txt"
    fill(article, ("Tỉnh Alpha đẩy mạnh chuyển đổi số", "Tỉnh Alpha đẩy mạnh chuyển đổi số."))
    code, _, err = run(project, capsys, "check")
    assert code == 1 and "data/sources/alpha.txt has changed since it was archived" in err
    new = hashlib.sha256(article.read_bytes()).hexdigest()
    sources = project / "data" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    old = text.split("sha256: ")[1].split("\n")[0]
    sources.write_text(text.replace(old, new + '\n  transcription_fixes:\n    - date: "2026-11-30"\n'
                                    '      what: "the headline lost its full stop when we copied it"'),
                       encoding="utf-8")
    code, _, err = run(project, capsys, "check")
    assert code == 0, err


def _git(where: Path, *args: str, shell: str | None = None) -> str:
    """git (or a shell command line) with no user or system settings but these (the clone sets its own autocrlf)."""
    env = {"PATH": os.environ["PATH"], "HOME": str(where), "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(shell if shell else ["git", *args], shell=bool(shell), cwd=where, env=env,
                          capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_line_endings_fix_the_message_gives_works_on_a_real_clone(tmp_path: Path, lang: str) -> None:
    """A Windows clone made before .gitattributes existed: git wrote CRLF, and pulling .gitattributes
    leaves the copy as it is, with nothing to commit. The command the message names makes it LF again."""
    origin, clone = tmp_path / "origin", tmp_path / "clone"
    (origin / "data" / "sources").mkdir(parents=True)
    (origin / "data" / "sources" / "a.txt").write_bytes(b"Line one\nLine two\n")
    _git(tmp_path, "init", "-q", "-b", "main", str(origin))
    _git(origin, "add", "-A")
    _git(origin, "commit", "-qm", "An article, archived")
    _git(tmp_path, "clone", "-q", "-c", "core.autocrlf=true", str(origin), str(clone))
    copy = clone / "data" / "sources" / "a.txt"
    assert copy.read_bytes() == b"Line one\r\nLine two\r\n"
    os.utime(copy, (1_000_000_000, 1_000_000_000))  # older than the index: git's stat cache is not racy
    _git(clone, "update-index", "-q", "--refresh")
    attributes = (Path(__file__).parents[1] / ".gitattributes").read_text(encoding="utf-8")
    assert "data/sources/** -text\n" in attributes  # the line the project uses
    (origin / ".gitattributes").write_text("data/sources/** -text\n", encoding="utf-8")
    _git(origin, "add", "-A")
    _git(origin, "commit", "-qm", "Keep the archive byte for byte")
    _git(clone, "pull", "-q")
    assert copy.read_bytes() == b"Line one\r\nLine two\r\n" and _git(clone, "status", "--porcelain") == ""
    messages.use(lang)
    command = re.search(r"`(git [^`]+)`", messages.say("archive_line_endings", file="a.txt")).group(1)
    assert command == "git rm -q --cached -r data/sources && git checkout HEAD -- data/sources"
    _git(clone, shell=command)  # as the reporter types it
    assert copy.read_bytes() == b"Line one\nLine two\n"
    assert _git(clone, "status", "--porcelain") == ""
