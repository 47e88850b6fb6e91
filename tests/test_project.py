"""Projects of several files: chapters share a bibliography file, and project rules see every chapter."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS, ROOT

from loccit.linter.cli.main import main
from loccit.linter.config.discovery import Overrides
from loccit.linter.config.settings import Settings, select_rules
from loccit.linter.diagnostics import Rule, Violation
from loccit.linter.engine import project, run
from loccit.linter.model import Document
from loccit.rules import RULES

CH1 = "# One\n\nThe camps emptied.[^1]\n\n[^1]: Applebaum, *Gulag*, 3.\n"
CH2 = "# Two\n\nThe speech was secret.[^1] Glued[^2]on.\n\n[^1]: Taubman, *Khrushchev*, 283.\n[^2]: Taubman, 290.\n"
BIB = (
    "# Bibliography\n\n- Applebaum, Anne. *Gulag*. 2004.\n- Figes, Orlando. *Revolutionary Russia*. 2014.\n"
    "- Taubman, William. *Khrushchev*. 2003.\n"
)
FIGES_UNCITED = "bibliography entry for Figes is not cited in any note"


def _shared(doc: Document, opts: object) -> Iterator[Violation]:
    """Report how many shared entries a chapter sees (test rule)."""
    if doc.definitions:
        yield Violation(doc.span(0, 1), f"{len([e for s in doc.shared_sections for e in s.entries])} shared")


def _uncited(docs: Sequence[Document], opts: object) -> Iterator[tuple[Document, Violation]]:
    """Report every entry whose surname no note of any chapter mentions (test stand-in for B002)."""
    notes = " ".join(d.text for doc in docs for d in doc.definitions)
    for doc in docs:
        for entry in doc.entries:
            surname = entry.text.split(",")[0]
            if surname not in notes:
                yield doc, Violation(entry.span, f"{surname} is never cited")


SHARED = Rule("B998", "shared-entries", "test", _shared)
UNCITED = Rule("B999", "uncited-test", "test", lambda doc, opts: iter(()), check_project=_uncited)


@pytest.fixture
def thesis(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "ch1.md").write_text(CH1, encoding="utf-8")
    (tmp_path / "chapters" / "ch2.md").write_text(CH2, encoding="utf-8")
    (tmp_path / "bibliography.md").write_text(BIB, encoding="utf-8")
    return tmp_path


def _lint(paths: Sequence[str]) -> list[tuple[str, str, int, str]]:
    files, configs = run.prepare(run.Request(tuple(paths)))
    settings = Settings(rules=(SHARED, UNCITED, *select_rules(RULES)))
    found = [d for unit in project.plan(list(paths), configs) for d in project.lint(unit, lambda p: settings)]
    return [(Path(d.path).as_posix(), d.code, d.line, d.message) for d in sorted(found)]


def test_configured_bibliography_is_shared_and_counted_across_chapters(thesis: Path) -> None:
    (thesis / "pyproject.toml").write_text('[tool.loccit]\nbibliography = ["bibliography.md"]\n', encoding="utf-8")
    assert _lint(["."]) == [
        ("bibliography.md", "B002", 4, FIGES_UNCITED),
        ("bibliography.md", "B999", 4, "Figes is never cited"),
        ("chapters/ch1.md", "B998", 1, "3 shared"),
        ("chapters/ch2.md", "B998", 1, "3 shared"),
        ("chapters/ch2.md", "N006", 3, "note [^2] is glued to the next word; add a space after it"),
    ]


def test_one_staged_chapter_still_counts_the_others(thesis: Path) -> None:
    (thesis / "pyproject.toml").write_text('[tool.loccit]\nbibliography = ["bibliography.md"]\n', encoding="utf-8")
    # pre-commit passes only the staged files: ch2 and the bibliography; ch1's note still cites Applebaum
    assert [f[:3] for f in _lint(["chapters/ch2.md", "bibliography.md"])] == [
        ("bibliography.md", "B002", 4),
        ("bibliography.md", "B999", 4),
        ("chapters/ch2.md", "B998", 1),
        ("chapters/ch2.md", "N006", 3),
    ]
    assert [f[:3] for f in _lint(["chapters/ch1.md"])] == [("chapters/ch1.md", "B998", 1)]


def test_directory_run_shares_bibliography_only_files(thesis: Path) -> None:
    found = _lint(["."])
    assert ("chapters/ch1.md", "B998", 1, "3 shared") in found
    assert ("bibliography.md", "B999", 4, "Figes is never cited") in found
    assert ("bibliography.md", "B002", 4, FIGES_UNCITED) in found


def test_separate_files_share_nothing(thesis: Path) -> None:
    found = _lint(["chapters/ch1.md", "bibliography.md"])
    assert ("chapters/ch1.md", "B998", 1, "0 shared") in found
    assert ("bibliography.md", "B999", 5, "Taubman is never cited") in found
    assert not any(code == "B002" for _, code, _, _ in found)  # no chapter of this project cites anything


def test_chapter_with_its_own_bibliography_keeps_it_in_a_directory_run(thesis: Path) -> None:
    (thesis / "chapters" / "ch1.md").write_text(CH1 + "\n## Sources\n\n- Applebaum, Anne. *Gulag*. 2004.\n")
    found = _lint(["."])
    assert ("chapters/ch1.md", "B998", 1, "0 shared") in found
    assert ("chapters/ch2.md", "B998", 1, "3 shared") in found


def test_configured_bibliography_without_a_heading_is_all_sources(thesis: Path) -> None:
    (thesis / "sources.md").write_text("---\ntitle: Sources\n---\n\nFiges, Orlando. *Russia*. 2014.\n")
    (thesis / "loccit.toml").write_text('bibliography = ["sources.md"]\n', encoding="utf-8")
    found = _lint(["chapters"])
    assert ("chapters/ch1.md", "B998", 1, "1 shared") in found


def test_cli_runs_a_two_chapter_project(thesis: Path) -> None:
    (thesis / "pyproject.toml").write_text('[tool.loccit]\nbibliography = ["bibliography.md"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "."])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"bibliography.md:4:1: B002 {FIGES_UNCITED}",
        "chapters/ch2.md:3:33: N006 note [^2] is glued to the next word; add a space after it",
        "Found 2 findings (2 warnings) in 2 files.",
    ]
    shown = CliRunner().invoke(main, ["check", "--show-settings", "chapters/ch1.md"]).stdout
    assert 'bibliography = ["bibliography.md"]' in shown


REAL = CORPUS / "real"


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus/real is not available")
def test_real_dissertation_chapters_see_the_separate_bibliography(tmp_path: Path) -> None:
    bib = REAL / "hepplerj__Dissertation__bibliography.dissertation.Heppler.md"
    (tmp_path / "loccit.toml").write_text(f"bibliography = [{str(bib)!r}]\n".replace("'", '"'), encoding="utf-8")
    seen: list[int] = []

    def count(doc: Document, opts: object) -> Iterator[Violation]:
        """Record the shared entries (test rule)."""
        seen.append(len([e for s in doc.shared_sections for e in s.entries]))
        return iter(())

    chapter = REAL / "hepplerj__Dissertation__ch1.dissertation.Heppler.md"
    outside = Overrides(allow_outside_root=True)  # the bibliography lies in the corpus, outside tmp_path
    request = run.Request((str(chapter),), outside, config_file=str(tmp_path / "loccit.toml"))
    files, configs = run.prepare(request)
    settings = Settings(rules=(Rule("B997", "count", "test", count),))
    for unit in project.plan(files, configs):
        list(project.lint(unit, lambda p: settings))
    assert seen and seen[0] > 200


def test_standard_input_chapter_gets_the_configured_bibliography(thesis: Path) -> None:
    (thesis / "pyproject.toml").write_text('[tool.loccit]\nbibliography = ["bibliography.md"]\n', encoding="utf-8")
    files, configs = run.prepare(run.Request(("-",), stdin=CH1.encode()))
    settings = Settings(rules=(SHARED,))
    found = [
        d.message for unit in project.plan(["-"], configs) for d in project.lint(unit, lambda p: settings, CH1.encode())
    ]
    assert found == ["3 shared"]


def test_excluded_chapters_are_not_part_of_the_project(thesis: Path) -> None:
    # The draft is the only chapter citing Figes: once excluded, its note no longer counts for B002.
    (thesis / "pyproject.toml").write_text(
        '[tool.loccit]\nbibliography = ["bibliography.md"]\nexclude = ["drafts/"]\n', encoding="utf-8"
    )
    (thesis / "drafts").mkdir()
    (thesis / "drafts" / "ch3.md").write_text("Figes.[^1]\n\n[^1]: Figes, *Revolutionary Russia*, 9.\n")
    found = _lint(["chapters/ch2.md", "bibliography.md"])
    assert ("bibliography.md", "B002", 4, FIGES_UNCITED) in found
    assert not any(path.startswith("drafts/") for path, *_ in _lint(["."]))
    (thesis / "pyproject.toml").write_text('[tool.loccit]\nbibliography = ["bibliography.md"]\n', encoding="utf-8")
    assert ("bibliography.md", "B002", 4, FIGES_UNCITED) not in _lint(["chapters/ch2.md", "bibliography.md"])


def _unused(path: Path) -> list[str]:
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "N002", "--output-format", "json", str(path)])
    return [d["message"] for d in json.loads(result.output)]


def test_lone_definition_without_markers_is_a_stray(tmp_path: Path) -> None:
    essay = tmp_path / "essay.md"
    essay.write_text("# Essay\n\nNo markers here.\n\n[^1]: Ada Koss, *Letters* (York, 1987), 7.\n", encoding="utf-8")
    assert _unused(essay) == ["note [^1] is defined but never referenced in the text"]


def test_lone_definition_is_exempt_beside_a_file_with_markers(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\n[^1]: Ada Koss, *Letters* (York, 1987), 7.\n", encoding="utf-8")
    (tmp_path / "chapter.md").write_text("# Chapter\n\nText.[^1]\n", encoding="utf-8")
    assert _unused(notes) == []


def test_lone_definition_is_a_stray_beside_a_post_that_defines_its_own_notes(tmp_path: Path) -> None:
    """A blog folder: another post's markers have their definitions, so they point nowhere near this file."""
    stray = tmp_path / "b.md"
    stray.write_text("# Post B\n\nNo markers here.\n\n[^1]: Ada Koss, *Letters* (York, 1987), 7.\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("# Post A\n\nText.[^1]\n\n[^1]: Ida Moor, *Tables* (Leeds, 1990), 8.\n")
    assert _unused(stray) == ["note [^1] is defined but never referenced in the text"]


def test_directory_with_a_bibliography_file_parses_each_essay_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding the shared bibliography file first means no essay is checked alone and then again."""
    from loccit.linter.engine import check as engine_check

    (tmp_path / "bibliography.md").write_text("# Bibliography\n\n- Smith, Ann. *Tolls*. Leith, 1990.\n")
    for index in range(4):
        (tmp_path / f"ch{index}.md").write_text(f"Claim.[^1]\n\n[^1]: Smith, *Tolls* (Leith, 1990), {index + 1}.\n")
    parsed: list[str] = []
    real = engine_check.parse_document

    def counting(path: str, *args: object, **kwargs: object) -> object:
        parsed.append(path)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine_check, "parse_document", counting)
    result = CliRunner().invoke(main, ["check", "--isolated", "-j", "1", "--output-format", "concise", str(tmp_path)])
    assert result.exit_code == 0, result.output
    essays = [path for path in parsed if "ch" in os.path.basename(path)]
    assert sorted(essays) == sorted(str(tmp_path / f"ch{index}.md") for index in range(4))


def _outside_project(tmp_path: Path, listed: str) -> Path:
    """A project under tmp_path/book whose configuration names a bibliography file, and a file outside it."""
    (tmp_path / "secret.md").write_text("# Bibliography\n\n- Secret, Ann. *Private Papers*. 2001.\n", "utf-8")
    book = tmp_path / "book"
    book.mkdir()
    (book / "link.md").symlink_to(tmp_path / "secret.md")
    listed = listed.replace("{abs}", str(tmp_path / "secret.md"))
    (book / "pyproject.toml").write_text(f"[tool.loccit]\nbibliography = [{json.dumps(listed)}]\n", "utf-8")
    (book / "ch1.md").write_text("A.[^1]\n\n[^1]: Secret, *Private Papers*, 3.\n", "utf-8")
    return book


@pytest.mark.parametrize("listed", ["../secret.md", "{abs}", "link.md"])
@pytest.mark.parametrize("command", ["check", "sources"])
def test_bibliography_outside_the_project_root_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, listed: str, command: str
) -> None:
    book = _outside_project(tmp_path, listed)
    monkeypatch.chdir(book)
    result = CliRunner().invoke(main, [command, "ch1.md"])
    assert (result.exit_code, result.stdout) == (2, "")
    shown = listed.replace("{abs}", str(tmp_path / "secret.md"))
    assert result.stderr == (
        f'loccit: error: pyproject.toml: tool.loccit.bibliography: file "{shown}" '
        f"is outside the project root ({book}); pass --allow-outside-root to use it\n"
    )
    allowed = CliRunner().invoke(main, [command, "--allow-outside-root", "ch1.md"])
    assert allowed.exit_code == 0, allowed.output


def test_bibliography_in_a_subdirectory_of_the_root_is_allowed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs").mkdir()
    (tmp_path / "refs" / "bib.md").write_text("# Bibliography\n\n- Smith, Ann. *Tolls*. 1990.\n", "utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.loccit]\nbibliography = ["refs/../refs/bib.md"]\n', "utf-8")
    (tmp_path / "ch1.md").write_text("A.[^1]\n\n[^1]: Smith, *Tolls*, 3.\n", "utf-8")
    assert CliRunner().invoke(main, ["check", "ch1.md"]).exit_code == 0


def _book(root: Path, chapters: int) -> None:
    """Chapters without bibliographies sharing one configured bibliography file of a few works per chapter."""
    entries, config = [], '[tool.loccit]\nbibliography = ["bibliography.md"]\n'
    (root / "pyproject.toml").write_text(config, encoding="utf-8")
    for index in range(chapters):
        name = f"Author{chr(97 + index % 26)}{index}"
        entries.append(f"- {name}, Ann. *Tolls and Tides {index}*. Leith, {1900 + index}.\n")
        (root / f"ch{index:02d}.md").write_text(f"Claim.[^1]\n\n[^1]: {name}, *Tolls and Tides {index}*, 4.\n")
    (root / "bibliography.md").write_text("# Bibliography\n\n" + "".join(entries), encoding="utf-8")


@pytest.mark.parametrize("chapters", [4, 16])
def test_chapters_sharing_a_bibliography_parse_and_index_it_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chapters: int
) -> None:
    from loccit.linter.matching import resolve

    _book(tmp_path, chapters)
    monkeypatch.chdir(tmp_path)
    built: list[int] = []
    parsed: list[str] = []
    real_index, real_entry = resolve.Index, resolve.parse_entry

    def index(listed: object, opts: object) -> object:
        built.append(len(listed))  # type: ignore[arg-type]
        return real_index(listed, opts)  # type: ignore[arg-type]

    def entry(text: str) -> object:
        parsed.append(text)
        return real_entry(text)

    monkeypatch.setattr(resolve, "Index", index)
    monkeypatch.setattr(resolve, "parse_entry", entry)
    result = CliRunner().invoke(main, ["check", "-j", "1", "--output-format", "concise", "."])
    assert (result.exit_code, result.output) == (0, f"No findings in {chapters + 1} files.\n")
    assert built == [chapters]  # one index of the shared entries, for every chapter and for B002
    assert len(parsed) == chapters  # each entry parsed once, not once per chapter


def test_companion_notes_scan_skips_excluded_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "chapter.md").write_text("# Chapter\n\nText.[^1]\n", encoding="utf-8")
    (tmp_path / "old-notes.md").write_text("[^1]: Ada Koss, *Letters* (York, 1987), 7.\n", encoding="utf-8")
    found = CliRunner().invoke(main, ["check", "--output-format", "concise", "chapter.md"])
    assert found.exit_code == 0, found.output  # the notes file beside it defines [^1]
    (tmp_path / "pyproject.toml").write_text('[tool.loccit]\nexclude = ["old-notes.md"]\n', encoding="utf-8")
    found = CliRunner().invoke(main, ["check", "--output-format", "concise", "chapter.md"])
    assert found.exit_code == 1 and "chapter.md:3:6: N001" in found.output


def test_companion_notes_scan_parses_only_files_that_can_hold_notes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from loccit.linter.engine import check as engine_check

    monkeypatch.chdir(tmp_path)
    (tmp_path / "chapter.md").write_text("# Chapter\n\nText.[^1]\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("[^1]: Ada Koss, *Letters* (York, 1987), 7.\n", encoding="utf-8")
    for index in range(3):
        (tmp_path / f"plain-{index}.md").write_text("# Plain\n\nNo notes at all. " * 200, encoding="utf-8")
    parsed: list[str] = []
    real = engine_check.parse_document

    def counting(path: str, *args: object, **kwargs: object) -> object:
        parsed.append(os.path.basename(path))
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine_check, "parse_document", counting)
    engine_check._neighbours.cache_clear()
    result = CliRunner().invoke(main, ["check", "--isolated", "--output-format", "concise", "chapter.md"])
    assert result.exit_code == 0, result.output
    assert sorted(parsed) == ["chapter.md", "chapter.md", "notes.md"]


def test_projects_naming_one_bibliography_without_a_heading_parse_its_blocks_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sources.md").write_text("---\ntitle: Sources\n---\n\nSmith, Ann. *Tolls*. 1990.\n", "utf-8")
    for part in ("one", "two"):
        (tmp_path / part).mkdir()
        (tmp_path / part / "loccit.toml").write_text('bibliography = ["../sources.md"]\n', "utf-8")
        chapter = "Claim.[^1] Another.[^2]\n\n[^1]: Smith, *Tolls*, 3.\n[^2]: Jones, *Fares*, 3.\n"
        (tmp_path / part / "ch.md").write_text(chapter, "utf-8")
    monkeypatch.chdir(tmp_path)
    parsed: list[str] = []
    real = project.parse_blocks
    monkeypatch.setattr(project, "parse_blocks", lambda text: parsed.append(text) or real(text))
    args = ["check", "-j", "1", "--allow-outside-root", "--select", "B001", "--output-format", "concise", "one", "two"]
    result = CliRunner().invoke(main, args)
    assert result.output.count('"Fares" by Jones, which no bibliography entry lists') == 2, result.output
    assert len(parsed) == 1  # two projects name one file: its blocks are parsed once


def test_a_run_forgets_the_last_runs_bibliography_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a run works out once for a book (its parsed `.bib`, the findings in it) is let go when the next begins:
    a long-lived process keeps one run's files, not every run's."""
    from loccit.rules.citekeys import files

    monkeypatch.chdir(ROOT)
    CliRunner().invoke(main, ["check", "--isolated", "fixtures/pandoc/essay.md"])
    assert files._FOUND
    essay = tmp_path / "essay.md"
    essay.write_text("A claim.[^1]\n\n[^1]: A. Author, *Title* (1990), p. 4.\n", encoding="utf-8")
    CliRunner().invoke(main, ["check", "--isolated", str(essay)])
    assert not files._FOUND
