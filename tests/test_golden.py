"""A tiny fixture site builds to exactly the golden folder. UPDATE_GOLDEN=1 regenerates it locally."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

from conftest import ROOT, UPDATE, make_project
from sitegen import pipeline
from sitegen.config import Config

GOLDEN = ROOT / "tests" / "golden" / "mini"


def _files(folder: Path) -> dict[str, bytes]:
    """Every file but the images (social cards, charts to download): their pixels depend on the
    renderer and the machine's fonts (tested elsewhere)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.relative_to(folder).as_posix().startswith("cards/") and p.suffix != ".png"}


def test_mini_site_matches_golden(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    pipeline.build(Config.at(project))
    built = _files(project / "site")
    if UPDATE:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(project / "site", GOLDEN, ignore=lambda d, names: ["cards"] if d.endswith("site")
                        else [n for n in names if n.endswith(".png")])
    golden = _files(GOLDEN)
    assert sorted(built) == sorted(golden), "the set of files changed"
    for name, body in built.items():
        if body != golden[name]:
            diff = difflib.unified_diff(golden[name].decode().splitlines(), body.decode().splitlines(),
                                        f"golden/{name}", f"built/{name}", lineterm="", n=2)
            raise AssertionError("\n".join(list(diff)[:80]))
