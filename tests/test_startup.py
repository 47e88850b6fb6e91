"""Start-up cost: checking a plain essay loads no module it does not need (pre-commit and editors run often)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from loccit.linter.patterns import LazyPattern

# Loaded only when used: the process pool, fuzzy matching, .gitignore walking, BibTeX, configuration files,
# JSON output, "did you mean" hints, the on-disk cache of large bibliography files (hashlib, pickle, tempfile),
# the line scanner for pasted plain text, the calendar that checks a bibliography file's dates, the output
# formats other than the one printed, and the readers of YAML metadata and bibliography files.
LAZY = (
    "concurrent.futures",
    "multiprocessing",
    "rapidfuzz",
    "pathspec",
    "nameparser",
    "bibtexparser",
    "tomllib",
    "json",
    "difflib",
    "hashlib",
    "pickle",
    "tempfile",
    "loccit.linter.markdown.plain_lines",
    "loccit.linter.markdown.furniture",
    "calendar",
    "loccit.linter.output.ci",
    "loccit.linter.output.sarif",
    "loccit.linter.output.ruledocs",
    "loccit.linter.bibfiles.metadata",
    "loccit.linter.bibfiles.bibtex",
    "loccit.linter.bibfiles.csl",
)
# What the interpreter loaded before loccit (a site .pth file may import certifi, and with it tempfile) is not
# loccit's doing.
PROBE = """
import sys
before = set(sys.modules)
from loccit.linter.cli.main import main
try:
    main(["check", sys.argv[1]])
except SystemExit:
    pass
print(" ".join(name for name in sys.argv[2:] if name in sys.modules and name not in before))
"""


def test_plain_check_imports_nothing_it_does_not_use(tmp_path: Path) -> None:
    essay = tmp_path / "essay.md"
    essay.write_text("# Essay\n\nA claim.[^1] Another[^2].\n\n[^1]: A. Author, *Title* (1990), p. 4.\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(essay), *LAZY],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert "N001" in result.stdout, result.stderr
    assert result.stdout.splitlines()[-1] == ""


def _script(*args: str) -> subprocess.CompletedProcess[bytes]:
    """`python -m loccit`: the script's entry point, which leaves without the interpreter's teardown."""
    command = [sys.executable, "-m", "loccit", *args]
    return subprocess.run(command, capture_output=True, env={"PYTHONPATH": str(ROOT)}, check=False)


def test_script_exits_with_its_status_and_all_its_output(tmp_path: Path) -> None:
    essay = tmp_path / "essay.md"
    essay.write_text("".join(f"Claim {n}.[^{n}]\n\n" for n in range(1, 400)), "utf-8")
    found = _script("check", str(essay))
    assert found.returncode == 1, found.stderr
    lines = found.stdout.decode().splitlines()
    assert len(lines) == 400 and lines[-1] == "Found 399 findings (399 errors) in 1 file.", lines[-3:]
    clean = _script("check", "--exit-zero", str(essay))
    assert clean.returncode == 0 and clean.stdout == found.stdout
    missing = _script("check", str(tmp_path / "none.md"))
    assert missing.returncode == 2 and b"no such file" in missing.stderr


def test_script_with_stdout_closed_still_writes_its_output_file(tmp_path: Path) -> None:
    essay, report = tmp_path / "essay.md", tmp_path / "out.txt"
    essay.write_text("Claim.[^1]\n", "utf-8")
    command = [sys.executable, "-m", "loccit", "check", "--exit-zero", "-o", str(report), str(essay)]
    found = subprocess.run(
        command,
        stdout=None,
        capture_output=False,
        stderr=subprocess.PIPE,
        check=False,
        env={"PYTHONPATH": str(ROOT)},
        preexec_fn=lambda: os.close(1),
    )
    assert (found.returncode, found.stderr) == (0, b"")
    assert report.read_text("utf-8").startswith(f"{essay}:1:7: N001")


def test_script_that_cannot_write_its_findings_says_so_in_one_line(tmp_path: Path) -> None:
    essay = tmp_path / "essay.md"
    essay.write_text("Claim.[^1]\n", "utf-8")
    command = [sys.executable, "-m", "loccit", "check", str(essay)]
    env = {"PYTHONPATH": str(ROOT)}
    closed = subprocess.run(command, stderr=subprocess.PIPE, env=env, preexec_fn=lambda: os.close(1), check=False)
    assert (closed.returncode, closed.stderr) == (
        2,
        b"loccit: error: standard output is closed; write the findings with --output-file\n",
    )
    if os.path.exists("/dev/full"):
        with open("/dev/full", "w") as full:
            found = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, env=env, check=False)
        assert found.returncode == 2
        assert found.stderr == b"loccit: error: cannot write the findings to standard output: No space left on device\n"


def test_a_closed_pipe_ends_the_run_quietly(tmp_path: Path) -> None:
    # `loccit check --show-settings … | head -1`: the reader is gone before the writer is done.
    essay = tmp_path / "essay.md"
    essay.write_text("Claim.[^1]\n", "utf-8")
    read, write = os.pipe()
    os.close(read)
    try:
        for args in (("--show-settings",), ()):
            command = [sys.executable, "-m", "loccit", "check", *args, str(essay)]
            found = subprocess.run(command, stdout=write, stderr=subprocess.PIPE, env={"PYTHONPATH": str(ROOT)})
            assert found.returncode == 1 and b"Traceback" not in found.stderr, found.stderr
            assert b"cannot write" not in found.stderr, found.stderr
    finally:
        os.close(write)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_sources_that_cannot_write_says_so_in_one_line(tmp_path: Path, fmt: str) -> None:
    essay = tmp_path / "essay.md"
    essay.write_text("Claim.[^1]\n\n[^1]: Smith, *Tolls*, 4.\n", "utf-8")
    command = [sys.executable, "-m", "loccit", "sources", "--format", fmt, str(essay)]
    env = {"PYTHONPATH": str(ROOT)}
    closed = subprocess.run(command, stderr=subprocess.PIPE, env=env, preexec_fn=lambda: os.close(1), check=False)
    assert (closed.returncode, closed.stderr) == (2, b"loccit: error: standard output is closed\n")
    if os.path.exists("/dev/full"):
        with open("/dev/full", "w") as full:
            found = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, env=env, check=False)
        assert (found.returncode, found.stderr) == (
            2,
            b"loccit: error: cannot write to standard output: No space left on device\n",
        )


def test_lazy_pattern_compiles_on_first_use_and_answers_as_re_does() -> None:
    lazy = LazyPattern(r"(\d+)-(\d+)", re.A)
    plain = re.compile(r"(\d+)-(\d+)", re.A)
    assert lazy._compiled is None and lazy.pattern == plain.pattern
    text = "pp. 12-14, 20-2 and 7"
    assert lazy.search(text, 5) and plain.search(text, 5)
    assert lazy.search(text, 5).span() == plain.search(text, 5).span()  # type: ignore[union-attr]
    assert lazy.match(text) is plain.match(text) is None
    assert lazy.fullmatch("1-2") is not None
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert lazy.findall(text, 0, 9) == plain.findall(text, 0, 9)
    assert lazy.sub(r"\2-\1", text, 1) == plain.sub(r"\2-\1", text, 1)
    assert lazy.split(text) == plain.split(text)
    assert lazy.compiled is lazy.compiled
