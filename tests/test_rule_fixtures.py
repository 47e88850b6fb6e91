"""Rule fixtures through the CLI: golden findings, traps and fixes; the registry against fixtures and docs."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from loccit.linter.cli.main import main
from loccit.linter.output import ruledocs
from loccit.rules import RULES

FIXTURES = ROOT / "fixtures" / "rules"
DOCS = ROOT / "docs" / "rules"
SUMMARY = re.compile(r"(Found \d+ findings? \(.*\) in \d+ files?|No findings in \d+ files?)\.\n\Z")
CONCISE = re.compile(r"^([^:\n]+):(\d+):\d+: ([A-Z]\d{3}) ", re.M)
# A trap is text under ## Passing that a careless rule would flag; the comment on the line before says why.
TRAP = re.compile(r"^<!-- trap: \S.* -->\n(?=\S)", re.M)
MIN_FINDINGS, MIN_TRAPS = 3, 2
ONCE_PER_FILE = {"B009": "reports a document once", "E001": "reports a file's first bad byte"}
# A fixture's bibliography files (fixtures/rules/B012.bib, …) have their own `## Passing` and `## Failing` lines
# (text between BibTeX entries is a comment; JSON and YAML files are shown in their own fixtures instead).
COMPANIONS = ("bib", "json", "yaml")


def _findings(code: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, list[tuple[str, int]]]:
    """Run `loccit check` on the fixture from the repository root, as a user would; the summary line is dropped."""
    monkeypatch.chdir(ROOT)
    path = f"fixtures/rules/{code}.md"
    args = ["check", "--isolated", "--select", code, "--output-format", "concise", path]
    result = CliRunner().invoke(main, args)
    summary = SUMMARY.search(result.stdout)
    assert summary is not None, f"{code}: exit {result.exit_code}, no summary line in\n{result.stdout}{result.stderr}"
    output = result.stdout[: summary.start()]
    found = CONCISE.findall(output)
    assert result.exit_code == (1 if found else 0), f"{code}: exit {result.exit_code}\n{result.stderr}"
    assert {c for _, _, c in found} <= {code}, f"{code}: findings of other rules in\n{output}"
    return output, [(path, int(line)) for path, line, _ in found]


def _section_lines(path: Path) -> tuple[int, int]:
    lines = path.read_bytes().decode("utf-8", "replace").splitlines()
    return lines.index("## Passing") + 1, lines.index("## Failing") + 1


def _files(code: str) -> list[Path]:
    """The fixture and the bibliography files beside it that carry its name."""
    companions = [FIXTURES / f"{code}.{ext}" for ext in COMPANIONS]
    marked = [path for path in companions if path.exists() and "\n## Passing\n" in path.read_text(encoding="utf-8")]
    return [FIXTURES / f"{code}.md", *marked]


@pytest.mark.parametrize("code", [rule.code for rule in RULES])
def test_fixture_matches_golden(code: str, update_golden: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    output, lines = _findings(code, monkeypatch)
    golden = FIXTURES / f"{code}.expected"
    if update_golden:
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")
    assert lines, f"{code} fixture has no finding"
    for path, line in lines:
        passing, failing = _section_lines(ROOT / path)
        assert line > failing, f"{code} reports under ## Passing in {path} (lines {passing}-{failing})"


@pytest.mark.parametrize("code", [rule.code for rule in RULES])
def test_fixture_has_findings_and_traps(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """At least three findings under ## Failing (one for a rule that reports once per file) and two traps."""
    _, lines = _findings(code, monkeypatch)
    traps = []
    for path in _files(code):
        passing, failing = _section_lines(path)
        text = path.read_bytes().decode("utf-8", "replace")
        traps += TRAP.findall("\n".join(text.splitlines()[passing : failing - 1]) + "\n")
    found = len([1 for path, line in lines if line > _section_lines(ROOT / path)[1]])
    wanted = 1 if code in ONCE_PER_FILE else MIN_FINDINGS
    assert found >= wanted, f"{code} fixture has {found} findings under ## Failing, fewer than {wanted}"
    assert len(traps) >= MIN_TRAPS, f"{code} fixture marks {len(traps)} traps under ## Passing"


