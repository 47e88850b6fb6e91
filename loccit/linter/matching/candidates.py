"""Which bibliography entries a cited work could match: looked up by surname, year and title, never all pairs."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from types import ModuleType
from typing import TYPE_CHECKING, Any

from loccit.linter.citations.scan import fold
from loccit.linter.citations.works import Kind, Work

if TYPE_CHECKING:
    from loccit.linter.matching.resolve import Listed, MatchOptions

# Up to this many entries sharing a title's words are ranked one by one: scoring them in a batch costs more.
_FEW = 8
_STOPWORDS = frozenset("the a an of and in on to for from with by at its his her their la le les de der die".split())


@functools.cache
def _rapidfuzz() -> tuple[ModuleType, ModuleType]:
    """rapidfuzz's process and fuzz modules, imported on first use as in similarity."""
    from rapidfuzz import fuzz, process

    return process, fuzz


def _prefixes(title: str) -> set[str]:
    return {word[:5] for word in fold(title).split() if word not in _STOPWORDS}


class Fields:
    """The distinct titles (or containers) of the entries, folded once, with the entries that give each."""

    def __init__(self, texts: list[str | None]) -> None:
        self.ids: list[int] = []  # per entry: its field's number, -1 for none
        self.folded: list[str] = []
        self.main: list[str] = []  # folded text before the first colon, "" when there is none
        self.members: list[list[int]] = []  # per field: the entries that give it
        numbers: dict[str, int] = {}
        for order, text in enumerate(texts):
            if text is None:
                self.ids.append(-1)
                continue
            number = numbers.setdefault(text, len(numbers))
            if number == len(self.folded):
                self.folded.append(fold(text))
                self.main.append(fold(text.split(":", 1)[0]) if ":" in text else "")
                self.members.append([])
            self.ids.append(number)
            self.members[number].append(order)

    def close(self, cited: str, orders: Iterable[int], short: bool, cutoff: float) -> dict[int, float]:
        """The fields of these entries that title_score could rate at cutoff or more, with a bound of the score."""
        a = fold(cited)
        choices = {self.ids[order]: self.folded[self.ids[order]] for order in orders if self.ids[order] >= 0}
        if not a or not choices:
            return {}
        process, fuzz = _rapidfuzz()
        scorers: list[tuple[Any, dict[int, str]]] = [(fuzz.ratio, choices)]
        if ":" not in cited:
            scorers.append((fuzz.ratio, {number: self.main[number] for number in choices if self.main[number]}))
        if short:
            scorers.append((fuzz.token_set_ratio, choices))
        found: dict[int, float] = {}
        for scorer, texts in scorers:
            for _, score, number in process.extract(a, texts, scorer=scorer, score_cutoff=cutoff, limit=None):
                found[number] = max(score, found.get(number, 0.0))
        if not short:  # a full title is compared word by word only when one title begins the other
            found.update((number, 100.0) for number, b in choices.items() if b.startswith(a) or a.startswith(b))
        return found


