"""Checks inside bibliography files: B013's profiles and crossref inheritance, dates (B019), reversed page ranges
(B020) and crossref targets (B021), each at the field's own line and once for chapters sharing a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from loccit.linter.cli.main import main
from loccit.rules.citekeys.values import _reversed, date_problem, year_problem

DATES = [
    ("2019", None),
    ("2019-05", None),
    ("2019-05-01", None),
    ("1996-02-29", None),
    ("2019-05-01T10:30:00", None),
    ("1998/1999-03", None),
    ("2019/..", None),
    ("/2019", None),
    ("2019/open", None),
    ("199u", None),
    ("2019~", None),
    ("2019?", None),
    ("-0044-03-15", None),
    ("y12345", None),
    ("2019-21", None),  # an EDTF season
    ("19XX", None),  # EDTF unspecified digits: biblatex reads them, pandoc does not; left alone
    ("", None),
    ("2019-13-01", '"13" is not a month'),
    ("2019-00", '"00" is not a month'),
    ("2019-02-29", '"29" is not a day of month 02'),
    ("1900-02-29", '"29" is not a day of month 02'),
    ("2019-04-31", '"31" is not a day of month 04'),
    ("May 2019", "not written YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2019--2020", "not written YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2019-5-1", "not a four-digit year with a two-digit month and day: YYYY, YYYY-MM or YYYY-MM-DD"),
    ("20011", "not a four-digit year with a two-digit month and day: YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2019/2020/2021", 'more than one "/"'),
    ("{2019}", None),  # `date = {{2019}}`: braces that only protect the value
    ("{2019-13-01}", '"13" is not a month'),
    # a long year of thousands of digits: its leap year is read from its last four digits, no int() of them all
    ("y" + "1" * 4996 + "2000-02-29", None),
    ("y" + "1" * 5000 + "-02-29", '"29" is not a day of month 02'),
]


@pytest.mark.parametrize(("value", "problem"), DATES)
def test_dates_as_pandoc_and_biber_read_them(value: str, problem: str | None) -> None:
    assert date_problem(value) == problem


YEARS = [
    ("2019", None),
    ("850", None),
    ("forthcoming", None),
    ("n.d.", None),
    ("2014--2015", None),
    ("{2019}", None),
    ("2019-20", None),  # an academic year, printed as written on purpose
    ("2010-11", None),
    ("20011", "it has 5 digits; correct the typo"),
    ("2019-05-01", "a full date is printed as written, not as a year; move it to date or give the year alone"),
]


@pytest.mark.parametrize(("value", "problem"), YEARS)
def test_years_that_are_not_one(value: str, problem: str | None) -> None:
    assert year_problem(value) == problem


PAGES = [
    ("211--198", "211--198"),
    ("45-47, 88-81", "88-81"),
    ("1203\\textendash 1102", "1203\\textendash 1102"),
    ("19–12", "19–12"),
    ("211--18", None),  # abbreviated: 211 to 218
    ("211--8", None),
    ("98--102", None),
    ("12--12", None),
    ("xii--iv", None),
    ("e1234", None),
    ("S20--S12", None),  # prefixed pages are left alone
    ("25303", None),
    ("", None),
]


@pytest.mark.parametrize(("value", "written"), PAGES)
def test_reversed_page_ranges(value: str, written: str | None) -> None:
    assert _reversed(value) == written


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str], *args: str) -> str:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--output-format", "concise", *args])
    return result.stdout


ESSAY = "---\nbibliography: {bib}\n---\n\nText [@a; @b].\n"
PROFILED = """@misc{a,
  note = {A leaflet},
}
@book{b,
  editor = {Hale, Iris},
  title = {Mills},
  date = {2019},
}
"""


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        ("pandoc", []),
        ("biblatex", ['refs.bib:1:7: B013 @misc entry "a" has no "author or editor", "title", "year or date"']),
        ("bibtex", ['refs.bib:4:7: B013 @book entry "b" has no "publisher", "year"']),
    ],
)
def test_required_fields_by_profile(
    profile: str, expected: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = f'[rules.B013]\nprofile = "{profile}"\n'
    files = {"loccit.toml": config, "refs.bib": PROFILED, "essay.md": ESSAY.format(bib="refs.bib")}
    output = _run(tmp_path, monkeypatch, files, "--select", "B013", "essay.md")
    assert [line.split(";")[0] for line in output.splitlines() if ": B013 " in line] == expected


def test_unknown_profile_is_a_configuration_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "loccit.toml").write_text('[rules.B013]\nprofile = "bibtx"\n', encoding="utf-8")
    (tmp_path / "essay.md").write_text("Text.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "essay.md"])
    assert result.exit_code == 2
    assert 'rules.B013.profile: must be one of pandoc, biblatex, bibtex, not "bibtx"' in result.stderr


CROSSREF = """@inproceedings{a,
  author = {Hale, Iris},
  title = {Looms},
  crossref = {conf},
}
@inproceedings{b,
  author = {Hale, Iris},
  title = {Spindles},
  crossref = {elsewhere},
}
"""
PARENT = "@proceedings{conf,\n  title = {Mill Conference},\n  year = {2019},\n}\n"


def test_crossref_parents_give_fields_and_may_sit_in_another_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """a takes booktitle and year from its parent in the other file; b's parent is nowhere: B021, and no B013."""
    essay = "---\nbibliography: [refs.bib, parents.bib]\nnocite: '@*'\n---\n\nText [@a; @b].\n"
    files = {"refs.bib": CROSSREF, "parents.bib": PARENT, "essay.md": essay}
    output = _run(tmp_path, monkeypatch, files, "--isolated", "--select", "B013,B021", "essay.md")
    assert output.splitlines()[:-1] == [
        'refs.bib:9:3: B021 crossref "elsewhere" of entry "b" names no entry in the bibliography files; '
        "add the entry or fix the key"
    ]


