"""`build.py diff [REF]`: what changed between a commit and the working tree, by meaning, on a scripted history."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import pytest

from conftest import make_project
from sitegen import cli, messages
from sitegen.newsroom import changelog, diff

GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "Reporter", "GIT_AUTHOR_EMAIL": "r@example.org",
           "GIT_COMMITTER_NAME": "Reporter", "GIT_COMMITTER_EMAIL": "r@example.org", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_CONFIG_NOSYSTEM": "1"}


def git(project: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=project, env=GIT_ENV, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def commit(project: Path, message: str) -> str:
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", message)
    return git(project, "rev-parse", "HEAD")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(autouse=True)
def english():
    """Messages in English, whatever language a test switched to."""
    messages.use("en")
    yield
    messages.use("en")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The mini project committed once (the published state), then edited in the working tree."""
    project = make_project(tmp_path)
    git(project, "init", "-q", "-b", "main")
    commit(project, "Published")
    data = project / "data"
    # A correction: the article, its quote and the value change together.
    edit(data / "sources" / "alpha.txt", "đạt 92,5%", "đạt 93,5%")
    edit(data / "observations" / "alpha.yaml", 'trực tuyến đạt 92,5%"', 'trực tuyến đạt 93,5%"')
    edit(data / "observations" / "alpha.yaml", "value: 92.5", "value: 93.5")
    sources = data / "sources.yaml"
    old = sources.read_text(encoding="utf-8").split("sha256: ")[1].split("\n")[0]
    edit(sources, old, hashlib.sha256((data / "sources" / "alpha.txt").read_bytes()).hexdigest()
         + '\n  transcription_fixes: [{date: "2026-11-30", what: "our copy had 92,5 for 93,5"}]')
    # A period corrected: the figure's id changes, it is still the same figure.
    edit(data / "observations" / "alpha.yaml", 'value: 127178\n  qualifier: exact\n  as_of: "2024-01/2024-09"',
         'value: 127178\n  qualifier: exact\n  as_of: "2024-09"')
    (data / "events.yaml").write_text("[]\n", encoding="utf-8")
    edit(project / "content" / "charts.yaml", "en: Dossiers filed online", "en: Dossiers filed online, 2024")
    story = project / "content" / "stories" / "online.en.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8")
    return project


def test_changes_are_listed_by_meaning(project: Path) -> None:
    found = diff.between(project)
    assert str(found.commit).startswith("HEAD (")
    changed = {(c.kind, c.status, c.label): c.fields for c in found.changes}
    assert changed[("figure", "changed", "beta · online-dossier-rate · 2024-09 · alpha")] == (
        ("value", "92.5", "93.5"),
        ("quote", "Tỉnh Beta có tỷ lệ hồ sơ trực tuyến đạt 92,5%", "Tỉnh Beta có tỷ lệ hồ sơ trực tuyến đạt 93,5%"))
    assert changed[("figure", "changed", "alpha · dossiers-processed · 2024-09 · alpha")] == (
        ("as_of", "2024-01/2024-09", "2024-09"),)
    assert ("event", "removed", "alpha-resolution-52") in changed
    assert changed[("chart", "changed", "online")] == (
        ("title.en", "Dossiers filed online", "Dossiers filed online, 2024"),)
    assert [name for name, _, _ in changed[("story", "changed", "online (en)")]] == ["body"]
    sha256, fix = changed[("source", "changed", "alpha")]
    assert sha256[0] == "sha256" and fix == ("transcription_fixes.1", None, "2026-11-30: our copy had 92,5 for 93,5")
    assert len(found.changes) == 6 and found.problems == 0
    assert [(a.file, a.status, a.added, a.removed) for a in found.archive] == [
        ("data/sources/alpha.txt", "changed", 1, 1)]


