"""A document's YAML front matter: `---` on the first line, closed by `---` or `...` (pandoc's metadata block)."""

from __future__ import annotations

import re
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
