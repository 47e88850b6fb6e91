"""Apply the fixes findings carry: to the bytes checked, keeping BOM and line endings and how the rest parses."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from loccit.linter.config.settings import Settings
from loccit.linter.diagnostics import Diagnostic, Fix
from loccit.linter.engine import rewrite, structure
from loccit.linter.engine.check import parse_text
from loccit.linter.engine.files import digest, read
from loccit.linter.markdown.parse import normalise
from loccit.linter.model import Document

_LINE_END = re.compile(r"\r\n|\r|\n")
MAX_PASSES = 10


class Checked(NamedTuple):
    """A check's findings, and the digest of the bytes each file was checked from (by path, as reported)."""

    diagnostics: list[Diagnostic]
    digests: dict[str, str]


class Outcome(NamedTuple):
    """What --fix did: the findings left, the fixes made, and a line for each file not (wholly) fixed."""

    diagnostics: list[Diagnostic]
    fixed: int
    problems: tuple[str, ...]


class NotFixed(Exception):
    """Why a file was left as it was (one line, lower case)."""


def _line_starts(text: str) -> list[int]:
    """Offsets where each line starts; any of CRLF, CR and LF ends a line, as the parser counts them."""
    return [0, *(m.end() for m in _LINE_END.finditer(text))]


def _newline(text: str) -> str:
    """The file's own line ending (the first one it uses), for fixes that insert a line break."""
    m = _LINE_END.search(text)
    return m.group(0) if m else "\n"


def _apply(text: str, fixes: Iterable[Fix]) -> tuple[str, list[Fix]]:
    """Apply non-overlapping fixes to text (BOM included, original line endings); return it and the fixes made."""
    bom = 1 if text.startswith("\ufeff") else 0
    starts = _line_starts(text)
    newline = _newline(text)

    def offset(line: int, column: int) -> int:
        base = starts[min(line, len(starts)) - 1] + (bom if line == 1 else 0)
        return min(base + column - 1, len(text))

    edits = sorted(
        ((offset(f.span.line, f.span.column), offset(f.span.end_line, f.span.end_column), f) for f in fixes),
        key=lambda edit: edit[:2],
        reverse=True,
    )
    applied: list[Fix] = []
    limit, inserted = len(text) + 1, False
    for start, end, fix in edits:
        # Overlapping a later edit already made, or a second insertion at the same place (which goes first is
        # anyone's guess): left for the next pass, which checks the text again.
        if end > limit or start > end or (inserted and start == end == limit):
            continue
        text = text[:start] + fix.text.replace("\n", newline) + text[end:]
        limit, inserted = start, start == end
        applied.append(fix)
    return text, applied[::-1]


def apply(text: str, fixes: Iterable[Fix]) -> tuple[str, int]:
    """Apply non-overlapping fixes to text (BOM included, original line endings); return it and the count."""
    fixed, applied = _apply(text, fixes)
    return fixed, len(applied)


def _edits(doc: Document, fixes: Sequence[Fix]) -> list[structure.Edit]:
    """The fixes as edits of the normalised text the document was parsed from."""
    starts, size = doc.lines.starts, len(doc.text)

    def offset(line: int, column: int) -> int:
        return min(starts[min(line, len(starts)) - 1] + column - 1, size)

    return [
        structure.Edit(offset(f.span.line, f.span.column), offset(f.span.end_line, f.span.end_column), f.text)
        for f in fixes
    ]


def _keeps_structure(old: Document, fixed: str, fixes: Sequence[Fix], settings: Settings) -> bool:
    """Whether the fixed text parses as the old one did outside the fixed spans."""
    edits = sorted(_edits(old, fixes))
    expected, end = [], 0
    for edit in edits:
        expected += [old.text[end : edit.start], edit.text]
        end = edit.end
    if "".join(expected) + old.text[end:] != normalise(fixed):  # the edits are not what was written: refuse
        return False
    return structure.unchanged(old, parse_text(old.path, fixed, settings), edits)


