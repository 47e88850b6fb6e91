"""The S rules on the seed essay and on small essays: short-title drift, short forms, Ibid., repeats."""

from __future__ import annotations

import pytest
from helpers import CORPUS

from loccit.linter.markdown.parse import normalise, parse_document
from loccit.linter.matching.resolve import MatchOptions
from loccit.rules import RULES
from loccit.rules.short_forms.repeated import (
    check_ibid_ambiguous,
    check_repeated_full_citation,
    check_short_before_full,
    check_short_title_drift,
)

SEED = CORPUS / "seed"


def _notes(text: str, check) -> list[str]:  # type: ignore[no-untyped-def]
    doc = parse_document("essay.md", normalise(text))
    labels = []
    for violation in check(doc, MatchOptions()):
        note = next(d for d in doc.definitions if d.span.start <= violation.span.start < d.span.end)
        labels.append(note.label)
    return labels


@pytest.mark.skipif(not SEED.is_dir(), reason="../shared/corpus/seed is not available")
@pytest.mark.parametrize("name", ["khrushchev-footnotes.md", "khrushchev-numeric.md"])
def test_seed_short_title_drift_and_nothing_else(name: str) -> None:
    text = (SEED / name).read_text(encoding="utf-8")
    assert _notes(text, check_short_title_drift) == ["22", "24", "34"]
    for check in (check_short_before_full, check_ibid_ambiguous, check_repeated_full_citation):
        assert _notes(text, check) == []


@pytest.mark.parametrize(
    ("second", "third", "drift"),
    [
        ("*Khrushchev Era*", "Khrushchev Era", []),  # emphasis marks do not count
        ("*Khrushchev Era*", "*Khrushchev  era.*", []),  # nor case, spacing or punctuation
        ("*Khrushchev Era*", "*The Khrushchev Era*", ["3"]),  # an added article does
        ("*Khrushchev Era*", "*Limits of Reform*", ["3"]),
    ],
)
def test_drift_compares_short_titles(second: str, third: str, drift: list[str]) -> None:
    text = (
        "A[^1] b[^2] c[^3].\n\n"
        "[^1]: Donald Filtzer, *The Khrushchev Era: The Limits of Reform* (London, 1993), 3.\n"
        f"[^2]: Filtzer, {second}, 20.\n[^3]: Filtzer, {third}, 31.\n"
    )
    assert _notes(text, check_short_title_drift) == drift


def test_ibid_as_first_note_and_after_two_works() -> None:
    text = (
        "A[^1] b[^2] c[^3] d[^4].\n\n[^1]: Ibid., 4.\n"
        "[^2]: Anne Applebaum, *Gulag: A History* (London, 2004), 3.\n"
        "[^3]: Orlando Figes, *Revolutionary Russia* (London, 2014), 360; "
        "Robert Service, *Modern Russia* (Milton Keynes, 2015), 341.\n"
        "[^4]: Ibid., 362.\n"
    )
    assert _notes(text, check_ibid_ambiguous) == ["1", "4"]


def test_short_form_first_is_accepted_when_the_bibliography_lists_it() -> None:
    body = "A[^1] b[^2].\n\n[^1]: Anne Applebaum, *Gulag* (London, 2004), 3.\n[^2]: Filtzer, *Khrushchev Era*, 20.\n"
    assert _notes(body, check_short_before_full) == ["2"]
    listed = (
        body
        + "\n## Bibliography\n\n- Applebaum, Anne. *Gulag*. London, 2004.\n"
        + "- Filtzer, Donald. *The Khrushchev Era*. London, 1993.\n"
    )
    assert _notes(listed, check_short_before_full) == []


def test_off_by_default_rules() -> None:
    assert {rule.code for rule in RULES if rule.code.startswith("S") and not rule.enabled} == {"S002", "S004"}