def _offered_fixes(code: str, path: Path) -> list[dict[str, object]]:
    """The "fix" field of each finding of one rule in the JSON output, None where the finding has no fix."""
    args = ["check", "--isolated", "--select", code, "--output-format", "json", str(path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, f"{code}: exit {result.exit_code}\n{result.stderr}"
    return [finding["fix"] for finding in json.loads(result.stdout) if finding["code"] == code]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_declared_fix_is_offered_and_applied(rule, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A fixable rule's fixture changes under --fix; a rule declared unfixable never offers a fix."""
    original = (FIXTURES / f"{rule.code}.md").read_bytes()
    copy = tmp_path / f"{rule.code}.md"
    copy.write_bytes(original)
    for companion in FIXTURES.glob(f"{rule.code}.*"):
        if companion.suffix.lstrip(".") in COMPANIONS:
            (tmp_path / companion.name).write_bytes(companion.read_bytes())
    fixes = [fix for fix in _offered_fixes(rule.code, copy) if fix is not None]
    page = ruledocs.sections((DOCS / f"{rule.code}.md").read_text(encoding="utf-8"))
    if not rule.fixable:
        assert not fixes, f"{rule.code} declares no fix but offers {fixes}"
        assert "Fix safety" not in page, f"{rule.code} page has a Fix safety section but the rule has no fix"
        return
    assert fixes, f"{rule.code} declares a fix, but none of its fixture's findings offers one"
    unsafe_only = not any(fix["safe"] for fix in fixes)
    assert page["Fix safety"].startswith("Unsafe") == unsafe_only, f"{rule.code} page misstates the fix's safety"
    fix = ["check", "--isolated", "--select", rule.code, "--fix", str(copy)]
    assert CliRunner().invoke(main, fix).exit_code in (0, 1)
    if unsafe_only:
        assert copy.read_bytes() == original, f"{rule.code}: --fix applied a fix marked unsafe"
        assert CliRunner().invoke(main, [*fix, "--unsafe-fixes"]).exit_code in (0, 1)
    assert copy.read_bytes() != original, f"{rule.code}: --fix left its fixture unchanged"


def test_codes_and_names_are_unique_and_well_formed() -> None:
    codes = [rule.code for rule in RULES]
    names = [rule.name for rule in RULES]
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)
    assert codes == sorted(codes, key=lambda c: ("NBPSFE".index(c[0]), c))
    for rule in RULES:
        assert re.fullmatch(r"[NBPSFE]\d{3}", rule.code)
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.name)
        assert rule.check.__doc__, f"{rule.code} check has no docstring"


def test_every_page_belongs_to_a_rule() -> None:
    codes = {rule.code for rule in RULES}
    assert {page.stem for page in DOCS.glob("*.md")} <= codes
    assert {path.stem for path in FIXTURES.glob("*.md")} <= codes
    assert {path.stem for ext in COMPANIONS for path in FIXTURES.glob(f"*.{ext}")} <= codes


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_doc_page_matches_rule(rule) -> None:  # type: ignore[no-untyped-def]
    page = (DOCS / f"{rule.code}.md").read_text(encoding="utf-8")
    lines = page.splitlines()
    assert lines[0] == f"# {rule.code} {rule.name}"
    fixable = "yes" if rule.fixable else "no"
    assert lines[1].startswith(f"Default severity: {rule.severity.value} · Fixable: {fixable} · Options: ")
    fields = {f.name for f in dataclasses.fields(rule.options)} if dataclasses.is_dataclass(rule.options) else set()
    named = set(re.findall(r"`([a-z_]+)`", lines[1].split("Options: ", 1)[1]))
    assert named == fields, f"{rule.code} page names options {named}, rule has {fields}"
    headings = [line for line in lines if line.startswith("## ")]
    expected = ["## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Options"]
    assert headings[:5] == expected
    assert headings[-1] == "## References"
