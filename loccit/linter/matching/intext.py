"""Each in-text citation matched to the reference list by surname and year, once per document, with how.

"(Franklin 2013)" matches the entry whose lead author is Franklin and whose year is 2013 ("2013a" when the
citation says so); "Hale and Okafor" must match the second author too when the list has several Hales. A
surname spelt otherwise is found with rapidfuzz; a body's abbreviation ("WHO") through the citation that
defined it ("World Health Organization [WHO]") or the initials of the listed name. MLA's short title
("(Franklin, *Long Peace* 45)", "(*Mill Survey* 3)") picks the entry of that author, or with no author, by its title.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

from loccit.linter.citations.intext import Cite, InText, one_year
from loccit.linter.citations.names import surname_key
from loccit.linter.citations.prose import in_text_citations
from loccit.linter.citations.scan import fold
from loccit.linter.citations.years import YEAR_DIGITS
from loccit.linter.matching.resolve import Listed, MatchOptions, listed_works
from loccit.linter.model import Document
from loccit.linter.patterns import LazyPattern

_ENTRY_YEAR = LazyPattern(
    rf"(?<![\d.-])({YEAR_DIGITS})([a-h])?(?![\d\w])|\bn\.\s?d\.|\bin\s+press\b|\bforthcoming\b", re.I
)
_SMALL = frozenset("of for the and on in at to".split())


class Found(NamedTuple):
    """Where one cited work led: the entry (or None), how, and the other entries it could be."""

    intext: InText
    cite: Cite
    listed: Listed | None
    how: str  # "surname and year", "surname" (MLA), "year differs", "author spelt otherwise", "ambiguous", "no match"
    others: tuple[Listed, ...] = ()


class _Keyed(NamedTuple):
    listed: Listed
    keys: tuple[str, ...]  # each author's surname key, a body's folded name
    years: frozenset[str]  # "2013", "2013a", "n. d.", "in press"
    lettered: bool  # a year with its a/b letter


def entry_years(listed: Listed) -> tuple[frozenset[str], bool]:
    """The years an entry gives, with and without a letter ("2013a", "2013"), n.d. and in press."""
    text = listed.entry.text
    names = listed.work.authors
    start = names[-1].end if names else 0
    years: set[str] = set()
    lettered = False
    for found in _ENTRY_YEAR.finditer(text, start):
        if found.group(1) and found.group(2):
            years.add(found.group(1) + found.group(2).lower())
            lettered = True
        elif found.group(1):
            years.add(found.group(1))
        else:
            years.add(" ".join(found.group().lower().replace(" ", "").replace(".", ". ").split()))
    return frozenset(years), lettered


def _keys(listed: Listed) -> tuple[str, ...]:
    # "Benzécri, J.-P., et al." may be read as one name: its surname is what comes before the comma
    return tuple(
        fold(name.surname).replace(" ", "") if name.corporate else surname_key(name.surname.split(",")[0])
        for name in listed.authors
    )


def initials(name: str) -> str:
    """A body's initials, as its abbreviation is made ("World Health Organization" -> "who")."""
    return "".join(word[0] for word in fold(name).split() if word not in _SMALL)


def cite_key(name: str) -> str:
    """How a cited name is compared: a surname's key, or a body's folded name without spaces."""
    words = name.split()
    if (
        len(words) > 1
        and all(w[:1].isupper() or w in _SMALL for w in words)
        and words[0].casefold() not in {"van", "von", "de", "di", "da", "le", "la", "du", "del", "der"}
    ):
        return fold(name).replace(" ", "")
    return surname_key(name)


