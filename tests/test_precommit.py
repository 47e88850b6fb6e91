"""The pre-commit hook as an essay repository uses it: `pre-commit try-repo` against this project."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("pre-commit") is None, reason="needs git and pre-commit"
)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def _try_repo(tmp_path: Path, home: Path, essay: str) -> subprocess.CompletedProcess[str]:
    repo = tmp_path / "essays"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "essay.md").write_text(essay, encoding="utf-8")
    (repo / "notes.txt").write_text("Not Markdown.[^1]\n", encoding="utf-8")
    _git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "GIT_AUTHOR_NAME": "t", "GIT_COMMITTER_NAME": "t"}
    return subprocess.run(
        ["pre-commit", "try-repo", str(ROOT), "loccit", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_hook_fails_on_broken_essay(tmp_path: Path, hook_home: Path) -> None:
    result = _try_repo(tmp_path, hook_home, "A claim.[^1]\n")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "essay.md:1:9: N001 note [^1] has no definition" in result.stdout
    assert "notes.txt" not in result.stdout


def test_hook_passes_on_clean_essay(tmp_path: Path, hook_home: Path) -> None:
    result = _try_repo(tmp_path, hook_home, "A claim.[^1]\n\n[^1]: Anne Applebaum, *Gulag* (London, 2004), 3.\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_project_hook_checks_every_chapter_once(tmp_path: Path, hook_home: Path) -> None:
    repo = tmp_path / "thesis"
    (repo / "chapters").mkdir(parents=True)
    _git(repo, "init", "-q")
    (repo / "pyproject.toml").write_text('[tool.loccit]\nbibliography = ["bibliography.md"]\n', encoding="utf-8")
    (repo / "chapters" / "ch1.md").write_text("One.[^1]\n\n[^1]: Applebaum, *Gulag*, 3.\n", encoding="utf-8")
    (repo / "chapters" / "ch2.md").write_text("Two.[^1]\n", encoding="utf-8")
    (repo / "bibliography.md").write_text("Applebaum, Anne. *Gulag*. 2004.\n", encoding="utf-8")
    _git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(hook_home)}
    result = subprocess.run(
        ["pre-commit", "try-repo", str(ROOT), "loccit-project", "--files", "chapters/ch1.md"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "chapters/ch2.md:1:5: N001 note [^1] has no definition" in result.stdout


def test_hook_checks_a_bibliography_file_committed_alone(tmp_path: Path, hook_home: Path) -> None:
    """A commit that changes only the .bib runs the hook on it; its findings are at the file's own lines."""
    repo = tmp_path / "paper"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "paper.qmd").write_text("---\nbibliography: refs.bib\n---\n\nA claim [@ostrom1990].\n", encoding="utf-8")
    (repo / "refs.bib").write_text(
        "@book{ostrom1990,\n  author = {Ostrom, Elinor}\n  title = {Governing the Commons},\n  year = {1990},\n}\n",
        encoding="utf-8",
    )
    (repo / "analysis.Rmd").write_text("Text [@nobody].\n", encoding="utf-8")
    _git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(hook_home), "GIT_AUTHOR_NAME": "t", "GIT_COMMITTER_NAME": "t"}
    result = subprocess.run(
        ["pre-commit", "try-repo", str(ROOT), "loccit", "--files", "refs.bib", "analysis.Rmd"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert 'refs.bib:2:3: B012 field "author" of entry "ostrom1990" runs on into "title = …"' in result.stdout
    assert "paper.qmd" not in result.stdout
