"""Helpers for rule tests: parse an essay and run one check with options."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from loccit.linter.diagnostics import Violation
from loccit.linter.markdown.parse import normalise, parse_document
from loccit.linter.model import Document

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"

Check = Callable[[Document, Any], Iterable[Violation]]


def parse(text: str, path: str = "essay.md") -> Document:
    """Parse an essay given as text."""
    return parse_document(path, normalise(text))


def run(check: Check, text: str, opts: object = None) -> list[tuple[int, str]]:
    """The (line, message) of every violation a check yields on an essay."""
    doc = parse(text)
    return [(v.span.line, v.message) for v in check(doc, opts)]


def fixed(check: Check, text: str, opts: object = None) -> str:
    """The essay with every fix of a check applied, last first."""
    doc = parse(text)
    fixes = sorted((v.fix for v in check(doc, opts) if v.fix), key=lambda f: f.span.start, reverse=True)
    result = doc.text
    for fix in fixes:
        result = result[: fix.span.start] + fix.text + result[fix.span.end :]
    return result


def note(*texts: str) -> str:
    """An essay with one sentence per note and the notes' texts as given."""
    body = " ".join(f"Claim {i}.[^{i}]" for i in range(1, len(texts) + 1))
    return body + "\n\n" + "".join(f"[^{i}]: {t}\n" for i, t in enumerate(texts, 1))
