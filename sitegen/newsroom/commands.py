"""The newsroom's commands beside the build: `diff [REF]` and `add-source FILE`."""

from __future__ import annotations

from pathlib import Path

from sitegen.errors import BuildError, Problem, report
from sitegen.messages import say


def run(command: str, arg: str | None, fmt: str | None, root: Path) -> int:
    """Run diff or add-source (or refuse an argument another command does not take); the exit code."""
    try:
        if command == "diff":
            from sitegen.newsroom import changelog, diff
            found = diff.between(root, arg)
            print((changelog.markdown if fmt == "markdown" else changelog.text)(found), end="")
            return 0
        if fmt:
            raise BuildError([Problem("--format", 0, 0, say("format_unused"))])
        if command == "add-source":
            from sitegen.newsroom import scaffold
            if not arg:
                raise BuildError([Problem(command, 0, 0, say("add_source_needs_file"))])
            return scaffold.add_source(root, arg)
        raise BuildError([Problem(command, 0, 0, say("arg_unused", arg=arg or "", command=command))])
    except BuildError as exc:
        return report(exc.problems, "", checked=True)
