"""The record of the last good build: what it was built from and what it wrote.

`python build.py` with nothing changed since its last good build has nothing to do: the inputs
(data/, content/, templates/, this package's code, the versions of the libraries that shape the
output, and the options) hash the same, and every file it wrote is still there, untouched. Then
the build stops at once, before the heavy imports. Anything else, and it builds as usual.
This module imports only the standard library, so the check costs a few hundredths of a second.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import sys
from pathlib import Path

from sitegen.config import Config

INPUTS = ("data", "content", "templates")
LIBRARIES = ("jinja2", "markdown", "pyyaml", "altair", "vl-convert-python", "babel", "pydantic", "nh3", "markupsafe",
             "pagefind-bin")


def _where(config: Config) -> Path:
    key = hashlib.sha256(str(config.out).encode()).hexdigest()[:16]
    return config.caches / "builds" / f"{key}.json"


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


def fingerprint(config: Config) -> str:
    """A hash of everything a build reads: inputs, code, library versions and options."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{config.base_url}\0".encode())  # the record itself is kept per output folder
    digest.update(versions())
    code = Path(__file__).parents[1]
    folders(config.root, list(INPUTS), digest=digest)
    folders(code.parent, [code.name], digest=digest)
    return digest.hexdigest()


def owned(config: Config) -> bool:
    """True when config.out is the project's site/, or an earlier build of this project wrote it."""
    return config.default_out or _where(config).is_file()


def _written(out: Path) -> dict[str, list[int]]:
    """Size and modification time of every file under out, by its path there."""
    found: dict[str, list[int]] = {}
    folders = [(str(out), "")]
    while folders:  # os.scandir: a directory's entries come with their type, a third of rglob's time
        folder, prefix = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.is_file():
                    stat = entry.stat()
                    found[prefix + entry.name] = [stat.st_size, stat.st_mtime_ns]
    return dict(sorted(found.items()))


def current(config: Config, inputs: str) -> bool:
    """True when the last good build read these very inputs and its files are as it left them."""
    try:
        record = json.loads(_where(config).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (config.out.is_dir() and record.get("fingerprint") == inputs
            and record.get("files") == _written(config.out))


def record(config: Config, inputs: str) -> None:
    """Remember a good build: the fingerprint of its inputs (taken before it read them) and its files."""
    where = _where(config)
    where.parent.mkdir(parents=True, exist_ok=True)
    scratch = where.with_suffix(".new")
    scratch.write_text(json.dumps({"fingerprint": inputs, "files": _written(config.out)}), encoding="utf-8")
    os.replace(scratch, where)
