"""Configuration: find the nearest `[tool.loccit]`, `loccit.toml` or `.loccit.toml`, validate it, build Settings."""

from __future__ import annotations

import dataclasses
import functools
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from loccit.linter.config import keys
from loccit.linter.config.keys import ConfigError, Where
from loccit.linter.config.settings import Settings, select_rules
from loccit.linter.diagnostics import Rule, Severity
from loccit.linter.markdown import sections
from loccit.linter.model import NoteStyle

if TYPE_CHECKING:
    import pathspec

__all__ = ["CONFIG_FILES", "Config", "ConfigError", "Overrides", "discover", "load"]

# Nearest directory wins; within one directory, the first of these that configures loccit.
CONFIG_FILES = (".loccit.toml", "loccit.toml", "pyproject.toml")
DEFAULT = "default"
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.qmd", "*.rmd")  # Markdown, Quarto and R Markdown; case is ignored
COMMAND_LINE = "command line"


@dataclass(frozen=True, eq=False)
class Config:
    """One validated configuration, and where each value came from."""

    path: str | None = None
    root: str = "."
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    notes: str = "auto"
    bibliography_headings: tuple[str, ...] = ()
    notes_headings: tuple[str, ...] = ()
    page_style: str | None = None
    min_score: float | None = None
    max_file_size: int = Settings.max_file_size
    bibliography: tuple[str, ...] = ()
    listed_bibliography: tuple[str, ...] = ()  # the bibliography paths as written, for messages
    rules: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    origin: Mapping[str, str] = field(default_factory=dict)

    def source(self, key: str) -> str:
        """Where a key's value came from: the file, the command line, or the default."""
        return self.origin.get(key, DEFAULT)


@dataclass(frozen=True)
class Overrides:
    """Settings given on the command line; None or empty leaves the configuration's value."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    notes: str | None = None
    page_style: str | None = None
    allow_outside_root: bool = False  # bibliography files may lie outside the configuration's directory


def _registry() -> tuple[Rule, ...]:
    from loccit.rules import RULES

    return RULES


def _readers(root: str, rules: Sequence[Rule]) -> dict[str, Any]:
    """Each key's validator, returning (field name, value)."""
    return {
        "select": lambda w, k, v: keys.codes(w, k, v, rules),
        "ignore": lambda w, k, v: keys.codes(w, k, v, rules),
        "extend-select": lambda w, k, v: keys.codes(w, k, v, rules),
        "per-file-ignores": lambda w, k, v: keys.per_file(w, k, v, rules),
        "exclude": keys.patterns,
        "include": keys.patterns_to_walk,
        "severity": lambda w, k, v: keys.severity(w, k, v, rules),
        "notes": lambda w, k, v: keys.choice(w, k, v, keys.NOTE_STYLES),
        "bibliography-headings": keys.headings,
        "notes-headings": keys.headings,
        "page-style": lambda w, k, v: keys.choice(w, k, v, keys.PAGE_STYLES),
        "min-score": lambda w, k, v: keys.number(w, k, v, 0, 100),
        "max-file-size": keys.size,
        "bibliography": lambda w, k, v: keys.paths(w, k, v, root),
        "rules": lambda w, k, v: keys.rule_tables(w, k, v, rules),
    }


KEYS = tuple(_readers(".", ()))


def validate(table: Mapping[str, Any], where: Where, root: str, shown: str) -> Config:
    """Check every key and value of a loccit table; the first mistake raises ConfigError."""
    readers = _readers(root, _registry())
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in readers:
            hint = keys.suggest(key, KEYS) or keys.suggest(key.replace("_", "-"), KEYS)
            where.fail(key, f"unknown key{hint} (allowed: {', '.join(KEYS)})")
        values[key.replace("-", "_")] = readers[key](where, key, value)
    origin = {name: shown for name in values}
    if "bibliography" in values:
        values["listed_bibliography"] = tuple(table["bibliography"])
    return Config(path=shown, root=root, origin=origin, **values)


