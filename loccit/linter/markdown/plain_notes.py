"""Notes in plain text: the run of numbered notes at the end, and the markers that cite them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from loccit.linter.markdown.sections import SUPERSCRIPTS
from loccit.linter.patterns import LazyPattern

if TYPE_CHECKING:
    from loccit.linter.markdown.plain_lines import Scan, Unit

NOTE_ITEM = LazyPattern(
    r" {0,3}(?:\[(\d{1,6})\]|\^(\d{1,6})|([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4})|(?P<bare>\d{1,6})(?:[.)]|(?=[ \t])))[ \t]*"
)


def note_number(line: str) -> int | None:
    m = NOTE_ITEM.match(line)
    if m is None or not line[m.end() :].strip():
        return None
    return int(next(g for g in m.groups() if g).translate(SUPERSCRIPTS))


# Markers in plain text: `[1]`, `<sup>1</sup>`, `^1`, superscript digits.

MARKER = LazyPattern(
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


def run_from(scan: Scan, units: list[Unit], start: int) -> tuple[int, list[int]]:
    """The units of a run of notes opening with note 1 at units[start]: (last unit, the note count before each
    of its units and after the last). A run from a later unit of it opening with 1 ends at the same unit."""
    last_number, count, end, counts = 0, 0, start, [0]
    for index in range(start, len(units)):
        numbers = unit_numbers(scan, units[index]) if units[index].kind != "heading" else []
        if not numbers or not last_number <= numbers[0] <= last_number + 3:
            break
        for number in numbers:  # a wrapped line opening with "1995." is not a note
            if last_number <= number <= last_number + 3:
                last_number, count = number, count + 1
        end = index
        counts.append(count)
    return end, counts


class _Cited:
    """How many distinct note numbers up to a bound the markers before an offset cite, for rising offsets: the
    markers are found once and counted in a Fenwick tree over the numbers seen so far."""

    def __init__(self, text: str, bound: int) -> None:
        self.text, self.bound = text, bound
        self.found = markers(text)
        self.next = 0  # the first marker not yet counted
        self.seen: set[int] = set()
        self.tree = [0] * (bound + 1)

    def _add(self, number: int) -> None:
        if number in self.seen or number > self.bound:
            return
        self.seen.add(number)
        while number <= self.bound:
            self.tree[number] += 1
            number += number & -number

    def _count(self, limit: int) -> int:
        total, index = 0, min(limit, self.bound)
        while index > 0:
            total += self.tree[index]
            index -= index & -index
        return total

    def before(self, offset: int, limit: int) -> int:
        """len({n for _, _, n in markers(text, 0, offset) if n <= limit}); offsets never fall."""
        while self.next < len(self.found) and self.found[self.next][1] <= offset:
            self._add(self.found[self.next][2])
            self.next += 1
        count = self._count(limit)
        if self.next < len(self.found) and self.found[self.next][0] < offset:
            # a marker across the offset (`<sup>` and a line break): the text cut there reads differently
            extra = {n for _, _, n in markers(self.text, self.found[self.next][0], offset)}
            count += sum(1 for n in extra if n <= limit and n not in self.seen)
        return count


def notes_block(scan: Scan, units: list[Unit]) -> tuple[int, int] | None:
    """The last run of numbered notes that only headings named for sources or notes follow, cited in the text.

    Each unit is read at most twice: a candidate opening with 1 inside a run already read shares its end."""
    found = None
    cited: _Cited | None = None
    run_start, run_end, counts = -1, -1, [0]
    for start, unit in enumerate(units):
        if unit.kind == "heading" or unit_numbers(scan, unit)[:1] != [1]:
            continue
        if start > run_end:
            run_start = start
            run_end, counts = run_from(scan, units, start)
        end, count = run_end, counts[-1] - counts[start - run_start]
        after = units[end + 1] if end + 1 < len(units) else None
        if count < 2 or (
            after is not None and not (after.kind == "heading" and scan.named(scan.lines[after.first].text))
        ):
            continue
        if cited is None:
            cited = _Cited(scan.text, len(scan.lines) + 3)
        if cited.before(scan.lines[unit.first].start, count + 3) * 2 >= count:
            found = (start, end)
    return found
