"""B003 for a name written before a suppress-author citation, `Jones [-@smith2019] argues`: the name must be one of
the entry's authors or editors. Said only on strong evidence: the name is a misspelling of one of them, or it is
the family name of another entry's author and none of this entry's."""

from __future__ import annotations

import re
from collections.abc import Iterator

from loccit.linter.bibfiles.latex import fold_field, without_latex
from loccit.linter.diagnostics import Violation
from loccit.linter.matching.citekeys import key_index
from loccit.linter.model import BibEntry, Document
from loccit.linter.patterns import LazyPattern

# A capitalised word (hyphens and apostrophes inside) and one space, right before `[-@key]`.
_NAME_BEFORE = LazyPattern(r"(?<![\w.’'-])([A-Z][^\W\d_]+(?:[-'’][A-Z]?[^\W\d_]+)*)[ \u00a0]\Z")
_AND = re.compile(r"\s+and\s+")
_MIN_SCORE = 80.0


def _people(entry: BibEntry) -> list[str]:
    value = entry.field("author") or entry.field("editor") or ""
    return _AND.split(value.strip()) if entry.path.lower().endswith(".bib") else value.split("; ")


def family_names(entry: BibEntry) -> frozenset[str]:
    """The folded family names of a BibTeX entry's people (`Last, First` or `First Last`); corporate ones left out."""
    if not entry.path.lower().endswith(".bib"):
        return frozenset()
    names = set()
    for person in _people(entry):
        person = person.strip()
        if not person or (person.startswith("{") and person.endswith("}")):
            continue
        family = person.split(",")[0] if "," in person else person.split()[-1]
        names.add(fold_field(family).strip())
    return frozenset(n for n in names if n)


def _words(entry: BibEntry) -> dict[str, str]:
    """Every word of an entry's author or editor field, folded, to its spelling (given names too: CSL keeps no
    order of family and given to rely on)."""
    value = without_latex(entry.field("author") or entry.field("editor") or "")
    return {fold_field(word): word for word in re.findall(r"[^\W\d_]+", value)}


def _families_of_others(doc: Document) -> dict[str, str]:
    def build() -> dict[str, str]:
        found: dict[str, str] = {}
        for key, entry in key_index(doc).items():
            for name in family_names(entry):
                found.setdefault(name, key)
        return found

    return doc.derived("families of keys", build)


# Where a sentence starts: after a full stop, a question or exclamation mark, or a blank line.
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]*[A-Z])|\n[ \t]*\n")
_SENTENCE_REACH = 300  # characters looked back for the sentence's start


def _sentence_before(text: str, at: int) -> str:
    """The sentence's text before position at (at most _SENTENCE_REACH characters of it)."""
    window = text[max(0, at - _SENTENCE_REACH) : at]
    ends = list(_SENTENCE_END.finditer(window))
    return window[ends[-1].end() :] if ends else window


def _named_before(before: str, entry: BibEntry) -> bool:
    """Whether the sentence names one of the entry's people before the citation ("Scott read Thompson [-@scott]")."""
    names = {word for word in _words(entry) if len(word) >= 3}
    return any(fold_field(word) in names for word in re.findall(r"[^\W\d_]+", before))


def _message(doc: Document, written: str, entry: BibEntry, before: str = "") -> str | None:
    if written.endswith(("’s", "'s", "’", "'")):
        return None  # a possessive: "Jones's reading [-@smith2019]" is about Jones, not by Jones
    words = _words(entry)
    folded = fold_field(written)
    if not words or folded in words or any(part in words for part in re.split(r"[-'’]", folded)):
        return None
    from rapidfuzz import fuzz

    close = [w for w in words if len(w) >= 4 and fuzz.ratio(folded, w) >= _MIN_SCORE]
    if close and len(folded) >= 4:
        shown = words[close[0]]
        return f'author differs from the bibliography entry "{entry.key}": text has "{written}", entry has "{shown}"'
    other = _families_of_others(doc).get(folded)
    # "Sewell's reply to Thompson [-@sewell1990]": the sentence names the entry's author, the citation gives its year
    if other is not None and other != entry.key and family_names(entry) and not _named_before(before, entry):
        return (
            f'"{written}" is named before [-@{entry.key}], but is no author of that entry (it is an author of '
            f'"{other}"); cite the work {written} wrote, or name the entry\'s author'
        )
    return None


def check_narrative_authors(doc: Document) -> Iterator[Violation]:
    """B003: the name right before `[-@key]` is not the entry's author or editor, on strong evidence only."""
    if doc.key_bibliography is None or not doc.citations:
        return
    text, index = doc.text, key_index(doc)
    for citation in doc.citations:
        start = citation.span.start
        if not citation.bracketed or text[start : start + 1] != "-" or text[start - 1 : start] != "[":
            continue
        entry = index.get(citation.key)
        match = _NAME_BEFORE.search(text, max(0, start - 60), start - 1)
        if entry is None or match is None:
            continue
        message = _message(doc, match.group(1), entry, _sentence_before(text, match.start(1)))
        if message is not None:
            yield Violation(doc.span(match.start(1), match.end(1)), message)
