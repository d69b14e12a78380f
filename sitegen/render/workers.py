"""Worker processes: a pure function mapped over many items on every core.

Used where one build has hundreds of independent pieces of CPU-bound work (drawing charts and
cards, converting thousands of stories' Markdown). Below `from_count` items, or on one core, the
work runs in-process: starting workers costs a few tenths of a second.

`on_forks` splits work over copies of this process instead, for work on what cannot be sent to
another process (the model and the templates): a fork shares them as they are.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
import warnings
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Generic, TypeVar

COPY_PATIENCE = 10.0  # seconds a forked copy is waited for at least, once this process's share is done
T = TypeVar("T")
R = TypeVar("R")


def map_on_cores(function: Callable[[T], R], items: list[T], from_count: int, chunksize: int = 4) -> list[R]:
    """[function(item) for item in items], in order; in worker processes when there are many."""
    with Background(function, [items], from_count, chunksize) as work:
        return work.results(0)


class Background(Generic[T, R]):
    """function mapped over groups of items, started at once on one worker process per core.

    The groups are queued in order, so the first group's results come first; `results(n)` waits for
    group n only, and the caller works on meanwhile. With fewer than `from_count` items in all, or
    one core, each group is mapped in-process when asked for. Leaving the `with` block stops the
    workers, dropping work nobody asked for (after a failure elsewhere in the build).
    """

    def __init__(self, function: Callable[[T], R], groups: list[list[T]], from_count: int, chunksize: int = 4):
        self.function, self.groups, self.chunksize = function, list(groups), chunksize
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list[list[Future]] = []
        cores = os.cpu_count() or 1
        if sum(map(len, groups)) >= from_count and cores > 1:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([function.__module__])  # workers import only what they need
            self.pool = ProcessPoolExecutor(cores, mp_context=context)
            self.futures = [self._submit(group) for group in groups]

    def add(self, items: list[T]) -> int:
        """Queue one more group, after the others, on the workers that are still there (in-process
        when asked for, if there are none): its number, for `results`."""
        self.groups.append(items)
        if self.pool is not None:
            self.futures.append(self._submit(items))
        return len(self.groups) - 1

    def _submit(self, items: list[T]) -> list[Future]:
        assert self.pool is not None
        return [self.pool.submit(_chunk, self.function, items[start:start + self.chunksize])
                for start in range(0, len(items), self.chunksize)]

    def results(self, n: int) -> list[R]:
        """function(item) for each item of group n, in order."""
        if self.pool is None:
            return [self.function(item) for item in self.groups[n]]
        return [result for future in self.futures[n] for result in future.result()]

    def __enter__(self) -> Background[T, R]:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _chunk(function: Callable[[T], R], items: list[T]) -> list[R]:
    return [function(item) for item in items]


def on_forks(function: Callable[[T], R], items: list[T], from_count: int) -> list[R]:
    """[function(item) for item in items], in order; every other item on a forked copy of this process
    when there are many items and a second core.

    The copy shares everything built so far, so nothing is sent to it; only its results come back,
    and it leaves at once (no clean-up of what it copied). A fork copies only the calling thread, so
    function must need nothing another thread may hold (rendering pages needs none: the preview's
    server and watcher threads keep to their own). Should the copy fail, or not answer well after
    this process has done its own share, it is stopped and this process does its share too: the same
    result, later.
    """
    if len(items) < from_count or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        return [function(item) for item in items]
    receiver, sender = multiprocessing.Pipe(duplex=False)
    with warnings.catch_warnings():  # Python 3.12+ warns of forking beside threads; see above
        warnings.filterwarnings("ignore", "This process .* is multi-threaded", DeprecationWarning)
        child = os.fork()
    if child == 0:  # the copy: its share, sent back, then gone
        try:
            receiver.close()
            sender.send([function(item) for item in items[1::2]])
        finally:
            os._exit(0)
    sender.close()
    theirs: list[R] | None = None
    try:
        started = time.perf_counter()
        mine = [function(item) for item in items[::2]]
        if receiver.poll(max(COPY_PATIENCE, 3 * (time.perf_counter() - started))):
            try:
                theirs = receiver.recv()
            except (EOFError, OSError):
                pass
    finally:
        receiver.close()  # a copy still sending stops
        if theirs is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
    if theirs is None:
        theirs = [function(item) for item in items[1::2]]
    merged: list[R] = [None] * len(items)  # type: ignore[list-item]
    merged[::2], merged[1::2] = mine, theirs
    return merged
