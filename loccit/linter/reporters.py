"""Output formats: one function per format, each writing sorted diagnostics to a stream."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TextIO

from loccit.linter.diagnostics import Diagnostic

JSON_SCHEMA_VERSION = 1


def concise(diagnostics: Sequence[Diagnostic], stream: TextIO) -> None:
    """`path:line:col: CODE message`, one finding a line (yamllint's parsable format)."""
    for d in diagnostics:
        stream.write(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}\n")


def json_array(diagnostics: Sequence[Diagnostic], stream: TextIO) -> None:
    """A JSON array of findings (schema version 1: see docs/json-schema.md)."""
    json.dump([d.to_json() for d in diagnostics], stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def json_lines(diagnostics: Sequence[Diagnostic], stream: TextIO) -> None:
    """One JSON object a line."""
    for d in diagnostics:
        stream.write(json.dumps(d.to_json(), ensure_ascii=False) + "\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(diagnostics: Sequence[Diagnostic], stream: TextIO) -> None:
    """GitHub Actions workflow commands: annotations on the pull request's diff."""
    for d in diagnostics:
        level = "error" if d.severity.value == "error" else "warning" if d.severity.value == "warning" else "notice"
        props = (
            f"file={_escape_property(d.path)},line={d.line},endLine={d.end_line},"
            f"col={d.column},endColumn={d.end_column},title={_escape_property(f'{d.code} {d.rule}')}"
        )
        stream.write(f"::{level} {props}::{_escape_data(d.message)}\n")


REPORTERS: dict[str, Callable[[Sequence[Diagnostic], TextIO], None]] = {
    "concise": concise,
    "json": json_array,
    "json-lines": json_lines,
    "github": github,
}
