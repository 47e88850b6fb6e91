"""The bibliography a document citing with keys is rendered with, found as Quarto, bookdown and pandoc find it.

Sources, the first that names a bibliography winning: the document's front matter, the metadata files it names
(`metadata-files`), Quarto's `_metadata.yml` in its folder and the folders above it up to the project, the
project's `_quarto.yml`, and a bookdown book's `index.Rmd` (beside `_bookdown.yml`); loccit's own `bibliography`
setting adds its `.bib`, `.json` and `.yaml` files to them. A path is resolved from the folder of the file that
names it, as Quarto does. The keys that the other chapters of a Quarto or bookdown project cite, or the other
documents of the folder that name the same file, are gathered so that an entry one chapter cites is cited.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
from collections.abc import Iterable, Iterator, Sequence

from loccit.linter.bibfiles.citeproc import renders_with_citeproc
from loccit.linter.bibfiles.load import BibliographyError
from loccit.linter.engine.bibcache import cached_bibliography
from loccit.linter.engine.files import STDIN
from loccit.linter.markdown.frontmatter import find_front_matter
from loccit.linter.model import BibFile, Document, KeyBibliography, LineIndex, Metadata, Named
from loccit.linter.patterns import LazyPattern

DOCUMENT_SUFFIXES = (".md", ".markdown", ".qmd", ".rmd", ".txt")
_PROJECT_FILES = ("_quarto.yml", "_quarto.yaml", "_bookdown.yml")
# A cheap read of the keys a chapter cites: enough to know an entry is cited somewhere (never to report).
_KEY = LazyPattern(r"@(\{[^{}\s]+\}|\w[\w:.#$%&+?<>~/-]*)")  # a literal first: the search skips ahead fast
_TRAILING = ":.#$%&-+?<>~/"


def read_text(path: str) -> str | None:
    """A file's text with its line endings made `\n`, or None when it cannot be read (what other files name)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read().lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    except OSError:
        return None


@functools.lru_cache(maxsize=512)
def _yaml_file(path: str, mtime: int) -> Metadata | None:
    from loccit.linter.bibfiles.metadata import read_metadata  # YAML metadata is read only where there is some

    text = read_text(path)
    if text is None:
        return None
    front = find_front_matter(text) if path.lower().endswith((".rmd", ".md", ".qmd")) else None
    if front is not None:
        return read_metadata(text[front.start : front.end], path, LineIndex.of(text), front.start)
    return read_metadata(text, path, LineIndex.of(text))


def metadata_file(path: str) -> Metadata | None:
    """The citation metadata of a YAML file (or of a document's front matter), once per version of it."""
    try:
        return _yaml_file(path, os.stat(path).st_mtime_ns)
    except OSError:
        return None


def _bookdown_index(directory: str) -> bool:
    """Whether a folder holds a bookdown `index.Rmd` (`site: bookdown::bookdown_site`) without `_bookdown.yml`."""
    text = (
        read_text(os.path.join(directory, "index.Rmd"))
        if os.path.isfile(os.path.join(directory, "index.Rmd"))
        else None
    )
    return text is not None and "bookdown" in text[:4000]


def project_root(directory: str) -> str | None:
    """The nearest folder from directory up holding `_quarto.yml` or `_bookdown.yml` (or a bookdown `index.Rmd`)."""
    current = os.path.abspath(directory)
    while True:
        if any(os.path.isfile(os.path.join(current, name)) for name in _PROJECT_FILES) or _bookdown_index(current):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _layers(doc: Document) -> list[Metadata]:
    """The metadata that applies to a document, the strongest first."""
    layers = [doc.metadata] if doc.metadata is not None else []
    directory = os.path.dirname(os.path.abspath(doc.path))
    for named in doc.metadata.metadata_files if doc.metadata else ():
        found = metadata_file(_resolve(named))
        if found is not None:
            layers.append(found)
    root = project_root(directory)
    if root is None:
        return layers
    if not os.path.isabs(doc.path):  # files are named as the document is: relative to the working directory
        root, directory = os.path.relpath(root), os.path.relpath(directory)
    current = directory
    while True:
        found = metadata_file(os.path.join(current, "_metadata.yml"))
        if found is not None:
            layers.append(found)
        if os.path.abspath(current) == os.path.abspath(root):
            break
        current = os.path.normpath(os.path.join(current, os.pardir))
    for name in _PROJECT_FILES[:2]:
        found = metadata_file(os.path.join(root, name))
        if found is not None:
            layers.append(found)
    if os.path.isfile(os.path.join(root, "_bookdown.yml")) or _bookdown_index(root):
        index = os.path.join(root, "index.Rmd")
        if os.path.abspath(doc.path) != os.path.abspath(index) and (found := metadata_file(index)) is not None:
            layers.append(found)
    return layers


def _resolve(named: Named) -> str:
    """A path as written in a file, resolved from that file's folder (kept relative when the file's path is)."""
    if os.path.isabs(named.value):
        return named.value
    return os.path.normpath(os.path.join(os.path.dirname(named.path), named.value))


def _load(sources: Iterable[Named]) -> tuple[list[BibFile], list[tuple[Named, str]]]:
    files: list[BibFile] = []
    unreadable: list[tuple[Named, str]] = []
    seen: set[str] = set()
    for named in sources:
        path = _resolve(named)
        if path in seen:
            continue
        seen.add(path)
        try:
            files.append(cached_bibliography(path))
        except BibliographyError as error:
            unreadable.append((named, str(error)))
    return files, unreadable


