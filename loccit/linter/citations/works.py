"""Parse note texts and bibliography entries into the works they cite, with offsets into the parsed text."""

from __future__ import annotations

import functools
import re
from enum import Enum
from typing import NamedTuple

from loccit.linter.citations import imprint as imp
from loccit.linter.citations.authors import author_list, same_author_dashes
from loccit.linter.citations.commentary import CUE, mask, restarts
from loccit.linter.citations.imprint import Field, Imprint
from loccit.linter.citations.names import Name, name_like, parse_names
from loccit.linter.citations.parts import (
    EDITED,
    ENTRY_PART,
    IN,
    after_initial,
    dated_parts,
    find_container,
    names_after,
    read_publication,
    region_at,
    skip,
    title_field,
)
from loccit.linter.citations.scan import Region, regions, split_chunks

_SAME_WORK = re.compile(r"(?:op|loc)\.?\s?cit\.?|supra|ibid\.?", re.I)
_BY = re.compile(r"[\s,]{0,3}by\s{1,3}([A-Z][^,;:()\n]{0,80}?)(?=[,;:()]|$)")
_NO_DATE = re.compile(r"\bn\.\s?d\.")
_IBID = re.compile(r"(?:[Ii]bid(?:em)?|[Ii]d)\b\.?")
_PLAIN_STOP = re.compile(
    r"\(|[,.][’”]|,\s{0,2}(?:[Pp]{1,2}\.|PP?\.|[Vv]ol(?:ume)?\b|https?:|<|trans\.|eds?\.|edited\s|translated\s)|"
    r"\s[Pp]p?\.\s{0,2}\d|"
    r"\.\s{1,3}(?:\d|https?:|<http)|https?://|,\s{1,2}(?=\d[\dxivlc\s,–\-]{0,40}\.?\s{0,3}$)"
)


class Kind(str, Enum):
    """How a note cites a work."""

    FULL = "full"
    SHORT = "short"
    IBID = "ibid"


class Work(NamedTuple):
    """One cited work: who, what, where and when, with offsets into the parsed text."""

    kind: Kind
    start: int
    end: int
    authors: tuple[Name, ...] = ()
    role: str = "author"
    title: Field | None = None
    quoted: bool = False
    container: Field | None = None
    editors: tuple[Name, ...] = ()
    imprint: Imprint = Imprint()
    locator: Field | None = None
    url: Field | None = None
    accessed: Field | None = None
    same_author: bool = False

    @property
    def lead(self) -> str:
        """The surnames of the authors as written ("Evans and Jenkins"), or "" when anonymous."""
        surnames = [name.surname for name in self.authors]
        return " and ".join(surnames) if len(surnames) <= 2 else f"{surnames[0]} et al."


def _undated(text: str, start: int, end: int) -> bool:
    """Whether a citation says it has no date ("n.d."), as full citations of archival papers do."""
    return _NO_DATE.search(text, start, end) is not None


def _with_journal(publication: Imprint, text: str, start: int, end: int) -> Imprint:
    """Add the volume and issue written anywhere after the title ("Volume 24, No.3", "80, no. 4")."""
    volume, issue = imp.journal(text, start, end)
    return publication._replace(volume=publication.volume or volume, issue=publication.issue or issue)


def parse_citation(text: str, start: int, end: int, inverted: bool = False) -> Work | None:
    """Parse one citation in text[start:end]; None when it does not read as one."""
    cue = CUE.match(text, start, end)
    start = cue.end() if cue else skip(text, start, end, " \t\n")
    ibid = _IBID.match(text, start, end)
    if ibid and not inverted:
        return Work(Kind.IBID, start, end, locator=imp.locator(text, ibid.end(), end))
    found = regions(text, start, end)
    authors, role, after, dashes = author_list(text, start, end, found, inverted)
    i = skip(text, after, end)
    if authors and text.startswith("in ", i) and region_at(found, skip(text, i + 3, end)):
        i = skip(text, i + 3, end)
    region = region_at(found, i)
    if region is not None:
        return _marked(text, start, end, found, region, authors, role, dashes, inverted)
    return _plain(text, start, end, i, authors, role, inverted, dashes)


