"""The README documents every command, option, chart kind and named chart."""

from __future__ import annotations

import yaml

from conftest import ROOT
from sitegen.cli import _parser

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_and_option_is_documented() -> None:
    parser = _parser()
    for action in parser._actions:
        for flag in action.option_strings:
            if flag.startswith("--") and flag != "--help":
                assert flag in README, flag
        for choice in action.choices or []:
            assert f"build.py {choice}" in README or choice == "build", choice
    for target in ("make site", "make test", "make serve", "make check"):
        assert target in README, target


def test_every_chart_and_kind_is_documented() -> None:
    charts = yaml.safe_load((ROOT / "content" / "charts.yaml").read_text(encoding="utf-8"))
    for chart in charts:
        assert f"`{chart['id']}`" in README, chart["id"]
    for kind in ("compare", "history", "target"):
        assert f"`{kind}`" in README, kind
