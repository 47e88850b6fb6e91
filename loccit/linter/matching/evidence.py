"""Whether a text names a bibliography entry outside any parsed citation, and how surely.

The note parser misses citations it cannot read: author-date ones ("(Latour 2005, 171)", "Culp, 2016"),
a second citation run on after a comma or commentary, works credited in captions or in the running text.
Before a rule calls an entry uncited (or a cited work unlisted) it asks here whether the text names the
entry anyway. Three kinds of evidence count, each strong enough that a reader would see the citation:

- the lead author's surname followed within a few words by one of the entry's years ("surname and year");
- the surname followed at once by the start of the entry's title, as a short form is ("surname and title");
- the entry's whole title, long or numbered enough not to be an ordinary phrase ("title").
"""

from __future__ import annotations

import bisect
import re
from array import array
from functools import cache, cached_property

from loccit.linter.citations.scan import FOLDED_WORD, fold, fold_chars, fold_words
from loccit.linter.matching.resolve import Listed, listed_derived
from loccit.linter.model import Document
from loccit.linter.patterns import LazyPattern

_MARKED = LazyPattern(r"[*_“\"‘]([^*_“”\"‘’\n]{3,120}?)[*_”\"’]")
_ARTICLES = frozenset("the a an le la les l der die das el los las il lo gli".split())
_SMALL = frozenset("of and in on to for from with by at its his her their de du des van von und et".split())


class Folded:
    """A text folded to words, searched with `str.find` (fast, and no index to build for an essay queried
    about two or three entries), with the phrases it marks as titles (italic or quoted) found on demand.

    Phrases are looked for in the folded characters, before they are split into words (the folded text is
    their words joined by single spaces): most entries asked about are named nowhere, or a few times, and
    splitting a long essay costs more than reading the words around a few occurrences. A text whose phrases'
    first words occur often without the rest ("title" of every entry "Title 12") is split once after all, and
    so is one asked about many phrases: then each phrase is one `str.find` in the split text (ASCII more often
    than the folded characters, and faster to search), however many entries are asked about.
    """

    _LIMIT = 4096  # occurrences of one phrase looked at: a surname that is also a word ("So") may be everywhere
    _MISSES = 4096  # places read in vain, over all phrases, before the text is split into words
    _UNSPLIT = 16  # phrases looked for before it is split: many entries asked about (each search reads it all)

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._chars = fold_chars(raw)
        self._misses = self._asked = 0
        self._text: str | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = f" {fold_words(self._chars)} "
        return self._text

    @cached_property
    def words(self) -> list[str]:
        return self.text.split()

    @cached_property
    def marked(self) -> set[str]:
        return {fold(found.group(1)) for found in _MARKED.finditer(self.raw)}

    def phrase(self, words: list[str] | tuple[str, ...]) -> list[int]:
        """Where the words (folded, one word each) occur in a row: the offsets (in the folded characters) just
        after each occurrence."""
        chars = self._chars
        self._asked += 1
        if self._text is not None or self._misses >= self._MISSES or self._asked > self._UNSPLIT:
            return self._split_phrase(words)  # split already, or worth splitting now: one `str.find` each
        if not words or any(word not in chars for word in words):
            return []  # each folded word is a substring of the folded characters: one missing there is missing
        found: list[int] = []
        at = chars.find(words[0])
        while at >= 0 and len(found) < self._LIMIT:
            end, after = self._read(at, words)
            if end is not None:
                found.append(end)
            else:
                self._misses += 1
                if self._misses == self._MISSES:
                    break
            at = chars.find(words[0], after)  # the next word at the earliest: no word starts inside this one
        return found if self._misses < self._MISSES else self._split_phrase(words)

    def _read(self, at: int, words: list[str] | tuple[str, ...]) -> tuple[int | None, int]:
        """Whether the words are read in a row from the word at an offset: the end of the last or None, and the
        end of the word at the offset."""
        chars = self._chars
        word = FOLDED_WORD.match(chars, at)
        after = word.end() if word else at + 1
        if word is None or (at and FOLDED_WORD.match(chars, at - 1, at)) or word.group() != words[0]:
            return None, after  # inside a longer word, or the start of one
        for expected in words[1:]:
            word = FOLDED_WORD.search(chars, word.end())
            if word is None or word.group() != expected:
                return None, after
        return word.end(), after

    @cached_property
    def _word_offsets(self) -> tuple[array[int], array[int]]:
        """Each word's offset in `text`, and where it ends in the folded characters (arrays: a book has a
        million words)."""
        starts, ends, at = array("q"), array("q"), 1
        for word in FOLDED_WORD.finditer(self._chars):
            starts.append(at)
            ends.append(word.end())
            at += word.end() - word.start() + 1
        return starts, ends

    def _split_phrase(self, words: list[str] | tuple[str, ...]) -> list[int]:
        # The same occurrences as `phrase` reads, found in the text split into words.
        if not words:
            return []
        needle = f" {' '.join(words)} "
        found: list[int] = []
        at = self.text.find(needle)
        starts, ends = self._word_offsets if at >= 0 else (array("q"), array("q"))
        while at >= 0 and len(found) < self._LIMIT:
            found.append(ends[bisect.bisect_right(starts, at + len(needle) - 2) - 1])  # the end of its last word
            at = self.text.find(needle, at + 1)
        return found

    def following(self, at: int, count: int) -> list[str]:
        """The words after an offset that `phrase` gave, as many as the next 20 characters a word of the
        folded text hold."""
        limit = 20 * count
        window = ""
        for word in FOLDED_WORD.finditer(self._chars, at):
            if len(window) >= limit:
                break
            window += " " + word.group()
        return window[:limit].split()[:count]