def test_text_and_markdown(project: Path, capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["diff"], project) == 0
    out = capsys.readouterr().out
    assert "ARCHIVED ARTICLES CHANGED" in out and "!! data/sources/alpha.txt: changed, 1 lines added, 1 removed" in out
    assert "Figures: 0 added, 2 changed, 0 removed" in out
    assert "  ~ beta · online-dossier-rate · 2024-09 · alpha   data/observations/alpha.yaml:17" in out
    assert "      value: 92.5 → 93.5" in out
    assert "  - alpha-resolution-52   data/events.yaml:1" in out
    assert '      body: … "beta") }}. {{ chart("online") }} {+One more paragraph.+}' in out
    assert "      … hồ sơ trực tuyến đạt [-92,5%,-]{+93,5%,+} cao hơn nhiều tỉnh. Mục …" in out
    assert "      transcription_fixes: added: “2026-11-30: our copy had 92,5 for 93,5”" in out
    assert cli.main(["diff", "HEAD", "--format", "markdown", "--lang", "vi"], project) == 0
    out = capsys.readouterr().out
    assert out.startswith("### Thay đổi so với HEAD (")
    assert "> [!WARNING]" in out and "> - data/sources/alpha.txt: đã sửa, thêm 1 dòng, bớt 1 dòng" in out
    assert "#### Số liệu: thêm 0, sửa 2, xoá 0" in out
    assert "  - `value`: ~~92.5~~ → **93.5**" in out
    assert "  - `quote`: … hồ sơ trực tuyến đạt ~~92,5%~~ **93,5%**" in out
    assert "- ➖ **đã xoá** alpha-resolution-52 — `data/events.yaml:1`" in out


def test_default_ref_is_the_merge_base_with_origin_main(project: Path) -> None:
    published = git(project, "rev-parse", "HEAD")
    git(project, "update-ref", "refs/remotes/origin/main", published)
    git(project, "checkout", "-q", "-b", "correction")
    commit(project, "Correct Beta's figure")  # the edits are now committed on a branch
    found = diff.between(project)
    assert found.commit.sha == published[:12] and "origin/main" in found.commit.name
    assert len(found.changes) == 6
    assert diff.between(project, "HEAD").changes == []


def test_an_added_figure_shows_its_value_period_and_quote(project: Path) -> None:
    commit(project, "Edits")
    with (project / "data" / "observations" / "alpha.yaml").open("a", encoding="utf-8") as file:
        file.write('- province: alpha\n  indicator: online-dossier-rate\n  value: 95\n  qualifier: at-least\n'
                   '  as_of: "2025"\n  source: alpha\n  quote: "tỷ lệ hồ sơ trực tuyến đạt tối thiểu 95%"\n'
                   '  quote_en: "the share of applications filed online reaches at least 95%"\n')
    (project / "data" / "sources" / "gamma.txt").write_text("Một bài mới.\n", encoding="utf-8")
    text = changelog.text(diff.between(project))
    assert "New archived articles\n  + data/sources/gamma.txt\n" in text and "ARCHIVED ARTICLES CHANGED" not in text
    assert "  + alpha · online-dossier-rate · 2025 · alpha   data/observations/alpha.yaml:" in text
    assert ("      qualifier: at-least\n      as_of: 2025\n"
            "      quote: “tỷ lệ hồ sơ trực tuyến đạt tối thiểu 95%”") in text


def test_an_unknown_ref_and_a_folder_without_history(project: Path, tmp_path: Path, capsys) -> None:
    assert cli.main(["diff", "no-such-branch"], project) == 1
    assert "'no-such-branch' is not a branch, tag or commit git knows" in capsys.readouterr().err
    assert cli.main(["diff", "--", "--output=x"], project) == 1  # never passed to git as an option
    plain = make_project(tmp_path / "plain")
    assert cli.main(["diff"], plain) == 1
    assert "not a git checkout" in capsys.readouterr().err


@pytest.fixture
def published(tmp_path: Path) -> Path:
    """The mini project committed once, as readers saw it; each test edits its working tree."""
    project = make_project(tmp_path)
    git(project, "init", "-q", "-b", "main")
    commit(project, "Published")
    return project


