"""Pasted plain text: the reading chosen, the structure inferred, golden findings per shape, the seed as pasted."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS, ROOT

from loccit.linter.cli.main import main
from loccit.linter.config.settings import Settings
from loccit.linter.engine.check import parse_text
from loccit.linter.markdown import furniture, plaintext

PLAIN = ROOT / "fixtures" / "plain"
SHAPES = sorted(path.name for path in PLAIN.glob("*.txt"))
SEED = CORPUS / "seed"
needs_seed = pytest.mark.skipif(not SEED.is_dir(), reason="../shared/corpus/seed is not available")


def _check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--isolated", "--output-format", "concise", *args])
    return result.exit_code, result.stdout


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("name", SHAPES)
def test_plain_fixture_matches_golden(name: str, update_golden: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, output = _check(f"fixtures/plain/{name}")
    golden = PLAIN / name.replace(".txt", ".expected")
    if update_golden:
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")
    if name.startswith("clean-"):
        assert (code, output) == (0, "No findings in 1 file.\n")
    else:
        assert code == 1


@pytest.mark.parametrize("name", SHAPES)
def test_plain_fixture_is_read_as_plain_text(name: str) -> None:
    doc = parse_text(name, _read(PLAIN / name), Settings(rules=()))
    assert doc.reading == plaintext.PLAIN, doc.reading_reason


def test_markdown_fixtures_stay_markdown() -> None:
    for path in sorted((ROOT / "fixtures").rglob("*.md")):
        data = path.read_bytes()
        if b"\x00" in data or path.name == "E001.md":  # not text: E001's fixture
            continue
        doc = parse_text(str(path), data.decode("utf-8"), Settings(rules=()))
        assert doc.reading == plaintext.MARKDOWN, (path, doc.reading_reason)


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ("Essay\n\n## Bibliography\n", "a # heading on line 3"),
        ("Text.[^1]\n\n[^1]: Note.\n", "a [^label] footnote"),
        ("Text.^[An inline note.]\n", "an inline note ^[…]"),
        ("See [the map](map.png).\n", "a Markdown link"),
        ("---\ntitle: An essay\n---\n", "a front matter or title block"),
        ("Code:\n\n```\nx\n```\n", "a fenced code block"),
        ("Text.[1]\n\nBibliography\n\n• Smith, Ann. A Book. London, 1990.\n", None),
        ("#hashtag is not a heading\n", None),
    ],
)
def test_markdown_signal(text: str, signal: str | None) -> None:
    assert plaintext.markdown_signal(text) == signal


def test_a_bare_line_in_markdown_stays_a_paragraph() -> None:
    text = (
        "# Essay\n\nText.[^1]\n\n[^1]: Ann Smith, A Book (London, 1990), 4.\n\nBibliography\n\n• Smith, Ann. A Book.\n"
    )
    doc = parse_text("essay.md", text, Settings(rules=()))
    assert doc.reading == plaintext.MARKDOWN
    assert [h.title for h in doc.headings] == ["Essay"]
    assert not doc.sections


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Page 3 of 14", True),
        ("Word count: 2,311", True),
        ("Reference this", True),
        ("Cite This Work", True),
        ("Reference Copied to Clipboard.", True),
        ("DMCA / Removal Request", True),
        ("Disclaimer: This is an example of a student written essay.", True),
        ("Page 3 of the report describes the harbour.", False),
        ("The DMCA notice was sent to the host in 2016 and answered a week later.", False),
        ("References", False),
    ],
)
def test_furniture_lines(line: str, expected: bool) -> None:
    assert furniture.is_furniture(line) is expected


def test_numbered_bibliography_is_not_read_as_notes() -> None:
    """`[1] …` right under the only bibliography heading is a numbered source list, as in Markdown."""
    doc = parse_text("x.txt", _read(PLAIN / "clean-numbered-sources.txt"), Settings(rules=()))
    assert not doc.definitions and len(doc.entries) == 3


def test_notes_block_with_no_heading_ends_the_section_before_it() -> None:
    doc = parse_text("x.txt", _read(PLAIN / "bullet-glyphs.txt"), Settings(rules=()))
    assert [d.label for d in doc.definitions] == [str(n) for n in range(1, 10)]
    assert doc.notes_heading is None
    assert len(doc.entries) == 10
    assert doc.entries[-1].text == "Jones, Abel. One Map. Truro,1999."


def test_furniture_inside_the_notes_is_skipped() -> None:
    doc = parse_text("x.txt", _read(PLAIN / "boilerplate.txt"), Settings(rules=()))
    assert [d.text for d in doc.definitions][1] == "Ivy Gale, Logs and Weather (Cardiff, 2005), p. 60."
    assert [h.title for h in doc.headings] == ["The Lighthouse Keepers", "Bibliography"]


def test_show_settings_says_how_the_file_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["check", "--isolated", "--show-settings", "fixtures/plain/crlf.txt"])
    assert '# read as: plain text (bare-line headings "Sources", "Notes"; bullets •; numbered notes from line 13)' in (
        result.stdout
    )
    result = CliRunner().invoke(main, ["check", "--isolated", "--show-settings", "fixtures/essay.md"])
    assert "# read as: markdown (the text has a # heading on line 1)" in result.stdout


def test_txt_files_are_walked_only_when_included(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(PLAIN / "crlf.txt", tmp_path / "pasted.txt")
    shutil.copy(ROOT / "fixtures" / "essay.md", tmp_path / "essay.md")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    walked = lambda: {line.split(":")[0] for line in runner.invoke(main, ["check", "."]).stdout.splitlines()[:-1]}  # noqa: E731
    assert walked() == {"essay.md"}
    (tmp_path / "loccit.toml").write_text('include = ["*.md", "*.txt"]\n', encoding="utf-8")
    assert walked() == {"essay.md", "pasted.txt"}
    (tmp_path / "loccit.toml").write_text('include = "*.txt"\n', encoding="utf-8")
    result = runner.invoke(main, ["check", "."])
    assert result.exit_code == 2
    assert "loccit.toml: include: must be an array of file name patterns, not a string" in result.stderr


def test_fix_keeps_the_bytes_outside_the_fixed_spans(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    original = (PLAIN / "crlf.txt").read_bytes()
    path.write_bytes(original)
    CliRunner().invoke(main, ["check", "--isolated", "--fix", str(path)])
    fixed = path.read_bytes()
    assert fixed == original.replace(b"1830.[3]Few", b"1830.[3] Few").replace(b"p.12.", b"p. 12.")


@needs_seed
def test_seed_as_pasted_gives_what_its_markdown_conversion_gives() -> None:
    """The same findings (code and message) as khrushchev-numeric.md, at the pasted file's own lines."""
    _, pasted = _check(str(SEED / "khrushchev-original.txt"))
    _, converted = _check(str(SEED / "khrushchev-numeric.md"))
    messages = lambda output: Counter(line.split(" ", 1)[1] for line in output.splitlines()[:-1])  # noqa: E731
    assert messages(pasted) == messages(converted)
    assert pasted.splitlines()[-1] == "Found 32 findings (2 errors, 30 warnings) in 1 file."
    text = _read(SEED / "khrushchev-original.txt").splitlines()
    positions = {line.split(" ", 2)[1]: line.split(":")[1:3] for line in pasted.splitlines()[:-1]}
    assert positions["B008"] == ["67", "1"] and text[66] == "Website Sources"
    line, column = positions["B003"]
    assert text[int(line) - 1][int(column) - 1 :].startswith("Jane Delaney Grossman")


@needs_seed
def test_seed_as_pasted_finds_its_notes_when_numeric_is_forced() -> None:
    result = CliRunner().invoke(
        main,
        ["check", "--isolated", "--notes", "numeric", "--output-format", "json", str(SEED / "khrushchev-original.txt")],
    )
    codes = Counter(d["code"] for d in json.loads(result.stdout))
    assert codes["N001"] == 0 and codes["N006"] == 8


def test_markdown_with_only_setext_headings_stays_markdown() -> None:
    """Underlined headings are Markdown: read as plain text, indented code would be prose and `[3]` a marker."""
    text = (
        "My Essay\n========\n\nA claim.[1] Another.[2]\n\n    total = values[3] + values[4]\n\n"
        "Notes\n-----\n\n1. Ann Smith, *Tolls* (Leith, 1990), 4.\n2. Ann Smith, *Tolls* (Leith, 1990), 5.\n"
    )
    assert plaintext.markdown_signal(text) == "a heading underlined on line 2"
    doc = parse_text("essay.md", text, Settings(rules=()))
    assert doc.reading == plaintext.MARKDOWN
    assert [m.label for m in doc.markers] == ["1", "2"]
