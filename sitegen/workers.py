"""Worker processes: a pure function mapped over many items on every core.

Used where one build has hundreds of independent pieces of CPU-bound work (drawing charts and
cards, converting thousands of stories' Markdown). Below `from_count` items, or on one core, the
work runs in-process: starting workers costs a few tenths of a second.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def map_on_cores(function: Callable[[T], R], items: list[T], from_count: int, chunksize: int = 4) -> list[R]:
    """[function(item) for item in items], in order; in worker processes when there are many."""
    cores = os.cpu_count() or 1
    if len(items) < from_count or cores == 1:
        return [function(item) for item in items]
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([function.__module__])  # workers import only what they need
    with ProcessPoolExecutor(cores, mp_context=context) as pool:
        return list(pool.map(function, items, chunksize=chunksize))
