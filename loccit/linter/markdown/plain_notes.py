"""Notes in plain text: the run of numbered notes at the end, and the markers that cite them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from loccit.linter.markdown.sections import SUPERSCRIPTS

if TYPE_CHECKING:
    from loccit.linter.markdown.plain_lines import Scan, Unit

NOTE_ITEM = re.compile(
    r" {0,3}(?:\[(\d{1,6})\]|\^(\d{1,6})|([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4})|(?P<bare>\d{1,6})(?:[.)]|(?=[ \t])))[ \t]*"
)


def note_number(line: str) -> int | None:
    m = NOTE_ITEM.match(line)
    if m is None or not line[m.end() :].strip():
        return None
    return int(next(g for g in m.groups() if g).translate(SUPERSCRIPTS))


# Markers in plain text: `[1]`, `<sup>1</sup>`, `^1`, superscript digits.

MARKER = re.compile(
    r"\[(\d{1,6})\](?![(\[:])|<sup>\s*\[?(\d{1,6})\]?\s*</sup>|\^(\d{1,4})(?!\d)"
    r"|(?<![\d⁰¹²³⁴⁵⁶⁷⁸⁹])([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4})"
)
_UNIT_BEFORE = re.compile(r"(?:^|\W)(?:[kcmµ]?m|ft|in|kg|s)$")  # "km²", "m³": powers, not notes


def markers(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, int]]:
    """Markers between start and end as (start, end, number)."""
    found = []
    for m in MARKER.finditer(text, start, len(text) if end is None else end):
        if m.group(4) and _UNIT_BEFORE.search(text, max(0, m.start() - 4), m.start()):
            continue
        label = next(g for g in m.groups() if g)
        found.append((m.start(), m.end(), int(label.translate(SUPERSCRIPTS))))
    return found


def unit_numbers(scan: Scan, unit: Unit) -> list[int]:
    """The note numbers opening the unit's lines, when its first line opens with one (wrapped lines aside)."""
    found = [note_number(scan.lines[i].text) for i in range(unit.first, unit.last + 1)]
    return [n for n in found if n is not None] if found[0] is not None else []


def run_from(scan: Scan, units: list[Unit], start: int) -> tuple[int, int]:
    """The units of a run of notes opening with note 1 at units[start]: (last unit, note count)."""
    last_number, count, end = 0, 0, start
    for index in range(start, len(units)):
        numbers = unit_numbers(scan, units[index]) if units[index].kind != "heading" else []
        if not numbers or not last_number <= numbers[0] <= last_number + 3:
            break
        for number in numbers:  # a wrapped line opening with "1995." is not a note
            if last_number <= number <= last_number + 3:
                last_number, count = number, count + 1
        end = index
    return end, count


def notes_block(scan: Scan, units: list[Unit]) -> tuple[int, int] | None:
    """The last run of numbered notes that only headings named for sources or notes follow, cited in the text."""
    found = None
    for start, unit in enumerate(units):
        if unit.kind == "heading" or unit_numbers(scan, unit)[:1] != [1]:
            continue
        end, count = run_from(scan, units, start)
        after = units[end + 1] if end + 1 < len(units) else None
        if count < 2 or (
            after is not None and not (after.kind == "heading" and scan.named(scan.lines[after.first].text))
        ):
            continue
        offset = scan.lines[unit.first].start
        cited = {n for _, _, n in markers(scan.text, 0, offset) if n <= count + 3}
        if len(cited) * 2 >= count:
            found = (start, end)
    return found
