"""Locator parsing and the page-style helpers: (input, expected) tables."""

from __future__ import annotations

import random
import re

import pytest

from loccit.linter.citations import locators, masking
from loccit.linter.citations.locators import find_locators, is_roman, page_locators
from loccit.linter.citations.page_style import (
    chicago_last,
    dash_kind,
    is_abbreviable,
    mhra_last,
    range_numbers,
    roman_value,
    shape_of,
)


def _shown(text: str) -> list[tuple[str, str, str]]:
    return [(loc.kind, loc.label, text[loc.parts[0].start : loc.end]) for loc in find_locators(text)]


LOCATORS = [
    ("Filtzer, The Khrushchev Era, p.20.", [("page", "p.", "20")]),
    ("Taubman, Khrushchev, Pp. 274-275.", [("page", "Pp.", "274-275")]),
    ("Service, Penguin. 2015. p.351", [("page", "p.", "351")]),
    ("Evans and Jenkins, Years, pp.407.", [("page", "pp.", "407")]),
    ("Herald Tribune, 16 October 1964, p1.", [("page", "p", "1")]),
    ("Linden, Rivers, pg. 7.", [("page", "pg.", "7")]),
    ("Linden, Rivers, page 7.", [("page", "page", "7")]),
    ("Linden, Rivers, pages 7–9.", [("page", "pages", "7–9")]),
    ("Ibid., 45.", [("page", "", "45")]),
    ("Smith, Title (London, 1993), 3-10.", [("page", "", "3-10")]),
    ("Journal 48, no. 1 (2009): 10–32.", [("page", "", "10–32")]),
    ("Heppler, Dissertation, 200--201.", [("page", "", "200--201")]),
    ("White, in *Trails* (Lawrence: Kansas, 1991),\n    37.", [("page", "", "37")]),
    ("Linden, Rivers, p. xiv.", [("page", "p.", "xiv")]),
    ("Linden, Rivers, pp. xi–xv.", [("page", "pp.", "xi–xv")]),
    ("Linden, Rivers, pp. 3, 5, 7-9.", [("page", "pp.", "3, 5, 7-9")]),
    ("Linden, Rivers, pp. 45ff.", [("page", "pp.", "45")]),
    ("Linden, Rivers, 45 n. 3.", [("page", "", "45"), ("note", "n.", "3")]),
    ("Linden, Rivers, nn. 3–5.", [("note", "nn.", "3–5")]),
    ("Linden, Rivers, ch. 3.", [("division", "ch.", "3")]),
    ("17 U.S.C. § 12.", [("division", "§", "12")]),
    ("Linden, Rivers, 2:145.", [("volume", "2", "145")]),
    ("Plato, Meno 81d4-5.", [("pinpoint", "", "81d4-5")]),
    ("Harris, 536 U.S. 194, 200 (2002).", [("pinpoint", "536 U.S. 194, ", "200")]),
    ("Id. at 5.", [("pinpoint", "at", "5")]),
    ("Fed. R. Civ. P. 12(b)(6).", []),
    ("In 1999, 45 people came.", []),
    ("Linden, Rivers (London, 1993), 1999.", []),
    ("Memoirs, Reformer,1945-1964 (Pennsylvania 2006.)", []),
    ("1. UCLA (University of California), 2. SRI", []),
    ("Bivens-Tatum notes his bias on page 4 of his book.", []),
    ("See https://example.org/p.3 and `p. 4`.", []),
    ("Heppler [@white2004hybrid, 562--664] and more.", []),
    ("pi and the P1 protocol", []),
]


@pytest.mark.parametrize(("text", "expected"), LOCATORS)
def test_find_locators(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _shown(text) == expected


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("Weil, 'Harbours', Sea Review, 94 (1999), 13–15.", "article"),
        ("Sea Review 94 (Spring 1999): 13–15.", "article"),
        ("Weil, Harbours, vol. 2, p. 45.", "volume"),
        ("Weil, Harbours, vol. 2, 45.", "volume"),
        ("Weil, Harbours (Bristol, 1998), 45.", ""),
    ],
)
def test_locator_context(text: str, context: str) -> None:
    (locator,) = page_locators(text)
    assert locator.context == context


@pytest.mark.parametrize(
    ("text", "family", "case", "dot", "space", "plural"),
    [
        ("A, p.3.", "p", "lower", True, False, False),
        ("A, p. 3-5.", "p", "lower", True, True, True),
        ("A, Pp. 3-5.", "p", "title", True, True, True),
        ("A, PP. 3.", "p", "upper", True, True, False),
        ("A, pg. 3.", "pg", "lower", True, True, False),
        ("A, page 3.", "page", "lower", False, True, False),
        ("A, 3ff.", "", "lower", False, False, True),
    ],
)
def test_label_shape(text: str, family: str, case: str, dot: bool, space: bool, plural: bool) -> None:
    (locator,) = page_locators(text)
    shape = shape_of(locator)
    assert (shape.family, shape.case, shape.dot, shape.space, locator.plural) == (family, case, dot, space, plural)


