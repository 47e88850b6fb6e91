"""Regions where a bracket is not a note marker: code, HTML comments, URLs, links; all found in linear time."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from loccit.linter.markdown.blocks import Block

_BACKTICKS = re.compile(r"`+")
_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>]*>")
_BARE_URL = re.compile(r"(?:https?|ftp)://[^\s<>\"\[\]]+|www\.[^\s<>\"\[\]]+|doi:[^\s\[\]]+")  # doi: after \b
_URL_NEEDLES = (("://", (5, 4, 3)), ("www.", (0,)), ("doi:", (0,)))  # where each is found, a URL may start so far back
_WORD = re.compile(r"\w")
_SKIPPED_HTML = re.compile(r"<(?:!--|pre|script|style|textarea)", re.I)
# A whole unescaped `[^...]` holding no bracket or backslash is pushed and popped at once, so it is matched as one.
_BRACKETS = re.compile(r"\[(?:(?<!\\\[)\^[^\[\]\\]*\])?|\]")
_FENCE_LINE = re.compile(r"^[ \t>*+\-\d.)]*?(`{3,}|~{3,})", re.M)


class Regions:
    """A sorted set of [start, end) intervals, queried by offset."""

    def __init__(self, intervals: Iterable[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(intervals):
            if end <= start:
                continue
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def __contains__(self, offset: int) -> bool:
        index = bisect.bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._ends[index]

    def intervals(self) -> list[tuple[int, int]]:
        """The merged intervals."""
        return list(zip(self._starts, self._ends, strict=True))


def _escaped(text: str, pos: int) -> bool:
    """Whether the character at pos follows an odd number of backslashes."""
    count = 0
    while pos - count > 0 and text[pos - count - 1] == "\\" and count < 64:
        count += 1
    return count % 2 == 1


def _code_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Code spans per CommonMark: a run of n backticks closed by the next run of exactly n."""
    runs = []
    for m in _BACKTICKS.finditer(text, start, end):
        pos, length = m.start(), m.end() - m.start()
        if _escaped(text, pos):  # \` is a literal backtick; the rest of the run still counts
            pos, length = pos + 1, length - 1
        if length:
            runs.append((pos, length))
    by_length: dict[int, list[int]] = {}
    for index, (_, length) in enumerate(runs):
        by_length.setdefault(length, []).append(index)
    cursor = {length: 0 for length in by_length}
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        pos, length = runs[index]
        candidates = by_length[length]
        k = cursor[length]
        while k < len(candidates) and candidates[k] <= index:
            k += 1
        cursor[length] = k
        if k == len(candidates):
            index += 1
            continue
        closer = candidates[k]
        spans.append((pos, runs[closer][0] + length))
        index = closer + 1
    return spans


