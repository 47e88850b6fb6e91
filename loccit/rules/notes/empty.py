"""A note definition has text (N005)."""

from __future__ import annotations

from collections.abc import Iterator

from loccit.linter.diagnostics import Rule, Violation
from loccit.linter.model import Document
from loccit.rules.notes.labels import note_name


def check_empty_note(doc: Document, opts: object) -> Iterator[Violation]:
    """Flag a note definition with no text: the reader finds an empty note."""
    for definition in doc.definitions:
        if not definition.text.strip():
            yield Violation(definition.label_span, f"note {note_name(doc, definition.label)} is empty")


EMPTY_NOTE = Rule("N005", "empty-note", "Note definition has no text", check_empty_note)