def without_entries(doc: Document) -> str:
    """The document's text without its own bibliography entries, which would name every work they list."""

    def compute() -> str:
        text, pieces, at = doc.text, [], 0
        for entry in sorted(doc.entries, key=lambda e: e.text_start):
            pieces.append(text[at : entry.text_start])
            at = max(at, entry.text_start + len(entry.text))
        pieces.append(text[at:])
        return "\n\n".join(pieces)

    return doc.derived("text without entries", compute)


def outside_bibliography(doc: Document) -> Folded:
    """The document's text outside its own bibliography, folded and indexed (computed once per document)."""
    return doc.derived("folded text without entries", lambda: Folded(without_entries(doc)))


_ISSUE = LazyPattern(r"[*_\"”’.,]{0,3}\s{0,2}#\s?(\d+)")
_ENTRY_YEAR = re.compile(r"(?<!\d)((?:1[5-9]|20)\d\d)(?!\d)")


def _strip_articles(words: list[str]) -> tuple[str, ...]:
    while words and words[0] in _ARTICLES:
        words = words[1:]
    return tuple(words)


def _title_words(listed: Listed) -> tuple[str, ...]:
    """The title's folded words without a leading article; an issue number after it ("*Batman* #84") joins."""
    title = listed.work.title
    if title is None:
        return ()
    words = _strip_articles(fold(title.text).split())
    issue = _ISSUE.match(listed.entry.text, title.end)
    return (*words, issue.group(1)) if issue and words else words


def _main_words(listed: Listed) -> tuple[str, ...]:
    """The title's words before any subtitle, without a leading article."""
    title = listed.work.title
    if title is None:
        return ()
    return _strip_articles(fold(re.split(r"[:?!.]\s", title.text + " ", maxsplit=1)[0]).split())


def _year_after(following: list[str], years: tuple[str, ...], reach: int = 12) -> bool:
    """Whether one of the years follows within twelve words ("Venturini, Jacomy, and Jensen … (2019)")."""
    return any(word[:4].isdigit() and word.rstrip("abcdefgh") in years for word in following[:reach])


