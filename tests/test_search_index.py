"""The search index as the build writes it: its files, its figures, and the preview's later index."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import yaml

from conftest import SAMPLE, make_project, tree
from sitegen import pipeline
from sitegen.config import Config
from sitegen.errors import BuildError
from sitegen.preview.server import Preview
from sitegen.render import pagefind, search


def test_the_build_writes_only_the_pagefind_files_the_site_uses(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    pipeline.build(Config.at(project))
    names = sorted(p.relative_to(project / "site").as_posix() for p in (project / "site" / "pagefind").rglob("*"))
    assert "pagefind/pagefind.js" in names and "pagefind/pagefind-worker.js" in names
    for lang in ("vi", "en"):  # one index per edition
        assert any(n.startswith(f"pagefind/index/{lang}_") for n in names), lang
    assert not any("-ui" in n or "highlight" in n or "playground" in n for n in names)
    entry = json.loads((project / "site" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en", "vi"]  # sorted, so that builds are byte-identical


def _fragments(site: Path) -> list[dict]:
    """What Pagefind keeps of each indexed page (url, content, meta, anchors), read from its bundle."""
    out = []
    for path in sorted((site / "pagefind" / "fragment").iterdir()):
        raw = gzip.decompress(path.read_bytes())
        out.append(json.loads(raw[raw.index(b"{"):]))  # after Pagefind's own signature
    return out


def test_a_figure_is_a_heading_of_its_indicator_page_and_no_record_of_its_own(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    model = pipeline.build(Config.at(project))
    found = {f["url"]: f for f in _fragments(project / "site")}
    assert not any("#" in url for url in found)  # one file per page, none per figure
    for ind in model.data.indicators.values():
        figures = {o.id for o in model.data.of_indicator(ind.id)}
        for lang, other in (("vi", "en"), ("en", "vi")):
            page = found["/" + ("en/" if lang == "en" else "") + f"indicators/{ind.id}/"]
            assert page["meta"]["kind"] == "indicator" and page["meta"]["other"] == search.for_index(ind.label(other))
            assert {a["id"] for a in page["anchors"] if a["element"] == "h3"} == figures, ind.id
            assert search.for_index(ind.label(other)) in page["content"]  # found by either edition's name


def test_labels_embed_code_and_share_boxes_are_not_indexed(real_site: Path) -> None:
    strings = yaml.safe_load((SAMPLE / "content" / "site.yaml").read_text(encoding="utf-8"))["strings"]
    labels = ["definition", "unit", "direction", "comparable", "share", "cite", "reuse", "embed_chart", "embed_help",
              "every_figure", "basis_title"]
    fragments = _fragments(real_site)
    assert len(fragments) > 100
    for fragment in fragments:
        content = fragment["content"]
        assert "iframe" not in content and "sitegenEmbedHeight" not in content, fragment["url"]
        for key in labels:
            for words in strings[key].values():
                assert search.for_index(words) not in content, (fragment["url"], words)


def test_the_indexed_copy_is_not_what_is_published(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    pipeline.build(Config.at(project))
    for page in (project / "site").rglob("*.html"):
        assert "ḍ" not in page.read_text(encoding="utf-8").lower(), page


def test_the_preview_indexes_after_writing_and_ends_with_the_clean_build(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    preview = Preview(Config.at(project, out=tmp_path / "preview"))
    story = project / "content" / "stories" / "online.vi.md"
    for n in range(2):
        assert preview.rebuild()
        preview.index.wait()
        pipeline.build(Config.at(project, out=tmp_path / f"clean-{n}"))
        assert tree(tmp_path / "preview") == tree(tmp_path / f"clean-{n}")
        story.write_text(story.read_text(encoding="utf-8") + "\nMột đoạn nữa về định danh.\n", encoding="utf-8")


def test_a_missing_indexer_is_a_problem_not_a_traceback(tmp_path: Path, monkeypatch) -> None:
    def missing():
        raise FileNotFoundError("no binary in the wheel")

    monkeypatch.setattr(pagefind, "binary", missing)
    monkeypatch.setattr(search, "_kept", lambda cache, key: None)  # no index kept from an earlier build
    search._last.clear()
    project = make_project(tmp_path)
    with pytest.raises(BuildError) as caught:
        pipeline.build(Config.at(project))
    assert str(caught.value.problems[0]).startswith("pagefind: the search index could not be built: no Pagefind binary")
    assert not (project / "site").exists()  # nothing half-built is written


def _fake_indexer(tmp_path: Path, script: str) -> str:
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    fake.chmod(0o755)
    return str(fake)


def test_an_indexer_that_hangs_is_given_up_with_a_problem(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(pagefind, "binary", lambda: _fake_indexer(tmp_path, "exec sleep 30"))
    monkeypatch.setattr(pagefind, "DEADLINE", 0.5)
    with pytest.raises(BuildError) as caught:
        pagefind.bundle(pagefind.wire([{"type": "NewIndex", "config": {}}]), ("pagefind.js",))
    assert str(caught.value.problems[0]) == ("pagefind: the search index could not be built: the indexer gave no "
                                             "answer for 0.5 s; reinstall the pinned packages (make site) and "
                                             "build again")


def test_the_indexers_own_words_reach_the_newsroom(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(pagefind, "binary", lambda: _fake_indexer(
        tmp_path, "echo 'Error: the config has no field root_selectorz' >&2; exit 1"))
    with pytest.raises(BuildError) as caught:
        pagefind.bundle(pagefind.wire([{"type": "NewIndex", "config": {}}]), ("pagefind.js",))
    assert "could not be built: Error: the config has no field root_selectorz;" in str(caught.value.problems[0])
