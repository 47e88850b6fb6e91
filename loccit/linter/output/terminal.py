"""The `full` format for people at a terminal (the source line, a caret, the fix) and a progress line."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

import click

from loccit.linter.diagnostics import Diagnostic, Fix, Severity
from loccit.linter.output.context import PLAIN, Context
from loccit.linter.output.escapes import visible

if TYPE_CHECKING:
    import threading

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
    """`checking 12/230 files (3 s)` on stderr, for runs that last: drawn by a timer thread from the first second
    on, so that one long essay shows it too; only at a terminal, never in a pipe or under pre-commit."""

    DELAY = 1.0  # seconds before the line first shows: quick runs never see it
    INTERVAL = 0.25  # seconds between redraws

    def __init__(self, stream: TextIO, total: int, name: str | None = None, delay: float = DELAY) -> None:
        self.stream, self.total, self.name, self.delay = stream, total, name, delay
        self.active = wants_terminal(stream) and not os.environ.get("PRE_COMMIT")  # pre-commit sets PRE_COMMIT=1
        self.done = 0
        self._start = time.monotonic()
        self._shown = False
        self._stop: threading.Event | None = None
        if self.active:
            import threading  # only a run at a terminal draws

            self._stop = threading.Event()
            self._thread = threading.Thread(target=self._run, name="loccit-progress", daemon=True)
            self._thread.start()

    def __call__(self, done: int) -> None:
        """Note that `done` files are checked."""
        self.done = done

    def _run(self) -> None:
        assert self._stop is not None
        if self._stop.wait(self.delay):
            return
        while True:
            self._draw()
            if self._stop.wait(self.INTERVAL):
                return

    def _draw(self) -> None:
        seconds = time.monotonic() - self._start
        what = f"{self.done}/{self.total} files" if self.total != 1 or not self.name else visible(self.name)
        with _drawing():
            self.stream.write(f"\rchecking {what} ({seconds:.0f} s)\x1b[K")
            self.stream.flush()
            self._shown = True

    def close(self) -> None:
        """Stop drawing and erase the progress line, if it was drawn."""
        if self._stop is None:
            return
        self._stop.set()
        self._thread.join()
        self._stop = None
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


_LOCK: list[Any] = []


def _drawing() -> Any:
    """The lock held while the progress line is written; a fork waits for it, so that a worker process never
    starts while the line is half written (it would inherit stderr's buffer locked)."""
    if not _LOCK:
        import threading

        lock = threading.Lock()
        if hasattr(os, "register_at_fork"):  # POSIX
            os.register_at_fork(before=lock.acquire, after_in_parent=lock.release, after_in_child=lock.release)
        _LOCK.append(lock)
    return _LOCK[0]


def wants_terminal(stream: TextIO) -> bool:
    """Whether a stream is an interactive terminal."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
