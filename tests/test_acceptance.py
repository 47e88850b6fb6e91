"""A new user's first session: configure an essay repository, suppress a finding, try every format, then a thesis."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from loccit.linter.cli.main import main
from loccit.linter.output import formats as reporters

ESSAY = """# The Thaw

Khrushchev denounced Stalin in 1956.[^1] Some eight million prisoners left
the Gulags[^2] on his orders. Molotov was sent to Mongolia as ambassador.[^3]

<!-- loccit-disable-next-line N006 -->
The code was rewritten in 1958,[^4]in part.

[^1]: William Taubman, *Khrushchev: The Man and His Era* (London: Free Press, 2003), 283.
[^2]: Anne Applebaum, *Gulag: A History* (London: Allen Lane, 2004), 3.
[^3]: Donald Filtzer, *The Khrushchev Era* (London: Macmillan, 1993), 30.
[^4]: Filtzer, *Khrushchev Era*, 31.
[^5]: Filtzer, *Khrushchev Era*, 44.
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_first_session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("pyproject.toml").write_text(
        '[project]\nname = "essays"\n\n[tool.loccit]\nseverity = { N002 = "warning" }\n', encoding="utf-8"
    )
    Path("thaw.md").write_text(ESSAY, encoding="utf-8")
    code, out, err = run("check", "thaw.md")
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        "thaw.md:13:1: N002 note [^5] is defined but never referenced in the text",
        "Found 1 finding (1 warning) in 1 file.",
    ]
    for fmt in reporters.REPORTERS:
        code, out, err = run("check", "--output-format", fmt, "thaw.md")
        assert code == 1 and err == "" and "N002" in out, fmt
        assert fmt == "sarif" or "N006" not in out, fmt  # suppressed inline (SARIF lists every rule's help)
    results = json.loads(run("check", "--format", "sarif", "thaw.md")[1])["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["N002"]
    assert run("check", "--exit-zero", "thaw.md")[0] == 0


def test_thesis_with_a_shared_bibliography(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("loccit.toml").write_text('bibliography = ["bibliography.md"]\n', encoding="utf-8")
    Path("chapters").mkdir()
    Path("chapters/01-camps.md").write_text("The camps emptied.[^1]\n\n[^1]: Applebaum, *Gulag*, 3.\n")
    Path("chapters/02-speech.md").write_text("The speech.[^1] Later.[^2]\n\n[^1]: Taubman, *Khrushchev*, 283.\n")
    Path("bibliography.md").write_text("Applebaum, Anne. *Gulag*. 2004.\n\nTaubman, William. *Khrushchev*. 2003.\n")
    code, out, _ = run("check")
    assert code == 1
    assert out.splitlines() == [
        "chapters/02-speech.md:1:23: N001 note [^2] has no definition; add one or remove the marker",
        "Found 1 finding (1 error) in 1 file.",
    ]
    assert 'bibliography = ["bibliography.md"]' in run("check", "--show-settings", "chapters/01-camps.md")[1]


def test_pandoc_inline_notes_are_checked_like_footnotes() -> None:
    # Six ^[…] notes: Ibid. follows Applebaum's, one work is missing from the bibliography, one note is empty,
    # and none is "never referenced": an inline note is its own marker.
    code, out, _ = run("check", str(Path(__file__).parent.parent / "fixtures" / "pandoc" / "inline-notes.md"))
    assert code == 1
    assert [line.split(": ", 1)[0].rsplit(":", 2)[1:] + [line.split(": ", 1)[1]] for line in out.splitlines()[:-1]] == [
        [
            "6",
            "79",
            'B001 note 5 (inline) cites "Soviet Workers and De-Stalinization" by Filtzer, which no bibliography '
            "entry lists",
        ],
        ["7", "78", 'P003 page range "30-32" differs from the essay\'s "30--32"'],
        ["8", "6", "N005 note 6 (inline) is empty"],
        ["14", "1", "B002 bibliography entry for Figes is not cited in any note"],
        [
            "14",
            "1",
            'B007 entry Figes, "A People\'s Tragedy" is out of alphabetical order: it follows Taubman, '
            '"Khrushchev: The Man and His Era"',
        ],
    ]


def test_page_rules_read_bibliography_entries_but_not_their_years(tmp_path: Path) -> None:
    essay = tmp_path / "essay.md"
    essay.write_text(
        "The barons rebelled.[^1] The king answered.[^2] A review.^[Tate, *Times*, p. 4-5.]\n\n"
        "[^1]: Bartlett, *England under the Norman and Angevin Kings*, 12-14.\n"
        "[^2]: Clanchy, *From Memory to Written Record*, 44-46.\n\n"
        "## Bibliography\n\n"
        "- Bartlett, Robert. *England under the Norman and Angevin Kings, 1075–1225*. Oxford, 2000.\n"
        "- Clanchy, M. T. *From Memory to Written Record: England, 1066–1307*. Oxford, 1993.\n"
        "- Holt, J. C. “The Barons.” *Past & Present* 57 (1972): 3–52.\n"
        "- Tate, Ann. *Times*. London, 1990.^[Reviewed in *Notes* 3, pp. 7.]\n",
        encoding="utf-8",
    )
    out = run("check", "--select", "P002,P003", str(essay))[1]
    # The article's range follows a colon and counts (the essay writes hyphens); the year ranges in titles do
    # not; an inline note inside an entry is read once, as a note.
    assert [line.split(":", 3)[1:] for line in out.splitlines()[:-1]] == [
        ["1", "75", ' P002 page label "p." before the range "4-5"; use "pp."'],
        ["10", "57", ' P003 page range "3–52" differs from the essay\'s "3-52"'],
        ["11", "61", ' P002 page label "pp." before the single page "7"; use "p."'],
    ]
