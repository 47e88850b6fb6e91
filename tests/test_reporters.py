"""Every output format on one fixture, compared byte for byte with its golden file; SARIF against its schema."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import ROOT

from loccit import __version__
from loccit.linter.cli.main import main
from loccit.linter.diagnostics import Diagnostic, Severity
from loccit.linter.output import formats as reporters
from loccit.linter.output import json_formats, terminal
from loccit.linter.output.context import Context
from loccit.linter.output.source_lines import Sources

FIXTURE = "fixtures/reporters/mixed.md"
GOLDEN = ROOT / "tests" / "golden"
SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"


def _render(fmt: str, monkeypatch: pytest.MonkeyPatch, *extra: str) -> tuple[int, str]:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["check", "--isolated", "--output-format", fmt, *extra, FIXTURE])
    return result.exit_code, result.stdout.replace(f'"version": "{__version__}"', '"version": "<version>"')


@pytest.mark.parametrize("fmt", list(reporters.REPORTERS))
def test_format_matches_golden(fmt: str, monkeypatch: pytest.MonkeyPatch, update_golden: bool) -> None:
    code, output = _render(fmt, monkeypatch)
    golden = GOLDEN / f"{fmt}.txt"
    if update_golden:
        golden.write_text(output, encoding="utf-8")
    assert code == 1
    assert output == golden.read_text(encoding="utf-8")


def test_every_golden_file_is_a_format() -> None:
    assert {path.stem for path in GOLDEN.glob("*.txt")} == set(reporters.REPORTERS) | {"statistics"}


def test_statistics_golden(monkeypatch: pytest.MonkeyPatch, update_golden: bool) -> None:
    code, output = _render("concise", monkeypatch, "--statistics")
    golden = GOLDEN / "statistics.txt"
    if update_golden:
        golden.write_text(output, encoding="utf-8")
    assert (code, output) == (1, golden.read_text(encoding="utf-8"))


def test_sarif_is_valid_against_the_official_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(_render("sarif", monkeypatch)[1])
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert all(rule["help"]["markdown"].startswith(f"# {rule['id']} {rule['name']}") for rule in rules)
    assert all(r["partialFingerprints"]["loccit/v1"] for r in run["results"])
    assert [rules[r["ruleIndex"]]["id"] for r in run["results"]] == [r["ruleId"] for r in run["results"]]


def test_empty_sarif_and_junit_are_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    out = io.StringIO()
    reporters.render("sarif", [], out)
    jsonschema.Draft4Validator(schema).validate(json.loads(out.getvalue()))
    out = io.StringIO()
    reporters.render("junit", [], out)
    assert 'tests="1" failures="0"' in out.getvalue()


def test_fingerprints_ignore_line_moves_and_count_repeats() -> None:
    def finding(line: int) -> Diagnostic:
        return Diagnostic("a.md", line, 1, line, 2, "N001", "undefined-note", Severity.ERROR, "note [^1] …")

    first = json_formats.fingerprints([finding(3), finding(9)])
    moved = json_formats.fingerprints([finding(5), finding(12)])
    assert first == moved and first[0] != first[1]


def test_rdjson_columns_are_utf8_bytes() -> None:
    d = Diagnostic("x.md", 1, 4, 1, 8, "N001", "undefined-note", Severity.ERROR, "m")
    out = io.StringIO()
    json_formats.rdjson([d], out, Context(sources=Sources({"x.md": "“a”[^1]\n"})))
    location = json.loads(out.getvalue())["diagnostics"][0]["location"]["range"]
    assert (location["start"]["column"], location["end"]["column"]) == (8, 12)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("no_color", "expected"), [(None, True), ("1", False), ("", True)])
def test_colour_only_on_a_terminal_without_no_color(
    monkeypatch: pytest.MonkeyPatch, no_color: str | None, expected: bool
) -> None:
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    assert terminal.wants_colour(_Terminal()) is expected
    assert terminal.wants_colour(io.StringIO()) is False


def test_full_in_colour_has_escapes_and_same_text(monkeypatch: pytest.MonkeyPatch) -> None:
    d = Diagnostic("x.md", 1, 2, 1, 3, "N001", "undefined-note", Severity.ERROR, "m")
    plain, painted = io.StringIO(), io.StringIO()
    sources = Sources({"x.md": "ab\n"})
    terminal.full([d], plain, Context(sources=sources))
    terminal.full([d], painted, Context(color=True, sources=sources))
    assert "\x1b[" in painted.getvalue() and "\x1b[" not in plain.getvalue()
    assert " |  ^ undefined-note" in plain.getvalue()


def test_progress_only_on_a_terminal_for_runs_that_last(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.delenv("PRE_COMMIT", raising=False)
    quick = _Terminal()
    progress = terminal.Progress(quick, 50)  # closed long before its first second
    progress(50)
    progress.close()
    assert quick.getvalue() == ""
    for stream, under_hook in ((io.StringIO(), False), (_Terminal(), True)):
        if under_hook:
            monkeypatch.setenv("PRE_COMMIT", "1")
        progress = terminal.Progress(stream, 50, delay=0)
        time.sleep(0.1)
        progress.close()
        assert stream.getvalue() == ""
    monkeypatch.delenv("PRE_COMMIT")
    shown = _Terminal()
    progress = terminal.Progress(shown, 50, delay=0.05)
    progress(12)
    time.sleep(0.3)
    progress.close()
    assert "\rchecking 12/50 files (0 s)" in shown.getvalue() and shown.getvalue().endswith("\r\x1b[K")


def test_progress_shows_for_one_long_essay(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.delenv("PRE_COMMIT", raising=False)
    shown = _Terminal()
    progress = terminal.Progress(shown, 1, "thesis.md", delay=0.05)
    time.sleep(0.4)  # a single essay that takes a while: no file is done yet
    progress.close()
    assert "\rchecking thesis.md (0 s)" in shown.getvalue()


def test_output_file_gets_concise_and_stdout_stays_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    target = tmp_path / "out.txt"
    result = CliRunner().invoke(main, ["check", "--isolated", "--output-file", str(target), FIXTURE])
    assert result.exit_code == 1 and result.stdout == ""
    assert target.read_text(encoding="utf-8") == (GOLDEN / "concise.txt").read_text(encoding="utf-8")


def test_unwritable_output_file_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    target = tmp_path / "missing" / "out.sarif"
    result = CliRunner().invoke(main, ["check", "--isolated", "--format", "sarif", "-o", str(target), FIXTURE])
    assert result.exit_code == 2
    assert result.stderr == f"loccit: error: {target}: cannot write: No such file or directory\n"


UNDECODABLE = "caf\udce9.md"  # os.fsdecode(b"caf\xe9.md"): a file name that is not UTF-8


@pytest.mark.parametrize("fmt", list(reporters.REPORTERS))
def test_a_file_name_that_is_not_utf8_is_written_as_utf8(fmt: str) -> None:
    d = Diagnostic(UNDECODABLE, 1, 1, 1, 2, "E001", "unreadable-file", Severity.ERROR, "cannot read file")
    out = io.StringIO()
    reporters.render(fmt, [d], out)
    written = out.getvalue().encode("utf-8")  # strict: a lone surrogate would raise here
    assert b"caf\\xe9.md" in written.replace(b"\\\\", b"\\") or b"caf%E9.md" in written
    if fmt in ("json", "sarif", "gitlab", "rdjson"):
        json.loads(written)
    if fmt == "json-lines":
        json.loads(written.splitlines()[0])


@pytest.mark.skipif(os.name != "posix", reason="a file name of any bytes needs a POSIX file system")
@pytest.mark.parametrize("fmt", ["sarif", "gitlab", "json"])
def test_cli_with_a_file_name_that_is_not_utf8(tmp_path: Path, fmt: str) -> None:
    (tmp_path / os.fsdecode(b"caf\xe9.md")).write_text("Text.[^2]\n", encoding="utf-8")
    command = [sys.executable, "-m", "loccit", "check", "--isolated", "--format", fmt, "."]
    done = subprocess.run(command, capture_output=True, cwd=tmp_path)
    assert (done.returncode, done.stderr) == (1, b"")
    json.loads(done.stdout.decode("utf-8"))


ESC = "\x1b"
HOSTILE = f"A\x07b.[^9{ESC}c] More.\n"  # a bell, then a label that would reset the terminal


def _hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    name = f"essay{ESC}]0;title\x07.md"  # a file name that would retitle the terminal window
    (tmp_path / name).write_text(HOSTILE, encoding="utf-8")
    return name


@pytest.mark.parametrize("fmt", ["full", "concise", "github", "junit"])
def test_control_characters_never_reach_the_output_raw(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    _hostile(tmp_path, monkeypatch)
    result = CliRunner().invoke(main, ["check", "--isolated", "--format", fmt, "."])
    assert result.exit_code == 1
    assert ESC not in result.stdout and "\x07" not in result.stdout
    assert "[^9\\x1bc]" in result.stdout and "essay\\x1b]0;title\\x07.md" in result.stdout
    if fmt == "junit":
        from xml.etree import ElementTree

        ElementTree.fromstring(result.stdout.encode("utf-8"))


def test_full_format_keeps_the_caret_under_text_shown_with_escapes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _hostile(tmp_path, monkeypatch)
    lines = CliRunner().invoke(main, ["check", "--isolated", "--format", "full", "."]).stdout.splitlines()
    source = next(line for line in lines if line.startswith("1 | "))
    caret = lines[lines.index(source) + 1]
    start = caret.index("^")
    assert source[start : start + len(caret.split()[1])] == "[^9\\x1bc]"


def test_junit_is_valid_xml_when_a_message_holds_a_control_character() -> None:
    from xml.etree import ElementTree

    d = Diagnostic(f"a{ESC}.md", 1, 1, 1, 2, "N001", "undefined-note", Severity.ERROR, f"note [^{ESC}\x00] …")
    out = io.StringIO()
    reporters.render("junit", [d], out)
    failure = ElementTree.fromstring(out.getvalue().encode("utf-8")).find(".//failure")
    assert failure is not None and failure.get("message") == "note [^\\x1b\\x00] …"


def test_show_settings_shows_a_hostile_file_name_with_escapes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    name = _hostile(tmp_path, monkeypatch)
    result = CliRunner().invoke(main, ["check", "--isolated", "--show-settings", name])
    assert result.exit_code == 0 and ESC not in result.stdout
    assert "# settings for essay\\x1b]0;title\\x07.md" in result.stdout


def test_configuration_errors_show_control_characters_with_escapes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _hostile(tmp_path, monkeypatch)
    (tmp_path / "loccit.toml").write_text('"\\u001b[2J" = 1\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "."])
    assert result.exit_code == 2 and ESC not in result.stderr
    assert result.stderr.startswith("loccit: error: loccit.toml: \\x1b[2J: unknown key")


def test_sources_shows_control_characters_with_escapes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "essay.md").write_text(
        f"A.[^1]\n\n[^1]: Jones, *Other*, 4.\n\n## Bibliography\n\n- Jones, B. *Other{ESC}[5m Book*. Paris, 2001.\n",
        encoding="utf-8",
    )
    for fmt in ("text", "json"):
        result = CliRunner().invoke(main, ["sources", "--format", fmt, "essay.md"])
        assert result.exit_code == 0 and ESC not in result.stdout
    assert "Other\\x1b[5m Book" in CliRunner().invoke(main, ["sources", "essay.md"]).stdout


def test_statistics_say_when_fixes_need_unsafe_fixes(tmp_path: Path) -> None:
    """F003's fixes are all unsafe: plain --fix makes none of them, so the count says how to get them."""
    essay = tmp_path / "essay.md"
    essay.write_text("A claim.[^1]\n\n[^1]: Lena Marsh, *Code* (New York : Basic Books, 1999), 90.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "F003", "--statistics", str(essay)])
    assert "F003  publication-parenthetical  [*] fixable with --unsafe-fixes" in result.output, result.output
