"""Shared helpers: assemble a small project in tmp_path from a fixture plus the real templates."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1" and not os.environ.get("CI")


def make_project(tmp_path: Path, fixture: str = "mini", overlay: Path | None = None) -> Path:
    """A project folder: the fixture's data and content, the real templates and site text."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / fixture, project)
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copy(ROOT / "content" / "site.yaml", project / "content" / "site.yaml")
    if overlay is not None:
        shutil.copytree(overlay, project, dirs_exist_ok=True)
    return project


def copy_real(tmp_path: Path) -> Path:
    """A copy of the real project (data, content, templates) to build without touching site/."""
    project = tmp_path / "real"
    project.mkdir()
    for name in ("data", "content", "templates"):
        shutil.copytree(ROOT / name, project / name)
    cache = ROOT / ".cache"
    if cache.exists():
        shutil.copytree(cache, project / ".cache")
    return project


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session into a temporary folder."""
    from sitegen import pipeline
    from sitegen.config import Config

    project = copy_real(tmp_path_factory.mktemp("real-site"))
    pipeline.build(Config.at(project))
    return project / "site"


PREFIX = "chuyen-doi-so"


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory):
    """The real site built for, and served at, http://127.0.0.1:PORT/chuyen-doi-so/ as Pages would."""
    import functools
    import http.server
    import threading

    from sitegen import pipeline
    from sitegen.config import Config

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    project = copy_real(tmp_path_factory.mktemp("served"))
    docroot = project / "www"
    docroot.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(docroot)))
    base = f"http://127.0.0.1:{server.server_address[1]}/{PREFIX}/"
    pipeline.build(Config.at(project, out=docroot / PREFIX, base_url=base))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base, docroot / PREFIX
    server.shutdown()
