"""Resolve every work a note cites to at most one bibliography entry, once per document, with the reason."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple, TypeVar

from loccit.linter.citations.names import Name
from loccit.linter.citations.scan import fold
from loccit.linter.citations.works import Kind, Work, parse_entry, parse_note
from loccit.linter.matching.candidates import Index
from loccit.linter.matching.similarity import (
    author_agreement,
    given_names_agree,
    numbers_agree,
    same_venue,
    title_score,
    years_agree,
)
from loccit.linter.model import Definition, Document, Entry, Section, Span
from loccit.linter.patterns import LazyPattern

R = TypeVar("R")


@dataclass(frozen=True)
class MatchOptions:
    """Thresholds of the resolution, as rapidfuzz scores from 0 to 100."""

    min_score: float = 85.0
    """Title similarity needed when the surnames agree (short titles are compared word by word)."""
    title_only_min_score: float = 95.0
    """Title similarity needed when the surnames disagree or the work has no author."""
    author_min_score: float = 80.0
    """Surname similarity above which a differing surname counts as a misspelling of the entry's."""


@dataclass(frozen=True, slots=True)
class Citation:
    """One work cited in one note; index counts the works within the note."""

    note: Definition
    index: int
    work: Work


class Listed(NamedTuple):
    """A bibliography entry and the work it lists (authors inherited after "———")."""

    entry: Entry
    work: Work
    authors: tuple[Name, ...]


class Resolution(NamedTuple):
    """Where a citation led: the entry (or None), the title score and how it was found."""

    citation: Citation
    listed: Listed | None
    score: float
    how: str
    via: Citation | None = None
    author_agrees: bool = True


@dataclass(frozen=True)
class Matching:
    """Every citation's resolution and every entry, for one document."""

    resolutions: tuple[Resolution, ...]
    listed: tuple[Listed, ...]

    @cached_property
    def cited(self) -> frozenset[int]:
        """Identities (`id`) of the entries some citation resolves to."""
        return frozenset(id(r.listed.entry) for r in self.resolutions if r.listed is not None)


def listed_works(doc: Document, own: bool = False) -> tuple[Listed, ...]:
    """Parse the bibliography entries a note may cite (own=True: only the document's own entries).

    "———" entries take the previous entry's authors. Paragraphs that name no author, date and URL (an
    introductory remark, a LaTeX spacing command, a list of archive collections) are left out.
    """
    own = own or not doc.shared  # the same entries either way: parse them once
    if not own and not doc.entries:  # a chapter that cites only its project's bibliography files
        return _shared_listed(doc.shared)
    return doc.derived(("listed works", own), lambda: _listed(doc.sections if own else doc.source_sections))


_BREAK_LINE = LazyPattern(r"\n[ \t]*(?:<br\s*/?>[ \t]*)+(?=\n)", re.I)


def _split_breaks(entry: Entry) -> Iterator[Entry]:
    """An entry as written, or the several entries a paragraph separates with `<br>` lines.

    Some essays separate their references with "<br><br>" lines instead of blank ones; read as one entry,
    every work but the first would be missing. The parts keep their places in the document.
    """
    if "<" not in entry.text or "<br" not in entry.text.casefold():
        yield entry
        return
    start = 0
    for found in [*_BREAK_LINE.finditer(entry.text), None]:
        end = found.start() if found else len(entry.text)
        part = entry.text[start:end].strip()
        if part:
            offset = entry.text.index(part, start)
            span = entry.span if offset == 0 and found is None else _part_span(entry, offset, len(part))
            yield Entry(part, span, entry.text_start + offset, entry.section)
        start = found.end() if found else end


def _part_span(entry: Entry, offset: int, length: int) -> Span:
    """The span of part of an entry, counting its lines from the entry's (entries do not wrap columns)."""
    before = entry.text[:offset]
    line = entry.span.line + before.count("\n")
    column = offset - before.rfind("\n") if "\n" in before else entry.span.column + offset
    inside = entry.text[offset : offset + length]
    end_line = line + inside.count("\n")
    end_column = len(inside) - inside.rfind("\n") if "\n" in inside else column + length
    start = entry.span.start + (entry.text_start - entry.span.start) + offset
    return Span(start, start + length, line, column, end_line, end_column)


def _shared_listed(shared: tuple[Document, ...]) -> tuple[Listed, ...]:
    """The works of a project's bibliography files, parsed once per project (kept by the first file)."""
    if len(shared) == 1:
        return listed_works(shared[0], own=True)
    sections = tuple(section for doc in shared for section in doc.sections)
    return shared[0].derived(("listed works with", shared[1:]), lambda: _listed(sections))


def listed_derived(doc: Document, key: Hashable, compute: Callable[[tuple[Listed, ...]], R]) -> R:
    """compute() over the works a document's notes may cite, worked out once per list of works.

    A chapter that cites only its project's bibliography files has the same list as every such chapter: the
    result is kept by the first of those files, so a project of many chapters computes it once, not once per
    chapter (the time grew with the square of the number of chapters).
    """
    owner, others = (doc.shared[0], doc.shared[1:]) if doc.shared and not doc.entries else (doc, ())
    return owner.derived((key, others), lambda: compute(listed_works(doc)))


