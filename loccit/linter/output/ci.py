"""Formats for CI systems: GitHub Actions annotations and JUnit XML."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from loccit.linter.diagnostics import Diagnostic, Severity
from loccit.linter.output.context import PLAIN, Context
from loccit.linter.output.escapes import visible


def _escape_data(text: str) -> str:
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github(diagnostics: Sequence[Diagnostic], stream: TextIO, context: Context = PLAIN) -> None:
    """GitHub Actions workflow commands: annotations on the pull request's diff."""
    for d in diagnostics:
        props = (
            f"file={_escape_property(d.path)},line={d.line},endLine={d.end_line},"
            f"col={d.column},endColumn={d.end_column},title={_escape_property(f'{d.code} {d.rule}')}"
        )
        stream.write(f"::{_GITHUB_LEVELS[d.severity]} {props}::{_escape_data(d.message)}\n")


def junit(diagnostics: Sequence[Diagnostic], stream: TextIO, context: Context = PLAIN) -> None:
    """JUnit XML: one test suite per file, one failed test case per finding."""
    from xml.etree import ElementTree

    root = ElementTree.Element("testsuites", name="loccit", tests=str(len(diagnostics) or 1))
    root.set("failures", str(len(diagnostics)))
    by_path: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:  # XML 1.0 has no control characters at all, not even escaped
        by_path.setdefault(visible(d.path), []).append(d)
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
            message = visible(d.message)
            failure = ElementTree.SubElement(case, "failure", message=message, type=d.code)
            failure.text = f"{path}:{d.line}:{d.column}: {d.code} {message}"
    ElementTree.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ElementTree.tostring(root, encoding="unicode"))
    stream.write("\n")
