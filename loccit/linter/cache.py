"""Memos of pure functions of note text, emptied after each document: several rules ask the same of one note.

Data derived from a whole document lives in that document's own cache (`Document.derived`); this module is
for functions that see only a note's text, such as masking its URLs or finding its page locators.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

R = TypeVar("R")

_CACHES: list[functools._lru_cache_wrapper[Any]] = []


def per_document(func: Callable[..., R]) -> functools._lru_cache_wrapper[R]:
    """Remember func's results until the engine finishes the document (unbounded within one essay)."""
    cached = functools.lru_cache(maxsize=None)(func)
    _CACHES.append(cached)
    return cached


def clear() -> None:
    """Forget every result: the engine calls this after each document, so memory stays flat over many files."""
    for cache in _CACHES:
        cache.cache_clear()
