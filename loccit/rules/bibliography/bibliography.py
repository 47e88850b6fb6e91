"""Notes must cite works the bibliography lists, and list them the same way (B001-B009)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from loccit.linter.citations.imprint import Field
from loccit.linter.citations.scan import fold, tidy
from loccit.linter.diagnostics import Rule, Severity, Violation
from loccit.linter.matching.resolve import Listed, MatchOptions, Resolution, resolve
from loccit.linter.matching.similarity import counterpart, given_names_agree, titles_agree
from loccit.linter.model import Document, Span
from loccit.rules.bibliography import entries, uncited


def _note_span(doc: Document, resolution: Resolution, piece: Field | None = None) -> Span:
    note, work = resolution.citation.note, resolution.citation.work
    start, end = (piece.start, piece.end) if piece is not None else (work.start, work.end)
    return doc.span(note.text_start + start, note.text_start + end)


def _who(listed: Listed) -> str:
    """How a message names an entry: its authors' surnames, else its title."""
    surnames = [name.surname for name in listed.authors]
    if surnames:
        return " and ".join(surnames) if len(surnames) <= 2 else f"{surnames[0]} et al."
    return f'"{tidy(listed.work.title.text)}"' if listed.work.title else f'"{tidy(listed.entry.text)[:60]}"'


def has_bibliography(doc: Document) -> bool:
    """Whether the document has bibliography entries of its own or shares a bibliography file's."""
    return any(section.entries for section in doc.source_sections)


def _direct(doc: Document, opts: MatchOptions) -> Iterator[Resolution]:
    """Resolutions made against the bibliography itself (not through an earlier note), when one exists."""
    if not has_bibliography(doc):
        return
    for resolution in resolve(doc, opts).resolutions:
        if resolution.listed is not None and resolution.via is None:
            yield resolution


def _uses_shared(resolutions: tuple[Resolution, ...]) -> bool:
    """Whether a chapter demonstrably cites the shared bibliography: two works, or a quarter of them, found."""
    direct = [r for r in resolutions if r.via is None and r.citation.work.kind.value != "ibid"]
    found = sum(1 for r in direct if r.listed is not None)
    return found >= 2 or (found > 0 and found * 4 >= len(direct))


def check_missing(doc: Document, opts: MatchOptions) -> Iterator[Violation]:
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
            _note_span(doc, resolution),
            f"note {resolution.citation.note.label} cites {title}{by}, which no bibliography entry lists",
        )


def check_author(doc: Document, opts: MatchOptions) -> Iterator[Violation]:
    """Flag a note whose author is spelled otherwise than in the bibliography entry for the same work.

    The work is matched by title; then each author's surname must agree and given names must not
    contradict each other (an initial agrees with any name that starts with it).
    """
    for resolution in _direct(doc, opts):
        assert resolution.listed is not None
        note, listed = resolution.citation.note, resolution.listed
        for index, name in enumerate(resolution.citation.work.authors):
            other = counterpart(name, listed.authors + listed.work.editors)
            if other is None or (other.key == name.key and given_names_agree(name, other)):
                continue
            if other.key != name.key and not (index == 0 and resolution.how != "author and title"):
                continue  # a co-author the entry leaves out is an omission, not a misspelling
            cited = note.text[name.start : name.end].strip(" ,.")
            shown = listed.entry.text[other.start : other.end].strip(" ,.")
            what = listed.work.title.text if listed.work.title else listed.entry.text[:60]
            yield Violation(
                doc.span(note.text_start + name.start, note.text_start + name.end),
                f'author differs from the bibliography entry for "{tidy(what)}": note has "{cited}", '
                f'bibliography has "{shown}"',
            )
            break


@dataclass(frozen=True)
class TitleMismatchOptions(MatchOptions):
    """Options of title-mismatch."""

    ignore_subtitle: bool = True
    """Accept a full note that leaves out the subtitle the bibliography gives (or the reverse)."""


