"""Projects of several files: chapters checked against a shared bibliography, and rules that need every chapter."""

from __future__ import annotations

import dataclasses
import functools
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from loccit.linter.bibfiles.load import is_bibliography_path
from loccit.linter.config.discovery import DEFAULT_INCLUDE, Config, excluded, included, matches
from loccit.linter.config.settings import Settings
from loccit.linter.diagnostics import Diagnostic, Rule
from loccit.linter.engine import check as engine
from loccit.linter.engine import parallel
from loccit.linter.engine.bibliographies import with_key_bibliography
from loccit.linter.engine.check import RuleError
from loccit.linter.engine.crossrefs import with_crossref_labels
from loccit.linter.engine.files import STDIN, digest, expand_paths, read, unreadable
from loccit.linter.markdown import sections
from loccit.linter.markdown.blocks import Block, parse_blocks
from loccit.linter.markdown.frontmatter import find_front_matter
from loccit.linter.model import Document, Heading

SettingsFor = Callable[[str], Settings]
Digests = dict[str, str]  # each checked file's path, as reported, to the digest of the bytes it was checked from
_ANY = re.compile(r".*", re.S)


@dataclass(frozen=True)
class Project:
    """Files checked together: the files to report on and the bibliography files they share."""

    files: tuple[str, ...]
    bibliography: tuple[str, ...] = ()  # configured with `bibliography = [...]`
    root: str | None = None  # the configuration's directory: all chapters under it count for project rules
    detect: bool = False  # a directory on the command line: its bibliography-only files are shared
    exclude: tuple[str, ...] = ()  # the configuration's `exclude` patterns, relative to root
    include: tuple[str, ...] = DEFAULT_INCLUDE  # the file name patterns of its chapters (`include`)


def plan(paths: Sequence[str], config_for: Callable[[str], Config]) -> list[Project]:
    """Group the files to check into projects: by configuration when it names bibliography files, else by directory."""
    configured: dict[int, tuple[Config, list[str]]] = {}
    projects: list[Project | int] = []
    seen: set[object] = set()  # a file named twice is checked once, under the name it is first given
    for path in paths:
        found = expand_paths([path], seen, lambda directory: included(config_for(os.path.join(directory, "-"))))
        loose: list[str] = []
        for file in found:
            config = config_for(file)
            if excluded(config, file):
                continue
            if config.bibliography:  # standard input too: an editor piping a chapter gets the shared list
                if id(config) not in configured:
                    configured[id(config)] = (config, [])
                    projects.append(id(config))
                configured[id(config)][1].append(file)
            else:
                loose.append(file)
        if os.path.isdir(path) and loose:
            projects.append(Project(tuple(loose), detect=True))
        else:
            projects.extend(Project((file,)) for file in loose)
    return [
        p if isinstance(p, Project) else _configured(*configured[p])
        for p in projects  # keep first-seen order
    ]


def _configured(config: Config, files: list[str]) -> Project:
    return Project(
        tuple(dict.fromkeys(files)), config.bibliography, config.root, exclude=config.exclude, include=included(config)
    )


def is_bibliography_file(doc: Document) -> bool:
    """A file that lists sources and has no notes of its own (a thesis's bibliography.md)."""
    return bool(doc.entries) and not doc.markers and not doc.definitions


def _front_matter_end(text: str) -> int:
    """Where a YAML front matter block (`---` … `---` or `...`) ends, or 0."""
    front = find_front_matter(text)
    return front.block_end if front else 0


def as_bibliography(doc: Document) -> Document:
    """A configured bibliography file: when no heading names it a bibliography, its whole text is the source list."""
    if doc.entries:
        return doc
    start = _front_matter_end(doc.text)
    root = Heading(0, os.path.basename(doc.path), doc.span(start, start))
    inside = [block for block in _blocks(doc.text) if block.start >= start]
    found = sections.bibliography_sections(doc.text, [root, *doc.headings], inside, _ANY, doc.span)
    return dataclasses.replace(doc, sections=tuple(found))


@functools.lru_cache(maxsize=8)
def _blocks(text: str) -> tuple[Block, ...]:
    """A configured bibliography file's blocks, parsed once a run: each project whose configuration names it asks."""
    return tuple(parse_blocks(text)[0])


