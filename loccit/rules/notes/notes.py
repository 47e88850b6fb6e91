"""Note markers and definitions must pair up, be numbered in order and sit right in the text (N001-N006)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from loccit.linter.diagnostics import Fix, Rule, Severity, Violation
from loccit.linter.model import Document, Marker, NoteStyle


def _shown(doc: Document, label: str) -> str:
    if " " in label:  # an inline note's "3 (inline)": there is no `[^label]` to show
        return label
    return f"[{label}]" if doc.style is NoteStyle.NUMERIC else f"[^{label}]"


def check_undefined(doc: Document, opts: object) -> Iterator[Violation]:
    """Flag a note marker whose label has no definition.

    A marker without a definition renders as literal text (`[^41]`) or as a dangling
    number: the reader is sent to a note that does not exist. A file with markers but no
    definitions at all is checked against the notes-only files beside it (`intro.md` and
    `intro-notes.md`), as books split into chapters and endnotes do.
    """
    known = doc.definitions_by_label
    for marker in doc.markers:
        if marker.label not in known and marker.label not in doc.companion_labels:
            shown = _shown(doc, marker.label)
            yield Violation(marker.span, f"note {shown} has no definition; add one or remove the marker")


def check_unused(doc: Document, opts: object) -> Iterator[Violation]:
    """Flag a note definition that no marker in the text refers to.

    Markdown renderers drop such notes silently, so the source they cite never reaches the reader.
    A file with no markers at all is taken as a notes file for other chapters and not checked.
    """
    used = doc.markers_by_label
    if not used:
        return  # a notes-only file (endnotes, a book's notes chapter): its markers live in other files
    for label, definitions in doc.definitions_by_label.items():
        if label not in used and not definitions[0].inline:
            shown = _shown(doc, label)
            yield Violation(definitions[0].label_span, f"note {shown} is defined but never referenced in the text")


def check_duplicate(doc: Document, opts: object) -> Iterator[Violation]:
    """Flag the second and later definitions of one label.

    Renderers keep only the first definition, so the text of the others is lost without warning.
    """
    for label, definitions in doc.definitions_by_label.items():
        first = definitions[0]
        for later in definitions[1:]:
            yield Violation(
                later.label_span,
                f"note {_shown(doc, label)} is defined again (first defined on line {first.span.line}); "
                "renumber or merge the notes",
            )


@dataclass(frozen=True)
class SequenceOptions:
    """Options of N004."""

    footnote_labels: bool = False


def check_sequence(doc: Document, opts: SequenceOptions) -> Iterator[Violation]:
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


def check_empty(doc: Document, opts: object) -> Iterator[Violation]:
    """Flag a note definition with no text: the reader finds an empty note."""
    for definition in doc.definitions:
        if not definition.text.strip():
            yield Violation(definition.label_span, f"note {_shown(doc, definition.label)} is empty")


def check_spacing(doc: Document, opts: object) -> Iterator[Violation]:
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
            yield Violation(span, f"note {_shown(doc, label)} is glued to the next word; add a space after it", fix)
        before = start
        while before > 0 and text[before - 1] in " \t":
            before -= 1
        if before < start and before > 0 and text[before - 1] not in "\n|([{":
            fix = Fix(doc.span(before, start), "")
            yield Violation(
                doc.span(before, opening.end),
                f"note {_shown(doc, label)} has a space before it; attach it to the preceding word",
                fix,
            )


UNDEFINED_NOTE = Rule("N001", "undefined-note", "Note marker has no matching definition", check_undefined)
UNUSED_NOTE = Rule("N002", "unused-note", "Note definition is never referenced", check_unused)
DUPLICATE_NOTE = Rule("N003", "duplicate-note", "Note label is defined more than once", check_duplicate)
NOTE_SEQUENCE = Rule(
    "N004",
    "note-sequence",
    "Numbered notes skip, repeat or go backwards",
    check_sequence,
    Severity.WARNING,
    SequenceOptions,
)
EMPTY_NOTE = Rule("N005", "empty-note", "Note definition has no text", check_empty)
MARKER_SPACING = Rule(
    "N006",
    "marker-spacing",
    "Note marker glued to the next word or spaced from the previous",
    check_spacing,
    Severity.WARNING,
    fixable=True,
)

RULES = (UNDEFINED_NOTE, UNUSED_NOTE, DUPLICATE_NOTE, NOTE_SEQUENCE, EMPTY_NOTE, MARKER_SPACING)
