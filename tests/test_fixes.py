"""`loccit check --fix`: fixes land in the original bytes, keep BOM and line endings, and a rerun changes nothing."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from loccit.linter.cli.main import main
from loccit.linter.diagnostics import Fix
from loccit.linter.engine import fixes, run
from loccit.linter.engine.fixes import apply
from loccit.linter.model import Span

ESSAY = (
    "Text[^1]word and more [^2].\r\nNext line.[^3]\r\n\r\n"
    "[^1]: Smith, *Book* (London,1990), p.3.\r\n[^2]: Jones, *Other* (Paris, 2001), p. 4.\r\n"
    "[^3]: Brown, *Third* (Oxford, 2002), p. 5.\r\n"
)


def fix(path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--fix", "--output-format", "concise", *args, str(path)])
    return result.exit_code, result.stdout


def test_fix_keeps_bom_and_crlf_and_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "essay.md"
    path.write_bytes(b"\xef\xbb\xbf" + ESSAY.encode("utf-8"))
    fix(path)
    fixed = path.read_bytes()
    assert fixed.startswith(b"\xef\xbb\xbfText[^1] word and more[^2].\r\n")
    assert b"(London, 1990), p. 3.\r\n" in fixed
    assert fixed.count(b"\r\n") == ESSAY.count("\r\n") and b"\n" not in fixed.replace(b"\r\n", b"")
    fix(path)
    assert path.read_bytes() == fixed
    assert os.listdir(tmp_path) == ["essay.md"]  # no temporary file left behind


def test_fix_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "essay.md"
    path.write_text("Word[^1]next.\n\n[^1]: Source.\n", encoding="utf-8")
    path.chmod(0o640)
    code, _ = fix(path)
    assert path.read_text(encoding="utf-8").startswith("Word[^1] next.")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert code == 0


def test_unsafe_fixes_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "essay.md"
    text = "A[^1] b[^2].\n\n[^1]: Ann Lee, *Book* (London, 1990), 3.\n[^2]: Bo Ray, *Other* (Pennsylvania 2006.)\n"
    path.write_text(text, encoding="utf-8")
    fix(path)
    assert path.read_text(encoding="utf-8") == text  # F003's fix is unsafe: not applied by --fix alone
    fix(path, "--unsafe-fixes")
    assert "(Pennsylvania 2006.)" not in path.read_text(encoding="utf-8")


def test_without_fix_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "essay.md"
    path.write_bytes(ESSAY.encode("utf-8"))
    CliRunner().invoke(main, ["check", str(path)])
    assert path.read_bytes() == ESSAY.encode("utf-8")


def test_fix_refuses_standard_input() -> None:
    result = CliRunner().invoke(main, ["check", "--fix", "-"], input=b"A[^1]b\n")
    assert result.exit_code == 2
    assert "cannot fix standard input" in result.stderr


def _fix(line: int, column: int, end_column: int, text: str) -> Fix:
    return Fix(Span(0, 0, line, column, line, end_column), text)


def test_overlapping_fixes_apply_one_per_pass() -> None:
    text, count = apply("abcdef\r\nxyz", [_fix(1, 2, 4, "X"), _fix(1, 3, 5, "Y"), _fix(2, 1, 1, "<")])
    assert (text, count) == ("abYef\r\n<xyz", 2)  # the later edit wins; the overlapping one waits


def test_two_insertions_at_one_place_apply_one_per_pass() -> None:
    assert apply("ab", [_fix(1, 2, 2, " "), _fix(1, 2, 2, " ")]) == ("a b", 1)  # not "a  b"


def test_a_fix_on_the_line_after_the_last_line_ending_lands_there() -> None:
    assert apply("a\r\n", [_fix(2, 1, 1, "b")]) == ("a\r\nb", 1)  # not "ba\r\n"


TWICE = (
    "See[^1]here and there[^2]now.\n\n[^1]: Smith, *Book* (London, 1990), p. 3.\n"
    "[^2]: Jones, *Other* (Paris, 2001), p. 4.\n"
)


@pytest.mark.parametrize("names", [("a.md", "./a.md"), (".", "a.md"), ("a.md", "link.md")])
def test_a_file_named_twice_is_checked_and_fixed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, names: tuple[str, str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text(TWICE, encoding="utf-8")
    Path("link.md").symlink_to("a.md")
    found = CliRunner().invoke(main, ["check", "--isolated", "--output-format", "concise", *names])
    assert [line.split(":")[0] for line in found.stdout.splitlines()[:-1]] == ["a.md", "a.md"]  # as first named
    assert found.stdout.splitlines()[-1] == "Found 2 findings (2 warnings) in 1 file."
    fixed = CliRunner().invoke(main, ["check", "--isolated", "--fix", *names])
    assert Path("a.md").read_text(encoding="utf-8") == TWICE.replace("]here", "] here").replace("]now", "] now")
    assert fixed.exit_code == 0, fixed.output


def _checked(path: Path) -> tuple[fixes.Checked, run.Configs]:
    request = run.Request((str(path),), isolated=True)
    files, configs = run.prepare(request)
    digests: dict[str, str] = {}
    return fixes.Checked(run.check(request, files, configs, digests=digests), digests), configs


def test_a_file_changed_after_its_check_is_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(TWICE, encoding="utf-8")
    checked, configs = _checked(path)
    edited = "A new first line.\n" + TWICE
    path.write_text(edited, encoding="utf-8")  # the writer saves while loccit runs
    outcome = fixes.fix_files(checked, lambda: _checked(path)[0], configs.settings, unsafe=False)
    assert path.read_text(encoding="utf-8") == edited
    assert outcome.fixed == 0
    assert outcome.problems == (f"{path}: not fixed: it changed after it was checked",)


# Removing the idle comment would leave the TODO comment open to the end of the file, hiding the rest.
UNCLOSED = (
    "Claim.[^1]\n\n[^1]: Smith, *Book* (London, 1990), p. 3.\n\n<!-- TODO: check the dates\n\n"
    "<!-- loccit-disable N002 -->\n\nThe rest of the essay.[^2]\n\n[^2]: Jones, *Other* (Paris, 2001), p. 4.\n"
)


def test_a_fix_that_would_hide_the_rest_of_the_essay_is_not_made(tmp_path: Path) -> None:
    path = tmp_path / "essay.md"
    path.write_text(UNCLOSED, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--isolated", "--fix", "--output-format", "concise", str(path)])
    assert path.read_text(encoding="utf-8") == UNCLOSED
    assert result.stdout.startswith(f"{path}:7:1: E002 ")
    assert result.exit_code == 1
    problem = f"loccit: {path}: not fixed: the fix at 7:1 would change how the rest of the file parses"
    assert result.stderr.splitlines() == [problem, "Fixed 0 findings."]


def test_a_fix_that_would_make_an_inline_note_is_not_made_and_the_others_are(tmp_path: Path) -> None:
    path = tmp_path / "essay.md"
    text = "Text x^ [^1] here [^2].\n\n[^1]: Smith, *Book* (London, 1990), p. 3.\n[^2]: Jones, *Other*, p. 4.\n"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--isolated", "--fix", str(path)])
    assert path.read_text(encoding="utf-8") == text.replace("here [^2]", "here[^2]")  # not "x^[^1]", a new note
    problem = f"loccit: {path}: 1 of 2 fixes not made: the fix at 1:8 would change how the rest of the file parses"
    assert result.stderr.splitlines()[0] == problem
    assert result.exit_code == 1


def test_one_file_that_cannot_be_written_leaves_the_others_fixed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "fine").mkdir()
    stuck, fine = tmp_path / "full" / "a.md", tmp_path / "fine" / "b.md"
    for path in (stuck, fine):
        path.write_text("Word[^1]next.\n\n[^1]: Source.\n", encoding="utf-8")
    mkstemp = tempfile.mkstemp

    def disk_full(*args: object, **kwargs: object) -> object:
        if str(kwargs.get("dir", "")).endswith("full"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return mkstemp(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(tempfile, "mkstemp", disk_full)
    result = CliRunner().invoke(main, ["check", "--isolated", "--fix", "--output-format", "concise", str(tmp_path)])
    assert fine.read_text(encoding="utf-8").startswith("Word[^1] next.")
    assert stuck.read_text(encoding="utf-8").startswith("Word[^1]next.")
    assert result.stderr.splitlines() == [
        f"loccit: {stuck}: not fixed: cannot write it: no space left on device",
        "Fixed 1 finding.",
    ]
    assert result.stdout.splitlines()[0].startswith(f"{stuck}:1:5: N006 ")
    assert result.exit_code == 1
    assert sorted(os.listdir(stuck.parent)) == ["a.md"]  # no temporary file left behind


def test_a_structural_fix_is_made_in_a_pass_of_its_own_and_the_others_after_it(tmp_path: Path) -> None:
    """F004 makes a heading of "##Bibliography" on purpose; the spacing fix beside it is still made."""
    essay = tmp_path / "essay.md"
    essay.write_text(
        "A claim [^1].\n\n[^1]: Ann Smith, *Tolls* (Leith, 1990), 4.\n\n"
        "##Bibliography\n\n- Smith, Ann. *Tolls*. Leith, 1990.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", "--isolated", "--fix", "--output-format", "concise", str(essay)])
    assert essay.read_text(encoding="utf-8").startswith("A claim[^1].\n"), result.output
    assert "\n## Bibliography\n" in essay.read_text(encoding="utf-8")
    assert "F004" not in result.output and "N006" not in result.output


def test_two_fix_processes_at_once_never_corrupt_a_file(tmp_path: Path) -> None:
    """Two `--fix` runs over the same files, many rounds: every file ends as one run alone leaves it."""
    import subprocess
    import sys

    essay = "Word [^1]glued and more [^2]text.\r\n\r\n<!-- loccit-disable N999 -->\r\n[^1]: One.\r\n[^2]: Two.\r\n"
    originals = {f"e{index:02d}.md": essay.replace("Word", f"Word{index}" * (index + 1)) for index in range(16)}
    command = [sys.executable, "-m", "loccit", "check", "--isolated", "--fix", "--jobs", "1", "."]

    def reset(folder: Path) -> None:
        for name, text in originals.items():
            (folder / name).write_bytes(text.encode("utf-8"))

    alone = tmp_path / "alone"
    alone.mkdir()
    reset(alone)
    subprocess.run(command, cwd=alone, capture_output=True, check=False)
    expected = {name: (alone / name).read_bytes() for name in originals}
    assert all(expected[name] != text.encode("utf-8") for name, text in originals.items())  # it fixed them
    racing = tmp_path / "racing"
    racing.mkdir()
    for _ in range(8):
        reset(racing)
        runs = [subprocess.Popen(command, cwd=racing, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in "ab"]
        for run_ in runs:
            _, err = run_.communicate(timeout=60)
            assert b"Traceback" not in err, err
        assert {name: (racing / name).read_bytes() for name in originals} == expected
        assert sorted(path.name for path in racing.iterdir()) == sorted(originals)  # no temporary file left


def test_twenty_thousand_fixes_apply_in_one_join() -> None:
    # Each fix once rebuilt the whole text (quadratic); now the pieces are joined once. The result is the same.
    lines = 20_000
    text = "\ufeff" + "".join(f"Line {i} says something here [^i{i}].\r\n" for i in range(lines))
    space = [len(f"Line {i} says something here") + 1 for i in range(lines)]  # the column of the space
    many = [Fix(Span(0, 0, i + 1, space[i], i + 1, space[i] + 1), "") for i in range(lines)]
    fixed, count = apply(text, many)
    assert count == lines
    assert fixed == "\ufeff" + "".join(f"Line {i} says something here[^i{i}].\r\n" for i in range(lines))
    assert apply("ab\ncd", [_fix(1, 1, 1, "<"), _fix(1, 3, 3, "\n"), _fix(2, 2, 3, "")]) == ("<ab\n\nc", 3)


def test_refused_fixes_are_found_within_a_bounded_number_of_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Half of the fixes would make inline notes ("x^[^a1]"): the search for them by halves once parsed the whole
    # file again for each step, with no end but the number of fixes; now it stops after a few refused fixes.
    n = 200
    text = "".join(f"Text x^ [^a{i}] here [^b{i}].\n\n" for i in range(n))
    text += "".join(f"[^a{i}]: Note.\n[^b{i}]: Note.\n" for i in range(n))
    path = tmp_path / "ref.md"
    path.write_text(text, encoding="utf-8")
    checked, configs = _checked(path)
    found = fixes.fixable(checked.diagnostics, unsafe=False)[str(path)]
    assert len(found) == 2 * n
    parses, parts = [0], [0]
    real_parse, real_parts = fixes.parse_text, fixes.structure.parts

    def parse(*args: object, **kwargs: object) -> object:
        parses[0] += 1
        return real_parse(*args, **kwargs)  # type: ignore[arg-type]

    def count_parts(*args: object, **kwargs: object) -> object:
        parts[0] += 1
        return real_parts(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fixes, "parse_text", parse)
    monkeypatch.setattr(fixes.structure, "parts", count_parts)
    settings = configs.settings(str(path))
    refused: set[tuple[int, int, int, int, str]] = set()
    result = fixes.fix_file(str(path), found, checked.digests[str(path)], settings, refused)
    budget = fixes._check_budget(2 * n)
    assert budget <= 2 * fixes.REFUSED_LIMIT * 10
    assert parses[0] <= 1 + budget  # the old text once, then one parse a check
    assert parts[0] <= 1 + 2 * budget  # the old document's parts once, not again for each check
    assert len(result.refused) == fixes.REFUSED_LIMIT
    assert len(result.made) + len(result.refused) + len(result.unsettled) == 2 * n
    assert all(fix.text == "" and "x^ " in text.splitlines()[fix.span.line - 1] for fix in result.refused)
    assert all(f.span.column > 10 for f in result.made)  # only "here [^b…]": never a fix that makes a note
    written = path.read_text(encoding="utf-8")
    assert written.count("x^[^a") == 0 and written.count("here[^b") == len(result.made)
    # The refused fixes are known again where they now are, and not tried again: no parse at all.
    assert len(refused) == fixes.REFUSED_LIMIT
    checked, _ = _checked(path)
    left = fixes.fixable(checked.diagnostics, unsafe=False)[str(path)]
    known = [f for f in left if fixes._key(f) in refused]
    assert len(known) == fixes.REFUSED_LIMIT
    parses[0] = 0
    result = fixes.fix_file(str(path), known, checked.digests[str(path)], settings, refused)
    assert parses[0] == 0 and not result.made and len(result.refused) == fixes.REFUSED_LIMIT


def test_too_many_refused_fixes_are_said_in_one_line(tmp_path: Path) -> None:
    n = 30
    text = "".join(f"Text x^ [^a{i}] here [^b{i}].\n\n" for i in range(n))
    text += "".join(f"[^a{i}]: Note.\n[^b{i}]: Note.\n" for i in range(n))
    path = tmp_path / "ref.md"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--isolated", "--fix", "--output-format", "concise", str(path)])
    written = path.read_text(encoding="utf-8")
    assert "x^[^a" not in written
    problem = result.stderr.splitlines()[0]
    assert problem.startswith(f"loccit: {path}: ")
    assert "would change how the rest of the file parses" in problem
    assert "not tried one by one after so many were refused" in problem or written.count("here[^b") == n
