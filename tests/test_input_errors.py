"""Bad input: undecodable files, missing paths and bad options give one clear finding or line, never a traceback."""

from __future__ import annotations

import pytest

from loccit.linter.engine import Settings, lint_text
from loccit.rules import RULES


@pytest.mark.parametrize(
    ("data", "position"),
    [
        (b"ab\xffcd", (1, 3)),
        (b"\xef\xbb\xbfab\xff", (1, 3)),  # the byte-order mark is not a column, as in every other finding
        (b"one\r\ntwo \xff", (2, 5)),
        (b"one\rtwo\rx\x00", (3, 2)),  # a lone CR ends a line
        (b"\xe2\x80\x9cquote\xe2\x80\x9d \xc3", (1, 9)),  # columns count code points
        (b"ok\n\x00binary", (2, 1)),
    ],
)
def test_unreadable_file_is_one_finding_at_first_bad_byte(data: bytes, position: tuple[int, int]) -> None:
    (finding,) = lint_text("essay.md", data, Settings(rules=RULES))
    assert (finding.code, (finding.line, finding.column), finding.end_column) == ("E001", position, position[1] + 1)
