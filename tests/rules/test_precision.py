"""The B and S rules stay silent when the evidence is weak: one invented essay per class of false alarm."""

from __future__ import annotations

import pytest

from loccit.linter.markdown.parse import normalise, parse_document
from loccit.linter.matching.system import CitationSystem, citation_system
from loccit.rules import BY_CODE


def codes(text: str, *wanted: str) -> list[tuple[str, int]]:
    """The (code, line) of each finding of the wanted rules on an essay."""
    doc = parse_document("essay.md", normalise(text))
    found = []
    for code in wanted:
        rule = BY_CODE[code]
        found.extend((code, v.span.line) for v in rule.check(doc, rule.options()))
    return found


AUTHOR_DATE = """# Tides

Harbour towns grew slowly (Okafor 2011, 4). Mendel and Quist (2009) disagree, as Pell shows at
length in a later study (2015).[^1] Prose returns to the point (Vane 1999, 3).[^2]

[^1]: Culp, 2016, p. 19 reads the harbour differently.
[^2]: On the ledgers see Okafor, 2011, p. 7.

## References

- Culp, R. 2016. *Grey Water*. Leeds: Kiln.
- Mendel, A., and B. Quist. 2009. “Piers.” *Coast* 4: 1–9.
- Okafor, N. 2011. *Harbour Lights*. Hull: Kiln.
- Pell, D. 2015. *Breakwaters*. York: Stone.
- Vane, T. 1999. *Salt Ledgers*. Hull: Kiln.
- Zorn, K. 2001. *Never Cited Anywhere*. York: Stone.
"""


def test_author_date_citations_count_as_citing() -> None:
    # "Culp, 2016" is not a work titled "2016"; the in-text citations and the notes cite every entry but Zorn's
    assert codes(AUTHOR_DATE, "B001", "B002") == [("B002", 16)]


def test_the_system_is_recorded_with_its_reason() -> None:
    found = citation_system(parse_document("essay.md", normalise(AUTHOR_DATE)))
    assert found.system is CitationSystem.AUTHOR_DATE
    assert "author-date" in found.reason


NOTES = """# Essay

Text.[^1] More.[^2] Again.[^3] And a caption credits a print.

{{% include figure.html caption="*Harbour Weekly* #12, May 1931." %}}

[^1]: See Franklin.
[^2]: Cf. Hale and Okafor, 12.
[^3]: Ruth Dane, *Winter Roads* (Leeds: Kiln, 1990), 4. On the ledgers see: Pinder, *Chalk Country*.
{extra}
## Bibliography

- Dane, Ruth. *Winter Roads*. Leeds: Kiln, 1990.
- Franklin, Joan. *Paper Harbours*. Hull: Kiln, 1980.
- Hale, Mary, and John Okafor. *Letters from the Coast*. York: Stone, 1977.
- Pinder, Wilhelm. *Chalk Country*. Berlin: Hain, 1926.
- Roe, Amos. *Harbour Weekly* #12. Hull: Roe, May 1931.
{entries}"""


def test_surname_alone_second_citations_and_captions_count_as_citing() -> None:
    assert codes(NOTES.format(extra="", entries=""), "B002") == []


def test_an_entry_named_nowhere_is_still_uncited() -> None:
    text = NOTES.format(extra="", entries="- Ward, Lena. *Quiet Quays*. York: Stone, 2004.\n")
    assert codes(text, "B002") == [("B002", 18)]


def test_second_copy_of_a_duplicate_is_b006_only() -> None:
    text = NOTES.format(extra="", entries="- Dane, R. *Winter Roads.* Kiln, 1990.\n")
    assert codes(text, "B002", "B006") == [("B006", 18)]


@pytest.mark.parametrize(
    "entries",
    [
        # two letters to one person, two issues of one periodical, one title on two sites
        '- Hale, Mary. "Letter to John Okafor." 4 May 1920.\n- Hale, Mary. "Letter to John Okafor." 12 June 1921.\n',
        "- Roe, Amos. *Harbour Weekly*. Hull: Roe, 1932.\n- Roe, Amos. *Harbour Weekly*. Hull: Roe, 1933.\n",
        "- Ward, Lena. “Quiet Quays.” *Harbour Blog*. https://a.example/q.\n"
        "- Ward, Lena. “Quiet Quays.” *Coast Forum*. https://b.example/q.\n",
    ],
)
def test_works_that_merely_look_alike_are_not_duplicates(entries: str) -> None:
    assert codes(NOTES.format(extra="", entries=entries), "B006") == []


PROSE = """# Essay

Text.[^1] More.[^2] A letter.[^3] A chapter.[^4] Names.[^5]

[^1]: The project LANTERN was launched in 2009 and ended in 2014.
[^2]: Ann Ross, Peter Klee (1971) *The Lantern Years*, 33.
[^3]: Mary Hale to John Okafor, 4 May 1920, printed in Dane, *Collected Letters of the Coast*, 12.
[^4]: Ian Vell, “Harbour Law,” in *Collected Letters of the Coast*, ed. Ruth Dane (Leeds: Kiln, 1990), 9–25.
[^5]: Federico García Lorca, *Poet in the Orchard* (Madrid: Sol, 1931), 4; Dara Ó Briain, *Talking Tides*
    (Dublin: Liffey, 2009), 17; Ann Barton, *Salt and Stone* (London: Harbour, 1988), 9.

## Bibliography

- Barton Ann, et al. *Salt and Stone*. London: Harbour, 1988.
- Dane, Ruth, ed. *Collected Letters of the Coast*. Leeds: Kiln, 1990.
- García Lorca, Federico. *Poet in the Orchard*. Madrid: Sol, 1931.
- Ó Briain, Dara. *Talking Tides*. Dublin: Liffey, 2009.
- Ross, Ann, and Peter Klee. *The Lantern Years*. Leeds: Kiln, 1971.
"""


