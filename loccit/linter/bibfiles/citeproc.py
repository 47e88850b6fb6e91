"""Whether citeproc renders a document's citations, as its YAML metadata and its project's say.

Pandoc's citeproc reads a citation's locator terms (`p.`, `chap.`); LaTeX's biblatex and natbib (Quarto's
`cite-method`) and Typst's own bibliography (Quarto's default for `format: typst`) print a citation's suffix as
written instead, so a locator term there is no matter of pandoc's locale. Quarto merges a document's metadata
with its project's: a chapter's `format: pdf` takes the `cite-method` the project's `_quarto.yml` gives pdf.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from loccit.linter.bibfiles import yamlnodes
from loccit.linter.model import Metadata

_LATEX_FORMATS = ("pdf", "latex", "beamer")
_NATIVE_METHODS = ("biblatex", "natbib")
_TRUE, _FALSE = ("true", "yes", "on"), ("false", "no", "off")


def _scalar(node: Any) -> str | None:
    return str(node.value).strip() if yamlnodes.kind(node) == "scalar" and str(node.value).strip() else None


def read_rendering(root: Any) -> dict[str, Any]:
    """What a YAML mapping says of rendering citations: `citeproc:`, the formats `format:` names (a scalar, a
    list or a mapping's keys), each with its own `cite-method`, and a top-level `cite-method`."""
    said = (_scalar(yamlnodes.get(root, "citeproc")) or "").lower()
    node = yamlnodes.get(root, "format")
    formats: tuple[tuple[str, str | None], ...] | None = None
    if yamlnodes.kind(node) == "map":
        formats = tuple(
            (name, _scalar(yamlnodes.get(value, "cite-method"))) for name, _, value in yamlnodes.items(node)
        )
    elif yamlnodes.scalars(node):
        formats = tuple((name, None) for item in yamlnodes.scalars(node) if (name := _scalar(item)))
    return {
        "citeproc": True if said in _TRUE else False if said in _FALSE else None,
        "formats": formats or None,
        "cite_method": _scalar(yamlnodes.get(root, "cite-method")),
    }


def _is(name: str, kinds: tuple[str, ...]) -> bool:
    """Whether a format is one of kinds, or a custom format built on one (`acm-pdf`, `ams-typst`)."""
    return any(name == kind or name.endswith("-" + kind) for kind in kinds)


def renders_with_citeproc(layers: Sequence[Metadata]) -> bool | None:
    """Whether citeproc renders the citations of a document whose metadata layers are these, nearest first:
    False when it renders none (`citeproc: false`, only Typst formats, or only LaTeX formats whose `cite-method`
    is biblatex or natbib), True when it renders some, None when no layer names a format."""
    said = next((layer.citeproc for layer in layers if layer.citeproc is not None), None)
    if said is not None:
        return said
    formats = next((layer.formats for layer in layers if layer.formats), None)
    if formats is None:
        return None
    names = [name for name, _ in formats]
    if all(_is(name, ("typst",)) for name in names):
        return False

    def method(name: str) -> str | None:
        own = (dict(layer.formats or ()).get(name) for layer in layers)
        return next((m for m in own if m), None) or next(
            (layer.cite_method for layer in layers if layer.cite_method), None
        )

    if all(_is(name, _LATEX_FORMATS) and method(name) in _NATIVE_METHODS for name in names):
        return False
    return True  # a format citeproc renders (HTML, Word, PDF through pandoc): it overrides a project's Typst
