"""Pages remembered between the preview's builds, so that a save re-renders only what it affects.

Every page depends on data/, the site text, chart definitions, prose pages and templates; the home
page, the story list, the search page and the stories themselves depend on content/stories/ too.
A page is reused when the fingerprint of what it depends on is unchanged. The fingerprint is taken
before the build reads anything, so a save that lands during a build is seen by the next one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sitegen.cache import folders
from sitegen.model.pages import STORY_TEMPLATES


@dataclass
class Memo:
    """Rendered pages of earlier builds, each with the fingerprint it was rendered from."""

    pages: dict[tuple[str, str], tuple[bytes, bytes]] = field(default_factory=dict)
    inputs: tuple[bytes, bytes] = (b"", b"")

    def refresh(self, root: Path) -> None:
        """Fingerprint the inputs of the coming build: (everything but stories, stories)."""
        self.inputs = (folders(root, ["data", "content", "templates"], skip="content/stories/"),
                       folders(root, ["content/stories"]))

    def key(self, template: str) -> bytes:
        """The fingerprint a page rendered from template depends on."""
        return self.inputs[0] + (self.inputs[1] if template in STORY_TEMPLATES else b"")

    def get(self, path: str, lang: str, template: str) -> bytes | None:
        """The page as rendered before, if its inputs are unchanged."""
        found = self.pages.get((path, lang))
        return found[1] if found and found[0] == self.key(template) else None

    def put(self, path: str, lang: str, template: str, html: bytes) -> None:
        """Remember a rendered page with the fingerprint of its inputs."""
        self.pages[path, lang] = (self.key(template), html)
