"""Adversarial essays: the cost of checking grows linearly with the input (doubling it at most ~2.5x the time).

Each case is timed at two sizes in one process, never against a fixed number of seconds; the best of a
few runs is taken and a failing ratio is measured again, so a busy machine does not fail the suite.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from loccit.linter.engine import Settings, lint_text
from loccit.rules import RULES

MAX_RATIO = 2.5
SETTINGS = Settings(rules=RULES)


def _seconds(data: bytes, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        lint_text("essay.md", data, SETTINGS)
        best = min(best, time.perf_counter() - start)
    return best


def assert_linear(build: Callable[[int], str], size: int) -> None:
    """Checking build(size) takes at most MAX_RATIO times as long as checking build(size // 2)."""
    small, large = build(size // 2).encode(), build(size).encode()
    ratios = []
    for runs in (2, 3, 5):
        ratio = _seconds(large, runs) / _seconds(small, runs)
        if ratio <= MAX_RATIO:
            return
        ratios.append(round(ratio, 2))
    pytest.fail(f"doubling the input multiplied the time by {ratios}")


HEADINGS: dict[str, Callable[[int], str]] = {
    "atx heading with a run of spaces": lambda n: "# a" + " " * n + "b\n\nText.\n",
    "atx heading with spaced hashes": lambda n: "## Notes" + " #" * (n // 2) + "x\n\n1. a\n",
    "setext heading with a run of tabs": lambda n: "a" + "\t" * n + "b\n===\n",
    "heading with a run of colons and stars": lambda n: "### a" + ":*_." * (n // 4) + "b\n",
}


@pytest.mark.parametrize("build", HEADINGS.values(), ids=HEADINGS.keys())
def test_headings_linear(build: Callable[[int], str]) -> None:
    assert_linear(build, 40_000)


def _notes(n: int) -> str:
    text = "".join(f"Claim {i}.[^{i}]\n\n" for i in range(n))
    return text + "".join(f"[^{i}]: Author {i}, Title (City, 1990), p. {i}.\n" for i in range(n))


def _markers_on_one_line(n: int) -> str:
    return "".join(f"w[^{i}] " for i in range(n)) + "\n\n" + "".join(f"[^{i}]: n\n" for i in range(0, n, 2))


NOTES: dict[str, Callable[[int], str]] = {
    "10,000 notes": _notes,
    "20,000 markers on one line": _markers_on_one_line,
}


@pytest.mark.parametrize(("build", "size"), zip(NOTES.values(), (10_000, 20_000), strict=True), ids=NOTES.keys())
def test_many_notes_linear(build: Callable[[int], str], size: int) -> None:
    assert_linear(build, size)
