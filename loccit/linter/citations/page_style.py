"""Page-label shapes, dash kinds and inclusive numbers (Chicago 9.61-9.66, MHRA) as pure helpers."""

from __future__ import annotations

import functools
from typing import NamedTuple

from loccit.linter.citations.locators import Locator, Part, is_roman

STYLES = ("consistent", "chicago-17", "chicago-18", "turabian", "mhra", "oscola")
CHICAGO = frozenset({"chicago-17", "chicago-18", "turabian"})
_FAMILIES = {"p": "p", "pp": "p", "pg": "pg", "pgs": "pg", "page": "page", "pages": "page"}
_PLURALS = {"p": "pp", "pg": "pgs", "page": "pages"}


class LabelShape(NamedTuple):
    """How a page label is written: its family ("p", "pg", "page", "" when bare), case, dot and space.

    A named tuple, so that counting an essay's habit hashes and compares shapes without Python calls.
    """

    family: str
    case: str = "lower"
    dot: bool = True
    space: bool = True

    def render(self, plural: bool) -> str:
        """The label and its gap as they would precede a page (plural) or pages."""
        if not self.family:
            return ""
        word = _PLURALS[self.family] if plural else self.family
        if self.case == "upper":
            word = word.upper()
        elif self.case == "title":
            word = word[0].upper() + word[1:]
        dot = "." if self.dot and self.family != "page" else ""
        return word + dot + (" " if self.space else "")


BARE = LabelShape("", "lower", False, False)
CHICAGO_LABEL = LabelShape("p")


def shape_of(locator: Locator) -> LabelShape:
    """The shape of a locator's label."""
    return _shape(locator.label, bool(locator.gap))


@functools.lru_cache(maxsize=256)  # a few dozen labels and gaps can be written; LabelShape is frozen
def _shape(label: str, spaced: bool) -> LabelShape:
    """The shape of a label as written, with a gap after it or not."""
    if not label:
        return BARE
    word = label.rstrip(".")
    case = "lower" if word.islower() else "upper" if word.isupper() and len(word) > 1 else "title"
    return LabelShape(_FAMILIES[word.lower()], case, label.endswith("."), spaced)


def is_plural_label(label: str) -> bool:
    """Whether a label is a plural one (pp., pgs., pages)."""
    return label.rstrip(".").lower() in ("pp", "pgs", "pages")


@functools.lru_cache(maxsize=256)  # a few dozen dashes can be written, and page rules ask of every range
def dash_kind(dash: str) -> str:
    """Name a range's dash: "en" (an en dash, or "--" that typesetters turn into one), "hyphen", "em"."""
    core = dash.strip(" \u00a0")
    kind = "en" if core in ("\u2013", "--") else "em" if core == "\u2014" else "hyphen"
    return kind + (" spaced" if core != dash else "")


def range_numbers(part: Part) -> tuple[int, int] | None:
    """A range's first and last page as numbers, the last expanded if abbreviated; None when not numeric."""
    if not part.is_range:
        return None
    first, last = part.first, part.last
    if first.isdigit() and last.isdigit():
        if len(last) < len(first):
            last = first[: len(first) - len(last)] + last
        return int(first), int(last)
    if is_roman(first) and is_roman(last):
        return roman_value(first), roman_value(last)
    return None


def roman_value(word: str) -> int:
    """The value of a well-formed roman numeral."""
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    digits = [values[c] for c in word.lower()]
    return sum(-d if i + 1 < len(digits) and d < digits[i + 1] else d for i, d in enumerate(digits))


def _shortest(first: int, last: int, min_digits: int) -> str:
    """The shortest ending of last, at least min_digits long, that with first's leading figures gives last."""
    head, tail = str(first), str(last)
    if len(head) != len(tail):
        return tail
    for size in range(min_digits, len(tail) + 1):
        if head[: len(head) - size] + tail[len(tail) - size :] == tail:
            return tail[len(tail) - size :]
    return tail


def chicago_last(first: int, last: int) -> str:
    """The second number of a range as Chicago 9.64 abbreviates it (71-72, 101-8, 321-28, 1496-500)."""
    if first < 100 or first % 100 == 0:
        return str(last)
    return _shortest(first, last, 1 if first % 100 < 10 else 2)


def mhra_last(first: int, last: int) -> str:
    """The second number as MHRA writes it: in a hundred, the last two figures (13-15, 104-08, 1933-39)."""
    if first < 100 or first // 100 != last // 100:
        return str(last)
    return str(last)[-2:]


def is_abbreviable(first: int, last: int) -> bool:
    """Whether the second number of a range from 100 on could be shortened at all (274-275, not 296-301)."""
    return 100 <= first < last and len(_shortest(first, last, 1)) < len(str(last))
