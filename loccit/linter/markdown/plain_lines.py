"""Plain text line by line: blank lines, page furniture, bare-line headings, lists and paragraphs."""

from __future__ import annotations

import re
from typing import NamedTuple

from loccit.linter.markdown import furniture
from loccit.linter.markdown.plain_notes import NOTE_ITEM
from loccit.linter.markdown.sections import clean_title
from loccit.linter.model import LineIndex

BULLET = re.compile(r"[ \t\u00a0\f]*(?:[•◦▪·‣–*-]|\d{1,3}[.)])[ \t\u00a0]+(?=\S)")
GLYPH = re.compile(r"[ \t\u00a0\f]*[•◦▪·‣–]")
# A note's opening: `[1]`, `^1`, `¹`, `1.`, `1)` or a bare `1 `.

_TERMINAL = (".", ",", ";", "!", "?", "…")


class Line(NamedTuple):
    start: int
    end: int
    text: str  # stripped


def split_lines(text: str) -> list[Line]:
    index = LineIndex.of(text)
    ends = [start - 1 for start in index.starts[1:]] + [len(text)]
    return [Line(s, e, text[s:e].strip()) for s, e in zip(index.starts, ends, strict=True)]


def furniture_marks(lines: list[Line]) -> list[bool]:
    marks = [bool(line.text) and furniture.is_furniture(line.text) for line in lines]
    for index, line in enumerate(lines):
        if line.text and furniture.starts_tail(line.text):
            return marks[:index] + [True] * (len(lines) - index)
    return marks


def heading_like(line: str) -> bool:
    words = line.split()
    return (
        0 < len(line) <= 60
        and len(words) <= 10
        and not line.endswith(_TERMINAL)
        and "," not in line
        and (line[0].isupper() or line[0].isdigit())
        and not BULLET.match(line)
        and not NOTE_ITEM.match(line)
        and "://" not in line
    )


class Scan:
    """The lines of the text, which are blank, furniture, headings, and the names matchers."""

    def __init__(self, text: str, bib: re.Pattern[str], notes: re.Pattern[str]) -> None:
        self.text, self.bib, self.notes = text, bib, notes
        self.lines = split_lines(text)
        self.furniture = furniture_marks(self.lines)
        lengths = [len(line.text) for line in self.lines if line.text]
        self.unwrapped = sum(n > 100 for n in lengths) * 5 >= len(lengths)

    def blank(self, index: int) -> bool:
        return index < 0 or index >= len(self.lines) or not self.lines[index].text or self.furniture[index]

    def named(self, line: str) -> bool:
        title = clean_title(line)
        return bool(title) and (self.bib.fullmatch(title) is not None or self.notes.fullmatch(title) is not None)

    def is_heading(self, index: int) -> bool:
        line = self.lines[index].text
        if self.blank(index) or not heading_like(line):
            return False
        previous = self.lines[index - 1].text if index else ""
        after_break = self.blank(index - 1) or self.unwrapped or previous.endswith((".", ":", "”", '"', ")"))
        if self.named(line) and after_break:
            return True
        return self.blank(index - 1) and self.blank(index + 1)


class Unit(NamedTuple):
    kind: str  # heading, list, paragraph
    first: int  # line indexes, inclusive
    last: int


def units_of(scan: Scan, heads: set[int]) -> list[Unit]:
    units: list[Unit] = []
    lines, count, index = scan.lines, len(scan.lines), 0
    while index < count:
        if scan.blank(index):
            index += 1
            continue
        if index in heads:
            units.append(Unit("heading", index, index))
            index += 1
            continue
        kind = "list" if BULLET.match(lines[index].text) else "paragraph"
        last = index
        while not scan.blank(last + 1) and last + 1 not in heads:
            following = bool(BULLET.match(lines[last + 1].text))
            if (kind == "paragraph" and (following or scan.unwrapped)) or (
                kind == "list" and scan.unwrapped and not following
            ):
                break
            last += 1
        units.append(Unit(kind, index, last))
        index = last + 1
    return units


def masked(text: str, scan: Scan) -> str:
    """The text with furniture lines and leading tabs, no-break spaces and form feeds as spaces (same offsets)."""
    pieces, pos = [], 0
    for line, is_furniture in zip(scan.lines, scan.furniture, strict=True):
        if is_furniture:
            cut = (line.start, line.end)
        else:
            raw = text[line.start : line.end]
            cut = (line.start, line.start + len(raw) - len(raw.lstrip(" \t\u00a0\f")))
        if cut[1] > cut[0]:
            pieces += [text[pos : cut[0]], " " * (cut[1] - cut[0])]
            pos = cut[1]
    pieces.append(text[pos:])
    return "".join(pieces)


def list_items(scan: Scan, unit: Unit) -> list[tuple[int, int, int]]:
    """A list's items: (item start, text start, end), each opening at a bullet."""
    items: list[tuple[int, int, int]] = []
    for index in range(unit.first, unit.last + 1):
        line = scan.lines[index]
        m = BULLET.match(scan.text, line.start, line.end)
        if m or not items:
            items.append((line.start, m.end() if m else line.start, line.end + 1))
        else:
            items[-1] = (items[-1][0], items[-1][1], line.end + 1)
    return items
