"""Properties: locator parsing never crashes and stays in bounds; P and F findings lie inside their note."""

from __future__ import annotations

import time

from helpers import parse
from hypothesis import given, settings
from hypothesis import strategies as st

from loccit.linter.citations.locators import find_locators
from loccit.linter.citations.quotes import unpaired_quotes
from loccit.rules import RULES
from loccit.rules.pages.locators import PageOptions

ALPHABET = st.sampled_from(
    list("pPgaenfvilxcdm .,;:()[]-–—§¶@/*_'\"‘’“”0123456789") + ["pp. ", "p.", " n. ", "ff.", "\n", "https://x.y/"]
)
NOTE_TEXT = st.lists(ALPHABET, max_size=80).map("".join)
STYLES = st.sampled_from(["consistent", "chicago-17", "mhra", "oscola"])


@given(st.text(max_size=300))
def test_locators_never_crash_on_any_text(text: str) -> None:
    for loc in find_locators(text):
        assert 0 <= loc.start <= loc.end <= len(text)
        assert all(loc.start <= part.start <= part.end <= loc.end for part in loc.parts)
    assert all(0 <= q.offset < len(text) for q in unpaired_quotes(text))


@given(NOTE_TEXT)
def test_locators_in_bounds_on_citation_like_text(text: str) -> None:
    for loc in find_locators(text):
        assert 0 <= loc.start <= loc.end <= len(text) and loc.parts


@settings(max_examples=150, deadline=None)
@given(st.lists(NOTE_TEXT.map(lambda t: t.replace("\n", " ").strip() or "x"), min_size=1, max_size=4), STYLES)
def test_every_violation_lies_inside_its_note(texts: list[str], style: str) -> None:
    body = " ".join(f"Claim {i}.[^{i}]" for i in range(1, len(texts) + 1))
    doc = parse(body + "\n\n" + "".join(f"[^{i}]: {t}\n" for i, t in enumerate(texts, 1)))
    notes = [(d.text_start, d.text_start + len(d.text)) for d in doc.definitions]
    for rule in [r for r in RULES if r.code[0] in "PF"]:
        opts = PageOptions(style) if rule.options is PageOptions else None
        for violation in rule.check(doc, opts):
            span = violation.span
            assert any(start <= span.start <= span.end <= end for start, end in notes), (rule.code, span)
            if violation.fix is not None:
                assert any(start <= violation.fix.span.start <= violation.fix.span.end <= end for start, end in notes)


def test_parsing_stays_linear_on_adversarial_text() -> None:
    texts = ["ch. 1, x, 1. " * 5000, "‘a " * 5000 + "b’ " * 5000, ("[" + "@a" * 150) * 50, "{% " * 5000, "abc-" * 20000]
    start = time.perf_counter()
    for text in texts:
        find_locators(text)
        unpaired_quotes(text)
    assert time.perf_counter() - start < 10