def _title_after(following: list[str], main: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """Whether the surname is followed at once by the title's start, or a long title word (a short form)."""
    following = list(_strip_articles(following[:3]))
    if not following or not main:
        return False
    first = following[0]
    if len(main) >= 2 and following[:2] == list(main[:2]):
        return True
    if len(main) == 1 and first == main[0] and len(first) >= 4:
        return True
    # "Schubart-Fikentscher, Autorschaft": a short title may be one long word of the title.
    return len(first) >= 8 and first in words and first not in _SMALL


def _whole_title(text: Folded, words: tuple[str, ...]) -> bool:
    """Whether the whole title occurs marked as a title ("*The Snake Pit*", "“Lavender Wheel”"), or with its
    number ("*Batman* #84"). A plain phrase is not enough: another author's book may bear the same title.
    """
    joined = " ".join(words)
    if len(words) < 2 or len(joined) < 8:
        return False
    if any(word.isdigit() for word in words) and text.phrase(words):
        return True
    return any(m == joined or m.endswith(" " + joined) for m in text.marked)


def _surnames(listed: Listed) -> list[tuple[str, ...]]:
    """The lead surname's folded words, and the second author's when there is one.

    An author list the entry parser took for one name ("Benzécri, J.-P., et al. 1973") gives its first word.
    """
    names = listed.authors or listed.work.editors
    return [tuple(fold(name.surname.split(",")[0]).split()) for name in names[:2]]


def _years(listed: Listed) -> tuple[str, ...]:
    return listed.work.imprint.years or tuple(_ENTRY_YEAR.findall(listed.entry.text))


def _after_surname(text: Folded, surname: tuple[str, ...]) -> list[int]:
    # "Panofsky’s" folds to "panofskys": the possessive keeps the name.
    found = text.phrase(surname)
    if surname:
        found += text.phrase((*surname[:-1], surname[-1] + "s"))
    return found


def named(text: Folded, listed: Listed, by_title: bool = True, any_year: bool = False) -> str | None:
    """How a folded text names the listed work outside a parsed citation, or None when it does not.

    With any_year, every year the entry's text holds counts, not only the imprint's: an entry that runs
    on into the next ("Blidstein, G. I.1982–3. … Chavel, H. (ed.). 1981.") is named by "Blidstein 1982–3";
    and the year may close a quotation of up to thirty words ("As Weinfeld wrote: '…' (1968: 114)").
    """
    surnames = _surnames(listed)
    if surnames and surnames[0] and len("".join(surnames[0])) >= 2:
        words, main, years = _title_words(listed), _main_words(listed), _years(listed)
        if any_year:
            years = tuple(dict.fromkeys((*years, *_ENTRY_YEAR.findall(listed.entry.text))))
        reach = 30 if any_year else 12
        for end in _after_surname(text, surnames[0]):
            following = text.following(end, reach + 1)
            if years and _year_after(following, years, reach):
                return "surname and year"
            if _title_after(following, main, words):
                return "surname and title"
            if len(surnames) > 1 and following[: 1 + len(surnames[1])] == ["and", *surnames[1]]:
                return "surnames"  # "Boelaert and Ollion stress …": two authors named together
    words = _title_words(listed)
    if by_title and words and _whole_title(text, words):
        return "title"
    return None


def surname_index(doc: Document) -> dict[str, list[Listed]]:
    """The entries a note may cite, by the first word of their lead surname (computed once per list of works)."""
    return listed_derived(doc, "entries by surname word", _by_surname_word)


def _by_surname_word(listed: tuple[Listed, ...]) -> dict[str, list[Listed]]:
    index: dict[str, list[Listed]] = {}
    for item in listed:
        surnames = _surnames(item)
        if surnames and surnames[0]:
            index.setdefault(surnames[0][0], []).append(item)
    return index


def named_among(text: Folded, index: dict[str, list[Listed]], how: frozenset[str]) -> Listed | None:
    """The first entry, among those whose surname the text contains, that the text names in one of these ways."""
    for word in dict.fromkeys(text.words):
        for listed in index.get(word, ()) or index.get(word[:-1], ()):
            if named(text, listed) in how:
                return listed
    return None


_NAME = r"[A-Z\u00c0-\u024f][\w’'\-]+(?:\s[A-Z\u00c0-\u024f][\w’'\-]+)?"


@cache
def _surnames_alone() -> re.Pattern[str]:
    """A note that cites by surname alone, as some essays do: "See Franklin.", "Cf. Hale and Okafor, 12."."""
    # Compiled on first use: ignoring case over these letter ranges makes it the costliest pattern to compile
    # (about 1 ms of every run's start-up), and only an essay with an uncited entry needs it.
    return re.compile(
        rf"\s*(?:(?:see(?:\salso)?|cf\.|compare)\s+)?({_NAME})(?:(?:,\s|\sand\s|\s&\s)({_NAME}))?"
        r"(?:,?\s(?:pp?\.\s?)?[\divxlc]+(?:[–-]\d+)?)?[.;]?\s*",
        re.I,
    )


def cited_by_surname(doc: Document) -> frozenset[str]:
    """The surnames, folded, that a note cites alone ("See Franklin.") (computed once per document)."""

    def compute() -> frozenset[str]:
        found: set[str] = set()
        pattern = _surnames_alone()
        for note in doc.definitions:
            alone = pattern.fullmatch(note.text)
            if alone is not None:
                found.update(fold(name) for name in alone.groups() if name)
        return frozenset(found)

    return doc.derived("surnames cited alone", compute)


def cited_alone(surnames: frozenset[str], listed: Listed) -> bool:
    """Whether a note cites the entry's lead author by surname alone."""
    names = _surnames(listed)
    return bool(names) and " ".join(names[0]) in surnames


def may_name(doc: Document, listed: Listed) -> bool:
    """A quick test before folding the whole text: its lead surname or a long title word occurs at all.

    Most uncited entries are named nowhere; this spares folding and indexing a long essay for them.
    """
    raw = doc.derived("casefolded text without entries", lambda: without_entries(doc).casefold())
    names = listed.authors or listed.work.editors
    probes = [name.surname.split(",")[0].split()[-1].casefold() for name in names[:1] if name.surname.split()]
    title = listed.work.title
    probes += [word.casefold() for word in re.findall(r"\w{4,}", title.text)[:3]] if title else []
    return any(probe in raw for probe in probes if probe)
