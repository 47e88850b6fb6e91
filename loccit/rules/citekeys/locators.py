"""A locator term pandoc does not know in a bracketed citation's suffix (B022).

Pandoc reads a locator at the start of a citation's suffix: a term of the locale's seventeen locator terms
(`p.`, `pp.`, `chap.`, `sec.`, `§`, `vol.`, … in their long, short and symbol forms, any case) or a bare number
(a page), then the numbers. Anything else before the first number means no locator at all: the suffix is printed
as written and the style can neither abbreviate the label nor drop it where it wants none. The rule names only
labels that are plainly meant as locator terms (`pg.`, `ch.`, `pp` without its period) and only where the locale
is English: other locales have other terms, and a style may define its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from loccit.linter.diagnostics import Rule, Severity, Violation
from loccit.linter.model import Citekey, Document
from loccit.linter.patterns import LazyPattern

# What a writer types for a locator term that en-US does not have, and the term it has.
SUSPECT_TERMS: dict[str, str] = {
    "pg": "p.",
    "pg.": "p.",
    "pgs": "pp.",
    "pgs.": "pp.",
    "p": "p.",
    "pp": "pp.",
    "ch": "chap.",
    "ch.": "chap.",
    "chap": "chap.",
    "chapt": "chap.",
    "chapt.": "chap.",
    "chs": "chaps.",
    "chs.": "chaps.",
    "chaps": "chaps.",
    "para": "para.",
    "paras": "paras.",
    "sec": "sec.",
    "sect": "sec.",
    "sect.": "sec.",
    "secs": "secs.",
    "sects.": "secs.",
    "fig": "fig.",
    "figs": "figs.",
    "vol": "vol.",
    "vols": "vols.",
    "col": "col.",
    "cols": "cols.",
    "fn": "n.",
    "fn.": "n.",
    "fns": "nn.",
    "fns.": "nn.",
    "ln": "l.",
    "ln.": "l.",
    "bk": "bk.",
}
# The suffix's start: an optional comma, spaces, a label, optional spaces, and a number (what pandoc needs).
# `p5` is one word for pandoc, a page "p5": a label is set off by its period or a space.
_LABEL = LazyPattern(r",?[ \t]*([A-Za-z]+\.|[A-Za-z]+(?=[ \t\u00a0]))[ \t\u00a0]*(\d\w*(?:[-\u2013\u2014]+\d\w*)?)")


def english(locale: str | None) -> bool:
    """Whether citeproc reads locator terms in an English locale (`en`, `en-US`, `en-GB`, ...)."""
    return locale is not None and re.match(r"en(?:$|[-_])", locale.strip(), re.I) is not None


def suffix_start(text: str, citation: Citekey) -> int | None:
    """Where a bracketed citation's suffix starts (right after its key), or None when it has none."""
    end = citation.span.end
    return end if end < len(text) and text[end] not in ";]" else None


def check_locator_terms(doc: Document, opts: object) -> Iterator[Violation]:
    """B022: a citation suffix opening with a label pandoc's locator parser does not know, before a number."""
    found = doc.key_bibliography
    if found is None or not english(found.locale):
        return
    text = doc.text
    for citation in doc.citations:
        if not citation.bracketed or (start := suffix_start(text, citation)) is None:
            continue
        match = _LABEL.match(text, start)
        if match is None:
            continue
        label = match.group(1)
        right = SUSPECT_TERMS.get(label.casefold())
        if right is None or label.casefold() in found.style_terms:
            continue
        number = match.group(2)
        yield Violation(
            doc.span(match.start(1), match.end(2)),
            f'locator term "{label}" in the citation of "{citation.key}" is not one pandoc knows ({found.locale}): '
            f'the suffix is printed as written and the style gets no locator; write "{right} {number}"',
        )


UNKNOWN_LOCATOR_TERM = Rule(
    "B022",
    "unknown-locator-term",
    "A citation's locator label is no locator term pandoc knows, so it sets no locator",
    check_locator_terms,
    Severity.WARNING,
)
