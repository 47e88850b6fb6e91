"""Field values a renderer misreads, each at the field's own line: a date or year that is not one (B019), a page range
that ends before it starts (B020), a crossref, xdata or xref naming no entry (B021)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from loccit.linter.diagnostics import Rule, Severity, Violation
from loccit.linter.model import BibEntry, BibFile, Document, Span
from loccit.linter.patterns import LazyPattern
from loccit.rules.citekeys.files import bib_files, per_file

# Fields pandoc reads as ISO 8601 / EDTF dates (its getDate): a value it cannot read is dropped.
_DATE_FIELDS = ("date", "urldate", "origdate", "eventdate")
_DIGITS = re.compile(r"\d+")
_SPECIAL = re.compile(r"[~?%T]")
_ISO_IN_YEAR = re.compile(r"\d{4}-\d{2}-\d{2}")  # not YYYY-YY: "2010-11" may be a span of two years
_SEASONS = range(21, 25)  # EDTF seasons, which biblatex reads as well


def _date_part(part: str) -> str | None:
    """Why pandoc cannot read one end of a date (`2019`, `2019-05`, `2019-05-01`, `y12345`), or None."""
    part = part.strip()
    long_year = part.startswith("y")
    part = part[1:] if long_year else part
    part = part[1:] if part.startswith("-") else part
    part = _SPECIAL.split(part, 1)[0]
    if not part:
        return None  # an open end
    pieces = part.split("-")
    if len(pieces) > 3 or not all(_DIGITS.fullmatch(piece) for piece in pieces):
        return "not written YYYY, YYYY-MM or YYYY-MM-DD"
    year, rest = pieces[0], pieces[1:]
    if not (len(year) == 4 or long_year and len(year) > 4) or any(len(piece) != 2 for piece in rest):
        return "not a four-digit year with a two-digit month and day: YYYY, YYYY-MM or YYYY-MM-DD"
    if rest and not (1 <= int(rest[0]) <= 12 or int(rest[0]) in _SEASONS):
        return f'"{rest[0]}" is not a month'
    if len(rest) == 2:
        import calendar  # only a full date needs it; most runs read no bibliography file

        # A year's last four digits decide whether it is a leap year (10,000 is a multiple of 400); `y` years may
        # run to thousands of digits, more than int() converts, and lie outside what calendar takes.
        leap = 2000 if calendar.isleap(int(year[-4:])) else 2001
        last = calendar.monthrange(leap, int(rest[0]))[1] if int(rest[0]) <= 12 else 31
        if not 1 <= int(rest[1]) <= last:
            return f'"{rest[1]}" is not a day of month {rest[0]}'
    return None


def date_problem(value: str) -> str | None:
    """Why pandoc and biber cannot read a BibLaTeX date field's value, or None (EDTF `X` digits are left alone)."""
    value = value.strip()
    if value.startswith("{") and value.endswith("}"):
        value = value[1:-1].strip()  # `date = {{2019}}`: the braces only protect the value (biber strips them)
    if not value or "X" in value or "x" in value:
        return None
    parts = value.split("/")
    if len(parts) == 1 and "u" in value:
        parts = [value.replace("u", "0"), value.replace("u", "9")]  # EDTF `199u`, a decade
    elif len(parts) == 2 and parts[1].strip() in ("open", "unknown", ".."):
        parts = parts[:1]
    if len(parts) > 2:
        return 'more than one "/"'
    for part in parts:
        problem = _date_part(part)
        if problem:
            return problem
    return None


def year_problem(value: str) -> str | None:
    """Why a BibTeX year field's value is not a year pandoc and BibTeX print as one, or None."""
    value = value.strip().strip("{}").strip()
    if _DIGITS.fullmatch(value) and len(value) > 4:
        return f"it has {len(value)} digits; correct the typo"
    if _ISO_IN_YEAR.fullmatch(value):
        return "a full date is printed as written, not as a year; move it to date or give the year alone"
    return None


def invalid_dates(doc: Document, opts: object) -> Iterator[Violation]:
    """B019: a date pandoc cannot read (the reference loses it) or a year that is not one."""
    for found in bib_files(doc):
        if found.format == "bibtex":
            yield from per_file("B019", found, _invalid_dates)


def _date_message(entry: BibEntry, name: str, value: str, problem: str) -> str:
    if " is not a " in problem:  # pandoc does not check months and days: it prints "February 30", biber refuses
        outcome = "pandoc prints it unchecked and biber rejects it"
    elif name == "date" and entry.field("year"):
        outcome = "pandoc falls back to year and biber rejects it"
    else:
        outcome = "pandoc and biber print the reference without it"
    return f'{name} "{value.strip()}" of entry "{entry.key}" is not a valid date ({problem}); {outcome}'


