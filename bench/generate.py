"""Deterministic essays for the benchmark, shaped like the seed essay: long paragraphs, notes, a bibliography.

Every word is made up here (no corpus text). The same seed and size give the same bytes on every machine.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

SUBJECTS = (
    "the canal board",
    "the harbour guild",
    "the river commission",
    "the lighthouse service",
    "the county assessors",
    "the ferry company",
    "the salt merchants",
    "the survey office",
    "the customs house",
    "the weavers' union",
)
VERBS = (
    "reorganised",
    "questioned",
    "defended",
    "abandoned",
    "financed",
    "recorded",
    "resisted",
    "expanded",
    "audited",
    "petitioned",
    "rebuilt",
    "taxed",
)
OBJECTS = (
    "the northern locks",
    "its own charter",
    "the toll schedule",
    "the winter ledgers",
    "the coastal beacons",
    "the older maps",
    "the grain quotas",
    "the rival towns",
    "the new embankment",
    "the harbour dues",
)
CLAUSES = (
    "although the records from that decade are thin",
    "which contemporaries described as “a quiet revolution”",
    "as the minutes of the spring session make plain",
    "despite the ‘customary’ objections of the aldermen",
    "so that the older arrangements survived in name only",
    "while the accounts show a steady deficit",
    "and the reformers called this “the great levelling”",
    "in what one clerk called a ‘temporary’ measure",
)
SURNAMES = ("Aldane", "Brevik", "Castell", "Dunmore", "Ellery", "Fairlie", "Gorse", "Harrow", "Ilsley", "Jessop")
GIVEN = ("Ada", "Bram", "Cora", "Dov", "Edda", "Finn", "Greta", "Hugo", "Iris", "Jonas")
TITLES = (
    "Tolls and Tides",
    "The Quiet Revolution",
    "Ledgers of the Coast",
    "Locks, Levels and Lords",
    "A History of the River Commission",
    "Salt and Silver",
    "The Survey Years",
    "Harbour Politics 1820-1860",
)
CITIES = ("Leith", "Bruges", "Halifax", "Gdansk", "Porto", "Cork")


def _sentence(rng: random.Random) -> str:
    text = f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    if rng.random() < 0.6:
        text += f", {rng.choice(CLAUSES)}"
    return text + "."


@dataclass(frozen=True)
class _Work:
    given: str
    surname: str
    title: str
    city: str
    year: int

    @property
    def short(self) -> str:
        return " ".join(self.title.split(":")[0].split()[:3])


_ENDINGS = ("", "ton", "ley", "wick", "more", "by", "ford", "stead", "holm", "worth", "ridge", "field")


def _new_work(rng: random.Random, works: dict[tuple[str, str], _Work]) -> _Work:
    """A work not yet in the essay: an author, a title (a period added when the pair is taken), a place and year."""
    # Real bibliographies rarely list two works by one surname: surnames and titles are combined from parts.
    surname = rng.choice(SURNAMES) + rng.choice(_ENDINGS)
    title = f"{rng.choice(SUBJECTS).title()} and {rng.choice(OBJECTS)}" if rng.random() < 0.5 else rng.choice(TITLES)
    title += f": {rng.choice(SUBJECTS).title()}" if rng.random() < 0.5 else ""
    while (surname, title) in works:
        start = rng.randint(1700, 1950)
        title = f"{rng.choice(TITLES)}, {start}-{start + rng.randint(5, 60)}"
    work = _Work(rng.choice(GIVEN), surname, title, rng.choice(CITIES), rng.randint(1950, 2020))
    works[surname, title] = work
    return work


def _pages(rng: random.Random) -> str:
    if rng.random() < 0.3:
        first = rng.randint(2, 300)
        return f"pp.{first}-{first + rng.randint(1, 9)}"
    return f"p.{rng.randint(2, 400)}"


def _citation(rng: random.Random, works: dict[tuple[str, str], _Work], previous: _Work | None) -> tuple[str, _Work]:
    """A note: a new work in full, an earlier one in short form, or Ibid. for the previous note's work."""
    if previous is not None and rng.random() < 0.15:
        return f"Ibid., {_pages(rng)}.", previous
    if not works or rng.random() < 0.3:
        w = _new_work(rng, works)
        return f"{w.given} {w.surname}, {w.title} ({w.city}, {w.year}), {_pages(rng)}.", w
    w = rng.choice(list(works.values())[-50:])  # recent works are cited again most
    return f"{w.surname}, {w.short}, {_pages(rng)}.", w


