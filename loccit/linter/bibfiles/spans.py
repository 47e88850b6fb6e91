"""Spans in a bibliography or metadata file from the 0-based lines and columns its parser gives."""

from __future__ import annotations

from loccit.linter.model import LineIndex, Span


def line_span(lines: LineIndex, text: str, line: int, needle: str = "") -> Span:
    """The span of a 0-based line's text from needle (or its first non-blank character) to the line's end."""
    starts = lines.starts
    line = min(max(line, 0), len(starts) - 1)
    start = starts[line]
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    found = text.find(needle, start, end) if needle else -1
    if found < 0:
        found = start + len(text[start:end]) - len(text[start:end].lstrip())
    return lines.span(found, max(end, found))


def plain(span: Span) -> tuple[int, int, int, int, int, int]:
    """A span as a plain tuple, as bibliography fields keep it (`Span(*numbers)` makes it a span again)."""
    return (span.start, span.end, span.line, span.column, span.end_line, span.end_column)
