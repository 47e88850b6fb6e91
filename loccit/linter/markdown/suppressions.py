"""Suppression comments (`<!-- loccit-disable… -->`) as the parser finds them: where each is, its kind, its codes."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from loccit.linter.markdown.blocks import Block
from loccit.linter.markdown.inline import Regions, code_regions
from loccit.linter.model import Comment, Definition, Entry, Section, Span
from loccit.linter.patterns import LazyPattern

KINDS = ("disable-next-line", "disable-line", "disable-file", "disable", "enable")
DIRECTIVE = LazyPattern(r"<!--[ \t]*loccit-([A-Za-z-]*)((?:[ \t,]+[\w-]+)*)[ \t]*-->")
_MARK = "loccit-"  # every comment holds it: a text without it has none, and most essays are spared the scan


def find_comments(text: str, blocks: list[Block], span: Callable[[int, int], Span]) -> tuple[Comment, ...]:
    """Every suppression comment of the text that is not inside code."""
    if _MARK not in text:
        return ()
    code = Regions(code_regions(text, blocks, comments=False))
    found = []
    for m in DIRECTIVE.finditer(text):
        if m.start() not in code:
            codes = tuple(c for c in re.split(r"[\s,]+", m.group(2)) if c)
            found.append(Comment(m.group(1).lower(), codes, span(m.start(), m.end())))
    return tuple(found)


def without_trailing(text: str) -> str:
    """A note's or entry's text without the suppression comments at its end (scanned from the end, linearly)."""
    end = len(text.rstrip())
    while text.endswith("-->", 0, end):
        start = text.rfind("<!--", 0, end)
        if start < 0 or not DIRECTIVE.fullmatch(text, start, end):
            break
        end = start
        while end > 0 and text[end - 1].isspace():
            end -= 1
    return text if end == len(text.rstrip()) else text[:end]


Item = TypeVar("Item", Definition, Entry)


def _stripped(item: Item) -> Item:
    text = without_trailing(item.text)
    return item if text == item.text else item._replace(text=text)


def strip_trailing(
    text: str, definitions: Sequence[Definition], sections: Sequence[Section]
) -> tuple[tuple[Definition, ...], tuple[Section, ...]]:
    """Notes and entries without the suppression comments that end them, so rules read only the citation."""
    if _MARK not in text:
        return tuple(definitions), tuple(sections)
    return (
        tuple(_stripped(d) for d in definitions),
        tuple(s._replace(entries=tuple(_stripped(e) for e in s.entries)) for s in sections),
    )
