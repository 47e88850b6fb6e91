"""Page furniture of pasted essays: the lines an essay site, a word processor or a PDF adds around the essay."""

from __future__ import annotations

import re

# Whole lines, matched case-insensitively after stripping: none of them is a heading, an entry or a note.
LINE = re.compile(
    r"""(?ix)
      disclaimer:.*
    | click\ here\ for\ .*
    | any\ opinions,\ findings.*
    | info:\ [\d,]+\ words\b.*
    | published:\ .*
    | reference\ this
    | cite\ this\ (?:work|article|essay|page)
    | reference\ copied\ to\ clipboard\.?
    | dmca(?:\ */\ *removal\ request|\ takedown\ request|\ notice)?
    | page\ \d{1,4}\ (?:of|/)\ \d{1,4}
    | word\ count:?\ [\d,.]+(?:\ words)?
    | [\d,]+\ words(?:\ \(\d+\ pages?\))?
    | get\ help\ with\ your\ essay
    | essay\ writing\ service
    | if\ you\ need\ assistance\ with\ writing\ your\ essay.*
    | related\ services
    | view\ all
    | to\ export\ a\ reference\ to\ this\ article.*
    | if\ you\ are\ the\ original\ writer\ of\ this\ essay.*
    """
)
# From such a line to the end of the document, everything is the site's, not the essay's.
TAIL = re.compile(r"(?i)cite this (?:work|article|essay)|reference copied to clipboard\.?|dmca ?/ ?removal request")


def is_furniture(line: str) -> bool:
    """Whether a stripped line is page furniture."""
    return len(line) < 200 and LINE.fullmatch(line) is not None


def starts_tail(line: str) -> bool:
    """Whether a stripped line starts the site's material after the essay ("Cite This Work", a DMCA line)."""
    return len(line) < 200 and TAIL.fullmatch(line) is not None
