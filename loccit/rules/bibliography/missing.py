"""Notes cite works the bibliography lists, and an essay with notes has a bibliography (B001, B009)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from loccit.linter.citations.names import name_like
from loccit.linter.citations.scan import fold, tidy
from loccit.linter.citations.works import Kind, Work
from loccit.linter.diagnostics import Rule, Severity, Violation
from loccit.linter.matching.evidence import Folded, named_among, surname_index
from loccit.linter.matching.resolve import MatchOptions, Resolution, listed_derived, resolve
from loccit.linter.matching.system import CitationSystem, citation_system
from loccit.linter.model import Document
from loccit.linter.patterns import LazyPattern
from loccit.rules.bibliography.common import has_bibliography, note_span
from loccit.rules.bibliography.intext import check_intext_missing
from loccit.rules.citekeys.keys import missing_keys, no_bibliography


def _uses_shared(resolutions: tuple[Resolution, ...]) -> bool:
    """Whether a chapter demonstrably cites the shared bibliography: two works, or a quarter of them, found."""
    direct = [r for r in resolutions if r.via is None and r.citation.work.kind.value != "ibid"]
    found = sum(1 for r in direct if r.listed is not None)
    return found >= 2 or (found > 0 and found * 4 >= len(direct))


_NUMBER = LazyPattern(r"[\divxlc\s,.–-]+", re.I)
# "Letter of 4 May 1920, printed in Smith, Papers, 12": the document is found in a listed book.
_MARK = LazyPattern(r"[*_“]")
_SHORT_FORM = frozenset({"surname and title"})
_ANY = frozenset({"surname and title", "surname and year", "surnames", "title"})
_PRINTED_IN = LazyPattern(r"\b(?:re)?(?:printed|quoted|cited|reproduced|published|transcribed|excerpted)\s+in\b", re.I)


def _marked(text: str, work: Work) -> bool:
    return work.title is not None and text[work.title.start - 1 : work.title.start] in "*_\"“‘'"


def _confident(text: str, work: Work, system: CitationSystem) -> bool:
    """Whether a cited work was read surely enough to call it missing.

    A title that is a year or a number is an author-date citation read wrongly ("Culp, 2016"); a title
    without an author must be marked as one (italic or quoted), else it is a sentence of commentary ("The
    project MACOSPOL was launched …"); where the text cites author-date, only full notes are citations.
    """
    if work.title is None or _NUMBER.fullmatch(work.title.text):
        return False
    if not _marked(text, work) and work.title.text[:1].islower():
        return False  # "letter to John Okafor, 4 May 1920": a description, not a title to look up
    if not work.authors and not _marked(text, work):
        return False
    if not _marked(text, work) and (name_like(work.title.text) or _MARK.search(text, work.title.end, work.end)):
        return False  # "Ann Ross, Peter Klee (1971) *Title*": the unmarked "title" is a name, the title follows
    return system is not CitationSystem.MIXED or work.kind is Kind.FULL


def _named_in_citation(doc: Document, text: str, work: Work) -> bool:
    """Whether the citation's own words name a listed work the parse did not find.

    Only a surname followed by its title counts (a short form the parser ran together with the one before);
    after "printed in" or "quoted in", the listed book's title or year counts too.
    """
    index = surname_index(doc)
    if named_among(Folded(text[work.start : work.end]), index, _SHORT_FORM) is not None:
        return True
    printed = _PRINTED_IN.search(text, work.start, work.end)
    return printed is not None and named_among(Folded(text[printed.end() : work.end]), index, _ANY) is not None


def _title_in_entries(doc: Document, work: Work) -> bool:
    """Whether an entry's text holds the cited title of three words or more: the entry was misread, not absent.

    ("Data.World. "THOR Draft Data Dictionary."" reads as author "Data" and title "World".)
    """
    words = fold(work.title.text).split() if work.title else []
    if len(words) < 3:
        return False
    # an entry read with this title (or a longer one) lists another author's work of that name: a true B001
    # Both texts are folded once per list of works: the chapters of a book share them (per chapter, the time
    # grew with the square of the number of chapters).
    titles = listed_derived(
        doc,
        "folded listed titles",
        lambda listed: Folded("\n\n".join(i.work.title.text for i in listed if i.work.title)),
    )
    if titles.phrase(words):
        return False
    # (The entries as written, with paragraphs the list of works leaves out: the same for every such chapter.)
    entries = listed_derived(
        doc, "folded entries", lambda _: Folded("\n\n".join(e.text for s in doc.source_sections for e in s.entries))
    )
    return bool(entries.phrase(words))


def _missing(doc: Document, resolution: Resolution, system: CitationSystem) -> bool:
    text, work = resolution.citation.note.text, resolution.citation.work
    if not _confident(text, work, system) or _title_in_entries(doc, work):
        return False
    return not _named_in_citation(doc, text, work)


def check_missing_source(doc: Document, opts: MatchOptions) -> Iterator[Violation]:
    """Flag a note citing a work that no bibliography entry lists.

    Each cited work is resolved to an entry by surname agreement and title similarity (short forms
    through the full citation before them, Ibid. through the previous note). A work that matches no
    entry is reported once, at its first citation; `loccit sources` shows every resolution. Notes
    without a recognisable citation (commentary) and documents without a bibliography (their own or a
    project's shared bibliography file) are skipped. A shared file counts as the essay's bibliography only
    when some of the essay's works are found in it: a directory of unrelated essays next to one
    bibliography file should not turn every citation into a finding.

    The rule speaks only when sure: not in documents citing author-date or with Pandoc citekeys, not for
    a work read with low confidence (see `_confident`), and not when the citation's own words name a
    listed work ("printed in" a listed book, a second citation the parser ran on).
    """
    yield from missing_keys(doc)
    if not has_bibliography(doc):
        return
    yield from _notes_missing(doc, opts)
    yield from check_intext_missing(doc, opts)


def _notes_missing(doc: Document, opts: MatchOptions) -> Iterator[Violation]:
    """B001 in the notes: a cited work no entry lists, once per work."""
    resolutions = resolve(doc, opts).resolutions
    if not doc.entries and not _uses_shared(resolutions):
        return
    for resolution in resolutions:
        if resolution.how != "no match":
            continue
        # decided only once a work is unresolved: most essays never need it
        system = citation_system(doc).system
        if system in {CitationSystem.AUTHOR_DATE, CitationSystem.AUTHOR_PAGE, CitationSystem.CITEKEYS}:
            return
        if not _missing(doc, resolution, system):
            continue
        work = resolution.citation.work
        title = f'"{tidy(work.title.text)}"' if work.title else "a work"
        by = f" by {work.lead}" if work.authors else ""
        yield Violation(
            note_span(doc, resolution),
            f"note {resolution.citation.note.label} cites {title}{by}, which no bibliography entry lists",
        )


def check_no_bibliography(doc: Document, opts: object) -> Iterator[Violation]:
    """Flag notes that cite works in short form when the document has no bibliography.

    Off by default. A short form ("Filtzer, The Khrushchev Era, 20") sends the reader to a full
    citation; without a bibliography and without an earlier full note the reader cannot find it. Full
    notes alone are a complete system (Chicago 14.19), and many projects keep the bibliography in
    another file (of the 46 real documents checked, most do), so the rule stays off unless enabled and
    ignores documents whose notes are all full citations.
    """
    yield from no_bibliography(doc)
    if doc.source_sections or doc.key_bibliography is not None:
        return
    resolutions = resolve(doc).resolutions
    orphans = [r for r in resolutions if r.how == "no match" and r.citation.work.kind.value == "short"]
    if orphans:
        first = orphans[0]
        label = first.citation.note.label
        more = len(orphans) - 1
        which = f"note {label} and {more} more cite works" if more else f"note {label} cites a work"
        message = f"{which} in short form, but the document has no bibliography"
        yield Violation(note_span(doc, first), message)


MISSING_SOURCE = Rule(
    "B001",
    "missing-source",
    "Note cites a work the bibliography does not list",
    check_missing_source,
    options=MatchOptions,
)
NO_BIBLIOGRAPHY = Rule(
    "B009",
    "no-bibliography",
    "Short-form notes but no bibliography",
    check_no_bibliography,
    Severity.INFO,
    enabled=False,
)
