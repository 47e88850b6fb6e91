"""Large bibliography files parsed once and kept on disk between runs: a pre-commit run that re-checks one chapter
of a book reads its 5,000-entry `.bib` from the cache instead of parsing it again.

The cache lives in `$LOCCIT_CACHE_DIR`, else `$XDG_CACHE_HOME/loccit`, else `~/.cache/loccit`; `LOCCIT_CACHE_DIR=off`
turns it off. An entry is keyed by the file's path, modification time, size and loccit's version, so an edited
file is parsed again; only files of at least MIN_SIZE bytes are kept, and each file keeps one entry.
"""

from __future__ import annotations

import os

from loccit.linter import cache
from loccit.linter.bibfiles.load import load_bibliography
from loccit.linter.model import BibFile

MIN_SIZE = 64_000  # bytes: a smaller file parses faster than the cache would read it
_VERSION = "2"  # of the cached records; raised when the model's bibliography records change
# This run's: the chapters of a book share one parsed file.
_READ: dict[tuple[str, int, int], BibFile] = cache.per_run({})


def cache_dir() -> str | None:
    """Where the cache lives, or None when it is turned off."""
    configured = os.environ.get("LOCCIT_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "false") else configured
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "loccit")


# hashlib, pickle and tempfile are imported where they are used: most runs read no large bibliography file, and
# importing them (with shutil, random, bz2 and lzma behind tempfile) would add to every run's start-up.


def _names(directory: str, path: str, status: os.stat_result) -> tuple[str, str]:
    import hashlib

    from loccit import __version__

    where = hashlib.blake2b(os.path.abspath(path).encode() + b"\0" + path.encode(), digest_size=10).hexdigest()
    when = f"{status.st_mtime_ns}-{status.st_size}-{__version__}-{_VERSION}"
    version = hashlib.blake2b(when.encode(), digest_size=8).hexdigest()
    return os.path.join(directory, f"bib-{where}-"), os.path.join(directory, f"bib-{where}-{version}.pickle")


def cached_bibliography(path: str) -> BibFile:
    """A bibliography file parsed, from the cache when it holds this version of it (BibliographyError otherwise)."""
    directory = cache_dir()
    try:
        status = os.stat(path)
    except OSError:
        return load_bibliography(path)  # raises the error that says what is wrong
    if directory is None or status.st_size < MIN_SIZE:
        return load_bibliography(path)
    version = (path, status.st_mtime_ns, status.st_size)
    if version not in _READ:
        _READ[version] = _read_or_parse(directory, path, status)
    return _READ[version]


def _read_or_parse(directory: str, path: str, status: os.stat_result) -> BibFile:
    import pickle

    prefix, name = _names(directory, path, status)
    try:
        with open(name, "rb") as handle:
            found = pickle.load(handle)
        if isinstance(found, BibFile) and found.path == path:
            return found
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    parsed = load_bibliography(path)
    _store(directory, prefix, name, parsed)
    return parsed


def _store(directory: str, prefix: str, name: str, parsed: BibFile) -> None:
    """Write a cache entry atomically and drop the entries of the file's older versions; never fail a check."""
    import pickle
    import tempfile

    try:
        os.makedirs(directory, exist_ok=True)
        for old in os.listdir(directory):
            full = os.path.join(directory, old)
            if full.startswith(prefix) and full != name:
                os.unlink(full)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".bib-")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(parsed, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, name)
    except OSError:
        pass
