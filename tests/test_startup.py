"""Start-up cost: checking a plain essay loads no module it does not need (pre-commit and editors run often)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

# Loaded only when used: the process pool, fuzzy matching, .gitignore walking, BibTeX, configuration files,
# JSON output, "did you mean" hints.
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
)
PROBE = """
import sys
from loccit.linter.cli import main
try:
    main(["check", sys.argv[1]])
except SystemExit:
    pass
print(" ".join(name for name in sys.argv[2:] if name in sys.modules))
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