def test_a_crossref_target_in_an_unreadable_file_is_not_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    essay = "---\nbibliography: [refs.bib, gone.bib]\n---\n\nText [@a; @b].\n"
    files = {"refs.bib": CROSSREF + PARENT, "essay.md": essay}
    output = _run(tmp_path, monkeypatch, files, "--isolated", "--select", "B021", "essay.md")
    assert "B021" not in output


def test_a_crossref_target_that_failed_to_parse_is_not_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parent "conf" is in the file but cannot be read (an unclosed brace): it is there, and B021 is silent."""
    child = "@inproceedings{a,\n  author = {Hale, Iris},\n  title = {Looms},\n  crossref = {conf},\n}\n"
    broken = "@proceedings{conf,\n  title = {Mill Conference,\n  year = {2019},\n}\n\n"
    files = {"refs.bib": child + broken, "essay.md": ESSAY.format(bib="refs.bib")}
    output = _run(tmp_path, monkeypatch, files, "--isolated", "--select", "B021,B012", "essay.md")
    assert "B012" in output
    assert "B021" not in output


def test_chapters_sharing_a_bib_report_its_values_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bib = "@book{a,\n  author = {Hale, Iris},\n  title = {Looms},\n  date = {2019-13},\n  pages = {30--20},\n}\n"
    bib += "@book{b,\n  author = {Hale, Iris},\n  title = {Mills},\n  year = {2019},\n  xdata = {none},\n}\n"
    files = {"refs.bib": bib, "one.md": ESSAY.format(bib="refs.bib"), "two.md": ESSAY.format(bib="refs.bib")}
    output = _run(tmp_path, monkeypatch, files, "--isolated", "--select", "B019,B020,B021", "one.md", "two.md")
    assert [line.split(" ", 2)[:2] for line in output.splitlines()[:-1]] == [
        ["refs.bib:4:3:", "B019"],
        ["refs.bib:5:3:", "B020"],
        ["refs.bib:11:3:", "B021"],
    ]


def test_long_values_are_read_in_linear_time() -> None:
    """A pages or date value of 200,000 characters (a pasted file) is read at once, not backtracked over."""
    import time

    start = time.perf_counter()
    assert _reversed("1" * 200_000) is None
    assert _reversed("1-" * 100_000) is None
    assert date_problem("2019-" * 40_000) is not None
    assert year_problem("9" * 200_000) == "it has 200000 digits; correct the typo"
    assert time.perf_counter() - start < 1
