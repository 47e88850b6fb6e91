"""Coverage-guided fuzzing of the parser and every rule with atheris (a bug hunt to run by hand, not in CI).

    python3 bench/fuzz.py                      # installs atheris into the benchmark's venv, fuzzes 60 s
    python3 bench/fuzz.py -max_total_time=600  # any libFuzzer option; crashes are written to bench/out/fuzz/

A crash is an exception escaping the parser or a rule, or a finding whose span is not inside the file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def check_one_input(data: bytes) -> None:
    """The fuzz target: lint the bytes as an essay and check every finding's position."""
    from loccit.linter.config.settings import Settings
    from loccit.linter.engine.check import lint_text
    from loccit.linter.markdown.parse import normalise
    from loccit.rules import RULES

    diagnostics = lint_text("essay.md", data, Settings(rules=RULES))
    text = normalise(data.decode("utf-8", errors="replace"))
    lines = text.split("\n")
    for d in diagnostics:
        if d.code == "E001":
            continue
        assert 1 <= d.line <= d.end_line <= len(lines), d
        assert 1 <= d.column <= len(lines[d.line - 1]) + 1, d
        assert 1 <= d.end_column <= len(lines[d.end_line - 1]) + 1, d


def _fuzz(argv: list[str], corpus: Path) -> None:
    import atheris

    with atheris.instrument_imports():
        import loccit.linter.markdown.parse  # noqa: F401
        import loccit.rules  # noqa: F401
    corpus.mkdir(parents=True, exist_ok=True)
    for essay in (REPO / "fixtures").rglob("*.md"):  # seeds: the fixture essays
        (corpus / essay.name).write_bytes(essay.read_bytes())
    atheris.Setup([*argv, str(corpus)], check_one_input)
    atheris.Fuzz()


def main() -> None:
    try:
        import atheris  # noqa: F401
    except ImportError:
        venv = Path(tempfile.gettempdir()) / "loccit-bench-tools" / "venv"
        python = venv / "bin" / "python"
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "atheris", str(REPO)], check=True)
        os.execv(str(python), [str(python), __file__, *sys.argv[1:]])
    out = REPO / "bench" / "out" / "fuzz"
    out.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(REPO))  # fuzz the working tree, not an installed copy
    options = sys.argv[1:] or ["-max_total_time=60"]
    _fuzz([sys.argv[0], f"-artifact_prefix={out}/", *options], out / "corpus")


if __name__ == "__main__":
    main()
