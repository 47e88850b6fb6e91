"""The ecosystem check: every finding loccit gives on the shared real corpora, each with a verdict from reading it.

    python tests/ecosystem/check.py            # compare with verdicts.tsv, print precision per family
    python tests/ecosystem/check.py --update   # rewrite verdicts.tsv: keep verdicts, add new findings unjudged

verdicts.tsv has one line per finding: verdict (right, wrong, debatable, or unjudged), the finding as
`path:line:col: CODE message` with the path relative to the corpus folder, and a one-line reason.
Precision counts debatable findings as neither right nor wrong.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
VERDICTS = HERE / "verdicts.tsv"
FOLDERS = ("real", "real2")
SUFFIXES = (".md", ".markdown", ".txt", ".qmd", ".Rmd")
VERDICT_KINDS = ("right", "wrong", "debatable", "unjudged")
FAMILIES = "NBPSFE"


def documents(corpus: Path = CORPUS) -> list[str]:
    """The corpus documents as a writer would name them, relative to the corpus folder (SOURCES.md is not one)."""
    found = []
    for folder in FOLDERS:
        for path in sorted((corpus / folder).iterdir()):
            if path.suffix in SUFFIXES and path.name != "SOURCES.md":
                found.append(f"{folder}/{path.name}")
    return found


_ROW = re.compile(r"^\| `([^`]+)` \| ([^ |]+) \| `([^`]+)` \|", re.M)


def _rebuild(corpus: Path, folder: str, into: Path) -> dict[str, str]:
    """Lay a folder's files out as in their repositories (`OWNER__REPO/PATH`, from SOURCES.md), so a document finds
    the bibliography files and project files it names; return each laid-out path to the corpus name."""
    names: dict[str, str] = {}
    for name, repo, path in _ROW.findall((corpus / folder / "SOURCES.md").read_text(encoding="utf-8")):
        source = corpus / folder / name
        if not source.is_file():
            continue
        target = into / folder / repo.replace("/", "__") / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        names[target.relative_to(into).as_posix()] = f"{folder}/{name}"
    return names


def findings(corpus: Path = CORPUS) -> list[str]:
    """loccit's findings on the corpus with default settings, one `path:line:col: CODE message` each.

    real2 holds pandoc, Quarto and R Markdown documents with their bibliography and project files, flattened into
    one folder; they are checked laid out as in their repositories, and reported under their corpus names.
    """
    from click.testing import CliRunner

    from loccit.linter.cli.main import main

    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / "real").symlink_to(corpus / "real", target_is_directory=True)
        names = _rebuild(corpus, "real2", root)
        by_name = {flat: laid for laid, flat in names.items()}
        paths = [by_name.get(document, document) for document in documents(corpus)]
        os.chdir(root)
        try:
            result = CliRunner().invoke(main, ["check", "--isolated", "--output-format", "concise", *paths])
        finally:
            os.chdir(cwd)
    lines = [line for line in result.output.splitlines() if ": " in line and not line.startswith("Found ")]
    return [_renamed(line, names) for line in lines]


def _renamed(line: str, names: dict[str, str]) -> str:
    path, rest = line.split(":", 1)
    return f"{names.get(path, path)}:{rest}"


def read_verdicts(path: Path = VERDICTS) -> dict[str, tuple[str, str]]:
    """Finding -> (verdict, reason), from the committed file."""
    verdicts: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            verdict, finding, reason = line.split("\t")
            verdicts[finding] = (verdict, reason)
    return verdicts


def write_verdicts(current: Iterable[str], verdicts: dict[str, tuple[str, str]], path: Path = VERDICTS) -> None:
    lines = ["# verdict\tfinding (path relative to ../shared/corpus)\treason"]
    for finding in current:
        verdict, reason = verdicts.get(finding, ("unjudged", ""))
        lines.append(f"{verdict}\t{finding}\t{reason}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def code_of(finding: str) -> str:
    return finding.split(": ", 1)[1].split(" ", 1)[0]


def precision_table(verdicts: dict[str, tuple[str, str]]) -> str:
    """A Markdown table of right, wrong and debatable findings and precision per rule family."""
    counts: Counter[tuple[str, str]] = Counter((code_of(f)[0], v) for f, (v, _) in verdicts.items())
    rows = ["| family | right | wrong | debatable | precision |", "|---|---:|---:|---:|---:|"]
    for family in [*FAMILIES, "all"]:
        pick = (lambda f: True) if family == "all" else (lambda f, fam=family: f == fam)
        right = sum(n for (f, v), n in counts.items() if pick(f) and v == "right")
        wrong = sum(n for (f, v), n in counts.items() if pick(f) and v == "wrong")
        debatable = sum(n for (f, v), n in counts.items() if pick(f) and v == "debatable")
        if right + wrong + debatable == 0:
            continue
        precision = f"{right / (right + wrong):.2f}" if right + wrong else "–"
        rows.append(f"| {family} | {right} | {wrong} | {debatable} | {precision} |")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--update", action="store_true", help="rewrite verdicts.tsv for the current findings")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    current = findings()
    verdicts = read_verdicts() if VERDICTS.exists() else {}
    if args.update:
        write_verdicts(current, verdicts)
        verdicts = read_verdicts()
    new = [f for f in current if f not in verdicts]
    gone = [f for f in verdicts if f not in set(current)]
    for finding in new:
        print(f"+ {finding}")
    for finding in gone:
        print(f"- {finding}")
    print(precision_table({f: v for f, v in verdicts.items() if f in set(current)}))
    unjudged = sum(1 for f in current if verdicts.get(f, ("unjudged",))[0] == "unjudged")
    return 1 if new or gone or unjudged else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
