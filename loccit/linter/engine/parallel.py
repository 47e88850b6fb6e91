"""Check many essays in a process pool: same findings, in the same order, as checking them one by one."""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # imported when a pool starts: a single-file check never pays for them
    import multiprocessing.context
    from concurrent.futures import Future

# Below this many files, starting the workers costs more than it saves.
MIN_FILES = 8
# Files per task: big enough to amortise pickling, small enough to balance uneven essays.
MAX_CHUNK = 32
# Tasks in flight per worker: keeps every worker busy while results for at most a few chunks wait.
IN_FLIGHT = 2

R = TypeVar("R")


def default_jobs() -> int:
    """The number of CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _context() -> multiprocessing.context.BaseContext:
    import multiprocessing

    # fork starts a worker in milliseconds with loccit already imported; macOS and Windows cannot fork safely.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


_FORKED: tuple[Callable[[Any], Any], Sequence[Any]] | None = None  # what forked workers inherit


def can_fork() -> bool:
    """Whether workers can inherit parsed documents by forking (Linux), instead of receiving them pickled."""
    return sys.platform.startswith("linux")


def _forked_chunk(start: int, end: int) -> list[Any]:
    assert _FORKED is not None
    function, items = _FORKED
    return [function(item) for item in items[start:end]]


def map_forked(function: Callable[[Any], R], items: Sequence[Any], jobs: int) -> Iterator[R]:
    """function over items in up to `jobs` forked processes, results in order; items reach workers through fork."""
    global _FORKED
    from concurrent.futures import ProcessPoolExecutor

    size = max(1, min(MAX_CHUNK, len(items) // (jobs * 4)))
    _FORKED = (function, items)
    try:
        with ProcessPoolExecutor(jobs, mp_context=_context()) as pool:
            pending: deque[Future[list[R]]] = deque()
            for start in range(0, len(items), size):
                pending.append(pool.submit(_forked_chunk, start, start + size))
                if len(pending) >= jobs * IN_FLIGHT:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
    finally:
        _FORKED = None
