"""Page ranges: one dash and one way of writing inclusive numbers, never backwards (P003)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from loccit.linter.citations import page_style
from loccit.linter.citations.locators import Part
from loccit.linter.citations.page_style import chicago_last, dash_kind, is_abbreviable, mhra_last, range_numbers
from loccit.linter.diagnostics import Fix, Rule, Severity, Violation
from loccit.linter.model import Document
from loccit.linter.patterns import LazyPattern
from loccit.rules.habit import habit
from loccit.rules.pages.locators import Located, PageOptions, located_entry_pages, located_intext_pages, located_pages


class Written(NamedTuple):
    """A page range as written: absolute offsets, its numbers and its text (a named tuple, as Part is)."""

    start: int
    end: int
    part: Part
    numbers: tuple[int, int]
    text: str

    @property
    def abbreviated(self) -> bool:
        """Whether the second number drops figures the first one has."""
        return len(self.part.last) < len(self.part.first)


def _ranges(doc: Document, items: list[Located]) -> list[Written]:
    """Every page range of the locators, in document order, with its numbers."""
    found = []
    for item in sorted(items, key=lambda item: item.base):
        for part in item.locator.parts:
            numbers = range_numbers(part)
            if numbers is not None:
                text = item.text(doc, part.start, part.end)
                found.append(Written(item.base + part.start, item.base + part.end, part, numbers, text))
    return found


def _en_dash(ranges: list[Written]) -> str:
    """The en dash as the essay types it: "--" when that is its usual spelling, else "–"."""
    spellings = [r.part.dash for r in ranges if dash_kind(r.part.dash) == "en"]
    return "--" if habit(spellings) == "--" else "\u2013"


# pandoc citations with a page range (`[@key, 28--38]`): citeproc prints them, but the author typed the dash.
_CITED_RANGE = LazyPattern(r"@[\w:.#$%&+?<>~/-]{1,200},[^\]\[\n]{0,40}?\d(--|[-\u2013])\d")


def _cited_dashes(doc: Document) -> list[str]:
    """The dash kinds of the page ranges in the pandoc citations of the notes."""
    return [dash_kind(m.group(1)) for d in doc.definitions if "@" in d.text for m in _CITED_RANGE.finditer(d.text)]


def _dash_habit(written: list[str], cited: list[str]) -> str | None:
    """The usual dash, or None when the pandoc citations' ranges would overturn the one the notes show."""
    usual = habit(written)
    return usual if habit(written + cited) == usual else None


def _consistent(ranges: list[Written], cited: list[str]) -> dict[int, str]:
    """The range each written range should be, by the essay's habit (dash, full or abbreviated figures)."""
    # When the ranges citeproc formats would overturn the habit, the essay has none to hold a range to.
    dash = _dash_habit([dash_kind(r.part.dash) for r in ranges], cited)
    shapes = [r.abbreviated for r in ranges if r.part.first.isdigit() and is_abbreviable(*r.numbers)]
    short = habit(shapes)
    wanted = {}
    spelled = {dash_kind(r.part.dash): r.part.dash for r in reversed(ranges)}
    if dash == "en":
        spelled["en"] = _en_dash(ranges)
    for r in ranges:
        last = r.part.last
        if r.part.first.isdigit() and is_abbreviable(*r.numbers) and r.abbreviated != short:
            last = chicago_last(*r.numbers) if short else str(r.numbers[1])
        written = r.part.dash if dash is None or dash_kind(r.part.dash) == dash else spelled.get(dash, r.part.dash)
        wanted[r.start] = r.part.first + written + last
    return wanted


def _preset(ranges: list[Written], style: str) -> dict[int, str]:
    """The range each written range should be under a style preset."""
    wanted = {}
    for r in ranges:
        dash = r.part.dash if dash_kind(r.part.dash) == "en" else "\u2013"
        last = r.part.last
        if r.part.first.isdigit() and style != "oscola":
            shorten = chicago_last if style in page_style.CHICAGO else mhra_last
            last = shorten(*r.numbers)
        wanted[r.start] = r.part.first + dash + last
    return wanted


def check_page_range_style(doc: Document, opts: PageOptions) -> Iterator[Violation]:
    """Flag a page range unlike the habit or style (hyphen or en dash, `274-75` or `274-275`) or reversed.

    Under `consistent` the habit is the dash most ranges use (none when counting the ranges of pandoc
    citations, `[@key, 28--38]`, would give another), and, among ranges from 100 on that
    could be shortened, whether the second number is shortened. Chicago shortens as 9.64 prescribes
    (3–10, 71–72, 100–104, 101–8, 321–28, 1496–500), MHRA keeps two figures within a hundred
    (13–15, 104–08, 1933–39); all three presets want an en dash (`--` counts as one). OSCOLA's
    ranges are checked for the dash only. A range that ends before it starts (`386-374`) is always flagged.
    The ranges of in-text citations ("(Franklin 2013, 45-47)") have a habit of their own, whatever the style.
    """
    ranges = _ranges(doc, [*located_pages(doc), *located_entry_pages(doc)])
    wanted = _consistent(ranges, _cited_dashes(doc)) if opts.style == "consistent" else _preset(ranges, opts.style)
    whose = "the essay's" if opts.style == "consistent" else f"{opts.style}'s"
    yield from _range_findings(doc, ranges, wanted, whose)
    # In-text ranges ("(Franklin 2013, pp. 45-47)") are compared with one another only, whatever the notes' style.
    ranges = _ranges(doc, list(located_intext_pages(doc)))
    yield from _range_findings(doc, ranges, _consistent(ranges, []), "the in-text citations'")


def _range_findings(doc: Document, ranges: list[Written], wanted: dict[int, str], whose: str) -> Iterator[Violation]:
    """A finding for each range that is reversed or unlike the one wanted."""
    for r in ranges:
        if r.numbers[1] < r.numbers[0]:
            yield Violation(doc.span(r.start, r.end), f'page range "{r.text}" ends before it starts')
        elif wanted[r.start] != r.text:
            span = doc.span(r.start, r.end)
            fix = Fix(span, wanted[r.start])
            yield Violation(span, f'page range "{r.text}" differs from {whose} "{wanted[r.start]}"', fix)


PAGE_RANGE_STYLE = Rule(
    "P003",
    "page-range-style",
    "Page range unlike the habit or style, or reversed",
    check_page_range_style,
    Severity.WARNING,
    PageOptions,
    fixable=True,
)