@pytest.mark.parametrize(
    ("first", "last", "chicago", "mhra"),
    [
        (3, 10, "10", "10"),
        (71, 72, "72", "72"),
        (96, 117, "117", "117"),
        (100, 104, "104", "04"),
        (1100, 1113, "1113", "13"),
        (101, 108, "8", "08"),
        (808, 833, "33", "33"),
        (1103, 1104, "4", "04"),
        (321, 328, "28", "28"),
        (498, 532, "532", "532"),
        (1087, 1089, "89", "89"),
        (1496, 1500, "500", "1500"),
        (11564, 11615, "615", "11615"),
        (12991, 13001, "3001", "13001"),
        (13, 15, "15", "15"),
        (1933, 1939, "39", "39"),
    ],
)
def test_inclusive_numbers(first: int, last: int, chicago: str, mhra: str) -> None:
    assert chicago_last(first, last) == chicago
    assert mhra_last(first, last) == mhra


@pytest.mark.parametrize(
    ("text", "numbers", "abbreviable"),
    [
        ("A, 274-75.", (274, 275), True),
        ("A, 274-275.", (274, 275), True),
        ("A, 296–301.", (296, 301), False),
        ("A, 71–72.", (71, 72), False),
        ("A, 386-374.", (386, 374), False),
        ("A, 386-74.", (386, 374), False),
        ("A, pp. xi–xv.", (11, 15), False),
    ],
)
def test_range_numbers(text: str, numbers: tuple[int, int], abbreviable: bool) -> None:
    (locator,) = page_locators(text)
    assert range_numbers(locator.parts[0]) == numbers
    assert is_abbreviable(*numbers) == abbreviable


@pytest.mark.parametrize(
    ("dash", "kind"),
    [
        ("-", "hyphen"),
        ("\u2013", "en"),
        ("--", "en"),
        ("\u2014", "em"),
        (" - ", "hyphen spaced"),
        (" \u2013 ", "en spaced"),
    ],
)
def test_dash_kind(dash: str, kind: str) -> None:
    assert dash_kind(dash) == kind


@pytest.mark.parametrize(("word", "value"), [("xiv", 14), ("XLII", 42), ("mcmxc", 1990), ("iv", 4)])
def test_roman(word: str, value: int) -> None:
    assert is_roman(word) and roman_value(word) == value


@pytest.mark.parametrize("word", ["", "iiii", "vx", "mix2", "did"])
def test_not_roman(word: str) -> None:
    assert not is_roman(word)


_PIECES = (
    "p.",
    "pp.",
    "n.",
    "nn.",
    "notes",
    "ch.",
    "chapters",
    "§§",
    "¶",
    "secs.",
    "section",
    "paras.",
    "fols.",
    "ll.",
    "lines",
    "cols.",
    "arts.",
    "bk.",
    "pt.",
    "at ",
    "12",
    "1999",
    "4b",
    "IV:",
    "XLC:",
    "iv",
    ":",
    ", ",
    " and ",
    "-",
    " ",
    "\n",
    "a",
    "c",
    "e",
    ".",
    "/",
    "Smith ",
    "Vol. ",
    "(",
    ")",
    "٣",
    "\u00a0",
    "_",
    "`",
    "<b>",
    "@",
    "](x)",
    "][y]",
    "{{",
    "http://",
    "www.",
    "doi:",
    "10.",
    "1234/",
    ".com",
    ".HTML",
    ".htmlx",
)


def _samples(count: int) -> list[str]:
    rng = random.Random(7)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 14))) for _ in range(count)]


def test_other_locators_start_where_the_full_pattern_matches() -> None:
    for text in _samples(20000):
        expected = [m.start() for m in locators._OTHER.finditer(text) if _has_parts(text, m)]
        assert [loc.start for loc in locators._others(text)] == expected, text


def _has_parts(text: str, m: re.Match[str]) -> bool:
    return m.lastgroup == "stephanus" or bool(locators._parts(text, m.end(), roman=False))


def test_masking_skips_only_notes_without_literals() -> None:
    for text in _samples(20000):
        expected = masking._LITERALS.sub(lambda m: masking._keep_brackets(m.group()), text)
        assert masking.mask_literals.__wrapped__(text) == expected, text
