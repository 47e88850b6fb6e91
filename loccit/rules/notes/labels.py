"""How messages show a note's label: [^label], [7], or an inline note's place."""

from __future__ import annotations

from loccit.linter.model import Document, NoteStyle


def note_name(doc: Document, label: str) -> str:
    if " " in label:  # an inline note's "3 (inline)": there is no `[^label]` to show
        return label
    return f"[{label}]" if doc.style is NoteStyle.NUMERIC else f"[^{label}]"
