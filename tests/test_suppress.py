"""Suppression comments: each form, what it covers, and E002 for the ones that cover nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from loccit.linter.config.settings import Settings, select_rules
from loccit.linter.diagnostics import Rule, Violation
from loccit.linter.engine import check as engine
from loccit.linter.markdown import suppressions
from loccit.linter.model import Document
from loccit.rules import RULES


def lint(text: str, select: tuple[str, ...] = ("N", "E"), extra: tuple[Rule, ...] = ()) -> list[tuple[str, int]]:
    settings = Settings(rules=select_rules(RULES, select) + extra)
    return [(d.code, d.line) for d in engine.lint_text("essay.md", text.encode(), settings)]


GLUED = "Glued[^1]on here.\n"
NOTES = "\n[^1]: A.\n[^2]: B.\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # disable-next-line: only the next line, only the codes named
        (f"<!-- loccit-disable-next-line N006 -->\n{GLUED}{GLUED.replace('1', '2')}{NOTES}", [("N006", 3)]),
        (f"<!-- loccit-disable-next-line -->\n{GLUED}{GLUED.replace('1', '2')}{NOTES}", [("N006", 3)]),
        # disable-line: the comment's own line
        (f"Glued[^1]on. <!-- loccit-disable-line N006 -->\n{GLUED.replace('1', '2')}{NOTES}", [("N006", 2)]),
        # disable … enable: the lines between
        (
            f"<!-- loccit-disable N006 -->\n{GLUED}<!-- loccit-enable -->\n{GLUED.replace('1', '2')}{NOTES}",
            [("N006", 4)],
        ),
        (
            f"<!-- loccit-disable N006 N002 -->\n{GLUED}<!-- loccit-enable N006 -->\n"
            f"{GLUED.replace('1', '2')}{NOTES}[^3]: C.\n",
            [("N006", 4)],
        ),
        # disable without enable: to the end of the file
        (f"{GLUED}<!-- loccit-disable N006 -->\n{GLUED.replace('1', '2')}{NOTES}", [("N006", 1)]),
        # disable-file, anywhere in the file
        (f"{GLUED}{GLUED.replace('1', '2')}{NOTES}\n<!-- loccit-disable-file N006 -->\n", []),
        # in a code block or code span a comment is only text
        (
            f"```\n<!-- loccit-disable-file -->\n```\n\n`<!-- loccit-disable-file -->`\n\n{GLUED}[^1]: A.\n",
            [("N006", 7)],
        ),
    ],
)
def test_suppression_forms(text: str, expected: list[tuple[str, int]]) -> None:
    assert lint(text) == expected


def test_note_suppression_covers_only_that_note() -> None:
    text = "Text.[^1]\n\n[^1]: A.\n[^3]: Unused. <!-- loccit-disable N002 -->\n[^4]: Unused too.\n"
    assert lint(text) == [("N002", 5)]


def test_note_suppression_on_the_line_after_the_note() -> None:
    text = (
        "Text.[^1]\n\n[^1]: A.\n[^3]: Unused, with a second line\n  of text.\n<!-- loccit-disable N002 -->\n[^4]: B.\n"
    )
    assert lint(text) == [("N002", 7)]


def test_trailing_comment_is_not_note_text() -> None:
    text = "Text.[^1]\n\n[^1]: <!-- loccit-disable N005 -->\n"
    assert lint(text) == []
    assert lint("Text.[^1]\n\n[^1]: <!-- loccit-disable N002 -->\n") == [("N005", 3), ("E002", 3)]


def _every_entry(doc: Document, opts: object) -> Iterator[Violation]:
    """Flag every bibliography entry (test rule)."""
    for entry in doc.entries:
        yield Violation(entry.span, f'entry "{entry.text[:10]}"')


ENTRY_RULE = Rule("B999", "every-entry", "test", _every_entry)


def test_entry_suppression_covers_only_that_entry() -> None:
    text = (
        "Text.\n\n## Bibliography\n\n- Applebaum, Anne. *Gulag*. 2004. <!-- loccit-disable B999 -->\n"
        "- Figes, Orlando. *Revolutionary Russia*. 2014.\n"
    )
    assert lint(text, ("E",), (ENTRY_RULE,)) == [("B999", 6)]


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        ("<!-- loccit-disable-next-line -->", 'suppression "loccit-disable-next-line" suppresses nothing; remove it'),
        ("<!-- loccit-disable N006 -->", "suppression of N006 suppresses nothing here; remove it"),
        ("<!-- loccit-disable-file N001 N006 -->", "suppression of N006 suppresses nothing here; remove N006"),
        ("<!-- loccit-ignore N006 -->", 'unknown suppression "loccit-ignore"; did you mean "loccit-disable"?'),
        (
            "<!-- loccit-disable-nextline N006 -->",
            'unknown suppression "loccit-disable-nextline"; did you mean "loccit-disable-next-line"?',
        ),
        ("<!-- loccit-disable N0066 -->", 'unknown rule code "N0066" in suppression; did you mean "N006"?'),
    ],
)
def test_unused_suppression_messages(comment: str, message: str) -> None:
    settings = Settings(rules=select_rules(RULES, ["N", "E"]))
    text = f"Text.[^1]\n{comment}\nMore.[^2]\n\n[^2]: B.\n"
    found = [d for d in engine.lint_text("e.md", text.encode(), settings) if d.code == "E002"]
    assert [(d.line, d.column, d.message) for d in found] == [(2, 1, message)]


def test_unused_suppression_fixes() -> None:
    settings = Settings(rules=select_rules(RULES, ["N", "E"]))
    text = "Text.[^1]\n<!-- loccit-disable-file N001 N006 -->\nMore. <!-- loccit-disable-line -->\n"
    found = [d for d in engine.lint_text("e.md", text.encode(), settings) if d.code == "E002"]
    keep, drop = (d.fix for d in found)
    assert keep is not None and keep.text == "<!-- loccit-disable-file N001 -->"
    assert drop is not None and drop.text == "" and (drop.span.column, drop.span.end_column) == (6, 35)


def test_codes_not_checked_are_not_unused() -> None:
    text = "Text.\n<!-- loccit-disable-next-line N006 -->\nMore.\n"
    assert lint(text, ("N001", "E002")) == []
    assert lint(text, ("N001",)) == []  # E002 itself not selected
    assert lint(text) == [("E002", 2)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Smith, *Book*, 3. <!-- loccit-disable P001 -->", "Smith, *Book*, 3."),
        ("Smith 3.<!--loccit-disable-line--> <!-- loccit-disable F002 -->  ", "Smith 3."),
        ("Smith 3. <!-- a note to self -->", "Smith 3. <!-- a note to self -->"),
        ("<!-- loccit-disable N005 -->", ""),
        ("Smith <!-- loccit-disable P001 --> 3.", "Smith <!-- loccit-disable P001 --> 3."),
    ],
)
def test_trailing_suppressions_are_cut_from_note_text(text: str, expected: str) -> None:
    assert suppressions.without_trailing(text) == expected


def test_many_comments_strip_in_linear_time() -> None:
    for gap in ("", " \n "):
        text = "x " + (gap + "<!-- loccit-disable N001 -->") * 20_000
        assert suppressions.without_trailing(text) == "x"


def test_many_suppressions_take_linear_time() -> None:
    import time

    settings = Settings(rules=select_rules(RULES, ["N006", "E002"]))
    sizes = []
    for n in (2000, 8000):
        text = "".join(f"<!-- loccit-disable N006 -->\nWord[^{i}]glued.\n\n" for i in range(n))
        times = []
        for _ in range(3):  # the fastest of three: another process on the machine only ever slows a run down
            start = time.perf_counter()
            found = engine.lint_text("x.md", text.encode(), settings)
            times.append(time.perf_counter() - start)
        sizes.append(min(times))
        assert found == []
    assert sizes[1] < sizes[0] * 10  # 4x the input, well under 16x the time
