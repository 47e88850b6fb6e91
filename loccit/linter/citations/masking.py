"""Hide what is not citation prose in a note (URLs, DOIs, code, HTML, link targets), keeping offsets."""

from __future__ import annotations

import re

from loccit.linter import cache as memo

MASK = "\x00"

_LITERALS = re.compile(
    # a code span, which may run over lines but never past a blank one (R's `r …` inline code); \` is a
    # TeX-style quote
    r"(?<!\\)`(?:[^`\n]|\n(?![ \t]*\n)){0,500}(?<!\\)`"
    r"|<[A-Za-z/!][^<>\n]{0,300}>"  # an HTML tag, comment or autolink
    r"|\]\([^()\s]{0,1000}(?:\s\"[^\"\n]{0,200}\")?\)"  # a link target and title
    r"|\]\[[^\]\n]{0,100}\]"  # a full reference link's label
    r"|\{%.{0,2000}?%\}|\{\{.{0,500}?\}\}"  # Liquid tags, which may span lines
    # pandoc citations, which citeproc formats
    r"|\[[^\[\]\n@]{0,200}@(?=\w)[^\[\]\n]{1,400}\]"
    r"|(?:https?|ftp)://[^\s<>\"]{1,2000}"
    r"|www\.[^\s<>\"]{1,2000}"
    r"|\bdoi:\s?\S{1,500}"
    r"|\b10\.\d{4,9}/\S{1,500}"
    r"|\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}"  # an e-mail address
    r"|\b[\w-]{1,63}(?:\.[\w-]{1,63}){0,4}\.(?i:com|org|net|edu|gov|io|uk|de|ru|html?|php|pdf|png|jpe?g|txt)\b"
    r"(?:/\S{0,500})?",
    re.S,
)

# Something every literal above contains; each alternative opens with a bare character, so re skips through
# prose in C to the next candidate, and a note without any (most notes) is returned as it is.
_HINT = re.compile(
    r"`|<|@|\{|\]\(|\]\[|://|www\.|doi:|10\.|\.(?i:com|org|net|edu|gov|io|uk|de|ru|html?|php|pdf|png|jpe?g|txt)\b"
)


# The locator, quote, spacing and publication checks each mask the same note: do it once per note text.
@memo.per_document
def mask_literals(text: str) -> str:
    """Replace URLs, DOIs, e-mail addresses, code spans, HTML tags and link targets with MASK characters."""
    if _HINT.search(text) is None:
        return text
    return _LITERALS.sub(lambda m: _keep_brackets(m.group()), text)


def _keep_brackets(found: str) -> str:
    """The mask for one literal."""
    # The "](" of a link target is prose punctuation; keep its closing bracket so text before stays intact.
    if found.startswith("]"):
        return "]" + MASK * (len(found) - 1)
    return MASK * len(found)
