"""Check many essays in a process pool: same findings, in the same order, as checking them one by one."""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # imported when a pool starts: a single-file check never pays for them
    import concurrent.futures
    import multiprocessing.context
    from concurrent.futures import Future

# Below this many files, starting the workers costs more than it saves.
MIN_FILES = 8
# Files per task: big enough to amortise pickling, small enough to balance uneven essays.
MAX_CHUNK = 32
# Tasks in flight per worker: keeps every worker busy while results for at most a few chunks wait.
IN_FLIGHT = 2
# More processes than this per CPU only add memory and start-up: the work is CPU-bound.
JOBS_PER_CPU = 4

R = TypeVar("R")


def default_jobs() -> int:
    """The number of CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def max_jobs() -> int:
    """The most processes worth starting: a few per CPU."""
    return default_jobs() * JOBS_PER_CPU


class WorkersFailed(Exception):
    """The worker processes could not be started, or one of them died: no finding is to be trusted."""


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
    """function over items in up to `jobs` forked processes, results in order; items reach workers through fork.

    On any failure, or when the caller stops early, every worker is stopped before the error goes on: none is
    left waiting for work that will never come. A worker that cannot be started or dies is a WorkersFailed.
    """
    global _FORKED
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    jobs = max(1, min(jobs, len(items)))
    size = max(1, min(MAX_CHUNK, len(items) // (jobs * 4)))
    _FORKED = (function, items)
    pool = ProcessPoolExecutor(jobs, mp_context=_context())
    done = False
    try:
        pending: deque[Future[list[R]]] = deque()
        for start in range(0, len(items), size):
            pending.append(pool.submit(_forked_chunk, start, start + size))  # the first submit starts the workers
            if len(pending) >= jobs * IN_FLIGHT:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
        done = True
    except BrokenProcessPool as error:
        raise WorkersFailed("a worker process stopped unexpectedly (out of memory?); try a smaller --jobs") from error
    except OSError as error:  # fork failed: too many processes, or no memory for one more
        detail = error.strerror or error
        raise WorkersFailed(f"cannot start {jobs} worker processes: {detail}; try a smaller --jobs") from error
    finally:
        _FORKED = None
        if done:
            pool.shutdown(wait=True)
        else:
            _stop(pool)


def _stop(pool: concurrent.futures.ProcessPoolExecutor) -> None:
    """Stop every worker of a pool at once: after a failure, nothing waits for their results."""
    # No public way to reach the workers before Python 3.14 (terminate_workers): the pool's own table.
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        if worker.is_alive():
            worker.terminate()
    for worker in workers:
        worker.join(5)
        if worker.is_alive():
            worker.kill()
            worker.join()


def mapped(function: Callable[[Any], R], items: Sequence[Any], jobs: int) -> Iterator[R]:
    """function over items, results in order: in forked workers when there are enough items to pay for them,
    else one at a time in this process (memory stays flat however many items there are)."""
    if jobs > 1 and len(items) >= MIN_FILES and can_fork():
        return iter(map_forked(function, items, jobs))
    return map(function, items)
