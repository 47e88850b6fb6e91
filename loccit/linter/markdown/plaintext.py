"""Pasted plain text: whether an essay is Markdown, and the structure of one that is not (bare-line headings,
bullet glyphs, a notes block with no heading, page furniture), with offsets into its text."""

from __future__ import annotations

import re
from typing import NamedTuple

from loccit.linter.markdown import furniture
from loccit.linter.markdown.blocks import Block
from loccit.linter.markdown.sections import SUPERSCRIPTS, clean_title
from loccit.linter.model import Heading, LineIndex

MARKDOWN = "markdown"
PLAIN = "plain text"

_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.M)
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)", re.M)
_NEEDLES = (
    ("[^", "a [^label] footnote"),
    ("^[", "an inline note ^[…]"),
    ("](", "a Markdown link"),
    ("<!--", "an HTML comment"),
    ("[@", "a [@key] citation"),
)
_BULLET = re.compile(r"[ \t\u00a0\f]*(?:[•◦▪·‣–*-]|\d{1,3}[.)])[ \t\u00a0]+(?=\S)")
_GLYPH = re.compile(r"[ \t\u00a0\f]*[•◦▪·‣–]")
# A note's opening: `[1]`, `^1`, `¹`, `1.`, `1)` or a bare `1 `.
NOTE_ITEM = re.compile(
    r" {0,3}(?:\[(\d{1,6})\]|\^(\d{1,6})|([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4})|(?P<bare>\d{1,6})(?:[.)]|(?=[ \t])))[ \t]*"
)
_TERMINAL = (".", ",", ";", "!", "?", "…")


class Reading(NamedTuple):
    """How an essay is read: as Markdown or as pasted plain text, and why."""

    kind: str
    reason: str


class Layout(NamedTuple):
    """What plain text holds: its text for the parsers (furniture and indents blanked, same offsets), blocks,
    headings, the notes block [start, end) and its heading if it has one, the furniture, and the evidence."""

    masked: str
    blocks: list[Block]
    headings: list[Heading]
    notes: tuple[int, int] | None
    notes_heading: Heading | None
    furniture: list[tuple[int, int]]
    evidence: list[str]


def markdown_signal(text: str) -> str | None:
    """What makes the text Markdown (a `#` heading, a footnote, a fence, a link…), or None; a cheap scan."""
    m = _ATX.search(text)
    if m:
        return f"a # heading on line {text.count(chr(10), 0, m.start()) + 1}"
    for needle, what in _NEEDLES:
        if needle in text:
            return what
    if text.startswith(("---\n", "% ")):
        return "a front matter or title block"
    if _FENCE.search(text):
        return "a fenced code block"
    return None


class _Line(NamedTuple):
    start: int
    end: int
    text: str  # stripped


def _lines(text: str) -> list[_Line]:
    index = LineIndex.of(text)
    ends = [start - 1 for start in index.starts[1:]] + [len(text)]
    return [_Line(s, e, text[s:e].strip()) for s, e in zip(index.starts, ends, strict=True)]


def _furniture(lines: list[_Line]) -> list[bool]:
    marks = [bool(line.text) and furniture.is_furniture(line.text) for line in lines]
    for index, line in enumerate(lines):
        if line.text and furniture.starts_tail(line.text):
            return marks[:index] + [True] * (len(lines) - index)
    return marks


def _heading_like(line: str) -> bool:
    words = line.split()
    return (
        0 < len(line) <= 60
        and len(words) <= 10
        and not line.endswith(_TERMINAL)
        and "," not in line
        and (line[0].isupper() or line[0].isdigit())
        and not _BULLET.match(line)
        and not NOTE_ITEM.match(line)
        and "://" not in line
    )


class _Scan:
    """The lines of the text, which are blank, furniture, headings, and the names matchers."""

    def __init__(self, text: str, bib: re.Pattern[str], notes: re.Pattern[str]) -> None:
        self.text, self.bib, self.notes = text, bib, notes
        self.lines = _lines(text)
        self.furniture = _furniture(self.lines)
        lengths = [len(line.text) for line in self.lines if line.text]
        self.unwrapped = sum(n > 100 for n in lengths) * 5 >= len(lengths)

    def blank(self, index: int) -> bool:
        return index < 0 or index >= len(self.lines) or not self.lines[index].text or self.furniture[index]

    def named(self, line: str) -> bool:
        title = clean_title(line)
        return bool(title) and (self.bib.fullmatch(title) is not None or self.notes.fullmatch(title) is not None)

    def is_heading(self, index: int) -> bool:
        line = self.lines[index].text
        if self.blank(index) or not _heading_like(line):
            return False
        previous = self.lines[index - 1].text if index else ""
        after_break = self.blank(index - 1) or self.unwrapped or previous.endswith((".", ":", "”", '"', ")"))
        if self.named(line) and after_break:
            return True
        return self.blank(index - 1) and self.blank(index + 1)


