"""The registry: every rule loccit knows, in code order, each declared once in the module that checks it.

Rules are pure functions of a frozen Document and their own options (see loccit.linter.diagnostics.Rule).
This package imports the linter's model, citations and matching layers; it never imports the engine,
the configuration, the output formats or the command line.
"""

from __future__ import annotations

from loccit.linter.diagnostics import Rule
from loccit.rules.bibliography.agreement import AUTHOR_MISMATCH, PUBLICATION_MISMATCH, TITLE_MISMATCH
from loccit.rules.bibliography.entries import DUPLICATE_SOURCE, EMPTY_SECTION, SOURCE_ORDER
from loccit.rules.bibliography.intext import AMBIGUOUS_CITATION, CITATION_STYLE_MIX, TWO_AUTHOR_ET_AL
from loccit.rules.bibliography.missing import MISSING_SOURCE, NO_BIBLIOGRAPHY
from loccit.rules.bibliography.uncited import UNCITED_SOURCE
from loccit.rules.citekeys.crossrefs import CROSSREF_PREFIXED_KEY, MISSING_CROSSREF_LABEL
from loccit.rules.citekeys.fields import MISSING_ENTRY_FIELD
from loccit.rules.citekeys.files import (
    BIBLIOGRAPHY_SYNTAX,
    MALFORMED_DOI,
    UNESCAPED_PERCENT,
    UNREADABLE_BIBLIOGRAPHY,
)
from loccit.rules.citekeys.keys import EXAMPLE_LIST_CITATION, TRUNCATED_CITEKEY
from loccit.rules.citekeys.locators import UNKNOWN_LOCATOR_TERM
from loccit.rules.citekeys.values import INVALID_ENTRY_DATE, MISSING_CROSSREF_TARGET, REVERSED_PAGE_RANGE
from loccit.rules.errors.inputs import UNREADABLE_FILE, UNUSED_SUPPRESSION
from loccit.rules.form.heading import UNSPACED_HEADING
from loccit.rules.form.publication import PUBLICATION_PARENTHETICAL
from loccit.rules.form.quotes import UNBALANCED_QUOTES
from loccit.rules.form.spacing import CITATION_SPACING
from loccit.rules.notes.empty import EMPTY_NOTE
from loccit.rules.notes.malformed import MALFORMED_MARKER
from loccit.rules.notes.pairing import DUPLICATE_NOTE, UNDEFINED_NOTE, UNUSED_NOTE
from loccit.rules.notes.punctuation import MARKER_PUNCTUATION
from loccit.rules.notes.sequence import NOTE_SEQUENCE
from loccit.rules.notes.spacing import MARKER_SPACING
from loccit.rules.pages.labels import MISSING_LOCATOR, PAGE_LABEL_NUMBER, PAGE_LABEL_STYLE
from loccit.rules.pages.ranges import PAGE_RANGE_STYLE
from loccit.rules.short_forms.repeated import (
    IBID_AMBIGUOUS,
    REPEATED_FULL_CITATION,
    SHORT_BEFORE_FULL,
    SHORT_TITLE_DRIFT,
)

RULES: tuple[Rule, ...] = (
    UNDEFINED_NOTE,
    UNUSED_NOTE,
    DUPLICATE_NOTE,
    NOTE_SEQUENCE,
    EMPTY_NOTE,
    MARKER_SPACING,
    MARKER_PUNCTUATION,
    MALFORMED_MARKER,
    MISSING_SOURCE,
    UNCITED_SOURCE,
    AUTHOR_MISMATCH,
    TITLE_MISMATCH,
    PUBLICATION_MISMATCH,
    DUPLICATE_SOURCE,
    SOURCE_ORDER,
    EMPTY_SECTION,
    NO_BIBLIOGRAPHY,
    TRUNCATED_CITEKEY,
    EXAMPLE_LIST_CITATION,
    BIBLIOGRAPHY_SYNTAX,
    MISSING_ENTRY_FIELD,
    MALFORMED_DOI,
    UNESCAPED_PERCENT,
    AMBIGUOUS_CITATION,
    TWO_AUTHOR_ET_AL,
    CITATION_STYLE_MIX,
    INVALID_ENTRY_DATE,
    REVERSED_PAGE_RANGE,
    MISSING_CROSSREF_TARGET,
    UNKNOWN_LOCATOR_TERM,
    MISSING_CROSSREF_LABEL,
    CROSSREF_PREFIXED_KEY,
    PAGE_LABEL_STYLE,
    PAGE_LABEL_NUMBER,
    PAGE_RANGE_STYLE,
    MISSING_LOCATOR,
    SHORT_TITLE_DRIFT,
    SHORT_BEFORE_FULL,
    IBID_AMBIGUOUS,
    REPEATED_FULL_CITATION,
    UNBALANCED_QUOTES,
    CITATION_SPACING,
    PUBLICATION_PARENTHETICAL,
    UNSPACED_HEADING,
    UNREADABLE_FILE,
    UNUSED_SUPPRESSION,
    UNREADABLE_BIBLIOGRAPHY,
)

BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
