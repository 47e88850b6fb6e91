"""The parts of a citation around its title: container, editors, imprint and locator, entry parts."""

from __future__ import annotations

import re

from loccit.linter.citations import imprint as imp
from loccit.linter.citations.imprint import Field, Imprint
from loccit.linter.citations.names import Name, parse_names
from loccit.linter.citations.scan import Region

CONTAINER_STOP = re.compile(
    r"\(|\.\s|\.$|,\s{0,2}(?:[Vv]ol|[Nn]o\.|[Ii]ssue|\d|[Ee]ds?\.|[Ee]dited|[Tt]rans)|\s(?:[Ee]ds?\.|\d)|"
    r"\s[Ee]ds?\.|,\s{0,2}(?:[A-Z][a-z]{2,8}\.?\s{1,2}\d)"
)
_SENTENCE = re.compile(r"\.\s{1,5}(?=[A-Z])")
_ABBREVIATIONS = frozenset({"vol", "no", "ed", "eds", "trans", "st", "dr"})
EDITED = re.compile(
    r"(?=[EeTt])(?:\b[Ee]ds?\.|\b[Ee]dited\s{1,3}by|\b[Tt]rans(?:lated)?\.?\s{1,3}by|\b[Tt]rans\.)\s{0,3}"
)
IN = re.compile(r"[\s,.]{0,4}[Ii]n[:\s]\s{0,3}")
ENTRY_PART = re.compile(r"\.\s{1,5}(?=\S)")


def skip(text: str, i: int, end: int, chars: str = " \t\n,.:;") -> int:
    while i < end and text[i] in chars:
        i += 1
    return i


def region_at(found: list[Region], i: int) -> Region | None:
    return next((region for region in found if region.start == i), None)


def title_field(text: str, region: Region) -> Field | None:
    return imp.field(text, region.inner_start, region.inner_end)


def names_after(text: str, start: int, end: int) -> tuple[Name, ...]:
    """Editors or translators named after "ed." or "edited by" up to the next part."""
    match = EDITED.search(text, start, end)
    if match is None:
        return ()
    stop = re.compile(r"\(|,\s{0,2}\d|\.\s|,\s{0,2}[a-z]|$").search(text, match.end(), end)
    names, _ = parse_names(text, match.end(), stop.start() if stop else end, inverted=False)
    return names


def find_container(text: str, i: int, end: int, found: list[Region]) -> tuple[Field | None, int]:
    """The journal, newspaper or book a quoted title appeared in, and where it ends."""
    match = IN.match(text, i, end)
    if match:
        i = match.end()
    i = skip(text, i, end, " \t\n,.")
    region = region_at(found, i)
    if region is not None and region.kind == "italic":
        return title_field(text, region), region.end
    stop = CONTAINER_STOP.search(text, i, end)
    stop_at = stop.start() if stop else end
    return imp.field(text, i, stop_at), stop_at


def read_publication(text: str, start: int, end: int, inverted: bool = False) -> tuple[Imprint, Field | None]:
    """Imprint and locator of the rest of a citation: a parenthesised group with a year, else the text."""
    if inverted:
        parts = [m.end() for m in ENTRY_PART.finditer(text, start, end) if not after_initial(text, m.start())]
        dated = dated_parts(text, parts, end)
        start = dated[-1] if dated else start
    else:
        end = _sentence_end(text, start, end)
    loc = imp.locator(text, start, end)
    stop = loc.start if loc else end
    web = imp.URL.search(text, start, stop)
    stop = web.start() if web else stop
    group = _first_dated_group(text, start, stop)
    if group is not None:
        # The first group after the title: a later one may belong to a work the note goes on to mention.
        return imp.imprint(text, group[0] + 1, group[1]), loc
    return imp.imprint(text, start, stop), loc


def _sentence_end(text: str, start: int, end: int) -> int:
    """Where the sentence holding a note's citation ends: the note may go on to discuss or cite more."""
    for match in _SENTENCE.finditer(text, start, end):
        if not after_initial(text, match.start()):
            return match.start() + 1
    return end


def _first_dated_group(text: str, start: int, stop: int) -> tuple[int, int] | None:
    """The first parenthesised group (opening, closing offsets) that holds a year."""
    opened = text.find("(", start, stop)
    while opened >= 0:
        close = text.find(")", opened, stop)
        if close < 0:
            return None
        if imp.YEAR.search(text, opened, close):
            return opened, close
        opened = text.find("(", close, stop)
    return None


def dated_parts(text: str, parts: list[int], stop: int) -> list[int]:
    """The parts (given by their start offsets, ending at the next one or stop) that contain a year."""
    if not parts:
        return []
    bounds = [*parts[1:], stop]
    return [part for part, end in zip(parts, bounds, strict=True) if imp.YEAR.search(text, part, end)]


def after_initial(text: str, period: int) -> bool:
    """Whether the period at this offset ends an initial or a common abbreviation."""
    word_start = period
    while word_start > 0 and not text[word_start - 1].isspace() and period - word_start < 12:
        word_start -= 1
    word = text[word_start:period].lstrip("(")
    return (len(word) == 1 and word.isupper()) or word.casefold() in _ABBREVIATIONS
