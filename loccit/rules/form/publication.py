"""Facts of publication in brackets, `(Place: Publisher, Year)`, and how they go wrong (F003)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from loccit.linter.citations.masking import mask_literals
from loccit.linter.citations.years import YEAR_DIGITS
from loccit.linter.diagnostics import Fix, Rule, Severity, Violation
from loccit.linter.model import Document

_GROUP = re.compile(rf"\((?P<body>[^()\n]{{0,120}}?\b{YEAR_DIGITS}[a-z]?)(?P<tail>[ .,;:]{{0,3}})\)")
_BEFORE_YEAR = re.compile(rf"(?P<sep>[,:;]?)(?P<space>\s*){YEAR_DIGITS}[a-z]?$")
_WORD = re.compile(rf"(?P<word>[^\s,:;]{{1,40}})\s+{YEAR_DIGITS}[a-z]?$")
_DOUBLED = re.compile(r"[,:;]\s*[,:;]|\s[,:;]")
_DATE_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec spring summer autumn fall winter "
    "ad bc ce bce c ca circa "
    # university terms, which date a lecture or an issue as a season does: (Lent 2010), (Michaelmas 2010)
    "lent michaelmas hilary trinity easter candlemas whitsun epiphany".split()
)
# French typography sets a space before a colon: "(S.l. : s.n., 1990)", "(Paris : Seuil, 1990)".
_FRENCH_COLON = re.compile(r"\b[Ss]\.\s?[ln]\.\s:")
_SPACED_COLON = re.compile(r"\s[:;]")
_TIGHT_COLON = re.compile(r"[^\s:;][:;]")


class Group(NamedTuple):
    """A bracketed group ending in a year: absolute offsets and its parts."""

    start: int
    end: int
    body: str
    tail: str

    @property
    def text(self) -> str:
        """The group as written."""
        return f"({self.body}{self.tail})"


def _groups(doc: Document) -> list[Group]:
    """Every bracketed group ending in a year in the notes and entries."""
    found = []
    sources = [(d.text_start, d.text) for d in doc.definitions]
    for base, text in sources + [(e.text_start, e.text) for e in doc.entries]:
        for m in _GROUP.finditer(mask_literals(text)):
            found.append(Group(base + m.start(), base + m.end(), m.group("body"), m.group("tail")))
    return found


def _separated(body: str) -> bool | None:
    """Whether a place or publisher is set off from the year (None: the group is only a date or a year)."""
    m = _BEFORE_YEAR.search(body)
    if m is None or not body[: m.start()].strip():
        return None
    if m.group("sep"):
        return True
    word = _WORD.search(body)
    if word is None:
        return None
    token = word.group("word")
    dated = all(piece in _DATE_WORDS for piece in re.split(r"[/\u2013-]", token.lower().strip("*_")))
    if token.endswith(".") or dated or token[0].isdigit() or token.islower():
        return None  # "(9th Cir. 2004)", "(Spring 2006)", "(26 April 2007)", "(first published 1950)"
    return False


def _stray(body: str, french: bool) -> bool:
    """Whether a group's separators are doubled or stray; a space before a colon is French, not stray, in French."""
    if french or _FRENCH_COLON.search(body):
        body = _SPACED_COLON.sub(":", body)
    return _DOUBLED.search(body) is not None or body[:1] in ",:; "


def _french(groups: list[Group]) -> bool:
    """Whether most groups with a colon or semicolon (two at least) set a space before it, as French does."""
    plain = [g.body for g in groups if not _FRENCH_COLON.search(g.body)]  # "S.l. :" is French anyway
    spaced = sum(1 for body in plain if _SPACED_COLON.search(body))
    tight = sum(1 for body in plain if _TIGHT_COLON.search(body))
    return spaced >= 2 and spaced > tight


def _problems(group: Group, separator_habit: bool, french: bool = False) -> list[str]:
    """What is wrong with a group, in words; empty when nothing is."""
    problems = []
    if separator_habit and _separated(group.body) is False:
        problems.append("no comma before the year")
    if group.tail.strip():
        problems.append(f'"{group.tail.strip()}" before the closing parenthesis')
    if _stray(group.body, french) or group.tail[:1] == " ":
        problems.append("stray punctuation or space")
    return problems


def _fixed(group: Group, separator_habit: bool) -> str:
    """A group rewritten without its stray punctuation and with its missing comma."""
    body = " ".join(re.sub(r"\s*([,:;])(?:\s*[,:;])*", r"\1 ", group.body).split()).strip(",:; ")
    if separator_habit and _separated(body) is False:
        body = re.sub(r"\s+(\d{4}[a-z]?)$", r", \1", body)
    return f"({body})"


def check_publication_parenthetical(doc: Document, opts: object) -> Iterator[Violation]:
    """Flag malformed facts of publication in brackets, such as `(Pennsylvania 2006.)`.

    A group ending in a year is malformed when punctuation sits before its closing parenthesis,
    when separators are doubled or stray, or, in an essay whose groups usually set the place or
    publisher off with a comma (`(London, 1993)`), when a place runs straight into the year.
    Dates and court parentheticals (`(Spring 2006)`, `(9th Cir. 2004)`) are not places.
    """
    groups = _groups(doc)
    kinds = [kind for kind in (_separated(g.body) for g in groups) if kind is not None]
    habit = sum(kinds) * 2 > len(kinds)
    french = _french(groups)
    for group in groups:
        problems = _problems(group, habit, french)
        if problems:
            span = doc.span(group.start, group.end)
            fix = Fix(span, _fixed(group, habit), safe=False)
            message = f'publication facts "{group.text}": ' + "; ".join(problems)
            yield Violation(span, message, fix)


PUBLICATION_PARENTHETICAL = Rule(
    "F003",
    "publication-parenthetical",
    "Malformed facts-of-publication group",
    check_publication_parenthetical,
    Severity.WARNING,
    fixable=True,
)