def _index(doc: Document, opts: MatchOptions) -> Index:
    """The candidate index of the works a document may cite, built once per list of works and thresholds."""
    return listed_derived(doc, ("index", _thresholds(opts)), lambda listed: Index(listed, opts))


def bibliography_index(doc: Document, opts: MatchOptions) -> Index:
    """The candidate index of a bibliography file's own works, shared with the chapters that cite it (B002)."""
    if doc.shared:  # the works its own notes may cite are more than its own
        return Index(listed_works(doc, own=True), opts)
    return _index(doc, opts)


def _thresholds(opts: MatchOptions) -> tuple[float, float, float]:
    return opts.min_score, opts.title_only_min_score, opts.author_min_score


def _listed(sections: tuple[Section, ...]) -> tuple[Listed, ...]:
    listed: list[Listed] = []
    previous: tuple[Name, ...] = ()
    for entry in (part for section in sections for whole in section.entries for part in _split_breaks(whole)):
        work = parse_entry(entry.text)
        if work is None or not (work.authors or work.same_author or work.imprint.year or work.url):
            continue
        if _prose(work, entry.text):
            continue
        authors = previous if work.same_author else work.authors
        previous = authors
        listed.append(Listed(entry, work, authors))
    return tuple(listed)


def _prose(work: Work, text: str) -> bool:
    """Whether an authorless entry opens with a sentence of running prose rather than a title."""
    if work.authors or work.same_author or work.title is None or work.quoted or text[:1] in '*_“"‘':
        return False
    words = work.title.text.split(".", 1)[0].split()
    lower = sum(1 for word in words if word[:1].islower())
    return len(words) >= 8 and lower * 2 > len(words)


def note_citations(doc: Document) -> tuple[Citation, ...]:
    """Every work cited in every note, in document order."""
    return tuple(
        Citation(note, index, work) for note in doc.definitions for index, work in enumerate(parse_note(note.text))
    )


def _candidate(work: Work, listed: Listed, opts: MatchOptions) -> tuple[int, float, str] | None:
    """Rank a listed work as the target of a cited one: (strength, score, how) or None."""
    names = listed.authors + listed.work.editors
    agreement = author_agreement(work.authors, names, opts.author_min_score)
    short = work.kind is not Kind.FULL
    if work.title is None or listed.work.title is None:
        return (3, 100.0, "author") if agreement == "same" and work.title is None else None
    if not numbers_agree(work.title.text, listed.work.title.text):
        return None
    score = title_score(work.title.text, listed.work.title.text, short)
    if short and listed.work.container is not None:
        # "Roberts, Workstations, 146" names the book that holds Roberts's chapter.
        score = max(score, title_score(work.title.text, listed.work.container.text, True) - 1)
    if agreement == "same" and score >= opts.min_score:
        return 3, score, "author and title"
    if agreement == "same" and same_venue(work, listed.work):
        return 2, score, "author, year and URL or periodical"
    strict = title_score(work.title.text, listed.work.title.text, False)
    if agreement == "similar" and strict >= opts.min_score:
        return 2, strict, "title, author spelled otherwise"
    distinctive = len(work.title.text.split()) >= 3 or agreement != "other"
    if strict >= opts.title_only_min_score and distinctive and years_agree(work, listed.work):
        return 1, strict, "title only"
    return None


def _agreement(work: Work, listed: Listed) -> tuple[bool, bool, bool]:
    """Tie-breakers between equally good entries: the same given name, the same year, the same title exactly."""
    given = bool(work.authors and listed.authors) and given_names_agree(work.authors[0], listed.authors[0])
    same_title = work.title is not None and listed.work.title is not None
    same_title = same_title and fold(work.title.text) == fold(listed.work.title.text)  # type: ignore[union-attr]
    return given, years_agree(work, listed.work), same_title


def _direct(citation: Citation, index: Index, opts: MatchOptions) -> Resolution:
    """Resolve a citation against the entries: the strongest candidate, then the best title, then the first."""
    ranked = []
    for order in index.candidates(citation.work):
        item = index.listed[order]
        found = _candidate(citation.work, item, opts)
        if found is not None:
            ranked.append((found[0], found[1], _agreement(citation.work, item), -order, found[2], item))
    if not ranked:
        return Resolution(citation, None, 0.0, "no match")
    ranked.sort(key=lambda row: row[:4], reverse=True)
    strength, score, _, _, how, best = ranked[0]
    if how == "author" and sum(1 for row in ranked if row[4] == "author") > 1:
        return Resolution(citation, None, 0.0, "ambiguous")
    agrees = how not in {"title only", "title, author spelled otherwise"}
    return Resolution(citation, best, score, how, author_agrees=agrees)


Signature = tuple[str | None, str | None]
Best = tuple[float, Resolution] | None


