"""Quote marks in notes and entries come in pairs (F001)."""

from __future__ import annotations

from collections.abc import Iterator

from loccit.linter.citations.masking import mask_literals
from loccit.linter.citations.quotes import unpaired_quotes
from loccit.linter.diagnostics import Rule, Severity, Violation
from loccit.linter.model import Document, texts


def check_unbalanced_quotes(doc: Document, opts: object) -> Iterator[Violation]:
    """Flag a quote mark without its pair in a note or entry (`the Thaw,’` with no opening mark).

    Apostrophes are told from closing quotes by what surrounds them: a mark between letters or
    digits (Khrushchev’s, O'neil, 1940’s) is an apostrophe, one after punctuation closes a quotation,
    and one after a word closes a quotation only when one is open (else it is a plural possessive).
    Straight and curly marks may pair with each other; that mixture is not this rule's business.
    """
    for base, text in texts(doc):
        for item in unpaired_quotes(mask_literals(text)):
            span = doc.span(base + item.offset, base + item.offset + 1)
            if item.opening:
                yield Violation(span, f'opening quote "{item.mark}" is never closed')
            else:
                yield Violation(span, f'closing quote "{item.mark}" has no opening quote')


UNBALANCED_QUOTES = Rule(
    "F001",
    "unbalanced-quotes",
    "Quote mark without its pair in a note or entry",
    check_unbalanced_quotes,
    Severity.WARNING,
)
