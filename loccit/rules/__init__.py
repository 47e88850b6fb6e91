"""The registry: every rule loccit knows, in code order."""

from __future__ import annotations

from loccit.linter.diagnostics import Rule
from loccit.rules import bibliography, errors, form, marker_placement, notes, pages, short_forms

RULES: tuple[Rule, ...] = (
    *notes.RULES,
    *marker_placement.RULES,
    *bibliography.RULES,
    *pages.RULES,
    *short_forms.RULES,
    *form.RULES,
    *errors.RULES,
)

BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
