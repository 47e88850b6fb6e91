"""`loccit sources`: entries with the notes that cite them, then the notes whose works match nothing."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import CORPUS, ROOT

from loccit.linter.cli.main import main

FIXTURE = str(ROOT / "fixtures" / "rules" / "B001.md")
SEED = CORPUS / "seed"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["sources", *args])
    return result.exit_code, result.output


def test_text_lists_entries_with_their_notes_then_unresolved() -> None:
    code, out = run(FIXTURE)
    assert code == 0
    entries, unresolved = out.split("Notes whose works match no entry")
    assert "Khrushchev, Nikita. Khrushchev Remembers." in entries
    assert "note 6 (line 33): short form of note 1, score 100" in entries
    assert "note 7 (line 34): ibid. (note 6), score 100" in entries
    assert "not cited" not in entries
    assert [line.split(":")[0].strip() for line in unresolved.strip().splitlines()] == [
        "note 10 (line 43)",
        "note 11 (line 45)",
        "note 12 (line 46)",
    ]
    assert '"The Great Terror" by Conquest' in unresolved


def test_json_schema() -> None:
    code, out = run("--format", "json", FIXTURE)
    assert code == 0
    (report,) = json.loads(out)
    assert report["version"] == 1 and report["path"] == FIXTURE
    assert set(report["entries"][0]) == {"line", "section", "file", "text", "cited_by", "cited_in_text"}
    assert report["entries"][0]["file"] == FIXTURE
    assert set(report["entries"][0]["cited_by"][0]) == {"note", "line", "how", "score"}
    assert [item["note"] for item in report["unresolved"]] == ["10", "11", "12"]
    assert report["unresolved"][1]["authors"] == ["Robert Conquest"]
    assert report["unresolved"][1]["form"] == "full"


def test_missing_file_exits_two() -> None:
    code, out = run("no-such-essay.md")
    assert code == 2 and "no-such-essay.md" in out


@pytest.mark.skipif(not SEED.is_dir(), reason="../shared/corpus/seed is not available")
@pytest.mark.parametrize("name", ["khrushchev-footnotes.md", "khrushchev-numeric.md"])
def test_seed_unresolved_are_thatcher_and_the_guardian(name: str) -> None:
    code, out = run("--format", "json", str(SEED / name))
    assert code == 0
    (report,) = json.loads(out)
    assert [(item["note"], item["authors"][-1].split()[-1]) for item in report["unresolved"]] == [
        ("5", "Khrushchev"),
        ("21", "Thatcher"),
    ]
    assert "Great Speeches" in report["unresolved"][0]["title"]
    assert report["unresolved"][0]["container"] == "The Guardian"
    assert all(entry["cited_by"] for entry in report["entries"])


def test_a_chapter_is_shown_against_its_shared_bibliography(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.loccit]\nbibliography = ["bibliography.md"]\n', encoding="utf-8")
    (tmp_path / "ch1.md").write_text("# One\n\nA.[^1]\n\n[^1]: Filtzer, *The Khrushchev Era*, 3.\n", encoding="utf-8")
    (tmp_path / "bibliography.md").write_text(
        "# Bibliography\n\n- Filtzer, Donald. *The Khrushchev Era*. London, 1993.\n", encoding="utf-8"
    )
    code, out = run("ch1.md")
    assert code == 0
    assert "Bibliography (bibliography.md)" in out
    assert "note 1 (line 5): author and title, score 100" in out


def test_a_directory_shares_its_bibliography_file_as_check_does(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`loccit sources DIR` and `loccit check DIR` agree: a bibliography-only file in the folder is shared."""
    (tmp_path / "bibliography.md").write_text("# Bibliography\n\n- Smith, Ann. *Tolls of the River*. Leith, 1990.\n")
    (tmp_path / "ch1.md").write_text("Claim.[^1]\n\n[^1]: Ann Smith, *Tolls of the River* (Leith, 1990), 4.\n")
    monkeypatch.chdir(tmp_path)
    code, out = run("--format", "json", ".")
    chapter = next(report for report in json.loads(out) if report["path"] == "ch1.md")
    assert code == 0 and chapter["unresolved"] == []
    assert [entry["file"] for entry in chapter["entries"]] == ["bibliography.md"]
    assert CliRunner().invoke(main, ["check", "--isolated", "--select", "B001", "."]).exit_code == 0


def test_entries_are_not_called_uncited_when_no_citation_was_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    essay = tmp_path / "essay.md"
    essay.write_text("A claim with no notes.\n\n## Bibliography\n\n- Smith, Ann. *Tolls*. Leith, 1990.\n")
    code, out = run(str(essay))
    assert code == 0 and "no notes or in-text citations were recognised" in out
    assert "not cited" not in out
