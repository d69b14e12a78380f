"""The preview's incremental rebuilds give exactly the site a clean build of the same inputs gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_project, tree
from sitegen import pipeline
from sitegen.config import Config
from sitegen.render.memo import Memo
from sitegen.write import sitedir as output

_tree = tree


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_incremental_rebuilds_match_clean_builds(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    preview = Config.at(project, out=tmp_path / "preview")
    writer, memo = output.Incremental(), Memo()
    pipeline.build(preview, write=writer, memo=memo)
    stories = project / "content" / "stories"
    edits = [
        ("a story", lambda: _append(stories / "online.en.md", "\nOne more paragraph.\n")),
        ("a data file", lambda: _append(project / "data" / "observations" / "alpha.yaml",
                                        "- province: alpha\n  indicator: dossiers-processed\n  value: 127178\n"
                                        "  qualifier: exact\n  as_of: \"2023\"\n  source: alpha\n"
                                        "  quote: \"127.178 hồ sơ\"\n  quote_en: \"127,178 applications\"\n")),
        ("a template", lambda: _append(project / "templates" / "timeline.html", "\n{# edited #}\n")),
        ("the site text", lambda: _append(project / "content" / "site.yaml", "\n# edited\n")),
        ("a new story", lambda: (stories / "second.vi.md").write_text(
            (stories / "online.vi.md").read_text(encoding="utf-8").replace("key: online", "key: second"),
            encoding="utf-8")),
        ("a removed story", lambda: (stories / "second.vi.md").unlink()),
    ]
    for n, (what, edit) in enumerate(edits):
        edit()
        pipeline.build(preview, write=writer, memo=memo)
        clean = Config.at(project, out=tmp_path / f"clean-{n}")
        pipeline.build(clean)
        assert _tree(preview.out) == _tree(clean.out), f"after editing {what}"


def test_a_save_during_a_build_is_seen_by_the_next_build(tmp_path: Path, monkeypatch) -> None:
    project = make_project(tmp_path)
    preview = Config.at(project, out=tmp_path / "preview")
    writer, memo = output.Incremental(), Memo()
    pipeline.build(preview, write=writer, memo=memo)
    story, read = project / "content" / "stories" / "online.en.md", pipeline.load

    def read_then_save(config: Config):
        found = read(config)
        _append(story, "\nSaved while the build ran.\n")  # lands after the build read the story
        return found

    monkeypatch.setattr(pipeline, "load", read_then_save)
    pipeline.build(preview, write=writer, memo=memo)
    monkeypatch.setattr(pipeline, "load", read)
    pipeline.build(preview, write=writer, memo=memo)  # the rebuild that save sets off
    pipeline.build(Config.at(project, out=tmp_path / "clean"))
    assert _tree(preview.out) == _tree(tmp_path / "clean")
    assert "Saved while the build ran." in (preview.out / "en/stories/online/index.html").read_text(encoding="utf-8")


def _build(project: Path, capsys, *args: str) -> str:
    """What the build says last (a note may come before: this project has no published state)."""
    from sitegen import cli
    assert cli.main(list(args), project) == 0
    return capsys.readouterr().out.splitlines()[-1]


def test_a_build_with_nothing_changed_does_nothing_and_anything_changed_builds(tmp_path: Path, capsys) -> None:
    project = make_project(tmp_path)
    assert _build(project, capsys).startswith("built site/")
    built = _tree(project / "site")
    assert _build(project, capsys).startswith("site/ is up to date")
    assert _tree(project / "site") == built

    _append(project / "content" / "stories" / "online.en.md", "\nOne more line.\n")
    assert _build(project, capsys).startswith("built site/")  # an input changed
    assert _build(project, capsys).startswith("site/ is up to date")

    page = project / "site" / "en" / "index.html"
    page.write_bytes(page.read_bytes() + b"<!-- edited by hand -->")
    assert _build(project, capsys).startswith("built site/")  # the output was touched
    assert b"edited by hand" not in page.read_bytes()

    assert _build(project, capsys, "--base-url", "/repo/").startswith("built site/")  # other options
    assert _build(project, capsys, "--base-url", "/repo/", "--force").startswith("built site/")


@pytest.mark.slow
def test_many_stories_convert_on_every_core_exactly_as_one_at_a_time(tmp_path: Path, monkeypatch) -> None:
    from sitegen.render import stories
    project = make_project(tmp_path)
    for n in range(110):
        for lang in ("vi", "en"):
            (project / "content" / "stories" / f"s{n:03d}.{lang}.md").write_text(
                f"---\ntitle: Story {n}\ndate: 2024-01-{1 + n % 28:02d}\nsummary: S {n}.\nlang: {lang}\n"
                f"key: s{n:03d}\n---\n## Part {n}\n\n*One* <b>two</b> [three](../) {n}.\n\n- a\n- b\n",
                encoding="utf-8")
    pipeline.build(Config.at(project, out=tmp_path / "pooled"))
    monkeypatch.setattr(stories, "MARKDOWN_POOL_FROM", 10**9)
    pipeline.build(Config.at(project, out=tmp_path / "serial"))
    pooled, serial = _tree(tmp_path / "pooled"), _tree(tmp_path / "serial")
    assert len(pooled) > 400 and pooled == serial
    assert "<em>One</em> two" in pooled["en/stories/s007/index.html"].decode()
