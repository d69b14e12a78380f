"""The README documents every command, option, make target and chart kind (code, not content:
a reporter's new chart or story needs no README change)."""

from __future__ import annotations

from conftest import ROOT
from sitegen.cli import _parser
from sitegen.render.stories import COMPONENTS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_and_option_is_documented() -> None:
    parser = _parser()
    for action in parser._actions:
        for flag in action.option_strings:
            if flag.startswith("--") and flag != "--help":
                assert flag in README, flag
        for choice in (action.choices or []) if action.dest == "command" else []:
            assert f"build.py {choice}" in README or choice == "build", choice
    phony = next(line for line in (ROOT / "Makefile").read_text().splitlines() if line.startswith(".PHONY:"))
    for target in phony.split()[1:]:
        assert f"make {target}" in README, target


def test_every_chart_kind_and_component_is_documented() -> None:
    for kind in ("compare", "history", "target"):
        assert f"`{kind}`" in README, kind
    for name in COMPONENTS:
        assert f"{{{{ {name}(" in README, name
