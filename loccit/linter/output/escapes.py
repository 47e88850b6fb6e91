"""Text from essays and file names made safe to print: control characters and undecodable bytes as escapes."""

from __future__ import annotations

import io
import re
from typing import TextIO

from loccit.linter.patterns import LazyPattern

# C0 controls but tab (ESC, BEL, CR, LF …), DEL and C1 controls, the bidirectional embeddings, overrides and
# isolates that reorder a terminal line, and lone surrogates (the bytes of a file name that is not UTF-8).
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = LazyPattern("[\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that os.fsdecode could not decode, kept as its surrogate escape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    r"""Text that cannot drive a terminal: ESC shown as `\x1b`, an undecodable byte as `\xe9` (ruff does alike)."""
    return _UNSAFE.sub(_escape, text)


def utf8(text: str) -> str:
    r"""Text that encodes as UTF-8: an undecodable byte of a file name shown as `\xe9`, all else kept."""
    return _SURROGATE.sub(_escape, text)


def json_text(dumped: str) -> str:
    """JSON dumped with ensure_ascii=False made valid UTF-8: lone surrogates, only ever inside strings, escaped."""
    return _SURROGATE.sub(lambda match: _escape(match).replace("\\", "\\\\"), dumped)


class VisibleLines(io.TextIOBase):
    """A text stream that writes through to another with each line's control characters shown as escapes."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream

    def write(self, text: str) -> int:
        """Write the text, its newlines kept and every other control character escaped."""
        return self._stream.write("\n".join(visible(line) for line in text.split("\n")))

    def writable(self) -> bool:
        """A stream to write to."""
        return True
