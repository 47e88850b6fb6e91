"""Apply the fixes findings carry: to the bytes checked, keeping BOM and line endings and how the rest parses."""

from __future__ import annotations

import bisect
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
# How far --fix searches one set of fixes for those to refuse (each step parses the whole file again): past this
# many refused fixes, or checks, the fixes not yet settled are left as they are (and tried again next pass).
REFUSED_LIMIT = 4


def _check_budget(count: int) -> int:
    """How many structure checks one set of count fixes may take: enough to find REFUSED_LIMIT of them by halving."""
    return 2 * REFUSED_LIMIT * count.bit_length() + 2


class Checked(NamedTuple):
    """A check's findings, and the digest of the bytes each file was checked from (by path, as reported)."""

    diagnostics: list[Diagnostic]
    digests: dict[str, str]


class Outcome(NamedTuple):
    """What --fix did: the findings left, the fixes made, and a line for each file not (wholly) fixed."""

    diagnostics: list[Diagnostic]
    fixed: int
    problems: tuple[str, ...]


class Fixed(NamedTuple):
    """What fixing one file did: its text after, the fixes made, and the fixes not made (none of them made).

    refused: each checked alone, it would change how the rest of the file parses (or it was so before).
    unsettled: in a set that would, not searched further once so many were refused.
    """

    text: str
    made: list[Fix]
    refused: list[Fix]
    unsettled: list[Fix]


_Key = tuple[int, int, int, int, str]


def _key(fix: Fix) -> _Key:
    """A fix by where it is and what it writes: how a refused fix is known again in the next pass."""
    return fix.span.line, fix.span.column, fix.span.end_line, fix.span.end_column, fix.text


class NotFixed(Exception):
    """Why a file was left as it was (one line, lower case)."""


def _line_starts(text: str) -> list[int]:
    """Offsets where each line starts; any of CRLF, CR and LF ends a line, as the parser counts them."""
    return [0, *(m.end() for m in _LINE_END.finditer(text))]


def _newline(text: str) -> str:
    """The file's own line ending (the first one it uses), for fixes that insert a line break."""
    m = _LINE_END.search(text)
    return m.group(0) if m else "\n"


def _offsets(text: str) -> Callable[[int, int], int]:
    """The offset in text (BOM included, original line endings) of a 1-based line and column."""
    bom = 1 if text.startswith("\ufeff") else 0
    starts = _line_starts(text)

    def offset(line: int, column: int) -> int:
        base = starts[min(line, len(starts)) - 1] + (bom if line == 1 else 0)
        return min(base + column - 1, len(text))

    return offset


def _apply(text: str, fixes: Iterable[Fix]) -> tuple[str, list[Fix]]:
    """Apply non-overlapping fixes to text (BOM included, original line endings); return it and the fixes made."""
    offset = _offsets(text)
    newline = _newline(text)
    edits = sorted(
        ((offset(f.span.line, f.span.column), offset(f.span.end_line, f.span.end_column), f) for f in fixes),
        key=lambda edit: edit[:2],
        reverse=True,
    )
    applied: list[Fix] = []
    pieces: list[str] = []  # the new text from its end back, joined once
    limit, inserted = len(text) + 1, False
    for start, end, fix in edits:
        # Overlapping a later edit already made, or a second insertion at the same place (which goes first is
        # anyone's guess): left for the next pass, which checks the text again.
        if end > limit or start > end or (inserted and start == end == limit):
            continue
        pieces += [text[end : min(limit, len(text))], fix.text.replace("\n", newline)]
        limit, inserted = start, start == end
        applied.append(fix)
    pieces.append(text[: min(limit, len(text))])
    return "".join(reversed(pieces)), applied[::-1]


def _moved(text: str, fixed: str, made: Sequence[Fix], fixes: Iterable[Fix]) -> set[_Key]:
    """Fixes of text not made, as they are in fixed (text with made applied); those a made fix touched are dropped."""
    offset, newline = _offsets(text), _newline(text)
    edits = sorted(
        (offset(f.span.line, f.span.column), offset(f.span.end_line, f.span.end_column), f.text) for f in made
    )
    ends = [end for _, end, _ in edits]
    deltas = [0]  # deltas[i]: how far the first i made fixes move what follows them
    for start, end, replacement in edits:
        deltas.append(deltas[-1] + len(replacement.replace("\n", newline)) - (end - start))
    starts = _line_starts(fixed)
    bom = 1 if fixed.startswith("\ufeff") else 0

    def place(at: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, at)
        return line, at - starts[line - 1] + 1 - (bom if line == 1 else 0)

    keys: set[_Key] = set()
    for fix in fixes:
        start, end = offset(fix.span.line, fix.span.column), offset(fix.span.end_line, fix.span.end_column)
        before = bisect.bisect_right(ends, start)  # the made fixes ending where this one starts, or before
        if before < len(edits) and edits[before][0] < end:
            continue
        if before < len(edits) and edits[before][0] == start == end and edits[before][1] == start:
            continue  # an insertion where another was made: which comes first is not known
        delta = deltas[before]
        keys.add((*place(start + delta), *place(end + delta), fix.text))
    return keys


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


