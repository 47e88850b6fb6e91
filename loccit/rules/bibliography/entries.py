"""A bibliography lists each work once, alphabetically, under headings that hold entries (B006-B008)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from loccit.linter.citations.scan import fold, tidy
from loccit.linter.diagnostics import Rule, Severity, Violation
from loccit.linter.markdown.sections import NOTES_HEADINGS, heading_matcher
from loccit.linter.matching.resolve import Listed, listed_works
from loccit.linter.matching.similarity import title_score
from loccit.linter.matching.system import CitationSystem, citation_system
from loccit.linter.model import Document, Heading
from loccit.linter.patterns import LazyPattern
from loccit.rules.citekeys.keys import duplicate_keys

_ARTICLES = ("the ", "a ", "an ")


@dataclass(frozen=True)
class DuplicateSourceOptions:
    """Options of duplicate-source."""

    same_work_min_score: float = 95.0
    """Title similarity (0-100) above which two entries by the same lead author are the same work."""


def _lead_key(listed: Listed) -> str:
    return listed.authors[0].key if listed.authors else ""


def _label(listed: Listed) -> str:
    who = listed.authors[0].surname if listed.authors else ""
    title = tidy(listed.work.title.text) if listed.work.title else tidy(listed.entry.text)[:60]
    return f'{who}, "{title}"' if who else f'"{title}"'


def _same_publication(earlier: Listed, later: Listed) -> bool:
    """Whether two alike entries share a year or a container: a duplicate, not two letters or two issues."""
    a, b = earlier.work, later.work
    if a.imprint.years and b.imprint.years:
        return bool(set(a.imprint.years) & set(b.imprint.years))
    if a.container is not None and b.container is not None:
        return fold(a.container.text) == fold(b.container.text)
    return fold(earlier.entry.text) == fold(later.entry.text)


def duplicates(
    doc: Document, min_score: float = DuplicateSourceOptions.same_work_min_score
) -> list[tuple[Listed, Listed]]:
    """Each entry that lists a work an earlier entry lists, with that earlier entry (computed once).

    Two entries are the same work when their lead authors agree, their titles are alike (`same_work_min_score`) and
    they share a year or, undated, a container.
    """
    return doc.derived(("duplicate entries", min_score), lambda: _duplicates(doc, min_score))


def _duplicates(doc: Document, min_score: float) -> list[tuple[Listed, Listed]]:
    found: list[tuple[Listed, Listed]] = []
    reported: set[int] = set()
    # Only entries with the same lead author and the same numbers in the title can be the same work
    # ("Topsite (1999.01.21)" and "Topsite (1999.04.27)", volume 1 and volume 2 are not): comparing within
    # those groups, not every pair, keeps a long bibliography linear.
    groups: dict[tuple[str, tuple[str, ...]], list[Listed]] = {}
    for later in listed_works(doc, own=True):
        if later.work.title is None:
            continue
        group = groups.setdefault((_lead_key(later), tuple(_numbers(later))), [])
        for earlier in group:
            if id(earlier) in reported or not _same_publication(earlier, later):
                continue
            assert earlier.work.title is not None
            if title_score(earlier.work.title.text, later.work.title.text, False) >= min_score:
                reported.add(id(later))
                found.append((later, earlier))
                break
        group.append(later)
    return found


def check_duplicate_source(doc: Document, opts: DuplicateSourceOptions) -> Iterator[Violation]:
    """Flag a bibliography entry that lists a work an earlier entry already lists.

    Two entries are the same work when their lead authors agree, their titles are alike (`min_score`)
    and they share a year, or (undated) a container; the second is reported. Different letters to one
    person, different issues of one periodical, or one title on two sites are different works. In bibliography
    files (`.bib`, CSL-JSON, CSL-YAML), a key listed twice, within a file or across files, is reported at its
    second copy, and so is an entry with the DOI of an earlier one.
    """
    yield from duplicate_keys(doc)
    for later, earlier in duplicates(doc, opts.same_work_min_score):
        yield Violation(
            later.entry.span,
            f"bibliography lists {_label(later)} again (first on line {earlier.entry.span.line})",
        )


def _numbers(listed: Listed) -> list[str]:
    return re.findall(r"\d+", listed.work.title.text) if listed.work.title else []


def _lead(listed: Listed) -> str:
    """What an entry is alphabetised by: the lead author's surname as written, else the title."""
    if listed.authors:
        first = listed.authors[0]
        return fold(listed.entry.text[first.start : first.end].split(",")[0]) or first.key
    if listed.work.editors:
        return listed.work.editors[0].key
    title = fold(listed.work.title.text if listed.work.title else listed.entry.text)
    for article in _ARTICLES:
        if title.startswith(article):
            return title[len(article) :]
    return title


# Letters NFKD leaves whole, filed as the letters they are written like (Børresen between Borges and Bostrom).
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "þ": "th", "ı": "i"})
# Lower-case particles a surname may be filed without ("de Beauvoir" under B, Chicago 8.5, 16.71).
_PARTICLES = frozenset(
    {"d", "da", "de", "del", "della", "der", "des", "di", "du", "la", "le", "ten", "ter", "van", "von"}
)


