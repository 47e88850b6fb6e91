"""An essay's habit: the choice it makes most often, ties going to the one made first."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from typing import TypeVar

T = TypeVar("T", bound=Hashable)


def habit(values: Iterable[T]) -> T | None:
    """The most common value; ties go to the one used first."""
    counts: Counter[T] = Counter()
    first: dict[T, int] = {}
    for index, value in enumerate(values):
        counts[value] += 1
        first.setdefault(value, index)
    if not counts:
        return None
    return max(counts, key=lambda value: (counts[value], -first[value]))
