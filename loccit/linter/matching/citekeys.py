"""Citation keys to the entries of a document's bibliography files and references, with hints for keys that
match no entry (another case, a near miss)."""

from __future__ import annotations

import os

from loccit.linter.model import BibEntry, Document, KeyBibliography


def key_index(doc: Document) -> dict[str, BibEntry]:
    """Each key of the document's bibliography to its first entry (computed once per document)."""

    def build() -> dict[str, BibEntry]:
        index: dict[str, BibEntry] = {}
        if doc.key_bibliography is not None:
            for entry in doc.key_bibliography.entries:
                index.setdefault(entry.key, entry)
        return index

    return doc.derived("key index", build)


def _folded(doc: Document) -> dict[str, str]:
    return doc.derived("folded keys", lambda: {key.casefold(): key for key in key_index(doc)})


def usable(doc: Document) -> KeyBibliography | None:
    """The document's bibliography when every file it names could be read (a key may hide in one that could not)."""
    found = doc.key_bibliography
    if found is None or found.unreadable or not (found.files or found.references):
        return None
    return found


def other_case(doc: Document, key: str) -> str | None:
    """A key of the bibliography that differs from key only in case."""
    found = _folded(doc).get(key.casefold())
    return found if found is not None and found != key else None


def near_miss(doc: Document, key: str, min_score: float = 90.0) -> str | None:
    """The bibliography key closest to key when it is close enough (a typo: `smtih2019` for `smith2019`)."""
    keys = list(key_index(doc))
    if not keys or len(key) < 5:
        return None
    from rapidfuzz import fuzz, process

    found = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=min_score)
    return str(found[0]) if found else None


def cited_keys(doc: Document) -> frozenset[str]:
    """The keys the document cites, those its project's other documents cite, and its nocite keys."""
    found = doc.key_bibliography
    # `@duquette_share--income` cites duquette_share for pandoc, but its writer meant the longer key (B010 says so)
    keys = {citation.key for citation in doc.citations} | {citation.written for citation in doc.citations}
    if found is not None:
        keys |= found.cited_elsewhere | found.nocite
    return frozenset(keys)


def describe(found: KeyBibliography) -> str:
    """How a message names a bibliography: its files' names, and the document's references."""
    names = [os.path.basename(f.path) for f in found.files]
    if found.references:
        names.append("the front matter's references")
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return shown or "no file"
