"""Citation keys against the bibliography: missing keys (B001), uncited entries (B002), duplicate keys (B006),
citations with no bibliography (B009), keys pandoc reads shorter (B010), citations lost to example lists (B011)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from loccit.linter.bibfiles.latex import fold_field
from loccit.linter.diagnostics import Rule, Severity, Violation
from loccit.linter.matching.citekeys import cited_keys, describe, key_index, near_miss, other_case, usable
from loccit.linter.model import BibEntry, Document
from loccit.rules.citekeys.files import across_files

_DOI_PREFIX = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:")


def missing_keys(doc: Document) -> Iterator[Violation]:
    """B001: a cited key that no entry has, once per key, with a hint (case, near miss)."""
    found = usable(doc)
    if found is None:
        return
    index = key_index(doc)
    reported: set[str] = set()
    for citation in doc.citations:
        key = citation.key
        if key in index or key in reported or citation.written in index:
            continue
        reported.add(key)
        hint = ""
        if (case := other_case(doc, key)) is not None:
            hint = f'; the bibliography has "{case}" (keys are case-sensitive)'
        elif (close := near_miss(doc, key)) is not None:
            hint = f'; did you mean "{close}"?'
        yield Violation(citation.span, f'citation key "{key}" is in no bibliography ({describe(found)}){hint}')


def _cited_fraction(entries: list[BibEntry], cited: frozenset[str], folded: set[str]) -> float:
    keys = {entry.key for entry in entries}
    return sum(key in cited or key.casefold() in folded for key in keys) / len(keys) if keys else 0.0


def uncited_entries(doc: Document, min_cited_fraction: float) -> Iterator[Violation]:
    """B002: an entry no citation, chapter or `nocite` names, in a file most of whose entries are cited."""
    found = usable(doc)
    if found is None or "*" in found.nocite or not doc.citations:
        return
    cited = cited_keys(doc)
    folded = {key.casefold() for key in cited}
    groups = [(doc.path, list(found.references))] + [(f.path, list(f.entries)) for f in found.files]
    for path, entries in groups:
        if not entries or _cited_fraction(entries, cited, folded) < min_cited_fraction:
            continue  # a shared library, most of it cited by documents not checked here
        seen: set[str] = set()
        for entry in entries:
            if entry.key in seen or entry.key in cited or entry.key.casefold() in folded:
                continue
            seen.add(entry.key)
            yield Violation(entry.span, f'entry "{entry.key}" is not cited in the text or named in nocite', path=path)


def _doi(entry: BibEntry) -> str | None:
    value = entry.field("doi")
    if not value:
        return None
    value = value.strip().lower()
    for prefix in _DOI_PREFIX:
        if value.startswith(prefix):
            value = value[len(prefix) :]
    return value or None


_NON_WORD = re.compile(r"[\W_]+")


class _Title(NamedTuple):
    """A title as compared: its words case-folded without punctuation, and those of them holding digits."""

    words: str
    numbers: tuple[str, ...]


_WITH_DIGIT = re.compile(r"[^ ]*\d[^ ]*")  # a word of a title's words (single spaces between) holding a digit


def _title(title: str) -> _Title:
    words = " ".join(_NON_WORD.sub(" ", title.casefold()).split())
    return _Title(words, tuple(_WITH_DIGIT.findall(words)))


def _alike(one: str | None, other: str | None, min_score: float = 90) -> bool:
    """Whether two titles name one work: a dataset's v10 and v12 may share a DOI and are two works."""
    return bool(one and other) and _alike_titles(_title(one or ""), _title(other or ""), min_score)


def _alike_titles(one: _Title, other: _Title, min_score: float) -> bool:
    if one.numbers != other.numbers:
        return False  # "Dataset v10" and "Dataset v12", "Volume 1" and "Volume 2"
    if one.words == other.words:
        return True
    # The ratio is at most twice the shorter length over the sum of both: titles of unlike length are decided
    # without rapidfuzz (whose import a one-chapter check of a book would otherwise pay for nothing).
    shorter, total = min(len(one.words), len(other.words)), len(one.words) + len(other.words)
    if not total or 200 * shorter < min_score * total:
        return False
    from rapidfuzz import fuzz

    return fuzz.ratio(one.words, other.words, score_cutoff=min_score) >= min_score


_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
# Fields that tell two printings of one title apart: another volume, edition, translation or part is another work.
_DISTINCT = ("volume", "edition", "number", "translator", "pages", "part", "version", "chapter")


def _people(entry: BibEntry) -> frozenset[str]:
    """The words of an entry's authors (editors when it has none), case-folded, LaTeX braces and accents off."""
    return frozenset(_NON_WORD.split(fold_field(entry.field("author") or entry.field("editor") or ""))) - {"", "and"}


def _work(entry: BibEntry) -> tuple[str, frozenset[str]] | None:
    """An entry's year and author words, when it has both and a title (the three a same-work match needs)."""
    date = entry.field("year") or entry.field("date") or entry.field("issued") or ""
    year = _YEAR.search(date)
    people = _people(entry)
    return (year.group(), people) if year and people and entry.field("title") else None


# Where a work appears or is found: two entries giving different ones are two works ("Introduction" in two books,
# "Editorial" in two journals, two interviews or situation reports told apart by a note or a URL, a book's British
# and American editions told apart by their publishers).
_CONTAINERS = (
    "booktitle", "journal", "journaltitle", "maintitle", "series", "howpublished", "note", "url", "eprint", "isbn",
    "school", "institution", "organization", "type", "container-title", "collection-title", "publisher", "address",
    "location", "publisher-place",
)  # fmt: skip