def test_a_correction_reads_as_added_was_because(published: Path) -> None:
    figures = published / "data" / "observations" / "alpha.yaml"
    edit(figures, "value: 92.5", 'value: 93.5\n  corrections:\n    - date: "2026-12-01"\n      was: 92.5\n'
         '      why: {vi: "Bài báo ghi 93,5%.", en: "The article says 93.5%."}')
    text = changelog.text(diff.between(published))
    assert "      value: 92.5 → 93.5\n      corrections: added: “was 92.5, because The article says 93.5%. " \
           "(2026-12-01)”" in text
    assert "“”" not in text and "(removed)" not in text
    messages.use("vi")
    out = changelog.markdown(diff.between(published))
    assert "  - `corrections`: thêm mới: “trước đây là 92.5, vì Bài báo ghi 93,5%. (2026-12-01)”" in out


def test_source_and_indicator_changes_read_old_to_new(published: Path) -> None:
    data = published / "data"
    edit(data / "sources.yaml", "  published: 2024-10", '  published: 2024-10-03\n  url: "https://alpha.example/bai"')
    edit(data / "indicators.yaml", "      vi: Tỷ lệ hồ sơ trực tuyến\n", "      vi: Tỷ lệ hồ sơ nộp trực tuyến\n")
    edit(data / "indicators.yaml", "      en: Share of dossiers filed online.",
         "      en: Share of all dossiers filed online, districts included.")
    edit(data / "indicators.yaml", "    comparable: true", "    comparable: false\n    comparable_note:\n"
         "      vi: Hai tỉnh tính khác nhau.\n      en: The provinces count differently.")
    text = changelog.text(diff.between(published))
    assert ("Sources (archived articles): 0 added, 1 changed, 0 removed\n  ~ alpha   data/sources.yaml:1\n"
            "      url: added: https://alpha.example/bai\n      published: 2024-10 → 2024-10-03\n") in text
    assert ("Indicators: 0 added, 1 changed, 0 removed\n  ~ online-dossier-rate   data/indicators.yaml:7\n"
            "      label.vi: Tỷ lệ hồ sơ {+nộp+} trực tuyến\n"
            "      definition.en: Share of {+all+} dossiers filed [-online.-]{+online, districts included.+}\n"
            "      comparable: true → false\n"
            "      comparable_note.vi: added: “Hai tỉnh tính khác nhau.”\n"
            "      comparable_note.en: added: “The provinces count differently.”\n") in text


def test_changed_words_of_a_story_are_marked_word_by_word(published: Path) -> None:
    story = published / "content" / "stories" / "online.vi.md"
    edit(story, "summary: Tỉnh Beta dẫn trước.", "summary: Tỉnh Beta vẫn dẫn trước rõ rệt.")
    text = changelog.text(diff.between(published))
    assert "  ~ online (vi)   content/stories/online.vi.md\n      summary: Tỉnh Beta {+vẫn+} dẫn " \
           "[-trước.-]{+trước rõ rệt.+}\n" in text
    assert "  - `summary`: Tỉnh Beta **vẫn** dẫn ~~trước.~~ **trước rõ rệt.**" in changelog.markdown(
        diff.between(published))


def test_what_readers_will_see_differently(published: Path) -> None:
    edit(published / "data" / "observations" / "alpha.yaml", "value: 92.5", "value: 93.5")
    edit(published / "data" / "observations" / "alpha.yaml", "đạt 92,5%", "đạt 93,5%")
    found = diff.between(published)
    pages = {page.path: page for page in found.pages}
    assert list(pages)[0] == "/" and pages["/indicators/online-dossier-rate/"].langs == ("vi", "en")
    assert "/stories/online/" in pages and "/indicators/dossiers-processed/" not in pages
    assert not any(path.startswith("/embed/") for path in pages)
    text = changelog.text(found)
    assert "What readers will see differently (" in text
    assert ("  /indicators/online-dossier-rate/ (vi, en): … đầu năm 2024), Tỉnh Beta [-92,5%-]{+93,5%+} "
            "(tháng 9/2024). Tỉnh Alpha · …") in text
    messages.use("vi")
    assert "#### Bạn đọc sẽ thấy gì khác (" in changelog.markdown(found)


def test_what_readers_see_is_not_guessed_while_the_data_has_problems(published: Path) -> None:
    edit(published / "data" / "observations" / "alpha.yaml", "value: 92.5", 'value: "92,5"')
    found = diff.between(published)
    assert found.pages is None and found.problems == 1
    assert "What readers will see differently" not in changelog.text(found)
