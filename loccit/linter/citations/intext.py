"""The grammar of in-text citations: what a parenthesis holds ("Franklin, 2013, p. 45", "Hale and Okafor 2019: 12",
"Franklin 45", "ibid., 47") and the names written just before a narrative one ("Franklin (2013) argues").

Every pattern here runs on a bounded piece of text (one parenthesis, a few words before it), so a scan that
calls these once per parenthesis stays linear in the length of the essay. They are compiled on first use: a
notes essay with no parenthesised year never needs them.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from loccit.linter.citations.years import YEAR_DIGITS
from loccit.linter.patterns import LazyPattern

MAX_INSIDE = 240  # longest parenthesis read as citations: several works with their pages
LOOKBACK = 120  # how far before a narrative "(2013)" its names may start

_YEAR = rf"{YEAR_DIGITS}[a-h]?(?![\w’'])|n\.\s?d\.|in\s+press|forthcoming"
_YEARS = LazyPattern(rf"({_YEAR})(?:\s?,\s?(?:{_YEAR}))*")
_ONE_YEAR = LazyPattern(_YEAR)
_PAGES = r"[\dxivlc]{1,6}(?:\s?[-–—]\s?[\dxivlc]{1,6})?(?:\s?,\s?\d{1,6}(?:\s?[-–—]\s?\d{1,6})?)*"
_LABEL = r"[Pp][Pp]?\.|pgs?\.|paras?\.|chaps?\.|ch\.|sec\.|n\.|fig\.|vol\.|col\.|l{1,2}\."
# After the years: a page locator (", p. 45", ": 45", ", 45"), then perhaps a remark ("emphasis added").
_AFTER = LazyPattern(
    rf"(?:(?P<mark>\s?:\s?|\s?,\s?)(?P<label>(?:{_LABEL})\s?)?(?P<pages>{_PAGES})(?![\w/]))?"
    r"(?:\s?[,;]\s?[a-z][a-z ,.]{0,60})?\s*\Z"
)
# MLA's pages: arabic, or a preface's lower-case roman ("Easson xii"), which is never taken as proof of a missing work.
_MLA_PAGES = LazyPattern(
    rf"\s(?P<label>(?:{_LABEL})\s?)?(?P<pages>\d{{1,5}}(?:\s?[-–]\s?\d{{1,5}})?|[ivxlc]{{1,7}}(?:\s?[-–]\s?[ivxlc]{{1,7}})?)"
    r"\s*\Z"
)
_PREFIX = LazyPattern(r"(?:(?:see\s+also|see|e\.g\.,?|i\.e\.,?|cf\.|compare|also|and)\s+)+", re.I)
# APA's "as cited in", MLA's "qtd. in" (or "quoted in"): the work the writer read follows.
_SECONDARY = LazyPattern(r"(?:,\s?)?\b(?:(?:as\s+)?(?:cited|quoted)|qtd\.)\s+in\s+", re.I)
_IBID = LazyPattern(r"(?:ibid|ibidem|id)\.?(?:,?\s?(?:pp?\.\s?)?[\dxivlc]{1,6}(?:\s?[-–]\s?\d{1,6})?)?\.?\s*", re.I)
_SPLIT = LazyPattern(r"\s?,?\s(?:and|&)\s|\s?&\s?|\s?,\s")
_ABBREVIATION = LazyPattern(r"\s?\[([A-Z][A-Za-z&]{1,11})\]\s?,?\Z")
_ET_AL = LazyPattern(r",?\s(?:et\s?al\.?|and\s+others)\s?,?\Z")
_WORD = LazyPattern(r"[^\W\d_][\w’'.\-]*\Z")
PARTICLES = frozenset("de di da del della der den des du la le van von ter ten dos das do al el st zu y d’ d'".split())
JOINERS = frozenset("of for the and on in".split())
# Capitalised words that head a parenthesis without being an author: parts of a work, dates, places in a text.
NOT_AUTHORS = frozenset(
    """chapter chapters chap ch table tables figure figures fig figs section sections sec part parts volume vol
    vols appendix appendices article art articles psalm psalms book books act acts scene line lines verse verses
    page pages note notes step steps phase level grade type class room exhibit plate plates map maps box folio
    year years session episode season issue no number rule rules question item model version study experiment
    sample group wave round stage period age ages born died est founded circa ca from since until to by in on at
    for of the a an and or but also see here there this that these those it its we our my their his her
    january february march april may june july august september october november december jan feb mar apr jun
    jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday spring summer autumn
    fall winter ad bc bce ce c fn n ibid id op loc supra infra eq equation lemma theorem proposition definition
    corollary clause paragraph para art schedule s ss v vs cf eg ie pp p approx about around before after
    during ed eds edn trans updated revised reprinted originally published first second third fourth fifth
    photo photograph image illustration source sources courtesy credit via as according while when both like
    unlike following however thus although if yet so then""".split()
)


class Cite(NamedTuple):
    """One work cited in the text; offsets are into the document's text."""

    names: tuple[str, ...]  # surnames or a body's name as written, lead first; for a narrative person, the name
    et_al: bool
    year: str | None  # "2013", "2013a", "n.d.", "in press"; None in MLA form
    start: int  # the work's part of the citation: names through locator
    end: int
    year_start: int
    year_end: int
    narrative: bool
    comma: bool  # names and year separated by a comma (APA, Chicago sometimes) rather than a space
    mark: str  # how the locator is introduced: ":", "p." (a label after a comma), "," (bare pages), "" (none)
    pages: str | None
    secondary: bool  # cited through another work ("as cited in")
    abbreviation: str | None  # "WHO" in "World Health Organization [WHO], 2020"
    pages_at: int = -1  # where the locator starts: its label ("p. 45") or its first page
    title: str | None = None  # MLA's short title ("Franklin, *Title Words* 45"), without its marks
    possessive: bool = False  # a narrative "Franklin's (2013) study"


