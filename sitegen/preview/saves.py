"""Saves under the folders a build reads, each burst of them answered by one rebuild."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from pathlib import Path

import watchfiles


class Saves:
    """A thread that watchfiles tells of saves (inotify, not polling), rebuilding once per burst.

    watchfiles hands over the saves of a burst (an editor writing several files) as one batch once
    the folders have been quiet for QUIET_MS. Saves made during a rebuild wait in watchfiles and
    come after it as one more batch: one rebuild more, never one per file.
    """

    QUIET_MS = 50
    AWAKE_MS = 500  # how often watchfiles reports a quiet spell: the first report says it is watching

    def __init__(self, folders: list[Path], rebuild: Callable[[], object]) -> None:
        self.folders = folders
        self.rebuild = rebuild
        self.stopping = threading.Event()
        self.watching = threading.Event()  # set once a save would be seen
        self.thread = threading.Thread(target=self._listen, name="saves", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=1)  # a rebuild under way is left to finish or die with the process

    def _listen(self) -> None:
        for batch in watchfiles.watch(*self.folders, step=self.QUIET_MS, stop_event=self.stopping,
                                      rust_timeout=self.AWAKE_MS, yield_on_timeout=True):
            self.watching.set()
            if not batch:
                continue
            try:
                self.rebuild()
            except Exception:  # a bug, not bad input (Preview.rebuild reports that): print it, keep serving
                traceback.print_exc()
