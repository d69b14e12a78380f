"""A rebuild reuses what did not change (files, the search index, chart templates) and gives the same site."""

from __future__ import annotations

import io
import math
import os
from importlib import metadata
from pathlib import Path

import pytest

from conftest import make_project, tree
from sitegen import cache, pipeline
from sitegen.cache import Cache
from sitegen.config import Config
from sitegen.render import pagefind, search, workers
from sitegen.render import vegalite as charts
from sitegen.render.site import render_site
from sitegen.write import sitedir as output


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


@pytest.mark.slow  # cold builds
def test_a_card_is_a_1200_by_630_jpeg_drawn_to_the_same_bytes_every_time(tmp_path: Path) -> None:
    from PIL import Image

    project = make_project(tmp_path)
    built = []
    for n in (1, 2):  # two cold builds, each with empty caches of its own
        config = Config.at(project, out=tmp_path / f"site{n}", cache=tmp_path / f"cache{n}")
        pipeline.build(config)
        built.append(tree(config.out / "cards"))
    assert built[0] == built[1] and len(built[0]) > 4
    for name, body in built[0].items():
        with Image.open(io.BytesIO(body)) as card:
            assert (card.format, card.size, card.mode) == ("JPEG", (1200, 630), "RGB"), name
            card.load()  # decodes whole: a cut-off file fails here


