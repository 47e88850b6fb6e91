"""Whether citeproc renders a document's citations, as its YAML metadata says (read line by line, no parser).

Pandoc's citeproc reads a citation's locator terms (`p.`, `chap.`); LaTeX's biblatex and natbib (Quarto's
`cite-method`) and Typst's own bibliography (Quarto's default for `format: typst`) print a citation's suffix as
written instead, so a locator term there is no matter of pandoc's locale.
"""

from __future__ import annotations

import re

_CITEPROC = re.compile(r"^citeproc[ \t]*:[ \t]*[\"']?(true|false|yes|no)\b", re.M | re.I)
_CITE_METHOD = re.compile(r"^[ \t]*cite-method[ \t]*:[ \t]*[\"']?(?:biblatex|natbib)\b", re.M)
_FORMAT = re.compile(r"^format[ \t]*:[ \t]*([^\n#]*)", re.M)
_KEY = re.compile(r"([ \t]*)([\w.+-]+)[ \t]*:")
_LATEX_FORMATS = ("pdf", "latex", "beamer")


def _formats(yaml_text: str) -> list[str]:
    """The output formats a top-level `format:` names: a scalar, a flow list or the keys of a mapping."""
    found = _FORMAT.search(yaml_text)
    if found is None:
        return []
    value = found.group(1).strip().strip("\"'")
    if value:
        return [name.strip().strip("\"'") for name in value.strip("[]").split(",") if name.strip()]
    names: list[str] = []
    indent = None
    for line in yaml_text[found.end() :].split("\n")[1:]:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key = _KEY.match(line)
        width = len(line) - len(line.lstrip())
        if width == 0:
            break  # the next top-level key
        if indent is None:
            indent = width
        if width == indent and key is not None:
            names.append(key.group(2))
    return names


def _is(name: str, kinds: tuple[str, ...]) -> bool:
    """Whether a format is one of kinds, or a custom format built on one (`acm-pdf`, `ams-typst`)."""
    return any(name == kind or name.endswith("-" + kind) for kind in kinds)


def renders_with_citeproc(yaml_text: str) -> bool | None:
    """False when citeproc renders none of the citations (`citeproc: false`, only Typst formats, or only LaTeX
    formats with `cite-method: biblatex` or `natbib`); True when it renders some (`citeproc: true`, another
    format); None when the text names no format."""
    said = _CITEPROC.search(yaml_text)
    if said is not None:
        return said.group(1).lower() in ("true", "yes")
    formats = _formats(yaml_text)
    if not formats:
        return None
    if all(_is(name, ("typst",)) for name in formats):
        return False
    if all(_is(name, _LATEX_FORMATS) for name in formats) and _CITE_METHOD.search(yaml_text):
        return False
    return True  # a format citeproc renders (HTML, Word, PDF through pandoc): it overrides a project's Typst
