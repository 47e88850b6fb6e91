"""Fields an entry's type needs (B013), by profile: what pandoc needs to print a full reference, what the biblatex
manual or the classic BibTeX documentation require; the variables of CSL-JSON and CSL-YAML items."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from loccit.linter.diagnostics import Rule, Severity, Violation
from loccit.linter.model import BibEntry, BibFile, Document
from loccit.rules.citekeys.files import bib_files, per_file

_RUN_ON = re.compile(r"\n[ \t]*([A-Za-z][\w-]*)[ \t]*=")
Groups = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class RequiredFieldsOptions:
    """Options of missing-entry-field."""

    profile: Literal["pandoc", "biblatex", "bibtex"] = "pandoc"
    """Which fields an entry type needs: `pandoc` (what pandoc's citeproc needs to print the entry), `biblatex`
    (the biblatex manual, 2.1.1) or `bibtex` (the classic BibTeX documentation, btxdoc)."""


_T, _A, _AE, _E = ("title",), ("author",), ("author", "editor"), ("editor",)
_DATE, _YEAR = ("year", "date"), ("year",)
_JOURNAL, _BOOKTITLE, _SCHOOL = ("journal", "journaltitle"), ("booktitle",), ("school", "institution")

# For pandoc's mapping of BibTeX to CSL: each alternative group must have one field present.
_PANDOC: dict[str, Groups] = {
    "article": (_T, _AE, _JOURNAL, _DATE),
    "book": (_T, _AE, _DATE),
    "incollection": (_T, _A, _BOOKTITLE, _DATE),
    "inproceedings": (_T, _A, _BOOKTITLE, _DATE),
    "inbook": (_T, _AE, _DATE),
    "phdthesis": (_T, _A, _SCHOOL, _DATE),
    "mastersthesis": (_T, _A, _SCHOOL, _DATE),
    "thesis": (_T, _A, _SCHOOL, _DATE),
    "techreport": (_T, _A, ("institution",), _DATE),
    "report": (_T, _A, ("institution",), _DATE),
}

# The biblatex manual, 2.1.1; biber reads the BibTeX names journal and school as journaltitle and institution.
_BL_CHAPTER: Groups = (_A, _T, _BOOKTITLE, _DATE)
_BL_COLLECTION: Groups = (_E, _T, _DATE)
_BL_PLAIN: Groups = (_AE, _T, _DATE)
_BL_ARTICLE: Groups = (_A, _T, _JOURNAL, _DATE)
_BL_THESIS: Groups = (_A, _T, _SCHOOL, _DATE)
_BL_ONLINE: Groups = (_AE, _T, _DATE, ("doi", "eprint", "url"))
_BIBLATEX: dict[str, Groups] = {
    "article": _BL_ARTICLE,
    "suppperiodical": _BL_ARTICLE,
    "book": _BL_PLAIN,  # the manual asks for an author; an edited volume typed @book is common and prints well
    "mvbook": _BL_PLAIN,
    "inbook": _BL_CHAPTER,
    "bookinbook": _BL_CHAPTER,
    "suppbook": _BL_CHAPTER,
    "booklet": _BL_PLAIN,
    "collection": _BL_COLLECTION,
    "mvcollection": _BL_COLLECTION,
    "reference": _BL_COLLECTION,
    "mvreference": _BL_COLLECTION,
    "periodical": _BL_COLLECTION,
    "incollection": _BL_CHAPTER,
    "suppcollection": _BL_CHAPTER,
    "inreference": _BL_CHAPTER,
    "inproceedings": _BL_CHAPTER,
    "conference": _BL_CHAPTER,
    "proceedings": (_T, _DATE),
    "mvproceedings": (_T, _DATE),
    "dataset": _BL_PLAIN,
    "manual": _BL_PLAIN,
    "misc": _BL_PLAIN,
    "software": _BL_PLAIN,
    "online": _BL_ONLINE,
    "electronic": _BL_ONLINE,
    "www": _BL_ONLINE,
    "patent": (_A, _T, ("number",), _DATE),
    "report": (_A, _T, ("type",), ("institution",), _DATE),
    "techreport": (_A, _T, ("institution",), _DATE),  # the alias sets the type itself
    "thesis": (_A, _T, ("type",), _SCHOOL, _DATE),
    "phdthesis": _BL_THESIS,
    "mastersthesis": _BL_THESIS,
    "unpublished": (_A, _T, _DATE),
}

# The classic BibTeX documentation (btxdoc, "Entry Types"); other types print as @misc.
_BT_PROCEEDINGS: Groups = (_A, _T, _BOOKTITLE, _YEAR)
_BT_THESIS: Groups = (_A, _T, ("school",), _YEAR)
_BIBTEX: dict[str, Groups] = {
    "article": (_A, _T, ("journal",), _YEAR),
    "book": (_AE, _T, ("publisher",), _YEAR),
    "booklet": (_T,),
    "inbook": (_AE, _T, ("chapter", "pages"), ("publisher",), _YEAR),
    "incollection": (_A, _T, _BOOKTITLE, ("publisher",), _YEAR),
    "inproceedings": _BT_PROCEEDINGS,
    "conference": _BT_PROCEEDINGS,
    "manual": (_T,),
    "mastersthesis": _BT_THESIS,
    "phdthesis": _BT_THESIS,
    "proceedings": (_T, _YEAR),
    "techreport": (_A, _T, ("institution",), _YEAR),
    "unpublished": (_A, _T, ("note",)),
}

# CSL-JSON and CSL-YAML items, which pandoc's citeproc prints whatever the profile: types whose parts are known.
_ISSUED, _CONTAINER = ("issued",), ("container-title",)
_CSL: dict[str, Groups] = {
    "article-journal": (_T, _AE, _CONTAINER, _ISSUED),
    "book": (_T, _AE, _ISSUED),
    "chapter": (_T, _AE, _CONTAINER, _ISSUED),
    "paper-conference": (_T, _AE, _CONTAINER, _ISSUED),
    "thesis": (_T, _A, _ISSUED),
}

_PROFILES: dict[str, tuple[dict[str, Groups], str]] = {
    "pandoc": (_PANDOC, "pandoc prints the reference without {it}"),
    "biblatex": (_BIBLATEX, "the biblatex manual requires {it} for @{kind}"),
    "bibtex": (_BIBTEX, "BibTeX's standard styles warn and print the reference without {it}"),
}
# Fields an entry takes from the one its `crossref` or `xdata` names; a parent's title is the child's booktitle.
_INHERITING = ("crossref", "xdata")
_FROM_PARENT_TITLE = ("booktitle", "maintitle", "journaltitle", "journal")


def _present(entry: BibEntry) -> set[str]:
    present = {name for name, value, _ in entry.fields if value.strip()}
    # A field swallowed by the one before it (a missing comma) is there; B012 reports the comma.
    present.update(name.lower() for _, value, _ in entry.fields if "\n" in value for name in _RUN_ON.findall(value))
    return present


def _inherited(entry: BibEntry, index: dict[str, BibEntry]) -> set[str] | None:
    """The fields an entry takes from its crossref or xdata parents; None when a parent is in no loaded file."""
    fields: set[str] = set()
    for name, value, _ in entry.fields:
        if name not in _INHERITING:
            continue
        for key in re.split(r"[\s,]+", value.strip()):
            parent = index.get(key)
            if key and parent is None:
                return None  # B021 reports the missing parent; what it would give is unknown
            if parent is not None:
                given = _present(parent)
                fields |= given | (set(_FROM_PARENT_TITLE) if "title" in given else set())
    return fields


def _missing(entry: BibEntry, table: dict[str, Groups], index: dict[str, BibEntry]) -> list[str]:
    groups = table.get(entry.kind, ())
    if not groups:
        return []
    present = _present(entry)
    if present.intersection(_INHERITING):
        inherited = _inherited(entry, index)
        if inherited is None:
            return []
        present |= inherited
    return [" or ".join(group) for group in groups if not present.intersection(group)]


def missing_fields(doc: Document, opts: RequiredFieldsOptions) -> Iterator[Violation]:
    """B013: a BibTeX entry without a field its type needs under the chosen profile; a CSL item without a variable."""
    files = bib_files(doc)
    table, why = _PROFILES[opts.profile]
    index: dict[str, BibEntry] = {}

    def compute(one: BibFile) -> Iterator[Violation]:
        if not index:  # built once, and only when a file is not in the memo yet
            index.update((entry.key, entry) for other in files for entry in other.entries)
        return _missing_fields(one, table, why, index)

    for found in files:
        if found.format == "bibtex":
            yield from per_file(f"B013 {opts.profile}", found, compute, files)
        else:
            yield from per_file("B013 csl", found, _missing_csl_fields)


def _missing_csl_fields(found: BibFile) -> Iterator[Violation]:
    """Each item of a CSL-JSON or CSL-YAML file that lacks a variable its type needs."""
    yield from _missing_fields(found, _CSL, _PROFILES["pandoc"][1], {})


def _missing_fields(
    found: BibFile, table: dict[str, Groups], why: str, index: dict[str, BibEntry]
) -> Iterator[Violation]:
    """Each entry of a BibTeX file that lacks a field its type needs."""
    for entry in found.entries:
        missing = _missing(entry, table, index)
        if missing:
            fields = ", ".join(f'"{name}"' for name in missing)
            reason = why.format(it="it" if len(missing) == 1 else "them", kind=entry.kind)
            what = f"@{entry.kind} entry" if found.format == "bibtex" else f"{entry.kind} item"
            yield Violation(entry.span, f'{what} "{entry.key}" has no {fields}; {reason}', path=found.path)


MISSING_ENTRY_FIELD = Rule(
    "B013",
    "missing-entry-field",
    "A BibTeX entry lacks a field its type needs",
    missing_fields,
    Severity.WARNING,
    RequiredFieldsOptions,
)
