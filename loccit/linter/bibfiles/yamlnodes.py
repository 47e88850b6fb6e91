"""PyYAML's node tree, read without constructing Python values: `id: no` stays the string "no", and every
value keeps the line and column it was written at."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from loccit.linter.model import LineIndex, Span


class YamlError(Exception):
    """YAML that cannot be read: the message and the 0-based offset of the problem in the text."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


def compose(text: str) -> Any:
    """The root node of the first YAML document in text (None when empty); YamlError when it is not YAML."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.compose(text, Loader=loader)
    except yaml.composer.ComposerError as error:  # several documents: pandoc reads the first
        if "expected a single document" not in str(error):
            raise _error(error) from None
        return next(iter(yaml.compose_all(text, Loader=loader)), None)
    except yaml.YAMLError as error:
        raise _error(error) from None


def _error(error: Any) -> YamlError:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error).split("\n", 1)[0]
    return YamlError(str(problem), mark.index if mark is not None else 0)


def kind(node: Any) -> str:
    """ "map", "list", "scalar" or "" for no node."""
    name = type(node).__name__
    return {"MappingNode": "map", "SequenceNode": "list", "ScalarNode": "scalar"}.get(name, "")


def items(node: Any) -> Iterator[tuple[str, Any, Any]]:
    """A mapping's (key text, key node, value node), in order; nothing for another node."""
    if kind(node) != "map":
        return
    for key, value in node.value:
        if kind(key) == "scalar":
            yield str(key.value), key, value


def get(node: Any, name: str) -> Any:
    """The value node of a mapping's key, or None."""
    for key, _, value in items(node):
        if key == name:
            return value
    return None


def scalars(node: Any) -> list[Any]:
    """A scalar node alone, or the scalar nodes of a list."""
    if kind(node) == "scalar":
        return [node]
    if kind(node) == "list":
        return [item for item in node.value if kind(item) == "scalar"]
    return []


def text_of(node: Any) -> str:
    """A node's text flattened: a scalar's value, a list's or a mapping's values joined (names, dates)."""
    if kind(node) == "scalar":
        return str(node.value)
    if kind(node) == "list":
        return "; ".join(text_of(item) for item in node.value)
    if kind(node) == "map":
        return " ".join(text_of(value) for _, _, value in items(node))
    return ""


def span(node: Any, lines: LineIndex, base: int = 0) -> Span:
    """A node's span in the file, base being the offset its YAML text starts at; a block value ends its line."""
    start = base + node.start_mark.index
    end = base + node.end_mark.index
    line_end = lines.starts[lines.position(start)[0]] - 1 if lines.position(start)[0] < len(lines.starts) else end
    return lines.span(start, max(start, min(end, line_end)))
