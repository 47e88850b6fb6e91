"""Findings: what a rule yields (Violation) and what the engine reports (Diagnostic)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from loccit.linter.model import Span


class Severity(str, Enum):
    """How serious a finding is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Fix:
    """A replacement of a span's text; unsafe fixes may change meaning."""

    start: int
    end: int
    text: str
    safe: bool = True


@dataclass(frozen=True, slots=True)
class Violation:
    """What a rule yields: where, what is wrong, and optionally how to fix it."""

    span: Span
    message: str
    fix: Fix | None = None


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
            "fix": None
            if self.fix is None
            else {"start": self.fix.start, "end": self.fix.end, "text": self.fix.text, "safe": self.fix.safe},
        }
