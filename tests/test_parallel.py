"""`--jobs N`: many files checked in a process pool give the same output, in the same order, for every N."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS, ROOT

from loccit.linter.cli.main import main
from loccit.linter.config.settings import Settings
from loccit.linter.engine import check as engine
from loccit.linter.engine import parallel, run
from loccit.rules import RULES


@pytest.fixture(scope="module")
def essays(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every fixture essay, the real corpus when present, a latin-1 file and a companion notes file."""
    root = tmp_path_factory.mktemp("essays")
    for index, path in enumerate(sorted((ROOT / "fixtures").rglob("*.md"))):
        shutil.copy(path, root / f"{index:02d}-{path.name}")
    if (CORPUS / "real").is_dir():
        for path in sorted((CORPUS / "real").glob("*.md"))[:12]:
            shutil.copy(path, root / path.name)
    (root / "latin1.md").write_bytes("Caf\xe9.[^1]\n".encode("latin-1"))
    (root / "sources").mkdir()  # a bibliography file that the other files of its directory cite
    (root / "sources" / "bibliography.md").write_text("## Bibliography\n\n- Smith, Ann. *Tolls*. Leith, 1990.\n")
    for index in range(parallel.MIN_FILES):
        text = f"Claim.[^1]\n\n[^1]: Smith, *Tolls* (Leith, 1990), pp.{index}.\n\n[^2]: Jones, *Salt*, p. 4.\n"
        (root / "sources" / f"chapter-{index}.md").write_text(text, encoding="utf-8")
    (root / "chapter").mkdir()
    (root / "chapter" / "intro.md").write_text("Text.[^1] More.[^9]\n", encoding="utf-8")
    (root / "chapter" / "intro-notes.md").write_text("[^1]: A note.\n", encoding="utf-8")
    return root


def test_settings_and_rule_errors_cross_processes() -> None:
    settings = Settings(rules=RULES)
    assert pickle.loads(pickle.dumps(settings)) == settings
    error = engine.RuleError("N001", "essay.md", ValueError("bad"))
    assert str(pickle.loads(pickle.dumps(error))) == str(error) == "rule N001 failed on essay.md: ValueError: bad"


def test_cli_output_identical_for_every_jobs(essays: Path) -> None:
    outputs = {
        jobs: CliRunner().invoke(main, ["check", "--format", "json", "--jobs", str(jobs), str(essays)])
        for jobs in (1, 2, 4)
    }
    assert {result.exit_code for result in outputs.values()} == {1}
    assert outputs[1].output == outputs[2].output == outputs[4].output


def _crash(doc: object, opts: object) -> list[object]:
    raise ValueError("boom")


def test_jobs_must_be_positive() -> None:
    result = CliRunner().invoke(main, ["check", "--jobs", "0", "."])
    assert result.exit_code == 2
    assert "Invalid value for '--jobs'" in result.output


@pytest.mark.parametrize("jobs", [2, 3])
def test_projects_checked_in_forked_workers_give_the_same_findings(essays: Path, jobs: int) -> None:
    def findings(jobs: int) -> list[object]:
        request = run.Request((str(essays),), jobs=jobs)
        files, configs = run.prepare(request)
        return list(run.check(request, files, configs))

    assert findings(jobs) == findings(1)


def test_explicit_files_and_directories_alike_for_every_job_count(essays: Path) -> None:
    files = [str(path) for path in sorted(essays.rglob("*.md"))]
    for args in (files, [str(essays / "sources")]):
        outputs = {
            jobs: CliRunner().invoke(main, ["check", "--format", "json", "-j", str(jobs), *args]) for jobs in (1, 2)
        }
        assert outputs[1].output == outputs[2].output and outputs[1].exit_code == 1


def test_map_forked_keeps_order_and_reraises() -> None:
    items = list(range(100))
    assert list(parallel.map_forked(_square, items, 2)) == [i * i for i in items]
    with pytest.raises(engine.RuleError, match="rule N999 failed on 7"):
        list(parallel.map_forked(_fail_on_seven, items, 2))


def _square(value: int) -> int:
    return value * value


def _fail_on_seven(value: int) -> int:
    if value == 7:
        raise engine.RuleError("N999", str(value), ValueError("seven"))
    return value


def test_jobs_are_capped_at_a_few_per_cpu(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for index in range(12):
        (tmp_path / f"e{index:02d}.md").write_text("Word [^1]glued.\n\n[^1]: N.\n", encoding="utf-8")
    monkeypatch.setattr(parallel, "default_jobs", lambda: 2)
    used: list[int] = []
    real = parallel.map_forked

    def recording(function: object, items: object, jobs: int) -> object:
        used.append(jobs)
        return real(function, items, jobs)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "map_forked", recording)
    result = CliRunner().invoke(main, ["check", "--isolated", "--jobs", "5000", "--format", "concise", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == "loccit: warning: --jobs 5000 is more than 8 (4 per CPU); using 8\n"
    assert used and max(used) <= 8
    assert "in 12 files" in result.stdout


FAILING_FORK = """
import errno, multiprocessing, os, sys
real, started = os.fork, []
def fork():
    if len(started) >= 2:
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")
    pid = real()
    started.append(pid)
    return pid
os.fork = fork
def running(pid):
    try:
        return os.waitpid(pid, os.WNOHANG) == (0, 0)  # still running; a finished one is reaped here
    except ChildProcessError:
        return False  # already stopped and reaped
from loccit.linter.cli.main import main
try:
    main(["check", "--isolated", "-j", "6", *sys.argv[1:]])
except SystemExit as stop:
    alive = len(multiprocessing.active_children()) + sum(map(running, started))
    print(f"exit {stop.code}, {len(started)} workers started, {alive} alive", file=sys.stderr)
"""


@pytest.mark.skipif(not parallel.can_fork(), reason="workers are forked on Linux only")
@pytest.mark.parametrize("fix", [False, True])
def test_workers_that_cannot_start_give_one_line_and_none_is_left(tmp_path: Path, fix: bool) -> None:
    import subprocess
    import sys

    for index in range(24):
        (tmp_path / f"e{index:02d}.md").write_text("Word [^1]glued.\n\n[^1]: N.\n", encoding="utf-8")
    args = [sys.executable, "-c", FAILING_FORK, *(["--fix"] if fix else []), str(tmp_path)]
    done = subprocess.run(args, capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.stderr == (
        "loccit: error: cannot start 6 worker processes: Resource temporarily unavailable; try a smaller --jobs\n"
        "exit 2, 2 workers started, 0 alive\n"
    )
    assert all("[^1]glued" in path.read_text(encoding="utf-8") for path in tmp_path.glob("*.md"))
