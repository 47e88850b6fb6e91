"""loccit: a citation linter for essays written in Markdown."""

from __future__ import annotations

__version__ = "0.1.0"
