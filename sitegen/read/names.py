"""Provinces a reporter writes by name, and the id each name means.

Data files name a province by its id (bac-kan), but a reporter copying from an article writes its
name: "Bắc Ninh", "Bac Ninh", "tỉnh Bắc Ninh", or an old spelling, "Bắc Cạn". Names are compared
without diacritics, case or the word for province, and a near spelling counts.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

_GENERIC = re.compile(r"\b(?:tinh|thanh pho|tp|province|city)\b")
_CLOSE = 0.75  # "bac-can" is 0.86 of "bac-kan"; "bac-ninh" only 0.53


def folded(text: str) -> str:
    """A name as an id would spell it: "Tỉnh Bắc Cạn" -> "bac-can"."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    bare = bare.replace("đ", "d").replace("Đ", "D").casefold()
    bare = _GENERIC.sub(" ", re.sub(r"[^a-z0-9]+", " ", bare))
    return "-".join(bare.split())


class Names:
    """The ids of the provinces, found by what a reporter may write for them."""

    def __init__(self, provinces: Iterable[tuple[str, Iterable[str]]]) -> None:
        self.by_name: dict[str, str] = {}
        self.shown: dict[str, str] = {}  # id -> the name to show beside it
        for pid, names in provinces:
            names = list(names)
            self.shown[pid] = names[0] if names else pid
            for name in (pid, *names):
                self.by_name.setdefault(folded(name), pid)

    def meant(self, written: str) -> list[str]:
        """The ids written may mean: the one whose name it is, else the nearest spellings (none if no name is near)."""
        key = folded(written)
        if key in self.by_name:
            return [self.by_name[key]]
        close = difflib.get_close_matches(key, self.by_name, n=3, cutoff=_CLOSE)
        return list(dict.fromkeys(self.by_name[name] for name in close))

    @property
    def ids(self) -> list[str]:
        return sorted(set(self.by_name.values()))
