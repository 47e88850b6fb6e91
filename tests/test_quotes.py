"""Unpaired quote marks, with apostrophes told apart: an (input, expected) table."""

from __future__ import annotations

import pytest

from loccit.linter.citations.quotes import unpaired_quotes

QUOTES = [
    ("“The Thaw,” Review", []),
    ("Khrushchev’s reforms in the 1940’s; O'neil; Arm’s Races", []),
    ("‘Khrushchev ‘Resigns’ All His Functions, Reason’, Tribune", []),
    ("‘Khrushchev’s Policy and the Campaign of 1954’ Soviet Studies", []),
    ("‘The Soviets’ Plans,’ in Essays", []),
    ("the Soviets’ plans", []),
    ("‘90s music and ’tis so", []),
    ('"The Silver Age of Comics,” in which', []),
    ("„Die Wende“ war", []),
    ("«Le dégel»", []),
    ('"\\`necessary to prevent escape,\'" Brief', []),
    ("The Culture of the Thaw,’ Russian Studies", [(24, "’", False)]),
    ("“Echoes of Reform, Slavic Notes", [(0, "“", True)]),
    ("Wadleigh H.S.” January 1, 1937”, Surveys", [(13, "”", False), (30, "”", False)]),
    ('deals solely with the "essence"";', [(31, '"', False)]),
    ("‘Open and never closed", [(0, "‘", True)]),
    ("a good 'ol tune, 'em all, and Bacon 's essay", []),
    ("Saadi. *Kitab al-tibb wa-'l-adab*, 'ilm and 'amal", []),
    ("*Iḥyā' 'ulūm al-dīn*. Cairo, 1957", []),
    ("He said 'each one, don't you", [(8, "'", True)]),
    ("The 'Olympic ideal", [(4, "'", True)]),
]


@pytest.mark.parametrize(("text", "expected"), QUOTES)
def test_unpaired_quotes(text: str, expected: list[tuple[int, str, bool]]) -> None:
    assert [(q.offset, q.mark, q.opening) for q in unpaired_quotes(text)] == expected
