"""The P rules: label style and number, range style, missing locators, under each style preset."""

from __future__ import annotations

import pytest
from helpers import FIXTURES, fixed, note, parse, run

from loccit.rules.pages.labels import check_missing_locator, check_page_label_number, check_page_label_style
from loccit.rules.pages.locators import PageOptions
from loccit.rules.pages.ranges import check_page_range_style

CONSISTENT = PageOptions()


def _preset(name: str, style: str) -> list[tuple[str, int, str]]:
    doc = parse((FIXTURES / "pages" / f"{name}.md").read_text(encoding="utf-8"))
    lines = doc.text.splitlines()
    failing = lines.index("## Failing") + 1
    found = []
    for code, check in (
        ("P001", check_page_label_style),
        ("P002", check_page_label_number),
        ("P003", check_page_range_style),
    ):
        for v in check(doc, PageOptions(style)):
            assert v.span.line > failing, f"{code} under ## Passing in {name}: {v.message}"
            found.append((code, v.span.line, v.message))
    return found


@pytest.mark.parametrize("style", ["chicago-17", "chicago-18", "turabian"])
def test_chicago_presets(style: str) -> None:
    assert _preset("chicago", style) == [
        ("P001", 16, f'page label "p. 40" differs from {style}\'s "40"'),
        ("P003", 17, f'page range "321-328" differs from {style}\'s "321–28"'),
        ("P003", 18, f'page range "71–2" differs from {style}\'s "71–72"'),
    ]


def test_chicago_accepts_p_throughout() -> None:
    assert _preset("chicago-throughout", "chicago-17") == [
        ("P001", 14, 'page label "p.80" differs from chicago-17\'s "p. 80"'),
    ]


def test_mhra_preset() -> None:
    assert _preset("mhra", "mhra") == [
        ("P001", 15, 'page label "p.20" differs from mhra\'s "p. 20"'),
        ("P001", 16, 'bare page "31" differs from mhra\'s "p. 31"'),
        ("P003", 17, 'page range "104–8" differs from mhra\'s "104–08"'),
    ]


def test_oscola_preset() -> None:
    assert _preset("oscola", "oscola") == [
        ("P001", 14, 'page label "p. 50" differs from oscola\'s "50"'),
        ("P003", 15, 'page range "60-62" differs from oscola\'s "60–62"'),
    ]


def test_unknown_style_is_refused() -> None:
    with pytest.raises(ValueError, match='unknown page style "apa"'):
        PageOptions("apa")


def test_label_habit_tie_goes_to_first_use() -> None:
    essay = note("A, *B* (London, 1990), p.3.", "C, *D* (Leeds, 1991), p. 4.")
    assert run(check_page_label_style, essay, CONSISTENT) == [(4, 'page label "p. 4" differs from the essay\'s "p.4"')]


def test_bare_number_in_labelled_essay_is_left_alone() -> None:
    essay = note("A, *B*, p. 3.", "A, *B*, p. 5.", "*Laozi*, 19.")
    assert run(check_page_label_style, essay, CONSISTENT) == []


def test_label_fixes_are_safe_between_labels() -> None:
    essay = note("A, *B*, p. 3.", "A, *B*, p. 5.", "A, *B*, Pp.7-9.", "A, *B*, pg. 2.")
    assert fixed(check_page_label_style, essay, CONSISTENT).endswith("[^3]: A, *B*, pp. 7-9.\n[^4]: A, *B*, p. 2.\n")
    doc = parse(essay)
    assert all(v.fix and v.fix.safe for v in check_page_label_style(doc, CONSISTENT))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("A, *B*, pp.407.", 'page label "pp." before the single page "407"; use "p."'),
        ("A, *B*, p. 9-25.", 'page label "p." before the range "9-25"; use "pp."'),
        ("A, *B*, P. 5, 70.", 'page label "P." before the pages "5, 70"; use "Pp."'),
        ("A, *B*, pages 7.", 'page label "pages" before the single page "7"; use "page"'),
    ],
)
def test_label_number(text: str, message: str) -> None:
    assert run(check_page_label_number, note(text), CONSISTENT) == [(3, message)]


@pytest.mark.parametrize(
    "text",
    [
        "A, *B*, p. 3.",
        "A, *B*, pp. 3-5.",
        "A, *B*, pp. 45ff.",
        "A, *B*, p. 45f.",
        "A, *B*, pp. 3 and 5.",
        "A, *B*, nn. 3-5.",
    ],
)
def test_label_number_passes(text: str) -> None:
    assert run(check_page_label_number, note(text), CONSISTENT) == []


