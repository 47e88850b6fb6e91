"""The linter: essays in, findings out, in layers that only import downwards.

`model.py` (the frozen Document and its spans), `diagnostics.py` (Rule, Violation, Diagnostic), `cache.py` (memos
of note-text functions) and `patterns.py` (regular expressions compiled on first use) are the ground every layer
stands on. Above them, in order: `markdown/` builds the Document, `citations/` reads what notes and entries cite,
`matching/` pairs cited works with entries, `loccit.rules` checks, `config/` decides what to check, `engine/`
runs files and projects and applies fixes, `output/` writes findings, `cli/` is the command line. The contract is
in pyproject.toml ([tool.importlinter]).
"""
