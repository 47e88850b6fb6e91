"""Settings: what to check in one essay and how, built from the configuration and the command line."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from loccit.linter.diagnostics import Rule, Severity
from loccit.linter.markdown.sections import BIBLIOGRAPHY_HEADINGS, NOTES_HEADINGS
from loccit.linter.model import NoteStyle


@dataclass(frozen=True)
class Settings:
    """What to check and how: the rules to run, their severities and options, the note style, the largest file."""

    rules: tuple[Rule, ...]
    severities: dict[str, Severity] = field(default_factory=dict)
    options: dict[str, object] = field(default_factory=dict)
    style: NoteStyle | None = None
    bibliography_headings: tuple[str, ...] = BIBLIOGRAPHY_HEADINGS
    notes_headings: tuple[str, ...] = NOTES_HEADINGS
    max_file_size: int = 20_000_000  # bytes; a larger file is not read (E001); 0: no limit
    root: str = "."  # the configuration's directory, which `exclude` patterns are relative to
    exclude: tuple[str, ...] = ()  # files never checked, nor read as companions of a checked file

    def severity(self, rule: Rule) -> Severity:
        """The configured severity of a rule."""
        return self.severities.get(rule.code, rule.severity)

    @property
    def codes(self) -> set[str]:
        """The codes of the rules to run."""
        return {rule.code for rule in self.rules}


def select_rules(
    rules: Sequence[Rule], select: Iterable[str] = (), ignore: Iterable[str] = (), extend: Iterable[str] = ()
) -> tuple[Rule, ...]:
    """Pick rules by code prefix: select replaces the defaults, extend adds to them, ignore removes."""
    select, ignore, extend = tuple(select), tuple(ignore), tuple(extend)

    def matches(rule: Rule, prefixes: tuple[str, ...]) -> bool:
        return any(rule.code.startswith(p.upper()) or p.upper() == "ALL" for p in prefixes)

    chosen = [r for r in rules if (matches(r, select) if select else r.enabled) or matches(r, extend)]
    return tuple(r for r in chosen if not matches(r, ignore))
