"""Locator terms pandoc does not know (B022) as lang and csl decide, and Quarto cross-reference labels (B023, B024)
across a project, silent where labels may be generated."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from loccit.linter.cli.main import main
from loccit.linter.engine.crossrefs import labels_in
from loccit.rules.citekeys.locators import english

BIB = "@book{a,\n  author = {Lindqvist, Maja},\n  title = {Mills},\n  publisher = {P},\n  year = {1998},\n}\n"


def _codes(tmp_path: Path, name: str, text: str, select: str, files: dict[str, str] | None = None) -> list[str]:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    for other, content in (files or {}).items():
        (tmp_path / other).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / other).write_text(content, encoding="utf-8")
    (tmp_path / name).write_text(text, encoding="utf-8")
    args = ["check", "--isolated", "--select", select, "--output-format", "concise", str(tmp_path / name)]
    out = CliRunner().invoke(main, args).stdout
    return [line.split(": ")[1].split()[0] for line in out.splitlines() if ": B0" in line]


@pytest.mark.parametrize(
    ("suffix", "found"),
    [
        (", ch. 3", True),
        (", Ch. 3", True),
        (", pg. 33", True),
        (", pgs. 33-35", True),
        (", pp 3-5", True),
        (", p 5", True),
        (" fn. 12", True),
        (", chap. 3", False),
        (", pp. 3-5", False),
        (", 33", False),
        (", p5", False),
        (", see ch. 3", False),
        (", ch.", False),
        (", {pg. 5}", False),
        (", sec. 4", False),
        (", § 4", False),
    ],
)
def test_locator_labels(tmp_path: Path, suffix: str, found: bool) -> None:
    text = f"---\nbibliography: refs.bib\n---\n\nMills closed [@a{suffix}].\n"
    assert _codes(tmp_path, "e.md", text, "B022") == (["B022"] if found else [])


@pytest.mark.parametrize(
    ("front", "found"),
    [
        ("lang: en-GB\n", True),
        ("lang: de-DE\n", False),
        ("locale: fr\n", False),
        ("csl: missing.csl\n", False),
        ("csl: https://example.org/x.csl\n", False),
        ("csl: style.csl\n", True),
        ("csl: german.csl\n", False),
        ("csl: own-terms.csl\n", False),
        # biblatex, natbib and Typst print a suffix as written: no locale reads its terms
        ("citeproc: false\n", False),
        ("format: typst\n", False),
        ("format:\n  typst:\n    toc: true\n", False),
        ("format:\n  typst: default\nciteproc: true\n", True),
        ("format:\n  html: default\n  typst: default\n", True),
        ("format:\n  pdf:\n    cite-method: biblatex\n", False),
        ("format:\n  pdf:\n    cite-method: natbib\n  html: default\n", True),
        ("format: html\n", True),
        # YAML as YAML reads it: flow style, quoted values
        ("format: {pdf: {cite-method: biblatex}}\n", False),
        ('format: ["typst"]\n', False),
        ("citeproc: 'false'\n", False),
    ],
)
def test_locale_decides(tmp_path: Path, front: str, found: bool) -> None:
    files = {
        "style.csl": '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><info/></style>',
        "german.csl": '<style xmlns="http://purl.org/net/xbiblio/csl" default-locale="de-DE"><info/></style>',
        "own-terms.csl": '<style><locale><terms><term name="chapter" form="short">ch.</term></terms></locale></style>',
    }
    text = f"---\nbibliography: refs.bib\n{front}---\n\nMills closed [@a, ch. 3].\n"
    assert _codes(tmp_path, "e.md", text, "B022", files) == (["B022"] if found else [])


@pytest.mark.parametrize(("locale", "expected"), [("en", True), ("en-US", True), ("en_GB", True), ("eng", False)])
def test_english(locale: str, expected: bool) -> None:
    assert english(locale) is expected


LABELS = [
    ("![x](x.png){#fig-a width=50%}", {"fig-a"}),
    ("# Intro {#sec-intro .unnumbered}", {"sec-intro"}),
    ("```{r}\n#| label: tbl-b\n```", {"tbl-b"}),
    ("```{python}\n#| label: 'fig-c'\n```", {"fig-c"}),
    ("```{r fig-d, fig.cap='D'}\n```", {"fig-d"}),
    ("```{r, label='fig-e'}\n```", {"fig-e"}),
    # pandoc's identifiers hold `.` and `:` too, and Quarto looks the whole of `@eq-black.scholes` up
    ("$$\nC = S\n$$ {#eq-black.scholes}", {"eq-black.scholes"}),
    ("![x](x.png){#fig-plot:a}", {"fig-plot:a"}),
    ("```{python}\n#| label: fig-sales.2020\n```", {"fig-sales.2020"}),
    ("```{r, label='fig-f.g'}\n```", {"fig-f.g"}),
    ("```{python}\n#| lst-label: lst-query\n#| lst-cap: The query\n```", {"lst-query"}),
    ("```{r}\n# | label: fig-spaced\n```", {"fig-spaced"}),
    ("```{ojs}\n// | label: fig-ojs\n```", {"fig-ojs"}),
    ("```{=latex}\n\\begin{tabular}{ll}\n\\label{tbl-tex}\n\\end{tabular}\n```", {"tbl-tex"}),
    ("{{< include _part.qmd >}}", None),
    ("```{r}\n#| output: asis\ncat('{#fig-z}')\n```", None),
]


@pytest.mark.parametrize(("text", "expected"), LABELS)
def test_labels_in(text: str, expected: set[str] | None) -> None:
    found = labels_in(text)
    assert (None if found is None else set(found) - {"r", "python"}) == expected


def test_crossref_labels_across_a_project(tmp_path: Path) -> None:
    files = {"_quarto.yml": "project:\n  type: book\n", "b.qmd": "![x](x.png){#fig-other}\n"}
    text = "# A\n\nSee @fig-other and @fig-none.\n"
    assert _codes(tmp_path, "a.md", text, "B023", files) == ["B023"]


def test_crossref_types_as_quarto_reads_them(tmp_path: Path) -> None:
    """A capitalised type is Quarto's ("@Fig-x" prints "Figure 1"); proofs are a type; "apx" is none."""
    text = "See @Fig-looms, @Fig-none and @prf-none.\n\n![Looms](l.png){#fig-looms}\n"
    assert _codes(tmp_path, "a.qmd", text, "B023") == ["B023", "B023"]
    bib = BIB.replace("{a,", "{apx-a,")
    text = "---\nbibliography: refs.bib\n---\n\nSee [@apx-a].\n"
    assert _codes(tmp_path, "b.qmd", text, "B024", {"refs.bib": bib}) == []


