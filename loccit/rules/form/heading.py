"""A bibliography or notes heading is written as a heading, `## Bibliography`, not `##Bibliography` (F004)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from loccit.linter.diagnostics import Fix, Rule, Severity, Violation
from loccit.linter.markdown import sections
from loccit.linter.model import Document

# Hashes glued to a word: CommonMark wants a space or tab after them, so the line is a paragraph.
_UNSPACED = re.compile(r"^ {0,3}(#{1,6})(?=[^\s#])([^\n]{1,80})$", re.M)
_GLUED = re.compile(r"#[^\s#]")  # what _UNSPACED needs, as a pattern that starts with a character to look for
_FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})", re.M)
_NAMES = sections.heading_matcher(sections.BIBLIOGRAPHY_HEADINGS + sections.NOTES_HEADINGS)


def _in_fence(text: str, offset: int) -> bool:
    """Whether an offset lies inside fenced code: after an odd number of fence lines."""
    return len(_FENCE.findall(text, 0, offset)) % 2 == 1


def check_unspaced_heading(doc: Document, opts: object) -> Iterator[Violation]:
    """Flag `##Bibliography`: hashes with no space after them make a paragraph, not a heading.

    Only a line naming a bibliography or notes section is checked (`#Sources`, `###Notes`), as
    a hash glued to other words is often a tag (`#history`); without its heading the list of
    works is read as running text, and every rule about the bibliography goes quiet or astray.
    """
    if _GLUED.search(doc.text) is None:
        return  # most essays have no hash glued to a word, and this scan is much faster than the one per line
    for m in _UNSPACED.finditer(doc.text):
        hashes, title = m.group(1), m.group(2)
        if not _NAMES.fullmatch(sections.clean_title(title)) or _in_fence(doc.text, m.start()):
            continue
        at = m.end(1)
        fix = Fix(doc.span(at, at), " ", structural=True)
        message = f'"{hashes}{title.strip()}" is not a heading; put a space after "{hashes}"'
        yield Violation(doc.span(m.start(1), m.end()), message, fix)


UNSPACED_HEADING = Rule(
    "F004",
    "unspaced-heading",
    "Bibliography or notes heading without a space after its hashes",
    check_unspaced_heading,
    Severity.WARNING,
    fixable=True,
)
