"""Author-date and MLA essays: in-text citations found with exact spans and checked against the reference list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from loccit.linter.citations.intext import MAX_INSIDE
from loccit.linter.citations.locators import locator_of
from loccit.linter.citations.prose import in_text_citations, scan
from loccit.linter.cli.main import main
from loccit.linter.markdown.parse import normalise, parse_document

FIXTURES = ROOT / "fixtures" / "author-date"
ESSAYS = sorted(p.name for p in FIXTURES.iterdir() if p.suffix in {".md", ".txt"})


def _check(folder: Path, text: str, *select: str) -> str:
    """The concise findings of an essay written to folder/essay.md (only the selected rules, when named)."""
    (folder / "essay.md").write_text(text, encoding="utf-8")
    chosen = ["--select", ",".join(select)] if select else []
    args = ["check", "--isolated", *chosen, "--output-format", "concise", str(folder / "essay.md")]
    return CliRunner().invoke(main, args).stdout


@pytest.mark.parametrize("name", ESSAYS)
def test_fixture_matches_golden(name: str, update_golden: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    args = ["check", "--isolated", "--output-format", "concise", f"fixtures/author-date/{name}"]
    output = CliRunner().invoke(main, args).stdout
    golden = FIXTURES / f"{name.rsplit('.', 1)[0]}.expected"
    if update_golden:
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")
    if "clean" in name or "traps" in name:
        assert output.startswith("No findings"), output
        return
    # every planted kind of defect is found
    codes = {line.split()[1] for line in output.splitlines() if line.startswith("fixtures/")}
    stem = name.rsplit(".", 1)[0]
    assert PLANTED.get(stem, PLANTED["mla" if name.startswith("mla") else "style"]) <= codes


# The kinds of defect each defects fixture plants (the author-date styles' fixtures plant every B kind).
PLANTED = {
    "style": {"B001", "B002", "B003", "B005", "B016", "B017", "B018"},
    "mla": {"B001", "B002", "B017"},
    "pages-defects": {"P001", "P002", "P003"},
    "mla-titles-defects": {"B001", "B002"},
    "possessive-defects": {"B003", "B005", "B016"},
}


def _cites(text: str) -> list[tuple[str, tuple[str, ...], str | None, str | None]]:
    doc = parse_document("essay.md", normalise(text))
    return [
        (doc.text[c.start : c.end], c.names, c.year, c.pages) for intext in in_text_citations(doc) for c in intext.cites
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Growth (Franklin, 2013, p. 45).", [("Franklin, 2013, p. 45", ("Franklin",), "2013", "45")]),
        ("Growth (Franklin 2013: 45).", [("Franklin 2013: 45", ("Franklin",), "2013", "45")]),
        ("Growth (Franklin 45).", [("Franklin 45", ("Franklin",), None, "45")]),
        ("Franklin (2013) argues.", [("Franklin (2013)", ("Franklin",), "2013", None)]),
        ("As Hale and Okafor (2019, p. 4) show.", [("Hale and Okafor (2019, p. 4)", ("Hale", "Okafor"), "2019", "4")]),
        (
            "Both (Franklin 2013; Hale & Okafor 2019).",
            [("Franklin 2013", ("Franklin",), "2013", None), ("Hale & Okafor 2019", ("Hale", "Okafor"), "2019", None)],
        ),
        ("Two (Franklin 2013a, 2013b).", [("Franklin 2013a, 2013b", ("Franklin",), "2013a, 2013b", None)]),
        ("Many (Smith et al., 2010).", [("Smith et al., 2010", ("Smith",), "2010", None)]),
        (
            "Body (World Health Organization [WHO], 2020).",
            [("World Health Organization [WHO], 2020", ("World Health Organization",), "2020", None)],
        ),
        ("Later (WHO, 2021).", [("WHO, 2021", ("WHO",), "2021", None)]),
        ("Old (Marx, 1867, as cited in Franklin, 2013).", [("Franklin, 2013", ("Franklin",), "2013", None)]),
        ("A critic said so (qtd. in Franklin 45).", [("Franklin 45", ("Franklin",), None, "45")]),
        (
            "Undated (Lee, n.d.) and (Kim, in press).",
            [("Lee, n.d.", ("Lee",), "n.d.", None), ("Kim, in press", ("Kim",), "in press", None)],
        ),
        ("Again (ibid., 47).", []),
        ("In 1848 (the year of revolutions).", []),
        ("See (Chapter 3), (Figure 2, 1990s), (Table 1) and (Section 4.2).", []),
        ("A case (Brown v. Board of Education, 1954) and a date (March 3, 1990).", []),
        ("He wrote “a change (Marsh 2016) in trade”.", []),
        ("However, Franklin (2013) agrees.", [("Franklin (2013)", ("Franklin",), "2013", None)]),
        ("Franklin's (2013, p. 4) study.", [("Franklin's (2013, p. 4)", ("Franklin",), "2013", "4")]),
        ("Hale and Okafor’s (2019) view.", [("Hale and Okafor’s (2019)", ("Hale", "Okafor"), "2019", None)]),
        ("Jones’ (2011) diary.", [("Jones’ (2011)", ("Jones",), "2011", None)]),
        ("The company's (2013) report.", []),
        ("Mills (Franklin, *Long Peace* 45).", [("Franklin, *Long Peace* 45", ("Franklin",), None, "45")]),
        ("Grain (Franklin, “Rivers of Coin” 12).", [("Franklin, “Rivers of Coin” 12", ("Franklin",), None, "12")]),
        ("A survey (*Mill Survey* 3-4).", [("*Mill Survey* 3-4", (), None, "3-4")]),
        ("A reform (“so-called” 4).", []),
        ("`(Franklin 2013)` and <!-- (Hale 2019) --> and [link (Lee 2001)](https://x.org).", []),
    ],
)
def test_in_text_citations(text: str, expected: list[tuple[str, tuple[str, ...], str | None, str | None]]) -> None:
    assert _cites(text) == expected


def test_headings_entries_and_notes_are_not_running_text() -> None:
    text = (
        "# Franklin (2013)\n\nText.[^1]\n\n[^1]: See (Hale 2019, 4).\n\n"
        "## References\n\n- Franklin, A. (2013). *Peace*.\n"
    )
    assert _cites(text) == []


def test_plain_text_essays_are_scanned() -> None:
    text = "Mills\n\nThe mills stood (Franklin 45).\n\nWorks Cited\n\nFranklin, Ann. The Long Peace. Tide, 2013.\n"
    assert _cites(text) == [("Franklin 45", ("Franklin",), None, "45")]


PIECES = ["(", ")", "Franklin", " ", "2013", ", ", "p. 45", "; ", "et al.", "“", "”", '"', "\n\n", "and", ":", "a"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=200))
def test_scanner_never_crashes_and_is_linear(pieces: list[str]) -> None:
    text = "".join(pieces)
    found, steps = scan(text, 0, len(text))
    assert steps <= (2 * MAX_INSIDE + 2) * (len(text) + 1)
    for intext in found:
        assert 0 <= intext.start < intext.end <= len(text)
        for cite in intext.cites:
            assert intext.start <= cite.start < cite.end <= intext.end


@pytest.mark.parametrize(
    "unit", ["(", "(Franklin 2013; ", "(A (B (C ", "Franklin (2013) ", "(" + "Name and " * 30, "“(Franklin 2013)” "]
)
def test_scan_of_a_megabyte_looks_at_each_character_a_bounded_number_of_times(unit: str) -> None:
    text = unit * (1_000_000 // len(unit))
    _, steps = scan(text, 0, len(text))
    assert steps <= 3 * MAX_INSIDE * len(text) // max(1, len(unit)) + 2 * len(text)


def test_sources_shows_the_in_text_citations_of_each_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["sources", "fixtures/author-date/apa-defects.md"])
    assert "    text (line 8): 'WHO, 2021', surname and year\n" in result.stdout
    assert "    text (line 7): 'Franklyn, 2013, p. 50', author spelt otherwise\n" in result.stdout
    assert "  line 23: Osei, K. (2018). Quays and cranes. Dock Press\n    not cited in the text or any note\n" in (
        result.stdout
    )


@pytest.mark.parametrize(
    ("text", "locator", "title", "possessive"),
    [
        ("Growth (Franklin, 2013, p. 45).", "p. 45", None, False),
        ("Growth (Franklin 2013: 45–47).", "45–47", None, False),
        ("Growth (Franklin, 2013, pg.9).", "pg.9", None, False),
        ("Hale and Okafor (2019, pp. 4-5) show.", "pp. 4-5", None, False),
        ("Franklin’s (2013, p. 45) study.", "p. 45", None, True),
        ("Mills (Franklin, *Long Peace* 45).", "45", "Long Peace", False),
        ("A survey (“Mill Survey,” 3).", "3", "Mill Survey", False),
        ("Growth (Franklin, 2013).", None, None, False),
    ],
)
def test_a_citation_knows_where_its_locator_starts(
    text: str, locator: str | None, title: str | None, possessive: bool
) -> None:
    doc = parse_document("essay.md", normalise(text))
    (cite,) = [c for intext in in_text_citations(doc) for c in intext.cites]
    at = doc.text[cite.pages_at : cite.end].rstrip(")") if cite.pages_at >= 0 else None
    assert (at, cite.title, cite.possessive) == (locator, title, possessive)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("p. 45", ("p.", ("45",))),
        ("pp. 45–47", ("pp.", ("45–47",))),
        ("45-47, 52", ("", ("45-47", "52"))),
        ("p. xiv", ("p.", ("xiv",))),
        ("1990-1995", None),  # years, not pages
        ("para. 4", None),
        ("45 and more", None),
    ],
)
def test_locator_of(text: str, expected: tuple[str, tuple[str, ...]] | None) -> None:
    loc = locator_of(text)
    got = None if loc is None else (loc.label, tuple(text[part.start : part.end] for part in loc.parts))
    assert got == expected


def test_sources_lists_the_in_text_citations_that_match_no_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    path = "fixtures/author-date/mla-titles-defects.md"
    text = CliRunner().invoke(main, ["sources", path]).stdout
    unmatched = text.split("In-text citations that match no entry\n")[1]
    assert unmatched.splitlines() == [
        "  line 7: 'Franklin, Harbour Lights of the South 9', no match",
        "  line 8: 'Annual Grain Returns 4', no match",
    ]
    assert "    text (line 5): 'Mill Survey 3', short title\n" in text
    (report,) = json.loads(CliRunner().invoke(main, ["sources", "--format", "json", path]).stdout)
    assert report["unresolved_in_text"] == [
        {"line": 7, "text": "Franklin, Harbour Lights of the South 9", "how": "no match", "near": []},
        {"line": 8, "text": "Annual Grain Returns 4", "how": "no match", "near": []},
    ]


def test_sources_shows_unmatched_possessives_that_check_leaves_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    text = CliRunner().invoke(main, ["sources", "fixtures/author-date/possessive-clean.md"]).stdout
    assert text.split("In-text citations that match no entry\n")[1].splitlines() == [
        '  line 7: "Britain\'s (1946)", no match',
        '  line 8: "Harbour Board\'s (1952)", no match',
        "  line 8: 'Jones’ (1953)', no match",
    ]
    assert '    text (line 3): "Franklin\'s (2013, p. 45)", surname and year\n' in text
    text = CliRunner().invoke(main, ["sources", "fixtures/author-date/apa-clean.md"]).stdout
    assert text.endswith("In-text citations that match no entry\n  none\n")


def test_missing_locator_reads_quotations_cited_in_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """P004 (off by default): a quotation of five words or more cited without a page, where most give one; a scare
    quote ("great levelling"), a narrative citation before its quotation and a web page are left alone."""
    monkeypatch.chdir(ROOT)
    args = ["check", "--isolated", "--select", "P004", "--output-format", "concise"]
    output = CliRunner().invoke(main, [*args, "fixtures/author-date/quotes-clean.md"]).stdout
    assert [line.split(": P004 ")[0] for line in output.splitlines()[:-1]] == [
        "fixtures/author-date/quotes-clean.md:6:58",
        "fixtures/author-date/quotes-clean.md:11:2",
        "fixtures/author-date/quotes-clean.md:11:89",
    ]
    assert 'in-text citation "Marsh, 2016" follows a quotation but gives no page' in output


def test_missing_locator_leaves_web_pages_alone(tmp_path: Path) -> None:
    text = (FIXTURES / "quotes-clean.md").read_text(encoding="utf-8")
    text = text.replace("Dock Press.", "Dock Press. https://example.org/quays")
    output = _check(tmp_path, text, "P004")
    assert "Osei" not in output and '"Marsh, 2016"' in output


@pytest.mark.parametrize(
    ("name", "system"),
    [("mla-clean.md", "author-page"), ("mla-defects.txt", "author-page"), ("apa-clean.md", "author-date")],
)
def test_sources_names_the_citation_system(name: str, system: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """An MLA essay cites by author and page: `loccit sources` must not say no citation was recognised."""
    monkeypatch.chdir(ROOT)
    output = CliRunner().invoke(main, ["sources", f"fixtures/author-date/{name}"]).stdout
    assert f"citation system: {system} (" in output.splitlines()[1]


def test_missing_locator_leaves_a_quoted_title_alone(tmp_path: Path) -> None:
    """A title in quotation marks before its citation names the work; it is no quotation wanting a page."""
    text = (
        "# Mills\n\n"
        "Hale found that “the mills closed one by one after the strike” (Hale, 2001, p. 4).\n"
        "Okafor saw that “no loom in the valley worked that winter” (Okafor, 2011, p. 19).\n"
        "Lee wrote that “the ledgers of the mill were burned in March” (Lee, 2005, p. 88).\n"
        "The article “Looms and Ledgers in the Northern Valleys” (Marsh, 2016) began the debate.\n\n"
        "## References\n\n"
        "Hale, I. (2001). *Mill towns*. Quay Press.\n\n"
        "Lee, A. (2005). *Ledgers*. Quay Press.\n\n"
        "Marsh, T. (2016). Looms and ledgers in the northern valleys. *Textile History, 47*(2), 101–120.\n\n"
        "Okafor, C. (2011). *Winter looms*. Quay Press.\n"
    )
    assert "P004" not in _check(tmp_path, text, "P004")
    assert '"Marsh, 2016"' in _check(tmp_path, text.replace("Looms and Ledgers in", "no ledger survived in"), "P004")


def test_mla_roman_pages_cite_but_prove_no_missing_work(tmp_path: Path) -> None:
    """A preface's page, "(Easson xii)", cites Easson's entry; "(Part ii)" is no author of a missing work."""
    text = (FIXTURES / "mla-clean.md").read_text(encoding="utf-8")
    cited = "(Marsh 88), as the preface has it (Easson xii). The survey has two parts (Part ii)."
    text = text.replace("(Marsh 88).", cited).replace(
        "- Franklin", "- Easson, Mary. *Wheels*. Tide Books, 2011.\n- Franklin"
    )
    assert _check(tmp_path, text).startswith("No findings")


def test_an_entry_run_into_the_next_is_still_named_by_its_own_year(tmp_path: Path) -> None:
    """The list marker of the second entry was lost, so the first reads the second's year (1981) as its imprint;
    the text's "(Aldana 1979–80: 4)" still names it, and B002 stays silent, as for a year closing a quotation
    ("As Helena Gomes wrote: '…' (1977: 8)"). An entry nobody names is reported."""
    text = (
        "# Tolls\n\nThe tolls rose (Aldana 1979–80: 4), and again later (Brun 1990: 12; Esteves 1985: 3).\n\n"
        "Barges paid less (Faria 1995: 7). As Helena Gomes wrote: 'barges were taxed at every bend of the river "
        "from the sea to the hills, and the bargemen paid in kind' (1977: 8).\n\n## References\n\n"
        "- Aldana, R. T.1979–80. 'River Tolls', *Harbour Notes* 4: 1–20\n"
        "Corvo, P. (ed.). 1981. *Ledgers*. Lisbon: Tagus\n"
        "- Brun, L. 1990. *Quays*. Porto: Douro\n"
        "- Dias, M. 1970. *Barges*. Porto: Douro\n"
        "- Esteves, A. 1985. *Sails*. Porto: Douro\n"
        "- Faria, J. 1995. *Ropes*. Porto: Douro\n"
        "- Gomes, H. 1977. *Bends*. Porto: Douro\n"
    )
    output = _check(tmp_path, text, "B002")
    assert "Aldana" not in output and "Gomes" not in output and "entry for Dias is not cited" in output
