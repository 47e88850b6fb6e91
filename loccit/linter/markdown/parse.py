"""Build the document model from an essay's text: headings, markers, definitions, bibliography."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence

from loccit.linter.markdown import citekeys, plain_notes, plaintext, sections, suppressions
from loccit.linter.markdown.blocks import LABEL, Block, parse_blocks, strip_closing_hashes
from loccit.linter.markdown.frontmatter import find_front_matter, later_blocks
from loccit.linter.markdown.inline import Regions, inline_notes, skip_regions
from loccit.linter.model import (
    Comment,
    Definition,
    Document,
    Heading,
    LineIndex,
    Marker,
    Metadata,
    NoteStyle,
    Section,
    Span,
)
from loccit.linter.patterns import LazyPattern

_FOOTNOTE_MARKER = re.compile(r"\[\^(" + LABEL + r")\]")
_NUMERIC_MARKER = LazyPattern(r"\[(\d{1,6})\](?![(\[:])|<sup>\s*\[?(\d{1,6})\]?\s*</sup>")
# Typed-up books mark notes "(12)"; only used when an essay has no bracketed markers at all.
_PARENTHESISED_MARKER = re.compile(r"\((\d{1,3})\)")
# A colon and a space after a marker inside a note: the next note's definition, missing its line break.
_RUN_IN = re.compile(r":[ \t]+\S")


def normalise(text: str) -> str:
    """Drop a byte-order mark and turn every line ending (CRLF, lone CR) into LF; columns are unchanged."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _line_span(doc: _Draft, start: int, end: int) -> Span:
    """doc.span for text on one line (a marker, a note's label), with one look-up in the line index."""
    starts = doc.lines.starts
    line = bisect.bisect_right(starts, start)
    column = start - starts[line - 1] + 1
    return Span(start, end, line, column, line, column + end - start)


def _headings(doc: _Draft, blocks: list[Block]) -> list[Heading]:
    headings = []
    for block in blocks:
        if block.kind != "heading":
            continue
        raw = doc.text[block.start : block.end].rstrip()
        level = int(block.token.get("attrs", {}).get("level", 1))
        if raw.lstrip().startswith("#"):
            title = strip_closing_hashes(raw.lstrip().lstrip("#").strip())
        else:
            title = " ".join(raw.splitlines()[:-1]).strip()
        start = block.start + len(raw) - len(raw.lstrip())
        headings.append(Heading(level, title, doc.span(start, block.start + len(raw))))
    return headings


def _footnote_definitions(doc: _Draft, blocks: list[Block]) -> list[Definition]:
    definitions = []
    heads = [(h.span.start, sections.clean_title(h.title)) for h in doc.headings]
    index = 0
    current: str | None = None
    for block in blocks:
        while index < len(heads) and heads[index][0] <= block.start:
            current = heads[index][1]
            index += 1
        if block.kind != "note_definition" or "_text_start" not in block.token:
            continue
        token = block.token
        text_start = token["_text_start"]
        body = doc.text[text_start : block.end].rstrip()  # the note only, never `text[:end]`: that copies the essay
        end = text_start + len(body)
        text = body.lstrip()
        label_start = token["_label_start"]
        definitions.append(
            Definition(
                token["label"],
                doc.span(label_start, end),
                _line_span(doc, label_start, text_start - 1),
                text,
                end - len(text),
                None,
                current,
            )
        )
    return definitions


# pandoc and cmark-gfm read `[^1]:` opening a list item as a note definition; its text runs to the next item.
_LISTED_DEFINITION = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\[\^(" + LABEL + r")\]:", re.M)
_ITEM_OR_BLANK = re.compile(r"^(?: {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)|[ \t]*$)", re.M)


def _listed_definitions(doc: _Draft, blocks: list[Block]) -> list[Definition]:
    """Note definitions written as list items (`- [^1]: …`), each ending at the next item or a blank line."""
    definitions = []
    for block in blocks:
        if block.kind != "list" or "[^" not in doc.text[block.start : block.end]:
            continue
        for m in _LISTED_DEFINITION.finditer(doc.text, block.start, block.end):
            line_end = doc.text.find("\n", m.end(), block.end)
            line_end = block.end if line_end < 0 else line_end + 1
            stop = _ITEM_OR_BLANK.search(doc.text, line_end, block.end)
            body = doc.text[m.end() : stop.start() if stop else block.end].rstrip()
            text = body.lstrip()
            label_start = m.start(1) - 2
            definitions.append(
                Definition(
                    m.group(1),
                    doc.span(label_start, m.end() + len(body)),
                    _line_span(doc, label_start, m.end() - 1),
                    text,
                    m.end() + len(body) - len(text),
                    None,
                    _section_at(doc, block.start),
                )
            )
    return definitions


