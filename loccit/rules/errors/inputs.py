"""Input errors: files that cannot be read as text (E001) and suppression comments that do nothing (E002)."""

from __future__ import annotations

from collections.abc import Iterator

from loccit.linter.diagnostics import Rule, Severity, Violation
from loccit.linter.model import Document


def check_unreadable_file(doc: Document, opts: object) -> Iterator[Violation]:
    """Report a file that is binary or not valid UTF-8, at its first bad byte.

    The engine raises this finding while reading the file, before any rule runs, so the other
    files are still checked; a parsed document never has one, hence nothing is yielded here.
    """
    return iter(())


UNREADABLE_FILE = Rule("E001", "unreadable-file", "File is binary or not valid UTF-8", check_unreadable_file)


def check_unused_suppression(doc: Document, opts: object) -> Iterator[Violation]:
    """Report a suppression comment that suppresses nothing, names an unknown code, or is misspelt.

    The engine applies suppression comments after every rule has run, so it alone knows which ones
    were used; it raises these findings itself and nothing is yielded here (ruff's RUF100 works so).
    """
    return iter(())


UNUSED_SUPPRESSION = Rule(
    "E002",
    "unused-suppression",
    "Suppression comment suppresses nothing, or names an unknown rule",
    check_unused_suppression,
    Severity.WARNING,
    fixable=True,
)
