"""A document's YAML front matter: `---` on the first line, closed by `---` or `...` (pandoc's metadata block);
and the metadata blocks pandoc also reads further down, each after a blank line."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$\n?", re.M)


class FrontMatter(NamedTuple):
    """Where the YAML text of the front matter starts and ends, and where the whole block ends."""

    start: int
    end: int
    block_end: int


def find_front_matter(text: str) -> FrontMatter | None:
    """The front matter of a document, or None (pandoc wants no blank line right after the opening `---`)."""
    if not text.startswith("---") or text[3:4] not in ("\n", " ", "\t"):
        return None
    first = text.find("\n")
    if first < 0 or text[3:first].strip() or text[first + 1 : first + 2] in ("\n", ""):
        return None
    close = _CLOSE.search(text, first + 1)
    return FrontMatter(first + 1, close.start(), close.end()) if close else None


_OPEN = re.compile(r"^---[ \t]*\n(?=[ \t]*\S)", re.M)


def later_blocks(text: str, floor: int, skipped: Callable[[int], bool]) -> list[FrontMatter]:
    """YAML metadata blocks after the front matter, as pandoc finds them: a `---` line opening a block (after a
    blank line), a non-blank line next (else it is a rule), closed by `---` or `...`; not in code."""
    found: list[FrontMatter] = []
    pos = floor
    while (match := _OPEN.search(text, pos)) is not None:
        start = match.start()
        pos = match.end()
        if skipped(start) or not (start == floor or text[max(floor, start - 2) : start].endswith("\n\n")):
            continue
        close = _CLOSE.search(text, match.end())
        if close is None:
            break
        found.append(FrontMatter(match.end(), close.start(), close.end()))
        pos = close.end()
    return found
