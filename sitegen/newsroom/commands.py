"""The newsroom's commands beside the build: `diff [REF]` and `add-source FILE`."""

from __future__ import annotations

from pathlib import Path

from sitegen.errors import BuildError, report


def run(command: str, arg: str | None, fmt: str, root: Path) -> int:
    """Run diff or add-source; the exit code."""
    try:
        if command == "diff":
            from sitegen.newsroom import changelog, diff

            found = diff.between(root, arg)
            print((changelog.markdown if fmt == "markdown" else changelog.text)(found), end="")
            return 0
        from sitegen.newsroom import scaffold

        return scaffold.add_source(root, arg or "")
    except BuildError as exc:
        return report(exc.problems, "", checked=True)
