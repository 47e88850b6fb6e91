"""Input errors (E001): files that cannot be read as text are reported, not crashed on."""

from __future__ import annotations

from collections.abc import Iterator

from loccit.linter.diagnostics import Rule, Violation
from loccit.linter.model import Document


def check_unreadable(doc: Document, opts: object) -> Iterator[Violation]:
    """Report a file that is binary or not valid UTF-8, at its first bad byte.

    The engine raises this finding while reading the file, before any rule runs, so the other
    files are still checked; a parsed document never has one, hence nothing is yielded here.
    """
    return iter(())


UNREADABLE_FILE = Rule("E001", "unreadable-file", "File is binary or not valid UTF-8", check_unreadable)

RULES = (UNREADABLE_FILE,)
