"""Resolving cited works to bibliography entries: similarity thresholds and explained resolutions."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loccit.linter.citations.scan import fold_chars, fold_long
from loccit.linter.citations.works import parse_entry, parse_note
from loccit.linter.markdown.parse import normalise, parse_document
from loccit.linter.matching.evidence import Folded
from loccit.linter.matching.resolve import MatchOptions, listed_works, resolve
from loccit.linter.matching.similarity import numbers_agree, title_score, titles_agree

ESSAY = """# Essay

Text.[^1] More.[^2] And.[^3] Then.[^4] Also.[^5] Last.[^6] Paper.[^7]

[^1]: Geoffrey Swain, Khrushchev (London, 2016), p.137.
[^2]: Mark Frankland, Khrushchev (New York, 1969), p.209.
[^3]: Swain, Khrushchev, 12.
[^4]: Ibid., 14.
[^5]: Roy Medvedev and Zhores Medvedev, Khrushchev: The Years in Power (New York, 1978), p.66.
[^6]: Medvedev and Medvedev, Years in Power, p.82.
[^7]: ‘Khrushchev Resigns; Brezhnev Heads Party’, New York Herald Tribune. 16 October 1964, p.1.

## Bibliography

- Frankland, Mark. Khrushchev. New York, 1969.
- ‘Khrushchev Resigns; Brezhnev Heads Party.’ New York Herald Tribune. 16 October 1964.
- Medvedev, Roy and Medvedev, Zhores. Khrushchev: The Years in Power. New York, 1978.
- Swain, Geoffrey. Khrushchev. London, 2016.
"""


@pytest.mark.parametrize(
    ("cited", "listed", "short", "at_least", "below"),
    [
        ("Years of Russia and the USSR 1851-199", "Years of Russia and the USSR 1851-1991", False, 95, 101),
        ("Khrushchev Man and Era", "Khrushchev: The Man and His Era", True, 85, 101),
        ("Penguin Modern Russia", "The Penguin History of Modern Russia", True, 85, 101),
        ("Mira calligraphiae monumenta", "Mira calligraphiae monumenta: A Manuscript", False, 100, 101),
        ("The Global Cold War: Third World Interventions", "The Cold War: A World History", False, 0, 85),
        ("Great Speeches of the 20th Century", "Memoirs of Nikita Khrushchev. Volume 2", False, 0, 50),
        ("", "Anything", True, 0, 1),
    ],
)
def test_title_score(cited: str, listed: str, short: bool, at_least: float, below: float) -> None:
    assert at_least <= title_score(cited, listed, short) < below


@pytest.mark.parametrize(
    ("note", "entry", "agree"),
    [
        ("Ann Jones, Protest, Reform (Leeds, 2013), 1.", "Jones, Ann. Protest, reform. Leeds, 2013.", True),
        ("Ann Swain, Khrushchev (London, 2016), 1.", "Swain, Ann. Khrushchev London, 2016.", True),
        ("Jo Keep, History: End of Empire (Oxford, 1995), 1.", "Keep, Jo. History: End of Empires.", False),
        ("Jo Keep, History (Oxford, 1995), 1.", "Keep, Jo. History: End of Empires. Oxford, 1995.", True),
        ("Ann Lee, *Glazami* [Through the Eyes] (Moscow, 1971), 1.", "Lee, Ann. *Glazami*. Moscow, 1971.", True),
        ("Ann Lee, *Memoirs, Volume 2* (Boston, 1970), 1.", "Lee, Ann. *Memoirs, vol. 2*. Boston, 1970.", True),
        ("Ann Lee, *Memoirs, Volume 2* (Boston, 1970), 1.", "Lee, Ann. *Memoirs, vol. 3*. Boston, 1970.", False),
    ],
)
def test_titles_agree(note: str, entry: str, agree: bool) -> None:
    cited, listed = parse_note(note)[0], parse_entry(entry)
    assert listed is not None
    assert titles_agree(cited, listed) is agree


def essay_resolutions() -> dict[str, tuple[str, str | None]]:
    doc = parse_document("essay.md", normalise(ESSAY))
    return {
        r.citation.note.label: (r.how, r.listed.entry.text[:12] if r.listed else None) for r in resolve(doc).resolutions
    }


def test_resolutions_are_explained() -> None:
    assert essay_resolutions() == {
        "1": ("author and title", "Swain, Geoff"),
        "2": ("author and title", "Frankland, M"),
        "3": ("short form of note 1", "Swain, Geoff"),
        "4": ("ibid. (note 3)", "Swain, Geoff"),
        "5": ("author and title", "Medvedev, Ro"),
        "6": ("short form of note 5", "Medvedev, Ro"),
        "7": ("title only", "‘Khrushchev "),
    }


def test_resolution_is_computed_once_per_document_and_options() -> None:
    doc = parse_document("essay.md", normalise(ESSAY))
    assert resolve(doc) is resolve(doc, MatchOptions())
    assert resolve(doc, MatchOptions(min_score=99.0)) is not resolve(doc)


def test_thresholds_are_options() -> None:
    text = ESSAY.replace("Swain, Khrushchev, 12.", "Swain, Krushchev, 12.")
    doc = parse_document("essay.md", normalise(text))
    lenient = {r.citation.note.label: r.how for r in resolve(doc, MatchOptions(min_score=80.0)).resolutions}
    options = MatchOptions(min_score=99.0, title_only_min_score=99.0)
    strict = {r.citation.note.label: r.how for r in resolve(doc, options).resolutions}
    assert lenient["3"] == "short form of note 1"
    assert strict["3"] == "no match"


def test_retitled_web_article_matches_by_author_year_and_url() -> None:
    text = (
        "# E\n\nA.[^1]\n\n[^1]: Tim Harford, “High-Frequency Trading and the $440m Computer Glitch,” *BBC News*, "
        "August 11, 2012, https://www.bbc.co.uk/news/magazine-19214294.\n\n## Bibliography\n\n"
        "- Harford, Tim. “The $440m Computer Glitch.” *BBC News*, August 11, 2012. "
        "https://www.bbc.co.uk/news/magazine-19214294.\n"
    )
    (resolution,) = resolve(parse_document("e.md", normalise(text))).resolutions
    assert resolution.how == "author, year and URL or periodical"
    assert resolution.listed is not None and resolution.listed.entry.text.startswith("Harford")


def test_short_corporate_name_agrees_with_the_full_one() -> None:
    text = (
        "# E\n\nA.[^1]\n\n[^1]: Planning Commission, *Master Plan of the City*, 94.\n\n## Bibliography\n\n"
        "- San Jose City Planning Commission. *Master Plan of the City*. San Jose: City of San Jose, 1958.\n"
    )
    (resolution,) = resolve(parse_document("e.md", normalise(text))).resolutions
    assert resolution.how == "author and title"


def test_short_title_may_name_the_book_that_holds_the_chapter() -> None:
    text = (
        "# E\n\nA.[^1]\n\n[^1]: Roberts, Workstations, p. 146.\n\n## Sources\n\n"
        'Roberts, Lawrence G. "The ARPANET and Computer Networks." In A History of Personal Workstations. '
        "Edited by Adele Goldberg. ACM Press. New York. 1988.\n"
    )
    (resolution,) = resolve(parse_document("e.md", normalise(text))).resolutions
    assert resolution.listed is not None and resolution.how == "author and title"


@pytest.mark.parametrize(
    ("cited", "listed", "agree"),
    [
        ("Years of Russia and the USSR 1851-199", "Years of Russia and the USSR 1851-1991", True),
        ("Robert Noyce and Fairchild, 157--1968", "Robert Noyce and Fairchild, 1957-1968", True),
        ("Camelot Topsite (CAM-camelot.1999.08.29.nfo)", "Camelot Topsite (CAM-camelot.1998.11.13.nfo)", False),
        ("Memoirs Volume 2", "Memoirs of Nikita Khrushchev. Volume 2, Reformer,1945-1964", True),
        ("Khrushchev", "Khrushchev", True),
    ],
)
def test_numbers_agree(cited: str, listed: str, agree: bool) -> None:
    assert numbers_agree(cited, listed) is agree


@pytest.mark.parametrize("given", ["Ada", "Dov"])
def test_same_surname_and_title_resolve_by_given_name_and_year(given: str) -> None:
    imprint = {"Ada": "Leith, 1995", "Dov": "Bruges, 2011"}[given]
    text = (
        f"A claim.[^1]\n\n[^1]: {given} Gorse, *The Survey Years* ({imprint}), 3.\n\n"
        "## Bibliography\n\n- Gorse, Ada. *The Survey Years: The River Commission*. Leith, 1995.\n"
        "- Gorse, Dov. *The Survey Years*. Bruges, 2011.\n"
    )
    doc = parse_document("essay.md", normalise(text))
    (resolution,) = resolve(doc).resolutions
    assert resolution.listed is not None
    assert resolution.listed.entry.text.startswith(f"Gorse, {given}.")


def test_entries_are_parsed_once_per_document() -> None:
    doc = parse_document("essay.md", normalise(ESSAY))
    assert listed_works(doc) is listed_works(doc, own=True)


# Many entries share the title words, so the index scores their titles in a batch before ranking any.
CROWDED = "\n".join(
    [
        "# Essay",
        "",
        "Text.[^1] More.[^2] Again.[^3] Other.[^4]",
        "",
        "[^1]: Ann Holm, The Harbour Guild and the Coastal Beacons (Cork, 1990), 4.",
        "[^2]: Ann Holm, The Harbour Guild and the Coastal Beacons (Cork, 1990), 9.",
        "[^3]: Holm, Harbour Guild, 12.",
        "[^4]: Ben Ford, The Harbor Guild and the Coastal Beacon (Bruges, 1971), 7.",
        "",
        "## Bibliography",
        "",
        *(f"- Writer{n}, Carl. The Harbour Guild and the Coastal Beacons. Cork, {1900 + n}." for n in range(12)),
        "- Ford, Ben. The Harbour Guild and the Coastal Beacons. Bruges, 1971.",
        "- Holm, Ann. The Harbour Guild and the Coastal Beacons. Cork, 1990.",
    ]
)


def test_crowded_bibliography_resolves_by_author_and_title() -> None:
    doc = parse_document("essay.md", normalise(CROWDED))
    found = {
        r.citation.note.label: (r.how, r.listed.entry.text[:4] if r.listed else None) for r in resolve(doc).resolutions
    }
    assert found == {
        "1": ("author and title", "Holm"),
        "2": ("author and title", "Holm"),
        "3": ("short form of note 2", "Holm"),  # the latest of two equal full citations
        "4": ("author and title", "Ford"),  # misspelt title, other authors' entries of other years left out
    }


@pytest.mark.parametrize(
    ("note", "entry"),
    [
        # the note gives the subtitle, the bibliography only the main title: one rare word in common
        ("Taubman, *Khrushchev: The Man and His Era*, 4.", "Taubman, William. *Khrushchev*. New York, 2003."),
        ("Smith, *Colour*, 5.", "Smith, John. *Color*. London, 1991."),  # a spelling variant
    ],
)
def test_the_authors_own_work_is_found_whatever_title_words_it_shares(note: str, entry: str) -> None:
    # Other works share the note's other title words, so the entry is not among those sharing the most.
    others = "- Brown, Ann. *The Man Who Was Thursday*. London, 1908.\n- Green, Bill. *The Era of Colours*. 1990.\n"
    text = f"Claim.[^1]\n\n[^1]: {note}\n\n## Bibliography\n\n- {entry}\n{others}"
    resolution = resolve(parse_document("essay.md", normalise(text))).resolutions[0]
    assert resolution.listed is not None and resolution.listed.entry.text == entry


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab AB_'’&<>[]()\n.,-1é\u0301ﬁßİ")), max_size=80))
def test_a_long_text_is_folded_in_two_parts_into_the_words_fold_gives(text: str) -> None:
    chars = fold_chars(text)
    assert fold_long(text) == " ".join(re.sub(r"[^\w]+", " ", chars).replace("_", " ").split())
    assert all(word in chars for word in fold_long(text).split())  # what lets Folded.phrase skip the split


def test_a_phrase_of_a_word_the_text_lacks_is_answered_without_splitting_the_text() -> None:
    text = Folded("As O’Brien and Benzécri argue (*Tolls*, 1990), tolls rose.")
    assert text.phrase(("smith",)) == [] and "text" not in vars(text)
    assert text.following(text.phrase(("obrien",))[0], 2) == ["and", "benzecri"]


def _eager(text: str, words: tuple[str, ...], counts: tuple[int, ...], limit: int) -> list[list[list[str]]]:
    """Folded.phrase and .following as they were first written: on the whole folded text, split into words."""
    folded = f" {fold_long(text)} "
    needle, found, at = f" {' '.join(words)} ", [], folded.find(f" {' '.join(words)} ")
    while at >= 0 and len(found) < limit:
        found.append(at + len(needle) - 1)
        at = folded.find(needle, at + 1)
    return [[folded[end : end + 20 * count].split()[:count] for count in counts] for end in found]


_PIECES = ["so", "also", "So", "van", "der", "Gogh", "O’Brien", "obrien", "é", "e\u0301", "_", "-", " ", "\n", "[a](b)"]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=40),
    st.lists(st.sampled_from(["so", "also", "van", "der", "gogh", "obrien", "e"]), min_size=1, max_size=3),
    st.sampled_from([0, 1, 1024]),
    st.sampled_from([1, 2, 4096]),
)
def test_phrases_are_found_in_the_folded_characters_as_in_the_folded_words(
    pieces: list[str], words: list[str], misses: int, limit: int
) -> None:
    text = Folded("".join(pieces))
    # misses 0 and 1: the text is split at once, or after one miss; a low limit stops either early
    text._MISSES, text._LIMIT = misses, limit  # type: ignore[misc]
    counts = (1, 2, 13)
    lazy = [[text.following(end, count) for count in counts] for end in text.phrase(tuple(words))]
    assert lazy == _eager(text.raw, tuple(words), counts, limit)
