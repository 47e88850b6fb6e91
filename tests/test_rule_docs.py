"""`loccit rule` prints the pages of docs/rules, which the wheel ships as the package loccit.rule_docs."""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from loccit.linter.cli.main import main
from loccit.linter.output import ruledocs
from loccit.rules import RULES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```$", re.M | re.S)
# A page's bibliography file is a block fenced as its format; it is written beside the essay under this name.
BIBLIOGRAPHY_FENCES = {"bibtex": "refs.bib", "json": "refs.json", "yaml": "refs.yaml"}
# A page whose example cannot be a code block describes the file in words; these bytes are that file.
DESCRIBED = {"E001": ("A word saved in Latin-1: café.\n".encode("latin-1"), "A word saved as UTF-8: café.\n".encode())}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_rule_prints_its_page() -> None:
    code, out, _ = run("rule", "n004")
    assert code == 0
    assert out == (ROOT / "docs" / "rules" / "N004.md").read_text(encoding="utf-8")


def test_rule_all_prints_every_page_in_registry_order() -> None:
    code, out, _ = run("rule", "--all")
    headers = [line for line in out.splitlines() if line.startswith("# ")]
    assert code == 0 and headers == [f"# {rule.code} {rule.name}" for rule in RULES]


def test_unknown_rule_suggests_a_code() -> None:
    assert run("rule", "N0066") == (2, "", 'loccit: error: unknown rule code "N0066"; did you mean "N006"?\n')
    assert run("rule")[0] == 2


def test_pages_are_found_and_every_rule_has_one() -> None:
    assert set(ruledocs.codes()) == {rule.code for rule in RULES}
    page = ruledocs.page("N006")
    assert page is not None and "Fix safety" in ruledocs.sections(page)


def test_wheel_ships_docs_rules_and_every_package() -> None:
    """docs/rules is mapped to loccit.rule_docs, and every package directory is listed for setuptools."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert setuptools["package-dir"] == {"loccit.rule_docs": "docs/rules"}
    assert setuptools["package-data"]["loccit.rule_docs"] == ["*.md"]
    packages = {".".join(path.parent.relative_to(ROOT).parts) for path in Path(ROOT / "loccit").rglob("__init__.py")}
    assert set(setuptools["packages"]) == packages | {"loccit.rule_docs"}


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_options_section_documents_the_real_options(rule) -> None:  # type: ignore[no-untyped-def]
    page = ruledocs.page(rule.code)
    assert page is not None
    section = ruledocs.sections(page)["Options"]
    with_default = set(re.findall(r"`([a-z_]+)` \(default", section))
    mentioned = set(re.findall(r"`([a-z_]+)`", section))
    fields = {f.name for f in dataclasses.fields(rule.options)} if dataclasses.is_dataclass(rule.options) else set()
    assert with_default <= fields, f"{rule.code} page documents options {with_default - fields} the rule lacks"
    assert fields <= mentioned, f"{rule.code} page does not document options {fields - mentioned}"


def _essay(code: str, section: str) -> tuple[bytes, dict[str, str]]:
    """The fenced code blocks of a page's section joined into one essay, and its bibliography files by name."""
    page = ruledocs.page(code)
    assert page is not None
    fenced = FENCE.findall(ruledocs.sections(page)[section])
    files = {BIBLIOGRAPHY_FENCES[info]: body for info, body in fenced if info in BIBLIOGRAPHY_FENCES}
    blocks = [body for info, body in fenced if info not in BIBLIOGRAPHY_FENCES]
    if code in DESCRIBED:
        assert not blocks, f"{code} page now shows its {section} as code; drop it from DESCRIBED"
        return DESCRIBED[code][section == "Use instead"], {}
    assert blocks, f"{code} page has no code block under ## {section}"
    return "\n".join(blocks).encode("utf-8"), files


def _found(path: Path, essay: tuple[bytes, dict[str, str]]) -> list[str]:
    """The codes `loccit check --select ALL` reports for an essay written to path, its files beside it."""
    path.parent.mkdir()
    path.write_bytes(essay[0])
    for name, text in essay[1].items():
        (path.parent / name).write_text(text, encoding="utf-8")
    code, out, err = run("check", "--isolated", "--select", "ALL", "--output-format", "json", str(path))
    assert code in (0, 1), err
    return [finding["code"] for finding in json.loads(out)]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_example_gives_the_rule_and_use_instead_does_not(rule, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    example = _found(tmp_path / "example" / "essay.md", _essay(rule.code, "Example"))
    instead = _found(tmp_path / "instead" / "essay.md", _essay(rule.code, "Use instead"))
    assert rule.code in example, f"{rule.code} page's Example gives {sorted(set(example))}, not {rule.code}"
    assert rule.code not in instead, f"{rule.code} page's Use instead still gives {rule.code}"
