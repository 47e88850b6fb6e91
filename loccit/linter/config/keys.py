"""Validation of each configuration key and value, with one clear line per mistake."""

from __future__ import annotations

import dataclasses
import math
import os
import re
import typing
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple, NoReturn

from loccit.linter.citations import page_style
from loccit.linter.diagnostics import Rule, Severity
from loccit.linter.patterns import LazyPattern

NOTE_STYLES = ("footnote", "numeric", "auto")
PAGE_STYLES = page_style.STYLES
SEVERITIES = tuple(s.value for s in Severity)
FAMILIES = "NBPSFE"
_CODE_SHAPE = re.compile(r"[A-Z]\d{0,3}")
# The range of a rule's numeric option, by the end of its name: rapidfuzz scores and fractions.
NUMBER_RANGES = (("min_score", 0.0, 100.0), ("fraction", 0.0, 1.0))


class ConfigError(Exception):
    """A configuration mistake: one line naming the file, the key and what is allowed."""


class Where(NamedTuple):
    """Where a table was read from, for error messages: the file as shown and the key prefix."""

    file: str
    prefix: str = ""

    def fail(self, key: str, problem: str) -> NoReturn:
        """Raise a ConfigError for a key."""
        raise ConfigError(f"{self.file}: {self.prefix}{key}: {problem}")


def type_name(value: object) -> str:
    """The TOML name of a value's type."""
    for kind, name in ((bool, "a boolean"), (int, "an integer"), (float, "a float"), (str, "a string")):
        if isinstance(value, kind):
            return name
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def suggest(word: str, choices: Sequence[str]) -> str:
    """`; did you mean "x"?` for the closest choice, or nothing."""
    import difflib  # only a mistake needs it

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close:
        close = [c for c in choices if c.lower() == word.lower()]
    return f'; did you mean "{close[0]}"?' if close else ""


def choice(where: Where, key: str, value: object, allowed: Sequence[str]) -> str:
    """A string that must be one of a few values."""
    if not isinstance(value, str) or value not in allowed:
        shown = f'"{value}"' if isinstance(value, str) else type_name(value)
        hint = suggest(value, allowed) if isinstance(value, str) else ""
        where.fail(key, f"must be one of {', '.join(allowed)}, not {shown}{hint}")
    return value


def strings(where: Where, key: str, value: object, what: str = "strings") -> tuple[str, ...]:
    """An array of strings."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        got = (
            type_name(value)
            if not isinstance(value, list)
            else "an array with " + next(type_name(v) for v in value if not isinstance(v, str))
        )
        where.fail(key, f"must be an array of {what}, not {got}")
    return tuple(value)


def patterns_to_walk(where: Where, key: str, value: object) -> tuple[str, ...]:
    """A non-empty array of file name patterns: an empty one would walk nothing, which is never what is meant."""
    found = strings(where, key, value, "file name patterns")
    if not found:
        where.fail(key, 'must name at least one pattern, such as "*.md"')
    return found


def code(where: Where, key: str, value: str, rules: Sequence[Rule], exact: bool = False) -> str:
    """A rule code, or (unless exact) a prefix such as "N" or "N00", or "ALL"."""
    codes = [r.code for r in rules]
    if value in codes or (not exact and value == "ALL"):
        return value
    names = {r.name: r.code for r in rules}
    if value in names:
        where.fail(key, f'"{value}" is a rule name; use its code "{names[value]}"')
    is_prefix = _CODE_SHAPE.fullmatch(value) and (value in FAMILIES or any(c.startswith(value) for c in codes))
    if not exact and is_prefix:
        return value
    allowed = "a rule code" if exact else 'a rule code, a prefix such as "N" or "N00", or "ALL"'
    where.fail(key, f'unknown rule code "{value}"{suggest(value, codes)} (expected {allowed})')


def codes(where: Where, key: str, value: object, rules: Sequence[Rule]) -> tuple[str, ...]:
    """An array of rule codes or prefixes."""
    return tuple(code(where, key, item, rules) for item in strings(where, key, value, 'rule codes like ["N001", "B"]'))


def table(where: Where, key: str, value: object) -> Mapping[str, Any]:
    """A TOML table."""
    if not isinstance(value, dict):
        where.fail(key, f"must be a table, not {type_name(value)}")
    return value


def number(where: Where, key: str, value: object, low: float, high: float) -> float:
    """A number within [low, high] (never nan)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        shown = value if isinstance(value, (int, float)) and not isinstance(value, bool) else type_name(value)
        where.fail(key, f"must be a number from {low:g} to {high:g}, not {shown}")
    return float(value)


_SIZE = LazyPattern(r"(\d+(?:\.\d+)?)\s*(bytes|B|kB|KB|MB|GB)?", re.I)
_UNITS = {"": 1, "b": 1, "bytes": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9}


