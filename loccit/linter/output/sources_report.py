"""`loccit sources`: each bibliography entry with the notes citing it, then the works that match no entry."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, TextIO

from loccit.linter.citations.scan import fold, tidy
from loccit.linter.engine import project
from loccit.linter.engine.run import Configs
from loccit.linter.matching.intext import Found, intext_matches
from loccit.linter.matching.resolve import Listed, MatchOptions, Resolution, resolve
from loccit.linter.matching.similarity import author_agreement
from loccit.linter.matching.system import SystemFound, citation_system
from loccit.linter.model import Document
from loccit.linter.output.escapes import json_text, visible

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Closest:
    """The entry most like an unresolved work, to show why it did not match."""

    listed: Listed
    score: float
    same_author: bool


@dataclass(frozen=True)
class SourcesReport:
    """One document's resolution, arranged for a writer: entries with their notes, then the unresolved."""

    doc: Document
    entries: tuple[tuple[Listed, tuple[Resolution, ...]], ...]
    unresolved: tuple[tuple[Resolution, Closest | None], ...]
    origin: dict[int, str] = field(default_factory=dict)  # id(entry) -> the shared file it comes from
    system: SystemFound | None = None  # the citation system found, which decides the B rules that run
    in_text: dict[int, tuple[Found, ...]] = field(default_factory=dict)  # id(entry) -> in-text citations of it
    unmatched_in_text: tuple[Found, ...] = ()  # in-text citations of works no entry lists (or none for sure)


class Unreadable(Exception):
    """An essay or bibliography file that cannot be read or decoded."""


def load(paths: tuple[str, ...], configs: Configs) -> list[Document]:
    """The documents named, each with the bibliography files it is checked with, as `loccit check` groups them:
    a configuration's `bibliography`, or the bibliography-only files of a directory named on the command line."""
    docs: list[Document] = []
    for unit in project.plan(paths, configs):
        prepared = project.prepare(unit, configs.settings, configs.request.stdin)
        if prepared.errors:
            error = prepared.errors[0]
            raise Unreadable(f"{error.path}: {error.message}")
        docs.extend(prepared.docs)
    return docs


def closest(resolution: Resolution, listed: tuple[Listed, ...]) -> Closest | None:
    """The listed work whose title is most like the cited one's (preferring the same author)."""
    from rapidfuzz import fuzz

    work = resolution.citation.work
    if work.title is None:
        return None
    best: Closest | None = None
    for item in listed:
        if item.work.title is None:
            continue
        score = float(fuzz.ratio(fold(work.title.text), fold(item.work.title.text)))
        same = author_agreement(work.authors, item.authors + item.work.editors, 101.0) == "same"
        if best is None or (same, score) > (best.same_author, best.score):
            best = Closest(item, score, same)
    return best


def _shown(path: str) -> str:
    """A path relative to the working directory when it lies under it, as the command line would give it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def build(doc: Document, opts: MatchOptions | None = None) -> SourcesReport:
    """Arrange the document's resolution for `loccit sources`."""
    matching = resolve(doc, opts)
    by_entry: dict[int, list[Resolution]] = {}
    unresolved = []
    for resolution in matching.resolutions:
        if resolution.listed is not None:
            by_entry.setdefault(id(resolution.listed.entry), []).append(resolution)
        elif resolution.citation.work.kind.value != "ibid" and resolution.via is None:
            unresolved.append((resolution, closest(resolution, matching.listed)))
    entries = tuple((item, tuple(by_entry.get(id(item.entry), ()))) for item in matching.listed)
    origin = {id(entry): _shown(other.path) for other in doc.shared for entry in other.entries}
    in_text: dict[int, list[Found]] = {}
    unmatched: list[Found] = []
    for found in intext_matches(doc, opts):
        if found.how in _UNMATCHED:
            unmatched.append(found)
            continue
        for listed in (found.listed,) if found.listed is not None else found.others:
            in_text.setdefault(id(listed.entry), []).append(found)
    by_text = {key: tuple(value) for key, value in in_text.items()}
    system = citation_system(doc)
    return SourcesReport(doc, entries, tuple(unresolved), origin, system, by_text, tuple(unmatched))


# How an in-text citation that leads to no entry was left: shown apart, with the entries it came near.
_UNMATCHED = frozenset({"no match", "year matches none"})


def _in_text_line(doc: Document, found: Found) -> str:
    cite = found.cite
    line = doc.span(cite.start, cite.end).line
    return f"text (line {line}): {tidy(doc.text[cite.start : cite.end])!r}, {found.how}"


def _unmatched_line(doc: Document, found: Found) -> str:
    cite = found.cite
    near = ", ".join(str(listed.entry.span.line) for listed in found.others)
    how = f"{found.how}; closest entries: lines {near}" if near else found.how
    return f"line {doc.span(cite.start, cite.end).line}: {tidy(doc.text[cite.start : cite.end])!r}, {how}"


def _work_text(resolution: Resolution) -> str:
    work = resolution.citation.work
    title = f'"{tidy(work.title.text)}"' if work.title else "a work"
    return f"{title} by {work.lead}" if work.authors else title


