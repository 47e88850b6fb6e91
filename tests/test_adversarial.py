"""Adversarial essays: the cost of checking grows linearly with the input (doubling it at most ~2.5x the time).

Each case is timed at two sizes in one process, never against a fixed number of seconds. The time is this
process's CPU time, the best of a few runs, and a failing ratio is measured again: other programs busy on
the machine do not fail the suite.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from loccit.linter import cache as memo
from loccit.linter.cli.main import main
from loccit.linter.config.settings import Settings
from loccit.linter.engine.check import lint_text
from loccit.linter.markdown import plain_notes, sections
from loccit.linter.markdown.plain_lines import Scan, units_of
from loccit.rules import RULES

MAX_RATIO = 2.5
SETTINGS = Settings(rules=RULES)


def _seconds(data: bytes, runs: int) -> float:
    best = float("inf")
    gc.collect()
    gc.disable()  # a collection landing in one run and not the other is noise, not growth
    try:
        for _ in range(runs):
            start = time.process_time()
            lint_text("essay.md", data, SETTINGS)
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


def assert_linear(build: Callable[[int], str], size: int) -> None:
    """Checking build(size) takes at most MAX_RATIO times as long as checking build(size // 2)."""
    small, large = build(size // 2).encode(), build(size).encode()
    ratios = []
    for runs in (1, 3, 5):
        ratio = _seconds(large, runs) / _seconds(small, runs)
        if ratio <= MAX_RATIO:
            return
        ratios.append(round(ratio, 2))
    pytest.fail(f"doubling the input multiplied the time by {ratios}")


HEADINGS: dict[str, Callable[[int], str]] = {
    "atx heading with a run of spaces": lambda n: "# a" + " " * n + "b\n\nText.\n",
    "atx heading with spaced hashes": lambda n: "## Notes" + " #" * (n // 2) + "x\n\n1. a\n",
    "setext heading with a run of tabs": lambda n: "a" + "\t" * n + "b\n===\n",
    "heading with a run of colons and stars": lambda n: "### a" + ":*_." * (n // 4) + "b\n",
}


@pytest.mark.parametrize("build", HEADINGS.values(), ids=HEADINGS.keys())
def test_headings_linear(build: Callable[[int], str]) -> None:
    assert_linear(build, 40_000)


def _notes(n: int) -> str:
    text = "".join(f"Claim {i}.[^{i}]\n\n" for i in range(n))
    return text + "".join(f"[^{i}]: Author {i}, Title (City, 1990), p. {i}.\n" for i in range(n))


def _markers_on_one_line(n: int) -> str:
    return "".join(f"w[^{i}] " for i in range(n)) + "\n\n" + "".join(f"[^{i}]: n\n" for i in range(0, n, 2))


NOTES: dict[str, Callable[[int], str]] = {
    "10,000 notes": _notes,
    "20,000 markers on one line": _markers_on_one_line,
}


@pytest.mark.parametrize(("build", "size"), list(zip(NOTES.values(), (10_000, 20_000), strict=True)), ids=list(NOTES))
def test_many_notes_linear(build: Callable[[int], str], size: int) -> None:
    assert_linear(build, size)


def _essay(n: int) -> str:
    """About n bytes of an essay: paragraphs with notes, a notes list, a bibliography."""
    part = (
        "## Part {i}\n\nThe “reformer”[^{i}a] spoke of a ‘secret’ speech [^{i}b] and *quoted* [Stalin][^{i}a].\n\n"
        "- a list item with `code [^x]` and <http://example.org/{i}>\n\n"
        "[^{i}a]: Author {i}, *Title* (City, 1990), pp. 12–14.\n[^{i}b]: Ibid., p.{i}.\n\n"
    )
    count = max(1, n // len(part))
    bibliography = "## Bibliography\n\n" + "".join(f"- Author{i}, A. Title {i}. City, 1990.\n" for i in range(count))
    return "".join(part.format(i=i) for i in range(count)) + bibliography


def _plain_ones(n: int) -> str:
    """Pasted plain text whose every paragraph is a note numbered 1."""
    return "My Essay\n\n" + "".join(f"1. A numbered point {i}.\n\n" for i in range(n // 26))


INPUTS: dict[str, tuple[Callable[[int], str], int]] = {
    "200,000 open brackets": (lambda n: "[" * n, 200_000),
    "closing brackets": (lambda n: "]" * n, 200_000),
    "caret brackets": (lambda n: "[^" * (n // 2), 200_000),
    "colons after labels": (lambda n: "[^a]:" * (n // 5), 200_000),
    "deeply nested brackets": (lambda n: "[" * (n // 2) + "x" + "]" * (n // 2), 200_000),
    "deeply nested emphasis": (lambda n: "*_" * (n // 4) + "x" + "_*" * (n // 4), 200_000),
    "unclosed links": (lambda n: "[a](" * (n // 4), 200_000),
    "unclosed references": (lambda n: "[a][" * (n // 4), 200_000),
    "backtick runs": (lambda n: "`a``b" * (n // 5), 100_000),
    "unclosed comments": (lambda n: "<!--" * (n // 4), 200_000),
    "unclosed line comments between code": (lambda n: "<p>a</p>\n<!-- b\n\n    code\n\n" * (n // 30), 200_000),
    "sup tags": (lambda n: "<sup>" + " " * n, 200_000),
    "autolinks": (lambda n: "<a:" * (n // 3), 200_000),
    "a note of 100,000 characters": (lambda n: "a[^1]\n\n[^1]: " + "word “q” [x] " * (n // 13) + "\n", 100_000),
    "a very long line of words": (lambda n: "word " * (n // 5) + "[^1]\n", 200_000),
    "lone carriage returns": (lambda n: "a[^1]\r" * (n // 6), 40_000),
    "tabs and combining marks": (lambda n: "\te\u0301\u202e😀[^1]" * (n // 9), 100_000),
    "nested block quotes": (lambda n: ">" * n + " [^1]\n", 100_000),
    "nested lists": (lambda n: "- " * (n // 2) + "a\n", 20_000),
    "numbered notes": (lambda n: "t[1]\n\n## Notes\n\n" + "".join(f"{i}. n\n" for i in range(1, n // 8)), 40_000),
    "essay": (_essay, 150_000),
    "unclosed inline notes": (lambda n: "^[" * (n // 2), 200_000),
    "inline notes nested deep": (lambda n: "a^[" * (n // 6) + "]" * (n // 6), 200_000),
    "a bibliography entry of bare numbers": (
        lambda n: (
            "Claim.[^1]\n\n[^1]: Smith, *Book*, 4.\n\n## Bibliography\n\n- Smith, J. "
            + "".join(f"Art, {10 + i % 900}. " for i in range(n // 10))
        ),
        600_000,
    ),
    "many inline notes": (lambda n: "Claim.^[Author, *Title* (City, 1990), 4.] " * (n // 44), 200_000),
    # Plain text (no Markdown signal): the notes block with no heading is looked for once through the text.
    "plain: a loose list of ones": (_plain_ones, 100_000),
    "plain: cited lists each before a named heading": (
        lambda n: "My Essay\n\n" + "Para [1] and [2].\n\n1. a\n2. b\n\nReferences\n\n" * (n // 43),
        200_000,
    ),
    "plain: ones in one list": (lambda n: "My Essay\n\n" + "1. a\n" * (n // 5), 200_000),
    "plain: a list restarting at one": (lambda n: "My Essay\n\n" + "1. a\n2. b\n" * (n // 10), 200_000),
    "plain: years after a note": (lambda n: "My Essay\n\n1. a\n" + "1995. y\n" * (n // 8), 200_000),
    "plain: sup tags across lines": (
        lambda n: "My Essay\n\n" + "<sup>\n\n1. a\n2. b\n\nNotes\n\n" * (n // 27),
        200_000,
    ),
    "plain: bare-line headings": (
        lambda n: "".join(f"Heading {i}\n\nText of part {i}.\n\n" for i in range(n // 32)),
        200_000,
    ),
    "plain: page furniture": (lambda n: "My Essay\n\nText [1].\n\n" + "Page 1 of 2\nText.\n" * (n // 18), 200_000),
    "metadata blocks opened and never closed": (lambda n: "Text [@a].\n\n---\nkey: v\n\n" * (n // 24), 200_000),
    "metadata blocks naming bibliographies": (
        lambda n: "Text [@a, pg. 4] and @fig-x.\n\n---\nbibliography: r.bib\n---\n\n" * (n // 60),
        200_000,
    ),
    "suppress-author citations after names": (lambda n: "Smyth [-@a, ch. 3] says. " * (n // 25), 200_000),
    "plain: superscripts on one line": (lambda n: "My Essay\n\n" + "word¹ " * (n // 6) + "\n\n1. a\n2. b\n", 200_000),
}


@pytest.mark.parametrize(("build", "size"), INPUTS.values(), ids=INPUTS.keys())
def test_input_linear(build: Callable[[int], str], size: int) -> None:
    assert_linear(build, size)


def test_each_note_is_scanned_for_locators_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counting work: the rules that read a note's page locators share one scan of each note."""
    locators = pytest.importorskip("loccit.linter.citations.locators")
    page_locators = pytest.importorskip("loccit.rules.pages.locators")
    calls: list[str] = []

    def counted(text: str) -> list[object]:
        calls.append(text)
        return list(locators.page_locators(text))

    scans: list[str] = []
    find = locators._find_locators.__wrapped__
    monkeypatch.setattr(page_locators, "page_locators", counted)
    monkeypatch.setattr(locators, "_find_locators", memo.per_document(lambda text: scans.append(text) or find(text)))
    lint_text("essay.md", _notes(300).encode(), SETTINGS)
    assert len(calls) == 300
    assert len(scans) == 300
    assert locators._find_locators.cache_info().currsize == 0  # forgotten once the essay is checked


@pytest.mark.parametrize("text", [_plain_ones(100_000), "My Essay\n\n" + "[1] x.\n\n1. a\n2. b\n\nNotes\n\n" * 3000])
def test_plain_notes_block_reads_each_unit_at_most_twice(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """Counting work: looking for the notes block of plain text reads each unit's numbers at most twice (once
    as a candidate, once in the run it belongs to) and finds the markers in the text once."""
    numbers: list[object] = []
    found: list[object] = []
    unit_numbers, markers = plain_notes.unit_numbers, plain_notes.markers
    monkeypatch.setattr(
        plain_notes, "unit_numbers", lambda scan, unit: numbers.append(unit) or unit_numbers(scan, unit)
    )
    monkeypatch.setattr(plain_notes, "markers", lambda *args: found.append(args[1:]) or markers(*args))
    scan = Scan(
        text,
        sections.heading_matcher(sections.BIBLIOGRAPHY_HEADINGS),
        sections.heading_matcher(sections.NOTES_HEADINGS),
    )
    units = units_of(scan, {i for i in range(len(scan.lines)) if scan.is_heading(i)})
    plain_notes.notes_block(scan, units)
    assert len(units) > 2000
    assert len(numbers) <= 2 * len(units)
    assert found == [()]


def _project_seconds(root: Path, files: dict[str, str], runs: int) -> float:
    """The best CPU time of checking essay.md among files, each run in a fresh folder (no cache carries over)."""
    best = float("inf")
    for run in range(runs):
        folder = root / f"{len(list(root.iterdir()))}-{run}"
        folder.mkdir()
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        args = ["check", "--isolated", "--output-format", "concise", str(folder / "essay.md")]
        gc.collect()
        start = time.process_time()
        result = CliRunner().invoke(main, args)
        best = min(best, time.process_time() - start)
        assert "internal error" not in result.output and result.exit_code in (0, 1), result.output[-500:]
    return best


def assert_project_linear(root: Path, build: Callable[[int], dict[str, str]], size: int) -> None:
    """Checking an essay with the files build(size) gives takes at most MAX_RATIO times build(size // 2)'s time."""
    small, large = build(size // 2), build(size)
    ratios = []
    for runs in (1, 3):
        ratio = _project_seconds(root, large, runs) / _project_seconds(root, small, runs)
        if ratio <= MAX_RATIO:
            return
        ratios.append(round(ratio, 2))
    pytest.fail(f"doubling the input multiplied the time by {ratios}")


_CITING = "---\nbibliography: refs.bib\ncsl: style.csl\n---\n\nMills closed [@k0, ch. 3].\n"
_STYLE = '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><info/></style>'


def _entry(i: int, extra: str = "") -> str:
    return f"@book{{k{i},\n  author = {{Hale, Iris}},\n  title = {{Mills {i}}},\n  publisher = {{P}},\n{extra}}}\n"


PROJECTS: dict[str, tuple[Callable[[int], dict[str, str]], int]] = {
    "crossrefs to missing keys beside entries that fail": (
        lambda n: {
            "essay.md": _CITING,
            "style.csl": _STYLE,
            "refs.bib": "".join(
                _entry(i, f"  crossref = {{z{i}}},\n") + f"@book{{broken{i}, title = {{x\n\n" for i in range(n)
            ),
        },
        6_000,
    ),
    "a style opening locales it never closes": (
        lambda n: {"essay.md": _CITING, "style.csl": "<style>" + "<locale>" * n, "refs.bib": _entry(0)},
        40_000,
    ),
    "a long year of thousands of digits": (
        lambda n: {
            "essay.md": _CITING,
            "style.csl": _STYLE,
            "refs.bib": _entry(0, f"  date = {{y{'1' * n}-02-29}},\n"),
        },
        20_000,
    ),
}


@pytest.mark.parametrize(("build", "size"), PROJECTS.values(), ids=PROJECTS.keys())
def test_project_linear(build: Callable[[int], dict[str, str]], size: int, tmp_path: Path) -> None:
    assert_project_linear(tmp_path, build, size)