def _marked(
    text: str,
    start: int,
    end: int,
    found: list[Region],
    region: Region,
    authors: tuple[Name, ...],
    role: str,
    dashes: bool,
    inverted: bool,
) -> Work | None:
    title = title_field(text, region)
    quoted = region.kind == "quote"
    i = region.end
    byline = _BY.match(text, i, end)
    if byline and not inverted:
        # "“The Origins of RFCs” by Stephen D. Crocker": the author follows the title.
        named, _ = parse_names(text, byline.start(1), byline.end(1), inverted=False)
        if named and all(name_like(text[n.start : n.end]) for n in named):
            authors, i = named, byline.end(1)
    container: Field | None = None
    editors: tuple[Name, ...] = ()
    rest = skip(text, i, end, " \t\n,.:")
    loc = imp.locator(text, i, end) or imp.bare_locator(text, i, end)
    if rest < (loc.start if loc else end) and (quoted or IN.match(text, i, end)):
        container, after = find_container(text, i, end, found)
        editors = names_after(text, after, end)
        if container is not None and not imp.YEAR.search(container.text):
            i = after
    elif inverted:
        editors = names_after(text, i, end)
    publication, found_loc = read_publication(text, i, end, inverted)
    loc = found_loc or loc
    publication = _with_journal(publication, text, region.end, end)
    web = imp.url(text, start, end)
    full = _full(text, region.end, end, publication, container, web)
    if not authors and not full and not dashes and loc is None:
        return None
    kind, accessed = Kind.FULL if full else Kind.SHORT, imp.accessed(text, start, end)
    return Work(
        kind, start, end, authors, role, title, quoted, container, editors, publication, loc, web, accessed, dashes
    )


def _plain(
    text: str,
    start: int,
    end: int,
    i: int,
    authors: tuple[Name, ...],
    role: str,
    inverted: bool,
    dashes: bool,
) -> Work | None:
    if inverted:
        return _plain_entry(text, start, end, i, authors, role, dashes)
    stop = _PLAIN_STOP.search(text, i, end)
    title_end = stop.start() if stop else end
    title = imp.field(text, i, title_end)
    if authors and title is not None and _SAME_WORK.fullmatch(title.text):
        if title.text.casefold().startswith("ibid"):  # "Workstations, Ibid., p. 129"
            return Work(Kind.IBID, start, end, locator=imp.locator(text, title.end, end))
        title = None  # "Marsden, op. cit., 12": the work cited last under this name
    container = None
    if stop and text[stop.start() : stop.end()] in {",’", ".’", ",”", ".”"}:
        container, _ = find_container(text, stop.end(), end, regions(text, stop.end(), end))
    elif title is not None and imp.MONTHS.search(text, title_end, end):
        title, container = _periodical(text, title)
    publication, loc = read_publication(text, title_end, end)
    publication = _with_journal(publication, text, title_end, end)
    web = imp.url(text, start, end)
    full = _full(text, title_end, end, publication, container, web)
    if not authors:
        words = len(title.text.split()) if title else 99
        follows = text[title_end : title_end + 3].lstrip(" ,").startswith("(")
        plain = title is not None and "," not in title.text and not regions(text, title.start, title.end)
        if not (full and follows and words <= 12 and plain):
            return None
    elif title is None and loc is None:
        return None
    elif (
        not full and title is not None and (len(title.text.split()) > 15 or not title.text[:1].isupper() or loc is None)
    ):
        return None
    kind, accessed = Kind.FULL if full else Kind.SHORT, imp.accessed(text, start, end)
    return Work(kind, start, end, authors, role, title, False, container, (), publication, loc, web, accessed, dashes)


