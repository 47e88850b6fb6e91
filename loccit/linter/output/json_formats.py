"""Machine-readable formats: a JSON array, JSON lines, GitLab Code Quality and reviewdog's rdjson."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, TextIO

from loccit.linter.diagnostics import Diagnostic, Severity
from loccit.linter.output.context import PLAIN, Context
from loccit.linter.output.escapes import json_text
from loccit.linter.output.source_lines import Sources, posix

JSON_SCHEMA_VERSION = 1


def write_json(data: object, stream: TextIO) -> None:
    """Indented JSON and a newline (json loads only for the formats that write it)."""
    import json

    stream.write(json_text(json.dumps(data, indent=2, ensure_ascii=False)) + "\n")


def json_array(diagnostics: Sequence[Diagnostic], stream: TextIO, context: Context = PLAIN) -> None:
    """A JSON array of findings (schema version 1: see docs/output-formats.md)."""
    write_json([d.to_json() for d in diagnostics], stream)


def json_lines(diagnostics: Sequence[Diagnostic], stream: TextIO, context: Context = PLAIN) -> None:
    """One JSON object a line, the same objects as the json format."""
    import json

    for d in diagnostics:
        stream.write(json_text(json.dumps(d.to_json(), ensure_ascii=False)) + "\n")


def fingerprints(diagnostics: Sequence[Diagnostic]) -> list[str]:
    """A stable identity per finding that survives lines moving: path, code, message and occurrence."""
    import hashlib  # this and the imports below load only for the formats that need them

    seen: Counter[str] = Counter()
    prints = []
    for d in diagnostics:
        key = f"{posix(d.path)}\0{d.code}\0{d.message}"
        # surrogateescape: the bytes of a file name that is not UTF-8, as they are
        prints.append(hashlib.sha256(f"{key}\0{seen[key]}".encode("utf-8", "surrogateescape")).hexdigest()[:32])
        seen[key] += 1
    return prints


def gitlab(diagnostics: Sequence[Diagnostic], stream: TextIO, context: Context = PLAIN) -> None:
    """GitLab Code Quality report: a JSON array of issues with fingerprints."""
    issues = [
        {
            "description": f"{d.code} {d.message}",
            "check_name": f"{d.code} {d.rule}",
            "fingerprint": fingerprint,
            "severity": _GITLAB_SEVERITIES[d.severity],
            "location": {"path": posix(d.path), "lines": {"begin": d.line, "end": d.end_line}},
        }
        for d, fingerprint in zip(diagnostics, fingerprints(diagnostics), strict=True)
    ]
    write_json(issues, stream)


def _rd_position(sources: Sources, path: str, line: int, column: int) -> dict[str, int]:
    """reviewdog counts columns in UTF-8 bytes."""
    text = sources.line(path, line)
    if text is not None:
        column = len(text[: column - 1].encode("utf-8")) + 1
    return {"line": line, "column": column}


def _rd_range(sources: Sources, d: Diagnostic, line: int, column: int, end_line: int, end_column: int) -> Any:
    return {
        "start": _rd_position(sources, d.path, line, column),
        "end": _rd_position(sources, d.path, end_line, end_column),
    }


def rdjson(diagnostics: Sequence[Diagnostic], stream: TextIO, context: Context = PLAIN) -> None:
    """reviewdog's Diagnostic Format (rdjson), with fixes as suggestions."""
    sources = context.sources
    items = []
    for d in diagnostics:
        item: dict[str, Any] = {
            "message": d.message,
            "location": {
                "path": posix(d.path),
                "range": _rd_range(sources, d, d.line, d.column, d.end_line, d.end_column),
            },
            "severity": d.severity.value.upper(),
            "code": {"value": d.code},
        }
        if d.fix is not None:
            s = d.fix.span
            rng = _rd_range(sources, d, s.line, s.column, s.end_line, s.end_column)
            item["suggestions"] = [{"range": rng, "text": d.fix.text}]
        items.append(item)
    write_json({"source": {"name": "loccit"}, "diagnostics": items}, stream)


_GITLAB_SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
