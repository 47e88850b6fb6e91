"""In-text citations against the reference list: missing works, spellings and years (B001, B003, B005 in the
text) and the author-date rules of their own: ambiguous citations, "et al." for two authors, a mix of styles
(B016-B018).
"""

from __future__ import annotations

from collections.abc import Iterator

from loccit.linter.citations.intext import Cite
from loccit.linter.citations.prose import in_text_citations
from loccit.linter.citations.scan import fold, tidy
from loccit.linter.diagnostics import Rule, Severity, Violation
from loccit.linter.matching.intext import Found, cite_key, entry_years, intext_matches, relies_on_intext
from loccit.linter.matching.resolve import MatchOptions
from loccit.linter.model import Document
from loccit.linter.patterns import LazyPattern
from loccit.rules.bibliography.common import entry_name

_ARTICLE_BEFORE = LazyPattern(r"(?:\b[Tt]he|\b[Aa]n?|\b[Tt]his|\b[Tt]hat|\b[Ii]ts|\b[Hh]is|\b[Hh]er|\b[Tt]heir)\s+\Z")


def shown(cite: Cite) -> str:
    """A cited work as messages quote it: "Hale and Okafor 2019", "Franklin et al. 2013", "Franklin 45"."""
    names = " and ".join(cite.names) if len(cite.names) <= 2 else f"{', '.join(cite.names[:-1])} and {cite.names[-1]}"
    names += " et al." if cite.et_al else ""
    if cite.title is not None:
        names = f"{names}, {cite.title}" if names else cite.title
    return f"{names} {cite.year or cite.pages or ''}".strip()


def _listed_text(doc: Document) -> str:
    return doc.derived(
        "folded listed entries",
        lambda: f" {fold(' '.join(e.text for s in doc.source_sections for e in s.entries))} ",
    )


def _named_in_list(doc: Document, cite: Cite) -> bool:
    """Whether the reference list's text holds the cited surname anywhere: then its entry was misread, not absent."""
    words = fold(cite.names[0]).split()
    return bool(words) and f" {words[-1]} " in _listed_text(doc)


def _sure_missing(doc: Document, found: Found, mla: bool) -> bool:
    """Whether an unmatched citation is surely one, and surely of a work the list lacks."""
    cite = found.cite
    if found.how != "no match" or found.others or (cite.year is None and not mla) or cite.possessive:
        return False  # a possessive may be a place's or a body's ("Britain’s (1990) policy")
    if cite.year is None and cite.pages is not None and not cite.pages[:1].isdigit():
        return False  # "(Part ii)", "(Act iii)": a roman page proves no author
    if cite.title is not None:  # no entry's text holds anything like the title: short ones are left alone
        return len(fold(cite.title).replace(" ", "")) >= 6
    name = cite.names[0]
    if name.isupper() or len(name.split()) > (2 if cite.narrative else 1) or _named_in_list(doc, cite):
        return False  # an abbreviation, a phrase of capitalised words, or an entry the parser misread
    if cite.year is not None and ("," in cite.year or not cite.year[:1].isdigit() and cite.year != "n.d."):
        return False
    return not (cite.narrative and _ARTICLE_BEFORE.search(doc.text, max(0, cite.start - 8), cite.start))


def _mla_habit(doc: Document) -> bool:
    return sum(1 for f in intext_matches(doc) if f.cite.year is None and f.listed is not None) >= 3


def check_intext_missing(doc: Document, opts: MatchOptions) -> Iterator[Violation]:
    """B001 in the text: an in-text citation of a work no entry lists, once per surname and year."""
    if not relies_on_intext(doc):
        return
    mla = _mla_habit(doc)
    seen: set[tuple[str, str | None]] = set()
    for found in intext_matches(doc, opts):
        cite = found.cite
        key = (cite_key(cite.names[0]) if cite.names else "", cite.title or cite.year)
        if key in seen or not _sure_missing(doc, found, mla):
            continue
        seen.add(key)
        yield Violation(
            doc.span(cite.start, cite.end),
            f'in-text citation "{shown(cite)}" cites a work no bibliography entry lists',
        )


def _name_span_end(doc: Document, cite: Cite) -> int:
    name = cite.names[0]
    at = doc.text.find(name, cite.start, cite.end)
    return at + len(name) if at >= 0 else cite.end


def check_intext_author(doc: Document, opts: MatchOptions) -> Iterator[Violation]:
    """B003 in the text: a cited surname spelt otherwise than the one entry of that year it can be."""
    if not relies_on_intext(doc):
        return
    for found in intext_matches(doc, opts):
        if found.how != "author spelt otherwise" or found.listed is None:
            continue
        cite, listed = found.cite, found.listed
        start = doc.text.find(cite.names[0], cite.start, cite.end)
        if start < 0 or not listed.authors:
            continue
        yield Violation(
            doc.span(start, start + len(cite.names[0])),
            f'author differs from the bibliography entry for {entry_name(listed)}: text has "{cite.names[0]}", '
            f'bibliography has "{listed.authors[0].surname}"',
        )


