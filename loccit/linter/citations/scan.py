"""Linear scans of citation text: quoted and emphasised regions, semicolon chunks, folding for comparison."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

from loccit.linter.patterns import LazyPattern

_MAX_DEPTH = 6
_CLOSERS = {"“": "”", "«": "»", "‘": "’", '"': '"', "'": "'"}
_HTML_TAG = re.compile(r"<[^<>\n]{0,300}>")
_LINK = re.compile(r"\[([^\[\]\n]{0,300})\]\([^()\s]{0,500}\)")
_NON_WORD = re.compile(r"[^\w]+")
_MARKS = re.compile("[*_“”«»‘’\"']")


class Region(NamedTuple):
    """A top-level quoted or emphasised stretch: [start, end) with its marks, inner offsets without."""

    kind: str  # "quote" or "italic"
    start: int
    end: int
    inner_start: int
    inner_end: int


def _is_word(char: str) -> bool:
    return char.isalnum()


def _emphasis_run(text: str, i: int, end: int) -> int:
    j = i
    while j < end and j - i < 3 and text[j] == text[i]:
        j += 1
    return j


def _quote_action(text: str, i: int, start: int, end: int, stack: list[tuple[str, int]]) -> str:
    """Decide whether the quote character at i opens, closes or is an apostrophe ("open", "close", "")."""
    char = text[i]
    prev = text[i - 1] if i > start else " "
    nxt = text[i + 1] if i + 1 < end else " "
    waiting = [closer for closer, _ in stack]
    if char in "“«":
        return "open"
    if char in "”»":
        return "close" if char in waiting else ""
    if char in "‘'":
        if char == "'" and "'" in waiting and not prev.isspace() and not _is_word(nxt):
            return "close"
        return "open" if not _is_word(prev) and not nxt.isspace() else ""
    if char == "’":
        if _is_word(prev) and _is_word(nxt):
            return ""
        return "close" if "’" in waiting else ""
    if char == '"':
        if '"' in waiting and not prev.isspace():
            return "close"
        return "open" if not nxt.isspace() else ""
    return ""


def regions(text: str, start: int = 0, end: int | None = None) -> list[Region]:
    """Top-level quoted (“…”, ‘…’, "…") and emphasised (*…*, _…_) regions of text[start:end]."""
    end = len(text) if end is None else end
    stack: list[tuple[str, int]] = []  # (closing mark, position of the opening mark)
    found: list[Region] = []
    i = start
    while i < end:
        found_mark = _MARKS.search(text, i, end)
        if found_mark is None:
            break
        i = found_mark.start()
        char = text[i]
        if char in "*_":
            j = _emphasis_run(text, i, end)
            mark = text[i:j]
            prev = text[i - 1] if i > start else " "
            nxt = text[j] if j < end else " "
            if any(closer == mark for closer, _ in stack) and not prev.isspace():
                _close(stack, mark, i, j, found)
            elif not nxt.isspace() and (char == "*" or not _is_word(prev)) and len(stack) < _MAX_DEPTH:
                stack.append((mark, i))
            i = j
            continue
        if char in "“”«»‘’\"'":
            action = _quote_action(text, i, start, end, stack)
            if action == "open" and len(stack) < _MAX_DEPTH:
                stack.append((_CLOSERS[char], i))
            elif action == "close":
                _close(stack, char, i, i + 1, found)
        i += 1
    return found


def _close(stack: list[tuple[str, int]], mark: str, i: int, j: int, found: list[Region]) -> None:
    while stack:
        closer, opened = stack.pop()
        if closer == mark:
            if not stack:
                kind = "italic" if mark[0] in "*_" else "quote"
                found.append(Region(kind, opened, j, opened + len(mark), i))
            return


def split_chunks(text: str) -> list[tuple[int, int]]:
    """Split text at semicolons outside quotes, emphasis, parentheses and brackets."""
    if ";" not in text:
        return [(0, len(text))] if text.strip() else []
    found = regions(text)
    chunks: list[tuple[int, int]] = []
    depth = 0
    begin = 0
    region_index = 0
    for i, char in enumerate(text):
        while region_index < len(found) and found[region_index].end <= i:
            region_index += 1
        inside = region_index < len(found) and found[region_index].start < i < found[region_index].end
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char == ";" and depth == 0 and not inside:
            chunks.append((begin, i))
            begin = i + 1
    chunks.append((begin, len(text)))
    return [(s, e) for s, e in chunks if text[s:e].strip()]


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Text for comparison: no markup, accents, case or punctuation; single spaces (cached: titles recur)."""
    text = _LINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text).replace("&", " and ")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.replace("’", "").replace("'", "")
    return " ".join(_NON_WORD.sub(" ", text.casefold()).replace("_", " ").split())


# The combining marks of Latin, Greek and Cyrillic accents: removing them with one expression is much
# faster on a whole essay than testing every character, and other scripts' marks are rare in citations.
_COMBINING = LazyPattern("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold_long(text: str) -> str:
    """`fold` for a whole essay: not cached (each essay is folded once) and faster on long text."""
    return fold_words(fold_chars(text))


def fold_chars(text: str) -> str:
    """The first, cheaper part of `fold_long`: markup, accents, apostrophes and case gone, words not split out.

    Every word of the folded text is a substring of this one, so a word not in it is not in the folded text.
    """
    text = _LINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text).replace("&", " and ")
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return text.replace("’", "").replace("'", "").casefold()


# A word as `fold` splits them (a run of word characters, "_" a separator): collecting them is faster on a
# long text than replacing every run of other characters by a space and splitting again.
FOLDED_WORD = re.compile(r"[^\W_]+")


def fold_words(chars: str) -> str:
    """The second part of `fold_long`: the words of `fold_chars`'s text, single spaces between them."""
    return " ".join(FOLDED_WORD.findall(chars))


def tidy(text: str) -> str:
    """Text for messages: markup removed, whitespace collapsed, outer punctuation trimmed."""
    text = _LINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    text = text.replace("*", "").replace("\\", "")
    return " ".join(text.split()).strip(" ,.;:‘’“”\"'")
