"""The registry: every rule loccit knows, in code order."""

from __future__ import annotations

from loccit.linter.diagnostics import Rule
from loccit.rules import errors, notes

RULES: tuple[Rule, ...] = (*notes.RULES, *errors.RULES)

BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