def _sort_key(listed: Listed) -> tuple[str, str, str]:
    """The lead compared letter by letter ("desouza"), word by word ("de souza"), and without a lower-case
    particle ("souza"), as a writer may file it; a lead without one is the same for the third."""
    lead = _lead(listed).translate(_LETTERS)
    words = lead.split()
    written = _written_lead(listed).split()
    while len(words) > 1 and written and written[0] in _PARTICLES:
        words, written = words[1:], written[1:]
    return "".join(lead.split()), lead, " ".join(words)


def _written_lead(listed: Listed) -> str:
    """The lead author's surname as the entry writes it, case kept (empty for a title-first entry)."""
    if not listed.authors:
        return ""
    first = listed.authors[0]
    return listed.entry.text[first.start : first.end].split(",")[0]


# A footnote a conversion dropped into the list ("15 It is worth noting …", "13 [6: 395]. Being …"): no entry.
_NOTE_NUMBER = LazyPattern(r"\d{1,3} (?:[A-Z]\w* |\[)")
_INVERTED_NAME = LazyPattern(r"[A-Z\u00c0-\u024f][\w’'\-]+(?: [\w’'\-]+)?, [A-Z\u00c0-\u024f]")


def _sortable(listed: Listed) -> bool:
    """Whether the entry was read surely enough to place it: by an author, or a dated title-first work.

    An entry opening "Barabási, Albert-László, …" whose authors were not read, or an undated fragment of
    another entry ("_Child. Stanford University Press_. Retrieved from:"), has no reliable sort key.
    """
    if listed.authors:
        # "Lewis M. Terman. (1926)" among inverted names: filed under a surname it does not lead with
        first = listed.authors[0]
        written = listed.entry.text[first.start : first.end]
        return "," in written or first.corporate or len(written.split()) < 2
    if _INVERTED_NAME.match(listed.entry.text) or _NOTE_NUMBER.match(listed.entry.text):
        return False
    return bool(listed.work.imprint.years) and listed.work.title is not None


def _out_of_order(keys: list[tuple[tuple[str, str, str], Listed]]) -> Iterator[tuple[Listed, Listed]]:
    """Each entry that breaks both systems of Chicago 16.58 (letter by letter, word by word), and the filing
    without particles, with its predecessor."""
    for (before, previous), (key, listed) in zip(keys, keys[1:], strict=False):
        if key[0] < before[0] and key[1] < before[1] and key[2] < before[2]:
            yield listed, previous


def check_source_order(doc: Document, opts: object) -> Iterator[Violation]:
    """Flag the first entry of a bibliography section that breaks alphabetical order by lead author.

    Entries are compared on the lead author's surname as written, ignoring case and accents, letter by
    letter or word by word ("De Souza" may come before or after "Décary", Chicago 16.58); works without
    an author go by their title without "The", "A" or "An", or by the editor or translator a title-first
    entry names (Chicago 14.66-14.75). Several works by one author ("———") may come in any order. Only
    entries read surely take part, and only a section that is evidently meant to be alphabetical is
    checked: one entry out of place, or no more than one in five (a list by date or by archive, out of
    order at every other step, is not alphabetical by design).
    """
    by_entry = {id(listed.entry): listed for listed in listed_works(doc, own=True)}
    for section in doc.sections:
        keys = []
        for entry in section.entries:
            listed = by_entry.get(id(entry))
            if listed is not None and not listed.work.same_author and _sortable(listed):
                keys.append((_sort_key(listed), listed))
        broken = list(_out_of_order(keys))
        if not broken or (len(broken) > 1 and len(broken) * 5 > len(keys) - 1):
            continue
        listed, previous = broken[0]
        yield Violation(
            listed.entry.span,
            f"entry {_label(listed)} is out of alphabetical order: it follows {_label(previous)}",
        )


_NOTES_HEADING = heading_matcher(NOTES_HEADINGS)


def _holds_notes(doc: Document, heading: Heading) -> bool:
    """Whether the heading names notes ("References", "Notes") and note definitions follow it.

    A heading named for sources ("Website Sources") with the notes after it is still an empty section.
    """
    if doc.notes_heading is not None and doc.notes_heading.span.start == heading.span.start:
        return True
    if not _NOTES_HEADING.fullmatch(heading.title):
        return False
    later = [h.span.start for h in doc.headings if h.span.start > heading.span.start]
    end = min(later, default=len(doc.text))
    return any(heading.span.start < d.span.start < end for d in doc.definitions)


def check_empty_section(doc: Document, opts: object) -> Iterator[Violation]:
    """Flag a bibliography heading with no entries under it.

    A heading whose subsections hold the entries ("Bibliography" over "Primary sources") is not empty, nor
    is one that holds the notes, nor Pandoc's placeholder in a document citing with `[@key]` (or with a
    `::: {#refs}` div or a `bibliography:` file), which citeproc fills.
    """
    for section in doc.sections:
        if section.entries or section.has_subsections or _holds_notes(doc, section.heading):
            continue
        if citation_system(doc).system is CitationSystem.CITEKEYS:
            return
        yield Violation(section.heading.span, f'bibliography section "{section.heading.title}" has no entries')


DUPLICATE_SOURCE = Rule(
    "B006",
    "duplicate-source",
    "Bibliography lists one work twice",
    check_duplicate_source,
    Severity.WARNING,
    DuplicateSourceOptions,
)
SOURCE_ORDER = Rule(
    "B007", "source-order", "Bibliography section is not in alphabetical order", check_source_order, Severity.WARNING
)
EMPTY_SECTION = Rule(
    "B008", "empty-section", "Bibliography heading has no entries", check_empty_section, Severity.WARNING
)
