"""The registry: every rule loccit knows, in code order."""

from __future__ import annotations

from loccit.linter.diagnostics import Rule
from loccit.rules.bibliography import bibliography
from loccit.rules.errors import errors
from loccit.rules.form import form
from loccit.rules.notes import notes
from loccit.rules.notes import placement as marker_placement
from loccit.rules.pages import labels as pages
from loccit.rules.short_forms import short_forms

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
