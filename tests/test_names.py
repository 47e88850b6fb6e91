"""Names in citations: which pieces read as names, and the given names and surnames parsed from notes and entries."""

from __future__ import annotations

import pytest

from loccit.linter.citations.names import name_like
from loccit.linter.citations.works import parse_entry, parse_note


def authors(work: object) -> list[tuple[str, str]]:
    return [(name.given, name.surname) for name in getattr(work, "authors", ())]


@pytest.mark.parametrize(
    ("piece", "expected"),
    [
        ("John Smith", True),
        ("A. B. Smith", True),  # initials are never the article "a" or the pronoun "I"
        ("A.B. Smith", True),
        ("I. Berlin", True),
        ("I. M. Pei", True),
        ("An Wang", True),  # "an" never comes before a consonant: a given name
        ("An Lushan", True),
        ("A Theory", False),  # without a period "A" is the article
        ("I Think", False),
        ("An Essay", False),
        ("An Historian", False),
        ("An MP", False),
        ("An Émigré", False),
        ("The Free Press", False),
        ("Our Model", False),
    ],
)
def test_name_like(piece: str, expected: bool) -> None:
    assert name_like(piece) is expected


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("John Smith, *Some Title* (London: X, 1990), 4.", [[("John", "Smith")]]),
        ("A. B. Smith, *Some Title* (London: X, 1990), 4.", [[("A. B.", "Smith")]]),
        ("A. B. Smith, *Some Title*, 4.", [[("A. B.", "Smith")]]),
        ("A. Smith, *Some Title* (London: X, 1990), 4.", [[("A.", "Smith")]]),
        ("I. Berlin, *Four Essays on Liberty* (Oxford: OUP, 1969), 4.", [[("I.", "Berlin")]]),
        ("I. M. Pei, *Buildings* (New York: Abrams, 1990), 4.", [[("I. M.", "Pei")]]),
        ("A.B. Smith and I. Berlin, *Two Views* (London: X, 1990), 4.", [[("A.B.", "Smith"), ("I.", "Berlin")]]),
        ("An Wang, *Lessons* (Reading, MA: Addison-Wesley, 1986), 4.", [[("An", "Wang")]]),
        ("I think so. A. B. Smith, *Some Title* (London: X, 1990), 4.", [[("A. B.", "Smith")]]),
        ("A Theory of Justice (Cambridge, 1971), 12.", [[]]),
        ("An Essay, 12.", []),
    ],
)
def test_note_authors(note: str, expected: list[list[tuple[str, str]]]) -> None:
    assert [authors(work) for work in parse_note(note)] == expected


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("Smith, A. B. *Some Title*. London: X, 1990.", [("A. B", "Smith")]),
        ("Berlin, I. *Four Essays on Liberty*. Oxford: OUP, 1969.", [("I", "Berlin")]),
        ("Wang, An. *Lessons*. Reading, MA: Addison-Wesley, 1986.", [("An", "Wang")]),
        ("Smith, Alan, and I. Berlin. *Two Views*. London: X, 1990.", [("Alan", "Smith"), ("I.", "Berlin")]),
        ("An Essay on Man. London: X, 1990.", []),
    ],
)
def test_entry_authors(entry: str, expected: list[tuple[str, str]]) -> None:
    assert authors(parse_entry(entry)) == expected
