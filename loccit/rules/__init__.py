"""The registry: every rule loccit knows, in code order."""

from __future__ import annotations

from loccit.linter.diagnostics import Rule
from loccit.rules import form, marker_placement, notes, pages

RULES: tuple[Rule, ...] = (*form.RULES, *notes.RULES, *marker_placement.RULES, *pages.RULES)

BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