def size(where: Where, key: str, value: object) -> int:
    """A size in bytes: an integer, or a string such as "20 MB" or "500 kB" (decimal units); 0 means no limit."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    match = _SIZE.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        shown = f'"{value}"' if isinstance(value, str) else value if isinstance(value, int) else type_name(value)
        where.fail(key, f'must be a size in bytes, or a string such as "20 MB", not {shown}')
    return int(float(match.group(1)) * _UNITS[(match.group(2) or "").lower()])


def _option_number(where: Where, key: str, value: float) -> float:
    """A rule option's number: within its range when its name has one (NUMBER_RANGES), else at least finite."""
    name = key.rsplit(".", 1)[-1]
    for suffix, low, high in NUMBER_RANGES:
        if name.endswith(suffix):
            return number(where, key, value, low, high)
    if not math.isfinite(value):
        where.fail(key, f"must be a finite number, not {value}")
    return value


def patterns(where: Where, key: str, value: object) -> tuple[str, ...]:
    """An array of gitignore-style patterns, each one that pathspec can compile."""
    items = strings(where, key, value, "gitignore-style patterns")
    for item in items:
        pattern(where, key, item)
    return items


def pattern(where: Where, key: str, item: str) -> str:
    """One gitignore-style pattern ("!" alone or a range such as "[z-a]" is refused)."""
    import pathspec  # only configurations with patterns need it

    try:
        pathspec.GitIgnoreSpec.from_lines([item])
    except (ValueError, re.error):
        where.fail(key, f'invalid gitignore-style pattern "{item}"')
    return item


def paths(where: Where, key: str, value: object, root: str) -> tuple[str, ...]:
    """An array of existing files, relative to the configuration file's directory."""
    found = []
    for item in strings(where, key, value, "file paths"):
        path = os.path.normpath(os.path.join(root, item))
        if not os.path.isfile(path):
            where.fail(key, f'file "{item}" does not exist (paths are relative to {root or "."})')
        found.append(path)
    return tuple(found)


def _convert(where: Where, key: str, value: object, kind: Any) -> object:
    """A TOML value as a field of an options dataclass wants it."""
    origin = typing.get_origin(kind)
    if kind is bool and isinstance(value, bool):
        return value
    if kind is int and isinstance(value, int) and not isinstance(value, bool):
        _option_number(where, key, value)
        return value
    if kind is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return _option_number(where, key, float(value))
    if kind is str and isinstance(value, str):
        return value
    if origin in (frozenset, tuple, list, set) and isinstance(value, list):
        items = strings(where, key, value)
        return frozenset(items) if origin in (frozenset, set) else tuple(items) if origin is tuple else list(items)
    if origin is typing.Literal and value in typing.get_args(kind):
        return value
    expected = {bool: "a boolean", int: "an integer", float: "a number", str: "a string"}.get(kind)
    if origin in (frozenset, tuple, list, set):
        expected = "an array of strings"
    if origin is typing.Literal:
        expected = "one of " + ", ".join(map(str, typing.get_args(kind)))
    if expected is None:  # a type TOML cannot spell: let the dataclass judge
        return value
    shown = f'"{value}"' if isinstance(value, str) else type_name(value)
    where.fail(key, f"must be {expected}, not {shown}")


def rule_options(where: Where, rule: Rule, value: object) -> dict[str, object]:
    """A rule's option table checked against its options dataclass: names, types and the class's own checks."""
    options = table(where, rule.code, value)
    fields = {f.name: f for f in dataclasses.fields(rule.options)} if dataclasses.is_dataclass(rule.options) else {}
    hints = typing.get_type_hints(rule.options) if fields else {}
    checked: dict[str, object] = {}
    for name, item in options.items():
        key = f"{rule.code}.{name}"
        if name not in fields:
            allowed = ", ".join(fields) or "none"
            hint = suggest(name, list(fields)) or suggest(name.replace("-", "_"), list(fields))
            where.fail(key, f'unknown option "{name}" for rule {rule.code} ({rule.name}){hint} (options: {allowed})')
        checked[name] = _convert(where, key, item, hints[name])
    try:
        rule.options(**checked)
    except (TypeError, ValueError) as error:
        where.fail(rule.code, str(error))
    return checked


def per_file(where: Where, key: str, value: object, rules: Sequence[Rule]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A table of glob patterns to arrays of rule codes."""
    globs = table(where, key, value)
    return tuple(
        (pattern(where, key, glob), codes(where, f"{key}.{glob}", listed, rules)) for glob, listed in globs.items()
    )


def severity(where: Where, key: str, value: object, rules: Sequence[Rule]) -> dict[str, Severity]:
    """A table of rule codes or prefixes to severities."""
    levels = table(where, key, value)
    return {
        code(where, f"{key}.{name}", name, rules): Severity(choice(where, f"{key}.{name}", level, SEVERITIES))
        for name, level in levels.items()
    }


def rule_tables(where: Where, key: str, value: object, rules: Sequence[Rule]) -> dict[str, Mapping[str, object]]:
    """A table of rule codes to their option tables."""
    by_code = {rule.code: rule for rule in rules}
    tables = table(where, key, value)
    inner = Where(where.file, f"{where.prefix}{key}.")
    return {
        name: rule_options(inner, by_code[code(inner, name, name, rules, exact=True)], options)
        for name, options in tables.items()
    }


def headings(where: Where, key: str, value: object) -> tuple[str, ...]:
    """Heading names, as patterns that ignore case and spacing."""
    names = strings(where, key, value, "heading names")
    return tuple(r"\s+".join(re.escape(word) for word in name.split()) for name in names if name.split())