def _parse(
    path: str, settings: Settings, stdin: bytes | None, digests: Digests | None = None
) -> tuple[Document | None, Diagnostic | None]:
    """Read and parse a file; with digests, also note the digest of the bytes it was read as (for --fix)."""
    try:
        data = read(path, stdin, settings.max_file_size)
    except OSError as error:
        return None, engine.configured(unreadable(path, error), settings)
    if digests is not None:
        digests[path] = digest(data)
    return engine.parse_bytes(path, data, settings)


def _project_rules(project: Project, settings_for: SettingsFor) -> tuple[Rule, ...]:
    settings = settings_for(os.path.join(project.root, "-") if project.root else project.files[0])
    return tuple(rule for rule in settings.rules if rule.check_project is not None)


def _others(project: Project, settings_for: SettingsFor, seen: set[str]) -> list[Document]:
    """The chapters of a configured project that are not being checked, parsed for project rules only."""
    docs: list[Document] = []
    root = project.root
    if root is None:
        return docs
    for path in expand_paths([root], include=lambda directory: project.include):
        if os.path.abspath(path) not in seen and not matches(root, project.exclude, path):
            doc, _ = _parse(path, settings_for(path), None)
            if doc is not None:
                docs.append(doc)
    return docs


def _project_diagnostics(
    project: Project, docs: list[Document], shared: list[Document], settings_for: SettingsFor, checked: set[str]
) -> dict[str, list[Diagnostic]]:
    rules = _project_rules(project, settings_for)
    found: dict[str, list[Diagnostic]] = {}
    if not rules:
        return found
    seen = {os.path.abspath(d.path) for d in docs + shared}
    universe = docs + [d for d in shared if d not in docs] + _others(project, settings_for, seen)
    base = settings_for(os.path.join(project.root, "-") if project.root else project.files[0])
    for rule in rules:
        assert rule.check_project is not None
        try:
            pairs = list(rule.check_project(universe, base.options.get(rule.code) or rule.options()))
        except Exception as error:  # re-raised with the rule and the path, never swallowed
            raise RuleError(rule.code, project.root or project.files[0], error) from error
        for doc, violation in pairs:
            settings = settings_for(doc.path)
            if doc.path in checked and rule.code in settings.codes:
                found.setdefault(doc.path, []).append(
                    engine.diagnostic(doc.path, rule, settings.severity(rule), violation)
                )
    return found


def _in_project(doc: Document, shared: list[Document], project: Project, settings: Settings) -> Document:
    """The document as the project checks it: with the shared bibliography files and its companion notes."""
    if doc not in shared and (project.bibliography or not doc.entries):
        doc = dataclasses.replace(doc, shared=tuple(shared))
    doc = with_key_bibliography(engine.with_companions(doc, settings), _bibliography_files(project))
    return with_crossref_labels(doc)


def _bibliography_files(project: Project) -> tuple[str, ...]:
    """The configured bibliography files that are BibTeX, CSL-JSON or CSL-YAML rather than Markdown."""
    return tuple(path for path in project.bibliography if is_bibliography_path(path))


def _check_item(item: tuple[Document, Settings, Sequence[Diagnostic]]) -> list[Diagnostic]:
    return engine.check_document(*item)


class Prepared(NamedTuple):
    """A project's documents as they are checked, its shared bibliography files, and the files it could not read."""

    docs: list[Document]
    shared: list[Document]
    errors: list[Diagnostic]


def prepare(
    project: Project,
    settings_for: SettingsFor,
    stdin: bytes | None = None,
    progress: Callable[[], None] | None = None,
    digests: Digests | None = None,
) -> Prepared:
    """Parse a project's files and give each the shared bibliography files and companion notes it is checked with.

    `loccit check` and `loccit sources` both start here, so they agree on which files are shared.
    """
    docs: list[Document] = []
    errors: list[Diagnostic] = []
    for path in project.files:
        doc, error = _parse(path, settings_for(path), stdin, digests)
        if error is not None:
            errors.append(error)
        if doc is not None:
            docs.append(doc)
        if progress is not None:
            progress()
    by_path = {os.path.abspath(d.path): d for d in docs if d.path != STDIN}
    markdown = [p for p in project.bibliography if not is_bibliography_path(p)]
    shared = [by_path.get(p) or _parse(p, settings_for(p), None)[0] for p in markdown]
    read_as = {id(d): as_bibliography(d) for d in shared if d is not None}
    shared_docs = list(read_as.values())
    # A configured bibliography file that is also checked is checked as the bibliography it was read as.
    docs = [read_as.get(id(doc), doc) for doc in docs]
    if project.detect:
        shared_docs += [d for d in docs if is_bibliography_file(d) and d not in shared_docs]
    docs = [_in_project(doc, shared_docs, project, settings_for(doc.path)) for doc in docs]
    return Prepared(docs, shared_docs, errors)


