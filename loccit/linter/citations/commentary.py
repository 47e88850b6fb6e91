"""Where citations begin in notes that mix commentary with citations, and text masked for parsing."""

from __future__ import annotations

import re

from loccit.linter.citations.scan import regions

_HTML_TAG = re.compile(r"<(?!https?:|www\.)[^<>\n]{0,300}>")
_LINK = re.compile(r"\[([^\[\]\n]{0,300})\]\(([^()\s]{0,500})\)")
_JOINERS = frozenset({"and", "de", "van", "von", "der", "del", "la", "le", "du", "da"})
CUE = re.compile(
    r"\s{0,3}(?:(?:[Ss]ee\s{1,3}also|[Ss]ee|[Cc]f\.|[Cc]ompare|[Aa]lso|[Ee]\.\s?g\.|[Qq]uoted\s{1,3}in|"
    r"[Aa]s\s{1,3}cited\s{1,3}in|[Ff]or\s{1,3}(?:example|instance)|"
    r"[Ff]or\s{1,3}(?:a|an|the|more|just)\s[^,:;()]{0,60},(?:\s{0,3}see(?:\s{1,3}also)?)?)"
    r"[,:]?\s{1,3})+"
)
_RESTART = re.compile(
    r"(?:\b(?:[Ss]ee(?:\s{1,3}also)?|[Cc]f\.|in|by|from|[Ii]n)[,:]?\s{1,3}|[.:;]\s{1,3})"
    r"(?=[A-Z\u00c0-\u024f*“‘\"_])"
)


def mask(text: str) -> str:
    """Blank out HTML tags and Markdown link brackets (keeping link text and URL) without moving any offset."""
    if "<" in text:
        text = _HTML_TAG.sub(lambda match: " " * len(match.group()), text)
    if "](" in text:
        text = _LINK.sub(lambda m: f" {m.group(1)}  {m.group(2)} ", text)
    return text


def _names_before(text: str, start: int, comma: int) -> int:
    """Start of the run of up to eight capitalised words (and particles) that ends at the comma."""
    begin = i = comma
    for _ in range(8):
        j = i
        while j > start and text[j - 1].isspace():
            j -= 1
        k = j
        while k > start and not text[k - 1].isspace() and j - k < 30:
            k -= 1
        word = text[k:j]
        if not word or not (word[0].isupper() or word in _JOINERS):
            break
        begin = i = k
    while begin < comma and text[begin].islower():
        begin = text.find(" ", begin, comma) + 1 or comma
    return begin


def restarts(text: str, start: int, end: int) -> list[int]:
    """Where a citation may begin after commentary: after "see", "in", "by" or a sentence, or at the names
    before ", *Title*" or ", “Title”"; never inside a title, at most 16 places."""
    found = regions(text, start, end)
    places = {match.end() for match in _RESTART.finditer(text, start, end)}
    for region in found:
        comma = text.rfind(",", max(start, region.start - 4), region.start)
        if comma < 0:
            continue
        begin = _names_before(text, start, comma)
        if begin < comma:
            places.add(begin)
    inside = [(region.start, region.end) for region in found] + _parenthesised(text, start, end)
    return sorted(p for p in places if not any(s < p < e for s, e in inside))[:16]


def _parenthesised(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The top-level parenthesised stretches, where a citation cannot begin ("(Basingstoke: Palgrave…)")."""
    spans = []
    depth = 0
    opened = start
    for i in range(start, end):
        if text[i] == "(":
            if depth == 0:
                opened = i
            depth += 1
        elif text[i] == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, i))
    return spans
