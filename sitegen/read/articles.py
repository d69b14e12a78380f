"""The archived articles as the fact-check reads them: their text normalised, their bytes hashed."""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path


def normalise(text: str) -> str:
    """Compose Unicode (NFC) and fold every run of whitespace into one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, as 64 lower-case hex digits."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
