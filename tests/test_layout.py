"""The layout holds: layers import only downwards, every module lives in a part, and every part says what it owns."""

from __future__ import annotations

import ast

import pytest
from conftest import ROOT

# The ground every layer stands on; anything else in loccit/linter belongs in a subpackage.
BASICS = {"__init__.py", "model.py", "diagnostics.py", "cache.py", "patterns.py"}


def test_import_contracts_are_kept() -> None:
    cli = pytest.importorskip("importlinter.cli")
    assert cli.lint_imports(config_filename=str(ROOT / "pyproject.toml")) == 0


def test_no_module_outside_a_part() -> None:
    loose = {path.name for path in (ROOT / "loccit" / "linter").glob("*.py")} - BASICS
    assert not loose, f"modules in loccit/linter outside a subpackage: {sorted(loose)}"


@pytest.mark.parametrize(
    "package", sorted(p.parent.relative_to(ROOT).as_posix() for p in (ROOT / "loccit").rglob("*/__init__.py"))
)
def test_every_part_says_what_it_owns(package: str) -> None:
    docstring = ast.get_docstring(ast.parse((ROOT / package / "__init__.py").read_text(encoding="utf-8")))
    assert docstring, f"{package}/__init__.py has no docstring"
    if package.startswith("loccit/linter/") and package != "loccit/linter/cli":
        assert "Never imports" in docstring, f"{package} does not say what it never imports"
