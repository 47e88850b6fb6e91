"""Run the enabled rules over essays and turn their violations into sorted diagnostics."""

from __future__ import annotations

import dataclasses
import functools
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from loccit.linter import cache as memo
from loccit.linter.bibfiles.load import BibliographyError, is_bibliography_path, parse_bibliography
from loccit.linter.config.discovery import matches
from loccit.linter.config.settings import Settings
from loccit.linter.diagnostics import Diagnostic, Rule, Severity, Violation
from loccit.linter.engine import suppress
from loccit.linter.engine.files import MARKDOWN_SUFFIXES, STDIN, decode, read
from loccit.linter.markdown import sections
from loccit.linter.markdown.parse import normalise, parse_document
from loccit.linter.model import Document, KeyBibliography, LineIndex, Named, NoteStyle
from loccit.rules import BY_CODE
from loccit.rules.errors.inputs import UNUSED_SUPPRESSION


class RuleError(Exception):
    """A rule raised: carries the rule code and the path so the crash can be reported and fixed."""

    def __init__(self, code: str, path: str, error: BaseException | str) -> None:
        detail = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
        super().__init__(f"rule {code} failed on {path}: {detail}")
        self.code, self.path, self.detail = code, path, detail

    def __reduce__(self) -> tuple[type[RuleError], tuple[str, str, str]]:
        return RuleError, (self.code, self.path, self.detail)  # crosses from a --jobs worker intact


def run_rules(doc: Document, settings: Settings) -> list[Diagnostic]:
    """Run every selected rule on one parsed document, suppressions aside."""
    diagnostics: list[Diagnostic] = []
    try:
        for rule in settings.rules:
            options = settings.options.get(rule.code) or rule.options()
            try:
                violations = list(rule.check(doc, options))
            except Exception as error:  # re-raised with the rule and the path, never swallowed
                raise RuleError(rule.code, doc.path, error) from error
            diagnostics.extend(diagnostic(doc.path, rule, settings.severity(rule), v) for v in violations)
    finally:
        memo.clear()
    return diagnostics


def suppressed(doc: Document, diagnostics: Sequence[Diagnostic], settings: Settings) -> list[Diagnostic]:
    """The diagnostics left after the document's suppression comments, plus E002 for idle suppressions."""
    directives = suppress.find(doc)
    if not directives:
        return sorted(diagnostics)
    # A finding in another file (a bibliography file the document uses) is not the document's to suppress.
    elsewhere = [d for d in diagnostics if d.path != doc.path]
    kept = suppress.apply(doc, [d for d in diagnostics if d.path == doc.path], directives) + elsewhere
    rule = UNUSED_SUPPRESSION
    if rule.code in settings.codes:
        idle = suppress.unused(doc, directives, set(BY_CODE) | settings.codes, settings.codes)
        kept.extend(diagnostic(doc.path, rule, settings.severity(rule), violation) for violation in idle)
    return sorted(kept)


def check_document(doc: Document, settings: Settings, extra: Iterable[Diagnostic] = ()) -> list[Diagnostic]:
    """Run every selected rule on one parsed document and apply its suppressions."""
    return suppressed(doc, [*run_rules(doc, settings), *extra], settings)


def configured(finding: Diagnostic | None, settings: Settings) -> Diagnostic | None:
    """A finding the engine makes itself (E001) as the settings want it: none when its rule is off, else at its
    configured severity."""
    if finding is None or finding.code not in settings.codes:
        return None
    severity = settings.severity(BY_CODE[finding.code])
    return finding if finding.severity is severity else dataclasses.replace(finding, severity=severity)


def diagnostic(path: str, rule: Rule, severity: Severity, violation: Violation) -> Diagnostic:
    span = violation.span
    return Diagnostic(
        violation.path or path,
        span.line,
        span.column,
        span.end_line,
        span.end_column,
        rule.code,
        rule.name,
        severity,
        violation.message,
        violation.fix,
    )


def parse_bytes(path: str, data: bytes, settings: Settings) -> tuple[Document | None, Diagnostic | None]:
    """Decode and parse one essay; an undecodable one gives its E001 diagnostic instead."""
    text, error = decode(path, data)
    if text is None:
        return None, configured(error, settings)
    if is_bibliography_path(path):
        return bibliography_document(path, text), None
    return parse_text(path, text, settings), None


def bibliography_document(path: str, text: str) -> Document:
    """A bibliography file checked on its own (pre-commit names a `.bib` that changed): its text stays out of the
    Markdown rules' sight, and its entries and problems are the document's key bibliography."""
    empty = LineIndex.of("")
    try:
        found = KeyBibliography(files=(parse_bibliography(path, text),))
    except BibliographyError as error:
        named = Named(os.path.basename(path), path, empty.span(0, 0))
        found = KeyBibliography(unreadable=((named, str(error)),))
    return Document(path, "", empty, NoteStyle.FOOTNOTE, key_bibliography=found)


