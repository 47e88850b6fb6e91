"""What the page rules share: their options and the page locators of every note."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import NamedTuple

from loccit.linter.citations import page_style
from loccit.linter.citations.locators import Locator, last_visible, locator_of, page_locators
from loccit.linter.citations.prose import in_text_citations
from loccit.linter.markdown.inline import Regions
from loccit.linter.matching.intext import intext_matches
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


def located_intext_pages(doc: Document) -> tuple[Located, ...]:
    """The page locators of the in-text citations ("(Franklin 2013, p. 45)"), in document order.

    An MLA citation ("(Franklin 45)", no year) counts only when it led to an entry: "(Highway 45)" is no citation.
    """

    def compute() -> tuple[Located, ...]:
        cites = [c for intext in in_text_citations(doc) for c in intext.cites if c.pages_at >= 0]
        matched: set[tuple[int, int]] = set()
        if any(cite.year is None for cite in cites):
            matched = {(found.cite.start, found.cite.end) for found in intext_matches(doc) if found.listed is not None}
        found = []
        for cite in cites:
            if cite.pages is not None and (cite.year is not None or (cite.start, cite.end) in matched):
                end = doc.text.find(cite.pages, cite.pages_at, cite.end) + len(cite.pages)
                loc = locator_of(doc.text[cite.pages_at : end])
                if loc is not None:
                    found.append(Located(cite.pages_at, loc))
        return tuple(found)

    return doc.derived("in-text page locators", compute)


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
