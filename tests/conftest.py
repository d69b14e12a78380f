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
