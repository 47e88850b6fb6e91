"""Output formats: one function per format, each writing sorted diagnostics to a stream."""

from __future__ import annotations

import inspect
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from loccit.linter.diagnostics import Diagnostic, Severity
from loccit.linter.output import terminal
from loccit.linter.output.source_lines import Sources, posix

JSON_SCHEMA_VERSION = 1
Reporter = Callable[..., None]


def concise(diagnostics: Sequence[Diagnostic], stream: TextIO) -> None:
    """`path:line:col: CODE message`, one finding a line (yamllint's parsable format)."""
    for d in diagnostics:
        stream.write(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}\n")


def _write_json(data: object, stream: TextIO) -> None:
    """Indented JSON and a newline (json loads only for the formats that write it)."""
    import json

    json.dump(data, stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def json_array(diagnostics: Sequence[Diagnostic], stream: TextIO) -> None:
    """A JSON array of findings (schema version 1: see docs/output-formats.md)."""
    _write_json([d.to_json() for d in diagnostics], stream)


def json_lines(diagnostics: Sequence[Diagnostic], stream: TextIO) -> None:
    """One JSON object a line, the same objects as the json format."""
    import json

    for d in diagnostics:
        stream.write(json.dumps(d.to_json(), ensure_ascii=False) + "\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github(diagnostics: Sequence[Diagnostic], stream: TextIO) -> None:
    """GitHub Actions workflow commands: annotations on the pull request's diff."""
    for d in diagnostics:
        props = (
            f"file={_escape_property(d.path)},line={d.line},endLine={d.end_line},"
            f"col={d.column},endColumn={d.end_column},title={_escape_property(f'{d.code} {d.rule}')}"
        )
        stream.write(f"::{_GITHUB_LEVELS[d.severity]} {props}::{_escape_data(d.message)}\n")


def fingerprints(diagnostics: Sequence[Diagnostic]) -> list[str]:
    """A stable identity per finding that survives lines moving: path, code, message and occurrence."""
    import hashlib  # this and the imports below load only for the formats that need them

    seen: Counter[str] = Counter()
    prints = []
    for d in diagnostics:
        key = f"{posix(d.path)}\0{d.code}\0{d.message}"
        prints.append(hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:32])
        seen[key] += 1
    return prints


_GITLAB_SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def gitlab(diagnostics: Sequence[Diagnostic], stream: TextIO) -> None:
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
    _write_json(issues, stream)


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


def rdjson(diagnostics: Sequence[Diagnostic], stream: TextIO, *, sources: Sources | None = None) -> None:
    """reviewdog's Diagnostic Format (rdjson), with fixes as suggestions."""
    sources = sources or Sources()
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
    _write_json({"source": {"name": "loccit"}, "diagnostics": items}, stream)


def junit(diagnostics: Sequence[Diagnostic], stream: TextIO) -> None:
    """JUnit XML: one test suite per file, one failed test case per finding."""
    from xml.etree import ElementTree

    root = ElementTree.Element("testsuites", name="loccit", tests=str(len(diagnostics) or 1))
    root.set("failures", str(len(diagnostics)))
    by_path: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    if not by_path:
        suite = ElementTree.SubElement(root, "testsuite", name="loccit", tests="1", failures="0")
        ElementTree.SubElement(suite, "testcase", name="no findings", classname="loccit")
    for path, found in by_path.items():
        suite = ElementTree.SubElement(root, "testsuite", name=path, tests=str(len(found)), failures=str(len(found)))
        for d in found:
            case = ElementTree.SubElement(suite, "testcase", name=f"{d.code} {d.rule} at {d.line}:{d.column}")
            case.set("classname", path)
            case.set("file", path)
            case.set("line", str(d.line))
            failure = ElementTree.SubElement(case, "failure", message=d.message, type=d.code)
            failure.text = f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}"
    ElementTree.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ElementTree.tostring(root, encoding="unicode"))
    stream.write("\n")


def sarif_log(diagnostics: Sequence[Diagnostic], stream: TextIO) -> None:
    """SARIF 2.1.0 for code scanning: every rule with its help, findings with fingerprints and fixes."""
    from loccit.linter.output import sarif

    _write_json(sarif.log(diagnostics, fingerprints(diagnostics)), stream)


REPORTERS: dict[str, Reporter] = {
    "full": terminal.full,
    "concise": concise,
    "json": json_array,
    "json-lines": json_lines,
    "github": github,
    "sarif": sarif_log,
    "junit": junit,
    "gitlab": gitlab,
    "rdjson": rdjson,
}
TEXT_FORMATS = frozenset({"full", "concise"})


def render(name: str, diagnostics: Sequence[Diagnostic], stream: TextIO, **context: Any) -> None:
    """Write diagnostics in a format, handing a reporter only the context it takes (colour, sources)."""
    reporter = REPORTERS[name]
    accepted = inspect.signature(reporter).parameters
    reporter(diagnostics, stream, **{key: value for key, value in context.items() if key in accepted})


def statistics(diagnostics: Sequence[Diagnostic], stream: TextIO, as_json: bool = False) -> None:
    """The number of findings per code, most frequent first (ruff's --statistics)."""
    counts = Counter((d.code, d.rule) for d in diagnostics)
    fixable = {d.code for d in diagnostics if d.fix is not None}
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if as_json:
        data = [{"code": c, "rule": r, "count": n, "fixable": c in fixable} for (c, r), n in rows]
        _write_json(data, stream)  # codes and rule names are ASCII
        return
    for (code, rule), count in rows:
        stream.write(f"{count:>5}  {code}  {rule}{'  [*] fixable' if code in fixable else ''}\n")
