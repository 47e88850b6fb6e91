"""Find where the author list that opens a citation ends, and parse it."""

from __future__ import annotations

import functools
import re

from loccit.linter.citations.names import ROLES, SEPARATOR, Name, is_initial, name_like, parse_names
from loccit.linter.citations.scan import Region

_DASHES = re.compile(r"(?:[—–]{2,12}|-{2,12}|_{3,12})\s{0,2}[.,]?")
_TRAILING_ROLE = re.compile(r",?\s{0,3}(?:eds?|trans|editors?|comp|dir)\.?$", re.I)
_ET_AL = re.compile(r"\bet\s{1,3}al\.?$")
_MAX_CANDIDATES = 10
# A list of names holds none of these (name_like refuses digits, "?" and "!" in any name) and no "http": since
# every later candidate extends the list, none after one can be valid.
_NOT_IN_NAMES = re.compile(r'[:;()“”"\[\]0-9?!]')
_HTTP = re.compile("http")
# Once a shorter candidate was a list, a longer one holding these cannot be.
_PAST_NAMES = re.compile(r'[:(“”"]')
_CANDIDATE_CHARS = re.compile(r"[,(.:;\n]")  # where an author list may end
_OPEN_AND = re.compile(r"(?:\band|&)[\s,]{0,5}$")
_MAX_LENGTH = 250


def same_author_dashes(text: str, start: int = 0) -> int:
    """Length of a leading "———." that repeats the previous entry's author, or 0."""
    match = _DASHES.match(text, start)
    return match.end() - start if match else 0


def _word_before(text: str, i: int, start: int) -> str:
    j = i
    while j > start and not text[j - 1].isspace() and i - j < 20:
        j -= 1
    return text[j:i]


def _no_given_yet(text: str, start: int, i: int) -> bool:
    """Whether initials here cannot end an inverted list: no "Surname," before them ("U.S. Attorney's Office"),
    or the list has moved past its first name ("Mayes, Rick, and Allan V. Horwitz")."""
    segment = text[start:i]
    return "," not in segment or segment.count(",") >= 2 or " and " in segment or "&" in segment


def _period_ends(text: str, i: int, start: int, end: int, in_later_name: bool = False) -> bool:
    """Whether the period at i can end an author list (not "J." before another initial, not "Jr.")."""
    nxt = text[i + 1] if i + 1 < end else " "
    if not (nxt.isspace() or nxt.isupper() or nxt in '“‘"*_<' or i + 1 >= end):
        return False
    word = _word_before(text, i + 1, start)
    if word.casefold() in {"jr.", "sr.", "st."}:
        return False
    if is_initial(word):
        following = text[i + 1 : i + 40].split()
        if in_later_name or following and following[0] in {"and", "&", "et"}:
            return False
        return not following or not (is_initial(following[0]) and "." in following[0])
    return True


def _candidates(text: str, start: int, end: int, found: list[Region], inverted: bool) -> list[int]:
    """Offsets where the author list may end: commas (in notes), periods, an opening mark or parenthesis."""
    limit = min(end, start + _MAX_LENGTH)
    first_mark = next((region.start for region in found if region.start >= start), end)
    limit = min(limit, first_mark)
    ends: list[int] = []
    for match in _CANDIDATE_CHARS.finditer(text, start, limit):
        i = match.start()
        char = text[i]
        if (char == "," and not inverted) or char == "(":
            ends.append(i)
        elif char == "." and _period_ends(text, i, start, end, inverted and _no_given_yet(text, start, i)):
            word = _word_before(text, i + 1, start)
            ends.append(i + 1 if word.casefold() in ROLES else i)
            if not is_initial(word):
                break
        if len(ends) >= _MAX_CANDIDATES or char in ":;\n" and not text[i + 1 : i + 2].isspace():
            break
    if first_mark < end and first_mark - start <= _MAX_LENGTH:
        # "noted by Kaufmann in “Vistas for Rudolfine Research,” 249": the title follows " in ".
        run_in = text.rfind(" in ", start, first_mark)
        if not inverted and run_in >= 0 and first_mark - run_in <= 5:
            ends.append(run_in)
        # In a note the names end with punctuation before the title ("Culpability _is_ relevant" is prose).
        if inverted or text[start:first_mark].rstrip()[-1:] in {",", ".", ":"}:
            ends.append(first_mark)
    return ends


