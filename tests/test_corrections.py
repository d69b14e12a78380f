"""Corrections: marked beside the figure, listed newest first on /corrections/ with a feed, and required by
`check` when a published value changes (the published state is origin/main, in a scripted history)."""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from test_diff import commit, edit, git

from conftest import make_project
from sitegen import cli, messages, pipeline
from sitegen.config import Config

CORRECTION = """  corrections:
    - date: "2024-11-02"
      was: 92.4
      why: {vi: "Bài gốc ghi 92,5%; chúng tôi chép nhầm.", en: "The article says 92.5%; we copied it wrongly."}
"""
TARGET_CORRECTION = """  corrections:
    - date: "2024-12-01"
      was: 90
      why: {vi: "Chỉ tiêu là 95%.", en: "The goal is 95%."}
"""


@pytest.fixture(autouse=True)
def english():
    messages.use("en")
    yield
    messages.use("en")


def run(project: Path, capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(list(args), project)
    return code, capsys.readouterr().err


def corrected(project: Path) -> Path:
    """The mini project with one corrected figure and one corrected target."""
    data = project / "data"
    edit(data / "observations" / "alpha.yaml", "    en: The article gives no exact date.\n",
         "    en: The article gives no exact date.\n" + CORRECTION)
    with (data / "targets.yaml").open("a", encoding="utf-8") as file:
        file.write(TARGET_CORRECTION)
    return project


def test_readers_see_the_mark_the_page_and_the_feed(tmp_path: Path) -> None:
    project = corrected(make_project(tmp_path))
    pipeline.build(Config.at(project))
    site = project / "site"
    page = (site / "corrections" / "index.html").read_text(encoding="utf-8")
    assert page.index('id="target-alpha-online-2025"') < page.index('id="beta-online-dossier-rate-2024-09-alpha"')
    assert "<del>92,4%</del>" in page and "Bài gốc ghi 92,5%; chúng tôi chép nhầm." in page
    english = (site / "en" / "corrections" / "index.html").read_text(encoding="utf-8")
    assert "<del>92.4%</del>" in english and "The article says 92.5%; we copied it wrongly." in english
    indicator = (site / "en" / "indicators" / "online-dossier-rate" / "index.html").read_text(encoding="utf-8")
    assert ('<a class="corrected" href="/en/corrections/#beta-online-dossier-rate-2024-09-alpha">corrected</a>'
            in indicator)
    story = (site / "stories" / "online" / "index.html").read_text(encoding="utf-8")
    assert '<a class="corrected" href="/corrections/#beta-online-dossier-rate-2024-09-alpha">đã đính chính</a>' in story
    targets = (site / "targets" / "index.html").read_text(encoding="utf-8")
    assert 'href="/corrections/#target-alpha-online-2025">đã đính chính</a>' in targets
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(site / "en" / "corrections" / "feed.xml").getroot()
    assert feed.find(f"{atom}updated").text == "2024-12-01T00:00:00Z"
    titles = [e.find(f"{atom}title").text for e in feed.findall(f"{atom}entry")]
    assert titles == ["Alpha Province · Online dossier rate: 90% → 95%",
                      "Beta Province · Online dossier rate: 92.4% → 92.5%"], titles
    assert "/corrections/" in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_a_site_without_corrections_says_so(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    pipeline.build(Config.at(project))
    page = project / "site" / "indicators" / "online-dossier-rate" / "index.html"
    assert 'class="corrected"' not in page.read_text(encoding="utf-8")
    feed = ET.parse(project / "site" / "corrections" / "feed.xml").getroot()
    assert not feed.findall("{http://www.w3.org/2005/Atom}entry")


CHANGED = {
    "en": ["data/sources.yaml:3:11: the recorded hash of data/sources/alpha.txt differs from the published one "
           "(origin/main ({sha})), but transcription_fixes has no new entry; say what you fixed in our copy "
           "(- date: \"YYYY-MM-DD\" and what: \"…\")",
           "data/targets.yaml:4:10: readers have seen this figure as 95 (origin/main ({sha})); a published value is "
           "corrected in the open: add to this record `corrections: [{{date: \"YYYY-MM-DD\", was: 95, why: "
           "{{vi: \"…\", en: \"…\"}}}}]`, or, if the change is a slip, put 95 back"],
    "vi": ["data/sources.yaml:3:11: mã băm ghi cho data/sources/alpha.txt khác với bản đã đăng (origin/main ({sha})) "
           "nhưng transcription_fixes không có mục mới; hãy ghi rõ bạn đã sửa gì trong bản lưu "
           "(- date: \"YYYY-MM-DD\" và what: \"…\")",
           "data/targets.yaml:4:10: bạn đọc đã thấy số liệu này là 95 (origin/main ({sha})); số liệu đã đăng phải "
           "được đính chính công khai: hãy thêm vào mục này `corrections: [{{date: \"YYYY-MM-DD\", was: 95, why: "
           "{{vi: \"…\", en: \"…\"}}}}]`, hoặc nếu sửa nhầm thì trả lại 95"],
}
REMOVED = {
    "en": "data/observations/alpha.yaml:9:1: readers have seen alpha dossiers-processed as 127178 (origin/main "
          "({sha})), and it is gone from the data without a word; put the record back, and if it must go, withdraw "
          "it in the open: keep it and add `retracted: {{date: \"YYYY-MM-DD\", why: {{vi: \"…\", en: \"…\"}}}}` "
          "(the corrections page then says so)",
    "vi": "data/observations/alpha.yaml:9:1: bạn đọc đã thấy số liệu dossiers-processed của alpha là 127178 "
          "(origin/main ({sha})), nay số liệu này biến mất khỏi dữ liệu mà không có lời giải thích; hãy khôi phục "
          "mục đó, và nếu phải bỏ thì rút lại công khai: giữ mục và thêm `retracted: {{date: \"YYYY-MM-DD\", "
          "why: {{vi: \"…\", en: \"…\"}}}}` (trang Đính chính sẽ ghi rõ)",
}
SUMMARY = {"en": ("{n} problems found", "{n} problems found; site/ was left unchanged"),
           "vi": ("Phát hiện {n} lỗi", "Phát hiện {n} lỗi; thư mục site/ được giữ nguyên")}


def published(project: Path) -> str:
    """The project as readers saw it, at origin/main: its commit as the messages name it."""
    git(project, "init", "-q", "-b", "main")
    sha = commit(project, "Published")
    git(project, "update-ref", "refs/remotes/origin/main", sha)
    return sha[:12]


def raise_the_target(project: Path) -> None:
    """The mini project's published goal raised from 95 to 96 without a correction: the record, its
    quote, the archived article (a transcription fixed) and its seal."""
    data = project / "data"
    edit(data / "targets.yaml", "value: 95", "value: 96")
    edit(data / "targets.yaml", "đạt tối thiểu 95%", "đạt tối thiểu 96%")
    edit(data / "sources" / "alpha.txt", "tối thiểu 95%", "tối thiểu 96%")
    sources = data / "sources.yaml"
    old = sources.read_text(encoding="utf-8").split("sha256: ")[1].split("\n")[0]
    edit(sources, old, hashlib.sha256((data / "sources" / "alpha.txt").read_bytes()).hexdigest())


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_published_value_changes_only_with_a_correction(tmp_path: Path, capsys, lang: str) -> None:
    project = make_project(tmp_path)
    sha = published(project)
    raise_the_target(project)
    data = project / "data"
    sources = data / "sources.yaml"
    expected = [line.format(sha=sha) for line in CHANGED[lang]]
    for command, summary in zip(("check", "build"), SUMMARY[lang], strict=True):
        code, err = run(project, capsys, command, "--lang", lang)
        assert (code, err.splitlines()) == (1, [*expected, summary.format(n=2)])
    edit(sources, "  title: Tỉnh Alpha", '  transcription_fixes: [{date: "2024-12-01", what: "96, not 95"}]\n'
                                        "  title: Tỉnh Alpha")
    with (data / "targets.yaml").open("a", encoding="utf-8") as file:
        file.write(TARGET_CORRECTION.replace("was: 90", "was: 95"))
    code, err = run(project, capsys, "check")
    assert code == 0, err


@pytest.mark.parametrize("before,after", [("1234567", "1234568"), ("12345678901", "12345678902")])
def test_large_values_change_only_with_a_correction_and_show_exactly(tmp_path: Path, capsys, before: str,
                                                                     after: str) -> None:
    """7 to 11 digits: compared as exact decimals by the corrections rule and the diff, written whole in downloads."""
    project = make_project(tmp_path)

    def state(value: str) -> None:
        written = f"{int(value):,}".replace(",", ".")
        article = project / "data" / "sources" / "alpha.txt"
        text = article.read_text(encoding="utf-8").split("\nSố lớn:")[0]
        article.write_text(text + f"\nSố lớn: {written} hồ sơ.\n", encoding="utf-8")
        sources = project / "data" / "sources.yaml"
        old = sources.read_text(encoding="utf-8").split("sha256: ")[1].split("\n")[0]
        edit(sources, old, hashlib.sha256(article.read_bytes()).hexdigest())
        (project / "data" / "observations" / "large.yaml").write_text(
            f"- province: alpha\n  indicator: dossiers-processed\n  value: {value}\n  qualifier: exact\n"
            f"  as_of: \"2024-10\"\n  source: alpha\n  quote: \"Số lớn: {written} hồ sơ\"\n"
            f"  quote_en: \"A large figure\"\n", encoding="utf-8")

    state(before)
    git(project, "init", "-q", "-b", "main")
    git(project, "update-ref", "refs/remotes/origin/main", commit(project, "Published"))
    state(after)
    edit(project / "data" / "sources.yaml", "  title: Tỉnh Alpha",
         '  transcription_fixes: [{date: "2024-12-01", what: "the last digit"}]\n  title: Tỉnh Alpha')
    code, err = run(project, capsys, "check")
    assert code == 1 and f"readers have seen this figure as {before} (origin/main (" in err, err
    capsys.readouterr()
    assert cli.main(["diff"], project) == 0
    assert f"{before} → {after}" in capsys.readouterr().out
    assert cli.main(["build", "--force"], project) == 1  # the build refuses it as check does
    git(project, "update-ref", "refs/remotes/origin/main", commit(project, "Corrected in the open"))
    pipeline.build(Config.at(project))
    rows = (project / "site" / "data" / "observations.csv").read_text(encoding="utf-8-sig")
    assert f",{after}," in rows
    assert f'"value": {after},' in (project / "site" / "data" / "observations.json").read_text(encoding="utf-8")


def test_a_published_state_that_cannot_be_found_fails_closed(tmp_path: Path, capsys) -> None:
    project = make_project(tmp_path)
    code, err = run(project, capsys, "check", "--published", "0000000000000000000000000000000000000000")
    assert code == 1 and "names no commit in this checkout" in err, err


def test_without_git_the_check_says_the_rule_was_skipped(tmp_path: Path, capsys) -> None:
    project = make_project(tmp_path)
    capsys.readouterr()
    assert cli.main(["check"], project) == 0
    assert "note: no published state to compare with" in capsys.readouterr().out


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_published_figure_is_withdrawn_in_the_open_never_deleted(tmp_path: Path, capsys, lang: str) -> None:
    project = make_project(tmp_path)
    sha = published(project)
    observations = project / "data" / "observations" / "alpha.yaml"
    published_text = observations.read_text(encoding="utf-8")
    first, second, rest = published_text.split("\n- province:", 2)  # the second: alpha's dossiers processed
    observations.write_text(first + "\n- province:" + rest, encoding="utf-8")
    for command, summary in zip(("check", "build"), SUMMARY[lang], strict=True):  # at the line where it stood
        code, err = run(project, capsys, command, "--lang", lang)
        one = summary.format(n=1).replace("1 problems", "1 problem")
        assert (code, err.splitlines()) == (1, [REMOVED[lang].format(sha=sha), one])
    observations.unlink()  # its whole file gone: the file's start
    code, err = run(project, capsys, "check", "--lang", lang)
    assert code == 1 and REMOVED[lang].format(sha=sha).replace(":9:1:", ":1:1:") in err.splitlines()
    observations.write_text(first + "\n- province:" + second + '\n  retracted: {date: "2024-11-20", why: '
                            '{vi: "Bài không nói số này.", en: "The article does not give it."}}\n- province:' + rest,
                            encoding="utf-8")
    code, err = run(project, capsys, "check")
    assert code == 0, err
    pipeline.build(Config.at(project))
    page = (project / "site" / "en" / "corrections" / "index.html").read_text(encoding="utf-8")
    assert "<del>127,178</del>" in page and "now withdrawn" in page and "The article does not give it." in page
    indicator = (project / "site" / "en" / "indicators" / "dossiers-processed" / "index.html").read_text("utf-8")
    assert "127,178" not in indicator
    feed = (project / "site" / "en" / "corrections" / "feed.xml").read_text(encoding="utf-8")
    assert "127,178 → withdrawn" in feed


def test_a_slip_in_a_data_file_is_reported_as_the_slip_not_as_its_figures_removed(tmp_path: Path, capsys) -> None:
    project = make_project(tmp_path)
    git(project, "init", "-q", "-b", "main")
    git(project, "update-ref", "refs/remotes/origin/main", commit(project, "Published"))
    observations = project / "data" / "observations" / "alpha.yaml"
    edit(observations, "value: 127178", "value: 127.178,5")  # one value written wrongly
    code, err = run(project, capsys, "check")
    assert code == 1 and "readers have seen" not in err and err.splitlines()[-1] == "1 problem found", err
    edit(observations, "value: 127.178,5", "value: 127178\n    province: alpha")  # the whole file unreadable
    code, err = run(project, capsys, "check")
    assert code == 1 and "readers have seen" not in err and err.splitlines()[-1] == "1 problem found", err