class _Index:
    def __init__(self, doc: Document) -> None:
        self.keyed = [_Keyed(listed, _keys(listed), *entry_years(listed)) for listed in listed_works(doc)]
        self.by_key: dict[str, list[_Keyed]] = {}
        for item in self.keyed:
            if item.keys:
                self.by_key.setdefault(item.keys[0], []).append(item)
                if item.listed.authors[0].corporate:
                    self.by_key.setdefault(initials(item.listed.authors[0].surname), []).append(item)
        self.abbreviations: dict[str, str] = {}
        self.openings: dict[str, int] = {}  # entries by the folded first word of their text
        for section in doc.source_sections:
            for entry in section.entries:
                words = fold(entry.text[:40]).split()
                if words:
                    self.openings[words[0]] = self.openings.get(words[0], 0) + 1

    @functools.cached_property
    def titles(self) -> list[str]:
        """Every entry's title, folded, for MLA's short titles to be scored against at once."""
        return _titles(self.keyed)

    @functools.cached_property
    def texts(self) -> list[str]:
        """Every entry's whole text, folded."""
        return [fold(item.listed.entry.text) for item in self.keyed]

    def only_entry(self, listed: Listed) -> bool:
        """Whether no other entry opens with this entry's first word (an author whose other works were misread)."""
        words = fold(listed.entry.text[:40]).split()
        return bool(words) and self.openings.get(words[0], 0) == 1

    def lead(self, cite: Cite) -> list[_Keyed]:
        """Entries whose lead author is the cited one (a narrative "Karl Marx" by his surname)."""
        name = cite.names[0]
        if cite.abbreviation:
            self.abbreviations[fold(cite.abbreviation)] = cite_key(name)
        key = cite_key(name)
        found = self.by_key.get(key) or self.by_key.get(self.abbreviations.get(key, ""), [])
        if not found and " " in name:  # "Karl Marx (1867)", "(L. M. Terman, 1938)": the surname is the last word
            found = self.by_key.get(surname_key(name.split()[-1]), [])
        if not found and cite.names and name.isupper():
            found = self.by_key.get(self.abbreviations.get(fold(name), fold(name)), [])
        return list(found)


def _coauthors(cite: Cite, items: list[_Keyed]) -> list[_Keyed]:
    """Keep the entries whose second author is the cited second author, when the citation names one."""
    if len(cite.names) < 2:
        # "Hale 2019" is Hale's own work rather than Hale and Okafor's; "Hale et al." is one of several authors
        same = [item for item in items if (len(item.keys) > 1) == cite.et_al]
        return same or items
    second = cite_key(cite.names[1])
    same = [item for item in items if len(item.keys) > 1 and item.keys[1] == second]
    return same or items


def _years(cite: Cite) -> list[str]:
    assert cite.year is not None
    return [part.strip() for part in cite.year.split(",") if part.strip()]


def _with_year(year: str, items: list[_Keyed]) -> list[_Keyed]:
    bare = one_year(year) or year
    label = year.lower() if year[:1].isdigit() else bare
    exact = [item for item in items if label in item.years]
    if exact or not label[:1].isdigit():
        return exact
    if len(label) > 4:  # "2013a" where the list says "2013"
        return [item for item in items if bare in item.years]
    # "2013" where the list has "2013a" and "2013b"
    return [item for item in items if any(year[:4] == label and len(year) == 5 for year in item.years)]


def _fuzzy(cite: Cite, index: _Index, year: str, opts: MatchOptions) -> list[_Keyed]:
    """Entries with this year whose lead surname is spelt a little otherwise ("Franklyn" for "Franklin")."""
    from rapidfuzz import fuzz

    key = cite_key(cite.names[0])
    if len(key) < 4:
        return []
    return [
        item
        for item in index.keyed
        if item.keys
        and abs(len(item.keys[0]) - len(key)) <= 2
        and fuzz.ratio(key, item.keys[0]) >= max(opts.author_min_score, 80.0)
        and _with_year(year, [item])
    ]


TITLE_MIN_SCORE = 85.0  # how like an entry's title an MLA short title must be (rapidfuzz partial ratio)
NEAR_MIN_SCORE = 70.0  # below this against every entry's whole text, a short title is surely of no entry


def _titles(items: list[_Keyed]) -> list[str]:
    """The entries' titles, folded ("" for an entry without one)."""
    return [fold(item.listed.work.title.text) if item.listed.work.title else "" for item in items]


