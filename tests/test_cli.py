"""The command line as users run it: exit codes, output formats, selection, bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS, ROOT

from loccit.linter.cli.main import main

SEED = CORPUS / "seed"
needs_seed = pytest.mark.skipif(not SEED.is_dir(), reason="../shared/corpus/seed is not available")


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, name: str, data: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def test_clean_essay_exits_zero(tmp_path: Path) -> None:
    path = write(tmp_path, "ok.md", "A claim.[^1]\n\n[^1]: A source.\n")
    assert run("check", path) == (0, "No findings in 1 file.\n", "")


def test_findings_exit_one_with_positions(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.md", "A claim.[^1] Another.[^2]\n\n[^1]: A source.\n")
    code, out, _ = run("check", path)
    assert code == 1
    assert out.splitlines() == [
        f"{path}:1:22: N001 note [^2] has no definition; add one or remove the marker",
        "Found 1 finding (1 error) in 1 file.",
    ]


def test_exit_zero_and_ignore(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.md", "A claim.[^1]\n")
    assert run("check", "--exit-zero", path)[0] == 0
    assert run("check", "--ignore", "N", path)[0] == 0
    assert run("check", "--select", "N002", path)[0] == 0
    assert run("check", "--select", "N00", path)[0] == 1


def test_json_schema_is_stable(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.md", "Word[^1]next.\n\n[^1]: Source.\n")
    code, out, _ = run("check", "--format", "json", path)
    assert code == 1
    (finding,) = json.loads(out)
    assert finding == {
        "path": path,
        "line": 1,
        "column": 5,
        "end_line": 1,
        "end_column": 9,
        "code": "N006",
        "rule": "marker-spacing",
        "severity": "warning",
        "message": "note [^1] is glued to the next word; add a space after it",
        "fix": {"line": 1, "column": 9, "end_line": 1, "end_column": 9, "replacement": " ", "safe": True},
    }


def test_stdin_is_read_for_dash() -> None:
    code, out, _ = run("check", "-", stdin=b"Text.[^9]\n")
    assert code == 1 and out.startswith("-:1:6: N001")


def test_missing_path_is_one_line_and_exit_two(tmp_path: Path) -> None:
    code, out, err = run("check", str(tmp_path / "nope.md"))
    assert code == 2 and out == ""
    assert err == f"loccit: error: {tmp_path / 'nope.md'}: no such file or directory\n"


def test_bad_option_exits_two() -> None:
    assert run("check", "--notes", "chicago")[0] == 2


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", (0, [])),
        (b"\x00\x01\x02binary", (1, ["E001"])),
        ("Caf\u00e9".encode("latin-1"), (1, ["E001"])),
        (b"\xef\xbb\xbfLine[^1] x.\r\nMore[^2] y.\r\n\r\n[^1]: A.\r\n", (1, ["N001"])),
    ],
)
def test_odd_files_give_findings_not_tracebacks(tmp_path: Path, data: bytes, expected: tuple) -> None:  # type: ignore[type-arg]
    path = write(tmp_path, "odd.md", data)
    code, out, err = run("check", "--format", "json", path)
    findings = json.loads(out)
    assert (code, [f["code"] for f in findings]) == expected
    assert err == ""


def test_bom_and_crlf_keep_positions(tmp_path: Path) -> None:
    path = write(tmp_path, "crlf.md", b"\xef\xbb\xbfLine[^1] x.\r\nMore[^2] y.\r\n\r\n[^1]: A.\r\n")
    (finding,) = json.loads(run("check", "--format", "json", path)[1])
    assert (finding["line"], finding["column"], finding["end_column"]) == (2, 5, 9)


def test_undecodable_file_does_not_stop_the_run(tmp_path: Path) -> None:
    write(tmp_path, "a.md", b"caf\xe9\n")
    write(tmp_path, "b.md", "Text.[^1]\n")
    code, out, _ = run("check", "--format", "json", str(tmp_path))
    assert code == 1
    assert [(Path(f["path"]).name, f["code"], f["line"], f["column"]) for f in json.loads(out)] == [
        ("a.md", "E001", 1, 4),
        ("b.md", "N001", 1, 6),
    ]


def test_directory_walk_skips_gitignored_and_non_markdown(tmp_path: Path) -> None:
    write(tmp_path, ".gitignore", "drafts/\n")
    (tmp_path / "drafts").mkdir()
    write(tmp_path, "drafts/old.md", "Text.[^1]\n")
    write(tmp_path, "notes.txt", "Text.[^1]\n")
    write(tmp_path, "essay.markdown", "Text.[^1]\n")
    code, out, _ = run("check", str(tmp_path))
    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines()[:-1]] == [str(tmp_path / "essay.markdown")]


def test_nested_gitignore_files_are_honoured(tmp_path: Path) -> None:
    write(tmp_path, ".gitignore", "*.tmp.md\n[z-a]\n")  # an invalid pattern is ignored, as git ignores it
    write(tmp_path, "top.tmp.md", "Text.[^1]\n")
    for folder in ("book/drafts", "other"):
        (tmp_path / folder).mkdir(parents=True)
    write(tmp_path, "book/.gitignore", "drafts/\nsecret.md\n!keep.tmp.md\n")
    for name in ("book/drafts/old.md", "book/secret.md", "book/other.tmp.md", "book/keep.tmp.md", "book/ch1.md"):
        write(tmp_path, name, "Text.[^1]\n")
    write(tmp_path, "other/secret.md", "Text.[^1]\n")  # book/.gitignore does not reach here
    code, out, err = run("check", "--isolated", str(tmp_path))
    assert (code, err) == (1, "")
    checked = [os.path.relpath(line.split(":")[0], tmp_path) for line in out.splitlines()[:-1]]
    expected = [("book", "ch1.md"), ("book", "keep.tmp.md"), ("other", "secret.md")]
    assert checked == [os.path.join(*parts) for parts in expected]


def test_directory_without_markdown(tmp_path: Path) -> None:
    assert run("check", str(tmp_path)) == (0, "No findings in 0 files.\n", "")


@pytest.mark.parametrize("data", ["[" * 200_000, "x[^1] " * 20_000 + "\n\n[^1]: A.\n", "[^" * 50_000 + "]" * 50_000])
def test_pathological_brackets_finish(tmp_path: Path, data: str) -> None:
    code, _, err = run("check", write(tmp_path, "big.md", data))
    assert code in (0, 1) and err == ""


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("loccit, version ")


def test_shipped_fixture_output_is_the_readmes(monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "$ loccit check --output-format concise fixtures/essay.md\n"
    shown = readme.split(command, 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    code, out, _ = run("check", "--output-format", "concise", "fixtures/essay.md")
    assert code == 1
    assert out == shown
    assert {line.split(": ")[1].split()[0] for line in out.splitlines()[:-1]} >= {
        "N001",
        "N002",
        "B002",
        "P002",
        "S001",
    }


@needs_seed
@pytest.mark.parametrize("name", ["khrushchev-footnotes.md", "khrushchev-numeric.md"])
def test_seed_notes_all_match_only_spacing_flagged(name: str) -> None:
    code, out, _ = run("check", "--select", "N", "--format", "json", str(SEED / name))
    findings = json.loads(out)
    assert {f["code"] for f in findings} == {"N006"}
    labels = [f["message"].split()[1].strip("[]^") for f in findings]
    assert labels == ["7", "17", "18", "21", "23", "29", "37", "39"]


def test_an_inline_aside_keeps_the_companion_notes_file(tmp_path: Path) -> None:
    # A chapter whose [^n] notes live in notes.md beside it may still hold a pandoc ^[…] aside of its own.
    (tmp_path / "ch1.md").write_text("Claim.[^1] Another.[^2] An aside.^[Just a remark.]\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("[^1]: Taubman, *Khrushchev*, 5.\n[^2]: Ibid., 6.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert (result.exit_code, result.stdout) == (0, "No findings in 2 files.\n")


def test_initials_a_b_match_the_bibliography_through_the_cli(tmp_path: Path) -> None:
    # "A." was read as the article "a": the note's author became "B. Smith" (B003).
    essay = (
        "A claim about history.[^1]\n\n[^1]: A. B. Smith, *Some Title* (London: X, 1990), 4.\n\n"
        "## Bibliography\n\nSmith, A. B. *Some Title*. London: X, 1990.\n"
    )
    path = write(tmp_path, "essay.md", essay)
    assert run("check", "--isolated", path) == (0, "No findings in 1 file.\n", "")


@pytest.mark.parametrize(
    ("note", "entry"),
    [
        ("A. B. Smith, *Some Title* (London: X, 1990), 4.", "Smith, A. B. *Some Title*. London: X, 1990."),
        (
            "I. Berlin, *Four Essays on Liberty* (Oxford: OUP, 1969), 4.",
            "Berlin, I. *Four Essays on Liberty*. Oxford: OUP, 1969.",
        ),
        (
            "An Wang, *Lessons* (Reading, MA: Addison-Wesley, 1986), 4.",
            "Wang, An. *Lessons*. Reading, MA: Addison-Wesley, 1986.",
        ),
    ],
)
def test_authors_with_initial_a_or_i_match_their_entry(tmp_path: Path, note: str, entry: str) -> None:
    # A second cited work makes B002 speak up for an entry that no parsed note cites.
    essay = (
        f"A claim.[^1] Another.[^2]\n\n[^1]: {note}\n\n[^2]: Jane Young, *Other Work* (London: Y, 2001), 7.\n\n"
        f"## Bibliography\n\n{entry}\n\nYoung, Jane. *Other Work*. London: Y, 2001.\n"
    )
    path = write(tmp_path, "essay.md", essay)
    assert run("check", "--isolated", "--select", "B", path) == (0, "No findings in 1 file.\n", "")
