"""Numbered notes run 1, 2, 3 in the order the reader meets them (N004)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from loccit.linter.diagnostics import Rule, Severity, Violation
from loccit.linter.model import Document, Marker, NoteStyle


@dataclass(frozen=True)
class SequenceOptions:
    """Options of N004."""

    footnote_labels: bool = False


def check_note_sequence(doc: Document, opts: SequenceOptions) -> Iterator[Violation]:
    """Flag numbered markers that skip a number, go backwards or reuse a number.

    Numbering may start anywhere (a chapter of a book often starts at 79), but from there each new
    note should take the next number, in the order the reader meets them. Markdown renderers
    number `[^label]` footnotes themselves, in order of first reference, so their labels are only
    checked with `footnote_labels = true`.
    """
    if doc.style is NoteStyle.FOOTNOTE and not opts.footnote_labels:
        return
    seen: set[int] = set()
    previous: Marker | None = None
    for marker in doc.markers:
        if marker.number is None and not marker.label.isdigit():
            continue
        number = int(marker.label)
        if number in seen:
            if doc.style is NoteStyle.NUMERIC and previous is not None and number != int(previous.label):
                yield Violation(marker.span, f"note {number} is used again after note {previous.label}")
            continue
        if previous is not None and number != int(previous.label) + 1:
            expected = int(previous.label) + 1
            yield Violation(
                marker.span,
                f"note {number} follows note {previous.label}; expected note {expected}",
            )
        seen.add(number)
        previous = marker


NOTE_SEQUENCE = Rule(
    "N004",
    "note-sequence",
    "Numbered notes skip, repeat or go backwards",
    check_note_sequence,
    Severity.WARNING,
    SequenceOptions,
)