def _invalid_dates(found: BibFile) -> Iterator[Violation]:
    for entry in found.entries:
        date_read = False
        for name, value, span in entry.fields:
            if name not in _DATE_FIELDS:
                continue
            problem = date_problem(value)
            date_read = date_read or name == "date" and problem is None and bool(value.strip())
            if problem:
                yield Violation(Span(*span), _date_message(entry, name, value, problem), path=found.path)
        year = entry.field("year")
        problem = None if date_read or year is None else year_problem(year)
        if problem and year is not None:
            span = next(span for name, _, span in entry.fields if name == "year")
            message = f'year "{year.strip()}" of entry "{entry.key}" is not a year: {problem}'
            yield Violation(Span(*span), message, path=found.path)


# One range of a pages field: arabic numbers only, joined by a hyphen, an en or em dash, or `--`.
_RANGE = LazyPattern(r"(\d+)\s*(?:-{1,3}|[\u2010-\u2015]|\\textendash\b\s*|\\textemdash\b\s*)\s*(\d+)")
_PAGE_FIELDS = ("pages", "page")


def _reversed(value: str) -> str | None:
    """The first range of a pages value that ends before it starts (`211--198`), not an abbreviated one (`211--18`)."""
    for part in re.split(r"[,;]", value):
        if len(part) > 40:  # no page range is this long; the bound keeps the match linear
            continue
        match = _RANGE.fullmatch(part.strip())
        if match is None:
            continue
        first, last = match.groups()
        if len(last) == len(first) and int(last) < int(first):
            return match.group()
    return None


def reversed_ranges(doc: Document, opts: object) -> Iterator[Violation]:
    """B020: a pages field whose range ends before it starts."""
    for found in bib_files(doc):
        yield from per_file("B020", found, _reversed_ranges)


def _reversed_ranges(found: BibFile) -> Iterator[Violation]:
    for entry in found.entries:
        for name, value, span in entry.fields:
            if name not in _PAGE_FIELDS:
                continue
            written = _reversed(value)
            if written:
                message = (
                    f'page range "{written}" of entry "{entry.key}" ends before it starts; '
                    "swap the numbers or correct the typo"
                )
                yield Violation(Span(*span), message, path=found.path)


# Fields naming other entries: crossref and xref one key, xdata a comma-separated list.
_LINK_FIELDS = ("crossref", "xdata", "xref")


def missing_crossrefs(doc: Document, opts: object) -> Iterator[Violation]:
    """B021: a crossref, xdata or xref field naming a key no loaded bibliography file has."""
    bibliography = doc.key_bibliography
    if bibliography is None or bibliography.unreadable:
        return  # the target may be in the file that could not be read
    files = bib_files(doc)
    keys: set[str] = set()
    folded: dict[str, str] = {}
    unread: set[str] = set()

    def compute(one: BibFile) -> Iterator[Violation]:
        if not keys:
            keys.update(entry.key for other in files for entry in other.entries)
            folded.update((key.lower(), key) for key in sorted(keys))
            unread.update(_unread_words(files))
        return _missing_crossrefs(one, keys, folded, unread)

    for found in files:
        if found.format == "bibtex":
            yield from per_file("B021", found, compute, files)


_WORD_BREAK = re.compile(r"[\s\"{}(),=@]+")


def _unread_words(files: tuple[BibFile, ...]) -> Iterator[str]:
    """The words of the files' problems: the key of an entry that failed to parse is among them (its head)."""
    for found in files:
        for problem in found.problems:
            yield from _WORD_BREAK.split(problem.message)


def _targets(entry: BibEntry) -> Iterator[tuple[str, str, tuple[int, int, int, int, int, int]]]:
    for name, value, span in entry.fields:
        if name in _LINK_FIELDS:
            for key in re.split(r"[\s,]+", value.strip()):
                if key:
                    yield name, key, span


def _missing_crossrefs(found: BibFile, keys: set[str], folded: dict[str, str], unread: set[str]) -> Iterator[Violation]:
    for entry in found.entries:
        for name, key, span in _targets(entry):
            if key in keys or key in unread:  # the key of an entry that failed to parse may be the one named
                continue
            message = f'{name} "{key}" of entry "{entry.key}" names no entry in the bibliography files'
            other = folded.get(key.lower())
            hint = (
                f'; the files have "{other}" (keys are case-sensitive)' if other else "; add the entry or fix the key"
            )
            yield Violation(Span(*span), message + hint, path=found.path)


INVALID_ENTRY_DATE = Rule(
    "B019",
    "invalid-entry-date",
    "A bibliography entry's date or year that the renderer cannot read as one",
    invalid_dates,
    Severity.WARNING,
)
REVERSED_PAGE_RANGE = Rule(
    "B020",
    "reversed-page-range",
    "A bibliography entry's page range that ends before it starts",
    reversed_ranges,
    Severity.WARNING,
)
MISSING_CROSSREF_TARGET = Rule(
    "B021",
    "missing-crossref-target",
    "A crossref, xdata or xref field naming an entry no bibliography file has",
    missing_crossrefs,
    Severity.WARNING,
)
