"""What a fix must leave alone: how the rest of the document parses (blocks, headings, notes, markers, entries)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import NamedTuple

from loccit.linter.markdown.blocks import parse_blocks
from loccit.linter.model import Document


class Edit(NamedTuple):
    """A replacement of the offsets [start, end) of a document's normalised text."""

    start: int
    end: int
    text: str


class Part(NamedTuple):
    """One thing the parser found: what it is, its label or kind, and where it starts and ends."""

    kind: str
    name: str
    start: int
    end: int


def parts(doc: Document) -> list[Part]:
    """Everything whose place in the document a fix must not move: its structure, not its wording."""
    text = doc.text
    blocks, _ = parse_blocks(text)
    # A block's end is where its text ends: the blank lines after it are not part of what it is.
    found = [
        Part("block", b.kind, b.start, b.start + len(text[b.start : b.end].rstrip()))
        for b in blocks
        if b.kind != "blank_line"
    ]
    found += [Part("heading", str(h.level), h.span.start, h.span.end) for h in doc.headings]
    found += [Part("marker", m.label, m.span.start, m.span.end) for m in doc.markers]
    # Inline notes are labelled by their place among them, which an inline note before them would change.
    found += [Part("note", "^[]" if d.inline else d.label, d.span.start, d.span.end) for d in doc.definitions]
    found += [Part("entry", e.section, e.span.start, e.span.end) for e in doc.entries]
    found += [Part("comment", " ".join((c.kind, *c.codes)), c.span.start, c.span.end) for c in doc.comments]
    return found


class _Shift:
    """Offsets of the text before the edits mapped to the text after them."""

    def __init__(self, edits: Sequence[Edit]) -> None:
        self.edits = sorted(edits)
        self.starts = [edit.start for edit in self.edits]
        self.new_starts: list[int] = []
        self.deltas = [0]  # deltas[i]: how far the first i edits move what follows them
        for edit in self.edits:
            self.new_starts.append(edit.start + self.deltas[-1])
            self.deltas.append(self.deltas[-1] + len(edit.text) - (edit.end - edit.start))

    def where(self, offset: int) -> tuple[int, int]:
        """The new offsets an old one may become: itself moved, or anywhere in the replacement of an edit it touches."""
        after = bisect.bisect_right(self.starts, offset)
        touching = after
        while touching > 0 and self.edits[touching - 1].end >= offset:
            touching -= 1
        if touching == after:
            return offset + self.deltas[after], offset + self.deltas[after]
        last = self.edits[after - 1]
        return self.new_starts[touching], self.new_starts[after - 1] + len(last.text)

    def removed(self, part: Part) -> bool:
        """Whether an old part lay wholly inside text an edit replaced."""
        index = bisect.bisect_right(self.starts, part.start) - 1
        if index < 0:
            return False
        edit = self.edits[index]
        return edit.start < edit.end and part.end <= edit.end

    def added(self, part: Part) -> bool:
        """Whether a new part lies wholly inside the text an edit put in."""
        index = bisect.bisect_right(self.new_starts, part.start) - 1
        if index < 0:
            return False
        size = len(self.edits[index].text)
        return size > 0 and part.end <= self.new_starts[index] + size


def unchanged(old: Document, new: Document, edits: Sequence[Edit], old_parts: Sequence[Part] | None = None) -> bool:
    """Whether, outside the edited spans, new parses as old did: the same parts, each where the edits put it.

    old_parts are parts(old), when the caller checks many edits of one document and has them already.
    """
    if old.style is not new.style or old.reading != new.reading:
        return False
    shift = _Shift(edits)
    expected: dict[tuple[str, str], list[tuple[tuple[int, int], tuple[int, int]]]] = {}
    for part in parts(old) if old_parts is None else old_parts:
        if not shift.removed(part):
            expected.setdefault(part[:2], []).append((shift.where(part.start), shift.where(part.end)))
    found: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for part in parts(new):
        if not shift.added(part):
            found.setdefault(part[:2], []).append((part.start, part.end))
    if expected.keys() != found.keys():
        return False
    for key, places in expected.items():
        actual = found[key]
        if len(actual) != len(places):
            return False
        for ((start_low, start_high), (end_low, end_high)), (start, end) in zip(
            sorted(places), sorted(actual), strict=True
        ):
            if not (start_low <= start <= start_high and end_low <= end <= end_high):
                return False
    return True
