"""The one place that writes site/: all files at once, swapped in whole."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def replace_site(out: Path, files: dict[str, bytes]) -> None:
    """Write files into a fresh directory beside out, then swap it in for the old site."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        for name, body in sorted(files.items()):
            target = fresh / name
            target.parent.mkdir(parents=True, exist_ok=True)
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
