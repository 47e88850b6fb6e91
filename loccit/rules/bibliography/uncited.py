"""Every bibliography entry is cited by some note: in the same essay, or in any chapter of a project (B002)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from loccit.linter.diagnostics import Rule, Severity, Violation
from loccit.linter.matching.evidence import cited_alone, cited_by_surname, may_name, named, outside_bibliography
from loccit.linter.matching.intext import intext_cited, relies_on_intext
from loccit.linter.matching.resolve import (
    Listed,
    MatchOptions,
    bibliography_index,
    listed_works,
    note_citations,
    resolve,
    resolve_citations,
)
from loccit.linter.model import Document
from loccit.linter.patterns import LazyPattern
from loccit.rules.bibliography.common import entry_name
from loccit.rules.bibliography.entries import duplicates
from loccit.rules.citekeys.keys import uncited_entries


@dataclass(frozen=True)
class UncitedSourceOptions(MatchOptions):
    """Options of uncited-source."""

    ignore_sections: tuple[str, ...] = ("further reading", "works consulted", "suggested reading")
    """Sections whose heading contains one of these phrases may list works no note cites."""
    min_cited_fraction: float = 0.5
    """A shared bibliography file with fewer of its entries cited than this serves chapters not checked."""


def _ignored(doc: Document, opts: UncitedSourceOptions) -> set[int]:
    phrases = tuple(phrase.casefold() for phrase in opts.ignore_sections)
    return {
        id(entry)
        for section in doc.sections
        for entry in section.entries
        if any(p in f"{section.heading.title} {section.parent or ''}".casefold() for p in phrases)
    }


def _named_anyway(listed: Listed, texts: Sequence[Document]) -> bool:
    """Whether a citation the notes parser could not read still names the work: "(Latour 2005, 171)" in the
    text, "So, Redlining Culture" run on after commentary, "See Franklin.", a caption crediting "Batman #18".
    """
    return any(
        (may_name(text, listed) and named(outside_bibliography(text), listed, any_year=True) is not None)
        or cited_alone(cited_by_surname(text), listed)
        for text in texts
    )


_SURNAME = LazyPattern(r"[^\W\d_][\w’'\- ]*")


def _named_by_author(listed: Listed) -> bool:
    """Whether an entry opens with an author an in-text citation can name (not a title, "IQ.", "Photo.jpeg")."""
    return bool(listed.authors) and _SURNAME.fullmatch(listed.authors[0].surname) is not None


def _author_in_notes(doc: Document, listed: Listed) -> bool:
    """Whether a note cites a work by the entry's lead author (an author-date entry's title is often not read)."""
    keys = doc.derived(
        "lead authors cited in notes",
        lambda: frozenset(c.work.authors[0].key for c in note_citations(doc) if c.work.authors),
    )
    return listed.authors[0].key in keys


def _uncited(
    doc: Document,
    cited: set[int] | frozenset[int],
    opts: UncitedSourceOptions,
    texts: Sequence[Document],
    where: str = "in any note",
) -> Iterator[Violation]:
    skip: set[int] | None = None
    for listed in listed_works(doc, own=True):
        if id(listed.entry) in cited:
            continue
        if skip is None:  # most entries are cited: these are worked out only for one that is not
            skip = _ignored(doc, opts) | {id(later.entry) for later, _ in duplicates(doc)}
        if id(listed.entry) in skip or _named_anyway(listed, texts):
            continue
        if where != "in any note" and (not _named_by_author(listed) or _author_in_notes(doc, listed)):
            continue  # cited by its title, or in a note whose title the author-date entry does not give
        yield Violation(listed.entry.span, f"bibliography entry for {entry_name(listed)} is not cited {where}")


def check_uncited_source(doc: Document, opts: UncitedSourceOptions) -> Iterator[Violation]:
    """Flag a bibliography entry that no note cites.

    Fires only when the notes cite at least one work, so a file that holds only a bibliography, or an
    essay using author-date citations in the text, is left alone. An entry the text names anyway (its
    author's surname followed by its year or its title's start, or its whole distinctive title) counts as
    cited, and so does the second copy of a duplicated entry (B006 reports it). In a project whose chapters share a
    bibliography file, the file's entries are checked against the notes of every chapter, once at least
    `min_cited_fraction` of them are cited. Sections headed "Further reading" or "Works consulted" (see
    `ignore_sections`) may list uncited works.
    """
    yield from uncited_entries(doc, opts.min_cited_fraction)
    matching = resolve(doc, opts)
    if not doc.entries:
        return
    if relies_on_intext(doc):
        cited = matching.cited | intext_cited(doc)
        own = listed_works(doc, own=True)
        if sum(1 for listed in own if id(listed.entry) in cited) * 2 >= len(own):
            yield from _uncited(doc, cited, opts, [doc], "in the text or any note")
    elif matching.resolutions:
        yield from _uncited(doc, matching.cited | intext_cited(doc), opts, [doc])


def check_uncited_source_project(
    docs: Sequence[Document], opts: UncitedSourceOptions
) -> Iterator[tuple[Document, Violation]]:
    """Flag the entries of a project's bibliography files that no note of any chapter cites."""
    # an essay with its own bibliography is checked on its own; only bibliography files are left here
    bibliographies = [doc for doc in docs if doc.entries and not doc.definitions]
    if not bibliographies:
        return
    citations = [(doc, note_citations(doc)) for doc in docs if doc.definitions]
    if not any(found for _, found in citations):
        return
    for bibliography in bibliographies:
        listed = listed_works(bibliography, own=True)
        index = bibliography_index(bibliography, opts)  # built once, not once per chapter
        cited = {
            id(resolution.listed.entry)
            for _, found in citations
            for resolution in resolve_citations(found, listed, opts, index)
            if resolution.listed is not None
        }
        if len(cited) < opts.min_cited_fraction * len(listed):
            continue  # most of it is cited by chapters that are not here: a book's shared list, part checked
        texts = [doc for doc in docs if doc.definitions]
        for violation in _uncited(bibliography, cited, opts, texts):
            yield bibliography, violation


UNCITED_SOURCE = Rule(
    "B002",
    "uncited-source",
    "Bibliography entry is not cited in any note",
    check_uncited_source,
    Severity.WARNING,
    UncitedSourceOptions,
    check_project=check_uncited_source_project,
)
