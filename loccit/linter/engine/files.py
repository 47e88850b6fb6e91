"""The files a run checks: paths expanded and walked, bytes read, text decoded (or an E001 finding)."""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from collections.abc import Callable, Sequence

from loccit.linter.config.discovery import DEFAULT_INCLUDE
from loccit.linter.diagnostics import Diagnostic
from loccit.linter.markdown.parse import normalise
from loccit.rules.errors.inputs import UNREADABLE_FILE

MARKDOWN_SUFFIXES = (".md", ".markdown", ".qmd", ".rmd")  # compared in lower case: .Rmd too


SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox"})


STDIN = "-"
# Byte-order marks of the wide Unicode encodings, the longer first (UTF-32 LE begins as UTF-16 LE does).
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
# Opened without waiting for a writer (a FIFO) and, on Windows, as bytes.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class InputError(Exception):
    """A path that cannot be linted at all (missing, unreadable directory)."""


class NotChecked(OSError):
    """A file loccit will not read: not a regular file (a FIFO, a device), or larger than max-file-size."""


def expand_paths(
    paths: Sequence[str], seen: set[object] | None = None, include: Callable[[str], Sequence[str]] | None = None
) -> list[str]:
    """Files as given; directories walked for Markdown files (or the patterns include gives for the directory, such
    as `*.txt`), skipping what .gitignore ignores.

    A file is listed once, under the first name it is given by (`a.md ./a.md`, `. a.md`, a link and its
    target): checked twice, it would be reported twice and fixed twice from the same findings. `seen` carries
    the files already listed across calls.
    """
    seen = set() if seen is None else seen
    found: list[str] = []
    for path in paths:
        if os.path.isdir(path) and path != STDIN:
            named = _walk(path, include(path) if include is not None else DEFAULT_INCLUDE)
        elif path == STDIN or os.path.exists(path):  # a FIFO or a device named is read as one, to say so (E001)
            named = [path]
        else:
            raise InputError(f"{path}: no such file or directory")
        for file in named:
            key = identity(file)
            if key not in seen:
                seen.add(key)
                found.append(file)
    return found


def identity(path: str) -> object:
    """What makes two names one file: its device and inode (links and hard links too), else its real path."""
    if path == STDIN:
        return STDIN
    try:
        status = os.stat(path)
    except OSError:
        status = None
    if status is None or not status.st_ino:  # some file systems (FAT on Windows) number no file
        return os.path.normcase(os.path.realpath(path))
    return (status.st_dev, status.st_ino)


def digest(data: bytes) -> str:
    """A digest of a file's bytes: a fix is written only over the very bytes it was computed from."""
    import hashlib  # only --fix needs it

    return hashlib.blake2b(data, digest_size=20).hexdigest()


def _walk(root: str, patterns: Sequence[str]) -> list[str]:
    """The files under root that match the patterns; a directory that cannot be listed is listed, to be reported.

    Each directory's .gitignore applies below it, a deeper one first (its `!keep.md` re-includes), as git does.
    """
    files: list[str] = []
    inherited: dict[str, tuple[_Ignore, ...]] = {}

    def unlisted(error: OSError) -> None:
        if error.filename is not None:
            files.append(os.path.normpath(error.filename))

    for directory, dirs, names in os.walk(root, onerror=unlisted):
        rules = inherited.pop(directory, ()) + _gitignore(directory, names)
        kept = [d for d in dirs if d not in SKIPPED_DIRS and not _ignored(rules, os.path.join(directory, d), True)]
        dirs[:] = sorted(kept)
        inherited.update((os.path.join(directory, d), rules) for d in dirs)
        for name in sorted(names):
            path = os.path.join(directory, name)
            if _included(name, patterns) and not _ignored(rules, path, False) and not _special(path):
                files.append(os.path.normpath(path))  # "./ch1.md" prints as "ch1.md"
    return files


def _included(name: str, patterns: Sequence[str]) -> bool:
    """Whether a file name matches one of the patterns (case aside: `essay.MD` is Markdown too)."""
    lower = name.lower()
    return any(fnmatch.fnmatchcase(lower, pattern.lower()) for pattern in patterns)


_Ignore = tuple[str, tuple[object, ...]]  # a .gitignore's directory and its patterns (pathspec's)


