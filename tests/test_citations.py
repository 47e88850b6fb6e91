"""Parsing notes and bibliography entries into works: authors, titles, imprint, locator, form."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loccit.linter.citations.works import Kind, Work, parse_entry, parse_note


def summary(work: Work | None) -> tuple[object, ...] | None:
    if work is None:
        return None
    place = work.imprint.place.text if work.imprint.place else None
    year = work.imprint.year.text if work.imprint.year else None
    title = work.title.text if work.title else None
    return (work.kind.value, [name.surname for name in work.authors], title, place, year)


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (
            "Donald Filtzer, The Khrushchev Era (London, 1993), p.3.",
            [("full", ["Filtzer"], "The Khrushchev Era", "London", "1993")],
        ),
        ("Filtzer, The Khrushchev Era, p.20.", [("short", ["Filtzer"], "The Khrushchev Era", None, None)]),
        ("Ibid., 34.", [("ibid", [], None, None, None)]),
        ("Id. at 12.", [("ibid", [], None, None, None)]),
        ("Marsden, op. cit., p. 12.", [("short", ["Marsden"], None, None, None)]),
        ("Workstations, Ibid., p. 129.", [("ibid", [], None, None, None)]),
        (
            'A history of the Network Working Group, "The Origins of RFCs" by Stephen D. Crocker, is in RFC 1000.',
            [("short", ["Crocker"], "The Origins of RFCs", None, None)],
        ),
        (
            "Roy Medvedev and Zhores Medvedev, Khrushchev: The Years in Power (New York, 1978), p.66.",
            [("full", ["Medvedev", "Medvedev"], "Khrushchev: The Years in Power", "New York", "1978")],
        ),
        (
            "Human Rights Watch Helsinki. Russia: The Conflict (New York, 1996), p.24.",
            [("full", ["Human Rights Watch Helsinki"], "Russia: The Conflict", "New York", "1996")],
        ),
        (
            "Nikita Khrushchev.Great Speeches. The Guardian, (26 April 2007.) https://example.org/x.",
            [("full", ["Khrushchev"], "Great Speeches", None, "2007")],
        ),
        (
            "Nikita Khrushchev.Great Speeches of the 20th Century (26 April 2007.) https://example.org/x.",
            [("full", ["Khrushchev"], "Great Speeches of the 20th Century", None, "2007")],
        ),
        (
            "Nikita Khrushchev and Sergei Khrushchev, Memoirs. Volume 2, Reformer,1945-1964 (Pennsylvania 2006.)",
            [("full", ["Khrushchev"] * 2, "Memoirs. Volume 2, Reformer,1945-1964", "Pennsylvania", "2006")],
        ),
        (
            "Jane Grossman, ‘Khrushchev’s Policy’ Soviet Studies, Volume 24, No.3(1973), pp.374-386.",
            [("full", ["Grossman"], "Khrushchev’s Policy", None, "1973")],
        ),
        (
            "Ann Smith, *Comics as History* (Leiden, 2014), 4; Bo Jones, “Ink,” *Art Journal* 3, no. 2 (2009): 5.",
            [
                ("full", ["Smith"], "Comics as History", "Leiden", "2014"),
                ("full", ["Jones"], "Ink", None, "2009"),
            ],
        ),
        (
            "‘Khrushchev ‘Resigns’ All His Functions; Heads Party’, New York Herald Tribune. 16 October 1964, p.1.",
            [("full", [], "Khrushchev ‘Resigns’ All His Functions; Heads Party", None, "1964")],
        ),
        (
            "For a contrary view, see Hans Vredeman de Vries, *Perspective* (Leiden: Brill, 1604), 12.",
            [("full", ["de Vries"], "Perspective", "Leiden", "1604")],
        ),
        (
            "Ian Thatcher, ‘Leader’ in *Khrushchev in the Kremlin*, eds. Jeremy Smith and Melanie Ilic (2011), 9.",
            [("full", ["Thatcher"], "Leader", None, "2011")],
        ),
        (
            'Hendrix and Vignau-Wilberg, *"Mira calligraphiae monumenta"*, vii',
            [("short", ["Hendrix", "Vignau-Wilberg"], '"Mira calligraphiae monumenta"', None, None)],
        ),
        (
            'This has also been pointed out in Xerri, "Script and Image," 18',
            [("short", ["Xerri"], "Script and Image", None, None)],
        ),
        (
            'noted by Kaufmann in "Vistas for Rudolfine Research," 249',
            [("short", ["Kaufmann"], "Vistas for Rudolfine Research", None, None)],
        ),
        ("The 1948 code mirrored the sentiments of its time, as Matthew Colvin, Cornell University, noted.", []),
        ("Video of this piece can be seen here: <https://www.youtube.com/watch?v=1>", []),
        (
            "An example is Michael Lienesch, *In the Beginning: Fundamentalism* (Chapel Hill: UNC Press, 2007).",
            [("full", ["Lienesch"], "In the Beginning: Fundamentalism", "Chapel Hill", "2007")],
        ),
        (
            "For expose as journalism, see Kevin Roose, *The Unlikely Disciple* (New York: Grand Central, 2009).",
            [("full", ["Roose"], "The Unlikely Disciple", "New York", "2009")],
        ),
        (
            "Three volumes of *A History* have appeared; the next, *The Disruption*, to be written by Geoff "
            "Treloar, and *The Global Diffusion*, to be written by Brian Stanley.",
            [],
        ),
        ('Our "dots and lines" visual model becomes a "dots and arrows" model.', []),
        ("Culpability _is_ relevant, however, to the reasonableness of the seizure, 12.", []),
        (
            "Virginia Crisp, “To Name a Thief,” in *Piracy*, eds. Ann Fredriksson and Bo Arvanitakis, 39. A good "
            "counter-point is Jan Knott, “Sinking,” *Journal* 3 (2004): 5.",
            [("short", ["Crisp"], "To Name a Thief", None, None)],
        ),
        (
            "Virginia Crisp, Film Distribution (Basingstoke: Palgrave, 2017), 186. Alf Rehn, “Potlatch” (PhD diss., "
            "KTH, 2001), 57.",
            [("full", ["Crisp"], "Film Distribution", "Basingstoke", "2017")],
        ),
        (
            "William Luther, “Bitcoin,” *Independent Review* 20, no. 3 (Winter 2015/2016): 397.",
            [("full", ["Luther"], "Bitcoin", None, "2016")],
        ),
        (
            "Raymond Shih Ray Ku, “Creative Destruction,” *Law Review* 69 (2002): 263.",
            [("full", ["Ku"], "Creative Destruction", None, "2002")],
        ),
        (
            "Pierre Bourdieu, Outline of a Theory of Practice, trans. Richard Nice (Cambridge: CUP, 1977), 180.",
            [("full", ["Bourdieu"], "Outline of a Theory of Practice", "Cambridge", "1977")],
        ),
        (
            "Ralph Hansen, “Historical Notes,” 1, n.d., Folder 9, Box 2, Hansen Papers.",
            [("full", ["Hansen"], "Historical Notes", None, None)],
        ),
        ("Partitioning is [NP-hard](http://dl.acm.org/citation.cfm?doid=1), and slow (2004).", []),
        ('[Latin for "among other things."](https://www.law.cornell.edu/wex/inter_alia)', []),
        ("", []),
    ],
)
def test_parse_note(note: str, expected: list[tuple[object, ...]]) -> None:
    assert [summary(work) for work in parse_note(note)] == expected


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            "Filtzer, Donald. The Khrushchev Era. London, 1993.",
            ("full", ["Filtzer"], "The Khrushchev Era", "London", "1993"),
        ),
        (
            "Evans, David and Jenkins, Jane. Years of Russia and the USSR 1851-1991. London, 2001.",
            ("full", ["Evans", "Jenkins"], "Years of Russia and the USSR 1851-1991", "London", "2001"),
        ),
        (
            "Keep, John L.H. A History of the Soviet Union. Oxford, 1995.",
            ("full", ["Keep"], "A History of the Soviet Union", "Oxford", "1995"),
        ),
        ("Swain, Geoffrey. Khrushchev London, 2016.", ("full", ["Swain"], "Khrushchev London", None, "2016")),
        (
            "Mayes, Rick, and Allan V. Horwitz. “DSM-III.” *Journal of the History* 41, no. 3 (2005): 249–67.",
            ("full", ["Mayes", "Horwitz"], "DSM-III", None, "2005"),
        ),
        (
            "Villiers, Pieter Loyseleur de, and Hans Vredeman de Vries. *La Ioyeuse Entrée*. Antwerp: Plantin, 1582.",
            ("full", ["de Villiers", "de Vries"], "La Ioyeuse Entrée", "Antwerp", "1582"),
        ),
        (
            "Smith, Jeremy, and Melanie Ilic, eds. *Khrushchev in the Kremlin*. London: Routledge, 2011.",
            ("full", ["Smith", "Ilic"], "Khrushchev in the Kremlin", "London", "2011"),
        ),
        (
            "———. *The Mastery of Nature*. Princeton: Princeton University Press, 1993.",
            ("full", [], "The Mastery of Nature", "Princeton", "1993"),
        ),
        (
            "Kaufmann, Thomas <span>DaCosta</span>. *Mastery*. Princeton, 1993.",
            ("full", ["Kaufmann"], "Mastery", "Princeton", "1993"),
        ),
        (
            "U.S. Attorney's Office. “Florida Man Sentenced.” FBI, May 6, 2009.",
            ("full", ["U.S. Attorney's Office"], "Florida Man Sentenced", None, "2009"),
        ),
        (
            "2b2t Wiki. “Timeline,” 2020. https://2b2t.miraheze.org/wiki/Timeline.",
            ("full", ["2b2t Wiki"], "Timeline", None, "2020"),
        ),
        (
            "*BBC News*. “Pair Convicted of Internet Piracy.” March 16, 2005.",
            ("full", ["BBC News"], "Pair Convicted of Internet Piracy", None, "2005"),
        ),
        (
            "Licklider, J.C.R. and Robert Taylor. “The Computer as a Communication Device.” 1968.",
            ("full", ["Licklider", "Taylor"], "The Computer as a Communication Device", None, "1968"),
        ),
        (
            "Baran, Paul. On Distributed Communications. Rand Corporation. Santa Monica, California. 1962.",
            ("full", ["Baran"], "On Distributed Communications", None, "1962"),
        ),
        (
            "Abbott, Carl. *How Cities Won the West*. Albuquerque: UNM Press, 2008.",
            ("full", ["Abbott"], "How Cities Won the West", "Albuquerque", "2008"),
        ),
        (
            "---------. *Metropolitan Frontier*. Tucson: University of Arizona Press, 1995.",
            ("full", [], "Metropolitan Frontier", "Tucson", "1995"),
        ),
        (
            "Grob, Gerald N. *The Mad Among Us.* The Free Press, 1994.",
            ("full", ["Grob"], "The Mad Among Us", None, "1994"),
        ),
        (
            "*Regiomontanus: On Triangles*. Translated by Barnabas Hughes. Madison: Wisconsin, 1967.",
            ("full", [], "Regiomontanus: On Triangles", "Madison", "1967"),
        ),
    ],
)
def test_parse_entry(entry: str, expected: tuple[object, ...]) -> None:
    assert summary(parse_entry(entry)) == expected


def test_entry_details() -> None:
    listed = parse_entry("*Regiomontanus: On Triangles*. Translated by Barnabas Hughes. Madison: Wisconsin, 1967.")
    assert listed is not None and [name.surname for name in listed.editors] == ["Hughes"]
    repeated = parse_entry("———. *The Mastery of Nature*. Princeton, 1993.")
    assert repeated is not None and repeated.same_author
    chapter = parse_note(
        "Ian Thatcher, ‘Leader’ in *Khrushchev in the Kremlin*, eds. Jeremy Smith and Melanie Ilic (2011), 9."
    )
    assert chapter[0].container is not None and chapter[0].container.text == "Khrushchev in the Kremlin"
    assert [name.surname for name in chapter[0].editors] == ["Smith", "Ilic"]


def test_offsets_point_into_the_text() -> None:
    note = "See Jane Delaney Grossman, ‘Khrushchev’s Policy’ Soviet Studies, Volume 24, No.3(1973), pp.374-386."
    (work,) = parse_note(note)
    assert work.kind is Kind.FULL
    assert work.title is not None and note[work.title.start : work.title.end] == "Khrushchev’s Policy"
    name = work.authors[0]
    assert note[name.start : name.end] == "Jane Delaney Grossman" and name.given == "Jane Delaney"
    assert work.locator is not None and work.locator.text == "pp.374-386"
    assert (work.imprint.volume, work.imprint.issue) == ("24", "3")


def test_long_pathological_input_is_parsed() -> None:
    noisy = ("“‘*_(" * 4000) + ("a, b. " * 4000) + ";" * 2000
    parse_note(noisy)
    parse_entry(noisy)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab A.,;:()“”‘’'\"*_-–0123456789 Pp\n", max_size=120))
def test_never_crashes(text: str) -> None:
    for work in parse_note(text):
        assert 0 <= work.start <= work.end <= len(text)
    parse_entry(text)
