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
from importlib import metadata
from pathlib import Path

from .config import Config

INPUTS = ("data", "content", "templates")
LIBRARIES = ("jinja2", "markdown", "pyyaml", "altair", "pandas", "vl-convert-python", "babel", "pydantic", "nh3")


def _where(config: Config) -> Path:
    key = hashlib.sha256(str(config.out).encode()).hexdigest()[:16]
    return config.root / ".cache" / "builds" / f"{key}.json"


def fingerprint(config: Config) -> str:
    """A hash of everything a build reads: inputs, code, library versions and options."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{config.base_url}\0".encode())  # the record itself is kept per output folder
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none\0".encode())
    code = Path(__file__).parent
    files = [(config.root, folder) for folder in INPUTS] + [(code.parent, code.name)]
    for base, folder in files:
        for path in sorted((base / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(base).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _written(out: Path) -> dict[str, list[int]]:
    return {path.relative_to(out).as_posix(): [(s := path.stat()).st_size, s.st_mtime_ns]
            for path in sorted(out.rglob("*")) if path.is_file()}


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