def test_crossref_silent_with_a_notebook_in_the_project(tmp_path: Path) -> None:
    files = {"_quarto.yml": "project:\n  type: book\n", "n.ipynb": "{}"}
    assert _codes(tmp_path, "a.qmd", "See @fig-none.\n", "B023", files) == []


def test_crossref_not_checked_outside_quarto(tmp_path: Path) -> None:
    assert _codes(tmp_path, "a.md", "See @fig-none.\n", "B023") == []


def test_a_document_format_overrides_the_project_typst(tmp_path: Path) -> None:
    """The project renders Typst, natively cited; the chapter asks for HTML, which citeproc renders."""
    files = {"_quarto.yml": "project:\n  type: book\nformat: typst\n"}
    text = "---\nbibliography: refs.bib\n{}---\n\nMills closed [@a, ch. 3].\n"
    assert _codes(tmp_path, "a.qmd", text.format(""), "B022", files) == []
    assert _codes(tmp_path, "a.qmd", text.format("format: html\n"), "B022", files) == ["B022"]


def test_prefixed_key_only_in_quarto(tmp_path: Path) -> None:
    bib = BIB.replace("{a,", "{fig-a,")
    text = "---\nbibliography: refs.bib\n---\n\nSee [@fig-a].\n"
    assert _codes(tmp_path, "a.md", text, "B024", {"refs.bib": bib}) == []
    assert _codes(tmp_path, "a.qmd", text, "B024", {"refs.bib": bib}) == ["B024"]


