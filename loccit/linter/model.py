"""The document model: every note, marker, heading and bibliography entry with its source span."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, NamedTuple, TypeVar, cast

R = TypeVar("R")


# Records built for every note, marker and entry are named tuples rather than frozen dataclasses: as immutable,
# but about seven times cheaper to define at start-up, which a pre-commit run pays on every commit.
class Span(NamedTuple):
    """A source range: 0-based offsets into the normalised text, 1-based line and column, end exclusive."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int


class NoteStyle(str, Enum):
    """How an essay writes its notes."""

    FOOTNOTE = "footnote"
    NUMERIC = "numeric"


class Heading(NamedTuple):
    """An ATX or setext heading."""

    level: int
    title: str
    span: Span


class Marker(NamedTuple):
    """A note reference in the text: `[^label]`, or `[7]` / `<sup>7</sup>` in numeric essays."""

    label: str
    span: Span
    number: int | None


class Definition(NamedTuple):
    """A note's text: `[^label]: text`, an inline `^[text]`, or in numeric essays `[7] text` / `7. text` under
    a notes heading."""

    label: str
    span: Span
    label_span: Span
    text: str
    text_start: int
    number: int | None
    section: str | None
    inline: bool = False  # a pandoc inline note `^[…]`: its own marker, labelled by its place among them


class Entry(NamedTuple):
    """One bibliography entry: a list item or paragraph under a bibliography heading."""

    text: str
    span: Span
    text_start: int
    section: str


class Comment(NamedTuple):
    """A suppression comment outside code: its kind as written (lower case), its codes (none: all), its span."""

    kind: str
    codes: tuple[str, ...]
    span: Span


class Section(NamedTuple):
    """A bibliography heading and the entries directly under it (subsections are sections of their own)."""

    heading: Heading
    parent: str | None
    entries: tuple[Entry, ...]
    has_subsections: bool


class Citekey(NamedTuple):
    """A pandoc citation of one key: `@key`, `-@key` or `@{key}`, bracketed or in the text."""

    key: str
    span: Span  # from the `-` or `@` to the end of the key as pandoc reads it
    bracketed: bool
    written: str  # the key as the writer may have meant it: up to the first space or closing mark


class Named(NamedTuple):
    """A value written in a metadata or configuration file (a bibliography path), where it is written."""

    value: str
    path: str
    span: Span


class BibEntry(NamedTuple):
    """One entry of a bibliography file (BibTeX, CSL-JSON, CSL-YAML) or of a document's `references:`."""

    key: str
    kind: str  # the entry type, lower case: article, book, ...
    # name (lower case), value as written, and where: a Span's six numbers as a plain tuple, which a large
    # bibliography's thousands of fields are much cheaper to keep and to read back from the cache as
    fields: tuple[tuple[str, str, tuple[int, int, int, int, int, int]], ...]
    path: str
    span: Span  # the entry's key, or its first line

    def field(self, name: str) -> str | None:
        """The value of a field, or None."""
        for key, value, _ in self.fields:
            if key == name:
                return value
        return None


class BibProblem(NamedTuple):
    """Something wrong in a bibliography file's syntax, at its own line: kind is "syntax" or "unreadable"."""

    kind: str
    message: str
    span: Span


class BibFile(NamedTuple):
    """A parsed bibliography file: its entries in file order (duplicates included) and its problems."""

    path: str
    entries: tuple[BibEntry, ...]
    problems: tuple[BibProblem, ...]
    format: str  # "bibtex", "csl-json" or "csl-yaml"


class Metadata(NamedTuple):
    """What pandoc reads about citations from YAML metadata (front matter, `_quarto.yml`, a metadata file)."""

    bibliography: tuple[Named, ...] | None = None  # None: the key is absent (a list may be given empty)
    references: tuple[BibEntry, ...] | None = None
    nocite: tuple[str, ...] = ()  # the keys `nocite:` names; "*" for every entry
    metadata_files: tuple[Named, ...] = ()
    problem: Named | None = None  # the metadata is not YAML pandoc can read: the message, where
    lang: str | None = None  # `lang:` (or `locale:`), which picks the locale citeproc reads locator terms in
    csl: Named | None = None  # `csl:` (or `citation-style:`), a style that may define terms of its own
    quarto: bool = False  # a key only Quarto reads (`format:`, `crossref:`): Quarto renders the document
    citeproc: bool | None = None  # `citeproc:` as written (None: not said)
    # The formats `format:` names, each with the `cite-method` it gives (None: no `format:`), and `cite-method:`
    # at the top: together with a project's, they say whether citeproc renders the citations (bibfiles.citeproc).
    formats: tuple[tuple[str, str | None], ...] | None = None
    cite_method: str | None = None


class KeyBibliography(NamedTuple):
    """The bibliography a document citing with keys is rendered with: its files, inline references, nocite keys,
    the files that could not be read (with where they are named), and the keys other chapters cite."""

    files: tuple[BibFile, ...] = ()
    references: tuple[BibEntry, ...] = ()
    unreadable: tuple[tuple[Named, str], ...] = ()
    nocite: frozenset[str] = frozenset()
    cited_elsewhere: frozenset[str] = frozenset()
    # The locale citeproc reads locator terms in ("en-US" unless `lang:` or the style says otherwise; None when
    # it cannot be known: a style that could not be read) and the terms the style's own `<locale>` adds.
    locale: str | None = "en-US"
    style_terms: frozenset[str] = frozenset()

    @property
    def entries(self) -> tuple[BibEntry, ...]:
        """Every entry: the inline references, then each file's in order."""
        return self.references + tuple(e for f in self.files for e in f.entries)


