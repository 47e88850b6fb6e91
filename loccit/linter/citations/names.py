"""Personal and corporate names in citations: author lists, surname keys and given-name agreement."""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from loccit.linter.citations.scan import fold

PARTICLES = frozenset(
    "de di da del della der den des du la le van von ter ten dos das do bin ibn al el st vander zu y".split()
)
SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())
ROLES = {
    "ed": "editor",
    "ed.": "editor",
    "eds": "editor",
    "eds.": "editor",
    "editor": "editor",
    "editors": "editor",
    "trans": "translator",
    "trans.": "translator",
    "tr.": "translator",
    "comp.": "editor",
    "dir": "author",
    "dir.": "author",
    "director": "author",
}
CORPORATE_WORDS = frozenset(
    """watch institute office organization organisation association society committee department university
    council bureau commission agency foundation museum press group ministry center centre board union league
    corporation inc ltd company government court library archive archives trust bank fund
    school college parliament congress senate army navy""".split()
)
SEPARATOR = re.compile(r"\s{0,5},?\s{1,5}(?:and|&)\s{1,5}|\s{0,5},\s{0,5}|\s{1,5}et\s+al\.?")
_INITIAL = re.compile(r"(?:[A-Z\u00c0-\u00de][a-z]?\.?-?){1,4}")
_NOT_IN_NAME = re.compile(r'[0-9:()\[\]“”"?!]')
_LOWER_NAME_WORDS = frozenset({"of", "for", "the", "on", "in", "and"})
# Capitalised words that open sentences, not names ("Our model…", "Part III-A, supra"); tested on the first
# word of a piece only when it is not an initial (see _opens_with_word).
NOT_NAMES = frozenset(
    """our not this that these those it its we i in on at for from with as but or if when while see cf also
    here there part section chapter page note notes vol volume brief justice court id ibid supra ante post
    they he she his her their my your there where what which who how why so thus yet all some many most
    although however therefore indeed moreover furthermore similarly likewise compare contra generally
    especially notably again finally first second third one two an a the""".split()
)


class Name(NamedTuple):
    """A person or body in a citation; offsets are relative to the parsed text."""

    given: str
    surname: str
    start: int
    end: int
    corporate: bool = False

    @property
    def key(self) -> str:
        """The surname as compared: folded, particles dropped, no spaces."""
        return surname_key(self.surname)

    @property
    def shown(self) -> str:
        """The name as written in natural order."""
        return f"{self.given} {self.surname}".strip()


@functools.lru_cache(maxsize=4096)
def surname_key(surname: str) -> str:
    """A surname folded for comparison, without particles or spaces ("van Bruaene" -> "bruaene")."""
    words = fold(surname).split()
    kept = [word for word in words if word not in PARTICLES] or words
    return "".join(kept)


@functools.lru_cache(maxsize=8192)
def is_initial(token: str) -> bool:
    """Whether token is an initial or a run of initials ("J.", "L.H.", "J.-P.")."""
    return bool(_INITIAL.fullmatch(token)) and ("." in token or len(token) == 1)


def _name_token(token: str) -> bool:
    bare = token.strip(".,")
    if not bare:
        return False
    low = bare.casefold()
    return bare[0].isupper() or low in PARTICLES or low in SUFFIXES or is_initial(token)


def is_corporate(words: list[str]) -> bool:
    """Whether a name looks like an organisation rather than a person."""
    return _corporate(tuple(words))


@functools.lru_cache(maxsize=8192)
def _corporate(words: tuple[str, ...]) -> bool:
    lowered = {fold(word) for word in words}
    if lowered & CORPORATE_WORDS:
        return True
    plain = [word for word in words if not is_initial(word) and word.casefold() not in PARTICLES]
    return len(plain) >= 5


