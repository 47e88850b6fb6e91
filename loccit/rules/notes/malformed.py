"""A note marker is written `[^6]`, not `^[6]` (N008)."""

from __future__ import annotations

from collections.abc import Iterator

from loccit.linter.diagnostics import Fix, Rule, Violation
from loccit.linter.model import Document


def check_malformed_marker(doc: Document, opts: object) -> Iterator[Violation]:
    """Flag `^[6]` typed for the marker `[^6]`.

    Pandoc reads `^[6]` as an inline note whose whole text is "6", and other renderers print it
    as it stands, so the note the author meant is never linked. Only an inline note holding a
    number, or the label of a note defined in the essay, is taken for a mistyped marker.
    """
    for marker in doc.malformed:
        written = doc.text[marker.span.start : marker.span.end]
        wanted = f"[^{marker.label}]"
        fix = Fix(marker.span, wanted)
        yield Violation(marker.span, f'note marker "{written}" is malformed; write "{wanted}"', fix)


MALFORMED_MARKER = Rule(
    "N008", "malformed-marker", "Note marker typed as `^[label]`", check_malformed_marker, fixable=True
)
