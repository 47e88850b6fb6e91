"""Pandoc, Quarto and R Markdown citations: the key grammar, bibliography files, where bibliographies come from,
and the fixtures in fixtures/pandoc, fixtures/quarto and fixtures/rmarkdown against their golden findings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from loccit.linter.bibfiles.load import BibliographyError, parse_bibliography
from loccit.linter.cli.main import main
from loccit.linter.markdown.parse import parse_document

GOLDEN = ROOT / "fixtures" / "citekeys.expected"
FOLDERS = ("fixtures/pandoc", "fixtures/quarto", "fixtures/rmarkdown")
CONCISE = re.compile(r"^([^:\n]+):(\d+):\d+: ([A-Z]\d{3}) ", re.M)


def _check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--isolated", "--output-format", "concise", *args])
    return result.exit_code, result.stdout


KEYS = [
    ("As @smith2019 argues.", ["smith2019"]),
    ("[see @doe99, pp. 33-35; -@roe2000, chap. 1]", ["doe99", "roe2000"]),
    ("@Smith2019: here", ["Smith2019"]),
    ("@Foo_bar.baz. ends", ["Foo_bar.baz"]),
    ("@duquette_share--income too", ["duquette_share"]),
    ("[@{https://example.com/bib?name=foobar&date=2000}, p. 33]", ["https://example.com/bib?name=foobar&date=2000"]),
    ("[@{Foo_bar.baz.}]", ["Foo_bar.baz."]),
    ("@http://zotero.org/items/A1 cites a URL key", ["http://zotero.org/items/A1"]),
    ("Mail john@example.com today.", []),
    ("Escaped \\@ref(fig:map) is bookdown's.", []),
    ("Code `@smith2019` and math $x@y$ and <!-- @smith2019 -->.", []),
    ("A link [@smith2019](https://example.org) and a span [@smith2019]{.mark}.", []),
    ("See @fig-map, @tbl-x, @sec-intro, @eq-energy, @thm-a and pandoc-crossref's @fig:map.", []),
    ("https://example.org/@user is a URL.", []),
    ("Twice @smith2019’s book and (@smith2019).", ["smith2019", "smith2019"]),
]


@pytest.mark.parametrize(("text", "keys"), KEYS)
def test_citation_keys_as_pandoc_reads_them(text: str, keys: list[str]) -> None:
    doc = parse_document("t.md", text + "\n")
    assert [c.key for c in doc.citations] == keys


def test_cross_references_and_example_items_are_kept_apart() -> None:
    doc = parse_document("t.md", "See @fig-map.\n\n@smith2019. argues.\n\n(@good) An example.\n\nAs (@good) shows.\n")
    assert [c.key for c in doc.cross_references] == ["fig-map"]
    assert [c.key for c in doc.example_items] == ["smith2019"]
    assert doc.citations == ()


def test_written_key_keeps_what_pandoc_cuts() -> None:
    (citation,) = parse_document("t.md", "As @duquette_share--income shows.\n").citations
    assert (citation.key, citation.written) == ("duquette_share", "duquette_share--income")
    assert (citation.span.line, citation.span.column, citation.span.end_column) == (1, 4, 19)


def test_front_matter_metadata_keeps_lines_and_strings() -> None:
    text = (
        "---\nbibliography: [a.bib, 'b.json']\nnocite: |\n  @x, @{y.}\nreferences:\n- id: no\n  title: T\n---\nText.\n"
    )
    meta = parse_document("t.md", text).metadata
    assert meta is not None and meta.bibliography is not None
    assert [(n.value, n.span.line, n.span.column) for n in meta.bibliography] == [("a.bib", 2, 16), ("b.json", 2, 23)]
    assert meta.nocite == ("x", "y.")
    assert meta.references is not None and [e.key for e in meta.references] == ["no"]


def test_bibtex_entries_problems_and_duplicates_at_their_lines() -> None:
    text = "@book{a,\n  title = {T},\n  year = {1}\n  author = {X},\n}\n\n@book{a, title={U}}\n@book(b, title={V})\n"
    found = parse_bibliography("refs.bib", text)
    assert [(e.key, e.span.line) for e in found.entries] == [("a", 1), ("a", 7), ("b", 8)]
    assert [(p.span.line, p.message.split(":")[0]) for p in found.problems] == [
        (3, 'field "year" of entry "a" runs on into "author = …"'),
        (8, 'entry "b" is written "@book(…)"'),
    ]


def test_broken_entry_is_one_problem_and_the_next_entry_is_read() -> None:
    found = parse_bibliography("refs.bib", "@book{a,\n  title = {Un {closed},\n}\n\n@book{b, title={T}}\n")
    assert [e.key for e in found.entries] == ["b"]
    assert len(found.problems) == 1 and "unbalanced braces" in found.problems[0].message


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("refs.json", '[{"id": "a",}]', "not valid JSON"),
        ("refs.json", '{"id": "a"}', "not a CSL-JSON array"),
        ("refs.yaml", "title: x\n", 'no "references:" list'),
        ("refs.yaml", "references: [\n", "not valid YAML"),
    ],
)
def test_unreadable_csl_files_raise_one_error(name: str, text: str, message: str) -> None:
    with pytest.raises(BibliographyError, match=message):
        parse_bibliography(name, text)


def test_csl_json_and_yaml_entries_at_their_ids() -> None:
    json_file = parse_bibliography("r.json", '[\n {"id": "a", "title": "T"},\n {"id": "b", "DOI": "10.1/x"}\n]')
    assert [(e.key, e.span.line, e.field("doi")) for e in json_file.entries] == [("a", 2, None), ("b", 3, "10.1/x")]
    yaml_file = parse_bibliography("r.yaml", "references:\n- id: no\n  type: book\n- id: 2018\n")
    assert [(e.key, e.kind, e.span.line) for e in yaml_file.entries] == [("no", "book", 2), ("2018", "", 4)]


def test_fixtures_match_golden(update_golden: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, output = _check(*FOLDERS)
    assert code == 1
    if update_golden:
        GOLDEN.write_text(output, encoding="utf-8")
    assert output == GOLDEN.read_text(encoding="utf-8")


def test_no_fixture_finding_falls_under_passing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each fixture file marks `## Passing` (traps) and `## Failing`; findings are under Failing only."""
    monkeypatch.chdir(ROOT)
    _, output = _check(*FOLDERS)
    found = CONCISE.findall(output)
    assert {path for path, _, _ in found} >= {
        "fixtures/pandoc/essay.md",
        "fixtures/pandoc/refs.bib",
        "fixtures/pandoc/refs.json",
        "fixtures/quarto/index.qmd",
        "fixtures/quarto/chapters/methods.qmd",
        "fixtures/quarto/references.yaml",
        "fixtures/rmarkdown/index.Rmd",
    }
    for path, line, code in found:
        lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
        if "## Passing" in lines:
            failing = lines.index("## Failing") + 1
            assert int(line) > failing, f"{code} at {path}:{line} is under ## Passing"


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