class InText(NamedTuple):
    """A parenthetical or narrative in-text citation: the works it cites (none for ibid.), its offsets."""

    start: int
    end: int
    cites: tuple[Cite, ...]
    ibid: bool = False


def _name_word(word: str) -> bool:
    if not _WORD.match(word) or "." in word.rstrip("."):
        return False
    return word[0].isupper() or word.casefold() in PARTICLES


def split_names(text: str) -> tuple[str, ...] | None:
    """The names of an author list ("Hale and Okafor", "Smith, Jones, & Lee"), or None when it is not one."""
    pieces = tuple(piece.strip() for piece in _SPLIT.split(text.strip()))
    if not pieces or len(pieces) > 8:
        return None
    for piece in pieces:
        words = piece.split()
        if not 1 <= len(words) <= 7 or words[0].casefold().strip(".") in NOT_AUTHORS:
            return None
        if not words[0][:1].isupper() and words[0].casefold() not in PARTICLES:
            return None
        if not all(_name_word(word) or (i and word in JOINERS) for i, word in enumerate(words)):
            return None
        if any(word.casefold() in {"v.", "v", "vs.", "vs"} for word in words):
            return None  # "Brown v. Board": a case, not an author
    return pieces


def _names_part(text: str) -> tuple[tuple[str, ...], bool, str | None] | None:
    """Names, et al. and a defined abbreviation from the text before the year; None when it is no author list."""
    abbreviation = None
    text = text.strip()
    found = _ABBREVIATION.search(text)
    if found:
        abbreviation, text = found.group(1), text[: found.start()]
    et_al = _ET_AL.search(text)
    if et_al:
        text = text[: et_al.start()]
    names = split_names(text.rstrip(", "))
    return None if names is None else (names, et_al is not None, abbreviation)


