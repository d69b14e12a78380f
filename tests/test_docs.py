"""The README documents every command, option, make target and chart kind (code, not content:
a reporter's new chart or story needs no README change)."""

from __future__ import annotations

import argparse

from conftest import ROOT
from sitegen.checks.rulebook import RULES
from sitegen.cli import _parser
from sitegen.render.stories import COMPONENTS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_and_option_is_documented() -> None:
    parser = _parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))  # no public way
    for name, sub in commands.choices.items():
        assert f"build.py {name}" in README, name
        for action in sub._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag != "--help":
                    assert f"`{flag}" in README, (name, flag)
    phony = next(line for line in (ROOT / "Makefile").read_text().splitlines() if line.startswith(".PHONY:"))
    for target in phony.split()[1:]:
        assert f"make {target}" in README, target


def test_every_rule_of_the_rulebook_is_listed() -> None:
    for rule in RULES:
        assert f"| `{rule.name}` |" in README, rule.name


def test_every_chart_kind_and_component_is_documented() -> None:
    for kind in ("compare", "history", "target"):
        assert f"`{kind}`" in README, kind
    for name in COMPONENTS:
        assert f"{{{{ {name}(" in README, name