def test_range_habit_dash_and_figures() -> None:
    essay = note("A, *B*, 121-25.", "A, *B*, 233-38.", "A, *B*, 310-315.", "A, *B*, 40–44.", "A, *B*, 386-374.")
    assert run(check_page_range_style, essay, CONSISTENT) == [
        (5, 'page range "310-315" differs from the essay\'s "310-15"'),
        (6, 'page range "40–44" differs from the essay\'s "40-44"'),
        (7, 'page range "386-374" ends before it starts'),
    ]


def test_double_hyphen_counts_as_en_dash() -> None:
    essay = note("A, *B*, 21--22.", "A, *B*, 30--35.", "A, *B*, 40–44.", "A, *B*, 50-52.")
    assert fixed(check_page_range_style, essay, CONSISTENT).endswith("[^3]: A, *B*, 40–44.\n[^4]: A, *B*, 50--52.\n")


def test_missing_locator_only_where_the_essay_gives_pages() -> None:
    cited = ["A, *B* (London, 1990), 3.", "C, *D* (Leeds, 1991), 4."]
    assert run(check_missing_locator, note(*cited, "E, *F* (York, 1987)."), CONSISTENT) == [
        (5, 'no page given for the work published "(York, 1987)"')
    ]
    assert run(check_missing_locator, note("A, *B* (London, 1990).", "E, *F* (York, 1987)."), CONSISTENT) == []
    dated = note(*cited, "E, “Review,” *Times* (8 March 1967).", "*Smith v. Jones*, 12 F. 3 (Ga. 1905).")
    assert run(check_missing_locator, dated, CONSISTENT) == []


def test_range_after_a_part_numeral_counts_in_the_habit() -> None:
    essay = (
        "A.[^1] B.[^2] C.[^3] D.[^4] E.[^5]\n\n"
        "[^1]: Report, pp. 266-7.\n[^2]: Report, pp. 361-2.\n[^3]: Report, pp. 143-144.\n"
        "[^4]: Report, pp. 145-146.\n[^5]: The Completion Report, pp. III 113-116.\n"
    )
    assert [message for _, message in run(check_page_range_style, essay, CONSISTENT)] == [
        'page range "266-7" differs from the essay\'s "266-267"',
        'page range "361-2" differs from the essay\'s "361-362"',
    ]


def test_no_dash_habit_when_pandoc_citations_overturn_it() -> None:
    essay = (
        "A.^[Lee, *Rivers*, 12-14.] B.^[Lee, *Rivers*, 21-23.] C.^[Lee, *Rivers*, 31--35.]"
        " D.^[See [@lee1990, 40--44]; [@roe1991, 50--52]; [@roe1992, 60--61].]\n"
    )
    assert run(check_page_range_style, essay, CONSISTENT) == []


def test_pandoc_citations_that_agree_keep_the_dash_habit() -> None:
    essay = (
        "A.^[Lee, *Rivers*, 12-14.] B.^[Lee, *Rivers*, 21-23.] C.^[Lee, *Rivers*, 31--35.]"
        " D.^[See [@lee1990, 40-44].]\n"
    )
    assert [message for _, message in run(check_page_range_style, essay, CONSISTENT)] == [
        'page range "31--35" differs from the essay\'s "31-35"'
    ]


def test_article_ranges_show_no_label_habit() -> None:
    essay = (
        'A.[^1] B.[^2]\n\n[^1]: Ida Moor, "Tolls," *Northern History* 12 (2001): 232–40.\n'
        '[^2]: Ida Moor, "Rivers," *Northern History* 14 (2016): p. 11.\n'
    )
    assert run(check_page_label_style, essay, CONSISTENT) == []


def test_a_page_bracketed_after_a_quotation_is_left_alone() -> None:
    essay = (
        "A.[^1] B.[^2] C.[^3]\n\n[^1]: Lee, *Rivers* (Leeds, 2001), 12.\n[^2]: Lee, *Rivers*, 14.\n"
        "[^3]: Lee, *Rivers*, 15. He wrote that “the tolls fell in 1832” (p. 3).\n"
    )
    assert run(check_page_label_style, essay, CONSISTENT) == []