def _full(text: str, after: int, end: int, publication: Imprint, container: Field | None, web: Field | None) -> bool:
    """Whether a citation is a full one: a year with a place, publisher, container or bracketed imprint after
    the title (from `after`), an "n.d.", or a URL."""
    stated = container is not None or publication.place or publication.publisher or text.find("(", after, end) >= 0
    return publication.year is not None and bool(stated) or _undated(text, after, end) or web is not None


def _plain_entry(
    text: str,
    start: int,
    end: int,
    i: int,
    authors: tuple[Name, ...],
    role: str,
    dashes: bool,
) -> Work | None:
    """A bibliography entry with an unmarked title: parts separated by periods, the imprint in the last."""
    web = imp.URL.search(text, i, end)
    stop = web.start() if web else end
    parts = [i] + [m.end() for m in ENTRY_PART.finditer(text, i, stop) if not after_initial(text, m.start())]
    dated = dated_parts(text, parts, stop)
    if not dated:
        title = imp.field(text, i, stop)
        return Work(Kind.FULL, start, end, authors, role, title, same_author=dashes) if title else None
    last = dated[-1]
    edited = EDITED.search(text, i, last)
    title_end = min(last, edited.start()) if edited else last
    # "Baran, Paul. On Distributed Communications. Rand Corporation. Santa Monica. 1962.": the title ends
    # where a part naming a publisher begins.
    bounds = [*parts[1:], stop]
    for part, part_end in zip(parts[1:], bounds[1:], strict=True):
        if (
            part < title_end
            and len(text[part:part_end].split()) <= 6
            and imp.PUBLISHER_WORDS.search(text, part, part_end)
        ):
            title_end = part
            break
    if title_end <= i:
        year = imp.YEAR.search(text, last, stop)
        comma = text.rfind(",", last, year.start() if year else stop)
        title_end = comma if comma > i else (year.start() if year else stop)
    title = imp.field(text, i, title_end)
    publication = imp.imprint(text, max(title_end, last), stop)
    return Work(
        Kind.FULL,
        start,
        end,
        authors,
        role,
        title,
        imprint=publication,
        url=imp.url(text, start, end),
        same_author=dashes,
        editors=names_after(text, i, end),
    )


def _periodical(text: str, title: Field) -> tuple[Field, Field | None]:
    """Split "Great Speeches. The Guardian" (a dated note) into the title and the periodical after it."""
    cut = text.rfind(". ", title.start, title.end)
    name = text[cut + 2 : title.end] if cut > title.start else ""
    words = name.split()
    if not 1 <= len(words) <= 5 or any(char.isdigit() for char in name) or not all(w[:1].isupper() for w in words):
        return title, None
    head = imp.field(text, title.start, cut)
    return (head or title), imp.field(text, cut + 2, title.end)


def _trusted(text: str, work: Work) -> bool:
    """Whether a citation found after commentary is clear: full, or authors and a marked title."""
    return work.kind is Kind.FULL or bool(work.authors) and _marked_title(text, work)


def _marked_title(text: str, work: Work) -> bool:
    return work.title is not None and text[work.title.start - 1 : work.title.start] in "*_\"“‘'"


@functools.lru_cache(maxsize=4096)
def parse_note(text: str) -> tuple[Work, ...]:
    """Every work a note's text cites, in order; commentary without a citation gives nothing."""
    text = mask(text)
    works = []
    for start, end in split_chunks(text):
        work = parse_citation(text, start, end)
        if work is None:
            for restart in restarts(text, start, end):
                work = parse_citation(text, restart, end)
                if work is not None and _trusted(text, work):
                    break
                work = None
        if work is not None:
            works.append(work)
    return tuple(works)


@functools.lru_cache(maxsize=4096)
def parse_entry(text: str) -> Work | None:
    """The work a bibliography entry lists (inverted first author, parts separated by periods)."""
    text = mask(text)
    work = parse_citation(text, 0, len(text), inverted=True)
    if work is None or work.kind is not Kind.FULL:
        return None if work is None else work._replace(kind=Kind.FULL)
    return work


__all__ = ["Field", "Kind", "Name", "Work", "parse_entry", "parse_note", "same_author_dashes"]
