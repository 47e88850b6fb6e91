"""Bibliography sections with their entries, and the numbered notes section of numeric essays."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence

from loccit.linter.markdown.blocks import Block
from loccit.linter.model import Definition, Entry, Heading, Section, Span
from loccit.linter.patterns import LazyPattern

BIBLIOGRAPHY_HEADINGS = (
    r"(?:select(?:ed)?\s+|annotated\s+|general\s+)?bibliography",
    r"works\s+(?:cited|consulted)",
    r"references(?:\s+and\s+further\s+reading)?",
    r"reference\s+list",
    r"(?:list\s+of\s+)?sources(?:\s+(?:cited|consulted))?",
    r"literature(?:\s+cited)?",
    r"(?:[\w-]+\s+){1,2}sources",
)
NOTES_HEADINGS = (r"(?:end|foot)?notes(?:\b.*)?", r"references")
_TRIMMED_MARKS = frozenset("*_#\\:.")
_LIST_ITEM = LazyPattern(r"( {0,3})(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
# An entry starts with a quoted or emphasised title, or with a name or title up to a comma or period; a
# line such as "Prague: Castle Administration, 1997." or "Translated by A. Brown." continues the previous one.
_ENTRY_START = LazyPattern(
    r"[“\"‘'*_][^\n]{0,60}|—{2,3}|(?!(?:Translated|Edited|Trans|Ed|Eds|Reprint(?:ed)?|Accessed|Retrieved|In|Vol)\b)"
    r"[A-Z\u00c0-\u024f][^,:\n]{0,60}[,.]"
)
_LAZY_AUTHOR = LazyPattern(r"[A-Z\u00c0-\u024f][\w'’\-]{1,30}(?: [\w'’\-]{1,30}){0,2}, [A-Z\u00c0-\u024f]")
_NOTE_ITEM = LazyPattern(r" {0,3}(?:\[(\d{1,6})\]|\*\*(\d{1,6})\.?\*\*|(?P<bare>\d{1,6})[.)](?=[ \t]|$))[ \t]*")
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")

SpanOf = Callable[[int, int], Span]


def heading_matcher(patterns: Sequence[str]) -> re.Pattern[str]:
    """Compile heading-name patterns into one case-insensitive full-match expression."""
    return re.compile(r"(?:" + "|".join(patterns) + r")", re.I)


def clean_title(title: str) -> str:
    """A heading's words without emphasis marks, closing hashes or a trailing colon."""
    # A loop, not `^[\s*_#:.]+|[\s*_#:.]+$`: that search backtracks over each run of blanks (quadratic).
    start, end = 0, len(title)
    while start < end and (title[start].isspace() or title[start] in _TRIMMED_MARKS):
        start += 1
    while end > start and (title[end - 1].isspace() or title[end - 1] in _TRIMMED_MARKS):
        end -= 1
    return " ".join(title[start:end].split())


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start] in " \t":
        start += 1
    return start, end


def _list_entries(text: str, block: Block) -> list[tuple[int, int, int]]:
    """Split a list block into items: (item start, text start, end)."""
    items: list[tuple[int, int, int]] = []
    pos = block.start
    indent: int | None = None
    while pos < block.end:
        nl = text.find("\n", pos, block.end)
        line_end = block.end if nl < 0 else nl + 1
        m = _LIST_ITEM.match(text, pos, line_end)
        if m and (indent is None or len(m.group(1)) <= indent):
            indent = len(m.group(1))
            items.append((pos, m.end(), line_end))
        elif items and _lazy_entry(text, pos, line_end):
            items.append((pos, pos, line_end))
        elif items:
            items[-1] = (items[-1][0], items[-1][1], line_end)
        pos = line_end
    return items


def _lazy_entry(text: str, pos: int, line_end: int) -> bool:
    """Whether an unindented line inside a list item starts a new entry ("Leffler, Melvyn P., and …")."""
    end = pos  # scanned back, not `text[:pos].rstrip()`: that copies the essay once per line
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return text[end - 1 : end] == "." and _LAZY_AUTHOR.match(text, pos, line_end) is not None


