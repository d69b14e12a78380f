"""The one place that writes site/: all files at once, swapped in whole."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from sitegen.cache import write_whole


def replace_site(out: Path, files: Mapping[str, bytes | Path]) -> None:
    """Write files (their bytes, or a link to a file that exists already, such as a cached card)
    into a fresh directory beside out, then swap it in for the old site.

    A file the old site already has, byte for byte, is hard-linked from it instead of written:
    a link costs a tenth of a new file, and most files of a rebuild are unchanged. The social cards
    are hard-linked from the drawing cache. Nothing ever writes into a site's file in place (see
    Incremental: a changed file is a new file renamed over the old), so linked files never change.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        made = {fresh}
        for name in sorted(files):
            target = fresh / name
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            body = files[name]
            if isinstance(body, Path):
                link(body, target)
            elif not _linked(out / name, body, target):
                target.write_bytes(body)
        os.chmod(fresh, 0o755)
        old = out.parent / f".{out.name}.old"
        shutil.rmtree(old, ignore_errors=True)
        if out.exists():
            os.replace(out, old)
        os.replace(fresh, out)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def link(source: Path, target: Path) -> None:
    """target as a hard link to source, or a copy where the file system cannot link (another disk)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _linked(old: Path, body: bytes, target: Path) -> bool:
    """Hard-link old to target if old holds exactly body; False when it does not or cannot."""
    try:
        if old.stat().st_size != len(body) or old.read_bytes() != body:
            return False
        os.link(old, target)
    except OSError:  # no old file, or a file system without hard links
        return False
    return True


class Incremental:
    """The preview's writer: the first build swaps in whole, later ones write only what changed.

    It remembers a digest of every file it wrote, so an unchanged page costs nothing; each changed
    file is replaced atomically, and files no longer built are removed.
    """

    def __init__(self) -> None:
        self.written: dict[str, bytes] = {}

    def __call__(self, out: Path, files: Mapping[str, bytes | Path]) -> None:
        # A cached file is named by its content: its path stands for its digest.
        digests = {name: f"={body}".encode() if isinstance(body, Path)
                   else hashlib.blake2b(body, digest_size=16).digest() for name, body in files.items()}
        if not self.written or not out.is_dir():
            replace_site(out, files)
        else:
            for name in sorted(digests):
                if self.written.get(name) != digests[name]:
                    body = files[name]
                    if isinstance(body, Path):
                        _link_whole(body, out / name)
                    else:
                        write_whole(out / name, body)
            for name in sorted(set(self.written) - set(digests)):
                (out / name).unlink(missing_ok=True)
        self.written = digests


def _link_whole(cached: Path, target: Path) -> None:
    """Link (or copy) a cached file to target whole: a scratch name, then one rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.with_name(f".{target.name}.new")
    scratch.unlink(missing_ok=True)  # a leftover may be a link to a cached card: never write into it
    link(cached, scratch)
    os.replace(scratch, target)