def parse_part(text: str, start: int, end: int) -> Cite | None:
    """One work of a parenthetical citation, text[start:end] with no semicolon ("Franklin, 2013, p. 45")."""
    piece = text[start:end]
    secondary = _SECONDARY.search(piece)
    offset = start
    if secondary is not None:
        offset, piece = start + secondary.end(), piece[secondary.end() :]
    lead = len(piece) - len(piece.lstrip())
    offset, piece = offset + lead, piece.lstrip()
    prefix = _PREFIX.match(piece)
    if prefix is not None:
        offset, piece = offset + prefix.end(), piece[prefix.end() :]
    lead = len(piece) - len(piece.lstrip())
    offset, piece = offset + lead, piece.strip()
    if not piece:
        return None
    years = _first_years(piece)
    if years is None:
        return _mla(piece, offset, secondary is not None)
    found = _names_part(piece[: years.start()]) or _names_after_words(piece[: years.start()])
    after = _AFTER.match(piece, years.end())
    if found is None or after is None or not piece[: years.start()].strip():
        return None
    names, et_al, abbreviation = found
    between = piece[: years.start()].rstrip()
    mark = _mark(after)
    return Cite(
        names, et_al, piece[years.start() : years.end()], offset, offset + len(piece.rstrip()), offset + years.start(),
        offset + years.end(), False, between.endswith(","), mark, after.group("pages"), secondary is not None,
        abbreviation, _shifted(offset, _locator_start(after)),
    )  # fmt: skip


_LEAD_INS = frozenset("from in by see also after following cited quoted adapted discussed".split())


def _names_after_words(text: str) -> tuple[tuple[str, ...], bool, str | None] | None:
    """The names after a few words of the writer's ("adapted from Crosby & Hastorf"), the last a lower-case one."""
    words = text.split()
    for count in range(1, min(len(words), 6)):
        if words[count - 1] in _LEAD_INS:
            found = _names_part(" ".join(words[count:]))
            if found is not None:
                return found
    return None


def _first_years(piece: str) -> re.Match[str] | None:
    """The years after the names: the first year-like word preceded by a space or comma."""
    for found in _YEARS.finditer(piece):
        if found.start() and piece[found.start() - 1] in " ,\n\u00a0":
            return found
        return None
    return None


def _shifted(offset: int, at: int) -> int:
    return offset + at if at >= 0 else -1


def _locator_start(after: re.Match[str]) -> int:
    """Where a locator matched by _AFTER or _MLA_PAGES starts: its label, else its first page (-1: none)."""
    if after.group("pages") is None:
        return -1
    return after.start("label") if after.group("label") else after.start("pages")


def _mark(after: re.Match[str]) -> str:
    if after.group("pages") is None:
        return ""
    if after.group("mark").strip() == ":":
        return ":"
    return "p." if after.group("label") else ","


# MLA's short title after the author, or alone: "Franklin, *Title Words*", "“Article Title”", "_Title_".
_MLA_TITLE = LazyPattern(
    r"(?:(?P<names>[^*_\"“”]{1,120}?),\s)?"
    r"(?P<title>\*[^*\n]{2,100}\*|_[^_\n]{2,100}_|\"[^\"\n]{2,100}\"|“[^“”\n]{2,100}”)\s*\Z"
)


def _mla(piece: str, offset: int, secondary: bool) -> Cite | None:
    """MLA's "(Franklin 45)", "(Hale and Okafor 12-14)" or "(Franklin, *Title* 45)": names or a title, then pages."""
    pages = _MLA_PAGES.search(piece)
    if pages is None:
        return None
    before = piece[: pages.start()]
    titled = _MLA_TITLE.match(before)
    title = None
    if titled is not None:
        title = titled.group("title")[1:-1].strip().rstrip(",").strip()
        before = titled.group("names") or ""
        if not title or not (title[0].isupper() or title[0].isdigit()):  # titles are capitalised: not “so-called”
            return None
        found = _names_part(before) if before else ((), False, None)
    else:
        found = _names_part(before)
        if before.rstrip().endswith(","):
            return None
    if found is None:
        return None
    names, et_al, abbreviation = found
    label = pages.group("label")
    return Cite(
        names, et_al, None, offset, offset + len(piece), -1, -1, False, False, "p." if label else "",
        pages.group("pages"), secondary, abbreviation, offset + _locator_start(pages), title,
    )  # fmt: skip


