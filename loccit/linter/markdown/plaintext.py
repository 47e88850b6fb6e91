"""Pasted plain text: whether an essay is Markdown, and the structure of one that is not (bare-line headings,
bullet glyphs, a notes block with no heading, page furniture), with offsets into its text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from loccit.linter.markdown.blocks import Block
from loccit.linter.markdown.plain_notes import notes_block
from loccit.linter.markdown.sections import clean_title
from loccit.linter.model import Heading, LineIndex

if TYPE_CHECKING:  # imported by `layout`: only text without Markdown needs the line scanner and its patterns
    from loccit.linter.markdown.plain_lines import Scan, Unit

MARKDOWN = "markdown"
PLAIN = "plain text"

_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.M)
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)", re.M)
# A setext heading: a line of text underlined with === or ---. Pasted text has no reason to underline a line,
# and reading such a file as plain text would miss its headings and read its indented code as prose.
_SETEXT = re.compile(r"^ {0,3}[^\s=\-*+>#|][^\n]*\n {0,3}(?:={3,}|-{3,})[ \t]*$", re.M)
_NEEDLES = (
    ("[^", "a [^label] footnote"),
    ("^[", "an inline note ^[…]"),
    ("](", "a Markdown link"),
    ("<!--", "an HTML comment"),
    ("[@", "a [@key] citation"),
)


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
    m = _SETEXT.search(text)
    if m:
        return f"a heading underlined on line {text.count(chr(10), 0, m.start()) + 2}"
    return None


def _levels(scan: Scan, units: list[Unit]) -> dict[int, int]:
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


def layout(text: str, bib: re.Pattern[str], notes: re.Pattern[str], span: LineIndex) -> Layout:
    """Infer the structure of pasted plain text (normalised: lines end in \\n)."""
    from loccit.linter.markdown.plain_lines import Scan, list_items, masked, units_of

    scan = Scan(text, bib, notes)
    heads = {i for i in range(len(scan.lines)) if scan.is_heading(i)}
    units = units_of(scan, heads)
    run = notes_block(scan, units)
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
            items = [(s, t, min(e, size)) for s, t, e in list_items(scan, unit)]
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
    return Layout(masked(text, scan), blocks, headings, notes_range, notes_heading, spans, evidence)


def _evidence(
    scan: Scan, units: list[Unit], headings: list[Heading], run: tuple[int, int] | None, spans: list[tuple[int, int]]
) -> list[str]:
    """What shows the text is pasted plain text rather than Markdown."""
    from loccit.linter.markdown.plain_lines import GLYPH

    found = []
    named = [h.title for h in headings if scan.named(h.title)]
    if named:
        found.append("bare-line headings " + ", ".join(f'"{t}"' for t in named[:3]) + (", …" if len(named) > 3 else ""))
    glyphs = sorted(
        {scan.lines[u.first].text[0] for u in units if u.kind == "list" and GLYPH.match(scan.lines[u.first].text)}
    )
    if glyphs:
        found.append("bullets " + " ".join(glyphs))
    if run is not None:
        found.append(f"numbered notes from line {units[run[0]].first + 1}")
    if spans:
        found.append(f"page furniture on {len(spans)} line{'s' if len(spans) > 1 else ''}")
    return found
