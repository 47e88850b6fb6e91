"""The output formats by name, each a reporter with one signature: sorted findings, a stream, the run's context."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TextIO

from loccit.linter.diagnostics import Diagnostic
from loccit.linter.output.context import PLAIN, Context, Reporter

# Each format's module (as loccit.linter.output.<module>) and reporter: a run imports only the one it prints.
REPORTERS: dict[str, tuple[str, str]] = {
    "full": ("terminal", "full"),
    "concise": ("text", "concise"),
    "json": ("json_formats", "json_array"),
    "json-lines": ("json_formats", "json_lines"),
    "github": ("ci", "github"),
    "sarif": ("sarif", "sarif_log"),
    "junit": ("ci", "junit"),
    "gitlab": ("json_formats", "gitlab"),
    "rdjson": ("json_formats", "rdjson"),
}
TEXT_FORMATS = frozenset({"full", "concise"})


def render(name: str, diagnostics: Sequence[Diagnostic], stream: TextIO, context: Context = PLAIN) -> None:
    """Write findings in the named format."""
    module, function = REPORTERS[name]
    reporter: Reporter = getattr(importlib.import_module(f"loccit.linter.output.{module}"), function)
    reporter(diagnostics, stream, context)
