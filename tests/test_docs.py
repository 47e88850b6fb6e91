"""The documentation against the code: the CI workflow shown in the README, configuration keys, rules."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from loccit.linter.config import discovery as config
from loccit.linter.output import formats as reporters
from loccit.rules import RULES

README = (ROOT / "README.md").read_text(encoding="utf-8")
WORKFLOW = ROOT / "docs" / "ci" / "loccit.yml"


def test_readme_shows_the_workflow_file_verbatim() -> None:
    assert f"```yaml\n{WORKFLOW.read_text(encoding='utf-8')}```" in README


def test_workflow_is_valid_yaml_using_github_and_sarif_formats() -> None:
    yaml = pytest.importorskip("yaml")
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    runs = " ".join(step.get("run", "") for step in workflow["jobs"]["loccit"]["steps"])
    assert "--output-format github" in runs and "--output-format sarif" in runs
    assert workflow["permissions"]["security-events"] == "write"


def test_configuration_page_documents_every_key() -> None:
    page = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `([a-z-]+)` \|", page, re.M)
    assert documented == list(config.KEYS)


def test_output_page_documents_every_format() -> None:
    page = (ROOT / "docs" / "output-formats.md").read_text(encoding="utf-8")
    assert re.findall(r"^\| `([a-z-]+)` \|", page, re.M) == list(reporters.REPORTERS)


def test_readme_rule_table_lists_every_rule() -> None:
    rows = re.findall(r"^\| ([A-Z]\d{3}) \| ([a-z-]+) \|", README, re.M)
    assert rows == [(rule.code, rule.name) for rule in RULES]
