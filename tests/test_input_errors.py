"""Bad input: undecodable files, missing paths and bad options give one clear finding or line, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from loccit.linter.cli.main import main
from loccit.linter.config.settings import Settings
from loccit.linter.engine import project
from loccit.linter.engine.check import lint_text
from loccit.rules import RULES


@pytest.mark.parametrize(
    ("data", "position"),
    [
        (b"ab\xffcd", (1, 3)),
        (b"\xef\xbb\xbfab\xff", (1, 3)),  # the byte-order mark is not a column, as in every other finding
        (b"one\r\ntwo \xff", (2, 5)),
        (b"one\rtwo\rx\x00", (3, 2)),  # a lone CR ends a line
        (b"\xe2\x80\x9cquote\xe2\x80\x9d \xc3", (1, 9)),  # columns count code points
        (b"ok\n\x00binary", (2, 1)),
    ],
)
def test_unreadable_file_is_one_finding_at_first_bad_byte(data: bytes, position: tuple[int, int]) -> None:
    (finding,) = lint_text("essay.md", data, Settings(rules=RULES))
    assert (finding.code, (finding.line, finding.column), finding.end_column) == ("E001", position, position[1] + 1)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_file_is_one_finding_at_offset_zero(encoding: str) -> None:
    data = "A claim.[^1]\n\n[^1]: Note.\n".encode(encoding)
    if encoding.endswith(("-le", "-be")):
        data = "\ufeff".encode(encoding) + data  # as Windows editors save it, with its byte-order mark
    (finding,) = lint_text("essay.md", data, Settings(rules=RULES))
    assert (finding.code, finding.line, finding.column) == ("E001", 1, 1)
    assert "UTF-16" in finding.message or "UTF-32" in finding.message or "offset 0" in finding.message


def test_first_bad_byte_wins_over_a_later_nul() -> None:
    (finding,) = lint_text("essay.md", b"ab\xffcd\x00", Settings(rules=RULES))
    assert (finding.line, finding.column) == (1, 3)
    assert finding.message.startswith("file is not valid UTF-8 (byte 0xff at offset 2)")


def _run(args: list[str]) -> Result:
    return CliRunner().invoke(main, ["check", "--format", "concise", *args])


def _essays(root: Path) -> list[str]:
    (root / "good.md").write_text("Text.[^1]\n\n[^1]: Note.\n", encoding="utf-8")
    (root / "latin1.md").write_bytes("Caf\xe9.[^1]\n".encode("latin-1"))
    (root / "bad.md").write_text("Text.[^2]\n", encoding="utf-8")
    return [str(root / name) for name in ("good.md", "latin1.md", "bad.md")]


def test_undecodable_file_does_not_stop_the_run(tmp_path: Path) -> None:
    good, latin1, bad = _essays(tmp_path)
    result = _run([good, latin1, bad])
    assert result.exit_code == 1
    assert f"{latin1}:1:4: E001 file is not valid UTF-8 (byte 0xe9 at offset 3)" in result.output
    assert f"{bad}:1:6: N001" in result.output


def test_unreadable_file_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good, _, bad = _essays(tmp_path)
    real_read = project.read

    def read(path: str, stdin: bytes | None = None, limit: int = 0) -> bytes:
        if path == good:
            raise PermissionError(13, "Permission denied")
        return real_read(path, stdin, limit)

    monkeypatch.setattr(project, "read", read)
    result = _run([good, bad])
    assert f"{good}:1:1: E001 cannot read file: Permission denied" in result.output
    assert f"{bad}:1:6: N001" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.md"], "missing.md: no such file or directory"),
        (["--notes", "sideways", "good.md"], "Invalid value for '--notes'"),
        (["--no-such-option", "good.md"], "No such option"),
        (["--jobs", "0", "good.md"], "Invalid value for '--jobs'"),
    ],
)
def test_usage_errors_exit_2_with_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    _essays(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = _run(args)
    assert result.exit_code == 2
    (line,) = [line for line in result.output.splitlines() if "error" in line.lower()]
    assert message in line


def test_bad_configuration_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("loccit.linter.config.discovery")
    _essays(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.loccit]\nno-such-setting = "x"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = _run(["good.md"])
    assert result.exit_code == 2
    assert "no-such-setting" in result.output
    assert "Traceback" not in result.output


def _snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("output", ["concise", "json", "github"])
def test_checking_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str) -> None:
    _essays(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "spaced.md").write_text("Word [^1]glued.\n\n[^1]: N.\n", encoding="utf-8")
    before = _snapshot(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--format", output, "."])
    assert result.exit_code == 1
    assert _snapshot(tmp_path) == before


def _deny(monkeypatch: pytest.MonkeyPatch, denied: str) -> None:
    """Make one path unreadable even for root: click's access check, opening it, and listing it all fail."""

    real_access, real_scandir = os.access, os.scandir

    def access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        return False if os.path.abspath(str(path)) == denied else real_access(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    def scandir(path: object = ".") -> object:
        if os.path.abspath(str(path)) == denied:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    real_read = project.read

    def read(path: str, *args: object, **kwargs: object) -> bytes:
        if os.path.abspath(path) == denied:
            raise PermissionError(13, "Permission denied", path)
        return real_read(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(project, "read", read)


def test_unreadable_file_named_on_the_command_line_is_e001_not_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good, _, bad = _essays(tmp_path)
    monkeypatch.chdir(tmp_path)
    _deny(monkeypatch, good)
    result = _run(["good.md", "bad.md"])
    assert result.exit_code == 1, result.output
    assert "good.md:1:1: E001 cannot read file: Permission denied" in result.output
    assert "bad.md:1:6: N001" in result.output


def test_unreadable_subdirectory_is_reported_not_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _essays(tmp_path)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "chapter.md").write_text("Text.[^7]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _deny(monkeypatch, str(tmp_path / "locked"))
    result = _run(["."])
    assert result.exit_code == 1, result.output
    assert "locked:1:1: E001 cannot read directory: Permission denied" in result.output
    assert "bad.md:1:6: N001" in result.output
    assert "chapter.md" not in result.output


def test_excluded_unreadable_subdirectory_is_not_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _essays(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.loccit]\nexclude = ["locked/"]\n', encoding="utf-8")
    (tmp_path / "locked").mkdir()
    monkeypatch.chdir(tmp_path)
    _deny(monkeypatch, str(tmp_path / "locked"))
    result = _run(["."])
    assert "locked" not in result.output


def _loccit(args: list[str], cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """The real command in its own process, with a timeout: a FIFO or /dev/zero must not hang it."""
    command = [sys.executable, "-m", "loccit", "check", "--format", "concise", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, timeout=60, input=stdin, check=False)


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="needs FIFOs and /dev/zero")
def test_fifos_and_devices_are_skipped_in_walks_and_e001_when_named(tmp_path: Path) -> None:
    _essays(tmp_path)
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    walked = _loccit(["."], tmp_path)
    assert (walked.returncode, walked.stderr) == (1, b"")
    assert b"pipe.md" not in walked.stdout and b"zero.md" not in walked.stdout
    assert b"bad.md:1:6: N001" in walked.stdout
    named = _loccit(["pipe.md", "zero.md", "bad.md"], tmp_path)
    assert (named.returncode, named.stderr) == (1, b"")
    assert named.stdout.decode().splitlines()[:3] == [
        "bad.md:1:6: N001 note [^2] has no definition; add one or remove the marker",
        "pipe.md:1:1: E001 not a regular file (a named pipe); not checked",
        "zero.md:1:1: E001 not a regular file (a character device); not checked",
    ]
    full = _loccit(["--format", "full", "pipe.md"], tmp_path)
    assert full.returncode == 1 and b"E001" in full.stdout


def test_a_file_larger_than_max_file_size_is_e001_and_not_read(tmp_path: Path) -> None:
    _essays(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.loccit]\nmax-file-size = 1000\n", encoding="utf-8")
    (tmp_path / "big.md").write_text("Text.[^9]\n" * 200, encoding="utf-8")
    result = _loccit(["big.md", "bad.md"], tmp_path)
    assert result.returncode == 1
    assert result.stdout.decode().splitlines()[:2] == [
        "bad.md:1:6: N001 note [^2] has no definition; add one or remove the marker",
        "big.md:1:1: E001 file is 2 kB, more than max-file-size (1 kB); not checked",
    ]
    piped = _loccit(["-"], tmp_path, stdin=b"Text.[^9]\n" * 200)
    assert b"-:1:1: E001 file is 2 kB, more than max-file-size (1 kB); not checked" in piped.stdout


def test_max_file_size_defaults_to_20_mb(tmp_path: Path) -> None:
    from loccit.linter.config.discovery import Config, settings

    assert settings(Config()).max_file_size == 20_000_000
