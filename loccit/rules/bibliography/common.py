"""What the bibliography rules share: how messages name entries and cited works, and whether a bibliography exists."""

from __future__ import annotations

from collections.abc import Iterator

from loccit.linter.citations.imprint import Field
from loccit.linter.citations.scan import tidy
from loccit.linter.matching.resolve import Listed, MatchOptions, Resolution, resolve
from loccit.linter.model import Document, Span


def note_span(doc: Document, resolution: Resolution, piece: Field | None = None) -> Span:
    note, work = resolution.citation.note, resolution.citation.work
    start, end = (piece.start, piece.end) if piece is not None else (work.start, work.end)
    return doc.span(note.text_start + start, note.text_start + end)


def entry_name(listed: Listed) -> str:
    """How a message names an entry: its authors' surnames, else its title."""
    surnames = [name.surname for name in listed.authors]
    if surnames:
        return " and ".join(surnames) if len(surnames) <= 2 else f"{surnames[0]} et al."
    return f'"{tidy(listed.work.title.text)}"' if listed.work.title else f'"{tidy(listed.entry.text)[:60]}"'


def has_bibliography(doc: Document) -> bool:
    """Whether the document has bibliography entries of its own or shares a bibliography file's."""
    return any(section.entries for section in doc.source_sections)


def direct_resolutions(doc: Document, opts: MatchOptions) -> Iterator[Resolution]:
    """Resolutions made against the bibliography itself (not through an earlier note), when one exists."""
    if not has_bibliography(doc):
        return
    for resolution in resolve(doc, opts).resolutions:
        if resolution.listed is not None and resolution.via is None:
            yield resolution