def _section_at(doc: _Draft, offset: int) -> str | None:
    """The clean title of the last heading before offset, if any."""
    titles = [sections.clean_title(h.title) for h in doc.headings if h.span.start <= offset]
    return titles[-1] if titles else None


def inline_label(number: int) -> str:
    """The label of the nth inline note, as messages show it ("note 3 (inline) …"); no `[^label]` has a space."""
    return f"{number} (inline)"


def _inline_definitions(doc: _Draft, skipped: Regions, footnotes: list[Definition]) -> list[Definition]:
    """Inline notes, except inside a `[^label]:` note: a note holds no note, so its text stays the outer one's."""
    heads = [(h.span.start, sections.clean_title(h.title)) for h in doc.headings]
    starts = [start for start, _ in heads]
    inside = Regions((d.span.start, d.span.end) for d in footnotes)
    found = [(start, end) for start, end in inline_notes(doc.text, skipped) if start not in inside]
    labels = {d.label for d in footnotes}
    malformed = [(start, end) for start, end in found if _meant_as_marker(doc.text[start + 2 : end - 1], labels)]
    doc.malformed = [Marker(doc.text[s + 2 : e - 1], _line_span(doc, s, e), None) for s, e in malformed]
    found = [item for item in found if item not in malformed]
    definitions = []
    for number, (start, end) in enumerate(found, 1):
        body = doc.text[start + 2 : end - 1]
        text = body.strip()
        text_start = start + 2 + len(body) - len(body.lstrip())
        index = bisect.bisect_right(starts, start) - 1
        section = heads[index][1] if index >= 0 else None
        label_span = _line_span(doc, start, start + 2)
        definitions.append(
            Definition(inline_label(number), doc.span(start, end), label_span, text, text_start, None, section, True)
        )
    return definitions


def _meant_as_marker(body: str, labels: set[str]) -> bool:
    """Whether an inline note's text is a label, `^[6]` typed for `[^6]`: a number, or a defined note's label."""
    return (body.isdigit() and len(body) <= 4) or (body in labels and " " not in body)


def _in_text_order(doc: _Draft, definitions: list[Definition]) -> list[Definition]:
    """Notes in the order readers meet them: a definition at its first marker, an inline note where it stands."""
    first: dict[str, int] = {}
    for marker in doc.markers:
        first.setdefault(marker.label, marker.span.start)
    return sorted(definitions, key=lambda d: d.span.start if d.inline else first.get(d.label, d.span.start))


def _footnote_markers(doc: _Draft, skipped: Regions, definitions: list[Definition]) -> list[Marker]:
    # A label holds no bracket, so a marker can overlap a definition's `[^label]` only by starting where it does.
    labels = {d.label_span.start for d in definitions}
    notes = Regions((d.span.start, d.span.end) for d in definitions)
    markers = []
    for m in _FOOTNOTE_MARKER.finditer(doc.text):
        start, end = m.span()
        if start in labels or start in skipped:
            continue
        marker = Marker(m.group(1), _line_span(doc, start, end), None)
        if start in notes and _RUN_IN.match(doc.text, end):
            doc.run_in.append(marker)  # `… Archives. [^98]: "Garza…"`: a definition run onto a note's line
        else:
            markers.append(marker)
    return markers


def _markers(doc: _Draft, skipped: Regions, excluded: Regions) -> list[Marker]:
    markers = []
    for pattern in (_NUMERIC_MARKER, _PARENTHESISED_MARKER):
        for m in pattern.finditer(doc.text):
            if m.start() in excluded or (m.group(1) and m.start() in skipped) or _in_notes(doc, m.start()):
                continue
            label = m.group(1) or m.group(2)
            markers.append(Marker(label, doc.span(m.start(), m.end()), int(label)))
        if markers:
            break
    return markers


def _in_notes(doc: _Draft, offset: int) -> bool:
    return doc.notes_end > offset >= doc.notes_start


