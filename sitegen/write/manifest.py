"""The record of the last good build: what it was built from and what it wrote.

`python build.py` with nothing changed since its last good build has nothing to do: the inputs
(data/, content/, templates/, this package's code, the versions of the libraries that shape the
output, and the options) hash the same, and every file it wrote is still there, untouched. Then
the build stops at once, before the heavy imports. Anything else, and it builds as usual.
This module imports only the standard library, so the check costs a few hundredths of a second.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from sitegen.cache import Cache, folders, read_whole, versions
from sitegen.config import Config

INPUTS = ("data", "content", "templates")


def _entry(config: Config) -> tuple[Cache, str]:
    """The cache of build records and this output folder's entry in it."""
    return Cache(config.caches / "builds"), f"{hashlib.sha256(str(config.out).encode()).hexdigest()[:16]}.json"


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
    cache, name = _entry(config)
    return config.default_out or cache.path(name).is_file()


def _written(out: Path) -> dict[str, list[int]]:
    """Size and modification time of every file under out, by its path there."""
    found: dict[str, list[int]] = {}
    pending = [(str(out), "")]
    while pending:  # os.scandir: a directory's entries come with their type, a third of rglob's time
        folder, prefix = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.is_file():
                    stat = entry.stat()
                    found[prefix + entry.name] = [stat.st_size, stat.st_mtime_ns]
    return dict(sorted(found.items()))


def current(config: Config, inputs: str) -> bool:
    """True when the last good build read these very inputs and its files are as it left them."""
    cache, name = _entry(config)
    try:
        record = json.loads(cache.get(name, read_whole) or b"")
    except ValueError:
        return False
    return (config.out.is_dir() and record.get("fingerprint") == inputs
            and record.get("files") == _written(config.out))


def record(config: Config, inputs: str) -> None:
    """Remember a good build: the fingerprint of its inputs (taken before it read them) and its files."""
    cache, name = _entry(config)
    cache.put(name, json.dumps({"fingerprint": inputs, "files": _written(config.out)}).encode("utf-8"))
