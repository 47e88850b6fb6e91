"""Plain text for pipes and hooks: one finding a line, and counts per rule."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from loccit.linter.diagnostics import Diagnostic
from loccit.linter.output.context import PLAIN, Context
from loccit.linter.output.escapes import visible
from loccit.linter.output.json_formats import write_json


def concise(diagnostics: Sequence[Diagnostic], stream: TextIO, context: Context = PLAIN) -> None:
    """`path:line:col: CODE message`, one finding a line (yamllint's parsable format)."""
    for d in diagnostics:
        stream.write(f"{visible(d.path)}:{d.line}:{d.column}: {d.code} {visible(d.message)}\n")


def statistics(diagnostics: Sequence[Diagnostic], stream: TextIO, as_json: bool = False) -> None:
    """The number of findings per code, most frequent first (ruff's --statistics)."""
    counts = Counter((d.code, d.rule) for d in diagnostics)
    fixable = {d.code for d in diagnostics if d.fix is not None}
    # A rule whose fixes are all unsafe is fixed only with --unsafe-fixes: say so, or --fix seems to do nothing.
    safe = {d.code for d in diagnostics if d.fix is not None and d.fix.safe}
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if as_json:
        data = [{"code": c, "rule": r, "count": n, "fixable": c in fixable} for (c, r), n in rows]
        write_json(data, stream)  # codes and rule names are ASCII
        return
    for (code, rule), count in rows:
        mark = "  [*] fixable" if code in safe else "  [*] fixable with --unsafe-fixes" if code in fixable else ""
        stream.write(f"{count:>5}  {code}  {rule}{mark}\n")