def _paragraph_entries(text: str, block: Block) -> list[tuple[int, int, int]]:
    """Split a paragraph into entries where a line ends a sentence and the next starts like an entry."""
    items: list[tuple[int, int, int]] = []
    pos = block.start
    previous = ""
    while pos < block.end:
        nl = text.find("\n", pos, block.end)
        line_end = block.end if nl < 0 else nl + 1
        line = text[pos:line_end].rstrip()
        starts_entry = previous.endswith((".", ")", "  ")) or text[pos - 2 : pos] == "\\\n"
        if not items or (starts_entry and _ENTRY_START.match(text, pos, line_end)):
            items.append((pos, pos, line_end))
        else:
            items[-1] = (items[-1][0], items[-1][1], line_end)
        previous = text[pos:line_end].rstrip("\n")
        if not line:
            previous = ""
        pos = line_end
    return items


def _entries(text: str, blocks: list[Block], section: str, span: SpanOf) -> list[Entry]:
    entries = []
    for block in blocks:
        if "_items" in block.token:  # a plain-text list, split where its bullets are
            parts = block.token["_items"]
        elif block.kind == "list":
            parts = _list_entries(text, block)
        elif block.kind == "paragraph":
            parts = _paragraph_entries(text, block)
        else:
            continue
        for item_start, text_start, end in parts:
            text_start, end = _trimmed(text, text_start, end)
            if end > text_start:
                entries.append(Entry(text[text_start:end], span(item_start, end), text_start, section))
    return entries


def bibliography_sections(
    text: str,
    headings: list[Heading],
    blocks: list[Block],
    matcher: re.Pattern[str],
    span: SpanOf,
    excluded: Heading | None = None,
) -> list[Section]:
    """Sections under bibliography headings, each subsection a section of its own."""
    sections: list[Section] = []
    root: Heading | None = None
    starts = [block.start for block in blocks]
    for index, heading in enumerate(headings):
        title = clean_title(heading.title)
        is_bib = heading is not excluded and matcher.fullmatch(title) is not None
        if root is not None and heading.level <= root.level and not is_bib:
            root = None
        if root is None and not is_bib:
            continue
        parent = None
        if root is not None and heading.level > root.level:
            parent = clean_title(root.title)
        else:
            root = heading
        end = headings[index + 1].span.start if index + 1 < len(headings) else len(text)
        inside = blocks[bisect.bisect_left(starts, heading.span.end) : bisect.bisect_left(starts, end)]
        nested = index + 1 < len(headings) and headings[index + 1].level > heading.level
        entries = _entries(text, inside, title, span)
        sections.append(Section(heading, parent, tuple(entries), nested and is_bib))
    return sections


def numbered_notes(
    text: str, start: int, end: int, section: str | None, span: SpanOf, item: re.Pattern[str] | LazyPattern = _NOTE_ITEM
) -> list[Definition]:
    """Numbered notes (`[7] text`, `7. text`, `**7** text`; item says which openings count) between start and end."""
    notes: list[tuple[int, int, int, int]] = []  # (number, line start, text start, end)
    pos = start
    blank_before = True
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl + 1
        m = item.match(text, pos, line_end)
        number = int(next(g for g in m.groups() if g).translate(SUPERSCRIPTS)) if m else None
        previous = notes[-1][0] if notes else None
        # "[7]" and "**7**" always start a note; a bare "1978." may be a wrapped line of the previous one
        bracketed = m is not None and m.group("bare") is None
        if number is not None and (
            bracketed
            or previous is None
            or number == previous + 1
            or (blank_before and 0 < abs(number - previous) <= 10)
        ):
            notes.append((number, pos, m.end() if m else pos, line_end))
        elif notes and text[pos:line_end].strip():
            notes[-1] = notes[-1][:3] + (line_end,)
        blank_before = not text[pos:line_end].strip()
        pos = line_end
    definitions = []
    for number, line_start, text_start, note_end in notes:
        body_start, body_end = _trimmed(text, text_start, note_end)
        body_start = max(body_start, text_start)
        label_start, label_end = _trimmed(text, line_start, text_start)
        definitions.append(
            Definition(
                str(number),
                span(line_start, max(body_end, label_end)),
                span(label_start, label_end),
                text[body_start:body_end],
                body_start,
                number,
                section,
            )
        )
    return definitions
