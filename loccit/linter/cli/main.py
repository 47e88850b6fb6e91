"""The `loccit` command line: parse options, run the engine, hand findings to a reporter, exit."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Sequence
from typing import TextIO, cast

import click

from loccit import __version__
from loccit.linter.config.discovery import ConfigError, Overrides
from loccit.linter.config.keys import PAGE_STYLES, suggest
from loccit.linter.diagnostics import Diagnostic
from loccit.linter.engine import check as engine
from loccit.linter.engine import parallel, run
from loccit.linter.engine.files import STDIN, InputError
from loccit.linter.output import formats as reporters
from loccit.linter.output import terminal, text
from loccit.linter.output.context import Context
from loccit.linter.output.escapes import VisibleLines, visible
from loccit.linter.output.source_lines import Sources
from loccit.rules.errors.inputs import UNREADABLE_FILE

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(values: Sequence[str]) -> tuple[str, ...]:
    """Split repeated and comma-separated code options into one list."""
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


def _summary(diagnostics: Sequence[Diagnostic], files: int) -> str:
    if not diagnostics:
        return f"No findings in {files} file{'s' if files != 1 else ''}."
    by_severity = Counter(d.severity.value for d in diagnostics)
    parts = ", ".join(f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in sorted(by_severity.items()))
    paths = len({d.path for d in diagnostics})
    found = len(diagnostics)
    return f"Found {found} finding{'s' if found != 1 else ''} ({parts}) in {paths} file{'s' if paths != 1 else ''}."


def _jobs(asked: int | None) -> int:
    """The number of processes to use: as asked, but never more than a few per CPU (said on standard error)."""
    if asked is None:
        return parallel.default_jobs()
    most = parallel.max_jobs()
    if asked > most:
        click.echo(
            f"loccit: warning: --jobs {asked} is more than {most} ({parallel.JOBS_PER_CPU} per CPU); using {most}",
            err=True,
        )
        return most
    return asked


def _fail(message: str) -> None:
    click.echo(f"loccit: error: {visible(message)}", err=True)  # a path or a value may hold ESC
    sys.exit(EXIT_ERROR)


ALLOW_OUTSIDE_ROOT = click.option(
    "--allow-outside-root",
    is_flag=True,
    help="Let a configuration's bibliography name files outside its directory (/…, ../…, links out).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="loccit")
def main() -> None:
    """loccit: a citation linter for essays written in Markdown."""


def _report(diagnostics: list[Diagnostic], files: int, fmt: str | None, out: TextIO, opts: dict[str, object]) -> None:
    stdin_text = opts["stdin"]
    texts = {STDIN: stdin_text.decode("utf-8", "replace")} if isinstance(stdin_text, bytes) else {}
    sources = Sources(texts, unread={d.path for d in diagnostics if d.code == UNREADABLE_FILE.code})
    if opts["statistics"]:
        text.statistics(diagnostics, out, as_json=fmt in ("json", "json-lines"))
    else:
        name = fmt or ("full" if terminal.wants_terminal(out) else "concise")
        reporters.render(name, diagnostics, out, Context(terminal.wants_colour(out), sources))
    if (fmt or "concise") in reporters.TEXT_FORMATS:
        out.write(_summary(diagnostics, files) + "\n")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False))  # an unreadable file is an E001 finding
@click.option(
    "--output-format",
    "--format",
    "output_format",
    type=click.Choice(list(reporters.REPORTERS)),
    default=None,
    help="How to print findings [default: full on a terminal, else concise].",
)
@click.option("--output-file", "-o", type=click.Path(dir_okay=False, writable=True), help="Write findings to a file.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Use this configuration file only.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--select", multiple=True, metavar="CODES", help="Only these rule codes or prefixes (e.g. N,B002).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rule codes or prefixes.")
@click.option("--extend-select", multiple=True, metavar="CODES", help="Add rules to the default set.")
@click.option(
    "--notes",
    type=click.Choice(["auto", "footnote", "numeric"]),
    default=None,
    help="Note style: [^1] footnotes, or [1] markers with a Notes section [default: auto].",
)
@click.option(
    "--page-style",
    type=click.Choice(PAGE_STYLES),
    default=None,
    help="Page-locator style for the P rules [default: consistent, the essay's own habit].",
)
@click.option("--statistics", is_flag=True, help="Count findings per rule instead of listing them.")
@click.option("--show-settings", is_flag=True, help="Print the settings that apply to the first file, and exit.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files, then report what is left.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix, also apply fixes that may change meaning.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Check files in this many processes [default: the number of CPUs]; output is the same for every N.",
)
@ALLOW_OUTSIDE_ROOT
def check(
    paths: tuple[str, ...],
    output_format: str | None,
    output_file: str | None,
    config_file: str | None,
    isolated: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    notes: str | None,
    page_style: str | None,
    statistics: bool,
    show_settings: bool,
    exit_zero: bool,
    fix: bool,
    unsafe_fixes: bool,
    jobs: int | None,
    allow_outside_root: bool,
) -> None:
    """Check essays (files, directories, or - for standard input) for citation problems."""
    overrides = Overrides(_codes(select), _codes(ignore), _codes(extend_select), notes, page_style, allow_outside_root)
    if fix and STDIN in paths:
        _fail("--fix rewrites files; it cannot fix standard input")
    stdin = sys.stdin.buffer.read() if STDIN in paths else None
    request = run.Request(paths or (".",), overrides, config_file, isolated, stdin, _jobs(jobs))
    try:
        files, configs = run.prepare(request)
        if show_settings:
            shown = files[0] if files else next((p for p in request.paths if os.path.isfile(p)), STDIN)
            run.show_settings(shown, configs, cast(TextIO, VisibleLines(sys.stdout)))
            sys.exit(EXIT_CLEAN)
        progress = terminal.Progress(sys.stderr, len(files), files[0] if len(files) == 1 else None)
        count = iter(range(1, len(files) + 1))
        advance = lambda: progress(next(count, len(files)))  # noqa: E731
        if fix:  # each file stands alone: one that cannot be fixed is named with the reason, the others fixed
            outcome = run.check_and_fix(request, files, configs, unsafe_fixes, advance)
            progress.close()
            diagnostics = outcome.diagnostics
            for problem in outcome.problems:
                click.echo(f"loccit: {visible(problem)}", err=True)
            click.echo(f"Fixed {outcome.fixed} finding{'s' if outcome.fixed != 1 else ''}.", err=True)
        else:
            diagnostics = run.check(request, files, configs, advance)
            progress.close()
    except (InputError, ConfigError) as error:
        _fail(str(error))
    except parallel.WorkersFailed as error:
        _fail(str(error))
    except engine.RuleError as error:
        _fail(f"internal error: {error} (please report this)")
    opts: dict[str, object] = {"stdin": stdin, "statistics": statistics}
    _write(diagnostics, len(files), output_format, output_file, opts)
    sys.exit(EXIT_FINDINGS if diagnostics and not exit_zero else EXIT_CLEAN)


def _write(
    diagnostics: list[Diagnostic],
    files: int,
    output_format: str | None,
    output_file: str | None,
    opts: dict[str, object],
) -> None:
    """Write the findings to the output file or standard output; a write that fails is one line and exit 2."""
    if output_file:
        try:
            with open(output_file, "w", encoding="utf-8") as handle:
                _report(diagnostics, files, output_format or "concise", handle, opts)
        except OSError as error:
            _fail(f"{output_file}: cannot write: {error.strerror or error}")
    elif sys.stdout is None:
        _fail("standard output is closed; write the findings with --output-file")
    else:
        try:
            _report(diagnostics, files, output_format, sys.stdout, opts)
            sys.stdout.flush()
        except BrokenPipeError:
            raise  # output piped into `head`: click ends the run quietly
        except OSError as error:
            _fail(f"cannot write the findings to standard output: {error.strerror or error}")


@main.command()
@click.argument("code", required=False)
@click.option("--all", "show_all", is_flag=True, help="Print every rule's documentation.")
def rule(code: str | None, show_all: bool) -> None:
    """Print a rule's documentation: what it does, why, an example, the fix, options and references."""
    from loccit.linter.output import ruledocs  # only this command reads the rule pages
    from loccit.rules import RULES

    if show_all == bool(code):
        _fail("give one rule code, or --all")
    codes = [r.code for r in RULES] if show_all else [str(code).upper()]
    for index, wanted in enumerate(codes):
        page = ruledocs.page(wanted) if wanted in {r.code for r in RULES} else None
        if page is None:
            _fail(f'unknown rule code "{wanted}"{suggest(wanted, [r.code for r in RULES])}')
        click.echo(("\n" if index else "") + str(page).rstrip("\n"))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Print for a person, or as a JSON array (one object per essay).",
)
@click.option(
    "--notes",
    type=click.Choice(["auto", "footnote", "numeric"]),
    default="auto",
    show_default=True,
    help="Note style: [^1] footnotes, or [1] markers with a Notes section.",
)
@ALLOW_OUTSIDE_ROOT
def sources(paths: tuple[str, ...], output_format: str, notes: str, allow_outside_root: bool) -> None:
    """Show which notes cite each bibliography entry, and which cited works match no entry."""
    from loccit.linter.output import sources_report as report

    try:
        overrides = Overrides(notes=None if notes == "auto" else notes, allow_outside_root=allow_outside_root)
        files, configs = run.prepare(run.Request(paths, overrides))
        loaded = {doc.path: doc for doc in report.load(paths, configs)}
        reports = [report.build(loaded[path]) for path in files if path in loaded]
    except (InputError, ConfigError, report.Unreadable) as error:
        _fail(str(error))
        return
    if sys.stdout is None:
        _fail("standard output is closed")
    try:
        if output_format == "json":
            report.write_json(reports, sys.stdout)
        for index, built in enumerate(reports if output_format == "text" else ()):
            sys.stdout.write("\n" if index else "")
            report.write_text(built, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        raise  # output piped into `head`: click ends the run quietly
    except OSError as error:
        _fail(f"cannot write to standard output: {error.strerror or error}")
