"""Quarto cross-references: one with no label to point at (B023), and a bibliography key Quarto reads as a
cross-reference, so that it can never be cited (B024)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from loccit.linter.diagnostics import Rule, Severity, Violation
from loccit.linter.matching.citekeys import key_index
from loccit.linter.model import BibEntry, Document
from loccit.linter.patterns import LazyPattern
from loccit.rules.citekeys.files import across_files

# Quarto's reference types (its float, callout and theorem categories, equations and sections), as its crossref
# filter checks them; pandoc-crossref's `fig:` form is another tool's. The type may be capitalised (`@Fig-x`
# prints "Figure 1"): Quarto lowers it, and the label's first letter, before looking the label up.
QUARTO_REF_TYPES = frozenset(
    "fig tbl lst nte wrn cau tip imp prf rem sol thm lem cor prp cnj def exm exr alg eq sec".split()
)
_QUARTO_REF = LazyPattern(r"(" + "|".join(sorted(QUARTO_REF_TYPES)) + r")-\w", re.I)


def _labelled(key: str, labels: frozenset[str]) -> bool:
    """Whether a label defines key, or a figure with sub-captions defines it (`fig-x` gives `fig-x-1`)."""
    if key in labels:
        return True
    head, _, tail = key.rpartition("-")
    return bool(head) and (tail.isdigit() or len(tail) == 1) and head in labels


def check_missing_labels(doc: Document, opts: object) -> Iterator[Violation]:
    """B023: a Quarto cross-reference (`@fig-x`) whose label no document of the project defines."""
    labels = doc.crossref_labels
    if labels is None:
        return
    reported: set[str] = set(key_index(doc))  # a bibliography key read as a cross-reference is B024's
    for ref in doc.cross_references:
        key = ref.key[:1].lower() + ref.key[1:]
        if not _QUARTO_REF.match(key) or ref.key in reported or key in reported or _labelled(key, labels):
            continue
        reported.add(key)
        yield Violation(
            ref.span,
            f'cross-reference "@{ref.key}" has no label "{key}" in the document or its project; '
            f'Quarto prints "?@{key}": label the target {{#{key}}} or `#| label: {key}`',
        )


def _prefixed_in(entries: tuple[BibEntry, ...]) -> list[tuple[str, BibEntry]]:
    found: dict[str, BibEntry] = {}
    for entry in entries:
        head, hyphen, _ = entry.key.partition("-")
        if hyphen and head.lower() in QUARTO_REF_TYPES and _QUARTO_REF.match(entry.key):
            found.setdefault(entry.key, entry)
    return list(found.items())


def _prefixed(doc: Document) -> list[tuple[str, BibEntry]]:
    """The keys of the document's bibliography that open with a cross-reference prefix, with their first entry."""
    found = doc.key_bibliography
    if found is None:
        return []
    if found.references:
        return _prefixed_in(found.entries)
    return across_files("B024", found.files, lambda: _prefixed_in(found.entries))


def check_prefixed_keys(doc: Document, opts: object) -> Iterator[Violation]:
    """B024: a bibliography key opening with a Quarto cross-reference prefix, in a Quarto document."""
    if not doc.quarto:
        return
    cited = {ref.key: ref for ref in doc.cross_references}
    for key, entry in _prefixed(doc):
        message = (
            f'bibliography key "{key}" opens with the cross-reference prefix "{key.split("-")[0]}-": '
            f"Quarto reads @{key} as a cross-reference and never cites the entry; rename the key"
        )
        if key in cited:
            yield Violation(cited[key].span, message)
        else:
            yield Violation(entry.span, message, path=entry.path)


MISSING_CROSSREF_LABEL = Rule(
    "B023",
    "missing-crossref-label",
    "A Quarto cross-reference names a label no document of the project defines",
    check_missing_labels,
    Severity.WARNING,
)
CROSSREF_PREFIXED_KEY = Rule(
    "B024",
    "crossref-prefixed-key",
    "A bibliography key opens with a Quarto cross-reference prefix and can never be cited",
    check_prefixed_keys,
    Severity.WARNING,
)
