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
from loccit.linter.matching.intext import intext_matches
from loccit.linter.matching.resolve import Listed, listed_derived, resolve
from loccit.linter.model import Document
from loccit.linter.patterns import LazyPattern


class CitationSystem(str, Enum):
    """How a document cites its sources."""

    NOTES = "notes"  # full citations in notes (a bibliography may repeat them)
    SHORT_NOTES = "short notes"  # notes with short forms only: the bibliography gives the details
    AUTHOR_DATE = "author-date"  # "(Surname Year)" in the text or notes, with a reference list
    AUTHOR_PAGE = "author-page"  # MLA's "(Surname 45)" in the text, with a works-cited list
    MIXED = "mixed"  # notes with citations and author-date references both
    CITEKEYS = "pandoc citekeys"  # `[@key]`: Pandoc builds the reference list
    NONE = "none"  # no citation recognised


class SystemFound(NamedTuple):
    """The system and why it was chosen, for `loccit sources` and `--show-settings`."""

    system: CitationSystem
    reason: str


_CITEKEY = LazyPattern(r"\[-?@[A-Za-z_][\w:.#$%&+?<>~/-]*|;\s?-?@[A-Za-z_][\w:.#$%&+?<>~/-]*\]")
_REFS_DIV = re.compile(r"^:::+\s*\{#refs\b|^bibliography:\s*\S", re.M)
_BARE_YEAR = re.compile(r"(?:1[5-9]|20)\d\d[a-z]?")
_A_YEAR = re.compile(r"[12]\d\d\d")  # a plain pattern runs fast; the rest is checked by hand
_WORD = LazyPattern(r"[^\W\d_][\w’'\-]*")


def _count_citekeys(text: str) -> int:
    if "@" not in text and ":::" not in text and "bibliography:" not in text:
        return 0
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
    for citation in (r.citation for r in resolve(doc).resolutions):
        title = citation.work.title
        if title is not None and title.text[:1].isdigit() and _BARE_YEAR.fullmatch(title.text.strip()):
            continue  # "Kale-Lostuvali, 2016, p. 19" read as a work titled "2016": author-date
        full += citation.work.kind is Kind.FULL
        short += citation.work.kind is Kind.SHORT
    found = _decide(_count_citekeys(doc.text), _count_author_date(doc, body), full, short)
    if found.system is CitationSystem.NONE:
        # MLA gives no year, so the counts above miss it: its citations are the in-text ones that led to an entry.
        works = len({id(f.listed.entry) for f in intext_matches(doc) if f.listed is not None and f.cite.year is None})
        if works >= 3:
            return SystemFound(CitationSystem.AUTHOR_PAGE, f"{works} entries cited in the text by author and page")
    return found


def _lead_surnames(listed: tuple[Listed, ...]) -> frozenset[str]:
    return frozenset(name.key for item in listed for name in item.authors[:1])


def _count_author_date(doc: Document, body: str) -> int:
    """Author-date references: years in the text or notes with a listed author's surname just before them.

    "(Bourdieu 2000, 118)", "(Latour et al. 2012)", "Culp, 2016": the year follows an opening parenthesis
    or a comma, and one of the four words before it is the lead surname of an entry. A note's "(London,
    1993)" has the same shape, but London wrote no entry. Without a reference list nothing is counted.
    Years are few, so each is looked at with the words before it rather than matching at every word.
    """
    keys = listed_derived(doc, "lead surnames", _lead_surnames)
    if not keys:
        return 0
    count = 0
    for year in _A_YEAR.finditer(body):
        start = year.start()
        if not "15" <= body[start : start + 2] <= "20" or body[start - 1 : start].isalnum():
            continue
        before = body[max(0, start - 48) : start]
        if not before.endswith((" ", "(")) or ("(" not in before and not before.endswith(", ")):
            continue
        count += any(surname_key(word) in keys for word in _WORD.findall(before)[-4:])
    return count


def citation_system(doc: Document) -> SystemFound:
    """The document's citation system and why (computed once per document)."""
    return doc.derived("citation system", lambda: _find(doc))