def _first(pattern: re.Pattern[str], text: str, start: int, end: int) -> int:
    match = pattern.search(text, start, end)
    return match.start() if match else end


def _valid(text: str, start: int, end: int, inverted: bool) -> tuple[tuple[Name, ...], str] | None:
    parsed = _valid_list(text[start:end], inverted)
    if parsed is None or not start:
        return parsed
    names, role = parsed
    return tuple(Name(n.given, n.surname, n.start + start, n.end + start, n.corporate) for n in names), role


@functools.lru_cache(maxsize=8192)
def _valid_list(segment: str, inverted: bool) -> tuple[tuple[Name, ...], str] | None:
    """The names in segment when the whole of it is a list of names (offsets from its start), else None.

    Cached: the same names open many notes ("Evans, *In Defence of History*, 12"; "Evans, 45").
    """
    if not segment.strip() or _OPEN_AND.search(segment):
        return None
    names, role = parse_names(segment, 0, len(segment), inverted)
    if not names or len(names) > 12:
        return None
    for name in names:
        piece = segment[name.start : name.end]
        if not name_like(piece.replace(",", " ")):
            return None
    if not inverted and len(names) > 1:
        shapes = {len(name.given.split()) > 0 for name in names if not name.corporate}
        if len(shapes) > 1 or not _joined_by_and(segment):
            return None
    return names, role


def _joined_by_and(segment: str) -> bool:
    """Whether a list of several names in natural order ends "…, and Name" (or "et al.")."""
    segment = _TRAILING_ROLE.sub("", segment.rstrip())
    if _ET_AL.search(segment):
        return True
    separators = [match.group() for match in SEPARATOR.finditer(segment)]
    return bool(separators) and ("and" in separators[-1] or "&" in separators[-1])


def author_list(
    text: str, start: int, end: int, found: list[Region], inverted: bool
) -> tuple[tuple[Name, ...], str, int, bool]:
    """The names opening text[start:end]: (names, role, offset after them, whether they were "———")."""
    dashes = same_author_dashes(text, start)
    if dashes:
        return (), "author", start + dashes, True
    best: tuple[tuple[Name, ...], str, int] | None = None
    limit = min(end, start + _MAX_LENGTH + 1)
    bad = min(_first(_NOT_IN_NAMES, text, start, limit), _first(_HTTP, text, start, limit + 4) + 3)
    past = _first(_PAST_NAMES, text, start, limit)
    for stop in _candidates(text, start, end, found, inverted):
        parsed = _valid(text, start, stop, inverted) if stop <= bad else None
        if parsed is not None:
            best = (parsed[0], parsed[1], stop)
            if inverted:
                break
        elif best is not None and stop > past:
            break
    if best is None:
        return _body(text, start, end, found) if inverted else ((), "author", start, False)
    return best[0], best[1], best[2], False


def _body(text: str, start: int, end: int, found: list[Region]) -> tuple[tuple[Name, ...], str, int, bool]:
    """An entry led by an organisation that does not read as a name ("2b2t Wiki. “Timeline,” 2020.")."""
    first_mark = next((region for region in found if region.start >= start), None)
    if first_mark is None or first_mark.start - start > 80:
        return (), "author", start, False
    head = text[start : first_mark.start].rstrip()
    if first_mark.kind == "italic" and not head:
        # "*BBC News*. “Pair Convicted of Internet Piracy.”": the periodical stands where the author would.
        after = first_mark.end
        following = next((region for region in found if region.start > after), None)
        if following is None or text[after : following.start].strip() not in {".", ","}:
            return (), "author", start, False
        inner = text[first_mark.inner_start : first_mark.inner_end]
        return (Name("", inner, first_mark.inner_start, first_mark.inner_end, True),), "author", after, False
    if not head.endswith(".") or any(char in head for char in '“”"()[]') or len(head.split()) > 8:
        return (), "author", start, False
    words = head[:-1].strip()
    return (Name("", words, start, start + len(words), True),), "author", start + len(head), False
