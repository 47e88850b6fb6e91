"""Citations keep the spaces after commas and periods and before a parenthesis (F002)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from loccit.linter.citations.masking import mask_literals
from loccit.linter.citations.years import YEAR_DIGITS
from loccit.linter.diagnostics import Fix, Rule, Severity, Violation
from loccit.linter.model import Document, texts

# Each alternative opens with its mark and looks behind it after, so that re skips to the next mark in C.
_GLUED = re.compile(
    r",(?<=[^\W_],)(?=[^\W_])"  # "New York,1999"
    # after emphasis or an abbreviation's period, before a word, emphasis or a quotation: "*Mir*,Foreign", 'al.,"Notes'
    r"|,(?<=[^\W_][*_.],)(?=[^\W_]|[*_\u201c\u2018\"][^\W_])"
    r"|,(?<=[^\W_],)(?=[*_\u201c\u2018\"][^\W_])"
    r"|\.(?<=[^\W_]\.)(?=[A-Z][a-z])"  # "eds.Jeremy"
    rf"|\((?<=[\w.,;:*]\()(?=[^()\n]{{0,80}}\b{YEAR_DIGITS}\b[^()\n]{{0,40}}\))"  # "No.3(1973)"
)

# Top-level domains that are also words; a capitalised one after a dot names a site (Data.World), not a sentence.
_NAME_DOMAINS = frozenset("world com org net io ai app dev co me tv info online site blog museum news wiki".split())


def _word_around(text: str, at: int) -> tuple[int, int]:
    """The words either side of a glued mark, up to a space or other punctuation."""
    start = at
    while start > 0 and at - start < 20 and not text[start - 1].isspace() and text[start - 1] not in ",;":
        start -= 1
    end = at + 1
    while end < len(text) and end - at < 20 and not text[end].isspace() and text[end] not in ",;":
        end += 1
    while end > at + 2 and text[end - 1] in ".,;:)\u201d\u2019\"'":
        if text[end - 1] == ")" and "(" in text[start:end]:
            break
        end -= 1
    return start, end


def _glued_period(text: str, pos: int) -> bool:
    """Whether a full stop at pos runs into the next word by mistake."""
    start = pos
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    word = text[start:pos]
    if len(word) < 2 or word.isupper() or text[start - 1 : start] == ".":
        return False  # an initial or an abbreviation in capitals: John L.H. Keep, U.S.
    if not word.isdigit() and any(c.isdigit() for c in word):
        return False  # a file name such as NWR36.TXT
    end = pos + 1
    while end < len(text) and text[end].isalnum():
        end += 1
    if text[end : end + 1] == "." and text[end + 1 : end + 2].islower():
        return False  # a dotted name: Rules.Class.php
    if text[pos + 1 : end].lower() in _NAME_DOMAINS:
        return False  # a site's name, written as its domain: Data.World, Medium.Com
    token = text[start:end].lower()
    return text.lower().count(token) < 2  # "Foo.Keen" named again as foo.keen


def _opens_quotation(text: str, pos: int) -> bool:
    """Whether the straight double quote at pos opens: an even number of them comes before it in the note."""
    return text[pos] != '"' or text.count('"', 0, pos) % 2 == 0


def _is_glued(text: str, m: re.Match[str]) -> bool:
    """Whether a candidate mark is a missing space rather than a number, initial or name."""
    mark, pos = m.group(), m.start()
    if mark == ",":
        # `“Title,”Next` lacks its space after the quote, not the comma: only a quote that opens counts.
        return not (text[pos - 1].isdigit() and text[pos + 1].isdigit()) and _opens_quotation(text, pos + 1)
    if mark == ".":
        return _glued_period(text, pos)
    return True


def check_citation_spacing(doc: Document, opts: object) -> Iterator[Violation]:
    """Flag a missing space after a comma or period or before a parenthesis (`New York,1999`, `eds.Jeremy`).

    Numbers (`1,000`, `3.5`), initials (`John L.H. Keep`), abbreviations (`U.S.`), URLs, DOIs and
    code are left alone, and so is a period before a number: `p.3` and `No.3` are label habits (P001).
    A parenthesis counts only before facts of publication (`No.3(1973)`), not `12(b)(6)`.
    """
    for base, text in texts(doc):
        masked = mask_literals(text)
        for m in _GLUED.finditer(masked):
            if not _is_glued(masked, m):
                continue
            start, end = _word_around(masked, m.start())
            shown = text[start:end]
            where = "before" if m.group() == "(" else "after"
            fix_at = base + m.start() + (0 if m.group() == "(" else 1)
            fix = Fix(doc.span(fix_at, fix_at), " ")
            message = f'missing space {where} "{m.group()}" in "{shown}"'
            yield Violation(doc.span(base + start, base + end), message, fix)


CITATION_SPACING = Rule(
    "F002",
    "citation-spacing",
    "Missing space after a comma or period, or before (",
    check_citation_spacing,
    Severity.WARNING,
    fixable=True,
)