BIB = "@book{ostrom1990,\n  author = {Ostrom, Elinor},\n  title = {Governing the Commons},\n  year = {1990},\n}\n"


def test_loccit_bibliography_setting_names_a_bib_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(
        tmp_path,
        {
            "pyproject.toml": '[tool.loccit]\nbibliography = ["refs.bib"]\n',
            "refs.bib": BIB,
            "essay.md": "Commons [@ostrom1990; @hardin1968].\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--output-format", "concise", "essay.md"])
    assert 'essay.md:1:23: B001 citation key "hardin1968" is in no bibliography (refs.bib)' in result.stdout


def test_metadata_files_and_metadata_yml_name_bibliographies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(
        tmp_path,
        {
            "meta.yaml": "bibliography: refs.bib\n",
            "refs.bib": BIB,
            "essay.md": "---\nmetadata-files: [meta.yaml]\n---\n\nCommons [@ostrom1990; @hardin1968].\n",
            "book/_quarto.yml": "project:\n  type: book\n",
            "book/part/_metadata.yml": "bibliography: ../../refs.bib\n",
            "book/part/ch.qmd": "Commons [@ostrom1990; @olson1965].\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    _, output = _check("essay.md", "book/part/ch.qmd")
    assert 'essay.md:5:23: B001 citation key "hardin1968"' in output
    assert 'book/part/ch.qmd:1:23: B001 citation key "olson1965"' in output


def test_a_missing_bibliography_is_one_finding_where_it_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, {"essay.qmd": "---\ntitle: x\nbibliography: gone.bib\n---\n\nCommons [@ostrom1990].\n"})
    monkeypatch.chdir(tmp_path)
    code, output = _check("essay.qmd")
    assert code == 1
    assert output.startswith('essay.qmd:3:15: E003 bibliography file "gone.bib" cannot be used: no such file\n')
    assert "B001" not in output


def test_front_matter_that_is_not_yaml_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, {"essay.md": "---\nbibliography: [a.bib\nnocite: x\n---\n\nText [@a].\n"})
    monkeypatch.chdir(tmp_path)
    _, output = _check("essay.md")
    assert "essay.md:3:" in output and "E003 front matter cannot be read" in output


