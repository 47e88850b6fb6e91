"""Page labels: one style, agreeing with the pages they name, present in every citation (P001, P002, P004)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from loccit.linter.citations import page_style
from loccit.linter.citations.locators import Locator, find_locators
from loccit.linter.citations.masking import mask_literals
from loccit.linter.citations.page_style import BARE, CHICAGO_LABEL, LabelShape, is_plural_label, shape_of
from loccit.linter.citations.prose import in_text_citations
from loccit.linter.citations.scan import fold, tidy
from loccit.linter.citations.years import YEAR_DIGITS
from loccit.linter.diagnostics import Fix, Rule, Severity, Violation
from loccit.linter.matching.intext import intext_matches
from loccit.linter.model import Document
from loccit.linter.patterns import LazyPattern
from loccit.rules.habit import habit
from loccit.rules.pages.locators import (
    Located,
    PageOptions,
    located_entry_pages,
    located_intext_pages,
    located_pages,
)

_PUBLICATION = re.compile(rf"\([A-Z][^()\n]{{0,80}}[,:] ?{YEAR_DIGITS}\.?\)")


def _whose(style: str) -> str:
    """Whose habit a message names: the essay's, the essay's in-text citations' or the preset's."""
    if style == "in-text":
        return "the in-text citations'"
    return "the essay's" if style == "consistent" else f"{style}'s"


def _wanted_label(found: Sequence[Located], style: str) -> Callable[[Locator], LabelShape | None]:
    """For the style, a function giving the label shape a locator should have (None: any is fine)."""
    shapes = [shape_of(item.locator) for item in found]
    if style == "in-text":
        # Author-date styles differ in whether a page has a label at all ("2013, p. 45", "2013: 45", "Franklin 45");
        # B018 compares that. Here only labels are compared with labels: "p.45" and "pg. 45" beside "p. 45".
        usual = habit(shape_of(i.locator) for i in found if i.locator.label)
        return lambda loc: usual
    if style == "consistent":
        # An article's range after its year, "(2001): 232–40", is bare in every style: it shows no habit.
        usual = habit(shape_of(i.locator) for i in found if i.locator.label or i.locator.context != "article")
        return lambda loc: usual
    if style in page_style.CHICAGO:
        if shapes and all(shape.family == "p" for shape in shapes):
            return lambda loc: CHICAGO_LABEL
        return lambda loc: None if loc.context == "volume" and shape_of(loc) == CHICAGO_LABEL else BARE
    if style == "mhra":
        return lambda loc: BARE if loc.context in ("volume", "article") else CHICAGO_LABEL
    return lambda loc: BARE


def check_page_label_style(doc: Document, opts: PageOptions) -> Iterator[Violation]:
    """Flag a page label unlike the essay's habit or the configured style (`p.3`, `p. 3`, `Pp.`, `pg.`, none).

    Under `consistent` the habit is the label most page locators use (ties go to the first used),
    and a bare number in an essay whose habit is a label is left alone, as it may not be a page
    (a chapter of the *Laozi*, a line). Chicago and Turabian want bare page numbers (or `p.`/`pp.`
    throughout), MHRA `p. 3` except after a volume number or for an article's range, OSCOLA bare
    pinpoints. A page in brackets right after a quotation in a note's commentary is left alone. The labels of
    in-text citations ("(Franklin, 2013, p.45)") are compared with one another only, whatever the style: a bare
    page there ("2013: 45", "(Franklin 45)") is the author-date style's, not a missing label.
    """
    yield from _label_style(doc, located_pages(doc), opts.style)
    # In-text locators are held to their own habit, whatever the notes' style: Chicago's bare page is no rule there.
    yield from _label_style(doc, located_intext_pages(doc), "in-text")


def _label_style(doc: Document, found: Sequence[Located], style: str) -> Iterator[Violation]:
    """The label-style findings of one group of locators compared with one another (notes, or in-text)."""
    wanted = _wanted_label(found, style)
    for item in found:
        loc = item.locator
        if _after_quotation(doc.text, item.base + loc.start):
            continue
        want = wanted(loc)
        if want is None or want == shape_of(loc):
            continue
        if style in ("consistent", "in-text") and not loc.label:
            continue
        plural = is_plural_label(loc.label) if loc.label else loc.plural
        head = loc.parts[0]
        written = item.text(doc, loc.start, head.end)
        shown = want.render(plural) + item.text(doc, head.start, head.end)
        if written == shown:
            continue
        what = f'page label "{written}"' if loc.label else f'bare page "{written}"'
        fix = Fix(
            doc.span(item.base + loc.start, item.base + head.start),
            want.render(plural),
            safe=bool(loc.label) and want != BARE,
        )
        span = doc.span(item.base + loc.start, item.base + loc.end)
        yield Violation(span, f'{what} differs from {_whose(style)} "{shown}"', fix)


def _after_quotation(text: str, start: int) -> bool:
    """Whether a locator is bracketed right after a quotation (`… 1832” (p. 3)`): the quotation's page, in prose."""
    return text[max(0, start - 3) : start] in ("\u201d (", '" (', "\u2019 (")


def _singular_or_plural(label: str, plural: bool) -> str:
    """A label turned singular or plural, keeping its case and dot."""
    shape = shape_of(Locator("page", 0, 0, label, "", ()))
    return LabelShape(shape.family, shape.case, shape.dot, False).render(plural)


