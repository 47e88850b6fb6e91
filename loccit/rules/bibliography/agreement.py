"""A work's author, title and facts of publication agree between note and bibliography (B003-B005)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from loccit.linter.citations.imprint import Field
from loccit.linter.citations.scan import fold, tidy
from loccit.linter.citations.works import Work
from loccit.linter.diagnostics import Rule, Severity, Violation
from loccit.linter.matching.resolve import MatchOptions
from loccit.linter.matching.similarity import counterpart, given_names_agree, same_person, titles_agree
from loccit.linter.model import Document
from loccit.linter.patterns import LazyPattern
from loccit.rules.bibliography.common import direct_resolutions, entry_name, note_span
from loccit.rules.bibliography.intext import check_intext_author, check_intext_year
from loccit.rules.citekeys.narrative import check_narrative_authors


def check_author_mismatch(doc: Document, opts: MatchOptions) -> Iterator[Violation]:
    """Flag a note whose author is spelled otherwise than in the bibliography entry for the same work.

    The work is matched by title; then each author's surname must agree and given names must not
    contradict each other (an initial agrees with any name that starts with it).
    """
    for resolution in direct_resolutions(doc, opts):
        assert resolution.listed is not None
        note, listed = resolution.citation.note, resolution.listed
        for index, name in enumerate(resolution.citation.work.authors):
            other = counterpart(name, listed.authors + listed.work.editors)
            if other is None or same_person(name, other) or (other.key == name.key and given_names_agree(name, other)):
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
    yield from check_intext_author(doc, opts)
    yield from check_narrative_authors(doc)


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


# A descriptive title ("unsigned review of *Bleak House*", "letter to John Forster") is worded freely.
_DESCRIPTIVE = LazyPattern(
    r"(?:unsigned\s+|anonymous\s+)?(?:review|letter|interview|introduction|preface|foreword|afterword|obituary|"
    r"notice|report|memorandum|speech|address|minutes|diary\s+entry)\s+(?:of|to|with|from|on|by)\b",
    re.I,
)


def _not_comparable(work: Work, listed: Work) -> bool:
    """Whether the two titles cannot be compared word for word: descriptive, or the note's swallowed its container.

    A quoted title whose closing quote is missing runs on into the periodical ("Winter Roads, *Harbour
    Review* 3"): F001 reports the quote, and a B004 would only repeat it.
    """
    assert work.title is not None and listed.title is not None
    if _DESCRIPTIVE.match(work.title.text.lstrip("*_“\"‘'")) or _DESCRIPTIVE.match(listed.title.text.lstrip("*_“\"‘'")):
        return True
    cited, container = fold(work.title.text), fold(listed.container.text) if listed.container else ""
    return bool(container) and cited.startswith(fold(listed.title.text)) and container in cited


def check_title_mismatch(doc: Document, opts: TitleMismatchOptions) -> Iterator[Violation]:
    """Flag a full note whose title differs from the bibliography entry's for the same work.

    Case, punctuation, accents and emphasis are ignored; so are an omitted subtitle (`ignore_subtitle`)
    and short forms, whose titles are shortened on purpose (Chicago 14.30).
    """
    for resolution in direct_resolutions(doc, opts):
        assert resolution.listed is not None
        work, listed = resolution.citation.work, resolution.listed.work
        if work.kind.value != "full" or work.title is None or listed.title is None:
            continue
        if titles_agree(work, listed, opts.ignore_subtitle) or _not_comparable(work, listed):
            continue
        cited, shown = tidy(work.title.text), tidy(listed.title.text)
        yield Violation(
            note_span(doc, resolution, work.title),
            f'title differs from the bibliography entry for {entry_name(resolution.listed)}: note has "{cited}", '
            f'bibliography has "{_elide(cited, shown)}"',
        )


def _place_differs(cited: Field | None, listed: Field | None) -> bool:
    if cited is None or listed is None:
        return False
    a, b = fold(cited.text).replace(" ", ""), fold(listed.text).replace(" ", "")
    return a not in b and b not in a


def check_publication_mismatch(doc: Document, opts: MatchOptions) -> Iterator[Violation]:
    """Flag a note whose year or place of publication differs from the bibliography entry's.

    Years agree when the two citations share one (a reprint may give two); places are compared only
    when both name one, and one may be part of the other ("New York" and "London, New York").
    """
    for resolution in direct_resolutions(doc, opts):
        assert resolution.listed is not None
        work, listed = resolution.citation.work, resolution.listed.work
        who = entry_name(resolution.listed)
        year, other = work.imprint.year, listed.imprint.year
        if year is not None and other is not None and not set(work.imprint.years) & set(listed.imprint.years):
            yield Violation(
                note_span(doc, resolution, year),
                f'year differs from the bibliography entry for {who}: note has "{year.text}", '
                f'bibliography has "{other.text}"',
            )
        place, listed_place = work.imprint.place, listed.imprint.place
        if place is not None and listed_place is not None and _place_differs(place, listed_place):
            yield Violation(
                note_span(doc, resolution, place),
                f'place differs from the bibliography entry for {who}: note has "{tidy(place.text)}", '
                f'bibliography has "{tidy(listed_place.text)}"',
            )
    yield from check_intext_year(doc, opts)


AUTHOR_MISMATCH = Rule(
    "B003",
    "author-mismatch",
    "Note spells the author otherwise than the bibliography",
    check_author_mismatch,
    Severity.WARNING,
    MatchOptions,
)


TITLE_MISMATCH = Rule(
    "B004",
    "title-mismatch",
    "Note gives the title otherwise than the bibliography",
    check_title_mismatch,
    Severity.WARNING,
    TitleMismatchOptions,
)


PUBLICATION_MISMATCH = Rule(
    "B005",
    "publication-mismatch",
    "Note gives another year or place of publication than the bibliography",
    check_publication_mismatch,
    Severity.WARNING,
    MatchOptions,
)