def test_nocite_star_and_other_chapters_keep_entries_cited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bib = BIB + "@book{olson1965,\n  author = {Olson, Mancur},\n  title = {Collective Action},\n  year = {1965},\n}\n"
    _write(
        tmp_path,
        {
            "_quarto.yml": "project:\n  type: book\nbibliography: refs.bib\n",
            "refs.bib": bib,
            "one.qmd": "Commons [@ostrom1990].\n",
            "two.qmd": "Groups [@olson1965].\n",
            "solo/essay.md": "---\nbibliography: ../refs.bib\nnocite: '@*'\n---\n\nCommons [@ostrom1990].\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    assert _check("one.qmd") == (0, "No findings in 1 file.\n")
    assert _check("solo/essay.md")[0] == 0
    (tmp_path / "two.qmd").write_text("Groups, uncited.\n", encoding="utf-8")
    assert 'refs.bib:6:7: B002 entry "olson1965" is not cited' in _check("one.qmd")[1]


def test_chapters_sharing_a_bib_report_its_problems_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bib = "@book{ostrom1990,\n  author = {Ostrom, Elinor}\n  title = {Governing the Commons},\n  year = {1990},\n}\n"
    _write(
        tmp_path,
        {
            "refs.bib": bib,
            "a.md": "---\nbibliography: refs.bib\n---\n\nCommons [@ostrom1990].\n",
            "b.md": "---\nbibliography: refs.bib\n---\n\nCommons [@ostrom1990].\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    _, output = _check("a.md", "b.md", "refs.bib")
    assert output.count("refs.bib:2:3: B012") == 1


def test_large_bibliographies_are_cached_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from loccit.linter.engine import bibcache

    monkeypatch.setenv("LOCCIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(bibcache, "MIN_SIZE", 0)
    monkeypatch.setattr(bibcache, "_READ", {})
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    first = bibcache.cached_bibliography("refs.bib")
    assert len(list((tmp_path / "cache").glob("bib-*.pickle"))) == 1
    monkeypatch.setattr(bibcache, "_READ", {})
    monkeypatch.setattr(bibcache, "load_bibliography", lambda path: pytest.fail("parsed again"))
    assert bibcache.cached_bibliography("refs.bib") == first
    monkeypatch.undo()
    monkeypatch.setenv("LOCCIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(bibcache, "MIN_SIZE", 0)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.bib").write_text(BIB.replace("1990", "1991") + "\n", encoding="utf-8")
    assert bibcache.cached_bibliography("refs.bib").entries[0].field("year") == "1991"
    assert len(list((tmp_path / "cache").glob("bib-*.pickle"))) == 1  # the older version's entry is gone
    monkeypatch.setenv("LOCCIT_CACHE_DIR", "off")
    assert bibcache.cache_dir() is None