def parse_parenthesis(text: str, start: int, end: int) -> InText | None:
    """The citation a parenthesis holds, text[start:end] being its inside; None when it holds none."""
    if _IBID.fullmatch(text, start, end):
        return InText(start - 1, end + 1, (), True)
    cites: list[Cite] = []
    at = start
    while at <= end:
        stop = text.find(";", at, end)
        stop = end if stop < 0 else stop
        cite = parse_part(text, at, stop)
        if cite is None:
            return None  # one part that is no citation: the parenthesis is an aside, not a list of works
        cites.append(cite)
        at = stop + 1
    return InText(start - 1, end + 1, tuple(cites)) if cites else None


def narrative(text: str, open_at: int, close_at: int, floor: int) -> InText | None:
    """A narrative citation "Franklin (2013, p. 45)": the parenthesis opening at open_at holds years and pages only."""
    inside = text[open_at + 1 : close_at]
    years = _YEARS.match(inside.strip())
    if years is None or _AFTER.match(inside.strip(), years.end()) is None:
        return None
    if open_at < 1 or text[open_at - 1] not in " \n\u00a0":
        return None
    words = _words_before(text, open_at - 1, max(floor, open_at - LOOKBACK))
    if not words:
        return None
    names_start = words[0][0]
    named = text[names_start : open_at - 1]
    possessive = without_possessive(named) != named
    named = without_possessive(named)
    et_al = _ET_AL.search(named)
    names = split_names(named[: et_al.start()] if et_al else named)
    if names is None:
        return None
    lead = inside.index(years.group())
    after = _AFTER.match(inside.strip(), years.end())
    assert after is not None
    y0 = open_at + 1 + lead
    stripped = open_at + 1 + len(inside) - len(inside.lstrip())
    return InText(
        names_start,
        close_at + 1,
        (
            Cite(
                names, et_al is not None, years.group(), names_start, close_at + 1, y0, y0 + len(years.group()),
                True, False, _mark(after), after.group("pages"), False, None,
                _shifted(stripped, _locator_start(after)), None, possessive,
            ),
        ),
    )  # fmt: skip


_POSSESSIVE = ("’s", "'s", "s’", "s'")


def without_possessive(word: str) -> str:
    """A name without its possessive ending ("Franklin’s" -> "Franklin", "Jones’" -> "Jones")."""
    if len(word) > 3 and word.endswith(_POSSESSIVE):
        return word[:-2] if word.endswith(("’s", "'s")) else word[:-1]
    return word


def _words_before(text: str, end: int, floor: int) -> list[tuple[int, str]]:
    """The run of name words just before end (a surname, "Hale and Okafor", "Franklin et al."), first to last."""
    found: list[tuple[int, str]] = []
    at = end
    while at > floor:
        space = max(text.rfind(" ", floor, at), text.rfind("\n", floor, at), floor - 1)
        word = text[space + 1 : at]
        if not word:
            break
        bare = word.rstrip(",") if found else without_possessive(word)
        if bare.endswith(".") and bare != "al." and not (len(bare) == 2 and bare[0].isupper()):
            break  # "… in Chicago. Franklin (2013)": a sentence ends before the names
        if bare in {"and", "&", "et", "al.", "al"} or _name_word(bare) or (found and bare in JOINERS):
            found.append((space + 1, word))
            at = space
            continue
        break
    found.reverse()
    commas = [i for i, (_, word) in enumerate(found) if word.endswith(",")]
    if commas and not any(word in {"and", "&"} for _, word in found[commas[-1] :]):
        found = found[commas[-1] + 1 :]  # "However, Franklin (2013)": a comma list of names ends in "and"
    while found and (found[0][1] in {"and", "&", "et", "al.", "al"} or found[0][1] in JOINERS):
        found.pop(0)
    while found and found[0][1].casefold().strip(",.") in NOT_AUTHORS:
        found.pop(0)  # "In Franklin (2013)", "As Hale and Okafor (2019) show"
    return found


def one_year(text: str) -> str | None:
    """The year a citation gives, without its a/b letter ("2013a" -> "2013"); n.d. and in press as written."""
    found = _ONE_YEAR.match(text)
    if found is None:
        return None
    value = found.group()
    return value[:4] if value[:1].isdigit() else " ".join(value.lower().replace(" ", "").replace(".", ". ").split())