def _numeric_notes(doc: _Draft, notes_matcher: re.Pattern[str]) -> list[Definition]:
    """Find the notes section with numbered notes; set doc.notes_heading when one exists."""
    for index, heading in enumerate(doc.headings):
        title = sections.clean_title(heading.title)
        if not notes_matcher.fullmatch(title):
            continue
        end = len(doc.text)
        for later in doc.headings[index + 1 :]:
            if later.level <= heading.level:
                end = later.span.start
                break
        notes = sections.numbered_notes(doc.text, heading.span.end, end, title, doc.span)
        if notes:
            doc.notes_heading = heading
            doc.notes_start, doc.notes_end = heading.span.start, end
            return notes
    return []


class _Draft:
    """The document while it is being parsed: what has been found so far, and spans over its text."""

    def __init__(self, path: str, text: str, style: NoteStyle) -> None:
        self.path, self.text, self.style = path, text, style
        self.lines = LineIndex.of(text)
        self.span = self.lines.span
        self.headings: list[Heading] = []
        self.markers: list[Marker] = []
        self.run_in: list[Marker] = []
        self.malformed: list[Marker] = []
        self.definitions: list[Definition] = []
        self.notes_heading: Heading | None = None
        self.notes_start = self.notes_end = 0


def parse_document(
    path: str,
    text: str,
    style: NoteStyle | None = None,
    bibliography_headings: Sequence[str] = sections.BIBLIOGRAPHY_HEADINGS,
    notes_headings: Sequence[str] = sections.NOTES_HEADINGS,
) -> Document:
    """Parse normalised text into a frozen Document; style None means detect it.

    Text with no Markdown in it whose plain-text structure shows (bare-line headings, bullet glyphs, notes with
    no heading, page furniture) is read as pasted plain text.
    """
    doc = _Draft(path, text, style or NoteStyle.FOOTNOTE)
    bib_matcher = sections.heading_matcher(bibliography_headings)
    notes_matcher = sections.heading_matcher(notes_headings)
    signal = plaintext.markdown_signal(text)
    if signal is None:
        layout = plaintext.layout(text, bib_matcher, notes_matcher, doc.lines)
        if layout.evidence:
            return _plain_document(doc, layout, style, bib_matcher, "; ".join(layout.evidence))
        reason = "no Markdown syntax and no plain-text structure"
    else:
        reason = f"the text has {signal}"
    blocks, env = parse_blocks(text)
    doc.headings = _headings(doc, blocks)
    footnotes = _footnote_definitions(doc, blocks)
    if footnotes or "[^" in text:
        footnotes = sorted(footnotes + _listed_definitions(doc, blocks), key=lambda d: d.span.start)
    references = env.get("ref_links") or {}
    skipped = skip_regions(text, blocks, frozenset(references))
    # A definition in a comment that HTML opened and CommonMark closed early is no note (see inline._comments).
    footnotes = [d for d in footnotes if d.span.start not in skipped]
    numeric: list[Definition] = []
    # Inline notes do not decide the style: a stray "^[A-Z]" must not hide a numeric essay's Notes section.
    if style is NoteStyle.NUMERIC or (style is None and not footnotes and not _has_footnote_marker(text, skipped)):
        numeric = _numeric_notes(doc, notes_matcher)
        if numeric:
            doc.style = NoteStyle.NUMERIC
    if doc.style is NoteStyle.NUMERIC:
        doc.definitions = numeric
        excluded = Regions((d.label_span.start, d.label_span.end) for d in doc.definitions)
        doc.markers = [m for m in _markers(doc, skipped, excluded) if not _is_link_reference(m, env)]
    else:
        doc.markers = _footnote_markers(doc, skipped, footnotes)
        inline = _inline_definitions(doc, skipped, footnotes)
        doc.definitions = _in_text_order(doc, footnotes + inline)
    listed = sections.bibliography_sections(
        text,
        doc.headings,
        blocks,
        bib_matcher,
        doc.span,
        excluded=doc.notes_heading,
    )
    metadata, floor, later = _metadata(doc, skipped)
    cited = citekeys.scan(text, Regions(skipped.intervals() + later) if later else skipped, floor, doc.span)
    comments = suppressions.find_comments(text, blocks, doc.span)
    return _frozen(doc, listed, comments, plaintext.MARKDOWN, reason, skipped, cited, metadata)


