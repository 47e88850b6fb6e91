"""Source lines of checked files for reporters that show or measure them, read once and on demand."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from loccit.linter.engine.files import read
from loccit.linter.markdown.parse import normalise


def posix(path: str) -> str:
    """A path with forward slashes, as CI services expect."""
    return path.replace(os.sep, "/") if os.sep != "/" else path


class Sources:
    """Lines of each file by path; standard input and unreadable files are handed in or left out."""

    def __init__(self, texts: Mapping[str, str] | None = None, unread: Iterable[str] = ()) -> None:
        """texts: lines already at hand (standard input); unread: files the run did not read as text (E001)."""
        self._lines: dict[str, list[str] | None] = {
            path: normalise(text).split("\n") for path, text in (texts or {}).items()
        }
        self._lines.update(dict.fromkeys(unread))

    def line(self, path: str, number: int) -> str | None:
        """The text of a 1-based line without its newline, or None when it cannot be had."""
        if path not in self._lines:
            self._lines[path] = self._read(path)
        lines = self._lines[path]
        if lines is None or not 0 < number <= len(lines):
            return None
        return lines[number - 1]

    @staticmethod
    def _read(path: str) -> list[str] | None:
        try:  # a regular file only: never a FIFO an E001 finding named
            return normalise(read(path).decode("utf-8")).split("\n")
        except (OSError, UnicodeDecodeError):
            return None