@functools.lru_cache(maxsize=8192)
def name_like(piece: str) -> bool:
    """Whether a piece of text can be one name: a few capitalised words, initials and particles."""
    words = piece.split()
    if not 1 <= len(words) <= 7 or _NOT_IN_NAME.search(piece):
        return False
    if not piece.isascii() and any(char.isdigit() for char in piece):  # "²", which [0-9] does not match
        return False
    corporate = _corporate(tuple(words))
    if _opens_with_word(words):
        return False
    for word in words:
        if not _name_token(word) and not (corporate and word in _LOWER_NAME_WORDS):
            return False
    return any(len(word.strip(".,")) > 1 and word[0].isupper() for word in words)


def _opens_with_word(words: list[str]) -> bool:
    """Whether a piece opens with a common word ("Our", "The", "An Essay") rather than a name."""
    first = words[0]
    if "." in first and is_initial(first):
        # "A. B. Smith", "I. Berlin": an initial is a letter of a name, never the article or the pronoun.
        return False
    low = first.strip(".,").casefold()
    if low == "an" and len(words) > 1 and _consonant_start(words[1]):
        return False  # "An Wang": the article "an" never comes before a consonant, so this is a given name
    return low in NOT_NAMES


def _consonant_start(word: str) -> bool:
    """Whether a capitalised word begins with a consonant sound (not "Hour", "Émigré" or an acronym like "MP")."""
    folded = fold(word)
    return word[:1].isupper() and word[1:2].islower() and folded[:1].isalpha() and folded[0] not in "aeiouh"


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Split an author list at commas, "and" and "&": (start, end, separator that follows)."""
    pieces: list[tuple[int, int, str]] = []
    begin = start
    for match in SEPARATOR.finditer(text, start, end):
        pieces.append((begin, match.start(), match.group().strip()))
        begin = match.end()
    pieces.append((begin, end, ""))
    return [(s, e, sep) for s, e, sep in pieces if text[s:e].strip()]


def _direct(text: str, start: int, end: int) -> Name:
    words = text[start:end].split()
    if is_corporate(words):
        return Name("", " ".join(words), start, end, True)
    while len(words) > 1 and words[-1].casefold().strip(",") in SUFFIXES:
        words.pop()
    last = len(words) - 1
    while last > 0 and words[last - 1].casefold() in PARTICLES:
        last -= 1
    surname = " ".join(words[last:])
    if not is_initial(words[-1]):
        surname = surname.rstrip(".,")
    return Name(" ".join(words[:last]), surname, start, end)


def parse_names(text: str, start: int, end: int, inverted: bool) -> tuple[tuple[Name, ...], str]:
    """Parse an author list; inverted means the first name is "Surname, Given". Returns names and role."""
    pieces = _pieces(text, start, end)
    role = "author"
    while pieces and text[pieces[-1][0] : pieces[-1][1]].strip().casefold() in ROLES:
        role = ROLES[text[pieces[-1][0] : pieces[-1][1]].strip().casefold()]
        pieces.pop()
    names: list[Name] = []
    i = 0
    while i < len(pieces):
        s, e, sep = pieces[i]
        words = text[s:e].split()
        pair = (
            sep == ","
            and i + 1 < len(pieces)
            and (inverted and not names or len(words) == 1 and inverted)
            and not is_corporate(words)
        )
        if pair:
            gs, ge, _ = pieces[i + 1]
            names.append(Name(" ".join(text[gs:ge].split()), " ".join(words), s, ge))
            i += 2
            continue
        names.append(_direct(text, s, e))
        i += 1
    return tuple(_particle_last(name) for name in names), role


def _particle_last(name: Name) -> Name:
    """Move a trailing particle of an inverted given name ("Villiers, Pieter de") to the surname."""
    words = name.given.split()
    if len(words) > 1 and words[-1].casefold() in PARTICLES:
        return Name(" ".join(words[:-1]), f"{words[-1]} {name.surname}", name.start, name.end, name.corporate)
    return name


def given_agree(first: str, second: str) -> bool:
    """Whether two given names can be the same person's (initials match full names; missing is fine)."""
    a, b = fold(first).split(), fold(second).split()
    if not a or not b:
        return True
    x, y = a[0], b[0]
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return x == y