def _entry(key: str, author: str, title: str, year: str, extra: str = "") -> str:
    return f"@book{{{key},\n  author = {{{author}}},\n  title = {{{title}}},\n  year = {{{year}}},\n{extra}}}\n\n"


SAME_WORK = [
    (_entry("b", "Lindqvist, Maja", "Mill Towns of the North", "1998"), True),
    (_entry("b", "Maja Lindqvist", "Mill towns of the North.", "1998"), True),
    (_entry("b", "Lindqvist, Maja", "Mill Towns of the North", "2004"), False),
    (_entry("b", "Lindqvist, Maja", "Mill Towns of the North", "1998", "  edition = {2},\n"), False),
    (_entry("b", "Lindqvist, Maja", "Mill Towns of the North", "1998", "  volume = {2},\n"), False),
    (_entry("b", "Lindqvist, Maja and Marsh, Tobias", "Mill Towns of the North", "1998"), False),
    (_entry("b", "Lindqvist, Maja", "Mill Towns of the South", "1998"), False),
    (_entry("b", "Lindqvist, Maja", "Mill Towns of the North, Volume 2", "1998"), False),
]


# Two entries alike in authors, title and year, each with a field telling where the work appears.
ELSEWHERE = [
    ("  booktitle = {Mills of the North},\n", "  booktitle = {Looms of the South},\n", False),  # "Introduction" twice
    ("  journal = {Labour History Review},\n", "  journal = {Textile History},\n", False),  # "Editorial" twice
    ("  note = {Recorded 3 March},\n", "  note = {Recorded 9 June},\n", False),  # two interviews
    ("  url = {https://who.int/sr/51},\n", "  url = {https://who.int/sr/52},\n", False),  # two reports
    ("  publisher = {Faber},\n", "  publisher = {Knopf},\n", False),  # a British and an American edition
    ("  journal = {Textile History},\n", "  journal = {{Textile} history},\n", True),
    ("  journal = {Textile History},\n", "  doi = {10.1/x},\n", True),
]


@pytest.mark.parametrize(("first", "second", "found"), ELSEWHERE)
def test_one_title_in_two_places_is_two_works(tmp_path: Path, first: str, second: str, found: bool) -> None:
    bib = _entry("a", "Hale, Iris", "Introduction", "2001", first) + _entry(
        "b", "Hale, Iris", "Introduction", "2001", second
    )
    text = "---\nbibliography: refs.bib\n---\n\nMills [@a; @b].\n"
    assert _codes(tmp_path, "a.md", text, "B006", {"refs.bib": bib}) == (["B006"] if found else [])


@pytest.mark.parametrize(("second", "found"), SAME_WORK)
def test_one_work_under_two_keys(tmp_path: Path, second: str, found: bool) -> None:
    bib = _entry("a", "Lindqvist, Maja", "Mill Towns of the North", "1998") + second
    text = "---\nbibliography: refs.bib\n---\n\nMills [@a; @b].\n"
    assert _codes(tmp_path, "a.md", text, "B006", {"refs.bib": bib}) == (["B006"] if found else [])