def check_page_label_number(doc: Document, opts: PageOptions) -> Iterator[Violation]:
    """Flag `pp.` before a single page (`pp.407`) and `p.` before a range or list of pages (`p. 9-25`).

    A locator with `f.` or `ff.` is left alone: it names a page and what follows. Bibliography entries and
    in-text citations are checked too (an article's `pp. 12-30`, "(Franklin, 2013, pp. 45)").
    """
    located = [*located_pages(doc), *located_entry_pages(doc), *located_intext_pages(doc)]
    for item in sorted(located, key=lambda item: item.base):
        loc = item.locator
        if not loc.label or loc.following or is_plural_label(loc.label) == loc.plural:
            continue
        pages = item.text(doc, loc.parts[0].start, loc.end)
        what = "the range" if loc.parts[0].is_range and len(loc.parts) == 1 else "the pages"
        if not loc.plural:
            what = "the single page"
        label = _singular_or_plural(loc.label, loc.plural)
        span = doc.span(item.base + loc.start, item.base + loc.end)
        fix = Fix(doc.span(item.base + loc.start, item.base + loc.start + len(loc.label)), label)
        yield Violation(span, f'page label "{loc.label}" before {what} "{pages}"; use "{label}"', fix)


def check_missing_locator(doc: Document, opts: PageOptions) -> Iterator[Violation]:
    """Flag a note citing a book (a place or publisher and a year in brackets) with no locator at all.

    Only where most such notes in the essay do give one; a note citing a whole work, or a web page
    without pages, is often right, so the rule is off by default. In the running text, an in-text citation
    right after a quotation of five words or more with no page, where most such citations give one.
    """
    citing = []
    for definition in doc.definitions:
        masked = mask_literals(definition.text)
        m = _PUBLICATION.search(masked)
        if m is not None and "\x00" not in masked:
            citing.append((definition.text_start, m, bool(find_locators(definition.text))))
    if sum(has for _, _, has in citing) * 2 > len(citing):
        for base, m, has in citing:
            if not has:
                span = doc.span(base + m.start(), base + m.end())
                yield Violation(span, f'no page given for the work published "{m.group()}"')
    yield from _quotation_without_page(doc)


def _quotation_without_page(doc: Document) -> Iterator[Violation]:
    """An in-text citation right after a quotation of five words or more, with no page, where most give one."""
    quoting = [
        (cite, quoted)
        for intext in in_text_citations(doc)
        if len(intext.cites) == 1 and not intext.ibid and (cite := intext.cites[0]).year and not cite.narrative
        if (quoted := _quotation_before(doc.text, intext.start)) is not None
    ]
    if len(quoting) < 3 or sum(cite.pages is not None for cite, _ in quoting) * 2 <= len(quoting):
        return
    paged = {
        (f.cite.start, f.cite.end): f.listed
        for f in intext_matches(doc)
        if f.listed and _paginated(f.listed.entry.text)
    }
    for cite, quoted in quoting:
        listed = paged.get((cite.start, cite.end))
        if cite.pages is None and listed is not None and not _is_title(quoted, listed.entry.text):
            yield Violation(
                doc.span(cite.start, cite.end),
                f'in-text citation "{tidy(doc.text[cite.start : cite.end])}" follows a quotation but gives no page; '
                "the essay's other quotations give one",
            )


# A web page, an electronic edition or an e-book has no pages to give; a DOI does not make an article one.
_UNPAGINATED = LazyPattern(
    r"https?://(?!(?:dx\.)?doi\.org/)|\bwww\.|\belectronic\b|\bonline\b|\bkindle\b|\be-?book\b", re.I
)


def _paginated(entry: str) -> bool:
    """Whether an entry's work has pages to cite (not a web page, an electronic edition, an e-book)."""
    return _UNPAGINATED.search(entry) is None


_QUOTATION_WORDS = 5  # a shorter quoted phrase is more often a term or a scare quote than a quotation
_QUOTATION_REACH = 600  # how far back the opening quotation mark is looked for


def _quotation_before(text: str, start: int) -> str | None:
    """The quotation of several words that closes just before start (`“…” (Franklin, 2013)`), or None."""
    end = start
    while end > 0 and text[end - 1] in " \t\n\u00a0":
        end -= 1
    closing = text[end - 1 : end]
    if closing not in ("\u201d", '"'):
        return None
    opening = "\u201c" if closing == "\u201d" else '"'
    at = text.rfind(opening, max(0, end - 1 - _QUOTATION_REACH), end - 1)
    quoted = text[at + 1 : end - 1]
    return quoted if at >= 0 and "\n\n" not in quoted and len(quoted.split()) >= _QUOTATION_WORDS else None


_TITLE_SCORE = 90  # how like a part of the cited entry quoted words must be to be its title, not a quotation


def _is_title(quoted: str, entry: str) -> bool:
    """Whether quoted words are the cited work's title, as its entry gives it (`the paper “Does Working from Home
    Work?” (Bloom et al., 2015)`): the entry's text is searched, as the title parsed from it may be cut short."""
    from rapidfuzz import fuzz

    return fuzz.partial_ratio(fold(quoted), fold(entry)) >= _TITLE_SCORE


PAGE_LABEL_STYLE = Rule(
    "P001",
    "page-label-style",
    "Page label unlike the essay's habit or the style",
    check_page_label_style,
    Severity.WARNING,
    PageOptions,
    fixable=True,
)
PAGE_LABEL_NUMBER = Rule(
    "P002",
    "page-label-number",
    "Plural page label before one page, or the reverse",
    check_page_label_number,
    Severity.WARNING,
    PageOptions,
    fixable=True,
)
MISSING_LOCATOR = Rule(
    "P004",
    "missing-locator",
    "Citation of a book or article gives no page",
    check_missing_locator,
    Severity.INFO,
    PageOptions,
    enabled=False,
)
