"""Benchmark loccit against markdownlint-cli2, remark-cli and rumdl on the same generated essays, in one run.

python3 bench/run.py            # installs the peers into a temporary folder, prints the table
python3 bench/run.py --quick    # fewer repetitions, for a first look
python3 bench/run.py --shared-only   # only chapters sharing one bibliography file (no peers installed)
python3 bench/run.py --author-date-only   # only APA essays beside footnoted ones, loccit alone (no peers)
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import book  # noqa: E402
import generate  # noqa: E402
import tools  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SEED_SIZE = 17_500  # bytes: the seed essay's size
TIMEOUT = 120  # seconds; a tool slower than this on a workload is stopped


@dataclass(frozen=True)
class Workload:
    """Files to check together: a name, the arguments that name them, their count and total size."""

    name: str
    args: tuple[str, ...]
    files: int
    size: int
    runs: int


@dataclass(frozen=True)
class Timing:
    """The median wall time of a tool's runs on a workload, and the peak memory of any one of its processes."""

    seconds: float
    peak_kib: int
    ok: bool


def measure(command: list[str], cwd: Path, timeout: float = TIMEOUT) -> tuple[float, int, int]:
    """Run a command to the end: wall seconds, peak resident KiB of its largest process, exit code.

    A command still running after `timeout` seconds is stopped and reported as taking forever (exit -9).
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            seconds = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            return seconds, usage.ru_maxrss, process.returncode
        if time.perf_counter() - start > timeout:
            process.kill()
            _, _, usage = os.wait4(process.pid, 0)
            process.returncode = -9
            return math.inf, usage.ru_maxrss, -9
        time.sleep(0.002)


def _generate(
    folder: Path, count: int, sizes: tuple[int, int], seed: int, book: bool = False, author_date: bool = False
) -> list[Path]:
    # In a child process: a big essay built here would stay in this process's memory, and every tool
    # started from it would report that memory as its own peak.
    shutil.rmtree(folder, ignore_errors=True)
    generator = str(Path(generate.__file__))
    args = [f"--count={count}", f"--min-size={sizes[0]}", f"--max-size={sizes[1]}", f"--seed={seed}"]
    args += ["--book"] if book else []
    args += ["--author-date"] if author_date else []
    out = subprocess.run([sys.executable, generator, str(folder), *args], check=True, capture_output=True, text=True)
    return [Path(line) for line in out.stdout.splitlines()]


def corpora(out: Path, quick: bool) -> list[Workload]:
    """Generate (deterministically) one seed-sized essay, 500 of them, and one of 10 MB."""
    many = _generate(out / "essays-500", 500, (SEED_SIZE // 2, SEED_SIZE * 3 // 2), seed=1)
    (one,) = _generate(out / "essay-one", 1, (SEED_SIZE, SEED_SIZE), seed=7)
    (big,) = _generate(out / "essay-10mb", 1, (10_000_000, 10_000_000), seed=11)
    many_size = sum(p.stat().st_size for p in many)
    return [
        Workload(
            f"1 essay ({one.stat().st_size / 1e3:.0f} KB)", (str(one),), 1, one.stat().st_size, 7 if quick else 21
        ),
        Workload(
            f"500 essays ({many_size / 1e6:.1f} MB)", (str(out / "essays-500"),), 500, many_size, 1 if quick else 3
        ),
        Workload(f"1 essay of {big.stat().st_size / 1e6:.0f} MB", (str(big),), 1, big.stat().st_size, 1),
    ]


def _arguments(tool: tools.Tool, workload: Workload) -> list[str]:
    if tool.name == "markdownlint-cli2" and workload.files > 1:
        return [f"{arg}/*.md" for arg in workload.args]  # it takes globs, not directories
    return list(workload.args)


def sanity(suite: list[tools.Tool], workload: Workload, cwd: Path) -> None:
    """Each tool really checks the essay (remark, for one, exits 0 when it cannot load a plugin)."""
    for tool in suite:
        run = subprocess.run([*tool.command, *_arguments(tool, workload)], cwd=cwd, capture_output=True, text=True)
        output = run.stdout + run.stderr
        if run.returncode not in (0, 1) or not output.strip() or "Cannot process file" in output:
            sys.exit(f"{tool.name} did not check {workload.args[0]} (exit {run.returncode}):\n{output[-2000:]}")


def run_all(suite: list[tools.Tool], workloads: list[Workload], cwd: Path) -> dict[tuple[str, str], Timing]:
    """Time every tool on every workload, round-robin so that a busy moment hits all tools alike."""
    sanity(suite, workloads[0], cwd)  # also warms the file cache
    results: dict[tuple[str, str], Timing] = {}
    for workload in workloads:
        samples: dict[str, list[tuple[float, int, int]]] = {tool.name: [] for tool in suite}
        for _ in range(workload.runs):
            for tool in suite:
                samples[tool.name].append(measure([*tool.command, *_arguments(tool, workload)], cwd))
        for name, runs in samples.items():
            ok = all(code in (0, 1, -9) for _, _, code in runs)
            results[workload.name, name] = Timing(
                statistics.median(s for s, _, _ in runs), max(m for _, m, _ in runs), ok
            )
            print(f"  {workload.name:<24} {name:<18} {results[workload.name, name].seconds:8.3f} s", file=sys.stderr)
    return results


def table(suite: list[tools.Tool], workloads: list[Workload], results: dict[tuple[str, str], Timing]) -> str:
    """The results as a Markdown table; the last column is how many times faster loccit was."""
    lines = [
        "| Workload | Tool | Wall time | Files/s | MB/s | Peak memory | loccit faster by |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for workload in workloads:
        base = results[workload.name, "loccit"].seconds
        for tool in suite:
            timing = results[workload.name, tool.name]
            if math.isinf(timing.seconds):
                lines.append(f"| {workload.name} | {tool.name} {tool.version} | stopped after {TIMEOUT} s | | | | |")
                continue
            wall = f"{timing.seconds:.3f} s" + ("" if timing.ok else " (failed)")
            ratio = "" if tool.name == "loccit" or math.isinf(base) else f"{timing.seconds / base:.2f}×"
            lines.append(
                f"| {workload.name} | {tool.name} {tool.version} | {wall} | {workload.files / timing.seconds:,.0f} | "
                f"{workload.size / 1e6 / timing.seconds:.2f} | {timing.peak_kib / 1024:.0f} MB | {ratio} |"
            )
    return "\n".join(lines)


PER_ESSAY = """
import sys, time, gc, mistune
from pathlib import Path
from loccit.linter.engine.check import lint_text
from loccit.linter.config.settings import Settings
from loccit.rules import RULES
files = [p.read_bytes() for p in sorted(Path(sys.argv[1]).glob("*.md"))]
warm = Path(sys.argv[2]).read_bytes()
settings = Settings(rules=RULES)
md = mistune.create_markdown(renderer=None, plugins=["footnotes"])
def cpu(work):
    gc.collect()
    start = time.process_time()
    work()
    return time.process_time() - start
