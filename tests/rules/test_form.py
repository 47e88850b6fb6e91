"""The F rules: unbalanced quotes, citation spacing, publication parentheticals."""

from __future__ import annotations

import pytest
from helpers import fixed, note, parse, run

from loccit.rules.form.publication import check_publication_parenthetical
from loccit.rules.form.quotes import check_unbalanced_quotes
from loccit.rules.form.spacing import check_citation_spacing


def test_quotes_in_notes_and_entries() -> None:
    essay = note("Brand, The Culture of the Thaw,’ Studies 48 (2009): 10.") + (
        "\n## Bibliography\n\n- Sarn, Paul. “Echoes of Reform. Slavic Notes, 1999.\n"
    )
    assert run(check_unbalanced_quotes, essay) == [
        (3, 'closing quote "’" has no opening quote'),
        (7, 'opening quote "“" is never closed'),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Maier, *States* (New York,1999), 70.", 'missing space after "," in "York,1999"'),
        ("Thatch, in *Kremlin*, eds.Jeremy Smith (2011).", 'missing space after "." in "eds.Jeremy"'),
        ("Gross, *Studies* 24, No.3(1973), 374.", 'missing space before "(" in "No.3(1973)"'),
        ("Nikita Khrushchev.Great Speeches, 2007.", 'missing space after "." in "Khrushchev.Great"'),
    ],
)
def test_spacing(text: str, message: str) -> None:
    assert run(check_citation_spacing, note(text)) == [(3, message)]


@pytest.mark.parametrize(
    "text",
    [
        "John L.H. Keep, *History* (Oxford, 1995), p.63.",
        "536 U.S. 194, 200; Fed. R. Civ. P. 12(b)(6); 1,000 cases; 3.5 per cent.",
        "At https://example.org/a,b.Table and doi:10.1000/xyz.Abc and `a,b`.",
        "lester, “Which Ftpd?” Netmonkey Weekly Report (NWR36.TXT), 1999.",
        "What.CD, “Project Gazelle: Classes/Rules.Class.php,” GitHub, 2016.",
        "FK, “Foo.Keen Topsite (FK-foo.keen.1999.nfo),” 1999.",
        "Vol. 2, No.3 (1973).",
    ],
)
def test_spacing_passes(text: str) -> None:
    assert run(check_citation_spacing, note(text)) == []


def test_spacing_fix_inserts_a_space() -> None:
    assert fixed(check_citation_spacing, note("Maier (New York,1999), eds.Jo, No.3(1973).")).endswith(
        "[^1]: Maier (New York, 1999), eds. Jo, No.3 (1973).\n"
    )


def test_publication_parenthetical() -> None:
    essay = note(
        "Koss, *Letters* (York, 1987), 7.",
        "Reid, *Courts* (New York: Penguin, 2001), 4.",
        "Vetrov, *Memoirs* (Pennsylvania 2006.)",
        "Marsh, *Code* (New York : Basic Books, 1999), 90.",
    )
    assert run(check_publication_parenthetical, essay) == [
        (5, 'publication facts "(Pennsylvania 2006.)": no comma before the year; "." before the closing parenthesis'),
        (6, 'publication facts "(New York : Basic Books, 1999)": stray punctuation or space'),
    ]
    doc = parse(essay)
    assert [v.fix.text for v in check_publication_parenthetical(doc, None) if v.fix] == [
        "(Pennsylvania, 2006)",
        "(New York: Basic Books, 1999)",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Bell, “Notes,” *Review* 3 (Spring 2006): 45.",
        "*Smith v. Jones*, 433 F.3d 807 (9th Cir. 2004).",
        "Sachs, *World Watch* (January/February 1998), 15.",
        "Smith (first published 1950), 3.",
    ],
)
def test_publication_dates_and_courts_pass(text: str) -> None:
    essay = note("Koss, *Letters* (York, 1987), 7.", "Reid, *Courts* (Leeds, 2001), 4.", text)
    assert run(check_publication_parenthetical, essay) == []


def test_author_date_essay_is_not_asked_for_commas() -> None:
    essay = note("See (Smith 2006), 4.", "As (Jones 1999) says.", "Compare (Lee 2001).")
    assert run(check_publication_parenthetical, essay) == []
