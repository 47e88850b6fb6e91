"""Page locators in a note's text (labels, numbers, ranges and their offsets), found in linear time."""

from __future__ import annotations

import operator
import re
from typing import NamedTuple

from loccit.linter import cache as memo
from loccit.linter.citations.masking import mask_literals
from loccit.linter.citations.years import YEAR_DIGITS, plausible_year
from loccit.linter.markdown.inline import Regions

PAGE = "page"
NOTE = "note"
DIVISION = "division"
VOLUME = "volume"
PINPOINT = "pinpoint"

_ROMAN = re.compile(r"m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})", re.I)
_DASH = r"[ \u00a0]?(?:--|[-\u2010\u2011\u2012\u2013\u2014])[ \u00a0]?"
_PART = re.compile(
    r"(?P<first>\d{1,6}(?!\d)|[ivxlcdm]{1,9}(?![A-Za-z]))"
    r"(?:(?P<dash>" + _DASH + r")(?P<last>\d{1,6}(?![\d:])|[ivxlcdm]{1,9}(?![A-Za-z])))?"
)
_JOIN = re.compile(r",[ \u00a0]?|[ \u00a0](?:and|&)[ \u00a0]")
# A note on a page, glued to it ("98n51", "12 n. 3"): the list of pages goes on after it.
_NOTE_SUFFIX = re.compile(r"[ \u00a0]?nn?\.?[ \u00a0]?\d{1,4}(?!\d)")
# A part numeral between a label and its pages, as reports number them: "pp. III 113-116".
_PART_NUMERAL = re.compile(r"[IVXLC]{1,6}[ \u00a0\-](?=\d)")
# A word before "p." that makes it prose rather than a citation's locator: "is reproduced on p. 353".
_PROSE_BEFORE = re.compile(r"(?<![\w.])(?:on|at|from|in|of|to)[ \u00a0]$")
# The look-behind follows the first letter, so that re skips to the next P or p in C.
_PAGE_LABEL = re.compile(
    r"(?P<label>[Pp](?<![\w.'\u2019/\-][Pp])(?:[Pp]?\.|gs?\.?|ages?|[Pp]?))"
    r"(?P<gap>[ \u00a0]?)(?=[\divxlcdm]|[IVXLC]{1,6}[ \u00a0\-]\d)"
)
_OTHER = re.compile(
    r"(?<![\w.])(?P<note>nn?\.|notes?)[ \u00a0]?(?=\d)"
    r"|(?<![\w.])(?P<division>chs?\.|chap\.|chapters?|§§?|secs?\.|sections?|paras?\.|¶¶?|fols?\.|ll?\.|lines?"
    r"|cols?\.|arts?\.|bk\.|pt\.)[ \u00a0]?(?=\d)"
    r"|(?<![\w.:/])(?P<volume>\d{1,3}|[IVXLC]{1,6}):[ \u00a0]?(?=\d)"
    r"|(?<![\w.])(?P<stephanus>\d{1,4}[a-e]\d{0,2}(?:" + _DASH + r"\d{1,4}[a-e]?\d{0,2})?)(?![\w])"
    r"|(?P<at>\bat)[ \u00a0](?=\d)"
    r"|(?<![\w.])(?P<legal>\d{1,4} (?:(?:[A-Z][\w.]{0,9}|\d[a-z]{1,2}) ){1,4}\d{1,5}, ?)(?=\d)"
)
# Where a match of _OTHER may start (a superset): one of its first characters after no word character, then
# what its alternatives need next. Opening with a character class lets re skip through prose in C.
_OTHER_START = re.compile(
    r"[nc§sp¶flab\dIVXLC](?<!\w[\s\S])"
    r"(?:(?<=n)(?=n?\.|otes?)|(?<=c)(?=h|ols?\.)|(?<=[§¶])|(?<=s)(?=ec)|(?<=p)(?=ara|t\.)|(?<=f)(?=ols?\.)"
    r"|(?<=l)(?=l?\.|ines?)|(?<=a)(?=rts?\.|t[ \u00a0])|(?<=b)(?=k\.)"
    r"|(?<=\d)(?<![\w.]\d)(?=\d{0,3}[:a-e ])|(?<=[IVXLC])(?=[IVXLC]{0,5}:))"
)
# A definition's continuation lines may be indented; a page (a digit or a roman numeral) must follow.
_BARE = re.compile(r"(?:,|\):)(?: |\n[ \t]{0,8})(?=[\divxlcdm])")
_BARE_END = re.compile(r"[ \u00a0]?ff?\.|[ \u00a0]nn?\.|[.;]?(?=[\u201d\u2019\"')\]*_]|$)|[.;](?=\s)|\)")
_FOLLOWING = re.compile(r"[ \u00a0]?ff?\.?(?![A-Za-z])")
_YEAR = re.compile(rf"\b{YEAR_DIGITS}\b")
_LEGAL_ABBREV = re.compile(r"(?:Civ|Crim|App|Evid|Bankr)\.[ \u00a0]$")
_ARTICLE = re.compile(r"\((?:[A-Z][a-z]{2,9}\.? )?\d{4}\)$")
_AFTER_VOLUME = re.compile(
    r"(?:\b(?:[Vv]ol(?:ume)?s?\.?|[Nn]o\.|[Ii]ssue|[Bb]ook|[Pp]art)\s?\w{1,6}|\b[IVXLC]{1,6}),?\s?$"
)