def _elide(cited: str, listed: str) -> str:
    """The listed title, shortened to "… differing words" when it begins like the cited one."""
    same = 0
    while same < min(len(cited), len(listed)) and cited[same].casefold() == listed[same].casefold():
        same += 1
    cut = listed.rfind(" ", 0, same) + 1
    return f"… {listed[cut:]}" if cut >= 20 else listed


def check_title(doc: Document, opts: TitleMismatchOptions) -> Iterator[Violation]:
    """Flag a full note whose title differs from the bibliography entry's for the same work.

    Case, punctuation, accents and emphasis are ignored; so are an omitted subtitle (`ignore_subtitle`)
    and short forms, whose titles are shortened on purpose (Chicago 14.30).
    """
    for resolution in _direct(doc, opts):
        assert resolution.listed is not None
        work, listed = resolution.citation.work, resolution.listed.work
        if work.kind.value != "full" or work.title is None or listed.title is None:
            continue
        if titles_agree(work, listed, opts.ignore_subtitle):
            continue
        cited, shown = tidy(work.title.text), tidy(listed.title.text)
        yield Violation(
            _note_span(doc, resolution, work.title),
            f'title differs from the bibliography entry for {_who(resolution.listed)}: note has "{cited}", '
            f'bibliography has "{_elide(cited, shown)}"',
        )


def _place_differs(cited: Field | None, listed: Field | None) -> bool:
    if cited is None or listed is None:
        return False
    a, b = fold(cited.text).replace(" ", ""), fold(listed.text).replace(" ", "")
    return a not in b and b not in a


def check_publication(doc: Document, opts: MatchOptions) -> Iterator[Violation]:
    """Flag a note whose year or place of publication differs from the bibliography entry's.

    Years agree when the two citations share one (a reprint may give two); places are compared only
    when both name one, and one may be part of the other ("New York" and "London, New York").
    """
    for resolution in _direct(doc, opts):
        assert resolution.listed is not None
        work, listed = resolution.citation.work, resolution.listed.work
        who = _who(resolution.listed)
        year, other = work.imprint.year, listed.imprint.year
        if year is not None and other is not None and not set(work.imprint.years) & set(listed.imprint.years):
            yield Violation(
                _note_span(doc, resolution, year),
                f'year differs from the bibliography entry for {who}: note has "{year.text}", '
                f'bibliography has "{other.text}"',
            )
        place, listed_place = work.imprint.place, listed.imprint.place
        if place is not None and listed_place is not None and _place_differs(place, listed_place):
            yield Violation(
                _note_span(doc, resolution, place),
                f'place differs from the bibliography entry for {who}: note has "{tidy(place.text)}", '
                f'bibliography has "{tidy(listed_place.text)}"',
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
        yield Violation(_note_span(doc, first), message)


MISSING_SOURCE = Rule(
    "B001", "missing-source", "Note cites a work the bibliography does not list", check_missing, options=MatchOptions
)
AUTHOR_MISMATCH = Rule(
    "B003",
    "author-mismatch",
    "Note spells the author otherwise than the bibliography",
    check_author,
    Severity.WARNING,
    MatchOptions,
)
TITLE_MISMATCH = Rule(
    "B004",
    "title-mismatch",
    "Note gives the title otherwise than the bibliography",
    check_title,
    Severity.WARNING,
    TitleMismatchOptions,
)
PUBLICATION_MISMATCH = Rule(
    "B005",
    "publication-mismatch",
    "Note gives another year or place of publication than the bibliography",
    check_publication,
    Severity.WARNING,
    MatchOptions,
)
NO_BIBLIOGRAPHY = Rule(
    "B009",
    "no-bibliography",
    "Short-form notes but no bibliography",
    check_no_bibliography,
    Severity.INFO,
    enabled=False,
)

RULES = (
    MISSING_SOURCE,
    uncited.UNCITED_SOURCE,
    AUTHOR_MISMATCH,
    TITLE_MISMATCH,
    PUBLICATION_MISMATCH,
    *entries.RULES,
    NO_BIBLIOGRAPHY,
)
