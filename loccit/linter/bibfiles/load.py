"""A bibliography file read by its suffix, once per run: `.bib` (BibTeX, BibLaTeX), `.json` (CSL-JSON),
`.yaml`/`.yml` (CSL-YAML)."""

from __future__ import annotations

import os

from loccit.linter import cache
from loccit.linter.model import BibFile, LineIndex

BIBLIOGRAPHY_SUFFIXES = (".bib", ".bibtex", ".biblatex", ".json", ".yaml", ".yml")
_LOADED: dict[tuple[str, int, int], BibFile | str] = cache.per_run({})


class BibliographyError(Exception):
    """A bibliography file that cannot be read at all: missing, unreadable, not UTF-8, or not its format."""


def is_bibliography_path(path: str) -> bool:
    """Whether a path names a bibliography file by its suffix (not a Markdown bibliography)."""
    return path.lower().endswith(BIBLIOGRAPHY_SUFFIXES)


def parse_bibliography(path: str, text: str) -> BibFile:
    """Parse a bibliography file's text by its suffix; BibliographyError when it cannot be read."""
    from loccit.linter.bibfiles.bibtex import parse_bibtex  # the parsers load only when a file is read
    from loccit.linter.bibfiles.csl import CslError, parse_csl_json, parse_csl_yaml

    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    suffix = os.path.splitext(path)[1].lower()
    try:
        if suffix == ".json":
            return parse_csl_json(path, text)
        if suffix in (".yaml", ".yml"):
            return parse_csl_yaml(path, text)
    except CslError as error:
        line, column = LineIndex.of(text).position(error.offset)
        raise BibliographyError(f"{error} (line {line}, column {column})") from None
    return parse_bibtex(path, text)


def load_bibliography(path: str) -> BibFile:
    """Read and parse a bibliography file, once per run for each version of it; BibliographyError otherwise."""
    try:
        status = os.stat(path)
    except OSError as error:
        raise BibliographyError("no such file" if not os.path.exists(path) else str(error.strerror)) from None
    key = (path, status.st_mtime_ns, status.st_size)
    found = _LOADED.get(key)
    if found is None:
        found = _load(path)
        _LOADED[key] = found
    if isinstance(found, str):
        raise BibliographyError(found)
    return found


def _load(path: str) -> BibFile | str:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        return f"cannot read it: {error.strerror or error}"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})"
    try:
        return parse_bibliography(path, text)
    except BibliographyError as error:
        return str(error)
