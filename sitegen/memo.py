"""Pages remembered between the preview's builds, so that a save re-renders only what it affects.

Every page depends on data/, the site text, chart definitions, prose pages and templates; the home
page, the story list and the stories themselves depend on content/stories/ too. A page is reused
when the fingerprint of what it depends on is unchanged.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

STORY_TEMPLATES = {"home.html", "stories.html", "story.html"}


def _fingerprint(root: Path, folders: list[str], skip: str | None = None) -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            relative = path.relative_to(root).as_posix()
            if path.is_file() and not (skip and relative.startswith(skip)):
                digest.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


@dataclass
class Memo:
    """Rendered pages of earlier builds, each with the fingerprint it was rendered from."""

    pages: dict[tuple[str, str], tuple[bytes, bytes]] = field(default_factory=dict)
    keys: tuple[bytes, bytes] = (b"", b"")

    def refresh(self, root: Path) -> None:
        """Fingerprint the inputs of this build: (everything but stories, stories)."""
        self.keys = (_fingerprint(root, ["data", "content", "templates"], skip="content/stories/"),
                     _fingerprint(root, ["content/stories"]))

    def key(self, template: str) -> bytes:
        return self.keys[0] + (self.keys[1] if template in STORY_TEMPLATES else b"")

    def get(self, path: str, lang: str, template: str) -> bytes | None:
        found = self.pages.get((path, lang))
        return found[1] if found and found[0] == self.key(template) else None

    def put(self, path: str, lang: str, template: str, html: bytes) -> None:
        self.pages[path, lang] = (self.key(template), html)
