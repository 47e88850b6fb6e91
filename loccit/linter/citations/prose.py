"""In-text citations of a document's running text, found once per document in one linear pass.

The markdown layer gives what is not prose (code, links, comments, URLs, page furniture); headings, note
definitions and the bibliography's own entries are left out here, and so are parentheses inside quotation
marks, which belong to the quoted text. Each parenthesis is read on its own, within a bounded window.
"""

from __future__ import annotations

import re

from loccit.linter.citations.intext import MAX_INSIDE, InText, narrative, parse_parenthesis
from loccit.linter.model import Document

_QUOTE_OR_BREAK = re.compile(r"[“”\"]|\n[ \t]*\n")
# What a citation's parenthesis holds: a year or page, a date's stand-in, ibid., or MLA's roman page at its end.
_CITABLE = re.compile(r"\d|n\.\s?d\.|in\s+press|forthcoming|\bibid|\bid\.|\s[ivxlc]{1,7}\s*$", re.I)
_NARRATIVE_START = re.compile(r"\s?(?:\d|n\.\s?d\.|in\s+press|forthcoming)", re.I)


class _Quotes:
    """Whether an offset lies inside double quotation marks, asked at increasing offsets (so linear in all)."""

    def __init__(self, text: str, start: int) -> None:
        self.text, self.at, self.inside = text, start, False

    def __call__(self, offset: int) -> bool:
        for found in _QUOTE_OR_BREAK.finditer(self.text, self.at, offset):
            mark = found.group()
            self.inside = mark == "“" or (mark == '"' and not self.inside)
        self.at = max(self.at, offset)
        return self.inside


def scan(text: str, start: int, end: int) -> tuple[list[InText], int]:
    """The in-text citations of text[start:end], with the number of characters looked at (linear: tested)."""
    found: list[InText] = []
    steps = 0
    quoted = _Quotes(text, start)
    at = text.find("(", start, end)
    while at >= 0:
        limit = min(end, at + 1 + MAX_INSIDE)
        close = text.find(")", at + 1, limit)
        steps += (close if close >= 0 else limit) - at
        if close >= 0 and text.find("(", at + 1, close) < 0 and "\n\n" not in text[at:close]:
            citation = _read(text, at, close, start) if not quoted(at) else None
            if citation is not None:
                found.append(citation)
                steps += citation.end - citation.start
        at = text.find("(", at + 1, end)
    return found, steps


def _read(text: str, open_at: int, close_at: int, floor: int) -> InText | None:
    if _CITABLE.search(text, open_at + 1, close_at) is None:
        return None
    if _NARRATIVE_START.match(text, open_at + 1, close_at):
        return narrative(text, open_at, close_at, floor)
    return parse_parenthesis(text, open_at + 1, close_at)


def _excluded(doc: Document) -> list[tuple[int, int]]:
    spans = list(doc.skipped)
    spans += [(h.span.start, h.span.end) for h in doc.headings]
    spans += [(d.span.start, d.span.end) for d in doc.definitions]
    spans += [(e.span.start, e.span.end) for s in doc.sections for e in s.entries]
    if doc.notes_end > doc.notes_start:
        spans.append((doc.notes_start, doc.notes_end))
    return sorted(spans)


def prose_runs(doc: Document) -> list[tuple[int, int]]:
    """The stretches of running prose: the text minus everything excluded."""
    runs, at = [], 0
    for start, end in _excluded(doc):
        if start > at:
            runs.append((at, start))
        at = max(at, end)
    if at < len(doc.text):
        runs.append((at, len(doc.text)))
    return runs


def in_text_citations(doc: Document) -> tuple[InText, ...]:
    """Every in-text citation of the document's running text, in order (computed once per document)."""

    def compute() -> tuple[InText, ...]:
        found: list[InText] = []
        if "(" not in doc.text:
            return ()
        for start, end in prose_runs(doc):
            found.extend(scan(doc.text, start, end)[0])
        return tuple(found)

    return doc.derived("in-text citations", compute)
