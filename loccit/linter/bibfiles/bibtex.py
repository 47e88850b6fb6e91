"""BibTeX and BibLaTeX files read with bibtexparser 2: entries with their lines, and what pandoc would reject."""

from __future__ import annotations

import gc
import re
from typing import Any

from loccit.linter.bibfiles.spans import line_span, plain
from loccit.linter.model import BibEntry, BibFile, BibProblem, LineIndex
from loccit.linter.patterns import LazyPattern

# A value running on into the next field's `name =`: the comma between them is missing.
_RUN_ON = LazyPattern(r"\n[ \t]*([A-Za-z][\w-]*)[ \t]*=[ \t]*[{\"\d]")
_PARENTHESISED = re.compile(r"@[ \t]*[A-Za-z]+[ \t]*\(")
_IGNORED_TYPES = frozenset({"comment", "string", "preamble"})


def _quiet() -> None:
    """bibtexparser logs each block it cannot read; those become findings, so its logger stays silent."""
    import logging

    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL + 1)


def _unwrap(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] + value[-1] in ("{}", '""'):
        return value[1:-1]
    return value


def _entry(path: str, text: str, lines: LineIndex, block: Any, raw_values: bool) -> BibEntry:
    line = block.start_line or 0
    fields = tuple(
        (
            field.key.lower(),
            _unwrap(str(field.value)) if raw_values else str(field.value),
            plain(line_span(lines, text, field.start_line if field.start_line is not None else line, field.key)),
        )
        for field in block.fields
    )
    span = line_span(lines, text, line, "@")
    opening = text.find("{", span.start, span.end)  # the key follows the brace: "b" is no match in "@book"
    key_at = text.find(block.key, opening if opening >= 0 else span.start, span.end)
    if key_at >= 0:
        span = lines.span(key_at, key_at + len(block.key))
    return BibEntry(block.key, block.entry_type.lower(), fields, path, span)


def _failure(text: str, lines: LineIndex, block: Any) -> BibProblem:
    raw = block.raw or ""
    opened, closed = raw.count("{") - raw.count("\\{"), raw.count("}") - raw.count("\\}")
    head = raw.split("\n", 1)[0].strip()[:60]
    if opened != closed:
        detail = f'unbalanced braces ({opened} "{{" and {closed} "}}")'
    else:
        detail = str(block.error).split("\n", 1)[0].rstrip(".")
    message = f'entry "{head}" cannot be read: {detail}; pandoc drops it or stops'
    return BibProblem("syntax", message, line_span(lines, text, block.start_line or 0, "@"))


def _entry_problems(text: str, lines: LineIndex, block: Any) -> list[BibProblem]:
    problems = []
    raw = block.raw or ""
    if _PARENTHESISED.match(raw.lstrip()):
        kind = raw.lstrip()[1:].split("(", 1)[0].strip()
        message = f'entry "{block.key}" is written "@{kind}(…)": pandoc reads only "@{kind}{{…}}"'
        problems.append(BibProblem("syntax", message, line_span(lines, text, block.start_line or 0, "@")))
    for field in block.fields:
        run_on = _RUN_ON.search(str(field.value))
        if run_on:
            message = (
                f'field "{field.key}" of entry "{block.key}" runs on into "{run_on.group(1)} = …": '
                "a comma is missing between them"
            )
            where = field.start_line if field.start_line is not None else block.start_line or 0
            problems.append(BibProblem("syntax", message, line_span(lines, text, where, field.key)))
    return problems


def parse_bibtex(path: str, text: str) -> BibFile:
    """Read a BibTeX or BibLaTeX file: every entry (duplicates too), blocks that fail, commas and braces missing."""
    import bibtexparser
    from bibtexparser import model

    _quiet()
    lines = LineIndex.of(text)
    # Parsing makes hundreds of thousands of objects and no reference cycle: the cycle collector, run again and
    # again over a growing heap meanwhile, made a large file's time grow faster than its size.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _read(path, text, lines, bibtexparser.parse_string(text), model)
    finally:
        if collecting:
            gc.enable()


def _read(path: str, text: str, lines: LineIndex, library: Any, model: Any) -> BibFile:
    """The entries and problems of a parsed library."""
    entries: list[BibEntry] = []
    problems: list[BibProblem] = []
    for found in library.blocks:
        block: Any = found
        raw_values = False
        if isinstance(found, model.DuplicateFieldKeyBlock):
            block, raw_values = found.ignore_error_block, True
            names = ", ".join(f'"{name}"' for name in sorted(found._duplicate_keys))
            message = f'entry "{block.key}" gives {names} twice; pandoc keeps one copy'
            problems.append(BibProblem("syntax", message, line_span(lines, text, found.start_line or 0, "@")))
        elif isinstance(found, model.DuplicateBlockKeyBlock):
            block, raw_values = found.ignore_error_block, True
        elif isinstance(found, model.ParsingFailedBlock):
            problems.append(_failure(text, lines, found))
            continue
        if isinstance(block, model.Entry) and block.entry_type.lower() not in _IGNORED_TYPES:
            entries.append(_entry(path, text, lines, block, raw_values))
            problems.extend(_entry_problems(text, lines, block))
    return BibFile(path, tuple(entries), tuple(problems), "bibtex")
