"""What the page rules share: their options and the page locators of every note."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import NamedTuple

from loccit.linter.citations import page_style
from loccit.linter.citations.locators import Locator, last_visible, page_locators
from loccit.linter.markdown.inline import Regions
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

    A bare number after a comma counts only below 1000 and outside a title ("In *Essays*, 209–19."): there a
    four-digit one is far more often a year ("Winter, 1994-5"; "*England, 1075–1225*") than a page. One
    inside an inline note `^[…]` is the note's, and read with the notes.
    """
    inline = Regions((d.span.start, d.span.end) for d in doc.definitions if d.inline)
    found = []
    for entry in doc.entries:
        for loc in page_locators(entry.text):
            if not (loc.label or last_visible(entry.text, loc.start) == ":" or _bare_page(entry.text, loc)):
                continue
            offset = entry.text_start + loc.start
            if offset not in inline:
                found.append(Located(entry.text_start, loc))
    return tuple(found)


def _bare_page(text: str, loc: Locator) -> bool:
    """Whether an unlabelled locator in an entry reads as pages: under 1000, and not closing a title."""
    after = text[loc.end : loc.end + 2].lstrip(" .,")[:1]
    return len(loc.parts[0].first) <= 3 and after not in _TITLE_CLOSERS


_TITLE_CLOSERS = ("*", "_", "\u201d", "\u2019", '"', "'")