def _safe_fixes(path: str, text: str, fixes: Sequence[Fix], settings: Settings) -> tuple[str, int, list[Fix]]:
    """The text with as many fixes as keep the rest of the document as it parses; the fixes made; those refused."""
    _, applied = _apply(text, fixes)
    if not applied:
        return text, 0, []
    structural = [fix for fix in applied if fix.structural]
    if structural:  # alone in this pass: the others are checked against the structure they make, next pass
        fixed, made = _apply(text, structural)
        return fixed, len(made), []
    old = parse_text(path, text, settings)
    kept: list[Fix] = []
    refused: list[Fix] = []

    def add(candidates: list[Fix]) -> None:
        # All at once when they keep the rest; else each half on its own, down to the single fixes to refuse.
        fixed, made = _apply(text, [*kept, *candidates])
        if _keeps_structure(old, fixed, made, settings):
            kept.extend(candidates)
        elif len(candidates) == 1:
            refused.extend(candidates)
        else:
            add(candidates[: len(candidates) // 2])
            add(candidates[len(candidates) // 2 :])

    add(applied)
    fixed, made = _apply(text, kept)
    return fixed, len(made), refused


def _refusal(made: int, refused: Sequence[Fix]) -> str:
    """The one line saying which fixes were not made, and why."""
    where = ", ".join(f"{f.span.line}:{f.span.column}" for f in refused[:3]) + (", …" if len(refused) > 3 else "")
    what = "not fixed" if not made else f"{len(refused)} of {made + len(refused)} fixes not made"
    return f"{what}: the fix{'es' if len(refused) > 1 else ''} at {where} would change how the rest of the file parses"


def fix_file(path: str, fixes: Sequence[Fix], checked: str, settings: Settings) -> tuple[int, str | None]:
    """Fix one file from the bytes it was checked as (digest checked); return the fixes made and any problem."""
    try:
        original = read(path)
    except OSError as error:
        raise NotFixed(f"cannot read it: {rewrite.reason(error)}") from error
    if digest(original) != checked:
        raise NotFixed("it changed after it was checked")
    text = original.decode("utf-8")
    fixed, made, refused = _safe_fixes(path, text, fixes, settings)
    problem = _refusal(made, refused) if refused else None
    if made and fixed != text:
        try:
            rewrite.replace(path, checked, fixed.encode("utf-8"))
        except rewrite.NotWritten as error:
            raise NotFixed(str(error)) from error
    return (made if fixed != text else 0), problem


def fixable(diagnostics: Sequence[Diagnostic], unsafe: bool) -> dict[str, list[Fix]]:
    """The fixes to apply, by path: safe ones, and unsafe ones too when asked."""
    by_path: dict[str, list[Fix]] = {}
    for d in diagnostics:
        if d.fix is not None and (d.fix.safe or unsafe):
            by_path.setdefault(d.path, []).append(d.fix)
    return by_path


def fix_files(
    checked: Checked, lint: Callable[[], Checked], settings_for: Callable[[str], Settings], unsafe: bool
) -> Outcome:
    """Fix, then lint again, until nothing fixable is left; a file that cannot be fixed is left and said why.

    Each file stands alone: one that changed since it was checked, is read-only or cannot be written is left as
    it was, and the others are fixed.
    """
    total = 0
    problems: dict[str, str] = {}
    left: set[str] = set()  # files not to touch again in this run
    for _ in range(MAX_PASSES):
        made = 0
        for path, fixes in fixable(checked.diagnostics, unsafe).items():
            if path in left:
                continue
            try:
                count, problem = fix_file(path, fixes, checked.digests.get(path, ""), settings_for(path))
            except NotFixed as error:
                left.add(path)
                problems.setdefault(path, f"{rewrite.shown(path)}: not fixed: {error}")
                continue
            if problem is not None:
                problems.setdefault(path, f"{rewrite.shown(path)}: {problem}")
            made += count
        if not made:
            break
        total += made
        checked = lint()
    return Outcome(checked.diagnostics, total, tuple(problems[path] for path in sorted(problems)))
