"""The build's caches under .cache/: one kind of folder for drawings, chart spec templates, the search
bundle, Jinja's bytecode and the record of the last good build.

An entry is written whole or not at all (a scratch file, then one rename: several builds may fill a
cache at once, and a killed build must not leave half an entry) and made read-only, so a tool that
rewrites site/ in place (where entries are hard-linked) fails loudly instead of poisoning the cache.
A reader checks an entry before trusting it. Keys carry a code version: a hash of the code that
makes the entries and of the libraries that shape them, so changed code never serves a stale entry.
This module imports only the standard library: the no-change build uses it before anything heavy.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

# The libraries whose version shapes the output (a new version may render differently).
LIBRARIES = ("jinja2", "markdown", "pyyaml", "altair", "vl-convert-python", "babel", "pydantic", "nh3", "markupsafe",
             "pagefind-bin")


class Cache:
    """One folder of entries, by name; `writable=False` reads without ever writing (check)."""

    def __init__(self, folder: Path, writable: bool = True) -> None:
        self.folder, self.writable = folder, writable
        self.used: set[str] = set()  # the names this build asked for: what prune() keeps by default
        self._parts: dict[str, Cache] = {}

    def part(self, name: str) -> Cache:
        """The cache of one kind of entry, in its own folder (the same object each time)."""
        if name not in self._parts:
            self._parts[name] = Cache(self.folder / name, self.writable)
        return self._parts[name]

    def reader(self) -> Cache:
        """The same entries, read-only."""
        return Cache(self.folder, writable=False)

    def path(self, name: str) -> Path:
        """Where an entry is (or would be) kept."""
        self.used.add(name)
        return self.folder / name

    def get(self, name: str, whole: Callable[[Path], bytes | None]) -> bytes | None:
        """The entry, if whole() finds it whole (whole reads and checks the file; None when not)."""
        try:
            return whole(self.path(name))
        except OSError:
            return None

    def put(self, name: str, body: bytes) -> Path:
        """Keep body as the entry name (when writable); its path."""
        file = self.path(name)
        if self.writable:
            write_whole(file, body)
            os.chmod(file, 0o444)
        return file

    def prune(self, keep: Callable[[str], bool] | None = None, newest: int | None = None) -> None:
        """Remove the entries keep() refuses (by default: those this build did not use), or all but
        the newest few."""
        if not self.writable or not self.folder.is_dir():
            return
        files = sorted((f for f in self.folder.iterdir() if f.is_file() and not f.name.startswith(".")), key=_age)
        if newest is not None:
            doomed = files[newest:]
        else:
            keep = keep or self.used.__contains__
            doomed = [f for f in files if not keep(f.name)]
        for file in doomed:
            file.unlink(missing_ok=True)


def _age(file: Path) -> float:
    """Newest first; a file another build removed meanwhile counts as oldest."""
    try:
        return -file.stat().st_mtime
    except OSError:
        return 0.0


def write_whole(file: Path, body: bytes) -> None:
    """Write a file whole or not at all: a scratch file, then one rename."""
    file.parent.mkdir(parents=True, exist_ok=True)
    scratch = file.with_name(f".{file.name}.{os.getpid()}.new")
    scratch.unlink(missing_ok=True)
    scratch.write_bytes(body)
    os.replace(scratch, file)


def read_whole(file: Path) -> bytes | None:
    """A file's bytes, or None when it is missing."""
    try:
        return file.read_bytes()
    except OSError:
        return None


def code_version(*files: Path) -> str:
    """A short hash of some files (code, fonts) and of the installed libraries' versions."""
    digest = hashlib.sha256(versions())
    for file in files:
        digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def folders(base: Path, names: list[str], skip: str | None = None, digest: hashlib.blake2b | None = None) -> bytes:
    """A digest of every file (path and bytes) under base/name for each name, but those under skip."""
    digest = digest or hashlib.blake2b(digest_size=20)
    for name in names:
        for path in sorted((base / name).rglob("*")):
            relative = path.relative_to(base).as_posix()
            if path.is_file() and "__pycache__" not in path.parts and not (skip and relative.startswith(skip)):
                digest.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


@functools.cache  # the libraries of a running process do not change
def versions() -> bytes:
    """The installed version of each library, from the names of the `*.dist-info` folders on the path.

    What importlib.metadata.version() reads too, without its import (a third of a no-change build).
    """
    wanted = {_normal(name): name for name in LIBRARIES}
    found = dict.fromkeys(LIBRARIES, "none")
    for folder in reversed(sys.path):  # the first on the path wins, as with imports
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in names:
            if entry.endswith(".dist-info") and "-" in entry:
                name, version = entry.removesuffix(".dist-info").rsplit("-", 1)
                if _normal(name) in wanted:
                    found[wanted[_normal(name)]] = version
    return "\0".join(f"{name}={version}" for name, version in found.items()).encode()


def _normal(name: str) -> str:
    """A distribution's name as packaging compares them: PyYAML, pyyaml and py_yaml are one."""
    return re.sub(r"[-_.]+", "_", name).lower()