@dataclass
class LineIndex:
    """Converts offsets in the normalised text into 1-based lines and code-point columns."""

    starts: list[int]

    @classmethod
    def of(cls, text: str) -> LineIndex:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos >= 0:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        return cls(starts)

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of an offset."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        """The span of offsets [start, end)."""
        starts = self.starts  # position() twice, inlined: every marker and note needs a span
        line = bisect.bisect_right(starts, start)
        end_line = bisect.bisect_right(starts, end, line - 1) if end >= start else bisect.bisect_right(starts, end)
        return Span(start, end, line, start - starts[line - 1] + 1, end_line, end - starts[end_line - 1] + 1)


@dataclass(frozen=True, eq=False)
class Document:
    """A parsed essay, frozen once built: rules read it and never change it.

    What a project adds (its shared bibliography files, the labels of companion notes files) is given when the
    engine builds the document it checks (`dataclasses.replace`), never written into a parsed one. Data that
    several rules derive from it is kept in its one cache, `derived`.
    """

    path: str
    text: str
    lines: LineIndex
    style: NoteStyle
    headings: tuple[Heading, ...] = ()
    markers: tuple[Marker, ...] = ()
    definitions: tuple[Definition, ...] = ()
    sections: tuple[Section, ...] = ()
    notes_heading: Heading | None = None
    notes_start: int = 0
    notes_end: int = 0
    # Suppression comments outside code (`<!-- loccit-disable N002 -->`), as written.
    comments: tuple[Comment, ...] = ()
    companion_labels: frozenset[str] = frozenset()
    # Whether a file beside this one has note markers: then a lone definition here may be theirs.
    companion_markers: bool = False
    # Note definitions run onto the end of another note's line (`… Archives. [^98]: "Garza…"`): renderers
    # read them as text, so they define nothing; kept to say so where their label is used.
    run_in: tuple[Marker, ...] = ()
    # Markers typed the wrong way round, `^[6]` for `[^6]` (pandoc would print an inline note reading "6").
    malformed: tuple[Marker, ...] = ()
    # The parsed bibliography files of the project this document belongs to (configured with
    # `bibliography = [...]`, or the bibliography-only files of a directory being checked).
    shared: tuple[Document, ...] = ()
    # How the text was read ("markdown" or "plain text", pasted from a web page or a word processor), and why.
    reading: str = "markdown"
    reading_reason: str = ""
    # Pandoc citations (`[@key]`, `@key`) outside code, math, comments, links and spans; Quarto cross-references
    # (`@fig-x`) are kept apart, and `@key.` opening a paragraph, which pandoc reads as an example list item.
    citations: tuple[Citekey, ...] = ()
    cross_references: tuple[Citekey, ...] = ()
    example_items: tuple[Citekey, ...] = ()
    # For a Quarto document citing cross-references (`@fig-x`): every label its project's documents define,
    # given by the engine; None when they cannot all be known (an include, a notebook, generated Markdown).
    crossref_labels: frozenset[str] | None = None
    quarto: bool = False  # rendered by Quarto: a `.qmd`, or a document of a project with `_quarto.yml`
    # The document's YAML front matter as pandoc reads it for citations (None without front matter).
    metadata: Metadata | None = None
    # The bibliography files and references the document's keys resolve against, given by the engine.
    key_bibliography: KeyBibliography | None = None
    # Stretches that are not running prose (code, HTML comments, URLs, links, page furniture), sorted and merged:
    # the markdown layer knows them, the in-text citation scanner (citations layer) skips them.
    skipped: tuple[tuple[int, int], ...] = ()
    _cache: dict[Hashable, Any] = field(default_factory=dict, init=False, repr=False)

    def span(self, start: int, end: int) -> Span:
        """Build a span for offsets [start, end) of the normalised text."""
        return self.lines.span(start, end)

    def derived(self, key: Hashable, compute: Callable[[], R]) -> R:
        """compute()'s result, worked out once for this document and key (the document's one cache)."""
        try:
            return cast(R, self._cache[key])
        except KeyError:
            value = self._cache[key] = compute()
            return value

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Every bibliography entry, in document order."""
        return self.derived("entries", lambda: tuple(e for section in self.sections for e in section.entries))

    @property
    def shared_sections(self) -> tuple[Section, ...]:
        """The bibliography sections of the project's shared bibliography files (each entry's span is in its file)."""
        return tuple(section for doc in self.shared for section in doc.sections)

    @property
    def source_sections(self) -> tuple[Section, ...]:
        """Every bibliography section a note may cite: the document's own, then the shared ones."""
        return self.sections + self.shared_sections

    @property
    def definitions_by_label(self) -> dict[str, list[Definition]]:
        """Map each label to its definitions, in document order."""
        return self.derived("definitions by label", lambda: _by_label(self.definitions))

    @property
    def markers_by_label(self) -> dict[str, list[Marker]]:
        """Map each label to its markers, in document order."""
        return self.derived("markers by label", lambda: _by_label(self.markers))


Labelled = TypeVar("Labelled", Definition, Marker)


def _by_label(items: tuple[Labelled, ...]) -> dict[str, list[Labelled]]:
    index: dict[str, list[Labelled]] = {}
    for item in items:
        index.setdefault(item.label, []).append(item)
    return index


def texts(doc: Document) -> Iterator[tuple[int, str]]:
    """The text of every note and bibliography entry with its offset in the document."""
    for definition in doc.definitions:
        yield definition.text_start, definition.text
    for entry in doc.entries:
        yield entry.text_start, entry.text
