"""Problems a reporter can act on: every one names a file, a line, a column and a reason."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, at a place in a file."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class Note(Problem):
    """Something a reporter should know that is not an error (e.g. sources that disagree)."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: note: {self.message}"


class BuildError(Exception):
    """Raised with every problem found in one run; the command line prints them and exits 1."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems), key=_order)
        super().__init__("\n".join(str(p) for p in self.problems))


def _order(problem: Problem) -> tuple[str, int, int, str]:
    return (problem.path, problem.line, problem.col, problem.message)


def one_of(names: Iterable[str]) -> str:
    """List valid names for a message: "valid ones are: a, b, c"."""
    return ", ".join(sorted(names))
