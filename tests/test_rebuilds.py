"""A rebuild reuses what did not change (files, the search index, chart templates) and gives the same site."""

from __future__ import annotations

import math
from importlib import metadata
from pathlib import Path

import pytest

from conftest import make_project, tree
from sitegen import charts, manifest, output, pipeline, search, workers
from sitegen.config import Config


def test_an_unchanged_file_is_linked_from_the_old_site_and_a_changed_one_written(tmp_path: Path) -> None:
    out = tmp_path / "site"
    output.replace_site(out, {"index.html": b"same", "a/index.html": b"before", "gone.txt": b"x"})
    kept, changed = (out / "index.html").stat().st_ino, (out / "a" / "index.html").stat().st_ino
    output.replace_site(out, {"index.html": b"same", "a/index.html": b"after!"})  # same size, other bytes
    assert tree(out) == {"index.html": b"same", "a/index.html": b"after!"}
    assert (out / "index.html").stat().st_ino == kept  # linked, not written again
    assert (out / "a" / "index.html").stat().st_ino != changed
    assert (out / "index.html").stat().st_nlink == 1  # the old site is gone: nothing shares the file now
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_rebuild_whose_pages_did_not_change_reuses_the_search_index(tmp_path: Path, monkeypatch) -> None:
    project = make_project(tmp_path)
    config = Config.at(project, out=tmp_path / "site")
    pipeline.build(config)
    first = tree(config.out / "pagefind")
    search._last.clear()  # a new process: only the disk cache remains

    def no_indexer(*args):
        raise AssertionError("the indexer ran again for the same pages")

    monkeypatch.setattr(search, "_run", no_indexer)
    pipeline.build(config)
    assert tree(config.out / "pagefind") == first


def test_chart_templates_are_read_back_exactly_as_altair_made_them(tmp_path: Path, monkeypatch) -> None:
    charts._spec.cache_clear()
    made = {(size, ranks, refs): charts._spec(size, ranks, refs, tmp_path)
            for size in charts.SIZES for ranks in (False, True) for refs in (False, True)}
    charts._spec.cache_clear()

    def no_altair(*args):
        raise AssertionError("Altair built a template the cache has")

    monkeypatch.setattr(charts, "_build", no_altair)
    assert {key: charts._spec(*key, tmp_path) for key in made} == made
    charts._spec.cache_clear()


@pytest.mark.parametrize("name", manifest.LIBRARIES)
def test_the_build_record_knows_each_library_version_as_importlib_does(name: str) -> None:
    shown = dict(item.split("=", 1) for item in manifest.versions().decode().split("\0"))
    assert shown[name] == metadata.version(name)


@pytest.mark.parametrize("from_count", [1, 1000], ids=["on workers", "in-process"])
def test_background_work_gives_each_group_in_order_whichever_is_asked_first(from_count: int) -> None:
    groups = [list(range(10)), list(range(30, 0, -1))]
    with workers.Background(math.factorial, groups, from_count) as work:
        assert work.results(1) == [math.factorial(n) for n in groups[1]]
        assert work.results(0) == [math.factorial(n) for n in groups[0]]
