"""Generate a Quarto book for the benchmark: chapters citing with keys, one shared `.bib` of many entries.

    python bench/book.py OUT --chapters 50 --entries 5000

Deterministic for a seed. Each chapter has long paragraphs citing about a hundred keys (`[@key, p. 12]`,
`@key`, `[-@key]`), a few cross-references and footnotes; together the chapters cite every entry, so the
bibliography file is checked for entries never cited as well.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = (
    "the mill towns kept their looms long after the tariff fell and the ledgers show how wages followed prices "
    "while the unions argued over hours and the owners over rents in every district of the valley"
).split()
SURNAMES = "Lindqvist Marsh Okafor Reyes Tan Hale Nordahl Achebe Brandt Castillo Duarte Eriksen Fontaine".split()
TYPES = ("article", "book", "incollection")


def entry(index: int, rng: random.Random) -> str:
    surname = rng.choice(SURNAMES)
    key = f"{surname.lower()}{1900 + index % 120}{chr(97 + index % 26)}{index}"
    kind = TYPES[index % 3]
    fields = [
        f"  author = {{{surname}, {rng.choice('ABCDEFGH')}.}}",
        f"  title = {{{' '.join(rng.choice(WORDS) for _ in range(6)).capitalize()}}}",
        f"  year = {{{1900 + index % 120}}}",
    ]
    if kind == "article":
        fields += ["  journal = {Review of Textile History}", f"  doi = {{10.1000/rth.{index}}}"]
    elif kind == "book":
        fields.append("  publisher = {Fenland Press}")
    else:
        fields.append("  booktitle = {Essays on the Mills}")
    return f"@{kind}{{{key},\n" + ",\n".join(fields) + ",\n}\n", key


def chapter(number: int, keys: list[str], rng: random.Random) -> str:
    lines = [f'---\ntitle: "Chapter {number}"\n---\n', f"# Chapter {number} {{#sec-ch{number}}}\n"]
    for paragraph, start in enumerate(range(0, len(keys), 4)):
        words = [rng.choice(WORDS) for _ in range(120)]
        for offset, key in enumerate(keys[start : start + 4]):
            form = (f"[@{key}, p. {rng.randint(1, 400)}]", f"@{key}", f"[see -@{key}]")[offset % 3]
            words.insert(rng.randint(0, len(words)), form)
        if paragraph % 5 == 0:
            words.append(f"(see @fig-map{number}).[^{paragraph}]\n\n[^{paragraph}]: A note on the sources.")
        lines.append(" ".join(words) + "\n")
    lines.append(f"![Map of the mills](map{number}.png){{#fig-map{number}}}\n")  # what @fig-mapN points at
    return "\n".join(lines)


def generate(out: Path, chapters: int, entries: int, seed: int = 3) -> list[Path]:
    """Write `_quarto.yml`, `references.bib` and the chapters into out; return the chapters' paths."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    bib, keys = zip(*(entry(i, rng) for i in range(entries)), strict=True)
    (out / "references.bib").write_text("\n".join(bib), encoding="utf-8")
    names = [f"ch{n:02d}.qmd" for n in range(1, chapters + 1)]
    listing = "\n".join(f"    - {name}" for name in names)
    config = f"project:\n  type: book\nbook:\n  title: Mills\n  chapters:\n{listing}\nbibliography: references.bib\n"
    (out / "_quarto.yml").write_text(config, encoding="utf-8")
    per = -(-entries // chapters)
    paths = []
    for index, name in enumerate(names):
        share = list(keys[index * per : (index + 1) * per])
        (out / name).write_text(chapter(index + 1, share, rng), encoding="utf-8")
        paths.append(out / name)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--chapters", type=int, default=50)
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    for path in generate(args.out, args.chapters, args.entries, args.seed):
        print(path)


if __name__ == "__main__":
    main()
