"""The build's settings: one small frozen dataclass, from the command line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Config:
    """Where to read, where to write, and the URL the site will be published under."""

    root: Path
    out: Path
    base_url: str = "/"

    @property
    def base_path(self) -> str:
        """The path prefix of every internal link: "/" or "/repo/"."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def site_url(self) -> str:
        """The absolute URL of the site root when known, else the prefix."""
        return self.base_url if self.base_url.endswith("/") else self.base_url + "/"

    @classmethod
    def at(cls, root: Path, out: Path | None = None, base_url: str = "/") -> Config:
        """A config for the project at root, writing to root/site unless told otherwise."""
        root = root.resolve()
        return cls(root=root, out=(out or root / "site").resolve(), base_url=base_url or "/")
