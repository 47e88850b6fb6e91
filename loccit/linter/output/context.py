"""What every reporter receives besides the findings, and the signature reporters share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, TextIO

from loccit.linter.diagnostics import Diagnostic
from loccit.linter.output.source_lines import Sources


@dataclass(frozen=True)
class Context:
    """What a reporter may use besides the findings: whether to colour, and the checked files' lines."""

    color: bool = False
    sources: Sources = field(default_factory=Sources)


PLAIN = Context()


class Reporter(Protocol):
    """Writes findings in one format."""

    def __call__(self, diagnostics: Sequence[Diagnostic], stream: TextIO, context: Context = PLAIN) -> None: ...