# A match ends at the end: "Volumes." and six characters, a comma, two blanks (the last a newline before `$`).
_AFTER_VOLUME_LONGEST = 18


# Part and Locator are named tuples, not frozen dataclasses: a few thousand are built per essay, and a
# tuple is built several times faster. Both are still immutable and hashable.
class Part(NamedTuple):
    """One page or range of a locator; offsets are into the parsed text."""

    start: int
    end: int
    first: str
    dash: str
    last: str

    @property
    def is_range(self) -> bool:
        """Whether the part names a range of pages."""
        return bool(self.last)


class Locator(NamedTuple):
    """A locator: its kind, label as written (empty when bare), the gap after the label and its parts."""

    kind: str
    start: int
    end: int
    label: str
    gap: str
    parts: tuple[Part, ...]
    context: str = ""
    following: bool = False

    @property
    def plural(self) -> bool:
        """Whether the locator names more than one page (a range, a list, or f./ff.)."""
        return len(self.parts) > 1 or self.parts[0].is_range or self.following


def is_roman(word: str) -> bool:
    """Whether a word is a well-formed roman numeral."""
    return bool(word) and _ROMAN.fullmatch(word) is not None


def _part(text: str, pos: int, roman: bool) -> Part | None:
    """One page or range at pos, or None; roman numerals only where allowed."""
    m = _PART.match(text, pos)
    if m is None:
        return None
    first, dash, last = m.group("first", "dash", "last")
    last = last or ""
    if not first.isdigit() and (not roman or not is_roman(first)):
        return None
    if last and (first.isdigit() != last.isdigit() or (not last.isdigit() and not is_roman(last))):
        return Part(m.start(), m.start() + len(first), first, "", "")
    return Part(m.start(), m.end(), first, dash or "", last)


def _parts(text: str, pos: int, roman: bool) -> tuple[Part, ...]:
    """The pages and ranges of a locator: the first at pos and any joined by commas or "and"."""
    first = _part(text, pos, roman)
    if first is None:
        return ()
    parts = [first]
    while len(parts) < 50:
        note = _NOTE_SUFFIX.match(text, parts[-1].end)
        joint = _JOIN.match(text, note.end() if note else parts[-1].end)
        nxt = _part(text, joint.end(), roman) if joint else None
        if nxt is None or plausible_year(nxt.first) or not _ends_cleanly(text, nxt.end):
            break
        parts.append(nxt)
    return tuple(parts)


def _ends_cleanly(text: str, pos: int) -> bool:
    """Whether a number ends at pos rather than running into a word."""
    return pos >= len(text) or not text[pos].isalnum()


def _following(text: str, pos: int) -> bool:
    """Whether f. or ff. follows the locator (a page and the following ones)."""
    return _FOLLOWING.match(text[pos : pos + 4]) is not None


def _context(text: str, start: int) -> str:
    """Where a locator sits: after an article's year ("article"), after a volume ("volume") or elsewhere."""
    return _context_after(text[max(0, start - 60) : start])


# Notes citing one work again share what precedes the page ("Keep, Last of the Empire, p. 9"): ask once.
@memo.per_document
def _context_after(before: str) -> str:
    """The context of a locator preceded by before (its 60 characters at most)."""
    if _ARTICLE.search(before.rstrip(",: \u00a0")) and before.rstrip(" \u00a0")[-1:] in ",:":
        return "article"
    if _AFTER_VOLUME.search(before, max(0, len(before) - _AFTER_VOLUME_LONGEST)):
        return "volume"
    return ""


