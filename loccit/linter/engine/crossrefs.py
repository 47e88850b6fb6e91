"""The cross-reference labels of a Quarto document and its project's other documents, for `@fig-x` to match.

Labels are `{#fig-x}` attributes (figures, tables, sections, equations, divs), chunk options (`#| label: fig-x`,
`label="fig-x"`, a code listing's `#| lst-label: lst-x`), knitr chunk headers (```` ```{r fig-x} ````) and raw
LaTeX's `label` command around `tbl-x`; `fig-subcap` makes `fig-x-1` from `fig-x`.
When a label may come from where loccit cannot look (an `{{< include >}}` or `{{< embed >}}`, a notebook, a
chunk writing Markdown with `output: asis`, a computed label), the labels are unknown and nothing is reported.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re

from loccit.linter.engine.bibliographies import project_root, read_text, sibling_documents
from loccit.linter.model import Document
from loccit.linter.patterns import LazyPattern

# A label is a pandoc identifier: letters, digits and `-_:.` (`{#eq-black.scholes}`, `#| label: fig-sales.2020`).
_ATTRIBUTE = re.compile(r"\{[^{}\n]*?#([A-Za-z][\w:.-]*)")
# Quarto reads an option line as a language's comment characters, any spaces, then `|` (`#| label:`, `# | label:`).
_OPTION = LazyPattern(r"""^[ \t]*(?:#|//|--|%%?|/\*|\*)[ \t]*\|[ \t]*(?:lst-)?label:[ \t]*["']?([\w:.-]+)""", re.M)
# A raw LaTeX table or figure's `\label{tbl-x}`, which Quarto resolves for PDF output.
_LATEX_LABEL = re.compile(r"\\label\{([A-Za-z][\w:.-]*)\}")
# (`label` first, then a look back for the word's start: the same as a leading `\b`, and many times faster to search.)
_INLINE_OPTION = LazyPattern(r"""label(?<!\wlabel)[ \t]*=[ \t]*["']([\w:.-]+)["']""")
_CHUNK_HEADER = LazyPattern(r"^[ \t]*(?:```+|~~~+)[ \t]*\{[A-Za-z]+[ \t]+([\w:.-]+)[ \t]*[,}]", re.M)
# What makes labels loccit cannot see: included or embedded files, chunks writing Markdown, computed labels. Each
# is looked for only after a plain substring test finds its mark: one pattern of three alternatives, the first
# a word boundary, read every character of every chapter slowly.
_UNKNOWABLE = (
    ("{{<", LazyPattern(r"\{\{<\s*(?:include|embed)\b")),
    ("asis", LazyPattern(r"\basis\b")),
    ("label", LazyPattern(r"label[ \t]*[:=][ \t]*!?(?:expr|paste|sprintf|glue)")),
)
_NOTEBOOK = ".ipynb"
# Each pattern of a label, with a string a text must hold for it to match (line-start patterns are slow to search).
_LABELS: tuple[tuple[str | None, re.Pattern[str] | LazyPattern], ...] = (
    (None, _ATTRIBUTE),
    ("label:", _OPTION),
    ("label", _INLINE_OPTION),
    (None, _CHUNK_HEADER),
    ("\\label", _LATEX_LABEL),
)


def labels_in(text: str) -> frozenset[str] | None:
    """The labels a document defines, or None when some may be made where loccit cannot see them."""
    if any(mark in text and pattern.search(text) for mark, pattern in _UNKNOWABLE):
        return None
    return frozenset(
        m.group(1) for mark, pattern in _LABELS if mark is None or mark in text for m in pattern.finditer(text)
    )


@functools.lru_cache(maxsize=4096)
def _file_labels(path: str, mtime: int) -> frozenset[str] | None:
    text = read_text(path)
    return None if text is None else labels_in(text)


@functools.lru_cache(maxsize=64)
def _project_files(root: str) -> tuple[str, ...]:
    """The files of a project, walked once per run (hidden folders, `_` folders and node_modules left out)."""
    found: list[str] = []
    for top, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith((".", "_")) and d != "node_modules"]
        found.extend(os.path.join(top, name) for name in names)
    return tuple(found)


def is_quarto(doc: Document) -> bool:
    """Whether Quarto renders the document: a `.qmd`, front matter naming a `format:`, or a `_quarto.yml` project."""
    if doc.path.lower().endswith(".qmd") or (doc.metadata is not None and doc.metadata.quarto):
        return True
    root = project_root(os.path.dirname(os.path.abspath(doc.path)))
    return root is not None and any(os.path.isfile(os.path.join(root, n)) for n in ("_quarto.yml", "_quarto.yaml"))


def crossref_labels(doc: Document) -> frozenset[str] | None:
    """Every label the document's Quarto project defines (the document's own first); None when unknowable."""
    own = labels_in(doc.text)
    if own is None:
        return None
    labels = set(own)
    siblings, in_project = sibling_documents(doc)
    if not in_project:
        return frozenset(labels)
    if any(
        path.endswith(_NOTEBOOK)
        for path in _project_files(project_root(os.path.dirname(os.path.abspath(doc.path))) or "")
    ):
        return None  # a notebook's labels are in JSON strings
    for path in siblings:
        try:
            found = _file_labels(path, os.stat(path).st_mtime_ns)
        except OSError:
            return None
        if found is None:
            return None
        labels |= found
    return frozenset(labels)


def with_crossref_labels(doc: Document) -> Document:
    """The document with its project's cross-reference labels, when it is a Quarto document citing `@fig-x`."""
    refers = any("-" in ref.key[:4] for ref in doc.cross_references)
    if not (refers or doc.key_bibliography is not None) or not is_quarto(doc):
        return doc
    return dataclasses.replace(doc, quarto=True, crossref_labels=crossref_labels(doc) if refers else None)
