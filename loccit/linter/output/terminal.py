"""The `full` format for people at a terminal (the source line, a caret, the fix) and a progress line."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from typing import TextIO

import click

from loccit.linter.diagnostics import Diagnostic, Fix, Severity
from loccit.linter.output.context import PLAIN, Context
from loccit.linter.output.escapes import visible

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def wants_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set to anything (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _fix_text(fix: Fix, line: str | None) -> str:
    import json  # quotes the texts of a fix, which most runs never show

    span = fix.span
    safety = "safe" if fix.safe else "unsafe"
    replacement = json.dumps(fix.text, ensure_ascii=False)
    if span.start == span.end:
        what = f"insert {replacement} at {span.line}:{span.column}"
    elif not fix.text and span.column == span.end_column == 1 and span.end_line == span.line + 1:
        what = f"delete line {span.line}"
    else:
        old = None
        if line is not None and span.line == span.end_line:
            old = json.dumps(line[span.column - 1 : span.end_column - 1], ensure_ascii=False)
        where = old or f"{span.line}:{span.column}-{span.end_line}:{span.end_column}"
        what = f"delete {where}" if not fix.text else f"replace {where} with {replacement}"
    return visible(f"fix ({safety}): {what}")  # json.dumps escapes C0 controls, not DEL, C1 or bidi overrides


def _snippet(d: Diagnostic, line: str | None, paint: Callable[..., str]) -> list[str]:
    if line is None:
        return []
    number = str(d.line)
    gutter = " " * len(number)
    line = line.replace("\t", " ")  # one column per character keeps the caret under its text
    end = d.end_column if d.end_line == d.line else len(line) + 1
    end = max(d.column + 1, min(end, len(line) + 1))
    # Control characters are shown as escapes (`\x1b`): the caret is placed under the text as shown.
    before, inside = visible(line[: d.column - 1]), visible(line[d.column - 1 : end - 1])
    shown = before + inside + visible(line[end - 1 :])
    caret = " " * len(before) + "^" * max(1, len(inside))
    bar = paint(f"{gutter} |", fg="blue", bold=True)
    return [
        bar,
        paint(f"{number} |", fg="blue", bold=True) + f" {shown}",
        f"{bar} " + paint(f"{caret} {d.rule}", fg=_COLOURS[d.severity], bold=True),
    ]


def full(diagnostics: Sequence[Diagnostic], stream: TextIO, context: Context = PLAIN) -> None:
    """Each finding with its source line and a caret under the span, its rule name and its fix (rustc's layout)."""
    sources, color = context.sources, context.color

    def paint(text: str, **style: object) -> str:
        return click.style(text, **style) if color else text  # type: ignore[arg-type]

    for d in diagnostics:
        line = sources.line(d.path, d.line)
        head = paint(f"{d.severity.value}[{d.code}]", fg=_COLOURS[d.severity], bold=True)
        where = f"{' ' * len(str(d.line))}--> {visible(d.path)}:{d.line}:{d.column}"
        out = [f"{head}: {paint(visible(d.message), bold=True)}", where]
        out.extend(_snippet(d, line, paint))
        if d.fix is not None:
            fix_line = sources.line(d.path, d.fix.span.line)
            out.append(f"{' ' * len(str(d.line))} = {_fix_text(d.fix, fix_line)}")
        stream.write("\n".join(out) + "\n\n")


class Progress:
    """`checking 12/230 files` on stderr, redrawn at most ten times a second; silent unless stderr is a terminal."""

    MIN_FILES = 10

    def __init__(self, stream: TextIO, total: int) -> None:
        self.stream = stream
        self.total = total
        self.active = total >= self.MIN_FILES and wants_terminal(stream)
        self._last = 0.0

    def __call__(self, done: int) -> None:
        now = time.monotonic()
        if not self.active or (now - self._last < 0.1 and done < self.total):
            return
        self._last = now
        self.stream.write(f"\rchecking {done}/{self.total} files")
        self.stream.flush()

    def close(self) -> None:
        """Erase the progress line."""
        if self.active:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def wants_terminal(stream: TextIO) -> bool:
    """Whether a stream is an interactive terminal."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