def _plain(value: str) -> str:
    """A field's words for comparing: LaTeX commands, braces, accents, case and punctuation off."""
    return " ".join(_NON_WORD.sub(" ", fold_field(value)).split())


def _same_printing(one: BibEntry, other: BibEntry) -> bool:
    """Whether two entries may be one printing: same type and numbering, and no container that differs."""
    if one.kind != other.kind:
        return False
    mine, theirs = {n: v for n, v, _ in one.fields}, {n: v for n, v, _ in other.fields}
    if any(mine.get(name) != theirs.get(name) for name in _DISTINCT):
        return False
    for name in _CONTAINERS:
        here, there = mine.get(name), theirs.get(name)
        if here and there and here != there and _plain(here) != _plain(there):
            return False
    return True


_GROUP_LIMIT = 20  # one author's works of one year compared with at most this many earlier ones


def _same_work_in(entries: tuple[BibEntry, ...]) -> Iterator[Violation]:
    """The same author words, the same year, alike titles (one DOI under two keys is the other check)."""
    seen: set[str] = set()
    groups: dict[tuple[str, frozenset[str]], list[BibEntry]] = {}
    titles: dict[int, _Title] = {}  # prepared once an entry has another of its authors and year to compare with

    def title_of(entry: BibEntry) -> _Title:
        if id(entry) not in titles:
            titles[id(entry)] = _title(entry.field("title") or "")
        return titles[id(entry)]

    for entry in entries:
        work = _work(entry) if entry.key not in seen else None
        seen.add(entry.key)
        if work is None:
            continue
        earlier = groups.setdefault(work, [])
        candidates = earlier[:_GROUP_LIMIT]
        same = next(
            (e for e in candidates if _alike_titles(title_of(e), title_of(entry), 95) and _same_printing(e, entry)),
            None,
        )
        earlier.append(entry)
        # two DOIs: the same one is reported by the DOI check, two different ones are two works
        if same is not None and (_doi(same) is None or _doi(entry) is None):
            message = (
                f'entry "{entry.key}" has the authors, title and year of "{same.key}" (line {same.span.line}): '
                "one work under two keys; keep one"
            )
            yield Violation(entry.span, message, path=entry.path)


def duplicate_keys(doc: Document) -> Iterator[Violation]:
    """B006: a key listed twice (within a file or across files), and one work under two keys (DOI, or authors,
    title and year)."""
    found = doc.key_bibliography
    if found is None:
        return
    if found.references:
        yield from _duplicates_in(found.entries)
        return
    yield from across_files("B006", found.files, lambda: _duplicates_in(found.entries))


def _duplicates_in(entries: tuple[BibEntry, ...]) -> Iterator[Violation]:
    first: dict[str, BibEntry] = {}
    by_doi: dict[str, BibEntry] = {}
    for entry in entries:
        earlier = first.setdefault(entry.key, entry)
        if earlier is not entry:
            where = "" if earlier.path == entry.path else f"{earlier.path}, "
            message = (
                f'key "{entry.key}" is listed again (first at {where}line {earlier.span.line}); '
                "pandoc uses one copy, biber the other"
            )
            yield Violation(entry.span, message, path=entry.path)
            continue
        doi = _doi(entry)
        if doi is None:
            continue
        same = by_doi.setdefault(doi, entry)
        if same is not entry and _alike(same.field("title"), entry.field("title")):
            message = f'entry "{entry.key}" has the DOI of "{same.key}" ({doi}): one work under two keys'
            yield Violation(entry.span, message, path=entry.path)
    yield from _same_work_in(entries)


def no_bibliography(doc: Document) -> Iterator[Violation]:
    """B009: bracketed citations in a document that names no bibliography."""
    if doc.key_bibliography is not None or doc.source_sections:
        return
    bracketed = [c for c in doc.citations if c.bracketed]
    if bracketed:
        more = len(doc.citations) - 1
        which = f"@{bracketed[0].key}" + (f" and {more} more citations" if more else "")
        yield Violation(bracketed[0].span, f"{which}, but no bibliography is named (front matter, project, settings)")


def truncated_keys(doc: Document, opts: object) -> Iterator[Violation]:
    """B010: a key written so that pandoc reads a shorter one (`@duquette_share--income`)."""
    index = key_index(doc)
    for citation in doc.citations:
        if citation.written != citation.key and citation.written in index:
            message = (
                f'pandoc reads the key "{citation.key}" here, not "{citation.written}": write @{{{citation.written}}}'
            )
            yield Violation(citation.span, message)


def example_citations(doc: Document, opts: object) -> Iterator[Violation]:
    """B011: a paragraph opening with `@key.` or `@key)`, which pandoc reads as an example list item."""
    if doc.key_bibliography is None or not doc.example_items:
        return
    folded = {key.casefold() for key in key_index(doc)}
    for item in doc.example_items:
        if item.key.casefold() in folded:
            message = (
                f'"@{item.key}" opens a paragraph followed by "." or ")": pandoc reads an example list item '
                "and the citation is lost; reword or start with [@" + item.key + "]"
            )
            yield Violation(item.span, message)


TRUNCATED_CITEKEY = Rule(
    "B010",
    "truncated-citekey",
    "Pandoc reads a shorter key than the one written",
    truncated_keys,
    Severity.ERROR,
)
EXAMPLE_LIST_CITATION = Rule(
    "B011",
    "example-list-citation",
    "A paragraph opening with @key. is an example list item, not a citation",
    example_citations,
    Severity.WARNING,
)
