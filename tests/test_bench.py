"""The benchmark's generated national project passes `check`, so a new rule cannot leave the speed
goals unmeasured (its words from the sample project, as tests read no real content)."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT, SAMPLE
from sitegen import cli

sys.path.insert(0, str(ROOT / "bench"))
import synthetic  # noqa: E402 (the benchmark's own module, beside it)


def test_a_small_national_project_passes_check(tmp_path: Path, capsys) -> None:
    project = synthetic.provinces_project(tmp_path, provinces=3, indicators=5, years=2, charted=1, text_from=SAMPLE)
    assert cli.main(["check"], project) == 0, capsys.readouterr().err