def _note_number(line: str) -> int | None:
    m = NOTE_ITEM.match(line)
    if m is None or not line[m.end() :].strip():
        return None
    return int(next(g for g in m.groups() if g).translate(SUPERSCRIPTS))


# Markers in plain text: `[1]`, `<sup>1</sup>`, `^1`, superscript digits.
MARKER = re.compile(
    r"\[(\d{1,6})\](?![(\[:])|<sup>\s*\[?(\d{1,6})\]?\s*</sup>|\^(\d{1,4})(?!\d)"
    r"|(?<![\d⁰¹²³⁴⁵⁶⁷⁸⁹])([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4})"
)
_UNIT_BEFORE = re.compile(r"(?:^|\W)(?:[kcmµ]?m|ft|in|kg|s)$")  # "km²", "m³": powers, not notes


def markers(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, int]]:
    """Markers between start and end as (start, end, number)."""
    found = []
    for m in MARKER.finditer(text, start, len(text) if end is None else end):
        if m.group(4) and _UNIT_BEFORE.search(text, max(0, m.start() - 4), m.start()):
            continue
        label = next(g for g in m.groups() if g)
        found.append((m.start(), m.end(), int(label.translate(SUPERSCRIPTS))))
    return found


class _Unit(NamedTuple):
    kind: str  # heading, list, paragraph
    first: int  # line indexes, inclusive
    last: int


def _units(scan: _Scan, heads: set[int]) -> list[_Unit]:
    units: list[_Unit] = []
    lines, count, index = scan.lines, len(scan.lines), 0
    while index < count:
        if scan.blank(index):
            index += 1
            continue
        if index in heads:
            units.append(_Unit("heading", index, index))
            index += 1
            continue
        kind = "list" if _BULLET.match(lines[index].text) else "paragraph"
        last = index
        while not scan.blank(last + 1) and last + 1 not in heads:
            following = bool(_BULLET.match(lines[last + 1].text))
            if (kind == "paragraph" and (following or scan.unwrapped)) or (
                kind == "list" and scan.unwrapped and not following
            ):
                break
            last += 1
        units.append(_Unit(kind, index, last))
        index = last + 1
    return units


def _numbers(scan: _Scan, unit: _Unit) -> list[int]:
    """The note numbers opening the unit's lines, when its first line opens with one (wrapped lines aside)."""
    found = [_note_number(scan.lines[i].text) for i in range(unit.first, unit.last + 1)]
    return [n for n in found if n is not None] if found[0] is not None else []


def _run_from(scan: _Scan, units: list[_Unit], start: int) -> tuple[int, int]:
    """The units of a run of notes opening with note 1 at units[start]: (last unit, note count)."""
    last_number, count, end = 0, 0, start
    for index in range(start, len(units)):
        numbers = _numbers(scan, units[index]) if units[index].kind != "heading" else []
        if not numbers or not last_number <= numbers[0] <= last_number + 3:
            break
        for number in numbers:  # a wrapped line opening with "1995." is not a note
            if last_number <= number <= last_number + 3:
                last_number, count = number, count + 1
        end = index
    return end, count


def _notes_block(scan: _Scan, units: list[_Unit]) -> tuple[int, int] | None:
    """The last run of numbered notes that only headings named for sources or notes follow, cited in the text."""
    found = None
    for start, unit in enumerate(units):
        if unit.kind == "heading" or _numbers(scan, unit)[:1] != [1]:
            continue
        end, count = _run_from(scan, units, start)
        after = units[end + 1] if end + 1 < len(units) else None
        if count < 2 or (
            after is not None and not (after.kind == "heading" and scan.named(scan.lines[after.first].text))
        ):
            continue
        offset = scan.lines[unit.first].start
        cited = {n for _, _, n in markers(scan.text, 0, offset) if n <= count + 3}
        if len(cited) * 2 >= count:
            found = (start, end)
    return found