def _best_titles(title: str, items: list[_Keyed], titles: list[str]) -> list[_Keyed]:
    """The entries whose titles (folded, in titles) fit a short title best, when any fits well enough: the full
    title may go on after it ("Long Peace: War …"). All are scored at once, in rapidfuzz."""
    from rapidfuzz import fuzz, process

    short = fold(title)
    if not short:
        return []
    scored = []
    for full, score, at in process.extract(
        short, titles, scorer=fuzz.partial_ratio, limit=None, score_cutoff=TITLE_MIN_SCORE
    ):
        if full and len(short) > len(full):
            score = fuzz.ratio(short, full)  # a short title longer than the entry's is compared whole
        if full and score >= TITLE_MIN_SCORE:
            scored.append((score, items[at]))
    top = max((score for score, _ in scored), default=0.0)
    return [item for score, item in scored if score == top]


def _near_text(title: str, index: _Index) -> list[_Keyed]:
    """Entries whose text holds something like the short title anywhere (a title the parser did not find)."""
    from rapidfuzz import fuzz, process

    hits = process.extract(fold(title), index.texts, scorer=fuzz.partial_ratio, limit=None, score_cutoff=NEAR_MIN_SCORE)
    return [index.keyed[at] for _, _, at in sorted(hits, key=lambda hit: hit[2])]


def _match_title(intext: InText, cite: Cite, index: _Index) -> Found:
    """MLA's "(Franklin, *Title* 45)" or "(*Title* 45)": the entry of that author (or with none) by its title."""
    assert cite.title is not None
    pool = _coauthors(cite, index.lead(cite)) if cite.names else [item for item in index.keyed if not item.keys]
    best = _best_titles(cite.title, pool, _titles(pool)) or _best_titles(cite.title, index.keyed, index.titles)
    if len(best) == 1:
        return Found(intext, cite, best[0].listed, "short title")
    if best:
        return Found(intext, cite, None, "title fits several", tuple(item.listed for item in best))
    return Found(intext, cite, None, "no match", tuple(item.listed for item in _near_text(cite.title, index)))


def _match(intext: InText, cite: Cite, index: _Index, opts: MatchOptions) -> Iterator[Found]:
    if cite.title is not None:
        yield _match_title(intext, cite, index)
        return
    items = _coauthors(cite, index.lead(cite))
    if cite.year is None:
        if items:
            yield Found(intext, cite, items[0].listed, "surname", tuple(i.listed for i in items[1:]))
        else:
            yield Found(intext, cite, None, "no match")
        return
    for year in _years(cite):
        dated = _with_year(year, items)
        if len(dated) == 1:
            yield Found(intext, cite, dated[0].listed, "surname and year")
        elif dated:
            yield Found(intext, cite, None, "ambiguous", tuple(i.listed for i in dated))
        elif len(items) == 1 and index.only_entry(items[0].listed):
            yield Found(intext, cite, items[0].listed, "year differs")
        elif items:
            yield Found(intext, cite, None, "year matches none", tuple(i.listed for i in items))
        else:
            near = _fuzzy(cite, index, year, opts)
            if len(near) == 1:
                yield Found(intext, cite, near[0].listed, "author spelt otherwise")
            else:
                yield Found(intext, cite, None, "no match", tuple(i.listed for i in near))


def intext_matches(doc: Document, opts: MatchOptions | None = None) -> tuple[Found, ...]:
    """Every work cited in the running text with where it led (computed once per document and options)."""
    options = opts if opts is not None else MatchOptions()
    key = ("in-text matches", options.author_min_score)

    def compute() -> tuple[Found, ...]:
        citations = in_text_citations(doc)
        if not citations or not listed_works(doc):
            return ()
        index = _Index(doc)
        return tuple(
            found for intext in citations for cite in intext.cites for found in _match(intext, cite, index, options)
        )

    return doc.derived(key, compute)


def intext_cited(doc: Document) -> frozenset[int]:
    """Identities (`id`) of the entries an in-text citation leads to, or may lead to (ambiguous ones)."""
    return frozenset(
        id(listed.entry)
        for found in intext_matches(doc)
        for listed in ((found.listed,) if found.listed is not None else found.others)
    )


def relies_on_intext(doc: Document) -> bool:
    """Whether the text demonstrably cites the reference list in-text: three entries or more found that way."""
    return doc.derived(
        "relies on in-text citations",
        lambda: (
            len({id(f.listed.entry) for f in intext_matches(doc) if f.listed is not None and f.how != "year differs"})
            >= 3
        ),
    )
