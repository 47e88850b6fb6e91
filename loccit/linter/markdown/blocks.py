"""Top-level Markdown blocks with offsets, from mistune plus loccit's note-definition plugin."""

from __future__ import annotations

import re
import string
from collections.abc import MutableMapping
from typing import Any, NamedTuple

import mistune
from mistune.block_parser import BlockParser
from mistune.core import BlockState

# Labels: no whitespace or brackets, at most 500 characters (mistune's limit, kept to stay linear).
LABEL = r"[^\s\[\]\\^]{1,500}"
DEFINITION_START = r"^ {0,3}\[\^(?P<note_label>" + LABEL + r")\]:"
_DEFINITION_START_RE = re.compile(DEFINITION_START, re.M)
_BLOCK_START_RE = re.compile(
    r" {0,3}(?:#{1,6}(?:[ \t]|$)|```|~~~|>|(?:[-*_][ \t]*){3,}$|<!--)",
)
_INDENTED_RE = re.compile(r"(?: {4}|\t| {1,3}\t)")
# A note ends before template syntax: a Liquid tag opening on its own line (`{% include figure.html`), or, for
# a note written inside a tag's attribute (`box-content="…[^a]: …" %}`), the line where the attribute or tag closes.
_TEMPLATE_LINE_RE = re.compile(r"[ \t]*(?:\{[%{]|[\"'][ \t]*$|[\"']?[ \t]*(?:%\}|\}\}))")


class Block(NamedTuple):
    """A top-level block: mistune's token type, its raw token and its [start, end) offsets.

    A named tuple rather than a frozen dataclass, as every block of every essay makes one.
    """

    kind: str
    start: int
    end: int
    token: dict[str, Any]


class _StampedState(BlockState):
    """A BlockState that stamps each top-level paragraph with the offset where it starts."""

    def add_paragraph(self, text: str) -> None:
        last = self.last_token()
        if self.parent is None and not (last and last["type"] == "paragraph"):
            self.tokens.append({"type": "paragraph", "text": text, "_start": self.cursor})
            return
        super().add_paragraph(text)


def strip_closing_hashes(title: str) -> str:
    """Drop an ATX heading's closing `#`s when a space or tab precedes them, in linear time.

    mistune's `(\\s+|^)#+\\s*$` search backtracks over every run of blanks: quadratic on a long one.
    """
    body = title.rstrip(" \t")
    bare = body.rstrip("#")
    if bare != body and bare[-1:] in (" ", "\t"):
        return bare.rstrip(" \t")
    return title


class _StampedParser(BlockParser):
    """A BlockParser that stamps tokens made by a rule (lists, quotes, HTML) with the rule's start."""

    def parse_atx_heading(self, m: re.Match[str], state: BlockState) -> int:
        text = strip_closing_hashes(m.group("atx_2").strip(string.whitespace))
        state.append_token({"type": "heading", "text": text, "attrs": {"level": len(m.group("atx_1"))}, "style": "atx"})
        return m.end() + 1

    def parse(self, state: BlockState, rules: list[str] | None = None) -> None:
        """Parse blocks; inside a list item or quote, only when a link reference could be defined there.

        loccit reads top-level tokens and the link references in env, never the tokens nested in a list
        or a quote; their extent is found before their content is parsed.
        """
        if state.parent is not None and "]:" not in state.src:
            return
        super().parse(state, rules)

    # A rule may parse further blocks itself (a list ends at a heading): those nested calls stamp
    # their own tokens first, so only tokens still unstamped take this rule's start.
    def parse_method(self, m: re.Match[str], state: BlockState) -> int | None:  # type: ignore[override]
        before, start = len(state.tokens), state.cursor
        result = super().parse_method(m, state)
        if state.parent is None:
            _stamp(state.tokens, before, start)
        return result

    def _parse_indent_code_fast(self, state: BlockState) -> int | None:
        before, start = len(state.tokens), state.cursor
        result = super()._parse_indent_code_fast(state)
        if result is not None and state.parent is None:
            _stamp(state.tokens, before, start)
        return result


def _stamp(tokens: list[dict[str, Any]], before: int, start: int) -> None:
    for token in tokens[before:]:
        token.setdefault("_start", start)


def definition_end(src: str, line_end: int) -> int:
    """Return where a note definition whose first line ends at line_end stops.

    Lazy lines continue it until a blank line; after blank lines, lines indented four spaces
    (a continuation paragraph) continue it too. A new definition or block construct ends it.
    """
    pos = line_end
    size = len(src)
    end = line_end
    blank_seen = False
    while pos < size:
        nl = src.find("\n", pos)
        next_pos = size if nl < 0 else nl + 1
        line = src[pos:next_pos]
        if not line.strip():
            blank_seen = True
        elif _DEFINITION_START_RE.match(line) or _TEMPLATE_LINE_RE.match(line):
            break
        elif blank_seen and not _INDENTED_RE.match(line):
            break
        elif not blank_seen and _BLOCK_START_RE.match(line):
            break
        else:
            end = next_pos
            blank_seen = False
        pos = next_pos
    return end


def _parse_definition(block: BlockParser, m: re.Match[str], state: BlockState) -> int:
    """mistune block rule: record a note definition with its offsets (top level only), and those right after it."""
    src = state.src
    while True:
        end = definition_end(src, state.find_line_end_at(m.start()))
        token = {"type": "note_definition", "label": m.group("note_label"), "_start": m.start()}
        if state.parent is None:
            token["_end"] = end
            token["_label_start"] = m.start("note_label") - 2
            token["_text_start"] = m.end()
        state.append_token(token)
        # At the top level, mistune's loop would parse a definition starting where this one ends with this rule
        # (no rule before it matches "[^"), after empty lines with its blank-line rule: take them here, without
        # more rounds of that loop.
        if state.parent is not None:
            return end
        after = end
        while src.startswith("\n", after):
            after += 1
        following = _DEFINITION_START_RE.match(src, after)
        if following is None:
            return end
        if after > end:
            state.append_token({"type": "blank_line", "_start": end})
        m = following


def loccit_notes(md: mistune.Markdown) -> None:
    """mistune plugin: note definitions become `note_definition` tokens instead of vanishing."""
    md.block.register("note_definition", DEFINITION_START, _parse_definition, before="ref_link")


def _markdown() -> mistune.Markdown:
    md = mistune.Markdown(renderer=None, block=_StampedParser(), plugins=[loccit_notes])
    md.block.state_cls = _StampedState
    return md


_MD: mistune.Markdown | None = None


def parse_blocks(text: str) -> tuple[list[Block], MutableMapping[str, Any]]:
    """Split normalised text (lines end in \\n) into top-level blocks; also return mistune's env."""
    global _MD
    if _MD is None:
        _MD = _markdown()
    state = _StampedState()
    src = text if text.endswith("\n") else text + "\n"
    state.process(src)
    _MD.block.parse(state)
    tokens = [t for t in state.tokens if "_start" in t]
    size = len(text)
    starts = [min(token["_start"], size) for token in tokens]
    nominal = starts[1:] + [size] if starts else []
    blocks = [
        Block(token["type"], start, max(start, min(token.get("_end", after), size)), token)
        for token, start, after in zip(tokens, starts, nominal, strict=True)
    ]
    return blocks, state.env
