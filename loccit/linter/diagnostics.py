"""Findings: what a rule yields (Violation) and what the engine reports (Diagnostic)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, NamedTuple

from loccit.linter.model import Document, Span


class Severity(str, Enum):
    """How serious a finding is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


class Fix(NamedTuple):
    """A replacement of a span's text; unsafe fixes may change meaning."""

    span: Span
    text: str
    safe: bool = True
    # A fix whose purpose is to change how the document parses (F004 makes "##Bibliography" the heading it was
    # meant to be): --fix makes it in a pass of its own instead of refusing it for changing the structure.
    structural: bool = False

    def to_json(self) -> dict[str, Any]:
        """The JSON shape of a fix: the span to replace (1-based, end exclusive) and its replacement."""
        return {
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "replacement": self.text,
            "safe": self.safe,
        }


class Violation(NamedTuple):
    """What a rule yields: where, what is wrong, and optionally how to fix it."""

    span: Span
    message: str
    fix: Fix | None = None
    path: str | None = None  # another file than the document's: a bibliography file it uses, a project file


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """A finding as reported: a violation with its path, code, rule name and configured severity."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    fix: Fix | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        """The versioned JSON shape of a finding (schema version 1)."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "fix": None if self.fix is None else self.fix.to_json(),
        }


class NoOptions:
    """Options of a rule that has none."""

    def __init__(self) -> None:
        pass


@dataclass(frozen=True)
class Rule:
    """A rule: a pure check function plus its declaration (code, name, default severity, options)."""

    code: str
    name: str
    summary: str
    check: Callable[[Document, Any], Iterable[Violation]]
    severity: Severity = Severity.ERROR
    options: type = NoOptions
    enabled: bool = True
    fixable: bool = False
    # A rule that needs every file of a project (B002 counts citations across chapters) also gives
    # check_project: it receives all the project's documents and yields each violation with its document.
    check_project: Callable[[Sequence[Document], Any], Iterable[tuple[Document, Violation]]] | None = None
