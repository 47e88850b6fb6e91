"""The bibliography files themselves, each finding at the file's own line: files that cannot be read (E003),
syntax pandoc rejects (B012), malformed DOIs (B014), an unescaped `%` (B015); the memo of findings per file."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar, cast

from loccit.linter import cache
from loccit.linter.diagnostics import Rule, Severity, Violation
from loccit.linter.model import BibFile, Document, Span
from loccit.linter.patterns import LazyPattern

_DOI = LazyPattern(r"10\.\d{4,9}/\S+|10/[a-z0-9]+", re.I)  # shortDOIs (10/cff2) resolve too
_DOI_URL = re.compile(r"(?:https?://)?(?:dx\.)?doi\.org/", re.I)
_PERCENT = re.compile(r"(?<!\\)%")
# Fields that hold URLs, paths or identifiers, where a `%` is an escape of its own (`%20`).
_VERBATIM_FIELDS = frozenset({"url", "doi", "file", "eprint", "pdf", "urldate", "howpublished", "note", "annote"})


def bib_files(doc: Document) -> tuple[BibFile, ...]:
    """The bibliography files a document is rendered with."""
    return doc.key_bibliography.files if doc.key_bibliography is not None else ()


# The chapters of a book share one parsed file: what a rule finds in it is worked out once per run. A rule whose
# findings in a file depend on the other files loaded with it (a crossref target) names them as its scope.
_FOUND: dict[tuple[str, int, tuple[int, ...]], tuple[BibFile, tuple[BibFile, ...], list[Violation]]] = cache.per_run({})


def per_file(
    rule: str,
    found: BibFile,
    compute: Callable[[BibFile], Iterable[Violation]],
    scope: tuple[BibFile, ...] = (),
) -> list[Violation]:
    """compute(found), once for each parsed file, rule and scope (the files are immutable; findings are too)."""
    key = (rule, id(found), tuple(id(other) for other in scope))
    hit = _FOUND.get(key)
    if hit is None or hit[0] is not found or any(a is not b for a, b in zip(hit[1], scope, strict=True)):
        hit = _FOUND[key] = (found, scope, list(compute(found)))
    return hit[2]


_T = TypeVar("_T")
# What a rule finds in all the files a document is rendered with (duplicate keys across them): once per set of files.
_ACROSS: dict[tuple[str, tuple[int, ...]], tuple[tuple[BibFile, ...], list[Any]]] = cache.per_run({})


def across_files(rule: str, files: tuple[BibFile, ...], compute: Callable[[], Iterable[_T]]) -> list[_T]:
    """compute(), once for each set of parsed files and rule (the chapters of a book share one set)."""
    key = (rule, tuple(id(found) for found in files))
    hit = _ACROSS.get(key)
    if hit is None or any(a is not b for a, b in zip(hit[0], files, strict=True)):
        hit = _ACROSS[key] = (files, list(compute()))
    return cast("list[_T]", hit[1])


def unreadable_bibliographies(doc: Document, opts: object) -> Iterator[Violation]:
    """E003: a bibliography file named but missing, unreadable or unparsable; front matter that is not YAML."""
    if doc.metadata is not None and doc.metadata.problem is not None:
        problem = doc.metadata.problem
        yield Violation(problem.span, f"front matter cannot be read, so pandoc cannot either: {problem.value}")
    if doc.key_bibliography is None:
        return
    for named, message in doc.key_bibliography.unreadable:
        yield Violation(named.span, f'bibliography file "{named.value}" cannot be used: {message}', path=named.path)


def syntax_problems(doc: Document, opts: object) -> Iterator[Violation]:
    """B012: entries pandoc cannot read or reads otherwise than written."""
    for found in bib_files(doc):
        yield from (Violation(problem.span, problem.message, path=found.path) for problem in found.problems)


def malformed_dois(doc: Document, opts: object) -> Iterator[Violation]:
    """B014: a DOI written as a URL or with a `doi:` prefix, or one that is not a DOI at all."""
    for found in bib_files(doc):
        yield from per_file("B014", found, _malformed_dois)


def _malformed_dois(found: BibFile) -> Iterator[Violation]:
    """Each DOI field of a file that is a URL, has a prefix or is no DOI."""
    for entry in found.entries:
        for name, value, span in entry.fields:
            if name != "doi" or not value.strip():
                continue
            value = value.strip()
            if _DOI_URL.match(value):
                bare = _DOI_URL.sub("", value, count=1)
                detail = f'is written as a URL; give the DOI alone, "{bare}" (styles add the resolver)'
            elif value.lower().startswith("doi:"):
                detail = f'has a "doi:" prefix; give the DOI alone, "{value[4:].strip()}"'
            elif not _DOI.fullmatch(value.replace("\\_", "_")):
                detail = 'is not a DOI (one starts "10." and a registrant code, then "/")'
            else:
                continue
            yield Violation(Span(*span), f'DOI "{value}" of entry "{entry.key}" {detail}', path=found.path)


def unescaped_percents(doc: Document, opts: object) -> Iterator[Violation]:
    """B015: a `%` in a BibTeX text field, which LaTeX reads as the start of a comment."""
    for found in bib_files(doc):
        if found.format == "bibtex":
            yield from per_file("B015", found, _unescaped_percents)


def _unescaped_percents(found: BibFile) -> Iterator[Violation]:
    """Each text field of a BibTeX file with a bare `%`."""
    for entry in found.entries:
        for name, value, span in entry.fields:
            if name in _VERBATIM_FIELDS or "%" not in value or not _PERCENT.search(value):
                continue
            message = (
                f'unescaped "%" in field "{name}" of entry "{entry.key}": LaTeX and BibLaTeX styles drop the '
                'rest of the line as a comment; write "\\%"'
            )
            yield Violation(Span(*span), message, path=found.path)


UNREADABLE_BIBLIOGRAPHY = Rule(
    "E003",
    "unreadable-bibliography",
    "A bibliography file named for the document is missing, unreadable or not its format",
    unreadable_bibliographies,
    Severity.ERROR,
)
BIBLIOGRAPHY_SYNTAX = Rule(
    "B012",
    "bibliography-syntax",
    "A bibliography file entry pandoc cannot read as written",
    syntax_problems,
    Severity.ERROR,
)
MALFORMED_DOI = Rule(
    "B014",
    "malformed-doi",
    "A DOI written as a URL, with a prefix, or not a DOI",
    malformed_dois,
    Severity.WARNING,
)
UNESCAPED_PERCENT = Rule(
    "B015",
    "unescaped-percent",
    "An unescaped % in a BibTeX field",
    unescaped_percents,
    Severity.WARNING,
)
