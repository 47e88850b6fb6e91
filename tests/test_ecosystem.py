"""The ecosystem check: loccit's findings on the shared real corpora match tests/ecosystem/verdicts.tsv exactly.

A finding that appears or disappears fails this test until verdicts.tsv is updated with a verdict read from the
text (`python tests/ecosystem/check.py --update`, then judge the `unjudged` lines).
"""

from __future__ import annotations

import sys

import pytest
from conftest import CORPUS, ROOT

sys.path.insert(0, str(ROOT / "tests" / "ecosystem"))
import check  # noqa: E402

pytestmark = pytest.mark.skipif(not (CORPUS / "real").is_dir(), reason="../shared/corpus is not here")


@pytest.fixture(scope="module")
def current() -> list[str]:
    return check.findings(CORPUS)


def test_findings_match_the_judged_file(current: list[str]) -> None:
    judged = check.read_verdicts()
    new = [f for f in current if f not in judged]
    gone = [f for f in judged if f not in set(current)]
    assert not new and not gone, "findings changed; update tests/ecosystem/verdicts.tsv:\n" + "\n".join(
        [f"+ {f}" for f in new] + [f"- {f}" for f in gone]
    )


def test_every_finding_has_a_verdict_and_a_reason() -> None:
    for finding, (verdict, reason) in check.read_verdicts().items():
        assert verdict in check.VERDICT_KINDS and verdict != "unjudged", f"not judged: {finding}"
        assert reason.strip(), f"no reason given: {finding}"


def test_readme_shows_the_current_table() -> None:
    """The README's precision table is the one verdicts.tsv gives."""
    table = check.precision_table(check.read_verdicts()).strip()
    assert table in (ROOT / "README.md").read_text(encoding="utf-8"), f"update the README's table to:\n{table}"