def _keeps_structure(
    old: Document, old_parts: Sequence[structure.Part], fixed: str, fixes: Sequence[Fix], settings: Settings
) -> bool:
    """Whether the fixed text parses as the old one did outside the fixed spans."""
    edits = sorted(_edits(old, fixes))
    expected, end = [], 0
    for edit in edits:
        expected += [old.text[end : edit.start], edit.text]
        end = edit.end
    if "".join(expected) + old.text[end:] != normalise(fixed):  # the edits are not what was written: refuse
        return False
    return structure.unchanged(old, parse_text(old.path, fixed, settings), edits, old_parts)


def _safe_fixes(path: str, text: str, fixes: Sequence[Fix], settings: Settings) -> Fixed:
    """The text with as many fixes as keep the rest of the document as it parses; the fixes made and not made.

    A set of fixes that changes how the rest parses is searched by halves for the fixes to refuse; every step
    parses the whole file, so the search stops after REFUSED_LIMIT refused fixes or _check_budget checks, and
    the fixes it has not settled are not made. Only a set of fixes that passed the check as a whole is made.
    """
    _, applied = _apply(text, fixes)
    if not applied:
        return Fixed(text, [], [], [])
    structural = [fix for fix in applied if fix.structural]
    if structural:  # alone in this pass: the others are checked against the structure they make, next pass
        fixed, made = _apply(text, structural)
        return Fixed(fixed, made, [], [])
    old = parse_text(path, text, settings)
    old_parts = structure.parts(old)
    kept: list[Fix] = []
    refused: list[Fix] = []
    unsettled: list[Fix] = []
    budget = _check_budget(len(applied))

    def add(candidates: list[Fix]) -> None:
        # All at once when they keep the rest; else each half on its own, down to the single fixes to refuse.
        nonlocal budget
        if len(refused) >= REFUSED_LIMIT or budget <= 0:
            unsettled.extend(candidates)
            return
        budget -= 1
        fixed, made = _apply(text, [*kept, *candidates])
        if _keeps_structure(old, old_parts, fixed, made, settings):
            kept.extend(candidates)
        elif len(candidates) == 1:
            refused.extend(candidates)
        else:
            add(candidates[: len(candidates) // 2])
            add(candidates[len(candidates) // 2 :])

    add(applied)
    fixed, made = _apply(text, kept)
    return Fixed(fixed, made, refused, unsettled)


def _refusal(made: int, refused: Sequence[Fix], unsettled: Sequence[Fix] = ()) -> str:
    """The one line saying which fixes were not made, and why."""
    left = len(refused) + len(unsettled)
    what = "not fixed" if not made else f"{left} of {made + left} fixes not made"
    if not refused:
        return f"{what}: together the fixes would change how the rest of the file parses"
    where = ", ".join(f"{f.span.line}:{f.span.column}" for f in refused[:3]) + (", …" if len(refused) > 3 else "")
    line = f"{what}: the fix{'es' if len(refused) > 1 else ''} at {where} would change how the rest of the file parses"
    if unsettled:
        line += f"; {len(unsettled)} more not tried one by one after so many were refused"
    return line


def fix_file(
    path: str, fixes: Sequence[Fix], checked: str, settings: Settings, refused: set[_Key] | None = None
) -> Fixed:
    """Fix one file from the bytes it was checked as (digest checked); return what was done.

    refused holds the fixes refused in earlier passes, not tried again; it is updated to those of this pass, as
    they are in the text written (made counts only when the text changed).
    """
    try:
        original = read(path)
    except OSError as error:
        raise NotFixed(f"cannot read it: {rewrite.reason(error)}") from error
    if digest(original) != checked:
        raise NotFixed("it changed after it was checked")
    text = original.decode("utf-8")
    known = set() if refused is None else refused
    before = [fix for fix in fixes if _key(fix) in known]
    result = _safe_fixes(path, text, [fix for fix in fixes if _key(fix) not in known], settings)
    if result.made and result.text != text:
        try:
            rewrite.replace(path, checked, result.text.encode("utf-8"))
        except rewrite.NotWritten as error:
            raise NotFixed(str(error)) from error
    not_made = sorted([*before, *result.refused], key=lambda fix: fix.span)
    known.clear()
    known.update(_moved(text, result.text, result.made, not_made))
    return result._replace(made=result.made if result.text != text else [], refused=not_made)


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
    refused: dict[str, set[_Key]] = {}  # by path: fixes refused, not to try again
    made_in: dict[str, int] = {}  # by path: fixes made in all passes
    not_made: dict[str, Fixed] = {}  # by path: the last pass's fixes not made
    for _ in range(MAX_PASSES):
        made = 0
        by_path = fixable(checked.diagnostics, unsafe)
        for path in [path for path in not_made if path not in by_path]:  # nothing left to fix there
            del not_made[path]
        for path, fixes in by_path.items():
            if path in left:
                continue
            try:
                result = fix_file(
                    path, fixes, checked.digests.get(path, ""), settings_for(path), refused.setdefault(path, set())
                )
            except NotFixed as error:
                left.add(path)
                problems.setdefault(path, f"{rewrite.shown(path)}: not fixed: {error}")
                not_made.pop(path, None)
                continue
            made_in[path] = made_in.get(path, 0) + len(result.made)
            not_made[path] = result
            made += len(result.made)
        if not made:
            break
        total += made
        checked = lint()
    for path, result in not_made.items():
        if result.refused or result.unsettled:
            problem = _refusal(made_in[path], result.refused, result.unsettled)
            problems.setdefault(path, f"{rewrite.shown(path)}: {problem}")
    return Outcome(checked.diagnostics, total, tuple(problems[path] for path in sorted(problems)))