def _gitignore(directory: str, names: list[str]) -> tuple[_Ignore, ...]:
    """The patterns of a directory's .gitignore (pathspec, loaded lazily); a line git would not accept is skipped."""
    if ".gitignore" not in names:
        return ()
    import pathspec

    patterns: list[object] = []
    try:
        with open(os.path.join(directory, ".gitignore"), encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return ()
    for line in lines:
        try:
            patterns.extend(p for p in pathspec.GitIgnoreSpec.from_lines([line]).patterns if p.include is not None)
        except (ValueError, re.error):
            continue
    return ((directory, tuple(patterns)),) if patterns else ()


def _ignored(rules: tuple[_Ignore, ...], path: str, is_dir: bool) -> bool:
    """Whether the deepest .gitignore with a pattern for the path ignores it (its last matching pattern decides)."""
    for base, patterns in reversed(rules):
        relative = os.path.relpath(path, base).replace(os.sep, "/") + ("/" if is_dir else "")
        verdict = None
        for pattern in patterns:
            if pattern.match_file(relative):  # type: ignore[attr-defined]
                verdict = pattern.include  # type: ignore[attr-defined]
        if verdict is not None:
            return bool(verdict)
    return False


def _special(path: str) -> bool:
    """Whether a path is (or links to) something other than a regular file: a FIFO, /dev/zero, a socket."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False  # a broken link: reported when read


def decode(path: str, data: bytes) -> tuple[str | None, Diagnostic | None]:
    """Decode UTF-8 text; a binary or undecodable file becomes one E001 diagnostic at the first bad byte."""
    for mark, encoding in _WIDE_BOMS:  # before any NUL: UTF-16 text holds one in every ASCII character
        if data.startswith(mark):
            return None, _input_error(path, data, 0, f"file is {encoding} (byte-order mark); re-save it as UTF-8")
    nul = data.find(b"\x00")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if nul < 0 or error.start < nul:
            byte = data[error.start]
            message = f"file is not valid UTF-8 (byte 0x{byte:02x} at offset {error.start}); re-save it as UTF-8"
            return None, _input_error(path, data, error.start, message)
    if nul >= 0:
        return None, _input_error(path, data, nul, "file looks binary (NUL byte); not checked")
    return text, None


def _input_error(path: str, data: bytes, offset: int, message: str) -> Diagnostic:
    # Count lines and columns in the normalised text, as for every other finding: no BOM, CR and CRLF as LF.
    before = normalise(data[:offset].decode("utf-8", errors="replace"))
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    return _finding(path, line, column, message)


def read(path: str, stdin: bytes | None = None, limit: int = 0) -> bytes:
    """Read a regular file (or standard input for "-") as bytes, at most `limit` bytes (0: no limit).

    A FIFO, a device or a file larger than the limit raises NotChecked, without waiting or reading it all.
    """
    if path == STDIN:
        data = stdin or b""
        _check_size(len(data), limit)
        return data
    with os.fdopen(os.open(path, _OPEN_FLAGS), "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "a special file")
            raise NotChecked(f"not a regular file ({kind}); not checked")
        _check_size(os.fstat(handle.fileno()).st_size, limit)
        data = handle.read(limit + 1) if limit else handle.read()
    _check_size(len(data), limit)  # it grew since
    return data


def _check_size(size: int, limit: int) -> None:
    if limit and size > limit:
        raise NotChecked(f"file is {_size(size)}, more than max-file-size ({_size(limit)}); not checked")


def _size(size: int) -> str:
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} bytes"


def unreadable(path: str, error: OSError) -> Diagnostic:
    """The E001 finding for a file (or a directory of a walk) that cannot be opened, or is not read."""
    if isinstance(error, NotChecked):
        return _finding(path, 1, 1, str(error))
    kind = "directory" if os.path.isdir(path) else "file"
    return _finding(path, 1, 1, f"cannot read {kind}: {error.strerror or error}")


def _finding(path: str, line: int, column: int, message: str) -> Diagnostic:
    """An E001 finding as the registry declares it; the engine applies the settings (off, or another severity)."""
    rule = UNREADABLE_FILE
    return Diagnostic(path, line, column, line, column + 1, rule.code, rule.name, rule.severity, message)
