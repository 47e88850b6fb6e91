"""What the page rules share: their options and the page locators of every note."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Located:
    """A page locator with the offset of its note's text in the document."""

    base: int
    locator: Locator

    def text(self, doc: Document, start: int, end: int) -> str:
        """The document's text between two offsets relative to the note."""
        return doc.text[self.base + start : self.base + end]


def located_pages(doc: Document) -> list[Located]:
    """Every page locator of every note, in document order."""
    return [Located(d.text_start, loc) for d in doc.definitions for loc in page_locators(d.text)]
