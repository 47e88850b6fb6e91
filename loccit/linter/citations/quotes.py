"""Quote marks without their pair, telling apostrophes (Khrushchev’s, O'neil, 1940’s) from closing quotes."""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

_DOUBLE_OPEN = "\u201c\u201e\u00ab"
_DOUBLE_CLOSE = "\u201d\u00bb"
_PUNCTUATION = ".,;:!?"
_OPENING_CONTEXT = " \t\n([{\u2014\u2013/-"
_MARKS = re.compile("[\u201c\u201e\u00ab\u201d\u00bb\"`\u2018\u2019']")
# What may follow an opening single quote besides a letter: a quotation or emphasis inside it ('"Odd" Titles').
_SINGLE_OPENS_BEFORE = '\u201c"*_'
# What a closing single quote may follow besides a word: a bracket inside the title ('Song (after Herrick)').
_SINGLE_CLOSES_AFTER = ")]"
# Transliterated Arabic and Hawaiian write the ʿayn and the ʻokina as ‘ before a vowel (‘Ulamâ, ‘Abd):
# an unclosed ‘ there may be a letter, not a quotation.
_VOWELS = "aeiouâêîôûāēīōūáéíóú"
_WORD_AFTER = re.compile(r"\w+")
_TRANSLITERATED = re.compile(r"\b[Aa]l-\w|\w\u2018\w")  # al-Azhar, Shi‘a
# Words whose first letters a mark stands for ('ol, 'em, 'tis, a stray-spaced possessive "Dembroff 's"), and the
# Arabic article elided after a vowel (wa-'l-ruh): an unclosed mark before one of them may be no quotation.
_ELISIONS = frozenset({"bout", "cause", "em", "n", "ol", "round", "s", "til", "tis", "twas"})
_ARTICLE = re.compile(r"l-\w")


class Unpaired(NamedTuple):
    """A quote mark at an offset that opens and is never closed, or closes what was never opened."""

    offset: int
    mark: str
    opening: bool


def _wordish(char: str) -> bool:
    """Whether a character can end a word, emphasis marks included."""
    return char.isalnum() or char in "*_"


def _double_role(text: str, i: int, pending: bool) -> bool:
    """Whether the double quote at i opens (True) or closes (False)."""
    mark = text[i]
    if mark in _DOUBLE_OPEN:
        # In German quotation „…“ the mark “ closes.
        return not (mark == "\u201c" and pending and "\u201e" in text)
    if mark in _DOUBLE_CLOSE:
        return False
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before in _OPENING_CONTEXT and not after.isspace():
        return True
    if after.isspace() or after in _PUNCTUATION or before.isalnum():
        return False
    if before in _PUNCTUATION:
        # Glued between a full stop and a word (`Bliss."Record`), a quote opens unless one is open.
        return after.isalnum() and not pending
    return not pending


def _single_role(text: str, i: int) -> str | None:
    """Whether the single mark at i opens, closes, "maybe" closes (after a word) or is an apostrophe (None)."""
    mark = text[i]
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if mark == "\u2018" and before.isalpha() and after.isalpha():
        return None  # the ʻokina or ʿayn inside a word: Hawai‘i, Ba‘th
    if mark == "\u2018" or (mark == "'" and _opens_single(text, i, after)):
        return None if after.isdigit() or after.isspace() else "open"  # not ‘90s, nor a stray mark
    if before in _PUNCTUATION or before in '\u201d"':
        return "close"
    if _wordish(before) and after.isalpha():
        return None  # Khrushchev’s, O'neil, 1940’s
    if _wordish(before) or before in _SINGLE_CLOSES_AFTER:
        # "Reason’," closes; "Soviets’ plans" may be a closing quote or a plural possessive.
        return "close" if after in _PUNCTUATION or after in '\u201d")' else "maybe"
    return None


def _opens_single(text: str, i: int, after: str) -> bool:
    """Whether a straight single quote at i opens: after a space or bracket (or emphasis there), before a word."""
    before = text[i - 1] if i else " "
    if before in "*_":  # `_'The Big Society'_`: the emphasis mark opens, so look behind it
        before = text[i - 2] if i > 1 else " "
    if before in '\u201c"':  # inside a quotation ("'Tis"), but not closing two at once (`made."'"`)
        return after.isalpha()
    return before in _OPENING_CONTEXT and (after.isalpha() or after in _SINGLE_OPENS_BEFORE)


def _maybe_letter(text: str, i: int) -> bool:
    """Whether an unclosed ‘ or ' at i may be a letter or an elision: an ʿayn before a vowel in a transliterated
    word (‘Ulamâ, 'ulūm) or text (al-), the article in wa-'l-, or a word's elided start ('ol, 's)."""
    word = _WORD_AFTER.match(text, i + 1)
    if word is not None and word.group().lower() in _ELISIONS:
        return True
    if _ARTICLE.match(text, i + 1) and text[i - 1 : i] == "-":
        return True
    if text[i] not in "\u2018'" or text[i + 1 : i + 2].lower() not in tuple(_VOWELS):
        return False
    return (word is not None and not word.group().isascii()) or _TRANSLITERATED.search(text) is not None


def _settle(openers: list[int], maybes: list[int]) -> list[int]:
    """Pair the openers left at the end with later marks that may close them; return those still open."""
    unclosed = []
    available = sorted(maybes)
    for opener in reversed(openers):
        index = bisect.bisect_right(available, opener)
        if index < len(available):
            del available[index]
        else:
            unclosed.append(opener)
    return sorted(unclosed)


def unpaired_quotes(text: str) -> list[Unpaired]:
    """The quote marks of a text that have no partner, in order of offset."""
    found: list[Unpaired] = []
    doubles: list[int] = []
    singles: list[int] = []
    maybes: list[int] = []
    for m in _MARKS.finditer(text):  # every other character leaves the state alone
        i, char = m.start(), m.group()
        if char in _DOUBLE_OPEN or char in _DOUBLE_CLOSE or char == '"':
            if _double_role(text, i, bool(doubles)):
                doubles.append(i)
            elif doubles:
                doubles.pop()
            else:
                found.append(Unpaired(i, char, False))
        elif char == "`" and text[i - 1 : i] == "\\":
            singles.append(i)  # a TeX-style opening quote, escaped for Markdown: \`word'
        elif char in "\u2018\u2019'":
            role = _single_role(text, i)
            if role == "open":
                singles.append(i)
            elif role == "maybe":
                maybes.append(i)
            elif role == "close" and singles:
                singles.pop()
            elif role == "close":
                found.append(Unpaired(i, char, False))
    unclosed = [i for i in _settle(singles, maybes) if not _maybe_letter(text, i)]
    found.extend(Unpaired(i, text[i], True) for i in doubles + unclosed)
    return sorted(found, key=lambda item: item.offset)
