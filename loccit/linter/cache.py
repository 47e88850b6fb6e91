"""Caches that live for one document: several rules ask the same question of the same note."""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

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


_OF_DOCUMENT: dict[tuple[int, Hashable], tuple[weakref.ref[Any], Any]] = {}


def of_document(doc: Any, key: Hashable, compute: Callable[[], R]) -> R:
    """compute()'s result for this document and key, worked out once while the document lives.

    Documents are not hashable and rules may run outside the engine (a project's B002, `loccit sources`), so
    results are kept by the document's identity, checked through a weak reference and dropped with it.
    """
    slot = (id(doc), key)
    cached = _OF_DOCUMENT.get(slot)
    if cached is not None and cached[0]() is doc:
        return cast(R, cached[1])
    value = compute()
    _OF_DOCUMENT[slot] = (weakref.ref(doc), value)
    weakref.finalize(doc, _OF_DOCUMENT.pop, slot, None)
    return value
