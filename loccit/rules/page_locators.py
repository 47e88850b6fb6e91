"""What the page rules share: their options and the page locators of every note."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import NamedTuple

from loccit.linter import page_style
from loccit.linter.locators import Locator, page_locators
from loccit.linter.model import Document


@dataclass(frozen=True)
class PageOptions:
    """Options of the page rules: the style preset ("consistent" follows the essay's own habit)."""

    style: str = "consistent"

    def __post_init__(self) -> None:
        if self.style not in page_style.STYLES:
            choices = ", ".join(page_style.STYLES)
            raise ValueError(f'unknown page style "{self.style}"; expected one of {choices}')


class Located(NamedTuple):  # a named tuple, as Locator is: one per page locator, so built often
    """A page locator with the offset of its note's text in the document."""

    base: int
    locator: Locator

    def text(self, doc: Document, start: int, end: int) -> str:
        """The document's text between two offsets relative to the note."""
        return doc.text[self.base + start : self.base + end]


_LAST: tuple[weakref.ref[Document], tuple[Located, ...]] | None = None


def located_pages(doc: Document) -> tuple[Located, ...]:
    """Every page locator of every note, in document order (worked out once per document: three rules ask)."""
    global _LAST
    if _LAST is not None and _LAST[0]() is doc:
        return _LAST[1]
    found = tuple(Located(d.text_start, loc) for d in doc.definitions for loc in page_locators(d.text))
    _LAST = (weakref.ref(doc), found)
    return found


def located_entry_pages(doc: Document) -> tuple[Located, ...]:
    """The pages of the document's own bibliography entries: an article's "(1973): 374-86" or "pp. 12-30".

    A bare number after a comma is taken for a page only when it cannot be a year: an entry ends "Winter,
    1994-5" or "1917-1991" far more often than it lists pages without a label or a colon.
    """
    return tuple(
        Located(entry.text_start, loc)
        for entry in doc.entries
        for loc in page_locators(entry.text)
        if loc.label or entry.text[: loc.start].rstrip().endswith(":") or not _year(loc.parts[0].first)
    )


def _year(number: str) -> bool:
    return len(number) == 4 and number.isdigit() and 1400 <= int(number) <= 2099
