"""YAML metadata as pandoc and Quarto read it for citations: `bibliography`, `references`, `nocite` and
`metadata-files`, from front matter, `_quarto.yml`, `_metadata.yml` or a metadata file."""

from __future__ import annotations

import re
from typing import Any

from loccit.linter.bibfiles import yamlnodes
from loccit.linter.bibfiles.citeproc import read_rendering
from loccit.linter.bibfiles.csl import csl_entries
from loccit.linter.model import LineIndex, Metadata, Named
from loccit.linter.patterns import LazyPattern

# Only metadata naming one of these at its top level is read with PyYAML: most front matter is a title and a date.
_CITATION_KEYS = re.compile(r"^(?:bibliography|references|nocite|metadata-files)[ \t]*:", re.M)
_READ_KEYS = re.compile(
    r"^(?:bibliography|references|nocite|metadata-files|lang|locale|csl|citation-style|format|crossref|citeproc"
    r"|cite-method)[ \t]*:",
    re.M,
)
_NOCITE_KEY = LazyPattern(r"@(\*|\{[^{}\s]+\}|[\w][\w:.#$%&+?<>~/-]*[\w])|@([\w*])")


def mentions_citations(text: str) -> bool:
    """Whether YAML text may name a bibliography, references or nocite keys (a cheap look before parsing)."""
    return _CITATION_KEYS.search(text) is not None


def _nocite(node: Any) -> tuple[str, ...]:
    keys = []
    for match in _NOCITE_KEY.finditer(yamlnodes.text_of(node)):
        key = match.group(1) or match.group(2)
        keys.append(key[1:-1] if key.startswith("{") else key)
    return tuple(keys)


def read_metadata(yaml_text: str, path: str, lines: LineIndex, base: int = 0) -> Metadata:
    """The citation metadata of YAML text found at offset base of a file (whose line index is lines)."""
    if _READ_KEYS.search(yaml_text) is None:
        return Metadata()
    try:
        root = yamlnodes.compose(yaml_text)
    except yamlnodes.YamlError as error:
        if not mentions_citations(yaml_text):
            return Metadata()  # of no matter to citations: other tools report broken front matter
        where = lines.span(base + error.offset, base + error.offset)
        return Metadata(problem=Named(f"the YAML cannot be read: {error}", path, where))
    bibliography = yamlnodes.get(root, "bibliography")
    references = yamlnodes.get(root, "references")
    found_references = None
    if references is not None:
        found_references = tuple(csl_entries(references, path, lines, base)[0])
    return Metadata(
        bibliography=None if bibliography is None else _named(bibliography, path, lines, base),
        references=found_references,
        nocite=_nocite(yamlnodes.get(root, "nocite")),
        metadata_files=_named(yamlnodes.get(root, "metadata-files"), path, lines, base),
        lang=_first_text(root, ("lang", "locale")),
        csl=next(iter(_named(_style_node(root), path, lines, base)), None),
        quarto=yamlnodes.get(root, "format") is not None or yamlnodes.get(root, "crossref") is not None,
        **read_rendering(root),
    )


def _style_node(root: Any) -> Any:
    return yamlnodes.get(root, "csl") or yamlnodes.get(root, "citation-style")


def _first_text(root: Any, names: tuple[str, ...]) -> str | None:
    for name in names:
        found = yamlnodes.scalars(yamlnodes.get(root, name))
        if found and str(found[0].value).strip():
            return str(found[0].value).strip()
    return None


def _named(node: Any, path: str, lines: LineIndex, base: int) -> tuple[Named, ...]:
    return tuple(
        Named(str(item.value).strip(), path, yamlnodes.span(item, lines, base))
        for item in yamlnodes.scalars(node)
        if str(item.value).strip()
    )


def merge_metadata(blocks: list[Metadata]) -> Metadata:
    """The metadata of a document's blocks, in order. Where two name a field, pandoc 3 keeps the later block's value
    and pandoc 2 the first's: every bibliography and reference is kept, so a key in any of them is found."""

    def joined(values: list[tuple[Any, ...] | None]) -> tuple[Any, ...] | None:
        present = [value for value in values if value is not None]
        return tuple(item for value in present for item in value) if present else None

    return Metadata(
        bibliography=joined([block.bibliography for block in blocks]),
        references=joined([block.references for block in blocks]),
        nocite=tuple(key for block in blocks for key in block.nocite),
        metadata_files=tuple(named for block in blocks for named in block.metadata_files),
        problem=blocks[0].problem,
        lang=next((block.lang for block in reversed(blocks) if block.lang), None),
        csl=next((block.csl for block in reversed(blocks) if block.csl), None),
        quarto=any(block.quarto for block in blocks),
        citeproc=next((block.citeproc for block in reversed(blocks) if block.citeproc is not None), None),
        formats=next((block.formats for block in reversed(blocks) if block.formats is not None), None),
        cite_method=next((block.cite_method for block in reversed(blocks) if block.cite_method), None),
    )
