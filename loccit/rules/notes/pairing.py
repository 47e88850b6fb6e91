"""Note markers and definitions pair up: every marker defined, every definition used, each label once (N001-N003)."""

from __future__ import annotations

from collections.abc import Iterator

from loccit.linter.diagnostics import Rule, Violation
from loccit.linter.model import Document
from loccit.rules.notes.labels import note_name


def check_undefined_note(doc: Document, opts: object) -> Iterator[Violation]:
    """Flag a note marker whose label has no definition.

    A marker without a definition renders as literal text (`[^41]`) or as a dangling
    number: the reader is sent to a note that does not exist. A definition run onto the end of
    another note's line (`… Archives. [^98]: Garza…`) defines nothing; it is named in the message.
    A file with markers but no definitions at all is checked against the notes-only files beside
    it (`intro.md` and `intro-notes.md`), as books split into chapters and endnotes do.
    """
    known = doc.definitions_by_label
    run_in = {marker.label: marker.span.line for marker in doc.run_in}
    for marker in doc.markers:
        if marker.label not in known and marker.label not in doc.companion_labels:
            shown = note_name(doc, marker.label)
            if marker.label in run_in:
                message = (
                    f"note {shown} has no definition: its text on line {run_in[marker.label]} runs on from "
                    "another note; start it on a line of its own"
                )
            else:
                message = f"note {shown} has no definition; add one or remove the marker"
            yield Violation(marker.span, message)


def check_unused_note(doc: Document, opts: object) -> Iterator[Violation]:
    """Flag a note definition that no marker in the text refers to.

    Markdown renderers drop such notes silently, so the source they cite never reaches the reader.
    A file with no markers at all is taken as a notes file for other chapters and not checked, unless
    it holds a single definition and no file beside it has markers: then that note is a stray.
    """
    used = doc.markers_by_label.keys() | {marker.label for marker in doc.malformed}  # N008 reports those
    labelled = [d for d in doc.definitions if not d.inline]
    if not used and (len(labelled) != 1 or doc.companion_markers):
        return  # a notes-only file (endnotes, a book's notes chapter): its markers live in other files
    for label, definitions in doc.definitions_by_label.items():
        if label not in used and not definitions[0].inline:
            shown = note_name(doc, label)
            yield Violation(definitions[0].label_span, f"note {shown} is defined but never referenced in the text")


def check_duplicate_note(doc: Document, opts: object) -> Iterator[Violation]:
    """Flag the second and later definitions of one label.

    Renderers keep only the first definition, so the text of the others is lost without warning.
    """
    for label, definitions in doc.definitions_by_label.items():
        first = definitions[0]
        for later in definitions[1:]:
            yield Violation(
                later.label_span,
                f"note {note_name(doc, label)} is defined again (first defined on line {first.span.line}); "
                "renumber or merge the notes",
            )


UNDEFINED_NOTE = Rule("N001", "undefined-note", "Note marker has no matching definition", check_undefined_note)
UNUSED_NOTE = Rule("N002", "unused-note", "Note definition is never referenced", check_unused_note)
DUPLICATE_NOTE = Rule("N003", "duplicate-note", "Note label is defined more than once", check_duplicate_note)