def _frozen(
    doc: _Draft,
    listed: list[Section],
    comments: tuple[Comment, ...],
    reading: str,
    reason: str,
    skipped: Regions,
    cited: citekeys.Found | None = None,
    metadata: Metadata | None = None,
) -> Document:
    definitions, found = suppressions.strip_trailing(doc.text, doc.definitions, listed)
    return Document(
        doc.path,
        doc.text,
        doc.lines,
        doc.style,
        tuple(doc.headings),
        tuple(doc.markers),
        definitions,
        found,
        doc.notes_heading,
        doc.notes_start,
        doc.notes_end,
        comments=comments,
        run_in=tuple(doc.run_in),
        malformed=tuple(doc.malformed),
        reading=reading,
        reading_reason=reason,
        citations=tuple(cited.citations) if cited else (),
        cross_references=tuple(cited.cross_references) if cited else (),
        example_items=tuple(cited.example_items) if cited else (),
        metadata=metadata,
        skipped=tuple(skipped.intervals()),
    )


def _plain_document(
    doc: _Draft, layout: plaintext.Layout, style: NoteStyle | None, bib_matcher: re.Pattern[str], reason: str
) -> Document:
    """The Document of pasted plain text, from the structure inferred for it."""
    text, masked = doc.text, layout.masked
    doc.headings = layout.headings
    skipped = Regions(skip_regions(text, layout.blocks).intervals() + layout.furniture)
    if layout.notes is not None and style is not NoteStyle.FOOTNOTE:
        start, end = layout.notes
        heading = layout.notes_heading
        section = sections.clean_title(heading.title) if heading else None
        doc.definitions = sections.numbered_notes(masked, start, end, section, doc.span, plain_notes.NOTE_ITEM)
        if doc.definitions:
            doc.notes_heading = heading
            doc.notes_start, doc.notes_end = (heading.span.start if heading else start), end
    if doc.definitions or style is NoteStyle.NUMERIC:
        doc.style = NoteStyle.NUMERIC
        labels = Regions((d.label_span.start, d.label_span.end) for d in doc.definitions)
        doc.markers = [
            Marker(str(number), _line_span(doc, start, end), number)
            for start, end, number in plain_notes.markers(text)
            if start not in skipped and start not in labels and not _in_notes(doc, start)
        ]
    listed = sections.bibliography_sections(
        masked, doc.headings, layout.blocks, bib_matcher, doc.span, excluded=doc.notes_heading
    )
    return _frozen(doc, listed, (), plaintext.PLAIN, reason, skipped)


def _metadata(doc: _Draft, skipped: Regions) -> tuple[Metadata | None, int, list[tuple[int, int]]]:
    """The citation metadata of the front matter and of the metadata blocks further down (None when there are
    none), where the front matter ends, and where the later blocks are (no citations are read in them)."""
    front = find_front_matter(doc.text)
    if front is None and "\n---" not in doc.text:
        return None, 0, []
    # imported here: a check of an essay with no YAML metadata never loads the bibliography-file code
    from loccit.linter.bibfiles.metadata import mentions_citations, merge_metadata, read_metadata

    found = None
    floor = 0
    if front is not None:
        found = read_metadata(doc.text[front.start : front.end], doc.path, doc.lines, front.start)
        floor = front.block_end
    later: list[tuple[int, int]] = []
    if "\n---" not in doc.text[floor:]:
        return found, floor, later
    blocks = [found] if found is not None else []
    for block in later_blocks(doc.text, floor, skipped.__contains__):
        yaml_text = doc.text[block.start : block.end]
        if not mentions_citations(yaml_text):
            continue
        more = read_metadata(yaml_text, doc.path, doc.lines, block.start)
        if more.problem is not None:
            continue  # not YAML: pandoc reads a rule and text, not metadata
        later.append((block.start, block.end))
        blocks.append(more)
    return (merge_metadata(blocks) if later else found), floor, later


def _has_footnote_marker(text: str, skipped: Regions) -> bool:
    return any(m.start() not in skipped for m in _FOOTNOTE_MARKER.finditer(text))


def _is_link_reference(marker: Marker, env: Mapping[str, object]) -> bool:
    links = env.get("ref_links")
    return isinstance(links, dict) and marker.label in links
