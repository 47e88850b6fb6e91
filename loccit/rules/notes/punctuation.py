"""Note markers sit on one side of punctuation throughout the essay (N007)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from loccit.linter.diagnostics import Fix, Rule, Severity, Violation
from loccit.linter.markdown.inline import Regions
from loccit.linter.model import Document, Span
from loccit.rules.habit import habit

_PUNCTUATION = ".,;!?"
_SENTENCE_END = ".!?"
_CLOSERS = "\u201d\u2019\"')*_"
# Words whose period belongs to the abbreviation: after "et al." a marker says nothing of the essay's habit.
_ABBREVIATIONS = frozenset(
    "al etc ibid id cf ed eds trans vol vols no nos ch chap pp p ff fol fols esp viz ca c jr sr st dr mr mrs ms "
    "inc co ltd bros e.g i.e op cit loc n nn repr rev".split()
)
AFTER = "after"
BEFORE = "before"


class Placement(NamedTuple):
    """A run of adjacent markers and which side of a punctuation mark it sits on (a named tuple: one per run)."""

    start: int
    end: int
    side: str
    mark: str
    adjacent: bool

    @property
    def kind(self) -> str:
        """Whether the mark ends a sentence (. ! ?) or falls inside one (, ;)."""
        return "end" if self.mark in _SENTENCE_END else "inside"


def _runs(doc: Document) -> Iterator[tuple[int, int, list[Span]]]:
    """Runs of markers written back to back (`[^1][^2]`), as (start, end, spans); an inline note `^[…]` is one."""
    spans = [marker.span for marker in doc.markers] + [d.span for d in doc.definitions if d.inline]
    run: list[Span] = []
    for span in sorted(spans, key=lambda span: span.start):
        if run and span.start == run[-1].end:
            run.append(span)
            continue
        if run:
            yield run[0].start, run[-1].end, run
        run = [span]
    if run:
        yield run[0].start, run[-1].end, run


def _in_block_quote(text: str, offset: int) -> bool:
    """Whether offset is on a block quotation's line, whose punctuation is the quoted author's, not the essay's."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text[line_start : line_start + 4].lstrip(" ").startswith(">")


def _abbreviated(text: str, period: int) -> bool:
    """Whether the period at offset period ends an abbreviation (et al., ibid., e.g.) rather than a sentence."""
    start = period
    while start > 0 and period - start < 6 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    return text[start:period].lower() in _ABBREVIATIONS


def _placement(text: str, start: int, end: int) -> Placement | None:
    """Which side of a punctuation mark a run of markers sits on, or None when neither or both."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    behind = start - 1
    while behind > 0 and behind > start - 3 and text[behind] in _CLOSERS:
        behind -= 1
    punct_before = (
        behind >= 0
        and text[behind] in _PUNCTUATION
        and text[behind - 1 : behind] != "."
        and not (text[behind] == "." and _abbreviated(text, behind))
    )
    punct_after = after != "" and after in _PUNCTUATION and text[end + 1 : end + 2] != "."  # "" at the end of file
    if punct_before == punct_after:
        return None  # no punctuation near the marker, or some on both sides
    if punct_after:
        return Placement(start, end, BEFORE, after, True)
    return Placement(start, end, AFTER, text[behind], before in _PUNCTUATION)


def check_marker_punctuation(doc: Document, opts: object) -> Iterator[Violation]:
    """Flag a note marker on the unusual side of punctuation for the essay (`word[^3].` or `word.[^3]`).

    There are two habits, the side most markers take next to a mark ending a sentence (. ! ?) and
    next to one inside it (, ;), ties going to the first: some essays put markers after the full
    stop but before a comma, and do so throughout. Chicago (14.26) puts the marker after any
    punctuation but a dash. Colons, dashes, ellipses and markers with punctuation on both sides
    are left alone, and so are markers in a note's text (cross-references) and at the end of a
    block quotation, whose punctuation is the quoted author's, and after an abbreviation's period.
    """
    text = doc.text
    inline = {(d.span.start, d.span.end): d.label for d in doc.definitions if d.inline}
    notes = Regions((d.span.start, d.span.end) for d in doc.definitions if not d.inline)
    runs = [(s, e) for s, e, _ in _runs(doc) if s not in notes and not _in_block_quote(text, s)]
    found = [p for p in (_placement(text, s, e) for s, e in runs) if p is not None]
    usual = {kind: habit(p.side for p in found if p.kind == kind) for kind in ("end", "inside")}
    for p in found:
        if p.side == usual[p.kind]:
            continue
        markers = text[p.start : p.end]
        fix = None
        if p.side == BEFORE:
            fix = Fix(doc.span(p.start, p.end + 1), p.mark + markers)
        elif p.adjacent:
            fix = Fix(doc.span(p.start - 1, p.end), markers + p.mark)
        where = "before" if p.side == BEFORE else "after"
        other = "after" if p.side == BEFORE else "before"
        label = inline.get((p.start, p.end))  # one inline note: named, not quoted whole
        shown = f"note {label}" if label else f'note marker "{markers}"'
        message = f'{shown} comes {where} "{p.mark}"; the essay puts markers {other} it'
        yield Violation(doc.span(p.start, p.end), message, fix)


MARKER_PUNCTUATION = Rule(
    "N007",
    "marker-punctuation",
    "Note marker on the unusual side of punctuation",
    check_marker_punctuation,
    Severity.WARNING,
    fixable=True,
)
