"""A note marker sits against the word it follows, with a space after it (N006)."""

from __future__ import annotations

from collections.abc import Iterator

from loccit.linter.diagnostics import Fix, Rule, Severity, Violation
from loccit.linter.model import Document
from loccit.rules.notes.labels import note_name


def check_marker_spacing(doc: Document, opts: object) -> Iterator[Violation]:
    """Flag a marker glued to the next word (`Gulags[^7]on`) or with a space before it (`Mongolia [^17]`).

    A note number sits directly after the word or punctuation it annotates and is followed by a
    space or punctuation (Chicago 14.26).
    """
    text = doc.text
    # A pandoc inline note `^[…]` is its own marker; a space before it is reported up to its `^[`.
    references = [(m.label, m.span, m.span) for m in doc.markers]
    references += [(d.label, d.span, d.label_span) for d in doc.definitions if d.inline]
    for label, span, opening in sorted(references, key=lambda reference: reference[1].start):
        start, end = span.start, span.end
        after = text[end : end + 1]
        if after.isalnum():
            fix = Fix(doc.span(end, end), " ")
            yield Violation(span, f"note {note_name(doc, label)} is glued to the next word; add a space after it", fix)
        before = start
        while before > 0 and text[before - 1] in " \t":
            before -= 1
        if before < start and before > 0 and text[before - 1] not in "\n|([{":
            fix = Fix(doc.span(before, start), "")
            yield Violation(
                doc.span(before, opening.end),
                f"note {note_name(doc, label)} has a space before it; attach it to the preceding word",
                fix,
            )


MARKER_SPACING = Rule(
    "N006",
    "marker-spacing",
    "Note marker glued to the next word or spaced from the previous",
    check_marker_spacing,
    Severity.WARNING,
    fixable=True,
)
