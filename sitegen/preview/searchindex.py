"""The preview's search index, made after the pages are written, so a save shows at once."""

from __future__ import annotations

import threading
from pathlib import Path

from sitegen.cache import Cache
from sitegen.errors import BuildError, report
from sitegen.render import search
from sitegen.write import sitedir


class LaterIndex:
    """The preview's search index, made on another thread once a build has written its pages.

    A save shows in the browser without waiting for the index; `pagefind/` follows about half a
    second later, swapped in whole. A newer build's index supersedes one still being made, and an
    index whose pages did not change costs nothing (search.index remembers the last one).
    """

    def __init__(self, cache: Cache | None = None) -> None:
        self.cache = cache  # where search.index keeps the last bundle between runs
        self.lock = threading.Lock()
        self.turn = 0
        self.thread: threading.Thread | None = None
        self.written: dict[str, bytes] = {}

    def __call__(self, out: Path, pages: list) -> None:
        with self.lock:
            self.turn += 1
            self.thread = threading.Thread(target=self._make, args=(self.turn, out, pages), daemon=True)
            self.thread.start()

    def wait(self) -> None:
        """Return once the index of the last build is written."""
        while (thread := self.thread) is not None and thread.is_alive():
            thread.join()

    def _make(self, turn: int, out: Path, pages: list) -> None:
        if turn != self.turn:
            return  # a newer build asked already
        try:
            files = search.index(pages, self.cache)
        except BuildError as exc:
            report(exc.problems, out.name)
            return
        with self.lock:
            if turn == self.turn and (files != self.written or not (out / "pagefind").is_dir()):
                sitedir.replace_site(out / "pagefind", {name.removeprefix("pagefind/"): body
                                                       for name, body in files.items()})
                self.written = files