def last_visible(text: str, pos: int) -> str:
    """The last character before pos that is not a blank ("" when none): `text[:pos].rstrip()[-1:]`, uncopied."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return text[pos - 1 : pos] if pos else ""


def _label_ok(text: str, label: str, gap: str, start: int) -> bool:
    """Whether a page-label match is a label, not a legal rule (Civ. P. 12) or prose."""
    if label == "P." and _LEGAL_ABBREV.search(text, max(0, start - 8), start):
        return False
    if label.lower().startswith("page"):
        # "on page 4 of his book" is prose; "Title, page 4" and "(page 4)" are locators.
        return not text[max(0, start - 3) : start].strip(" \u00a0*_").isalpha() and (
            start < 2 or text[start - 2 : start].strip() == "" or last_visible(text, start) in ",;:("
        )
    if _PROSE_BEFORE.search(text, max(0, start - 6), start):
        return False
    # An undotted "p" or "pp" counts only glued to a number ("p1"), never "p 3" or "P1".
    return label not in ("p", "pp", "P", "PP", "Pp") or (not gap and label.islower())


def _labelled(text: str) -> list[Locator]:
    """Page locators with a label: p., pp., pg., page and their variants."""
    found = []
    for m in _PAGE_LABEL.finditer(text):
        label, gap = m.group("label"), m.group("gap")
        if not _label_ok(text, label, gap, m.start()):
            continue
        roman = label.islower() and (label.endswith(".") or len(label) > 3)
        parts = _parts(text, m.end(), roman)
        if not parts and (numeral := _PART_NUMERAL.match(text, m.end())):
            parts = _parts(text, numeral.end(), roman=False)
        if not parts:
            continue
        end = parts[-1].end
        found.append(Locator(PAGE, m.start(), end, label, gap, parts, _context(text, m.start()), _following(text, end)))
    return found


def _bare_start(text: str, m: re.Match[str]) -> bool:
    """Whether a comma or "): " can open a bare page number."""
    if m.group().startswith("):"):
        return True
    before = text[m.start() - 1 : m.start()]
    if before == ")":
        # "(London, 1993), 3" cites a page; "(University of California), 2. SRI" numbers a list.
        opening = text.rfind("(", max(0, m.start() - 120), m.start())
        return opening >= 0 and _YEAR.search(text, opening, m.start()) is not None
    if before.isdigit():
        return _AFTER_VOLUME.search(text, max(0, m.start() - _AFTER_VOLUME_LONGEST), m.start()) is not None
    return bool(before) and not before.isspace() and before != ","


def _bare(text: str, taken: list[Locator]) -> list[Locator]:
    """Bare page numbers after a comma or an article's year, ending the citation; not inside a taken locator."""
    found = []
    spans: list[tuple[int, int]] = []
    index, reach = 0, -1  # candidates come in order: sweep the spans once, the furthest end reached so far
    for m in _BARE.finditer(text):
        if not spans and taken:  # most notes have no candidate at all
            spans = sorted([(loc.start, loc.end) for loc in taken])
        pos = m.end()
        while index < len(spans) and spans[index][0] <= pos:
            reach = max(reach, spans[index][1])
            index += 1
        if pos < reach or not _bare_start(text, m):
            continue
        parts = _parts(text, pos, roman=True)
        if not parts or not _bare_parts_ok(parts) or _BARE_END.match(text, parts[-1].end) is None:
            continue
        end = parts[-1].end
        found.append(Locator(PAGE, pos, end, "", "", parts, _context(text, pos), _following(text, end)))
    return found


def _bare_parts_ok(parts: tuple[Part, ...]) -> bool:
    """Whether bare parts read as pages rather than years or a one-letter word."""
    head = parts[0]
    if plausible_year(head.first) and (not head.last or plausible_year(head.last)):
        return False
    return head.first.isdigit() or (head.first.islower() and len(head.first) > 1)


def _others(text: str) -> list[Locator]:
    """Locators that are not pages: notes, divisions, volume and page, pinpoints."""
    found = []
    done = 0
    for start in _OTHER_START.finditer(text):  # as _OTHER.finditer, without trying every character
        if start.start() < done or (m := _OTHER.match(text, start.start())) is None:
            continue
        done = m.end()
        kind = m.lastgroup or PINPOINT
        if kind == "stephanus":
            part = Part(m.start(), m.end(), m.group(), "", "")
            found.append(Locator(PINPOINT, m.start(), m.end(), "", "", (part,)))
            continue
        parts = _parts(text, m.end(), roman=False)
        if parts:
            kind = PINPOINT if kind in ("at", "legal") else kind
            found.append(Locator(kind, m.start(), parts[-1].end, m.group(m.lastgroup or 0), "", parts))
    return found


def find_locators(text: str) -> list[Locator]:
    """Every locator in a note's text, in order; URLs, code and HTML are ignored."""
    return list(_find_locators(text))


_START = operator.attrgetter("start")


# Several rules ask for the locators of the same note: work them out once (Locator is frozen).
@memo.per_document
def _find_locators(text: str) -> tuple[Locator, ...]:
    masked = mask_literals(text)
    others = _others(masked)
    labelled = _labelled(masked)
    if others:
        taken = Regions((loc.start, loc.end) for loc in others)
        labelled = [loc for loc in labelled if loc.start not in taken]
    return tuple(sorted(others + labelled + _bare(masked, others + labelled), key=_START))


def page_locators(text: str) -> list[Locator]:
    """The page locators of a note's text (labelled or bare), in order."""
    return [loc for loc in _find_locators(text) if loc.kind == PAGE]


def locator_of(text: str) -> Locator | None:
    """The page locator that is all of text ("p. 45", "pp. 45–47", "45"), as an in-text citation gives it."""
    label = _PAGE_LABEL.match(text)
    if label is not None and not _label_ok(text, label.group("label"), label.group("gap"), 0):
        return None
    at = label.end() if label is not None else 0
    roman = label is not None and label.group("label").islower() and label.group("label").endswith(".")
    parts = _parts(text, at, roman)
    if not parts or parts[-1].end != len(text) or (label is None and not _bare_parts_ok(parts)):
        return None
    name, gap = (label.group("label"), label.group("gap")) if label is not None else ("", "")
    return Locator(PAGE, 0, len(text), name, gap, parts)