def _bare_urls(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Bare URLs and DOIs, leftmost first as finditer gives them; str.find jumps to the few places one may start."""
    starts: list[int] = []
    for needle, backs in _URL_NEEDLES:
        pos = text.find(needle, start, end)
        while pos >= 0:
            starts.extend(pos - back for back in backs if pos - back >= start)
            pos = text.find(needle, pos + 1, end)
    spans: list[tuple[int, int]] = []
    done = start
    for pos in sorted(starts):
        if pos < done or (text[pos] == "d" and pos > 0 and _WORD.match(text, pos - 1)):
            continue
        if m := _BARE_URL.match(text, pos, end):
            spans.append(m.span())
            done = m.end()
    return spans


def _find(text: str, char: str, start: int, end: int) -> int:
    """The offset of char in [start, end), or end when it is not there."""
    found = text.find(char, start, end)
    return end if found < 0 else found


def _links(text: str, start: int, end: int, references: frozenset[str]) -> list[tuple[int, int]]:
    """Inline links and images `[text](url)` and full references `[text][ref]` to a defined ref."""
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    # The next ")" and the next newline, each searched again only once passed: linear, and no copy of the run.
    paren = newline = start - 1
    for m in _BRACKETS.finditer(text, start, end):
        pos = m.start()
        if m.end() - pos > 1 or _escaped(text, pos):
            continue
        if text[pos] == "[":
            stack.append(pos)
            continue
        if not stack:
            continue
        opener = stack.pop()
        follow = text[pos + 1 : pos + 2]
        if text[opener + 1 : opener + 2] == "^":
            continue
        if follow == "(":
            if paren <= pos:
                paren = _find(text, ")", pos + 1, end)
            if newline <= pos:
                newline = _find(text, "\n", pos + 1, end)
            close = min(paren, newline)
            if text[close : close + 1] == ")":
                spans.append((opener, close + 1))
                stack.clear()
        elif follow == "[":
            close = text.find("]", pos + 2, min(end, pos + 1002))
            if close > 0 and " ".join(text[pos + 2 : close].lower().split()) in references:
                spans.append((opener, close + 1))
                stack.clear()
    return spans


def code_regions(text: str, blocks: list[Block], comments: bool = True) -> list[tuple[int, int]]:
    """Code blocks, skipped HTML blocks (comment blocks too, unless not comments), fenced code in lists, code spans."""
    intervals: list[tuple[int, int]] = []
    for block in blocks:
        if block.kind == "block_code":
            intervals.append((block.start, block.end))
        elif (
            block.kind == "block_html"
            and (m := _SKIPPED_HTML.match(text, block.start))
            and (comments or m[0] != "<!--")
        ):
            intervals.append((block.start, block.end))
        elif block.kind in ("list", "block_quote"):
            intervals.extend(_nested_fences(text, block.start, block.end))
    tick, start = -1, 0  # the first backtick at or after the block's start, found again only once passed
    for block in blocks:
        if block.kind in ("block_code", "blank_line"):
            continue
        if tick < block.start or block.start < start:
            tick = _find(text, "`", block.start, len(text))
        start = block.start
        if tick < block.end:
            intervals.extend(_code_spans(text, block.start, block.end))  # a code span ends with its block
    return intervals


def skip_regions(text: str, blocks: list[Block], references: frozenset[str] = frozenset()) -> Regions:
    """Everything in which a bracketed label is not a note marker; references are link labels."""
    intervals = code_regions(text, blocks)
    code = Regions(intervals)
    done = 0  # the end of a comment that ran on past a code block: text before it is already skipped
    last_close = text.rfind("-->")  # a comment cannot run past it, so an unclosed one is never searched to the end
    for start, end in _text_runs(code.intervals(), len(text)):
        comments = _comments(text, max(start, done), end, last_close)
        intervals.extend(comments)
        done = max(done, comments[-1][1] if comments else 0)
        if done >= end:
            continue
        intervals.extend(m.span() for m in _AUTOLINK.finditer(text, start, end))
        intervals.extend(_bare_urls(text, start, end))
        if text.count("[", start, end) != text.count("[^", start, end):  # else every opener is a note's: no link
            intervals.extend(_links(text, start, end, references))
    return Regions(intervals)


def _comments(text: str, start: int, end: int, last_close: int = -1) -> list[tuple[int, int]]:
    """HTML comments; an unclosed one is not a comment (and nothing after it can close).

    A comment opening a line runs to the next "-->" even past the run's end: after a line of HTML
    (`<p>…</p>` then `<!-- [^3]: …`) CommonMark ends it at the next blank line, but kramdown, pandoc and the
    browser read everything to "-->" as the comment, indented "code" and note definitions included.
    """
    spans = []
    pos = text.find("<!--", start, end)
    while pos >= 0:
        close = text.find("-->", pos + 4, end)
        if close < 0 and last_close >= end and _opens_line(text, pos):
            close = text.find("-->", end)
        if close < 0:
            break
        spans.append((pos, close + 3))
        pos = text.find("<!--", close + 3, end)
    return spans


def _opens_line(text: str, pos: int) -> bool:
    """Whether only up to three spaces stand between the line's start and pos."""
    line_start = text.rfind("\n", max(0, pos - 4), pos) + 1
    return pos - line_start <= 3 and not text[line_start:pos].strip(" ")


def _text_runs(skipped: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """The complement of sorted intervals within [0, size)."""
    runs = []
    pos = 0
    for start, end in skipped:
        if start > pos:
            runs.append((pos, start))
        pos = max(pos, end)
    if pos < size:
        runs.append((pos, size))
    return runs


def _nested_fences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Fenced code inside list items and block quotes, which mistune parses without offsets."""
    spans = []
    opener: re.Match[str] | None = None
    for m in _FENCE_LINE.finditer(text, start, end):
        if opener is None:
            opener = m
        elif m.group(1)[0] == opener.group(1)[0] and len(m.group(1)) >= len(opener.group(1)):
            line_end = text.find("\n", m.end())
            spans.append((opener.start(), end if line_end < 0 else min(end, line_end + 1)))
            opener = None
    if opener is not None:
        spans.append((opener.start(), end))
    return spans


# Escaped characters, a pandoc inline note's opener, brackets, and blank lines (a note never crosses one).
_INLINE_NOTE_TOKENS = re.compile(r"\\.|\^\[|[\[\]]|\n[ \t]*(?=\n)")


def inline_notes(text: str, skipped: Regions) -> list[tuple[int, int]]:
    """Pandoc inline notes `^[…]`: (start of `^[`, end after the matching `]`), outermost only, in one pass."""
    if "^[" not in text:
        return []
    notes: list[tuple[int, int]] = []
    stack: list[int] = []  # open brackets: the offset of a note's `^[`, or -1 for a plain `[`
    open_notes = 0
    for match in _INLINE_NOTE_TOKENS.finditer(text):
        token = match.group()
        if token[0] == "\\" or match.start() in skipped:
            continue
        if token == "]":
            if stack:
                opened = stack.pop()
                if opened >= 0:
                    open_notes -= 1
                    if not open_notes:
                        notes.append((opened, match.end()))
        elif token == "[":
            stack.append(-1)
        elif token == "^[":
            stack.append(match.start())
            open_notes += 1
        else:  # a blank line ends the paragraph and every bracket left open in it
            stack.clear()
            open_notes = 0
    return notes
