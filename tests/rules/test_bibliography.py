"""The B rules on small essays, on the seed essay (both styles) and, for crashes, on the real corpus."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import CORPUS
from hypothesis import given, settings
from hypothesis import strategies as st

from loccit.linter.diagnostics import Rule
from loccit.linter.markdown.parse import normalise, parse_document
from loccit.rules import BY_CODE, RULES

SEED = CORPUS / "seed"
REAL = CORPUS / "real"
B_RULES = [rule for rule in RULES if rule.code.startswith("B")]

ESSAY = """# Essay

Text.[^1] More.[^2]

[^1]: {one}
[^2]: {two}

## Bibliography

{entries}
"""


def findings(code: str, one: str, two: str, entries: str) -> list[str]:
    doc = parse_document("essay.md", normalise(ESSAY.format(one=one, two=two, entries=entries)))
    rule: Rule = BY_CODE[code]
    return [violation.message for violation in rule.check(doc, rule.options())]


FILTZER = "- Filtzer, Donald. *The Khrushchev Era*. London: Macmillan, 1993."
TAUBMAN = "- Taubman, William. *Khrushchev: The Man and His Era*. New York: Norton, 2003."


@pytest.mark.parametrize(
    ("code", "one", "two", "entries", "expected"),
    [
        (
            "B001",
            "Donald Filtzer, *The Khrushchev Era* (London, 1993), 3.",
            "Filtzer, *The Khrushchev Era*, 9.",
            FILTZER,
            [],
        ),
        (
            "B001",
            "Robert Conquest, *The Great Terror* (London, 1968), 3.",
            "Conquest, *The Great Terror*, 9.",
            FILTZER,
            ['note 1 cites "The Great Terror" by Conquest, which no bibliography entry lists'],
        ),
        ("B001", "The memoirs are unreliable here.", "Ibid.", FILTZER, []),
        (
            "B002",
            "Filtzer, *The Khrushchev Era*, 3.",
            "Ibid., 4.",
            FILTZER + "\n" + TAUBMAN,
            ["bibliography entry for Taubman is not cited in any note"],
        ),
        ("B002", "Commentary only.", "More commentary.", FILTZER, []),
        (
            "B003",
            "Don Filtzer, *The Khrushchev Era* (London, 1993), 3.",
            "Ibid.",
            FILTZER,
            [
                'author differs from the bibliography entry for "The Khrushchev Era": note has "Don Filtzer", '
                'bibliography has "Filtzer, Donald"'
            ],
        ),
        ("B003", "D. Filtzer, *The Khrushchev Era* (London, 1993), 3.", "Ibid.", FILTZER, []),
        (
            "B004",
            "Donald Filtzer, *The Khruschev Era* (London, 1993), 3.",
            "Ibid.",
            FILTZER,
            [
                'title differs from the bibliography entry for Filtzer: note has "The Khruschev Era", '
                'bibliography has "The Khrushchev Era"'
            ],
        ),
        ("B004", "William Taubman, *Khrushchev* (New York, 2003), 3.", "Taubman, *Khrushchev*, 5.", TAUBMAN, []),
        (
            "B005",
            "Donald Filtzer, *The Khrushchev Era* (London, 1992), 3.",
            "Ibid.",
            FILTZER,
            ['year differs from the bibliography entry for Filtzer: note has "1992", bibliography has "1993"'],
        ),
        ("B005", "Donald Filtzer, *The Khrushchev Era* (London: Macmillan, 1993), 3.", "Ibid.", FILTZER, []),
        (
            "B006",
            "Filtzer, *The Khrushchev Era*, 3.",
            "Ibid.",
            FILTZER + "\n" + FILTZER,
            ['bibliography lists Filtzer, "The Khrushchev Era" again (first on line 10)'],
        ),
        (
            "B007",
            "Filtzer, *The Khrushchev Era*, 3.",
            "Ibid.",
            TAUBMAN + "\n" + FILTZER,
            [
                'entry Filtzer, "The Khrushchev Era" is out of alphabetical order: it follows '
                'Taubman, "Khrushchev: The Man and His Era"'
            ],
        ),
        ("B007", "Filtzer, *The Khrushchev Era*, 3.", "Ibid.", FILTZER + "\n" + TAUBMAN, []),
        (
            "B007",
            "Norberg, *Halls*, 3.",
            "Nørgaard, *Fjords*, 4.",
            "- Nordahl, Ole. *Coasts*. 2003.\n- Nørgaard, Lise. *Fjords*. 2001.\n- Norup, Bent. *Halls*. 1998.",
            [],  # ø files as o: Nørgaard (norg) between Nordahl (nord) and Norup
        ),
        (
            "B007",
            "Bastian, *Rooms*, 3.",
            "de Bary, *Walls*, 4.",
            "- Bastian, Ann. *Rooms*. 1990.\n- de Bary, Luc. *Walls*. 1985.\n- Bauer, Eva. *Doors*. 2002.",
            [],  # "de Bary" filed under B, as Chicago allows for a lower-case particle
        ),
        (
            "B007",
            "Bastian, *Rooms*, 3.",
            "Bauer, *Doors*, 4.",
            "- Bastian, Ann. *Rooms*. 1990.\n- Bauer, Eva. *Doors*. 2002.\n"
            "- 12 It is worth adding that in 1950 the rule changed.",
            [],  # a footnote dropped into the list by a conversion is no entry to file
        ),
        (
            "B007",
            "Bastian, *Rooms*, 3.",
            "Zorn, *Walls*, 4.",
            "- Bastian, Ann. *Rooms*. 1990.\n- Zorn, Luc. *Walls*. 1985.\n- van Bauer, Eva. *Doors*. 2002.",
            ['entry van Bauer, "Doors" is out of alphabetical order: it follows Zorn, "Walls"'],
        ),
        (
            "B007",
            "De Souza, *Piracy*, 3.",
            "Décary-Hétu, *Police*, 4.",
            "- De Souza, Philip. *Piracy*. 1999.\n- Décary-Hétu, David. *Police*. 2014.",
            [],
        ),
        (
            "B007",
            "Filtzer, *The Khrushchev Era*, 3.",
            "Ibid.",
            "The format of some of these entries should be explained here, briefly. 1998.\n\n" + FILTZER,
            [],
        ),
        (
            "B006",
            "Eve, *Topsite (1999.01.21)*, 3.",
            "Eve, *Topsite (1999.04.27)*, 3.",
            "- Eve, Martin. *Topsite (1999.01.21)*. 1999.\n- Eve, Martin. *Topsite (1999.04.27)*. 1999.",
            [],
        ),
    ],
)
def test_rule(code: str, one: str, two: str, entries: str, expected: list[str]) -> None:
    assert findings(code, one, two, entries) == expected


def test_empty_section_and_missing_bibliography() -> None:
    doc = parse_document("e.md", normalise("# E\n\nA.[^1]\n\n[^1]: Taubman, *Era*, 13.\n\n## Sources\n"))
    assert [v.message for v in BY_CODE["B008"].check(doc, None)] == ['bibliography section "Sources" has no entries']
    assert list(BY_CODE["B009"].check(doc, None)) == []
    alone = parse_document("e.md", normalise("# E\n\nA.[^1]\n\n[^1]: Taubman, *Era*, 13.\n"))
    assert [v.span.line for v in BY_CODE["B009"].check(alone, None)] == [5]
    assert not BY_CODE["B009"].enabled


SEED_FINDINGS = {
    ("B001", "5"),
    ("B001", "21"),
    ("B003", "12"),
    ("B004", "11"),
    ("B004", "39"),
    ("B008", "Website Sources"),
}


@pytest.mark.skipif(not SEED.is_dir(), reason="../shared/corpus/seed is not available")
@pytest.mark.parametrize("name", ["khrushchev-footnotes.md", "khrushchev-numeric.md"])
def test_seed_acceptance(name: str) -> None:
    doc = parse_document(name, normalise((SEED / name).read_text(encoding="utf-8")))
    found = set()
    for rule in B_RULES:
        for violation in rule.check(doc, rule.options()):
            note = next((d for d in doc.definitions if d.span.start <= violation.span.start < d.span.end), None)
            found.add((rule.code, note.label if note else doc.text[violation.span.start : violation.span.end]))
    found = {(code, "Website Sources" if "Website Sources" in where else where) for code, where in found}
    assert found == SEED_FINDINGS


@pytest.mark.skipif(not SEED.is_dir(), reason="../shared/corpus/seed is not available")
def test_seed_short_forms_and_namesakes_resolve() -> None:
    from loccit.linter.matching.resolve import resolve

    doc = parse_document("s.md", normalise((SEED / "khrushchev-footnotes.md").read_text(encoding="utf-8")))
    by_note = {r.citation.note.label: r for r in resolve(doc).resolutions}
    for label in ("7", "20", "22", "26", "31", "35", "36"):
        assert by_note[label].listed is not None, label
    assert by_note["30"].listed is not None and by_note["30"].listed.entry.text.startswith("Swain")
    assert by_note["40"].listed is not None and by_note["40"].listed.entry.text.startswith("Frankland")
    assert by_note["19"].listed is not None and "Herald Tribune" in by_note["19"].listed.entry.text
    assert by_note["23"].listed is not None and by_note["23"].listed.entry.text.startswith("Simonov")


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus/real is not available")
@pytest.mark.parametrize("path", sorted(REAL.glob("*.md")) if REAL.is_dir() else [], ids=lambda p: p.name[:40])
def test_real_documents_do_not_crash(path: Path) -> None:
    doc = parse_document(str(path), normalise(path.read_bytes().decode("utf-8", "replace")))
    for rule in B_RULES:
        for violation in rule.check(doc, rule.options()):
            assert 0 <= violation.span.start <= violation.span.end <= len(doc.text)


PIECES = st.sampled_from(
    [
        "Filtzer",
        "Donald",
        ", ",
        ". ",
        "; ",
        " and ",
        "*",
        "_",
        "“",
        "”",
        "‘",
        "’",
        '"',
        "(",
        ")",
        "London",
        "1993",
        "p. 3",
        "Ibid.",
        "———.",
        "eds.",
        "in ",
        "de ",
        "https://x.org/a",
        "n.d.",
        ":",
        "\n",
        "[^1]",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=40), st.lists(PIECES, max_size=40))
def test_rules_never_crash(note: list[str], entry: list[str]) -> None:
    text = f"# E\n\nA.[^1]\n\n[^1]: {''.join(note)}\n\n## Bibliography\n\n- {''.join(entry)}\n- {''.join(entry)}\n"
    doc = parse_document("e.md", normalise(text))
    for rule in B_RULES:
        for violation in rule.check(doc, rule.options()):
            assert 0 <= violation.span.start <= violation.span.end <= len(doc.text)


def test_shared_bibliography_file_serves_every_chapter() -> None:
    chapter = parse_document(
        "ch1.md",
        normalise(
            "# One\n\nA.[^1] B.[^2]\n\n[^1]: Filtzer, *The Khrushchev Era*, 3.\n"
            "[^2]: Robert Conquest, *The Great Terror* (London, 1968), 3.\n"
        ),
    )
    bibliography = parse_document("bibliography.md", normalise(f"# Bibliography\n\n{TAUBMAN}\n{FILTZER}\n"))
    chapter = dataclasses.replace(chapter, shared=(bibliography,))
    missing, order, uncited = BY_CODE["B001"], BY_CODE["B007"], BY_CODE["B002"]
    assert [v.message for v in missing.check(chapter, missing.options())] == [
        'note 2 cites "The Great Terror" by Conquest, which no bibliography entry lists'
    ]
    assert list(order.check(chapter, None)) == []  # the shared file's order is reported on the file
    assert len(list(order.check(bibliography, None))) == 1
    assert list(uncited.check(chapter, uncited.options())) == []
    assert uncited.check_project is not None
    pairs = list(uncited.check_project([chapter, bibliography], uncited.options()))
    assert [(doc.path, v.message) for doc, v in pairs] == [
        ("bibliography.md", "bibliography entry for Taubman is not cited in any note")
    ]


def test_unrelated_shared_bibliography_is_not_the_essays() -> None:
    essay = parse_document(
        "essay.md",
        normalise(
            "# E\n\nA.[^1] B.[^2]\n\n[^1]: Robert Conquest, *The Great Terror* (London, 1968), 3.\n"
            "[^2]: Anne Applebaum, *Gulag* (London, 2003), 5.\n"
        ),
    )
    essay = dataclasses.replace(
        essay, shared=(parse_document("bibliography.md", normalise(f"# Bibliography\n\n{TAUBMAN}\n{FILTZER}\n")),)
    )
    assert list(BY_CODE["B001"].check(essay, BY_CODE["B001"].options())) == []


def test_partly_checked_book_does_not_report_its_shared_bibliography() -> None:
    chapter = parse_document("ch1.md", normalise("# One\n\nA.[^1]\n\n[^1]: Filtzer, *The Khrushchev Era*, 3.\n"))
    entries = "\n".join(f"- Author{n}, Ann. *Book {n}*. London, 19{n:02d}." for n in range(10, 20))
    bibliography = parse_document("bibliography.md", normalise(f"# Bibliography\n\n{FILTZER}\n{entries}\n"))
    chapter = dataclasses.replace(chapter, shared=(bibliography,))
    uncited = BY_CODE["B002"]
    assert uncited.check_project is not None
    assert list(uncited.check_project([chapter, bibliography], uncited.options())) == []