def check_intext_year(doc: Document, opts: MatchOptions) -> Iterator[Violation]:
    """B005 in the text: the year of a citation that can only be one entry, and the entry gives another."""
    if not relies_on_intext(doc):
        return
    for found in intext_matches(doc, opts):
        if found.how != "year differs" or found.listed is None or found.cite.year is None:
            continue
        years, _ = entry_years(found.listed)
        listed_year = next(iter(sorted(y for y in years if y[:1].isdigit() and len(y) == 4)), None)
        if listed_year is None:
            continue
        cite = found.cite
        yield Violation(
            doc.span(cite.year_start, cite.year_end),
            f'year differs from the bibliography entry for {entry_name(found.listed)}: text has "{cite.year}", '
            f'bibliography has "{listed_year}"',
        )


def check_ambiguous(doc: Document, opts: MatchOptions) -> Iterator[Violation]:
    """Flag an in-text citation that fits two entries of the same author and year."""
    seen: set[tuple[str, str | None]] = set()
    for found in intext_matches(doc, opts):
        if found.how != "ambiguous":
            continue
        cite = found.cite
        key = (cite_key(cite.names[0]), cite.year)
        if key in seen:
            continue
        seen.add(key)
        lines = ", ".join(str(listed.entry.span.line) for listed in found.others)
        lettered = any(entry_years(listed)[1] for listed in found.others)
        advice = "name the one meant with its letter" if lettered else 'tell them apart with "a" and "b" after the year'
        yield Violation(
            doc.span(cite.start, cite.end),
            f'in-text citation "{shown(cite)}" fits {len(found.others)} entries (lines {lines}); {advice}',
        )


AMBIGUOUS_CITATION = Rule(
    "B016",
    "ambiguous-citation",
    "In-text citation fits several entries of the same author and year",
    check_ambiguous,
    Severity.WARNING,
    MatchOptions,
)


def check_two_author_et_al(doc: Document, opts: MatchOptions) -> Iterator[Violation]:
    """Flag "et al." in a citation of a work the reference list gives two authors."""
    for found in intext_matches(doc, opts):
        cite, listed = found.cite, found.listed
        if not cite.et_al or listed is None or len(listed.authors) != 2 or len(cite.names) != 1:
            continue
        if found.how not in {"surname and year", "surname"}:
            continue
        both = " and ".join(name.surname for name in listed.authors)
        yield Violation(
            doc.span(cite.start, cite.end),
            f'in-text citation "{shown(cite)}" uses "et al." for a work of two authors; write "{both}"',
        )


TWO_AUTHOR_ET_AL = Rule(
    "B017",
    "two-author-et-al",
    '"et al." in an in-text citation of a work with two authors',
    check_two_author_et_al,
    Severity.WARNING,
    MatchOptions,
)


def _habit(values: list[str]) -> str | None:
    """The form at least three citations and three quarters of them share, if any."""
    if len(values) < 4:
        return None
    best = max(set(values), key=values.count)
    count = values.count(best)
    return best if count >= 3 and count * 4 >= len(values) * 3 else None


_SEPARATOR_SHOWN = {"comma": "a comma between author and year", "space": "no comma between author and year"}
_MARK_SHOWN = {
    ":": 'the page after a colon ("2013: 45")',
    "p.": 'the page after "p." ("2013, p. 45")',
    ",": 'the page after a comma ("2013, 45")',
}


def check_style_mix(doc: Document, opts: object) -> Iterator[Violation]:
    """Flag a parenthetical citation written otherwise than the essay's own habit (APA's comma and "p.",
    Harvard's colon, Chicago's bare page)."""
    cites = [c for intext in in_text_citations(doc) for c in intext.cites if not c.narrative and c.year and c.names]
    separators = ["comma" if c.comma else "space" for c in cites]
    marks = [c.mark for c in cites if c.mark]
    separator, mark = _habit(separators), _habit(marks)
    for cite, form in zip(cites, separators, strict=True):
        problems, habits = [], []
        if separator is not None and form != separator:
            problems.append(f"has {_SEPARATOR_SHOWN[form]}")
            habits.append(_SEPARATOR_SHOWN[separator])
        if mark is not None and cite.mark and cite.mark != mark:
            problems.append(f"gives {_MARK_SHOWN[cite.mark]}")
            habits.append(_MARK_SHOWN[mark])
        if problems:
            yield Violation(
                doc.span(cite.start, cite.end),
                f'in-text citation "{tidy(doc.text[cite.start : cite.end])}" {" and ".join(problems)}; '
                f"the essay's habit is {' and '.join(habits)}",
            )


CITATION_STYLE_MIX = Rule(
    "B018",
    "citation-style-mix",
    "In-text citation written in another style than the essay's habit",
    check_style_mix,
    Severity.WARNING,
)