# One pass each, after a warm-up on another essay: a second pass would find every note in loccit's caches.
cpu(lambda: (lint_text("essay.md", warm, settings), md(warm.decode())))
ours = cpu(lambda: [lint_text("essay.md", data, settings) for data in files])
theirs = cpu(lambda: [md(data.decode()) for data in files])
print(ours / len(files), theirs / len(files))
"""


def per_essay(suite: list[tools.Tool], folder: Path, warm: str, cwd: Path) -> tuple[float, float]:
    """In one process: loccit's CPU time per essay after start-up, and mistune's for parsing the same essay."""
    python = Path(suite[0].command[0]).parent / "python"
    command = [str(python), "-c", PER_ESSAY, str(folder), warm]
    out = subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    ours, theirs = map(float, out.stdout.split())
    return ours, theirs


def verdicts(workloads: list[Workload], results: dict[tuple[str, str], Timing], essay: tuple[float, float]) -> str:
    """The issue's targets, each a ratio taken in this run."""

    def ratio(workload: Workload, peer: str) -> float:
        return results[workload.name, peer].seconds / results[workload.name, "loccit"].seconds

    one, many, big = workloads
    mb_per_s = big.size / 1e6 / results[big.name, "loccit"].seconds
    single, batch = ratio(one, "markdownlint-cli2"), ratio(many, "markdownlint-cli2")
    work = essay[0] / essay[1]
    checks = [
        (f"1 essay: {single:.1f}× faster than markdownlint-cli2", single >= 5, "≥ 5×"),
        (f"500 essays: {batch:.1f}× faster than markdownlint-cli2", batch >= 6, "≥ 6×"),
        (
            f"per essay after start-up: {essay[0] * 1e3:.2f} ms of CPU, {work:.2f}× mistune's parse "
            f"({essay[1] * 1e3:.2f} ms)",
            work <= 4,
            "≤ 4×",
        ),
        (
            f"10 MB essay: {mb_per_s:.1f} MB/s" if mb_per_s else f"10 MB essay: stopped after {TIMEOUT} s",
            mb_per_s >= 5,
            "≥ 5 MB/s",
        ),
    ]
    lines = [f"- {text} (target {target}): {'met' if met else 'NOT met'}" for text, met, target in checks]
    for workload in workloads:
        native = results[workload.name, "loccit"].seconds / results[workload.name, "rumdl"].seconds
        lines.append(f"- {workload.name}: rumdl (native) is {native:.1f}× faster than loccit")
    return "\n".join(lines)