def test_social_cards_are_linked_from_the_drawing_cache(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    config = Config.at(project, out=tmp_path / "site")
    pipeline.build(config)
    card = config.out / "cards" / "vi" / "home.jpg"
    cached = {p.stat().st_ino for p in (config.caches / "drawings").glob("*.jpg")}
    assert card.stat().st_ino in cached and card.read_bytes().startswith(b"\xff\xd8\xff")


def test_the_preview_never_writes_into_a_linked_file(tmp_path: Path) -> None:
    first, second = tmp_path / "first.png", tmp_path / "second.png"
    first.write_bytes(b"first card")
    second.write_bytes(b"second card")
    out, writer = tmp_path / "site", output.Incremental()
    writer(out, {"c.png": first})
    writer(out, {"c.png": b"rendered"})  # the same file, now made in memory
    writer(out, {"c.png": second})
    os.link(second, out / ".c.png.new")  # a scratch file left over, linked to a cached card
    writer(out, {"c.png": b"again"})
    assert first.read_bytes() == b"first card" and second.read_bytes() == b"second card"
    assert (out / "c.png").read_bytes() == b"again"


def test_an_index_made_once_is_read_back_for_the_same_pages(tmp_path: Path, monkeypatch) -> None:
    project = make_project(tmp_path)
    config = Config.at(project, out=tmp_path / "site")
    _, model, _ = pipeline.load(config)
    rendered = render_site(config, model)
    pages = search.inputs(rendered.pages, rendered.files)
    cache = Cache(tmp_path / "search")  # its own: other tests' builds share the drawing cache
    search._last.clear()  # nothing kept in this process from earlier tests either
    first = search.index(pages, cache)
    search._last.clear()  # a new process: only the disk cache remains

    def no_indexer(*args):
        raise AssertionError("the indexer ran again for the same pages")

    monkeypatch.setattr(pagefind, "_run", no_indexer)
    assert search.index(pages, cache) == first
    search._last.clear()


def test_chart_templates_are_read_back_exactly_as_altair_made_them(tmp_path: Path, monkeypatch) -> None:
    charts._MADE.clear()
    made = {(size, ranks, refs): charts._spec(size, ranks, refs, Cache(tmp_path))
            for size in charts.SIZES for ranks in (False, True) for refs in (False, True)}
    charts._MADE.clear()

    def no_altair(*args):
        raise AssertionError("Altair built a template the cache has")

    monkeypatch.setattr(charts, "_build", no_altair)
    assert {key: charts._spec(*key, Cache(tmp_path)) for key in made} == made
    charts._MADE.clear()


@pytest.mark.parametrize("name", cache.LIBRARIES)
def test_the_build_record_knows_each_library_version_as_importlib_does(name: str) -> None:
    shown = dict(item.split("=", 1) for item in cache.versions().decode().split("\0"))
    assert shown[name] == metadata.version(name)


@pytest.mark.parametrize("from_count", [1, 1000], ids=["on workers", "in-process"])
def test_background_work_gives_each_group_in_order_whichever_is_asked_first(from_count: int) -> None:
    groups = [list(range(10)), list(range(30, 0, -1))]
    with workers.Background(math.factorial, groups, from_count) as work:
        assert work.results(1) == [math.factorial(n) for n in groups[1]]
        assert work.results(0) == [math.factorial(n) for n in groups[0]]


@pytest.mark.parametrize("from_count", [1, 1000], ids=["on a fork", "in-process"])
@pytest.mark.parametrize("count", [0, 1, 7, 30])
def test_work_split_with_a_forked_copy_comes_back_whole_and_in_order(from_count: int, count: int) -> None:
    assert workers.on_forks(math.factorial, list(range(count)), from_count) == [math.factorial(n) for n in range(count)]


def test_work_a_forked_copy_could_not_finish_is_done_by_the_process_itself() -> None:
    parent = os.getpid()

    def fails_in_the_copy(n: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("the copy stops")
        return n * n

    assert workers.on_forks(fails_in_the_copy, list(range(9)), 1) == [n * n for n in range(9)]


@pytest.mark.slow  # cold builds
def test_pages_rendered_with_a_forked_copy_are_the_pages_rendered_in_process(monkeypatch, tmp_path: Path) -> None:
    from sitegen.render import site

    config = Config.at(make_project(tmp_path, "sample"))
    _, model, problems = pipeline.load(config)
    assert not problems and model is not None
    forked, many = site.render_site(config, model), site.FORK_FROM
    monkeypatch.setattr(site, "FORK_FROM", 10 ** 9)
    alone = site.render_site(config, model)
    assert len([name for name in forked.files if name.endswith(".html")]) >= many  # it forked
    assert forked.files == alone.files and forked.problems == alone.problems == []


def test_a_forked_copy_that_never_answers_is_stopped_and_its_share_done_here(monkeypatch) -> None:
    import time

    parent = os.getpid()

    def hangs_in_the_copy(n: int) -> int:
        if os.getpid() != parent:
            time.sleep(600)  # as if it waited on a lock another thread held when the process forked
        return n + 1

    monkeypatch.setattr(workers, "COPY_PATIENCE", 0.2)
    started = time.perf_counter()
    assert workers.on_forks(hangs_in_the_copy, list(range(10)), 1) == list(range(1, 11))
    assert time.perf_counter() - started < 30


@pytest.mark.slow  # cold builds
def test_a_build_that_fails_after_its_pages_stops_painting_and_leaves_the_site_as_it_was(tmp_path: Path,
                                                                                        monkeypatch) -> None:
    """Cards and pictures are painted while the rules run and the index is made; a failure there
    stops the painting workers, and nothing is written."""
    import multiprocessing

    from sitegen.errors import BuildError, Problem
    from sitegen.render import drawing

    project = make_project(tmp_path)
    config = Config.at(project, out=tmp_path / "site", cache=tmp_path / "cache")
    monkeypatch.setattr(drawing, "POOL_FROM", 1)  # paint on workers, however few the drawings

    def fails(*args: object) -> dict:
        raise BuildError([Problem("content/site.yaml", 1, 1, "the index failed")])

    monkeypatch.setattr(search, "index", fails)
    with pytest.raises(BuildError, match="the index failed"):
        pipeline.build(config)
    assert not config.out.exists() and multiprocessing.active_children() == []
    monkeypatch.undo()
    pipeline.build(config)
    assert (config.out / "cards" / "vi" / "home.jpg").read_bytes().startswith(b"\xff\xd8\xff")