def _read_toml(path: str, shown: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):  # imported here: a tree without configuration files never needs it
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib  # type: ignore[import-not-found,no-redef,unused-ignore]
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{shown}: invalid TOML: {error}") from error
    except UnicodeDecodeError as error:
        byte = error.object[error.start]
        problem = f"not valid UTF-8 (byte 0x{byte:02x} at offset {error.start})"
        raise ConfigError(f"{shown}: invalid TOML: {problem}") from error
    except RecursionError as error:  # tomllib parses nested arrays and tables recursively
        raise ConfigError(f"{shown}: invalid TOML: nested too deeply") from error
    except OSError as error:
        raise ConfigError(f"{shown}: cannot read configuration: {error.strerror or error}") from error


def _shown(path: str) -> str:
    relative = os.path.relpath(path)
    return path if relative.startswith(os.pardir) else relative


@functools.lru_cache(maxsize=256)
def load(path: str, forced: bool = False) -> Config | None:
    """Read and validate one file; None for a pyproject.toml without [tool.loccit] (unless forced)."""
    shown = _shown(path)
    data = _read_toml(path, shown)
    root = os.path.dirname(os.path.abspath(path))
    if os.path.basename(path) == "pyproject.toml":
        tool = data.get("tool", {})
        if "loccit" not in tool:
            return Config(path=shown, root=root) if forced else None
        return validate(
            keys.table(Where(shown), "tool.loccit", tool["loccit"]), Where(shown, "tool.loccit."), root, shown
        )
    return validate(data, Where(shown), root, shown)


@functools.lru_cache(maxsize=1024)
def _nearest(directory: str) -> Config:
    for name in CONFIG_FILES:
        candidate = os.path.join(directory, name)
        if os.path.isfile(candidate):
            found = load(candidate)
            if found is not None:
                return found
    parent = os.path.dirname(directory)
    return _nearest(parent) if parent != directory else Config(root=os.getcwd())


@functools.lru_cache(maxsize=16)
def _default(root: str) -> Config:
    """The default configuration, one object per root: the settings of a file are cached by its configuration's
    identity, and `--isolated` asks for the configuration of every file."""
    return Config(root=root)


def clear_cache() -> None:
    """Forget files read so far (a long-lived process or a test may change them)."""
    load.cache_clear()
    _nearest.cache_clear()
    _default.cache_clear()
    _settings.cache_clear()


def discover(path: str, forced: str | None = None, isolated: bool = False) -> Config:
    """The configuration for a file: the forced one, none when isolated, else the nearest up the tree."""
    if isolated:
        return _default(os.getcwd())
    if forced is not None:
        if not os.path.isfile(forced):
            raise ConfigError(f"{forced}: configuration file does not exist")
        return load(os.path.abspath(forced), forced=True) or _default(os.getcwd())
    start = os.getcwd() if path == "-" else os.path.dirname(os.path.abspath(path))
    return _nearest(start)


def _outside_root(config: Config) -> str | None:
    """The first bibliography file, as listed, that lies outside the configuration's directory (links resolved)."""
    root = os.path.realpath(config.root)
    for listed, path in zip(config.listed_bibliography, config.bibliography, strict=True):
        real = os.path.realpath(path)
        try:
            inside = os.path.commonpath([root, real]) == root
        except ValueError:  # another drive
            inside = False
        if not inside:
            return listed
    return None


