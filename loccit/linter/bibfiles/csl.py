"""CSL-JSON (the standard library) and CSL-YAML (PyYAML nodes) bibliographies, with each entry's line."""

from __future__ import annotations

import re
from typing import Any

from loccit.linter.bibfiles import yamlnodes
from loccit.linter.bibfiles.spans import plain
from loccit.linter.model import BibEntry, BibFile, BibProblem, LineIndex, Span


class CslError(Exception):
    """A CSL file that cannot be read at all: the message and the offset of the problem."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


def _flat(value: Any) -> str:
    if isinstance(value, dict):
        return " ".join(_flat(v) for v in value.values())
    if isinstance(value, list):
        return "; ".join(_flat(v) for v in value)
    return "" if value is None else str(value)


def _where(text: str, lines: LineIndex, key: str, cursor: int) -> tuple[Span, int]:
    """The span of an item's id in a JSON text, searched from cursor (items come in file order), and the next cursor."""
    import json

    written = json.dumps(key, ensure_ascii=False)
    match = re.compile(r'"id"\s*:\s*' + re.escape(written)).search(text, cursor)
    if match is None:
        match = re.compile(r'"id"\s*:').search(text, cursor)
    if match is None:
        return lines.span(cursor, cursor), cursor
    start = match.end() - len(written) if match.group().endswith(written) else match.start()
    return lines.span(start, match.end()), match.end()


def parse_csl_json(path: str, text: str) -> BibFile:
    """Read a CSL-JSON array of items; CslError when the file is not JSON or not an array."""
    import json  # only a CSL-JSON bibliography needs it

    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CslError(f"not valid JSON: {error.msg}", error.pos) from None
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    if not isinstance(data, list):
        raise CslError("not a CSL-JSON array of items", 0)
    lines = LineIndex.of(text)
    cursor = 0
    entries: list[BibEntry] = []
    problems: list[BibProblem] = []
    for item in data:
        if not isinstance(item, dict):
            continue
        key = _flat(item.get("id"))
        where, cursor = _where(text, lines, key, cursor)
        if not key:
            problems.append(BibProblem("syntax", 'an item has no "id"; pandoc cannot cite it', where))
            continue
        fields = tuple((name.lower(), _flat(value), plain(where)) for name, value in item.items() if name != "id")
        entries.append(BibEntry(key, _flat(item.get("type")).lower(), fields, path, where))
    return BibFile(path, tuple(entries), tuple(problems), "csl-json")


def csl_entries(node: Any, path: str, lines: LineIndex, base: int = 0) -> tuple[list[BibEntry], list[BibProblem]]:
    """The entries of a YAML list of CSL items (a `references:` value), each at its `id`."""
    entries: list[BibEntry] = []
    problems: list[BibProblem] = []
    if yamlnodes.kind(node) != "list":
        return entries, problems
    for item in node.value:
        if yamlnodes.kind(item) != "map":
            continue
        id_node = yamlnodes.get(item, "id")
        where: Span = yamlnodes.span(id_node if id_node is not None else item, lines, base)
        if id_node is None or yamlnodes.kind(id_node) != "scalar" or not str(id_node.value):
            problems.append(BibProblem("syntax", 'an item has no "id"; pandoc cannot cite it', where))
            continue
        fields = tuple(
            (name.lower(), yamlnodes.text_of(value), plain(yamlnodes.span(key, lines, base)))
            for name, key, value in yamlnodes.items(item)
            if name != "id"
        )
        kind = yamlnodes.text_of(yamlnodes.get(item, "type")).lower()
        entries.append(BibEntry(str(id_node.value), kind, fields, path, where))
    return entries, problems


def parse_csl_yaml(path: str, text: str) -> BibFile:
    """Read a CSL-YAML file: a `references:` list (or a bare list of items); CslError when it is not YAML."""
    try:
        root = yamlnodes.compose(text)
    except yamlnodes.YamlError as error:
        raise CslError(f"not valid YAML: {error}", error.offset) from None
    lines = LineIndex.of(text)
    node = yamlnodes.get(root, "references") if yamlnodes.kind(root) == "map" else root
    if yamlnodes.kind(node) != "list":
        raise CslError('no "references:" list of items', 0)
    entries, problems = csl_entries(node, path, lines)
    return BibFile(path, tuple(entries), tuple(problems), "csl-yaml")
