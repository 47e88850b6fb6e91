"""The `loccit` command line: parse options, run the engine, hand findings to a reporter, exit."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence

import click

from loccit import __version__
from loccit.linter import engine, reporters
from loccit.linter.diagnostics import Diagnostic
from loccit.linter.model import NoteStyle

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(values: Sequence[str]) -> list[str]:
    """Split repeated and comma-separated code options into one list."""
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def _summary(diagnostics: Sequence[Diagnostic], files: int) -> str:
    if not diagnostics:
        return f"No findings in {files} file{'s' if files != 1 else ''}."
    by_severity = Counter(d.severity.value for d in diagnostics)
    parts = ", ".join(f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in sorted(by_severity.items()))
    paths = len({d.path for d in diagnostics})
    found = len(diagnostics)
    return f"Found {found} finding{'s' if found != 1 else ''} ({parts}) in {paths} file{'s' if paths != 1 else ''}."


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="loccit")
def main() -> None:
    """loccit: a citation linter for essays written in Markdown."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "--output-format",
    "output_format",
    type=click.Choice(sorted(reporters.REPORTERS)),
    default="concise",
    show_default=True,
    help="How to print findings.",
)
@click.option("--select", multiple=True, metavar="CODES", help="Only these rule codes or prefixes (e.g. N,B002).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rule codes or prefixes.")
@click.option("--extend-select", multiple=True, metavar="CODES", help="Add rules to the default set.")
@click.option(
    "--notes",
    type=click.Choice(["auto", "footnote", "numeric"]),
    default="auto",
    show_default=True,
    help="Note style: [^1] footnotes, or [1] markers with a Notes section.",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
def check(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    notes: str,
    exit_zero: bool,
) -> None:
    """Check essays (files, directories, or - for standard input) for citation problems."""
    from loccit.rules import RULES

    rules = engine.select_rules(RULES, _codes(select), _codes(ignore), _codes(extend_select))
    style = None if notes == "auto" else NoteStyle(notes)
    settings = engine.Settings(rules=rules, style=style)
    stdin = sys.stdin.buffer.read() if engine.STDIN in paths else None
    try:
        files = engine.expand_paths(paths or (".",))
        diagnostics = sorted(engine.lint_paths(files, settings, stdin))
    except engine.InputError as error:
        click.echo(f"loccit: error: {error}", err=True)
        sys.exit(EXIT_ERROR)
    except engine.RuleError as error:
        click.echo(f"loccit: internal error: {error} (please report this)", err=True)
        sys.exit(EXIT_ERROR)
    out = sys.stdout
    reporters.REPORTERS[output_format](diagnostics, out)
    if output_format == "concise":
        out.write(_summary(diagnostics, len(files)) + "\n")
    sys.exit(EXIT_FINDINGS if diagnostics and not exit_zero else EXIT_CLEAN)


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
def sources(paths: tuple[str, ...], output_format: str, notes: str) -> None:
    """Show which notes cite each bibliography entry, and which cited works match no entry."""
    from loccit.linter import sources as report

    settings = engine.Settings(rules=(), style=None if notes == "auto" else NoteStyle(notes))
    reports = []
    for path in paths:
        try:
            doc, error = engine.parse_bytes(path, engine.read(path), settings)
        except OSError as problem:
            click.echo(f"loccit: error: {path}: {problem.strerror or problem}", err=True)
            sys.exit(EXIT_ERROR)
        if doc is None:
            click.echo(f"loccit: error: {path}: {error.message if error else 'unreadable'}", err=True)
            sys.exit(EXIT_ERROR)
        reports.append(report.build(doc))
    if output_format == "json":
        report.write_json(reports, sys.stdout)
        return
    for index, built in enumerate(reports):
        if index:
            sys.stdout.write("\n")
        report.write_text(built, sys.stdout)
