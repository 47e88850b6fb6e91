"""The document model: every note, marker, heading and bibliography entry with its source span."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import NamedTuple


# Records built for every note, marker and entry are named tuples rather than frozen dataclasses: as immutable,
# but about seven times cheaper to define at start-up, which a pre-commit run pays on every commit.
class Span(NamedTuple):
    """A source range: 0-based offsets into the normalised text, 1-based line and column, end exclusive."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int


class NoteStyle(str, Enum):
    """How an essay writes its notes."""

    FOOTNOTE = "footnote"
    NUMERIC = "numeric"


class Heading(NamedTuple):
    """An ATX or setext heading."""

    level: int
    title: str
    span: Span


class Marker(NamedTuple):
    """A note reference in the text: `[^label]`, or `[7]` / `<sup>7</sup>` in numeric essays."""

    label: str
    span: Span
    number: int | None


class Definition(NamedTuple):
    """A note's text: `[^label]: text`, an inline `^[text]`, or in numeric essays `[7] text` / `7. text` under
    a notes heading."""

    label: str
    span: Span
    label_span: Span
    text: str
    text_start: int
    number: int | None
    section: str | None
    inline: bool = False  # a pandoc inline note `^[…]`: its own marker, labelled by its place among them


class Entry(NamedTuple):
    """One bibliography entry: a list item or paragraph under a bibliography heading."""

    text: str
    span: Span
    text_start: int
    section: str


class Section(NamedTuple):
    """A bibliography heading and the entries directly under it (subsections are sections of their own)."""

    heading: Heading
    parent: str | None
    entries: tuple[Entry, ...]
    has_subsections: bool


@dataclass
class LineIndex:
    """Converts offsets in the normalised text into 1-based lines and code-point columns."""

    starts: list[int]

    @classmethod
    def of(cls, text: str) -> LineIndex:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos >= 0:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        return cls(starts)

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of an offset."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1


@dataclass
class Document:
    """A parsed essay; rules read it and never change it."""

    path: str
    text: str
    lines: LineIndex
    style: NoteStyle
    headings: list[Heading] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    notes_heading: Heading | None = None
    notes_start: int = 0
    notes_end: int = 0
    companion_labels: frozenset[str] = frozenset()
    # The parsed bibliography files of the project this document belongs to (configured with
    # `bibliography = [...]`, or the bibliography-only files of a directory being checked).
    shared: tuple[Document, ...] = ()

    def span(self, start: int, end: int) -> Span:
        """Build a span for offsets [start, end) of the normalised text."""
        starts = self.lines.starts  # LineIndex.position twice, inlined: every marker and note needs a span
        line = bisect.bisect_right(starts, start)
        end_line = bisect.bisect_right(starts, end, line - 1) if end >= start else bisect.bisect_right(starts, end)
        return Span(start, end, line, start - starts[line - 1] + 1, end_line, end - starts[end_line - 1] + 1)

    @cached_property
    def entries(self) -> list[Entry]:
        """Every bibliography entry, in document order."""
        return [entry for section in self.sections for entry in section.entries]

    @property
    def shared_sections(self) -> list[Section]:
        """The bibliography sections of the project's shared bibliography files (each entry's span is in its file)."""
        return [section for doc in self.shared for section in doc.sections]

    @property
    def source_sections(self) -> list[Section]:
        """Every bibliography section a note may cite: the document's own, then the shared ones."""
        return self.sections + self.shared_sections

    @cached_property
    def definitions_by_label(self) -> dict[str, list[Definition]]:
        """Map each label to its definitions, in document order."""
        index: dict[str, list[Definition]] = {}
        for definition in self.definitions:
            index.setdefault(definition.label, []).append(definition)
        return index

    @cached_property
    def markers_by_label(self) -> dict[str, list[Marker]]:
        """Map each label to its markers, in document order."""
        index: dict[str, list[Marker]] = {}
        for marker in self.markers:
            index.setdefault(marker.label, []).append(marker)
        return index