def key_bibliography(doc: Document, configured: Sequence[str] = ()) -> KeyBibliography | None:
    """The bibliography of a document citing with keys, or None when nothing names one."""
    if doc.path == STDIN:
        layers = [doc.metadata] if doc.metadata is not None else []
    else:
        layers = _layers(doc)
    named = next((layer.bibliography for layer in layers if layer.bibliography is not None), ())
    references = next((layer.references for layer in layers if layer.references is not None), ())
    if not named and not references and not configured:
        return None
    files, unreadable = _load(named)
    for path in configured:
        shown = os.path.relpath(path)
        try:
            files.append(cached_bibliography(shown))
        except BibliographyError as error:  # the configuration checked it exists: it is its content
            unreadable.append((Named(shown, shown, LineIndex([0]).span(0, 0)), str(error)))
    nocite = frozenset(key for layer in layers for key in layer.nocite)
    paths = frozenset(os.path.abspath(f.path) for f in files)
    elsewhere = _cited_elsewhere(doc, paths) if files and doc.path != STDIN else frozenset()
    locale, terms = _locale(layers)
    return KeyBibliography(tuple(files), tuple(references), tuple(unreadable), nocite, elsewhere, locale, terms)


_TERM_TEXT = re.compile(r">([^<>]+)<")
_DEFAULT_LOCALE = re.compile(r"<style\b[^>]*\bdefault-locale=[\"']([^\"']+)")


@functools.lru_cache(maxsize=64)
def _style(path: str, mtime: int) -> tuple[str | None, frozenset[str]]:
    """A CSL style's default locale and the terms its own `<locale>` elements define (case-folded)."""
    text = read_text(path) or ""
    default = _DEFAULT_LOCALE.search(text[:4000])
    terms = {t.strip().casefold() for block in _locale_blocks(text) for t in _TERM_TEXT.findall(block)}
    return (default.group(1) if default else None), frozenset(t for t in terms if t)


def _locale_blocks(text: str) -> Iterator[str]:
    """The `<locale>` elements of a style, each from its opening tag to its closing one (a file read once)."""
    at = text.find("<locale")
    while at >= 0:
        end = text.find("</locale>", at)
        if end < 0:
            return  # never closed: every later opening would search to the end again
        yield text[at:end]
        at = text.find("<locale", end)


def _locale(layers: Sequence[Metadata]) -> tuple[str | None, frozenset[str]]:
    """The locale citeproc reads locator terms in (None when unknown) and the terms the style adds."""
    if renders_with_citeproc(layers) is False:
        return None, frozenset()  # biblatex, natbib or Typst prints the suffix: pandoc's locale reads no term
    lang = next((layer.lang for layer in layers if layer.lang), None)
    csl = next((layer.csl for layer in layers if layer.csl is not None), None)
    default, terms = None, frozenset[str]()
    if csl is not None:
        path = _resolve(csl)
        if "://" in csl.value or not os.path.isfile(path):
            return None, terms  # a style we cannot read may define any term
        try:
            default, terms = _style(path, os.stat(path).st_mtime_ns)
        except OSError:
            return None, terms
    return lang or default or "en-US", terms


@functools.lru_cache(maxsize=4096)
def _keys_in(path: str, mtime: int) -> tuple[frozenset[str], str]:
    """The keys a document may cite (a cheap read) and its text's names of files, for the folder's other documents."""
    from loccit.linter.bibfiles.metadata import mentions_citations, read_metadata  # only projects get here

    text = read_text(path) or ""
    keys = set()
    for match in _KEY.finditer(text):
        before = text[match.start() - 1 : match.start()]
        if before.isalnum() or before in ("_", "\\"):
            continue  # an e-mail address, an escaped @
        key = match.group(1)
        keys.add(key[1:-1] if key.startswith("{") else key.rstrip(_TRAILING))
    front = find_front_matter(text)
    head = text[front.start : front.end] if front else ""
    if front and mentions_citations(head) and "nocite" in head:
        found = read_metadata(head, path, LineIndex.of(text), 0)
        keys.update(found.nocite)
    return frozenset(keys), head


def sibling_documents(doc: Document) -> tuple[list[str], bool]:
    """The other documents that may share the bibliography: a project's chapters, else the folder's documents."""
    directory = os.path.dirname(os.path.abspath(doc.path))
    root = project_root(directory)
    found: list[str] = []
    for top, dirs, names in os.walk(root or directory):
        dirs[:] = [d for d in dirs if not d.startswith((".", "_")) and d != "node_modules"] if root else []
        found.extend(os.path.join(top, name) for name in names if name.lower().endswith(DOCUMENT_SUFFIXES))
    mine = os.path.abspath(doc.path)
    return [path for path in found if path != mine], root is not None


def _cited_elsewhere(doc: Document, files: frozenset[str]) -> frozenset[str]:
    """The keys cited by the project's other chapters, or by the folder's documents naming one of the files."""
    names = {os.path.basename(path) for path in files}
    keys: set[str] = set()
    siblings, in_project = sibling_documents(doc)
    for path in siblings:
        try:
            found, head = _keys_in(path, os.stat(path).st_mtime_ns)
        except OSError:
            continue
        if in_project or any(name in head for name in names):
            keys.update(found)
    return frozenset(keys)


def with_key_bibliography(doc: Document, configured: Sequence[str] = ()) -> Document:
    """The document with the bibliography its keys resolve against (unchanged when it names none)."""
    if doc.metadata is None and not configured and not doc.citations:
        return doc
    found = key_bibliography(doc, configured)
    return doc if found is None else dataclasses.replace(doc, key_bibliography=found)
