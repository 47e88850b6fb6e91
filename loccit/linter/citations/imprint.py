"""Facts of publication in a citation: place, publisher, year, volume, issue, locator, URL and access date."""

from __future__ import annotations

import re
from typing import NamedTuple

from loccit.linter.citations.years import YEAR_DIGITS, YEAR_FIRST_DIGIT

# A pattern that opens with "(?=[…])", the letters its matches can start with, lets the regex engine skip
# straight to those letters instead of trying every alternative at every offset.
YEAR = re.compile(rf"(?={YEAR_FIRST_DIGIT})(?<![\d.-])({YEAR_DIGITS})(?![\d])")
URL = re.compile(r"(?=[<hwd])<?(?:https?://|www\.|doi:\s?)[^\s<>)\]]{1,800}")
ACCESSED = re.compile(r"(?=[ARVarv])(?:[Aa]ccessed|[Rr]etrieved|[Vv]iewed)(?:\s{1,3}on)?[\s:]{1,3}([^.;()\n]{3,40})")
VOLUME = re.compile(r"(?=[Vv])\b(?:[Vv]ol(?:ume)?\.?\s{0,2})(\d{1,4})")
ISSUE = re.compile(r"(?=[NnIi#])(?:\b[Nn]o\.?|\b[Ii]ssue|#)\s{0,2}(\d{1,4})")
LOCATOR = re.compile(
    r"(?:(?:\b(?:pp?|Pp?|PP?|pt|chap|ch|nn?|para|fols?|loc)\.?)\s{0,6}|[,:]\s{0,6})"
    r"([\dxivlcXIVLC][\dxivlcXIVLCf\s,–—\-]{0,60})[.\s]{0,3}$"
)
_BARE = re.compile(r"[\s,]{0,6}([\dxivl][\dxivl\s,–—\-]{0,60})[.\s]{0,3}")
_BARE_VOLUME = re.compile(r"(?:^|[*\s])(\d{1,4}),?\s{0,2}(?:no\.|issue)", re.I)
MONTHS = re.compile(
    r"(?=[ADFJMNOSWadfjmnosw])\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|Spring|Summer|Autumn|Fall|Winter)\b",
    re.I,
)
PUBLISHER_WORDS = re.compile(
    r"(?=[PBUCILVÉERMWSNKHdTt])\b(?:Press|Books|Publish\w{0,6}|University|Comics|Inc|Ltd|Co|Company|Verlag|[ÉE]ditions|Routledge|"
    r"Penguin|Macmillan|Wiley|Springer|Brill|Norton|Knopf|Random|Harper\w{0,8}|Blackwell|Sage|Elsevier|"
    r"Bloomsbury|Verso|Longman|Clarendon|Rinehart|McFarland|Basic|diss|[Tt]hesis|Institute|College|School|"
    r"Corporation)\b"
)


class Field(NamedTuple):
    """A piece of citation text with its [start, end) offsets in the parsed text."""

    text: str
    start: int
    end: int


class Imprint(NamedTuple):
    """What a citation says about where and when a work appeared."""

    place: Field | None = None
    publisher: Field | None = None
    year: Field | None = None
    years: tuple[str, ...] = ()
    volume: str | None = None
    issue: str | None = None


def field(text: str, start: int, end: int) -> Field | None:
    """A Field for text[start:end] with surrounding space and punctuation trimmed; None when empty."""
    while start < end and (text[start] in ",.;:(" or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in ",.;:)" or text[end - 1].isspace()):
        if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return Field(text[start:end], start, end) if end > start else None


def _looks_dated(words: str) -> bool:
    return bool(MONTHS.search(words)) or bool(re.fullmatch(r"[\d\s,]{0,12}", words))


def imprint(text: str, start: int, end: int) -> Imprint:
    """Read place, publisher and year from a stretch such as "London: Verso, 2004" or "(New York, 1978)"."""
    years = list(YEAR.finditer(text, start, end))
    if not years:
        return Imprint()
    last = years[-1]
    year = Field(last.group(1), last.start(1), last.end(1))
    all_years = tuple(match.group(1) for match in years)
    before = text[start : last.start()]
    colon = before.rfind(":")
    place = publisher = None
    if colon >= 0:
        place = field(text, start, start + colon)
        publisher = field(text, start + colon + 1, last.start())
    else:
        head = field(text, start, last.start())
        if head is not None and not _looks_dated(head.text):
            if PUBLISHER_WORDS.search(head.text):
                publisher = head
            elif len(head.text) <= 60 and head.text[:1].isupper():
                place = head
    if place is not None and (len(place.text) > 60 or not place.text[:1].isupper() or MONTHS.search(place.text)):
        place = None
    return Imprint(place, publisher, year, all_years, *_volume_issue(text, start, end))


def _volume_issue(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    volume = VOLUME.search(text, start, end)
    issue = ISSUE.search(text, start, end)
    return (volume.group(1) if volume else None, issue.group(1) if issue else None)


def journal(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """Volume and issue written as "Volume 24, No.3", "vol. 2, no. 1" or "80, no. 4"."""
    volume, issue = _volume_issue(text, start, end)
    if volume is None:
        bare = _BARE_VOLUME.search(text[start:end])
        if bare:
            volume = bare.group(1)
    return volume, issue


def locator(text: str, start: int, end: int) -> Field | None:
    """The page (or other) locator that ends a citation, such as ", p.3", ", pp. 9-25" or ", 126–127"."""
    window = max(start, end - 90)
    match = LOCATOR.search(text, window, end)
    if match is None:
        return None
    begin = match.start()
    if text[begin] in ",:":
        # A bare number after a comma may be the year ending an imprint ("Verso, 2004"), not a page.
        number = match.start(1)
        year = YEAR.match(text, number)
        if year is not None:
            after = _skip_separators(text, year.end(), match.end())
            if after >= match.end():
                return None
            begin = after
    return field(text, begin, match.end())


def bare_locator(text: str, start: int, end: int) -> Field | None:
    """A locator written without label or comma, as after a quoted title: `"Title," 270–271.`."""
    match = _BARE.fullmatch(text, start, end)
    return field(text, match.start(1), match.end(1)) if match else None


def _skip_separators(text: str, i: int, end: int) -> int:
    while i < end and text[i] in " ,\n":
        i += 1
    return i


def url(text: str, start: int, end: int) -> Field | None:
    """The first URL or DOI in the stretch."""
    match = URL.search(text, start, end)
    if match is None:
        return None
    stop = match.end()
    while stop > match.start() and text[stop - 1] in ".,;>":
        stop -= 1
    begin = match.start() + (1 if text[match.start()] == "<" else 0)
    return Field(text[begin:stop], begin, stop)


def accessed(text: str, start: int, end: int) -> Field | None:
    """The access date of an online source ("Accessed 23 November 2018")."""
    match = ACCESSED.search(text, start, end)
    return field(text, match.start(1), match.end(1)) if match else None