def _why(resolution: Resolution, near: Closest | None) -> str:
    if resolution.how != "no match":
        return resolution.how
    if near is None:
        return "no entry to compare with"
    who = "same author" if near.same_author else "other author"
    return f"closest entry: line {near.listed.entry.span.line} ({who}, title score {near.score:.0f})"


def write_text(report: SourcesReport, stream: TextIO) -> None:
    """Print the report for a person: entries by section, then the unresolved notes (essay text made visible)."""
    stream.write("".join(visible(line) + "\n" for line in _text_lines(report)))


def _text_lines(report: SourcesReport) -> list[str]:
    lines = [report.doc.path]
    if report.system is not None:
        lines.append(f"  citation system: {report.system.system.value} ({report.system.reason})")
    if not report.entries:
        lines.append("  no bibliography entries")
    # With no note and no in-text citation read, "not cited" under every entry would mislead: say why once.
    nothing_read = not report.doc.definitions and not report.in_text
    if nothing_read and report.entries:
        lines.append("  no notes or in-text citations were recognised, so no entry is shown as cited")
    section: tuple[str, str | None] | None = None
    for listed, citing in report.entries:
        where = report.origin.get(id(listed.entry))
        if (listed.entry.section, where) != section:
            section = (listed.entry.section, where)
            lines += ["", f"{listed.entry.section}{f' ({where})' if where else ''}"]
        lines.append(f"  line {listed.entry.span.line}: {tidy(listed.entry.text)[:90]}")
        cited_in_text = report.in_text.get(id(listed.entry), ())
        if not citing and not cited_in_text and not nothing_read:
            lines.append("    not cited in any note" if not report.in_text else "    not cited in the text or any note")
        for found in cited_in_text:
            lines.append(f"    {_in_text_line(report.doc, found)}")
        for resolution in citing:
            note = resolution.citation.note
            lines.append(
                f"    note {note.label} (line {note.span.line}): {resolution.how}, score {resolution.score:.0f}"
            )
    lines += ["", "Notes whose works match no entry"]
    if not report.unresolved:
        lines.append("  none")
    for resolution, near in report.unresolved:
        note = resolution.citation.note
        lines.append(f"  note {note.label} (line {note.span.line}): {_work_text(resolution)}; {_why(resolution, near)}")
    if report.in_text or report.unmatched_in_text:
        lines += ["", "In-text citations that match no entry"]
        lines += [f"  {_unmatched_line(report.doc, found)}" for found in report.unmatched_in_text] or ["  none"]
    return lines


def _citing_json(resolution: Resolution) -> dict[str, Any]:
    note = resolution.citation.note
    return {"note": note.label, "line": note.span.line, "how": resolution.how, "score": round(resolution.score, 1)}


def to_json(report: SourcesReport) -> dict[str, Any]:
    """The versioned JSON shape of one document's report (schema version 1)."""
    entries = [
        {
            "line": listed.entry.span.line,
            "section": listed.entry.section,
            "file": report.origin.get(id(listed.entry), report.doc.path),
            "text": tidy(listed.entry.text),
            "cited_by": [_citing_json(resolution) for resolution in citing],
            "cited_in_text": [
                {
                    "line": report.doc.span(found.cite.start, found.cite.end).line,
                    "text": tidy(report.doc.text[found.cite.start : found.cite.end]),
                    "how": found.how,
                }
                for found in report.in_text.get(id(listed.entry), ())
            ],
        }
        for listed, citing in report.entries
    ]
    unresolved = []
    for resolution, near in report.unresolved:
        work = resolution.citation.work
        unresolved.append(
            {
                **_citing_json(resolution),
                "authors": [name.shown for name in work.authors],
                "title": tidy(work.title.text) if work.title else None,
                "container": tidy(work.container.text) if work.container else None,
                "form": work.kind.value,
                "closest": None
                if near is None
                else {
                    "line": near.listed.entry.span.line,
                    "score": round(near.score, 1),
                    "same_author": near.same_author,
                },
            }
        )
    found = report.system
    system = None if found is None else {"system": found.system.value, "reason": found.reason}
    return {
        "version": SCHEMA_VERSION,
        "path": report.doc.path,
        "citation_system": system,
        "entries": entries,
        "unresolved": unresolved,
        "unresolved_in_text": [_unmatched_json(report.doc, found) for found in report.unmatched_in_text],
    }


def _unmatched_json(doc: Document, found: Found) -> dict[str, Any]:
    cite = found.cite
    return {
        "line": doc.span(cite.start, cite.end).line,
        "text": tidy(doc.text[cite.start : cite.end]),
        "how": found.how,
        "near": [listed.entry.span.line for listed in found.others],
    }


def write_json(reports: list[SourcesReport], stream: TextIO) -> None:
    """Print the reports as one JSON array."""
    stream.write(json_text(json.dumps([to_json(report) for report in reports], ensure_ascii=False, indent=2)) + "\n")
