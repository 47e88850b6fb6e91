"""BibTeX field text as the rules compare it: the LaTeX a field is written in taken off (`G{\"o}del` is Gödel)."""

from __future__ import annotations

import re
import unicodedata

# A command with its trailing space (`\textit `), an escaped or accent character (`\"`, `\&`), or a brace.
LATEX = re.compile(r"\\[a-zA-Z]+\s*|\\.|[{}]")


def without_latex(text: str) -> str:
    """A field's text without LaTeX commands, escapes and braces (`G{\\"o}del` -> `Godel`)."""
    return LATEX.sub("", text)


def fold_field(text: str) -> str:
    """A field's text for comparing names and titles: LaTeX off, accents off, case-folded."""
    text = without_latex(text)
    if text.isascii():  # most fields: nothing to decompose (a .bib of thousands of entries folds each name)
        return text.casefold()
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()
