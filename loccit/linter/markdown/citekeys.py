"""Pandoc citations in the text, read as pandoc's citation parser reads them.

A key starts with a letter, digit or `_` and runs on over letters, digits and `_`, and over single punctuation
characters among `:.#$%&-+?<>~/` that stand between two of them (`:/` and `//` as in URLs too); anything else ends
it, so `@Smith2019:` cites `Smith2019` and `@duquette_share--income` cites `duquette_share`. `@{…}` takes any
key. A `-` before the `@` suppresses the author. An `@` after a letter or digit (an e-mail address) or after a
backslash is not a citation, nor one in code, math, HTML tags and comments, URLs, links (`[@key](url)`) or
bracketed spans (`[@key]{.class}`). Quarto cross-references (`@fig-map`, `@tbl-x`, `@sec-x`, `@eq-x`, ...)
and pandoc-crossref's (`@fig:map`) are kept apart, and so is `@key.` opening a paragraph, which pandoc's
example lists take as an item's label.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from loccit.linter.markdown.inline import Regions
from loccit.linter.model import Citekey, Span
from loccit.linter.patterns import LazyPattern

_INTERNAL = ":.#$%&-+?<>~/"
# Quarto's cross-reference prefixes (figures, tables, listings, equations, sections, theorems and the like,
# callouts) and pandoc-crossref's: a key opening with one is a cross-reference, never a citation.
CROSS_REFERENCE_PREFIXES = frozenset(
    "fig tbl lst eq sec thm lem cor prp cnj def exm exr sol rem prf alg tip nte wrn imp cau apx".split()
)
_CROSS_REFERENCE = LazyPattern(r"(" + "|".join(sorted(CROSS_REFERENCE_PREFIXES)) + r")[-:][\w]", re.I)
# Where a key the writer typed may run on: what pandoc's key allows, internal punctuation repeated too.
_WRITTEN = re.compile(r"[\w:.#$%&+?<>~/-]*")
_TRAILING = ":.#$%&-+?<>~/"
_DISPLAY_MATH = re.compile(r"\$\$.+?\$\$", re.S)
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?![\s$])(?:[^$\\\n]|\\.|\n(?![ \t]*\n))*?(?<![\s\\])\$(?!\d)")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
_TEMPLATE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
# An example list item's marker at a paragraph's start: `@label.` or `@label)` (and `(@label)`) then a space.
_EXAMPLE = re.compile(r"[ ]{0,3}(\()?@([\w-]+)(?(1)\)|[.)])[ \t]")


def _regchar(char: str) -> bool:
    return char.isalnum() or char == "_"


def read_key(text: str, pos: int) -> tuple[str, int] | None:
    """The key pandoc reads after an `@` at pos - 1, and where it ends; None when no key starts there."""
    if pos >= len(text):
        return None
    if text[pos] == "{":
        depth, end = 0, pos
        while end < len(text):
            char = text[end]
            if char.isspace():
                return None
            depth += (char == "{") - (char == "}")
            end += 1
            if depth == 0:
                return (text[pos + 1 : end - 1], end) if end - pos > 2 else None
        return None
    if not _regchar(text[pos]):
        return None
    end = pos + 1
    size = len(text)
    while end < size:
        char = text[end]
        if _regchar(char):
            end += 1
        elif char in _INTERNAL and end + 1 < size and _regchar(text[end + 1]):
            end += 2
        elif char in ":/" and end + 1 < size and text[end + 1] == "/":
            end += 1
        else:
            break
    return text[pos:end], end


def written_key(text: str, pos: int) -> str:
    """The key as the writer may have meant it: the run of key characters from pos, trailing punctuation off."""
    match = _WRITTEN.match(text, pos)
    return match.group().rstrip(_TRAILING) if match else ""


def math_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """TeX math between dollars (`$x$`, `$$x$$`), HTML tags, and template tags (`{% … %}`, `{{ … }}`)."""
    if "$" not in text and "<" not in text and "{" not in text:
        return []
    spans = [m.span() for m in _DISPLAY_MATH.finditer(text, start, end)]
    display = Regions(spans)
    spans.extend(m.span() for m in _INLINE_MATH.finditer(text, start, end) if m.start() not in display)
    spans.extend(m.span() for m in _HTML_TAG.finditer(text, start, end))
    spans.extend(m.span() for m in _TEMPLATE.finditer(text, start, end))
    return spans


def _bracket(text: str, at: int) -> tuple[int, int] | None:
    """The innermost brackets around at in its paragraph, as (offset of "[", offset of "]"), or None."""
    depth = 0
    pos = at - 1
    low = max(0, at - 600)
    while pos >= low:
        char = text[pos]
        if char == "]":
            depth += 1
        elif char == "[" and (pos == 0 or text[pos - 1] != "\\"):
            if depth == 0:
                break
            depth -= 1
        elif char == "\n" and text[pos + 1 : at].lstrip(" \t").startswith("\n"):
            return None
        pos -= 1
    else:
        return None
    if text[pos + 1 : pos + 2] == "^":
        return None  # a note's label or an inline note: the citation stands in its text
    close = at
    depth = 0
    high = min(len(text), at + 600)
    while close < high:
        char = text[close]
        if char == "[":
            depth += 1
        elif char == "]":
            if depth == 0:
                return pos, close
            depth -= 1
        elif char == "\n" and text[close + 1 : close + 80].lstrip(" \t").startswith("\n"):
            return None
        close += 1
    return None


def _paragraph_start(text: str, line_start: int, floor: int) -> bool:
    """Whether the line at line_start opens a paragraph: the document's (or front matter's) end, or a blank line."""
    if line_start <= floor:
        return True
    previous = max(floor, text.rfind("\n", floor, line_start - 1) + 1)
    return not text[previous : line_start - 1].strip()


def example_labels(text: str, skipped: Callable[[int], bool], floor: int) -> dict[str, int]:
    """Labels of pandoc example list items at paragraph starts (`(@good)`, `@good.`), with the offset of their `@`."""
    labels: dict[str, int] = {}
    for match in re.finditer(r"^[ ]{0,3}\(?@[\w-]+[.)][ \t]", text[floor:], re.M):
        start = floor + match.start()
        m = _EXAMPLE.match(text, start)
        if m is None or skipped(start) or not _paragraph_start(text, start, floor):
            continue
        labels.setdefault(m.group(2), text.index("@", start))
    return labels


class Found:
    """The citations, cross-references and example items of a document, in text order."""

    def __init__(self) -> None:
        self.citations: list[Citekey] = []
        self.cross_references: list[Citekey] = []
        self.example_items: list[Citekey] = []


def scan(text: str, skipped: Regions, floor: int, span: Callable[[int, int], Span]) -> Found:
    """Every pandoc citation outside the skipped regions, from floor (the end of the front matter) on."""
    found = Found()
    if "@" not in text:
        return found
    extra = Regions(math_regions(text, floor, len(text)))

    def skip(offset: int) -> bool:
        return offset in skipped or offset in extra

    examples = example_labels(text, skip, floor)
    example_at = set(examples.values())
    pos = text.find("@", floor)
    while pos >= 0:
        _one(text, pos, skip, examples, example_at, span, found)
        pos = text.find("@", pos + 1)
    return found


def _one(
    text: str,
    pos: int,
    skip: Callable[[int], bool],
    examples: dict[str, int],
    example_at: set[int],
    span: Callable[[int, int], Span],
    found: Found,
) -> None:
    start = pos - 1 if pos > 0 and text[pos - 1] == "-" else pos
    before = text[start - 1] if start > 0 else ""
    if (before and (_regchar(before) or before == "\\")) or skip(pos):
        return
    read = read_key(text, pos + 1)
    if read is None:
        return
    key, end = read
    braced = text[pos + 1] == "{"
    if pos in example_at:
        if text[pos - 1 : pos] == "(":
            return  # `(@good)`: an example list item on purpose
        label = re.match(r"[\w-]+", text[pos + 1 :])
        found.example_items.append(Citekey(label.group() if label else key, span(pos, end), False, key))
        return
    if text[start - 1 : start] == "(" and text[end : end + 1] == ")" and key in examples:
        return  # `(@good)`: a reference to the example labelled good
    bracket = _bracket(text, start)
    if bracket is not None:
        follow = text[bracket[1] + 1 : bracket[1] + 2]
        if follow in ("(", "{") or (follow == ":" and text[bracket[0] - 1 : bracket[0]] in ("", "\n")):
            return  # a link, a bracketed span, or a link reference definition
    written = key if braced else written_key(text, pos + 1)
    citekey = Citekey(key, span(start, end), bracket is not None, written)
    if not braced and _CROSS_REFERENCE.match(key):
        found.cross_references.append(citekey)
    else:
        found.citations.append(citekey)
