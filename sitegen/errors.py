"""Problems a reporter can act on: every one names a file, a line, a column and a reason."""

from __future__ import annotations

import difflib
import sys
from collections.abc import Iterable
from dataclasses import dataclass

from sitegen.messages import say


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, at a place in a file (line 0: an option, not a file)."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        if not self.line:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class Note(Problem):
    """Something a reporter should know that is not an error (e.g. sources that disagree)."""

    def __str__(self) -> str:
        return str(Problem(self.path, self.line, self.col, f"{say('note')}: {self.message}"))


class Skipped(Note):
    """A rule that could not run here, and why: `build` says so too, so nothing goes unguarded unsaid."""


class BuildError(Exception):
    """Raised with every problem found in one run; the command line prints them and exits 1."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems), key=order)
        super().__init__("\n".join(str(p) for p in self.problems))


def order(problem: Problem) -> tuple[str, int, int, str]:
    """Problems and notes of every kind in one order: by place, then by message."""
    return (problem.path, problem.line, problem.col, problem.message)


def one_of(names: Iterable[str]) -> str:
    """Valid names for a message, comma-separated: "a, b, c"."""
    return ", ".join(sorted(names))


_LISTED = 8  # up to this many valid names are listed in full when none is close


def nearest(name: str, valid: Iterable[str], where: str) -> str:
    """What to write instead of an unknown name: the one to three closest valid ones, else where to look."""
    valid = sorted(valid)
    close = difflib.get_close_matches(name, valid, n=3)
    if close:
        return say("did_you_mean", names=say("or").join([", ".join(close[:-1]), close[-1]] if close[1:] else close))
    if not valid:
        return say("valid_none", where=where)
    if len(valid) <= _LISTED:
        return say("valid_ones", valid=one_of(valid))
    return say("valid_in", count=len(valid), where=where)


def report(problems: list[Problem], out_name: str, checked: bool = False) -> int:
    """Print every problem as path:line:col: message and how many there were; return 1.

    After a build (not a check) say that the output folder was left as it was.
    """
    for problem in problems:
        print(problem, file=sys.stderr)
    print(say("problems_found_check" if checked else "problems_found", count=len(problems), out=out_name),
          file=sys.stderr)
    return 1
