"""Repeated citations: short forms agree, follow the full form, and Ibid. is unambiguous (S001-S004)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from loccit.linter.citations.imprint import Field
from loccit.linter.citations.scan import tidy
from loccit.linter.citations.works import Kind
from loccit.linter.diagnostics import Rule, Severity, Violation
from loccit.linter.matching.resolve import Citation, MatchOptions, Resolution, resolve
from loccit.linter.model import Document, Span
from loccit.rules.bibliography.common import has_bibliography

_NOT_WORD = re.compile(r"[\W_]+")

Key = tuple[str, int, int]


def _span(doc: Document, citation: Citation, piece: Field | None = None) -> Span:
    start, end = (piece.start, piece.end) if piece is not None else (citation.work.start, citation.work.end)
    return doc.span(citation.note.text_start + start, citation.note.text_start + end)


def _folded(title: str) -> str:
    """A short title without case, emphasis marks, punctuation or spacing (PDF line breaks split words)."""
    return _NOT_WORD.sub("", title.casefold())


def _work_keys(resolutions: tuple[Resolution, ...]) -> dict[int, Key]:
    """Identify each citation's work: its bibliography entry, else the full citation it goes back to."""
    keys: dict[int, Key] = {}
    for resolution in resolutions:
        citation = resolution.citation
        if resolution.listed is not None:
            keys[id(citation)] = ("entry", resolution.listed.entry.span.start, 0)
        elif resolution.via is not None and id(resolution.via) in keys:
            keys[id(citation)] = keys[id(resolution.via)]
        elif citation.work.kind is not Kind.IBID and citation.work.title is not None:
            # neither listed nor traced to a full citation: the same author and title are the same work
            title = _folded(citation.work.title.text)
            keys[id(citation)] = (citation.work.kind.value, hash((citation.work.lead, title)), 0)
        else:
            keys[id(citation)] = ("note", citation.note.text_start, citation.index)
    return keys


def _label(doc: Document, citation: Citation) -> str:
    if citation.note.inline:
        return citation.note.label
    return f"[{citation.note.label}]" if doc.style.value == "numeric" else f"[^{citation.note.label}]"


def check_short_title_drift(doc: Document, opts: MatchOptions) -> Iterator[Violation]:
    """Flag a short note whose short title differs from the one the essay's first short note for that work used.

    Once a work has been cited in full, later notes cite it by the author's surname and one short title,
    always the same (Chicago 14.29-30): "Taubman, *Man and His Era*" in one note and "Taubman,
    *Khrushchev Man and Era*" in another make the reader wonder whether two works are meant.
    """
    matching = resolve(doc, opts)
    keys = _work_keys(matching.resolutions)
    first: dict[Key, Citation] = {}
    for resolution in matching.resolutions:
        citation = resolution.citation
        title = citation.work.title
        if citation.work.kind is not Kind.SHORT or title is None:
            continue
        key = keys[id(citation)]
        earlier = first.setdefault(key, citation)
        if earlier is citation or earlier.work.title is None:
            continue
        if _folded(title.text) != _folded(earlier.work.title.text):
            yield Violation(
                _span(doc, citation, title),
                f'short title "{tidy(title.text)}" differs from "{tidy(earlier.work.title.text)}" used for '
                f"the same work in note {_label(doc, earlier)}; use one short title",
            )


def check_short_before_full(doc: Document, opts: MatchOptions) -> Iterator[Violation]:
    """Flag a short form that is the first citation of its work, with no full citation before it.

    A reader meeting "Filtzer, *Khrushchev Era*, 20" for the first time needs the full reference. A short
    form that matches an entry of the essay's bibliography is accepted, as Chicago allows shortened notes
    throughout when a full bibliography is given (14.19); so is a work cited only in short form in an
    essay that gives no full citation at all (a chapter whose full notes are in another file).
    """
    matching = resolve(doc, opts)
    if not any(r.citation.work.kind is Kind.FULL for r in matching.resolutions):
        return
    keys = _work_keys(matching.resolutions)
    seen: set[Key] = set()
    bibliography = has_bibliography(doc)
    for resolution in matching.resolutions:
        citation = resolution.citation
        key = keys[id(citation)]
        if key in seen or citation.work.kind is Kind.IBID:
            continue
        seen.add(key)
        if citation.work.kind is Kind.SHORT and not (bibliography and resolution.listed is not None):
            yield Violation(
                _span(doc, citation),
                f"note {_label(doc, citation)} cites {_describe(citation)} in short form before any full "
                "citation of it; give the full citation first",
            )


def _describe(citation: Citation) -> str:
    work = citation.work
    title = f'"{tidy(work.title.text)}"' if work.title is not None else "a work"
    return f"{work.lead}, {title}" if work.lead else title


def check_ibid_ambiguous(doc: Document, opts: MatchOptions) -> Iterator[Violation]:
    """Flag "Ibid." that opens the notes or follows a note citing several works.

    Ibid. points to the single source of the note just before it (Chicago 14.34); after a note with
    two sources the reader cannot tell which work is meant. A previous note whose source loccit cannot
    recognise (an interview, a web page) is not flagged.
    """
    notes = [d for d in doc.definitions if d.text.strip()]
    by_note: dict[int, list[Citation]] = {}
    for resolution in resolve(doc, opts).resolutions:
        by_note.setdefault(id(resolution.citation.note), []).append(resolution.citation)
    for position, note in enumerate(notes):
        citations = by_note.get(id(note), [])
        if not citations or citations[0].work.kind is not Kind.IBID:
            continue
        citation = citations[0]
        if position == 0:
            yield Violation(
                _span(doc, citation), f"note {_label(doc, citation)} opens with Ibid. but no note precedes it"
            )
            continue
        before = notes[position - 1]
        count = len(by_note.get(id(before), []))
        if count > 1:
            yield Violation(
                _span(doc, citation),
                f"Ibid. in note {_label(doc, citation)} follows note {before.label}, which cites {count} works; "
                "name the work in a short form",
            )


def check_repeated_full_citation(doc: Document, opts: MatchOptions) -> Iterator[Violation]:
    """Flag a full citation of a work already cited in full; later notes use the short form (Chicago 14.29)."""
    matching = resolve(doc, opts)
    keys = _work_keys(matching.resolutions)
    first: dict[Key, Citation] = {}
    for resolution in matching.resolutions:
        citation = resolution.citation
        if citation.work.kind is not Kind.FULL:
            continue
        earlier = first.setdefault(keys[id(citation)], citation)
        if earlier is not citation:
            yield Violation(
                _span(doc, citation),
                f"{_describe(citation)} is cited in full again (first in note {_label(doc, earlier)}); "
                "use the short form",
            )


SHORT_TITLE_DRIFT = Rule(
    "S001",
    "short-title-drift",
    "One work cited under several short titles",
    check_short_title_drift,
    Severity.WARNING,
    MatchOptions,
)
SHORT_BEFORE_FULL = Rule(
    "S002",
    "short-before-full",
    "A work's first citation is a short form",
    check_short_before_full,
    Severity.WARNING,
    MatchOptions,
    enabled=False,
)
IBID_AMBIGUOUS = Rule(
    "S003",
    "ibid-ambiguous",
    "Ibid. with no single work before it",
    check_ibid_ambiguous,
    Severity.WARNING,
    MatchOptions,
)
REPEATED_FULL_CITATION = Rule(
    "S004",
    "repeated-full-citation",
    "A full citation repeated after the first",
    check_repeated_full_citation,
    Severity.INFO,
    MatchOptions,
    enabled=False,
)
