"""The build's settings: one small frozen dataclass, from the command line, checked before use."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sitegen.errors import BuildError, Problem
from sitegen.messages import say
from sitegen.urls import Urls

# Folders a build reads or that hold the project itself: the output may be none of them, lie
# inside none of them, and contain none of them.
PROTECTED = ("data", "content", "templates", "sitegen", "tests", "bench", ".git", ".github", ".cache")
_URL = re.compile(r"^https?://[^/\s]+(/\S*)?$")


@dataclass(frozen=True)
class Config:
    """Where to read, where to write, the URL the site will be published under, and the caches."""

    root: Path
    out: Path
    base_url: str = "/"
    cache: Path | None = None  # .cache/ under root unless given, or set in SITEGEN_CACHE
    published: str | None = None  # what readers saw: a git reference, "none" if never published, None: origin/main

    @functools.cached_property  # asked for every link of every page
    def base_path(self) -> str:
        """The path prefix of every internal link: "/" or "/repo/"."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @functools.cached_property
    def urls(self) -> Urls:
        """Addresses of pages and files under the base path."""
        return Urls(self.base_path, self.site_url if "://" in self.base_url else "")

    @property
    def site_url(self) -> str:
        """The absolute URL of the site root when known, else the prefix."""
        return self.base_url if self.base_url.endswith("/") else self.base_url + "/"

    @property
    def caches(self) -> Path:
        """The folder of caches: drawings, compiled templates, build records."""
        return self.cache or self.root / ".cache"

    @property
    def default_out(self) -> bool:
        """True when the output is the project's own site/ folder."""
        return self.out == self.root / "site"

    @classmethod
    def at(cls, root: Path, out: Path | None = None, base_url: str = "/", cache: Path | None = None,
           published: str | None = None) -> Config:
        """A config for the project at root, writing to root/site unless told otherwise.

        Raise BuildError when the output folder would overwrite the project or the base URL
        would break every link.
        """
        root = root.resolve()
        cache = cache or (Path(os.environ["SITEGEN_CACHE"]) if os.environ.get("SITEGEN_CACHE") else None)
        published = published or os.environ.get("SITEGEN_PUBLISHED") or None
        config = cls(root=root, out=(out or root / "site").resolve(), base_url=base_url or "/", cache=cache,
                     published=published)
        problems = [*_check_out(config), *_check_base_url(config.base_url)]
        if problems:
            raise BuildError(problems)
        return config


def _check_out(config: Config) -> list[Problem]:
    out, root = config.out, config.root
    shown = str(out) if not out.is_relative_to(root) else (out.relative_to(root).as_posix() or ".")
    if out == root or root.is_relative_to(out):
        return [Problem("--out", 0, 0, say("out_contains_project", out=shown))]
    for name in PROTECTED:
        if out.is_relative_to(root / name):
            return [Problem("--out", 0, 0, say("out_inside_input", out=shown, folder=name))]
    return []


def _check_base_url(base_url: str) -> list[Problem]:
    if (base_url.startswith("/") and not base_url.startswith("//")) or _URL.match(base_url):
        return []
    return [Problem("--base-url", 0, 0, say("base_url_form", url=base_url))]