def parse_text(path: str, text: str, settings: Settings) -> Document:
    """Parse one essay's decoded text (BOM and line endings as in the file) as the settings say."""
    return parse_document(
        path, normalise(text), settings.style, settings.bibliography_headings, settings.notes_headings
    )


def lint_text(path: str, data: bytes, settings: Settings) -> list[Diagnostic]:
    """Check one essay given as bytes."""
    doc, error = parse_bytes(path, data, settings)
    if doc is None:
        return [error] if error else []
    return check_document(with_companions(doc, settings), settings)


def with_companions(doc: Document, settings: Settings) -> Document:
    """A file with markers but no definitions, given the labels of the notes-only files beside it; a file with
    one definition and no markers, told whether a file beside it has markers."""
    if doc.path == STDIN:
        return doc
    directory = os.path.dirname(doc.path) or "."
    if doc.markers and not _labelled(doc):
        return dataclasses.replace(doc, companion_labels=companion_labels(directory, settings))
    if not doc.markers and sum(not d.inline for d in doc.definitions) == 1:
        return dataclasses.replace(doc, companion_markers=_marked_beside(directory, settings))
    return doc


@dataclass(frozen=True)
class _Scan:
    """How to look at the files beside an essay: the note style, the size limit, what the configuration excludes."""

    style: NoteStyle | None
    limit: int
    root: str
    exclude: tuple[str, ...]

    @classmethod
    def of(cls, settings: Settings) -> _Scan:
        return cls(settings.style, settings.max_file_size, settings.root, settings.exclude)


_NUMERIC_MARK = re.compile(r"\[\d+\]")


def _beside(directory: str, scan: _Scan) -> Iterator[Document]:
    """The Markdown files of a directory that could hold notes or markers, parsed.

    Excluded files, FIFOs and files over the size limit are left out, and so, without being parsed, is a file
    whose text cannot hold notes of the style (no "[^" and, for numeric notes, no "[1]" and no notes heading).
    """
    settings = Settings(rules=(), style=scan.style)
    headings = sections.heading_matcher(settings.notes_headings)
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if not name.lower().endswith(MARKDOWN_SUFFIXES) or matches(scan.root, scan.exclude, path):
            continue
        try:
            data = read(path, limit=scan.limit)
        except OSError:
            continue  # unreadable, a FIFO, too large: its own check says so
        text = data.decode("utf-8", errors="replace")
        if "[^" not in text and "^[" not in text:
            if scan.style is NoteStyle.FOOTNOTE:
                continue
            if not _NUMERIC_MARK.search(text) and not _has_heading(text, headings):
                continue
        doc, _ = parse_bytes(path, data, settings)
        if doc is not None:
            yield doc


def _has_heading(text: str, matcher: re.Pattern[str]) -> bool:
    return any(matcher.fullmatch(sections.clean_title(line)) for line in text.splitlines() if line.strip())


def _marked_beside(directory: str, settings: Settings) -> bool:
    """Whether a Markdown file of the directory has note markers it does not define (its notes may live here)."""
    try:
        return _neighbours(os.path.abspath(directory), _Scan.of(settings)).undefined_markers
    except OSError:
        return False


class _Neighbours(NamedTuple):
    """What the files of a directory tell an essay in it about notes kept elsewhere."""

    # Only markers without a definition in their own file can point at notes kept elsewhere: a post that
    # defines all its notes says nothing about a stray definition beside it.
    undefined_markers: bool
    notes_labels: frozenset[str]  # the labels defined in notes-only files (definitions, no markers)


@functools.lru_cache(maxsize=64)
def _neighbours(directory: str, scan: _Scan) -> _Neighbours:
    """Each file of a directory parsed once per run, for both questions an essay may ask of its neighbours."""
    marked, labels = False, set[str]()
    for doc in _beside(directory, scan):
        marked = marked or any(m.label not in doc.definitions_by_label for m in doc.markers)
        if _labelled(doc) and not doc.markers:
            labels.update(doc.definitions_by_label)
    return _Neighbours(marked, frozenset(labels))


def _labelled(doc: Document) -> bool:
    """Whether a document defines notes that markers refer to by label (inline `^[…]` notes are their own)."""
    return any(not definition.inline for definition in doc.definitions)


def companion_labels(directory: str, settings: Settings) -> frozenset[str]:
    """Labels defined in the notes-only files (definitions, no markers) of a directory."""
    try:
        return _neighbours(os.path.abspath(directory), _Scan.of(settings)).notes_labels
    except OSError:
        return frozenset()
