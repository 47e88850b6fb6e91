"""One `loccit check` run: find and validate every configuration first, then check the projects, or show settings."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from loccit.linter import cache
from loccit.linter.config import discovery as config
from loccit.linter.config import keys
from loccit.linter.config.discovery import Config, Overrides
from loccit.linter.config.settings import Settings
from loccit.linter.diagnostics import Diagnostic
from loccit.linter.engine import project
from loccit.linter.engine.files import expand_paths

if TYPE_CHECKING:
    from loccit.linter.engine import fixes


@dataclass(frozen=True)
class Request:
    """What the command line asked for."""

    paths: tuple[str, ...]
    overrides: Overrides = Overrides()
    config_file: str | None = None
    isolated: bool = False
    stdin: bytes | None = None
    jobs: int = 1


@dataclass
class Configs:
    """The configuration of each file, with the command line applied, read and validated once per file."""

    request: Request
    _applied: dict[int, tuple[Config, Config]] = field(default_factory=dict)

    def __call__(self, path: str) -> Config:
        base = config.discover(path, self.request.config_file, self.request.isolated)
        if id(base) not in self._applied:  # the base is kept in the value, so its id stays its own
            self._applied[id(base)] = (base, config.apply(base, self.request.overrides))
        return self._applied[id(base)][1]

    def settings(self, path: str) -> Settings:
        """The Settings for a file."""
        return config.settings(self(path), path)


def check_overrides(overrides: Overrides) -> None:
    """Validate rule codes given on the command line, as configuration values are."""
    from loccit.rules import RULES

    where = keys.Where("command line")
    for name in ("select", "ignore", "extend_select"):
        for code in getattr(overrides, name):
            keys.code(where, "--" + name.replace("_", "-"), code, RULES)


def prepare(request: Request) -> tuple[list[str], Configs]:
    """Every file to check, with every configuration that applies already validated (ConfigError otherwise)."""
    config.clear_cache()
    cache.clear_run()
    check_overrides(request.overrides)
    configs = Configs(request)
    walked = lambda directory: config.included(configs(os.path.join(directory, "-")))  # noqa: E731
    files = [path for path in expand_paths(request.paths, include=walked) if not config.excluded(configs(path), path)]
    for path in files or ["-"]:
        configs(path)
    return files, configs


def check(
    request: Request,
    files: Sequence[str],
    configs: Configs,
    progress: Callable[[], None] | None = None,
    digests: project.Digests | None = None,
) -> list[Diagnostic]:
    """Check the files, project by project, and return every finding sorted (digests: see project.lint_all)."""
    units = project.plan(request.paths, configs)
    found = project.lint_all(units, configs.settings, request.stdin, progress, request.jobs, digests)
    # Chapters sharing a bibliography file each report its problems: the same finding is shown once.
    return sorted({(d, d.message): d for d in found}.values())


def check_and_fix(
    request: Request, files: Sequence[str], configs: Configs, unsafe: bool, progress: Callable[[], None] | None = None
) -> fixes.Outcome:
    """Check the files, fix them, and check them again until nothing fixable is left (see fixes.fix_files)."""
    from loccit.linter.engine import fixes  # only --fix writes files

    def lint(progress: Callable[[], None] | None = None) -> fixes.Checked:
        digests: project.Digests = {}
        return fixes.Checked(check(request, files, configs, progress, digests), digests)

    return fixes.fix_files(lint(progress), lint, configs.settings, unsafe)


def _toml(value: object) -> str:
    import json  # only --show-settings prints values

    if isinstance(value, (tuple, list, frozenset)):
        items = sorted(value) if isinstance(value, frozenset) else value
        return "[" + ", ".join(_toml(item) for item in items) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {_toml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return '"(not set)"'
    return json.dumps(value if isinstance(value, (int, float)) else str(value), ensure_ascii=False)


def _reading(path: str, configs: Configs) -> tuple[str, str]:
    """How the file is read (Markdown or pasted plain text) and its citation system, each with why."""
    from loccit.linter.engine.check import parse_bytes
    from loccit.linter.engine.files import read
    from loccit.linter.matching.system import citation_system

    try:
        doc, _ = parse_bytes(path, read(path, configs.request.stdin), configs.settings(path))
    except OSError as error:
        return f"unknown (cannot read it: {error.strerror or error})", ""
    if doc is None:
        return "nothing (not UTF-8 text)", ""
    found = citation_system(doc)
    return f"{doc.reading} ({doc.reading_reason})", f"{found.system.value} ({found.reason})"


def show_settings(path: str, configs: Configs, stream: TextIO) -> None:
    """Print the settings that apply to one file and where each came from."""
    cfg = configs(path)
    settings = configs.settings(path)
    stream.write(f"# settings for {path}\n# configuration: {cfg.path or 'none found (defaults)'}\n")
    rows = {
        "select": cfg.select or "(rules enabled by default)",
        "ignore": cfg.ignore,
        "extend-select": cfg.extend_select,
        "per-file-ignores": {glob: list(codes) for glob, codes in cfg.per_file_ignores},
        "exclude": cfg.exclude,
        "include": config.included(cfg),
        "severity": {code: level.value for code, level in cfg.severity.items()},
        "notes": cfg.notes,
        "bibliography-headings": cfg.bibliography_headings,
        "notes-headings": cfg.notes_headings,
        "page-style": cfg.page_style or "consistent",
        "min-score": cfg.min_score,
        "max-file-size": cfg.max_file_size,
        "bibliography": tuple(os.path.relpath(p) for p in cfg.bibliography),
    }
    for key, value in rows.items():
        line = f"{key} = {_toml(value)}"
        stream.write(f"{line:<60} # {cfg.source(key.replace('-', '_'))}\n")
    reading, system = _reading(path, configs)
    stream.write(f"# read as: {reading}\n")
    if system:
        stream.write(f"# citation system: {system}\n")
    if config.excluded(cfg, path):
        stream.write("# exclude matches this file: it is not checked\n")
    ignored = config.per_file_ignores(cfg, path)
    if ignored:
        stream.write(f"# per-file-ignores matching this file: {', '.join(ignored)}\n")
    stream.write("\n# rules that run on this file (code, name, severity, options)\n")
    for rule in settings.rules:
        options = settings.options.get(rule.code)
        fields = getattr(options, "__dataclass_fields__", {})
        shown = ", ".join(f"{name} = {_toml(getattr(options, name))}" for name in fields)
        origin = f"  # options from {cfg.source('rules')}" if rule.code in cfg.rules else ""
        stream.write(
            f"{rule.code} {rule.name} {settings.severity(rule).value}{'  ' + shown if shown else ''}{origin}\n"
        )
