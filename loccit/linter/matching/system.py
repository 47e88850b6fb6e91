"""Which citation system a document uses, decided once, so the bibliography rules run only where they make sense.

A note that reads "Culp, 2016" or a paragraph ending "(Bourdieu 2000, 118)" cites author-date; a document
writing `[@smith2020]` leaves its reference list to Pandoc. Checking such documents as if their notes held
every citation makes every entry look uncited. The decision uses cheap counts of each system's marks.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import NamedTuple

from loccit.linter.citations.names import surname_key
from loccit.linter.citations.works import Kind
from loccit.linter.matching.evidence import without_entries
from loccit.linter.matching.resolve import Listed, listed_derived, note_citations
from loccit.linter.model import Document


class CitationSystem(str, Enum):
    """How a document cites its sources."""

    NOTES = "notes"  # full citations in notes (a bibliography may repeat them)
    SHORT_NOTES = "short notes"  # notes with short forms only: the bibliography gives the details
    AUTHOR_DATE = "author-date"  # "(Surname Year)" in the text or notes, with a reference list
    MIXED = "mixed"  # notes with citations and author-date references both
    CITEKEYS = "pandoc citekeys"  # `[@key]`: Pandoc builds the reference list
    NONE = "none"  # no citation recognised


class SystemFound(NamedTuple):
    """The system and why it was chosen, for `loccit sources` and `--show-settings`."""

    system: CitationSystem
    reason: str


_CITEKEY = re.compile(r"\[-?@[A-Za-z_][\w:.#$%&+?<>~/-]*|;\s?-?@[A-Za-z_][\w:.#$%&+?<>~/-]*\]")
_REFS_DIV = re.compile(r"^:::+\s*\{#refs\b|^bibliography:\s*\S", re.M)
_NAME = r"[A-Z\u00c0-\u024f][\w’'\-]+"
_SURNAME = rf"(?P<{{}}>{_NAME})(?:\s(?:et\sal\.?|and\s{_NAME}|&\s{_NAME}))?"
_YEAR = r"(?:1[5-9]|20)\d\d[a-z]?"
# "(Bourdieu 2000, 118)", "(see Latour et al. 2012)", "Rist (1984)", "Culp, 2016" opening a note's sentence.
_AUTHOR_DATE = re.compile(
    rf"\((?:see\s|cf\.\s)?{_SURNAME.format('a')},?\s{_YEAR}\b|\b{_SURNAME.format('b')}\s\({_YEAR}[),]|"
    rf"(?:^|\.\s){_SURNAME.format('c')},\s{_YEAR}\b",
    re.M,
)


def _count_citekeys(text: str) -> int:
    return len(_CITEKEY.findall(text)) + 5 * len(_REFS_DIV.findall(text))


def _decide(citekeys: int, author_date: int, full: int, short: int) -> SystemFound:
    notes = full + short
    if citekeys >= 2 and citekeys >= author_date:
        return SystemFound(CitationSystem.CITEKEYS, f"{citekeys} Pandoc citekeys or a references placeholder")
    if author_date >= 3 and notes >= 3 and author_date * 4 >= notes:
        reason = f"{author_date} author-date references and {notes} works cited in notes"
        return SystemFound(CitationSystem.MIXED, reason)
    if author_date >= 3 and author_date >= notes:
        return SystemFound(CitationSystem.AUTHOR_DATE, f"{author_date} author-date references, {notes} in notes")
    if full:
        return SystemFound(CitationSystem.NOTES, f"{full} full citations and {short} short forms in notes")
    if short:
        return SystemFound(CitationSystem.SHORT_NOTES, f"{short} short forms in notes and no full citation")
    return SystemFound(CitationSystem.NONE, "no citation recognised in notes or text")


def _find(doc: Document) -> SystemFound:
    body = without_entries(doc)  # a reference list written "Surname, I. 2016." would count as citations
    full = short = 0
    for citation in note_citations(doc):
        title = citation.work.title
        if title is not None and re.fullmatch(_YEAR, title.text.strip()):
            continue  # "Kale-Lostuvali, 2016, p. 19" read as a work titled "2016": author-date
        full += citation.work.kind is Kind.FULL
        short += citation.work.kind is Kind.SHORT
    return _decide(_count_citekeys(doc.text), _count_author_date(doc, body), full, short)


def _lead_surnames(listed: tuple[Listed, ...]) -> frozenset[str]:
    return frozenset(name.key for item in listed for name in item.authors[:1])


def _count_author_date(doc: Document, body: str) -> int:
    """Author-date references in the text; with a reference list, only those naming one of its authors.

    A note's "(London, 1993)" has the shape of "(Latour, 1993)": the entries tell a place from an author.
    """
    surnames = listed_derived(doc, "lead surnames", _lead_surnames)
    count = 0
    for found in _AUTHOR_DATE.finditer(body):
        surname = found.group("a") or found.group("b") or found.group("c")
        count += not surnames or surname_key(surname) in surnames
    return count


def citation_system(doc: Document) -> SystemFound:
    """The document's citation system and why (computed once per document)."""
    return doc.derived("citation system", lambda: _find(doc))


def cites_in_text(doc: Document) -> bool:
    """Whether citations may stand outside the notes: author-date, mixed or Pandoc citekeys."""
    return citation_system(doc).system in {CitationSystem.AUTHOR_DATE, CitationSystem.MIXED, CitationSystem.CITEKEYS}
