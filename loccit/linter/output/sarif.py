"""A SARIF 2.1.0 log: the tool with every rule's documentation, and one result per finding."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from loccit import __version__
from loccit.linter.diagnostics import Diagnostic, Fix, Rule, Severity
from loccit.linter.output import ruledocs
from loccit.linter.output.context import PLAIN, Context
from loccit.linter.output.json_formats import fingerprints, write_json
from loccit.linter.output.source_lines import posix

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT = "loccit/v1"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def uri(path: str) -> str:
    """A relative path as a relative URI reference; an absolute one as a file URI."""
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(os.fsencode(posix(path)))  # the file name's bytes, UTF-8 or not, percent-encoded


def _rule(rule: Rule) -> dict[str, Any]:
    page = ruledocs.page(rule.code)
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "defaultConfiguration": {"level": _LEVELS[rule.severity], "enabled": rule.enabled},
        "properties": {"fixable": rule.fixable},
    }
    if page:
        descriptor["fullDescription"] = {"text": ruledocs.summary(page) or rule.summary}
        descriptor["help"] = {"text": page, "markdown": page}
    return descriptor


def _region(line: int, column: int, end_line: int, end_column: int) -> dict[str, int]:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _fix(path: str, fix: Fix) -> dict[str, Any]:
    span = fix.span
    return {
        "description": {"text": f"replace with {fix.text!r}" + ("" if fix.safe else " (unsafe)")},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": uri(path)},
                "replacements": [
                    {
                        "deletedRegion": _region(span.line, span.column, span.end_line, span.end_column),
                        "insertedContent": {"text": fix.text},
                    }
                ],
            }
        ],
    }


def _result(d: Diagnostic, index: int, fingerprint: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": index,
        "level": _LEVELS[d.severity],
        "message": {"text": d.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(d.path)},
                    "region": _region(d.line, d.column, d.end_line, d.end_column),
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT: fingerprint},
    }
    if d.fix is not None:
        result["fixes"] = [_fix(d.path, d.fix)]
    return result


def log(diagnostics: Sequence[Diagnostic], fingerprints: Sequence[str]) -> dict[str, Any]:
    """The SARIF log object for one run of loccit."""
    from loccit.rules import RULES

    rules = list(RULES)
    known = {rule.code for rule in rules}
    index = {rule.code: i for i, rule in enumerate(rules)}
    for d in diagnostics:  # a finding from a rule outside the registry still needs a descriptor
        if d.code not in known:
            known.add(d.code)
            index[d.code] = len(rules)
            rules.append(Rule(d.code, d.rule, d.rule, lambda doc, opts: ()))
    driver = {
        "name": "loccit",
        "version": __version__,
        "rules": [_rule(rule) for rule in rules],
    }
    results = [_result(d, index[d.code], fp) for d, fp in zip(diagnostics, fingerprints, strict=True)]
    run = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def sarif_log(diagnostics: Sequence[Diagnostic], stream: TextIO, context: Context = PLAIN) -> None:
    """SARIF 2.1.0 for code scanning: every rule with its help, findings with fingerprints and fixes."""
    write_json(log(diagnostics, fingerprints(diagnostics)), stream)
