"""The command line: the forms the README, the workflows and the newsroom use, read as meant."""

from __future__ import annotations

from sitegen import cli


def test_the_command_is_found_wherever_it_is_written_but_never_as_an_options_value() -> None:
    assert cli._with_command([]) == ["build"]
    assert cli._with_command(["--out", "x", "--base-url", "/repo/", "--force"]) == \
        ["build", "--out", "x", "--base-url", "/repo/", "--force"]
    assert cli._with_command(["--lang", "en", "check"]) == ["check", "--lang", "en"]
    assert cli._with_command(["--out", "check"]) == ["build", "--out", "check"]  # a folder named check
    assert cli._with_command(["--out=serve", "serve", "--port", "9000"]) == ["serve", "--out=serve", "--port", "9000"]