class Index:
    """Entries by surname key, by surname and year, and by title-word prefix.

    A candidate by the cited author (or one spelt closely) needs a title (or, for a short form, a container)
    that could reach the low title threshold, whatever words it shares. Another author's work must share
    title words (two of the three rarest, when the citation's title has three; prefixes keep "Empire" and
    "Empires" together) and could reach the high threshold. An entry also qualifies by surname and year (a
    retitled article), or by surname alone when the citation names no title.
    """

    def __init__(self, listed: tuple[Listed, ...], opts: MatchOptions) -> None:
        self.listed = listed
        # Title scores are bounded with rapidfuzz's cutoffs, one point lower so no borderline title is lost.
        self.low = max(0.0, min(opts.min_score, opts.title_only_min_score) - 1)  # an author that agrees or is close
        self.high = max(0.0, opts.title_only_min_score - 1)  # any other author
        self.author_cutoff = opts.author_min_score - 1 if opts.author_min_score <= 100 else None
        self.by_key: dict[str, list[int]] = {}
        self.by_key_year: dict[tuple[str, str], list[int]] = {}
        self.by_word: dict[str, list[int]] = {}
        self.corporate: list[int] = []
        for order, item in enumerate(listed):
            for name in item.authors + item.work.editors:
                self.by_key.setdefault(name.key, []).append(order)
                for year in set(item.work.imprint.years):
                    self.by_key_year.setdefault((name.key, year), []).append(order)
                if name.corporate:
                    self.corporate.append(order)
            fields = (item.work.title, item.work.container)
            for word in {w for field in fields if field is not None for w in _prefixes(field.text)}:
                self.by_word.setdefault(word, []).append(order)
        self._titled: dict[tuple[str, bool], tuple[set[int], set[int], set[int]]] = {}
        self._word_sets: dict[str, set[int]] = {}
        self._near: dict[tuple[str, bool], set[int]] = {}
        self._by_author: dict[tuple[str, bool, str, bool], set[int]] = {}

    @functools.cached_property
    def by_year(self) -> dict[str, set[int]]:
        found: dict[str, set[int]] = {}
        for order, item in enumerate(self.listed):
            for year in item.work.imprint.years:
                found.setdefault(year, set()).add(order)
        return found

    @functools.cached_property
    def undated(self) -> set[int]:
        return {order for order, item in enumerate(self.listed) if not item.work.imprint.years}

    @functools.cached_property
    def titles(self) -> Fields:
        return Fields([item.work.title.text if item.work.title else None for item in self.listed])

    @functools.cached_property
    def containers(self) -> Fields:
        return Fields([item.work.container.text if item.work.container else None for item in self.listed])

    def candidates(self, work: Work) -> list[int]:
        """Indices, in bibliography order, of the entries that could match a cited work."""
        found: set[int] = set()
        if work.authors:
            key = work.authors[0].key
            if work.title is None:
                found.update(self.by_key.get(key, ()))
            else:  # with a title, the author alone matches only a retitled work of the same year
                for year in set(work.imprint.years):
                    found.update(self.by_key_year.get((key, year), ()))
            if work.authors[0].corporate:
                found.update(self.corporate)
        if work.title is not None:
            short = work.kind is not Kind.FULL
            few, high, _ = self.titled(work.title.text, short)
            found.update(few)
            if work.authors:
                found.update(self.by_author(work.title.text, short, work.authors[0].key, work.authors[0].corporate))
            # another author's work matches on its title alone, and only when the years agree
            years = set(work.imprint.years)
            if not years:
                found.update(high)
            elif high:
                found.update(high & self.undated)
                for year in years:
                    found.update(high & self.by_year.get(year, set()))
        return sorted(found)

    def near(self, key: str, corporate: bool) -> set[int]:
        """The entries naming this surname, one spelt closely enough (or, for a body, any body)."""
        known = self._near.get((key, corporate))
        if known is not None:
            return known
        found = set(self.by_key.get(key, ()))
        if corporate:
            found.update(self.corporate)
        if self.author_cutoff is not None and self.by_key:
            process, fuzz = _rapidfuzz()
            for other, _, _ in process.extract(
                key, list(self.by_key), scorer=fuzz.ratio, score_cutoff=self.author_cutoff, limit=None
            ):
                found.update(self.by_key[other])
        self._near[(key, corporate)] = found
        return found

    def by_author(self, title: str, short: bool, key: str, corporate: bool) -> set[int]:
        """The works of this author (or one spelt closely) whose title, or container for a short form, could
        reach the low threshold: scored whatever words they share ("Khrushchev" for "Khrushchev: The Man and
        His Era", "Color" for "Colour")."""
        known = self._by_author.get((title, short, key, corporate))
        if known is not None:
            return known
        works = self.near(key, corporate)
        found: set[int] = set()
        if len(works) <= _FEW:
            found = works
        else:
            for fields, close in ((self.titles, True), (self.containers, short)):
                scores = fields.close(title, works, short, self.low) if close else {}
                found.update(order for order in works if fields.ids[order] in scores)
        self._by_author[(title, short, key, corporate)] = found
        return found

    def _word_set(self, word: str) -> set[int]:
        found = self._word_sets.get(word)
        if found is None:
            found = self._word_sets[word] = set(self.by_word[word])
        return found

    def titled(self, title: str, short: bool) -> tuple[set[int], set[int], set[int]]:
        """The entries sharing the title's rarest words: all of them when few, else those whose title could
        reach the high threshold, and those that could reach the low one."""
        known = self._titled.get((title, short))
        if known is not None:
            return known
        # The three rarest title words; with three, an entry must share two (one may be misspelt).
        words = sorted((w for w in _prefixes(title) if w in self.by_word), key=lambda w: len(self.by_word[w]))
        if len(words) >= 3:
            a, b, c = (self._word_set(word) for word in words[:3])
            sharing = (a & b) | (a & c) | (b & c)
        else:
            sharing = set().union(*(self.by_word[word] for word in words))
        if len(sharing) <= _FEW:
            self._titled[(title, short)] = known = (sharing, set(), set())
            return known
        low: set[int] = set()
        high: set[int] = set()
        for fields, close in ((self.titles, True), (self.containers, short)):
            # a short form may name the book that holds a chapter: its container is scored like a title
            scores = fields.close(title, sharing, short, self.low) if close else {}
            for number, score in scores.items():
                entries = sharing.intersection(fields.members[number])
                low.update(entries)
                if score >= self.high:
                    high.update(entries)
        self._titled[(title, short)] = known = (set(), high, low)
        return known
