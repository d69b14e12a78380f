"""Where things are: one page's address in one edition, and the files every edition shares.

The first language's edition sits at the site's root, every other under its own folder ("en/"),
so a page's path ("indicators/x/") is the same in each edition; the base path ("/" or "/repo/")
comes before everything when the site is not served from a domain's root.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGS = ("vi", "en")  # the site's editions: the first at the root, every other under its own folder


def edition(path: str, lang: str) -> str:
    """A path inside one language's edition: ("indicators/x/", "en") -> "en/indicators/x/"."""
    return path if lang == LANGS[0] else f"{lang}/{path}"


def split(path: str) -> tuple[str, str]:
    """The other way: "en/indicators/x/" -> ("indicators/x/", "en"); "indicators/x/" -> (…, "vi")."""
    lang = next((code for code in LANGS[1:] if path.startswith(f"{code}/")), LANGS[0])
    return (path.removeprefix(f"{lang}/") if lang != LANGS[0] else path), lang


@dataclass(frozen=True)
class Urls:
    """Addresses under the site's base path."""

    base_path: str = "/"
    site: str = ""  # the absolute address of the site's root, when it is known ("https://…/repo/")

    def page(self, path: str, lang: str) -> str:
        """A page in one edition: "indicators/x/" -> "/en/indicators/x/"."""
        return self.base_path + edition(path, lang)

    def asset(self, path: str) -> str:
        """A file both editions share: stylesheet, icon, CSV and JSON downloads."""
        return self.base_path + path
