"""The document model: markers, definitions, headings and bibliography entries at exact positions."""

from __future__ import annotations

import pytest

from loccit.linter.markdown.blocks import parse_blocks
from loccit.linter.markdown.parse import normalise, parse_document
from loccit.linter.model import NoteStyle


def parse(text: str, style: NoteStyle | None = None):
    return parse_document("essay.md", normalise(text), style)


def test_marker_and_definition_positions() -> None:
    doc = parse("# T\n\nText here[^1] and “there”[^note-2].\n\n[^1]: First.\n[^note-2]:Second.\n")
    assert [(m.label, m.span.line, m.span.column, m.span.end_column) for m in doc.markers] == [
        ("1", 3, 10, 14),
        ("note-2", 3, 26, 35),
    ]
    first, second = doc.definitions
    assert (first.label, first.text, first.span.line, first.span.column) == ("1", "First.", 5, 1)
    assert (second.label, second.text) == ("note-2", "Second.")


@pytest.mark.parametrize(
    "source",
    [
        "`code [^1]`\n",
        "```\n[^1]\n```\n",
        "    indented [^1]\n",
        "<!-- [^1] -->\n",
        "Text <!-- a [^1] --> b\n",
        "[link [^1]](http://example.com)\n",
        "See <http://example.com/[^1]>\n",
        "- item\n\n  ```\n  [^1]\n  ```\n",
    ],
)
def test_not_markers(source: str) -> None:
    assert parse(source).markers == ()


@pytest.mark.parametrize(
    "source",
    [
        "A \\`quoted' word.[^1]\n\nMore `code` here.\n\n[^1]: N.\n",
        "See [the code](http://example.com/a?b=c).[^1]\n\n[^1]: N.\n",
        "See http://example.com/page[^1] for more.\n\n[^1]: N.\n",
        "A `stray backtick.[^1]\n\nNext paragraph `closes` nothing.\n\n[^1]: N.\n",
        "[\\[5\\]](#fn-1)[^1] text.\n\n[^1]: N.\n",
    ],
)
def test_markers_next_to_escapes_links_and_urls(source: str) -> None:
    assert [m.label for m in parse(source).markers] == ["1"]


def test_a_comment_opened_after_a_line_of_html_runs_to_its_close() -> None:
    # CommonMark ends the HTML block at the blank line, so the rest looks like code and notes;
    # kramdown, pandoc and the browser read all of it to "-->" as one comment.
    doc = parse(
        "Kept.[^a]\n\n<p>A paragraph in HTML.</p>\n<!-- [^draft]: A note set aside\n\n"
        "    > a quotation in it\n\n[^old]: Another set aside. -->\n\n[^a]: Real.\n"
    )
    assert [m.label for m in doc.markers] == ["a"]
    assert [d.label for d in doc.definitions] == ["a"]


def test_an_unclosed_comment_after_html_hides_nothing() -> None:
    doc = parse("<p>HTML.</p>\n<!-- never closed [^1]\n\n    code\n\nText.[^2]\n\n[^2]: N.\n")
    assert [m.label for m in doc.markers] == ["1", "2"]


def test_marker_before_colon_is_not_a_definition() -> None:
    doc = parse("As shown in Table 2[^9]: the figures.\n\n[^9]: Source.\n")
    assert [m.label for m in doc.markers] == ["9"]
    assert [d.label for d in doc.definitions] == ["9"]


def test_continuation_lines_belong_to_definition() -> None:
    doc = parse("A[^1].\n\n[^1]: First line\nlazy line\n\n    Second paragraph.\n\nBody text.\n")
    (note,) = doc.definitions
    assert note.text == "First line\nlazy line\n\n    Second paragraph."
    assert note.span.end_line == 6


def test_a_run_of_definitions_splits_as_mistune_would() -> None:
    text = "Text.[^1]\n\n[^1]: a\n[^2]: b\n\n\n[^3]: c\n  \n[^4]: d\n\n    more\n\nEnd.\n"
    blocks, _ = parse_blocks(text)
    assert [(b.kind, b.start, b.end) for b in blocks] == [
        ("paragraph", 0, 10),
        ("blank_line", 10, 11),
        ("note_definition", 11, 19),
        ("note_definition", 19, 27),
        ("blank_line", 27, 29),
        ("note_definition", 29, 37),
        ("blank_line", 37, 40),  # spaces: left to mistune's loop
        ("note_definition", 40, 58),
        ("blank_line", 58, 59),
        ("paragraph", 59, 64),
    ]


def test_crlf_and_bom_keep_columns() -> None:
    doc = parse("\ufeffLine one[^1].\r\nLine two[^2].\r\n\r\n[^1]: A.\r\n[^2]: B.\r\n")
    assert [(m.span.line, m.span.column) for m in doc.markers] == [(1, 9), (2, 9)]
    assert [d.span.line for d in doc.definitions] == [4, 5]


def test_numeric_style_detected_and_editorial_brackets_ignored() -> None:
    text = "He said “[Stalin] [sic] was [us]”[1] and more[2].\n\n## Notes\n\n[1] A, B (1990), p.2.\n\n2. C, D.\n"
    doc = parse(text)
    assert doc.style is NoteStyle.NUMERIC
    assert [m.label for m in doc.markers] == ["1", "2"]
    assert [(d.label, d.text) for d in doc.definitions] == [("1", "A, B (1990), p.2."), ("2", "C, D.")]


