"""How alike two citations of a work are: titles (rapidfuzz), surnames, given names and years."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from types import ModuleType

from loccit.linter.citations.names import Name, given_agree
from loccit.linter.citations.scan import fold
from loccit.linter.citations.works import Work


@functools.cache
def _fuzz() -> ModuleType:
    """rapidfuzz's fuzz module, imported on first use: a pre-commit run without notes never pays for it."""
    from rapidfuzz import fuzz

    return fuzz


def _main(title: str) -> str:
    """The title without its subtitle."""
    return title.split(":", 1)[0]


def title_score(cited: str, listed: str, short: bool) -> float:
    """Similarity of two titles from 0 to 100; a short title may drop words, a full one only its subtitle."""
    fuzz = _fuzz()
    a, b = fold(cited), fold(listed)
    if not a or not b:
        return 0.0
    score = fuzz.ratio(a, b)
    if ":" not in cited and ":" in listed:
        score = max(score, fuzz.ratio(a, fold(_main(listed))))
    if short or b.startswith(a) or a.startswith(b):
        score = max(score, fuzz.token_set_ratio(a, b))
    return float(score)


_ET_AL = frozenset({"et", "al"})  # "Barton Ann, et al." names Ann Barton and others


def same_person(cited: Name, listed: Name) -> bool:
    """Whether two names have the same words, however split into given name and surname.

    "Federico García Lorca" is "García Lorca, Federico", "Dara Ó Briain" is "Ó Briain, Dara", and
    "Ann Barton" is "Barton Ann" written without the comma: the parser cannot tell where a two-part
    surname or a particle begins, but the words settle it.
    """
    a = _name_words(cited.given, cited.surname)
    return len(a) >= 2 and a == _name_words(listed.given, listed.surname)


@functools.lru_cache(maxsize=8192)
def _name_words(given: str, surname: str) -> tuple[str, ...]:
    return tuple(sorted(word for word in fold(f"{given} {surname}").split() if word not in _ET_AL))


def author_agreement(cited: Sequence[Name], listed: Sequence[Name], min_score: float) -> str:
    """ "same" when the first cited surname is among the listed ones, "similar" when close, else "other"."""
    if not cited:
        return "anonymous"
    first = cited[0].key
    keys = [name.key for name in listed]
    if first in keys or any(same_person(cited[0], other) for other in listed):
        return "same"
    if cited[0].corporate and any(other.corporate and first in other.key for other in listed):
        return "same"  # "Planning Commission" for "San Jose City Planning Commission"
    if min_score <= 100 and keys:
        if max(_fuzz().ratio(first, key) for key in keys) >= min_score:
            return "similar"
    return "other"


def years_agree(cited: Work, listed: Work) -> bool:
    """Whether two works share a year of publication (or one of them gives none)."""
    a, b = set(cited.imprint.years), set(listed.imprint.years)
    return not a or not b or bool(a & b)


_DIGITS = re.compile(r"\d+")
_BRACKETED = re.compile(r"\[[^\[\]]{0,200}\]")
_SAME_WORDS = {"volume": "vol", "vols": "vol", "volumes": "vol", "edition": "ed", "number": "no"}


def _words(title: str) -> str:
    """A title as compared for B004: folded, a bracketed translation dropped, "Volume" read as "vol"."""
    words = fold(_BRACKETED.sub(" ", title)).split()
    return "".join(_SAME_WORDS.get(word, word) for word in words)  # "Neo-liberalism" = "Neoliberalism"


def _at_colons(title: str) -> set[str]:
    """The title cut at each colon: what remains when subtitles are left out."""
    parts = title.split(":")
    return {_words(":".join(parts[:count])) for count in range(1, len(parts))}


def titles_agree(cited: Work, listed: Work, ignore_subtitle: bool = True) -> bool:
    """Whether two titles are the same words, allowing an omitted subtitle or a run-in place."""
    if cited.title is None or listed.title is None:
        return True
    a, b = _words(cited.title.text), _words(listed.title.text)
    if a == b:
        return True
    if ignore_subtitle and (a in _at_colons(listed.title.text) or b in _at_colons(cited.title.text)):
        return True
    for place in (cited.imprint.place, listed.imprint.place):
        # "Swain, Geoffrey. Khrushchev London, 2016." runs the place into the title.
        if place is not None and (a + _words(place.text) == b or b + _words(place.text) == a):
            return True
    return False


def counterpart(name: Name, listed: Sequence[Name]) -> Name | None:
    """The listed name that stands for a cited one: same surname key, else the most similar."""
    fuzz = _fuzz()
    if not listed:
        return None
    same = [other for other in listed if other.key == name.key or same_person(name, other)]
    agreeing = [other for other in same if same_person(name, other) or given_agree(name.given, other.given)]
    if agreeing or same:
        return (agreeing or same)[0]
    return max(listed, key=lambda other: fuzz.ratio(name.key, other.key))


def given_names_agree(cited: Name, listed: Name) -> bool:
    """Whether two names' given names can be the same person's."""
    return given_agree(cited.given, listed.given)


def _address(url: str) -> str:
    return fold(url.split("://", 1)[-1].removeprefix("www.").rstrip("/"))


def same_venue(cited: Work, listed: Work) -> bool:
    """Whether two works share a year and appeared at one URL or in one periodical (a retitled web article)."""
    if not set(cited.imprint.years) & set(listed.imprint.years):
        return False
    if cited.url is not None and listed.url is not None and _address(cited.url.text) == _address(listed.url.text):
        return True
    if cited.container is None or listed.container is None:
        return False
    a, b = fold(cited.container.text), fold(listed.container.text)
    return bool(a) and bool(b) and (a in b or b in a) and cited.quoted and listed.quoted


def _subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(char in letters for char in short)


@functools.lru_cache(maxsize=8192)
def _numbers(title: str) -> list[str]:
    return _DIGITS.findall(title)


def numbers_agree(cited: str, listed: str) -> bool:
    """Whether the numbers in two titles allow one work: equal, or a digit dropped ("1851-199" for "-1991").

    Titles with as many numbers that differ outright name different works (a file dated 1999.08.29 and
    one dated 1998.11.13); a title with fewer numbers (a short form) is not judged.
    """
    a, b = _numbers(cited), _numbers(listed)
    if len(a) != len(b):
        return True
    pairs = zip(a, b, strict=True)
    return all(x == y or (len(x) != len(y) and (_subsequence(x, y) or _subsequence(y, x))) for x, y in pairs)