def _levels(scan: _Scan, units: list[_Unit]) -> dict[int, int]:
    """Each heading's level: 1, or one deeper when it follows a heading directly ("Bibliography" over "Primary
    Sources"); later headings named for sources keep that depth."""
    levels: dict[int, int] = {}
    sub = 0
    for index, unit in enumerate(units):
        if unit.kind != "heading":
            continue
        named = scan.bib.fullmatch(clean_title(scan.lines[unit.first].text)) is not None
        if index and units[index - 1].kind == "heading":
            sub = levels[index - 1] + 1
            levels[index] = sub
        elif sub and named:
            levels[index] = sub
        else:
            sub, levels[index] = 0, 1
    return levels


def _masked(text: str, scan: _Scan) -> str:
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


def _items(scan: _Scan, unit: _Unit) -> list[tuple[int, int, int]]:
    """A list's items: (item start, text start, end), each opening at a bullet."""
    items: list[tuple[int, int, int]] = []
    for index in range(unit.first, unit.last + 1):
        line = scan.lines[index]
        m = _BULLET.match(scan.text, line.start, line.end)
        if m or not items:
            items.append((line.start, m.end() if m else line.start, line.end + 1))
        else:
            items[-1] = (items[-1][0], items[-1][1], line.end + 1)
    return items


def layout(text: str, bib: re.Pattern[str], notes: re.Pattern[str], span: LineIndex) -> Layout:
    """Infer the structure of pasted plain text (normalised: lines end in \\n)."""
    scan = _Scan(text, bib, notes)
    heads = {i for i in range(len(scan.lines)) if scan.is_heading(i)}
    units = _units(scan, heads)
    run = _notes_block(scan, units)
    notes_heading_unit: int | None = None
    if run is not None and run[0] and units[run[0] - 1].kind == "heading":
        title = clean_title(scan.lines[units[run[0] - 1].first].text)
        if notes.fullmatch(title):
            notes_heading_unit = run[0] - 1
        elif not any(
            u.kind == "heading" and bib.fullmatch(clean_title(scan.lines[u.first].text)) for u in units[: run[0] - 1]
        ):
            run = None  # "Bibliography" over a numbered list: a numbered bibliography, not notes
    levels = _levels(scan, units)
    blocks: list[Block] = []
    headings: list[Heading] = []
    size = len(text)
    for index, unit in enumerate(units):
        first, last = scan.lines[unit.first], scan.lines[unit.last]
        if run is not None and run[0] <= index <= run[1]:
            if index == run[0]:
                end = scan.lines[units[run[1]].last].end
                blocks.append(Block("notes", first.start, end, {}))
            continue
        if unit.kind == "heading":
            raw = text[first.start : first.end]
            start = first.start + len(raw) - len(raw.lstrip())
            title = first.text[:-1].rstrip() if first.text.endswith(":") else first.text
            heading = Heading(levels[index], title, span.span(start, start + len(raw.strip())))
            headings.append(heading)
            blocks.append(Block("heading", first.start, last.end, {"attrs": {"level": heading.level}}))
        elif unit.kind == "list":
            items = [(s, t, min(e, size)) for s, t, e in _items(scan, unit)]
            blocks.append(Block("list", first.start, min(last.end + 1, size), {"_items": items}))
        else:
            blocks.append(Block("paragraph", first.start, min(last.end + 1, size), {}))
    notes_range = None
    notes_heading = None
    if run is not None:
        notes_range = (scan.lines[units[run[0]].first].start, scan.lines[units[run[1]].last].end)
        if notes_heading_unit is not None:
            notes_heading = next(h for h in headings if h.span.line == units[notes_heading_unit].first + 1)
    spans = [(line.start, line.end) for line, f in zip(scan.lines, scan.furniture, strict=True) if f and line.text]
    evidence = _evidence(scan, units, headings, run, spans)
    return Layout(_masked(text, scan), blocks, headings, notes_range, notes_heading, spans, evidence)


def _evidence(
    scan: _Scan, units: list[_Unit], headings: list[Heading], run: tuple[int, int] | None, spans: list[tuple[int, int]]
) -> list[str]:
    """What shows the text is pasted plain text rather than Markdown."""
    found = []
    named = [h.title for h in headings if scan.named(h.title)]
    if named:
        found.append("bare-line headings " + ", ".join(f'"{t}"' for t in named[:3]) + (", …" if len(named) > 3 else ""))
    glyphs = sorted(
        {scan.lines[u.first].text[0] for u in units if u.kind == "list" and _GLYPH.match(scan.lines[u.first].text)}
    )
    if glyphs:
        found.append("bullets " + " ".join(glyphs))
    if run is not None:
        found.append(f"numbered notes from line {units[run[0]].first + 1}")
    if spans:
        found.append(f"page furniture on {len(spans)} line{'s' if len(spans) > 1 else ''}")
    return found
