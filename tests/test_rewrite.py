"""Writing a fixed file: only over the bytes checked, through links, keeping the file's identity, run against run."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from loccit.linter.cli.main import main
from loccit.linter.engine import rewrite
from loccit.linter.engine.files import digest

ESSAY = "Word[^1]next and more [^2].\n\n[^1]: Smith, *Book* (London,1990), p. 3.\n[^2]: Jones, *Other*, p.4.\n"
FIXED = "Word[^1] next and more[^2].\n\n[^1]: Smith, *Book* (London, 1990), p. 3.\n[^2]: Jones, *Other*, p. 4.\n"


def fix(*paths: Path | str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--isolated", "--fix", *map(str, paths)])
    return result.exit_code, result.stderr


def test_a_link_stays_a_link_and_its_target_is_fixed(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    target = tmp_path / "drafts" / "essay.md"
    target.write_text(ESSAY, encoding="utf-8")
    link = tmp_path / "essay.md"
    link.symlink_to(os.path.join("drafts", "essay.md"))
    code, _ = fix(link)
    assert link.is_symlink() and os.readlink(link) == os.path.join("drafts", "essay.md")
    assert target.read_text(encoding="utf-8") == FIXED
    assert code == 0
    assert sorted(os.listdir(tmp_path)) == ["drafts", "essay.md"]
    assert os.listdir(tmp_path / "drafts") == ["essay.md"]


def test_hard_links_stay_one_file(tmp_path: Path) -> None:
    first, second = tmp_path / "essay.md", tmp_path / "copy.txt"
    first.write_text(ESSAY, encoding="utf-8")
    os.link(first, second)
    fix(first)
    assert first.read_text(encoding="utf-8") == FIXED
    assert os.path.samefile(first, second) and first.stat().st_nlink == 2


def test_a_read_only_file_is_left_alone_and_named(tmp_path: Path) -> None:
    path, other = tmp_path / "essay.md", tmp_path / "other.md"
    path.write_text(ESSAY, encoding="utf-8")
    other.write_text(ESSAY, encoding="utf-8")
    path.chmod(0o444)
    code, stderr = fix(tmp_path)
    assert path.read_text(encoding="utf-8") == ESSAY
    assert other.read_text(encoding="utf-8") == FIXED
    assert stderr.splitlines() == [f"loccit: {path}: not fixed: it is read-only", "Fixed 4 findings."]
    assert code == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_the_owner_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "essay.md"
    path.write_text(ESSAY, encoding="utf-8")
    os.chown(path, 4321, 4322)
    fix(path)
    assert path.read_text(encoding="utf-8") == FIXED
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 4322)


def test_extended_attributes_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "essay.md"
    path.write_text(ESSAY, encoding="utf-8")
    try:
        os.setxattr(path, "user.loccit.test", b"kept")  # type: ignore[attr-defined,unused-ignore]
    except (AttributeError, OSError):
        pytest.skip("no extended attributes on this platform or file system")
    fix(path)
    assert path.read_text(encoding="utf-8") == FIXED
    assert os.getxattr(path, "user.loccit.test") == b"kept"  # type: ignore[attr-defined,unused-ignore]


@pytest.mark.parametrize("linked", [False, True])
def test_a_write_lands_only_over_the_bytes_checked(tmp_path: Path, linked: bool) -> None:
    path = tmp_path / "essay.md"
    path.write_bytes(b"edited by the writer")
    if linked:  # written in place rather than renamed over
        os.link(path, tmp_path / "other.md")
    with pytest.raises(rewrite.NotWritten, match="^it changed after it was checked$"):
        rewrite.replace(str(path), digest(b"as checked"), b"fixed")
    assert path.read_bytes() == b"edited by the writer"
    assert sorted(os.listdir(tmp_path)) == sorted(["essay.md"] + (["other.md"] if linked else []))
    rewrite.replace(str(path), digest(b"edited by the writer"), b"fixed")
    assert path.read_bytes() == b"fixed"


def _essays(directory: Path, count: int) -> None:
    directory.mkdir()
    for n in range(count):
        # Several fixes, some of which need a second pass (a marker moved, then spaced).
        text = (
            f"Claim {n}[^1]next, and more [^2]. Then.[^3]\r\n\r\n"
            f"[^1]: Smith, *Book {n}* (London,1990), p.{n + 1}.\r\n[^2]: Jones, *Other* (Paris, 2001), pp.4-9.\r\n"
            f"[^3]: Brown, *Third* (Oxford,2002), p. 5.\r\n"
        )
        (directory / f"essay{n:02}.md").write_text(text, encoding="utf-8", newline="")


def test_two_runs_at_once_corrupt_no_file(tmp_path: Path) -> None:
    expected = tmp_path / "expected"
    _essays(expected, 20)
    CliRunner().invoke(main, ["check", "--isolated", "--fix", str(expected)])
    command = [sys.executable, "-m", "loccit", "check", "--isolated", "--fix", "--jobs", "1"]
    corrupted = []
    for round_ in range(4):
        essays = tmp_path / f"round{round_}"
        _essays(essays, 20)
        for n in range(0, 20, 5):  # some files have a second name, so they are written in place
            os.link(essays / f"essay{n:02}.md", tmp_path / f"round{round_}-{n:02}.txt")
        runs = [
            subprocess.Popen(
                [*command, str(essays)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env={"PYTHONPATH": str(ROOT)},
            )
            for _ in range(2)
        ]
        for process in runs:
            process.wait(timeout=60)
        for name in sorted(os.listdir(expected)):
            if (essays / name).read_bytes() != (expected / name).read_bytes():
                corrupted.append(f"{essays.name}/{name}")
        for n in range(0, 20, 5):
            if (tmp_path / f"round{round_}-{n:02}.txt").read_bytes() != (expected / f"essay{n:02}.md").read_bytes():
                corrupted.append(f"round{round_}-{n:02}.txt")
        assert sorted(os.listdir(essays)) == sorted(os.listdir(expected))  # no temporary file left behind
        shutil.rmtree(essays)
    assert corrupted == []