def apply(config: Config, overrides: Overrides) -> Config:
    """The configuration with command-line values in place of its own (ConfigError for a bibliography file
    outside the project root, unless the command line allows it)."""
    outside = None if overrides.allow_outside_root else _outside_root(config)
    if outside is not None:
        prefix = "tool.loccit." if os.path.basename(config.path or "") == "pyproject.toml" else ""
        raise ConfigError(
            f'{config.path}: {prefix}bibliography: file "{outside}" is outside the project root ({config.root}); '
            "pass --allow-outside-root to use it"
        )
    changes: dict[str, Any] = {}
    for name in ("select", "ignore", "extend_select", "notes", "page_style"):
        value = getattr(overrides, name)
        if value:
            changes[name] = value
    if overrides.ignore:  # --ignore adds to the configured ignores, as ruff's does
        changes["ignore"] = config.ignore + overrides.ignore
    if not changes:
        return config
    origin = {**config.origin, **{name: COMMAND_LINE for name in changes}}
    return dataclasses.replace(config, origin=origin, **changes)


def included(config: Config) -> tuple[str, ...]:
    """The file name patterns a directory walk checks (`include`, else Markdown files)."""
    return config.include or DEFAULT_INCLUDE


def excluded(config: Config, path: str) -> bool:
    """Whether the configuration's `exclude` patterns leave a file out (standard input never is)."""
    return matches(config.root, config.exclude, path)


def matches(root: str, patterns: tuple[str, ...], path: str) -> bool:
    """Whether gitignore-style patterns, relative to root, match a file."""
    if not patterns or path == "-":
        return False
    relative = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
    if os.path.isdir(path):  # a directory a walk could not list, reported unless excluded ("drafts/")
        relative += "/"
    return bool(_spec(patterns).match_file(relative))


@functools.lru_cache(maxsize=64)
def _spec(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def per_file_ignores(config: Config, path: str) -> tuple[str, ...]:
    """The codes that per-file-ignores turns off for a file (patterns are relative to the config's directory)."""
    if not config.per_file_ignores or path == "-":
        return ()
    import pathspec

    relative = os.path.relpath(os.path.abspath(path), config.root).replace(os.sep, "/")
    ignored: list[str] = []
    for pattern, codes in config.per_file_ignores:
        if pathspec.GitIgnoreSpec.from_lines([pattern]).match_file(relative):
            ignored.extend(codes)
    return tuple(ignored)


def _severities(config: Config, rules: Sequence[Rule]) -> dict[str, Severity]:
    levels: dict[str, Severity] = {}
    for rule in rules:  # the longest matching prefix wins: N = "warning" then N001 = "error"
        matches = [p for p in config.severity if p == "ALL" or rule.code.startswith(p)]
        if matches:
            levels[rule.code] = config.severity[max(matches, key=lambda p: 0 if p == "ALL" else len(p))]
    return levels


def _options(config: Config, rule: Rule) -> object:
    if not dataclasses.is_dataclass(rule.options):
        return rule.options()
    names = {f.name for f in dataclasses.fields(rule.options)}
    values: dict[str, object] = {}
    if config.page_style is not None and "style" in names:
        values["style"] = config.page_style
    if config.min_score is not None and "min_score" in names:
        values["min_score"] = config.min_score
    values.update(config.rules.get(rule.code, {}))
    if config.page_style is not None and "style" in names and config.source("page_style") == COMMAND_LINE:
        values["style"] = config.page_style  # the command line wins over a rule's own table too
    return rule.options(**values)


def settings(config: Config, path: str = "-") -> Settings:
    """The Settings for one file: its rules after select, ignore and per-file-ignores, with severities and options."""
    return _settings(config, per_file_ignores(config, path))


@functools.lru_cache(maxsize=256)
def _settings(config: Config, extra_ignores: tuple[str, ...]) -> Settings:
    registry = _registry()
    rules = select_rules(registry, config.select, config.ignore + extra_ignores, config.extend_select)
    return Settings(
        rules=rules,
        severities=_severities(config, rules),
        options={rule.code: _options(config, rule) for rule in rules},
        style=None if config.notes == "auto" else NoteStyle(config.notes),
        bibliography_headings=sections.BIBLIOGRAPHY_HEADINGS + config.bibliography_headings,
        notes_headings=sections.NOTES_HEADINGS + config.notes_headings,
        max_file_size=config.max_file_size,
        root=config.root,
        exclude=config.exclude,
    )
