"""The output formats by name, each a reporter with one signature: sorted findings, a stream, the run's context."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from loccit.linter.diagnostics import Diagnostic
from loccit.linter.output.context import PLAIN, Context, Reporter


def _reporters() -> dict[str, Reporter]:
    from loccit.linter.output import ci, json_formats, sarif, terminal, text

    return {
        "full": terminal.full,
        "concise": text.concise,
        "json": json_formats.json_array,
        "json-lines": json_formats.json_lines,
        "github": ci.github,
        "sarif": sarif.sarif_log,
        "junit": ci.junit,
        "gitlab": json_formats.gitlab,
        "rdjson": json_formats.rdjson,
    }


REPORTERS: dict[str, Reporter] = _reporters()
TEXT_FORMATS = frozenset({"full", "concise"})


def render(name: str, diagnostics: Sequence[Diagnostic], stream: TextIO, context: Context = PLAIN) -> None:
    """Write findings in the named format."""
    REPORTERS[name](diagnostics, stream, context)