class _Fulls:
    """The full citations resolved so far, by author key: a short form is compared with its author's only."""

    def __init__(self, min_score: float) -> None:
        self.min_score = min_score
        self.by_key: dict[str, list[Resolution]] = {}
        self.corporate: list[Resolution] = []
        self.scores: dict[tuple[str, Signature], float] = {}
        # per surname key and short title: how many of the key's full citations were compared, and the best
        self.progress: dict[tuple[str, str | None], tuple[int, Best]] = {}

    def add(self, resolution: Resolution) -> None:
        work = resolution.citation.work
        if work.kind is not Kind.FULL:
            return
        for name in {name.key: name for name in work.authors}.values():
            self.by_key.setdefault(name.key, []).append(resolution)
            if name.corporate:
                self.corporate.append(resolution)

    def best(self, work: Work) -> Best:
        """The best-scoring full citation, the latest of equals, that shares the short form's first author."""
        if not work.authors:
            return None
        if work.authors[0].corporate:  # a body's name may be part of another's: compare every candidate
            return self._best_of(work, self._corporate(work))
        # Under a personal name's key every full citation names that surname. The same short form is
        # compared only with the full citations added since it was last seen.
        key, title = work.authors[0].key, work.title.text if work.title else None
        done, best = self.progress.get((key, title), (0, None))
        earlier = self.by_key.get(key, [])
        best = self._best_of(work, earlier[done:], best)
        self.progress[(key, title)] = (len(earlier), best)
        return best

    def _best_of(self, work: Work, fulls: Iterable[Resolution], best: Best = None) -> Best:
        for earlier in fulls:
            full = earlier.citation.work
            if work.title is None or full.title is None:
                score = 100.0 if work.title is None else 0.0
            else:
                score = self.score(work.title.text, full)
            if score >= self.min_score and (best is None or score >= best[0]):
                best = (score, earlier)
        return best

    def _corporate(self, work: Work) -> list[Resolution]:
        found = list(self.by_key.get(work.authors[0].key, ()))
        found.extend(r for r in self.corporate if r not in found)
        found.sort(key=lambda r: (r.citation.note.text_start, r.citation.index))
        return [r for r in found if author_agreement(work.authors, r.citation.work.authors, 101.0) == "same"]

    def score(self, title: str, full: Work) -> float:
        """How well a short title names a full citation's title, or the periodical holding it (cached)."""
        signature = (full.title.text if full.title else None, full.container.text if full.container else None)
        score = self.scores.get((title, signature))
        if score is None:
            # A short form of a periodical piece may name the periodical ("O'Neil, Batman #258"); a point
            # less than the same score on a title, so "Martyn, Galatians" goes to the book of that title,
            # not to a chapter printed in a volume whose title lists "Galatians".
            scores = [title_score(title, signature[0], True)] if signature[0] is not None else []
            if signature[1] is not None:
                scores.append(title_score(title, signature[1], True) - 1)
            score = max(scores)
            self.scores[(title, signature)] = score
        return score


def _earlier_full(citation: Citation, fulls: _Fulls) -> Resolution | None:
    """The full citation a short form abbreviates: the most alike of those before it, the latest of equals."""
    best = fulls.best(citation.work)
    if best is None:
        return None
    score, earlier = best
    label = earlier.citation.note.label
    return Resolution(
        citation, earlier.listed, score, f"short form of note {label}", earlier.citation, earlier.author_agrees
    )


def _ibid(citation: Citation, done: list[Resolution]) -> Resolution:
    """Ibid. refers to the work of the preceding note that cites one."""
    for earlier in reversed(done):
        if earlier.citation.note is not citation.note:
            label = earlier.citation.note.label
            how = f"ibid. (note {label})"
            agrees = earlier.author_agrees
            return Resolution(citation, earlier.listed, earlier.score, how, earlier.citation, agrees)
    return Resolution(citation, None, 0.0, "ibid. without an earlier citation")


def _resolve(doc: Document, opts: MatchOptions) -> Matching:
    listed = listed_works(doc)
    return Matching(resolve_citations(note_citations(doc), listed, opts, _index(doc, opts)), listed)


def resolve_citations(
    citations: tuple[Citation, ...], listed: tuple[Listed, ...], opts: MatchOptions, index: Index | None = None
) -> tuple[Resolution, ...]:
    """Resolve a document's citations, in order, against the given entries (indexed by `index` when given)."""
    index = index if index is not None else Index(listed, opts)
    fulls = _Fulls(opts.min_score)
    done: list[Resolution] = []
    for citation in citations:
        if citation.work.kind is Kind.IBID:
            done.append(_ibid(citation, done))
            continue
        earlier = _earlier_full(citation, fulls) if citation.work.kind is Kind.SHORT else None
        resolution = earlier or _direct(citation, index, opts)
        fulls.add(resolution)
        done.append(resolution)
    return tuple(done)


def resolve(doc: Document, opts: MatchOptions | None = None) -> Matching:
    """The document's resolution, computed once per document and options and shared by the rules."""
    opts = opts if opts is not None else MatchOptions()
    options = MatchOptions(opts.min_score, opts.title_only_min_score, opts.author_min_score)
    return doc.derived(("resolution", options), lambda: _resolve(doc, options))
