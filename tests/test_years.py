"""The plausible years of publication: one pair of bounds, shared by the citation parser and the rules."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import pytest

from loccit.linter.citations.works import parse_note
from loccit.linter.citations.years import EARLIEST_YEAR, LATEST_YEAR, YEAR_DIGITS, plausible_year
from loccit.linter.diagnostics import Violation
from loccit.linter.markdown.parse import normalise, parse_document
from loccit.linter.model import Document
from loccit.rules.form.publication import check_publication_parenthetical as check_publication
from loccit.rules.form.spacing import check_citation_spacing as check_spacing
from loccit.rules.pages.labels import check_missing_locator as check_missing
from loccit.rules.pages.locators import PageOptions

BOUNDARY = [EARLIEST_YEAR - 1, EARLIEST_YEAR, 1455, 1499, 1500, 1993, LATEST_YEAR, LATEST_YEAR + 1]


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("1399", False),
        ("1400", True),
        ("1455", True),
        ("1500", True),
        ("1993", True),
        ("2099", True),
        ("2100", False),
        ("993", False),
        ("01993", False),
        ("19a3", False),
    ],
)
def test_plausible_year(number: str, expected: bool) -> None:
    assert plausible_year(number) is expected


def test_year_digits_match_the_plausible_years_exactly() -> None:
    numbers = [str(n) for n in range(1000, 10000)]
    assert [n for n in numbers if re.fullmatch(YEAR_DIGITS, n)] == [n for n in numbers if plausible_year(n)]


def _count(check: Callable[[Document, Any], Iterable[Violation]], text: str, opts: object = None) -> int:
    return len(list(check(parse_document("essay.md", normalise(text)), opts)))


def _essay(*notes: str) -> str:
    body = " ".join(f"Claim {i}.[^{i}]" for i in range(1, len(notes) + 1))
    return body + "\n\n" + "".join(f"[^{i}]: {n}\n" for i, n in enumerate(notes, 1))


@pytest.mark.parametrize("year", BOUNDARY)
def test_parser_and_rules_agree_on_the_earliest_year(year: int) -> None:
    # The parser took 1400-1499 for years while F002, F003 and P004 began at 1500.
    plausible = plausible_year(str(year))
    (work,) = parse_note(f"Colonna, *Hypnerotomachia* (Venice: Aldus, {year}), 4.")
    assert (work.imprint.year is not None and work.imprint.year.text == str(year)) is plausible
    glued = _essay(f"Colonna, *Studies* 24, No.3({year}), 374.")
    assert _count(check_spacing, glued) == int(plausible)
    stray = _essay(f"Colonna, *Hypnerotomachia* (Venice {year}.), 4.")
    assert _count(check_publication, stray) == int(plausible)
    pageless = _essay("A, *B* (London, 1990), 3.", "C, *D* (Leeds, 1991), 4.", f"E, *F* (Venice, {year}).")
    assert _count(check_missing, pageless, PageOptions()) == int(plausible)
