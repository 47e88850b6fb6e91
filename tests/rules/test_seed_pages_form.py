"""Acceptance on the seed essay in both note styles: the P and F findings, note by note."""

from __future__ import annotations

from collections import defaultdict

import pytest
from helpers import CORPUS

from loccit.linter.markdown.parse import normalise, parse_document
from loccit.rules import RULES
from loccit.rules.pages.locators import PageOptions

SEED = CORPUS / "seed"
pytestmark = pytest.mark.skipif(not SEED.is_dir(), reason="../shared/corpus/seed is not available")

# Notes 1 and 5 also get findings the rule pages defend: "Reformer,1945-1964" lacks a space, and
# "Khrushchev.Great" and "(26 April 2007.)" are the web citation's own slips.
EXPECTED = {
    "P001": {21, 22, 34, 37},
    "P002": {36},
    "F001": {37},
    "F002": {1, 5, 12, 13, 21},
    "F003": {1, 5},
}


@pytest.mark.parametrize("name", ["khrushchev-footnotes.md", "khrushchev-numeric.md"])
def test_seed_findings_by_note(name: str) -> None:
    doc = parse_document(name, normalise((SEED / name).read_text(encoding="utf-8")))
    found: dict[str, set[int]] = defaultdict(set)
    for rule in [r for r in RULES if r.code[0] in "PF"]:
        if not rule.enabled:
            continue
        opts = PageOptions() if rule.options is PageOptions else None
        for violation in rule.check(doc, opts):
            notes = [
                int(d.label)
                for d in doc.definitions
                if d.text_start <= violation.span.start <= d.text_start + len(d.text)
            ]
            found[rule.code].update(notes)
    assert dict(found) == EXPECTED