def memory_growth(suite: list[tools.Tool], out: Path, cwd: Path) -> str:
    """loccit's peak memory on 100 and on 500 essays: it should not grow with the number of files."""
    few = out / "essays-100"
    _generate(few, 100, (SEED_SIZE // 2, SEED_SIZE * 3 // 2), seed=1)
    peaks = [measure([*suite[0].command, str(folder)], cwd)[1] / 1024 for folder in (few, out / "essays-500")]
    return f"- loccit peak memory (largest process): {peaks[0]:.0f} MB on 100 essays, {peaks[1]:.0f} MB on 500"


def _loccit_seconds(suite: list[tools.Tool], args: list[str], cwd: Path, runs: int) -> float:
    """loccit's median wall time over runs (after one run that warms the file and bibliography caches)."""
    measure([*suite[0].command, *args], cwd)
    return statistics.median(measure([*suite[0].command, *args], cwd)[0] for _ in range(runs))


def books(suite: list[tools.Tool], out: Path, one_essay: Workload, quick: bool) -> str:
    """A Quarto book of 50 chapters citing a 5,000-entry `.bib` (and one of 25 and 2,500): checking it is linear,
    and a one-chapter re-check, what pre-commit does, stays under twice the one-essay time."""
    runs = 3 if quick else 7
    big, half = out / "book-50", out / "book-25"
    for folder, chapters in ((big, 50), (half, 25)):
        shutil.rmtree(folder, ignore_errors=True)
        book.generate(folder, chapters, chapters * 100)
    essay = _loccit_seconds(suite, list(one_essay.args), out, runs)
    chapter = _loccit_seconds(suite, ["ch01.qmd"], big, runs)
    whole = _loccit_seconds(suite, ["."], big, runs)
    part = _loccit_seconds(suite, ["."], half, runs)
    size = sum(p.stat().st_size for p in big.iterdir()) / 1e6
    return "\n".join(
        [
            f"- book of 50 chapters and a 5,000-entry .bib ({size:.1f} MB): {whole:.3f} s; "
            f"25 chapters and 2,500 entries: {part:.3f} s ({whole / part:.2f}× for twice the book; linear is 2×)",
            f"- one chapter re-checked (pre-commit): {chapter:.3f} s, {chapter / essay:.2f}× the one-essay time "
            f"({essay:.3f} s) (target < 2×): {'met' if chapter < 2 * essay else 'NOT met'}",
        ]
    )


def author_date(command: list[str], out: Path, cwd: Path, runs: int) -> str:
    """loccit on APA essays citing in the text (a reference list, no notes) beside the footnoted essays of the same
    sizes: one seed-sized essay and 500 essays."""
    sizes = (SEED_SIZE // 2, SEED_SIZE * 3 // 2)
    pairs = []
    for kind, flag in (("footnoted", False), ("author-date", True)):
        (one,) = _generate(out / f"{kind}-one", 1, (SEED_SIZE, SEED_SIZE), seed=7, author_date=flag)
        many = out / f"{kind}-500"
        _generate(many, 500, sizes, seed=1, author_date=flag)
        measure([*command, str(many)], cwd)  # warms the file cache
        times = [
            statistics.median(measure([*command, str(path)], cwd)[0] for _ in range(count))
            for path, count in ((one, runs * 7), (many, runs))
        ]
        size = sum(p.stat().st_size for p in many.iterdir()) / 1e6
        pairs.append((kind, times, size))
        print(f"  {kind}: 1 essay {times[0]:.3f} s, 500 essays ({size:.1f} MB) {times[1]:.3f} s", file=sys.stderr)
    (_, plain, _), (_, apa, apa_size) = pairs
    return (
        f"- author-date (APA) essays: 1 essay in {apa[0]:.3f} s ({apa[0] / plain[0]:.2f}× the footnoted essay's "
        f"{plain[0]:.3f} s); 500 essays ({apa_size:.1f} MB) in {apa[1]:.3f} s ({apa[1] / plain[1]:.2f}× the "
        f"footnoted 500's {plain[1]:.3f} s)"
    )


BOOK_CHAPTERS = (250, 500, 1000)
CHAPTER_SIZES = (2_000, 6_000)  # bytes: short chapters, so that the shared bibliography weighs in


def shared_bibliography(command: list[str], out: Path, cwd: Path, runs: int) -> str:
    """loccit on chapters sharing one bibliography file (a thesis): the time should grow with the number of
    chapters, not with its square as when each chapter indexed the whole bibliography again."""
    times = []
    for chapters in BOOK_CHAPTERS:
        folder = out / f"book-{chapters}"
        paths = _generate(folder, chapters, CHAPTER_SIZES, seed=3, book=True)
        times.append(statistics.median(measure([*command, str(folder)], cwd)[0] for _ in range(runs)))
        print(f"  shared bibliography, {chapters} chapters: {times[-1]:.3f} s", file=sys.stderr)
    entries = paths[-1].read_text(encoding="utf-8").count("\n- ")
    growth, linear = times[-1] / times[0], BOOK_CHAPTERS[-1] / BOOK_CHAPTERS[0]
    shown = " / ".join(f"{t:.2f}" for t in times)
    counts = " / ".join(f"{n:,}" for n in BOOK_CHAPTERS)
    return (
        f"- shared bibliography ({entries:,} entries at {BOOK_CHAPTERS[-1]:,} chapters): {counts} chapters "
        f"in {shown} s; "
        f"{growth:.1f}× the time for {linear:.0f}× the chapters (target ≤ {linear * 1.25:.0f}×, linear): "
        f"{'met' if growth <= linear * 1.25 else 'NOT met'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--tools",
        type=Path,
        default=Path(tempfile.gettempdir()) / "loccit-bench-tools",
        help="where the peers are installed (reused between runs)",
    )
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out", help="generated essays and results")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument(
        "--shared-only", action="store_true", help="only the shared-bibliography workload, with this checkout's loccit"
    )
    parser.add_argument(
        "--author-date-only", action="store_true", help="only the author-date workload, with this checkout's loccit"
    )
    args = parser.parse_args()
    if args.author_date_only:
        command = [sys.executable, "-m", "loccit", "check"]
        print(author_date(command, args.out.resolve(), REPO, 1 if args.quick else 3))
        return
    if args.shared_only:
        command = [sys.executable, "-m", "loccit", "check"]
        print(shared_bibliography(command, args.out.resolve(), REPO, 1 if args.quick else 3))
        return
    suite = tools.install(args.tools.resolve(), REPO)
    out = args.out.resolve()
    workloads = corpora(out, args.quick)
    cwd = args.tools.resolve() / "node"  # remark-cli loads its plugins from the working directory
    print(f"timing {', '.join(t.name for t in suite)} ...", file=sys.stderr)
    load_before = tools.load()
    results = run_all(suite, workloads, cwd)
    essay = per_essay(suite, out / "essays-500", workloads[0].args[0], cwd)
    floor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report = "\n\n".join(
        [
            f"Machine: {tools.machine()}; loccit with its default --jobs ({os.cpu_count()}). Wall times are medians; "
            f"peak memory is that of a tool's largest process, and starts from this script's {floor:.0f} MB. "
            f"Load average (1, 5, 15 min) {load_before} before, {tools.load()} after.",
            table(suite, workloads, results),
            verdicts(workloads, results, essay)
            + "\n"
            + memory_growth(suite, out, cwd)
            + "\n"
            + shared_bibliography(list(suite[0].command), out, cwd, 1 if args.quick else 3)
            + "\n"
            + author_date(list(suite[0].command), out, cwd, 1 if args.quick else 3)
            + "\n"
            + books(suite, out, workloads[0], args.quick),
        ]
    )
    (out / "results.md").write_text(report + "\n", encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