NARRATIVE_BIB = (
    '@book{jones2019,\n  author = {Jones, Ann and G{\\"o}del, Kurt},\n  title = {T},\n  year = 2019,\n}\n'
    "@book{smith2001,\n  author = {Smith, Bo},\n  title = {U},\n  year = 2001,\n}\n"
    "@book{rct,\n  author = {{R Core Team}},\n  title = {R},\n  year = 2020,\n}\n"
)


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("Jonse [-@jones2019] argues.", True),
        ("Smith [-@jones2019] argues.", True),
        ("Jones [-@jones2019] argues.", False),
        ("Gödel [-@jones2019] argues.", False),
        ("Godel [-@jones2019] argues.", False),
        ("Smith’s [-@jones2019] reading.", False),
        ("He [-@jones2019] says.", False),
        ("Then [-@jones2019] it fell.", False),
        ("Smith and colleagues [-@jones2019] say.", False),
        ("Jones et al. [-@jones2019] say.", False),
        ("Smith [-@rct] wrote R.", False),
        ("Smith [@jones2019] argues.", False),
        ("In Capital [-@jones2019] it is said.", False),
        # the sentence names the entry's author before the other name: the citation gives the year of its work
        ("Smith’s reply to Jones [-@smith2001] argues.", False),
        ("As Smith says of Jones [-@smith2001], it fell.", False),
        ("Smith wrote. Then Jones [-@smith2001] argues.", True),
        ("A reply to Jones [-@smith2001] argues.", True),
    ],
)
def test_name_before_a_suppress_author_citation(tmp_path: Path, sentence: str, found: bool) -> None:
    text = f"---\nbibliography: refs.bib\n---\n\n{sentence} See [@smith2001; @rct].\n"
    assert _codes(tmp_path, "a.md", text, "B003", {"refs.bib": NARRATIVE_BIB}) == (["B003"] if found else [])


LATER_BLOCKS = [
    ("Mills [@a].\n\n---\nbibliography: refs.bib\n...\n", []),
    ("Mills [@a; @zz].\n\n---\nbibliography: refs.bib\nnocite: '@zz2'\n---\n", ["B001"]),
    ("Mills [@a].\n---\nbibliography: refs.bib\n---\n", ["B009"]),
    ("Mills [@a].\n\n---\n\nbibliography: refs.bib\n---\n", ["B009"]),
    ("Mills [@a].\n\n```\n---\nbibliography: refs.bib\n---\n```\n", ["B009"]),
]


@pytest.mark.parametrize(("text", "codes"), LATER_BLOCKS)
def test_metadata_blocks_after_the_front_matter(tmp_path: Path, text: str, codes: list[str]) -> None:
    assert _codes(tmp_path, "a.md", "# Mills\n\n" + text, "B001,B009") == codes


def test_csl_items_in_two_containers_are_two_works(tmp_path: Path) -> None:
    item = '{{"id": "{key}", "type": "chapter", "title": "Introduction", "author": [{{"family": "Hale"}}], '
    item += '"issued": {{"date-parts": [[2001]]}}, "container-title": "{book}"}}'
    items = [item.format(key="a", book="Mills of the North"), item.format(key="b", book="Looms of the South")]
    text = "---\nbibliography: refs.json\n---\n\nMills [@a; @b].\n"
    assert _codes(tmp_path, "a.md", text, "B006", {"refs.json": "[" + ", ".join(items) + "]"}) == []
    items[1] = item.format(key="b", book="Mills of the North")
    assert _codes(tmp_path, "a.md", text, "B006", {"refs.json": "[" + ", ".join(items) + "]"}) == ["B006"]


def test_a_chapter_takes_its_formats_cite_method_from_the_project(tmp_path: Path) -> None:
    """Quarto merges a chapter's `format: pdf` with the project's options for pdf: biblatex prints the suffix."""
    files = {"_quarto.yml": "project:\n  type: book\nformat:\n  pdf:\n    cite-method: biblatex\n"}
    text = "---\nbibliography: refs.bib\nformat: pdf\n---\n\nMills closed [@a, ch. 3].\n"
    assert _codes(tmp_path, "a.qmd", text, "B022", files) == []
    files["_quarto.yml"] = "project:\n  type: book\nformat:\n  pdf:\n    toc: true\n"
    assert _codes(tmp_path, "a.qmd", text, "B022", files) == ["B022"]
