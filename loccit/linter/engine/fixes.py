"""Apply the fixes findings carry: to the original bytes, keeping BOM and line endings, written atomically."""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Sequence

from loccit.linter.diagnostics import Diagnostic, Fix

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
MAX_PASSES = 10


def _line_starts(text: str) -> list[int]:
    """Offsets where each line starts; any of CRLF, CR and LF ends a line, as the parser counts them."""
    starts: list[int] = []
    for m in _LINE.finditer(text):
        if m.start() == m.end() and m.start() == len(text) and starts:
            break
        starts.append(m.start())
    return starts or [0]


def _newline(text: str) -> str:
    """The file's own line ending (the first one it uses), for fixes that insert a line break."""
    m = re.search(r"\r\n|\r|\n", text)
    return m.group(0) if m else "\n"


def apply(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Apply non-overlapping fixes to text (BOM included, original line endings); return it and the count."""
    bom = 1 if text.startswith("\ufeff") else 0
    starts = _line_starts(text)
    newline = _newline(text)

    def offset(line: int, column: int) -> int:
        base = starts[min(line, len(starts)) - 1] + (bom if line == 1 else 0)
        return min(base + column - 1, len(text))

    edits = sorted(
        ((offset(f.span.line, f.span.column), offset(f.span.end_line, f.span.end_column), f.text) for f in fixes),
        reverse=True,
    )
    applied = 0
    limit = len(text) + 1
    for start, end, replacement in edits:
        if end > limit or start > end:  # overlaps a later edit already made: leave it for the next pass
            continue
        text = text[:start] + replacement.replace("\n", newline) + text[end:]
        limit = start
        applied += 1
    return text, applied


def write_atomically(path: str, data: bytes) -> None:
    """Replace a file's contents in one step, keeping its permissions; a crash leaves the old file whole."""
    directory = os.path.dirname(os.path.abspath(path))
    mode = stat.S_IMODE(os.stat(path).st_mode)
    handle, temporary = tempfile.mkstemp(prefix=".loccit-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def fixable(diagnostics: Sequence[Diagnostic], unsafe: bool) -> dict[str, list[Fix]]:
    """The fixes to apply, by path: safe ones, and unsafe ones too when asked."""
    by_path: dict[str, list[Fix]] = {}
    for d in diagnostics:
        if d.fix is not None and (d.fix.safe or unsafe):
            by_path.setdefault(d.path, []).append(d.fix)
    return by_path


def fix_files(
    diagnostics: list[Diagnostic], lint: Callable[[], list[Diagnostic]], unsafe: bool
) -> tuple[list[Diagnostic], int]:
    """Fix, then lint again, until nothing fixable is left; return the remaining findings and the fixes made."""
    total = 0
    for _ in range(MAX_PASSES):
        pending = fixable(diagnostics, unsafe)
        made = 0
        for path, fixes in pending.items():
            with open(path, "rb") as handle:
                original = handle.read()
            text, count = apply(original.decode("utf-8"), fixes)
            if count and text.encode("utf-8") != original:
                write_atomically(path, text.encode("utf-8"))
                made += count
        if not made:
            break
        total += made
        diagnostics = lint()
    return diagnostics, total
