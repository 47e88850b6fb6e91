"""Acceptance on the real student essay in ../shared/corpus/seed, with planted defects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS

from loccit.linter.cli.main import main

SEED = CORPUS / "seed"
pytestmark = pytest.mark.skipif(not SEED.is_dir(), reason="../shared/corpus/seed is not available")


def _lint(path: Path) -> list[tuple[str, int, int, str]]:
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "N00", "--output-format", "json", str(path)])
    diagnostics = json.loads(result.output)
    return [(d["code"], d["line"], d["column"], d["message"]) for d in diagnostics if d["code"] not in ("N006", "N007")]


def _plant(text: str, marker: str, extra_note: str, repeated_note: str) -> str:
    """Add a marker with no definition, a definition never used, and a second definition of note 3."""
    paragraph_end = text.index("\n", text.index("left his country"))
    return text[:paragraph_end] + f" Planted.{marker}" + text[paragraph_end:] + extra_note + repeated_note


@pytest.mark.parametrize(
    ("name", "marker", "extra", "repeat", "labels"),
    [
        ("khrushchev-footnotes.md", "[^41]", "[^42]: Planted note.\n", "[^3]: Planted again.\n", "[^{}]"),
        ("khrushchev-numeric.md", "[41]", "\n[42] Planted note.\n", "\n[3] Planted again.\n", "[{}]"),
    ],
)
def test_planted_defects_reported_at_exact_positions(
    tmp_path: Path, name: str, marker: str, extra: str, repeat: str, labels: str
) -> None:
    text = (SEED / name).read_text(encoding="utf-8")
    planted = _plant(text, marker, extra, repeat)
    path = tmp_path / name
    path.write_text(planted, encoding="utf-8")
    lines = planted.splitlines()
    marker_line = next(i for i, line in enumerate(lines, 1) if "Planted." in line)
    marker_column = lines[marker_line - 1].index(marker) + 1
    extra_line = next(i for i, line in enumerate(lines, 1) if "Planted note" in line)
    repeat_line = next(i for i, line in enumerate(lines, 1) if "Planted again" in line)
    first_line = next(i for i, line in enumerate(lines, 1) if line.startswith(labels.format(3)))
    found = _lint(path)
    assert ("N001", marker_line, marker_column) in [f[:3] for f in found]
    assert ("N002", extra_line, 1) in [f[:3] for f in found]
    assert ("N003", repeat_line, 1) in [f[:3] for f in found]
    assert f"first defined on line {first_line}" in next(f[3] for f in found if f[0] == "N003")
    assert len(found) == 3
