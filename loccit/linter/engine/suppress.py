"""Inline suppressions: `<!-- loccit-disable… -->` comments, what each covers, and the ones that cover nothing."""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from loccit.linter.config.keys import suggest
from loccit.linter.diagnostics import Diagnostic, Fix, Violation
from loccit.linter.markdown.suppressions import KINDS
from loccit.linter.model import Document, Span

ALL = "*"


@dataclass
class Directive:
    """One suppression comment: its kind, its codes (none means all), its span and the regions it covers per code."""

    kind: str
    codes: tuple[str, ...]
    span: Span
    regions: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    @property
    def keys(self) -> tuple[str, ...]:
        """The codes this directive covers, or ALL."""
        return self.codes or (ALL,)

    def cover(self, start: int, end: int, keys: Iterable[str] | None = None) -> None:
        """Cover [start, end) for some of its codes (all by default)."""
        for key in self.keys if keys is None else keys:
            self.regions.setdefault(key, []).append((start, end))


def _line_bounds(doc: Document, line: int) -> tuple[int, int]:
    starts = doc.lines.starts
    start = starts[line - 1] if line - 1 < len(starts) else len(doc.text)
    end = starts[line] if line < len(starts) else len(doc.text)
    return start, end


def _owner(owners: Sequence[Span], starts: Sequence[int], text: str, span: Span) -> Span | None:
    """The note definition or bibliography entry a comment ends (inside it, or on the line right after it)."""
    index = bisect.bisect_right(starts, span.start) - 1
    if index < 0:
        return None
    owner = owners[index]
    inside = owner.start <= span.start <= owner.end
    after = span.line == owner.end_line + 1 and text[owner.end : span.start].strip() == ""
    return owner if inside or after else None


def find(doc: Document) -> list[Directive]:
    """The document's suppression comments, each with the regions it covers."""
    found = [Directive(comment.kind, comment.codes, comment.span) for comment in doc.comments]
    _scope(doc, found)
    return found


def _scope(doc: Document, directives: Sequence[Directive]) -> None:
    opened: dict[str, Directive] = {}  # code (or ALL) -> the disable comment that opened it
    size = len(doc.text) + 1
    owners = sorted([d.span for d in doc.definitions] + [e.span for e in doc.entries], key=lambda o: o.start)
    starts = [owner.start for owner in owners]
    for directive in directives:
        span = directive.span
        owner = _owner(owners, starts, doc.text, span) if directive.kind == "disable" else None
        if directive.kind == "disable-file":
            directive.cover(0, size)
        elif directive.kind == "disable-next-line":
            directive.cover(*_line_bounds(doc, span.end_line + 1))
        elif directive.kind == "disable-line":
            directive.cover(_line_bounds(doc, span.line)[0], _line_bounds(doc, span.end_line)[1])
        elif owner is not None:
            directive.cover(owner.start, max(owner.end, span.end))
        elif directive.kind == "disable":
            for key in directive.keys:
                if key in opened:  # disabled again: the earlier comment covers up to here, this one from here
                    earlier = opened[key]
                    earlier.cover(earlier.span.start, span.start, [key])
                opened[key] = directive
        elif directive.kind == "enable":
            for key in [k for k in opened if not directive.codes or k in directive.codes]:
                opener = opened.pop(key)
                opener.cover(opener.span.start, span.start, [key])
    for key, opener in opened.items():
        opener.cover(opener.span.start, size, [key])


def _offset(doc: Document, d: Diagnostic) -> int:
    return _line_bounds(doc, d.line)[0] + d.column - 1


class _Active:
    """The regions of one code (or ALL) open at the sweep's offset: unused ones still to mark, used ones by end."""

    def __init__(self) -> None:
        self.unused: list[tuple[int, int]] = []  # heaps of (end, directive index)
        self.used: list[int] = []

    def expire(self, offset: int) -> None:
        """Drop the regions that end at or before an offset."""
        while self.unused and self.unused[0][0] <= offset:
            heapq.heappop(self.unused)
        while self.used and self.used[0] <= offset:
            heapq.heappop(self.used)

    def covers(self) -> bool:
        """Whether any region is open."""
        return bool(self.unused or self.used)

    def mark(self, directives: Sequence[Directive], code: str, key: str) -> None:
        """Record the open regions' directives as used for a code; each region is marked once."""
        while self.unused:
            end, index = heapq.heappop(self.unused)
            directives[index].used.add(code if key != ALL else ALL)
            heapq.heappush(self.used, end)


def apply(doc: Document, diagnostics: Iterable[Diagnostic], directives: Sequence[Directive]) -> list[Diagnostic]:
    """The diagnostics no directive covers; each directive records the codes it suppressed (one sweep, sorted)."""
    regions = sorted(
        (start, end, key, index)
        for index, directive in enumerate(directives)
        if directive.kind != "enable"
        for key, spans in directive.regions.items()
        for start, end in spans
    )
    active: dict[str, _Active] = {}
    kept = []
    pending = 0
    for offset, d in sorted(((_offset(doc, d), d) for d in diagnostics), key=lambda item: item[0]):
        while pending < len(regions) and regions[pending][0] <= offset:
            start, end, key, index = regions[pending]
            heapq.heappush(active.setdefault(key, _Active()).unused, (end, index))
            pending += 1
        covering = [key for key in (d.code, ALL) if key in active]
        for key in covering:
            active[key].expire(offset)
        covering = [key for key in covering if active[key].covers()]
        for key in covering:
            active[key].mark(directives, d.code, key)
        if not covering:
            kept.append(d)
    return kept


def _removal(doc: Document, directive: Directive, keep: Sequence[str]) -> Fix:
    span = directive.span
    if keep:
        return Fix(span, f"<!-- loccit-{directive.kind} {' '.join(keep)} -->")
    start, end = _line_bounds(doc, span.line)
    if doc.text[start : span.start].strip() == "" and doc.text[span.end : end].strip() == "":
        return Fix(doc.span(start, end), "")  # the comment is the whole line: remove the line
    while span.start > start and doc.text[span.start - 1] in " \t":
        span = doc.span(span.start - 1, span.end)
    return Fix(span, "")


def unused(doc: Document, directives: Sequence[Directive], known: set[str], checked: set[str]) -> list[Violation]:
    """E002's violations: unknown kinds or codes, and directives (or codes) that suppressed nothing that was checked."""
    found = []
    for directive in directives:
        problem = _problem(directive, known, checked)
        if problem is not None:
            message, keep = problem
            fix = None if keep is None else _removal(doc, directive, keep)
            found.append(Violation(directive.span, message, fix))
    return found


def _problem(directive: Directive, known: set[str], checked: set[str]) -> tuple[str, tuple[str, ...] | None] | None:
    """The message for a directive that is wrong or idle, and the codes a fix keeps (None: no fix)."""
    shown = f'"loccit-{directive.kind}"'
    if directive.kind not in KINDS:
        return f"unknown suppression {shown}{suggest('loccit-' + directive.kind, ['loccit-' + k for k in KINDS])}", None
    if directive.kind == "enable":
        return None
    unknown = [c for c in directive.codes if c not in known]
    if unknown:
        return f'unknown rule code "{unknown[0]}" in suppression{suggest(unknown[0], sorted(known))}', None
    if not directive.codes:
        return None if directive.used else (f"suppression {shown} suppresses nothing; remove it", ())
    idle = [c for c in directive.codes if c in checked and c not in directive.used]
    if not idle:
        return None
    keep = tuple(c for c in directive.codes if c not in idle)
    what = ", ".join(idle)
    return f"suppression of {what} suppresses nothing here; remove {'it' if not keep else what}", keep
