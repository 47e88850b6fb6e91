"""Memos of pure functions of note text, emptied after each document: several rules ask the same of one note;
and memos of one run, emptied when the next begins: the chapters of a book share its parsed bibliography files.

Data derived from a whole document lives in that document's own cache (`Document.derived`); this module is
for functions that see only a note's text, such as masking its URLs or finding its page locators, and for what
a run works out once for many documents.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

R = TypeVar("R")

_CACHES: list[functools._lru_cache_wrapper[Any]] = []
_RUN_MEMOS: list[dict[Any, Any]] = []
M = TypeVar("M", bound=dict[Any, Any])


def per_document(func: Callable[..., R]) -> functools._lru_cache_wrapper[R]:
    """Remember func's results until the engine finishes the document (unbounded within one essay)."""
    cached = functools.lru_cache(maxsize=None)(func)
    _CACHES.append(cached)
    return cached


def clear() -> None:
    """Forget every result: the engine calls this after each document, so memory stays flat over many files."""
    for cache in _CACHES:
        cache.cache_clear()


def per_run(memo: M) -> M:
    """Register a module's memo (a dict) to be emptied when the next run begins: a long-lived process, or a test
    suite checking thousands of files, keeps one run's parsed files, not every run's."""
    _RUN_MEMOS.append(memo)
    return memo


def clear_run() -> None:
    """Forget what the last run worked out (the engine calls this as a run begins)."""
    for memo in _RUN_MEMOS:
        memo.clear()
