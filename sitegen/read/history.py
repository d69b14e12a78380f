"""The project's git history: which commit counts as published, and its data/ and content/ as files.

Only the git command line is used (no library), and only to read: `rev-parse`, `merge-base`,
`archive`, `config`. A folder that is not a git checkout simply has no history.
"""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from sitegen.errors import BuildError, Problem
from sitegen.messages import say

PUBLISHED = "origin/main"  # what the Pages workflow deploys
NEVER = "none"  # the published state of a site not yet published: readers have seen nothing
FOLDERS = ("data", "content")


@dataclass(frozen=True)
class Commit:
    """A commit as the reporter named it, and its short hash."""

    name: str
    sha: str

    def __str__(self) -> str:
        return self.name if self.name.startswith(self.sha) else f"{self.name} ({self.sha})"


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=60, check=False)


def issues(root: Path) -> str | None:
    """Where the developers take bug reports: the Issues page of the GitHub repository the checkout was
    cloned from (owner and name only: a token in the remote's address is never repeated), else None."""
    try:
        remote = _git(root, "config", "--get", "remote.origin.url").stdout.decode("utf-8", "replace").strip()
    except (OSError, subprocess.SubprocessError):
        return None
    found = _GITHUB.search(remote)
    return f"https://github.com/{found['owner']}/{found['name']}/issues" if found else None


_GITHUB = re.compile(r"github\.com[:/](?P<owner>[\w.-]+)/(?P<name>[\w.-]+?)(?:\.git)?/?$")


def is_checkout(root: Path) -> bool:
    """True when root is inside a git working tree."""
    try:
        return _git(root, "rev-parse", "--is-inside-work-tree").stdout.strip() == b"true"
    except (OSError, subprocess.TimeoutExpired):
        return False


def resolve(root: Path, ref: str | None) -> Commit:
    """The commit ref names; by default the merge base with origin/main, else HEAD. BuildError if unknown."""
    if not is_checkout(root):
        raise BuildError([Problem(ref or "git", 0, 0, say("history_not_git"))])
    if ref is None:
        if _sha(root, PUBLISHED):
            base = _git(root, "merge-base", PUBLISHED, "HEAD")
            if base.returncode == 0:
                return Commit(f"merge-base {PUBLISHED}", base.stdout.decode().strip()[:12])
        ref = "HEAD"
    sha = _sha(root, ref)
    if not sha:
        raise BuildError([Problem(ref, 0, 0, say("history_unknown_ref", ref=ref))])
    return Commit(ref, sha[:12])


class Unresolved(Exception):
    """A reference that was given but names no commit here."""

    def __init__(self, reference: str) -> None:
        super().__init__(reference)
        self.reference = reference


def published(root: Path, reference: str | None = None) -> Commit | None:
    """The commit readers saw: reference when given (Unresolved if it names none), else origin/main;
    None when neither is known (no git, no checkout, no remote)."""
    sha = _sha(root, reference or PUBLISHED) if is_checkout(root) else ""
    if reference and not sha:
        raise Unresolved(reference)
    return Commit(reference or PUBLISHED, sha[:12]) if sha else None


def _sha(root: Path, ref: str) -> str:
    if ref.startswith("-"):  # never let a name pass as an option
        return ""
    found = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    return found.stdout.decode().strip() if found.returncode == 0 else ""


def extract(root: Path, commit: Commit, dest: Path) -> Path:
    """Write data/ and content/ as they were at commit under dest; return dest."""
    names = _git(root, "ls-tree", "--name-only", commit.sha).stdout.decode().split()
    folders = [f for f in FOLDERS if f in names]
    dest.mkdir(parents=True, exist_ok=True)
    if folders:
        archive = _git(root, "archive", "--format=tar", commit.sha, "--", *folders)
        if archive.returncode:
            raise BuildError([Problem(commit.name, 0, 0, say("history_unreadable", ref=commit.name,
                                                            reason=archive.stderr.decode().strip()))])
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(dest, filter="data")
    for folder in FOLDERS:
        (dest / folder).mkdir(exist_ok=True)
    return dest