def _entry(work: _Work) -> str:
    return f"- {work.surname}, {work.given}. {work.title}. {work.city}, {work.year}.\n"


def _marker(rng: random.Random, label: str) -> str:
    roll = rng.random()
    if roll < 0.02:
        return f" [^{label}]"  # a space before the marker (N006)
    if roll < 0.04:
        return f"[^{label}]x"  # glued to the next word (N006)
    return f"[^{label}]"


def essay(size: int, seed: int) -> str:
    """A footnoted essay of about `size` bytes (UTF-8), with a few of the defects loccit reports."""
    text, listed = _essay(size, seed)
    return text + "\n## Bibliography\n\n" + "".join(_entry(work) for work in listed)


def _essay(size: int, seed: int) -> tuple[str, list[_Work]]:
    """An essay's text and notes, and the works its bibliography lists."""
    rng = random.Random(seed)
    parts = [f"# {rng.choice(TITLES)}: {rng.choice(SUBJECTS).title()}\n\n"]
    notes: list[str] = []
    works: dict[tuple[str, str], _Work] = {}
    total = len(parts[0])
    previous: _Work | None = None
    while total + 20 * len(notes) < size:  # about 20 bytes a note go to the bibliography
        sentences = []
        for _ in range(rng.randint(6, 14)):
            sentence = _sentence(rng)
            if rng.random() < 0.35:
                label = str(len(notes) + 1)
                text, previous = _citation(rng, works, previous)
                notes.append(f"[^{label}]: {text}\n")
                total += len(notes[-1].encode())
                sentence += _marker(rng, label)
            if rng.random() < 0.05:
                sentence += " See `ledger [3]` and <https://example.org/records>."
            sentences.append(sentence)
        parts.append(" ".join(sentences) + "\n\n")
        total += len(parts[-1].encode())
    if notes:
        notes.pop()  # a marker left without its note (N001): every tool has something to report
    if rng.random() < 0.3:
        text, _ = _citation(rng, {}, None)
        notes.append(f"[^{len(notes) + 40}]: {text}\n")  # a note nobody cites (N002), of a work not listed (B001)
    listed = sorted(works.values(), key=lambda w: (w.surname, w.given, w.title))
    if listed and rng.random() < 0.3:
        listed.pop(rng.randrange(len(listed)))  # a cited work left out of the bibliography (B001)
    return "".join(parts) + "".join(notes), listed


@dataclass(frozen=True)
class _Cited:
    """A work of an author-date essay: its lead author's work and perhaps a second author's surname."""

    work: _Work
    second: str | None

    def names(self, joint: str) -> str:
        return f"{self.work.surname}{joint}{self.second}" if self.second else self.work.surname