def lint(
    project: Project,
    settings_for: SettingsFor,
    stdin: bytes | None = None,
    progress: Callable[[], None] | None = None,
    jobs: int = 1,
    digests: Digests | None = None,
) -> Iterator[Diagnostic]:
    """Check a project's files: each against the shared bibliography, then the rules that need every file.

    With jobs > 1 the rules run in forked processes, which inherit the parsed documents instead of receiving
    them pickled; parsing, which the project-wide steps need in this process, stays here.
    """
    docs, shared_docs, errors = prepare(project, settings_for, stdin, progress, digests)
    yield from errors
    extra = _project_diagnostics(project, docs, shared_docs, settings_for, {d.path for d in docs})
    items = [(doc, settings_for(doc.path), extra.get(doc.path, ())) for doc in docs]
    for found in parallel.mapped(_check_item, items, jobs):
        yield from found


Alone = tuple[list[Diagnostic], Digests]


def _may_be_bibliography_file(path: str, settings: Settings) -> bool:
    """A cheap look at a file's text: a bibliography file has a bibliography heading and no note syntax at all.

    Only files that pass are parsed to be sure; most essays have notes and are never parsed twice.
    """
    try:
        text = read(path, limit=settings.max_file_size).decode("utf-8", errors="replace")
    except OSError:
        return False
    if "[^" in text or "^[" in text:
        return False
    matcher = sections.heading_matcher(settings.bibliography_headings)
    return any(matcher.fullmatch(sections.clean_title(line)) for line in text.splitlines() if line.strip())


def _holds_bibliography_file(project: Project, settings_for: SettingsFor) -> bool:
    """Whether a directory given on the command line holds a file that the others cite as their bibliography."""
    if not project.detect:
        return False
    for path in project.files:
        settings = settings_for(path)
        if path != STDIN and _may_be_bibliography_file(path, settings):
            doc, _ = _parse(path, settings, None)
            if doc is not None and is_bibliography_file(doc):
                return True
    return False


def _check_alone(item: tuple[str, Settings, bytes | None, bool]) -> Alone:
    """Parse and check a file that needs nothing from other files; also say whether it is a bibliography file."""
    path, settings, stdin, with_digest = item
    digests: Digests | None = {} if with_digest else None
    doc, error = _parse(path, settings, stdin, digests)
    found = [error] if error is not None else []
    if doc is None:
        return found, digests or {}
    doc = with_crossref_labels(with_key_bibliography(engine.with_companions(doc, settings)))
    return found + engine.check_document(doc, settings), digests or {}


def lint_all(
    projects: Sequence[Project],
    settings_for: SettingsFor,
    stdin: bytes | None = None,
    progress: Callable[[], None] | None = None,
    jobs: int = 1,
    digests: Digests | None = None,
) -> Iterator[Diagnostic]:
    """Check every project, in no particular order (the caller sorts).

    The files of projects without a bibliography file, configured or found in their directory, are parsed and
    checked each on its own (in forked workers with jobs > 1), so no document outlives its check. With
    digests, the digest of the bytes each reported file was checked from is noted in it.
    """
    # Project rules only look across files when a file is a bibliography for the others, found beforehand.
    alone = [p for p in projects if not p.bibliography and not _holds_bibliography_file(p, settings_for)]
    items = [(path, settings_for(path), stdin, digests is not None) for p in alone for path in p.files]
    results = parallel.mapped(_check_alone, items, jobs)
    for unit in alone:
        found = [next(results) for _ in unit.files]
        if progress is not None:
            for _ in found:
                progress()
        for diagnostics, read_as in found:
            if digests is not None:
                digests.update(read_as)
            yield from diagnostics
    checked = {id(unit) for unit in alone}
    for unit in projects:
        if id(unit) not in checked:
            yield from lint(unit, settings_for, stdin, progress, jobs, digests)