def test_prose_printed_in_and_names_raise_nothing_but_the_unlisted_chapter() -> None:
    # Vell's chapter is in a listed book but not listed itself: that B001 stays, like the seed's Thatcher
    assert codes(PROSE, "B001", "B002", "B003") == [("B001", 8)]


TITLES = """# Essay

A review.[^1] An essay.[^2]

[^1]: Unsigned review of *Bleak Tide*, by Harold Penn, *The Weekly Lamp*, 3 March 1860, 4.
[^2]: Ruth Dane, “Winter Roads, *Harbour Review* 3 (1990): 4.

## Bibliography

- Dane, Ruth. “Winter Roads.” *Harbour Review* 3 (1990): 1–20.
- “Review of *Bleak Tide*, by Harold Penn.” *The Weekly Lamp*, 3 March 1860.
"""


def test_descriptive_and_swallowing_titles_are_not_b004() -> None:
    assert codes(TITLES, "B004") == []


ORDER = """# Essay

Text.[^1]

[^1]: Hale, *Letters*, 3.

## Sources

The letters are listed in the order they were written.

- Hale, Mary. *Letter to Okafor*. 1920.
- Abel, John. *Letter to Hale*. 1921.
- Quist, Bo. *Letter to Abel*. 1922.
- Bell, Ann. *Letter to Quist*. 1923.
- Ames, Ed. *Letter to Bell*. 1924.
"""


def test_a_list_in_date_order_is_not_alphabetical_by_design() -> None:
    assert codes(ORDER, "B007") == []


@pytest.mark.parametrize(
    "text",
    [
        "# Paper\n\nAs shown [@hale2020; @okafor2019] and [@quist2001].\n\n# References\n",
        "# Paper\n\nText.\n\n# References\n\n::: {#refs}\n:::\n",
        "# Essay\n\nText.[^1]\n\n## References\n\n[^1]: Hale, *Letters*, 3.\n",
    ],
)
def test_placeholders_and_note_sections_are_not_empty_bibliographies(text: str) -> None:
    assert codes(text, "B008") == []


def test_a_short_form_of_a_second_work_by_one_author_is_not_drift() -> None:
    text = """# Essay

A.[^1] B.[^2] C.[^3] D.[^4]

[^1]: Lena Ward, *Tides: A Commentary* (York: Stone, 1997), 38.
[^2]: Lena Ward, “Storms at Sea,” in *Coasts Volume 1: Tides, Reefs, Bays*, ed. Bo Quist (York: Stone, 1991), 160.
[^3]: Ward, *Tides*, 151.
[^4]: Ward, “Storms at Sea,” 174.
"""
    assert codes(text, "S001") == []


BREAKS = """# Essay

A.[^1] B.[^2]

[^1]: Lena Ward, “Quiet Quays,” *Harbour Blog*, 2019.
[^2]: Bo Quist, “Reef Notes,” *Coast Forum*, 2020.

# References
Ward, Lena. “Quiet Quays.” *Harbour Blog*, 2019.
<br><br>
Quist, Bo. “Reef Notes.” *Coast Forum*, 2020.
"""


def test_entries_separated_by_br_lines_are_separate() -> None:
    assert codes(BREAKS, "B001", "B002") == []


AUTHOR_DATE_NOTES = """# Essay

Harbours grew (Okafor 2011, 4; Pell 2015) and shrank (Vane 1999).[^1] Later (Culp 2016).[^2] Again.[^3]

[^1]: Culp, 2016, p. 19 reads the harbour differently; Okafor, 2011, p. 7 agrees.
[^2]: Ruth Dane, *Winter Roads* (Leeds: Kiln, 1990), 4.
[^3]: When Pell wrote with Vane, _Breakwaters Revisited_, the harbour was gone. Ruth Dane, *Winter Roads*, 5.
    Lena Ward, *Quiet Quays* (York: Stone, 2004), 2. Bo Quist, *Reefs* (York: Stone, 2005), 3.

## References

- Culp, R. 2016. *Grey Water*. Leeds: Kiln.
- Dane, Ruth. 1990. *Winter Roads*. Leeds: Kiln.
- Okafor, N. 2011. *Harbour Lights*. Hull: Kiln.
- Pell, D. 2015. *Breakwaters*. York: Stone.
- Vane, T. 1999. *Salt Ledgers*. Hull: Kiln.
"""


def test_author_date_notes_are_not_missing_works() -> None:
    # "Culp, 2016" is no work titled "2016"; "Pell wrote with Vane, _Breakwaters Revisited_" is a remark
    assert codes(AUTHOR_DATE_NOTES, "B001") == []
