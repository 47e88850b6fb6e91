"""A fix keeps how the rest of the document parses: parts outside the edits stay, each where the edits put it."""

from __future__ import annotations

import pytest

from loccit.linter.engine.structure import Edit, unchanged
from loccit.linter.markdown.parse import parse_document

NOTE = "\n\n[^1]: Smith, *Book* (London, 1990), p. 3.\n"

# (text, the text an edit replaces, its replacement, whether the rest parses as before)
TESTS = [
    ("Word[^1]next." + NOTE, "]", "] ", True),  # a space after a marker
    ("Word [^1] next." + NOTE, "d ", "d", True),  # no space before it
    ("A word.[^1] More." + NOTE, ".[^1]", "[^1].", True),  # a marker moved past its full stop
    ("A claim.[^1]\n\n[^1]: Smith, p.3.\n", "p.3", "p. 3", True),  # inside a note
    ("Para.\n\n<!-- loccit-disable N002 -->\n\nRest.[^1]" + NOTE, "<!-- loccit-disable N002 -->\n", "", True),
    ("Text x^ [^1] here." + NOTE, "^ ", "^", False),  # `^[^1]` is a pandoc inline note
    (
        "A.[^1]\n\n<!-- TODO\n\n<!-- loccit-disable N002 -->\n\nRest.\n" + NOTE,
        "<!-- loccit-disable N002 -->\n",
        "",
        False,  # the TODO comment now runs to the end: the rest is hidden
    ),
    ("One paragraph,[^1] long." + NOTE, ", ", ",\n\n", False),  # a second paragraph
    ("A claim.[^1]\nNext line." + NOTE, "Next", "# Next", False),  # a new heading
    ("A claim.[^1] And [^2] more." + NOTE + "[^2]: B.\n", "[^2]", "", True),  # what a fix replaces is its own
    ("A claim.[^1]\n\nMore.[^2]" + NOTE + "[^2]: B.\n", "More", "```\nMore", False),  # code to the end
]


@pytest.mark.parametrize(("text", "old", "new", "expected"), TESTS)
def test_unchanged(text: str, old: str, new: str, expected: bool) -> None:
    start = text.index(old)
    fixed = text[:start] + new + text[start + len(old) :]
    before, after = parse_document("essay.md", text), parse_document("essay.md", fixed)
    assert unchanged(before, after, [Edit(start, start + len(old), new)]) is expected