def _apa_pages(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.5:
        return ""
    if roll < 0.7:
        first = rng.randint(2, 300)
        return f", pp. {first}–{first + rng.randint(1, 9)}"
    return f", p. {rng.randint(2, 400)}"


def _new_cited(rng: random.Random, works: dict[tuple[str, str], _Work], taken: set[tuple[str, int]]) -> _Cited:
    """A work with a lead author and year no other work of the essay has (an ambiguous pair is another defect)."""
    while True:
        work = _new_work(rng, works)
        if (work.surname, work.year) not in taken:
            taken.add((work.surname, work.year))
            second = rng.choice(SURNAMES) + rng.choice(_ENDINGS) if rng.random() < 0.25 else None
            return _Cited(work, second)


def _apa_citation(rng: random.Random, sentence: str, cited: list[_Cited], new: bool) -> str:
    """The sentence with an APA citation: parenthetical, of one or two works, or narrative after it
    ("Aldane (1990, p. 4) agrees."); a new work is cited first."""
    first = cited[-1] if new else rng.choice(cited[-30:])
    if rng.random() < 0.25:
        possessive = "'s study" if rng.random() < 0.2 else ""
        return f"{sentence} {first.names(' and ')}{possessive} ({first.work.year}{_apa_pages(rng)}) agrees."
    chosen = [first] + ([rng.choice(cited[-30:])] if rng.random() < 0.25 else [])
    chosen = list(dict.fromkeys(chosen))
    inside = "; ".join(f"{c.names(' & ')}, {c.work.year}{_apa_pages(rng)}" for c in chosen)
    return f"{sentence[:-1]} ({inside})."


def _apa_entry(cited: _Cited) -> str:
    work = cited.work
    authors = f"{work.surname}, {work.given[0]}."
    authors += f", & {cited.second}, {work.given[-1].upper()}." if cited.second else ""
    return f"{authors} ({work.year}). *{work.title}*. {work.city} Press.\n\n"


def author_date_essay(size: int, seed: int) -> str:
    """An APA essay of about `size` bytes citing in the text, with a reference list and a few planted defects."""
    rng = random.Random(seed)
    parts = [f"# {rng.choice(TITLES)}: {rng.choice(SUBJECTS).title()}\n\n"]
    works: dict[tuple[str, str], _Work] = {}
    taken: set[tuple[str, int]] = set()
    cited: list[_Cited] = []
    total = len(parts[0])
    while total + 25 * len(cited) < size:  # about 60 bytes a work go to the reference list
        sentences = []
        for _ in range(rng.randint(6, 14)):
            sentence = _sentence(rng)
            if rng.random() < 0.35:
                new = not cited or rng.random() < 0.3
                if new:
                    cited.append(_new_cited(rng, works, taken))
                sentence = _apa_citation(rng, sentence, cited, new)
            sentences.append(sentence)
        parts.append(" ".join(sentences) + "\n\n")
        total += len(parts[-1].encode())
    listed = list(cited)
    if len(listed) > 3 and rng.random() < 0.3:
        listed.pop(rng.randrange(len(listed)))  # a cited work left out of the reference list (B001)
    if rng.random() < 0.3:
        listed.append(_new_cited(rng, works, taken))  # a work nobody cites (B002)
    listed.sort(key=lambda c: (c.work.surname, c.work.year))
    if rng.random() < 0.3:
        parts.append(f"One page is labelled as several ({listed[0].names(' & ')}, {listed[0].work.year}, pp. 7).\n\n")
    return "".join(parts) + "## References\n\n" + "".join(_apa_entry(c) for c in listed)


def corpus(directory: Path, count: int, sizes: tuple[int, int], seed: int = 1, author_date: bool = False) -> list[Path]:
    """Write `count` essays with sizes spread between sizes[0] and sizes[1] bytes; return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    write = author_date_essay if author_date else essay
    paths = []
    for index in range(count):
        path = directory / f"essay-{index:04d}.md"
        path.write_text(write(rng.randint(*sizes), seed * 100_003 + index), encoding="utf-8")
        paths.append(path)
    return paths


def book(directory: Path, chapters: int, sizes: tuple[int, int], seed: int = 1) -> list[Path]:
    """A thesis: `chapters` chapters without bibliographies, one bibliography.md listing every chapter's works,
    and the pyproject.toml that shares it; return the chapters' paths and then the bibliography's."""
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths, works = [], {}
    for index in range(chapters):
        path = directory / f"chapter-{index:04d}.md"
        text, listed = _essay(rng.randint(*sizes), seed * 100_003 + index)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        works.update(((work.surname, work.title), work) for work in listed)
    listed = sorted(works.values(), key=lambda w: (w.surname, w.given, w.title))
    bibliography = directory / "bibliography.md"
    bibliography.write_text("# Bibliography\n\n" + "".join(_entry(work) for work in listed), encoding="utf-8")
    config = '[tool.loccit]\nbibliography = ["bibliography.md"]\n'
    (directory / "pyproject.toml").write_text(config, encoding="utf-8")
    return [*paths, bibliography]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--min-size", type=int, default=5_000)
    parser.add_argument("--max-size", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--book", action="store_true", help="chapters sharing one bibliography file")
    parser.add_argument("--author-date", action="store_true", help="APA essays citing in the text")
    args = parser.parse_args()
    sizes = (args.min_size, args.max_size)
    if args.book:
        paths = book(args.directory, args.count, sizes, args.seed)
    else:
        paths = corpus(args.directory, args.count, sizes, args.seed, author_date=args.author_date)
    for path in paths:
        print(path)


if __name__ == "__main__":
    main()