def test_numbered_note_wrapped_line_starting_with_a_year() -> None:
    text = "A[1] b[2].\n\n## Notes\n\n1. Smith, Book (London,\n1978. Reprinted).\n2. Jones, Other.\n"
    doc = parse(text)
    assert [d.label for d in doc.definitions] == ["1", "2"]
    assert "1978. Reprinted" in doc.definitions[0].text


def test_bibliography_sections_and_entries() -> None:
    text = (
        "Text.\n\n## Bibliography\n\n### Primary Sources\n\n- Smith, John. A Book. London, 1990.\n"
        "- Doe, Jane. Other. Paris, 2001.\n\n### Website Sources\n\n[^1]: A note.\n\n## Appendix\n\nNot an entry.\n"
    )
    doc = parse(text)
    assert [(s.heading.title, s.parent, len(s.entries)) for s in doc.sections] == [
        ("Bibliography", None, 0),
        ("Primary Sources", "Bibliography", 2),
        ("Website Sources", "Bibliography", 0),
    ]
    entry = doc.sections[1].entries[1]
    assert entry.text == "Doe, Jane. Other. Paris, 2001."
    assert (entry.span.line, entry.span.column) == (8, 1)


def test_pandoc_inline_notes_are_notes_at_exact_positions() -> None:
    text = (
        "# T\n\nA claim.^[Smith, *Book* [2nd ed.], 4.] Nested^[see ^[x] y] and `^[code]` or \\^[escaped].\n"
        "Open^[never closed\n\nA note ^[over\ntwo lines].\n"
    )
    doc = parse(text)
    assert doc.style is NoteStyle.FOOTNOTE and doc.markers == ()
    assert [(d.label, d.text, d.inline) for d in doc.definitions] == [
        ("1 (inline)", "Smith, *Book* [2nd ed.], 4.", True),
        ("2 (inline)", "see ^[x] y", True),
        ("3 (inline)", "over\ntwo lines", True),
    ]
    first, _, third = doc.definitions
    assert (first.span.line, first.span.column, first.span.end_column) == (3, 9, 39)
    assert (first.label_span.column, first.label_span.end_column) == (9, 11)
    assert text[first.text_start : first.text_start + 5] == "Smith"
    assert (third.span.line, third.span.end_line, third.section) == (6, 7, "T")


def test_inline_and_labelled_notes_are_read_in_text_order() -> None:
    doc = parse("One.[^a] Two.^[Inline.] Three.[^b]\n\n[^b]: Bee.\n[^a]: Ay.\n")
    assert [d.text for d in doc.definitions] == ["Ay.", "Inline.", "Bee."]


def test_labelled_notes_are_read_in_marker_order_with_or_without_inline_notes() -> None:
    text = "First.[^b] Second.[^a]\n\n[^a]: Ay.\n[^b]: Bee.\n"
    assert [d.text for d in parse(text).definitions] == ["Bee.", "Ay."]
    assert [d.text for d in parse(text + "\nThird.^[Aside.]\n").definitions] == ["Bee.", "Ay.", "Aside."]


def test_a_stray_caret_bracket_does_not_hide_a_numeric_essays_notes() -> None:
    doc = parse("Claim.[1] The pattern ^[A-Z] matches capitals.\n\n## Notes\n\n[1] Taubman, *Khrushchev*, 5.\n")
    assert doc.style is NoteStyle.NUMERIC
    assert [(d.label, d.inline) for d in doc.definitions] == [("1", False)]


def test_an_inline_note_inside_a_labelled_note_stays_part_of_it() -> None:
    doc = parse("Claim.[^1]\n\n[^1]: Service, *Russia*, 341; ^[Filtzer, *Era*, 3.]\n")
    assert [(d.label, d.text) for d in doc.definitions] == [("1", "Service, *Russia*, 341; ^[Filtzer, *Era*, 3.]")]


def test_list_item_definitions_are_definitions() -> None:
    doc = parse_document(
        "e.md", "Text.[^1] More.[^2]\n\n- [^1]: Ada Koss, *Letters*, 7.\n- [^2]: Koss, *Letters*, 9.\n"
    )
    assert [(d.label, d.text) for d in doc.definitions] == [
        ("1", "Ada Koss, *Letters*, 7."),
        ("2", "Koss, *Letters*, 9."),
    ]
    assert [m.label for m in doc.markers] == ["1", "2"]


def test_run_in_definition_is_not_a_marker() -> None:
    doc = parse_document("e.md", "Text.[^1] More.[^2]\n\n[^1]: Koss, *Letters*, 7; Archives. [^2]: Koss, *Rolls*, 3.\n")
    assert [m.label for m in doc.markers] == ["1", "2"]
    assert [(m.label, m.span.line) for m in doc.run_in] == [("2", 3)]


def test_inline_note_holding_a_label_is_a_malformed_marker() -> None:
    doc = parse_document("e.md", "Text.^[1] More.^[a real note]\n\n[^1]: Koss, *Letters*, 7.\n")
    assert [m.label for m in doc.malformed] == ["1"]
    assert [d.label for d in doc.definitions] == ["1 (inline)", "1"]
