"""Notes cite works the bibliography lists, and an essay with notes has a bibliography (B001, B009)."""

from __future__ import annotations

from collections.abc import Iterator

from loccit.linter.citations.scan import tidy
from loccit.linter.diagnostics import Rule, Severity, Violation
from loccit.linter.matching.resolve import MatchOptions, Resolution, resolve
from loccit.linter.model import Document
from loccit.rules.bibliography.common import has_bibliography, note_span


def _uses_shared(resolutions: tuple[Resolution, ...]) -> bool:
    """Whether a chapter demonstrably cites the shared bibliography: two works, or a quarter of them, found."""
    direct = [r for r in resolutions if r.via is None and r.citation.work.kind.value != "ibid"]
    found = sum(1 for r in direct if r.listed is not None)
    return found >= 2 or (found > 0 and found * 4 >= len(direct))


def check_missing_source(doc: Document, opts: MatchOptions) -> Iterator[Violation]:
    """Flag a note citing a work that no bibliography entry lists.

    Each cited work is resolved to an entry by surname agreement and title similarity (short forms
    through the full citation before them, Ibid. through the previous note). A work that matches no
    entry is reported once, at its first citation; `loccit sources` shows every resolution. Notes
    without a recognisable citation (commentary) and documents without a bibliography (their own or a
    project's shared bibliography file) are skipped. A shared file counts as the essay's bibliography only
    when some of the essay's works are found in it: a directory of unrelated essays next to one
    bibliography file should not turn every citation into a finding.
    """
    if not has_bibliography(doc):
        return
    resolutions = resolve(doc, opts).resolutions
    if not doc.entries and not _uses_shared(resolutions):
        return
    for resolution in resolutions:
        if resolution.how != "no match":
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
    if doc.source_sections:
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
