"""Property tests: random Markdown never crashes the parser or a rule, and every finding points at real text."""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loccit.linter.config.settings import Settings
from loccit.linter.diagnostics import Violation
from loccit.linter.engine.check import lint_text
from loccit.linter.markdown.parse import normalise, parse_document
from loccit.linter.model import Document, NoteStyle, Span
from loccit.rules import RULES

# fmt: off
PIECES = (
    "[", "]", "^", ":", "[^", "]:", "[^1]", "[^2]", "[^a-b]", "[^1]: ", "\n[^1]: ", "[^x]:", "[1]", "[12]", "1. ",
    "\n2. ", "(3)", "<sup>4</sup>", "<sup>", "\"", "“", "”", "‘", "’", "'", "`", "``", "\n```\n", "\n~~~\n", "<!--",
    "-->", "<pre>", "\n", "\n\n", "\r\n", "\r", "\t", " ", "    ", "# ", "\n## Notes\n", "\n## Bibliography\n",
    "\n### Sources\n", "\n- ", "\n* ", "\n> ", "\n1) ", "_", "*", "**", "\\", "http://x.org/a_(b)", "<http://a.b/c>",
    "www.x.y", "doi:10.1/x", "[a](http://b)", "[a][r]", "\n[r]: http://r\n", "(", ")", "p. 4", "pp. 12–14", "Pp.7",
    "Ibid.", "Ibid., p. 9.", "Smith, John. A Book. London, 1990.", "Op. cit.", ", ", ". ", "e\u0301", "\u0301",
    "\u05e9\u05dc\u05d5\u05dd", "\u0627\u0644\u0633\u0644\u0627\u0645", "\u202e", "\u200f", "😀", "👩‍👩‍👧", "\ufeff",
    "𝔘", "\u00a0", "\u2028", "|a|b|\n|-|-|\n", "\n===\n", "\n---\n", "^[", "^[Smith, *T*, 4.]",
)
# fmt: on


def _repeat(piece: str, times: int) -> str:
    return piece * times


CHUNKS = st.one_of(
    st.sampled_from(PIECES),
    st.text(max_size=6),
    st.builds(_repeat, st.sampled_from(PIECES), st.integers(1, 400)),
)
ESSAYS = st.lists(CHUNKS, max_size=40).map("".join)
STYLES = st.sampled_from([None, NoteStyle.FOOTNOTE, NoteStyle.NUMERIC])
QUOTED = re.compile(r"\"([^\"]+)\"|“([^”]+)”|\[\^?([^\]\s]+)\]")
# A quick profile for the suite; LOCCIT_HYPOTHESIS_PROFILE=thorough hunts for bugs (about a minute).
settings.register_profile("quick", max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck))
FUZZ = settings(settings.get_profile(os.environ.get("LOCCIT_HYPOTHESIS_PROFILE", "quick")))


def _offset(doc: Document, line: int, column: int) -> int:
    return doc.lines.starts[line - 1] + column - 1


def _assert_span(doc: Document, span: Span) -> None:
    assert 0 <= span.start <= span.end <= len(doc.text), span
    assert (span.line, span.column) == doc.lines.position(span.start)
    assert (span.end_line, span.end_column) == doc.lines.position(span.end)


def _squash(text: str) -> str:
    # Messages show titles without their Markdown emphasis (`*Title*` is quoted as "Title"), so compare without it.
    return " ".join(text.replace("*", "").replace("_", "").split()).casefold()


def _in_note(doc: Document, label: str, span: Span) -> bool:
    """Whether a span lies inside a definition of the note with that label."""
    return any(d.span.start <= span.start <= span.end <= d.span.end for d in doc.definitions_by_label.get(label, ()))


def _assert_quoted_text_under(doc: Document, code: str, violation: Violation) -> None:
    """The first text a message quotes (`"…"`) is under the finding; a note it names (`[^7]`) is, or holds it."""
    m = QUOTED.search(violation.message)
    if m is None:
        return
    quoted = _squash(next(g for g in m.groups() if g is not None))
    under = _squash(doc.text[violation.span.start : violation.span.end])
    if quoted.endswith("…"):
        quoted = quoted[:-1]
    if m.group(3) is not None and _in_note(doc, m.group(3), violation.span):
        return
    assert quoted in under, f"{code}: message {violation.message!r} but the span holds {under!r}"


def _check_rules(doc: Document) -> None:
    for rule in RULES:
        for violation in rule.check(doc, rule.options()):
            _assert_span(doc, violation.span)
            if violation.fix is not None:
                _assert_span(doc, violation.fix.span)
            _assert_quoted_text_under(doc, rule.code, violation)


@FUZZ
@given(ESSAYS, STYLES)
def test_model_spans_hold_what_they_claim(source: str, style: NoteStyle | None) -> None:
    doc = parse_document("essay.md", normalise(source), style)
    marker_text = re.compile(r"\[\^?(\S+?)\]|<sup>\s*\[?(\d+)\]?\s*</sup>|\((\d+)\)")
    for marker in doc.markers:
        _assert_span(doc, marker.span)
        m = marker_text.fullmatch(doc.text[marker.span.start : marker.span.end])
        assert m is not None and marker.label in m.groups(), marker
    for definition in doc.definitions:
        _assert_span(doc, definition.span)
        _assert_span(doc, definition.label_span)
        under_label = doc.text[definition.label_span.start : definition.label_span.end]
        assert (under_label == "^[") if definition.inline else (definition.label in under_label)
        assert definition.span.start <= definition.text_start <= definition.span.end
        assert doc.text.startswith(definition.text, definition.text_start)
    for heading in doc.headings:
        _assert_span(doc, heading.span)
    for entry in doc.entries:
        _assert_span(doc, entry.span)
        assert doc.text.startswith(entry.text, entry.text_start)


@pytest.mark.parametrize(
    "source",
    [
        "A claim.[^1] Another[^2]",  # a marker at the end of a file without a final newline (N007 fixed past it)
        "Ibid.[1]]<sup>4</sup>",
        "Word[^1]",
        "[^1]",
        "",
        "\n",
        "[^1]:",
    ],
)
@pytest.mark.parametrize("style", [None, NoteStyle.NUMERIC])
def test_edge_cases_found_by_fuzzing(source: str, style: NoteStyle | None) -> None:
    _check_rules(parse_document("essay.md", normalise(source), style))


@FUZZ
@given(ESSAYS, STYLES)
def test_every_rule_survives_and_points_inside_the_file(source: str, style: NoteStyle | None) -> None:
    _check_rules(parse_document("essay.md", normalise(source), style))


@FUZZ
@given(ESSAYS, st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
def test_findings_inside_the_file_for_any_line_ending(source: str, newline: str, bom: bool) -> None:
    raw = ("\ufeff" if bom else "") + normalise(source).replace("\n", newline)
    diagnostics = lint_text("essay.md", raw.encode("utf-8"), Settings(rules=RULES))
    doc = parse_document("essay.md", normalise(raw))
    for d in diagnostics:
        assert _offset(doc, d.line, d.column) <= _offset(doc, d.end_line, d.end_column) <= len(doc.text), d
        assert 1 <= d.column <= len(doc.text) + 1 and 1 <= d.line <= len(doc.lines.starts)
    assert diagnostics == sorted(diagnostics)


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_give_findings_never_exceptions(data: bytes) -> None:
    diagnostics = lint_text("essay.md", data, Settings(rules=RULES))
    errors = [d for d in diagnostics if d.code == "E001"]
    assert len(errors) <= 1 and (not errors or diagnostics == errors)
